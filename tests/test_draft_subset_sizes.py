"""Issue 23: a cohort's size is the count of the patients the study included, never of a
subset named by what its patients did or could be assessed for.  Found on real abstracts:
"Of the 31 patients who discontinued treatment, 18 ..." was drafted as the cohort's size
(62 patients received the drug), and "Nineteen patients could be analysed for treatment
effectiveness" as the enrolled n, beside "Twenty-one patients, with a median age of 64 years
(range 28-78), were included".  The wordings here are other ones."""

from conftest import drafted_values
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract.draft import COHORT_SIZE, size_group

_values = drafted_values


def _sizes(sentence: str) -> list[str]:
    return [m.group(size_group(m)) for m in COHORT_SIZE.finditer(sentence)]


@settings(max_examples=30, deadline=None)
@given(
    opening=st.sampled_from(["Of the", "A total of", "Overall,"]),
    did=st.sampled_from(
        [
            "who stopped the drug early",
            "who discontinued treatment",
            "that progressed during the first year",
            "who died before restaging",
            "who had a dose reduction",
        ]
    ),
)
def test_a_subset_by_what_its_patients_did_is_no_cohort_size(opening, did):
    assert _sizes(f"{opening} 24 patients {did}, 11 (45.8%) did so because of toxicity.") == []


@given(
    opening=st.sampled_from(["Of the", "A total of"]),
    joined=st.sampled_from(
        ["who were enrolled", "who received PRRT", "who were treated", "enrolled", ""]
    ),
)
def test_the_patients_included_or_treated_are_a_cohort_size(opening, joined):
    sentence = f"{opening} 48 patients {joined}, 40 were evaluable.".replace("  ", " ")
    assert _sizes(sentence)[:1] == ["48"]


def test_a_size_set_off_by_an_aside_is_the_cohort_and_could_be_assessed_is_a_subset():
    text = (
        "Thirty-four patients, with a median age of 61 years (range 35-80), were included. "
        "Thirty could be assessed for response. The median progression-free survival was "
        "11.0 months (95% CI 6.1-15.2).\n"
    )
    got = _values(text)
    assert got.get("cohort_size.n_enrolled") == 34
    assert got.get("cohort_size.n_efficacy") in (None, 30)
    assert got.get("best_response.n", 30) == 30


def test_a_drug_given_to_patients_then_a_subset_that_stopped_is_not_the_size():
    text = (
        "Everolimus was given to 57 patients. Of the 20 patients who stopped treatment, 12 "
        "(60%) stopped because of adverse events. In the 49 patients evaluable for efficacy, "
        "the ORR was 10.2% and the disease control rate was 77.6%.\n"
    )
    got = _values(text)
    assert got.get("cohort_size.n_enrolled") in (None, 57)
    assert got.get("cohort_size.n_safety") in (None, 57)
