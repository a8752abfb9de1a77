"""Statistics engine: random-effects pooling of proportions and medians, checked against
R metafor (fixtures in ``tests/metafor``).

Estimators (configure, then ``.fit(...) -> PoolResult``):

* :class:`GlmmLogit` -- binomial-normal GLMM, ML, adaptive Gauss-Hermite
  (metafor ``rma.glmm(measure="PLO", method="ML")``).
* :class:`BayesRandomEffects` -- Bayesian binomial-normal / normal-normal model by
  deterministic integration (PROTOCOL.md Amendment 1 ``sens_bayes``; checked against an
  independent FFT-convolution computation in R).
* :class:`InverseVariance` -- inverse-variance pooling on the logit, double-arcsine or
  log-median scale with REML / DL / PM / FE tau² and optional Knapp-Hartung
  (metafor ``rma(yi, vi, method=..., test="z" | "knha")``).
"""

import importlib

#: public name -> the submodule that holds it. Imported when first used (PEP 562), so that
#: a job that needs one estimator or transform does not import them all: the Bayesian
#: model alone brings scipy.interpolate and scipy.stats (about 1 s of CPU a process), which
#: small_study_tests, funnel_plot, meta_regression and the reports never use.
_WHERE = {
    "BayesRandomEffects": "bayes",
    "GlmmLogit": "glmm",
    "glmm_loglik": "glmm",
    "lrt_saturated": "glmm",
    "study_loglik": "glmm",
    "wald_q_saturated": "glmm",
    "cochran_q": "heterogeneity",
    "i2_h2": "heterogeneity",
    "prediction_interval": "heterogeneity",
    "typical_within_variance": "heterogeneity",
    "InverseVariance": "inverse_variance",
    "impute_se": "medians",
    "log_median_se": "medians",
    "log_median_yi_vi": "medians",
    "median_of_medians": "medians",
    "PoolResult": "result",
    "q_between": "subgroup",
    "estimate_tau2": "tau2",
    "tau2_dl": "tau2",
    "tau2_pm": "tau2",
    "tau2_reml": "tau2",
    "back_transform": "transforms",
    "expit": "transforms",
    "ft_yi_vi": "transforms",
    "ipft_hm": "transforms",
    "logit_yi_vi": "transforms",
}


def __getattr__(name: str):
    if name not in _WHERE:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])


__all__ = list(_WHERE)
