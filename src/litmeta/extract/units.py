"""The printed time unit of a median or of its CI bound: the protocol pools months.

The unit is the first word after the value, skipping only what a CI puts between a value and
its unit (``28 (95% CI 20-36) weeks``); ``28 weeks``, ``28 wk``, ``28 days`` and ``2.5 years``
are converted to months (a month is 365.25 / 12 = 30.4375 days), and the printed value and
unit are recorded as a judgement. A CI bound without a unit of its own takes the unit of the
median its anchor captures (``14 weeks (95% CI: 10-16)``). A value followed by no unit, or by
another word, is taken as printed in months, as the protocol's papers print them. A unit
printed only before the value (a table's ``PFS (weeks)`` column) is not seen: the spec must
not capture such a column as a median in months.
"""

from __future__ import annotations

import regex

DAYS_PER_MONTH = 365.25 / 12
# months per printed unit
MONTHS_PER = {"month": 1.0, "week": 7 / DAYS_PER_MONTH, "day": 1 / DAYS_PER_MONTH, "year": 12.0}
_UNIT_WORDS = {
    "month": "month",
    "months": "month",
    "mo": "month",
    "mos": "month",
    "mth": "month",
    "mths": "month",
    "week": "week",
    "weeks": "week",
    "wk": "week",
    "wks": "week",
    "day": "day",
    "days": "day",
    "year": "year",
    "years": "year",
    "yr": "year",
    "yrs": "year",
}
# words a CI or a range puts between a value and its unit
_SKIP = {"ci", "confidence", "interval", "to", "nr", "ne", "na", "not", "reached", "estimable"}
_SENTENCE_END = regex.compile(r"[.;](?!\d)|\n")
_WORD = regex.compile(r"[^\W\d_]+")


def printed_unit(after: str) -> str | None:
    """``month``, ``week``, ``day`` or ``year``: the unit printed after a value (``after`` is
    the text that follows it); None when none is printed."""
    end = _SENTENCE_END.search(after)
    for word in _WORD.findall(after[: end.start()] if end else after):
        w = word.lower()
        if w in _UNIT_WORDS:
            return _UNIT_WORDS[w]
        if w not in _SKIP:
            break
    return None
