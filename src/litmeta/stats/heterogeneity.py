"""Heterogeneity statistics and prediction intervals, as metafor computes them.

With fixed-effect weights ``w_i = 1 / v_i``:

* Cochran's ``Q = sum w_i (y_i - ybar_w)^2``, ``df = k - 1``, p from chi²(df)
  (metafor ``QE``, ``QEp``).
* typical within-study variance ``s² = (k - 1) sum w / ((sum w)^2 - sum w^2)``
  (metafor ``vt``, Higgins & Thompson 2002, eq. 9; ``(k - p) / tr(P)`` with ``p = 1``).
* random-effects models: ``I² = 100 tau2 / (tau2 + s²)``, ``H² = (tau2 + s²) / s²``
  (metafor ``I2``, ``H2``; *not* ``(Q - df) / Q``).
* fixed-effect models (``tau2_method="FE"``): ``I² = max(0, 100 (Q - df) / Q)``,
  ``H² = Q / df`` (metafor's convention for ``method="FE"``).
"""

from __future__ import annotations

import numpy as np
from scipy import stats


def cochran_q(yi, vi) -> tuple[float, int, float]:
    """Cochran's Q from fixed-effect weights.

    ``Q = max(0, sum w_i (y_i - ybar_w)^2)`` with ``w_i = 1/v_i``; ``df = k - 1``;
    ``p = P(chi²_df > Q)`` (1 when ``df = 0``). metafor: ``rma(yi, vi)$QE``, ``$QEp``.

    Returns
    -------
    q, df, p : float, int, float
    """
    y = np.asarray(yi, dtype=float).ravel()
    w = 1.0 / np.asarray(vi, dtype=float).ravel()
    df = y.size - 1
    if df <= 0:
        return 0.0, max(df, 0), 1.0
    ybar = np.sum(w * y) / np.sum(w)
    q = max(0.0, float(np.sum(w * (y - ybar) ** 2)))
    return q, df, float(stats.chi2.sf(q, df))


def typical_within_variance(vi) -> float:
    """Typical within-study variance ``s² = (k-1) sum w / ((sum w)^2 - sum w^2)``, ``w = 1/v``.

    metafor: ``vt`` of an ``rma`` / ``rma.glmm`` fit (``i2def="1"``).
    """
    w = 1.0 / np.asarray(vi, dtype=float).ravel()
    k = w.size
    sw = np.sum(w)
    return float((k - 1) * sw / (sw**2 - np.sum(w**2)))


def i2_h2(tau2: float, vi) -> tuple[float, float]:
    """I² (percent) and H² of a random-effects model from ``tau2`` and ``s²``.

    ``I² = 100 tau2 / (tau2 + s²)``, ``H² = tau2 / s² + 1`` with ``s²`` from
    :func:`typical_within_variance`. metafor: ``rma(...)$I2``, ``$H2`` and
    ``rma.glmm(...)$I2``, ``$H2`` (with the escalc variances).
    """
    s2 = typical_within_variance(vi)
    return float(100.0 * tau2 / (s2 + tau2)), float(tau2 / s2 + 1.0)


def i2_h2_fixed(q: float, df: int) -> tuple[float, float]:
    """I² (percent) and H² of a fixed-effect model from Q.

    ``I² = max(0, 100 (Q - df) / Q)`` (0 when ``Q = 0``), ``H² = Q / df``.
    metafor: ``rma(..., method="FE")$I2``, ``$H2``.
    """
    if df <= 0:
        return 0.0, 1.0
    i2 = 0.0 if q <= 0 else max(0.0, 100.0 * (q - df) / q)
    return float(i2), float(q / df)


#: How a prediction interval's critical value is chosen: ``"t_k2"`` (PROTOCOL.md Amendment 1:
#: ``t_{0.975, k-2}``, Higgins, Thompson & Spiegelhalter 2009, the Cochrane Handbook) or
#: ``"ci_crit"`` (the CI's own critical value, z or t(k-1) under Knapp-Hartung: metafor's
#: ``predict()`` default, kept to check against the metafor fixtures).
PI_METHODS = ("t_k2", "ci_crit")


def pi_crit(k: int, level: float, ci_crit: float, method: str = "t_k2") -> float:
    """Critical value of a prediction interval over ``k`` studies (see :data:`PI_METHODS`).

    ``t_k2``: ``t_{(1+level)/2, k-2}`` for ``k >= 3`` (for ``k < 3`` no PI is reported, and
    ``ci_crit`` is returned only so that the interval stays a finite number).
    """
    if method not in PI_METHODS:
        raise ValueError(f"unknown prediction interval method {method!r}; choose from {PI_METHODS}")
    if method == "ci_crit" or k < 3:
        return ci_crit
    return float(stats.t.ppf(1 - (1 - level) / 2, k - 2))


def prediction_interval(
    estimate: float, se: float, tau2: float, crit: float
) -> tuple[float, float]:
    """Prediction interval ``estimate ± crit * sqrt(se² + tau2)`` (always computed).

    ``crit`` comes from :func:`pi_crit`: ``t_{0.975, k-2}`` (Amendment 1), or the CI's own
    critical value (metafor ``predict(res)$pi.lb``, ``$pi.ub``); ``se`` is the model's SE of
    the pooled estimate (the Knapp-Hartung SE under Knapp-Hartung). Whether to *report* it is
    the caller's choice (:class:`~litmeta.stats.result.PoolResult` drops it for ``k < 3``).
    """
    half = crit * float(np.sqrt(se**2 + tau2))
    return estimate - half, estimate + half


def qprofile_tau2_ci(yi, vi, level: float = 0.95, tau2_max: float | None = None):
    """Q-profile confidence interval of ``tau2`` (Viechtbauer 2007): the ``tau2`` at which the
    generalised Q, ``sum w_i (y_i - mu_w)^2`` with ``w_i = 1 / (v_i + tau2)`` (decreasing in
    ``tau2``), equals the upper and lower ``(1 - level) / 2`` quantiles of chi²(k - 1). A
    bound whose equation has no root in ``[0, tau2_max]`` is 0 (Q(0) below the quantile) or
    ``tau2_max`` (Q(tau2_max) above it). ``tau2_max`` defaults to metafor's search limit
    ``max(100, 10 tau2_REML)``. metafor: ``confint(rma(yi, vi, method="REML"))``.

    Returns ``(low, high)``; ``(nan, nan)`` for fewer than 2 studies.
    """
    from scipy import optimize

    from .tau2 import generalised_q, tau2_reml

    y = np.asarray(yi, dtype=float).ravel()
    v = np.asarray(vi, dtype=float).ravel()
    k = y.size
    if k < 2:
        return float("nan"), float("nan")
    if tau2_max is None:
        tau2_max = max(100.0, 10.0 * tau2_reml(y, v))
    alpha = 1.0 - level

    def bound(crit: float) -> float:
        if generalised_q(0.0, y, v) < crit:
            return 0.0
        if generalised_q(tau2_max, y, v) > crit:
            return float(tau2_max)
        return float(
            optimize.brentq(
                lambda t: generalised_q(t, y, v) - crit, 0.0, tau2_max, xtol=1e-14, rtol=1e-13
            )
        )

    low = bound(float(stats.chi2.ppf(1 - alpha / 2, k - 1)))
    high = bound(float(stats.chi2.ppf(alpha / 2, k - 1)))
    return low, high
