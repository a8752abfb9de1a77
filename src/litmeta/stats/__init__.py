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

from .bayes import BayesRandomEffects
from .glmm import GlmmLogit, glmm_loglik, lrt_saturated, study_loglik, wald_q_saturated
from .heterogeneity import cochran_q, i2_h2, prediction_interval, typical_within_variance
from .inverse_variance import InverseVariance
from .medians import impute_se, log_median_se, log_median_yi_vi, median_of_medians
from .result import PoolResult
from .subgroup import q_between
from .tau2 import estimate_tau2, tau2_dl, tau2_pm, tau2_reml
from .transforms import back_transform, expit, ft_yi_vi, ipft_hm, logit_yi_vi

__all__ = [
    "BayesRandomEffects",
    "GlmmLogit",
    "InverseVariance",
    "PoolResult",
    "back_transform",
    "cochran_q",
    "estimate_tau2",
    "expit",
    "ft_yi_vi",
    "glmm_loglik",
    "i2_h2",
    "impute_se",
    "ipft_hm",
    "log_median_se",
    "log_median_yi_vi",
    "logit_yi_vi",
    "median_of_medians",
    "prediction_interval",
    "q_between",
    "study_loglik",
    "tau2_dl",
    "tau2_pm",
    "tau2_reml",
    "typical_within_variance",
    "wald_q_saturated",
    "lrt_saturated",
]
