"""Summary of findings: one row per endpoint x setting, with the primary pooled estimate,
its CI and prediction interval, k, patients, heterogeneity, and plain notes on what limits
confidence in it -- each note computed from the result tables by a stated rule:

===========================  =================================================================
flag                         rule
===========================  =================================================================
not_pooled                   no primary pooled row (k < 2): the cohorts are shown only
k2                           k = 2: τ² is poorly estimated and there is no prediction interval
wide_pi                      95% PI wider than 0.5 on the proportion scale, or PI upper/lower
                             ratio above 4 for medians
high_heterogeneity           I² >= 75%
dominant_cohort              one cohort carries more than 50% of the primary weight
preprint                     a cohort comes from a paper with a cohort listed in config
                             ``exclusions.sens_exclude_preprint`` (not peer reviewed)
sensitivity_shift            a sensitivity analysis (pooled.csv, ``sens_*``) or a leave-one-out
                             fit moves the estimate by more than 0.05 (5 percentage points)
                             for proportions, or by more than 20% for medians
selected_population_shown    cohorts of a selected population (PROTOCOL.md) are shown, never
                             pooled
ne_bound                     a pooled median's upper 95% CI bound is NE: its SE is the larger
                             of the lower-half SE and the SE imputed from sample size
                             (Amendment 1; sens_ne_one_half shows the lower-half SE alone)
no_ci_excluded               medians printed without a 95% CI are left out of the primary
                             analysis (they enter the weighted median of medians)
nr_not_pooled                a median not reached (NR) cannot be pooled
implied_zero                 a pooled count is a zero implied by the paper (status implied)
bayes                        k <= 4: the Bayesian random-effects result (sens_bayes: posterior
                             median, 95% credible and predictive intervals) is given beside
                             the primary one
bayes_disagrees              sens_bayes and the primary estimate differ by more than 0.05
                             (proportions) or 20% (medians), or their 95% intervals differ in
                             width by more than a factor of 2
===========================  =================================================================

The thresholds are the module constants below; the rules are documented in
results/README.md.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from pathlib import Path

from .. import fmt
from ..protocol import (
    K1,
    NO_CI,
    NR,
    PROTOCOL_ENDPOINTS,
    SETTINGS,
    is_included,
    is_selected_population,
    k_poolable,
    short_reason,
)
from ..tables import Row, Tables, num

WIDE_PI_PROPORTION = 0.5  # PI width on the proportion scale
WIDE_PI_MEDIAN_RATIO = 4.0  # PI upper / lower for medians
HIGH_I2 = 75.0  # percent
DOMINANT_WEIGHT = 50.0  # percent of the primary weight
SHIFT_PROPORTION = 0.05  # absolute change of a proportion
SHIFT_MEDIAN_RATIO = 1.2  # relative change of a median (either direction)

FLAGS = (
    "not_pooled",
    "k2",
    "wide_pi",
    "high_heterogeneity",
    "dominant_cohort",
    "preprint",
    "sensitivity_shift",
    "selected_population_shown",
    "ne_bound",
    "no_ci_excluded",
    "nr_not_pooled",
    "implied_zero",
    "bayes",
    "bayes_disagrees",
)
BAYES_MAX_K = 4  # PROTOCOL.md Amendment 1: few cohorts
BAYES_WIDTH_RATIO = 2.0

COLUMNS = (
    "endpoint",
    "setting",
    "pooled",
    "model",
    "k",
    "n",
    "events",
    "estimate",
    "ci_low",
    "ci_high",
    "pi_low",
    "pi_high",
    "tau2",
    "i2",
    "q_p",
    "weighted_median",
    "estimate_text",
    "pi_text",
    "cohorts",
    "shown_not_pooled",
    "max_weight_cohort",
    "max_weight",
    "flags",
    "notes",
    "certainty",
    "certainty_reasons",
)


def preprint_papers(preprint_cohorts: Iterable[str], analysis: Iterable[Row]) -> set[str]:
    """paper_ids of the preprints: the papers of the cohorts config
    ``exclusions.sens_exclude_preprint`` lists (the one statement of which sources are
    preprints; the analysis of that name leaves the same cohorts out)."""
    cohorts = set(preprint_cohorts)
    return {r["paper_id"] for r in analysis if r["cohort_id"] in cohorts}


def _shift_exceeds(endpoint: str, primary: float, other: float) -> bool:
    if fmt.is_median(endpoint):
        if primary <= 0 or other <= 0:
            return False
        ratio = other / primary
        return ratio > SHIFT_MEDIAN_RATIO or ratio < 1.0 / SHIFT_MEDIAN_RATIO
    return abs(other - primary) > SHIFT_PROPORTION


def _shift_text(endpoint: str, primary: float, other: float) -> str:
    if fmt.is_median(endpoint):
        return f"{fmt.number(endpoint, other)} months ({100 * (other / primary - 1):+.0f}%)"
    return f"{fmt.number(endpoint, other)}% ({100 * (other - primary):+.1f} points)"


def _ids(rows: list[Row]) -> str:
    return ", ".join(r["cohort_id"] for r in rows)


def summarise(
    tables: Tables, preprints: set[str], certainty: dict[tuple[str, str], Row] | None = None
) -> list[dict[str, object]]:
    """The summary rows, sorted by protocol endpoint order, then setting. ``certainty``
    (results/certainty.csv by endpoint and setting) adds the GRADE rating of pooled rows."""
    order = {e: i for i, e in enumerate(PROTOCOL_ENDPOINTS)}
    endpoints = sorted(tables.endpoints(), key=lambda e: (order.get(e, len(order)), e))
    out = []
    for endpoint in endpoints:
        for setting in tables.settings(endpoint):
            row = _summary_row(tables, preprints, endpoint, setting)
            _add_certainty(row, (certainty or {}).get((endpoint, setting)))
            out.append(row)
    settings = {s: i for i, s in enumerate(SETTINGS)}
    out.sort(
        key=lambda r: (
            order.get(r["endpoint"], len(order)),
            r["endpoint"],
            settings.get(r["setting"], len(settings)),
            r["setting"],
        )
    )
    return out


def _summary_row(tables: Tables, preprints: set[str], endpoint: str, setting: str) -> dict:
    median = fmt.is_median(endpoint)
    rows = tables.cohorts(endpoint, setting)
    included = [r for r in rows if is_included(r)]
    shown = [r for r in rows if not is_included(r)]
    p = tables.pooled_row("primary", endpoint, setting)
    mom = tables.pooled_row("median_of_medians", endpoint, setting)
    flags: list[str] = []
    notes: dict[str, str] = {}
    out: dict[str, object] = {
        "endpoint": endpoint,
        "setting": setting,
        "pooled": p is not None,
        "weighted_median": num(mom["estimate"]) if mom is not None else None,
        "shown_not_pooled": "; ".join(
            f"{r['cohort_id']} ({short_reason(r.get('reason_code', ''))})" for r in shown
        ),
    }

    def flag(name: str, note: str) -> None:
        flags.append(name)
        notes[name] = note

    if p is None:
        k = k_poolable(rows)
        out["k"] = k
        out["estimate_text"] = f"not pooled (k = {k})"
        alone = [r for r in rows if r not in shown or r.get("reason_code") == K1]
        flag(
            "not_pooled",
            f"Not pooled (k = {k}"
            + (f": {_ids(alone)}" if alone else "")
            + f"); shown only: {_ids(rows)}.",
        )
    else:
        est, lo, hi = num(p["estimate"]), num(p["ci_low"]), num(p["ci_high"])
        pi_lo, pi_hi = num(p["pi_low"]), num(p["pi_high"])
        k = int(num(p["k"]))
        out.update(
            {
                "model": p["model"],
                "k": k,
                "n": num(p["n"]),
                "events": num(p["events"]),
                "estimate": est,
                "ci_low": lo,
                "ci_high": hi,
                "pi_low": pi_lo,
                "pi_high": pi_hi,
                "tau2": num(p["tau2"]),
                "i2": num(p["i2"]),
                "q_p": num(p["q_p"]),
                "cohorts": p["cohorts"],
                "estimate_text": fmt.estimate_ci_unit(endpoint, est, lo, hi),
                "pi_text": "" if pi_lo is None else fmt.interval_unit(endpoint, pi_lo, pi_hi),
            }
        )
        if k == 2:
            flag(
                "k2",
                f"Only 2 cohorts pooled: {fmt.TAU2} is poorly estimated and no prediction "
                "interval can be given.",
            )
        if pi_lo is not None and pi_hi is not None:
            wide = (
                (pi_lo > 0 and pi_hi / pi_lo > WIDE_PI_MEDIAN_RATIO)
                if median
                else (pi_hi - pi_lo > WIDE_PI_PROPORTION)
            )
            if wide:
                flag(
                    "wide_pi",
                    "Wide 95% prediction interval "
                    f"({fmt.interval_unit(endpoint, pi_lo, pi_hi)}): the "
                    "value in a new cohort is very uncertain.",
                )
        i2 = num(p["i2"])
        if i2 is not None and i2 >= HIGH_I2:
            flag("high_heterogeneity", f"Substantial heterogeneity ({fmt.I2} = {fmt.i2(i2)}).")
        weights = [(tables.weight(endpoint, setting, c), c) for c in p["cohorts"].split(";") if c]
        weights = [(w, c) for w, c in weights if w is not None]
        if weights:
            w, c = max(weights, key=lambda t: (t[0], t[1]))
            out["max_weight_cohort"], out["max_weight"] = c, w
            if w > DOMINANT_WEIGHT:
                flag("dominant_cohort", f"{c} carries {fmt.weight(w)} of the weight.")
        shifts = []
        for s in tables.pooled_rows(endpoint, setting):
            other = num(s["estimate"])
            if (
                s["analysis"].startswith("sens_")
                and other is not None
                and _shift_exceeds(endpoint, est, other)
            ):
                shifts.append(f"{s['analysis']} {_shift_text(endpoint, est, other)}")
        for r in sorted(tables.loo_rows(endpoint, setting), key=lambda r: r["omitted_cohort"]):
            other = num(r["estimate"])
            if other is not None and _shift_exceeds(endpoint, est, other):
                shifts.append(f"omitting {r['omitted_cohort']} {_shift_text(endpoint, est, other)}")
        bayes = tables.pooled_row("sens_bayes", endpoint, setting)
        if bayes is not None and k <= BAYES_MAX_K:
            _bayes_flags(endpoint, (est, lo, hi), bayes, flag)
        if shifts:
            limit = "5 percentage points" if not median else "20%"
            flag(
                "sensitivity_shift",
                f"Sensitivity analyses move the estimate by more than {limit}: "
                + "; ".join(shifts)
                + ".",
            )
    pooled_ids = set(out.get("cohorts", "").split(";")) - {""}
    considered = [r for r in rows if r["cohort_id"] in pooled_ids] if pooled_ids else rows
    pre = [r for r in considered if r["paper_id"] in preprints]
    if pre:
        flag("preprint", f"Includes a preprint (not peer reviewed): {_ids(pre)}.")
    selected = [r for r in shown if is_selected_population(r)]
    if selected:
        flag(
            "selected_population_shown",
            f"Selected-population cohorts shown, not pooled: {_ids(selected)}.",
        )
    if median:
        ne = [r for r in included if num(r["ci_low"]) is not None and num(r["ci_high"]) is None]
        if ne:
            flag(
                "ne_bound",
                f"Upper 95% CI bound not estimable (NE) for {_ids(ne)}: the SE is the larger of "
                "the lower-half SE and the SE imputed from sample size (sens_ne_one_half: the "
                "lower-half SE alone).",
            )
        no_ci = [r for r in shown if r.get("reason_code") == NO_CI]
        if no_ci:
            extra = ""
            if mom is not None:
                extra = (
                    f" (weighted median of medians {fmt.number(endpoint, num(mom['estimate']))}"
                    f" months, k = {fmt.count(num(mom['k']))})"
                )
            flag(
                "no_ci_excluded",
                f"Medians without a 95% CI left out of the primary analysis: {_ids(no_ci)}{extra}.",
            )
        nr = [r for r in shown if r.get("reason_code") == NR]
        if nr:
            flag(
                "nr_not_pooled",
                f"Median not reached (NR) in {_ids(nr)}: not pooled, so the pooled median "
                "leaves out the cohorts with the longest survival.",
            )
    implied = [r for r in included if r.get("status") == "implied"]
    if implied:
        flag("implied_zero", f"Zero counts implied, not printed, for {_ids(implied)}.")
    ordered = [f for f in FLAGS if f in flags]
    out["flags"] = ";".join(ordered)
    out["_notes"] = [notes[f] for f in ordered]  # for the Markdown page, not a CSV column
    out["notes"] = " ".join(out["_notes"])
    return out


def _add_certainty(row: dict[str, object], grade: Row | None) -> None:
    """GRADE certainty (results/certainty.csv) of a pooled row; not pooled: no rating."""
    if not row["pooled"]:
        row["certainty"], row["certainty_reasons"] = "not rated", "Not pooled: no certainty rating."
    elif grade is not None:
        row["certainty"], row["certainty_reasons"] = grade["certainty"], grade["reasons"]


def _bayes_flags(endpoint: str, primary: tuple, bayes: Row, flag) -> None:
    est, lo, hi = primary
    b_est, b_lo, b_hi = num(bayes["estimate"]), num(bayes["ci_low"]), num(bayes["ci_high"])
    b_pi_lo, b_pi_hi = num(bayes["pi_low"]), num(bayes["pi_high"])
    text = (
        f"Bayesian random effects (sens_bayes, few cohorts): "
        f"{fmt.estimate_ci_unit(endpoint, b_est, b_lo, b_hi).replace('CI', 'CrI')}"
    )
    if b_pi_lo is not None and b_pi_hi is not None:
        text += f"; 95% predictive interval {fmt.interval_unit(endpoint, b_pi_lo, b_pi_hi)}"
    flag("bayes", text + ".")
    why = []
    if _shift_exceeds(endpoint, est, b_est):
        why.append(f"the estimate {_shift_text(endpoint, est, b_est)}")
    if fmt.is_median(endpoint):  # medians: widths on the log scale
        widths = (math.log(hi / lo), math.log(b_hi / b_lo))
    else:
        widths = (hi - lo, b_hi - b_lo)
    ratio = max(widths) / min(widths) if min(widths) > 0 else None
    if ratio is not None and ratio > BAYES_WIDTH_RATIO:
        why.append(f"the 95% intervals differ in width {ratio:.1f}-fold")
    if why:
        flag(
            "bayes_disagrees",
            "The Bayesian model and the primary analysis disagree: " + "; ".join(why) + ".",
        )


def markdown(rows: list[dict[str, object]]) -> str:
    """The summary as a Markdown page: a table, then the notes of each row."""
    lines = [
        "# Summary of findings",
        "",
        "Generated by `litmeta summary-of-findings` from results/pooled.csv, "
        "weights.csv, leave_one_out.csv, analysis_table.csv and config/papers.tsv; do not "
        "edit by hand. Primary analysis per endpoint and setting (PROTOCOL.md); proportions "
        "in percent, medians in months. The rules behind each note are in results/README.md "
        "(section summary_of_findings); the certainty of evidence (GRADE) comes from "
        "results/certainty.csv (rules: results/README.md, section certainty).",
        "",
        "| endpoint | setting | estimate (95% CI) | 95% PI | k | patients "
        f"| {fmt.TAU2} | {fmt.I2} | certainty (GRADE) | flags |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        n = r.get("n")
        tau2, i2 = r.get("tau2"), r.get("i2")
        cells = [
            str(r["endpoint"]),
            str(r["setting"]),
            str(r.get("estimate_text", "")),
            str(r.get("pi_text", "")),
            str(r.get("k", "")),
            fmt.count(n) if n is not None else "",
            fmt.tau2(tau2) if tau2 is not None else "",
            fmt.i2(i2) if i2 is not None else "",
            str(r.get("certainty", "")),
            str(r["flags"]).replace(";", ", "),
        ]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += [
        "",
        "Initial vs salvage (results/subgroup_tests.csv: Q-between and the binomial-normal "
        "meta-regression with setting as moderator) is descriptive only: the settings share "
        "patients (a salvage course follows an initial one in the same patients) and salvage "
        "cohorts are selected for earlier benefit.",
    ]
    lines += ["", "## What limits confidence", ""]
    for r in rows:
        lines.append(f"### {r['endpoint']}, {r['setting']}")
        lines.append("")
        text = str(r.get("estimate_text", ""))
        if r.get("pi_text"):
            text += f"; 95% PI {r['pi_text']}"
        lines.append(f"{text}.")
        lines.append("")
        notes = r.get("_notes") or []
        if notes:
            lines += [f"- {note}" for note in notes]
        else:
            lines.append("- No rule flags this estimate.")
        if r.get("certainty") and r.get("pooled"):
            lines.append(
                f"- Certainty of evidence (GRADE): **{r['certainty']}**. {r['certainty_reasons']}"
            )
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write(
    tables: Tables,
    preprint_cohorts: Iterable[str],
    out_csv: str | Path,
    out_md: str | Path,
    certainty: str | Path | None = None,
) -> None:
    from ..atomic import write_text
    from ..certainty.tables import read_certainty
    from ..tables import write_csv

    rows = summarise(
        tables, preprint_papers(preprint_cohorts, tables.analysis), read_certainty(certainty)
    )
    write_csv(out_csv, COLUMNS, rows)
    write_text(out_md, markdown(rows))
