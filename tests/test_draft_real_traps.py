"""Issue 23: wrong values a second audit of real abstracts found (56 drafted, 217 values
checked by eye; the texts here are other wordings).  Each is now drafted right or left out."""

import pytest
from conftest import drafted_by_label, drafted_values
from hypothesis import given, settings
from hypothesis import strategies as st

_values = drafted_values
_SIZE = "A total of 48 patients were treated. "


@pytest.mark.parametrize(
    ("sentence", "never"),
    [
        # the survival of those who developed it, from its diagnosis
        ("The median overall survival from the time of AML diagnosis was 9 months.", "os_median"),
        # suspected, not diagnosed
        ("Two had MDS and another one a strong suspicion of MDS.", "mds_aml.mds = 1"),
        # records and cycles are no patients
        ("In addition, 4052 records were available for restaging.", "best_response.n"),
        # a bound of a range is no population
        (
            "Forty patients who had a median of 4 cycles (range 1-7) were evaluable for efficacy.",
            "best_response.n = 1",
        ),
        # a per-administration rate is no patients' rate
        (
            "Grade 3 or 4 toxicity occurred in 9 patients (18.8%) and 12 administrations (7.0%), "
            "with thrombocytopenia in 2.9%.",
            "tox_g3plus_thrombocytopenia",
        ),
        # one protocol among several, by comparison
        ("The combined protocol provided the highest response rate (38.1%).", "orr"),
        # one statistic listed for three groups
        ("The incidences of grade 4 renal toxicity were 8.4%, 6.5% and 14.0%.", "tox_g3plus_renal"),
    ],
)
def test_a_real_trap_drafts_nothing_wrong(sentence, never):
    got = _values(_SIZE + sentence + "\n")
    if " = " in never:
        ref, value = never.split(" = ")
        assert got.get(ref) != float(value), got
    else:
        assert not any(k.startswith(never) for k in got), got


@settings(max_examples=30, deadline=None)
@given(
    k=st.integers(1, 9),
    n=st.integers(10, 40),
    words=st.sampled_from(
        ["{k} of {n} patients", "{k} out of {n} patients", "{k} of the {n} patients"]
    ),
)
def test_k_of_n_patients_is_a_count_of_its_n_never_the_n_as_the_count(k, n, words):
    text = "A total of 60 patients were treated. " + words.format(k=k, n=n)
    got = _values(text + " had a partial response.\n")
    assert got.get("best_response.pr") in (None, k)
    assert got.get("best_response.n") in (None, n)


def test_a_grade_named_in_brackets_is_no_grade_of_its_own():
    got = _values(_SIZE + "Grade 3 (G3) or 4 (G4) haematological toxicity occurred in 16.7%.\n")
    assert got.get("tox_g3plus_any_hematologic.g3g4_pct") == 16.7
    assert "tox_g3plus_any_hematologic.g4_pct" not in got


def test_sexes_are_no_cohorts():
    got = drafted_by_label(
        "Sixty-three patients (33 males and 30 females) were treated with PRRT. The ORR was "
        "25.4%.\n"
    )
    assert set(got) == {""} or not ({"males", "females"} & set(got))


def test_parts_no_sentence_reports_are_characteristics_not_cohorts():
    text = (
        "Results: Fifty patients (31 AC, 18 TC, 1 unclassified) received a median of four "
        "cycles. The response rate was 30% and the median overall survival 47 months.\n"
    )
    got = drafted_by_label(text)
    assert set(got) == {""}
    assert got[""]["cohort_size.n_enrolled"] == 50
    assert got[""]["orr.events_pct"] == 30
    # parts a sentence reports are cohorts
    reported = text.replace("\n", " The response rate was 35% in AC and 22% in TC.\n")
    assert {"AC", "TC"} <= set(drafted_by_label(reported))


def test_a_sensitivity_analysis_is_no_cohorts_estimate():
    got = _values(
        _SIZE + "A sensitivity analysis assuming progression at the last visit found a median "
        "PFS of 30.8 months.\n"
    )
    assert "pfs_median.median" not in got


