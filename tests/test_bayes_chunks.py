"""The grid likelihood of sens_bayes is computed in chunks of grid points (memory, cache) and
in place (speed): every chunk size gives the same numbers, bit for bit, and so does the
formula written out directly with scipy's logsumexp."""

from __future__ import annotations

import numpy as np
import pytest
from conftest import ROOT
from scipy import special

from litmeta.stats import bayes
from litmeta.stats.glmm import _log_binom_coef
from litmeta.stats.transforms import logit_yi_vi


@pytest.mark.parametrize("k", [1, 3, 40])
def test_chunk_size_does_not_change_the_numbers(k, monkeypatch):
    rng = np.random.default_rng(k)
    n = rng.integers(5, 200, k)
    x = rng.binomial(n, 0.3)
    x[0] = 0
    mu = rng.normal(-1, 1, 3000)
    tau = np.abs(rng.normal(0, 1, 3000))
    tau[:7] = 0
    monkeypatch.setattr(bayes, "CHUNK_ELEMENTS", 10**12)
    whole = bayes.binomial_grid_loglik(mu, tau, x, n)
    for size in (1, 12 * k * 5 + 1, 65_536, 2_000_000):
        monkeypatch.setattr(bayes, "CHUNK_ELEMENTS", size)
        assert np.array_equal(bayes.binomial_grid_loglik(mu, tau, x, n), whole), size


def direct_grid_loglik(mu, tau, events, n, nagq=12):
    """The quadrature of :func:`bayes.binomial_grid_loglik` as its docstring writes it, one
    expression, with ``scipy.special.logsumexp``."""
    x = np.asarray(events, dtype=float)[None, :]
    m = np.asarray(n, dtype=float)[None, :]
    t, v = logit_yi_vi(x.ravel(), m.ravel())
    mu = np.asarray(mu, dtype=float)[:, None]
    tau = np.abs(np.asarray(tau, dtype=float))[:, None]
    log_coef = _log_binom_coef(x, m)
    out = np.sum(log_coef + x * mu - m * np.logaddexp(0.0, mu), axis=1)
    pos = tau[:, 0] > 0
    mu_p, tau_p = mu[pos], tau[pos]
    inv_t2 = 1.0 / (tau_p * tau_p)
    c = (t / v + mu_p * inv_t2) / (1.0 / v + inv_t2)
    for _ in range(bayes._NEWTON_STEPS):
        p = special.expit(c)
        c = c + (x - m * p - (c - mu_p) * inv_t2) / (m * p * (1 - p) + inv_t2)
    p = special.expit(c)
    s = 1.0 / np.sqrt(m * p * (1 - p) + inv_t2)
    z, w = special.roots_hermitenorm(nagq)
    theta = c[..., None] + s[..., None] * z
    zr = (theta - mu_p[..., None]) / tau_p[..., None]
    terms = (
        (np.log(w) + 0.5 * z * z)
        + x[..., None] * theta
        - m[..., None] * np.logaddexp(0.0, theta)
        - 0.5 * zr * zr
    )
    per_study = (
        log_coef + np.log(s / tau_p) - 0.5 * np.log(2 * np.pi) + special.logsumexp(terms, axis=-1)
    )
    out[pos] = np.sum(per_study, axis=1)
    return out


@pytest.mark.parametrize("k", [1, 2, 4, 25])
def test_in_place_evaluation_equals_the_direct_formula_bit_for_bit(k):
    rng = np.random.default_rng(100 + k)
    for trial in range(20):
        n = rng.integers(1, 300, k)
        x = rng.binomial(n, rng.uniform(0, 1))
        if trial % 5 == 0:
            x[:] = 0  # no events
        if trial % 5 == 1:
            x = n.copy()  # every patient
        mu = rng.normal(0, 10, 400)
        tau = np.abs(rng.normal(0, 2, 400))
        tau[:5] = 0
        tau[5:8] = 1e-300  # 1/tau² overflows
        mu[8], mu[9] = 700.0, -700.0  # far beyond the data
        with np.errstate(all="ignore"):
            got = bayes.binomial_grid_loglik(mu, tau, x, n)
            want = direct_grid_loglik(mu, tau, x, n)
        assert np.array_equal(got, want, equal_nan=True), (k, trial)


