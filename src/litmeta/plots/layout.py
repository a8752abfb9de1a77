"""A table beside an interval panel: the shape shared by the forest, sensitivity and
leave-one-out plots.

A :class:`Spec` lists text columns (left or right of the panel) and lines; each line has
its cells, optionally a text that spans the left block (headings, heterogeneity), and
optionally a :class:`Mark` drawn in the panel (square sized by weight, diamond for a
pooled estimate, bar for a prediction interval, point).  Column widths are measured from
the text itself (:func:`style.text_width`), the figure height from the number of lines, so
long cohort names and notes never overlap the panel or each other.
"""

from __future__ import annotations

from dataclasses import dataclass, field

import matplotlib.pyplot as plt
from matplotlib.lines import Line2D
from matplotlib.patches import Polygon, Rectangle
from matplotlib.transforms import blended_transform_factory

from ..protocol import SETTING_LABELS
from . import style

ROW_PT = 13.5  # height of one line
GAP_PT = 10.0  # between text columns
PANEL_GAP_PT = 14.0  # between the text blocks and the panel
MARGIN_PT = 12.0
INDENT_PT = 9.0
TITLE_SIZE = 10.0
FOOT_SIZE = 7.5


@dataclass
class Column:
    key: str
    header: str
    align: str = "left"  # left, right
    side: str = "left"  # left or right of the panel


@dataclass
class Mark:
    kind: str  # square, diamond, point, bar, open_diamond
    est: float | None
    lo: float | None = None
    hi: float | None = None
    hi_open: bool = False  # upper bound not estimable (NE): line runs on with an arrow
    size: float = 6.0  # marker side in points (square, point)
    colour: str = style.BLACK
    hollow: bool = False


@dataclass
class Line:
    cells: dict[str, str] = field(default_factory=dict)
    span: str | None = None
    mark: Mark | None = None
    bold: bool = False
    italic: bool = False
    grey: bool = False
    colour: str | None = None
    indent: bool = False
    rule_above: bool = False
    gid: str | None = None  # SVG group id of the line's texts (for tests and readers)


@dataclass
class Guide:
    """A dotted vertical line at ``x`` over lines ``first``..``last``."""

    x: float
    first: int
    last: int
    colour: str


@dataclass
class Band:
    """A shaded vertical band from ``lo`` to ``hi`` over lines ``first``..``last``."""

    lo: float
    hi: float
    first: int
    last: int
    colour: str


@dataclass
class Spec:
    title: str
    subtitle: str
    columns: list[Column]
    lines: list[Line]
    xlim: tuple[float, float]
    xticks: list[float]
    xticklabels: list[str]
    xlabel: str
    footer: list[str] = field(default_factory=list)
    guides: list[Guide] = field(default_factory=list)
    bands: list[Band] = field(default_factory=list)
    panel_pt: float = 200.0
    show_axis: bool = True  # False: a figure that only says why there is nothing to plot


def _weight(line: Line) -> str:
    return "bold" if line.bold else "normal"


def _column_widths(spec: Spec, dpi: int) -> dict[str, float]:
    widths = {}
    first_left = next((c.key for c in spec.columns if c.side == "left"), None)
    for col in spec.columns:
        w = style.text_width(col.header, weight="bold", dpi=dpi)
        for line in spec.lines:
            text = line.cells.get(col.key, "")
            extra = INDENT_PT if (line.indent and col.key == first_left) else 0.0
            w = max(w, style.text_width(text, weight=_weight(line), dpi=dpi) + extra)
        widths[col.key] = w
    return widths


@dataclass(frozen=True)
class _Geometry:
    """Where everything goes, in points, for text measured at ``dpi``."""

    dpi: int
    widths: dict[str, float]
    x_panel: float
    x_right: float
    width_pt: float
    height_pt: float
    top_pt: float
    body_pt: float
    foot_pt: float
    sub_lines: list[str]
    foot_lines: list[str]


