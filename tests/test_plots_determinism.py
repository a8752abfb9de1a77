"""Same inputs, same bytes: every plot drawn twice is identical in SVG, PNG and PDF, and
carries no date or tool version."""

from __future__ import annotations

import pytest
from conftest import ROOT, run, tool

from litmeta.plots import FORMATS, KINDS, render_all, render_endpoint
from litmeta.tables import Tables

# os_median: both settings, a k = 2 pooled row, NE and NR medians, no leave-one-out rows;
# tox_g3plus_any_hematologic: a prediction interval and leave-one-out rows
ENDPOINTS = ("os_median", "tox_g3plus_any_hematologic")


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.read_dir(ROOT / "results")


@pytest.fixture(scope="module")
def first(tables, tmp_path_factory) -> dict[str, list]:
    """Each of ENDPOINTS drawn once in this process, every kind and format: the reference
    the second rendering and the worker processes are compared with."""
    out = tmp_path_factory.mktemp("first")
    return {e: render_endpoint(e, tables, out / e) for e in ENDPOINTS}


@pytest.mark.parametrize("endpoint", ENDPOINTS)
def test_two_renderings_are_byte_identical(tables, first, tmp_path, endpoint):
    first = first[endpoint]
    second = render_endpoint(endpoint, tables, tmp_path / "b")
    assert len(first) == len(KINDS) * len(FORMATS)
    for a, b in zip(first, second, strict=True):
        assert a.name == b.name
        assert a.read_bytes() == b.read_bytes(), a.name


def test_no_dates_or_versions_in_metadata(tables, tmp_path):
    paths = render_endpoint("orr", tables, tmp_path, kinds=("forest",))
    data = {p.suffix: p.read_bytes() for p in paths}
    assert b"<dc:date>" not in data[".svg"]
    assert b"Matplotlib v" not in data[".svg"] and b"<dc:creator>" not in data[".svg"]
    for key in (b"/CreationDate", b"/ModDate", b"/Producer", b"/Creator", b"Matplotlib"):
        assert key not in data[".pdf"], key
    assert b"Software" not in data[".png"] and b"Matplotlib" not in data[".png"]
    assert data[".png"][:8] == b"\x89PNG\r\n\x1a\n"
    # 300 dpi: pHYs chunk with 300 / 0.0254 = 11811 pixels per metre
    assert (11811).to_bytes(4, "big") * 2 in data[".png"]


def test_svg_keeps_text_as_text(tables, tmp_path):
    (svg,) = render_endpoint("dcr", tables, tmp_path, kinds=("forest",), formats=("svg",))
    text = svg.read_text(encoding="utf-8")
    assert "<text" in text and "84.2 (77.9\u201389.0)" in text


def test_outputs_are_written_atomically(tables, tmp_path):
    render_endpoint("mds_aml", tables, tmp_path, kinds=("loo",), formats=("svg",))
    assert sorted(p.name for p in tmp_path.iterdir()) == ["loo_mds_aml.svg"]  # no temp left


def test_cli_draws_one_endpoint_and_rejects_an_unknown_one(tmp_path):
    ok = run(
        [
            tool("litmeta"),
            "plot-endpoint",
            "mds_aml",
            "--out-dir",
            str(tmp_path),
            "--kind",
            "forest",
            "--format",
            "svg",
        ],
    )
    assert ok.returncode == 0, ok.stderr
    assert (tmp_path / "forest_mds_aml.svg").is_file()
    bad = run([tool("litmeta"), "plot-endpoint", "orr_typo", "--out-dir", str(tmp_path)])
    assert bad.returncode == 2
    assert "unknown endpoint 'orr_typo'" in bad.stderr


def test_worker_processes_draw_the_same_bytes(tables, first, tmp_path):
    two = render_all(ENDPOINTS, tables, tmp_path / "two", jobs=2, formats=("svg", "png"))
    one = {p.name: p for e in ENDPOINTS for p in first[e] if p.suffix in (".svg", ".png")}
    assert sorted(p.name for p in two) == sorted(one)
    assert len(two) == len(ENDPOINTS) * len(KINDS) * 2
    for b in two:
        assert one[b.name].read_bytes() == b.read_bytes(), b.name


