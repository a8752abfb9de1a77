"""Issue 23, denominators: a drafted n is pooled, so a wrong n is a wrong number.  The draft
leaves a population's n out when the cohort prints two candidates for it, and the
evaluation counts every n that would be pooled.  Written as small tables of cases and a
laboratory-report style, unlike the reference papers' prose."""

import math

import pytest

from litmeta.extract import draft_eval
from litmeta.extract.draft import draft_yaml
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


def test_a_median_whose_efficacy_n_could_be_either_size_is_left_out_with_the_reason():
    yaml_text = draft_yaml("lab", _REPORT)
    drafted, _labels = draft_eval.draft_values("lab", _REPORT)
    assert drafted[("lab", "best_response", "n")][0] == 58
    assert drafted[("lab", "best_response", "pr")][0] == 20
    assert ("lab", "cohort_size", "n_efficacy") not in drafted
    assert ("lab", "pfs_median", "median") not in drafted  # no n it can place
    assert "cohort_size.n_efficacy not drafted from" in yaml_text
    assert "has no n" in yaml_text  # the median's passage is listed for the reviewer


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
