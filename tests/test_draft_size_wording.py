"""Issue 23, cohort sizes of real abstracts: the verbs a size is printed with ("were
re-treated", "were identified", "Of 56 patients treated, 51 were ..."), and the words that
print a response-evaluable subset of it ("had a radiological evaluation of response", "In 63
patients with follow-up imaging"): where such a subset is printed, the whole cohort's size is
not drafted as the efficacy n."""

from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval
from litmeta.extract.draft_population import population_mentions

_MEDIAN = " Median PFS was 14.6 months (95% CI 11.0-18.2)."


def _values(text: str) -> dict:
    drafted, _labels = draft_eval.draft_values("toy", text)
    return {(e, s): v for (_c, e, s), (v, _st) in drafted.items()}


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(20, 300),
    opening=st.sampled_from(
        [
            "{n} patients were re-treated.",
            "{n} patients were retreated.",
            "{n} patients were identified (median age 62 years).",
            "Of {n} patients treated, all were evaluable.",
        ]
    ),
)
def test_a_size_printed_with_these_verbs_is_the_cohorts(n, opening):
    got = _values("Results: " + opening.format(n=n) + _MEDIAN + "\n")
    assert got[("cohort_size", "n_enrolled")] == n
    assert got[("pfs_median", "median")] == 14.6


@settings(max_examples=20, deadline=None)
@given(
    n=st.integers(60, 300),
    less=st.integers(1, 30),
    subset=st.sampled_from(
        [
            "{m} patients had a radiological evaluation of response.",
            "In {m} patients with follow-up imaging, stable disease was the best response.",
            "{m} patients had a response assessment.",
            "{m} patients had evaluable imaging.",
        ]
    ),
)
def test_a_response_evaluable_subset_keeps_the_whole_from_the_efficacy_n(n, less, subset):
    m = n - less
    text = f"Results: {n} patients were identified. " + subset.format(m=m) + _MEDIAN + "\n"
    got = _values(text)
    assert got[("cohort_size", "n_enrolled")] == n
    assert got.get(("cohort_size", "n_efficacy")) != n
    assert any(
        p[2] == str(m) and p[3] == "efficacy" for p in population_mentions(subset.format(m=m))
    )


def test_a_captions_number_is_no_population():
    passage = "Table 3 Radiological tumour response evaluation in patients with bronchial NET"
    assert population_mentions(passage) == []
    assert population_mentions(passage.replace("Table 3", "Figure 2")) == []
