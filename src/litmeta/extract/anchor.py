"""Anchors: verbatim quotes with typed placeholders, matched exactly once in a paper.

An anchor is the paper's own wording with each wanted value replaced by a placeholder::

    a partial response was observed in {best_response.pr} patients ({best_response.pr_pct}%)

``{endpoint.statistic}`` captures a value (its type follows from the statistic, see
:mod:`litmeta.extract.numbers`; ``{endpoint.statistic:type}`` overrides it);
``{a.x|b.y}`` stores one printed number as several statistics (e.g. a cohort size that is
both the efficacy and the safety population); ``{_}`` or ``{_:type}`` skips exactly one
whole token.
A placeholder only ever captures a whole token (see ``TOKEN_BEFORE``), and the anchor goes
through the same normalisation as the paper (:func:`litmeta.normalise.normalise_line`), so a
passage copied verbatim from the paper, en dashes and ligatures included, matches.
Literal text is matched as written, except that any whitespace matches one optional space
of the search view and a hyphen is optional (so ``well-differentiated`` still matches when
the paper hyphenated it across a line break).

Matching uses the ``regex`` module with a time limit: a spec written by hand (or by an
adversary) cannot hang the run with a catastrophically backtracking pattern; the standard
``re`` module takes minutes on ``{_} {_} {_} {_}`` against a long unbroken token.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

import regex

from ..normalise import normalise_line
from ..textindex import TextIndex
from .numbers import ANCHOR_PATTERNS, PATTERNS, TYPE_FORMS, VALUE_TYPES, Parsed, parse

# value type of a placeholder when the spec does not say
DEFAULT_TYPE = {
    "median": "median",
    "ci_low": "bound",
    "ci_high": "bound",
    "range_low": "num",
    "range_high": "num",
}


def default_type(statistic: str) -> str:
    if statistic.endswith("_pct"):
        return "num"
    return DEFAULT_TYPE.get(statistic, "count")


_PLACEHOLDER = re.compile(r"\{([^{}:]+)(?::([a-z0-9]+))?\}")
MAX_ANCHOR_CHARS = 600
MAX_PLACEHOLDERS = 40
MATCH_SECONDS = 2.0


@dataclass(frozen=True)
class Field:
    name: str  # "endpoint.statistic", several joined by "|", or "_"
    kind: str

    @property
    def refs(self) -> tuple[str, ...]:
        return () if self.name == "_" else tuple(self.name.split("|"))


@dataclass(frozen=True)
class Capture:
    field: Field
    parsed: Parsed
    line: int
    start: int = -1  # view offsets of the captured token (the workbench highlights it)
    end: int = -1
    after: str = ""  # the search view right after the value (its printed unit)


AFTER_CHARS = 80


@dataclass(frozen=True)
class Match:
    quote: str  # the matched passage in the search view
    first_line: int
    last_line: int
    captures: tuple[Capture, ...]


class AnchorError(ValueError):
    pass


def _literal(text: str) -> str:
    out = []
    for ch in text:
        if ch.isspace():
            if not out or out[-1] != " ?":
                out.append(" ?")
        elif ch == "-":
            out.append("-?")
        elif ch in QUOTES:
            out.append(QUOTES[ch])
        else:
            out.append(re.escape(ch))
    return "".join(out)


# A placeholder captures whole tokens only: never part of a word or of a number ("2" of
# "2.5" or "1,234", "6" of "16"), never a number's sign ("3" of "-3"; a hyphen after a
# letter or digit is a range or a compound, so "0-16" gives 0 and 16).
TOKEN_BEFORE = r"(?<![\w.,])(?<!(?:^|[^\w])-)"
TOKEN_AFTER = r"(?!\w)(?![.,]\d)"


_SINGLE = "'\u2018\u2019\u201a\u201b\u2032`\u00b4"
_DOUBLE = '"\u201c\u201d\u201e\u201f\u2033'
# a straight or curly quote in an anchor matches any quote of its kind in the paper
QUOTES = {c: f"[{re.escape(_SINGLE)}]" for c in _SINGLE}
QUOTES.update({c: f"[{re.escape(_DOUBLE)}]" for c in _DOUBLE})


def normalise_anchor(anchor: str) -> str:
    """The anchor as the paper's text is normalised (dashes, quotes, ligatures, spaces, NFC)."""
    return "\n".join(normalise_line(line) for line in anchor.split("\n"))


def compile_anchor(anchor: str) -> tuple[regex.Pattern[str], list[Field]]:
    pattern, fields = _compile(anchor)
    return pattern, list(fields)


