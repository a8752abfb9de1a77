"""Look and bytes of every plot: palette, fonts, text measurement and a deterministic save.

Colours are the Okabe-Ito palette (safe for the common colour-vision deficiencies):
blue for the initial setting, vermillion for salvage, grey for cohorts shown but not pooled.
Text is DejaVu Sans, the font matplotlib ships, so the PNG and PDF do not depend on the
fonts of the machine.  SVG keeps text as ``<text>`` (``svg.fonttype = none``) so that the
numbers in a plot can be read back and checked (tests/test_plots_forest.py).

:func:`save_figure` writes each format with fixed metadata (no dates, no tool versions),
a fixed SVG hash salt, and through a temporary file in the destination directory renamed
into place, so a run produces the same bytes every time and never a half-written file.
"""

from __future__ import annotations

import io
import math
from collections.abc import Iterable
from functools import lru_cache
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.backends.backend_agg import RendererAgg  # noqa: E402
from matplotlib.font_manager import FontProperties, fontManager  # noqa: E402

from ..atomic import write_bytes  # noqa: E402

# Okabe-Ito
BLUE = "#0072B2"
VERMILLION = "#D55E00"
SKY = "#56B4E9"
ORANGE = "#E69F00"
GREEN = "#009E73"
PURPLE = "#CC79A7"
BLACK = "#000000"
GREY = "#999999"
TEXT_GREY = "#595959"  # grey text with enough contrast on white (7:1)

SETTING_COLOURS = {"initial": BLUE, "salvage": VERMILLION}

FONT = "DejaVu Sans"
FONT_SIZE = 8.5
PNG_DPI = 300
#: A PNG stays within about this many pixels: a 400-cohort forest plot at 300 dpi would be
#: 130 megapixels (15 MB), beyond what Pillow opens without a decompression-bomb warning
#: (89 Mpx) and slow to draw and to view; such a plot is rasterised at a lower resolution,
#: which :mod:`layout` measures its text at too.
MAX_PNG_PIXELS = 50_000_000

RC = {
    # SVG viewers without DejaVu Sans fall back to another sans-serif font
    "font.family": [FONT, "sans-serif"],
    "font.sans-serif": [FONT, "Bitstream Vera Sans", "Arial", "Helvetica", "Liberation Sans"],
    "font.size": FONT_SIZE,
    "text.parse_math": False,  # cohort names and notes are plain text, never mathtext
    "svg.fonttype": "none",
    "svg.hashsalt": "litmeta",
    "pdf.fonttype": 42,
    "ps.fonttype": 42,
    "axes.linewidth": 0.8,
    "xtick.labelsize": FONT_SIZE,
    "xtick.major.width": 0.8,
    "xtick.direction": "out",
    "lines.solid_capstyle": "butt",
    "path.simplify": False,
}
METADATA = {
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
    "png": {"Software": None},
}


def _prefer_bundled_fonts() -> None:
    """Put the fonts matplotlib ships first, so that a system copy of DejaVu Sans (another
    version, other metrics) never wins a tie in font matching: same glyphs on every machine."""
    data = Path(matplotlib.get_data_path()).resolve()

    def system(font) -> bool:
        try:
            return not Path(font.fname).resolve().is_relative_to(data)
        except (OSError, ValueError):
            return True

    fontManager.ttflist.sort(key=system)  # stable: keeps the order within each group
    cached = getattr(fontManager, "_findfont_cached", None)
    if cached is not None and hasattr(cached, "cache_clear"):
        cached.cache_clear()


#: OpenType layout tables (glyph substitution and positioning). matplotlib places every
#: glyph itself and a PDF viewer never reads them from an embedded font, yet subsetting them
#: was 70% of the cost of a PDF (fontTools decompiles DejaVu's large GPOS table each time).
UNUSED_IN_PDF = ("GSUB", "GPOS", "GDEF")


class _LeanSubsetting:
    """``fontTools.subset`` as matplotlib's PDF backend sees it, but with options that drop
    :data:`UNUSED_IN_PDF`: the embedded subsets are smaller, the glyphs and metrics the same.

    The tables are removed as soon as the font is loaded (:meth:`load_font`), not only by the
    subsetter's ``drop_tables``: since fontTools 4.6x the subsetter converts GSUB, GPOS and
    GDEF to their compact in-memory form, decompiling them, before it drops any table."""

    def __init__(self, module) -> None:
        self._module = module

    def __getattr__(self, name: str):
        return getattr(self._module, name)

    def Options(self, *args, **kwargs):  # noqa: N802  (the name matplotlib calls)
        options = self._module.Options(*args, **kwargs)
        options.drop_tables += [t for t in UNUSED_IN_PDF if t not in options.drop_tables]
        return options

    def load_font(self, font_file, options, *args, **kwargs):
        """The font, without the tables the subsetter would drop first, removed undecoded.
        The legacy ``kern`` table goes too where the subsetter drops it (a font with GPOS,
        ``legacy_kern`` off), so the subset is the one the subsetter alone would make."""
        font = self._module.load_font(font_file, options, *args, **kwargs)
        drop = [t for t in UNUSED_IN_PDF if t in options.drop_tables and t in font]
        if "GPOS" in drop and "kern" in font and not options.legacy_kern:
            drop.append("kern")
        for tag in drop:
            del font[tag]
        return font


