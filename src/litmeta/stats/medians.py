"""Medians (e.g. median survival in months with a 95% CI): log-scale effect sizes and
the sample-size-weighted median of medians.

Log-median effect size (pooled with :class:`~litmeta.stats.inverse_variance.InverseVariance`
``transform="log"``; metafor ``rma(yi=log(M), sei=SE)``, back-transformed with ``exp``):

* ``yi = ln M``
* ``SE = (ln U - ln L) / (2 * 1.96)`` from a two-sided 95% CI ``[L, U]``;
* one usable half (upper bound NE: NaN / None, or lower bound 0, whose log is unusable):
  the *usable-half* SE ``(ln M - ln L) / 1.96`` or ``(ln U - ln M) / 1.96``. That half of a
  right-skewed Kaplan-Meier CI is a floor on the SE rather than an estimate of it, so
  PROTOCOL.md Amendment 1 (``ne_rule="max_imputed"``, :func:`amend_one_half_se`) takes
  ``SE_i = max(usable-half SE_i, median_j(SE_j sqrt(n_j)) / sqrt(n_i))`` over the cohorts
  ``j`` of the same pool whose CI has two usable bounds; without such a cohort (or without
  ``n_i``) the usable-half SE is kept and flagged. ``ne_rule="one_half"`` is the old rule
  (the usable-half SE alone, analysis ``sens_ne_one_half``);
* studies with no CI at all: ``SE_i = median_j(SE_j sqrt(n_j)) / sqrt(n_i)`` over the studies
  with a CI (:func:`impute_se`).
"""

from __future__ import annotations

import math

import numpy as np

#: Normal quantile used to turn a 95% CI into an SE (the protocol's 1.96, not 1.959964).
Z95 = 1.96


def _floats(values) -> np.ndarray:
    """1-d float array; ``None`` becomes NaN."""
    return np.array([np.nan if v is None else v for v in np.ravel(values)], dtype=float)


def log_median_se(median, lower, upper) -> np.ndarray:
    """Standard error of ``ln(median)`` from its 95% CI.

    ``(ln U - ln L) / (2 * 1.96)``; ``(ln M - ln L) / 1.96`` where ``U`` is NaN/None (not
    estimable); ``(ln U - ln M) / 1.96`` where ``L`` is 0; NaN where ``L`` is missing (no CI:
    see :func:`impute_se`).
    """
    m, lo, up = _floats(median), _floats(lower), _floats(upper)
    if not (m.shape == lo.shape == up.shape):
        raise ValueError("median, lower and upper differ in length")
    if np.any(~np.isfinite(m)) or np.any(m <= 0):
        raise ValueError("medians must be finite and > 0 (a median not reached cannot be pooled)")
    has_lo = np.isfinite(lo)
    if np.any(lo[has_lo] < 0) or np.any(lo[has_lo] > m[has_lo]):
        raise ValueError("lower CI bounds must satisfy 0 <= lower <= median")
    has_up = np.isfinite(up)
    if np.any(up[has_up] < m[has_up]):
        raise ValueError("upper CI bounds must be >= the median")
    if np.any(has_up & ~has_lo):
        raise ValueError("an upper CI bound without a lower bound cannot be used")
    zero_lo = has_lo & (lo == 0)
    if np.any(zero_lo & ~has_up):
        raise ValueError("a CI with a lower bound of 0 and no upper bound has no usable half")
    with np.errstate(invalid="ignore", divide="ignore"):
        se = np.where(has_up, (np.log(up) - np.log(lo)) / (2 * Z95), (np.log(m) - np.log(lo)) / Z95)
        se = np.where(zero_lo, (np.log(up) - np.log(m)) / Z95, se)
    se[~has_lo] = np.nan
    if np.any(se[has_lo] <= 0):
        raise ValueError("a CI of zero width gives SE = 0; it cannot be weighted")
    return se


#: How a CI with one usable half becomes an SE (module docstring).
NE_RULES = ("max_imputed", "one_half")


def one_half_ci(lower, upper) -> np.ndarray:
    """True where a CI has exactly one usable half: upper bound NE (NaN/None) or lower bound 0."""
    lo, up = _floats(lower), _floats(upper)
    has_lo = np.isfinite(lo)
    return has_lo & (~np.isfinite(up) | (lo == 0))


