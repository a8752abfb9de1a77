"""The two shapes the small-multiple plots (funnel, bubble) share: a one-line notice where
there is nothing to draw, and a grid of panels with the unused cells hidden."""

from __future__ import annotations

import math

import matplotlib.pyplot as plt

from . import style

COLUMNS = 3
PANEL_IN = (3.2, 2.8)


def notice(text: str) -> plt.Figure:
    fig = plt.figure(figsize=(6.4, 1.3))
    fig.text(0.5, 0.5, text, ha="center", va="center", color=style.TEXT_GREY)
    return fig


def grid(n: int) -> tuple[plt.Figure, object]:
    """A figure of ``n`` panels, ``COLUMNS`` to a row; returns it and its axes array."""
    rows = math.ceil(n / COLUMNS)
    cols = min(COLUMNS, n)
    fig, axes = plt.subplots(
        rows, cols, figsize=(PANEL_IN[0] * cols, PANEL_IN[1] * rows), squeeze=False
    )
    for ax in axes.flat[n:]:
        ax.set_visible(False)
    return fig, axes
