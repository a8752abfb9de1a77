"""Test for subgroup differences (Q-between).

Pool each subgroup separately (its own tau²), then treat the subgroup estimates as studies
in a fixed-effect model on the analysis scale::

    Q_between = sum_g w_g (theta_g - theta_bar)^2,  w_g = 1 / se_g^2,  df = G - 1

p from chi²(G - 1). metafor: ``rma(yi=c(est1, est2), sei=c(se1, se2), method="FE")$QE``.
"""

from __future__ import annotations

import numpy as np

from .heterogeneity import cochran_q


def q_between(estimates, ses) -> tuple[float, int, float]:
    """Q-between of per-subgroup pooled estimates (analysis scale) and their SEs.

    Returns
    -------
    q, df, p : float, int, float
    """
    est = np.asarray(estimates, dtype=float).ravel()
    se = np.asarray(ses, dtype=float).ravel()
    if est.shape != se.shape:
        raise ValueError("estimates and ses differ in length")
    if est.size < 2:
        raise ValueError("a subgroup test needs at least 2 subgroups")
    if not (np.all(np.isfinite(est)) and np.all(np.isfinite(se)) and np.all(se > 0)):
        raise ValueError("estimates must be finite and ses finite and > 0")
    return cochran_q(est, se**2)
