"""The certainty outputs built from the result tables: results/risk_of_bias.csv and
indirectness.csv, small_study_tests.csv, and certainty.csv (GRADE per pooled outcome)."""

from __future__ import annotations

import math
from pathlib import Path

from .. import fmt
from ..intervals import cohort_ci
from ..tables import Row, Tables, num, read_rows
from . import grade, minors

SMALL_STUDY_COLUMNS = (
    "endpoint",
    "setting",
    "test",
    "k",
    "assessed",
    "reason",
    "slope",
    "slope_se",
    "t",
    "df",
    "p",
    "limit",
    "limit_ci_low",
    "limit_ci_high",
)
#: the columns filled from the fields of the same name of a small_study.RegTest
REGTEST_COLUMNS = SMALL_STUDY_COLUMNS[SMALL_STUDY_COLUMNS.index("slope") :]
CERTAINTY_COLUMNS = (
    "endpoint",
    "setting",
    "k",
    "n",
    "certainty",
    "downgrades",
    *grade.DOMAINS,
    "levels_off",
    "reasons",
)


def pool_cohorts(tables: Tables, pooled: Row) -> list[Row]:
    """The analysis-table rows of the cohorts a primary pooled row combines."""
    ids = [c for c in pooled["cohorts"].split(";") if c]
    rows = {r["cohort_id"]: r for r in tables.cohorts(pooled["endpoint"], pooled["setting"])}
    return [rows[c] for c in ids if c in rows]


def primary_rows(tables: Tables) -> list[Row]:
    return [r for r in tables.pooled if r["analysis"] == "primary"]


def effects(endpoint: str, cohorts: list[Row]):
    from . import small_study  # numpy and scipy: not for the readers of certainty.csv

    """(yi, vi, n) of the cohorts on the analysis scale (logit, or log median)."""
    import numpy as np

    n = np.array([num(r["n"]) for r in cohorts], dtype=float)
    if fmt.is_median(endpoint):
        yi, vi = small_study.median_effects(
            [num(r["median"]) for r in cohorts],
            [num(r["ci_low"]) for r in cohorts],
            [num(r["ci_high"]) for r in cohorts],
        )
    else:
        yi, vi = small_study.proportion_effects([num(r["events"]) for r in cohorts], n)
    return yi, vi, n


def small_study_rows(
    tables: Tables, min_k: int, store: object | None = None
) -> list[dict[str, object]]:
    """Egger and Peters per primary pool; pools with fewer than ``min_k`` cohorts get rows
    that say why they are not tested. With ``store`` (a :class:`litmeta.cache.Store`) each
    test is kept by its numbers and read back when they are unchanged (a 500-paper review
    spent most of the job importing statsmodels for tests it had made before)."""
    from . import small_study

    def regtest(yi, vi, n, predictor):
        if store is None:
            return small_study.regtest(yi, vi, n, predictor)
        return store.value(
            "small_study/regtest",
            [list(yi), list(vi), list(n), predictor],
            lambda: small_study.regtest(yi, vi, n, predictor),
            (small_study.NoSpread,),
        )

    out: list[dict[str, object]] = []
    for p in primary_rows(tables):
        cohorts = pool_cohorts(tables, p)
        k = len(cohorts)
        for test, predictor in (("egger", "sei"), ("peters", "ninv")):
            row: dict[str, object] = {
                "endpoint": p["endpoint"],
                "setting": p["setting"],
                "test": test,
                "k": k,
            }
            if k < min_k:
                row.update(assessed=False, reason=f"k = {k}: fewer than {min_k} cohorts")
            else:
                yi, vi, n = effects(p["endpoint"], cohorts)
                try:
                    r = regtest(yi, vi, n, predictor)
                except small_study.NoSpread as exc:
                    row.update(assessed=False, reason=f"no test: {exc}")
                    out.append(row)
                    continue
                row.update(assessed=True, reason="")
                row.update({c: getattr(r, c) for c in REGTEST_COLUMNS})
            out.append(row)
    return out


