"""The statistics of PROTOCOL.md Amendment 1 against R on the synthetic data sets.

Expected values: tests/metafor/fixtures/amendment1.csv, written by tests/metafor/amendment1.R
(metafor ``test="adhoc"`` and ``b ± qt(.975, k-2) sqrt(se² + tau2)``; the amended NE SE; an
FFT-convolution posterior for the Bayesian model, bayes_fft.R; ``rma.glmm(mods=~group)``).
Tolerances: 1e-4 for inverse-variance models, 1e-3 for the GLMM, meta-regression and Bayes.
"""

import math
from functools import cache

import numpy as np
import pandas as pd
import pytest
from conftest import ROOT

from litmeta.stats import BayesRandomEffects, GlmmLogit, InverseVariance
from litmeta.stats.medians import log_median_effects
from litmeta.stats.metareg import GlmmMetaRegression

FIX = ROOT / "tests/metafor/fixtures"
# quasi-complete separation: metafor's slope diverges (b1 = -31, se 9e6); no finite ML estimate
SEPARATED = {"p23_mostly_zero"}


@cache
def inputs() -> pd.DataFrame:
    return pd.read_csv(FIX / "inputs.csv")


@cache
def expected() -> pd.DataFrame:
    return pd.read_csv(FIX / "amendment1.csv")


def _rows(model):
    fx = expected()
    return [
        pytest.param(r, id=r.dataset)
        for r in fx[fx.model == model].itertuples(index=False)
        if r.dataset not in SEPARATED
    ]


def _medians(dataset):
    d = inputs()[inputs().dataset == dataset]
    d = d[d.lower.notna()]
    upper = [None if math.isnan(u) else u for u in d.upper]
    return d["median"].to_numpy(), d.lower.to_numpy(), upper, d.n.to_numpy()


def _check(res, row, tol, pi=True):
    assert res.estimate == pytest.approx(row.estimate, abs=tol)
    assert res.ci_low == pytest.approx(row.ci_low, abs=tol)
    assert res.ci_high == pytest.approx(row.ci_high, abs=tol)
    assert res.tau2 == pytest.approx(row.tau2, abs=tol)
    if pi and not math.isnan(row.pi_low):
        assert res.pi_low == pytest.approx(row.pi_low, abs=tol)
        assert res.pi_high == pytest.approx(row.pi_high, abs=tol)


@pytest.mark.parametrize("row", _rows("iv_logit_reml_adhoc_tk2"))
def test_iv_logit_adhoc_and_t_k2(row):
    d = inputs()[inputs().dataset == row.dataset]
    res = InverseVariance("logit", "REML", hksj=True).fit_proportions(d.events, d.n)
    _check(res, row, 1e-4)
    assert res.se == pytest.approx(row.se, abs=1e-4)


@pytest.mark.parametrize("row", _rows("glmm_tk2"))
def test_glmm_t_k2_prediction_interval(row):
    d = inputs()[inputs().dataset == row.dataset]
    _check(GlmmLogit().fit(d.events, d.n), row, 1e-3)


@pytest.mark.parametrize("row", _rows("iv_logmedian_reml_adhoc_tk2"))
def test_iv_logmedian_adhoc_with_amended_ne_se(row):
    res = InverseVariance("log", "REML", hksj=True).fit_medians(*_medians(row.dataset))
    _check(res, row, 1e-4)


@pytest.mark.parametrize("row", _rows("ne_max_imputed"))
def test_ne_rule_max_of_half_and_imputed(row):
    res = InverseVariance("log", "REML").fit_medians(*_medians(row.dataset))
    _check(res, row, 1e-4)


@pytest.mark.parametrize("row", _rows("bayes"))
def test_bayes_agrees_with_fft_convolution(row):
    d = inputs()[inputs().dataset == row.dataset]
    if d.kind.iloc[0] == "proportion":
        res = BayesRandomEffects("binomial").fit(d.events, d.n)
    else:
        res = BayesRandomEffects("normal").fit_medians(*_medians(row.dataset))
    _check(res, row, 1e-3)


@pytest.mark.parametrize("row", _rows("metareg"))
def test_metaregression_agrees_with_rma_glmm_mods(row):
    d = inputs()[inputs().dataset == row.dataset]
    design = np.column_stack([np.ones(len(d)), (d.group == "B").astype(float)])
    res = GlmmMetaRegression().fit(d.events, d.n, design)
    assert res.coef[0] == pytest.approx(row.estimate, abs=1e-3)
    assert res.coef[1] == pytest.approx(row.b1, abs=1e-3)
    assert res.tau2 == pytest.approx(row.tau2, abs=1e-3)
    assert res.se[0] == pytest.approx(row.se, abs=1e-3)
    assert res.se[1] == pytest.approx(row.se1, abs=1e-3)
    assert res.qm == pytest.approx(row.qm, abs=1e-3)
    assert res.qm_p == pytest.approx(row.qmp, abs=1e-3)


def test_ne_rule_keeps_half_se_when_larger_and_flags_fallback():
    # the NE study is small: its imputed SE wins
    _, vi, fb = log_median_effects([12.2, 14.6], [11.3, 12.4], [None, 16.9], [17, 168])
    se_two = (math.log(16.9) - math.log(12.4)) / (2 * 1.96)
    assert math.sqrt(vi[0]) == pytest.approx(se_two * math.sqrt(168) / math.sqrt(17))
    assert not fb
    # the NE half is wider than the imputed SE: it stays
    _, vi, _ = log_median_effects([12.0, 14.6], [4.0, 12.4], [None, 16.9], [17, 168])
    assert math.sqrt(vi[0]) == pytest.approx((math.log(12.0) - math.log(4.0)) / 1.96)
    # no study with two usable bounds: one-half SE, flagged
    _, vi, fb = log_median_effects([12.2, 14.6], [11.3, 12.4], [None, None], [17, 168])
    assert fb and math.sqrt(vi[0]) == pytest.approx((math.log(12.2) - math.log(11.3)) / 1.96)
    res = InverseVariance("log").fit_medians([12.2, 14.6], [11.3, 12.4], [None, None], [17, 168])
    assert res.notes == ("ne_one_half_fallback",)
    # a lower bound of 0: the upper half is the usable one
    _, vi, _ = log_median_effects([5.0, 14.6], [0.0, 12.4], [9.0, 16.9], [40, 168], "one_half")
    assert math.sqrt(vi[0]) == pytest.approx((math.log(9.0) - math.log(5.0)) / 1.96)
