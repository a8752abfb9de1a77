"""Numbers as papers print them (issue 18 item 1, PROTOCOL Amendment 1): words up to 9,999,
whole-token placeholders, and anchors normalised like the text.  Property tests: a number
embedded in a random sentence comes back exactly or stops with an AnchorError, never as
another number."""

import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from litmeta.extract.anchor import AnchorError, match_once
from litmeta.extract.numbers import parse, words_to_int
from litmeta.normalise import normalise_text
from litmeta.textindex import TextIndex

FAST = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
TEENS = [
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
DASHES = ["-", "\u2010", "\u2011", "\u2012", "\u2013", "\u2014", "\u2212"]


def in_words(n: int, hyphen: str, use_and: bool) -> str:
    """An independent renderer (the parser under test reads, never writes)."""

    def below100(k: int) -> str:
        if k < 10:
            return UNITS[k]
        if k < 20:
            return TEENS[k - 10]
        return TENS[k // 10] + (hyphen + UNITS[k % 10] if k % 10 else "")

    def below1000(k: int) -> str:
        if k < 100:
            return below100(k)
        rest = k % 100
        head = f"{UNITS[k // 100]} hundred"
        return head + ((" and " if use_and else " ") + below100(rest) if rest else "")

    if n < 1000:
        return below1000(n)
    rest = n % 1000
    head = f"{UNITS[n // 1000]} thousand"
    if not rest:
        return head
    joiner = " and " if (use_and and rest < 100) else " "
    return head + joiner + below1000(rest)


def capitalise(text: str, style: str) -> str:
    return {"lower": text, "first": text[:1].upper() + text[1:], "title": text.title()}[style]


def extract(text: str, anchor: str) -> dict[str, float]:
    m = match_once(TextIndex(normalise_text(text)), anchor)
    return {c.field.name: c.parsed.value for c in m.captures}


@pytest.mark.parametrize(
    ("printed", "value"),
    [
        ("Thirty five", 35),
        ("Ninety-six", 96),
        ("Ninety\u2011six", 96),
        ("one hundred and twelve", 112),
        ("One", 1),
        ("Sixteen", 16),
        ("nine thousand nine hundred and ninety-nine", 9999),
        ("two thousand and five", 2005),
        ("1,234", 1234),
    ],
)
def test_issue_examples(printed, value):
    text = f"In all, {printed} patients (pat.) were treated."
    assert extract(text, "In all, {cohort_size.n_enrolled} patients") == {
        "cohort_size.n_enrolled": value
    }
    assert extract("One pat. died.", "{best_response.died} pat. died") == {"best_response.died": 1}


def test_issue_range_and_part_of_number_cases():
    assert extract("(95% CI: 0-16)", "(95% CI: {_}-{pfs_median.ci_high})") == {
        "pfs_median.ci_high": 16
    }
    got = extract("(95% CI: 0\u201316)", "(95% CI: {pfs_median.ci_low}-{pfs_median.ci_high})")
    assert got == {"pfs_median.ci_low": 0, "pfs_median.ci_high": 16}
    for text, anchor in [
        ("median 2.5 months", "median {_}.{pfs_median.median} months"),
        ("in 2.5 patients", "in {best_response.pd} patients"),
        ("a change of \u22123 points", "a change of -{orr.events} points"),
        ("Ninety-six patients", "Ninety-{cohort_size.n_enrolled} patients"),
        ("Ninety-six patients", "{_}-{cohort_size.n_enrolled} patients"),
        ("one hundred and twelve patients", "hundred and {cohort_size.n_enrolled} patients"),
        ("Thirty five patients", "Thirty {cohort_size.n_enrolled} patients"),
        ("In 1,234 patients", "In 1,{cohort_size.n_enrolled} patients"),
        ("In 16 patients", "In 1{cohort_size.n_enrolled} patients"),
        ("In x16 patients", "In x{cohort_size.n_enrolled} patients"),
    ]:
        with pytest.raises(AnchorError):
            extract(text, anchor)


def test_words_parser_rejects_what_is_not_a_number():
    for bad in ("twelve hundred", "hundred", "ten thousand", "thirty-twelve", "and five", "NA"):
        with pytest.raises(ValueError):
            words_to_int(bad)
    with pytest.raises(ValueError):
        parse("count", "eleventy")


FILLER = st.sampled_from(
    ["the", "in", "and", "of", "were", "five", "Twenty", "3", "12.5", "0-16", "1,234", "-3",
     "(n", "=", "%)", "CI", "hundred", "twenty-one", "months", "2019"]
)  # fmt: skip


@FAST
@given(
    n=st.integers(0, 9999),
    as_words=st.booleans(),
    hyphen=st.sampled_from(DASHES + [" "]),
    use_and=st.booleans(),
    caps=st.sampled_from(["lower", "first", "title"]),
    before=st.lists(FILLER, max_size=8),
    after=st.lists(FILLER, max_size=8),
)
def test_counts_in_words_or_digits_come_back_exactly(
    n, as_words, hyphen, use_and, caps, before, after
):
    printed = capitalise(in_words(n, hyphen, use_and), caps) if as_words else f"{n:,}"
    text = " ".join([*before, "treated", printed, "patients", *after])
    try:
        got = extract(text, "treated {cohort_size.n_enrolled} patients")
    except AnchorError:
        return  # stopping is allowed; another number is not
    assert got == {"cohort_size.n_enrolled": n}, (text, got)


@FAST
@given(
    lo=st.integers(0, 9999),
    hi=st.integers(0, 9999),
    lo_words=st.booleans(),
    dash=st.sampled_from(DASHES),
    skip_low=st.booleans(),
    before=st.lists(FILLER, max_size=5),
)
def test_range_ends_are_whole_tokens(lo, hi, lo_words, dash, skip_low, before):
    lo_text = in_words(lo, "-", False) if lo_words else str(lo)
    text = " ".join([*before, f"(range {lo_text}{dash}{hi}) months"])
    anchor = (
        "(range {_}-{best_response.n}) months"
        if skip_low
        else "(range {best_response.pd}-{best_response.n}) months"
    )
    try:
        got = extract(text, anchor)
    except AnchorError:
        assert lo_words  # digits never fail here (words with spaces are several tokens)
        return
    assert got["best_response.n"] == hi
    if not skip_low:
        assert got["best_response.pd"] == lo


@FAST
@given(
    whole=st.integers(0, 999),
    frac=st.integers(0, 99),
    sign=st.sampled_from(["", "-", "\u2212", "+"]),
    sep=st.sampled_from([".", ",", "\u00b7"]),
    kind=st.sampled_from(["count", "num", "median", "bound"]),
)
def test_never_part_of_a_number(whole, frac, sign, sep, kind):
    """A count or number placeholder never takes a piece of a decimal or a signed number."""
    printed = f"{sign}{whole}{sep}{frac:02d}"
    text = f"the value was {printed} in all"
    for anchor in (
        f"value was {{_}}{sep}{{best_response.pd:{kind}}} in all",
        f"value was {{best_response.pd:{kind}}}{sep}{{_}} in all",
        f"value was {sign}{{best_response.pd:{kind}}}{sep}{frac:02d} in all",
    ):
        try:
            got = extract(text, anchor)
        except AnchorError:
            continue
        pytest.fail(f"{anchor!r} captured {got} from {printed!r}")


@FAST
@given(
    skipped=st.sampled_from(["12.5", "0-16", "five", "NE", "5(20%)", "n=3", "-", "1,234"]),
    n=st.integers(0, 9999),
)
def test_skip_takes_exactly_one_whole_token(skipped, n):
    text = f"Anemia {skipped} {n} grade"
    assert extract(text, "Anemia {_} {tox_g3plus_anemia.g3} grade") == {"tox_g3plus_anemia.g3": n}


# --- anchors copied verbatim from the paper --------------------------------------------------

PAPER_CHARS = st.sampled_from(
    list("abcdefghij ABC 0123456789.,;:()%=")
    + DASHES
    + ["\ufb01", "\ufb02", "\ufb00", "\u00a0", "\u2009", "\u202f", "\u00ad", "\u200b"]
    + ["\u2018", "\u2019", "\u201c", "\u201d", "'", '"']
    + ["e\u0301", "\u00e9", "o\u0308", "\u00b7"]
)


@FAST
@given(
    words=st.lists(
        st.lists(PAPER_CHARS, min_size=1, max_size=8).map("".join), min_size=3, max_size=30
    ),  # fmt: skip
    start=st.integers(0, 29),
    length=st.integers(1, 12),
    breaks=st.lists(st.integers(0, 29), max_size=4),
)
def test_a_passage_copied_from_the_paper_always_matches(words, start, length, breaks):
    words = [w for w in words if w.strip(" \u00a0\u2009\u202f\u00ad\u200b")]
    assume(len(words) >= 3)
    start %= len(words)
    seps = ["\n" if i in breaks else " " for i in range(len(words))]
    pieces = [w + s for w, s in zip(words, seps, strict=True)]
    raw = "".join(pieces)
    passage = "".join(pieces[start : start + length])
    passage = passage.strip()
    assume(passage.strip(" \u00a0\u2009\u202f\u00ad\u200b"))
    try:
        match_once(TextIndex(normalise_text(raw)), passage)
    except AnchorError as exc:
        assert "matches" in str(exc), (raw, passage)  # repeated in the paper: fine


def test_en_dash_and_ligature_anchor_from_the_issue():
    raw = "Median OS was 26\u201333 months for the \ufb01rst cohort; \u201cstable\u201d disease"
    ix = TextIndex(normalise_text(raw))
    match_once(ix, "26\u201333 months for the \ufb01rst cohort")
    match_once(ix, '"stable" disease')
    match_once(ix, unicodedata.normalize("NFD", "the \ufb01rst cohort; \u201cstable\u201d"))
