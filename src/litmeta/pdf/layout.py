"""One page of a typeset PDF -> lines in reading order, each with where it was printed.

Words come from pdfplumber (``extract_words``): characters whose gap is at most
``X_TOLERANCE_RATIO`` times the font size belong to one word, so spacing done by glyph
positions (TeX, InDesign: no space characters) still separates words.

Reading order is a recursive XY cut over *segments* (runs of words on one baseline with no
gap of a font size or more):

* a region whose segments leave a vertical strip of whitespace (a gutter) from top to bottom
  is split into columns, read left to right, each top to bottom;
* otherwise it is cut at its widest horizontal gap and both halves are read in turn, top
  first (full-width blocks: title, abstract, wide tables, captions);
* neighbouring column blocks whose gutters line up (a column band cut by a paragraph gap
  that both columns happen to share) are joined again, so each column is read to its end
  before the next one starts.

The geometry gives each segment its column; the order the page draws its text in (the
content stream: each word's ``seq``) then orders the page wherever it is plausible, as
publishers mostly write their text in reading order: when at least ``STREAM_PLAUSIBLE`` of
the steps from one segment to the next in stream order are steps of reading that never go
back into a block of the geometric order already left (:func:`stream_score`). Elsewhere (a
stream that interleaves the columns line by line, or has no order at all) the XY cut's
order stands. Each line records which one ordered its page (``Line.order``).

Tables are found by their horizontal rules: a booktabs table (top rule, a header of at most
three rows, one with two cells or more, a mid rule, the body, a bottom rule) or a fully
ruled grid (pdfplumber's lines strategy), and tables set without rules by their aligned
columns of numbers (:func:`unruled_boxes`). They take part in the cut as one block and
come out one row per line, cells in column order separated by tabs, as the .txt papers
print them; the lines of a cell wrapped onto more lines join their row (:func:`_wrapped`).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from statistics import median

# Characters closer than this share a word (fraction of the font size). Chosen on the
# journal renderings of the papers (tests/pdf_render.py: pair kerning up to 0.04 em, justified
# spaces down to 0.75 of a space = 0.24 em): every ratio from 0.05 to 0.22 gives the same
# words there, 0.04 and below splits kerned pairs, 0.25 and above joins words
# (tests/test_pdf_layout.py::test_word_gap_ratio_sits_inside_the_plateau). 0.12 sits in the
# middle, leaving room for tighter kerning and looser spacing than the renderer's.
X_TOLERANCE_RATIO = 0.12
SEGMENT_GAP_EM = 1.0  # a gap of a font size or more ends a segment (and may be a gutter)
SIZE_GAP_EM = 0.5  # so does one of half a size where the size drops under SMALL_SIZE
CELL_GAP_EM = 0.8  # a vertical strip this wide free of words separates two table columns
BASELINE_EM = 0.5
SIZE_DIGITS = 2  # font sizes and word positions are compared rounded to this many decimals
LIGATURE_SPACE_EM = 0.05  # a space glyph starting this far inside the glyph before it is noise
RAISED_EM = 0.15  # a digit standing this far (in sizes) above the digit before it is raised
SMALL_SIZE = 0.9  # a word under this share of its neighbour's size may be its subscript
MIN_COLUMN_EM = 12.0  # words whose tops differ by less than this share a line


@dataclass
class Segment:
    x0: float
    top: float
    x1: float
    bottom: float
    size: float
    words: list[dict] = field(default_factory=list)
    table_rows: list[tuple[str, tuple[float, float, float, float]]] | None = None

    @property
    def text(self) -> str:
        return " ".join(w["text"] for w in self.words)


@dataclass
class Line:
    """One output line: its text and where it was printed."""

    text: str
    page: int
    column: str  # "full width", "left", "right", "middle", or "column i of k"
    x0: float
    top: float
    x1: float
    bottom: float
    kind: str  # "text", "table", or (pdf.asides) "figure", "box", "caption", "footnote", "aside"
    order: str = ""  # the page's reading order: "stream" or "geometry" (lines_from_words)
    row: int = 0  # a table row's place in its table (0: the table's first row)


def page_words(page) -> list[dict]:
    from pdfplumber.utils import extract_words

    words = extract_words(
        clean_chars(page.chars),
        x_tolerance_ratio=X_TOLERANCE_RATIO,
        keep_blank_chars=False,
        use_text_flow=False,
        extra_attrs=["size", "level"],
        return_chars=True,
    )
    for w in words:  # positions off in the 14th decimal must not reorder a line's words
        for k in ("x0", "x1", "top", "bottom"):
            w[k] = round(w[k], SIZE_DIGITS)
        w["seq"] = min(c["seq"] for c in w.pop("chars"))  # its place in the content stream
    return _subscripts_on_their_line([w for w in words if w["text"].strip()])


SUBSCRIPT_GAP_EM = 0.3  # a subscript starts at most this far (in its word's sizes) after it


def _subscripts_on_their_line(words: list[dict]) -> list[dict]:
    """A word in a smaller size set right after a word (within ``SUBSCRIPT_GAP_EM`` of the
    latter's size) and lowered, its top inside that word's box but half its own size or
    more below its top ("P₂", "Kᵢ", "FEV₁"), is given that word's top: it stands on that
    line, a word of its own ("P 2 position"), not on a line of its own between two lines
    of the sentence. A superscript stands on its line already."""
    ends: dict[int, list[dict]] = {}
    for w in words:
        ends.setdefault(round(w["x1"]), []).append(w)
    for w in words:
        lo = w["x0"] - SUBSCRIPT_GAP_EM * w["size"] / SMALL_SIZE
        for x in range(round(lo) - 1, round(w["x0"]) + 2):
            for big in ends.get(x, ()):
                if (
                    w["size"] < SMALL_SIZE * big["size"]
                    and lo <= big["x1"] <= w["x0"] + 0.05 * big["size"]
                    and big["top"] + BASELINE_EM * w["size"] <= w["top"] < big["bottom"]
                    and w["bottom"] > big["bottom"]
                ):
                    w["top"] = big["top"]
                    break
            else:
                continue
            break
    return words


def clean_chars(chars: list[dict]) -> list[dict]:
    """Glyph hygiene before words are formed:

    * font sizes rounded to ``SIZE_DIGITS`` decimals: a size off in the 14th decimal (some
      publishers' tools write them) must not end a word, nor set an en dash apart
      ("1.29 - 1.80"); a superscript's size still differs, so a citation marker stays a
      word of its own after the number it follows;
    * a space glyph that starts inside the previous glyph's box (drawn inside a ligature,
      "eff ective") is dropped: a real word space starts where the glyph before it ends;
    * a minus drawn under the plus before it, in the same box across ("+" over "−": how
      some typesetters print "±"), is one glyph "±" ("11.21 ± 0.74", not "11.21 + − 0.74");
    * a digit raised ``RAISED_EM`` of its size or more above the digit before it, on the
      same line, starts a new word (``level``, a count of such steps, is a word attribute
      as the size is): a superscript set in the body's size ("28¹ months") is a footnote
      mark or an exponent, never more digits of the number (a smaller one already is
      apart by its size).

    * a glyph drawn again over itself (the same character within ``OVERPRINT_EM`` of its
      size of the same place; Stata's forest plots draw their bold estimates twice, and
      the reader read "4.02 4.02 (2.42, (2.42, 6.68) 6.68)") is one glyph.

    Each glyph kept gets ``seq``, its index in the page's content stream (``chars`` come in
    the order the page draws them): the stream order of :func:`lines_from_words`.
    """
    out = []
    prev = None  # the last glyph that is not a space
    level = 0
    drawn: dict[tuple, dict] = {}  # glyphs by character and rounded place
    for seq, c in enumerate(chars):
        c = {**c, "seq": seq, "level": level}
        if not c["text"].isspace():
            key = (c["text"], round(c["x0"]), round(c["top"]))
            first = drawn.setdefault(key, c)
            if first is not c and _over(first, c):
                continue
        if c["text"].isspace():
            if (
                prev is not None
                and prev["x0"] <= c["x0"] < prev["x1"] - LIGATURE_SPACE_EM * prev["size"]
                and abs(c["top"] - prev["top"]) < BASELINE_EM * prev["size"]
            ):
                continue
            out.append(c)
            continue
        c["size"] = round(c["size"], SIZE_DIGITS)
        if c["text"] in _MINUS and prev is not None and _stacked(prev, c):
            out[out.index(prev)] = prev = {**prev, "text": "\u00b1", "bottom": c["bottom"]}
            continue
        digits = prev is not None and prev["text"].isdigit() and c["text"].isdigit()
        if digits and prev["upright"] and c["upright"]:
            rise = prev["bottom"] - c["bottom"]
            if RAISED_EM * prev["size"] <= rise < prev["size"]:
                level += 1
                c["level"] = level
        out.append(c)
        prev = c
    return out


_MINUS = {"-", "\u2212", "\u2013"}
OVERPRINT_EM = 0.1


def _over(a: dict, b: dict) -> bool:
    """``b`` drawn over ``a``: the same place within ``OVERPRINT_EM`` of the size."""
    tol = OVERPRINT_EM * a["size"]
    return (
        abs(a["x0"] - b["x0"]) < tol
        and abs(a["top"] - b["top"]) < tol
        and abs(a["size"] - b["size"]) < tol
    )


def _stacked(plus: dict, minus: dict) -> bool:
    """``minus`` drawn right under ``plus``, across the same width (a "±" built of two)."""
    tol = 0.1 * plus["size"]
    return (
        plus["text"] == "+"
        and abs(plus["x0"] - minus["x0"]) < tol
        and abs(plus["x1"] - minus["x1"]) < tol
        and plus["top"] < minus["top"] < plus["bottom"]
    )


def _rows(words: list[dict]) -> list[list[dict]]:
    """Words grouped into lines by their top, each line sorted left to right."""
    rows: list[list[dict]] = []
    for w in sorted(words, key=lambda w: (w["top"], w["x0"])):
        if rows and abs(w["top"] - rows[-1][0]["top"]) < BASELINE_EM * w["size"]:
            rows[-1].append(w)
        else:
            rows.append([w])
    return [sorted(r, key=lambda w: w["x0"]) for r in rows]


def segments(words: list[dict]) -> list[Segment]:
    out = []
    for row in _rows(words):
        cur = [row[0]]
        for w in row[1:]:
            if _apart(cur[-1], w):
                out.append(_segment(cur))
                cur = []
            cur.append(w)
        out.append(_segment(cur))
    return out


def _apart(a: dict, b: dict) -> bool:
    """Words ``a`` and ``b`` (next on the line) stand in two segments: a gap of a font size,
    or of half the larger size between words of sizes far apart (a side note set in small
    print a little right of the justified text it faces)."""
    big, small = max(a["size"], b["size"]), min(a["size"], b["size"])
    gap = b["x0"] - a["x1"]
    return gap >= SEGMENT_GAP_EM * big or (small < SMALL_SIZE * big and gap >= SIZE_GAP_EM * big)


def _segment(words: list[dict]) -> Segment:
    return Segment(
        x0=min(w["x0"] for w in words),
        top=min(w["top"] for w in words),
        x1=max(w["x1"] for w in words),
        bottom=max(w["bottom"] for w in words),
        size=median(w["size"] for w in words),
        words=words,
    )


# --- tables ------------------------------------------------------------------------------


def _rules(page) -> list[tuple[float, float, float]]:
    """Horizontal rules (x0, x1, y) at least 30 pt long: lines, hairline rectangles and flat
    paths (a hairline rectangle left open is a curve to pdfminer), pieces drawn end to end
    on one height joined into one rule (a header's rule drawn column by column)."""
    flat = [
        (obj["x0"], obj["x1"], (obj["top"] + obj["bottom"]) / 2)
        for obj in list(page.lines) + list(page.rects) + list(page.curves)
        if abs(obj["bottom"] - obj["top"]) <= 2
    ]
    joined: list[list[float]] = []
    for x0, x1, y in sorted(flat, key=lambda r: (round(r[2], 1), r[0])):
        last = joined[-1] if joined else None
        if last and abs(last[2] - y) <= 0.5 and last[0] <= x0 <= last[1] + 1:
            last[1] = max(last[1], x1)
        else:
            joined.append([x0, x1, y])
    found = {(round(x0), round(x1), y) for x0, x1, y in joined if x1 - x0 >= 30}
    return sorted(found, key=lambda r: (r[0], r[1], r[2]))


def _table_rows(words: list[dict]) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Rows of a table's words: cells by the vertical strips no word crosses, tab-joined; the
    lines of a cell wrapped onto more lines (:func:`_wrapped`) joined into one row."""
    rows = _rows(words)
    size = median(w["size"] for w in words)
    # a row of one run of words and no digit is a group's label (or a note): it may run
    # over the columns below it, and stays one cell
    labels = {i for i, row in enumerate(rows) if _label_row(row)}
    # the columns are the strips free of words; a head running across a strip between the
    # rows of values' columns ("CTb-/VGLUT2+/CGRP-" over "Number Density") is left out, or
    # it would join two columns of values
    kept = [row for i, row in enumerate(rows) if i not in labels] or rows
    data = [row for row in rows if _data_row(row)]
    gaps = (
        _gaps([w for r in data for w in r], CELL_GAP_EM * size) if len(data) >= NUMBER_ROWS else []
    )
    cut = [
        w
        for row in kept
        for run in segments(row)
        if not any(run.x0 < a and run.x1 > b for a, b in gaps)
        for w in run.words
    ]
    bounds = [b for _, b in _gaps(cut or words, CELL_GAP_EM * size)]  # where columns start
    lines = []
    for i, row in enumerate(rows):
        cells: list[list[str]] = [[] for _ in range(len(bounds) + 1)]
        first = sum(1 for b in bounds if row[0]["x0"] >= b - 0.01)
        for w in row:
            col = first if i in labels else sum(1 for b in bounds if w["x0"] >= b - 0.01)
            cells[col].append(w["text"])
        lines.append((cells, row))
    out = []
    wrapped = _wrapped(lines)
    for i, (cells, row) in enumerate(lines):
        box = (
            min(w["x0"] for w in row),
            min(w["top"] for w in row),
            max(w["x1"] for w in row),
            max(w["bottom"] for w in row),
        )
        if out and i in wrapped:
            held, was = out[-1]
            out[-1] = ([h + c for h, c in zip(held, cells, strict=True)], _join_boxes(was, box))
        else:
            out.append((cells, box))
    return [("\t".join(" ".join(c) for c in cells).rstrip("\t"), box) for cells, box in out]


def _gaps(words: list[dict], width: float) -> list[tuple[float, float]]:
    """The vertical strips at least ``width`` wide that no word crosses, between words."""
    spans = sorted((w["x0"], w["x1"]) for w in words)
    out, reach = [], spans[0][1]
    for x0, x1 in spans[1:]:
        if x0 - reach >= width:
            out.append((reach, x0))
        reach = max(reach, x1)
    return out


def _data_row(row: list[dict]) -> bool:
    """Two runs of words or more, half of them number cells or more."""
    runs = segments(row)
    return len(runs) >= 2 and 2 * sum(1 for s in runs if _number_cell(s)) >= len(runs)


def _label_row(row: list[dict]) -> bool:
    return len(segments(row)) == 1 and not any(ch.isdecimal() for w in row for ch in w["text"])


# A table's line is the next line of cells wrapped onto more lines, not a row of its own,
# when it holds words only in some of the columns the line above does (or, below such a
# line, in the same ones), either in the first column alone (a label's next line) or not
# in the first column at all (a row with a label of its own is a row), and stands closer to
# the line above than ``WRAP_PITCH`` of the usual pitch of the table's other lines: cells
# are set at the text's leading, rows further apart. A table whose rows are set no further
# apart than its wrapped lines keeps them as rows of their own.
WRAP_PITCH = 0.9


def _wrapped(lines: list[tuple[list[list[str]], list[dict]]]) -> set[int]:
    """Indexes of the table's lines that go on the cells of the line above. A line's top is
    that of its words in its largest print: a note mark raised after a label ("Job
    status" and its "b") made a row of its own look as close as a wrapped line (Trials)."""
    tops = [_main_top(row) for _, row in lines]
    cols = [{j for j, c in enumerate(cells) if c} for cells, _ in lines]
    candidates: set[int] = set()
    for i in range(1, len(lines)):
        part = cols[i] < cols[i - 1] or (cols[i] <= cols[i - 1] and i - 1 in candidates)
        if part and (cols[i] == {0} or 0 not in cols[i]):
            candidates.add(i)
    rows = [tops[i] - tops[i - 1] for i in range(1, len(lines)) if i not in candidates]
    if not rows:
        return set()
    usual = median(rows)
    close = {i for i in candidates if tops[i] - tops[i - 1] < WRAP_PITCH * usual}
    return close | {i for i in candidates if _bracketed_below(lines[i - 1][0], lines[i][0])}


def _main_top(row: list[dict]) -> float:
    big = max(w["size"] for w in row)
    return min(w["top"] for w in row if w["size"] >= big - 0.01)


def _bracketed_below(above: list[list[str]], cells: list[list[str]]) -> bool:
    """A line of bracketed values only, no label, each under a value without one ("183"
    over "(72%)", as PAIN sets a count and its percentage): the rest of the cells above,
    however close the table's rows are set."""
    filled = [j for j, c in enumerate(cells) if c]
    return bool(filled) and all(
        j > 0
        and above[j]
        and not above[j][-1].endswith(")")
        and cells[j][0].startswith("(")
        and cells[j][-1].endswith(")")
        for j in filled
    )


def _join_boxes(a, b) -> tuple[float, float, float, float]:
    return (min(a[0], b[0]), min(a[1], b[1]), max(a[2], b[2]), max(a[3], b[3]))


def _inside(w: dict, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (w["x0"] + w["x1"]) / 2, (w["top"] + w["bottom"]) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] <= cy <= box[3]


TABLE_CAPTION = re.compile(r"^table\s*(\d|[IVX]+\b)", re.IGNORECASE)
FIGURE_CAPTION = re.compile(r"^(fig\.?|figure)\s*\d", re.IGNORECASE)
HEADER_ROWS = 4  # a header's rows at most: heads set over two lines under heads of groups


def _table_header(words: list[dict], body: list[dict]) -> bool:
    """At most ``HEADER_ROWS`` rows, one of them with two cells or more: the column heads; or one
    head alone over a column of labels ("Parameter"), when most rows below have two cells
    or more. A caption set between a running head's rule and a table's top rule is not,
    even with its number set apart ("Table 2   Crystallographic statistics"); taken for a
    header, it would pair every rule of the page with the wrong ones. Nor is a figure's
    caption set between the edges of the figure's frame ("Figure 1   CONSORT flow chart"):
    taken for a header, the running text below it became a table, and the table below that
    lost its top rule."""
    rows = _rows(words)
    first = " ".join(w["text"] for w in rows[0])
    if len(rows) > HEADER_ROWS or TABLE_CAPTION.match(first) or FIGURE_CAPTION.match(first):
        return False
    if any(len(segments(r)) >= 2 for r in rows):
        return True
    cells = [len(segments(r)) for r in _rows(body)]
    return (
        len(rows) == 1 and len(cells) >= NUMBER_ROWS and sum(c >= 2 for c in cells) > len(cells) / 2
    )


def table_boxes(page, words: list[dict]) -> list[tuple[float, float, float, float]]:
    """Bounding boxes of the page's tables (booktabs rule triples and ruled grids)."""
    boxes = []
    groups: dict[tuple[float, float], list[float]] = {}
    for x0, x1, y in _rules(page):
        # rules of one table whose ends differ by a point or two, or by up to
        # ``RULE_ENDS`` of their length (publishers draw the top rule and the header's
        # rules apart; JMIR's header rule stops 5 pt short of the others) are one group
        tol = max(2.0, RULE_ENDS * (x1 - x0))
        key = next((k for k in groups if abs(k[0] - x0) <= tol and abs(k[1] - x1) <= tol), (x0, x1))
        groups.setdefault(key, []).append(y)
    # ruled grids (lines strategy), and the frames no table crosses: rules of the same
    # length in two framed figures one above the other (SpringerPlus' forest plots) made a
    # triple across the gap between the frames, its header the first figure's caption
    found = [tuple(t.bbox) for t in page.find_tables()]
    frames = _panels(page, found)
    for (x0, x1), ys in groups.items():
        ys.sort()
        i = 0
        while i + 2 < len(ys):
            box = (x0, ys[i], x1, ys[i + 2])
            header = [w for w in words if _inside(w, (x0, ys[i], x1, ys[i + 1]))]
            body = [w for w in words if _inside(w, (x0, ys[i + 1], x1, ys[i + 2]))]
            empty_body = ys[i + 2] - ys[i + 1] < 4  # a table of one (header) row
            if (
                header
                and (body or empty_body)
                and _table_header(header, body)
                and not _crosses(box, frames)
            ):
                boxes.append(box)
                i += 3
            else:
                i += 1
        if i + 2 == len(ys):  # two rules left: a table's top rule and its header's rule
            # with none below (it goes on overleaf), or its top and foot with no header
            # between (the part of a table overleaf)
            top, mid = ys[i], ys[i + 1]
            box = _open_table(words, x0, x1, top, mid) or _headless_table(words, x0, x1, top, mid)
            if box and not _crosses(box, frames):
                boxes.append(box)
    grids = [g for g in found if not any(_overlaps(g, b) for b in boxes)]
    rest = [w for w in words if not any(_inside(w, b) for b in boxes)]
    unruled: list[tuple[float, float, float, float]] = []
    for group in _by_panel(rest, _panels(page, grids)):
        unruled += unruled_boxes(group)
    # a table shaded in bands of rows is found from its columns; its bands' grids join it
    for g in grids:
        hit = [i for i, u in enumerate(unruled) if _overlaps(g, u)]
        if hit:
            unruled[hit[0]] = _join_boxes(unruled[hit[0]], g)
        else:
            boxes.append(g)
    return boxes + _union(unruled)


RULE_ENDS = 0.02


def _open_table(words: list[dict], x0: float, x1: float, top: float, mid: float):
    """The box of a table under a top rule and a header's rule with no rule at its foot (a
    table running on to the next page; Trials' two-column table of labels and one column of
    values at the far right, which as one column of numbers is no unruled table): its rows
    below the header's rule, each wholly within the rules' width and at most ``ROW_GAP_EM``
    sizes under the one above, when they are ``NUMBER_ROWS`` or more and most of them end
    in a number cell after a label (running text below a pair of rules does not)."""
    header = [w for w in words if _inside(w, (x0, top, x1, mid))]
    rows: list[list[dict]] = []
    for row in _rows([w for w in words if w["top"] >= mid]):
        if not all(x0 - 1 <= w["x0"] and w["x1"] <= x1 + 1 for w in row):
            break
        if (
            rows
            and row[0]["top"] - max(w["bottom"] for w in rows[-1]) > ROW_GAP_EM * row[0]["size"]
        ):
            break
        rows.append(row)
    body = [w for r in rows for w in r]
    if not header or not (_valued(rows) or _columned(header, rows)):
        return None
    if not _table_header(header, body):
        return None
    return (x0, top, x1, max(w["bottom"] for w in body))


def _columned(header: list[dict], rows: list[list[dict]]) -> bool:
    """Heads of three columns or more over rows a third of which have three cells or more:
    a table whose cells wrap over several lines (BMC Cancer's studies, a column of adjusted
    variables), few of its lines ending in a number. Two columns of running text have two
    runs of words to a line."""
    heads = max(len(segments(r)) for r in _rows(header))
    many = sum(1 for r in rows if len(segments(r)) >= 3)
    return heads >= 3 and len(rows) >= NUMBER_ROWS and many >= len(rows) / 3


def _headless_table(words: list[dict], x0: float, x1: float, top: float, foot: float):
    """The box between a table's top rule and its foot when no header's rule stands between
    them: the rest of a table from the page before, its heads left there (BMC Public
    Health's Table 1 continued: its first rows, above a group's label, were too few to make
    a column of numbers and came out as asides). Its rows must mostly end in a value."""
    rows = _rows([w for w in words if _inside(w, (x0, top, x1, foot))])
    return (x0, top, x1, foot) if _valued(rows) else None


def _valued(rows: list[list[dict]]) -> bool:
    """``NUMBER_ROWS`` rows or more, most of them a label and a number cell at the end."""
    cells = [segments(r) for r in rows]
    valued = sum(1 for c in cells if len(c) >= 2 and _number_cell(c[-1]))
    return len(rows) >= NUMBER_ROWS and valued > len(rows) / 2


PANEL_MIN = (60.0, 40.0)  # points: a drawn frame or background at least this wide and tall


def _panels(page, grids) -> list[tuple[float, float, float, float]]:
    """Drawn frames and backgrounds (rectangles of at least ``PANEL_MIN``, under half the
    page, no cell of a ruled grid), the outermost ones: a table never crosses their edges
    (The Lancet sets each table in a panel of its own, two panels side by side)."""
    area = float(page.width) * float(page.height)
    rects = {
        (r["x0"], r["top"], r["x1"], r["bottom"])
        for r in page.rects
        if r["x1"] - r["x0"] >= PANEL_MIN[0]
        and r["bottom"] - r["top"] >= PANEL_MIN[1]
        and (r["x1"] - r["x0"]) * (r["bottom"] - r["top"]) <= 0.5 * area
    }
    rects = {r for r in rects if not any(_contains(g, r) for g in grids)}
    return [r for r in rects if not any(o != r and _contains(o, r) for o in rects)]


def _crosses(box, frames) -> bool:
    """``box`` overlaps a frame without either holding the other."""
    return any(
        _overlaps(box, f) and not _contains(f, box) and not _contains(box, f) for f in frames
    )


def _contains(outer, inner) -> bool:
    return (
        outer[0] - 1 <= inner[0]
        and inner[2] <= outer[2] + 1
        and outer[1] - 1 <= inner[1]
        and inner[3] <= outer[3] + 1
    )


def _by_panel(words: list[dict], panels) -> list[list[dict]]:
    """The words in each panel, and those in none."""
    groups: list[list[dict]] = [[] for _ in range(len(panels) + 1)]
    for w in words:
        i = next((i for i, p in enumerate(panels) if _inside(w, p)), len(panels))
        groups[i].append(w)
    return [g for g in groups if g]


# Tables without rules: a column of numbers is ``NUMBER_ROWS`` or more short cells holding a
# digit whose left (or right) edges line up within ``ALIGN`` points, on rows at most
# ``ROW_GAP_EM`` font sizes apart.
NUMBER_ROWS = 3
ALIGN = 1.5
ROW_GAP_EM = 2.5
_NUMBER_CELL_WORDS = 4
RIGHT_REACH_EM = 4.0
HEAD_ROWS, HEAD_REACH_EM = 3, 6.0  # a column head wider than its column (_over_heads)
WRAPPED_SHARE = 1 / 3  # rows of cells among a table's lines when its other lines are short


_EMPTY_CELL = {"-", "\u2013", "\u2014", "NR", "NE", "NA", "n/a"}


def _number_cell(s: Segment) -> bool:
    """A short cell holding a number (or the dash or NR a column of numbers has for none). A
    digit set as a superscript ("[⁹⁰Y-DOTA,Tyr³]octreotate", a note mark) makes no number:
    lines of a narrow text column opening with such names line up as cells would."""
    short = len(s.words) <= _NUMBER_CELL_WORDS
    return short and (any(ch.isdecimal() for ch in s.text) or s.text in _EMPTY_CELL)


def _aligned_runs(segs: list[Segment], edge: str) -> list[list[Segment]]:
    """Number cells whose ``edge`` lines up, in runs of rows close enough to be a table's; a
    segment of another kind on the same edge (a line of a text column) ends a run."""
    out = []
    for group in _clusters(segs, lambda s: getattr(s, edge), ALIGN):
        group.sort(key=lambda s: s.top)
        run: list[Segment] = []
        for s in group:
            near = run and s.top - run[-1].bottom <= ROW_GAP_EM * s.size and s.top > run[-1].top
            if _number_cell(s) and (near or not run):
                run.append(s)
                continue
            out.append(run)
            run = [s] if _number_cell(s) else []
        out.append(run)
    return [r for r in out if len(r) >= NUMBER_ROWS]


def _clusters(items, key, tol):
    items = sorted(items, key=key)
    groups: list[list] = []
    for it in items:
        if groups and key(it) - key(groups[-1][-1]) <= tol:
            groups[-1].append(it)
        else:
            groups.append([it])
    return groups


def unruled_boxes(words: list[dict]) -> list[tuple[float, float, float, float]]:
    """Boxes of tables set without rules: from each column of numbers, the rows it spans and,
    on each, the cells left of it as far as the run of cells goes (the row's label; not the
    line of a text column beside it), then up to three header rows just above."""
    if not words:
        return []
    segs = segments(words)
    runs = _aligned_runs(segs, "x0") + _aligned_runs(segs, "x1")
    boxes: list[tuple[float, float, float, float]] = []
    for run in sorted(runs, key=lambda r: -len(r)):
        rows = _baseline_rows(segs)
        top, bottom = run[0].top, run[-1].bottom
        x0, x1 = min(s.x0 for s in run), max(s.x1 for s in run)
        for row in rows:
            if row[0].top < top - 0.01 or row[0].top > bottom:
                continue
            x0, x1 = _reach(row, x0, x1)
        x0, x1 = _far_labels([r for r in rows if top - 0.01 <= r[0].top <= bottom], x0, x1, run)
        # header rows: just above, wholly inside the table's width
        above = [r for r in rows if r[0].bottom <= top + 0.01]
        for row in reversed(above[-3:]):
            gap = top - max(s.bottom for s in row)
            outside = any(not x0 - 1 <= (s.x0 + s.x1) / 2 <= x1 + 1 for s in row)
            caption = TABLE_CAPTION.match(row[0].text)  # the table's caption is no header
            if gap > ROW_GAP_EM * row[0].size or outside or caption:
                break
            top = min(s.top for s in row)
            x0, x1 = min(x0, *(s.x0 for s in row)), max(x1, *(s.x1 for s in row))
        bottom = _wrapped_below(rows, run, (x0, top, x1, bottom))
        box = (x0, top, x1, bottom)
        if len({round(s.top) for s in segs if _inside_seg(s, box)}) < NUMBER_ROWS:
            continue
        if _many_cells(segs, box):
            boxes.append(box)
    # a table has two columns of numbers side by side or more, no line of text, and its
    # edges cut through no run of words (columns that line up by chance do)
    return [
        b
        for b in (_over_heads(segs, b) for b in _union(boxes))
        if sum(1 for r in runs if _inside_seg(r[0], b) and _inside_seg(r[-1], b)) >= 2
        and all(len(s.words) <= 2 * _NUMBER_CELL_WORDS for s in segs if _inside_seg(s, b))
        and not any(_overlaps((s.x0, s.top, s.x1, s.bottom), b) and _sticks_out(s, b) for s in segs)
    ]


def _over_heads(segs: list[Segment], box) -> tuple[float, float, float, float]:
    """The box widened over the column heads wider than their columns: a short segment
    (``_NUMBER_CELL_WORDS`` words at most) on one of the box's first ``HEAD_ROWS`` rows that
    sticks out of it by at most ``HEAD_REACH_EM`` of its size ("Median (95% CI)" over a
    column of p values). Anything else that sticks out still rejects the box."""
    x0, top, x1, bottom = box
    rows = _baseline_rows([s for s in segs if _inside_seg(s, box)])[:HEAD_ROWS]
    head_tops = {round(r[0].top) for r in rows}
    for s in segs:
        if round(s.top) not in head_tops or len(s.words) > _NUMBER_CELL_WORDS:
            continue
        if not (_overlaps((s.x0, s.top, s.x1, s.bottom), box) and _sticks_out(s, box)):
            continue
        if max(box[0] - s.x0, s.x1 - box[2]) <= HEAD_REACH_EM * s.size:
            x0, x1 = min(x0, s.x0), max(x1, s.x1)
    return (x0, top, x1, bottom)


def _wrapped_below(rows: list[list[Segment]], run: list[Segment], box) -> float:
    """The box's bottom taken down over the wrapped lines of its last row's cells (a label
    ending on a line of its own below the last number): lines within its width, each closer
    to the line above than ``WRAP_PITCH`` of the pitch of the run's numbers."""
    tops = [s.top for s in run]
    if len(tops) < 2:
        return box[3]
    pitch = median(b - a for a, b in zip(tops, tops[1:], strict=False))
    bottom, last = box[3], max(r[0].top for r in rows if r[0].top <= box[3])
    for row in rows:
        if row[0].top <= bottom:
            continue
        inside = all(box[0] - 1 <= s.x0 and s.x1 <= box[2] + 1 for s in row)
        if not inside or row[0].top - last >= WRAP_PITCH * pitch:
            break
        bottom, last = max(s.bottom for s in row), row[0].top
    return bottom


def _sticks_out(s: Segment, box) -> bool:
    return s.x0 < box[0] - 1 or s.x1 > box[2] + 1


def _union(boxes: list[tuple[float, float, float, float]]) -> list[tuple]:
    """Overlapping boxes (the columns of one table found one by one) made one."""
    out: list[tuple[float, float, float, float]] = []
    for b in boxes:
        for i, o in enumerate(out):
            if _overlaps(b, o):
                out[i] = (min(b[0], o[0]), min(b[1], o[1]), max(b[2], o[2]), max(b[3], o[3]))
                break
        else:
            out.append(b)
    return out if len(out) == len(boxes) else _union(out)


def _reach(row: list[Segment], x0: float, x1: float) -> tuple[float, float]:
    """Widen [x0, x1] leftwards by the row's cells before it (its label): segments of a few
    words each; a long run of words (a line of a text column) stops it. Rightwards a table
    reaches as far as its columns of numbers: other columns of numbers widen it when the
    boxes are joined, and a number cell on the row standing within ``RIGHT_REACH_EM`` of its
    last cell (one of too few values to make a column of its own) does."""
    ordered = sorted(row, key=lambda s: s.x0)
    for s in reversed([s for s in ordered if s.x1 <= x0 + 0.01]):
        if len(s.words) > 2 * _NUMBER_CELL_WORDS or x0 - s.x1 > MIN_COLUMN_EM * s.size:
            break
        x0 = s.x0
    for s in [s for s in ordered if s.x0 >= x1 - 0.01]:
        if not _number_cell(s) or s.x0 - x1 > RIGHT_REACH_EM * s.size:
            break
        x1 = s.x1
    return x0, x1


def _far_labels(
    rows: list[list[Segment]], x0: float, x1: float, run: list[Segment]
) -> tuple[float, float]:
    """The table's edges taken to a column of labels :func:`_reach` leaves out: further left
    than it goes (a full-width table's labels at the page's left, its numbers from the
    middle on), or right of the numbers (a table set with its labels last). On half the
    rows or more (``NUMBER_ROWS`` at least), one short segment on that side, in the
    numbers' print, all starting at one edge or indented a few sizes from it, and on no
    row a longer one (the lines of a text column beside a table); on the right, within
    ``MIN_COLUMN_EM`` of the numbers."""
    size = median(s.size for s in run)

    def column(side: list[list[Segment]]) -> float | None:
        found = [segs for segs in side if segs]
        if len(found) < max(NUMBER_ROWS, 0.5 * len(rows)):
            return None
        for segs in found:
            s = segs[0]
            if len(segs) > 1 or len(s.words) > 2 * _NUMBER_CELL_WORDS or s.size * SMALL_SIZE > size:
                return None
        edge = min(segs[0].x0 for segs in found)
        if any(segs[0].x0 - edge > HANG_EM * segs[0].size for segs in found):
            return None
        return edge

    left = column([[s for s in row if s.x1 <= x0 + 0.01] for row in rows])
    right_side = [[s for s in row if s.x0 >= x1 - 0.01] for row in rows]
    right = column(right_side)
    if right is not None and right - x1 <= MIN_COLUMN_EM * size:
        x1 = max(s.x1 for segs in right_side for s in segs)
    return (x0 if left is None else left), x1


def _inside_seg(s: Segment, box) -> bool:
    cx, cy = (s.x0 + s.x1) / 2, (s.top + s.bottom) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] <= cy <= box[3]


def _many_cells(segs: list[Segment], box) -> bool:
    """Rows inside the box with two cells or more (a column of numbers beside labels): most
    of them, or a third when the rest are short (labels wrapped over two lines or more, as
    in a narrow panel; a line of running text is longer)."""
    rows = _baseline_rows([s for s in segs if _inside_seg(s, box)])
    many = sum(1 for r in rows if len(r) >= 2)
    short = all(len(r[0].words) <= _NUMBER_CELL_WORDS + 2 for r in rows if len(r) == 1)
    return many >= max(NUMBER_ROWS, (WRAPPED_SHARE if short else 0.5) * len(rows))


def _overlaps(a, b) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


# --- reading order -----------------------------------------------------------------------


def _holes(spans: list[tuple[float, float]], min_width: float) -> list[tuple[float, float]]:
    spans = sorted(spans)
    holes = []
    reach = spans[0][1]
    for a, b in spans[1:]:
        if a - reach >= min_width:
            holes.append((reach, a))
        reach = max(reach, b)
    return holes


@dataclass
class _Band:
    columns: list[list[Segment]]
    gutters: list[tuple[float, float]]


def _split(segs: list[Segment], gutters: list[tuple[float, float]]) -> list[list[Segment]]:
    cols: list[list[Segment]] = [[] for _ in range(len(gutters) + 1)]
    for s in segs:
        cols[sum(1 for g in gutters if s.x0 >= g[1] - 0.01)].append(s)
    return [c for c in cols if c]


def _cut(segs: list[Segment]) -> list[_Band]:
    if not segs:
        return []
    size = median(s.size for s in segs)
    gutters = _holes([(s.x0, s.x1) for s in segs], SEGMENT_GAP_EM * size)
    gutters = [g for g in gutters if _starts_column(g, gutters, segs)]
    gutters = _wide_columns(gutters, segs, size)
    if gutters and len(_baseline_rows(segs)) == 2:
        gutters = []  # two lines side by side: as likely two table rows as two columns
    if gutters:
        cols = _split(segs, gutters)
        if _tabular(cols):
            return [_Band([[_table_from_columns(cols)]], [])]
        subs = [_cut(col) for col in cols]
        # a column that is itself split into table columns makes the region a table
        inner = [
            g
            for sub in subs
            for b in sub
            if len(b.columns) > 1 and len(_baseline_rows([x for c in b.columns for x in c])) > 1
            for g in b.gutters
        ]
        if inner:
            finer = _split(segs, sorted(gutters + inner))
            if _tabular(finer):
                return [_Band([[_table_from_columns(finer)]], [])]
        ordered = [[x for band in sub for c in band.columns for x in c] for sub in subs]
        return [_Band(ordered, gutters)]
    ygaps = _holes([(s.top, s.bottom) for s in segs], 0.0)
    if not ygaps:
        return [_Band([sorted(segs, key=lambda s: (s.top, s.x0))], [])]
    lo, hi = max(ygaps, key=lambda g: g[1] - g[0])
    top = [s for s in segs if s.bottom <= lo + 0.01]
    rest = [s for s in segs if s.bottom > lo + 0.01]
    return _merge(_cut(top) + _cut(rest))


def _starts_column(g, gutters, segs: list[Segment]) -> bool:
    """A gutter is real when at least half the segments right of it (up to the next gutter)
    start at one x: a column's left edge. Wide gaps that merely line up by chance (a table
    typed with spaces) leave ragged starts behind them."""
    right = min((h[0] for h in gutters if h[0] > g[0]), default=float("inf"))
    starts = [s.x0 for s in segs if g[1] - 0.01 <= s.x0 < right]
    if not starts:
        return False
    edge = min(starts)
    size = median(s.size for s in segs if g[1] - 0.01 <= s.x0 < right)
    aligned = sum(1 for x in starts if x - edge < 1.5 or _hanging(x, edge, starts, size))
    if aligned < 0.5 * len(starts):
        return False
    # ... and they stack as lines do: fragments scattered down the page are not a column
    col = sorted((s for s in segs if g[1] - 0.01 <= s.x0 < right), key=lambda s: s.top)
    if len(col) == 1:
        return len(_baseline_rows(segs)) == 1
    near = sum(1 for a, b in zip(col, col[1:], strict=False) if b.top - a.bottom <= 1.5 * a.size)
    return near >= 0.5 * (len(col) - 1)


HANG_EM = 3.0  # a hanging indent: lines after an entry's first start this far right at most


def _hanging(x: float, edge: float, starts: list[float], size: float) -> bool:
    """``x`` is the indent of a list whose entries open at ``edge`` (a reference list's
    numbers, the lines after an entry's first indented): a start right of the edge by at
    most ``HANG_EM`` sizes, shared by a quarter of the starts, while a quarter or more open
    at the edge itself."""
    at = sum(1 for y in starts if abs(y - x) < 1.5)
    at_edge = sum(1 for y in starts if y - edge < 1.5)
    quarter = 0.25 * len(starts)
    return 1.5 <= x - edge <= HANG_EM * size and at >= quarter and at_edge >= quarter


def _wide_columns(gutters, segs: list[Segment], size: float) -> list[tuple[float, float]]:
    """Keep the gutters whose columns, on both sides, are at least ``MIN_COLUMN_EM`` wide: text
    columns are (a three-column A4 page still gives 17 em); the narrow columns of a table
    laid out with spaces are not, and such a table is then read row by row."""
    while gutters:
        cols = _split(segs, gutters)
        widths = [max(s.x1 for s in c) - min(s.x0 for s in c) for c in cols]
        narrow = [
            i for i in range(len(gutters)) if min(widths[i], widths[i + 1]) < MIN_COLUMN_EM * size
        ]
        if not narrow:
            return gutters
        # drop the gutter beside the narrowest column, then look again
        i = min(narrow, key=lambda i: min(widths[i], widths[i + 1]))
        gutters = gutters[:i] + gutters[i + 1 :]
    return gutters


def _baseline_rows(segs: list[Segment]) -> list[list[Segment]]:
    rows: list[list[Segment]] = []
    for s in sorted(segs, key=lambda s: (s.top, s.x0)):
        if rows and abs(s.top - rows[-1][0].top) < BASELINE_EM * s.size:
            rows[-1].append(s)
        else:
            rows.append([s])
    return rows


def _tabular(cols: list[list[Segment]]) -> bool:
    """Columns of an unruled table rather than of text: nearly every line has cells in more
    than one column on the same baseline (text columns rarely keep their baselines in step),
    the cells hold three words or fewer (a line of text, even in a narrow column, holds
    more), and most cells beyond the first column hold a number."""
    if any(s.table_rows is not None for col in cols for s in col):
        return False
    where = {id(s): j for j, col in enumerate(cols) for s in col}
    rows = _baseline_rows([s for col in cols for s in col])
    multi = sum(1 for r in rows if len({where[id(s)] for s in r}) > 1)
    if len(rows) < 2 or multi < 0.8 * len(rows):
        return False
    # words per cell: the segments of one column on one baseline (a loose justified line
    # splits into several segments) count as one cell
    cells = [
        sum(len(s.words) for s in r if where[id(s)] == j)
        for r in rows
        for j in {where[id(s)] for s in r}
    ]
    if median(cells) > 3:
        return False
    values = [s for col in cols[1:] for s in col]
    numeric = sum(1 for s in values if any(ch.isdigit() for ch in s.text))
    return numeric >= 0.5 * len(values)


def _table_from_columns(cols: list[list[Segment]]) -> Segment:
    where = {id(s): j for j, col in enumerate(cols) for s in col}
    segs = [s for col in cols for s in col]
    rows = []
    for row in _baseline_rows(segs):
        cells: list[list[str]] = [[] for _ in cols]
        for s in sorted(row, key=lambda s: s.x0):
            cells[where[id(s)]].append(s.text)
        box = (
            min(s.x0 for s in row),
            min(s.top for s in row),
            max(s.x1 for s in row),
            max(s.bottom for s in row),
        )
        rows.append(("\t".join(" ".join(c) for c in cells).rstrip("\t"), box))
    return Segment(
        min(s.x0 for s in segs),
        min(s.top for s in segs),
        max(s.x1 for s in segs),
        max(s.bottom for s in segs),
        median(s.size for s in segs),
        [w for s in segs for w in s.words],
        rows,
    )


def _settle(band: _Band) -> _Band:
    """Column bands joined by :func:`_merge` may turn out to be the rows of a table; a band
    of one or two lines (a loose justified line, two rows of a table typed with spaces) is
    read line by line."""
    if not band.gutters:
        return band
    segs = [s for col in band.columns for s in col]
    if len(_baseline_rows(segs)) <= 2 and all(s.table_rows is None for s in segs):
        return _Band([sorted(segs, key=lambda s: (s.top, s.x0))], [])
    if _tabular(band.columns):
        return _Band([[_table_from_columns(band.columns)]], [])
    return band


def _aligned(a: _Band, b: _Band) -> bool:
    return len(a.gutters) == len(b.gutters) > 0 and all(
        g[0] < h[1] and h[0] < g[1] for g, h in zip(a.gutters, b.gutters, strict=True)
    )


def _merge(bands: list[_Band]) -> list[_Band]:
    out: list[_Band] = []
    for band in bands:
        if out and _aligned(out[-1], band):
            prev = out[-1]
            prev.columns = [p + q for p, q in zip(prev.columns, band.columns, strict=True)]
            prev.gutters = [
                (max(g[0], h[0]), min(g[1], h[1]))
                for g, h in zip(prev.gutters, band.gutters, strict=True)
            ]
        else:
            out.append(band)
    return out


def _column_name(i: int, k: int) -> str:
    if k == 1:
        return "full width"
    if k == 2:
        return ("left", "right")[i]
    if k == 3:
        return ("left", "middle", "right")[i]
    return f"column {i + 1} of {k}"


def lines_from_words(page, number: int, words: list[dict], boxes=None, barriers=()) -> list[Line]:
    """The page's lines in reading order; ``boxes``: its tables, if already found;
    ``barriers``: boxes of what was taken out of the words (a figure and its caption) that
    still stand between the blocks around them, as a full-width figure between two bands of
    columns does."""
    if not words:
        return []
    boxes = table_boxes(page, words) if boxes is None else boxes
    blocks: list[Segment] = []
    rest = []
    in_table: list[list[dict]] = [[] for _ in boxes]
    for w in words:
        for i, box in enumerate(boxes):
            if _inside(w, box):
                in_table[i].append(w)
                break
        else:
            rest.append(w)
    for box, tw in zip(boxes, in_table, strict=True):
        if tw:
            blocks.append(
                Segment(
                    box[0],
                    box[1],
                    box[2],
                    box[3],
                    median(w["size"] for w in tw),
                    tw,
                    _table_rows(tw),
                )
            )
    blocks.extend(segments(rest))
    size = median(w["size"] for w in words)
    blocks.extend(Segment(*box, size, [], []) for box in barriers)  # they print no line
    placed = []  # (segment, its column's name, its block) in geometric reading order
    for b, band in enumerate(map(_settle, _cut(blocks))):
        k = len(band.columns)
        for i, col in enumerate(band.columns):
            placed.extend((seg, _column_name(i, k), (b, i)) for seg in col if seg.words)
    order = "geometry"
    if stream_plausible(placed):
        placed.sort(key=lambda p: _rank(p[0]))
        order = "stream"
    out: list[Line] = []
    for seg, name, _ in placed:
        if seg.table_rows is not None:
            out.extend(
                Line(t, number, name, *box, "table", order, j)
                for j, (t, box) in enumerate(seg.table_rows)
            )
        else:
            box = (seg.x0, seg.top, seg.x1, seg.bottom)
            out.append(Line(seg.text, number, name, *box, "text", order))
    return _join_baselines(out)


# --- reading order from the content stream -----------------------------------------------

# The stream order is used where it is plausible: at least this share of the steps from one
# segment to the next in the stream are steps of reading (:func:`stream_score`). Measured on
# the generated layouts of two papers (benchmarks/pdf_order.py, benchmarks/README.md): pages
# written in reading order score 0.94 to 1.0, pages whose stream interleaves the columns
# line by line 0.70 at most, shuffled ones 0.28 at most; the threshold sits between.
STREAM_PLAUSIBLE = 0.8


def _rank(seg: Segment) -> int:
    return min(w["seq"] for w in seg.words)


def _reading_step(a: Segment, b: Segment, same_block: bool) -> bool:
    """Reading goes from ``a`` to ``b``: on along the same line (within one block of the
    geometric order: not across a gutter), down to a line that starts before ``a`` ends (the
    next line of a column, or of a band below), or up to the top of a column to the right."""
    tol = BASELINE_EM * min(a.size, b.size)
    if abs(b.top - a.top) < tol:
        return same_block and b.x0 >= a.x1 - tol
    if b.top > a.top:
        return b.x0 < a.x1
    return b.x0 >= a.x1 - tol


def stream_score(placed) -> float | None:
    """Share of the steps from one segment to the next, in content-stream order, that are
    steps of reading (:func:`_reading_step`) and do not go back into a block of the
    geometric order that the stream has left (a stream interleaving two columns line by line
    does at every line). None when the words carry no stream order or the page has fewer
    than two segments."""
    if len(placed) < 2 or any("seq" not in w for p in placed for w in p[0].words):
        return None
    steps = sorted(placed, key=lambda p: _rank(p[0]))
    left: set = set()  # blocks the stream has left
    good = 0
    for (a, _, ka), (b, _, kb) in zip(steps, steps[1:], strict=False):
        if ka != kb:
            left.add(ka)
        good += kb not in left and _reading_step(a, b, ka == kb)
    return good / (len(steps) - 1)


def stream_plausible(placed) -> bool:
    score = stream_score(placed)
    return score is not None and score >= STREAM_PLAUSIBLE


def _join_baselines(lines: list[Line]) -> list[Line]:
    """Segments of one column line split by a wide justified space become one line again."""
    out: list[Line] = []
    for ln in lines:
        prev = out[-1] if out else None
        if (
            prev is not None
            and ln.kind == prev.kind == "text"
            and ln.page == prev.page
            and ln.column == prev.column
            and abs(ln.top - prev.top) < BASELINE_EM * (ln.bottom - ln.top)
            and ln.x0 > prev.x1
        ):
            out[-1] = Line(
                prev.text + " " + ln.text,
                ln.page,
                ln.column,
                prev.x0,
                min(prev.top, ln.top),
                ln.x1,
                max(prev.bottom, ln.bottom),
                "text",
                ln.order,
            )
        else:
            out.append(ln)
    return out
