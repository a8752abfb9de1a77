"""Value types a spec placeholder can capture, each a bounded regex plus a parser.

=========  ==========================================================  =====================
type       matches                                                     value
=========  ==========================================================  =====================
count      ``22``, ``1,234``, ``Sixteen``, ``Ninety-six``, ``one hundred   int
           and twelve`` (words up to 9,999, any capitals)
count0     as count, or a lone ``-`` (table cell meaning none)         int (0 for ``-``)
num        ``14.6``, ``1,572``, ``29``                                 float
median     num, or ``NR`` / ``not reached`` / ``not (yet) (been) reached``  float or NaN (``NR``)
bound      num, ``NE`` / ``N/A`` / ``NA`` / ``not estimable``, or     float or NaN (``NE``, ``NR``)
           ``NR`` / ``not reached`` (an upper bound not reached)
nil        ``no`` / ``none`` (as in "no patient developed ...")         0
any        any run of non-space characters (skipped, never output)     --
=========  ==========================================================  =====================

The ``·`` decimal point is normalised to ``.`` before matching (see :mod:`litmeta.normalise`).
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import regex

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"]
_TEENS = [
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
_TENS = ["twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]
WORDS = {w: i for i, w in enumerate(_UNITS)}
WORDS.update({w: 10 + i for i, w in enumerate(_TEENS)})
WORDS.update({w: 20 + 10 * i for i, w in enumerate(_TENS)})
WORDS.update({"no": 0, "none": 0})

# The grammar of a cardinal number in words, 0 to 9,999 ("Thirty five", "Ninety-six",
# "one hundred and twelve"): what :func:`words_to_int` accepts.
_U = "(?:" + "|".join(_UNITS[1:]) + ")"
_T = "(?:" + "|".join(_TEENS) + ")"
_X = "(?:" + "|".join(_TENS) + ")"
_SEP = r"(?:[ -]|\s+and\s+)"
_B100 = rf"(?:{_X}(?:[ -]{_U}\b)?|{_T}|{_U})\b"
_B1000 = rf"(?:{_U}[ -]hundred(?:{_SEP}{_B100})?\b|{_B100})"
_WORD_GRAMMAR = rf"(?i:(?:{_U}[ -]thousand(?:{_SEP}{_B1000})?\b|{_B1000}|zero\b))"

# What a count placeholder captures: a whole run of number words (checked against the
# grammar when parsed, so "twelve hundred" stops with an error instead of giving a number).
# The run does not continue ("Ninety" of "Ninety-six") ...
_W = (
    "(?:"
    + "|".join(sorted([*_UNITS, *_TEENS, *_TENS, "hundred", "thousand"], key=len, reverse=True))
    + r")\b"
)
_AND = r"(?:(?<=hundred)|(?<=thousand))\s+and\s+"
# The loop is possessive: it takes every following number word and never gives one back,
# which is what "the run does not continue" asks, with _W compiled twice instead of four
# times (each anchor's count placeholder compiles it: the drafter's measure compiles some
# 500 anchors)
WORD_COUNT = rf"(?i:(?=[a-z]){_W}(?:(?:[ -]|{_AND}){_W})*+)"
# ... and is not the tail of a longer one ("six" of "Ninety-six", "twelve" of "hundred and
# twelve"): a variable-width look-behind, ``regex`` only (see ANCHOR_PATTERNS); PATTERNS work
# with ``re`` as well.
_WORD_BEFORE = rf"(?i:(?<!{_W}[ -])(?<!(?:hundred|thousand)\s+and\s+))"

_INT = r"\d{1,3}(?:,\d{3})+(?!\d)|\d+"
_NUM = r"(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?"
NOT_REACHED = ("NR", "not reached")
# "not reached", "not been reached", "not yet reached", "not yet been reached" (Amendment 2)
_NOT_REACHED = r"(?i:not\s+(?:yet\s+)?(?:been\s+)?reached)"
NOT_ESTIMABLE = ("NE", "N/A", "NA", "not estimable")

PATTERNS = {
    "count": rf"(?:{_INT}|{WORD_COUNT})",
    "count0": rf"(?:{_INT}|{WORD_COUNT}|-)",
    "num": _NUM,
    "median": rf"(?:{_NUM}|NR|{_NOT_REACHED})",
    "bound": rf"(?:{_NUM}|NE|N/A|NA|NR|(?i:not estimable)|{_NOT_REACHED})",
    "nil": r"(?i:no|none)",
    "any": r"\S+",
}
#: what each type accepts, in words: the one list the docs, the errors and the tests use
TYPE_FORMS = {
    "count": "digits (22, 1,234) or a cardinal in words up to 9,999 (Sixteen, Ninety-six)",
    "count0": "a count, or a lone '-' (a table cell meaning none, read as 0)",
    "num": "a number (14.6, 1,572, 29)",
    "median": "a number, NR, or 'not reached' / 'not been reached' / 'not yet reached'",
    "bound": "a number, NE, N/A, NA, 'not estimable', NR or 'not reached'",
    "nil": "'no' or 'none' (read as 0)",
    "any": "any one token, skipped: only in {_:any}, never a value",
}
#: the types a placeholder that captures a value may have ({_} may also be ``any``)
VALUE_TYPES = tuple(k for k in PATTERNS if k != "any")

# What anchors match (``regex`` only): as PATTERNS, and a count in words is not the tail of a
# longer number in words ("six" of "Ninety-six").
ANCHOR_PATTERNS = {
    **PATTERNS,
    "count": rf"(?:{_INT}|{_WORD_BEFORE}{WORD_COUNT})",
    "count0": rf"(?:{_INT}|{_WORD_BEFORE}{WORD_COUNT}|-)",
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
        if t[:1].isalpha():
            return Parsed(float(words_to_int(t)), t)
        if not t.replace(",", "").isdigit():
            raise ValueError(f"{t!r} is not a count")
        return Parsed(float(int(t.replace(",", ""))), t)
    if kind in ("median", "bound") and (t in NOT_REACHED or regex.fullmatch(_NOT_REACHED, t)):
        return Parsed(math.nan, "NR")
    if kind == "bound" and (t in NOT_ESTIMABLE or t.lower() == "not estimable"):
        return Parsed(math.nan, "NE")
    if kind in ("num", "median", "bound"):
        return Parsed(float(t.replace(",", "")), t)
    raise ValueError(f"unknown value type {kind!r}")


def words_to_int(text: str) -> int:
    """A cardinal number in words (0 to 9,999) as an int; ValueError if it is not one."""
    if not regex.fullmatch(_WORD_GRAMMAR, text) and text.lower() not in ("no", "none"):
        raise ValueError(f"{text!r} is not a number in words")
    total = current = 0
    for word in regex.split(r"\s+and\s+|[ -]+", text.lower()):
        if word in WORDS:
            current += WORDS[word]
        elif word == "hundred":
            current *= 100
        elif word == "thousand":
            total += current * 1000
            current = 0
        else:  # pragma: no cover - the fullmatch above admits only number words
            raise ValueError(f"{text!r} is not a number in words")
    return total + current


def decimals(text: str) -> int:
    """Number of printed decimals of a numeric text (``15.5`` -> 1, ``9`` -> 0)."""
    return len(text.split(".", 1)[1]) if "." in text else 0
