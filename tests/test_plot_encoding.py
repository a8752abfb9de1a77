"""The plots' encoder settings (issue 28) change bytes, never pictures.

* PNG: :func:`style.png_bytes` draws with matplotlib's Agg renderer as ``savefig`` does and
  encodes opaque figures as RGB by :func:`png.encode` (rows unfiltered, zlib level 1);
  decoded, every pixel equals that of matplotlib's own PNG (RGBA, Pillow's adaptive filters
  at its default level), and the resolution is the same.
* PDF: a font subset cut from the :class:`style._BaseSubset` is the subset matplotlib cuts
  from the font file, byte for byte.
"""

from __future__ import annotations

import io
import zlib

import numpy as np
import pytest
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image

from litmeta.plots import forest, png, risk_of_bias, style
from litmeta.tables import Tables, read_rows


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.read_dir(ROOT / "results")


def matplotlib_png(fig, dpi: int, facecolor: str = "white") -> bytes:
    buf = io.BytesIO()
    fig.savefig(buf, format="png", dpi=dpi, facecolor=facecolor, metadata=style.METADATA["png"])
    return buf.getvalue()


def decoded(data: bytes) -> tuple[np.ndarray, tuple]:
    image = Image.open(io.BytesIO(data))
    return np.asarray(image.convert("RGBA")), image.info.get("dpi")


def figures(tables):
    yield "forest_orr", forest.figure("orr", tables)
    yield "forest_pfs_median", forest.figure("pfs_median", tables)
    rows = read_rows(ROOT / "results/risk_of_bias.csv")
    yield "risk_of_bias_summary", risk_of_bias.summary(rows)


def test_png_pixels_are_those_of_matplotlibs_png(tables):
    for name, fig in figures(tables):
        dpi = getattr(fig, style.PNG_DPI_ATTRIBUTE, None) or style.png_dpi(*fig.get_size_inches())
        ours, theirs = style.png_bytes(fig, dpi), matplotlib_png(fig, dpi)
        (a, dpi_a), (b, dpi_b) = decoded(ours), decoded(theirs)
        assert a.shape == b.shape and dpi_a == dpi_b, name
        assert np.array_equal(a, b), name
        assert Image.open(io.BytesIO(ours)).mode == "RGB", name
        assert ours != theirs, name  # the bytes do change: this test compares pictures
        style.plt.close(fig)


def test_committed_pngs_are_encoded_as_png_bytes_encodes_them():
    """The committed PNGs are opaque RGB written by :func:`png.encode`: re-encoding their
    pixels gives their bytes (so they were made by :func:`style.png_bytes`, not by an older
    encoder)."""
    for path in sorted((ROOT / "results/plots").glob("forest_*.png"))[:3]:
        image = Image.open(path)
        assert image.mode == "RGB", path.name
        again = png.encode(np.asarray(image), image.info["dpi"][0])
        assert again == path.read_bytes(), path.name


