"""A search view of a normalised paper that sees through line breaks and hyphenation.

The view collapses every run of whitespace (spaces, tabs, line breaks) into one space and
rejoins a word hyphenated across a line break (``re-\\nsponse`` -> ``response``: a hyphen
at the end of a line, after a letter and before a lower-case letter); any other hyphen that
ends a line keeps its place with no space after it (``I-\\nPRRT`` -> ``I-PRRT``,
``19.7-\\n29`` -> ``19.7-29``).  Every view character
remembers its offset in the normalised text, so a match in the view maps back to the line
numbers a reviewer can open.
"""

from __future__ import annotations

import bisect
import functools


class TextIndex:
    def __init__(self, text: str) -> None:
        self.text = text
        self.line_starts = [0]
        for i, ch in enumerate(text):
            if ch == "\n":
                self.line_starts.append(i + 1)
        chars: list[str] = []
        offsets: list[int] = []
        i, n = 0, len(text)
        while i < n:
            ch = text[i]
            if ch == "-" and i > 0 and text[i - 1].isalnum():
                j = i + 1
                while j < n and text[j] in " \t":
                    j += 1
                if j < n and text[j] == "\n":
                    k = j + 1
                    while k < n and text[k] in " \t":
                        k += 1
                    if k < n and text[k].islower() and text[i - 1].isalpha():
                        i = k  # soft hyphenation: drop hyphen, line break and indentation
                        continue
                    if k < n and not text[k].isspace():
                        chars.append("-")  # a compound or range broken after its hyphen
                        offsets.append(i)
                        i = k
                        continue
            if ch.isspace():
                j = i
                while j < n and text[j].isspace():
                    j += 1
                if chars and chars[-1] != " ":
                    chars.append(" ")
                    offsets.append(i)
                i = j
                continue
            chars.append(ch)
            offsets.append(i)
            i += 1
        self.view = "".join(chars)
        self.offsets = offsets

    def line_of(self, offset: int) -> int:
        """1-based line number of an offset into the normalised text."""
        return bisect.bisect_right(self.line_starts, offset)

    def view_line(self, view_pos: int) -> int:
        return self.line_of(self.offsets[min(view_pos, len(self.offsets) - 1)])

    def span_lines(self, start: int, end: int) -> tuple[int, int]:
        """First and last line of the view span [start, end)."""
        return self.view_line(start), self.view_line(max(start, end - 1))

    def lines(self, first: int, last: int) -> str:
        """Normalised text of lines first..last (1-based, inclusive)."""
        return "\n".join(self.text.split("\n")[first - 1 : last])


@functools.lru_cache(maxsize=4)
def index_of(text: str) -> TextIndex:
    """The index of ``text``, built once per process: the drafter, the candidate finder and
    the resolver of the same paper share it (nothing changes an index once built)."""
    return TextIndex(text)


#: prefix of a quote whose characters are not the paper's own (docs/risk_of_bias.md)
NORMALISED = "[normalised] "


def source_lines(raw: str | None, first: int, last: int) -> str | None:
    """Lines first..last (1-based) of the paper's own text, ``None`` without it (a PDF)."""
    if raw is None:
        return None
    return "\n".join(raw.split("\n")[first - 1 : last])


def mark_normalised(quote: str, source: str | None) -> str:
    """``quote`` (from the search view of the normalised text) as a table shows it: prefixed
    NORMALISED where it is not the paper's characters at its lines (``source``, e.g. ``¹⁷⁷``
    read as ``177``, a dash or ligature replaced, a word rejoined across a line break), and
    always for a paper without its own text (``source`` None: a PDF read back). Only runs of
    whitespace count as equal."""
    if source is not None and quote in " ".join(source.split()):
        return quote
    return NORMALISED + quote


def strip_normalised(quote: str) -> str:
    """The quote without the NORMALISED prefix (to find it in the normalised text)."""
    return quote.removeprefix(NORMALISED)
