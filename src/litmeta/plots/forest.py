"""Forest plot of one endpoint: the primary analysis, per setting, as R ``meta::forest``.

For each setting (initial, then salvage): the pooled cohorts with events/n (proportions)
or median (95% CI) (medians), their weight and a square whose area is proportional to it;
the pooled estimate as a diamond with its 95% CI; the 95% prediction interval as a bar
(k >= 3); a line with τ², I², Q and its p-value; for medians the sample-size-weighted median
of medians.  Then the cohorts shown but not pooled (overlap, selected population, k = 1,
median not reached, no 95% CI), hollow and grey, with their reason.  At the bottom the test
for subgroup differences.  Every number comes from results/*.csv; the cohorts' own 95% CIs
are exact Clopper-Pearson intervals (proportions) or the CI printed by the paper (medians).
"""

from __future__ import annotations

import math

from .. import fmt
from ..intervals import clopper_pearson, single_cohort
from ..protocol import POPULATION, SETTINGS_DESCRIPTIVE, is_included, k_poolable, short_reason
from ..tables import Row, Tables, num
from . import PAGE_COHORTS, layout, style

PRIMARY = "primary"


#: the tables beside analysis and pooled that this plot draws (its cache key: plots.plot_key)
KEY_TABLES = ("subgroups", "weights")
#: the table whose rows of the endpoint this plot's drawing time grows with
COST_TABLE = "analysis"


def pages(endpoint: str, tables: Tables, per_page: int = PAGE_COHORTS) -> int:
    """Pages of the forest plot of ``endpoint``: enough for its largest setting."""
    most = max(len(tables.cohorts(endpoint, s)) for s in tables.plot_settings(endpoint))
    return max(1, math.ceil(most / per_page))


def figure(endpoint: str, tables: Tables, page: int = 1, per_page: int = PAGE_COHORTS):
    return layout.render(spec(endpoint, tables, page, per_page))


def _square_size(weight: float | None) -> float:
    """Marker side (points) with area proportional to the weight (%)."""
    if weight is None:
        return 4.0
    return max(3.0, 13.0 * math.sqrt(weight / 100.0))


def _study_interval(endpoint: str, r: Row) -> tuple[float | None, float | None, float | None]:
    """Point estimate and 95% CI of one cohort on the natural scale (None: not available)."""
    if fmt.is_median(endpoint):
        return num(r["median"]), num(r["ci_low"]), num(r["ci_high"])
    events, n = num(r["events"]), num(r["n"])
    if events is None or not n:
        return None, None, None
    lo, hi = clopper_pearson(events, n)
    return events / n, lo, hi


def _study_text(endpoint: str, r: Row) -> str:
    if fmt.is_median(endpoint):
        if r.get("median_text") == "NR" or num(r["median"]) is None:
            return r.get("median_text") or "NR"
        est, lo, hi = _study_interval(endpoint, r)
        if lo is None and hi is None:
            return fmt.number(endpoint, est)
        return fmt.estimate_ci(endpoint, est, lo, hi)
    est, lo, hi = _study_interval(endpoint, r)
    return "" if est is None else fmt.estimate_ci(endpoint, est, lo, hi)


def _study_cells(endpoint: str, r: Row) -> dict[str, str]:
    cells = {"cohort": r["cohort_id"], "est": _study_text(endpoint, r)}
    if num(r["n"]) is not None:
        cells["n"] = fmt.count(num(r["n"]))
    if not fmt.is_median(endpoint) and num(r["events"]) is not None:
        cells["events"] = fmt.count(num(r["events"]))
    return cells


def _study_mark(endpoint: str, r: Row, colour: str, size: float, hollow: bool) -> layout.Mark:
    est, lo, hi = _study_interval(endpoint, r)
    hi_open = fmt.is_median(endpoint) and lo is not None and hi is None
    kind = "point" if hollow else "square"
    return layout.Mark(kind, est, lo, hi, hi_open=hi_open, size=size, colour=colour, hollow=hollow)


def _heterogeneity(p: Row) -> str:
    return f"Heterogeneity: {fmt.heterogeneity(p)}"


