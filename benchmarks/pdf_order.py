"""Measure the rule that picks a page's reading order: content stream or geometry.

Each paper is typeset (src/litmeta/pdf/render.py) in the layouts of ``pdf_read.LAYOUTS``
named below, with its text written to the content stream in three orders: as it is read,
line by line across the columns ("rows": the columns interleaved) and shuffled. For every
page it records :func:`litmeta.pdf.layout.stream_score` (the share of steps from one segment
to the next in stream order that are steps of reading) and whether the reader's text is the
same as for the PDF written in reading order. The threshold
``layout.STREAM_PLAUSIBLE`` must sit between the lowest score of a page written in reading
order and the highest of a page whose columns are interleaved.

    python benchmarks/pdf_order.py [--papers vanderzwan2019 ...] [--layouts NAME ...]

About a minute per paper and layout on a quiet machine.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from pdf_read import LAYOUTS, PAPERS, ROOT  # noqa: E402

from litmeta.normalise import normalise_text  # noqa: E402
from litmeta.pdf import layout  # noqa: E402
from litmeta.pdf.reader import extract  # noqa: E402
from litmeta.pdf.render import render_journal_pdf  # noqa: E402

ORDERS = ("reading", "rows", "shuffled")
DEFAULT_LAYOUTS = ("two columns", "three columns", "flow chart between columns", "everything")


def _read(pdf: Path) -> tuple[str, list[float]]:
    """The reader's text and the stream score of every page set in columns (a page of one
    column reads the same in rows as in reading order)."""
    scores: list[float] = []
    score = layout.stream_score

    def record(placed):
        s = score(placed)
        if s is not None and any(column != "full width" for _, column, _ in placed):
            scores.append(s)
        return s

    layout.stream_score = record
    try:
        with contextlib.redirect_stderr(io.StringIO()):
            lines, _ = extract(pdf, 1000)
    finally:
        layout.stream_score = score
    return "\n".join(ln.text for ln in lines), scores


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--papers", nargs="*", default=["vanderzwan2019", "zandee2021"])
    ap.add_argument("--layouts", nargs="*", default=list(DEFAULT_LAYOUTS))
    args = ap.parse_args(argv)
    from dataclasses import replace

    result: dict = {}
    with tempfile.TemporaryDirectory() as tmp:
        for paper_id in args.papers:
            text = normalise_text((ROOT / "papers" / PAPERS[paper_id]).read_text("utf-8"))
            for name in args.layouts:
                base = None
                for order in ORDERS:
                    pdf = Path(tmp) / f"{paper_id}.pdf"
                    render_journal_pdf(text, pdf, replace(LAYOUTS[name], stream_order=order))
                    got, scores = _read(pdf)
                    base = got if base is None else base
                    row = result.setdefault((name, order), {"scores": [], "same": 0, "n": 0})
                    row["scores"] += scores
                    row["same"] += got == base
                    row["n"] += 1
    print(f"threshold layout.STREAM_PLAUSIBLE = {layout.STREAM_PLAUSIBLE}")
    print("| layout | stream order | pages in columns | score min / median / max ", end="")
    print("| stream used | same text |")
    print("|---|---|---|---|---|---|")
    for (name, order), row in result.items():
        s = sorted(row["scores"])
        used = sum(1 for x in s if x >= layout.STREAM_PLAUSIBLE)
        print(
            f"| {name} | {order} | {len(s)} | {s[0]:.2f} / {s[len(s) // 2]:.2f} / {s[-1]:.2f} "
            f"| {used}/{len(s)} | {row['same']}/{row['n']} |"
        )
    return result


if __name__ == "__main__":
    main()
