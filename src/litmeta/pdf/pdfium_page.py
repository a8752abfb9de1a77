"""A PDF's pages read by pdfium (pypdfium2), in the form the layout code takes from pdfplumber.

pdfplumber runs pdfminer.six, a PDF interpreter written in Python: nearly all of the
reader's time went into its character extraction. pdfium, a C library, parses the same
content streams about twenty times faster (benchmarks/README.md). :class:`Page` gives
what :mod:`.layout`, :mod:`.asides` and :mod:`.margins` use of a pdfplumber page, built
the way pdfminer builds it, so the reader's output does not depend on which of the two
read the file:

* ``chars``: the glyphs drawn, in content-stream order, with pdfminer's box: from the
  glyph's origin, its advance wide and one font size high, standing on the font's descent
  (pdfium's own boxes are tight around the glyph's ink, or span ascent to descent, which
  would move lines and words). pdfium's generated characters (the spaces and line breaks
  it infers) are left out: pdfplumber has only the glyphs a PDF draws.
* ``lines``, ``rects``, ``curves``: each painted subpath as pdfminer classifies it (a
  single segment is a line, a closed axis-aligned four-sided one a rectangle, anything
  else a curve through its points), so rules and ruled grids are found as before;
  ``images``: the unit square under the image's matrix.
* ``find_tables()``: pdfplumber's ruled-table finder, fed these objects.

Coordinates follow pdfplumber: x from the left, ``top``/``bottom`` from the top of the
(rotated) media box. pdfium hands numbers over in single precision (rounded back to what
the PDF wrote: ``F32_DIGITS``) and keeps glyph widths and font descents in whole
thousandths of an em (descents are taken from the PDF instead: :class:`Document`). Where a
PDF writes widths in fractions of a thousandth (reportlab does; publishers' tools write
whole ones), pdfium's glyph positions fall behind pdfminer's by up to 1/1000 em per glyph
along a text object (tests/test_pdf_pdfium.py measures both).
"""

from __future__ import annotations

import ctypes
from collections.abc import Iterator
from pathlib import Path

import pypdfium2 as pdfium
import pypdfium2.raw as c

Matrix = tuple[float, float, float, float, float, float]
# pdfium hands positions over in single precision: 344.785 comes back as 344.78499...,
# which rounds to 344.78 where pdfminer's 344.785 rounds to 344.79, and the layout compares
# positions rounded. Below 1024 pt a single-precision value lies within 3.1e-5 of the
# number the PDF wrote, so rounding it to four decimals gives that number back (when the PDF
# wrote four decimals or fewer, as producers do).
F32_DIGITS = 4


def _mult(m: Matrix, n: Matrix) -> Matrix:
    """``m`` then ``n`` (pdfminer's ``mult_matrix`` order)."""
    a, b, c_, d, e, f = m
    a1, b1, c1, d1, e1, f1 = n
    return (
        a * a1 + b * c1,
        a * b1 + b * d1,
        c_ * a1 + d * c1,
        c_ * b1 + d * d1,
        e * a1 + f * c1 + e1,
        e * b1 + f * d1 + f1,
    )


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _page_ctm(rotation: int, box: tuple[float, float, float, float]) -> Matrix:
    """pdfminer's device matrix for a page (``PDFPageInterpreter.process_page``)."""
    x0, y0, x1, y1 = box
    return {
        90: (0.0, -1.0, 1.0, 0.0, -y0, x1),
        180: (-1.0, 0.0, 0.0, -1.0, x1, y1),
        270: (0.0, 1.0, -1.0, 0.0, y1, -x0),
    }.get(rotation, (1.0, 0.0, 0.0, 1.0, -x0, -y0))


class _Widths(dict):
    """A font's advance widths in font sizes, by character, fetched from pdfium when first
    asked for (pdfium keeps them in whole thousandths of an em, pdfminer as the PDF writes
    them); 0 where pdfium has none (a character the font cannot encode)."""

    def __init__(self, font) -> None:
        super().__init__()
        self.font = font

    def __missing__(self, glyph: str) -> float:
        w = ctypes.c_float()
        ok = len(glyph) == 1 and c.FPDFFont_GetGlyphWidth(
            self.font, ord(glyph), ctypes.c_float(1.0), w
        )
        self[glyph] = em = w.value if ok and w.value > 0 else 0.0
        return em


