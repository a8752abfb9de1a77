"""The table-beside-a-panel layout at any size: a plot too large for a 300-dpi PNG is
rasterised at a lower resolution, and its text is measured at that resolution, so that
cells still never overlap each other or the panel."""

from __future__ import annotations

import pytest
from matplotlib.backends.backend_agg import FigureCanvasAgg
from PIL import Image

from litmeta.plots import layout, style
from litmeta.plots.layout import Column, Line, Mark, Spec


def tall_spec(n: int) -> Spec:
    columns = [
        Column("name", "Cohort"),
        Column("events", "Events", align="right"),
        Column("est", "Proportion (95% CI)", align="right", side="right"),
        Column("weight", "Weight", align="right", side="right"),
    ]
    lines = [
        Line(
            cells={
                # widths that hinting changes most: repeated wide and narrow glyphs, digits
                "name": f"cohort{i:03d} {'m' * (i % 13)}{'i' * (i % 7)} initial",
                "events": f"{i % 97}/{i % 97 + 40}",
                "est": f"{i % 100}.{i % 10} ({i % 50}.1\u2013{i % 90 + 10}.9)",
                "weight": f"{(i % 71) / 7:.1f}%",
            },
            mark=Mark("square", 0.3, 0.2, 0.4),
            gid=f"row{i}",
        )
        for i in range(n)
    ]
    return Spec(
        "A tall forest plot",
        "Subtitle",
        columns,
        lines,
        (0.0, 1.0),
        [0.0, 0.5, 1.0],
        ["0", "50", "100"],
        "Percent",
    )


def test_small_plots_keep_300_dpi():
    fig = layout.render(tall_spec(40))
    assert not hasattr(fig, style.PNG_DPI_ATTRIBUTE)


@pytest.fixture(scope="module")
def tall():
    """A 700-row plot, laid out once for the module: (spec, figure). Saving it (which closes
    it in pyplot) and measuring it leave its layout as it is."""
    spec = tall_spec(700)
    return spec, layout.render(spec)


@pytest.mark.e2e  # slow (a PNG encoded at the pixel budget: ~5 s), left out of the fast loop
def test_tall_plot_png_stays_within_the_pixel_budget(tall, tmp_path):
    _spec, fig = tall
    dpi = getattr(fig, style.PNG_DPI_ATTRIBUTE)
    assert 100 < dpi < style.PNG_DPI
    (png,) = style.save_figure(fig, tmp_path / "tall", ["png"])
    with Image.open(png) as im:
        width, height = im.size
        assert round(im.info["dpi"][0]) == dpi
    # measured again at the lower dpi, the columns grow a little: about the budget
    assert width * height <= style.MAX_PNG_PIXELS * 1.05


def _cells_fit(spec: Spec, fig) -> None:
    """Every cell, as Agg draws it at the PNG's dpi, is no wider than its column; the cells
    of a row do not overlap and stay clear of the panel."""
    dpi = getattr(fig, style.PNG_DPI_ATTRIBUTE)
    widths = layout._fitted_geometry(spec).widths
    fig.set_dpi(dpi)
    renderer = FigureCanvasAgg(fig).get_renderer()  # Agg, as the PNG is drawn (also once closed)
    (panel,) = fig.axes
    panel_x0, panel_x1 = panel.get_window_extent(renderer).intervalx
    rows: dict[str, list] = {}
    for text in panel.texts:
        gid = text.get_gid()
        if gid and gid.startswith("row"):
            row, key = gid.split(".")
            box = text.get_window_extent(renderer)
            assert box.width <= widths[key] * dpi / 72.0, (gid, text.get_text(), dpi)
            rows.setdefault(row, []).append(box)
    assert len(rows) == len(spec.lines)
    for row, boxes in rows.items():
        boxes.sort(key=lambda b: b.x0)
        for a, b in zip(boxes, boxes[1:], strict=False):
            assert a.x1 <= b.x0, row
        assert sum(b.x1 <= panel_x0 for b in boxes) == 2, row  # name, events: left block
        assert sum(b.x0 >= panel_x1 for b in boxes) == 2, row  # estimate, weight: right


@pytest.mark.e2e  # slow (a 700-row plot laid out: ~3 s), left out of the fast loop
def test_cells_fit_their_columns_at_the_lower_resolution(tall):
    _cells_fit(*tall)


def test_text_is_measured_at_the_resolution_it_is_drawn_at(monkeypatch):
    """Hinted at 123 dpi, "100/404" is 10% wider than at 300 dpi, more than the 3% the
    measurement adds: a column of such counts is measured at the dpi of its PNG."""
    spec = tall_spec(60)
    for line in spec.lines:
        line.cells["events"] = "100/404"
    first = layout._geometry(spec, style.PNG_DPI)
    budget = int(123.5**2 * (first.width_pt / 72.0) * (first.height_pt / 72.0))
    monkeypatch.setattr(style, "MAX_PNG_PIXELS", budget)
    fig = layout.render(spec)
    assert getattr(fig, style.PNG_DPI_ATTRIBUTE) == 123
    _cells_fit(spec, fig)
