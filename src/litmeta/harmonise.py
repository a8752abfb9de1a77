"""Harmonisation: extracted outcomes -> one analysis row per cohort x protocol endpoint.

Proportions carry events / n (counts, never back-computed from printed percentages, which
the extraction only cross-checks).  Medians carry the median with its 95% CI; the analyses
build the effect sizes from these (:mod:`litmeta.stats`).  A lower bound of 0 or NE beside
an upper bound is carried through and the row is not pooled.

ORR and DCR rows also carry ``n_treated``, the cohort's patients who received the treatment
(``n_safety``, else ``n_enrolled``, of extracted/cohorts.csv), for ``sens_all_treated``.

Every row says whether it enters the primary analysis (``included``) and, if not, why: a
reason code (``reason_code``, :mod:`litmeta.protocol`), which decisions read, and its human
text (``reason``).
"""

from __future__ import annotations

import math
from collections import Counter

from . import protocol as P
from .protocol import MEDIAN_ENDPOINTS, PROTOCOL_ENDPOINTS
from .tables import num

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
    "included",
    "reason_code",
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


class _Outcomes:
    """Look-up of extracted values, following ``derived_from`` for alternatives."""

    def __init__(self, rows: list[dict[str, str]]) -> None:
        self.rows = {(r["cohort_id"], r["endpoint"], r["statistic"]): r for r in rows}

    def row(self, cohort: str, ref: str) -> dict[str, str] | None:
        endpoint, statistic = ref.split(".", 1)
        return self.rows.get((cohort, endpoint, statistic))

    def value(self, cohort: str, ref: str) -> float:
        r = self.row(cohort, ref)
        return num(r["value"], math.nan) if r else math.nan

    def alternative(self, cohort: str, ref: str, depth: int = 0) -> float:
        """The value with the paper's alternative figures in place (NaN: none differ)."""
        r = self.row(cohort, ref)
        if r is None or depth > 5:
            return math.nan
        if r["alternative"]:
            return num(r["alternative"].split(";")[0], math.nan)
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


def _n_treated(cohort: dict[str, str]) -> float:
    """All treated patients of a cohort (cohorts.csv): the safety population, else enrolled."""
    for key in ("n_safety", "n_enrolled"):
        value = num(cohort.get(key, ""), math.nan)
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
            code = ""
            if endpoint in MEDIAN_ENDPOINTS:
                med = look.row(cid, f"{endpoint}.median")
                if med is None:
                    continue
                m = num(med["value"], math.nan)
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
                # a 0 or NE lower bound beside an upper bound: carried through, not pooled
                if math.isnan(m):
                    code = P.NR
                elif lo == 0:
                    code = P.HALF_CI_ZERO
                elif math.isnan(lo) and not math.isnan(hi):
                    code = P.HALF_CI_NE
                elif math.isnan(lo):
                    code = P.NO_CI
            else:
                ev = look.row(cid, f"{endpoint}.events")
                if ev is None:
                    continue
                events, n = num(ev["value"], math.nan), look.value(cid, f"{endpoint}.n")
                row = {
                    **base,
                    "events": events,
                    "n": n,
                    "proportion": events / n,
                    "status": ev["status"],
                    "alt_events": look.alternative(cid, f"{endpoint}.events"),
                    "alt_n": look.alternative(cid, f"{endpoint}.n"),
                }
                if endpoint in RESPONSE_ENDPOINTS:
                    row["n_treated"] = _n_treated(c)
            if c["pooled_in"] == "none":
                code = P.not_pooled_code(c["reason_code"])
            row["reason_code"] = code
            row["reason"] = P.reason_text(code, c["reason"])
            rows.append(row)
    # k = 1 within a setting: shown, not pooled
    poolable = Counter((r["endpoint"], r["pooled_in"]) for r in rows if not r["reason_code"])
    for row in rows:
        if not row["reason_code"] and poolable[(row["endpoint"], row["pooled_in"])] < 2:
            row["reason_code"] = P.K1
            row["reason"] = P.reason_text(P.K1)
    for row in rows:
        row["included"] = not row["reason_code"]
    rows.sort(key=lambda r: (PROTOCOL_ENDPOINTS.index(r["endpoint"]), r["setting"], r["cohort_id"]))
    return rows
