"""Small-study effects: Egger's regression test and Peters' test, for pools of k >= 10 cohorts.

Both are weighted least-squares regressions of the cohort effects ``yi`` (logit proportions,
0.5 added to the cells of a cohort with 0 or n events; or log medians) with weights ``1/vi``
and a multiplicative dispersion, as metafor's ``regtest(..., model = "lm")``:

==========  ====================================  ===============================================
test        predictor                             metafor
==========  ====================================  ===============================================
egger       standard error ``sqrt(vi)``           ``regtest(yi, vi, model="lm", predictor="sei")``
peters      inverse sample size ``1/n``           ``regtest(yi, vi, ni=n, model="lm",
                                                  predictor="ninv")``
==========  ====================================  ===============================================

The test of asymmetry is the t test of the predictor's coefficient (``k - 2`` degrees of
freedom); the intercept is the "limit estimate" (the effect of an infinitely large cohort) with
its t-based 95% CI. Checked against metafor in tests/test_small_study_metafor.py (fixtures from
tests/metafor/small_study.R). Fewer than :data:`MIN_K` cohorts: no test (the tests have too
little power, Cochrane Handbook 13.3.5.4), and the outputs say so.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

from ..stats.transforms import logit_yi_vi

MIN_K = 10
TESTS = ("egger", "peters")


class NoSpread(ValueError):
    """The predictor does not vary across cohorts: the regression has no slope to test."""


@dataclass(frozen=True)
class RegTest:
    test: str
    k: int
    slope: float  # coefficient of the predictor
    slope_se: float
    t: float
    df: int
    p: float
    limit: float  # intercept: the limit estimate on the analysis scale
    limit_ci_low: float
    limit_ci_high: float


def regtest(yi, vi, n=None, predictor: str = "sei") -> RegTest:
    """Weighted regression test of funnel asymmetry (metafor ``regtest(model="lm")``)."""
    import statsmodels.api as sm

    y = np.asarray(yi, dtype=float)
    v = np.asarray(vi, dtype=float)
    if predictor == "sei":
        x = np.sqrt(v)
        name = "egger"
    elif predictor == "ninv":
        if n is None:
            raise ValueError("Peters' test needs the sample sizes n")
        x = 1.0 / np.asarray(n, dtype=float)
        name = "peters"
    else:
        raise ValueError(f"unknown predictor {predictor!r}; use 'sei' or 'ninv'")
    k = len(y)
    if k < 3:
        raise ValueError("a regression test needs at least 3 studies")
    if np.ptp(x) <= 1e-12 * max(1.0, float(np.abs(x).max())):
        raise NoSpread(
            "every cohort has the same standard error"
            if predictor == "sei"
            else "every cohort has the same size"
        )
    fit = sm.WLS(y, sm.add_constant(x, has_constant="add"), weights=1.0 / v).fit()
    lo, hi = fit.conf_int(alpha=0.05)[0]
    return RegTest(
        test=name,
        k=k,
        slope=float(fit.params[1]),
        slope_se=float(fit.bse[1]),
        t=float(fit.tvalues[1]),
        df=int(fit.df_resid),
        p=float(fit.pvalues[1]),
        limit=float(fit.params[0]),
        limit_ci_low=float(lo),
        limit_ci_high=float(hi),
    )


def proportion_effects(events, n) -> tuple[np.ndarray, np.ndarray]:
    """Logit proportions and variances as the inverse-variance models use them."""
    return logit_yi_vi(events, n)


def median_effects(median, lower, upper) -> tuple[np.ndarray, np.ndarray]:
    from ..stats.medians import log_median_yi_vi

    return log_median_yi_vi(median, lower, upper)