@given(fu=st.sampled_from(["mFU 17.5 mo", "median FU 17.5 mo", "mFU: 17.5 mo"]))
def test_an_abbreviated_follow_up_is_never_a_survival_median(fu):
    got = _values(f"Results: 36 pts enrolled. mPFS 14.2 mo (95% CI 9.7-NR); mOS NR; {fu}.\n")
    assert got.get("os_median.median") != 17.5
    assert got.get("followup_median.median", 17.5) == 17.5


def test_a_part_that_formed_an_analysis_set_is_its_n_not_the_whole():
    text = (
        "Results: Of 510 patients included, 497 formed the safety population and 430 were "
        "evaluable for efficacy. Myelodysplastic syndrome occurred in 7 (1.4%) patients.\n"
    )
    got = _values(text)
    assert got.get("cohort_size.n_safety") in (None, 497)
    assert got.get("mds_aml.n", 497) == 497


@pytest.mark.parametrize(
    ("sentence", "never"),
    [
        # a percentile of survival, not its median
        ("The median follow-up was 20.1 months and 25% OS time was 25.5 months.", "os_median"),
        # a definition's threshold
        (
            "Biochemical partial response (defined as > 50% decline in PSA) was seen in 11.",
            "best_response.pr_pct",
        ),
        # an upper bound
        ("Haematological toxicities grade 3-4 occurred in <= 10%.", "tox_g3plus_any_hematologic"),
        # a design target
        ("The trial had a pre-specified target complete response rate of 78%.", "best_response"),
        # another treatment's response
        (
            "The response rate to carboplatin following failure of paclitaxel was 57% (four of "
            "seven patients).",
            "orr",
        ),
    ],
)
def test_a_bound_definition_target_or_percentile_is_no_value(sentence, never):
    got = _values(_SIZE + sentence + "\n")
    assert not any(k.startswith(never) for k in got), got


@pytest.mark.parametrize(
    "sentence",
    [
        "Five patients (8%) were treated with systemic steroids.",
        "A total of 16 patients (18%) had immune-related adverse events.",
        "Twenty-nine patients (69%) received FOLFOX as third-line treatment.",
        "Thirty-five patients were enrolled in each cohort.",
    ],
)
def test_a_part_with_its_share_or_per_cohort_is_no_cohort_size(sentence):
    got = _values(sentence + " The objective response rate was 20%.\n")
    assert "cohort_size.n_enrolled" not in got, got


def test_groups_given_their_own_treatment_leave_the_whole_undrafted():
    text = (
        "Twenty-two patients received 1.8 mg/kg BV and DTIC for up to 12 cycles, and 20 more "
        "patients received BV plus bendamustine (dose reduced due to toxicity). The median PFS "
        "is 17.9 months.\n"
    )
    got = _values(text)
    assert "pfs_median.median" not in got and got.get("cohort_size.n_enrolled") != 22


def test_a_safety_population_printed_per_arm_bars_the_arms_size():
    text = (
        "Results: A total of 120 patients were randomised (everolimus, n = 60; placebo, n = "
        "60); 119 received at least one dose and formed the safety population (everolimus 59, "
        "placebo 60). Grade 3-4 neutropenia was reported in 6 (10.2%) and 1 (1.7%) patients, "
        "respectively.\n"
    )
    got = drafted_by_label(text)
    assert got.get("everolimus", {}).get("cohort_size.n_safety") in (None, 59)


def test_a_subset_with_measurable_disease_is_the_responses_n():
    text = (
        "Results: Two hundred patients received a mean of 4 cycles (safety population); 180 "
        "formed the efficacy population. Among 90 patients with RECIST-measurable disease, 27 "
        "(30.0%) had an objective response.\n"
    )
    got = _values(text)
    assert got.get("orr.n") in (None, 90)
    assert got.get("cohort_size.n_efficacy") in (None, 180)


def test_a_biomarkers_subgroup_is_no_cohorts():
    got = _values(_SIZE + "There were 41% PR in the MGMT hypermethylated, mainly pancreatic.\n")
    assert "best_response.pr_pct" not in got
