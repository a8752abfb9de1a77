"""The reading-order measure of the PDF route (rule pdf_check) on any paper of a review."""

import re

import pytest
from conftest import ROOT

from litmeta.pdf.check import LAYOUTS, check_paper


@pytest.mark.parametrize(
    "text",
    [
        "Title only\n",
        "A\tB\n1\t2\n",
        "Short title\nOne line of abstract text, and no sections at all.\n",
    ],
    ids=["title-only", "table-only", "two-lines"],
)
def test_a_paper_too_short_for_the_journal_layout_is_still_measured(text):
    """Any paper of a review goes through pdf_check: an abstract of two lines or a paper of
    tables alone is typeset and measured, never an IndexError (E61, a new abstract, found it)."""
    rows = check_paper("short", text)
    assert [r["layout"] for r in rows] == list(LAYOUTS)
    assert all(r["pages"] >= 1 for r in rows)


@pytest.mark.e2e  # slow (four journal PDFs typeset and read: ~6 s), left out of the fast loop
def test_typeset_pdfs_are_read_as_the_pdf_route_reads_them(tmp_path):
    """The measure reads its own PDFs in its child process (read_typeset), not through a
    second time-bounded child: the text is the one litmeta.ingest.read_paper gives."""
    from litmeta.ingest import read_paper
    from litmeta.pdf.check import read_typeset
    from litmeta.pdf.render import render_journal_pdf

    text = (ROOT / "extracted/text/zandee2021.txt").read_text(encoding="utf-8")
    for name, layout in LAYOUTS.items():
        pdf = tmp_path / f"{name}.pdf"
        render_journal_pdf(text, pdf, layout)
        assert read_typeset(pdf) == read_paper(pdf), name


def test_rows_are_cached_per_paper_text(tmp_path, monkeypatch):
    """check_paper keeps each paper's rows in the cache (its id and text): measured once,
    then read back equal, and a changed text is measured again."""
    from litmeta.pdf import check

    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "cache"))
    calls = []
    real = check._in_child
    monkeypatch.setattr(check, "_in_child", lambda *a: calls.append(a) or real(*a))
    text = "Short title\nOne line of abstract text, and no sections at all.\n"
    first = check_paper("short", text)
    assert check_paper("short", text) == first and len(calls) == 1
    check_paper("short", text + "A second line of text with six or more words.\n")
    assert len(calls) == 2


@pytest.mark.e2e
@pytest.mark.parametrize("papers", [2, 0])
def test_pdf_check_papers_bounds_the_measure(project, papers):
    """config pdf_check_papers: only the first that many .txt papers (by paper_id) are
    typeset and read back, so a large review's cost does not grow with its papers; 0 leaves
    the measure out. (A dry run of the whole DAG lists the jobs.)"""
    from conftest import run, tool

    proc = run(
        [
            tool("snakemake"),
            "-n",
            "--forceall",
            "--cores",
            "2",
            "--config",
            f"pdf_check_papers={papers}",
        ],
        cwd=project,
    )
    assert proc.returncode == 0, proc.stderr
    planned = re.findall(
        r"^rule pdf_check:\n(?:    .*\n)*?    wildcards: paper_id=(\S+)", proc.stdout, re.MULTILINE
    )
    assert sorted(planned) == ["iqbal2024", "kalantarhormozi2020"][:papers]


def test_no_paper_checked_says_so():
    """pdf_check_papers: 0 leaves the measure out; the README says it was not measured
    rather than showing an empty table."""
    from litmeta.extract.readme import _pdf_reading_order
    from litmeta.pdf.check import summary_table

    assert "not measured" in summary_table([]).lower()
    assert summary_table([]).count("|") == 0
    off = _pdf_reading_order([])
    assert "not measured" in off.lower() and "benchmarks/README.md" in off
