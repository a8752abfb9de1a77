import re

import pytest
from conftest import PAPERS, ROOT
from pdf_render import render_pdf

from litmeta.errors import InputError
from litmeta.ingest import PdfLimits, read_paper


def squash(text: str) -> str:
    return re.sub(r"\s+", "", text)


def test_txt_keeps_line_numbers():
    src = ROOT / "papers" / PAPERS["zandee2021"]
    text = read_paper(src)
    raw_lines = src.read_text(encoding="utf-8").split("\n")
    lines = text.split("\n")
    assert len(lines) == len(raw_lines)
    assert lines[339].startswith("Following PRRT with 177Lu-DOTATATE, a partial re-")


def test_wrong_encoding_names_file_and_line(tmp_path):
    bad = tmp_path / "latin1.txt"
    bad.write_bytes("line one\nPatients \xe2g\xe9s\n".encode("latin-1"))
    with pytest.raises(InputError, match=r"latin1\.txt:2: not UTF-8"):
        read_paper(bad)


def test_empty_paper_is_an_error(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("\n  \n", encoding="utf-8")
    with pytest.raises(InputError, match="empty"):
        read_paper(empty)


def test_missing_and_unsupported_files(tmp_path):
    with pytest.raises(InputError, match="not found"):
        read_paper(tmp_path / "nope.txt")
    doc = tmp_path / "paper.docx"
    doc.write_text("x")
    with pytest.raises(InputError, match="unsupported file type"):
        read_paper(doc)


@pytest.mark.parametrize(
    "paper_id",
    # the fast loop (pytest -m "not e2e") reads one paper back, the full suite three
    [
        "zandee2021",
        *(pytest.param(p, marks=pytest.mark.e2e) for p in ("vanderzwan2019", "lazarenko2026")),
    ],
)
def test_pdf_route_gives_the_same_text(tmp_path, paper_id):
    """A paper rendered into a multi-page PDF comes back with the same content."""
    text = read_paper(ROOT / "papers" / PAPERS[paper_id])
    pdf = tmp_path / f"{paper_id}.pdf"
    pages = render_pdf(text, pdf)
    assert pages > 1
    assert squash(read_paper(pdf)) == squash(text)


def test_pdf_over_page_limit(tmp_path):
    pdf = tmp_path / "long.pdf"
    render_pdf("line\n" * 400, pdf)
    with pytest.raises(InputError, match="pages, over the limit of 2"):
        read_paper(pdf, PdfLimits(max_pages=2))


def test_truncated_pdf_is_a_clear_error(tmp_path):
    pdf = tmp_path / "whole.pdf"
    render_pdf("Some text\n" * 50, pdf)
    cut = tmp_path / "cut.pdf"
    cut.write_bytes(pdf.read_bytes()[:300])
    with pytest.raises(InputError, match="cut.pdf"):
        read_paper(cut)


def test_pdf_without_text_layer(tmp_path):
    from reportlab.pdfgen import canvas

    pdf = tmp_path / "scan.pdf"
    c = canvas.Canvas(str(pdf))
    c.rect(50, 50, 200, 200, fill=1)
    c.save()
    with pytest.raises(InputError, match="no text layer"):
        read_paper(pdf)


def test_papers_are_byte_copies_of_shared():
    shared = ROOT.parent / "shared" / "papers"
    if not shared.is_dir():
        pytest.skip("../shared/papers not beside the project")
    for name in PAPERS.values():
        assert (ROOT / "papers" / name).read_bytes() == (shared / name).read_bytes(), name


def test_pdf_text_lines_are_citable(tmp_path):
    """Each line of the ingested PDF is a line of the normalised output (no reflow)."""
    pdf = tmp_path / "p.pdf"
    render_pdf("first line\nsecond line\n", pdf)
    assert read_paper(pdf).split("\n")[:2] == ["first line", "second line"]