class _TextObject:
    """What the glyphs of one pdfium text object share: the linear part of its text matrix
    (without the font size), font size, the font's descent (in font sizes) and widths."""

    __slots__ = ("matrix", "a", "size", "descent", "widths", "fast", "height", "above")

    def __init__(self, matrix, size: float, descent: float, widths: _Widths, rotation: int):
        self.matrix, self.size, self.descent, self.widths = matrix, size, descent, widths
        a, b, c_, d = matrix
        self.a = a
        self.fast = b == 0.0 and c_ == 0.0 and a > 0.0 and d > 0.0 and rotation == 0
        self.height = d * size  # pdfminer's size of an upright glyph: its box's height
        self.above = d * descent * size + self.height  # from the origin up to the box's top


class Document:
    """An open PDF: ``pages`` (:class:`Page`, each loaded when first used: pdfium parses a
    page's content when it loads it); a context manager. ``descents``: the font
    descriptors' descents by font name, as the PDF writes them (pdfium keeps them in whole
    thousandths of an em); they may be added to until a page is read."""

    def __init__(self, path: Path, descents: dict[str, float] | None = None) -> None:
        self.pdf = pdfium.PdfDocument(str(path))
        self.descents = {} if descents is None else descents
        self.pages = [Page(self, i) for i in range(len(self.pdf))]

    def __enter__(self) -> Document:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        for page in self.pages:
            page.close()
        self.pdf.close()

    def descent(self, name: str) -> float | None:
        """The descent (in font sizes) of the fonts named ``name``, subset tag aside, where
        their descriptors agree."""
        found = {-abs(d) / 1000 for n, d in self.descents.items() if _untagged(n) == name}
        return found.pop() if len(found) == 1 else None