@settings(max_examples=40, deadline=None)
@given(
    shape=st.tuples(st.integers(1, 40), st.integers(1, 40), st.sampled_from([3, 4])),
    seed=st.integers(0, 2**32 - 1),
    dpi=st.sampled_from([72, 96.5, 150, 300]),
    flat=st.booleans(),
    idat_bytes=st.sampled_from([7, png.IDAT_BYTES]),
    strip_bytes=st.sampled_from([1, 50, 333, png.STRIP_BYTES]),
    rgb_view=st.booleans(),
)
def test_encode_is_lossless_and_keeps_the_resolution(
    shape, seed, dpi, flat, idat_bytes, strip_bytes, rgb_view
):
    """Pillow decodes :func:`png.encode`'s file to the same pixels, mode and resolution that
    Pillow's own encoder gives, for random and for flat images, also when the data is split
    over several IDAT chunks; the rows deflated a strip at a time give the bytes of one
    ``zlib.compress`` of all rows, also from the RGB view of an RGBA buffer."""
    rng = np.random.default_rng(seed)
    pixels = rng.integers(0, 256, size=shape, dtype=np.uint8)
    if flat:
        pixels[:] = pixels[0, 0]
    if rgb_view and shape[2] == 3:  # as style.png_bytes passes an opaque figure's buffer
        buffer = np.full(shape[:2] + (4,), 255, dtype=np.uint8)
        buffer[:, :, :3] = pixels
        pixels = buffer[:, :, :3]
    rows = np.zeros((shape[0], 1 + shape[1] * shape[2]), dtype=np.uint8)
    rows[:, 1:] = pixels.reshape(shape[0], -1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(png, "IDAT_BYTES", idat_bytes)
        patch.setattr(png, "STRIP_BYTES", strip_bytes)
        assert png._deflated_rows(pixels) == zlib.compress(rows, png.COMPRESS_LEVEL)
        ours = Image.open(io.BytesIO(png.encode(pixels, dpi)))
    out = io.BytesIO()
    Image.fromarray(pixels).save(out, format="png", dpi=(dpi, dpi))
    theirs = Image.open(out)
    assert ours.mode == theirs.mode == ("RGB" if shape[2] == 3 else "RGBA")
    assert np.array_equal(np.asarray(ours), pixels)
    assert ours.info["dpi"] == theirs.info["dpi"]


def test_encode_refuses_what_it_cannot_write():
    with pytest.raises(ValueError, match="uint8"):
        png.encode(np.zeros((2, 2, 2), dtype=np.uint8), 300)
    with pytest.raises(ValueError, match="uint8"):
        png.encode(np.zeros((2, 2, 3), dtype=np.uint16), 300)


def test_a_figure_with_transparent_pixels_keeps_its_alpha(monkeypatch):
    fig = style.plt.figure(figsize=(2, 1))
    fig.text(0.5, 0.5, "x")
    monkeypatch.setattr(style, "SAVE", {"facecolor": "none"})
    ours = style.png_bytes(fig, 100)
    assert Image.open(io.BytesIO(ours)).mode == "RGBA"
    assert np.array_equal(decoded(ours)[0], decoded(matplotlib_png(fig, 100, "none"))[0])
    style.plt.close(fig)


# ------------------------------------------------------------------------------- PDF fonts
def _font():
    from matplotlib.font_manager import FontPath, findfont

    return FontPath(findfont(style.FONT), 0)


@pytest.fixture(scope="module")
def memo():
    from matplotlib.backends import _backend_pdf_ps

    function = _backend_pdf_ps.get_glyphs_subset
    assert isinstance(function, style._MemoisedSubsets)
    return function


def direct(memo, fontfile, glyphs) -> tuple[bytes, dict]:
    from matplotlib.backends import _backend_pdf_ps

    with memo.function(fontfile, set(glyphs)) as result:
        return _backend_pdf_ps.font_as_file(result.font).getvalue(), dict(result.glyph_index_map)


def test_the_base_holds_the_blocks_and_a_fifth_of_the_font(memo):
    from matplotlib.ft2font import FT2Font

    fontfile = _font()
    base = style._BaseSubset.of(memo.function, fontfile)
    font = FT2Font(str(fontfile))
    charmap = font.get_charmap()
    assert {charmap[ord(c)] for c in "Aa0≥–μ²→±×"} <= base.to_base.keys()
    assert charmap[ord("Ж")] not in base.to_base
    assert len(base.to_base) < font.num_glyphs / 4


@settings(max_examples=25, deadline=None)
@given(data=st.data())
def test_a_subset_cut_from_the_base_is_the_subset_cut_from_the_font(memo, data):
    fontfile = _font()
    key = (str(fontfile), 0)
    if key not in memo.bases:
        memo.bases[key] = style._BaseSubset.of(memo.function, fontfile)
    base = memo.bases[key]
    glyphs = data.draw(st.sets(st.sampled_from(sorted(base.to_base)), min_size=1, max_size=80))
    assert memo._subset(fontfile, frozenset(glyphs)) == direct(memo, fontfile, glyphs)


def test_a_glyph_outside_the_base_is_cut_from_the_font(memo, monkeypatch):
    from matplotlib.ft2font import FT2Font

    fontfile = _font()
    charmap = FT2Font(str(fontfile)).get_charmap()
    glyphs = frozenset({charmap[ord("Ж")], charmap[ord("A")]})
    calls = []
    function = memo.function
    monkeypatch.setattr(memo, "function", lambda f, g: calls.append(f) or function(f, g))
    assert memo._subset(fontfile, glyphs) == direct(memo, fontfile, glyphs)
    assert calls[-1] == fontfile  # the font file itself, not the base in memory
    # a subset without any encoded glyph (only .notdef) too: its empty cmap would keep the
    # base's OS/2 character range
    assert memo._subset(fontfile, frozenset({0})) == direct(memo, fontfile, {0})
    assert calls[-1] == fontfile


def test_the_png_renderer_is_freed_when_the_png_is_made(tables, monkeypatch):
    """Issue 28: the renderer that drew a PNG (and with it the pixel buffer, 130 MB for a
    34-megapixel page) is freed as soon as the PNG is encoded, while the figure still
    exists: figures are freed by the cyclic garbage collector, so a plot worker otherwise
    held several pages' buffers at once. The SVG and PDF drawn after it are unchanged."""
    import gc
    import weakref

    from matplotlib.backends.backend_agg import FigureCanvasAgg

    made = []
    real = FigureCanvasAgg.get_renderer

    def recorded(self):
        renderer = real(self)
        made.append(weakref.ref(renderer))
        return renderer

    monkeypatch.setattr(FigureCanvasAgg, "get_renderer", recorded)
    fig = forest.figure("orr", tables)
    before = io.BytesIO()
    fig.savefig(before, format="svg", metadata=style.METADATA["svg"], **style.SAVE)
    gc.disable()
    try:
        style.png_bytes(fig, 150)
        assert made and all(ref() is None for ref in made)
    finally:
        gc.enable()
    after = io.BytesIO()
    fig.savefig(after, format="svg", metadata=style.METADATA["svg"], **style.SAVE)
    assert after.getvalue() == before.getvalue()
    style.plt.close(fig)
