"""Sensitivity plot of one endpoint: the estimate and 95% CI under every analysis of
results/pooled.csv (both settings), the primary analysis highlighted (bold, diamond, and a
shaded band over its CI)."""

from __future__ import annotations

from .. import fmt
from ..protocol import ANALYSIS_LABELS, k_poolable
from ..tables import Row, Tables, num
from . import layout, style
from .forest import axis_fields

#: the tables beside analysis and pooled that this plot draws (its cache key: plots.plot_key)
KEY_TABLES = ()
#: the table whose rows of the endpoint this plot's drawing time grows with
COST_TABLE = "pooled"


def analysis_order(name: str) -> tuple[int, str]:
    keys = list(ANALYSIS_LABELS)
    return (keys.index(name) if name in keys else len(keys), name)


def analysis_label(row: Row, primary: Row | None) -> str:
    label = ANALYSIS_LABELS.get(row["analysis"], row["analysis"])
    if primary is not None and row["analysis"] != "primary":
        dropped = sorted(set(primary["cohorts"].split(";")) - set(row["cohorts"].split(";")))
        if dropped:
            label += f" (without {', '.join(dropped)})"
    return label


def figure(endpoint: str, tables: Tables):
    return layout.render(spec(endpoint, tables))


def _columns(endpoint: str) -> list[layout.Column]:
    est = "Median (95% CI)" if fmt.is_median(endpoint) else "% (95% CI)"
    return [
        layout.Column("label", "Analysis"),
        layout.Column("name", "pooled.csv analysis"),
        layout.Column("k", "k", "right"),
        layout.Column("est", est, "right", "right"),
        layout.Column("tau2", fmt.TAU2, "right", "right"),
        layout.Column("i2", fmt.I2, "right", "right"),
    ]


def spec(endpoint: str, tables: Tables) -> layout.Spec:
    lines: list[layout.Line] = []
    bands: list[layout.Band] = []
    guides: list[layout.Guide] = []
    his: list[float] = []
    for setting in tables.plot_settings(endpoint):
        colour = style.SETTING_COLOURS.get(setting, style.BLACK)
        lines.append(layout.setting_header(setting, rule_above=bool(lines)))
        rows = sorted(
            tables.pooled_rows(endpoint, setting), key=lambda r: analysis_order(r["analysis"])
        )
        primary = tables.pooled_row("primary", endpoint, setting)
        if not rows:
            k = k_poolable(tables.cohorts(endpoint, setting))
            lines.append(layout.note_line("label", f"no pooled analysis (k = {k})"))
            continue
        first = len(lines)
        if primary is None:
            k = k_poolable(tables.cohorts(endpoint, setting))
            lines.append(
                layout.Line(
                    cells={
                        "label": ANALYSIS_LABELS["primary"],
                        "name": "primary",
                        "est": f"not pooled (k = {k})",
                    },
                    italic=True,
                    indent=True,
                )
            )
        for r in rows:
            is_primary = r["analysis"] == "primary"
            est, lo, hi = num(r["estimate"]), num(r["ci_low"]), num(r["ci_high"])
            cells = {
                "label": analysis_label(r, primary),
                "name": r["analysis"],
                "k": fmt.count(num(r["k"])),
                "est": fmt.estimate_ci(endpoint, est, lo, hi)
                if lo is not None
                else fmt.number(endpoint, est),
            }
            if num(r["tau2"]) is not None:
                cells["tau2"] = fmt.tau2(num(r["tau2"]))
            if num(r["i2"]) is not None:
                cells["i2"] = fmt.i2(num(r["i2"]))
            if is_primary:
                mark = layout.Mark("diamond", est, lo, hi, colour=colour)
            elif lo is None:
                mark = layout.Mark("open_diamond", est, size=5.0, colour=colour)
            else:
                mark = layout.Mark("point", est, lo, hi, size=4.5, colour=colour)
            his += [x for x in (est, hi) if x is not None]
            lines.append(
                layout.Line(
                    cells=cells,
                    mark=mark,
                    bold=is_primary,
                    indent=True,
                    gid=f"{r['analysis']}-{setting}",
                )
            )
        if primary is not None:
            p_est, p_lo, p_hi = (num(primary[c]) for c in ("estimate", "ci_low", "ci_high"))
            bands.append(layout.Band(p_lo, p_hi, first, len(lines) - 1, colour))
            guides.append(layout.Guide(p_est, first, len(lines) - 1, colour))

    return layout.Spec(
        title=f"Sensitivity analyses: {fmt.endpoint_label(endpoint)} \u2014 {endpoint}",
        subtitle=(
            "Estimate and 95% CI under each analysis of results/pooled.csv, per setting. "
            "Primary analysis in bold (diamond), its 95% CI shaded and its estimate dotted."
        ),
        columns=_columns(endpoint),
        lines=lines,
        **axis_fields(endpoint, his),
        footer=[
            f"{fmt.TAU2} on each model's analysis scale (logit, Freeman-Tukey or log); "
            "the weighted median of medians (open diamond) has no CI. Analyses that would use "
            "the same cohorts and model as the primary one are not repeated."
        ],
        bands=bands,
        guides=guides,
    )
