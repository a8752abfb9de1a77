"""The GLMM's adaptive Gauss-Hermite likelihood against brute-force integration."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import integrate, optimize, special

from litmeta.stats.glmm import DEFAULT_NAGQ, study_loglik

CASES = [(2, 5), (0, 5), (37, 100), (0, 100), (100, 100), (300, 1000), (0, 1000)]


def _log_integrand(mu, tau, x, n):
    return lambda u: x * (mu + tau * u) - n * np.logaddexp(0.0, mu + tau * u) - 0.5 * u * u


def brute_force_loglik(mu: float, tau: float, x: float, n: float) -> float:
    """log ∫ Bin(x | n, expit(mu + tau u)) φ(u) du by scipy.integrate.quad.

    The integrand is rescaled by its maximum (found independently of the code under test)
    and integrated in three pieces so quad sees the narrow peak of a large study.
    """
    g = _log_integrand(mu, tau, x, n)
    mode = optimize.minimize_scalar(
        lambda u: -g(u), bounds=(-50, 50), method="bounded", options={"xatol": 1e-10}
    ).x
    g_max = g(mode)

    def f(u):
        return np.exp(g(u) - g_max)

    kw = {"epsabs": 0.0, "epsrel": 1e-13, "limit": 500}
    total = (
        integrate.quad(f, -np.inf, mode - 10, **kw)[0]
        + integrate.quad(f, mode - 10, mode + 10, points=[mode], **kw)[0]
        + integrate.quad(f, mode + 10, np.inf, **kw)[0]
    )
    log_c = special.gammaln(n + 1) - special.gammaln(x + 1) - special.gammaln(n - x + 1)
    return float(log_c + g_max + np.log(total) - 0.5 * np.log(2 * np.pi))


def naive_gh_loglik(mu: float, tau: float, x: float, n: float, nodes: int) -> float:
    """Non-adaptive Gauss-Hermite: nodes fixed at the N(0, 1) quadrature points (u = 0)."""
    z, w = special.roots_hermitenorm(nodes)
    eta = mu + tau * z
    log_c = special.gammaln(n + 1) - special.gammaln(x + 1) - special.gammaln(n - x + 1)
    return float(
        special.logsumexp(log_c + x * eta - n * np.logaddexp(0.0, eta), b=w / np.sqrt(2 * np.pi))
    )


@pytest.mark.parametrize(("x", "n"), CASES)
@pytest.mark.parametrize("mu", [-1.5, 0.5])
@pytest.mark.parametrize("tau", [0.3, 1.0])
def test_adaptive_quadrature_matches_brute_force(x, n, mu, tau):
    agq = study_loglik(mu, tau, [x], [n], nagq=25)[0]
    assert agq == pytest.approx(brute_force_loglik(mu, tau, x, n), abs=1e-8)


@pytest.mark.parametrize(("x", "n"), CASES)
def test_default_rule_is_close_and_error_shrinks_with_nodes(x, n):
    mu, tau = -0.5, 1.0
    exact = brute_force_loglik(mu, tau, x, n)
    errors = [abs(study_loglik(mu, tau, [x], [n], nagq=q)[0] - exact) for q in (3, 7, 25)]
    assert errors[1] < 1e-4  # lme4 / metafor's nAGQ = 7
    assert errors[2] <= errors[1] + 1e-12 and errors[2] < 1e-8


def test_tau_zero_is_the_binomial_likelihood():
    x, n, mu = np.array([3.0, 0.0, 40.0]), np.array([10.0, 7.0, 40.0]), -0.7
    p = special.expit(mu)
    binom = (
        special.gammaln(n + 1)
        - special.gammaln(x + 1)
        - special.gammaln(n - x + 1)
        + special.xlogy(x, p)
        + special.xlogy(n - x, 1 - p)
    )
    np.testing.assert_allclose(study_loglik(mu, 0.0, x, n, DEFAULT_NAGQ), binom, atol=1e-12)


@pytest.mark.parametrize("nodes", [5, 7, 10])
def test_naive_gauss_hermite_misses_the_peak_for_n_100(nodes):
    """Centred, non-adaptive GH puts too few nodes under a n = 100 study's likelihood peak."""
    mu, tau, x, n = 0.0, 1.0, 37.0, 100.0
    exact = brute_force_loglik(mu, tau, x, n)
    assert abs(naive_gh_loglik(mu, tau, x, n, nodes) - exact) > 0.05
    assert study_loglik(mu, tau, [x], [n], nagq=nodes)[0] == pytest.approx(exact, abs=1e-4)
