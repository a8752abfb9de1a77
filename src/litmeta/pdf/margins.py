"""Running heads, running feet and page numbers: the lines a reader skips at a page break.

A page's first lines (from the one in the top tenth of the page, as long as each next one
stands as close as lines of one block do) and its last lines (bottom tenth, likewise) are
candidates, outermost first. A candidate is dropped when it is a page number (``7``,
``Page 7 of 10``), or when the same text, digits masked, stands in the same margin of
another page (journal name, authors, DOI, "2024 · Vol 12 · 7"); the first candidate that is
neither ends its margin's stack. Each dropped line is kept with its page and box so the
layout sidecar can record it.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import _rows

MARGIN = 0.1
STACK_EM = 1.0  # rows of one margin block stand at most this far apart (in font sizes)
_PAGE_NUMBER = re.compile(r"(page\s*)?#(\s*(of|/)\s*#)?", re.IGNORECASE)


@dataclass
class Dropped:
    page: int
    text: str
    kind: str  # "running head", "running foot", "page number" (or continued.KIND)
    box: tuple[float, float, float, float]
    words: list[dict]


def _key(row: list[dict]) -> str:
    return re.sub(r"\d+", "#", " ".join(w["text"] for w in row))


def _stack(rows: list[list[dict]], height: float, where: str) -> list[list[dict]]:
    """The rows of one margin, outermost first: the first row in the margin band, then each
    next row in the band standing as close to it as lines of one block do (a gap of at most
    ``STACK_EM`` of its size): a two-line running head, a three-line footer. A table's header
    at the top of the body stands further off, though it may repeat on the next page."""
    if where == "bottom":
        rows = rows[::-1]
    out: list[list[dict]] = []
    for row in rows:
        top, bottom = min(w["top"] for w in row), max(w["bottom"] for w in row)
        inside = bottom > (1 - MARGIN) * height if where == "bottom" else top < MARGIN * height
        if not inside:
            break
        if out:
            prev = out[-1]
            gap = (
                min(w["top"] for w in prev) - bottom
                if where == "bottom"
                else top - max(w["bottom"] for w in prev)
            )
            if gap > STACK_EM * max(w["size"] for w in row):
                break
        out.append(row)
    return out


def margin_lines(pages: list[tuple[list[dict], float]]) -> list[Dropped]:
    """``pages``: (words, page height) per page. Returns the lines to drop."""
    candidates: list[tuple[int, str, list[list[dict]]]] = []
    for number, (words, height) in enumerate(pages, start=1):
        rows = _rows(words)
        if not rows:
            continue
        top = _stack(rows, height, "top")
        bottom = _stack(rows[len(top) :], height, "bottom")
        candidates.append((number, "top", top))
        candidates.append((number, "bottom", bottom))
    # level by level from the page edge: a row is compared with the rows at its own depth
    # of the other pages' stacks, and only while every row outside it was dropped
    dropped = []
    alive = list(range(len(candidates)))
    level = 0
    while alive:
        rows = [(i, candidates[i][2][level]) for i in alive if level < len(candidates[i][2])]
        seen = Counter((candidates[i][1], _key(row)) for i, row in rows)
        alive = []
        for i, row in rows:
            number, where, _ = candidates[i]
            key = _key(row)
            if _PAGE_NUMBER.fullmatch(key):
                kind = "page number"
            elif seen[(where, key)] >= 2:
                kind = "running head" if where == "top" else "running foot"
            else:
                continue  # not margin: it ends its stack
            box = (
                min(w["x0"] for w in row),
                min(w["top"] for w in row),
                max(w["x1"] for w in row),
                max(w["bottom"] for w in row),
            )
            dropped.append(Dropped(number, " ".join(w["text"] for w in row), kind, box, row))
            alive.append(i)
        level += 1
    return sorted(dropped, key=lambda d: (d.page, d.box[1]))