def _columns(endpoint: str) -> list[layout.Column]:
    cols = [layout.Column("cohort", "Cohort")]
    if fmt.is_median(endpoint):
        cols += [
            layout.Column("n", "N", "right"),
            layout.Column("est", "Median (95% CI)", "right", "right"),
        ]
    else:
        cols += [
            layout.Column("events", "Events", "right"),
            layout.Column("n", "N", "right"),
            layout.Column("est", "% (95% CI)", "right", "right"),
        ]
    cols += [
        layout.Column("weight", "Weight", "right", "right"),
        layout.Column("note", "Note", "left", "right"),
    ]
    return cols


METAREG_SETTING = "metareg_setting"


def axis(endpoint: str, xmax: float) -> tuple[tuple[float, float], list[float], list[str], str]:
    """Natural-scale axis from 0 to a round value >= ``xmax``: percent for proportions,
    months (ticks every 12 or 24) for medians.  Returns xlim, ticks, labels, label."""
    if fmt.is_median(endpoint):
        upper = layout.nice_upper(max(xmax, 1.0), tuple(12.0 * k for k in range(1, 11)))
        step = 12.0 if upper <= 72 else 24.0
        ticks = [step * k for k in range(int(upper // step) + 1)]
        return (0.0, upper), ticks, [f"{t:g}" for t in ticks], "Median, months"
    upper = layout.nice_upper(max(xmax, 0.01), (0.05, 0.1, 0.2, 0.25, 0.3, 0.4, 0.5, 0.6, 0.8, 1.0))
    step = next(s for s in (0.01, 0.02, 0.05, 0.1, 0.2, 0.25) if upper / s <= 5.0 + 1e-9)
    ticks = [round(step * k, 10) for k in range(int(round(upper / step)) + 1)]
    return (0.0, upper), ticks, [f"{100 * t:g}%" for t in ticks], "Proportion of patients (%)"


def axis_fields(endpoint: str, his: list[float]) -> dict[str, object]:
    """The x-axis fields of a :class:`layout.Spec` whose axis reaches every upper end in
    ``his``: :func:`axis` as keyword arguments."""
    xlim, ticks, labels, xlabel = axis(endpoint, max(his, default=0.0))
    return {"xlim": xlim, "xticks": ticks, "xticklabels": labels, "xlabel": xlabel}


def _pooled(
    endpoint: str,
    setting: str,
    pooled: Row,
    colour: str,
    first: int,
    lines: list[layout.Line],
    guides: list[layout.Guide],
    bayes: Row | None = None,
    max_weight: float | None = None,
) -> list[float]:
    """Append the pooled estimate, prediction interval and heterogeneity lines; with few
    cohorts (Amendment 2) the sens_bayes credible interval (``bayes``) as a line of its own and
    "≈ one cohort" in the note where one cohort carries ``max_weight`` above 80%. Return the
    upper ends drawn (for the axis)."""
    est, lo, hi = num(pooled["estimate"]), num(pooled["ci_low"]), num(pooled["ci_high"])
    cells = {
        "cohort": f"Pooled estimate (k = {fmt.count(num(pooled['k']))})",
        "n": fmt.count(num(pooled["n"])),
        "est": fmt.estimate_ci(endpoint, est, lo, hi),
        "weight": fmt.weight(100.0),
    }
    if not fmt.is_median(endpoint) and num(pooled["events"]) is not None:
        cells["events"] = fmt.count(num(pooled["events"]))
    k = int(num(pooled["k"]))
    one = fmt.few_cohorts(endpoint, k, None, None, max_weight)
    if one:
        cells["note"] = one
    lines.append(
        layout.Line(
            cells=cells,
            mark=layout.Mark("diamond", est, lo, hi, colour=colour),
            bold=True,
            indent=True,
            gid=f"pooled-{setting}",
        )
    )
    guides.append(layout.Guide(est, first, len(lines) - 1, colour))
    drawn = [hi]

    def interval(label: str, lo: float | None, hi: float | None, gid: str) -> None:
        """An indented bar line under the pooled estimate (prediction or credible interval)."""
        if lo is None or hi is None:
            return
        lines.append(
            layout.Line(
                cells={"cohort": label, "est": f"({fmt.interval(endpoint, lo, hi)})"},
                mark=layout.Mark("bar", None, lo, hi, colour=colour),
                indent=True,
                gid=gid,
            )
        )
        drawn.append(hi)

    interval("Prediction interval", num(pooled["pi_low"]), num(pooled["pi_high"]), f"pi-{setting}")
    if k < fmt.FEW_COHORTS_K and bayes:
        label = "Bayesian 95% CrI (few cohorts)"
        interval(label, num(bayes["ci_low"]), num(bayes["ci_high"]), f"bayes-{setting}")
    lines.append(layout.Line(span=_heterogeneity(pooled), grey=True, gid=f"het-{setting}"))
    return drawn


def _shown(
    endpoint: str, shown: list[Row], lines: list[layout.Line], reasons: dict[str, list[str]]
) -> list[float]:
    """Append the cohorts shown but not pooled (grey, hollow, with a short reason); collect
    their full reasons for the footnotes; return the upper ends drawn."""
    if not shown:
        return []
    drawn: list[float] = []
    lines.append(layout.Line(cells={"cohort": "Shown, not pooled"}, italic=True, grey=True))
    for r in shown:
        cells = _study_cells(endpoint, r)
        cells["note"] = short_reason(r.get("reason_code", ""))
        mark = _study_mark(endpoint, r, style.GREY, 5.0, hollow=True)
        drawn += [x for x in (mark.hi, mark.est) if x is not None]
        lines.append(
            layout.Line(
                cells=cells,
                mark=mark if mark.est is not None else None,
                grey=True,
                indent=True,
                gid=f"shown-{r['cohort_id']}",
            )
        )
        reasons.setdefault(r.get("reason", ""), []).append(r["cohort_id"])
    return drawn


def spec(endpoint: str, tables: Tables, page: int = 1, per_page: int = PAGE_COHORTS) -> layout.Spec:
    """Page ``page`` (from 1) of the forest plot: cohorts ``per_page * (page - 1)`` to
    ``per_page * page`` of each setting (pooled ones first), and each setting's pooled
    estimate."""
    n_pages = pages(endpoint, tables, per_page)
    lines: list[layout.Line] = []
    guides: list[layout.Guide] = []
    reasons: dict[str, list[str]] = {}  # full reason -> cohorts shown with it
    his: list[float] = []
    median = fmt.is_median(endpoint)
    models: set[str] = set()

    # both protocol settings always (one without cohorts says so), then any other
    for setting in tables.plot_settings(endpoint):
        colour = style.SETTING_COLOURS.get(setting, style.BLACK)
        rows = tables.cohorts(endpoint, setting)
        lines.append(layout.setting_header(setting, rule_above=bool(lines)))
        if not rows:
            lines.append(layout.note_line("cohort", "no cohort reports this endpoint"))
            continue
        pooled = tables.pooled_row(PRIMARY, endpoint, setting)
        included = [r for r in rows if is_included(r)]
        shown = [r for r in rows if not is_included(r)]
        if n_pages > 1:
            on_page = (included + shown)[per_page * (page - 1) : per_page * page]
            if not on_page:
                lines.append(
                    layout.note_line("cohort", f"all {len(rows)} cohorts on earlier pages")
                )
                continue
            included = [r for r in on_page if is_included(r)]
            shown = [r for r in on_page if not is_included(r)]
        first = len(lines)
        for r in included:
            w = tables.weight(endpoint, setting, r["cohort_id"])
            cells = _study_cells(endpoint, r)
            if w is not None:
                cells["weight"] = fmt.weight(w)
            if r.get("status") == "implied":
                cells["note"] = "implied zero"
            mark = _study_mark(endpoint, r, colour, _square_size(w), hollow=False)
            his += [x for x in (mark.hi, mark.est) if x is not None]
            lines.append(
                layout.Line(cells=cells, mark=mark, indent=True, gid=f"study-{r['cohort_id']}")
            )
        if pooled is None:  # nothing pooled: the cohorts shown come first, then say so
            his += _shown(endpoint, shown, lines, reasons)
            alone = single_cohort(median, rows)
            lines.append(
                layout.Line(
                    cells={
                        "cohort": "Pooled estimate" if alone is None else "Estimate (k = 1)",
                        "est": f"not pooled (k = {k_poolable(rows)})"
                        if alone is None
                        else fmt.estimate_ci(endpoint, *alone[1:]),
                        "note": "" if alone is None else fmt.SINGLE_COHORT,
                    },
                    italic=True,
                    indent=True,
                    gid=f"pooled-{setting}",
                )
            )
        else:
            models.add(pooled["model"])
            weights = [tables.weight(endpoint, setting, r["cohort_id"]) for r in rows]
            his += _pooled(
                endpoint,
                setting,
                pooled,
                colour,
                first,
                lines,
                guides,
                tables.pooled_row("sens_bayes", endpoint, setting),
                max((w for w in weights if w is not None), default=None),
            )
        mom = tables.pooled_row("median_of_medians", endpoint, setting) if median else None
        if mom is not None:
            est = num(mom["estimate"])
            k_primary = num(pooled["k"]) if pooled is not None else 0
            lines.append(
                layout.Line(
                    cells={
                        "cohort": f"Weighted median of medians (k = {fmt.count(num(mom['k']))})",
                        "n": fmt.count(num(mom["n"])),
                        "est": fmt.number(endpoint, est),
                        "note": "incl. cohorts without CI" if num(mom["k"]) > k_primary else "",
                    },
                    mark=layout.Mark("open_diamond", est, size=5.0, colour=colour),
                    indent=True,
                    gid=f"mom-{setting}",
                )
            )
        if pooled is not None:
            his += _shown(endpoint, shown, lines, reasons)

    test = tables.subgroup(PRIMARY, endpoint)
    if test is not None:
        text = (
            "Test for subgroup differences (initial vs salvage): "
            f"Q = {fmt.q(num(test['q_between']))}, df = {fmt.count(num(test['df']))}, "
            f"{fmt.p(num(test['p']))}"
        )
        metareg = tables.subgroup(METAREG_SETTING, endpoint)
        if metareg is not None:
            text += (
                f"; meta-regression (setting as moderator, common {fmt.TAU2}): "
                f"Qₘ = {fmt.q(num(metareg['q_between']))}, {fmt.p(num(metareg['p']))}"
            )
    else:
        text = "Test for subgroup differences: not applicable (fewer than two pooled settings)"
    lines.append(layout.Line(span=text, rule_above=True, gid="subgroup"))
    if test is not None:
        lines.append(layout.Line(span=SETTINGS_DESCRIPTIVE, gid="subgroup-note"))

    model_text = "; ".join(fmt.model_label(m) for m in sorted(models)) or "none (k < 2)"
    subtitle = (
        f"Primary analysis: {model_text}. Each setting pooled separately "
        f"(never together). Population: {POPULATION.get(endpoint, '')}."
    )
    cohort_ci = (
        "as printed in the paper (NE: upper bound not estimable, arrow)"
        if median
        else "exact Clopper-Pearson"
    )
    footer = [
        "Squares: pooled cohorts, area proportional to their weight in the primary analysis; "
        "diamond: pooled estimate and 95% CI; bar: 95% prediction interval (k\u00a0\u2265\u00a03, "
        "t with k\u00a0\u2212\u00a02 df) or, below 5 cohorts, the Bayesian 95% credible "
        "interval (sens_bayes); "
        "dotted line: pooled estimate; hollow grey circles: cohorts shown, not pooled. "
        f"Cohort 95% CIs: {cohort_ci}.",
        *(f"{', '.join(ids)}: {reason}" for reason, ids in reasons.items()),
    ]
    return layout.Spec(
        title=f"{fmt.endpoint_label(endpoint)} \u2014 {endpoint}"
        + (f" (page {page} of {n_pages})" if n_pages > 1 else ""),
        subtitle=subtitle,
        columns=_columns(endpoint),
        lines=lines,
        **axis_fields(endpoint, his),
        footer=footer,
        guides=guides,
    )
