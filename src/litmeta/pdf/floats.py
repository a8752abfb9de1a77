"""Let a sentence read through the tables and figure captions that interrupt it.

A journal sets tables and figures as floats: a table at the top of a page stands between the
two halves of a sentence that crosses the page break. When a float (a table, or a caption:
a full-width line starting ``Fig. 2``, ``Figure 2`` or ``Table 2`` and the full-width lines
after it) follows a text line that does not end a sentence, the float is moved to just after
the next line that does. Every line keeps its page, column and box (the layout sidecar), so
a moved line is still found where it was printed.
"""

from __future__ import annotations

import re

from .layout import Line

_SENTENCE_END = re.compile(r"[.?!:][\"')\]]*$")
_CAPTION = re.compile(r"(fig\.?|figure|table)\s*\d+", re.IGNORECASE)


def _floats(lines: list[Line]) -> list[bool]:
    out = []
    caption_page = None
    for ln in lines:
        if ln.kind == "table":
            out.append(True)
            caption_page = None
            continue
        if ln.column == "full width" and _CAPTION.match(ln.text):
            caption_page = ln.page
        elif ln.column != "full width" or ln.page != caption_page:
            caption_page = None
        out.append(caption_page is not None)
    return out


def read_through(lines: list[Line]) -> list[Line]:
    out: list[Line] = []
    held: list[Line] = []
    last_text = ""
    for ln, is_float in zip(lines, _floats(lines), strict=True):
        if is_float:
            if held or (last_text and not _SENTENCE_END.search(last_text)):
                held.append(ln)
            else:
                out.append(ln)
            continue
        out.append(ln)
        last_text = ln.text
        if held and _SENTENCE_END.search(ln.text):
            out.extend(held)
            held = []
    return out + held
