"""What a page prints beside its running text: figures, boxes, captions, footnotes, side notes.

Each is taken out of the page's words before the reading order is found, so it can neither
be interleaved line by line with the body nor cut a sentence in two, and comes back as a
block of its own at the end of the page (:func:`page_lines`); :mod:`.floats` then moves it
after the sentence it would interrupt, as it does a table. The layout sidecar gives each
line's kind:

* ``figure``: words inside drawn graphics (a filled or stroked rectangle, or a cluster of
  them, or an image) at least ``FIGURE_MIN`` points on each side and outside any table;
  one line per run of words (a flow chart's box);
* ``box``: the words inside drawn graphics that are set as lines of text, stacked as the
  lines of one block (``BOX_ROWS`` rows or more, each at most ``BOX_PITCH_EM`` font sizes
  below the one before, of ``BOX_WORDS`` words or more at the median): a framed or shaded
  panel of key points, as front pages print "Strengths and limitations"; a flow chart's
  boxes stand further apart and hold fewer words;
* ``caption``: the rows just below or above a figure that open with "Fig." or "Figure",
  and the rows that follow them as lines of one block; a table's caption likewise ("Table
  2 ..." just above or below a table), which stays where it is read, next to its table, so
  that :mod:`.floats` moves the two together;
* ``footnote``: a block of small text (font size under ``SMALL`` of the body's size),
  opening with a note marker (``*``, ``†``, a digit or letter and a space...) with no body
  text below it in its column: a corresponding-author note, an abbreviations list;
* ``aside``: a block of small text, one run per line, with no body text above or below it
  within ``NEAR_EM`` font sizes: a margin note, a column of affiliations beside the front
  matter, a box of key points.
"""

from __future__ import annotations

import re
from dataclasses import replace
from statistics import median

from .layout import (
    _NUMBER_CELL_WORDS,
    BASELINE_EM,
    FIGURE_CAPTION,
    NUMBER_ROWS,
    SEGMENT_GAP_EM,
    TABLE_CAPTION,
    Line,
    Segment,
    _baseline_rows,
    _holes,
    _inside,
    _number_cell,
    _rows,
    _split,
    lines_from_words,
    segments,
    table_boxes,
)

FIGURE_MIN = 20.0  # points: a drawn shape at least this wide and tall may hold a figure
FIGURE_JOIN = 24.0  # points: shapes this close are one figure
PAGE_SHARE = 0.5  # a shape covering more of the page than this is a background
BANNER_SHARE = 0.6  # a shape this share of the page wide and under FIGURE_MIN tall: a banner
SMALL = 0.9  # a font under this share of the body size is small print
NEAR_EM = 1.0  # body text within this many of its sizes makes a small block part of a column
CAPTION_EM = 3.0  # a caption opens at most this many sizes from its figure
BOX_ROWS, BOX_PITCH_EM, BOX_WORDS = 3, 2.5, 4  # text set in a frame as a block of lines
SHARED = 0.75  # asides side by side on this share of their rows are one table's columns
NUMBER_SHARE = 0.5  # ... when this share of the right one's lines are number cells
_CAPTION = FIGURE_CAPTION
_NUMBER_ALONE = re.compile(r"(fig\.?|figure|table)\s*(\d+|[IVX]+)[.:]?", re.IGNORECASE)
_NOTE = re.compile(r"^([*†‡§¶#]|\d{1,2}\s|[a-z]\s|[a-z][A-Z]|\d{1,2}[A-Z])")


def _box(objs) -> tuple[float, float, float, float]:
    return (
        min(o["x0"] for o in objs),
        min(o["top"] for o in objs),
        max(o["x1"] for o in objs),
        max(o["bottom"] for o in objs),
    )


def _span(segs: list[Segment]) -> tuple[float, float, float, float]:
    return (
        min(s.x0 for s in segs),
        min(s.top for s in segs),
        max(s.x1 for s in segs),
        max(s.bottom for s in segs),
    )


def _near(a, b, pad: float) -> bool:
    return a[0] - pad < b[2] and b[0] - pad < a[2] and a[1] - pad < b[3] and b[1] - pad < a[3]


