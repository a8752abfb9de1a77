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
    """Draw ``spec``; return the matplotlib figure."""
    geo = _fitted_geometry(spec)
    widths, x_panel, x_right = geo.widths, geo.x_panel, geo.x_right
    width_pt, height_pt, top_pt, body_pt = geo.width_pt, geo.height_pt, geo.top_pt, geo.body_pt
    foot_pt, sub_lines, foot_lines = geo.foot_pt, geo.sub_lines, geo.foot_lines
    left = [c for c in spec.columns if c.side == "left"]
    right = [c for c in spec.columns if c.side == "right"]
    n = len(spec.lines)

    W, H = width_pt / 72.0, height_pt / 72.0
    fig = plt.figure(figsize=(W, H))
    if geo.dpi < style.PNG_DPI:
        setattr(fig, style.PNG_DPI_ATTRIBUTE, geo.dpi)
    ax = fig.add_axes(
        (
            x_panel / width_pt,
            (height_pt - top_pt - body_pt) / height_pt,
            spec.panel_pt / width_pt,
            body_pt / height_pt,
        )
    )
    ax.set_xlim(*spec.xlim)
    ax.set_ylim(max(n, 1) - 0.5, -0.5)
    ax.set_yticks([])
    for side in ("left", "right", "top"):
        ax.spines[side].set_visible(False)
    ax.set_xticks(spec.xticks, spec.xticklabels)
    ax.set_xlabel(spec.xlabel, fontsize=style.FONT_SIZE)
    ax.patch.set_alpha(0.0)
    if not spec.show_axis:
        ax.set_axis_off()

    inch = fig.dpi_scale_trans
    row = blended_transform_factory(inch, ax.transData)

    def x_in(pt: float) -> float:
        return pt / 72.0

    # title and subtitle
    y = height_pt - MARGIN_PT - TITLE_SIZE
    fig.text(
        x_in(MARGIN_PT),
        y / 72.0,
        spec.title,
        transform=inch,
        fontsize=TITLE_SIZE,
        fontweight="bold",
        va="baseline",
    )
    for i, text in enumerate(sub_lines):
        yy = (y - ROW_PT * (i + 1)) / 72.0
        fig.text(x_in(MARGIN_PT), yy, text, transform=inch, va="baseline", color=style.TEXT_GREY)

    # column x positions (points)
    xs: dict[str, float] = {}
    x = MARGIN_PT
    for c in left:
        xs[c.key] = x
        x += widths[c.key] + GAP_PT
    x = x_right
    for c in right:
        xs[c.key] = x
        x += widths[c.key] + GAP_PT

    def cell_x(col: Column) -> tuple[float, str]:
        if col.align == "right":
            return x_in(xs[col.key] + widths[col.key]), "right"
        return x_in(xs[col.key]), "left"

    # column headers, with a rule under them
    for col in spec.columns:
        cx, ha = cell_x(col)
        ax.text(
            cx,
            -1.05,
            col.header,
            transform=row,
            ha=ha,
            va="center",
            fontweight="bold",
            clip_on=False,
        )
    x_end = x_in(width_pt - MARGIN_PT)
    fig.add_artist(
        Line2D([x_in(MARGIN_PT), x_end], [-0.5, -0.5], transform=row, lw=0.7, color=style.BLACK)
    )

    for i, line in enumerate(spec.lines):
        colour = line.colour or (style.TEXT_GREY if line.grey else style.BLACK)
        kw = {
            "transform": row,
            "va": "center",
            "color": colour,
            "fontweight": _weight(line),
            "fontstyle": "italic" if line.italic else "normal",
            "clip_on": False,
        }
        if line.rule_above:
            fig.add_artist(
                Line2D(
                    [x_in(MARGIN_PT), x_end],
                    [i - 0.5, i - 0.5],
                    transform=row,
                    lw=0.4,
                    color=style.GREY,
                )
            )
        if line.span:
            ax.text(x_in(MARGIN_PT), i, line.span, ha="left", **kw, gid=_gid(line, "span"))
        for j, col in enumerate(spec.columns):
            text = line.cells.get(col.key, "")
            if not text:
                continue
            cx, ha = cell_x(col)
            if line.indent and j == 0 and ha == "left":
                cx += x_in(INDENT_PT)
            ax.text(cx, i, text, ha=ha, **kw, gid=_gid(line, col.key))
        if line.mark is not None:
            _draw_mark(ax, i, line.mark, spec.xlim)

    for band in spec.bands:
        ax.add_patch(
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
    for g in spec.guides:
        ax.vlines(
            g.x,
            g.first - 0.45,
            g.last + 0.45,
            colors=g.colour,
            linestyles=(0, (1, 2)),
            lw=0.8,
            zorder=1,
        )

    # footer below the axis label
    for k, text in enumerate(foot_lines):
        baseline = foot_pt - FOOT_SIZE * 1.45 * (k + 1) + FOOT_SIZE * 0.3
        fig.text(
            x_in(MARGIN_PT),
            baseline / 72.0,
            text,
            transform=inch,
            fontsize=FOOT_SIZE,
            color=style.TEXT_GREY,
            va="baseline",
        )
    return fig


def _gid(line: Line, key: str) -> str | None:
    return f"{line.gid}.{key}" if line.gid else None


#: mark kinds drawn as one matplotlib marker: kind -> (marker, edge width, always hollow)
_POINT_MARKERS = {
    "square": ("s", 0.8, False),
    "point": ("o", 0.9, False),
    "open_diamond": ("D", 0.9, True),
}


def _draw_mark(ax, y: float, m: Mark, xlim: tuple[float, float]) -> None:
    xmin, xmax = xlim
    face = "white" if m.hollow else m.colour
    if m.kind in ("square", "point") and m.lo is not None:
        lo = max(m.lo, xmin)
        hi = xmax if (m.hi is None and m.hi_open) else min(m.hi if m.hi is not None else lo, xmax)
        ax.hlines(y, lo, hi, colors=m.colour, lw=0.9, zorder=2)
        if (m.hi is None and m.hi_open) or (m.hi is not None and m.hi > xmax):
            ax.plot([xmax], [y], marker=">", ms=4, color=m.colour, clip_on=False, zorder=2)
        if m.lo < xmin:
            ax.plot([xmin], [y], marker="<", ms=4, color=m.colour, clip_on=False, zorder=2)
    if m.kind in _POINT_MARKERS and m.est is not None:
        marker, mew, always_hollow = _POINT_MARKERS[m.kind]
        ax.plot(
            [m.est],
            [y],
            marker=marker,
            ms=m.size,
            mfc="white" if always_hollow else face,
            mec=m.colour,
            mew=mew,
            zorder=3,
            clip_on=False,
        )
    elif m.kind == "diamond" and m.est is not None and m.lo is not None and m.hi is not None:
        h = 0.34
        ax.add_patch(
            Polygon(
                [(m.lo, y), (m.est, y - h), (m.hi, y), (m.est, y + h)],
                closed=True,
                facecolor=face,
                edgecolor=m.colour,
                lw=0.8,
                zorder=3,
            )
        )
    elif m.kind == "bar" and m.lo is not None and m.hi is not None:
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
        span=style.SETTING_LABELS.get(setting, setting),
        bold=True,
        colour=style.SETTING_COLOURS.get(setting, style.BLACK),
        rule_above=rule_above,
        gid=f"setting-{setting}",
    )
