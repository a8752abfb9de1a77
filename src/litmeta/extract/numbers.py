"""Value types a spec placeholder can capture, each a bounded regex plus a parser.

=========  ==========================================================  =====================
type       matches                                                     value
=========  ==========================================================  =====================
count      ``22``, ``1,234``, ``Sixteen``                              int
count0     as count, or a lone ``-`` (table cell meaning none)         int (0 for ``-``)
num        ``14.6``, ``1,572``, ``29``                                 float
median     num, or ``NR`` / ``not reached``                            float or NaN (``NR``)
bound      num, or ``NE`` / ``N/A`` / ``NA`` / ``not estimable``       float or NaN (``NE``)
nil        ``no`` / ``none`` (as in "no patient developed ...")         0
any        any run of non-space characters (skipped, never output)     --
=========  ==========================================================  =====================

The ``·`` decimal point is normalised to ``.`` before matching (see :mod:`litmeta.normalise`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

WORDS = {
    "zero": 0,
    "no": 0,
    "none": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "twenty-one": 21,
    "twenty-two": 22,
    "twenty-three": 23,
    "twenty-four": 24,
    "twenty-five": 25,
    "thirty": 30,
}
_WORD_RE = "|".join(sorted((w for w in WORDS if w not in ("no", "none")), key=len, reverse=True))
_INT = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
NOT_REACHED = ("NR", "not reached")
NOT_ESTIMABLE = ("NE", "N/A", "NA", "not estimable")

PATTERNS = {
    "count": rf"(?:{_INT}|(?i:{_WORD_RE}))",
    "count0": rf"(?:{_INT}|(?i:{_WORD_RE})|-)",
    "num": _NUM,
    "median": rf"(?:{_NUM}|NR|(?i:not reached))",
    "bound": rf"(?:{_NUM}|NE|N/A|NA|(?i:not estimable))",
    "nil": r"(?i:no|none)",
    "any": r"\S+",
}


@dataclass(frozen=True)
class Parsed:
    value: float
    text: str
    implied: bool = False  # a dash read as zero


def parse(kind: str, text: str) -> Parsed:
    """Parse matched ``text`` as ``kind``; raise ValueError on anything unexpected."""
    t = text.strip()
    if kind == "nil":
        return Parsed(0.0, t)
    if kind in ("count", "count0"):
        if kind == "count0" and t == "-":
            return Parsed(0.0, t, implied=True)
        low = t.lower()
        if low in WORDS:
            return Parsed(float(WORDS[low]), t)
        if not t.replace(",", "").isdigit():
            raise ValueError(f"{t!r} is not a count")
        return Parsed(float(int(t.replace(",", ""))), t)
    if kind == "median" and (t in NOT_REACHED or t.lower() == "not reached"):
        return Parsed(math.nan, "NR")
    if kind == "bound" and (t in NOT_ESTIMABLE or t.lower() == "not estimable"):
        return Parsed(math.nan, "NE")
    if kind in ("num", "median", "bound"):
        return Parsed(float(t.replace(",", "")), t)
    raise ValueError(f"unknown value type {kind!r}")


def decimals(text: str) -> int:
    """Number of printed decimals of a numeric text (``15.5`` -> 1, ``9`` -> 0)."""
    return len(text.split(".", 1)[1]) if "." in text else 0