def figure_boxes(page, tables) -> list[tuple[float, float, float, float]]:
    """Regions of drawn graphics (rectangles, curves, images), clusters of nearby shapes
    joined, leaving out table rules and anything overlapping a table."""
    # a band across the page under FIGURE_MIN tall ("RESEARCH  Open Access" on BMC's first
    # page) is a banner, no figure's part: joined to the logo beside the title below it,
    # it took the title's first line into a figure
    band = BANNER_SHARE * float(page.width)
    shapes = [
        _box([o])
        for o in list(page.rects) + list(page.curves) + list(page.images)
        if o["x1"] - o["x0"] >= FIGURE_MIN
        and o["bottom"] - o["top"] >= FIGURE_MIN / 2
        and not (o["x1"] - o["x0"] >= band and o["bottom"] - o["top"] < FIGURE_MIN)
    ]
    # a page-sized background (some publishers draw one) is not a figure
    page_area = float(page.width) * float(page.height)
    shapes = [
        s
        for s in shapes
        if not any(_near(s, t, 0) for t in tables)
        and (s[2] - s[0]) * (s[3] - s[1]) <= PAGE_SHARE * page_area
    ]
    regions: list[tuple[float, float, float, float]] = []
    for s in sorted(shapes):
        for i, r in enumerate(regions):
            if _near(r, s, FIGURE_JOIN):
                regions[i] = (min(r[0], s[0]), min(r[1], s[1]), max(r[2], s[2]), max(r[3], s[3]))
                break
        else:
            regions.append(s)
    return [r for r in regions if r[2] - r[0] >= FIGURE_MIN and r[3] - r[1] >= FIGURE_MIN]


def _captions(rows: list[list[dict]], figures, pattern=_CAPTION) -> list[list[dict]]:
    """The rows of the captions of ``figures`` (from the page's rows, top to bottom): rows
    opening with ``pattern`` and the rows that follow them, as far as the caption's own
    column goes: a caption set in the left column takes no word of the right one (the
    page's rows run across the gutter, where the other column's text goes on), a caption
    whose number is set apart from its title takes both; two captions side by side whose
    lines are out of step (BMC) each keep all their lines."""
    out: list[list[dict]] = []
    for fig in figures:
        for i, row in enumerate(rows):
            box, size = _box(row), row[0]["size"]
            below = 0 <= box[1] - fig[3] <= CAPTION_EM * size
            above = 0 <= fig[1] - box[3] <= CAPTION_EM * size
            over = box[0] < fig[2] and fig[0] < box[2]
            text = " ".join(w["text"] for w in row)
            if not (over and (below or above) and pattern.match(text)):
                continue
            # its first run (the next is the other column's), and the title after a number
            # set apart from it ("Table 2   Crystallographic statistics")
            runs = segments(row)
            first = 2 if len(runs) > 1 and _NUMBER_ALONE.fullmatch(runs[0].text) else 1
            lo, hi = runs[0].x0 - 1, runs[first].x0 if len(runs) > first else float("inf")
            block = [[w for w in row if lo <= w["x0"] and w["x1"] < hi]]
            for nxt in rows[i + 1 :]:
                part = [w for w in nxt if lo <= w["x0"] and w["x1"] < hi]
                if not part or _box(part)[0] > fig[2]:  # a row of the other column only:
                    continue  # two captions side by side on baselines out of step
                if _box(part)[1] - _box(block[-1])[3] > 0.5 * size:
                    break
                block.append(part)
            out.extend(r for r in block if r not in out)
            break
    return out


def _small_blocks(segs: list[Segment], size: float) -> list[list[Segment]]:
    """Runs of small-print segments stacked as the lines of one block."""
    small = sorted((s for s in segs if s.size < SMALL * size), key=lambda s: (s.top, s.x0))
    blocks: list[list[Segment]] = []
    for s in small:
        for b in blocks:
            last = b[-1]
            if 0 <= s.top - last.bottom <= 0.8 * s.size + 2 and s.x0 < last.x1 and last.x0 < s.x1:
                b.append(s)
                break
        else:
            blocks.append([s])
    return blocks


def _set_as_text(segs: list[Segment]) -> bool:
    """The segments are lines of text, stacked as one block's lines are (see ``box``)."""
    rows = _baseline_rows(segs)
    tops = [min(s.top for s in r) for r in rows]
    size = median(s.size for s in segs)
    stacked = all(b - a <= BOX_PITCH_EM * size for a, b in zip(tops, tops[1:], strict=False))
    words = median(sum(len(s.words) for s in r) for r in rows)
    return len(rows) >= BOX_ROWS and stacked and words >= BOX_WORDS


def _one_run_per_line(block: list[Segment]) -> bool:
    tops = [round(s.top) for s in block]
    return len(tops) == len(set(tops))


def _body_near(block: list[Segment], body: list[Segment], pad: float) -> tuple[bool, bool]:
    """(body text just above or beside-and-over the block, body text below it in its
    column): runs of body size overlapping the block horizontally."""
    x0, top, x1, bottom = _span(block)
    over = [s for s in body if s.x0 < x1 and x0 < s.x1]
    near = any(top - pad < s.bottom and s.top < bottom + pad for s in over)
    below = any(s.top >= bottom for s in over)
    return near, below