def _geometry(spec: Spec, dpi: int) -> _Geometry:
    widths = _column_widths(spec, dpi)
    left = [c for c in spec.columns if c.side == "left"]
    right = [c for c in spec.columns if c.side == "right"]
    left_w = sum(widths[c.key] for c in left) + GAP_PT * max(len(left) - 1, 0)
    span_w = max(
        (style.text_width(ln.span, weight=_weight(ln), dpi=dpi) for ln in spec.lines if ln.span),
        default=0.0,
    )
    # a spanning text (heading, heterogeneity) may run on over the panel, whose row is empty,
    # but must end before the right block: widen the first column when it would not
    need = span_w + GAP_PT - spec.panel_pt - 2 * PANEL_GAP_PT
    if left and need > left_w:
        widths[left[0].key] += need - left_w
        left_w = need
    right_w = sum(widths[c.key] for c in right) + GAP_PT * max(len(right) - 1, 0)

    x_panel = MARGIN_PT + left_w + PANEL_GAP_PT
    x_right = x_panel + spec.panel_pt + PANEL_GAP_PT
    width_pt = x_right + right_w + MARGIN_PT
    title_w = style.text_width(spec.title, TITLE_SIZE, "bold", dpi)
    width_pt = max(width_pt, 2 * MARGIN_PT + title_w)

    text_w = width_pt - 2 * MARGIN_PT
    sub_lines = style.wrap(spec.subtitle, text_w, dpi=dpi) if spec.subtitle else []
    foot_lines: list[str] = []
    for note in spec.footer:
        foot_lines += style.wrap(note, text_w, FOOT_SIZE, dpi)

    top_pt = MARGIN_PT + TITLE_SIZE * 1.5 + ROW_PT * len(sub_lines) + ROW_PT * 1.6
    body_pt = ROW_PT * max(len(spec.lines), 1)
    axis_pt = ROW_PT * (2.8 if spec.show_axis else 0.5)
    foot_pt = FOOT_SIZE * 1.45 * len(foot_lines) + MARGIN_PT
    height_pt = top_pt + body_pt + axis_pt + foot_pt
    return _Geometry(
        dpi,
        widths,
        x_panel,
        x_right,
        width_pt,
        height_pt,
        top_pt,
        body_pt,
        foot_pt,
        sub_lines,
        foot_lines,
    )


def _fitted_geometry(spec: Spec) -> _Geometry:
    """The geometry at 300 dpi; for a figure too large for a 300-dpi PNG
    (:data:`style.MAX_PNG_PIXELS`), measured again at the dpi its PNG will be drawn at."""
    geo = _geometry(spec, style.PNG_DPI)
    dpi = style.png_dpi(geo.width_pt / 72.0, geo.height_pt / 72.0)
    return geo if dpi >= style.PNG_DPI else _geometry(spec, dpi)


def render(spec: Spec):
    """Draw ``spec``; return the matplotlib figure. The parts are drawn in a fixed order
    (title, column headers, lines, bands and guides, footer), which fixes the order of the
    elements in the SVG and so its bytes."""
    drawing = _Drawing.start(spec, _fitted_geometry(spec))
    drawing.title()
    drawing.headers()
    for i, line in enumerate(spec.lines):
        drawing.line(i, line)
    drawing.bands_and_guides()
    drawing.footer()
    return drawing.fig


def _x_in(pt: float) -> float:
    """Points to inches (the figure's coordinates)."""
    return pt / 72.0


def _figure(spec: Spec, geo: _Geometry):
    """The figure sized by ``geo`` and the interval panel's axes (x axis only)."""
    width_pt, height_pt = geo.width_pt, geo.height_pt
    fig = plt.figure(figsize=(width_pt / 72.0, height_pt / 72.0))
    if geo.dpi < style.PNG_DPI:
        setattr(fig, style.PNG_DPI_ATTRIBUTE, geo.dpi)
    ax = fig.add_axes(
        (
            geo.x_panel / width_pt,
            (height_pt - geo.top_pt - geo.body_pt) / height_pt,
            spec.panel_pt / width_pt,
            geo.body_pt / height_pt,
        )
    )
    ax.set_xlim(*spec.xlim)
    ax.set_ylim(max(len(spec.lines), 1) - 0.5, -0.5)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(spec.xticks, spec.xticklabels)
    ax.set_xlabel(spec.xlabel, fontsize=style.FONT_SIZE)
    ax.patch.set_alpha(0.0)
    if not spec.show_axis:
        ax.set_axis_off()
    return fig, ax


def _column_x(spec: Spec, geo: _Geometry) -> dict[str, float]:
    """Left edge of each text column (points): the left block from the margin, the right
    block after the panel."""
    xs: dict[str, float] = {}
    for side, start in (("left", MARGIN_PT), ("right", geo.x_right)):
        x = start
        for c in spec.columns:
            if c.side == side:
                xs[c.key] = x
                x += geo.widths[c.key] + GAP_PT
    return xs


