"""Running heads, running feet and page numbers: the lines a reader skips at a page break.

A page's first line (if it lies in the top tenth of the page) and last line (bottom tenth)
are candidates. A candidate is dropped when it is a page number (``7``, ``Page 7 of 10``), or
when the same text, digits masked, stands in the same margin of another page (journal name,
authors, DOI, "2024 · Vol 12 · 7"). Each dropped line is kept with its page and box so the
layout sidecar can record it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import _rows

MARGIN = 0.1
_PAGE_NUMBER = re.compile(r"(page\s*)?#(\s*(of|/)\s*#)?", re.IGNORECASE)


@dataclass
class Dropped:
    page: int
    text: str
    kind: str  # "running head", "running foot" or "page number"
    box: tuple[float, float, float, float]
    words: list[dict]


def _key(row: list[dict]) -> str:
    return re.sub(r"\d+", "#", " ".join(w["text"] for w in row))


def margin_lines(pages: list[tuple[list[dict], float]]) -> list[Dropped]:
    """``pages``: (words, page height) per page. Returns the lines to drop."""
    candidates: list[tuple[int, str, list[dict]]] = []
    for number, (words, height) in enumerate(pages, start=1):
        rows = _rows(words)
        if not rows:
            continue
        if rows[0][0]["top"] < MARGIN * height:
            candidates.append((number, "top", rows[0]))
        if len(rows) > 1 and rows[-1][0]["bottom"] > (1 - MARGIN) * height:
            candidates.append((number, "bottom", rows[-1]))
    seen = Counter((where, _key(row)) for _, where, row in candidates)
    dropped = []
    for number, where, row in candidates:
        key = _key(row)
        if _PAGE_NUMBER.fullmatch(key):
            kind = "page number"
        elif seen[(where, key)] >= 2:
            kind = "running head" if where == "top" else "running foot"
        else:
            continue
        box = (
            min(w["x0"] for w in row),
            min(w["top"] for w in row),
            max(w["x1"] for w in row),
            max(w["bottom"] for w in row),
        )
        dropped.append(Dropped(number, " ".join(w["text"] for w in row), kind, box, row))
    return dropped
