"""Read a paper (plain text or PDF) into normalised text whose line numbers a reviewer can cite.

``.txt`` files are read as UTF-8; ``.pdf`` files are read in reading order by
:mod:`litmeta.pdf` (columns, full-width blocks, tables as tab-separated rows, running heads
dropped). Both then pass through :mod:`litmeta.normalise`. PDF reading is bounded in size,
pages and time (checked while a page is being read) so that a hostile or broken file cannot
stall a run.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .encoding import decode_utf8
from .errors import InputError
from .normalise import normalise_text


@dataclass(frozen=True)
class PdfText:
    text: str
    lines: list  # litmeta.pdf.layout.Line, one per line of text
    dropped: list  # litmeta.pdf.margins.Dropped: running heads, feet, page numbers


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 50_000_000
    max_pages: int = 300
    max_seconds: float = 120.0
    max_memory_mb: int = 2048  # the reading child's address space (RLIMIT_AS)
    max_stream_mb: int = 256  # one decompressed stream of the PDF


MAX_TXT_BYTES = 20_000_000


def read_txt(path: Path, max_bytes: int = MAX_TXT_BYTES) -> str:
    """A .txt paper as text: bounded in size, UTF-8 (a byte-order mark dropped), NFC."""
    size = path.stat().st_size
    if size > max_bytes:
        raise InputError(
            str(path),
            f"text paper is {size} bytes, over the limit of {max_bytes}",
            "raise input_limits.max_txt_bytes in config/config.yaml if the file is genuine",
        )
    return decode_utf8(path.read_bytes(), str(path), "paper")


def read_pdf(path: Path, limits: PdfLimits = PdfLimits()) -> PdfText:
    """Text of a PDF in reading order (see :mod:`litmeta.pdf`), with where each line stands."""
    from .pdf.reader import read_layout

    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError(
            str(path),
            f"PDF is {size} bytes, over the limit of {limits.max_bytes}",
            "raise pdf_limits.max_bytes in config/config.yaml if the file is genuine",
        )
    lines, dropped = read_layout(
        path, limits.max_pages, limits.max_seconds, limits.max_memory_mb, limits.max_stream_mb
    )
    text = "\n".join(line.text for line in lines)
    if not text.strip():
        raise InputError(
            str(path),
            "the PDF has no text layer (scanned image?)",
            "run OCR on it first (e.g. `ocrmypdf`) or supply a text rendering",
        )
    return PdfText(text, lines, dropped)


def read_paper(
    path: str | Path, limits: PdfLimits = PdfLimits(), max_txt_bytes: int = MAX_TXT_BYTES
) -> str:
    """Return the normalised text of a paper; errors name the file and the fix."""
    return read_paper_layout(path, limits, max_txt_bytes)[0]


def read_paper_layout(
    path: str | Path, limits: PdfLimits = PdfLimits(), max_txt_bytes: int = MAX_TXT_BYTES
) -> tuple[str, PdfText | None]:
    """Normalised text of a paper, and for a PDF where each of its lines was printed."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            str(path),
            "paper file not found",
            "check the `file` column of config/papers.tsv and the papers/ folder",
        )
    suffix = path.suffix.lower()
    layout = None
    if suffix == ".pdf":
        layout = read_pdf(path, limits)
        raw = layout.text
    elif suffix == ".txt":
        raw = read_txt(path, max_txt_bytes)
    else:
        raise InputError(str(path), f"unsupported file type {suffix!r}", "supply a .txt or .pdf")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(str(path), "the paper is empty", "supply the paper's full text")
    return (text if text.endswith("\n") else text + "\n"), layout


def own_texts(sheet_rows: list[dict[str, str]], papers: list[str]) -> dict[str, str | None]:
    """Each sheet paper's own text, read from its file among ``papers`` (a PDF or a paper
    not among them: None, its characters are not at hand), against which quotes are marked
    normalised (:func:`litmeta.textindex.mark_normalised`)."""
    by_name = {Path(p).name: Path(p) for p in papers}
    out: dict[str, str | None] = {}
    for row in sheet_rows:
        path = by_name.get(Path(row["file"]).name)
        out[row["paper_id"]] = (
            None if path is None or path.suffix.lower() == ".pdf" else read_txt(path)
        )
    return out


def cited_files(sheet_rows: list[dict[str, str]], papers: list[str]) -> dict[str, str]:
    """Each sheet paper's file as the outputs cite it: its path among ``papers`` (the rule's
    inputs, ``<papers_dir>/<file>``)."""
    by_name = {Path(p).name: p for p in papers}
    return {
        r["paper_id"]: by_name[Path(r["file"]).name]
        for r in sheet_rows
        if Path(r["file"]).name in by_name
    }
