"""litmeta.stats against R metafor: every number in tests/metafor/fixtures/generated.csv.

The fixtures are written by ``Rscript tests/metafor/make_fixtures.R``; these tests only read
them (no R needed). Each row's ``r_call`` column holds the R call that produced it.
"""

from __future__ import annotations

import math
from functools import cache
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from scipy import special

from litmeta.stats import GlmmLogit, InverseVariance, PoolResult, q_between, study_loglik

FIXTURES = Path(__file__).parent / "metafor" / "fixtures"

# fixture column -> PoolResult attribute
ANALYSIS = {
    "estimate": "estimate",
    "se": "se",
    "ci_lb": "ci_low",
    "ci_ub": "ci_high",
    "pi_lb": "pi_low",
    "pi_ub": "pi_high",
    "tau2": "tau2",
}
NATURAL = {
    "est_nat": "est_nat",
    "ci_lb_nat": "ci_low_nat",
    "ci_ub_nat": "ci_high_nat",
    "pi_lb_nat": "pi_low_nat",
    "pi_ub_nat": "pi_high_nat",
}
HETEROGENEITY = {"I2": "i2", "H2": "h2", "QE": "q", "QEp": "q_p"}

# generated.csv holds metafor's own conventions (test="knha", predict()'s z / t(k-1) PI) and
# the original one-half SE for NE bounds; the Amendment 1 defaults (ad hoc KH, t(k-2) PI,
# amended NE SE) are checked against amendment1.csv (tests/test_stats_amendment1.py).
_MF = {"hk_adhoc": False, "pi_method": "ci_crit", "ne_rule": "one_half"}
IV_MODELS = {
    "iv_logit_reml": InverseVariance("logit", "REML", **_MF),
    "iv_logit_reml_knha": InverseVariance("logit", "REML", hksj=True, **_MF),
    "iv_logit_dl": InverseVariance("logit", "DL", **_MF),
    "iv_logit_pm": InverseVariance("logit", "PM", **_MF),
    "iv_logit_fe": InverseVariance("logit", "FE", **_MF),
    "iv_ft_reml": InverseVariance("ft", "REML", **_MF),
    "iv_logmedian_reml": InverseVariance("log", "REML", **_MF),
    "iv_logmedian_reml_knha": InverseVariance("log", "REML", hksj=True, **_MF),
    "iv_logmedian_dl": InverseVariance("log", "DL", **_MF),
    # metafor run with its default stopping rules (REML change < 1e-5, PM uniroot tol 1.2e-4)
    "iv_logit_reml_default": InverseVariance("logit", "REML", **_MF),
    "iv_logit_pm_default": InverseVariance("logit", "PM", **_MF),
}

# absolute tolerances: (analysis + natural scale incl. tau2 and se, I2 in points, H2, QE, QEp)
TOL_IV = (1e-4, 1e-4, 1e-4, 1e-4, 1e-4)
TOL_DEFAULT = (1e-3, 0.05, 2e-3, 1e-4, 1e-4)
TOL_GLMM = (1e-3, 0.01, 1e-3, 1e-3, 1e-3)


@cache
def inputs() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "inputs.csv")


@cache
def results() -> pd.DataFrame:
    return pd.read_csv(FIXTURES / "generated.csv")


def _rows():
    return [
        pytest.param(row, id=f"{row.dataset}-{row.model}")
        for row in results().itertuples(index=False)
    ]


def _data(dataset: str) -> pd.DataFrame:
    return inputs()[inputs().dataset == dataset]


def _fit(row) -> PoolResult:
    d = _data(row.dataset)
    if row.model == "glmm":
        return GlmmLogit(pi_method="ci_crit").fit(d.events, d.n)
    model = IV_MODELS[row.model]
    if model.transform == "log":
        upper = [None if math.isnan(u) else u for u in d.upper]  # NE bounds as None
        return model.fit_medians(d["median"], d.lower, upper, d.n)
    return model.fit_proportions(d.events, d.n)


def _close(got, want, tol, what):
    if isinstance(want, float) and math.isnan(want):
        return
    assert got is not None, what
    assert abs(got - want) <= tol, f"{what}: python {got!r} vs metafor {want!r}"


@pytest.mark.parametrize("row", [r for r in _rows() if r.values[0].model != "subgroup_qb"])
def test_pooled_estimates_match_metafor(row):
    res = _fit(row)
    if row.model == "glmm":
        tol = TOL_GLMM
    elif row.model.endswith("_default"):
        tol = TOL_DEFAULT
    else:
        tol = TOL_IV
    assert res.k == row.k
    assert res.q_df == row.QEdf
    for col, attr in {**ANALYSIS, **NATURAL}.items():
        if col.startswith("pi") and row.k < 3:
            assert getattr(res, attr) is None  # no PI reported for k < 3
            continue
        _close(getattr(res, attr), getattr(row, col), tol[0], f"{row.r_call}: {col}")
    for (col, attr), t in zip(HETEROGENEITY.items(), tol[1:], strict=True):
        _close(getattr(res, attr), getattr(row, col), t, f"{row.r_call}: {col}")


@pytest.mark.parametrize("row", [r for r in _rows() if r.values[0].model == "glmm"])
def test_glmm_likelihood_equals_lme4_at_its_optimum(row):
    """Our AGQ log-likelihood at lme4's (mu, tau) reproduces lme4's logLik().

    lme4 reports the binomial log-likelihood relative to the saturated model.
    """
    d = _data(row.dataset)
    x, n = d.events.to_numpy(float), d.n.to_numpy(float)
    saturated = np.sum(
        special.gammaln(n + 1)
        - special.gammaln(x + 1)
        - special.gammaln(n - x + 1)
        + special.xlogy(x, x / n)
        + special.xlogy(n - x, 1 - x / n)
    )
    ours = float(np.sum(study_loglik(row.estimate, row.tau, x, n))) - saturated
    assert ours == pytest.approx(row.loglik, abs=1e-5)


@pytest.mark.parametrize("row", [r for r in _rows() if r.values[0].model == "subgroup_qb"])
def test_subgroup_q_between_matches_metafor(row):
    d = _data(row.dataset)
    fits = [
        InverseVariance("logit", "REML").fit_proportions(g.events, g.n)
        for _, g in d.groupby("group", sort=True)
    ]
    q, df, p = q_between([f.estimate for f in fits], [f.se for f in fits])
    assert df == 1
    _close(q, row.QE, 1e-4, row.r_call)
    _close(p, row.QEp, 1e-4, row.r_call)


def test_fixtures_cover_the_protocol():
    inp, res = inputs(), results()
    props = inp[inp.kind == "proportion"]
    meds = inp[inp.kind == "median"]
    per = props.groupby("dataset")
    assert inp.dataset.nunique() >= 25
    assert (props.events == 0).any() and (props.events == props.n).any()
    assert (per.size() == 2).any() and per.size().max() >= 12
    assert props.n.max() >= 1000 and props.n.min() <= 5
    assert meds.upper.isna().any() and meds.lower.isna().any() and meds.dataset.nunique() >= 5
    assert ((res.model == "iv_logit_reml") & (res.tau2 == 0)).any()
    assert ((res.model == "glmm") & (res.tau2 < 1e-8)).any()
    expected = {"glmm", "subgroup_qb", *IV_MODELS}
    assert expected <= set(res.model)
    assert res.r_call.str.len().gt(0).all()
