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
