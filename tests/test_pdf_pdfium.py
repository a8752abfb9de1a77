"""The reader's pdfium backend (src/litmeta/pdf/pdfium_page.py) gives what pdfplumber gives.

Page by page, the characters (text and order identical; boxes, sizes and uprightness the
same), lines, rectangles, curves, images and ruled tables of a PDF that exercises the cases
pdfminer handles one way and pdfium another (standard-14 fonts, text rise, horizontal
scaling, rotated and scaled text, a form XObject, a rotated page, a media box not at the
origin); then the reader's whole output (lines, columns, kinds, dropped margin lines) on the
generated journal PDFs of every layout of benchmarks/pdf_read.py.

Tolerances: on the synthetic PDF, 0.001 pt (float rounding: pdfium keeps single precision).
On the journal PDFs the text is identical and boxes agree within ``DRIFT`` points: reportlab
writes glyph widths in fractions of a thousandth of an em, pdfium keeps them in whole
thousandths, so along a text object pdfium's glyph positions fall behind pdfminer's by up to
1/1000 em per glyph (measured: at most 0.5 pt at a line's end, over the five papers in all
thirteen layouts). Publisher PDFs write whole widths, where the two agree as on the
synthetic PDF.
"""

from __future__ import annotations

import contextlib
import io
import sys
from pathlib import Path

import pytest
from conftest import PAPERS, ROOT

from litmeta.normalise import normalise_text
from litmeta.pdf import reader
from litmeta.pdf.pdfium_page import Document
from litmeta.pdf.render import render_journal_pdf

sys.path.insert(0, str(ROOT / "benchmarks"))
from pdf_read import LAYOUTS  # noqa: E402

DRIFT = 1.0  # points; see the module's docstring
EXACT = 0.001


def _synthetic(path: Path, rotate: int = 0, lowered: bool = False) -> None:
    """One page of text and graphics (see the module's docstring); ``rotate``: the page's
    /Rotate; ``lowered``: its media box starts 50 pt below the origin."""
    from PIL import Image
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    c = canvas.Canvas(str(path), pagesize=(612, 792), invariant=1)
    c.setFont("Helvetica", 10)
    c.drawString(72, 700, "Plain text with a rule below it.")
    c.setLineWidth(0.5)
    c.line(72, 690, 300, 690)
    c.rect(72, 600, 200, 60, stroke=1, fill=0)
    c.rect(320, 600, 0.5, 60, stroke=0, fill=1)
    p = c.beginPath()
    p.moveTo(72, 500)
    p.curveTo(100, 560, 150, 560, 200, 500)
    p.lineTo(72, 500)
    c.drawPath(p, stroke=1, fill=0)
    t = c.beginText()
    t.setTextOrigin(72, 450)
    t.setFont("Times-Roman", 12)
    t.textOut("base")
    t.setRise(4)
    t.setFont("Times-Roman", 7)
    t.textOut("12")
    t.setRise(0)
    t.setHorizScale(80)
    t.textOut(" squeezed")
    c.drawText(t)
    c.saveState()
    c.translate(400, 300)
    c.rotate(90)
    c.setFont("Helvetica", 9)
    c.drawString(0, 0, "Rotated table head")
    c.restoreState()
    c.saveState()
    c.translate(100, 200)
    c.scale(1.5, 1.5)
    c.setFont("Helvetica", 8)
    c.drawString(0, 0, "Scaled words")
    c.restoreState()
    c.beginForm("f1")
    c.setFont("Helvetica-Bold", 11)
    c.drawString(10, 10, "Inside a form")
    c.line(10, 5, 150, 5)
    c.endForm()
    c.saveState()
    c.translate(300, 100)
    c.doForm("f1")
    c.restoreState()
    # a ruled grid (pdfplumber's table finder)
    for k in range(4):
        c.line(320, 400 - 15 * k, 520, 400 - 15 * k)
    for x in (320, 420, 520):
        c.line(x, 400, x, 355)
    c.setFont("Helvetica", 8)
    c.drawString(325, 388, "Arm")
    c.drawString(425, 388, "n")
    png = io.BytesIO()
    Image.new("RGB", (20, 20), (200, 0, 0)).save(png, "PNG")
    png.seek(0)
    c.drawImage(ImageReader(png), 400, 600, 50, 40)
    c.showPage()
    c.save()
    if rotate or lowered:
        from pypdf import PdfReader, PdfWriter
        from pypdf.generic import RectangleObject

        writer = PdfWriter()
        for page in PdfReader(str(path)).pages:
            if rotate:
                page.rotate(rotate)
            if lowered:
                page.mediabox = RectangleObject((0, -50, 612, 742))
            writer.add_page(page)
        with open(path, "wb") as fh:
            writer.write(fh)


def _close(a: dict, b: dict, keys, tol: float) -> bool:
    return all(abs(a[k] - b[k]) <= tol for k in keys)


