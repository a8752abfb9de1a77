"""Binomial-normal random-effects model for single proportions (logit link), fitted by ML.

Model: ``x_i ~ Binomial(n_i, expit(mu + tau u_i))``, ``u_i ~ N(0, 1)``, ``tau2 = tau²``.
Study ``i``'s marginal log-likelihood is ``log ∫ exp(g_i(u)) du`` with::

    g_i(u) = log C(n_i, x_i) + x_i eta - n_i log(1 + e^eta) - u²/2 - log(2 pi)/2,
    eta    = mu + tau u

integrated by *adaptive* Gauss-Hermite quadrature (AGQ) around each study's own mode ``û_i``
(safeguarded Newton on the strictly concave ``g_i``) with scale
``s_i = (tau² n_i p_i (1 - p_i) + 1)^(-1/2)`` at the mode::

    ∫ exp(g_i(u)) du  ≈  s_i sum_j w_j exp(g_i(û_i + s_i z_j) + z_j²/2)

(``z_j``, ``w_j`` probabilists' Hermite nodes / weights). This is exactly what lme4's
``glmer(..., nAGQ=7)`` evaluates, which metafor ``rma.glmm(measure="PLO", method="ML")``
calls (default ``nAGQ = 7``); ``nagq`` nodes are used here, 7 by default. Non-adaptive GH
centred at ``u = 0`` misses the narrow likelihood peak of a study with n ≈ 100.

Fit: maximise the summed log-likelihood over ``(mu, tau)``, ``tau >= 0`` (L-BFGS-B, then
Newton polishing), from two starts, and keep the tau = 0 fixed-effect logistic fit
``mu = logit(sum x / sum n)`` if its likelihood is at least as high (boundary). ``tau``
rather than ``log tau`` is the coordinate (as lme4's ``theta``): the likelihood is smooth and
even in ``tau``, so the boundary ``tau2 = 0`` is an ordinary point instead of ``-inf``.

Inference as metafor reports it:

* ``se(mu)`` from the observed information: the inverse numerical Hessian of ``-loglik`` in
  ``(mu, tau)`` (central differences with one Richardson step), as lme4
  ``vcov(use.hessian=TRUE)`` does with ``theta = tau``. The log-likelihood is
  even in ``tau``, so at ``tau = 0`` the cross term vanishes and the SE is the fixed-effect
  logistic SE.
* Wald CI and prediction interval ``mu ± z sqrt(se² + tau2)`` (``predict(res)``).
* Q: metafor's *Wald-type* test of the saturated logistic model. It equals Cochran's Q of the
  *uncorrected* logits ``log(x/(n-x))`` with variances ``1/x + 1/(n-x)``; studies with 0 or n
  events carry no information in it (their saturated estimate diverges), so they get weight
  0 while ``df`` stays ``k - 1``.
* I², H² from ``tau2`` and the typical within-study variance of the escalc logit variances
  (0.5 added only for 0 / n events), as ``rma.glmm`` does.
* ``weights``: metafor defines none for ``rma.glmm``; the percent inverse-variance weights
  ``1 / (v_i + tau2)`` with the escalc variances and the GLMM ``tau2`` are reported.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar, NamedTuple

import numpy as np
from scipy import optimize, special, stats

from . import heterogeneity as het
from ._assemble import assemble_result
from ._checks import as_counts
from .result import PoolResult
from .tau2 import tau2_dl
from .transforms import logit_yi_vi

#: metafor ``rma.glmm`` default number of quadrature points (``nAGQ = 7``).
DEFAULT_NAGQ = 7
_LOG_2PI = float(np.log(2 * np.pi))


def _log_binom_coef(x: np.ndarray, n: np.ndarray) -> np.ndarray:
    return special.gammaln(n + 1) - special.gammaln(x + 1) - special.gammaln(n - x + 1)


def conditional_modes(mu: float, tau: float, x: np.ndarray, n: np.ndarray):
    """Per-study mode ``û`` of ``g_i(u)`` and the AGQ scale ``s = (-g_i''(û))^(-1/2)``.

    ``g'(u) = tau (x - n p) - u`` is decreasing with its root in ``[-tau (n - x), tau x]``;
    Newton steps leaving the current bracket are replaced by bisection.
    """
    lo = -tau * (n - x)
    hi = tau * x
    u = np.zeros_like(x)
    for _ in range(200):
        p = special.expit(mu + tau * u)
        grad = tau * (x - n * p) - u
        lo = np.where(grad > 0, u, lo)
        hi = np.where(grad < 0, u, hi)
        step = grad / (tau * tau * n * p * (1 - p) + 1)
        new = u + step
        outside = (new <= lo) | (new >= hi)
        new = np.where(outside & (hi > lo), 0.5 * (lo + hi), new)
        done = np.abs(new - u) <= 1e-14 * (1 + np.abs(u))
        u = new
        if np.all(done):
            break
    p = special.expit(mu + tau * u)
    return u, 1.0 / np.sqrt(tau * tau * n * p * (1 - p) + 1)


def study_loglik(mu: float, tau: float, events, n, nagq: int = DEFAULT_NAGQ) -> np.ndarray:
    """Marginal log-likelihood of each study by adaptive Gauss-Hermite quadrature.

    Includes the binomial coefficient. ``tau`` enters only as ``|tau|``. lme4 ``logLik()``
    of the same fit is this minus the saturated log-likelihood ``sum log Bin(x | n, x/n)``.
    """
    x = np.asarray(events, dtype=float).ravel()
    m = np.asarray(n, dtype=float).ravel()
    tau = abs(float(tau))
    u_hat, s = conditional_modes(mu, tau, x, m)
    z, w = special.roots_hermitenorm(nagq)
    u = u_hat[:, None] + s[:, None] * z[None, :]
    eta = mu + tau * u
    g = x[:, None] * eta - m[:, None] * np.logaddexp(0.0, eta) - 0.5 * u * u
    log_int = special.logsumexp(g + 0.5 * z[None, :] ** 2, b=w[None, :], axis=1)
    return _log_binom_coef(x, m) + np.log(s) + log_int - 0.5 * _LOG_2PI


def glmm_loglik(mu: float, tau: float, events, n, nagq: int = DEFAULT_NAGQ) -> float:
    """Total marginal log-likelihood ``sum_i study_loglik`` (see :func:`study_loglik`)."""
    return float(np.sum(study_loglik(mu, tau, events, n, nagq)))


class GlmmFit(NamedTuple):
    """ML fit of the binomial-normal model: ``mu``, ``tau``, log-likelihood, ``se(mu)``."""

    mu: float
    tau: float
    loglik: float
    se: float


def _num_grad(f, x: np.ndarray, h: float = 1e-6) -> np.ndarray:
    g = np.empty_like(x)
    for i in range(x.size):
        e = np.zeros_like(x)
        e[i] = h
        g[i] = (f(x + e) - f(x - e)) / (2 * h)
    return g


def _central_hessian(f, x: np.ndarray, h: float) -> np.ndarray:
    d = x.size
    hess = np.empty((d, d))
    f0 = f(x)
    for i in range(d):
        ei = np.zeros(d)
        ei[i] = h
        hess[i, i] = (f(x + ei) - 2 * f0 + f(x - ei)) / h**2
        for j in range(i + 1, d):
            ej = np.zeros(d)
            ej[j] = h
            hess[i, j] = hess[j, i] = (
                f(x + ei + ej) - f(x + ei - ej) - f(x - ei + ej) + f(x - ei - ej)
            ) / (4 * h * h)
    return hess


def _num_hessian(f, x: np.ndarray, h: float = 2e-3) -> np.ndarray:
    """Central-difference Hessian with one Richardson step (error O(h^4))."""
    return (4 * _central_hessian(f, x, h / 2) - _central_hessian(f, x, h)) / 3


def fit_glmm_ml(events, n, nagq: int = DEFAULT_NAGQ) -> GlmmFit:
    """Maximum-likelihood fit of ``(mu, tau)``; see the module docstring for the procedure.

    Raises ``ValueError`` when every study has 0 events (or every study n events): the ML
    estimate of ``mu`` is then infinite (metafor / lme4 refuse such data too).
    """
    x, m = as_counts(events, n)
    if np.all(x == 0) or np.all(x == m):
        raise ValueError(
            "every study has 0 events (or every study n events): the ML estimate of the "
            "pooled logit is infinite; the GLMM cannot be fitted (use the IV model with the "
            "0.5 continuity correction)"
        )

    def negll(theta: np.ndarray) -> float:
        return -glmm_loglik(theta[0], theta[1], x, m, nagq)

    mu_fe = float(special.logit(x.sum() / m.sum()))
    best = np.array([mu_fe, 0.0])
    best_f = negll(best)

    yi, vi = logit_yi_vi(x, m)
    tau_dl = float(np.sqrt(max(tau2_dl(yi, vi), 0.0)))
    for tau0 in sorted({max(tau_dl, 0.1), 1.0}):
        res = optimize.minimize(
            negll,
            np.array([mu_fe, tau0]),
            jac=lambda t: _num_grad(negll, t),
            method="L-BFGS-B",
            bounds=[(None, None), (0.0, None)],
            options={"ftol": 1e-15, "gtol": 1e-9, "maxiter": 1000},
        )
        theta, f = _polish(negll, np.asarray(res.x, dtype=float), float(res.fun))
        if f < best_f - 1e-12:
            best, best_f = theta, f

    hess = _num_hessian(negll, best)
    try:
        np.linalg.cholesky(hess)
        var_mu = float(np.linalg.inv(hess)[0, 0])
    except np.linalg.LinAlgError:
        var_mu = 1.0 / float(hess[0, 0])
    return GlmmFit(float(best[0]), float(abs(best[1])), -best_f, float(np.sqrt(var_mu)))


def _polish(negll, theta: np.ndarray, f: float, steps: int = 8) -> tuple[np.ndarray, float]:
    """A few Newton steps on ``(mu, tau)`` (accepted only when they lower ``-loglik``)."""
    for _ in range(steps):
        if theta[1] <= 0:
            break
        hess = _num_hessian(negll, theta)
        try:
            np.linalg.cholesky(hess)
        except np.linalg.LinAlgError:
            break
        new = theta - np.linalg.solve(hess, _num_grad(negll, theta))
        if new[1] < 0:
            break
        f_new = negll(new)
        if not f_new < f:
            break
        converged = np.max(np.abs(new - theta)) < 1e-10
        theta, f = new, f_new
        if converged:
            break
    return theta, f


def wald_q_saturated(events, n) -> tuple[float, int, float]:
    """metafor's Wald-type heterogeneity test for ``rma.glmm(measure="PLO")``.

    Cochran's Q of the uncorrected logits of the studies with ``0 < x < n``
    (``w = 1 / (1/x + 1/(n-x))``); studies with 0 or n events get weight 0; ``df = k - 1``.
    metafor: ``rma.glmm(...)$QE.Wld``, ``$QEp.Wld``.
    """
    x, m = as_counts(events, n)
    df = x.size - 1
    keep = (x > 0) & (x < m)
    q = 0.0
    if keep.sum() >= 2:
        xk, yk = x[keep], m[keep] - x[keep]
        q, _, _ = het.cochran_q(np.log(xk / yk), 1.0 / xk + 1.0 / yk)
    return q, df, float(stats.chi2.sf(q, df))


@dataclass(frozen=True)
class GlmmLogit:
    """Binomial-normal (logit) random-effects model by ML; metafor ``rma.glmm("PLO", "ML")``.

    Parameters
    ----------
    nagq : int
        Adaptive Gauss-Hermite nodes per study (metafor / lme4 default 7).
    level : float
        Confidence level of the Wald CI and the prediction interval.
    """

    nagq: int = DEFAULT_NAGQ
    level: float = 0.95

    model: ClassVar[str] = "glmm_logit_ml"

    def fit(self, events, n) -> PoolResult:
        """Pool events / n; raises ``ValueError`` for k < 2 or all-zero / all-n events."""
        x, m = as_counts(events, n)
        # optimise on the studies in a canonical order, so that the numerical optimum (and
        # hence every digit of the result) does not depend on the order they were given in
        order = np.lexsort((x, m))
        fit = fit_glmm_ml(x[order], m[order], self.nagq)
        tau2 = fit.tau**2
        crit = float(stats.norm.ppf(1 - (1 - self.level) / 2))
        ci = (fit.mu - crit * fit.se, fit.mu + crit * fit.se)
        pi = het.prediction_interval(fit.mu, fit.se, tau2, crit)
        _, vi = logit_yi_vi(x, m)
        i2, h2 = het.i2_h2(tau2, vi)
        return assemble_result(
            self.model,
            x.size,
            fit.mu,
            fit.se,
            ci,
            pi,
            tau2,
            i2,
            h2,
            wald_q_saturated(x, m),
            1.0 / (vi + tau2),
            "logit",
            m,
        )
