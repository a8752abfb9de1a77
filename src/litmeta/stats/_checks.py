"""Input validation shared by the estimators (private)."""

from __future__ import annotations

import numpy as np


def require_pooling(k: int) -> None:
    """Raise ``ValueError`` unless there are at least two studies to pool."""
    if k < 1:
        raise ValueError("no studies given: at least 2 are needed to pool")
    if k == 1:
        raise ValueError(
            "only 1 study given: nothing is pooled with k = 1 "
            "(report the single study's own estimate instead)"
        )


def as_effects(yi, vi) -> tuple[np.ndarray, np.ndarray]:
    """Effect sizes and their sampling variances as 1-d float arrays (validated, k >= 2)."""
    y = np.asarray(yi, dtype=float).ravel()
    v = np.asarray(vi, dtype=float).ravel()
    if y.shape != v.shape:
        raise ValueError(f"yi and vi differ in length ({y.size} vs {v.size})")
    require_pooling(y.size)
    if not (np.all(np.isfinite(y)) and np.all(np.isfinite(v))):
        raise ValueError("yi and vi must be finite")
    if np.any(v <= 0):
        raise ValueError("sampling variances vi must be > 0")
    return y, v


def as_counts(events, n, *, pooled: bool = True) -> tuple[np.ndarray, np.ndarray]:
    """Event counts and sample sizes as float arrays of whole numbers, ``0 <= x <= n``."""
    x = np.asarray(events, dtype=float).ravel()
    m = np.asarray(n, dtype=float).ravel()
    if x.shape != m.shape:
        raise ValueError(f"events and n differ in length ({x.size} vs {m.size})")
    if pooled:
        require_pooling(x.size)
    if not (np.all(np.isfinite(x)) and np.all(np.isfinite(m))):
        raise ValueError("events and n must be finite")
    if np.any(x != np.round(x)) or np.any(m != np.round(m)):
        raise ValueError("events and n must be whole numbers")
    if np.any(m <= 0):
        raise ValueError("sample sizes n must be > 0")
    if np.any(x < 0) or np.any(x > m):
        raise ValueError("events must satisfy 0 <= events <= n")
    return x, m