@pytest.mark.parametrize("rotate", [0, 90])
@pytest.mark.parametrize("lowered", [False, True])
def test_pages_give_pdfplumbers_chars_and_graphics(tmp_path, rotate, lowered):
    import pdfplumber

    pdf = tmp_path / "page.pdf"
    _synthetic(pdf, rotate, lowered)
    with pdfplumber.open(pdf) as want_doc, Document(pdf) as got_doc:
        want, got = want_doc.pages[0], got_doc.pages[0]
        assert (got.width, got.height) == (want.width, want.height)
        assert [ch["text"] for ch in got.chars] == [ch["text"] for ch in want.chars]
        box = ("x0", "x1", "top", "bottom", "doctop", "size")
        for a, b in zip(want.chars, got.chars, strict=True):
            assert _close(a, b, box, EXACT) and a["upright"] == b["upright"], (a, b)
        for kind in ("lines", "rects", "curves", "images"):
            objs = list(zip(getattr(want, kind), getattr(got, kind), strict=True))
            assert objs, kind  # the page draws each kind
            for a, b in objs:
                assert _close(a, b, ("x0", "x1", "top", "bottom"), EXACT), (kind, a, b)
                for p, q in zip(a.get("pts", []), b.get("pts", []), strict=True):
                    assert abs(p[0] - q[0]) <= EXACT and abs(p[1] - q[1]) <= EXACT
        tables = [t.bbox for t in want.find_tables()]
        assert tables  # the ruled grid
        got_tables = [t.bbox for t in got.find_tables()]
        assert len(got_tables) == len(tables)
        for a, b in zip(tables, got_tables, strict=True):
            assert all(abs(p - q) <= EXACT for p, q in zip(a, b, strict=True))


def test_ligatures_line_end_hyphens_and_generated_spaces(tmp_path):
    """pdfium spells a ligature glyph as its letters, reports a line-end hyphen as U+0002
    and adds spaces and line breaks of its own: the pages give the PDF's glyphs, as
    pdfplumber does, on a journal PDF full of all three."""
    import pdfplumber

    pdf = tmp_path / "paper.pdf"
    text = normalise_text((ROOT / "papers" / PAPERS["zandee2021"]).read_text("utf-8"))
    render_journal_pdf(text, pdf)
    with pdfplumber.open(pdf) as want_doc, Document(pdf) as got_doc:
        for want, got in zip(want_doc.pages, got_doc.pages, strict=True):
            assert [c["text"] for c in got.chars] == [c["text"] for c in want.chars]
        glyphs = "".join(c["text"] for p in got_doc.pages for c in p.chars)
    assert "\ufb01" in glyphs and "\x02" not in glyphs
    assert any(ln.text.endswith("-") for ln in _read(pdf)[0])  # hyphenated line ends


def _read(pdf: Path, open_pdf=None):
    with contextlib.redirect_stderr(io.StringIO()):  # the "page N" progress
        return reader.extract(pdf, 200, open_pdf)


def _same_output(pdf: Path) -> None:
    import pdfplumber

    want, want_dropped = _read(pdf, pdfplumber.open)
    got, got_dropped = _read(pdf)
    assert [(ln.text, ln.page, ln.column, ln.kind) for ln in got] == [
        (ln.text, ln.page, ln.column, ln.kind) for ln in want
    ]
    for a, b in zip(want, got, strict=True):
        assert _close(vars(a), vars(b), ("x0", "top", "x1", "bottom"), DRIFT), (a, b)
    assert [(d.page, d.text, d.kind) for d in got_dropped] == [
        (d.page, d.text, d.kind) for d in want_dropped
    ]
    for a, b in zip(want_dropped, got_dropped, strict=True):
        assert all(abs(p - q) <= DRIFT for p, q in zip(a.box, b.box, strict=True))


#: pdfplumber reads a journal PDF in about two seconds: all layouts are end-to-end; the fast
#: loop reads the one with every layout class at once
SWEEP = [
    pytest.param(name, marks=[] if name == "everything" else pytest.mark.e2e) for name in LAYOUTS
]


@pytest.mark.parametrize("layout_name", SWEEP)
def test_reader_output_is_the_same_with_pdfplumber(tmp_path, layout_name):
    pdf = tmp_path / "paper.pdf"
    text = normalise_text((ROOT / "papers" / PAPERS["zandee2021"]).read_text("utf-8"))
    render_journal_pdf(text, pdf, LAYOUTS[layout_name])
    _same_output(pdf)


def test_text_in_the_symbol_font_is_read(tmp_path):
    """Symbol and ZapfDingbats, of the standard 14 fonts, have no descent in pdfminer's
    metrics: a page setting "±" or "≥" in Symbol (older typesetters do) could not be
    read ("cannot read the PDF (KeyError: 'Descent')"). pdfminer takes 0, and so does
    pdfium's page now. (pdfplumber is not compared here: pdfminer decodes reportlab's
    Symbol "±" as "–".)"""
    from reportlab.lib.pagesizes import A4
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "symbol.pdf"
    c = canvas.Canvas(str(pdf), pagesize=A4, invariant=1)
    for k in range(1, 6):
        c.setFont("Helvetica", 10)
        c.drawString(60, 760 - 14 * k, f"Line {k}: median 11.21")
        c.setFont("Symbol", 10)
        c.drawString(160, 760 - 14 * k, "\u00b1")
        c.setFont("Helvetica", 10)
        c.drawString(170, 760 - 14 * k, "0.74 months")
    c.save()
    got, _ = _read(pdf)
    assert [ln.text for ln in got] == [f"Line {k}: median 11.21 ± 0.74 months" for k in range(1, 6)]