def certainty_rows(
    tables: Tables,
    rob: list[Row],
    indirect: list[Row],
    small: list[Row],
    thresholds: grade.Thresholds,
) -> list[dict[str, object]]:
    totals = minors.totals(rob)
    indirect_by = {r["cohort_id"]: r["reason"] for r in indirect}
    tests = {(r["endpoint"], r["setting"], r["test"]): r for r in small}
    out = []
    for p in primary_rows(tables):
        endpoint, setting = p["endpoint"], p["setting"]
        ids = [c for c in p["cohorts"].split(";") if c]
        weights = {c: tables.weight(endpoint, setting, c) or 0.0 for c in ids}

        def p_value(test: str, key: tuple[str, str] = (endpoint, setting)) -> float | None:
            r = tests.get((*key, test))
            return num(r["p"]) if r is not None and r.get("assessed") == "true" else None

        rows = {r["cohort_id"]: r for r in pool_cohorts(tables, p)}
        bayes = tables.pooled_row("sens_bayes", endpoint, setting)
        pool = grade.Pool(
            endpoint=endpoint,
            setting=setting,
            k=int(num(p["k"])),
            n=num(p["n"]),
            estimate=num(p["estimate"]),
            ci_low=num(p["ci_low"]),
            ci_high=num(p["ci_high"]),
            pi_low=_opt(p.get("pi_low")),
            pi_high=_opt(p.get("pi_high")),
            iv_i2=_opt(p.get("iv_i2")),
            iv_i2_ci=_pair(p.get("iv_i2_ci_low"), p.get("iv_i2_ci_high")),
            q_test=p.get("q_test", ""),
            q_p=_opt(p.get("q_p")),
            bayes_ci=None if bayes is None else _pair(bayes["ci_low"], bayes["ci_high"]),
            bayes_tau=grade.bayes_tau(bayes),
            weights=weights,
            patients={c: num(rows[c]["n"]) for c in ids if c in rows},
            cohort_ci={
                c: ci
                for c in ids
                if c in rows and (ci := cohort_ci(fmt.is_median(endpoint), rows[c])) is not None
            },
            minors={c: totals.get(c) for c in ids},
            low_risk_estimate=low_risk_estimate(tables, p, totals, thresholds),
            indirect={c: indirect_by[c] for c in ids if c in indirect_by},
            egger_p=p_value("egger"),
            peters_p=p_value("peters"),
        )
        rating = grade.rate(pool, thresholds)
        row: dict[str, object] = {
            "endpoint": endpoint,
            "setting": setting,
            "k": pool.k,
            "n": pool.n,
            "certainty": rating.certainty,
            "downgrades": rating.downgrades,
            "levels_off": rating.by_domain,
            "reasons": rating.reasons,
        }
        for s in rating.steps:
            row[s.domain] = s.levels
        out.append(row)
    return out


def _opt(value: str | None) -> float | None:
    """A number of a result table, or None where it is empty."""
    x = num(value)
    return None if x is None or math.isnan(x) else x


def _pair(lo: str | None, hi: str | None) -> tuple[float, float] | None:
    a, b = _opt(lo), _opt(hi)
    return None if a is None or b is None else (a, b)


def low_risk_estimate(
    tables: Tables, primary: Row, totals: dict[str, int | None], t: grade.Thresholds
) -> float | None:
    """The estimate without the cohorts at high risk of bias (Amendment 2): the primary
    estimate where no pooled cohort is at high risk, None where none is left, the remaining
    cohort's own value where one is (events / n, or its median), else the primary model on the
    remaining cohorts (:func:`litmeta.analyses.primary_estimate`, the fit of
    ``sens_low_risk_only``; refitted here so that it always matches the MINORS scores read)."""
    cohorts = pool_cohorts(tables, primary)
    low = [
        r
        for r in cohorts
        if totals.get(r["cohort_id"]) is not None
        and totals[r["cohort_id"]] > t.minors_high_risk_total  # type: ignore[operator]
    ]
    if len(low) == len(cohorts):
        return num(primary["estimate"])
    if not low:
        return None
    if len(low) == 1:
        if fmt.is_median(primary["endpoint"]):
            return num(low[0]["median"])
        return num(low[0]["events"]) / num(low[0]["n"])
    from ..analyses import primary_estimate  # numpy and scipy: only where a fit is needed

    return primary_estimate(low, primary["endpoint"])


def read_certainty(path: str | Path | None) -> dict[tuple[str, str], Row]:
    """results/certainty.csv keyed by (endpoint, setting); empty when no path is given."""
    if path is None:
        return {}
    return {(r["endpoint"], r["setting"]): r for r in read_rows(path)}
