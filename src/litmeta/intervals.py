"""A cohort's own 95% confidence interval, shared by the forest plots, the certainty rules
and the few-cohort display (scipy is imported only when a proportion's interval is asked for)."""

from __future__ import annotations

import math


def clopper_pearson(events: float, n: float, level: float = 0.95) -> tuple[float, float]:
    """Exact (Clopper-Pearson) confidence interval of a proportion, as R meta::metaprop
    shows for each study: the beta quantiles ``B(alpha/2; x, n - x + 1)`` and
    ``B(1 - alpha/2; x + 1, n - x)`` (R ``binom.test(x, n)$conf.int``)."""
    from scipy.special import betaincinv

    x, m = int(round(events)), int(round(n))
    alpha = (1.0 - level) / 2.0
    lower = 0.0 if x == 0 else float(betaincinv(x, m - x + 1, alpha))
    upper = 1.0 if x == m else float(betaincinv(x + 1, m - x, 1.0 - alpha))
    return lower, upper


def cohort_ci(endpoint_is_median: bool, row: dict) -> tuple[float, float] | None:
    """A cohort's own 95% CI from its analysis-table row: Clopper-Pearson for a proportion,
    the paper's CI for a median (None where it printed none or a bound is NE)."""
    from .tables import num

    if endpoint_is_median:
        lo, hi = num(row.get("ci_low"), math.nan), num(row.get("ci_high"), math.nan)
        if math.isnan(lo) or math.isnan(hi):
            return None
        return lo, hi
    events, n = num(row.get("events"), math.nan), num(row.get("n"), math.nan)
    if math.isnan(events) or math.isnan(n) or n <= 0:
        return None
    return clopper_pearson(events, n)


def single_cohort(
    endpoint_is_median: bool, rows: list[dict]
) -> tuple[str, float, float | None, float | None] | None:
    """The one cohort a setting could pool (k = 1, PROTOCOL.md Amendment 2) with its own
    estimate and 95% CI (:func:`cohort_ci`; a median's CI may be missing): ``(cohort_id,
    estimate, low, high)``, or None unless exactly one such cohort has a value."""
    from .protocol import is_poolable
    from .tables import num

    alone = [r for r in rows if is_poolable(r)]
    if len(alone) != 1:
        return None
    r = alone[0]
    if endpoint_is_median:
        est = num(r.get("median"), math.nan)
    else:
        events, n = num(r.get("events"), math.nan), num(r.get("n"), math.nan)
        est = events / n if n > 0 else math.nan
    if math.isnan(est):
        return None
    ci = cohort_ci(endpoint_is_median, r)
    lo, hi = ci if ci is not None else (None, None)
    if endpoint_is_median and ci is None:
        lo, hi = num(r.get("ci_low")), num(r.get("ci_high"))
    return r["cohort_id"], est, lo, hi
