"""Property-based checks (hypothesis) of every estimator in litmeta.stats."""

from __future__ import annotations

import numpy as np
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from litmeta.stats import GlmmLogit, InverseVariance, PoolResult, logit_yi_vi

IV_ESTIMATORS = [
    InverseVariance(transform, method, hksj)
    for transform in ("logit", "ft")
    for method in ("REML", "DL", "PM", "FE")
    for hksj in (False, True)
    if not (method == "FE" and hksj)
]


@st.composite
def proportions(draw, min_k=2, max_k=8):
    k = draw(st.integers(min_k, max_k))
    n = draw(st.lists(st.integers(1, 1500), min_size=k, max_size=k))
    events = [draw(st.integers(0, m)) for m in n]
    perm = draw(st.permutations(range(k)))
    return np.array(events, float), np.array(n, float), np.array(perm)


@st.composite
def effects(draw, min_k=2, max_k=10):
    k = draw(st.integers(min_k, max_k))
    finite = {"allow_nan": False, "allow_infinity": False}
    yi = draw(st.lists(st.floats(-5, 5, **finite), min_size=k, max_size=k))
    vi = draw(st.lists(st.floats(1e-3, 4, **finite), min_size=k, max_size=k))
    perm = draw(st.permutations(range(k)))
    return np.array(yi), np.array(vi), np.array(perm)


def _check_invariants(res: PoolResult) -> None:
    assert res.tau2 >= 0
    assert 0 <= res.i2 <= 100
    assert res.h2 >= 1 or "_FE" in res.model
    assert res.ci_low - 1e-12 <= res.estimate <= res.ci_high + 1e-12
    assert res.ci_low_nat - 1e-12 <= res.est_nat <= res.ci_high_nat + 1e-12
    assert abs(sum(res.weights) - 100) < 1e-8 and min(res.weights) > 0
    if res.k >= 3:
        assert res.pi_low <= res.ci_low + 1e-12 and res.ci_high <= res.pi_high + 1e-12
        assert res.pi_low_nat <= res.ci_low_nat + 1e-12
        assert res.ci_high_nat <= res.pi_high_nat + 1e-12
    else:
        assert res.pi_low is None and res.pi_high_nat is None


def _assert_same(a: PoolResult, b: PoolResult, perm: np.ndarray, atol: float) -> None:
    for f in ("estimate", "se", "ci_low", "ci_high", "tau2", "i2", "q", "est_nat"):
        assert np.isclose(getattr(a, f), getattr(b, f), rtol=atol, atol=atol), f
    np.testing.assert_allclose(np.array(a.weights)[perm], b.weights, rtol=atol, atol=atol)


@settings(max_examples=25, deadline=None, database=None)
@given(proportions())
def test_inverse_variance_proportions(data):
    events, n, perm = data
    for est in IV_ESTIMATORS:
        res = est.fit_proportions(events, n)
        _check_invariants(res)
        _assert_same(res, est.fit_proportions(events[perm], n[perm]), perm, 1e-9)


@settings(max_examples=40, deadline=None, database=None)
@given(effects())
def test_inverse_variance_generic_scale(data):
    yi, vi, perm = data
    for method in ("REML", "DL", "PM", "FE"):
        for hksj in (False, True):
            est = InverseVariance("log", method, hksj)
            res = est.fit(yi, vi)
            _check_invariants(res)
            _assert_same(res, est.fit(yi[perm], vi[perm]), perm, 1e-9)


@settings(max_examples=40, deadline=None, database=None)
@given(effects())
def test_fixed_effect_estimate_lies_within_the_studies(data):
    yi, vi, _ = data
    res = InverseVariance("log", "FE").fit(yi, vi)
    assert res.tau2 == 0
    assert yi.min() - 1e-12 <= res.estimate <= yi.max() + 1e-12


@settings(max_examples=25, deadline=None, database=None)
@given(proportions())
def test_fixed_effect_logit_within_the_corrected_logits(data):
    events, n, _ = data
    yi, _ = logit_yi_vi(events, n)
    res = InverseVariance("logit", "FE").fit_proportions(events, n)
    assert yi.min() - 1e-12 <= res.estimate <= yi.max() + 1e-12


@settings(max_examples=12, deadline=None, database=None)
@given(proportions(max_k=6))
def test_glmm(data):
    events, n, perm = data
    assume(0 < events.sum() < n.sum())  # the ML estimate exists
    res = GlmmLogit().fit(events, n)
    _check_invariants(res)
    _assert_same(res, GlmmLogit().fit(events[perm], n[perm]), perm, 1e-5)
