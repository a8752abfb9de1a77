"""Read a PDF into lines in reading order, in a child process bounded in time and memory.

:func:`read_layout` starts ``python -m litmeta.pdf.reader`` and waits at most
``max_seconds``; a page that takes too long (say 600 000 text objects) is stopped in the
middle of its extraction, not after it. The child also arms an alarm of its own, so it
never outlives the limit even if its parent is killed. Its address space is capped at
``max_memory_mb`` (``RLIMIT_AS``: an allocation beyond it fails in the child, never in the
pipeline), and each stream it decompresses at ``max_stream_mb`` (a "zip bomb" of a few KB
that inflates to gigabytes stops at the cap, before it is held in memory). The child
prints one JSON object: the lines and dropped lines, or the user error it met.

In the child, pdfminer.six parses the file first (:class:`Streams`: page count, the
stream cap, the messages for broken and encrypted files), then pdfium (pypdfium2, a C
library: :mod:`.pdfium_page`) reads the pages' glyphs and graphics, four times faster than
pdfminer interpreting them in Python, in the form pdfplumber gave them: the reader's lines
are the same either way (tests/test_pdf_pdfium.py). pdfium's memory counts against
``max_memory_mb`` and its time against ``max_seconds`` like any other in the child.
"""

from __future__ import annotations

import json
import re
import signal
import subprocess
import sys
import zlib
from dataclasses import asdict
from pathlib import Path

from ..errors import InputError
from .asides import body_size, page_lines
from .continued import drop_repeated_headers
from .floats import read_through
from .layout import Line, page_words
from .margins import Dropped, margin_lines, rotated_margin, turned

MB = 1024 * 1024


class StreamTooLarge(Exception):
    """A stream of the PDF decompresses to more than the cap."""


class _BoundedZlib:
    """``zlib`` as pdfminer uses it, with every decompressed stream capped at ``cap`` bytes
    (checked while inflating, so a bomb never reaches its full size)."""

    error = zlib.error

    def __init__(self, cap: int) -> None:
        self.cap = cap

    def _check(self, size: int) -> None:
        if size > self.cap:
            raise StreamTooLarge(f"a stream that decompresses to over {self.cap // MB} MB")

    def decompress(self, data: bytes) -> bytes:
        probe = zlib.decompressobj()
        self._check(len(probe.decompress(data, self.cap + 1)))
        return zlib.decompress(data)  # within the cap: exactly what pdfminer would get

    def decompressobj(self, *args: object) -> object:
        return _BoundedInflater(zlib.decompressobj(*args), self)


class _BoundedInflater:
    def __init__(self, inner: object, owner: _BoundedZlib) -> None:
        self.inner, self.owner, self.total = inner, owner, 0

    def decompress(self, data: bytes, max_length: int = 0) -> bytes:
        out = self.inner.decompress(data, max_length or self.owner.cap + 1 - self.total)
        self.total += len(out)
        self.owner._check(self.total)
        return out

    def __getattr__(self, name: str) -> object:
        return getattr(self.inner, name)


def cap_streams(max_stream_mb: int) -> None:
    """Every stream pdfminer decompresses (in this process) is capped at ``max_stream_mb``."""
    from pdfminer import pdftypes

    pdftypes.zlib = _BoundedZlib(max_stream_mb * MB)


def _inner(exc: BaseException) -> BaseException:
    """The underlying pdfminer error (pdfplumber wraps it in PdfminerException)."""
    return exc.args[0] if exc.args and isinstance(exc.args[0], BaseException) else exc


def _cause(exc: Exception) -> str:
    """Name of the underlying pdfminer error."""
    return type(_inner(exc)).__name__


def _too_large(path: Path, what: str, key: str) -> InputError:
    return InputError(
        str(path),
        f"reading the PDF {what} and was stopped",
        f"check the file; raise pdf_limits.{key} in config/config.yaml if it is genuine",
    )


