"""Issue 23: found by drafting real abstracts and checking each value by eye (the texts here
are other wordings): a cohort's size is no population's n when that population's printed
percentages fit no whole count of it; a size's population is its own clause's; a size of
one of several cohorts is no cohort's size; a total split into named parts after a comma
or in brackets makes those parts cohorts (lane drafter7's whole_and_parts, which also reads
these); and the measure counts a statistic drafted for
the wrong one of several cohorts as wrong."""

from conftest import drafted_by_label, drafted_values
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval
from litmeta.extract.draft_feasible import counts_for, misfit

_values = drafted_values


@settings(max_examples=200, deadline=None)
@given(n=st.integers(1, 400), k=st.integers(0, 400), decimals=st.sampled_from([0, 1]))
def test_every_count_of_n_fits_its_own_printed_percentage(n, k, decimals):
    k = min(k, n)
    pct = f"{100 * k / n:.{decimals}f}"
    assert k in counts_for(pct, n)
    assert misfit(str(n), {"orr.events_pct": pct, "orr.events": str(k)}) is None


def test_a_percentage_no_count_of_the_size_gives_is_a_misfit():
    assert misfit("19", {"orr.events_pct": "27.8"}) is not None  # 5/18, never k/19
    assert misfit("Nineteen", {"orr.events_pct": "26.3"}) is None  # 5/19
    # each fits 90, but together they need 22 + 63 + 6 = 91 patients
    three = {"best_response.pr_pct": "24", "best_response.sd_pct": "70"}
    assert misfit("90", {**three, "best_response.pd_pct": "7"}) is not None
    assert misfit("90", three) is None
    # a count printed beside its percentage must be the one that fits
    assert misfit("40", {"orr.events_pct": "25", "orr.events": "11"}) is not None


def test_a_size_whose_percentages_do_not_fit_is_not_their_n():
    text = (
        "Seventeen eligible patients were enrolled. The objective response rate was 31.3% "
        "and the median PFS was 14.0 months.\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 17
    assert "cohort_size.n_efficacy" not in got and "orr.n" not in got  # 5/16, never k/17
    fits = _values(text.replace("31.3%", "29.4%"))  # 5/17
    assert fits["orr.n"] == 17


def test_a_size_printed_as_evaluated_takes_the_population_of_its_own_clause():
    text = (
        "Materials and Methods: All patients with progressive lung carcinoid treated with "
        "everolimus at our centre between 2008 and 2016 (n = 33) were included in this "
        "retrospective study. Toxicity was evaluable in 30 of 33 patients, and 24 patients "
        "were evaluable by RECIST 1.1. Results: A partial response was seen in 6 patients "
        "(25%).\n"
    )
    got = _values(text)
    assert got.get("cohort_size.n_safety") != 24
    assert got.get("cohort_size.n_efficacy") == 24


@given(
    sentence=st.sampled_from(
        [
            "One cohort included 40 patients with lung NET, and the other included 38 "
            "patients with thymic NET.",
            "A total of 40 patients were enrolled in the lung cohort and 38 patients in the "
            "thymic cohort.",
        ]
    )
)
def test_the_size_of_one_of_several_cohorts_is_no_cohort_size(sentence):
    got = drafted_by_label(sentence + " The objective response rate was 20%.\n")
    for values in got.values():
        assert values.get("cohort_size.n_enrolled") not in (40, 38) or len(got) > 1


@given(
    opening=st.sampled_from(
        [
            "Eighty-one patients were enrolled, 44 with lung and 37 with thymic NET.",
            "We included 81 pts (44 lung and 37 thymic NETs).",
        ]
    )
)
def test_a_total_split_into_named_parts_makes_them_cohorts(opening):
    text = (
        f"{opening} Stable disease was the best response in 63.6% (28/44) of lung and 54.1% "
        "(20/37) of thymic patients.\n"
    )
    got = drafted_by_label(text)
    assert got["lung"]["cohort_size.n_enrolled"] == 44
    assert got["thymic"]["cohort_size.n_enrolled"] == 37
    # the whole is a cohort only where the paper reports a value of it (draft_groups)
    assert "best_response.sd_pct" not in got.get("all", {})


def test_a_statistic_drafted_for_the_wrong_one_of_several_cohorts_is_counted_wrong():
    truth = {
        ("t_all", "cohort_size", "n_enrolled"): (81.0, "reported"),
        ("t_lung", "best_response", "sd_pct"): (63.6, "reported"),
    }
    labels = {"t_all": "all", "t_lung": "lung"}
    drafted = {("d", "best_response", "sd_pct"): (63.6, "reported")}
    got = draft_eval.compare(drafted, {"d": "all"}, truth, labels)
    assert (got["wrong"], got["unverified"]) == (1, 0)
