"""Inverse-variance random-effects (and fixed-effect) pooling on any analysis scale.

With ``w_i = 1 / (v_i + tau2)``::

    mu = sum w y / sum w,        se = sqrt(1 / sum w),       CI = mu ± z_{0.975} se

Knapp-Hartung-Sidik-Jonkman (``hksj=True``): ``se_KH = sqrt(s2w / sum w)`` with
``s2w = sum w (y - mu)^2 / (k - 1)`` (0 if that sum is ~0; never truncated at 1) and
``CI = mu ± t_{0.975, k-1} se_KH``. Prediction interval ``mu ± crit sqrt(se² + tau2)`` with
the same ``crit`` (z, or t(k-1) under HKSJ).

metafor: ``rma(yi, vi, method=tau2_method, test="z" | "knha")`` and ``predict()``.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import stats

from . import heterogeneity as het
from ._assemble import assemble_result
from ._checks import as_effects
from .medians import log_median_yi_vi
from .result import PoolResult
from .tau2 import TAU2_METHODS, estimate_tau2
from .transforms import TRANSFORMS, ft_yi_vi, logit_yi_vi


@dataclass(frozen=True)
class InverseVariance:
    """Inverse-variance pooling (PyMARE-like: configure, then :meth:`fit`).

    Parameters
    ----------
    transform : {"logit", "ft", "log"}
        The analysis scale of ``yi``; decides the back-transform of the natural-scale fields.
    tau2_method : {"REML", "DL", "PM", "FE"}
        Between-study variance estimator (:mod:`litmeta.stats.tau2`); ``"FE"`` fixes 0.
    hksj : bool
        Knapp-Hartung adjusted SE with t(k-1) CI and PI (metafor ``test="knha"``).
    level : float
        Confidence level of CI and PI.
    """

    transform: str = "logit"
    tau2_method: str = "REML"
    hksj: bool = False
    level: float = 0.95

    def __post_init__(self):
        if self.transform not in TRANSFORMS:
            raise ValueError(f"unknown transform {self.transform!r}; choose from {TRANSFORMS}")
        if self.tau2_method not in TAU2_METHODS:
            raise ValueError(
                f"unknown tau2_method {self.tau2_method!r}; choose from {TAU2_METHODS}"
            )

    @property
    def model(self) -> str:
        return f"iv_{self.transform}_{self.tau2_method}" + ("_hksj" if self.hksj else "")

    def fit(self, yi, vi, n=None) -> PoolResult:
        """Pool effect sizes ``yi`` with sampling variances ``vi`` (analysis scale).

        ``n`` (sample sizes) is needed only to back-transform ``transform="ft"``.
        Raises ``ValueError`` for ``k < 2``.
        """
        y, v = as_effects(yi, vi)
        k = y.size
        tau2 = estimate_tau2(y, v, self.tau2_method)
        w = 1.0 / (v + tau2)
        mu = float(np.sum(w * y) / np.sum(w))
        var = 1.0 / float(np.sum(w))
        alpha = 1.0 - self.level
        if self.hksj:
            rss = float(np.sum(w * (y - mu) ** 2))
            s2w = 0.0 if rss <= np.finfo(float).eps else rss / (k - 1)
            var *= s2w
            crit = float(stats.t.ppf(1 - alpha / 2, k - 1))
        else:
            crit = float(stats.norm.ppf(1 - alpha / 2))
        se = float(np.sqrt(var))
        ci = (mu - crit * se, mu + crit * se)
        pi = het.prediction_interval(mu, se, tau2, crit)

        q, q_df, q_p = het.cochran_q(y, v)
        if self.tau2_method == "FE":
            i2, h2 = het.i2_h2_fixed(q, q_df)
        else:
            i2, h2 = het.i2_h2(tau2, v)
        return assemble_result(
            self.model, k, mu, se, ci, pi, tau2, i2, h2, (q, q_df, q_p), w, self.transform, n
        )

    def fit_proportions(self, events, n) -> PoolResult:
        """Build ``(yi, vi)`` from events / n for ``transform`` "logit" or "ft", then :meth:`fit`.

        logit: :func:`~litmeta.stats.transforms.logit_yi_vi` (0.5 added only to studies with 0
        or n events); ft: :func:`~litmeta.stats.transforms.ft_yi_vi`.
        """
        if self.transform == "logit":
            yi, vi = logit_yi_vi(events, n)
        elif self.transform == "ft":
            yi, vi = ft_yi_vi(events, n)
        else:
            raise ValueError("fit_proportions needs transform 'logit' or 'ft'")
        return self.fit(yi, vi, n=np.asarray(n, dtype=float))

    def fit_medians(self, median, lower, upper, n=None) -> PoolResult:
        """Pool medians on the log scale (``transform="log"``); see :mod:`litmeta.stats.medians`.

        ``upper`` may hold NaN/None (not estimable); studies with no CI need ``n``.
        """
        if self.transform != "log":
            raise ValueError("fit_medians needs transform='log'")
        yi, vi = log_median_yi_vi(median, lower, upper, n)
        return self.fit(yi, vi)
