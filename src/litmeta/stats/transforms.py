"""Effect sizes for single proportions and their back-transformations.

=========  ======================================================  =============================
name       analysis scale  (yi, vi)                                back to a proportion
=========  ======================================================  =============================
logit      ``log(x / (n - x))``, ``1/x + 1/(n - x)``; 0.5 added    :func:`expit`
           to ``x`` and ``n - x`` only for studies with 0 or n     (metafor ``transf.ilogit``)
           events (metafor ``escalc("PLO")``, add=1/2, to="only0")
ft         ``(asin(sqrt(x/(n+1))) + asin(sqrt((x+1)/(n+1)))) / 2``  :func:`ipft_hm`, harmonic
           ``1 / (4n + 2)``, never corrected (``escalc("PFT")``)    mean of n (``transf.ipft.hm``)
=========  ======================================================  =============================

Log medians (the ``log`` transform) are built in :mod:`litmeta.stats.medians`.
"""

from __future__ import annotations

import numpy as np
from scipy import special

from ._checks import as_counts

#: Analysis scales known to :func:`back_transform`.
TRANSFORMS = ("logit", "ft", "log")

#: Continuity correction metafor's ``escalc(measure="PLO")`` adds (``add = 1/2``).
LOGIT_ADD = 0.5


def logit_yi_vi(events, n, add: float = LOGIT_ADD) -> tuple[np.ndarray, np.ndarray]:
    """Log odds and their variances, continuity-corrected only where needed.

    ``yi = log(x / (n - x))``, ``vi = 1/x + 1/(n - x)``; for a study with ``x = 0`` or
    ``x = n`` (and only for such a study) ``add`` is added to both ``x`` and ``n - x``,
    so its total becomes ``n + 2 * add``.

    metafor: ``escalc(measure="PLO", xi=events, ni=n)`` (defaults ``add=1/2, to="only0"``).

    Parameters
    ----------
    events, n : array_like
        Event counts ``0 <= x <= n`` and sample sizes, one per study.
    add : float
        Correction for studies with 0 or n events.

    Returns
    -------
    yi, vi : numpy.ndarray
    """
    x, m = as_counts(events, n, pooled=False)
    y = m - x
    extreme = (x == 0) | (y == 0)
    x = np.where(extreme, x + add, x)
    y = np.where(extreme, y + add, y)
    return np.log(x / y), 1.0 / x + 1.0 / y


def ft_yi_vi(events, n) -> tuple[np.ndarray, np.ndarray]:
    """Freeman-Tukey double-arcsine transform of proportions.

    ``yi = (asin(sqrt(x / (n + 1))) + asin(sqrt((x + 1) / (n + 1)))) / 2``,
    ``vi = 1 / (4n + 2)``. No continuity correction (metafor's default ``add=0`` for PFT).

    metafor: ``escalc(measure="PFT", xi=events, ni=n)``.
    """
    x, m = as_counts(events, n, pooled=False)
    yi = 0.5 * (np.arcsin(np.sqrt(x / (m + 1))) + np.arcsin(np.sqrt((x + 1) / (m + 1))))
    return yi, 1.0 / (4 * m + 2)


def expit(x):
    """Inverse logit ``1 / (1 + exp(-x))`` (metafor ``transf.ilogit``)."""
    return special.expit(x)


def pft(p, n):
    """Double-arcsine value of a proportion ``p`` for sample size ``n`` (``transf.pft``).

    ``(asin(sqrt(p n / (n + 1))) + asin(sqrt((p n + 1) / (n + 1)))) / 2``.
    """
    x = np.asarray(p, dtype=float) * n
    return 0.5 * (np.arcsin(np.sqrt(x / (n + 1))) + np.arcsin(np.sqrt((x + 1) / (n + 1))))


def harmonic_mean(n) -> float:
    """Harmonic mean ``1 / mean(1 / n)`` of the sample sizes."""
    m = np.asarray(n, dtype=float).ravel()
    return float(1.0 / np.mean(1.0 / m))


def ipft_hm(t, n):
    """Back-transform double-arcsine values with the harmonic mean of ``n``.

    With ``nhm = 1 / mean(1 / n)`` and ``s = sin(2t)``::

        p = (1 - sign(cos 2t) * sqrt(1 - (s + (s - 1/s) / nhm)^2)) / 2

    set to 0 below ``pft(0, nhm)`` and to 1 above ``pft(1, nhm)``; NaN where the square root
    is undefined. metafor: ``transf.ipft.hm(t, targs=list(ni=n))`` (Miller, 1978).

    Parameters
    ----------
    t : float or array_like
        Values on the double-arcsine scale (estimate, CI or PI bounds).
    n : array_like
        Sample sizes of all pooled studies.
    """
    nhm = harmonic_mean(n)
    t_arr = np.asarray(t, dtype=float)
    with np.errstate(divide="ignore", invalid="ignore"):
        s = np.sin(2 * t_arr)
        p = 0.5 * (1 - np.sign(np.cos(2 * t_arr)) * np.sqrt(1 - (s + (s - 1 / s) / nhm) ** 2))
    p = np.where(t_arr > pft(1.0, nhm), 1.0, p)
    p = np.where(t_arr < pft(0.0, nhm), 0.0, p)
    return float(p) if p.ndim == 0 else p


def back_transform(values, transform: str, n=None):
    """Analysis scale -> natural scale: ``expit`` (logit), ``ipft_hm`` (ft), ``exp`` (log).

    ``n`` (all studies' sample sizes) is required for ``"ft"`` (harmonic-mean back-transform).
    """
    if transform == "logit":
        return expit(values)
    if transform == "log":
        return np.exp(values)
    if transform == "ft":
        if n is None:
            raise ValueError("the Freeman-Tukey back-transform needs the studies' sample sizes n")
        return ipft_hm(values, n)
    raise ValueError(f"unknown transform {transform!r}; choose from {TRANSFORMS}")
