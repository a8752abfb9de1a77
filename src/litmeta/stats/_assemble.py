"""Assemble a :class:`~litmeta.stats.result.PoolResult` from pooled numbers (private)."""

from __future__ import annotations

import numpy as np

from .result import MIN_K_PREDICTION_INTERVAL, PoolResult
from .transforms import back_transform


def assemble_result(
    model,
    k,
    mu,
    se,
    ci,
    pi,
    tau2,
    i2,
    h2,
    q_stats,
    w,
    transform,
    n,
    min_k_pi: int = MIN_K_PREDICTION_INTERVAL,
) -> PoolResult:
    """Assemble a :class:`PoolResult`, dropping the PI for ``k < min_k_pi`` (3, except for
    the Bayesian posterior predictive interval)."""
    nat = np.sort(np.atleast_1d(back_transform(np.array([ci[0], ci[1]]), transform, n)))
    pi_nat = np.sort(np.atleast_1d(back_transform(np.array(pi), transform, n)))
    show_pi = k >= min_k_pi
    q, q_df, q_p = q_stats
    return PoolResult(
        model=model,
        k=k,
        estimate=float(mu),
        se=float(se),
        ci_low=float(ci[0]),
        ci_high=float(ci[1]),
        pi_low=float(pi[0]) if show_pi else None,
        pi_high=float(pi[1]) if show_pi else None,
        tau2=float(tau2),
        i2=float(i2),
        h2=float(h2),
        q=float(q),
        q_df=int(q_df),
        q_p=float(q_p),
        weights=tuple(float(x) for x in 100.0 * w / np.sum(w)),
        est_nat=float(back_transform(mu, transform, n)),
        ci_low_nat=float(nat[0]),
        ci_high_nat=float(nat[1]),
        pi_low_nat=float(pi_nat[0]) if show_pi else None,
        pi_high_nat=float(pi_nat[1]) if show_pi else None,
    )
