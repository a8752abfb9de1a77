"""Binomial-normal meta-regression: the GLMM of :mod:`litmeta.stats.glmm` with a design matrix.

Model: ``x_i ~ Binomial(n_i, expit(X_i beta + tau u_i))``, ``u_i ~ N(0, 1)``, one common
``tau2 = tau²``; fitted by maximum likelihood with the same adaptive Gauss-Hermite marginal
likelihood (``nagq`` nodes around each study's mode; :func:`litmeta.stats.glmm.conditional_modes`).

* Fit: the ``tau = 0`` logistic regression by Newton (IRLS), then quasi-Newton (L-BFGS-B,
  ``tau >= 0``) from ``tau`` = 0.3 and 1, a Newton polish of the better one on
  finite-difference derivatives; the best likelihood wins (the boundary ``tau = 0`` included).
* ``se``: square roots of the diagonal of the inverse observed information in
  ``(beta, tau)`` (central differences), the ``beta`` block of the logistic information at
  the boundary ``tau = 0``.
* ``qm``, ``qm_p``: Wald test that every coefficient but the intercept is 0,
  ``b' V^{-1} b`` over ``p - 1`` degrees of freedom.

metafor: ``rma.glmm(measure="PLO", xi, ni, mods=~..., method="ML")`` (``b``, ``se``, ``tau2``,
``QM``, ``QMp``); fixtures in tests/metafor/fixtures/amendment1.csv (``metareg`` rows) and
real_subgroups.csv.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import optimize, special, stats

from ._checks import as_counts
from .glmm import DEFAULT_NAGQ, _log_binom_coef, _nodes, conditional_modes


@dataclass(frozen=True)
class MetaRegressionResult:
    """ML fit of a binomial-normal meta-regression (coefficients on the logit scale)."""

    k: int
    coef: tuple[float, ...]
    se: tuple[float, ...]
    tau2: float
    qm: float
    qm_df: int
    qm_p: float
    loglik: float


def metareg_loglik(beta, tau: float, x, m, design, nagq: int = DEFAULT_NAGQ) -> float:
    """Marginal log-likelihood of the meta-regression (adaptive Gauss-Hermite per study)."""
    mu = design @ np.asarray(beta, dtype=float)
    tau = abs(float(tau))
    u_hat, s = conditional_modes(mu, tau, x, m)
    z, log_w = _nodes(nagq)
    u = u_hat[:, None] + s[:, None] * z
    eta = mu[:, None] + tau * u
    terms = log_w + x[:, None] * eta - m[:, None] * np.logaddexp(0.0, eta) - 0.5 * u * u
    per = _log_binom_coef(x, m) + np.log(s) + special.logsumexp(terms, axis=1)
    return float(np.sum(per) - 0.5 * np.log(2 * np.pi) * x.size)


def _logistic(x, m, design) -> tuple[np.ndarray, np.ndarray]:
    """ML logistic regression (tau = 0) by Newton; returns beta and its information matrix."""
    beta = np.zeros(design.shape[1])
    beta[0] = special.logit((x.sum() + 0.5) / (m.sum() + 1.0))
    for _ in range(100):
        p = special.expit(design @ beta)
        info = design.T @ (design * (m * p * (1 - p))[:, None])
        step = np.linalg.solve(info, design.T @ (x - m * p))
        beta = beta + step
        if np.max(np.abs(step)) < 1e-12:
            break
    p = special.expit(design @ beta)
    return beta, design.T @ (design * (m * p * (1 - p))[:, None])


def _hessian(f, theta: np.ndarray, h: float = 1e-4) -> np.ndarray:
    d = theta.size
    hess = np.empty((d, d))
    steps = h * (1 + np.abs(theta))
    for i in range(d):
        for j in range(i, d):
            ei = np.zeros(d)
            ej = np.zeros(d)
            ei[i], ej[j] = steps[i], steps[j]
            val = (
                f(theta + ei + ej) - f(theta + ei - ej) - f(theta - ei + ej) + f(theta - ei - ej)
            ) / (4 * steps[i] * steps[j])
            hess[i, j] = hess[j, i] = val
    return hess


def _gradient(f, theta: np.ndarray, h: float = 1e-6) -> np.ndarray:
    g = np.empty(theta.size)
    for i in range(theta.size):
        e = np.zeros(theta.size)
        e[i] = h * (1 + abs(theta[i]))
        g[i] = (f(theta + e) - f(theta - e)) / (2 * e[i])
    return g


@dataclass(frozen=True)
class GlmmMetaRegression:
    """Binomial-normal meta-regression by ML (metafor ``rma.glmm(mods=...)``); ``nagq`` as
    in :class:`~litmeta.stats.glmm.GlmmLogit`."""

    nagq: int = DEFAULT_NAGQ

    def fit(self, events, n, design) -> MetaRegressionResult:
        """``design``: k x p matrix whose first column is the intercept (all ones).

        Raises ``ValueError`` when the design is not of full column rank, has fewer studies
        than ``p + 1``, or when every study has 0 (or n) events.
        """
        x, m = as_counts(events, n)
        X = np.asarray(design, dtype=float)
        if X.ndim != 2 or X.shape[0] != x.size:
            raise ValueError("design must be a k x p matrix, one row per study")
        k, p = X.shape
        if not np.all(X[:, 0] == 1):
            raise ValueError("the first column of the design must be the intercept (ones)")
        if np.linalg.matrix_rank(X) < p:
            raise ValueError("the design matrix is not of full column rank")
        if k < p + 1:
            raise ValueError(f"{k} studies cannot estimate {p} coefficients and tau2")
        if np.all(x == 0) or np.all(x == m):
            raise ValueError("every study has 0 events (or every study n events)")

        def negll(theta: np.ndarray) -> float:
            return -metareg_loglik(theta[:p], theta[p], x, m, X, self.nagq)

        beta0, info0 = _logistic(x, m, X)
        best = np.append(beta0, 0.0)
        best_f = negll(best)
        found = []
        for tau0 in (0.3, 1.0):
            res = optimize.minimize(
                negll,
                np.append(beta0, tau0),
                method="L-BFGS-B",
                bounds=[(None, None)] * p + [(0.0, None)],
                options={"ftol": 1e-15, "gtol": 1e-10, "maxiter": 2000},
            )
            found.append((float(res.fun), np.asarray(res.x, dtype=float)))
        theta = self._polish(negll, min(found, key=lambda t: t[0])[1])
        f = negll(theta)
        if f < best_f - 1e-10:
            best, best_f = theta, f
        tau = abs(float(best[p]))
        if tau > 1e-6:
            hess = _hessian(negll, np.append(best[:p], tau))
            try:
                np.linalg.cholesky(hess)
                vcov = np.linalg.inv(hess)[:p, :p]
            except np.linalg.LinAlgError:
                vcov = np.linalg.inv(hess[:p, :p])
        else:
            tau = 0.0
            vcov = np.linalg.inv(info0)
        beta = best[:p]
        se = np.sqrt(np.diag(vcov))
        if p > 1:
            b = beta[1:]
            qm = float(b @ np.linalg.solve(vcov[1:, 1:], b))
            qm_p = float(stats.chi2.sf(qm, p - 1))
        else:
            qm, qm_p = 0.0, 1.0
        return MetaRegressionResult(
            k=k,
            coef=tuple(float(v) for v in beta),
            se=tuple(float(v) for v in se),
            tau2=tau * tau,
            qm=qm,
            qm_df=p - 1,
            qm_p=qm_p,
            loglik=-best_f,
        )

    @staticmethod
    def _polish(negll, theta: np.ndarray) -> np.ndarray:
        """Newton steps on finite-difference derivatives while they improve the likelihood
        (interior optima only; the boundary tau = 0 is left to the caller)."""
        f = negll(theta)
        for _ in range(20):
            if theta[-1] <= 1e-6:
                break
            g = _gradient(negll, theta)
            hess = _hessian(negll, theta)
            try:
                step = np.linalg.solve(hess, g)
            except np.linalg.LinAlgError:
                break
            new = theta - step
            if new[-1] < 0:
                break
            f_new = negll(new)
            if f_new > f + 1e-12:
                break
            theta, f = new, f_new
            if np.max(np.abs(step)) < 1e-9:
                break
        return theta