def body_size(pages: list[list[dict]]) -> float:
    """The font size of the running text: the median over the document's words (a page of
    tables alone would give the tables' size)."""
    sizes = [w["size"] for words in pages for w in words]
    return median(sizes) if sizes else 0.0


def _in_any(w: dict, boxes) -> bool:
    return any(_inside(w, b) for b in boxes)


def _on_rows(ln: Line, rows) -> bool:
    """A text line printed on one of ``rows`` (boxes) and within its width."""
    return ln.kind == "text" and any(
        abs(ln.top - r[1]) < 0.5 and r[0] - 1 <= ln.x0 and ln.x1 <= r[2] + 1 for r in rows
    )


def _column(box, page) -> str:
    x0, _, x1, _ = box
    width = float(page.width)
    if x1 - x0 > 0.6 * width:
        return "full width"
    return "left" if (x0 + x1) / 2 < width / 2 else "right"


def page_lines(page, number: int, words: list[dict], size: float) -> list[Line]:
    """The page's lines in reading order (:func:`.layout.lines_from_words`), figures,
    captions, footnotes and asides after them, each block top to bottom. ``size``: the
    body's font size (:func:`body_size`)."""
    if not words:
        return []
    tables = table_boxes(page, words)
    figures = figure_boxes(page, tables)
    in_figure = [w for w in words if any(_inside(w, f) for f in figures)]
    rest = [w for w in words if not any(_inside(w, f) for f in figures)]
    caption_rows = _captions(_rows(rest), figures)
    taken = {id(w) for r in caption_rows for w in r}
    rest = [w for w in rest if id(w) not in taken]
    blocks: list[tuple[str, list[Segment], tuple]] = []
    barriers = []  # what still stands between the blocks around it (lines_from_words)
    for fig in figures:
        inside = [w for w in in_figure if _inside(w, fig)]
        segs = segments(inside)
        if segs and _set_as_text(segs):  # a box: its lines, not its frame, stand there
            blocks.append(("box", segs, _span(segs)))
            barriers.append(_span(segs))
            continue
        barriers.append(fig)
        if inside:
            blocks.append(("figure", segs, fig))
    if caption_rows:
        caption = [Segment(*_box(r), r[0]["size"], r) for r in caption_rows]
        blocks.append(("caption", caption, _span(caption)))
    table_caption = _captions(_rows(rest), tables, TABLE_CAPTION)
    in_caption = {id(w) for r in table_caption for w in r}
    segs = segments([w for w in rest if id(w) not in in_caption and not _in_any(w, tables)])
    if segs:
        body = [s for s in segs if s.size >= SMALL * size]
        for block in _small_blocks(segs, size):
            near, below = _body_near(block, body, NEAR_EM * size)
            if _NOTE.match(block[0].text) and not below and _one_run_per_line(block):
                kind = "footnote"
            elif not near and _one_run_per_line(block):
                kind = "aside"
            else:
                continue
            blocks.append((kind, block, _span(block)))
        blocks = _side_by_side(blocks)
    gone = {id(w) for _, block, _ in blocks for s in block for w in s.words}
    barriers += [box for kind, _, box in blocks if kind == "caption"]
    out = lines_from_words(page, number, [w for w in rest if id(w) not in gone], tables, barriers)
    rows = [_box(r) for r in table_caption]
    out = [replace(ln, kind="caption") if _on_rows(ln, rows) else ln for ln in out]
    out, blocks = _cells_beside_rows(out, blocks)
    for kind, block, box in sorted(blocks, key=lambda b: b[2][1]):
        column = "margin" if kind == "aside" else _column(box, page)
        if kind == "table":  # row by row, its cells tab-joined
            for i, row in enumerate(_baseline_rows(block)):
                x0, top, x1, bottom = _span(row)
                text = "\t".join(s.text for s in sorted(row, key=lambda s: s.x0))
                out.append(Line(text, number, column, x0, top, x1, bottom, kind, row=i))
            continue
        if kind == "box":
            ordered = _box_columns(block)
        elif kind == "caption":  # caption by caption (:func:`_captions`), each top to bottom
            ordered = block
        else:
            ordered = sorted(block, key=_top_left)
        for s in ordered:
            out.append(Line(s.text, number, column, s.x0, s.top, s.x1, s.bottom, kind))
    return out


def _top_left(s: Segment) -> tuple[float, float]:
    return (s.top, s.x0)


