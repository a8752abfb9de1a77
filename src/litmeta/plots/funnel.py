"""Funnel plots of the pools with k >= 10 cohorts (results/plots/funnel.*): each cohort's
effect on the analysis scale (logit proportion or log median) against its standard error
(inverted axis), the fixed-effect estimate and its pseudo 95% confidence limits, and the
Egger and Peters p-values of results/small_study_tests.csv in the panel title. With no such
pool the figure says so (the real review pools at most 4 cohorts), so the file always exists.
"""

from __future__ import annotations

import numpy as np

from .. import fmt
from ..tables import Row, Tables, num
from . import style
from .panels import grid as panel_grid
from .panels import notice
from .style import SETTING_COLOURS


def _title(endpoint: str, setting: str, k: int, tests: dict[str, Row]) -> str:
    parts = [f"{endpoint} \u00b7 {setting} (k = {k})"]
    ps = [
        f"{name.capitalize()} {fmt.p(num(tests[name]['p']))}"
        for name in ("egger", "peters")
        if name in tests
    ]
    return "\n".join(parts + ([", ".join(ps)] if ps else []))


def figure(tables: Tables, small_study: list[Row], min_k: int = 10):
    """One panel per pool whose tests were run (``assessed`` true)."""
    from ..certainty.tables import effects, pool_cohorts

    by_pool: dict[tuple[str, str], dict[str, Row]] = {}
    for r in small_study:
        if r["assessed"] == "true":
            by_pool.setdefault((r["endpoint"], r["setting"]), {})[r["test"]] = r
    pools = [
        p
        for p in tables.pooled
        if p["analysis"] == "primary" and (p["endpoint"], p["setting"]) in by_pool
    ]
    if not pools:
        largest = max((int(num(r["k"])) for r in small_study), default=0)
        return notice(
            f"No funnel plot: funnel plots and Egger's test need a pool of at least {min_k} "
            "cohorts;\n"
            f"the largest pool here has {largest} (results/small_study_tests.csv).",
        )
    fig, axes = panel_grid(len(pools))
    for ax, p in zip(axes.flat, pools, strict=False):
        endpoint, setting = p["endpoint"], p["setting"]
        cohorts = pool_cohorts(tables, p)
        yi, vi, _ = effects(endpoint, cohorts)
        se = np.sqrt(vi)
        w = 1.0 / vi
        fixed = float(np.sum(w * yi) / np.sum(w))
        top = float(se.max()) * 1.05
        ys = np.array([0.0, top])
        ax.fill_betweenx(ys, fixed - 1.96 * ys, fixed + 1.96 * ys, color="#eeeeee", lw=0)
        ax.plot(fixed - 1.96 * ys, ys, color=style.GREY, lw=0.8, ls="--")
        ax.plot(fixed + 1.96 * ys, ys, color=style.GREY, lw=0.8, ls="--")
        ax.axvline(fixed, color=style.BLACK, lw=0.8)
        ax.scatter(yi, se, s=14, color=SETTING_COLOURS.get(setting, style.BLACK), zorder=3)
        ax.set_ylim(top, 0)
        ax.set_ylabel("standard error")
        ax.set_xlabel("log(median)" if fmt.is_median(endpoint) else "logit proportion")
        ax.set_title(
            _title(endpoint, setting, len(cohorts), by_pool[(endpoint, setting)]), fontsize=8.5
        )
    fig.tight_layout()
    return fig


def render(
    tables: Tables, small_study: list[Row], stem, formats=("svg", "png", "pdf"), min_k: int = 10
):
    return style.save_figure(figure(tables, small_study, min_k), stem, formats)