def direct_predictive_quantiles(post: bayes.BayesPosterior, probs) -> list[float]:
    """``BayesPosterior.predictive_quantiles`` with the mixture CDF written out directly."""
    from scipy import optimize

    w_mu, w_tau = bayes._trapezoid_weights(post.mu), bayes._trapezoid_weights(post.tau)
    mass = post.density * np.outer(w_mu, w_tau)
    keep = mass > 0
    mass = mass[keep] / mass[keep].sum()
    mu = np.broadcast_to(post.mu[:, None], post.density.shape)[keep]
    tau = np.broadcast_to(post.tau[None, :], post.density.shape)[keep]

    def cdf(t: float) -> float:
        with np.errstate(divide="ignore", invalid="ignore"):
            zt = np.where(tau > 0, (t - mu) / np.where(tau > 0, tau, 1.0), np.inf)
        zt = np.where((tau == 0) & (t < mu), -np.inf, zt)
        return float(np.sum(mass * special.ndtr(zt)))

    lo = float(post.mu[0] - 12 * post.tau[-1])
    hi = float(post.mu[-1] + 12 * post.tau[-1])
    return [optimize.brentq(lambda t, p=p: cdf(t) - p, lo, hi, xtol=1e-12) for p in probs]


@pytest.mark.parametrize(("events", "n"), [([17, 4, 11, 15], [47, 18, 30, 70]), ([0, 1], [9, 30])])
def test_predictive_quantiles_equal_the_direct_mixture_cdf(events, n):
    post = bayes.BayesRandomEffects("binomial", n_mu=41, n_tau=21).posterior(events, n)
    # the tau = 0 column (a step at each mu) carries mass here, and some points none
    density = post.density.copy()
    density[:, 0] = density[:, 1]
    density[:3] = 0.0
    post = bayes.BayesPosterior(post.mu, post.tau, density)
    probs = (0.025, 0.5, 0.975)
    assert post.predictive_quantiles(probs) == direct_predictive_quantiles(post, probs)


def test_a_grid_seen_before_gives_the_same_numbers_and_cannot_be_changed(monkeypatch):
    monkeypatch.setattr(bayes, "_RECENT", {})
    x, n = [3, 9, 0], [20, 31, 12]
    mu, tau = np.linspace(-3, 1, 50), np.linspace(0, 2, 50)
    first = bayes.binomial_grid_loglik(mu, tau, x, n)
    assert len(bayes._RECENT) == 1
    first[:] = 0.0  # a caller's array is its own
    again = bayes.binomial_grid_loglik(mu, tau, x, n)
    monkeypatch.setattr(bayes, "_RECENT", {})
    fresh = bayes.binomial_grid_loglik(mu, tau, x, n)
    assert np.array_equal(again, fresh) and not np.array_equal(again, first)
    # other counts or other points are other grids
    assert not np.array_equal(bayes.binomial_grid_loglik(mu, tau, [4, 9, 0], n), fresh)
    assert not np.array_equal(bayes.binomial_grid_loglik(mu + 0.5, tau, x, n), fresh)
    assert len(bayes._RECENT) == 3


def test_only_the_last_grids_are_kept(monkeypatch):
    monkeypatch.setattr(bayes, "_RECENT", {})
    tau = np.linspace(0, 2, 10)
    for shift in range(bayes._RECENT_SIZE + 5):
        bayes.binomial_grid_loglik(np.linspace(-3, 1, 10) + shift, tau, [3, 9], [20, 31])
    assert len(bayes._RECENT) == bayes._RECENT_SIZE


def test_prior_sensitivity_is_the_same_with_and_without_remembered_grids(monkeypatch):
    from litmeta.analyses import Pooled, prior_sensitivity, run_analyses
    from litmeta.tables import read_rows

    rows = read_rows(ROOT / "results/analysis_table.csv")
    pooled = [p for p in run_analyses(rows, ["primary"], {}) if p.endpoint == "orr"]
    assert pooled and all(isinstance(p, Pooled) for p in pooled)
    monkeypatch.setattr(bayes, "_RECENT", {})
    remembered = prior_sensitivity(pooled)
    monkeypatch.setattr(bayes, "_RECENT_SIZE", 0)
    monkeypatch.setattr(bayes, "_RECENT", {})
    computed = prior_sensitivity(pooled)
    assert remembered == computed and len(computed) >= 6