#: font subsets kept per process, most recently used last (bytes, glyph map); the 36 PDFs
#: of the real review embed 159 subsets of which 65 differ
SUBSET_MEMO_SIZE = 512


class _MemoisedSubsets:
    """matplotlib's ``get_glyphs_subset`` remembering its results per (font file, face,
    glyph set) within the process: a subset depends on nothing else (fontTools' subsetter
    is deterministic and matplotlib's options are fixed), so a glyph set embedded again, in
    another PDF or another font size, costs no subsetting. The subset comes back as a font
    read from its saved bytes, not recomputed, so saving it again writes the same bytes
    (no timestamp or bounding box recalculated)."""

    def __init__(self, function) -> None:
        self.function = function
        self.memo: dict[tuple, tuple[bytes, dict]] = {}
        self.bases: dict[tuple, _BaseSubset | None] = {}

    def __call__(self, fontfile, glyphs):
        from fontTools.ttLib import TTFont
        from matplotlib.backends import _backend_pdf_ps

        glyphs = frozenset(glyphs)
        key = (str(fontfile), getattr(fontfile, "face_index", 0), glyphs)
        hit = self.memo.pop(key, None)
        if hit is None:
            hit = self._subset(fontfile, glyphs)
            while len(self.memo) >= SUBSET_MEMO_SIZE:
                self.memo.pop(next(iter(self.memo)))
        self.memo[key] = hit
        data, glyph_map = hit
        font = TTFont(io.BytesIO(data), recalcBBoxes=False, recalcTimestamp=False)
        return _backend_pdf_ps.SubsetResults(font, dict(glyph_map))._as_cm()

    def _subset(self, fontfile, glyphs: frozenset) -> tuple[bytes, dict]:
        """The subset's bytes and glyph map; from the font's :class:`_BaseSubset` where it
        holds every glyph asked for (the same bytes, in a third of the time), else from the
        font file."""
        from matplotlib.backends import _backend_pdf_ps

        key = (str(fontfile), getattr(fontfile, "face_index", 0))
        if key not in self.bases:
            self.bases[key] = _BaseSubset.of(self.function, fontfile)
        base = self.bases[key]
        if base is not None and glyphs <= base.to_base.keys() and glyphs & base.encoded:
            with self.function(base.file(), {base.to_base[g] for g in glyphs}) as result:
                data = _backend_pdf_ps.font_as_file(result.font).getvalue()
                return data, {base.to_font[g]: new for g, new in result.glyph_index_map.items()}
        with self.function(fontfile, glyphs) as result:
            return _backend_pdf_ps.font_as_file(result.font).getvalue(), dict(
                result.glyph_index_map
            )


#: Unicode blocks whose glyphs a :class:`_BaseSubset` holds: Latin (Basic, Latin-1,
#: Extended-A), Greek, punctuation, super- and subscripts, letterlike symbols, arrows,
#: mathematical operators and geometric shapes; 1,236 of DejaVu Sans' 6,241 glyphs
BASE_BLOCKS = (
    (0x0020, 0x017F),
    (0x0370, 0x03FF),
    (0x2000, 0x206F),
    (0x2070, 0x209F),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2200, 0x22FF),
    (0x25A0, 0x25FF),
)


class _BaseFile(io.BytesIO):
    """A font in memory, as ``subset.load_font`` reads a font file (``face_index``)."""

    face_index = 0


