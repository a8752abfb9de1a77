"""Property and fuzz tests for the value parsers: the right number or a clear error, never a
wrong number silently."""

import math
import re

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from litmeta.extract.anchor import AnchorError, match_once
from litmeta.normalise import normalise_text
from litmeta.textindex import TextIndex

DASHES = ["-", "\u2013", "\u2014", "\u2212", "\u2010"]
FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
noise = st.text(alphabet=st.characters(whitelist_categories=("L", "Zs", "P")), max_size=80)


def extract(text: str, anchor: str) -> dict[str, float]:
    m = match_once(TextIndex(normalise_text(text)), anchor)
    return {c.field.name: c.parsed.value for c in m.captures if c.field.name != "_"}


def fmt(value: float, decimals: int, point: str, thousands: bool) -> str:
    text = f"{value:,.{decimals}f}" if thousands else f"{value:.{decimals}f}"
    return text.replace(".", point) if point != "." else text


@FAST
@given(
    value=st.floats(min_value=0, max_value=99999, allow_nan=False),
    decimals=st.integers(0, 2),
    point=st.sampled_from([".", "\u00b7"]),
    thousands=st.booleans(),
    before=noise,
    after=noise,
)
def test_medians_in_any_format_come_back_exactly(value, decimals, point, thousands, before, after):
    printed = fmt(value, decimals, point, thousands)
    text = f"{before}\nthe median PFS was {printed} months{after}"
    try:
        got = extract(text, "the median PFS was {pfs_median.median} months")
    except AnchorError:
        assert "the median PFS was" in normalise_text(before + after)  # noise repeated it
        return
    want = float(printed.replace(",", "").replace("\u00b7", "."))
    assert got["pfs_median.median"] == want


@FAST
@given(
    lo=st.floats(0.1, 500, allow_nan=False),
    width=st.floats(0.1, 500, allow_nan=False),
    dash=st.sampled_from(DASHES),
    style=st.sampled_from(["(95% CI: {lo}{d}{hi})", "(95% CI {lo}{d}{hi})", "(95%CI:{lo}{d}{hi})"]),
    upper_ne=st.booleans(),
)
def test_confidence_intervals_with_unicode_dashes(lo, width, dash, style, upper_ne):
    lo_s, hi_s = f"{lo:.1f}", ("NE" if upper_ne else f"{lo + width:.1f}")
    text = "OS was 12.0 months " + style.format(lo=lo_s, d=dash, hi=hi_s) + " overall."
    anchor = (
        "OS was {os_median.median} months "
        + style.replace("{lo}", "{os_median.ci_low}")
        .replace("{hi}", "{os_median.ci_high}")
        .replace("{d}", "-")
        + " overall."
    )
    got = extract(text, anchor)
    assert got["os_median.ci_low"] == float(lo_s)
    if upper_ne:
        assert math.isnan(got["os_median.ci_high"])
    else:
        assert got["os_median.ci_high"] == float(hi_s)


JUNK = st.text(alphabet="0123456789.,\u00b7-\u2212 NERn", min_size=1, max_size=8)


@FAST
@given(junk=JUNK)
def test_malformed_counts_never_parse_to_a_wrong_number(junk):
    text = f"Progression occurred in {junk} patients."
    try:
        got = extract(text, "Progression occurred in {best_response.pd} patients.")
    except AnchorError:
        return
    printed = normalise_text(junk).strip()
    assert re.fullmatch(r"\d{1,3}(,\d{3})+|\d+", printed), printed
    assert got["best_response.pd"] == int(printed.replace(",", ""))


@FAST
@given(junk=JUNK)
def test_malformed_numbers_never_parse_to_a_wrong_number(junk):
    text = f"ORR was {junk}% in total."
    try:
        got = extract(text, "ORR was {orr.events_pct}% in total.")
    except AnchorError:
        return
    printed = normalise_text(junk).strip()
    assert re.fullmatch(r"(\d{1,3}(,\d{3})+|\d+)(\.\d+)?", printed), printed
    assert got["orr.events_pct"] == float(printed.replace(",", ""))


@FAST
@given(word=st.sampled_from(["NR", "not reached", "Not reached"]), before=noise)
def test_not_reached(word, before):
    text = f"{before}\nMedian OS was {word}."
    try:
        got = extract(text, "Median OS was {os_median.median}.")
    except AnchorError:
        assert "Median OS was" in normalise_text(before)
        return
    assert math.isnan(got["os_median.median"])


@FAST
@given(lines=st.lists(noise, min_size=0, max_size=5), n=st.integers(1, 9999))
def test_anchor_across_random_line_breaks(lines, n):
    sentence = f"In total {n:,} patients were treated with PRRT"
    words = sentence.split(" ")
    broken = "\n".join(" ".join(words[i : i + 2]) for i in range(0, len(words), 2))
    text = "\n".join(lines) + "\n" + broken + "\n"
    try:
        got = extract(text, "In total {cohort_size.n_enrolled} patients were treated with PRRT")
    except AnchorError:
        assert "In total" in " ".join(lines)
        return
    assert got["cohort_size.n_enrolled"] == n


def test_catastrophic_pattern_is_stopped(monkeypatch):
    """The time limit on matching works (set absurdly low here, so it must trigger)."""
    from litmeta.extract import anchor

    monkeypatch.setattr(anchor, "MATCH_SECONDS", 1e-6)
    text = TextIndex("x" * 200_000)
    try:
        match_once(text, "{_} {_} {_} {_} {_} {_} zzz")
    except AnchorError as exc:
        assert "matching took over" in str(exc)
    else:  # pragma: no cover
        raise AssertionError("a pattern that cannot match was reported as matching")
