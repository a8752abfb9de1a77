"""Issue 23, denominators: a drafted n is pooled, so a wrong n is a wrong number.  The draft
leaves a population's n out when the cohort prints two candidates for it, and the
evaluation counts every n that would be pooled.  Written as small tables of cases and a
laboratory-report style, unlike the reference papers' prose."""

import math

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval
from litmeta.extract.draft_population import ambiguous_sizes


@pytest.mark.parametrize(
    ("sizes", "own", "dropped"),
    [
        # the safety n of "64 subjects were dosed" against 61 with blood counts: ambiguous
        ([("c", "safety", "64")], [("c", "tox_g3plus_renal.n", "61")], {("c", "safety")}),
        # the same number printed twice is one population
        ([("c", "safety", "64")], [("c", "tox_g3plus_renal.n", "sixty-four")], set()),
        # an n of the other population, or of another cohort, says nothing about this one
        ([("c", "safety", "64")], [("c", "pfs_median.n", "50"), ("d", "mds_aml.n", "9")], set()),
        # assessed 50 of 64 enrolled: the medians' efficacy n could be either
        ([("c", "efficacy", "50")], [("c", "cohort_size.n_enrolled", "64")], {("c", "efficacy")}),
        # the enrolled are no candidate for the safety population
        ([("c", "safety", "64")], [("c", "cohort_size.n_enrolled", "70")], set()),
    ],
)
def test_a_population_with_two_candidate_sizes_gets_none(sizes, own, dropped):
    got = ambiguous_sizes(sizes, own)
    assert {(c, p) for c, p, _why in got} == dropped
    assert all("yours to say" in why for *_k, why in got)


_REPORT = (
    "Cohort report\n\nResults\n\n"
    "Sixty-four patients were treated with lutetium.\n\n"
    "Tumour response could be assessed in 58 patients. Of these, 20 (34.5%) had a partial "
    "response.\n\n"
    "Median PFS was 19.5 months (95% CI 14.0-25.1).\n"
)


def test_the_patients_assessed_for_response_are_the_efficacy_n_of_the_median():
    drafted, _labels = draft_eval.draft_values("lab", _REPORT)
    assert drafted[("lab", "best_response", "n")][0] == 58
    assert drafted[("lab", "best_response", "pr")][0] == 20
    assert drafted[("lab", "cohort_size", "n_efficacy")][0] == 58
    assert drafted[("lab", "pfs_median", "median")][0] == 19.5


def test_a_median_printed_over_the_whole_keeps_the_efficacy_n_the_reviewers():
    text = _REPORT.replace("Median PFS was", "In the 64 patients, median PFS was")
    assert "In the 64 patients, median PFS" in text
    drafted, _labels = draft_eval.draft_values("lab", text)
    assert drafted.get(("lab", "cohort_size", "n_efficacy"), (None,))[0] != 58


def test_one_printed_population_stands_for_the_median():
    text = _REPORT.replace("Sixty-four", "Fifty-eight")
    drafted, _labels = draft_eval.draft_values("lab", text)
    assert drafted[("lab", "pfs_median", "median")][0] == 19.5
    assert drafted[("lab", "pfs_median", "n")][0] == 58


def _v(value: float, status: str = "reported") -> tuple[float, str]:
    return (value, status)


def test_the_evaluation_counts_each_pooled_n_against_the_truth():
    truth = {
        ("t", "orr", "events"): _v(10),
        ("t", "orr", "n"): _v(40),
        ("t", "os_median", "median"): _v(30.0),
        ("t", "cohort_size", "n_efficacy"): _v(44),
        ("t", "tox_g3plus_renal", "events"): _v(1),
    }
    drafted = {
        # a derived ORR still pools its n: 40 is right
        ("d", "orr", "events"): _v(10, "derived"),
        ("d", "orr", "n"): _v(40, "derived"),
        # the median's n falls back to the efficacy size: 42 against the truth's 44
        ("d", "os_median", "median"): _v(30.0),
        ("d", "cohort_size", "n_efficacy"): _v(42),
        # the truth has no safety n: unverified
        ("d", "tox_g3plus_renal", "events"): _v(1),
        ("d", "tox_g3plus_renal", "n"): _v(42, "derived"),
        # a value with no n is not pooled and not counted
        ("d", "tox_g3plus_hepatic", "events"): _v(2),
    }
    got = draft_eval.compare(drafted, {"d": ""}, truth, {"t": ""})
    assert (got["n_drafted"], got["n_correct"], got["n_wrong"], got["n_unverified"]) == (3, 1, 1, 1)
    assert math.isnan(draft_eval.pooled_n(drafted)[("d", "tox_g3plus_hepatic")])


@pytest.mark.parametrize("joined", [True, False])
def test_the_evaluable_patients_after_the_size_are_the_responses_n(joined):
    # "Of the 45 patients enrolled, 40 were evaluable for response": 40 is the response's n;
    # whether the medians are counted over 45 or 40 is the reviewer's to say
    size = "Of the 45 patients enrolled, 40 were evaluable for response"
    text = f"Results\n{size}; 12 (30%) achieved a partial response.\n"
    if not joined:
        text = f"Results\n{size}. A partial response was seen in 12 patients (30%).\n"
    drafted, _labels = draft_eval.draft_values("lab", text)
    assert drafted[("lab", "best_response", "n")][0] == 40
    assert drafted[("lab", "best_response", "pr")][0] == 12
    if not joined:  # (joined, the 45 is drafted as no size: the 40 has no rival to beat)
        assert drafted[("lab", "cohort_size", "n_enrolled")][0] == 45
        assert drafted[("lab", "cohort_size", "n_efficacy")][0] == 40


