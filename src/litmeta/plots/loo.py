"""Leave-one-out plot of one endpoint: the primary estimate omitting each pooled cohort in
turn (results/leave_one_out.csv, settings with k >= 3), beside the primary estimate with all
cohorts.  An endpoint without leave-one-out rows gets a figure that says so, so that every
endpoint has the same set of plots.  Like the forest plot, a setting with more refits than
fit a page (``forest_page_cohorts``) is split into pages (``loo_<endpoint>_page<N>``), each
with the estimate from all cohorts, so that a page's size and drawing cost stay bounded."""

from __future__ import annotations

import math

from .. import fmt
from ..tables import Tables, num
from . import PAGE_COHORTS, layout, style
from .forest import axis_fields

#: the tables beside analysis and pooled that this plot draws (its cache key: plots.plot_key)
KEY_TABLES = ("loo",)
#: the table whose rows of the endpoint this plot's drawing time grows with
COST_TABLE = "loo"


def pages(endpoint: str, tables: Tables, per_page: int = PAGE_COHORTS) -> int:
    """Pages of the leave-one-out plot of ``endpoint``: enough for its largest setting."""
    most = max(
        (len(tables.loo_rows(endpoint, s)) for s in tables.plot_settings(endpoint)), default=0
    )
    return max(1, math.ceil(most / per_page))


def figure(endpoint: str, tables: Tables, page: int = 1, per_page: int = PAGE_COHORTS):
    return layout.render(spec(endpoint, tables, page, per_page))


def spec(endpoint: str, tables: Tables, page: int = 1, per_page: int = PAGE_COHORTS) -> layout.Spec:
    """Page ``page`` (from 1): refits ``per_page * (page - 1)`` to ``per_page * page`` of each
    setting (by omitted cohort), after the setting's estimate from all cohorts."""
    n_pages = pages(endpoint, tables, per_page)
    est_header = "Median (95% CI)" if fmt.is_median(endpoint) else "% (95% CI)"
    columns = [
        layout.Column("label", "Cohorts pooled"),
        layout.Column("k", "k", "right"),
        layout.Column("est", est_header, "right", "right"),
        layout.Column("tau2", fmt.TAU2, "right", "right"),
        layout.Column("i2", fmt.I2, "right", "right"),
    ]
    lines: list[layout.Line] = []
    bands: list[layout.Band] = []
    guides: list[layout.Guide] = []
    his: list[float] = []
    for setting in tables.plot_settings(endpoint):
        rows = tables.loo_rows(endpoint, setting)
        primary = tables.pooled_row("primary", endpoint, setting)
        if not rows or primary is None:
            continue
        colour = style.SETTING_COLOURS.get(setting, style.BLACK)
        lines.append(layout.setting_header(setting, rule_above=bool(lines)))
        rows = sorted(rows, key=lambda r: r["omitted_cohort"])
        if n_pages > 1:
            on_page = rows[per_page * (page - 1) : per_page * page]
            if not on_page:
                lines.append(layout.note_line("label", f"all {len(rows)} refits on earlier pages"))
                continue
            rows = on_page
        first = len(lines)
        k = int(num(primary["k"]))
        p_est, p_lo, p_hi = (num(primary[c]) for c in ("estimate", "ci_low", "ci_high"))
        lines.append(
            layout.Line(
                cells={
                    "label": "All cohorts (primary analysis)",
                    "k": str(k),
                    "est": fmt.estimate_ci(endpoint, p_est, p_lo, p_hi),
                    "tau2": fmt.tau2(num(primary["tau2"])),
                    "i2": fmt.i2(num(primary["i2"])),
                },
                mark=layout.Mark("diamond", p_est, p_lo, p_hi, colour=colour),
                bold=True,
                indent=True,
                gid=f"primary-{setting}",
            )
        )
        his.append(p_hi)
        for r in rows:
            est, lo, hi = num(r["estimate"]), num(r["ci_low"]), num(r["ci_high"])
            lines.append(
                layout.Line(
                    cells={
                        "label": f"Omitting {r['omitted_cohort']}",
                        "k": str(k - 1),
                        "est": fmt.estimate_ci(endpoint, est, lo, hi),
                        "tau2": fmt.tau2(num(r["tau2"])),
                        "i2": fmt.i2(num(r["i2"])),
                    },
                    mark=layout.Mark("point", est, lo, hi, size=4.5, colour=colour),
                    indent=True,
                    gid=f"omit-{r['omitted_cohort']}-{setting}",
                )
            )
            his.append(hi)
        bands.append(layout.Band(p_lo, p_hi, first, len(lines) - 1, colour))
        guides.append(layout.Guide(p_est, first, len(lines) - 1, colour))
    footer = [
        "Primary model refitted without each cohort in turn (settings pooling k \u2265 3 "
        "cohorts); shaded: 95% CI of the primary estimate with all cohorts."
    ]
    empty = not lines
    if empty:
        footer = []
        columns = [layout.Column("label", "")]
        lines.append(
            layout.Line(
                span="No leave-one-out analysis for this endpoint: it is run where a setting "
                "pools k \u2265 3 cohorts.",
                italic=True,
                grey=True,
                gid="none",
            )
        )
    return layout.Spec(
        title=f"Leave-one-out: {fmt.endpoint_label(endpoint)} \u2014 {endpoint}"
        + (f" (page {page} of {n_pages})" if n_pages > 1 else ""),
        subtitle="Primary analysis omitting one cohort at a time (results/leave_one_out.csv).",
        columns=columns,
        lines=lines,
        **axis_fields(endpoint, his),
        footer=footer,
        bands=bands,
        guides=guides,
        show_axis=not empty,
    )