BOX_COLUMN = 0.3  # a column of a box's text is at least this share of the box's width


def _box_columns(block: list[Segment]) -> list[Segment]:
    """A box's lines in reading order: a panel set in two columns of text ("Research in
    context") one column after the other, each top to bottom; any other box line by line
    (a panel of labels and values keeps each label beside its value)."""
    size = median(s.size for s in block)
    cols = _split(block, _holes([(s.x0, s.x1) for s in block], SEGMENT_GAP_EM * size))
    x0, _, x1, _ = _span(block)
    text = all(
        len(_baseline_rows(c)) >= BOX_ROWS and _span(c)[2] - _span(c)[0] >= BOX_COLUMN * (x1 - x0)
        for c in cols
    )
    if len(cols) < 2 or not text:
        return sorted(block, key=_top_left)
    return [s for c in cols for s in sorted(c, key=_top_left)]


def _cells_beside_rows(out: list[Line], blocks: list[tuple]) -> tuple[list[Line], list[tuple]]:
    """An aside whose number cells each stand on the baseline of a table row, right of its
    last cell with no line of text between or beside, within the body's width (a column
    of p values, two rows too few to be found as a column of numbers; a margin note is
    further out): those cells end their rows, tab-joined; the rest of the aside (its
    column head) stays an aside."""
    kept = []
    text = [ln for ln in out if ln.kind == "text"]
    right = max((ln.x1 for ln in text), default=0.0) + 1  # the body's right edge
    for kind, block, box in blocks:
        if kind != "aside":
            kept.append((kind, block, box))
            continue
        matched = {}
        for s in block:
            at = [
                i
                for i, ln in enumerate(out)
                if ln.kind == "table"
                and abs(ln.top - s.top) < BASELINE_EM * s.size
                and ln.x1 < s.x0
                and s.x1 <= right
                and i not in matched.values()
                and not any(
                    t.x0 < s.x1 and ln.x0 < t.x1 and t.top < ln.bottom and ln.top < t.bottom
                    for t in text
                )
            ]
            if len(at) == 1:
                matched[id(s)] = at[0]
        numbers = [s for s in block if _number_cell(s)]
        if not numbers or any(id(s) not in matched for s in numbers):
            kept.append((kind, block, box))
            continue
        for s in numbers:
            ln = out[matched[id(s)]]
            out[matched[id(s)]] = replace(ln, text=f"{ln.text}\t{s.text}", x1=s.x1)
        rest = [s for s in block if not _number_cell(s)]
        if rest:
            kept.append((kind, rest, _span(rest)))
    return out, kept


def _side_by_side(blocks: list[tuple[str, list[Segment], tuple]]) -> list[tuple]:
    """Asides set right of another aside, ``SHARED`` of their rows or more (and
    ``NUMBER_ROWS`` at least) on its baselines and as many number cells, ``NUMBER_SHARE``
    of its lines or more (two columns of a small-print reference list, their baselines in
    step, are text with a number here and there): the columns of a
    small-print table without rules (row labels, then values, the values' column broken
    into blocks where a label has no value; or values, then the labels: an aside of short
    lines right of a group of number cells), one ``table`` block read row by row. Each
    alone is one run a line and stands clear of the body, so it was read as a side note,
    column after column."""
    asides = sorted((b for b in blocks if b[0] == "aside"), key=lambda b: b[2][0])
    groups: list[tuple[tuple, list[Segment]]] = []  # (the leftmost block's box, segments)
    for _, block, box in asides:
        numbers = sum(1 for s in block if _number_cell(s))
        for left, group in groups:
            mine = {id(s) for s in block}
            shared = sum(
                1
                for r in _baseline_rows(group + block)
                if {id(s) for s in r} & mine and {id(s) for s in r} - mine
            )
            values = min(shared, numbers) >= NUMBER_ROWS and numbers >= NUMBER_SHARE * len(block)
            # or the labels, set after the values (kalantarhormozi2020's "3  3  Leucopenia")
            labels = (
                shared >= NUMBER_ROWS
                and sum(1 for s in group if _number_cell(s)) >= NUMBER_SHARE * len(group)
                and all(len(s.words) <= 2 * _NUMBER_CELL_WORDS for s in block)
            )
            if (values or labels) and shared >= SHARED * len(block) and left[2] < box[0]:
                group.extend(block)
                break
        else:
            groups.append((box, list(block)))
    tables = [g for _, g in groups if len(_baseline_rows(g)) < len(g)]
    taken = {id(s) for g in tables for s in g}
    kept = [b for b in blocks if not any(id(s) in taken for s in b[1])]
    return kept + [("table", g, _span(g)) for g in tables]
