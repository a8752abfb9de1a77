"""The paper sheet (config/papers.tsv): one row per paper, verified against the files.

The sheet's columns are validated against ``workflow/schemas/papers.schema.yaml`` by the
Snakefile; this module adds the checks a schema cannot do: the file exists inside the
project's papers folder and its sha256 matches the sheet.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from pathlib import Path

from .encoding import decode_utf8
from .errors import InputError

COLUMNS = (
    "paper_id",
    "file",
    "sha256",
    "citation",
    "year",
    "doi",
    "licence",
    "design",
    "source",  # full_text | abstract (PROTOCOL Amendment 1)
)


@dataclass(frozen=True)
class Paper:
    paper_id: str
    file: str
    sha256: str
    citation: str
    year: str
    doi: str
    licence: str
    design: str
    source: str


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _shown(header: list[str]) -> list[str]:
    """The header as named in an error: a few short names, never a whole foreign line."""
    return [name[:30] for name in header[: len(COLUMNS) + 1]]


def read_sheet(sheet: str | Path) -> list[dict[str, str]]:
    """The sheet's rows as dicts. Strict TSV: one paper per line, fields separated by single
    tabs, no quoting (a double quote in a field is an error naming the line, never a field
    that swallows the next row), at least one paper."""
    sheet = Path(sheet)
    if not sheet.is_file():
        raise InputError(
            str(sheet), "paper sheet not found", "create it (see README: adding a paper)"
        )
    text = decode_utf8(sheet.read_bytes(), str(sheet), "sheet")
    lines = [line.removesuffix("\r") for line in text.split("\n")]
    header = lines[0].split("\t")
    if tuple(header) != COLUMNS:
        raise InputError(
            f"{sheet}:1",
            f"columns are {_shown(header)}, expected {list(COLUMNS)}",
            "use exactly these tab-separated column names, in this order",
        )
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        if not line.strip():
            continue
        cells = line.split("\t")
        if len(cells) != len(COLUMNS):
            raise InputError(
                f"{sheet}:{number}",
                f"{len(cells)} tab-separated fields, expected {len(COLUMNS)}",
                "one paper per line, fields separated by single tabs (no tab inside a field)",
            )
        for name, cell in zip(COLUMNS, cells, strict=True):
            if '"' in cell:
                raise InputError(
                    f"{sheet}:{number} (field {name})",
                    "a double quote in a field",
                    "the sheet is plain TSV without quoting: remove the quote or use ' instead",
                )
        rows.append(dict(zip(COLUMNS, cells, strict=True)))
    if not rows:
        raise InputError(
            str(sheet),
            "the sheet lists no papers (only its header)",
            "add one row per paper (see README: adding a paper)",
        )
    return rows


def resolve_inside(base: Path, name: str, where: str) -> Path:
    """Resolve ``name`` under ``base`` and refuse anything that escapes it."""
    candidate = (base / name).resolve()
    if base.resolve() not in candidate.parents:
        raise InputError(
            where, f"path {name!r} points outside {base}/", f"give a file name inside {base}/"
        )
    return candidate


def verify_papers(rows: list[dict[str, str]], papers_dir: str | Path, sheet: str) -> list[Paper]:
    """Check ids are unique, files exist inside ``papers_dir`` and checksums match."""
    papers_dir = Path(papers_dir)
    seen: set[str] = set()
    papers = []
    for i, row in enumerate(rows, start=2):
        where = f"{sheet}:{i}"
        pid = row["paper_id"]
        if pid in seen:
            raise InputError(where, f"paper_id {pid!r} appears twice", "give each paper its own id")
        seen.add(pid)
        path = resolve_inside(papers_dir, row["file"], f"{where} (field file)")
        if not path.is_file():
            raise InputError(
                f"{where} (field file)",
                f"paper file {papers_dir / row['file']} is missing",
                "copy the paper into papers/ or correct the file name",
            )
        actual = sha256_of(path)
        if actual != row["sha256"]:
            raise InputError(
                f"{where} (field sha256)",
                f"checksum mismatch for {papers_dir / row['file']}: sheet says {row['sha256']}, "
                f"file is {actual}",
                "if the paper was replaced on purpose, update the sha256 in the sheet "
                "(`sha256sum papers/FILE`); otherwise restore the original file",
            )
        papers.append(Paper(**{k: row.get(k, "") or "" for k in COLUMNS}))
    return papers
