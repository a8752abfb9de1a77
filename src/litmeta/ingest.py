"""Read a paper (plain text or PDF) into normalised text whose line numbers a reviewer can cite.

``.txt`` files are read as UTF-8; ``.pdf`` files go through pdfplumber page by page (the
pages' text joined by line breaks). Both then pass through :mod:`litmeta.normalise`.
PDF reading is bounded in size and pages so that a hostile or broken file cannot stall a run.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from .encoding import decode_utf8
from .errors import InputError
from .normalise import normalise_text


@dataclass(frozen=True)
class PdfLimits:
    max_bytes: int = 50_000_000
    max_pages: int = 300
    max_seconds: float = 120.0


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


def _cause(exc: Exception) -> str:
    """Name of the underlying pdfminer error (pdfplumber wraps it in PdfminerException)."""
    inner = exc.args[0] if exc.args and isinstance(exc.args[0], Exception) else exc
    return type(inner).__name__


def read_pdf(path: Path, limits: PdfLimits = PdfLimits()) -> str:
    import pdfplumber  # imported here: text papers never pay for it

    size = path.stat().st_size
    if size > limits.max_bytes:
        raise InputError(
            str(path),
            f"PDF is {size} bytes, over the limit of {limits.max_bytes}",
            "raise pdf_limits.max_bytes in config/config.yaml if the file is genuine",
        )
    start = time.monotonic()
    try:
        with pdfplumber.open(path) as pdf:
            if len(pdf.pages) > limits.max_pages:
                raise InputError(
                    str(path),
                    f"PDF has {len(pdf.pages)} pages, over the limit of {limits.max_pages}",
                    "raise pdf_limits.max_pages in config/config.yaml if the file is genuine",
                )
            pages = []
            for number, page in enumerate(pdf.pages, start=1):
                if time.monotonic() - start > limits.max_seconds:
                    raise InputError(
                        f"{path} (page {number})",
                        f"reading the PDF took over {limits.max_seconds:g} s and was stopped",
                        "check the file; raise pdf_limits.max_seconds if it is genuine",
                    )
                pages.append(page.extract_text() or "")
    except InputError:
        raise
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        cause = _cause(exc)
        if "Password" in cause or "Encrypt" in cause:
            raise InputError(
                str(path),
                "the PDF is encrypted (password protected)",
                "save an unencrypted copy of the paper (e.g. `qpdf --decrypt`)",
            ) from None
        raise InputError(
            str(path),
            f"cannot read the PDF ({cause}: {exc})",
            "check that the file is a complete PDF (download it again)",
        ) from None
    text = "\n".join(pages)
    if not text.strip():
        raise InputError(
            str(path),
            "the PDF has no text layer (scanned image?)",
            "run OCR on it first (e.g. `ocrmypdf`) or supply a text rendering",
        )
    return text


def read_paper(
    path: str | Path, limits: PdfLimits = PdfLimits(), max_txt_bytes: int = MAX_TXT_BYTES
) -> str:
    """Return the normalised text of a paper; errors name the file and the fix."""
    path = Path(path)
    if not path.is_file():
        raise InputError(
            str(path),
            "paper file not found",
            "check the `file` column of config/papers.tsv and the papers/ folder",
        )
    suffix = path.suffix.lower()
    if suffix == ".pdf":
        raw = read_pdf(path, limits)
    elif suffix == ".txt":
        raw = read_txt(path, max_txt_bytes)
    else:
        raise InputError(str(path), f"unsupported file type {suffix!r}", "supply a .txt or .pdf")
    text = normalise_text(raw)
    if not text.strip():
        raise InputError(str(path), "the paper is empty", "supply the paper's full text")
    return text if text.endswith("\n") else text + "\n"
