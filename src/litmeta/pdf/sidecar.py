"""The layout sidecar of a PDF paper: ``extracted/text/<paper_id>.layout.csv``.

One row per line of ``extracted/text/<paper_id>.txt`` (``line`` = its number) with the page,
the column it was read from, its bounding box in PDF points (origin top left of the page,
as pdfplumber gives it) and which signal ordered its page (``order``: ``stream``, the order
the PDF draws its text, where that is plausible; ``geometry`` otherwise; empty for the blocks
set after a page's text: :func:`litmeta.pdf.layout.stream_score`), then one row per line
dropped from the text (running heads, running feet, page numbers, a table's header repeated
atop its continuation: ``line`` empty, the dropped text in ``dropped_text``), by page and
position. Columns are documented in extracted/README.md.
"""

from __future__ import annotations

from pathlib import Path

COLUMNS = ("line", "page", "column", "x0", "top", "x1", "bottom", "kind", "order", "dropped_text")


def rows(lines: list, dropped: list) -> list[dict]:
    out = []
    for number, ln in enumerate(lines, start=1):
        out.append(
            {
                "line": number,
                "page": ln.page,
                "column": ln.column,
                "x0": round(ln.x0, 1),
                "top": round(ln.top, 1),
                "x1": round(ln.x1, 1),
                "bottom": round(ln.bottom, 1),
                "kind": ln.kind,
                "order": ln.order,
                "dropped_text": "",
            }
        )
    for d in sorted(dropped, key=lambda d: (d.page, d.box[1], d.box[0])):
        x0, top, x1, bottom = d.box
        out.append(
            {
                "line": "",
                "page": d.page,
                "column": "",
                "x0": round(x0, 1),
                "top": round(top, 1),
                "x1": round(x1, 1),
                "bottom": round(bottom, 1),
                "kind": d.kind,
                "order": "",
                "dropped_text": d.text,
            }
        )
    return out


def places(path: str | Path) -> dict[int, str]:
    """Line number -> "page 3, right column" from a sidecar."""
    from ..tables import read_rows

    out = {}
    for r in read_rows(path):
        if r["line"]:
            column = r["column"]
            where = f"{column} column" if column not in ("full width", "") else column
            out[int(r["line"])] = f"page {r['page']}, {where}".rstrip(", ")
    return out
