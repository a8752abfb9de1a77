"""The one result type every estimator in :mod:`litmeta.stats` returns."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class PoolResult:
    """A pooled random-effects (or fixed-effect) estimate.

    Attributes
    ----------
    model : str
        What produced the numbers, e.g. ``"glmm_logit_ml"``, ``"iv_logit_REML"``,
        ``"iv_logit_REML_hksj"``, ``"iv_ft_DL"``, ``"iv_log_REML"``.
    k : int
        Number of studies pooled.
    estimate, se, ci_low, ci_high : float
        Pooled estimate, its standard error and 95% CI on the *analysis scale* (logit,
        Freeman-Tukey double arcsine, or log median). metafor: ``b``, ``se``, ``ci.lb``,
        ``ci.ub``.
    pi_low, pi_high : float or None
        95% prediction interval on the analysis scale, ``None`` when ``k < 3`` (metafor
        ``predict()$pi.lb`` / ``pi.ub``; computed by
        :func:`litmeta.stats.heterogeneity.prediction_interval`).
    tau2 : float
        Between-study variance (analysis scale).
    i2 : float
        I² in percent (0-100), metafor convention (see :mod:`litmeta.stats.heterogeneity`).
    h2 : float
        H², metafor convention.
    q, q_df, q_p : float, int, float
        Cochran's Q (for the GLMM: metafor's Wald-type test), its degrees of freedom
        ``k - 1`` and p-value.
    weights : tuple of float
        Percent weight of each study (sums to 100), in input order. Inverse-variance models:
        ``100 * w_i / sum(w)`` with ``w_i = 1 / (v_i + tau2)`` (metafor ``weights()``). The GLMM
        has no such weights in metafor; :class:`~litmeta.stats.glmm.GlmmLogit` reports the same
        inverse-variance weights with the escalc logit variances and the GLMM ``tau2``.
    est_nat, ci_low_nat, ci_high_nat : float
        Estimate and CI back-transformed to the natural scale (proportion 0-1, or months).
    pi_low_nat, pi_high_nat : float or None
        Back-transformed prediction interval, ``None`` when ``k < 3``.
    notes : tuple of str
        Flags on how the numbers were obtained, e.g. ``"ne_one_half_fallback"`` (a median CI
        with one usable half kept its one-half SE: no cohort with two usable bounds).
    """

    model: str
    k: int
    estimate: float
    se: float
    ci_low: float
    ci_high: float
    pi_low: float | None
    pi_high: float | None
    tau2: float
    i2: float
    h2: float
    q: float
    q_df: int
    q_p: float
    weights: tuple[float, ...]
    est_nat: float
    ci_low_nat: float
    ci_high_nat: float
    pi_low_nat: float | None
    pi_high_nat: float | None
    notes: tuple[str, ...] = ()


#: Prediction intervals are reported only from this many studies on.
MIN_K_PREDICTION_INTERVAL = 3
