"""Property-based checks (hypothesis) of every estimator in litmeta.stats."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from litmeta.stats import GlmmLogit, InverseVariance, PoolResult, glmm_loglik, logit_yi_vi
from litmeta.stats.glmm import DEFAULT_NAGQ, _Likelihood, conditional_modes, fit_glmm_ml

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


@settings(max_examples=30, deadline=None, database=None)
@given(
    proportions(max_k=6),
    st.floats(-4, 4, allow_nan=False),
    st.floats(-3, 3, allow_nan=False).filter(lambda t: abs(t) > 1e-3),
)
def test_glmm_gradient_is_the_derivative_of_the_quadrature_likelihood(data, mu, tau):
    """The optimiser's analytic gradient (mode and scale moving with the parameters) agrees
    with central differences of ``glmm_loglik``, the function lme4 maximises."""
    events, n, _ = data
    lik = _Likelihood(events, n, DEFAULT_NAGQ)
    theta = np.array([mu, tau])
    ev = lik(theta)
    assert ev.negll == pytest.approx(-glmm_loglik(mu, tau, events, n), rel=1e-12, abs=1e-9)
    h = 1e-6
    for i in range(2):
        step = np.zeros(2)
        step[i] = h
        numeric = -(
            glmm_loglik(*(theta + step), events, n) - glmm_loglik(*(theta - step), events, n)
        )
        numeric /= 2 * h
        assert ev.grad[i] == pytest.approx(numeric, rel=1e-5, abs=1e-5 * (1 + n.sum()))


@settings(max_examples=12, deadline=None, database=None)
@given(proportions(min_k=3, max_k=7), st.floats(-0.05, 0.05), st.floats(-0.05, 0.05))
def test_glmm_from_a_nearby_start_finds_the_same_maximum(data, d_mu, d_tau):
    """A start near the maximum (as a leave-one-out subset's start is) ends at it. (From far
    away it need not: a few studies can give a second maximum in tau, e.g. 1/1, 14/22,
    441/518 has one at tau = 0 and the larger at tau = 0.43.)"""
    events, n, _ = data
    assume(0 < events.sum() < n.sum())
    cold = fit_glmm_ml(events, n)
    assume(cold.tau < 5)  # beyond, the likelihood is flat in tau to 1e-12 (e.g. 72/72, 0/1, 0/1)
    warm = fit_glmm_ml(events, n, start=(cold.mu + d_mu, cold.tau + d_tau))
    assert warm.loglik == pytest.approx(cold.loglik, rel=1e-12, abs=1e-9)
    for f in ("mu", "tau", "se"):
        assert getattr(warm, f) == pytest.approx(getattr(cold, f), rel=1e-5, abs=1e-6), f


@settings(max_examples=60, deadline=None, database=None)
@given(
    proportions(max_k=6),
    st.floats(-6, 6, allow_nan=False),
    st.floats(0.01, 8, allow_nan=False),
    st.lists(st.floats(-20, 20, allow_nan=False), min_size=6, max_size=6),
)
def test_conditional_modes_are_roots_from_any_start(data, mu, tau, start):
    """g'(û) = tau (x - n p(û)) - û = 0 at every study's mode, from u = 0 and from any u0
    (e.g. 0/3 at mu = tau = 3 once made plain Newton oscillate around an inflection point)."""
    events, n, _ = data
    for u0 in (None, np.array(start[: events.size])):
        u, s = conditional_modes(mu, tau, events, n, u0)
        p = 1 / (1 + np.exp(-(mu + tau * u)))
        score = tau * (events - n * p) - u
        assert np.all(np.abs(score) <= 1e-9 * (1 + tau * n)), (u0, u, score)
        assert np.all((s > 0) & (s <= 1))


# --- PROTOCOL.md Amendment 1: the Bayesian model and the meta-regression -----------------


@settings(max_examples=8, deadline=None, database=None)
@given(proportions(max_k=5))
def test_bayes_binomial_posterior_is_ordered_and_order_free(data):
    """Credible interval around the posterior median, predictive interval around the
    credible interval, and the same digits whatever the order of the studies."""
    from litmeta.stats import BayesRandomEffects

    events, n, perm = data
    res = BayesRandomEffects("binomial").fit(events, n)
    assert res.ci_low < res.estimate < res.ci_high
    assert res.pi_low <= res.ci_low + 1e-9 and res.ci_high <= res.pi_high + 1e-9
    assert res.tau2 >= 0
    again = BayesRandomEffects("binomial").fit(events[perm], n[perm])
    for field in ("estimate", "ci_low", "ci_high", "pi_low", "pi_high", "tau2"):
        assert getattr(again, field) == pytest.approx(getattr(res, field), abs=1e-9)


@settings(max_examples=20, deadline=None, database=None)
@given(effects(max_k=6))
def test_bayes_normal_shrinks_towards_the_data_and_is_order_free(data):
    from litmeta.stats import BayesRandomEffects

    yi, vi, perm = data
    res = BayesRandomEffects("normal").fit_effects(yi, vi)
    assert res.ci_low < res.estimate < res.ci_high
    assert res.pi_low <= res.ci_low + 1e-9 and res.ci_high <= res.pi_high + 1e-9
    # the N(0, 10²) prior pulls only slightly: the median lies within the data's range
    # widened by its own credible interval
    assert yi.min() - (res.ci_high - res.ci_low) <= res.estimate
    assert res.estimate <= yi.max() + (res.ci_high - res.ci_low)
    again = BayesRandomEffects("normal").fit_effects(yi[perm], vi[perm])
    assert again.estimate == pytest.approx(res.estimate, abs=1e-9)
    assert again.tau2 == pytest.approx(res.tau2, abs=1e-9)


@settings(max_examples=10, deadline=None, database=None)
@given(proportions(min_k=3, max_k=6))
def test_metaregression_with_intercept_only_is_the_glmm(data):
    """A design of the intercept alone is the intercept-only GLMM (same ML estimates)."""
    from litmeta.stats.metareg import GlmmMetaRegression

    events, n, _ = data
    assume(0 < events.sum() < n.sum())
    glmm = GlmmLogit().fit(events, n)
    reg = GlmmMetaRegression().fit(events, n, np.ones((events.size, 1)))
    assert reg.coef[0] == pytest.approx(glmm.estimate, abs=2e-4)
    assert reg.tau2 == pytest.approx(glmm.tau2, abs=2e-4)
    assert reg.qm_df == 0
