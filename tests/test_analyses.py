"""Analyses of the protocol on an analysis table: leave-one-out and its warm starts."""

from __future__ import annotations

import numpy as np
import pytest

from litmeta.analyses import WARM_START_MIN_K, fit_proportions, leave_one_out
from litmeta.stats import GlmmLogit


def _rows(k: int, seed: int) -> list[dict]:
    rng = np.random.default_rng(seed)
    n = rng.integers(8, 250, k)
    p = 1 / (1 + np.exp(-(-1.0 + 0.7 * rng.standard_normal(k))))
    x = rng.binomial(n, p)
    return [
        {
            "cohort_id": f"c{i:03d}",
            "endpoint": "orr",
            "pooled_in": "initial",
            "included": True,
            "reason_code": "",
            "reason": "",
            "events": int(x[i]),
            "n": int(n[i]),
        }
        for i in range(k)
    ]


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_warm_started_leave_one_out_equals_cold_fits(seed):
    rows = _rows(WARM_START_MIN_K + 6, seed)
    got = leave_one_out(rows)
    assert [r["omitted_cohort"] for r in got] == [r["cohort_id"] for r in rows]
    for row, omitted in zip(got, rows, strict=True):
        rest = [r for r in rows if r is not omitted]
        cold = GlmmLogit().fit([r["events"] for r in rest], [r["n"] for r in rest])
        for col, want in (
            ("estimate", cold.est_nat),
            ("ci_low", cold.ci_low_nat),
            ("ci_high", cold.ci_high_nat),
            ("tau2", cold.tau2),
        ):
            assert row[col] == pytest.approx(want, rel=1e-6, abs=1e-9), (omitted, col)


def test_small_subsets_are_fitted_from_the_default_starts(monkeypatch):
    starts: list = []
    monkeypatch.setattr("litmeta.analyses.fit_proportions", _recording(starts))
    leave_one_out(_rows(5, 3))
    assert len(starts) == 5 and all(s is None for s in starts)
    starts.clear()
    leave_one_out(_rows(WARM_START_MIN_K + 2, 3))
    assert starts[0] is None  # the fit to all cohorts
    assert len(starts) == WARM_START_MIN_K + 3 and all(s is not None for s in starts[1:])


def _recording(starts: list):
    real = fit_proportions

    def fit(model, studies, near=None):
        starts.append(near)
        return real(model, studies, near)

    return fit


def test_medians_without_any_ci_are_left_out_not_a_traceback():
    """A review whose medians of one pool all lack a 95% CI (e.g. after removing the papers
    that print one): sens_impute_se has nothing to impute from and is left out, the median of
    medians is still reported, and nothing raises (it was a ValueError in `litmeta pool`)."""
    import csv
    from pathlib import Path

    from litmeta.analyses import run_analyses
    from litmeta.protocol import NO_CI, reason_text

    table = Path(__file__).resolve().parents[1] / "results/analysis_table.csv"
    with open(table, newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        if r["endpoint"] == "pfs_median" and r["setting"] == "salvage" and r["median"]:
            r.update(
                ci_low="",
                ci_high="",
                included="false",
                reason_code=NO_CI,
                reason=reason_text(NO_CI),
            )
    out = run_analyses(rows, ["primary", "median_of_medians", "sens_impute_se"], {})
    got = {p.analysis for p in out if (p.endpoint, p.setting) == ("pfs_median", "salvage")}
    assert got == {"median_of_medians"}