@dataclass
class _Drawing:
    """A figure being drawn from ``spec``: texts placed in inches across (``inch``) and in
    lines down (``row``: y is the line number of the panel's data coordinates)."""

    spec: Spec
    geo: _Geometry
    fig: object
    ax: object
    xs: dict[str, float]

    @classmethod
    def start(cls, spec: Spec, geo: _Geometry) -> _Drawing:
        fig, ax = _figure(spec, geo)
        return cls(spec, geo, fig, ax, _column_x(spec, geo))

    @property
    def inch(self):
        return self.fig.dpi_scale_trans

    @property
    def row(self):
        return blended_transform_factory(self.inch, self.ax.transData)

    def cell_x(self, col: Column) -> tuple[float, str]:
        """x (inches) and horizontal alignment of the texts of ``col``."""
        if col.align == "right":
            return _x_in(self.xs[col.key] + self.geo.widths[col.key]), "right"
        return _x_in(self.xs[col.key]), "left"

    def rule(self, y: float, lw: float, colour: str) -> None:
        """A horizontal rule across the figure's text width at line position ``y``."""
        x_end = _x_in(self.geo.width_pt - MARGIN_PT)
        self.fig.add_artist(
            Line2D([_x_in(MARGIN_PT), x_end], [y, y], transform=self.row, lw=lw, color=colour)
        )

    def title(self) -> None:
        """The bold title, then the wrapped subtitle lines in grey."""
        y = self.geo.height_pt - MARGIN_PT - TITLE_SIZE
        self.fig.text(
            _x_in(MARGIN_PT),
            y / 72.0,
            self.spec.title,
            transform=self.inch,
            fontsize=TITLE_SIZE,
            fontweight="bold",
            va="baseline",
        )
        for i, text in enumerate(self.geo.sub_lines):
            yy = (y - ROW_PT * (i + 1)) / 72.0
            self.fig.text(
                _x_in(MARGIN_PT),
                yy,
                text,
                transform=self.inch,
                va="baseline",
                color=style.TEXT_GREY,
            )

    def headers(self) -> None:
        """The column headers, with a rule under them."""
        for col in self.spec.columns:
            cx, ha = self.cell_x(col)
            self.ax.text(
                cx,
                -1.05,
                col.header,
                transform=self.row,
                ha=ha,
                va="center",
                fontweight="bold",
                clip_on=False,
            )
        self.rule(-0.5, 0.7, style.BLACK)

    def line(self, i: int, line: Line) -> None:
        """Line ``i``: its rule above, spanning text, cells and mark."""
        colour = line.colour or (style.TEXT_GREY if line.grey else style.BLACK)
        kw = {
            "transform": self.row,
            "va": "center",
            "color": colour,
            "fontweight": _weight(line),
            "fontstyle": "italic" if line.italic else "normal",
            "clip_on": False,
        }
        if line.rule_above:
            self.rule(i - 0.5, 0.4, style.GREY)
        if line.span:
            self.ax.text(_x_in(MARGIN_PT), i, line.span, ha="left", **kw, gid=_gid(line, "span"))
        for j, col in enumerate(self.spec.columns):
            text = line.cells.get(col.key, "")
            if not text:
                continue
            cx, ha = self.cell_x(col)
            if line.indent and j == 0 and ha == "left":
                cx += _x_in(INDENT_PT)
            self.ax.text(cx, i, text, ha=ha, **kw, gid=_gid(line, col.key))
        if line.mark is not None:
            _draw_mark(self.ax, i, line.mark, self.spec.xlim)

    def bands_and_guides(self) -> None:
        """Shaded bands, then dotted guides, each over its lines of the panel."""
        for band in self.spec.bands:
            self.ax.add_patch(
                Rectangle(
                    (band.lo, band.first - 0.5),
                    band.hi - band.lo,
                    band.last - band.first + 1,
                    facecolor=band.colour,
                    alpha=0.12,
                    edgecolor="none",
                    zorder=0,
                )
            )
        for g in self.spec.guides:
            self.ax.vlines(
                g.x,
                g.first - 0.45,
                g.last + 0.45,
                colors=g.colour,
                linestyles=(0, (1, 2)),
                lw=0.8,
                zorder=1,
            )

    def footer(self) -> None:
        """The footer lines, below the axis label."""
        for k, text in enumerate(self.geo.foot_lines):
            baseline = self.geo.foot_pt - FOOT_SIZE * 1.45 * (k + 1) + FOOT_SIZE * 0.3
            self.fig.text(
                _x_in(MARGIN_PT),
                baseline / 72.0,
                text,
                transform=self.inch,
                fontsize=FOOT_SIZE,
                color=style.TEXT_GREY,
                va="baseline",
            )