class Page:
    """One page, with the attributes of a pdfplumber page that the layout code reads."""

    _GEOMETRY = frozenset(
        {"page", "width", "height", "mediabox", "bbox", "rotation", "ctm", "initial_doctop"}
    )

    def __init__(self, document: Document, index: int) -> None:
        self.document = document
        self.index = index
        self.page_number = index + 1
        self._chars: list[dict] | None = None
        self._widths: dict[int, _Widths] = {}  # by font
        self._graphics: dict | None = None

    def __getattr__(self, name: str):
        if name not in Page._GEOMETRY:
            raise AttributeError(name)
        self._load()
        return self.__dict__[name]

    def _load(self) -> None:
        self.page = self.document.pdf[self.index]
        earlier = self.document.pages[self.index - 1] if self.index else None
        self.initial_doctop = earlier.initial_doctop + earlier.height if earlier else 0.0
        left, bottom, right, top = self.page.get_mediabox()
        x0, x1 = sorted((left, right))
        y0, y1 = sorted((bottom, top))
        self.rotation = (c.FPDFPage_GetRotation(self.page.raw) * 90) % 360
        self.ctm = _page_ctm(self.rotation, (x0, y0, x1, y1))
        # pdfplumber's media box: normalised for the rotation, then flipped to top-down
        w, h = x1 - x0, y1 - y0
        if self.rotation in (90, 270):
            nx0, ny0, nx1, ny1 = y0, x0, y1, x1
            w, h = h, w
        else:
            nx0, ny0, nx1, ny1 = x0, y0, x1, y1
        self.mediabox = (nx0, h - ny1, nx1, h - ny0)
        self.bbox = self.mediabox
        self.width, self.height = w, h

    def close(self) -> None:
        if "page" in self.__dict__:
            self.page.close()

    # --- coordinates ------------------------------------------------------------------------

    def _box(self, pts: list[tuple[float, float]]) -> dict:
        """pdfplumber's x0/x1/top/bottom (and y0/y1) of points in PDF user space."""
        dev = [_apply(self.ctm, x, y) for x, y in pts]
        return self._rect(dev)

    def _rect(self, dev: list[tuple[float, float]]) -> dict:
        xs = [p[0] for p in dev]
        ys = [p[1] for p in dev]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        mx, mtop = self.mediabox[0], self.mediabox[1]
        top = self.height - y1 + mtop
        bottom = self.height - y0 + mtop
        return {
            "x0": x0 + mx,
            "y0": y0,
            "x1": x1 + mx,
            "y1": y1,
            "width": x1 - x0,
            "height": y1 - y0,
            "top": top,
            "bottom": bottom,
            "doctop": self.initial_doctop + top,
        }

    # --- characters -------------------------------------------------------------------------

    @property
    def chars(self) -> list[dict]:
        if self._chars is None:
            self._chars = self._read_chars()
        return self._chars

    def _read_chars(self) -> list[dict]:
        text = c.FPDFText_LoadPage(self.page.raw)
        try:
            return self._glyph_chars(ctypes.cast(text, ctypes.c_void_p))
        finally:
            c.FPDFText_ClosePage(text)

    def _glyph_chars(self, text: ctypes.c_void_p) -> list[dict]:
        """pdfminer's ``LTChar`` for each glyph drawn, in content-stream order: its box from
        the glyph's origin (pdfium's includes the text rise), the advance along the baseline,
        from the font's descent up one font size, through the text matrix.

        Characters pdfium generates (the spaces and line breaks it infers) are left out; a
        line-end hyphen, which pdfium reports as U+0002, is a hyphen again; the characters
        pdfium spells one glyph as (a ligature's letters, each at the glyph's origin) are one
        character again."""
        x, y = ctypes.c_double(), ctypes.c_double()
        px, py = ctypes.pointer(x), ctypes.pointer(y)
        objects: dict[int, _TextObject] = {}
        out: list[dict] = []
        place: list[int] = []  # each char's text object
        last, spelled = (0, 0.0, 0.0), ""  # the last glyph's text object, origin, letters
        # upright text on an unrotated page (nearly all): :meth:`_char`'s box, inlined
        left = self.ctm[4] + self.mediabox[0]
        down = self.height - self.ctm[5] + self.mediabox[1]
        doctop = self.initial_doctop
        for i in range(_count(text)):
            ch = chr(_unicode(text, i))
            if ch in _MAYBE_GENERATED:
                if _generated(text, i) == 1:
                    continue
                if ch == "\x02" and _hyphen(text, i):
                    ch = "-"
            obj = _object(text, i)
            if not obj:
                continue
            _origin(text, i, px, py)
            ox, oy = round(x.value, F32_DIGITS), round(y.value, F32_DIGITS)
            if (obj, ox, oy) == last and out:
                spelled += ch
                glyph = _LIGATURES.get(spelled, spelled)
                out[-1] = self._char(text, i, objects[obj], glyph, ox, oy)
                continue
            last, spelled = (obj, ox, oy), ch
            info = objects.get(obj)
            if info is None:
                info = objects[obj] = self._text_object(text, i, obj)
            place.append(obj)
            em = info.widths[ch]
            if not info.fast or em <= 0:
                out.append(self._char(text, i, info, ch, ox, oy))
                continue
            x0 = ox + left
            top = down - oy - info.above
            out.append(
                {
                    "text": ch,
                    "x0": x0,
                    "x1": x0 + info.a * em * info.size,
                    "top": top,
                    "bottom": top + info.height,
                    "doctop": doctop + top,
                    "size": info.height,
                    "upright": True,
                    "object_type": "char",
                }
            )
        # pdfium reorders the text objects of a rotated page: back to the content stream's
        # order (pdfminer's), in which a later reading-order step may trust
        order = self._objects["text"]
        keys = [order.get(obj, -1) for obj in place]
        if any(a > b for a, b in zip(keys, keys[1:], strict=False)):
            out = [ch for _, ch in sorted(zip(keys, out, strict=True), key=lambda kc: kc[0])]
        return out

    def _text_object(self, text: ctypes.c_void_p, i: int, obj: int) -> _TextObject:
        m = c.FS_MATRIX()
        _matrix(text, i, ctypes.pointer(m))
        handle = ctypes.cast(obj, c.FPDF_PAGEOBJECT)
        size = ctypes.c_float()
        c.FPDFTextObj_GetFontSize(handle, size)
        font = c.FPDFTextObj_GetFont(handle)
        name = _font_name(font)
        descent = _standard_descent(name)
        if descent is None:
            descent = self.document.descent(_untagged(name))
        if descent is None:
            value = ctypes.c_float()
            ok = c.FPDFFont_GetDescent(font, ctypes.c_float(1.0), value)
            descent = value.value if ok else 0.0
        key = ctypes.cast(font, ctypes.c_void_p).value or 0
        widths = self._widths.setdefault(key, _Widths(font))
        matrix = tuple(round(v, F32_DIGITS) for v in (m.a, m.b, m.c, m.d))
        return _TextObject(matrix, round(size.value, F32_DIGITS), descent, widths, self.rotation)

    def _char(self, text, i: int, info: _TextObject, glyph: str, x: float, y: float) -> dict:
        """The char of a glyph at (x, y), through any text matrix and page rotation."""
        a, b, c_, d = info.matrix
        size = info.size
        em = info.widths[glyph]
        if em > 0:
            adv = em * size
        else:  # no width for the character: pdfium's loose box spans the advance
            box = c.FS_RECTF()
            _loose(text, i, ctypes.pointer(box))
            adv = (box.right - box.left) / ((a * a + b * b) ** 0.5 or 1.0)
        lo = info.descent * size
        corners = [
            (x + a * dx + c_ * dy, y + b * dx + d * dy)
            for dx in (0.0, adv)
            for dy in (lo, lo + size)
        ]
        ca, cb, cc, cd, _, _ = _mult((a, b, c_, d, 0.0, 0.0), self.ctm)
        char = self._box(corners)
        upright = ca * cd > 0 and cb * cc <= 0
        char.update(text=glyph, size=char["height"], upright=upright, object_type="char")
        return char

    # --- graphics ---------------------------------------------------------------------------

    def _read_graphics(self) -> dict[str, list[dict]]:
        """The page's lines, rectangles, curves and images, and (``text``) the position of
        each text object in the content stream."""
        out: dict = {"line": [], "rect": [], "curve": [], "image": [], "text": {}}
        raw = self.page.raw
        for i in range(c.FPDFPage_CountObjects(raw)):  # in device space, as pdfminer
            self._walk(c.FPDFPage_GetObject(raw, i), self.ctm, out)
        return out

    def _walk(self, obj, outer: Matrix, out: dict) -> None:
        kind = c.FPDFPageObj_GetType(obj)
        if kind == c.FPDF_PAGEOBJ_TEXT:
            out["text"][ctypes.cast(obj, ctypes.c_void_p).value] = len(out["text"])
            return
        if kind not in (c.FPDF_PAGEOBJ_FORM, c.FPDF_PAGEOBJ_PATH, c.FPDF_PAGEOBJ_IMAGE):
            return
        fm = c.FS_MATRIX()
        c.FPDFPageObj_GetMatrix(obj, fm)
        own = (fm.a, fm.b, fm.c, fm.d, fm.e, fm.f)
        m = _mult(tuple(round(v, F32_DIGITS) for v in own), outer)
        if kind == c.FPDF_PAGEOBJ_FORM:
            for j in range(c.FPDFFormObj_CountObjects(obj)):
                self._walk(c.FPDFFormObj_GetObject(obj, j), m, out)
        elif kind == c.FPDF_PAGEOBJ_IMAGE:
            corners = [_apply(m, x, y) for x in (0.0, 1.0) for y in (0.0, 1.0)]
            out["image"].append({**self._rect(corners), "object_type": "image"})
        else:
            for sub in _subpaths(obj, m):
                self._paint(sub, out)

    def _paint(self, path: list[tuple[str, float, float]], out: dict[str, list[dict]]) -> None:
        """One subpath as pdfminer's ``paint_path`` classifies it."""
        shape = "".join(op for op, _, _ in path)
        pts = [(x, y) for _, x, y in path]
        if len(shape) > 3 and shape[-2:] == "lh" and pts[-2] == pts[0]:
            shape = shape[:-2] + "h"
            pts.pop()
        if shape in {"mlh", "ml"}:
            kind, pts = "line", pts[:2]
        elif shape in {"mlllh", "mllll"}:
            (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
            square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (
                y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0
            )
            kind = "rect" if pts[0] == pts[4] and square else "curve"
            if kind == "rect":  # LTRect's corners, from its first and third points
                (x0, y0), (x1, y1) = pts[0], pts[2]
                pts = [(x0, y0), (x1, y0), (x1, y1), (x0, y1)]
        else:
            kind = "curve"
        obj = {**self._rect(pts), "object_type": kind}
        mx, mtop = self.mediabox[0], self.mediabox[1]
        obj["pts"] = [(x + mx, mtop + self.height - y) for x, y in pts]
        out[kind].append(obj)

    @property
    def _objects(self) -> dict:
        if self._graphics is None:
            self._graphics = self._read_graphics()
        return self._graphics

    @property
    def lines(self) -> list[dict]:
        return self._objects["line"]

    @property
    def rects(self) -> list[dict]:
        return self._objects["rect"]

    @property
    def curves(self) -> list[dict]:
        return self._objects["curve"]

    @property
    def images(self) -> list[dict]:
        return self._objects["image"]

    @property
    def edges(self) -> list[dict]:
        from pdfplumber.utils import curve_to_edges, line_to_edge, rect_to_edges

        out = [line_to_edge(ln) for ln in self.lines]
        for r in self.rects:
            out.extend(rect_to_edges(r))
        for cv in self.curves:
            out.extend(curve_to_edges(cv))
        return out

    def find_tables(self) -> list:
        """pdfplumber's ruled tables (default settings: the lines strategy) on these objects."""
        from pdfplumber.table import TableFinder, TableSettings

        return TableFinder(self, TableSettings.resolve(None)).tables


def _subpaths(obj, m: Matrix) -> Iterator[list[tuple[str, float, float]]]:
    """The path object's subpaths through ``m`` (to device space), as pdfminer records them:
    ``m`` and ``l`` with their point, a Bézier as ``c`` with its end point, a close as ``h``
    at the subpath's start."""
    x, y = ctypes.c_float(), ctypes.c_float()
    sub: list[tuple[str, float, float]] = []
    bezier = 0
    for k in range(c.FPDFPath_CountSegments(obj)):
        seg = c.FPDFPath_GetPathSegment(obj, k)
        c.FPDFPathSegment_GetPoint(seg, x, y)
        px, py = _apply(m, round(x.value, F32_DIGITS), round(y.value, F32_DIGITS))
        kind = c.FPDFPathSegment_GetType(seg)
        if kind == c.FPDF_SEGMENT_MOVETO:
            if sub:
                yield sub
            sub = [("m", px, py)]
            bezier = 0
        elif kind == c.FPDF_SEGMENT_BEZIERTO:
            bezier += 1
            if bezier == 3:  # control, control, end point
                sub.append(("c", px, py))
                bezier = 0
        else:
            sub.append(("l", px, py))
        if c.FPDFPathSegment_GetClose(seg) and sub:
            sub.append(("h", sub[0][1], sub[0][2]))
    if sub:
        yield sub


# --- glyphs ---------------------------------------------------------------------------------
# pdfium's text functions called directly (one ctypes call per glyph and value; the
# pypdfium2 wrappers cost more than the call itself)


def _font_name(font) -> str:
    buf = ctypes.create_string_buffer(256)
    n = c.FPDFFont_GetBaseFontName(font, buf, len(buf))
    return buf.value.decode("latin-1") if 0 < n <= len(buf) else ""


def _untagged(name: str) -> str:
    """A font name without its subset tag (``ABCDEF+``)."""
    return name[7:] if len(name) > 7 and name[6] == "+" and name[:6].isupper() else name


def _standard_descent(name: str) -> float | None:
    """pdfminer's descent (in font sizes) for a font of the standard 14 by name, which it
    takes from Adobe's metrics whatever the PDF says; pdfium draws these with fonts of its
    own and their descents. Symbol and ZapfDingbats have none in those metrics: pdfminer
    takes 0 (a PDF setting "±" or "≥" in Symbol could not be read)."""
    from pdfminer.fontmetrics import FONT_METRICS

    metrics = FONT_METRICS.get(name)
    return -abs(metrics[0].get("Descent", 0)) / 1000 if metrics else None


def _fn(name: str, restype, *argtypes):
    address = ctypes.cast(getattr(c, name), ctypes.c_void_p).value
    return ctypes.CFUNCTYPE(restype, *argtypes)(address)


_P = ctypes.c_void_p
_D = ctypes.POINTER(ctypes.c_double)
_count = _fn("FPDFText_CountChars", ctypes.c_int, _P)
_unicode = _fn("FPDFText_GetUnicode", ctypes.c_uint, _P, ctypes.c_int)
_origin = _fn("FPDFText_GetCharOrigin", ctypes.c_int, _P, ctypes.c_int, _D, _D)
_object = _fn("FPDFText_GetTextObject", _P, _P, ctypes.c_int)
_generated = _fn("FPDFText_IsGenerated", ctypes.c_int, _P, ctypes.c_int)
_hyphen = _fn("FPDFText_IsHyphen", ctypes.c_int, _P, ctypes.c_int)
_matrix = _fn("FPDFText_GetMatrix", ctypes.c_int, _P, ctypes.c_int, ctypes.POINTER(c.FS_MATRIX))
_loose = _fn("FPDFText_GetLooseCharBox", ctypes.c_int, _P, ctypes.c_int, ctypes.POINTER(c.FS_RECTF))

# pdfium spells a ligature's character (U+FB00..U+FB06) as its letters, each at the glyph's
# origin; pdfminer keeps the character the PDF maps the glyph to
_LIGATURES = {
    "ff": "\ufb00",
    "fi": "\ufb01",
    "fl": "\ufb02",
    "ffi": "\ufb03",
    "ffl": "\ufb04",
    "st": "\ufb06",
}
_MAYBE_GENERATED = {"\r", "\n", " ", "\x02"}
