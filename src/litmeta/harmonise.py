"""Harmonisation: extracted outcomes -> one analysis row per cohort x protocol endpoint.

Proportions carry events / n (counts, never back-computed from printed percentages, which
the extraction only cross-checks) and ``yi``/``vi`` on the logit scale, with 0.5 added to
both cells only for a cohort with 0 or n events (the inverse-variance convention; the GLMM
uses the raw counts).  Medians carry the median with its 95% CI and ``yi = ln(median)``,
``vi = SE²`` with SE = (ln U - ln L)/(2·1.96), or (ln M - ln L)/1.96 when U is NE.  A lower
bound of 0 or NE beside an upper bound is carried through and the row is not pooled.

ORR and DCR rows also carry ``n_treated``, the cohort's patients who received the treatment
(``n_safety``, else ``n_enrolled``, of extracted/cohorts.csv), for ``sens_all_treated``.

Every row says whether it enters the primary analysis (``included``) and, if not, why.
"""

from __future__ import annotations

import math
from collections import Counter

from .extract.vocabulary import MEDIAN_ENDPOINTS, PROTOCOL_ENDPOINTS

ANALYSIS_COLUMNS = (
    "cohort_id",
    "paper_id",
    "setting",
    "pooled_in",
    "endpoint",
    "events",
    "n",
    "proportion",
    "median",
    "median_text",
    "ci_low",
    "ci_high",
    "yi",
    "vi",
    "included",
    "reason",
    "alt_events",
    "alt_n",
    "alt_median",
    "alt_ci_low",
    "alt_ci_high",
    "n_treated",
    "status",
)
#: endpoints whose denominator may be smaller than all treated (sens_all_treated)
RESPONSE_ENDPOINTS = ("orr", "dcr")

REASON_NOT_POOLED = "cohort not pooled: {}"
REASON_NR = "median not reached (NR): shown, never pooled"
REASON_NO_CI = "no 95% CI: enters median_of_medians and sens_impute_se only"
REASON_HALF_CI = "95% CI lower bound {}: its log is unusable; shown, not pooled"
REASON_K1 = "only cohort of its setting with this endpoint (k = 1): shown, not pooled"


def _float(text: str) -> float:
    return float(text) if text not in ("", None) else math.nan


class _Outcomes:
    """Look-up of extracted values, following ``derived_from`` for alternatives."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = {(r["cohort_id"], r["endpoint"], r["statistic"]): r for r in rows}

    def row(self, cohort: str, ref: str) -> dict[str, str] | None:
        endpoint, statistic = ref.split(".", 1)
        return self.rows.get((cohort, endpoint, statistic))

    def value(self, cohort: str, ref: str) -> float:
        r = self.row(cohort, ref)
        return _float(r["value"]) if r else math.nan

    def alternative(self, cohort: str, ref: str, depth: int = 0) -> float:
        """The value with the paper's alternative figures in place (NaN: none differ)."""
        r = self.row(cohort, ref)
        if r is None or depth > 5:
            return math.nan
        if r["alternative"]:
            return float(r["alternative"].split(";")[0])
        src = r["derived_from"]
        if not src:
            return math.nan
        parts = [p for p in src.replace("-", "+").split("+") if "." in p]
        if not parts:
            return math.nan
        alts = [self.alternative(cohort, p, depth + 1) for p in parts]
        if all(math.isnan(a) for a in alts):
            return math.nan
        if len(parts) == 1:
            return alts[0]
        if "-" in src:  # n - a - b: not used for alternatives
            return math.nan
        return sum(
            self.value(cohort, p) if math.isnan(a) else a for p, a in zip(parts, alts, strict=True)
        )


def _logit(events: float, n: float) -> tuple[float, float]:
    if events in (0, n):
        events, n = events + 0.5, n + 1.0
    return math.log(events / (n - events)), 1.0 / events + 1.0 / (n - events)


