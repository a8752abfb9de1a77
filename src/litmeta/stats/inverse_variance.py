"""Inverse-variance random-effects (and fixed-effect) pooling on any analysis scale.

With ``w_i = 1 / (v_i + tau2)``::

    mu = sum w y / sum w,        se = sqrt(1 / sum w),       CI = mu ± z_{0.975} se

Knapp-Hartung-Sidik-Jonkman (``hksj=True``): ``se_KH = sqrt(q / sum w)`` with
``q = sum w (y - mu)^2 / (k - 1)`` and ``CI = mu ± t_{0.975, k-1} se_KH``. PROTOCOL.md
Amendment 1 uses the ad hoc correction ``q -> max(1, q)`` (``hk_adhoc=True``, metafor
``test="adhoc"``), so the interval is never narrower than the z interval; ``hk_adhoc=False``
is metafor's ``test="knha"`` (``q`` used as it is, 0 if the sum is ~0).

Prediction interval ``mu ± crit sqrt(se² + tau2)``: ``crit = t_{0.975, k-2}`` (Amendment 1,
``pi_method="t_k2"``), or the CI's critical value (``pi_method="ci_crit"``, metafor's
``predict()``).

metafor: ``rma(yi, vi, method=tau2_method, test="z" | "knha" | "adhoc")``; the t(k-2)
interval is ``b ± qt(.975, k-2) sqrt(se² + tau2)`` (tests/metafor/amendment1.R).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np
from scipy import stats

from . import heterogeneity as het
from ._assemble import assemble_result
from ._checks import as_effects
from .medians import NE_RULES, log_median_effects
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
        Knapp-Hartung adjusted SE with a t(k-1) CI.
    hk_adhoc : bool
        Under ``hksj``: truncate the scale factor at 1 (metafor ``test="adhoc"``, the
        protocol's rule); ``False`` is metafor ``test="knha"``.
    pi_method : {"t_k2", "ci_crit"}
        Prediction interval critical value (:func:`~litmeta.stats.heterogeneity.pi_crit`).
    ne_rule : {"max_imputed", "one_half"}
        Medians whose CI has one usable half (:mod:`litmeta.stats.medians`).
    level : float
        Confidence level of CI and PI.
    """

    transform: str = "logit"
    tau2_method: str = "REML"
    hksj: bool = False
    level: float = 0.95
    hk_adhoc: bool = True
    pi_method: str = "t_k2"
    ne_rule: str = "max_imputed"

    def __post_init__(self):
        if self.transform not in TRANSFORMS:
            raise ValueError(f"unknown transform {self.transform!r}; choose from {TRANSFORMS}")
        if self.tau2_method not in TAU2_METHODS:
            raise ValueError(
                f"unknown tau2_method {self.tau2_method!r}; choose from {TAU2_METHODS}"
            )
        if self.ne_rule not in NE_RULES:
            raise ValueError(f"unknown ne_rule {self.ne_rule!r}; choose from {NE_RULES}")
        if self.pi_method not in het.PI_METHODS:
            raise ValueError(f"unknown pi_method {self.pi_method!r}; choose from {het.PI_METHODS}")

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
            var *= max(1.0, s2w) if self.hk_adhoc else s2w
            crit = float(stats.t.ppf(1 - alpha / 2, k - 1))
        else:
            crit = float(stats.norm.ppf(1 - alpha / 2))
        se = float(np.sqrt(var))
        ci = (mu - crit * se, mu + crit * se)
        pi = het.prediction_interval(mu, se, tau2, het.pi_crit(k, self.level, crit, self.pi_method))

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

        ``upper`` may hold NaN/None (not estimable); studies with no CI, and (``ne_rule=
        "max_imputed"``) studies with one usable half of their CI, need ``n``. A result whose
        one-half SEs could not be amended carries the note ``"ne_one_half_fallback"``.
        """
        if self.transform != "log":
            raise ValueError("fit_medians needs transform='log'")
        yi, vi, fallback = log_median_effects(median, lower, upper, n, self.ne_rule)
        res = self.fit(yi, vi)
        return replace(res, notes=("ne_one_half_fallback",)) if fallback else res