class _BaseSubset:
    """A font cut once to the glyphs of :data:`BASE_BLOCKS` (with the glyphs they are built
    from), from which a PDF's subsets are cut in turn. Subsetting a font spends most of its
    time reading every glyph of the font (``glyf``, ``hmtx``, ``post``); the base has a fifth
    of them. fontTools keeps glyphs in their order and recomputes every table from the glyphs
    kept, so a subset of the base is the subset of the font, byte for byte
    (tests/test_plot_encoding.py)."""

    def __init__(self, data: bytes, to_base: dict[int, int], encoded: set[int]) -> None:
        self.data = data
        self.to_base = to_base
        self.to_font = {b: g for g, b in to_base.items()}
        #: the glyphs a code point maps to: a subset with none of them has an empty cmap,
        #: and fontTools then keeps the font's OS/2 character range, which the base changed
        self.encoded = encoded

    @classmethod
    def of(cls, function, fontfile) -> _BaseSubset | None:
        from matplotlib.backends import _backend_pdf_ps
        from matplotlib.ft2font import FT2Font

        if getattr(fontfile, "face_index", 0) != 0:  # one face of a collection: the file
            return None
        try:
            charmap = FT2Font(str(fontfile)).get_charmap()
        except (OSError, RuntimeError, ValueError):
            return None
        glyphs = {0} | {
            gid for cp, gid in charmap.items() if any(a <= cp <= z for a, z in BASE_BLOCKS)
        }
        with function(fontfile, glyphs) as result:  # + the glyphs composites are built from
            glyphs = set(result.glyph_index_map)
        # asked for by id, every glyph keeps every code point of the font that maps to it (a
        # component reached only through a composite, such as Cyrillic Pe under Greek Pi,
        # keeps none), as it does in a subset cut from the font file
        with function(fontfile, glyphs) as result:
            data = _backend_pdf_ps.font_as_file(result.font).getvalue()
            return cls(data, dict(result.glyph_index_map), set(charmap.values()))

    def file(self) -> _BaseFile:
        return _BaseFile(self.data)


#: The (matplotlib, fontTools) versions the two replacements below were written and tested
#: for: the versions of requirements.lock. They reach into matplotlib's private
#: ``_backend_pdf_ps``, whose layout and whose use of fontTools can change in any release,
#: so with other versions matplotlib's own subsetting is left in place (same pictures, other
#: PDF bytes, as README.md's promise outside the locked environment says).
WRITTEN_FOR = (("3.11.2", "4.68.0"),)


def _installed_versions() -> tuple[str, str]:
    import fontTools

    return matplotlib.__version__, fontTools.version


def _lean_pdf_fonts() -> bool:
    """Route matplotlib's font subsetting (``backends._backend_pdf_ps.subset``) through
    :class:`_LeanSubsetting`, and remember each subset (:class:`_MemoisedSubsets`), with the
    versions of :data:`WRITTEN_FOR` only; True where it did."""
    if _installed_versions() not in WRITTEN_FOR:
        return False
    from matplotlib.backends import _backend_pdf_ps

    module = getattr(_backend_pdf_ps, "subset", None)
    if module is not None and not isinstance(module, _LeanSubsetting):
        _backend_pdf_ps.subset = _LeanSubsetting(module)
    function = getattr(_backend_pdf_ps, "get_glyphs_subset", None)
    laid_out = all(
        hasattr(_backend_pdf_ps, name) for name in ("font_as_file", "SubsetResults")
    ) and hasattr(getattr(_backend_pdf_ps, "SubsetResults", None), "_as_cm")
    if function is not None and laid_out and not isinstance(function, _MemoisedSubsets):
        _backend_pdf_ps.get_glyphs_subset = _MemoisedSubsets(function)
    return True


def apply() -> None:
    """Set the plotting defaults (idempotent)."""
    plt.rcParams.update(RC)
    _prefer_bundled_fonts()
    _lean_pdf_fonts()


apply()


def png_dpi(width_in: float, height_in: float) -> int:
    """300 dpi, or the highest whole dpi at which a ``width_in`` x ``height_in`` figure stays
    within :data:`MAX_PNG_PIXELS`."""
    return min(PNG_DPI, int(math.sqrt(MAX_PNG_PIXELS / (width_in * height_in))))


@lru_cache(maxsize=8)
def _renderer(dpi: int) -> RendererAgg:
    return RendererAgg(10, 10, dpi)


@lru_cache(maxsize=8192)
def text_width(
    text: str, size: float = FONT_SIZE, weight: str = "normal", dpi: int = PNG_DPI
) -> float:
    """Width of ``text`` in points as drawn in a PNG (hinted) at 300 dpi and at ``dpi``,
    whichever is wider (hinting makes some labels up to 5% wider at 150-220 dpi), plus 3% so
    that the unhinted SVG/PDF text fits too."""
    if not text:
        return 0.0
    prop = FontProperties(family=FONT, size=size, weight=weight)
    widths = [
        _renderer(d).get_text_width_height_descent(text, prop, ismath=False)[0] * 72.0 / d
        for d in sorted({PNG_DPI, dpi})
    ]
    return max(widths) * 1.03


