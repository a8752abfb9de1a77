import pytest

from litmeta.extract.anchor import AnchorError, compile_anchor, match_once
from litmeta.extract.numbers import parse
from litmeta.textindex import TextIndex

TEXT = (
    "Following PRRT, a partial re-\n"
    "sponse was observed in 2 patients (9%) and stable disease\n"
    "in 15 patients (68%). Median PFS was 14.6 months (95% CI 12.4-16.9)\n"
    "and 12.2 months (95% CI, 11.3-NE). Median OS was not reached.\n"
    "Table\tAnemia\t5(20%)\t0\t1(4%)\n"
    "well-\ndifferentiated tumours; 116 patients in total\n"
)


def test_sees_through_line_breaks_and_hyphenation():
    ix = TextIndex(TEXT)
    m = match_once(
        ix,
        "a partial response was observed in {best_response.pr} patients "
        "({best_response.pr_pct}%) and stable disease in {best_response.sd}",
    )
    values = {c.field.name: c.parsed.value for c in m.captures}
    assert values == {"best_response.pr": 2, "best_response.pr_pct": 9, "best_response.sd": 15}
    assert (m.first_line, m.last_line) == (1, 3)
    assert [c.line for c in m.captures] == [2, 2, 3]
    assert m.quote.startswith("a partial response was observed in 2 patients")


def test_literal_hyphen_is_optional_and_compounds_survive_line_breaks():
    ix = TextIndex(TEXT)
    assert match_once(ix, "well-differentiated tumours").first_line == 6


def test_ci_bounds_and_not_estimable():
    ix = TextIndex(TEXT)
    m = match_once(
        ix, "and {pfs_median.median} months (95% CI, {pfs_median.ci_low}-{pfs_median.ci_high})"
    )
    got = {c.field.name: c.parsed.text for c in m.captures}
    assert got == {
        "pfs_median.median": "12.2",
        "pfs_median.ci_low": "11.3",
        "pfs_median.ci_high": "NE",
    }


def test_not_reached_median():
    m = match_once(TextIndex(TEXT), "Median OS was {os_median.median}.")
    assert m.captures[0].parsed.text == "NR"


def test_table_cells_and_skips():
    m = match_once(
        TextIndex(TEXT),
        "Anemia {_} {tox_g3plus_anemia.g3} {tox_g3plus_anemia.g4}({tox_g3plus_anemia.g4_pct}%)",
    )
    assert [c.parsed.value for c in m.captures] == [0, 1, 4]


def test_zero_and_multiple_matches_are_errors():
    ix = TextIndex(TEXT)
    with pytest.raises(AnchorError, match="not found"):
        match_once(ix, "complete response in {best_response.cr} patients")
    with pytest.raises(AnchorError, match=r"matches 2 times \(lines 3, 4\)"):
        match_once(ix, "months (95% CI")


def test_leading_placeholder_does_not_cut_a_number():
    m = match_once(TextIndex(TEXT), "{cohort_size.n_enrolled} patients in total")
    assert m.captures[0].parsed.value == 116


def test_bad_placeholders():
    with pytest.raises(AnchorError, match="endpoint.statistic"):
        compile_anchor("the {orr} rate")
    with pytest.raises(AnchorError, match="unknown type"):
        compile_anchor("the {orr.events:weird} rate")
    with pytest.raises(AnchorError, match="unbalanced"):
        compile_anchor("the {orr.events} rate }")


@pytest.mark.parametrize(
    ("kind", "text", "value"),
    [
        ("count", "1,234", 1234),
        ("count", "Sixteen", 16),
        ("count0", "-", 0),
        ("num", "14.6", 14.6),
        ("num", "1,572", 1572),
        ("bound", "NE", None),
        ("median", "not reached", None),
        ("nil", "no", 0),
    ],
)
def test_parse(kind, text, value):
    parsed = parse(kind, text)
    if value is None:
        assert parsed.value != parsed.value  # NaN
    else:
        assert parsed.value == value


def test_an_anchor_ending_at_a_line_break_hyphen_or_a_question_mark_compiles_and_matches():
    """The optional spaces trimmed from an anchor's ends are whole units: an anchor that
    ends at a word hyphenated across a line break (joined in the search view) still matches,
    and one ending with "?" compiles (hypothesis found the first)."""
    from litmeta.extract.anchor import compile_anchor, match_once
    from litmeta.normalise import normalise_text

    assert match_once(TextIndex(normalise_text("a a a a a a-\na ")), "a a a a a a-").quote
    text = "Was it a response? Yes.\n"
    assert match_once(TextIndex(normalise_text(text)), "a response?").quote == "a response?"
    assert compile_anchor("response?")[0].pattern.endswith(r"\?")
