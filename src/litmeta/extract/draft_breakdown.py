"""A whole cohort's value followed by its breakdown by group (issue 23): "The median PFS was
11.0 months (14.3 months for pancreatic and 8.2 months for small-intestinal NET)", "ORR per
RECIST was 24.5% (16.7-33.8) in the total population: 21.3% in treatment-naive and 28.9% in
previously treated patients".  The first value is the whole cohort's; the values of the
breakdown are its groups', never the whole's, and are left out of the whole's entry."""

from __future__ import annotations

import re

from .draft_items import Item

# after the whole's value: its unit and an interval in brackets, if printed
_UNIT_CI = (
    r"\s*(?:%|months?|mos?)?\.?\s*(?:[(\[][^()\[\]a-zA-Z]*(?:CI|95\s*%)?[^()\[\]a-zA-Z]*[)\]]\s*)?"
)
# the breakdown in brackets, each value of which a group qualifies ("for pancreatic")
_BRACKET = re.compile(_UNIT_CI + r"[(\[](?P<inner>[^()\[\]]*\b(?:for|in|among)\s[^()\[\]]*)[)\]]")
# the whole named, then a colon and the breakdown to the end of the sentence
_WHOLE_COLON = re.compile(
    _UNIT_CI
    + r"(?i:(?:in|for|among)\s+(?:the\s+)?(?:total|overall|whole|entire|all)\b)[^:;.]{0,30}:"
)


def _region(passage: str, at: int) -> tuple[int, int] | None:
    """The span of the breakdown after the whole's value ending at ``at``, or None."""
    m = _BRACKET.match(passage, at)
    if m:
        return m.start("inner"), m.end("inner")
    m = _WHOLE_COLON.match(passage, at)
    return (m.end(), len(passage)) if m else None


def without_breakdown(passage: str, base: int, items: list[Item]) -> list[Item]:
    """``items`` (view offsets, ``passage`` at ``base``) less those of the breakdown after a
    statistic's first value, when every repeat of that statistic is in it; else ``items``."""
    refs = [it.ref for it in items]
    if len(set(refs)) == len(refs):
        return items
    for first in items:
        if refs.count(first.ref) < 2:
            continue
        span = _region(passage, first.end - base)
        if span is None:
            continue
        a, b = base + span[0], base + span[1]
        inside = [it for it in items if a <= it.start and it.end <= b]
        repeats = [it for it in items if it.ref == first.ref and it is not first]
        if all(it in inside for it in repeats):
            kept = [it for it in items if it not in inside]
            if len({it.ref for it in kept}) == len(kept):
                return kept
    return items


# a value printed for a part of the patients: "14.3 months for pancreatic NET", "40% in
# carcinoids" (not for the whole, the study's own population or a period)
_FOR_A_PART = re.compile(
    r"(?i)\s*(?:%|months?|mos?\b)?\s*(?:in|for|among)\s+(?:the\s+|our\s+|this\s+)?"
    r"(?!\d)(?!(?:all|patients?|pts|these|them|those|total|whole|entire|overall|study|cohort|"
    r"series|population|trial|analysis|evaluable|assessable|treated|ITT|intention|efficacy|"
    r"safety|per-protocol|full|first|second|third|our|this|each|both|months?|years?|"
    r"a\s+median|median)\b)"
    r"(?:[\w-]+\s+){0,3}?(?:NETs?|NENs?|tumou?rs?|carcinoids?|carcinomas?|disease|primaries|"
    r"group|cohort|subgroup|arm|patients)\b"
)


def for_a_part(passage: str, base: int, items: list[Item]) -> bool:
    """Some value of ``items`` is printed for a part of the patients ("The median PFS was
    14.3 months for pancreatic NET"): no value of the whole cohort's."""
    return any(_FOR_A_PART.match(passage, it.end - base) for it in items)