def test_pdf_fonts_without_layout_tables_render_identically(tables, tmp_path, monkeypatch):
    """The PDF subsets drop GSUB/GPOS/GDEF (style.UNUSED_IN_PDF): same pixels and same text
    positions as with matplotlib's own subsetting, fewer bytes."""
    import pdfplumber
    from matplotlib.backends import _backend_pdf_ps

    from litmeta.plots import style

    assert isinstance(_backend_pdf_ps.subset, style._LeanSubsetting)
    (lean,) = render_endpoint("orr", tables, tmp_path / "lean", ("forest",), ("pdf",))
    monkeypatch.setattr(_backend_pdf_ps, "subset", _backend_pdf_ps.subset._module)
    monkeypatch.setattr(
        _backend_pdf_ps, "get_glyphs_subset", _backend_pdf_ps.get_glyphs_subset.function
    )
    (full,) = render_endpoint("orr", tables, tmp_path / "full", ("forest",), ("pdf",))
    assert len(lean.read_bytes()) < len(full.read_bytes())

    def pixels(path):
        with pdfplumber.open(path) as pdf:
            return pdf.pages[0].to_image(resolution=144).original.tobytes()

    def chars(path):
        with pdfplumber.open(path) as pdf:
            return [(c["text"], round(c["x0"], 3), round(c["top"], 3)) for c in pdf.pages[0].chars]

    assert pixels(lean) == pixels(full)
    assert chars(lean) == chars(full) and len(chars(lean)) > 100


def test_memoised_font_subsets_give_the_same_pdf_bytes(tables, tmp_path, monkeypatch):
    """A font subset remembered from an earlier PDF (style._MemoisedSubsets) is embedded with
    the bytes fontTools would make again: the PDFs of two endpoints drawn with the memo, the
    second reusing subsets of the first, equal those drawn with it off, and equal the
    committed ones."""
    from matplotlib.backends import _backend_pdf_ps

    from litmeta.plots import style

    memo = _backend_pdf_ps.get_glyphs_subset
    assert isinstance(memo, style._MemoisedSubsets)
    monkeypatch.setattr(memo, "memo", {})
    drawn = render_all(("orr", "dcr"), tables, tmp_path / "memo", kinds=KINDS, formats=("pdf",))
    assert len(memo.memo) < sum(p.read_bytes().count(b"/FontFile2") for p in drawn)
    monkeypatch.setattr(_backend_pdf_ps, "get_glyphs_subset", memo.function)
    fresh = render_all(("orr", "dcr"), tables, tmp_path / "fresh", kinds=KINDS, formats=("pdf",))
    for a, b in zip(drawn, fresh, strict=True):
        assert a.read_bytes() == b.read_bytes() == (ROOT / "results/plots" / a.name).read_bytes()


def test_font_subsetting_is_replaced_only_for_the_versions_it_was_written_for(monkeypatch):
    """Outside the locked (matplotlib, fontTools) pair, matplotlib's private subsetting is
    left as matplotlib has it; inside it, the lean memoised subsetting is in place (it is in
    the locked test environment: tests/test_lock.py)."""
    from matplotlib.backends import _backend_pdf_ps

    from litmeta.plots import style

    assert style._installed_versions() in style.WRITTEN_FOR
    assert isinstance(_backend_pdf_ps.subset, style._LeanSubsetting)
    original = _backend_pdf_ps.subset._module, _backend_pdf_ps.get_glyphs_subset.function
    monkeypatch.setattr(_backend_pdf_ps, "subset", original[0])
    monkeypatch.setattr(_backend_pdf_ps, "get_glyphs_subset", original[1])
    monkeypatch.setattr(style, "_installed_versions", lambda: ("3.11.2", "4.69.1"))
    assert style._lean_pdf_fonts() is False
    assert (_backend_pdf_ps.subset, _backend_pdf_ps.get_glyphs_subset) == original
    monkeypatch.setattr(style, "_installed_versions", lambda: style.WRITTEN_FOR[0])
    assert style._lean_pdf_fonts() is True
    assert isinstance(_backend_pdf_ps.subset, style._LeanSubsetting)
    assert isinstance(_backend_pdf_ps.get_glyphs_subset, style._MemoisedSubsets)
