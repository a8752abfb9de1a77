"""Render a text file into a multi-page PDF with a real text layer (reportlab + DejaVu).

Used by the tests to exercise the PDF route of ingestion on the real papers: ``render_pdf``
draws the text line by line on one column; ``render_journal_pdf`` (from
:mod:`litmeta.pdf.render`) typesets it as a journal article.
"""

from __future__ import annotations

import textwrap
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
