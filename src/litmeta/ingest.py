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


def read_txt(path: Path) -> str:
    data = path.read_bytes()
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(
            f"{path}:{line}",
            f"not UTF-8 text (byte 0x{data[exc.start]:02x} at offset {exc.start})",
            "re-save the paper as UTF-8 (e.g. `iconv -f latin1 -t utf-8`)",
        ) from None


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
    lines, dropped = read_layout(path, limits.max_pages, limits.max_seconds)
    text = "\n".join(line.text for line in lines)
    if not text.strip():
        raise InputError(
            str(path),
            "the PDF has no text layer (scanned image?)",
            "run OCR on it first (e.g. `ocrmypdf`) or supply a text rendering",
        )
    return PdfText(text, lines, dropped)


def read_paper(path: str | Path, limits: PdfLimits = PdfLimits()) -> str:
    """Return the normalised text of a paper; errors name the file and the fix."""
    return read_paper_layout(path, limits)[0]


def read_paper_layout(
    path: str | Path, limits: PdfLimits = PdfLimits()
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
        raw = read_txt(path)
    else:
        raise InputError(str(path), f"unsupported file type {suffix!r}", "supply a .txt or .pdf")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(str(path), "the paper is empty", "supply the paper's full text")
    return (text if text.endswith("\n") else text + "\n"), layout
