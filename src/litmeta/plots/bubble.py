"""Bubble plots of the meta-regressions (results/plots/bubble_<moderator>.*): per fitted pool,
each cohort's observed logit proportion against the moderator (bubble area proportional to
n), with the fitted line (numeric moderator) or the fitted level means (categorical). With no
pool at the protocol's minimum k the figure says so (the real review pools at most 4 cohorts),
so the file always exists. Rows and reasons: results/meta_regression.csv.
"""

from __future__ import annotations

import numpy as np

from .. import fmt
from . import style
from .panels import grid as panel_grid
from .panels import notice
from .style import SETTING_COLOURS


def _logit(events: list[float], n: list[float]) -> np.ndarray:
    x, m = np.asarray(events), np.asarray(n)
    return np.log((x + 0.5) / (m - x + 0.5))  # 0.5 added so that 0 and n events show


def figure(moderator: str, panels: list[dict], min_k: int, largest: int):
    if not panels:
        why = (
            f"no pool reaches the protocol's minimum of {min_k} cohorts;\n"
            f"the largest pool here has {largest}"
            if largest < min_k
            else f"no pool of at least {min_k} cohorts could be fitted"
        )
        return notice(
            f"No meta-regression on {moderator}: {why} "
            "(results/meta_regression.csv says why per pool).",
        )
    fig, axes = panel_grid(len(panels))
    for ax, p in zip(axes.flat, panels, strict=False):
        y = _logit(p["events"], p["n"])
        size = 200 * np.asarray(p["n"]) / max(p["n"])
        colour = SETTING_COLOURS.get(p["setting"], style.BLACK)
        b = p["coef"]
        if p["numeric"]:
            x = np.array([float(v) for v in p["values"]])
            xs = np.array([x.min(), x.max()])
            ax.plot(xs, b[0] + b[1] * (xs - p["centre"]), color=style.BLACK, lw=0.8)
        else:
            levels = sorted(set(p["values"]))
            pos = {lev: i for i, lev in enumerate(levels)}
            x = np.array([pos[v] for v in p["values"]], dtype=float)
            fitted = [b[0]] + [b[0] + c for c in b[1:]]
            ax.scatter(range(len(levels)), fitted, marker="_", s=400, color=style.BLACK)
            ax.set_xticks(range(len(levels)), levels, rotation=30, ha="right", fontsize=7)
        ax.scatter(x, y, s=size, color=colour, alpha=0.6, edgecolors=style.BLACK, lw=0.4)
        ax.set_xlabel(moderator)
        ax.set_ylabel("logit proportion")
        ax.set_title(
            f"{p['endpoint']} \u00b7 {p['setting']} (k = {len(y)})\nQ\u2098 {fmt.p(p['qm_p'])}",
            fontsize=8.5,
        )
    fig.tight_layout()
    return fig


def render(
    moderator: str,
    panels: list[dict],
    min_k: int,
    largest: int,
    stem,
    formats=("svg", "png", "pdf"),
):
    return style.save_figure(figure(moderator, panels, min_k, largest), stem, formats)
