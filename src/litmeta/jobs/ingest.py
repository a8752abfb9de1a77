"""Stage 1 (workflow/rules/ingest.smk): each paper -> extracted/text/<paper_id>.txt."""

from __future__ import annotations


def ingest(
    *,
    paper: str,
    text: str,
    max_bytes: int,
    max_pages: int,
    max_seconds: float,
    max_txt_bytes: int,
    max_memory_mb: int = 2048,
    max_stream_mb: int = 256,
) -> None:
    """A .txt paper: its normalised text, line N = line N of the paper."""
    from ..atomic import write_text
    from ..ingest import PdfLimits, read_paper

    limits = PdfLimits(max_bytes, max_pages, max_seconds, max_memory_mb, max_stream_mb)
    write_text(text, read_paper(paper, limits, max_txt_bytes))


def ingest_pdf(
    *,
    paper: str,
    text: str,
    layout: str,
    max_bytes: int,
    max_pages: int,
    max_seconds: float,
    max_memory_mb: int = 2048,
    max_stream_mb: int = 256,
) -> None:
    """A PDF paper: its text in reading order and the layout sidecar (page, column, box of
    every line; the running heads and page numbers dropped)."""
    from ..atomic import write_text
    from ..errors import InputError
    from ..ingest import PdfLimits, read_paper_layout
    from ..pdf.sidecar import COLUMNS, rows
    from ..tables import write_csv

    limits = PdfLimits(max_bytes, max_pages, max_seconds, max_memory_mb, max_stream_mb)
    normalised, pdf = read_paper_layout(paper, limits)
    if pdf is None:
        raise InputError(paper, "not a PDF", "name a .pdf file in the sheet for this paper")
    write_csv(layout, COLUMNS, rows(pdf.lines, pdf.dropped))
    write_text(text, normalised)
