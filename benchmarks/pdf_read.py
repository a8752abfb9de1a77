"""Score the PDF reader against plain extractors on the generated journal PDFs.

Each of the five papers' texts is typeset (src/litmeta/pdf/render.py) in every layout of
``LAYOUTS`` below and read back by this project's reader, by pdfminer.six's
``extract_text`` (default layout analysis) and, when installed, by pypdf's
``extract_text``; all three are scored by :func:`litmeta.pdf.check.compare` (sentences
intact and in order, table rows exact) after the same normalisation. Also timed, per page:
the reader as a whole (its pages read by pdfium, src/litmeta/pdf/pdfium_page.py), the same
reader with its pages read by pdfplumber (pdfminer.six: what it ran on before, same output),
pdfplumber's character extraction alone and pypdfium2's bare character boxes; each in wall
clock and in CPU time of the process (the machine is shared).

    python benchmarks/pdf_read.py [--papers vanderzwan2019 ...] [--layouts NAME ...]
                                  [--json FILE] [--timing-only]

Takes about two minutes for the five papers here.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from conftest import PAPERS  # noqa: E402

from litmeta.ingest import PdfLimits  # noqa: E402
from litmeta.normalise import normalise_text  # noqa: E402
from litmeta.pdf.check import LAYOUTS as CHECK_LAYOUTS  # noqa: E402
from litmeta.pdf.check import compare  # noqa: E402
from litmeta.pdf.reader import extract  # noqa: E402
from litmeta.pdf.render import JournalLayout, render_journal_pdf  # noqa: E402

#: the pdf_check layouts plus one per layout class of issue 24, and all of them at once
LAYOUTS = {
    **CHECK_LAYOUTS,
    "glyph noise": JournalLayout(glyph_noise=True),
    "two-line head, three-line foot": JournalLayout(margin_stack=True),
    "side notes": JournalLayout(side_notes=True),
    "affiliation column": JournalLayout(affiliations=True),
    "footnote": JournalLayout(footnote=True),
    "flow chart between columns": JournalLayout(figure_between_columns=True, figure_text=True),
    "unruled tables": JournalLayout(unruled=True),
    "unruled tables in a column": JournalLayout(unruled=True, table_in_column=True),
    "stream interleaved (rows)": JournalLayout(stream_order="rows"),
    "three-column front page": JournalLayout(front_columns=3),
    "table captions above floats": JournalLayout(table_captions=True),
    "wrapped table cells": JournalLayout(wrap_cells=80),
    "front-page box": JournalLayout(front_box=True),
    "margin stamp": JournalLayout(margin_stamp=True),
    "everything": JournalLayout(
        glyph_noise=True,
        margin_stack=True,
        side_notes=True,
        affiliations=True,
        footnote=True,
        figure_between_columns=True,
        figure_text=True,
        unruled=True,
    ),
}


def _reader(pdf: Path, open_pdf=None) -> str:
    with contextlib.redirect_stderr(io.StringIO()):  # its "page N" progress
        lines, _ = extract(pdf, PdfLimits().max_pages, open_pdf)
    return "\n".join(ln.text for ln in lines)


def _reader_pdfplumber(pdf: Path) -> str:
    import pdfplumber

    return _reader(pdf, pdfplumber.open)


def _pdfminer(pdf: Path) -> str:
    from pdfminer.high_level import extract_text

    return extract_text(str(pdf))


def _pypdf(pdf: Path) -> str:
    from pypdf import PdfReader

    return "\n".join(page.extract_text() for page in PdfReader(str(pdf)).pages)


def extractors() -> dict:
    out = {"reader": _reader, "pdfminer.six": _pdfminer}
    try:
        import pypdf  # noqa: F401

        out["pypdf"] = _pypdf
    except ImportError:
        print("pypdf is not installed: left out", file=sys.stderr)
    return out


def _chars_pdfplumber(pdf: Path) -> int:
    import pdfplumber

    with pdfplumber.open(pdf) as doc:
        return sum(len(p.chars) for p in doc.pages)


def _chars_pdfium(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = 0
    for page in doc:
        text = page.get_textpage()
        for i in range(text.count_chars()):
            text.get_charbox(i)
            n += 1
    doc.close()
    return n


def _per_page(fn, pdf: Path, pages: int) -> tuple[float, float]:
    """Seconds per page: wall clock, and CPU time of this process (what the work costs,
    whatever else the shared machine runs meanwhile)."""
    start, cpu = time.perf_counter(), time.process_time()
    fn(pdf)
    return (time.perf_counter() - start) / pages, (time.process_time() - cpu) / pages


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--papers", nargs="*", default=sorted(PAPERS))
    ap.add_argument("--layouts", nargs="*", choices=sorted(LAYOUTS), default=list(LAYOUTS))
    ap.add_argument("--json", type=Path)
    ap.add_argument(
        "--timing-only", action="store_true", help="only time the two-column layout (a minute)"
    )
    args = ap.parse_args(argv)
    tools = {} if args.timing_only else extractors()
    names = ["two columns"] if args.timing_only else args.layouts
    layouts = {name: LAYOUTS[name] for name in names}
    score: dict = {}
    timing: dict = {
        "reader": [],
        "reader, pages read by pdfplumber": [],
        "pdfplumber chars": [],
        "pypdfium2 chars": [],
    }
    with tempfile.TemporaryDirectory() as tmp:
        for paper_id in args.papers:
            text = normalise_text((ROOT / "papers" / PAPERS[paper_id]).read_text("utf-8"))
            for name, lay in layouts.items():
                pdf = Path(tmp) / f"{paper_id}.pdf"
                pages = render_journal_pdf(text, pdf, lay)
                for tool, fn in tools.items():
                    got = compare(text, normalise_text(fn(pdf)))
                    tot = score.setdefault(name, {}).setdefault(tool, dict.fromkeys(got, 0))
                    for k, v in got.items():
                        tot[k] += v
                if name == "two columns":
                    timing["reader"].append(_per_page(_reader, pdf, pages))
                    timing["reader, pages read by pdfplumber"].append(
                        _per_page(_reader_pdfplumber, pdf, pages)
                    )
                    timing["pdfplumber chars"].append(_per_page(_chars_pdfplumber, pdf, pages))
                    timing["pypdfium2 chars"].append(_per_page(_chars_pdfium, pdf, pages))
    print("| layout | extractor | sentences whole | in order | table rows exact |")
    print("|---|---|---|---|---|")
    for name, by_tool in score.items():
        for tool, t in by_tool.items():
            print(
                f"| {name} | {tool} | {t['contiguous']} | {t['in_order']}/{t['sentences']} | "
                f"{t['rows_exact']}/{t['table_rows']} |"
            )
    medians = {
        k: [statistics.median(t[i] for t in v) for i in (0, 1)] for k, v in timing.items() if v
    }
    if "two columns" in layouts:  # timed on that layout only
        print("\n| seconds per page (median over papers, two columns) | wall | CPU |")
        print("|---|---|---|")
        for k, (wall, cpu) in medians.items():
            print(f"| {k} | {wall:.3f} | {cpu:.3f} |")
    result = {"scores": score, "seconds_per_page": medians}
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
