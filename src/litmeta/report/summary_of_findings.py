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
followup                     MDS/AML: the median follow-up of each cohort
                             (results/characteristics.csv), beside the estimate
===========================  =================================================================

Each flag is one function, ``flag_<name>``: it reads a :class:`Finding` (the cohorts and the
primary pooled row of one endpoint x setting) and returns its note, or None. :data:`FLAG_RULES`
lists them in the order the notes are given, so a new flag is a function and a line there.
The thresholds are the module constants below; the rules are documented in
results/README.md.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from .. import fmt
from ..intervals import single_cohort
from ..protocol import (
    K1,
    NO_CI,
    NR,
    POOLED_COLUMNS,
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

BAYES_MAX_K = 4  # PROTOCOL.md Amendment 1: few cohorts
BAYES_WIDTH_RATIO = 2.0

COLUMNS = (
    "endpoint",
    "setting",
    "pooled",
    # the primary estimate as pooled.csv has it, model to i2
    *POOLED_COLUMNS[POOLED_COLUMNS.index("model") : POOLED_COLUMNS.index("i2") + 1],
    "q_p",
    "q_test",
    "iv_i2",
    "iv_i2_ci_low",
    "iv_i2_ci_high",
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
    "levels_off",
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


@dataclass(frozen=True)
class Finding:
    """What the flag rules read about one endpoint x setting: its cohorts, and its primary
    pooled row with the numbers of that row (all None when it is not pooled)."""

    tables: Tables
    preprints: set[str]
    endpoint: str
    setting: str
    rows: list[Row]  # every cohort of the endpoint and setting
    primary: Row | None  # pooled.csv, analysis primary
    median_of_medians: Row | None  # pooled.csv, analysis median_of_medians
    k: int
    estimate: float | None = None
    ci_low: float | None = None
    ci_high: float | None = None
    pi_low: float | None = None
    pi_high: float | None = None
    max_weight: tuple[float, str] | None = None  # (percent, cohort) of the heaviest cohort

    @property
    def median(self) -> bool:
        return fmt.is_median(self.endpoint)

    @property
    def included(self) -> list[Row]:
        return [r for r in self.rows if is_included(r)]

    @property
    def shown(self) -> list[Row]:
        """Cohorts shown but not pooled."""
        return [r for r in self.rows if not is_included(r)]

    @property
    def pooled_ids(self) -> set[str]:
        return set(self.primary["cohorts"].split(";")) - {""} if self.primary else set()

    @classmethod
    def read(cls, tables: Tables, preprints: set[str], endpoint: str, setting: str) -> Finding:
        rows = tables.cohorts(endpoint, setting)
        p = tables.pooled_row("primary", endpoint, setting)
        common = {
            "tables": tables,
            "preprints": preprints,
            "endpoint": endpoint,
            "setting": setting,
            "rows": rows,
            "primary": p,
            "median_of_medians": tables.pooled_row("median_of_medians", endpoint, setting),
        }
        if p is None:
            return cls(**common, k=k_poolable(rows))
        weights = [(tables.weight(endpoint, setting, c), c) for c in p["cohorts"].split(";") if c]
        weights = [(w, c) for w, c in weights if w is not None]
        numbers = ("estimate", "ci_low", "ci_high", "pi_low", "pi_high")
        return cls(
            **common,
            **{key: num(p[key]) for key in numbers},
            k=int(num(p["k"])),
            max_weight=max(weights, key=lambda t: (t[0], t[1])) if weights else None,
        )


# The flag rules: each reads a Finding and returns its note, or None when the rule is not met.


def _listing(rows: list[Row], note: Callable[[str], str]) -> str | None:
    """``note`` of the cohort ids of ``rows``; None when there are none."""
    return note(_ids(rows)) if rows else None


def flag_not_pooled(finding: Finding) -> str | None:
    """No primary pooled row (k < 2): the cohorts are shown only."""
    if finding.primary is not None:
        return None
    alone = [r for r in finding.rows if is_included(r) or r.get("reason_code") == K1]
    return (
        f"Not pooled (k = {finding.k}"
        + (f": {_ids(alone)}" if alone else "")
        + f"); shown only: {_ids(finding.rows)}."
    )


def flag_k2(finding: Finding) -> str | None:
    """k = 2: τ² is poorly estimated and there is no prediction interval."""
    if finding.primary is None or finding.k != 2:
        return None
    return (
        f"Only 2 cohorts pooled: {fmt.TAU2} is poorly estimated and no prediction "
        "interval can be given."
    )


def flag_wide_pi(finding: Finding) -> str | None:
    """95% PI wider than :data:`WIDE_PI_PROPORTION`, or upper/lower above
    :data:`WIDE_PI_MEDIAN_RATIO` for medians."""
    lo, hi = finding.pi_low, finding.pi_high
    if finding.primary is None or lo is None or hi is None:
        return None
    if finding.median:
        wide = lo > 0 and hi / lo > WIDE_PI_MEDIAN_RATIO
    else:
        wide = hi - lo > WIDE_PI_PROPORTION
    if not wide:
        return None
    return (
        f"Wide 95% prediction interval ({fmt.interval_unit(finding.endpoint, lo, hi)}): the "
        "value in a new cohort is very uncertain."
    )


def flag_high_heterogeneity(finding: Finding) -> str | None:
    """I² of the inverse-variance REML model at or above :data:`HIGH_I2` (Amendment 2: not the
    GLMM's, whose τ² can hit 0 with two cohorts)."""
    p = finding.primary
    i2 = num(p.get("iv_i2")) if p is not None else None
    if i2 is None or i2 < HIGH_I2:
        return None
    lo, hi = num(p.get("iv_i2_ci_low")), num(p.get("iv_i2_ci_high"))  # type: ignore[union-attr]
    ci = f", 95% CI {lo:.1f}{fmt.DASH}{hi:.1f}%" if lo is not None and hi is not None else ""
    return f"Substantial heterogeneity (inverse-variance {fmt.I2} = {fmt.i2(i2)}{ci})."


def flag_dominant_cohort(finding: Finding) -> str | None:
    """One cohort carries more than :data:`DOMINANT_WEIGHT` percent of the primary weight."""
    if finding.max_weight is None or finding.max_weight[0] <= DOMINANT_WEIGHT:
        return None
    w, c = finding.max_weight
    return f"{c} carries {fmt.weight(w)} of the weight."


def flag_preprint(finding: Finding) -> str | None:
    """A pooled cohort (not pooled: any cohort) comes from a preprint."""
    pooled = finding.pooled_ids
    considered = [r for r in finding.rows if r["cohort_id"] in pooled] if pooled else finding.rows
    pre = [r for r in considered if r["paper_id"] in finding.preprints]
    return _listing(pre, lambda ids: f"Includes a preprint (not peer reviewed): {ids}.")


def flag_sensitivity_shift(finding: Finding) -> str | None:
    """A sensitivity analysis or a leave-one-out fit moves the estimate by more than
    :data:`SHIFT_PROPORTION` (proportions) or the ratio :data:`SHIFT_MEDIAN_RATIO`."""
    if finding.primary is None:
        return None
    endpoint, est = finding.endpoint, finding.estimate
    shifts = []
    for s in finding.tables.pooled_rows(endpoint, finding.setting):
        other = num(s["estimate"])
        if (
            s["analysis"].startswith("sens_")
            and other is not None
            and _shift_exceeds(endpoint, est, other)
        ):
            shifts.append(f"{s['analysis']} {_shift_text(endpoint, est, other)}")
    loo = sorted(
        finding.tables.loo_rows(endpoint, finding.setting), key=lambda r: r["omitted_cohort"]
    )
    for r in loo:
        other = num(r["estimate"])
        if other is not None and _shift_exceeds(endpoint, est, other):
            shifts.append(f"omitting {r['omitted_cohort']} {_shift_text(endpoint, est, other)}")
    if not shifts:
        return None
    limit = "20%" if finding.median else "5 percentage points"
    return f"Sensitivity analyses move the estimate by more than {limit}: {'; '.join(shifts)}."


def flag_selected_population_shown(finding: Finding) -> str | None:
    """Cohorts of a selected population are shown, never pooled."""
    selected = [r for r in finding.shown if is_selected_population(r)]
    return _listing(selected, lambda ids: f"Selected-population cohorts shown, not pooled: {ids}.")


def flag_ne_bound(finding: Finding) -> str | None:
    """A pooled median's upper 95% CI bound is not estimable (NE)."""
    medians = finding.included if finding.median else []
    ne = [r for r in medians if num(r["ci_low"]) is not None and num(r["ci_high"]) is None]
    return _listing(
        ne,
        lambda ids: (
            f"Upper 95% CI bound not estimable (NE) for {ids}: the SE is the larger of "
            "the lower-half SE and the SE imputed from sample size (sens_ne_one_half: the "
            "lower-half SE alone)."
        ),
    )


def flag_no_ci_excluded(finding: Finding) -> str | None:
    """Medians printed without a 95% CI are left out of the primary analysis."""
    no_ci = [r for r in finding.shown if finding.median and r.get("reason_code") == NO_CI]
    if not no_ci:
        return None
    mom, extra = finding.median_of_medians, ""
    if mom is not None:
        extra = (
            f" (weighted median of medians {fmt.number(finding.endpoint, num(mom['estimate']))}"
            f" months, k = {fmt.count(num(mom['k']))})"
        )
    return f"Medians without a 95% CI left out of the primary analysis: {_ids(no_ci)}{extra}."


def flag_nr_not_pooled(finding: Finding) -> str | None:
    """A median not reached (NR) cannot be pooled."""
    nr = [r for r in finding.shown if finding.median and r.get("reason_code") == NR]
    return _listing(
        nr,
        lambda ids: (
            f"Median not reached (NR) in {ids}: not pooled, so the pooled median "
            "leaves out the cohorts with the longest survival."
        ),
    )


def flag_implied_zero(finding: Finding) -> str | None:
    """A pooled count is a zero the paper implies (status implied)."""
    implied = [r for r in finding.included if r.get("status") == "implied"]
    return _listing(implied, lambda ids: f"Zero counts implied, not printed, for {ids}.")


def _bayes_row(finding: Finding) -> Row | None:
    """The sens_bayes row, reported only for a pooled estimate of few cohorts."""
    if finding.primary is None or finding.k > BAYES_MAX_K:
        return None
    return finding.tables.pooled_row("sens_bayes", finding.endpoint, finding.setting)


def flag_bayes(finding: Finding) -> str | None:
    bayes = _bayes_row(finding)
    if bayes is None:
        return None
    endpoint = finding.endpoint
    b_est, b_lo, b_hi = num(bayes["estimate"]), num(bayes["ci_low"]), num(bayes["ci_high"])
    b_pi_lo, b_pi_hi = num(bayes["pi_low"]), num(bayes["pi_high"])
    text = (
        f"Bayesian random effects (sens_bayes, few cohorts): "
        f"{fmt.estimate_ci_unit(endpoint, b_est, b_lo, b_hi).replace('CI', 'CrI')}"
    )
    if b_pi_lo is not None and b_pi_hi is not None:
        text += f"; 95% predictive interval {fmt.interval_unit(endpoint, b_pi_lo, b_pi_hi)}"
    return text + "."


def flag_bayes_disagrees(finding: Finding) -> str | None:
    bayes = _bayes_row(finding)
    if bayes is None:
        return None
    endpoint, est, lo, hi = finding.endpoint, finding.estimate, finding.ci_low, finding.ci_high
    b_est, b_lo, b_hi = num(bayes["estimate"]), num(bayes["ci_low"]), num(bayes["ci_high"])
    why = []
    if _shift_exceeds(endpoint, est, b_est):
        why.append(f"the estimate {_shift_text(endpoint, est, b_est)}")
    # medians: widths on the log scale
    widths = (
        (math.log(hi / lo), math.log(b_hi / b_lo)) if finding.median else (hi - lo, b_hi - b_lo)
    )
    ratio = max(widths) / min(widths) if min(widths) > 0 else None
    if ratio is not None and ratio > BAYES_WIDTH_RATIO:
        why.append(f"the 95% intervals differ in width {ratio:.1f}-fold")
    if not why:
        return None
    return f"The Bayesian model and the primary analysis disagree: {'; '.join(why)}."


def flag_followup(finding: Finding) -> str | None:
    """MDS/AML: every cohort's median follow-up (a late event needs a long follow-up)."""
    from .characteristics import followup

    if finding.endpoint != "mds_aml":
        return None
    return followup(finding.tables.characteristics, [r["cohort_id"] for r in finding.rows])


#: The flags in the order their notes are given; a new flag is a rule above and a line here
#: (and its row in the table of the module docstring and in results/README.md).
FLAG_RULES: tuple[tuple[str, Callable[[Finding], str | None]], ...] = (
    ("not_pooled", flag_not_pooled),
    ("k2", flag_k2),
    ("wide_pi", flag_wide_pi),
    ("high_heterogeneity", flag_high_heterogeneity),
    ("dominant_cohort", flag_dominant_cohort),
    ("preprint", flag_preprint),
    ("sensitivity_shift", flag_sensitivity_shift),
    ("selected_population_shown", flag_selected_population_shown),
    ("ne_bound", flag_ne_bound),
    ("no_ci_excluded", flag_no_ci_excluded),
    ("nr_not_pooled", flag_nr_not_pooled),
    ("implied_zero", flag_implied_zero),
    ("bayes", flag_bayes),
    ("bayes_disagrees", flag_bayes_disagrees),
    ("followup", flag_followup),
)
FLAGS = tuple(name for name, _ in FLAG_RULES)


def _summary_row(tables: Tables, preprints: set[str], endpoint: str, setting: str) -> dict:
    finding = Finding.read(tables, preprints, endpoint, setting)
    mom = finding.median_of_medians
    out: dict[str, object] = {
        "endpoint": endpoint,
        "setting": setting,
        "pooled": finding.primary is not None,
        "weighted_median": num(mom["estimate"]) if mom is not None else None,
        "shown_not_pooled": "; ".join(
            f"{r['cohort_id']} ({short_reason(r.get('reason_code', ''))})" for r in finding.shown
        ),
        "k": finding.k,
    }
    out.update(_pooled_columns(finding))
    notes = [(name, note) for name, rule in FLAG_RULES if (note := rule(finding)) is not None]
    out["flags"] = ";".join(name for name, _ in notes)
    out["_notes"] = [note for _, note in notes]  # for the Markdown page, not a CSV column
    out["notes"] = " ".join(out["_notes"])
    return out


def _pooled_columns(finding: Finding) -> dict[str, object]:
    """The columns of the primary pooled estimate (not pooled: only its text)."""
    p, endpoint = finding.primary, finding.endpoint
    if p is None:
        alone = single_cohort(finding.median, finding.rows)
        if alone is None:
            return {"estimate_text": f"not pooled (k = {finding.k})"}
        cohort, est, lo, hi = alone
        return {"estimate_text": f"{fmt.single_cohort(endpoint, est, lo, hi)} ({cohort})"}
    est, lo, hi, pi_lo, pi_hi = (
        finding.estimate,
        finding.ci_low,
        finding.ci_high,
        finding.pi_low,
        finding.pi_high,
    )
    out = {
        "model": p["model"],
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
        "q_test": p.get("q_test", ""),
        "iv_i2": num(p.get("iv_i2")),
        "iv_i2_ci_low": num(p.get("iv_i2_ci_low")),
        "iv_i2_ci_high": num(p.get("iv_i2_ci_high")),
        "cohorts": p["cohorts"],
        "estimate_text": fmt.estimate_ci_unit(endpoint, est, lo, hi),
        "pi_text": "" if pi_lo is None else fmt.interval_unit(endpoint, pi_lo, pi_hi),
    }
    bayes = finding.tables.pooled_row("sens_bayes", endpoint, finding.setting)
    few = fmt.few_cohorts(
        endpoint,
        finding.k,
        num(bayes["ci_low"]) if bayes else None,
        num(bayes["ci_high"]) if bayes else None,
        finding.max_weight[0] if finding.max_weight else None,
    )
    if few:
        out["estimate_text"] += f"; {few}"
    if finding.max_weight is not None:
        out["max_weight"], out["max_weight_cohort"] = finding.max_weight
    return out


def _add_certainty(row: dict[str, object], grade: Row | None) -> None:
    """GRADE certainty (results/certainty.csv) of a pooled row; not pooled: no rating."""
    if not row["pooled"]:
        row["certainty"], row["certainty_reasons"] = "not rated", "Not pooled: no certainty rating."
    elif grade is not None:
        row["certainty"], row["certainty_reasons"] = grade["certainty"], grade["reasons"]
        row["levels_off"] = grade.get("levels_off", "")


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
        f"| {fmt.TAU2} | {fmt.I2} (inverse variance, 95% CI) | certainty (GRADE) | flags |",
        "|---|---|---|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        n = r.get("n")
        tau2, i2 = r.get("tau2"), r.get("iv_i2")
        i2_lo, i2_hi = r.get("iv_i2_ci_low"), r.get("iv_i2_ci_high")
        cells = [
            str(r["endpoint"]),
            str(r["setting"]),
            str(r.get("estimate_text", "")),
            str(r.get("pi_text", "")),
            str(r.get("k", "")),
            fmt.count(n) if n is not None else "",
            fmt.tau2(tau2) if tau2 is not None else "",
            (fmt.i2(i2) if i2 is not None else "")
            + (
                f" ({i2_lo:.1f}{fmt.DASH}{i2_hi:.1f})"
                if i2_lo is not None and i2_hi is not None
                else ""
            ),
            str(r.get("certainty", ""))
            + (f" ({r['levels_off']})" if r.get("levels_off") not in (None, "", "none") else ""),
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
            off = r.get("levels_off") or "none"
            lines.append(
                f"- Certainty of evidence (GRADE): **{r['certainty']}** (levels taken off: "
                f"{off}). {r['certainty_reasons']}"
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
    from .characteristics import markdown as characteristics_markdown

    extra = characteristics_markdown(tables.characteristics)
    write_text(out_md, markdown(rows) + ("\n" + "\n".join(extra) if extra else ""))
