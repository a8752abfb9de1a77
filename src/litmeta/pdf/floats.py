"""Let a sentence read through a table, figure or note that interrupts it.

A journal sets tables as floats: a table at the top of a page or column stands between the
two halves of a sentence that crosses the break. When a table opens a new page or column
right after a line of prose broken off mid-sentence (it ends in a lower-case word, a
comma or a hyphen), its rows are moved to just after the
next text line that does. A table set in the running text (same page and column as the line
before it), or continuing a table from the previous page, stays where it is. Every line keeps
its page, column and box (the layout sidecar), so a moved row is still found where it was
printed. A table's caption (:mod:`.asides` finds it above or below its table) that opens the
new page or column after a line not ending a sentence is moved likewise, its lines and its
table with it. The blocks :mod:`.asides` sets after a page's text (figures, captions,
footnotes, asides) are moved likewise whenever the line before them does not end a sentence.
"""

from __future__ import annotations

import re

from .asides import TABLE_CAPTION
from .layout import Line

_SENTENCE_END = re.compile(r"[.?!:][\"')\]]*$")


_MID_SENTENCE = re.compile(r"[a-z,;-]$")  # prose broken off: a lower-case word, comma, hyphen


def _interrupts(last: Line, first: Line, ended=None) -> bool:
    """``first`` opens a new page or column after ``last``, a line of prose broken off (or,
    given ``ended``, a line that does not match it: a caption's "Table 2" is no prose)."""
    moved = first.page != last.page or first.column != last.column
    broken = not ended.search(last.text) if ended else _MID_SENTENCE.search(last.text)
    return last.kind == "text" and moved and bool(broken)


def read_through(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    held: list[Line] = []
    last: Line | None = None
    caption: bool | None = None  # a table's caption is being read: held or not
    for ln in lines:
        if ln.kind == "caption" and TABLE_CAPTION.match(ln.text):
            caption = last is not None and _interrupts(last, ln, _SENTENCE_END)
        elif ln.kind != "caption":
            caption = None
        if caption is not None:  # a table's caption: held if it interrupts, with its lines
            (held if caption else out).append(ln)
            last = last if caption else ln
            continue
        if ln.kind == "table":
            if held or (last is not None and _interrupts(last, ln)):
                held.append(ln)
                continue
        elif ln.kind != "text":  # figure, caption, footnote, aside: set after the page's text
            mid = last is not None and last.kind == "text" and not _SENTENCE_END.search(last.text)
            if held or mid:
                held.append(ln)
                continue
        elif held and _SENTENCE_END.search(ln.text):
            out.append(ln)
            out.extend(held)
            held = []
            last = out[-1]
            continue
        out.append(ln)
        last = ln
    return out + held