class Streams:
    """pdfminer's view of the PDF, opened before pdfium reads it: the page count checked
    against ``max_pages``, and (:meth:`check`) every stream a page is drawn from inflated (and
    let go) under the cap :func:`main` sets. A file that is encrypted, broken, too long or a
    decompression bomb stops here, with the messages it gave when pdfminer read the pages
    too; pdfium inflates the same streams (contents, forms, fonts) in C, where no cap of
    this process reaches. ``descents``: each font descriptor's descent by font name, as the
    PDF writes it (pdfium rounds it to whole thousandths of an em)."""

    def __init__(self, fp, path: Path, max_pages: int) -> None:
        from pdfminer.pdfdocument import PDFDocument
        from pdfminer.pdfpage import PDFPage
        from pdfminer.pdfparser import PDFParser

        self.pages = list(PDFPage.create_pages(PDFDocument(PDFParser(fp))))
        if len(self.pages) > max_pages:
            raise InputError(
                str(path),
                f"PDF has {len(self.pages)} pages, over the limit of {max_pages}",
                "raise pdf_limits.max_pages in config/config.yaml if the file is genuine",
            )
        self.descents: dict[str, float] = {}
        self.seen: set[int] = set()

    def check(self, number: int) -> None:
        """Inflate the streams page ``number`` (from 1) is drawn from: its contents and
        what its resources reach (fonts and their files, forms and theirs; not images,
        which pdfium does not decode to read text)."""
        from pdfminer.pdftypes import PDFObjRef, PDFStream
        from pdfminer.psparser import LIT

        page = self.pages[number - 1]
        todo = [page.contents, page.resources]
        while todo:
            obj = todo.pop()
            if isinstance(obj, PDFObjRef):
                if obj.objid in self.seen:
                    continue
                self.seen.add(obj.objid)
                try:
                    obj = obj.resolve()
                except (StreamTooLarge, MemoryError):
                    raise
                except Exception:  # noqa: S112 - broken: pdfium copes or fails on its own
                    continue
            if isinstance(obj, PDFStream):
                if obj.get("Subtype") is LIT("Image"):
                    continue
                try:
                    obj.get_data()
                except (StreamTooLarge, MemoryError):
                    raise
                except Exception:  # noqa: S110 - broken: pdfium copes or fails on its own
                    pass
                todo.extend(obj.attrs.values())
            elif isinstance(obj, dict):
                if obj.get("Type") is LIT("FontDescriptor") and "FontName" in obj:
                    name = getattr(obj["FontName"], "name", None)
                    descent = obj.get("Descent", 0)
                    if isinstance(name, str) and isinstance(descent, int | float):
                        self.descents[name] = float(descent)
                todo.extend(v for k, v in obj.items() if k != "Parent")
            elif isinstance(obj, list):
                todo.extend(obj)


def extract(path: Path, max_pages: int, open_pdf=None) -> tuple[list[Line], list[Dropped]]:
    """Lines of the whole PDF in reading order (in this process, no time limit).
    ``open_pdf``: what reads the pages, pdfium (:class:`.pdfium_page.Document`) unless
    given (``pdfplumber.open`` gives the same lines, four times slower)."""
    from .pdfium_page import Document

    try:
        with open(path, "rb") as fp:
            streams = Streams(fp, path, max_pages)
            opened = Document(path, streams.descents) if open_pdf is None else open_pdf(path)
            with opened as pdf:
                pages = list(pdf.pages[: len(streams.pages)])  # a broken page tree: pdfminer's
                words, rotated = [], []
                for number, page in enumerate(pages, start=1):
                    print(f"page {number}", file=sys.stderr, flush=True)
                    streams.check(number)
                    page = pages[number - 1] = turned(page)
                    kept, stamp = rotated_margin(page, page_words(page), number)
                    words.append((kept, float(page.height)))
                    rotated += stamp
                dropped = sorted(margin_lines(words) + rotated, key=lambda d: (d.page, d.box[1]))
                gone = {id(w) for d in dropped for w in d.words}
                size = body_size([[w for w in ws if id(w) not in gone] for ws, _ in words])
                lines: list[Line] = []
                pairs = zip(pages, words, strict=True)
                for number, (page, (ws, _)) in enumerate(pairs, start=1):
                    print(f"page {number}", file=sys.stderr, flush=True)
                    kept = [w for w in ws if id(w) not in gone]
                    lines.extend(page_lines(page, number, kept, size))
    except InputError:
        raise
    except MemoryError:
        raise
    except Exception as exc:  # pdfminer raises many types for broken or encrypted files
        if isinstance(_inner(exc), MemoryError):
            raise MemoryError from None
        if isinstance(_inner(exc), StreamTooLarge):
            raise _too_large(path, f"found {_inner(exc)}", "max_stream_mb") from None
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
    lines, repeated = drop_repeated_headers(lines)
    return read_through(lines), dropped + repeated


