"""Running heads, running feet and page numbers: the lines a reader skips at a page break.

A page's first lines (from the one in the top tenth of the page, as long as each next one
stands as close as lines of one block do) and its last lines (bottom tenth, likewise) are
candidates, outermost first. A candidate is dropped when it is a page number (``7``,
``Page 7 of 10``), or when the same text, digits masked, stands in the same margin of
another page (journal name, authors, DOI, "2024 · Vol 12 · 7"), unless it is a table's
caption ("Table 2 ...", printed again atop each page the table runs over); the first
candidate that is neither ends its margin's stack. Each dropped line is kept with its
page and box so the layout sidecar can record it.

Text set vertically in a side margin (a download notice, the journal's name up the page)
is dropped too (:func:`rotated_margin`): its glyphs are not upright and it stands wholly
left or right of the page's upright text.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from .layout import TABLE_CAPTION, _rows

MARGIN = 0.1
STACK_EM = 1.0  # rows of one margin block stand at most this far apart (in font sizes)
_PAGE_NUMBER = re.compile(r"(page\s*)?#(\s*(of|/)\s*#)?", re.IGNORECASE)


@dataclass
class Dropped:
    page: int
    text: str
    kind: str  # "running head", "running foot", "page number", ROTATED (or continued.KIND)
    box: tuple[float, float, float, float]
    words: list[dict]


ROTATED = "rotated margin text"
ROTATED_LINES = 3  # at most this many lines: a margin's notice, not a table turned on its side


def rotated_margin(page, words: list[dict], number: int) -> tuple[list[dict], list[Dropped]]:
    """``words`` less those set vertically in a side margin, and those as dropped lines.

    A word is in the margin when its glyphs are not upright and it lies wholly left of the
    leftmost or right of the rightmost upright word of the page; the margin's text is read
    from its glyphs in the order the page draws them (the words of vertical text are
    fragments). A page with no upright word keeps them all, and so does a margin whose
    rotated glyphs stand on more than ``ROTATED_LINES`` lines (a table turned on its side)."""
    upright = [w for w in words if w.get("upright", True)]
    if len(upright) == len(words) or not upright:
        return words, []
    left = min(w["x0"] for w in upright)
    right = max(w["x1"] for w in upright)
    out, dropped = [], []
    for side in ("left", "right"):
        outside = [
            w
            for w in words
            if not w.get("upright", True)
            and (w["x1"] <= left if side == "left" else w["x0"] >= right)
        ]
        if not outside:
            continue
        x0, x1 = min(w["x0"] for w in outside), max(w["x1"] for w in outside)
        glyphs = [  # word boxes are rounded (layout.SIZE_DIGITS): half a point of room
            c
            for c in page.chars
            if not c["upright"] and x0 - 0.5 <= c["x0"] and c["x1"] <= x1 + 0.5
        ]
        if not glyphs or _vertical_lines(glyphs) > ROTATED_LINES:
            continue
        box = (x0, min(w["top"] for w in outside), x1, max(w["bottom"] for w in outside))
        text = " ".join("".join(c["text"] for c in glyphs).split())
        dropped.append(Dropped(number, text, ROTATED, box, outside))
    gone = {id(w) for d in dropped for w in d.words}
    out = [w for w in words if id(w) not in gone]
    return out, dropped


def _vertical_lines(glyphs: list[dict]) -> int:
    """How many lines of vertical text the glyphs stand on: runs of their centres across
    the page, a new one where the centres step by more than a font size."""
    xs = sorted((c["x0"] + c["x1"]) / 2 for c in glyphs)
    size = max(c["size"] for c in glyphs)
    return 1 + sum(1 for a, b in zip(xs, xs[1:], strict=False) if b - a > size)


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
            elif TABLE_CAPTION.match(key.replace("#", "1")):
                continue  # a table's caption, repeated atop its continuation pages
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


TURNED_SHARE = 0.8  # a page this share of whose glyphs are not upright is read turned


class TurnedPage:
    """A page whose text is set on its side (a wide table turned a quarter on an upright
    page), turned back: every glyph and drawing's box rotated so the text runs left to
    right, top to bottom, and the page's width and height swapped. Ruled grids are not
    looked for on it (its rules still make booktabs tables)."""

    def __init__(self, page, up: bool) -> None:
        self.width, self.height = float(page.height), float(page.width)
        self.page_number = getattr(page, "page_number", 0)
        self._page, self._up = page, up
        self.chars = [self._turn(ch, size=True) for ch in page.chars]
        for ch in self.chars:
            ch["upright"] = not ch["upright"]
        self.lines = [self._turn(o) for o in page.lines]
        self.rects = [self._turn(o) for o in page.rects]
        self.curves = [self._turn(o) for o in page.curves]
        self.images = [self._turn(o) for o in page.images]

    def _turn(self, obj: dict, size: bool = False) -> dict:
        x0, top, x1, bottom = obj["x0"], obj["top"], obj["x1"], obj["bottom"]
        w, h = self.height, self.width  # the page as printed
        # text reading bottom to top has its next lines to the right; top to bottom, left
        box = (h - bottom, x0, h - top, x1) if self._up else (top, w - x1, bottom, w - x0)
        out = dict(obj, x0=box[0], top=box[1], x1=box[2], bottom=box[3], doctop=box[1])
        out.update(width=box[2] - box[0], height=box[3] - box[1])
        if size:
            out["size"] = out["height"]
        return out

    def find_tables(self) -> list:
        return []


def turned(page):
    """The page turned back when ``TURNED_SHARE`` of its glyphs or more are set on their side
    (:class:`TurnedPage`), else the page itself. Which way: the way most of those glyphs
    follow each other in the drawing order, up the page or down it."""
    chars = page.chars
    side = [c for c in chars if not c["upright"]]
    if not chars or len(side) < TURNED_SHARE * len(chars):
        return page
    steps = [b["top"] - a["top"] for a, b in zip(side, side[1:], strict=False)]
    up = sum(1 for s in steps if -2 * a_size(side) < s < 0)
    down = sum(1 for s in steps if 0 < s < 2 * a_size(side))
    return TurnedPage(page, up >= down)


def a_size(chars: list[dict]) -> float:
    """The glyphs' usual extent across their baseline (their font size, on their side)."""
    widths = sorted(c["x1"] - c["x0"] for c in chars)
    return widths[len(widths) // 2]