@functools.lru_cache(maxsize=4096)
def _compile(anchor: str) -> tuple[regex.Pattern[str], tuple[Field, ...]]:
    """Compiled once per anchor and process (the spec check and the match share it)."""
    anchor = normalise_anchor(anchor)
    if len(anchor) > MAX_ANCHOR_CHARS:
        raise AnchorError(f"anchor is {len(anchor)} characters; keep it under {MAX_ANCHOR_CHARS}")
    fields: list[Field] = []
    parts: list[str] = []
    pos = 0
    for m in _PLACEHOLDER.finditer(anchor):
        parts.append(_literal(anchor[pos : m.start()]))
        name, kind = m.group(1).strip(), m.group(2)
        if name == "_":
            kind = kind or "any"
        else:
            refs = [r.strip() for r in name.split("|")]
            if any(r.count(".") != 1 for r in refs):
                raise AnchorError(f"placeholder {{{name}}} must be {{endpoint.statistic}}")
            name = "|".join(refs)
            kind = kind or default_type(refs[0].split(".", 1)[1])
        allowed = PATTERNS if name == "_" else VALUE_TYPES
        if kind not in allowed:
            why = (
                f"has type {kind!r}, which only {{_:any}} may have"
                if kind == "any"
                else f"has unknown type {kind!r}"
            )
            raise AnchorError(f"placeholder {m.group(0)} {why}; use one of {sorted(allowed)}")
        fields.append(Field(name, kind))
        parts.append(f"{TOKEN_BEFORE}((?&{_KIND_GROUP}{kind})){TOKEN_AFTER}")
        pos = m.end()
    parts.append(_literal(anchor[pos:]))
    if "{" in anchor[pos:] or "}" in anchor[pos:]:
        raise AnchorError("unbalanced { } in anchor")
    body = _trim_spaces("".join(parts))
    if not body:
        raise AnchorError("anchor is empty")
    if len(fields) > MAX_PLACEHOLDERS:
        raise AnchorError(f"anchor has {len(fields)} placeholders; at most {MAX_PLACEHOLDERS}")
    return regex.compile(body + _definitions({f.kind for f in fields})), tuple(fields)


#: prefix of the named groups that hold the placeholder types' patterns (:func:`_definitions`)
_KIND_GROUP = "k_"


def _definitions(kinds: set[str]) -> str:
    """Each placeholder type's pattern once, in a ``(?(DEFINE)...)`` group after the anchor,
    which the placeholders call (``(?&k_count)``) instead of repeating it: ``regex`` parses
    a pattern in time proportional to its length, and a count's pattern (numbers in words,
    with look-behinds) is 1,200 characters, so an anchor with four counts took 31 ms to
    compile and takes 9 ms. A called group backtracks like the same pattern written in place
    (``regex`` calls are not atomic), and its groups come after the placeholders', so
    placeholder ``i`` is still group ``i`` (tests/test_anchor.py)."""
    if not kinds:
        return ""
    groups = "".join(f"(?<{_KIND_GROUP}{k}>{ANCHOR_PATTERNS[k]})" for k in sorted(kinds))
    return f"(?(DEFINE){groups})"


def _trim_spaces(body: str) -> str:
    """``body`` without the optional spaces (``" ?"``) it starts or ends with. Only whole
    space units go: the ``?`` of an optional hyphen (``-?``, an anchor ending at a word
    hyphenated across a line break, which the search view joins) or of an escaped ``?``
    stays part of the pattern."""
    while body.startswith(" ?"):
        body = body[2:]
    while body.endswith(" ?"):
        body = body[:-2]
    return body


def _search(pattern: regex.Pattern[str], text: str) -> list[regex.Match[str]]:
    try:
        return list(pattern.finditer(text, timeout=MATCH_SECONDS))
    except TimeoutError:
        raise AnchorError(
            f"matching took over {MATCH_SECONDS:g} s and was stopped; "
            "make the anchor more literal (fewer {_} placeholders)"
        ) from None


def _not_found(index: TextIndex, anchor: str, fields: list[Field]) -> str:
    """Why an anchor is not found: where its words are found once with every placeholder
    reading any short run of text, the placeholder that cannot read its printed token."""
    loose = _PLACEHOLDER.sub("{_:any}", normalise_anchor(anchor))
    parts, pos = [], 0
    for m in _PLACEHOLDER.finditer(loose):
        parts.append(_literal(loose[pos : m.start()]))
        parts.append(rf"{TOKEN_BEFORE}(\S+?(?: \S+?){{0,4}}?){TOKEN_AFTER}")
        pos = m.end()
    parts.append(_literal(loose[pos:]))
    try:
        hits = list(regex.finditer(_trim_spaces("".join(parts)), index.view, timeout=MATCH_SECONDS))
    except TimeoutError:
        return "anchor not found"
    if len(hits) != 1:
        return "anchor not found"
    for i, f in enumerate(fields, start=1):
        token = hits[0].group(i)
        if f.name == "_" or regex.fullmatch(ANCHOR_PATTERNS[f.kind], token):
            continue
        return (
            f"anchor's words found (line {index.view_line(hits[0].start(i))}), but placeholder "
            f"{{{f.name}}} (type {f.kind}) cannot read the printed token {token!r}; "
            f"{f.kind} reads {TYPE_FORMS[f.kind]}"
        )
    return "anchor not found"


def match_once(index: TextIndex, anchor: str) -> Match:
    """Match ``anchor`` exactly once; AnchorError says how often it matched otherwise."""
    pattern, fields = compile_anchor(anchor)
    hits = _search(pattern, index.view)
    if not hits:
        raise AnchorError(_not_found(index, anchor, fields))
    if len(hits) > 1:
        lines = ", ".join(str(index.view_line(h.start())) for h in hits)
        raise AnchorError(f"anchor matches {len(hits)} times (lines {lines})")
    hit = hits[0]
    captures = []
    for i, field in enumerate(fields, start=1):
        if field.name == "_":
            continue
        text = hit.group(i)
        try:
            parsed = parse(field.kind, text)
        except ValueError as exc:
            raise AnchorError(f"{{{field.name}}}: {exc}") from None
        after = index.view[hit.end(i) : hit.end(i) + AFTER_CHARS]
        captures.append(
            Capture(field, parsed, index.view_line(hit.start(i)), hit.start(i), hit.end(i), after)
        )
    first, last = index.span_lines(hit.start(), hit.end())
    return Match(hit.group(0), first, last, tuple(captures))