def _log_median(median: float, lo: float, hi: float) -> tuple[float, float]:
    if math.isnan(lo):
        return math.log(median), math.nan
    if math.isnan(hi):
        se = (math.log(median) - math.log(lo)) / 1.96
    else:
        se = (math.log(hi) - math.log(lo)) / (2 * 1.96)
    return math.log(median), se * se


def _n_treated(cohort: dict[str, str]) -> float:
    """All treated patients of a cohort (cohorts.csv): the safety population, else enrolled."""
    for key in ("n_safety", "n_enrolled"):
        value = _float(cohort.get(key, ""))
        if not math.isnan(value):
            return value
    return math.nan


def build_analysis_table(
    outcomes: list[dict[str, str]], cohorts: list[dict[str, str]]
) -> list[dict]:
    look = _Outcomes(outcomes)
    rows = []
    for c in cohorts:
        cid = c["cohort_id"]
        for endpoint in PROTOCOL_ENDPOINTS:
            base = {
                "cohort_id": cid,
                "paper_id": c["paper_id"],
                "setting": c["setting"],
                "pooled_in": c["pooled_in"],
                "endpoint": endpoint,
            }
            reason = ""
            if endpoint in MEDIAN_ENDPOINTS:
                med = look.row(cid, f"{endpoint}.median")
                if med is None:
                    continue
                m = _float(med["value"])
                lo = look.value(cid, f"{endpoint}.ci_low")
                hi = look.value(cid, f"{endpoint}.ci_high")
                row = {
                    **base,
                    "n": look.value(cid, f"{endpoint}.n"),
                    "median": m,
                    "median_text": med["value_text"] or med["value"],
                    "ci_low": lo,
                    "ci_high": hi,
                    "status": med["status"],
                    "alt_median": look.alternative(cid, f"{endpoint}.median"),
                    "alt_ci_low": look.alternative(cid, f"{endpoint}.ci_low"),
                    "alt_ci_high": look.alternative(cid, f"{endpoint}.ci_high"),
                }
                if math.isnan(m):
                    reason = REASON_NR
                elif lo == 0 or (math.isnan(lo) and not math.isnan(hi)):
                    # a 0 or NE lower bound with an upper bound: carried through, not pooled
                    # (PROTOCOL Amendment 1 gives these an SE rule of their own)
                    reason = REASON_HALF_CI.format("0" if lo == 0 else "NE")
                    row["yi"] = math.log(m)
                else:
                    row["yi"], row["vi"] = _log_median(m, lo, hi)
                    if math.isnan(lo):
                        reason = REASON_NO_CI
            else:
                ev = look.row(cid, f"{endpoint}.events")
                if ev is None:
                    continue
                events, n = _float(ev["value"]), look.value(cid, f"{endpoint}.n")
                row = {
                    **base,
                    "events": events,
                    "n": n,
                    "proportion": events / n,
                    "status": ev["status"],
                    "alt_events": look.alternative(cid, f"{endpoint}.events"),
                    "alt_n": look.alternative(cid, f"{endpoint}.n"),
                }
                row["yi"], row["vi"] = _logit(events, n)
                if endpoint in RESPONSE_ENDPOINTS:
                    row["n_treated"] = _n_treated(c)
            if c["pooled_in"] == "none":
                reason = REASON_NOT_POOLED.format(c["reason"])
            row["reason"] = reason
            rows.append(row)
    # k = 1 within a setting: shown, not pooled
    poolable = Counter((r["endpoint"], r["pooled_in"]) for r in rows if not r["reason"])
    for row in rows:
        if not row["reason"] and poolable[(row["endpoint"], row["pooled_in"])] < 2:
            row["reason"] = REASON_K1
    for row in rows:
        row["included"] = not row["reason"]
    rows.sort(key=lambda r: (PROTOCOL_ENDPOINTS.index(r["endpoint"]), r["setting"], r["cohort_id"]))
    return rows