@given(
    n=st.integers(25, 300),
    drop=st.integers(0, 20),
    share=st.floats(0.05, 0.9),
    verb=st.sampled_from(["enrolled", "included", "treated", ""]),
    what=st.sampled_from(["for response", "for efficacy", "for safety", "", "at baseline"]),
    joined=st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_an_evaluable_subset_is_never_a_wrong_n(n, drop, share, verb, what, joined):
    m = n - drop
    pr = max(1, round(share * m))
    pct = round(100 * pr / m, 1)
    size = f"Of the {n} patients{' ' + verb if verb else ''}, {m} were evaluable {what}".strip()
    sep = ";" if joined else "."
    text = f"Results\n{size}{sep} A partial response was seen in {pr} patients ({pct}%).\n"
    # what a reviewer writes: the evaluable are the response's population when the sentence
    # says so, the safety population when it says that, else either
    truth = {
        ("best_response", "pr"): pr,
        ("best_response", "pr_pct"): pct,
        ("cohort_size", "n_enrolled"): n,
    }
    if what in ("for response", "for efficacy"):
        truth[("best_response", "n")] = truth[("cohort_size", "n_efficacy")] = m
    elif what == "for safety":
        truth[("cohort_size", "n_safety")] = m
    got = draft_eval.evaluate_synthetic("toy", text, truth)
    assert got["wrong"] == 0 and got["n_wrong"] == 0, (text, got)
    drafted, _labels = draft_eval.draft_values("toy", text)
    for pop in ("efficacy", "safety"):
        said = {"efficacy": ("for response", "for efficacy"), "safety": ("for safety",)}[pop]
        if what in ("", "at baseline", *said):
            # the enrolled never stand for a population the evaluable may be
            assert drafted.get(("toy", "cohort_size", f"n_{pop}"), (m,))[0] == m, (text, pop)


def test_a_smaller_evaluable_size_later_makes_the_first_size_stand_for_no_population():
    # the first size is taken (later ones are often subgroups), but a later "N patients were
    # evaluable" is a candidate n of either population; "treated with" subsets are not
    text = (
        "Results\nA total of 25 patients were enrolled. Twenty-four patients were evaluable "
        "for toxicity. Median OS was 30.1 months.\n"
    )
    drafted, _labels = draft_eval.draft_values("lab", text)
    assert drafted[("lab", "cohort_size", "n_enrolled")][0] == 25
    assert ("lab", "cohort_size", "n_safety") not in drafted
    assert ("lab", "cohort_size", "n_efficacy") not in drafted
    assert ("lab", "os_median", "median") not in drafted  # no n it can place
    treated = text.replace("were evaluable for toxicity", "were treated with octreotide")
    drafted, _labels = draft_eval.draft_values("lab", treated)
    assert drafted[("lab", "cohort_size", "n_efficacy")][0] == 25


@given(
    n=st.integers(20, 200),
    other=st.integers(-15, 15),
    opening=st.sampled_from(["Among", "Of", "In"]),
    qualifier=st.sampled_from(
        ["with progressive NET", "who received at least two cycles", "with a baseline scan"]
    ),
    size_first=st.booleans(),
    median=st.booleans(),
)
@settings(max_examples=60, deadline=None)
def test_among_the_cohorts_own_size_with_a_qualifier_is_the_whole_cohort(
    n, other, opening, qualifier, size_first, median
):
    # "Among 52 patients with progressive NET, ...": the whole cohort when 52 is the one size
    # the paper prints for it; another number is maybe a subgroup, and is left out
    m = n + other if n + other != n else n
    pr = max(1, n // 5)
    size = f"A total of {n} patients were treated."
    if median:
        said = f"{opening} {m} patients {qualifier}, median PFS was 20.1 months."
        values = {("pfs_median", "median"): 20.1, ("pfs_median", "n"): n}
    else:
        said = f"{opening} {m} patients {qualifier}, {pr} had a partial response."
        values = {("best_response", "pr"): pr, ("best_response", "n"): n}
    text = f"Results\n{size} {said}\n" if size_first else f"Results\n{said} {size}\n"
    truth = {**{("cohort_size", s): n for s in ("n_enrolled", "n_efficacy", "n_safety")}}
    if m == n:
        truth.update(values)
    got = draft_eval.evaluate_synthetic("toy", text, truth)
    assert got["wrong"] == 0 and got["n_wrong"] == 0 and got["unverified"] == 0, (text, got)
    if m == n:
        assert got["missing"] == 0, (text, got)


def test_a_second_printed_size_leaves_the_qualified_opening_out():
    text = (
        "Results\nA total of 60 patients were enrolled. In total, 52 patients were treated. "
        "Among 52 patients with progressive NET, 10 had a partial response.\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert ("toy", "best_response", "pr") not in drafted
