"""Plots of the synthesis: forest plots, sensitivity plots and leave-one-out plots.

=================  ==========================================================================
module             what
=================  ==========================================================================
``style``          palette (Okabe-Ito), fonts, text measurement, deterministic atomic savefig
``fmt``            number formatting shared by the plots and the report (one source of truth)
``data``           the result tables, read once and sliced per endpoint and setting
``layout``         a generic "text columns + interval panel" figure (rows, squares, diamonds)
``forest``         forest plot per endpoint (primary analysis, both settings)
``sensitivity``    every analysis of pooled.csv for one endpoint, primary highlighted
``loo``            leave-one-out estimates for one endpoint
=================  ==========================================================================

:func:`render_endpoint` draws the three plots of one endpoint in one process, in SVG, PNG
(300 dpi) and PDF, with fixed metadata so that the bytes depend only on the inputs.
"""

from __future__ import annotations

from pathlib import Path

KINDS = ("forest", "sensitivity", "loo")
FORMATS = ("svg", "png", "pdf")


def render_endpoint(
    endpoint: str,
    tables: object,
    out_dir: str | Path,
    kinds: tuple[str, ...] = KINDS,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Draw the ``kinds`` plots of ``endpoint`` from ``tables`` (:class:`data.Tables`) into
    ``out_dir/<kind>_<endpoint>.<format>``; return the paths written."""
    from . import forest, loo, sensitivity
    from .style import save_figure

    builders = {"forest": forest.figure, "sensitivity": sensitivity.figure, "loo": loo.figure}
    written: list[Path] = []
    for kind in kinds:
        fig = builders[kind](endpoint, tables)
        written += save_figure(fig, Path(out_dir) / f"{kind}_{endpoint}", formats)
    return written
