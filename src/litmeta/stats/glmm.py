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

Fit: maximise the summed log-likelihood over ``(mu, tau)`` by Newton steps on its exact
gradient (see :class:`_Likelihood`; L-BFGS-B where Newton stalls), from two starts (or from a
given nearby fit, e.g. the full data for a leave-one-out subset), and keep the tau = 0
fixed-effect logistic fit ``mu = logit(sum x / sum n)`` if its likelihood is at least as high
(boundary). ``tau`` rather than ``log tau`` is the coordinate (as lme4's ``theta``): the
likelihood is smooth and even in ``tau``, so the boundary ``tau2 = 0`` is an ordinary point
instead of ``-inf``.

Inference as metafor reports it:

* ``se(mu)`` from the observed information: the inverse Hessian of ``-loglik`` in
  ``(mu, tau)`` (central differences of the exact gradient), as lme4
  ``vcov(use.hessian=TRUE)`` does numerically with ``theta = tau``. The log-likelihood is
  even in ``tau``, so at ``tau = 0`` the cross term vanishes and the SE is the fixed-effect
  logistic SE.
* Wald CI; prediction interval ``mu ± t_{0.975, k-2} sqrt(se² + tau2)`` (Amendment 1), or
  with ``pi_method="ci_crit"`` ``mu ± z sqrt(se² + tau2)`` (metafor ``predict(res)``).
* Q: the *likelihood-ratio* test of the saturated logistic model (one proportion per study)
  against the common-proportion model, ``2 sum [x log(x / (n p)) + (n-x) log((n-x) /
  (n (1-p)))]`` with ``p = sum x / sum n``, ``df = k - 1`` (metafor ``QE.LRT``, ``QEp.LRT``;
  PROTOCOL.md Amendment 2). metafor's Wald-type test (:func:`wald_q_saturated`, ``QE.Wld``)
  degenerates with a study at 0 or n events (it gets weight 0, so two studies give Q = 0,
  p = 1); it is kept for the tests only.
* I², H² from ``tau2`` and the typical within-study variance of the escalc logit variances
  (0.5 added only for 0 / n events), as ``rma.glmm`` does.
* ``weights``: metafor defines none for ``rma.glmm``; the percent inverse-variance weights
  ``1 / (v_i + tau2)`` with the escalc variances and the GLMM ``tau2`` are reported.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import NamedTuple

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


def conditional_modes(mu: float, tau: float, x: np.ndarray, n: np.ndarray, u0=None):
    """Per-study mode ``û`` of ``g_i(u)`` and the AGQ scale ``s = (-g_i''(û))^(-1/2)``.

    ``g'(u) = tau (x - n p) - u`` is decreasing with its root in ``[-tau (n - x), tau x]``;
    Newton steps leaving the current bracket, or not halving the previous step, are replaced
    by bisection; iterations stop when every Newton step is below 1e-13 (relative). ``u0``
    (the modes at nearby parameters) only changes where the iteration starts, not where it ends.
    """
    lo = -tau * (n - x)
    hi = tau * x
    u = np.zeros_like(x) if u0 is None else np.clip(u0, lo, hi)
    previous = np.full_like(x, np.inf)
    for _ in range(200):
        p = special.expit(mu + tau * u)
        grad = tau * (x - n * p) - u
        lo = np.where(grad > 0, u, lo)
        hi = np.where(grad < 0, u, hi)
        step = grad / (tau * tau * n * p * (1 - p) + 1)
        moving = np.abs(step) > 1e-13 * (1 + np.abs(u))
        if not moving.any():
            break  # (Newton converges quadratically: the step before was ~1e-7 or less)
        new = u + step
        # bisect where Newton leaves the bracket or does not halve its step (oscillation
        # around an inflection point), as Numerical Recipes' rtsafe does
        bisect = moving & (hi > lo) & ((new < lo) | (new > hi) | (np.abs(step) > 0.5 * previous))
        mid = 0.5 * (lo + hi)
        previous = np.where(bisect, np.abs(mid - u), np.abs(step))
        u = np.where(bisect, mid, np.where(moving, new, u))
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
    z, log_w = _nodes(nagq)
    _, _, terms = _node_terms(mu, tau, x, m, u_hat, s, z, log_w)
    log_int = special.logsumexp(terms, axis=1)
    return _log_binom_coef(x, m) + np.log(s) + log_int - 0.5 * _LOG_2PI


def _nodes(nagq: int) -> tuple[np.ndarray, np.ndarray]:
    """Probabilists' Hermite nodes ``z_j`` and ``log w_j + z_j²/2``, as rows."""
    z, w = special.roots_hermitenorm(nagq)
    return z[None, :], (np.log(w) + 0.5 * z * z)[None, :]


def _node_terms(mu, tau, x, m, u_hat, s, z, log_w):
    """The quadrature points ``u_ij = û_i + s_i z_j``, ``eta_ij`` and the log terms
    ``log w_j + z_j²/2 + g_i(u_ij)`` (without the binomial coefficient) whose log-sum is
    study ``i``'s log-integral less ``log s_i``."""
    u = u_hat[:, None] + s[:, None] * z
    eta = mu + tau * u
    terms = log_w + x[:, None] * eta - m[:, None] * np.logaddexp(0.0, eta) - 0.5 * u * u
    return u, eta, terms


def glmm_loglik(mu: float, tau: float, events, n, nagq: int = DEFAULT_NAGQ) -> float:
    """Total marginal log-likelihood ``sum_i study_loglik`` (see :func:`study_loglik`)."""
    return float(np.sum(study_loglik(mu, tau, events, n, nagq)))


class _Eval(NamedTuple):
    negll: float
    grad: np.ndarray  # exact gradient of negll (of the quadrature formula)
    info: np.ndarray  # observed information (Louis), a Newton metric; not used for the SE


class _Likelihood:
    """``-loglik`` of one data set with its exact gradient, in one vectorised pass.

    The quadrature formula ``L(theta) = log s + log sum_j w_j exp(g(û + s z_j) + z_j²/2)``
    depends on ``theta = (mu, tau)`` directly and through ``û`` and ``s``; its gradient is
    ``(1/s) ds + sum_j W_j [g_theta(u_j) + g_u(u_j) (dû + z_j ds)]`` with ``W_j`` the
    normalised terms, ``dû = s² g_u,theta(û)`` (implicit function theorem at the mode) and
    ``ds = -s³ d(tau² n p̂ (1 - p̂)) / 2``. So the optimiser and the SE work on the very function
    lme4 maximises, with a gradient exact to rounding (no finite differences of ``L``).
    The last modes found start the next evaluation (parameters change little between calls).
    """

    def __init__(self, x: np.ndarray, m: np.ndarray, nagq: int) -> None:
        self.x, self.m = x, m
        self.z, self.log_w = _nodes(nagq)
        self.const = float(np.sum(_log_binom_coef(x, m))) - 0.5 * _LOG_2PI * x.size
        self.modes: np.ndarray | None = None

    def __call__(self, theta: np.ndarray) -> _Eval:
        x, m, z = self.x, self.m, self.z
        mu, tau = float(theta[0]), float(theta[1])
        sign = -1.0 if tau < 0 else 1.0  # the likelihood is even in tau
        tau = abs(tau)
        u_hat, s = conditional_modes(mu, tau, x, m, self.modes)
        self.modes = u_hat
        p_hat = special.expit(mu + tau * u_hat)
        v_hat = p_hat * (1 - p_hat)
        # derivatives of the mode and of the scale with respect to (mu, tau)
        s2 = s * s
        du = np.stack([-s2 * tau * m * v_hat, s2 * ((x - m * p_hat) - tau * m * v_hat * u_hat)])
        deta = np.stack([1 + tau * du[0], u_hat + tau * du[1]])
        dc = tau * tau * m * v_hat * (1 - 2 * p_hat) * deta  # d(tau² n v̂)
        dc[1] += 2 * tau * m * v_hat
        dlog_s = -0.5 * s2 * dc
        ds = s * dlog_s
        # quadrature nodes and their normalised weights
        u, eta, terms = _node_terms(mu, tau, x, m, u_hat, s, z, self.log_w)
        p = special.expit(eta)
        resid = x[:, None] - m[:, None] * p
        top = terms.max(axis=1, keepdims=True)
        e = np.exp(terms - top)
        total = e.sum(axis=1, keepdims=True)
        wts = e / total
        ll = self.const + float(np.sum(np.log(s) + top[:, 0] + np.log(total[:, 0])))
        g_u = tau * resid - u
        grad = np.empty(2)
        for i, g_theta in enumerate((resid, u * resid)):
            moved = g_u * (du[i][:, None] + z * ds[i][:, None])
            grad[i] = np.sum(dlog_s[i]) + np.sum(wts * (g_theta + moved))
        # Louis: E[d²g] + Var[dg] under the quadrature weights
        nv = m[:, None] * p * (1 - p)
        scores = (resid, u * resid)
        curv = ((nv, nv * u), (nv * u, nv * u * u))
        info = np.empty((2, 2))
        means = [np.sum(wts * sc, axis=1) for sc in scores]
        for i in range(2):
            for j in range(2):
                cov = np.sum(wts * scores[i] * scores[j], axis=1) - means[i] * means[j]
                info[i, j] = np.sum(np.sum(wts * curv[i][j], axis=1) - cov)
        grad[1] *= sign
        info[0, 1] *= sign
        info[1, 0] *= sign
        return _Eval(-ll, -grad, info)

    def negll(self, theta: np.ndarray) -> float:
        return self(theta).negll


class GlmmFit(NamedTuple):
    """ML fit of the binomial-normal model: ``mu``, ``tau``, log-likelihood, ``se(mu)``."""

    mu: float
    tau: float
    loglik: float
    se: float


def _observed_information(lik: _Likelihood, theta: np.ndarray, h: float = 1e-5) -> np.ndarray:
    """Hessian of ``-loglik`` by central differences of the exact gradient (error O(h²)),
    steps relative to the parameters' size."""
    hess = np.empty((2, 2))
    for i in range(2):
        step = np.zeros(2)
        step[i] = h * (1 + abs(theta[i]))
        hess[:, i] = (lik(theta + step).grad - lik(theta - step).grad) / (2 * step[i])
    return 0.5 * (hess + hess.T)


def _newton(lik: _Likelihood, theta: np.ndarray, steps: int = 100):
    """Newton steps on the exact gradient, with the Louis information made positive definite
    (eigenvalues by absolute value, so every step descends) and step halving. Returns
    ``(theta, negll)`` at a stationary point, or ``None`` where the steps stop making
    progress first (the caller then starts L-BFGS-B)."""
    cur = lik(theta)
    for _ in range(steps):
        vals, vecs = np.linalg.eigh(cur.info)
        vals = np.maximum(np.abs(vals), 1e-8 * max(float(np.abs(vals).max()), 1.0))
        step = vecs @ ((vecs.T @ cur.grad) / vals)
        for _ in range(40):
            new = lik(theta - step)
            if new.negll <= cur.negll + 1e-12 * abs(cur.negll):
                break
            step = step / 2
        else:
            return None
        theta, cur = theta - step, new
        if np.max(np.abs(step)) < 1e-10:
            return theta, cur.negll
    return None


def _lbfgsb(lik: _Likelihood, theta: np.ndarray):
    def value_and_grad(t: np.ndarray) -> tuple[float, np.ndarray]:
        ev = lik(t)
        return ev.negll, ev.grad

    res = optimize.minimize(
        value_and_grad,
        theta,
        jac=True,
        method="L-BFGS-B",
        bounds=[(None, None), (0.0, None)],
        options={"ftol": 1e-15, "gtol": 1e-9, "maxiter": 1000},
    )
    return np.asarray(res.x, dtype=float), float(res.fun)


def fit_glmm_ml(events, n, nagq: int = DEFAULT_NAGQ, start=None) -> GlmmFit:
    """Maximum-likelihood fit of ``(mu, tau)``; see the module docstring for the procedure.

    ``start``: ``(mu, tau)`` of a fit to similar data (e.g. all studies, for a leave-one-out
    subset); Newton starts there instead of from the two default starts.

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
    lik = _Likelihood(x, m, nagq)
    mu_fe = float(special.logit(x.sum() / m.sum()))
    # the boundary tau = 0: a common proportion, whose ML estimate is sum x / sum n
    best = np.array([mu_fe, 0.0])
    best_f = lik.negll(best)

    if start is not None:
        starts = [np.array([float(start[0]), max(float(start[1]), 0.1)])]
    else:
        yi, vi = logit_yi_vi(x, m)
        tau_dl = float(np.sqrt(max(tau2_dl(yi, vi), 0.0)))
        starts = [np.array([mu_fe, t]) for t in sorted({max(tau_dl, 0.1), 1.0})]
    for theta0 in starts:
        found = _newton(lik, theta0)
        if found is None:
            near = _lbfgsb(lik, theta0)
            found = _newton(lik, near[0]) or near
        theta, f = found
        if f < best_f - 1e-12:
            best, best_f = theta, f

    best = np.array([best[0], abs(best[1])])
    hess = _observed_information(lik, best)
    try:
        np.linalg.cholesky(hess)
        var_mu = float(np.linalg.inv(hess)[0, 0])
    except np.linalg.LinAlgError:
        var_mu = 1.0 / float(hess[0, 0])
    return GlmmFit(float(best[0]), float(best[1]), -best_f, float(np.sqrt(var_mu)))


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


def lrt_saturated(events, n) -> tuple[float, int, float]:
    """Likelihood-ratio test of the saturated logistic model (one proportion per study)
    against the common proportion ``p = sum x / sum n``: ``2 sum [x log(x/(n p)) + (n - x)
    log((n - x)/(n (1 - p)))]`` (terms with 0 events are 0), ``df = k - 1``.
    metafor: ``rma.glmm(measure="PLO", ...)$QE.LRT``, ``$QEp.LRT``."""
    x, m = as_counts(events, n)
    df = x.size - 1
    if df <= 0:
        return 0.0, max(df, 0), 1.0
    p = x.sum() / m.sum()
    # a term whose count is 0 is 0: with no events in any study (p = 0) or only events (p = 1)
    # its ratio is 0/0, and the NaN it gave made Q and its p value NaN, written as empty
    with np.errstate(divide="ignore", invalid="ignore"):
        events = np.where(x > 0, special.xlogy(x, x / (m * p)), 0.0)
        others = np.where(m - x > 0, special.xlogy(m - x, (m - x) / (m * (1.0 - p))), 0.0)
    q = 2.0 * float(np.sum(events + others))
    q = max(q, 0.0)
    return q, df, float(stats.chi2.sf(q, df))


def common_logistic(events, n) -> tuple[float, float]:
    """Common-effect (fixed) logistic fit: ``mu = logit(sum x / sum n)`` and its SE
    ``1 / sqrt(sum n p (1 - p))``. metafor ``rma.glmm(measure="PLO", method="EE")``."""
    x, m = as_counts(events, n)
    p = x.sum() / m.sum()
    return float(special.logit(p)), float(1.0 / np.sqrt(m.sum() * p * (1.0 - p)))


@dataclass(frozen=True)
class GlmmLogit:
    """Binomial-normal (logit) random-effects model by ML; metafor ``rma.glmm("PLO", "ML")``.

    Parameters
    ----------
    nagq : int
        Adaptive Gauss-Hermite nodes per study (metafor / lme4 default 7).
    level : float
        Confidence level of the Wald CI and the prediction interval.
    start : (float, float) or None
        ``(mu, tau)`` to start the optimiser from, e.g. the fit to all studies when fitting
        leave-one-out subsets; ``None``: the default starts. The optimum does not depend on it.
    pi_method : {"t_k2", "ci_crit"}
        Prediction interval critical value (:func:`~litmeta.stats.heterogeneity.pi_crit`).
    common : bool
        The common-effect model (``tau2 = 0``: :func:`common_logistic`; metafor
        ``method="EE"``) instead of the random-effects one; model ``glmm_logit_common``.
    """

    nagq: int = DEFAULT_NAGQ
    level: float = 0.95
    start: tuple[float, float] | None = None
    pi_method: str = "t_k2"
    common: bool = False

    @property
    def model(self) -> str:
        return "glmm_logit_common" if self.common else "glmm_logit_ml"

    def fit(self, events, n) -> PoolResult:
        """Pool events / n; raises ``ValueError`` for k < 2 or all-zero / all-n events."""
        x, m = as_counts(events, n)
        # optimise on the studies in a canonical order, so that the numerical optimum (and
        # hence every digit of the result) does not depend on the order they were given in
        order = np.lexsort((x, m))
        if self.common:
            mu, se = common_logistic(x, m)
            fit = GlmmFit(mu, 0.0, math.nan, se)
        else:
            fit = fit_glmm_ml(x[order], m[order], self.nagq, self.start)
        tau2 = fit.tau**2
        crit = float(stats.norm.ppf(1 - (1 - self.level) / 2))
        ci = (fit.mu - crit * fit.se, fit.mu + crit * fit.se)
        pi = het.prediction_interval(
            fit.mu, fit.se, tau2, het.pi_crit(x.size, self.level, crit, self.pi_method)
        )
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
            lrt_saturated(x, m),
            1.0 / (vi + tau2),
            "logit",
            m,
        )