def _timeout(path: Path, seconds: float, progress: str) -> InputError:
    pages = re.findall(r"page (\d+)", progress)
    where = f"{path} (page {pages[-1]})" if pages else str(path)
    return InputError(
        where,
        f"reading the PDF took over {seconds:g} s and was stopped",
        "check the file; raise pdf_limits.max_seconds in config/config.yaml if it is genuine",
    )


def read_layout(
    path: Path,
    max_pages: int,
    max_seconds: float,
    max_memory_mb: int = 2048,
    max_stream_mb: int = 256,
) -> tuple[list[Line], list[Dropped]]:
    """Lines of the PDF in reading order, read in a child stopped after ``max_seconds``,
    within ``max_memory_mb`` and with no stream inflating past ``max_stream_mb``."""
    cmd = [sys.executable, "-m", "litmeta.pdf.reader", str(path), str(max_pages)]
    cmd += [repr(max_seconds), str(max_memory_mb), str(max_stream_mb)]
    try:
        done = subprocess.run(cmd, capture_output=True, text=True, timeout=max_seconds)
    except subprocess.TimeoutExpired as exc:
        err = exc.stderr.decode() if isinstance(exc.stderr, bytes) else exc.stderr or ""
        raise _timeout(path, max_seconds, err) from None
    if done.returncode == -signal.SIGALRM:
        raise _timeout(path, max_seconds, done.stderr)
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        if "MemoryError" in done.stderr or "bad_alloc" in done.stderr:
            raise _too_large(path, f"needed over {max_memory_mb} MB", "max_memory_mb") from None
        raise InputError(
            str(path),
            f"reading the PDF failed (exit status {done.returncode})",
            "check that the file is a complete PDF (download it again)",
        ) from None
    if "error" in result:
        raise InputError(*result["error"])
    lines = [Line(**ln) for ln in result["lines"]]
    dropped = [
        Dropped(d["page"], d["text"], d["kind"], tuple(d["box"]), []) for d in result["dropped"]
    ]
    return lines, dropped


def main(argv: list[str]) -> int:
    path, max_pages, max_seconds = Path(argv[0]), int(argv[1]), float(argv[2])
    max_memory_mb, max_stream_mb = (int(a) for a in argv[3:5]) if len(argv) > 3 else (2048, 256)
    # the child's own limits: it never outlives its budget, even as an orphan, and never
    # holds more memory than it is given
    signal.setitimer(signal.ITIMER_REAL, max_seconds + 1.0)
    import resource

    cap = max_memory_mb * MB
    resource.setrlimit(resource.RLIMIT_AS, (cap, cap))
    cap_streams(max_stream_mb)
    try:
        lines, dropped = extract(path, max_pages)
    except InputError as exc:
        print(json.dumps({"error": [exc.where, exc.reason, exc.fix]}))
        return 0
    except MemoryError:
        error = _too_large(path, f"needed over {max_memory_mb} MB", "max_memory_mb")
        print(json.dumps({"error": [error.where, error.reason, error.fix]}))
        return 0
    payload = {
        "lines": [asdict(ln) for ln in lines],
        "dropped": [
            {"page": d.page, "text": d.text, "kind": d.kind, "box": list(d.box)} for d in dropped
        ],
    }
    print(json.dumps(payload))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