def wrap(text: str, width_pt: float, size: float = FONT_SIZE, dpi: int = PNG_DPI) -> list[str]:
    """Greedy word wrap of ``text`` into lines no wider than ``width_pt`` (at 300 dpi and
    ``dpi``, see :func:`text_width`)."""
    lines: list[str] = []
    current = ""
    for word in (w for w in text.split(" ") if w):
        trial = f"{current} {word}" if current else word
        if current and text_width(trial, size, dpi=dpi) > width_pt:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines or [""]


#: The attribute :mod:`layout` sets on a figure whose PNG is drawn below 300 dpi.
PNG_DPI_ATTRIBUTE = "litmeta_png_dpi"


def save_figure(fig, stem: str | Path, formats: Iterable[str]) -> list[Path]:
    """Save ``fig`` as ``stem.<format>`` for each format, deterministically and atomically;
    close it. The PNG is drawn at 300 dpi, or at the lower dpi the layout was measured for
    (:data:`PNG_DPI_ATTRIBUTE`), or, for a figure that sets none (risk of bias, funnel,
    bubble), at the highest dpi within :data:`MAX_PNG_PIXELS` (a traffic-light plot of 1,000
    cohorts is 440 inches tall: 190 megapixels and 760 MB of pixel buffer at 300 dpi)."""
    stem = Path(stem)
    written = []
    png = getattr(fig, PNG_DPI_ATTRIBUTE, None) or png_dpi(*fig.get_size_inches())
    try:
        for fmt in formats:
            if fmt == "png":
                data = png_bytes(fig, png)
            else:
                buf = io.BytesIO()
                fig.savefig(buf, format=fmt, metadata=METADATA[fmt], dpi=PNG_DPI, **SAVE)
                data = buf.getvalue()
            path = stem.with_name(f"{stem.name}.{fmt}")
            write_bytes(path, data)
            written.append(path)
    finally:
        plt.close(fig)
    return written


#: what every format is saved with
SAVE = {"facecolor": "white"}


class _Buffer:
    """A file object for ``savefig(format="raw")`` that keeps what is written, the Agg
    renderer's pixel buffer itself (a memoryview), instead of a copy of it: a PNG then holds
    one buffer of the figure and its RGB conversion, not three (``raw`` bytes copied into a
    BytesIO, then out of it)."""

    data: memoryview | None = None

    def write(self, data) -> None:
        self.data = memoryview(data)

    def seek(self, *args) -> int:  # what matplotlib checks a file object by
        return 0


def png_bytes(fig, dpi: int) -> bytes:
    """``fig`` as a PNG at ``dpi``: the picture of ``fig.savefig(format="png")``, drawn by
    the same Agg renderer, but encoded by :func:`png.encode` (rows unfiltered, zlib level 1)
    and as RGB where every pixel is opaque (a white figure: always, for this package's
    plots). A figure with any transparent pixel keeps its alpha channel."""
    import numpy as np

    from . import png

    buf = _Buffer()
    try:
        fig.savefig(buf, format="raw", dpi=dpi, **SAVE)
        width, height = (int(x) for x in fig.get_size_inches() * dpi)
        if buf.data is None or buf.data.nbytes != width * height * 4:  # not the size computed
            out = io.BytesIO()
            fig.savefig(out, format="png", metadata=METADATA["png"], dpi=dpi, **SAVE)
            return out.getvalue()
        pixels = np.frombuffer(buf.data, dtype=np.uint8).reshape(height, width, 4)
        if pixels[:, :, 3].min() == 255:
            pixels = pixels[:, :, :3]
        return png.encode(pixels, dpi)
    finally:
        buf.data = None
        _forget_renderer(fig)


def _forget_renderer(fig) -> None:
    """Drop the references to the renderer that drew ``fig``'s PNG: the figure's Agg canvas
    keeps it for the next draw at the same size, and each text keeps the renderer that last
    drew it (``Text._renderer``); matplotlib makes or finds one again at the next draw. A
    figure is freed by the cyclic garbage collector, not when it is closed, and with the
    renderer it kept the PNG's pixel buffer (130 MB for a 34-megapixel forest page): a plot
    worker of a 500-paper review held three or four pages' buffers at once, 590 MB for one
    forest plot (issue 28)."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg
    from matplotlib.text import Text

    canvas = fig.canvas
    if isinstance(canvas, FigureCanvasAgg) and "renderer" in vars(canvas):
        del canvas.renderer  # get_renderer makes a new one: its size key is reset too
        vars(canvas).pop("_lastKey", None)
    for text in fig.findobj(Text):
        text._renderer = None
