"""A cohort divided into its parts in one sentence (``litmeta draft-spec``): the whole's size,
then a list of parts, each a size and a name, whose sizes add up to the whole's.

The list is read by its grammar, not by one wording: a part is a count followed by the words
that name it, with or without a linking word ("51 with midgut", "45 in the CAP-PRRT group",
"54 to 177Lu-DOTATATE", "74 received temozolomide alone", "79 PanNET"), or a name followed by
its size ("surufatinib, n = 129"); parts are joined by commas, semicolons and "and".  The sum
is the evidence: the parts of a whole add up to it, a list of characteristics seldom does,
and a list that does not is left alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .numbers import PATTERNS, parse

_CNT = PATTERNS["count"]
_B = r"(?<![\w.,/-])"
_E = r"(?![\w])"

# the whole: a count of patients ("Sixty-four patients were enrolled", "Of 309 patients
# randomly assigned", "Of 144 randomised patients", "We analysed 87 patients")
_WHOLE = re.compile(
    rf"{_B}(?P<n>{_CNT}){_E}\s+(?:(?:randomi[sz]ed|eligible|evaluable|enrolled|included|"
    r"consecutive|treated)\s+)?(?:patients|pts)\b"
)
# what links a part's size to its name
_LINK = (
    r"(?:(?:patients?|pts)\s+)?(?:(?:were|was)\s+)?"
    r"(?:(?:(?:randomi[sz]ed|assigned|allocated)\s+)?(?:in|to|into)\s+(?:the\s+)?|with\s+"
    r"|(?:received|were\s+treated\s+with|treated\s+with)\s+)?"
)
# a word of a part's name: letters in it, no sentence punctuation; at most five
_WORD = r"(?=[\w+/-]*[A-Za-z])[\w+/-]+"
_STOP = re.compile(
    r"(?i)^(?:and|or|versus|vs|patients?|pts|were|was|who|whom|with|in|of|had|received|"
    r"to|the|respectively|each|per|both|either|whereas|while|but)$"
)
# the words that close a part's name without naming it ("the CAP-PRRT group", "pancreatic
# NET"): the noun of the list, kept out of the label so that "the pancreatic cohort" names it
_NOUN = re.compile(
    r"(?i)^(?:groups?|arms?|cohorts?|patients?|pts|NETs?|NENs?|tumou?rs?|primar(?:y|ies)|"
    r"disease|cases?)$"
)
# a list's noun before any name ("patients with ...", "the arms"): no part is named
_NOT_NAMED = re.compile(r"(?i)^(?:groups?|arms?|cohorts?|patients?|pts|cases?)$")
# names that are no treatment or disease group: sexes, and what is counted in other units
_NOT_A_GROUP = re.compile(
    r"(?i)^(?:(?:wo)?men|(?:fe)?males?|months?|years?|weeks?|days?|cycles?|doses?|mg|GBq|"
    r"mCi|centres?|centers?|sites?|countries|lesions?)\b"
)
_SEP = re.compile(r"\s*(?:[,;]\s*(?:and\s+)?|\s+and\s+)")
# the list starts after the whole within this reach, before the sentence ends
_REACH = 200
_END = re.compile(r"\.(?!\d)")


@dataclass
class Part:
    label: str  # the name, without the list's noun
    printed: str  # the size as printed
    start: int  # where the size is printed in the passage
    end: int
    at: int  # where the name starts


def _name(passage: str, pos: int) -> tuple[str, int, int] | None:
    """(label, start, end of the name with its noun) of the words at ``pos``: up to five
    words, stopped by punctuation, a stop word or a number; a bracket after it is skipped."""
    words = []
    end = pos
    for m in re.finditer(r"\s*(\S+)", passage[pos:]):
        raw = m.group(1)
        tok = raw.rstrip(",;.:)]")
        if raw.startswith(("(", "[")) or not re.fullmatch(_WORD, tok) or _STOP.match(tok):
            break
        words.append(tok)
        end = pos + m.start(1) + len(tok)
        if tok != raw or len(words) > 5:
            break
    if not words or len(words) > 5:
        return None
    while len(words) > 1 and _NOUN.match(words[-1]):
        words.pop()
    if _NOT_NAMED.match(words[0]) or _NOT_A_GROUP.match(words[0]):
        return None
    label = " ".join(words)
    # a bracket of the part's own description: "(Ki-67 21-55%)", "(pNET)"
    br = re.match(r"\s*[(\[][^()\[\]]{0,40}[)\]]", passage[end:])
    return label, pos, end + (br.end() if br else 0)


def _size_first(passage: str, pos: int) -> tuple[Part, int] | None:
    m = re.compile(rf"(?P<n>{_CNT}){_E}\s+{_LINK}").match(passage, pos)
    if m is None:
        return None
    named = _name(passage, m.end())
    if named is None:
        return None
    label, at, end = named
    return Part(label, m.group("n"), m.start("n"), m.end("n"), at), end


def _name_first(passage: str, pos: int) -> tuple[Part, int] | None:
    """ "surufatinib, n = 129", "pancreas, n = 38": a name, a comma and its size."""
    m = re.compile(rf"(?P<label>{_WORD}(?:\s+{_WORD}){{0,3}}?)\s*,\s*n\s*=\s*(?P<n>\d+){_E}").match(
        passage, pos
    )
    if m is None or any(_STOP.match(w) for w in m.group("label").split()):
        return None
    if _NOT_A_GROUP.match(m.group("label")):
        return None
    return Part(m.group("label"), m.group("n"), m.start("n"), m.end("n"), m.start("label")), m.end()


def _parts(passage: str, pos: int) -> list[Part]:
    """The list of parts starting at ``pos`` (every one read the same way)."""
    for read in (_size_first, _name_first):
        out: list[Part] = []
        at = pos
        while (got := read(passage, at)) is not None:
            part, end = got
            out.append(part)
            sep = _SEP.match(passage, end)
            if sep is None:
                break
            at = sep.end()
        if len(out) >= 2:
            return out
    return []


def whole_and_parts(passage: str, whole_ok) -> tuple[re.Match[str], list[Part]] | None:
    """(the whole's match, its parts) of a sentence printing a count of patients and then,
    after a colon, comma, semicolon or bracket, a list of two or more named parts whose sizes
    add up to it (``whole_ok(start, end)``: a count is a whole number as printed); None when
    there is none, when two parts share a name, or when the sizes do not add up."""
    for whole in _WHOLE.finditer(passage):
        if not whole_ok(whole.start("n"), whole.end("n")):
            continue
        try:
            size = parse("count", whole.group("n")).value
        except ValueError:
            continue
        stop = _END.search(passage, whole.end())
        hi = min(whole.end() + _REACH, stop.start() if stop else len(passage))
        for sep in re.finditer(r"[:;(\[,]\s*", passage[whole.end() : hi]):
            parts = _parts(passage, whole.end() + sep.end())
            if parts and _adds_up(parts, size, whole_ok):
                return whole, parts
    return None


def _adds_up(parts: list[Part], size: float, whole_ok) -> bool:
    slugs = [re.sub(r"[^a-z0-9]", "", p.label.lower()) for p in parts]
    if len(set(slugs)) != len(slugs) or not all(slugs):
        return False
    try:
        sizes = [parse("count", p.printed).value for p in parts]
    except ValueError:
        return False
    return sum(sizes) == size and all(whole_ok(p.start, p.end) for p in parts)
