import pytest
import regex
from hypothesis import given, settings
from hypothesis import strategies as st

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


# ------------------------------------------------- placeholder types called, not repeated
_KINDS = ["count", "count0", "num", "median", "bound", "nil"]
_TOKENS = [
    "12",
    "1,234",
    "3.5",
    "0",
    "-",
    "NR",
    "NE",
    "no",
    "none",
    "six",
    "Ninety-six",
    "one hundred and twelve",
    "twelve hundred",
    "not reached",
    "not yet been reached",
    "patients",
    "of",
    "and",
    "(",
    ")",
    "%",
    "-3",
    "2.5-4",
    "ninety",
    "six-month",
]


def _inline(pattern: str) -> str:
    """The pattern with each placeholder type's pattern written where it is called, as
    anchors were compiled before the ``(?(DEFINE)...)`` group."""
    from litmeta.extract.numbers import ANCHOR_PATTERNS

    body = pattern[: pattern.index("(?(DEFINE)")]
    for kind, text in ANCHOR_PATTERNS.items():
        body = body.replace(f"(?&k_{kind})", text)
    assert "(?&" not in body
    return body


@settings(max_examples=300, deadline=None)
@given(
    words=st.lists(st.sampled_from(_TOKENS), min_size=3, max_size=14),
    picks=st.lists(st.tuples(st.integers(0, 13), st.sampled_from(_KINDS)), max_size=5),
    start=st.integers(0, 6),
    length=st.integers(2, 8),
)
def test_called_types_match_what_the_types_written_in_place_match(words, picks, start, length):
    """Every span and every placeholder's group of an anchor compiled with its types in a
    DEFINE group equals those of the same anchor with the types written in place, on texts
    of numbers, number words, NR forms, dashes and ranges."""
    text = " ".join(words)
    piece = words[start : start + length] or words[:2]
    kinds = dict(picks)
    anchor = " ".join("{x.y:" + kinds[i] + "}" if i in kinds else w for i, w in enumerate(piece))
    if "{" not in anchor:
        anchor = piece[0] + " {x.y:count}"
    try:
        pattern, fields = compile_anchor(anchor)
    except AnchorError:
        return
    reference = regex.compile(_inline(pattern.pattern))
    ours = [
        (m.span(), [m.span(i) for i in range(1, len(fields) + 1)]) for m in pattern.finditer(text)
    ]
    theirs = [
        (m.span(), [m.span(i) for i in range(1, len(fields) + 1)]) for m in reference.finditer(text)
    ]
    assert ours == theirs


def test_a_type_is_defined_once_however_often_it_is_called():
    pattern, fields = compile_anchor(
        "{a.n} of {b.n}, {c.n}, {d.n} and {e.n} ({e.pct:num}%; {f.pct:num})"
    )
    assert len(fields) == 7
    assert pattern.pattern.count("(?<k_count>") == 1
    assert pattern.pattern.count("(?<k_num>") == 1
    assert pattern.pattern.count("(?&k_count)") == 5
    m = pattern.search("Ninety-six of 1,234, 3, twelve and 7 (5.5%; 12)")
    groups = [m.group(i) for i in range(1, 8)]
    assert groups == ["Ninety-six", "1,234", "3", "twelve", "7", "5.5", "12"]
