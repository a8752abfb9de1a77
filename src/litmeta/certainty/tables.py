"""The certainty outputs built from the result tables: results/risk_of_bias.csv and
indirectness.csv, small_study_tests.csv, and certainty.csv (GRADE per pooled outcome)."""

from __future__ import annotations

from pathlib import Path

from .. import fmt
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


def small_study_rows(tables: Tables, min_k: int) -> list[dict[str, object]]:
    from . import small_study

    """Egger and Peters per primary pool; pools with fewer than ``min_k`` cohorts get rows
    that say why they are not tested."""
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
                    r = small_study.regtest(yi, vi, n, predictor)
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

        pool = grade.Pool(
            endpoint=endpoint,
            setting=setting,
            k=int(num(p["k"])),
            n=num(p["n"]),
            estimate=num(p["estimate"]),
            ci_low=num(p["ci_low"]),
            ci_high=num(p["ci_high"]),
            pi_low=num(p["pi_low"]),
            pi_high=num(p["pi_high"]),
            i2=num(p["i2"]),
            bayes_tau=grade.bayes_tau(tables.pooled_row("sens_bayes", endpoint, setting)),
            weights=weights,
            minors={c: totals.get(c) for c in ids},
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
            "reasons": rating.reasons,
        }
        for s in rating.steps:
            row[s.domain] = s.levels
        out.append(row)
    return out


def read_certainty(path: str | Path | None) -> dict[tuple[str, str], Row]:
    """results/certainty.csv keyed by (endpoint, setting); empty when no path is given."""
    if path is None:
        return {}
    return {(r["endpoint"], r["setting"]): r for r in read_rows(path)}
