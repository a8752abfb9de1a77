"""The five papers' values through the PDF route, in every generated layout.

Each paper's .txt is typeset (src/litmeta/pdf/render.py) in every layout of
``pdf_read.LAYOUTS``, read back by the reader and extracted with the paper's spec
(config/extraction/<paper_id>.yaml), and the values are compared with those extracted from
the .txt. Per paper and layout it prints how many values differ, or the loud stop the
extraction ended in (an anchor not found or found twice): a stop is the pipeline refusing
a text it cannot anchor, a difference would be a wrong number.

    python benchmarks/pdf_values.py [--papers ID ...] [--layouts NAME ...]

About five minutes for the five papers in all nineteen layouts.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "benchmarks"))

from conftest import PAPERS  # noqa: E402
from pdf_read import LAYOUTS  # noqa: E402

from litmeta.errors import InputError  # noqa: E402
from litmeta.extract.paper import extract_paper  # noqa: E402
from litmeta.ingest import read_paper  # noqa: E402
from litmeta.pdf.render import render_journal_pdf  # noqa: E402


def _values(paper_id: str, text: str, folder: Path) -> dict:
    path = folder / f"{paper_id}.txt"
    path.write_text(text, encoding="utf-8")
    spec = ROOT / "config" / "extraction" / f"{paper_id}.yaml"
    with contextlib.redirect_stderr(io.StringIO()):
        out = extract_paper(spec, path, "paper")
    return {
        (o["cohort_id"], o["endpoint"], o["statistic"]): (o["value"], o["status"])
        for o in out.outcomes
    }


def main(argv: list[str] | None = None) -> list[tuple]:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--papers", nargs="*", default=sorted(PAPERS))
    ap.add_argument("--layouts", nargs="*", choices=sorted(LAYOUTS), default=list(LAYOUTS))
    args = ap.parse_args(argv)
    rows = []
    print("| paper | layout | values | differ | stop |")
    print("|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        for paper_id in args.papers:
            src = ROOT / "papers" / PAPERS[paper_id]
            want = _values(paper_id, read_paper(src), folder)
            for name in args.layouts:
                pdf = folder / "paper.pdf"
                render_journal_pdf(src.read_text(encoding="utf-8"), pdf, LAYOUTS[name])
                try:
                    got = _values(paper_id, read_paper(pdf), folder)
                except InputError as exc:
                    row = (
                        paper_id,
                        name,
                        len(want),
                        "",
                        f"{Path(exc.where).name}: {exc.reason.splitlines()[0]}",
                    )
                else:
                    differ = sum(1 for k in set(want) | set(got) if want.get(k) != got.get(k))
                    row = (paper_id, name, len(want), differ, "")
                rows.append(row)
                print("| " + " | ".join(map(str, row)) + " |", flush=True)
    return rows


if __name__ == "__main__":
    main()
