"""Between-study variance (tau²) estimators for the intercept-only random-effects model.

All take effect sizes ``yi`` and sampling variances ``vi`` and return ``tau2 >= 0``.
Notation: ``w_i = 1 / (v_i + tau2)``, ``mu(tau2) = sum w y / sum w``.

=======  ==================================================================  ===================
method   definition                                                          metafor
=======  ==================================================================  ===================
DL       ``max(0, (Q - (k-1)) / (sum w - sum w² / sum w))``, ``w = 1/v``     ``method="DL"``
PM       root of ``sum w_i (y_i - mu)^2 = k - 1`` (0 if ``Q(0) <= k - 1``)   ``method="PM"``
REML     maximiser of the restricted likelihood, Fisher scoring              ``method="REML"``
FE       0                                                                   ``method="FE"``
=======  ==================================================================  ===================

These are written here rather than taken from PyMARE (REML by a generic optimiser with
default tolerances, no Paule-Mandel) or statsmodels (no REML), so that every estimator is
solved to ~1e-12 and the boundary ``tau2 = 0`` is hit exactly. metafor itself stops earlier
(REML: change < 1e-5 with step halving at the boundary; PM: ``uniroot`` with
``tol = .Machine$double.eps^0.25``), so its values can sit up to ~1e-5 away from these.
"""

from __future__ import annotations

import numpy as np
from scipy import optimize

from ._checks import as_effects

TAU2_METHODS = ("REML", "DL", "PM", "FE")


def _mu(y: np.ndarray, w: np.ndarray) -> float:
    return float(np.sum(w * y) / np.sum(w))


def generalised_q(tau2: float, yi, vi) -> float:
    """``Q(tau2) = sum w_i (y_i - mu)^2`` with ``w_i = 1/(v_i + tau2)`` (decreasing in tau2)."""
    y = np.asarray(yi, dtype=float)
    w = 1.0 / (np.asarray(vi, dtype=float) + tau2)
    return float(np.sum(w * (y - _mu(y, w)) ** 2))


def tau2_dl(yi, vi) -> float:
    """DerSimonian-Laird moment estimator.

    ``tau2 = max(0, (Q - (k - 1)) / (sum w - sum w² / sum w))``, ``w = 1/v``, Q at tau2 = 0.
    metafor: ``rma(yi, vi, method="DL")$tau2``.
    """
    y, v = as_effects(yi, vi)
    w = 1.0 / v
    q = generalised_q(0.0, y, v)
    c = np.sum(w) - np.sum(w**2) / np.sum(w)
    return float(max(0.0, (q - (y.size - 1)) / c))


def tau2_pm(yi, vi, xtol: float = 1e-14) -> float:
    """Paule-Mandel estimator: solve ``Q(tau2) = k - 1``.

    ``Q`` is :func:`generalised_q`; ``tau2 = 0`` when ``Q(0) <= k - 1``. Solved with
    :func:`scipy.optimize.brentq` to ``xtol``. metafor: ``rma(yi, vi, method="PM")$tau2``.
    """
    y, v = as_effects(yi, vi)
    target = y.size - 1
    if generalised_q(0.0, y, v) <= target:
        return 0.0
    hi = max(1.0, 10.0 * float(np.var(y)))
    while generalised_q(hi, y, v) > target:
        hi *= 4.0
    return float(
        optimize.brentq(lambda t: generalised_q(t, y, v) - target, 0.0, hi, xtol=xtol, rtol=1e-15)
    )


def reml_loglik(tau2: float, yi, vi) -> float:
    """Restricted log-likelihood of the intercept-only model (up to a constant).

    ``-1/2 [sum log(v_i + tau2) + log(sum w) + sum w_i (y_i - mu)^2]``.
    """
    y = np.asarray(yi, dtype=float)
    w = 1.0 / (np.asarray(vi, dtype=float) + tau2)
    mu = _mu(y, w)
    return float(-0.5 * (np.sum(-np.log(w)) + np.log(np.sum(w)) + np.sum(w * (y - mu) ** 2)))


def reml_score(tau2: float, yi, vi) -> float:
    """Twice the REML score ``y'PPy - tr P`` (``PPy`` etc. as in :func:`tau2_reml`)."""
    y = np.asarray(yi, dtype=float)
    w = 1.0 / (np.asarray(vi, dtype=float) + tau2)
    sw = np.sum(w)
    return float(np.sum((w * (y - _mu(y, w))) ** 2) - (sw - np.sum(w**2) / sw))


def tau2_reml(yi, vi, tol: float = 1e-12, max_iter: int = 1000) -> float:
    """Restricted maximum-likelihood estimator by Fisher scoring, as metafor iterates it.

    Start at the Hedges estimator ``max(0, (sum (y - ybar)^2 - (1 - 1/k) sum v) / (k - 1))``,
    then step ``adj = (y'PPy - tr P) / tr(PP)`` with ``P = W - w w' / sum w``, halving ``adj``
    while ``tau2 + adj < 0``, until the change is below ``tol``. Finally 0 is returned if the
    restricted likelihood is at least as high there (metafor's ``ll0check``), which also
    turns the geometric approach to the boundary into an exact 0. If scoring does not
    converge, the score equation ``y'PPy = tr P`` is solved by bracketing instead.
    metafor: ``rma(yi, vi, method="REML")$tau2``.
    """
    y, v = as_effects(yi, vi)
    k = y.size
    tau2 = max(0.0, (np.sum((y - y.mean()) ** 2) - (1 - 1 / k) * np.sum(v)) / (k - 1))
    converged = False
    for _ in range(max_iter):
        w = 1.0 / (v + tau2)
        sw = np.sum(w)
        tr_pp = np.sum(w**2) - 2 * np.sum(w**3) / sw + (np.sum(w**2) / sw) ** 2
        adj = reml_score(tau2, y, v) / tr_pp
        while tau2 + adj < 0:
            adj /= 2
        tau2 += adj
        if abs(adj) < tol * max(1.0, tau2):
            converged = True
            break
    if not converged:
        tau2 = _solve_reml_score(y, v)
    if reml_loglik(0.0, y, v) >= reml_loglik(tau2, y, v):
        tau2 = 0.0
    return float(tau2)


def _solve_reml_score(y: np.ndarray, v: np.ndarray) -> float:
    if reml_score(0.0, y, v) <= 0:
        return 0.0
    hi = max(1.0, 10.0 * float(np.var(y)))
    while reml_score(hi, y, v) > 0:
        hi *= 4.0
    return float(optimize.brentq(reml_score, 0.0, hi, args=(y, v), xtol=1e-14, rtol=1e-15))


def estimate_tau2(yi, vi, method: str = "REML") -> float:
    """Dispatch to :func:`tau2_reml`, :func:`tau2_dl`, :func:`tau2_pm` or 0 for ``"FE"``."""
    if method == "REML":
        return tau2_reml(yi, vi)
    if method == "DL":
        return tau2_dl(yi, vi)
    if method == "PM":
        return tau2_pm(yi, vi)
    if method == "FE":
        as_effects(yi, vi)
        return 0.0
    raise ValueError(f"unknown tau2 method {method!r}; choose from {TAU2_METHODS}")
