"""A paper's text typeset as a journal article (reportlab): what the PDF route is checked on.

Full-width title and front matter, a justified multi-column body with words hyphenated at
line ends, ligature glyphs, running heads and page numbers, and the text's tab-separated
tables as ruled (booktabs) tables, set across the columns as floats at the top of the next
page (or inside a column). Every glyph is placed at its own position and no space character
is drawn: word spacing exists only as positions, as in TeX or InDesign output. Used by
:mod:`litmeta.pdf.check` (the measure in extracted/README.md) and by the tests; never given
third-party articles.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

import matplotlib
from reportlab.lib.pagesizes import A4
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

SERIF = "DejaVuSerif"
SERIF_BOLD = "DejaVuSerif-Bold"
_FONT_DIR = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
_LIGATURES = (
    ("ffi", "\ufb03"),
    ("ffl", "\ufb04"),
    ("ff", "\ufb00"),
    ("fi", "\ufb01"),
    ("fl", "\ufb02"),
)
_LIGATURE_GLYPHS = {glyph for _, glyph in _LIGATURES}
_FRONT_END = re.compile(r"^(\d+\.?\s*)?(introduction|background)\s*$", re.IGNORECASE)


def _fonts() -> None:
    for name in (SERIF, SERIF_BOLD):
        if name not in pdfmetrics.getRegisteredFontNames():
            pdfmetrics.registerFont(TTFont(name, str(_FONT_DIR / f"{name}.ttf")))


def _kern(prev: str, ch: str) -> float:
    """A deterministic pair kern in em, -0.04..+0.04 (0 at a word start), as fonts have."""
    if prev == " ":
        return 0.0
    return ((ord(prev) * 31 + ord(ch) * 17) % 9 - 4) / 100


_SUP = re.compile(r"\u2983([^\u2984]*)\u2984")  # ⦃3⦄ in a test's text: a superscript marker
SUP_SCALE, SUP_RISE = 0.6, 0.35  # superscript size and baseline rise, in ems of the body


def _pieces(word: str) -> list[tuple[str, bool]]:
    """A word as (text, superscript?) runs."""
    out, at = [], 0
    for m in _SUP.finditer(word):
        if m.start() > at:
            out.append((word[at : m.start()], False))
        out.append((m.group(1), True))
        at = m.end()
    if at < len(word):
        out.append((word[at:], False))
    return out


def _noisy(ch: str, i: int) -> bool:
    """Glyphs given a font size off in the 14th decimal (as some publishers' tools write
    them): every en dash and one glyph in eleven, deterministically."""
    return ch == "\u2013" or (ord(ch) * 7 + i) % 11 == 0


def _ligate(word: str) -> str:
    for plain, glyph in _LIGATURES:
        word = word.replace(plain, glyph)
    return word


@dataclass
class JournalLayout:
    """How to typeset: columns, body size, where tables and a figure go."""

    columns: int = 2
    body_size: float = 9.0
    table_in_column: bool = False  # tables set inside one column when they fit
    figure_between_columns: bool = False  # a full-width figure in the middle of page 2
    running_head: str = "Journal of Synthetic Nuclear Medicine"
    glyph_noise: bool = False  # size noise, space glyphs inside ligatures (see _show)
    margin_stack: bool = False  # two-line running head, three-line footer (URL, logo, citation)
    side_notes: bool = False  # notes in a narrow column in the right margin of every page
    affiliations: bool = False  # page 1: front matter beside a column of affiliations
    footnote: bool = False  # page 1: a corresponding-author note at the foot of the left column
    figure_text: bool = False  # the figure between columns is a flow chart with text in boxes
    unruled: bool = False  # tables without any rule (columns by alignment only)
    # the order the page's text is written in the content stream: "reading" (as it is read),
    # "rows" (line by line across the columns, top to bottom: the columns interleaved) or
    # "shuffled" (a fixed pseudo-random order); what is printed is the same
    stream_order: str = "reading"
    table_captions: bool = False  # a table's caption ("Table 2 ...") set above it, as a float
    front_columns: int = 1  # page 1: the front matter (abstract...) set in this many columns
    wrap_cells: float = 0.0  # table cells wider than this (points) wrap onto more lines
    front_box: bool = False  # page 1: a framed box of key points atop the last column
    margin_stamp: bool = False  # a line set vertically in the left margin of every page


@dataclass
class _Page:
    number: int
    bands: list = field(default_factory=list)


class _Journal:
    W, H = A4
    LEFT = RIGHT = 48.0
    TOP = 785.0  # first body baseline region starts below this
    BOTTOM = 62.0
    GUTTER = 16.0
    NOTE_ROOM = 110.0  # right margin given to side notes (JournalLayout.side_notes)
    FOOT_ROOM = 34.0  # foot of page 1's left column given to a footnote

    def __init__(self, out: Path, layout: JournalLayout) -> None:
        _fonts()
        self.c = canvas.Canvas(str(out), pagesize=A4, invariant=1)
        self.lay = layout
        self.page = 0
        self.size = layout.body_size
        self.lead = layout.body_size * 1.22
        self.width = self.W - self.LEFT - self.RIGHT - (self.NOTE_ROOM if layout.side_notes else 0)
        self.front = (self.LEFT, self.width)  # x and width of the full-width front matter
        self.colw = (self.width - (layout.columns - 1) * self.GUTTER) / layout.columns
        self.pending_tables: list[list[list[str]]] = []
        self.held: list = []  # text objects of the page, when not written in reading order
        self.captions: dict[int, str] = {}  # id of a table's rows -> its caption
        self._new_page()

    # glyph-level drawing ------------------------------------------------------------------
    def _w(self, s: str, font: str, size: float) -> float:
        """Width of a word as drawn: glyph advances plus the pair kerns inside it."""
        total = 0.0
        for text, sup in _pieces(s):
            sz = size * SUP_SCALE if sup else size
            kern = sum(_kern(a, b) for a, b in zip(" " + text, text, strict=False)) * sz
            total += pdfmetrics.stringWidth(text, font, sz) + kern
        return total

    @staticmethod
    def _growing(w: str, font: str) -> bool:
        """Whether every glyph of ``w`` is at least 0.04 em wide (the largest negative pair
        kern) and ``w`` has no superscript marker: then each longer prefix is at least as wide,
        so a scan for the prefixes that fit may stop at the first that does not."""
        face = pdfmetrics.getFont(font).face
        get, default = face.charWidths.get, face.defaultWidth
        return "\u2983" not in w and min((get(ord(c), default) for c in w), default=0) >= 40

    def _wider(self, w: str, width: float, font: str, size: float, growing: bool) -> bool:
        """``_w(w) > width``; for a growing word measured on prefixes doubling in length, so
        that a token of thousands of characters costs about one line's worth per call."""
        m = 64
        while growing and m < len(w):
            if self._w(w[:m], font, size) > width + 1e-6 * max(1.0, width):
                return True
            m *= 2
        return self._w(w, font, size) > width

    def _prefixes_within(
        self, w: str, suffix: str, width: float, font: str, size: float, growing: bool = False
    ) -> list[int]:
        """The k in 1..len(w)-1 with ``_w(w[:k] + suffix) <= width``, in one pass over ``w``
        (linear in its length, where measuring every prefix anew took quadratic time: a
        3,000-character token took minutes), and for a ``growing`` word (:meth:`_growing`)
        only up to the first prefix that cannot fit, so that breaking a long token into
        lines is linear in its length too. The running sums are ``_w``'s own terms in its
        own order; a prefix within a rounding error of ``width`` is measured exactly."""
        face = pdfmetrics.getFont(font).face
        get, default = face.charWidths.get, face.defaultWidth
        out, advance, kern, prev = [], 0.0, 0.0, " "
        # a growing prefix is past every fit once it is wider than the line by the largest
        # swing of the suffix's first kern (-0.04 to +0.04 em)
        beyond = width + 0.08 * size * bool(suffix) + 1e-6 * max(1.0, width)
        for k in range(1, len(w)):
            ch = w[k - 1]
            advance += get(ord(ch), default)
            kern += _kern(prev, ch)
            prev = ch
            tail = sum(get(ord(c), default) for c in suffix)
            tail_kern = sum(_kern(a, b) for a, b in zip(ch + suffix, suffix, strict=False))
            approx = 0.001 * size * (advance + tail) + (kern + tail_kern) * size
            if abs(approx - width) <= 1e-6 * max(1.0, width):
                if self._w(w[:k] + suffix, font, size) <= width:
                    out.append(k)
            elif approx <= width:
                out.append(k)
            elif growing and approx > beyond:
                break
        return out

    def _draw_words(self, words, x, y, width, font, size, justify):
        ws = [self._w(w, font, size) for w in words]
        space = self._w(" ", font, size)
        gap = space
        if justify and len(words) > 1:
            gap = (width - sum(ws)) / (len(words) - 1)  # may shrink to 0.75 of a space
        glyphs = []  # (character, x, size, rise) of every glyph on the line
        for word, ww in zip(words, ws, strict=True):
            gx = x
            for text, sup in _pieces(word):
                sz, rise = (size * SUP_SCALE, size * SUP_RISE) if sup else (size, 0.0)
                prev = " "
                for ch in text:
                    gx += _kern(prev, ch) * sz
                    glyphs.append((ch, gx, sz, rise))
                    advance = pdfmetrics.stringWidth(ch, font, sz)
                    if self.lay.glyph_noise and ch in _LIGATURE_GLYPHS:
                        # a real space glyph drawn inside the ligature's box
                        glyphs.append((" ", gx + 0.4 * advance, sz, rise))
                    gx += advance
                    prev = ch
            x += ww + gap
        if glyphs:
            self._show(glyphs, y, font)

    def _show(self, glyphs, y, font) -> None:
        """One line as TJ arrays, as TeX writes it: glyph strings with a position adjustment
        (thousandths of an em) wherever a glyph is not where the previous one's advance left
        the pen, so word spaces and kerns are positions, never space characters. With
        ``glyph_noise`` some glyphs are set in a size off in the 14th decimal."""
        canv = self.c
        fontobj = pdfmetrics.getFont(font)
        t = canv.beginText()
        t.setFont(font, glyphs[0][2])
        t.setTextOrigin(glyphs[0][1], y)
        code = []
        parts: list[str] = []
        state = None
        rise = 0.0
        pen = glyphs[0][1]

        def flush():
            if parts:
                code.append(f"[{' '.join(parts)}] TJ")
                parts.clear()

        for i, (ch, gx, size, up) in enumerate(glyphs):
            sub, data = fontobj.splitString(ch, canv._doc)[0]
            noisy = self.lay.glyph_noise and _noisy(ch, i)
            if (sub, size, noisy) != state:
                flush()
                shown = repr(size + 1e-13) if noisy else f"{size:g}"
                code.append(f"{fontobj.getSubsetInternalName(sub, canv._doc)} {shown} Tf")
                state = (sub, size, noisy)
            if up != rise:
                flush()
                code.append(f"{up:g} Ts")
                rise = up
            shift = gx - pen
            if abs(shift) > 1e-6:
                parts.append(f"{-shift * 1000 / size:.1f}")
            parts.append(f"({canv._escape(data)})")
            pen = gx + pdfmetrics.stringWidth(ch, font, size)
        flush()
        t._code.extend(code)
        if self.lay.stream_order == "reading":
            canv.drawText(t)
        else:
            self.held.append((y, glyphs[0][1], t))

    def write_held(self) -> None:
        """The page's text objects, written in the layout's ``stream_order``."""
        held, self.held = self.held, []
        if self.lay.stream_order == "rows":
            held.sort(key=lambda h: (-round(h[0], 1), h[1]))
        else:  # shuffled, the same way on every run
            held.sort(key=lambda h: (round(h[0] * 10) * 7919 + round(h[1] * 10)) % 1009)
        for _, _, t in held:
            self.c.drawText(t)

    def _break(self, text: str, width: float, font: str, size: float) -> list[list[str]]:
        """Greedy line breaking with hyphenation inside lower-case alphabetic words."""
        words: list[str] = []
        starts, ends = set(), set()  # pieces of an over-long word: own line, line break after
        for w in map(_ligate, text.split()):
            # a word wider than the line is broken: hyphenated between a letter and a lower-case
            # letter if it can be, else (a URL) where it must, without a hyphen
            growing = self._growing(w, font)
            if self._wider(w, width, font, size, growing):
                starts.add(len(words))
            while len(w) > 1 and self._wider(w, width, font, size, growing):
                fits = self._prefixes_within(w, "-", width, font, size, growing)
                soft = [k for k in fits if w[k - 1].isalpha() and w[k].islower()]
                if soft:
                    piece, k = w[: soft[-1]] + "-", soft[-1]
                else:
                    k = max(self._prefixes_within(w, "", width, font, size, growing))
                    piece = w[:k]
                ends.add(len(words))
                words.append(piece)
                w = w[k:]
            words.append(w)
        space = self._w(" ", font, size) * 0.75  # justified word spaces shrink to 3/4
        lines, cur, cur_w = [], [], 0.0
        i = 0
        while i < len(words):
            w = words[i]
            ww = self._w(w, font, size)
            need = ww + (space if cur else 0)
            if not cur or (cur_w + need <= width and i not in starts):
                cur.append(w)
                cur_w += need
                i += 1
                if i - 1 in ends:
                    lines.append(cur)
                    cur, cur_w = [], 0.0
                continue
            room = width - cur_w - space
            split = None
            for k in range(len(w) - 3, 2, -1) if i not in starts else ():
                head, tail = w[:k], w[k:]
                if (
                    head[-2:].isalpha()
                    and head[-2:].islower()
                    and tail[:2].isalpha()
                    and tail[:2].islower()
                    and self._w(head + "-", font, size) <= room
                ):
                    split = k
                    break
            if split:
                cur.append(w[:split] + "-")
                words[i] = w[split:]
            lines.append(cur)
            cur, cur_w = [], 0.0
        if cur:
            lines.append(cur)
        return lines

    # pages ---------------------------------------------------------------------------------
    def _new_page(self) -> None:
        if self.page:
            self.write_held()
            self.c.showPage()
        self.page += 1
        c = self.c
        c.setFont(SERIF, 7.5)
        head = self.lay.running_head if self.page % 2 else "Synthetic et al."
        yy = self.H - 40
        self._draw_words(head.split(), self.LEFT, yy, 0, SERIF, 7.5, False)
        self._draw_words(
            ["2024", "·", "Vol", "12"], self.W - self.RIGHT - 60, yy, 0, SERIF, 7.5, False
        )
        stack = self.lay.margin_stack
        if stack:  # a second line of running head
            self._draw_words(["Original", "research"], self.LEFT, yy - 9, 0, SERIF, 7.5, False)
        c.setLineWidth(0.4)
        c.line(self.LEFT, yy - (13 if stack else 4), self.W - self.RIGHT, yy - (13 if stack else 4))
        self._draw_words([str(self.page)], self.W / 2 - 4, 36, 0, SERIF, 8, False)
        if stack:  # URL above the page number, a logo line and a citation line below it
            url = f"https://doi.org/10.5555/jsnm.2024.{self.page:04d}"
            cite = f"Synthetic A, et al. J Synth Nucl Med 2024;12:{100 + self.page}"
            for y, text in ((46, url), (27, "JSNM · Open access · CC BY 4.0"), (18, cite)):
                self._draw_words(text.split(), self.LEFT, y, 0, SERIF, 7, False)
        if self.lay.side_notes:
            self._side_notes()
        if self.lay.margin_stamp:
            self._margin_stamp()
        self.y = self.TOP - 12  # top of the free area
        self.figure_done = False
        tables, self.pending_tables = self.pending_tables, []
        for table in tables:
            self._table(table, self.LEFT, self.width)

    def _side_notes(self) -> None:
        """Two notes in the right margin, 6.5 pt, as some journals print key points."""
        x = self.W - self.RIGHT - self.NOTE_ROOM + 14
        for k, y in enumerate((self.TOP - 60, self.TOP - 380), start=1):
            note = f"Key point {self.page}.{k}: this margin note is not part of the running text."
            for words in self._break(note, self.NOTE_ROOM - 14, SERIF, 6.5):
                self._draw_words(words, x, y, 0, SERIF, 6.5, False)
                y -= 8

    def _margin_stamp(self) -> None:
        """A line up the left margin, read bottom to top, as publishers stamp a download
        notice ("Downloaded from ... on ...") or the journal's name beside the text."""
        c = self.c
        c.saveState()
        c.translate(self.LEFT - 22, self.BOTTOM + 40)
        c.rotate(90)
        c.setFont(SERIF, 7)
        c.drawString(
            0,
            0,
            f"J Synth Nucl Med: first published as 10.5555/jsnm-2024-{self.page:06d} on 5 May "
            "2024. Downloaded from https://jsnm.example.org on 7 December 2026 by guest.",
        )
        c.restoreState()

    def footnote(self) -> None:
        """A corresponding-author note under a short rule at the foot of the left column."""
        y = self.BOTTOM + self.FOOT_ROOM - 8
        self.c.setLineWidth(0.4)
        self.c.line(self.LEFT, y, self.LEFT + 60, y)
        note = (
            "* Corresponding author: A. Synthetic, Department of Nuclear Medicine, Synthetic "
            "University Hospital; a.synthetic@example.org"
        )
        for words in self._break(note, self.colw, SERIF, 6.5):
            y -= 8
            self._draw_words(words, self.LEFT, y, 0, SERIF, 6.5, False)

    def affiliations(self) -> float:
        """A column of affiliations left of the front matter; returns its lowest baseline."""
        y = self.y
        for k, place in enumerate(("Utrecht", "Rotterdam", "Groningen", "Leiden"), start=1):
            text = f"{k} Department of Nuclear Medicine, Synthetic University Hospital, {place}"
            for words in self._break(text, 110, SERIF, 6.5):
                y -= 8
                self._draw_words(words, self.LEFT, y, 0, SERIF, 6.5, False)
            y -= 3
        self.front = (self.LEFT + 130, self.width - 130)
        return y

    def front_in_columns(self, paras: list[str], k: int, room: float) -> int:
        """The first of ``paras`` that fit in ``room`` points set in ``k`` balanced columns
        across the front matter's width; returns how many were set."""
        left, width = self.front
        colw = (width - (k - 1) * self.GUTTER) / k
        lines: list = []
        taken = 0
        for para in paras:
            broken = self._break(para, colw, SERIF, self.size)
            more = [(words, i < len(broken) - 1) for i, words in enumerate(broken)] + [None]
            if -(-(len(lines) + len(more)) // k) * self.lead > room:
                break
            lines += more
            taken += 1
        per = -(-len(lines) // k)
        low = self.y
        for c in range(k):
            y = self.y
            for item in lines[c * per : (c + 1) * per]:
                if item is None:  # paragraph break
                    y -= self.lead * 0.35
                    continue
                y -= self.lead
                x = left + c * (colw + self.GUTTER)
                self._draw_words(item[0], x, y, colw, SERIF, self.size, item[1])
            low = min(low, y)
        self.y = low - self.lead * 0.4
        return taken

    def full_width(self, text: str, font: str = SERIF, size: float | None = None, center=False):
        size = size or self.size
        lead = size * 1.22
        left, width = self.front
        for i, words in enumerate(lines := self._break(text, width, font, size)):
            if self.y - lead < self.BOTTOM:
                self._new_page()
            self.y -= lead
            last = i == len(lines) - 1
            if center:
                w = self._w(" ".join(words), font, size)
                self._draw_words(words, left + (width - w) / 2, self.y, 0, font, size, False)
            else:
                self._draw_words(words, left, self.y, width, font, size, not last)
        self.y -= lead * 0.4

    # tables --------------------------------------------------------------------------------
    CELL_LEAD = 1.1  # leading of a wrapped cell's lines, in font sizes (rows: 1.35)

    def _cell_lines(self, cell: str, size: float) -> list[str]:
        """A cell's lines: one, or (``wrap_cells``) as many as it needs, broken between words."""
        limit = self.lay.wrap_cells
        if not limit or self._w(cell, SERIF, size) <= limit:
            return [cell]
        lines: list[str] = []
        for word in cell.split():
            if lines and self._w(f"{lines[-1]} {word}", SERIF, size) <= limit:
                lines[-1] += f" {word}"
            else:
                lines.append(word)
        return lines

    def _row_lines(self, rows, size: float) -> int:
        """Lines the rows take beyond one each (their wrapped cells)."""
        return sum(max(len(self._cell_lines(c, size)) for c in r) - 1 for r in rows if r)

    def _table_fit(self, rows, width):
        ncol = max(len(r) for r in rows)
        for size in (7.0, 6.5, 6.0, 5.5, 5.0, 4.5, 4.0, 3.5, 3.0):
            pad = size * 1.6
            widths = [
                max(
                    (
                        self._w(line, SERIF, size)
                        for r in rows
                        if j < len(r)
                        for line in self._cell_lines(r[j], size)
                    ),
                    default=0,
                )
                for j in range(ncol)
            ]
            if sum(widths) + pad * (ncol - 1) <= width:
                return size, widths, pad
        return None

    CAPTION_SIZE = 8.0

    def _caption(self, rows, width) -> list[list[str]]:
        caption = self.captions.get(id(rows))
        return self._break(caption, width, SERIF, self.CAPTION_SIZE) if caption else []

    def _table(self, rows, x, width) -> None:
        size, widths, pad = self._table_fit(rows, width)
        lead = size * 1.35
        header, body = rows[0], rows[1:]
        for words in self._caption(rows, width):
            self.y -= self.CAPTION_SIZE * 1.22
            self._draw_words(words, x, self.y, 0, SERIF, self.CAPTION_SIZE, False)

        def rule(y):
            if self.lay.unruled:
                return
            self.c.setLineWidth(0.6)
            self.c.line(x, y, x + width, y)

        def row(cells):
            self.y -= lead
            cx = x
            extra = 0
            for j, cell in enumerate(cells):
                if cell.strip():
                    lines = self._cell_lines(cell, size)
                    for k, line in enumerate(lines):
                        y = self.y - k * size * self.CELL_LEAD
                        self._draw_words(line.split(), cx, y, 0, SERIF, size, False)
                    extra = max(extra, len(lines) - 1)
                cx += widths[j] + pad
            self.y -= extra * size * self.CELL_LEAD

        def head():  # top rule, header, mid rule (booktabs)
            self.y -= 4
            rule(self.y)
            row(header)
            rule(self.y - lead * 0.4)
            self.y -= 2

        head()
        for r in body:
            if self.y - lead < self.BOTTOM + lead:  # continued on the next page
                rule(self.y - lead * 0.4)
                self._new_page()
                head()
            row(r)
        rule(self.y - lead * 0.4)
        self.y -= lead * 1.5

    def table(self, rows, in_column_of=None):
        """A table: full width (a float at the top of the next page) or set in a column."""
        fit = self._table_fit(rows, self.width)
        if fit is None:
            raise ValueError("table too wide to render")
        self.pending_tables.append(rows)

    # columns -------------------------------------------------------------------------------
    def flow(self, items) -> None:
        """Typeset body items (('p', text) | ('h', text) | ('t', rows)) in columns."""
        lines = []  # (kind, payload)
        for kind, payload in items:
            if kind == "t":
                fit = self._table_fit(payload, self.colw)
                if self.lay.table_in_column and fit is not None and fit[0] >= 4.5:
                    lines.append(("table", payload))
                else:
                    lines.append(("float", payload))
                continue
            font = SERIF_BOLD if kind == "h" else SERIF
            broken = self._break(payload, self.colw, font, self.size)
            for i, words in enumerate(broken):
                last = i == len(broken) - 1
                lines.append(("line", (words, font, kind == "p" and not last)))
            lines.append(("skip", self.lead * 0.35))
        while lines:
            lines = self._fill_columns(lines)
            if lines:
                self._new_page()

    def _fill_columns(self, lines):
        """Fill the columns of one band; return the lines left over."""
        top = self.y
        bottom = self.BOTTOM
        figure_at = None
        if self.lay.figure_between_columns and self.page == 2 and not self.figure_done:
            figure_at = (top + bottom) / 2
            bottom = figure_at + 40
        col = 0
        y = top
        foot = self.lay.footnote and self.page == 1
        if foot:
            self.footnote()
        while lines:
            kind, payload = lines[0]
            x = self.LEFT + col * (self.colw + self.GUTTER)
            floor = bottom + (self.FOOT_ROOM if foot and col == 0 else 0)
            if kind == "float":
                self.pending_tables.append(payload)
                lines.pop(0)
                continue
            if kind == "table":
                size, widths, pad = self._table_fit(payload, self.colw)
                need = (len(payload) + 2) * size * 1.35 + 12
                need += self._row_lines(payload, size) * size * self.CELL_LEAD
                need += len(self._caption(payload, self.colw)) * self.CAPTION_SIZE * 1.22
                if y - need >= floor:
                    self.y = y
                    self._table(payload, x, self.colw)
                    y = self.y
                    lines.pop(0)
                    continue
            elif kind == "skip":
                y -= payload
                lines.pop(0)
                continue
            elif y - self.lead >= floor:
                y -= self.lead
                words, font, justify = payload
                self._draw_words(words, x, y, self.colw, font, self.size, justify)
                lines.pop(0)
                continue
            col += 1
            y = top
            if col == self.lay.columns:
                break
            if self.lay.front_box and self.page == 1 and col == self.lay.columns - 1:
                y = self._front_box(self.LEFT + col * (self.colw + self.GUTTER), top)
        if figure_at is not None:
            self.figure_done = True
            self.c.setFillGray(0.85)
            self.c.rect(self.LEFT, figure_at - 80, self.width, 110, fill=1, stroke=0)
            self.c.setFillGray(0)
            if self.lay.figure_text:
                self._flow_chart(figure_at)
            caption = "Fig. 9 Schematic overview of the study design (synthetic figure)."
            self.y = figure_at - 84
            self.full_width(caption, size=8)
            self.y -= 6
            if lines:
                return self._fill_columns(lines)
        self.y = min(y, self.y)
        return lines

    FRONT_BOX = (
        "Strengths and limitations of this study",
        "A synthetic box of key points is printed in a frame at the top of a column.",
        "Its sentences are not part of the running text that flows around the box.",
        "It reads as a block of its own, after the sentence it would interrupt.",
    )

    def _front_box(self, x: float, top: float) -> float:
        """A frame of key points (a heading, then one paragraph per point) at the top of a
        column, at the body's size, as BMJ Open prints "Strengths and limitations"; returns
        where the column's text goes on below it."""
        y = top
        for k, point in enumerate(self.FRONT_BOX):
            font = SERIF_BOLD if k == 0 else SERIF
            for words in self._break(point, self.colw - 12, font, self.size):
                y -= self.lead
                self._draw_words(words, x + 6, y, 0, font, self.size, False)
        bottom = y - self.lead * 0.6
        self.c.setLineWidth(0.6)
        self.c.rect(x, bottom, self.colw, top - bottom, fill=0, stroke=1)
        return bottom - self.lead

    def _flow_chart(self, figure_at: float) -> None:
        """Boxes with text inside the figure: a CONSORT-like flow chart."""
        mid = self.LEFT + self.width / 2
        boxes = (
            (mid, figure_at + 10, "Assessed for eligibility (n = 412)"),
            (mid + self.width / 4, figure_at - 22, "Excluded (n = 198)"),
            (mid, figure_at - 40, "Randomised (n = 214)"),
            (mid - self.width / 4, figure_at - 70, "Allocated to PRRT (n = 107)"),
            (mid + self.width / 4, figure_at - 70, "Allocated to control (n = 107)"),
        )
        self.c.setLineWidth(0.6)
        for cx, y, text in boxes:
            w = self._w(text, SERIF, 7)
            self.c.rect(cx - w / 2 - 4, y - 3, w + 8, 12, fill=0, stroke=1)
            self._draw_words(text.split(), cx - w / 2, y, 0, SERIF, 7, False)


def _paragraphs(text: str):
    """Split a paper's text into paragraphs (runs of non-blank lines, joined as the anchors'
    search view joins them) and tables (runs of lines holding a tab)."""
    from ..textindex import TextIndex

    items: list = []
    table: list[list[str]] = []
    para: list[str] = []
    for line in text.split("\n") + [""]:
        if para and (not line.strip() or "\t" in line):
            items.append(("p", TextIndex("\n".join(para)).view.strip()))
            para = []
        if table and "\t" not in line:
            items.append(("t", table))
            table = []
        if "\t" in line:
            table.append(line.split("\t"))
        elif line.strip():
            para.append(line.strip())
    return items


def render_journal_pdf(text: str, out: Path, layout: JournalLayout | None = None) -> int:
    """Typeset ``text`` (a paper's .txt) as a journal article into ``out``; returns pages."""
    layout = layout or JournalLayout()
    j = _Journal(out, layout)
    items = _paragraphs(text)
    if layout.table_captions:  # each "Table N" paragraph just before a table goes with it
        for i in range(len(items) - 1, 0, -1):
            (k, cap), (kt, rows) = items[i - 1], items[i]
            if k == "p" and kt == "t" and re.match(r"Table \d", cap):
                j.captions[id(rows)] = cap
                del items[i - 1]
    first = next((i for i, (k, _) in enumerate(items) if k == "p"), None)
    if first is None:  # no paragraph at all (tables only): typeset them as the body
        items, first = [("p", ""), *items], 0
    j.full_width(items[first][1], SERIF_BOLD, 14, center=True)
    j.y -= 6
    low = j.affiliations() if layout.affiliations else j.y
    front_end = next(
        (i for i, (k, p) in enumerate(items) if k == "p" and _FRONT_END.match(p)), first + 8
    )
    budget = j.y - (j.H - j.BOTTOM) * 0.45  # front matter takes at most ~half a page
    i = first + 1
    if layout.front_columns > 1:
        front = []
        while i + len(front) < min(front_end, len(items)) and items[i + len(front)][0] == "p":
            front.append(items[i + len(front)][1])
        i += j.front_in_columns(front, layout.front_columns, j.y - budget)
    while i < min(front_end, len(items)) and j.y > budget and j.page == 1 and items[i][0] == "p":
        j.full_width(items[i][1])
        i += 1
    j.y = min(j.y, low) - 8
    j.front = (j.LEFT, j.width)
    body = [("h" if len(p) < 40 and k == "p" else k, p) for k, p in items[i:]]
    j.flow(body)
    while j.pending_tables:
        j._new_page()
    j.write_held()
    j.c.save()
    return j.page
