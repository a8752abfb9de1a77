"""Render a text file into a multi-page PDF with a real text layer (reportlab + DejaVu).

Used by the tests to exercise the PDF route of ingestion on the real papers: ``render_pdf``
draws the text line by line on one column; ``render_journal_pdf`` (from
:mod:`litmeta.pdf.render`) typesets it as a journal article.
"""

from __future__ import annotations

import textwrap
import zlib
from pathlib import Path

import matplotlib
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from litmeta.pdf.render import JournalLayout, render_journal_pdf

__all__ = ["JournalLayout", "render_journal_pdf", "render_pdf"]

FONT = "DejaVuSans"
_FONT_FILE = Path(matplotlib.get_data_path()) / "fonts" / "ttf" / "DejaVuSans.ttf"


def render_pdf(text: str, out: Path, size: float = 7.0, width_chars: int = 150) -> int:
    """Write ``text`` to ``out``; long lines wrap at spaces. Returns the number of pages."""
    if FONT not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(FONT, str(_FONT_FILE)))
    page_w, page_h = landscape(A4)
    c = canvas.Canvas(str(out), pagesize=(page_w, page_h), invariant=1)
    c.setFont(FONT, size)
    y = page_h - 30
    pages = 1
    for line in text.split("\n"):
        for piece in textwrap.wrap(line.replace("\t", "    "), width_chars) or [""]:
            if y < 30:
                c.showPage()
                c.setFont(FONT, size)
                y = page_h - 30
                pages += 1
            c.drawString(30, y, piece)
            y -= size * 1.3
    c.save()
    return pages


def bomb_pdf(path: Path, inflated_mb: int) -> None:
    """A one-page PDF whose content stream is a line of text and then ``inflated_mb`` MB of
    spaces, deflated to a few hundred KB."""
    comp = zlib.compressobj(9)
    body = comp.compress(b"BT /F1 12 Tf 72 712 Td (Median PFS was 14 months) Tj ET\n")
    chunk = b" " * (1 << 20)
    for _ in range(inflated_mb):
        body += comp.compress(chunk)
    body += comp.flush()
    objs = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R"
        b" /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d /Filter /FlateDecode >>\nstream\n" % len(body) + body + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, obj in enumerate(objs, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + obj + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objs) + 1)
    for off in offsets:
        out += b"%010d 00000 n \n" % off
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objs) + 1, xref)
    path.write_bytes(bytes(out))
