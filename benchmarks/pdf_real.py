"""Score the PDF reader against plain extractors on real publisher PDFs.

``benchmarks/real_pdfs/`` holds openly licensed journal articles as their publishers
printed them (CC BY; where each comes from: benchmarks/README.md) and ``passages.json``,
passages checked by eye on the rendered pages: sentences, abstract sentences, headings,
captions and table rows. Each PDF is read by this project's reader, pdfminer.six's
``extract_text`` and, when installed, pypdf's ``extract_text`` (as in pdf_read.py). A
passage is intact when it comes out whole in the search view of the extractor's text
(whitespace runs as one space, words hyphenated at line ends rejoined:
:class:`litmeta.textindex.TextIndex`); a table row when one line of the text holds its
cells in order (whitespace, tabs included, as one space). Also timed: seconds per page of
each extractor, wall clock and CPU time of this process (median over the PDFs).

    python benchmarks/pdf_real.py [--json FILE] [--failures]

Takes about half a minute.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from collections import defaultdict
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from pdf_read import _per_page, extractors  # noqa: E402

from litmeta.normalise import normalise_text  # noqa: E402
from litmeta.textindex import TextIndex  # noqa: E402

PDFS = HERE / "real_pdfs"


def intact(passage: dict, text: str, view: str) -> bool:
    want = " ".join(normalise_text(passage["text"]).split())
    if passage["kind"] == "table row":
        return any(want in " ".join(line.split()) for line in text.split("\n"))
    return want in view


def pages(pdf: Path) -> int:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(pdf))
    n = len(doc)
    doc.close()
    return n


def main(argv: list[str] | None = None) -> dict:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--json", type=Path)
    ap.add_argument("--failures", action="store_true", help="list the passages each one loses")
    args = ap.parse_args(argv)
    passages = json.loads((PDFS / "passages.json").read_text("utf-8"))
    tools = extractors()
    score: dict = {tool: defaultdict(lambda: [0, 0]) for tool in tools}
    lost: dict = {tool: [] for tool in tools}
    timing: dict = {tool: [] for tool in tools}
    for name in sorted({p["pdf"] for p in passages}):
        pdf = PDFS / name
        for tool, fn in tools.items():
            out: list[str] = []
            keep = out.append
            timing[tool].append(_per_page(lambda f, fn=fn, keep=keep: keep(fn(f)), pdf, pages(pdf)))
            text = normalise_text(out[0])
            view = TextIndex(text).view
            for p in (p for p in passages if p["pdf"] == name):
                ok = intact(p, text, view)
                for key in (p["kind"], "all"):
                    score[tool][key][0] += ok
                    score[tool][key][1] += 1
                if not ok:
                    lost[tool].append(f"{name} p{p['page']} {p['kind']}: {p['text'][:60]}")
    kinds = sorted({p["kind"] for p in passages})
    print("| extractor | intact | " + " | ".join(kinds) + " | s/page wall | CPU |")
    print("|---|---|" + "---|" * len(kinds) + "---|---|")
    medians = {}
    for tool, by_kind in score.items():
        wall = statistics.median(t[0] for t in timing[tool])
        cpu = statistics.median(t[1] for t in timing[tool])
        medians[tool] = [wall, cpu]
        cells = " | ".join("{}/{}".format(*by_kind[k]) for k in kinds)
        print(
            f"| {tool} | {by_kind['all'][0]}/{by_kind['all'][1]} | {cells} | "
            f"{wall:.3f} | {cpu:.3f} |"
        )
    if args.failures:
        for tool, items in lost.items():
            print(f"\n{tool} loses:", *items, sep="\n  ")
    result = {
        "scores": {t: dict(s) for t, s in score.items()},
        "lost": lost,
        "seconds_per_page": medians,
    }
    if args.json:
        args.json.write_text(json.dumps(result, indent=1), encoding="utf-8")
    return result


if __name__ == "__main__":
    main()