def amend_one_half_se(se, lower, upper, n) -> tuple[np.ndarray, bool]:
    """Amendment 1's SE for CIs with one usable half (``ne_rule="max_imputed"``).

    ``SE_i = max(se_i, median_j(se_j sqrt(n_j)) / sqrt(n_i))`` for every ``i`` with one usable
    half (:func:`one_half_ci`), the median over the studies ``j`` whose CI has two usable
    bounds (lower > 0 and upper given) and a sample size. Returns the SEs and whether any such
    ``i`` had to keep its one-half SE (no study with two usable bounds, or no ``n_i``): the
    caller flags that fallback.
    """
    s = _floats(se).copy()
    m = _floats(n)
    half = one_half_ci(lower, upper)
    if s.shape != m.shape or s.shape != half.shape:
        raise ValueError("se, lower, upper and n differ in length")
    if not half.any():
        return s, False
    two = np.isfinite(s) & ~half & np.isfinite(m) & (m > 0)
    can = half & np.isfinite(m) & (m > 0)
    if not two.any():
        return s, True
    scale = float(np.median(s[two] * np.sqrt(m[two])))
    s[can] = np.maximum(s[can], scale / np.sqrt(m[can]))
    return s, bool((half & ~can).any())


def impute_se(se, n) -> np.ndarray:
    """Fill missing SEs from the studies that have one, scaled by sample size.

    ``SE_i = median_j(SE_j * sqrt(n_j)) / sqrt(n_i)`` for every study ``i`` with a NaN SE,
    the median (numpy / R ``median``: mean of the two middle values for an even count) taken
    over the studies ``j`` with a finite SE. Other SEs are returned unchanged.
    """
    s = _floats(se)
    m = np.asarray(n, dtype=float).ravel()
    if s.shape != m.shape:
        raise ValueError("se and n differ in length")
    known = np.isfinite(s)
    if known.all():
        return s
    if not known.any():
        raise ValueError("no study has a CI: cannot impute a standard error")
    if np.any(~np.isfinite(m[~known])) or np.any(m[~known] <= 0) or np.any(m[known] <= 0):
        raise ValueError("sample sizes must be > 0 to impute a standard error")
    scale = float(np.median(s[known] * np.sqrt(m[known])))
    out = s.copy()
    out[~known] = scale / np.sqrt(m[~known])
    return out


def log_median_yi_vi(
    median, lower, upper, n=None, ne_rule: str = "max_imputed"
) -> tuple[np.ndarray, np.ndarray]:
    """``yi = ln M`` and ``vi = SE²`` (see module docstring); ``n`` needed for the NE rule and
    to impute. metafor: ``rma(yi=log(median), sei=SE, ...)``."""
    yi, vi, _ = log_median_effects(median, lower, upper, n, ne_rule)
    return yi, vi


def log_median_effects(
    median, lower, upper, n=None, ne_rule: str = "max_imputed"
) -> tuple[np.ndarray, np.ndarray, bool]:
    """As :func:`log_median_yi_vi`, plus whether the one-half SE fallback was used."""
    if ne_rule not in NE_RULES:
        raise ValueError(f"unknown ne_rule {ne_rule!r}; choose from {NE_RULES}")
    se = log_median_se(median, lower, upper)
    fallback = False
    if ne_rule == "max_imputed" and one_half_ci(lower, upper).any():
        nn = np.full(se.shape, np.nan) if n is None else n
        se, fallback = amend_one_half_se(se, lower, upper, nn)
    if np.any(np.isnan(se)):
        if n is None:
            raise ValueError("some studies have no CI: pass n to impute their standard errors")
        se = impute_se(se, n)
    return np.log(_floats(median)), se**2, fallback


def median_of_medians(medians, n) -> float:
    """Sample-size-weighted median of study medians.

    Sort the medians ``x_(1) <= ... <= x_(k)`` with their weights ``n``; let ``C_j`` be the
    cumulative share of the total weight. The result is ``x_(j)`` for the smallest ``j`` with
    ``C_j >= 1/2``, except on an exact tie ``C_j = 1/2`` (possible with integer ``n``), where it
    is the average ``(x_(j) + x_(j+1)) / 2`` of the two straddling values. With equal weights
    this is the ordinary median. Works for ``k = 1`` (returns that median).
    """
    x = _floats(medians)
    w = np.asarray(n, dtype=float).ravel()
    if x.shape != w.shape:
        raise ValueError("medians and n differ in length")
    if x.size == 0:
        raise ValueError("no medians given")
    if np.any(~np.isfinite(x)):
        raise ValueError("medians must be finite (drop medians not reached first)")
    if np.any(~np.isfinite(w)) or np.any(w <= 0):
        raise ValueError("weights n must be finite and > 0")
    order = np.argsort(x, kind="stable")
    x, w = x[order], w[order]
    cum = np.cumsum(w)
    total = cum[-1]
    j = int(np.argmax(2 * cum >= total * (1 - 1e-12)))
    if j < x.size - 1 and math.isclose(2 * cum[j], total, rel_tol=1e-12):
        return float((x[j] + x[j + 1]) / 2)
    return float(x[j])
