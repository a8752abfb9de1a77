"""How well the PDF route reads typeset papers: the measure printed in extracted/README.md.

Each paper's normalised text is typeset as a journal article (:mod:`litmeta.pdf.render`) in
four layouts, read back through the PDF route (:func:`litmeta.ingest.read_paper`), and
compared with the text it came from:

* sentences: the paper's running text (lines without a tab) is split into sentences of six
  words or more, in the search view that anchors use (whitespace runs as one space, words
  hyphenated at line ends rejoined). A sentence is *contiguous* when it occurs whole in the
  view of the PDF's text, and *in order* when it occurs after the previous sentence found in
  order (one pass, earliest match);
* table rows: every line of the text with a tab and two or more cells; a row is *exact* when
  the PDF's text has it as one line, cells in order, tab-separated.

A paper is typeset and read in one child process (``python -m litmeta.pdf.check``), which
reads its four PDFs itself, as the PDF route's own child would (:func:`read_typeset`): one
Python start-up per paper instead of four, and none of the work holds the Snakemake
process. The rows are cached per paper (its id and text, :mod:`litmeta.cache`).
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import tempfile
from functools import lru_cache
from pathlib import Path

from ..errors import InputError
from ..textindex import TextIndex
from .render import JournalLayout, render_journal_pdf

LAYOUTS = {
    "two columns": JournalLayout(),
    "three columns": JournalLayout(columns=3),
    "figure between columns": JournalLayout(figure_between_columns=True),
    "table inside a column": JournalLayout(table_in_column=True),
}
COLUMNS = (
    "paper_id",
    "layout",
    "pages",
    "sentences",
    "contiguous",
    "in_order",
    "table_rows",
    "rows_exact",
)
_SENTENCE_BREAK = re.compile(r"(?<=[.?!])\s+(?=[A-Z0-9(\[])")


def sentences(text: str) -> list[str]:
    out: list[str] = []
    para: list[str] = []
    for line in text.split("\n") + [""]:
        if line.strip() and "\t" not in line:
            para.append(line)
            continue
        if para:
            view = TextIndex("\n".join(para)).view
            out.extend(s for s in _SENTENCE_BREAK.split(view) if len(s.split()) >= 6)
            para = []
    return out


def table_rows(text: str) -> list[str]:
    rows = []
    for line in text.split("\n"):
        cells = [c.strip() for c in line.split("\t")]
        if "\t" in line and sum(1 for c in cells if c) >= 2:
            rows.append("\t".join(cells).rstrip("\t"))
    return rows


@lru_cache(maxsize=4)
def _measured(text: str) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The sentences and table rows of a paper's text: the same for its four layouts."""
    return tuple(sentences(text)), tuple(table_rows(text))


def compare(text: str, pdf_text: str) -> dict[str, int]:
    view = TextIndex(pdf_text).view
    sents, rows = _measured(text)
    contiguous = in_order = pos = 0
    for s in sents:
        at = view.find(s, pos)
        if at >= 0:
            in_order += 1
            pos = at + len(s)
        if at >= 0 or s in view:
            contiguous += 1
    lines = {ln.rstrip("\t") for ln in pdf_text.split("\n")}
    return {
        "sentences": len(sents),
        "contiguous": contiguous,
        "in_order": in_order,
        "table_rows": len(rows),
        "rows_exact": sum(1 for r in rows if r in lines),
    }


def read_typeset(pdf: Path) -> str:
    """The normalised text of a PDF typeset here, as :func:`litmeta.ingest.read_paper` reads
    it, but in this process: the same reader (:func:`litmeta.pdf.reader.extract`) without
    the time-bounded child a third-party PDF needs (tests/test_pdf_check.py compares)."""
    from ..ingest import PdfLimits
    from ..normalise import normalise_text
    from .reader import extract

    lines, _ = extract(pdf, PdfLimits().max_pages)
    text = normalise_text("\n".join(line.text for line in lines))
    return text if text.endswith("\n") else text + "\n"


def measure(paper_id: str, text: str) -> list[dict]:
    """The rows of ``paper_id``: its text typeset in each layout and read back (in this
    process; :func:`check_paper` runs it in a child)."""
    out = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, layout in LAYOUTS.items():
            pdf = Path(tmp) / f"{paper_id}.pdf"
            pages = render_journal_pdf(text, pdf, layout)
            out.append(
                {
                    "paper_id": paper_id,
                    "layout": name,
                    "pages": pages,
                    **compare(text, read_typeset(pdf)),
                }
            )
    return out


def check_paper(paper_id: str, text: str) -> list[dict]:
    """:func:`measure` in a child process, bounded in time (the PDF route's limit per
    layout); from the cache when this paper's text was measured before."""
    from ..cache import Store, digest

    def compute() -> dict[str, bytes]:
        return {"rows.json": json.dumps(_in_child(paper_id, text)).encode()}

    key = digest("pdf_check", [paper_id, text])
    return json.loads(Store("pdf_check").cached(key, compute, paper_id, ["rows.json"])["rows.json"])


def _in_child(paper_id: str, text: str) -> list[dict]:
    from ..ingest import PdfLimits

    seconds = PdfLimits().max_seconds * len(LAYOUTS)
    cmd = [sys.executable, "-m", "litmeta.pdf.check", paper_id]
    where = f"{paper_id} (its text typeset as journal PDFs)"
    try:
        done = subprocess.run(cmd, input=text.encode("utf-8"), capture_output=True, timeout=seconds)
    except subprocess.TimeoutExpired:
        raise InputError(
            where,
            f"typesetting and reading it took over {seconds:g} s and was stopped",
            "check the paper's text for runaway content (a table of thousands of rows?)",
        ) from None
    try:
        result = json.loads(done.stdout)
    except json.JSONDecodeError:
        tail = done.stderr.decode("utf-8", "replace").strip().splitlines()[-1:]
        raise InputError(
            where,
            f"measuring the PDF route failed (exit status {done.returncode}: {' '.join(tail)})",
            "report it with the paper's text",
        ) from None
    if "error" in result:
        raise InputError(*result["error"])
    return result["rows"]


def main(argv: list[str]) -> int:
    """``python -m litmeta.pdf.check PAPER_ID`` < text: the rows as JSON on stdout."""
    text = sys.stdin.buffer.read().decode("utf-8")
    try:
        rows = measure(argv[0], text)
    except InputError as exc:
        print(json.dumps({"error": [exc.where, exc.reason, exc.fix]}))
        return 0
    print(json.dumps({"rows": rows}))
    return 0


def _share(tot: dict[str, int], k: str, of: str) -> str:
    return f"{tot[k] / tot[of]:.3f} ({tot[k]}/{tot[of]})" if tot[of] else "-"


def summary_table(rows: list[dict]) -> str:
    """Markdown: per layout, over all papers, the shares (and counts) recovered."""
    if not rows:
        return "Not measured in this run: no paper was checked (config `pdf_check_papers: 0`)."
    lines = [
        "| layout | papers | pages | sentences | contiguous | in order | table rows | rows exact |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for name in LAYOUTS:
        rs = [r for r in rows if r["layout"] == name]
        if not rs:
            continue
        tot = {c: sum(int(r[c]) for r in rs) for c in COLUMNS[2:]}

        lines.append(
            f"| {name} | {len(rs)} | {tot['pages']} | {tot['sentences']} | "
            f"{_share(tot, 'contiguous', 'sentences')} | {_share(tot, 'in_order', 'sentences')} | "
            f"{tot['table_rows']} | {_share(tot, 'rows_exact', 'table_rows')} |"
        )
    return "\n".join(lines)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