def _gid(line: Line, key: str) -> str | None:
    return f"{line.gid}.{key}" if line.gid else None


def _draw_mark(ax, y: float, m: Mark, xlim: tuple[float, float]) -> None:
    """The mark of one line: its interval (squares and points), then its symbol."""
    if m.kind in ("square", "point") and m.lo is not None:
        _interval(ax, y, m, xlim)
    draw = _SYMBOLS.get(m.kind)
    if draw is not None:
        draw(ax, y, m)


def _interval(ax, y: float, m: Mark, xlim: tuple[float, float]) -> None:
    """A CI line clipped to the panel, with an arrow where it runs off it (or is open, NE)."""
    xmin, xmax = xlim
    lo = max(m.lo, xmin)
    hi = xmax if (m.hi is None and m.hi_open) else min(m.hi if m.hi is not None else lo, xmax)
    ax.hlines(y, lo, hi, colors=m.colour, lw=0.9, zorder=2)
    if (m.hi is None and m.hi_open) or (m.hi is not None and m.hi > xmax):
        ax.plot([xmax], [y], marker=">", ms=4, color=m.colour, clip_on=False, zorder=2)
    if m.lo < xmin:
        ax.plot([xmin], [y], marker="<", ms=4, color=m.colour, clip_on=False, zorder=2)


def _marker(shape: str, mew: float, always_hollow: bool = False):
    """A symbol drawn as a matplotlib marker at the estimate."""

    def draw(ax, y: float, m: Mark) -> None:
        if m.est is None:
            return
        face = "white" if (m.hollow or always_hollow) else m.colour
        ax.plot(
            [m.est],
            [y],
            marker=shape,
            ms=m.size,
            mfc="white" if always_hollow else face,
            mec=m.colour,
            mew=mew,
            zorder=3,
            clip_on=False,
        )

    return draw


def _diamond(ax, y: float, m: Mark) -> None:
    """A pooled estimate: a diamond spanning its CI."""
    if m.est is None or m.lo is None or m.hi is None:
        return
    h = 0.34
    ax.add_patch(
        Polygon(
            [(m.lo, y), (m.est, y - h), (m.hi, y), (m.est, y + h)],
            closed=True,
            facecolor="white" if m.hollow else m.colour,
            edgecolor=m.colour,
            lw=0.8,
            zorder=3,
        )
    )


def _bar(ax, y: float, m: Mark) -> None:
    """A prediction interval: a shaded bar with its outline."""
    if m.lo is None or m.hi is None:
        return
    ax.add_patch(
        Rectangle(
            (m.lo, y - 0.13),
            m.hi - m.lo,
            0.26,
            facecolor=m.colour,
            alpha=0.35,
            edgecolor="none",
            zorder=2,
        )
    )
    ax.add_patch(
        Rectangle(
            (m.lo, y - 0.13),
            m.hi - m.lo,
            0.26,
            facecolor="none",
            edgecolor=m.colour,
            lw=0.8,
            zorder=3,
        )
    )


#: How each kind of :class:`Mark` draws its symbol.
_SYMBOLS = {
    "square": _marker("s", 0.8),
    "point": _marker("o", 0.9),
    "open_diamond": _marker("D", 0.9, always_hollow=True),
    "diamond": _diamond,
    "bar": _bar,
}


def nice_upper(x: float, steps: tuple[float, ...]) -> float:
    """Smallest value of ``steps`` (then multiples of the last) that is >= x."""
    for s in steps:
        if x <= s + 1e-12:
            return s
    last = steps[-1]
    k = 2
    while last * k < x:
        k += 1
    return last * k


def note_line(column: str, text: str) -> Line:
    """An indented grey italic line in ``column``: why a setting shows no rows."""
    return Line(cells={column: text}, italic=True, grey=True, indent=True)


def setting_header(setting: str, rule_above: bool) -> Line:
    """The coloured, bold line that opens a setting's block in every plot."""
    return Line(
        span=SETTING_LABELS.get(setting, setting),
        bold=True,
        colour=style.SETTING_COLOURS.get(setting, style.BLACK),
        rule_above=rule_above,
        gid=f"setting-{setting}",
    )
