"""Let a sentence read through a table, figure or note that interrupts it.

A journal sets tables as floats: a table at the top of a page or column stands between the
two halves of a sentence that crosses the break. When a table opens a new page or column
right after a line of prose broken off mid-sentence (it ends in a lower-case word, a
comma or a hyphen; or in a number or a percentage, "observed in 38.5%", when it is a line of
the running text: in the body's font size and as wide as its column's lines, which a table
row read as text, short or in a smaller print, is not), its rows are moved to just after the
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
from statistics import median

from .asides import TABLE_CAPTION
from .layout import Line

_SENTENCE_END = re.compile(r"[.?!:][\"')\]]*$")


_MID_SENTENCE = re.compile(r"[a-z,;-]$")  # prose broken off: a lower-case word, comma, hyphen
_NUMBER_END = re.compile(r"\d%?$")  # "observed in 38.5%": broken off if running text
FULL_SHARE = 0.9  # a running-text line is at least this share of its column's median width
SIZE_TOL = 0.05  # ... and its height (its font size) within this share of the body's


class _RunningText:
    """Which text lines are lines of the running text: in the body's font size (the median
    height of the text lines) and at least ``FULL_SHARE`` of the median width of such lines
    in columns of their column's name over the document (a line broken off at a page's foot
    is a full line; over the document, as a page of table rows read as text would give its
    rows' width)."""

    def __init__(self, lines: list[Line]) -> None:
        text = [ln for ln in lines if ln.kind == "text"]
        self.height = median(ln.bottom - ln.top for ln in text) if text else 0.0
        widths: dict[str, list[float]] = {}
        for ln in filter(self._body_size, text):
            widths.setdefault(ln.column, []).append(ln.x1 - ln.x0)
        self.width = {k: median(v) for k, v in widths.items()}

    def _body_size(self, ln: Line) -> bool:
        return abs((ln.bottom - ln.top) - self.height) <= SIZE_TOL * self.height

    def __call__(self, ln: Line) -> bool:
        width = self.width.get(ln.column, 0.0)
        return self._body_size(ln) and ln.x1 - ln.x0 >= FULL_SHARE * width > 0


def _interrupts(last: Line, first: Line, ended=None, running=None) -> bool:
    """``first`` opens a new page or column after ``last``, a line of prose broken off (or,
    given ``ended``, a line that does not match it: a caption's "Table 2" is no prose).
    ``running``: whether a line is running text (:class:`_RunningText`), for a line ending in
    a number."""
    moved = first.page != last.page or first.column != last.column
    if ended:
        broken = not ended.search(last.text)
    else:
        number = running is not None and _NUMBER_END.search(last.text) and running(last)
        broken = _MID_SENTENCE.search(last.text) or number
    return last.kind == "text" and moved and bool(broken)


def read_through(lines: list[Line]) -> list[Line]:
    running = _RunningText(lines)
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
            if held or (last is not None and _interrupts(last, ln, running=running)):
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
