"""The generic endpoint classifier: one protocol term per clause, grade >= 3 for toxicity."""

import pytest

from litmeta.extract.classify import classify, clauses, grade_statistic


def at(sentence: str, number: str, kind: str):
    g = classify(sentence, sentence.index(number), kind)
    return None if g is None else (g.endpoint, g.statistic)


def test_each_clause_gets_its_own_category():
    s = "a partial response (PR) in 21.6% (n = 22), stable disease (SD) in 60.8% (n = 62)"
    assert at(s, "21.6", "pct") == ("best_response", "pr_pct")
    assert at(s, "22)", "count") == ("best_response", "pr")
    assert at(s, "62)", "count") == ("best_response", "sd")


def test_commas_inside_parentheses_do_not_split_a_clause():
    s = "median PFS was 12.2 months (95% CI, 11.3-NE), and median OS 28.2 months"
    spans = clauses(s)
    assert any(s[a:b].startswith("median PFS") and "11.3-NE)" in s[a:b] for a, b in spans)
    assert at(s, "11.3", "ci_low") == ("pfs_median", "ci_low")
    assert at(s, "28.2", "median") == ("os_median", "median")


def test_survival_needs_median_and_refuses_mean_or_responders():
    assert at("The PFS was 20 months", "20", "median") is None
    assert at("The mean OS was 30 months", "30", "median") is None
    assert at("patients with PR had a median PFS of 30 months", "30", "median") is None


def test_two_terms_in_one_clause_are_ambiguous():
    assert at("PR or SD in 12 patients", "12", "count") is None


@pytest.mark.parametrize(
    ("text", "want"),
    [
        ("grade 3-4", "g3g4"),
        ("grade III/IV", "g3g4"),
        ("Grade 3 or 4", "g3g4"),
        ("grade ≥3", "g3g4"),
        ("grade 3", "g3"),
        ("grade IV", "g4"),
        ("grade 2", None),
        ("grade 1-2", None),
        ("any grade", None),
    ],
)
def test_grade_statistic(text, want):
    assert grade_statistic(text) == want


def test_toxicity_needs_a_grade_of_at_least_3():
    assert at("Grade 3 thrombocytopenia occurred in 4 patients", "4", "count") == (
        "tox_g3plus_thrombocytopenia",
        "g3",
    )
    assert at("Grade 2 anaemia occurred in 4 patients", "4", "count") is None
    assert at("Anaemia occurred in 4 patients", "4", "count") is None
