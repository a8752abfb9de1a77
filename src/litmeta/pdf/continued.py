"""A table continued on the next page or column, its header printed again there.

Publishers repeat a long table's header rows atop each page (or column) it continues on.
The repeated rows are no rows of the table: left in, a header would stand twice in the text
(an anchor on it matches twice) and its cells would read as a row of data. A run of table
rows that opens its page or column (no text line above it there) right after a run that
closes its own (no text line below it), with no caption of another table between them
("Table 3 ...", not "Table 2 (continued)"), continues that table; its first rows, as long as
each is the same text as the table's first rows (at most ``HEADER_ROWS``), are taken out
of the text and kept, as running heads are, with their page and box (kind ``repeated table
header``: the layout sidecar lists them). A run keeps at least one row, and the rows keep
their order.
"""

from __future__ import annotations

import re

from .asides import TABLE_CAPTION
from .layout import Line
from .margins import Dropped

HEADER_ROWS = 3  # a table's header has at most this many rows (as layout.table_boxes)
KIND = "repeated table header"
_CONTINUED = re.compile(r"\bcont(inued|\.|d\b)", re.IGNORECASE)


def _new_caption(lines: list[Line]) -> bool:
    """A caption of another table ("Table 3 ...", not "Table 2 (continued)") among ``lines``."""
    return any(TABLE_CAPTION.match(ln.text) and not _CONTINUED.search(ln.text) for ln in lines)


def _runs(lines: list[Line]) -> list[list[int]]:
    """Indices of the runs of table rows, each on one page and column."""
    runs: list[list[int]] = []
    for i, ln in enumerate(lines):
        prev = lines[i - 1] if i else None
        joined = (
            prev is not None
            and prev.kind == ln.kind == "table"
            and (prev.page, prev.column) == (ln.page, ln.column)
        )
        if joined:
            runs[-1].append(i)
        elif ln.kind == "table":
            runs.append([i])
    return runs


def _text_beside(lines: list[Line], rows: list[Line], above: bool) -> bool:
    """A text line of the rows' page, over or under them (overlapping them across), stands
    above their first row (``above``) or below their last."""
    x0, x1 = min(r.x0 for r in rows), max(r.x1 for r in rows)
    top, bottom = rows[0].top, rows[-1].bottom
    return any(
        ln.kind == "text"
        and ln.page == rows[0].page
        and ln.x0 < x1
        and x0 < ln.x1
        and (ln.bottom <= top if above else ln.top >= bottom)
        for ln in lines
    )


def drop_repeated_headers(lines: list[Line]) -> tuple[list[Line], list[Dropped]]:
    """The lines without the header rows repeated atop a table's continuation, and those
    rows as dropped lines."""
    gone: set[int] = set()
    header: list[str] = []  # the first rows of the table the last run ends in
    last: list[Line] | None = None
    end = 0  # index after the last run
    for run in _runs(lines):
        rows = [lines[i] for i in run]
        continues = (
            last is not None
            and (rows[0].page, rows[0].column) != (last[0].page, last[0].column)
            and not _new_caption(lines[end : run[0]])
            and not _text_beside(lines, last, above=False)
            and not _text_beside(lines, rows, above=True)
        )
        k = 0
        if continues:
            while k < min(len(header), len(rows) - 1) and rows[k].text == header[k]:
                k += 1
            gone.update(run[:k])
        starts = [j for j, r in enumerate(rows) if r.row == 0 and (not continues or j >= max(k, 1))]
        if starts:  # a table begins in the run: the last one is the one that may go on
            header = [r.text for r in rows[starts[-1] : starts[-1] + HEADER_ROWS]]
        last, end = rows, run[-1] + 1
    dropped = [
        Dropped(ln.page, ln.text, KIND, (ln.x0, ln.top, ln.x1, ln.bottom), [])
        for i, ln in enumerate(lines)
        if i in gone
    ]
    return [ln for i, ln in enumerate(lines) if i not in gone], dropped
