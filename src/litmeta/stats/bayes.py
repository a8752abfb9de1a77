"""Bayesian random-effects model for few cohorts, by deterministic numerical integration.

PROTOCOL.md Amendment 1, analysis ``sens_bayes``:

* proportions: ``x_i ~ Binomial(n_i, expit(theta_i))`` (exact binomial likelihood),
  ``theta_i ~ N(mu, tau²)``; ``mu ~ N(0, 10²)``, ``tau ~ half-normal(1)``;
* log medians: ``y_i ~ N(theta_i, v_i)``, ``theta_i ~ N(mu, tau²)``; ``mu ~ N(0, 10²)``,
  ``tau ~ half-normal(0.5)`` (``v_i`` the SEs² of :mod:`litmeta.stats.medians`).

``tau`` lives on ``n_tau`` equally spaced points over ``[0, 6 sd_tau]`` (the prior mass above
is 2e-9; the integrand is even in ``tau`` and vanishes at the far end, so the trapezoid rule
is very accurate). With many cohorts the posterior of ``tau`` is narrower than a few of those
steps; where all but ~1e-12 of its mass lies within half of that range, the ``n_tau`` points
are laid over where it lies (:func:`_narrowed`; tests/test_bayes_narrow.py).

* binomial: the random effects are integrated out study by study by Gauss-Hermite
  quadrature around each study's mode (:func:`binomial_grid_loglik`), and the posterior of
  ``(mu, tau)`` is evaluated on a product grid, ``mu`` on ``n_mu`` points over the range that
  holds all but ~1e-12 of the posterior mass (found on a coarse grid over ``±40`` first);
  quantiles come from the antiderivative of a cubic spline through the marginal density.
* normal: given ``tau``, everything is Gaussian: ``y_i ~ N(mu, v_i + tau²)`` and ``mu | tau, y``
  is normal with precision ``sum w + 1/10²`` (``w_i = 1/(v_i + tau²)``), so ``mu`` and the new
  cohort are integrated in closed form and only ``tau`` is on a grid
  (:class:`NormalPosterior`).

No sampling: the same data give the same digits.

Reported (``PoolResult``):

* ``estimate`` posterior median of ``mu``; ``ci_low``/``ci_high`` its 95 % equal-tailed
  credible interval (quantiles of the piecewise-linear marginal CDF); ``se`` its posterior SD;
* ``tau2`` the square of the posterior median of ``tau``;
* ``pi_low``/``pi_high`` the 95 % posterior predictive interval of a new cohort's
  ``theta_new ~ N(mu, tau²)``: quantiles of ``sum_g w_g Phi((theta - mu_g) / tau_g)``;
  reported from ``k = 2`` on (it is a proper posterior predictive, prior-driven at small k);
* ``q``, ``q_p`` the data's heterogeneity test (the GLMM's likelihood-ratio test for proportions,
  Cochran's Q for medians); ``i2``, ``h2`` from ``tau2`` and the typical within-study
  variance, as for the other models.

Checked against an independent R computation that integrates differently (FFT convolution on
a fine theta grid): tests/metafor/bayes.R, tests/test_stats_bayes.py.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import interpolate, optimize, special, stats

from . import heterogeneity as het
from ._assemble import assemble_result
from ._checks import as_counts, as_effects
from .glmm import _log_binom_coef, lrt_saturated
from .medians import log_median_effects
from .result import PoolResult
from .transforms import logit_yi_vi

LIKELIHOODS = ("binomial", "normal")
#: Prior SD of tau per likelihood (half-normal), PROTOCOL.md Amendment 1.
TAU_PRIOR_SD = {"binomial": 1.0, "normal": 0.5}
MU_PRIOR_SD = 10.0
_COARSE_HALF_WIDTH = 40.0  # 4 prior SDs of mu
_TAIL = 1e-12  # posterior mass left outside the fine mu grid
_NEWTON_STEPS = 4


#: values per array in one pass of :func:`binomial_grid_loglik` (grid points x studies x
#: quadrature nodes): 512 kB each, so that a pass works in the processor's cache (2 M values,
#: 16 MB, took 1.6 times as long on the real review; a 400-cohort grid took 5 GB in one piece)
CHUNK_ELEMENTS = 65_536


def _logsumexp_last(a: np.ndarray) -> np.ndarray:
    """``scipy.special.logsumexp(a, axis=-1)`` with the same operations in the same order
    (the same numbers bit for bit, tests/test_bayes_chunks.py), in place in ``a`` and without
    scipy's array-API bookkeeping, which took a third of the grid's time: the maxima are taken
    out of the sum and counted (``m``), ``log1p(sum exp(a - max) / m) + log(m) + max``."""
    a_max = np.max(a, axis=-1, keepdims=True)
    at_max = a == a_max
    m = np.sum(at_max, axis=-1, keepdims=True, dtype=a.dtype)
    a[at_max] = -np.inf
    a -= a_max
    np.exp(a, out=a)
    s = np.sum(a, axis=-1, keepdims=True, dtype=a.dtype)
    s = np.where(s == 0, s, s / m)
    return (np.log1p(s) + np.log(m) + a_max)[..., 0]


def binomial_grid_loglik(mu, tau, events, n, nagq: int = 12) -> np.ndarray:
    """Marginal log-likelihood ``sum_i log ∫ Bin(x_i | n_i, expit(theta)) N(theta | mu, tau²)
    dtheta`` at each of the points ``mu``, ``tau`` (flat arrays of equal length).

    Gauss-Hermite with ``nagq`` nodes centred where the normal approximation of the integrand
    peaks: starting from the normal approximation (the study's logit ``t_i`` and variance
    ``v_i``, 0.5 added only for 0 or n events: ``c = (t_i / v_i + mu / tau²) / (1/v_i +
    1/tau²)``), a fixed number of Newton steps towards the mode of the log-concave integrand,
    then ``s = (n p (1 - p) + 1/tau²)^(-1/2)`` there and
    ``∫ f = s sum_j w_j exp(z_j²/2) f(c + s z_j)``. At ``tau = 0`` the integral is the binomial
    probability at ``theta = mu`` itself. No data-dependent iteration count: a whole grid costs
    a few vectorised passes, in chunks of points of at most :data:`CHUNK_ELEMENTS` values per
    array (each point is computed on its own: the same numbers for any chunk size).
    """
    mu = np.asarray(mu, dtype=float).ravel()
    tau = np.asarray(tau, dtype=float).ravel()
    x = np.asarray(events, dtype=float).ravel()
    m = np.asarray(n, dtype=float).ravel()
    key = (mu.tobytes(), tau.tobytes(), x.tobytes(), m.tobytes(), nagq, CHUNK_ELEMENTS)
    if (known := _RECENT.get(key)) is not None:
        return known.copy()
    out = _grid(mu, tau, _Studies.of(x, m, nagq))
    _RECENT[key] = out.copy()
    while len(_RECENT) > _RECENT_SIZE:
        del _RECENT[next(iter(_RECENT))]
    return out


#: the last :data:`_RECENT_SIZE` grids of :func:`binomial_grid_loglik`, by their exact inputs
#: (the bytes of the points, the counts, ``nagq`` and the chunk size): the prior-sensitivity
#: refits of a block (PROTOCOL.md Amendment 2) evaluate the same likelihood on the same
#: points, the coarse grid once per tau prior and the grids of the protocol's prior again
#: after sens_bayes (with many cohorts three a fit: coarse, the tau probe and the fine grid,
#: so that twelve hold what the six priors share); a hit returns the numbers computed
#: before, so the results are the same bits
_RECENT: dict[tuple, np.ndarray] = {}
_RECENT_SIZE = 12


def _grid(mu: np.ndarray, tau: np.ndarray, studies: _Studies) -> np.ndarray:
    """:func:`binomial_grid_loglik` computed, in chunks of :data:`CHUNK_ELEMENTS` values."""
    rows = max(1, CHUNK_ELEMENTS // (max(studies.x.size, 1) * studies.z.size))
    if mu.size > rows:
        return np.concatenate(
            [
                _grid_chunk(mu[i : i + rows], tau[i : i + rows], studies)
                for i in range(0, mu.size, rows)
            ]
        )
    return _grid_chunk(mu, tau, studies)


@dataclass(frozen=True)
class _Studies:
    """What :func:`binomial_grid_loglik` computes once per call, not once per chunk of grid
    points (at k = 400 a chunk is 13 points; 7-10% of a grid's time at k = 40-400): the
    counts as rows, their logits and variances, the binomial coefficients, the Gauss-Hermite
    nodes and the constant part of each node's log term. The same operations on the same
    numbers as before they were hoisted: the same bits (tests/test_bayes_chunks.py)."""

    x: np.ndarray
    m: np.ndarray
    t: np.ndarray
    v: np.ndarray
    log_coef: np.ndarray
    z: np.ndarray
    log_w_z2: np.ndarray

    @classmethod
    def of(cls, events, n, nagq: int) -> _Studies:
        x = np.asarray(events, dtype=float).ravel()[None, :]
        m = np.asarray(n, dtype=float).ravel()[None, :]
        t, v = logit_yi_vi(x.ravel(), m.ravel())
        z, w = special.roots_hermitenorm(nagq)
        return cls(x, m, t[None, :], v[None, :], _log_binom_coef(x, m), z, np.log(w) + 0.5 * z * z)


def _grid_chunk(mu: np.ndarray, tau: np.ndarray, studies: _Studies) -> np.ndarray:
    """:func:`binomial_grid_loglik` at the points of one chunk."""
    x, m, t, v, log_coef = studies.x, studies.m, studies.t, studies.v, studies.log_coef
    z = studies.z
    mu = mu[:, None]
    tau = np.abs(tau)[:, None]
    at_zero = np.sum(log_coef + x * mu - m * np.logaddexp(0.0, mu), axis=1)
    pos = tau[:, 0] > 0
    out = at_zero
    if pos.any():
        mu_p, tau_p = mu[pos], tau[pos]
        inv_t2 = 1.0 / (tau_p * tau_p)
        prec = 1.0 / v + inv_t2
        c = (t / v + mu_p * inv_t2) / prec
        for _ in range(_NEWTON_STEPS):  # towards the mode of the log-concave integrand
            p = special.expit(c)
            prec = m * p * (1 - p) + inv_t2
            c = c + (x - m * p - (c - mu_p) * inv_t2) / prec
        p = special.expit(c)
        s = 1.0 / np.sqrt(m * p * (1 - p) + inv_t2)
        theta = c[..., None] + s[..., None] * z
        # log of the quadrature terms, (log w_j + z_j²/2) + x theta - n log(1 + e^theta)
        # - zr²/2 with zr = (theta - mu) / tau, evaluated left to right as written, in place
        zr = theta - mu_p[..., None]
        zr /= tau_p[..., None]
        terms = x[..., None] * theta
        terms += studies.log_w_z2  # a + b == b + a, bit for bit
        np.logaddexp(0.0, theta, out=theta)
        theta *= m[..., None]
        terms -= theta
        half = 0.5 * zr
        half *= zr
        terms -= half
        per_study = log_coef + np.log(s / tau_p) - 0.5 * np.log(2 * np.pi) + _logsumexp_last(terms)
        out = out.copy()
        out[pos] = np.sum(per_study, axis=1)
    return out


def _trapezoid_weights(grid: np.ndarray) -> np.ndarray:
    h = np.diff(grid)
    w = np.zeros_like(grid)
    w[:-1] += h / 2
    w[1:] += h / 2
    return w


def _quantile(grid: np.ndarray, density: np.ndarray, probs) -> list[float]:
    """Quantiles of the distribution with this density on ``grid``: the CDF is the
    antiderivative of the cubic spline through the density (error O(h⁴)), solved by Brent."""
    cdf = interpolate.CubicSpline(grid, density).antiderivative()
    total = float(cdf(grid[-1]))
    lo, hi = grid[0], grid[-1]
    return [
        float(optimize.brentq(lambda q, p=p: float(cdf(q)) / total - p, lo, hi, xtol=1e-12))
        for p in probs
    ]


@dataclass(frozen=True)
class BayesPosterior:
    """Posterior masses of ``(mu, tau)`` on the grid ``mu[:, None] x tau[None, :]``."""

    mu: np.ndarray
    tau: np.ndarray
    density: np.ndarray  # normalised joint density on the grid (integrates to 1)

    def mu_density(self) -> np.ndarray:
        return self.density @ _trapezoid_weights(self.tau)

    def tau_density(self) -> np.ndarray:
        return _trapezoid_weights(self.mu) @ self.density

    def mu_quantiles(self, probs) -> list[float]:
        return _quantile(self.mu, self.mu_density(), probs)

    def tau_quantiles(self, probs) -> list[float]:
        return _quantile(self.tau, self.tau_density(), probs)

    def mu_sd(self) -> float:
        d = self.mu_density() * _trapezoid_weights(self.mu)
        mean = float(np.sum(d * self.mu))
        return float(np.sqrt(max(np.sum(d * (self.mu - mean) ** 2), 0.0)))

    def predictive_quantiles(self, probs) -> list[float]:
        """Quantiles of ``theta_new`` with ``theta_new | mu, tau ~ N(mu, tau²)``."""
        mass = self.density * np.outer(_trapezoid_weights(self.mu), _trapezoid_weights(self.tau))
        keep = mass > 0
        mass = mass[keep] / mass[keep].sum()
        mu = np.broadcast_to(self.mu[:, None], self.density.shape)[keep]
        tau = np.broadcast_to(self.tau[None, :], self.density.shape)[keep]

        # z of every grid point; a point with tau = 0 is a step at mu (z = -inf below, +inf
        # from mu on); the masks are found once, not in each of Brent's ~40 evaluations
        scale = np.where(tau > 0, tau, 1.0)
        not_pos = np.flatnonzero(~(tau > 0))
        zero = np.flatnonzero(tau == 0)
        mu_zero = mu[zero]

        def cdf(t: float) -> float:
            zt = (t - mu) / scale
            zt[not_pos] = np.inf
            zt[zero[t < mu_zero]] = -np.inf
            return float(np.sum(mass * special.ndtr(zt)))

        lo = float(self.mu[0] - 12 * self.tau[-1])
        hi = float(self.mu[-1] + 12 * self.tau[-1])
        return [optimize.brentq(lambda t, p=p: cdf(t) - p, lo, hi, xtol=1e-12) for p in probs]


@dataclass(frozen=True)
class NormalPosterior:
    """Normal-normal posterior as a mixture over the ``tau`` grid: ``mu | tau ~ N(m, V)``."""

    tau: np.ndarray
    density: np.ndarray  # marginal posterior density of tau on the grid (integrates to 1)
    m: np.ndarray
    v: np.ndarray

    def _mass(self) -> np.ndarray:
        mass = self.density * _trapezoid_weights(self.tau)
        return mass / mass.sum()

    def _mixture_quantiles(self, scale: np.ndarray, probs) -> list[float]:
        mass = self._mass()
        lo = float(np.min(self.m - 12 * scale))
        hi = float(np.max(self.m + 12 * scale))

        def cdf(t: float) -> float:
            return float(np.sum(mass * special.ndtr((t - self.m) / scale)))

        return [optimize.brentq(lambda t, p=p: cdf(t) - p, lo, hi, xtol=1e-12) for p in probs]

    def mu_quantiles(self, probs) -> list[float]:
        return self._mixture_quantiles(np.sqrt(self.v), probs)

    def tau_quantiles(self, probs) -> list[float]:
        return _quantile(self.tau, self.density, probs)

    def mu_sd(self) -> float:
        mass = self._mass()
        mean = float(np.sum(mass * self.m))
        return float(np.sqrt(np.sum(mass * (self.v + (self.m - mean) ** 2))))

    def predictive_quantiles(self, probs) -> list[float]:
        return self._mixture_quantiles(np.sqrt(self.v + self.tau**2), probs)


def normal_posterior(
    yi, vi, tau_sd: float, n_tau: int, mu_sd: float = MU_PRIOR_SD
) -> NormalPosterior:
    """Closed-form ``mu`` given ``tau`` (see the module docstring), ``tau`` on a grid;
    ``mu ~ N(0, mu_sd²)``."""
    y = np.asarray(yi, dtype=float).ravel()[None, :]
    v = np.asarray(vi, dtype=float).ravel()[None, :]
    tau = np.linspace(0.0, 6.0 * tau_sd, n_tau)
    post = _normal_on(y, v, tau, tau_sd, mu_sd)
    narrow = _narrowed(tau, post.density, _NARROW_FRACTION)
    return post if narrow is tau else _normal_on(y, v, narrow, tau_sd, mu_sd)


def _normal_on(y, v, tau: np.ndarray, tau_sd: float, mu_sd: float) -> NormalPosterior:
    """:func:`normal_posterior` on the tau grid ``tau``."""
    w = 1.0 / (v + tau[:, None] ** 2)
    prec = np.sum(w, axis=1) + 1.0 / mu_sd**2
    swy = np.sum(w * y, axis=1)
    m = swy / prec
    log_marg = (
        0.5 * np.sum(np.log(w), axis=1)
        - np.log(mu_sd)
        - 0.5 * np.log(prec)
        - 0.5 * (np.sum(w * y * y, axis=1) - swy**2 / prec)
        + stats.halfnorm.logpdf(tau, 0, tau_sd)
    )
    dens = np.exp(log_marg - log_marg.max())
    dens /= _trapezoid_weights(tau) @ dens
    return NormalPosterior(tau, dens, m, 1.0 / prec)


#: a tau grid is laid again over where its posterior mass lies when that is at most this
#: fraction of its range: the same number of points, so at least twice as dense there.
#: With many cohorts the posterior of tau is narrower than the protocol grid's steps (6 SD /
#: 80: 0.075 for the binomial model, an SD of ~0.02 at k = 400), and the estimate, interval
#: and tau of the fixed grid were 3-4 % off at k = 400 and 0.5 % at k = 100 (the same model
#: on a grid five times as dense as the reference; tests/test_bayes_narrow.py). A
#: posterior whose mass spreads over more than this fraction, as with the few cohorts of
#: the review at hand, keeps the protocol grid and its numbers.
_NARROW_FRACTION = 0.5
#: the binomial model's coarse grid (every 4th tau point, mu 0.25 apart) only decides
#: whether to look: when its mass of tau lies within this fraction of the range
_PROBE_FRACTION = 0.75
#: mu points (a sample of the fine mu grid) on which the full tau grid is evaluated to find
#: where the mass of tau lies
_PROBE_POINTS = 40


def _mass_range(grid: np.ndarray, density: np.ndarray) -> tuple[float, float]:
    """Where all but ~:data:`_TAIL` of the mass of ``density`` on ``grid`` lies (trapezoid
    CDF, interpolated), widened by two grid steps on each side."""
    cdf = np.concatenate([[0.0], np.cumsum(np.diff(grid) * (density[1:] + density[:-1]) / 2)])
    cdf /= cdf[-1]
    step = grid[1] - grid[0]
    lo = float(np.interp(_TAIL, cdf, grid)) - 2 * step
    hi = float(np.interp(1 - _TAIL, cdf, grid)) + 2 * step
    return lo, hi


def _narrowed(tau: np.ndarray, density: np.ndarray, fraction: float) -> np.ndarray:
    """``tau``'s number of points laid over the range where the mass of ``density`` lies
    (:func:`_mass_range`, within ``tau``'s own range) when that range is at most ``fraction``
    of ``tau``'s; ``tau`` itself (the same object) otherwise."""
    lo, hi = _mass_range(tau, density)
    lo, hi = max(lo, float(tau[0])), min(hi, float(tau[-1]))
    if hi - lo > fraction * float(tau[-1] - tau[0]):
        return tau
    return np.linspace(lo, hi, tau.size)


def posterior_grid(
    loglik, tau_sd: float, n_mu: int, n_tau: int, mu_sd: float = MU_PRIOR_SD
) -> BayesPosterior:
    """Evaluate the posterior of ``(mu, tau)`` with ``loglik(mu, tau)`` (flat arrays -> flat
    log-likelihoods), priors ``mu ~ N(0, mu_sd²)`` (10² by default), ``tau ~
    half-normal(tau_sd)``."""
    tau = np.linspace(0.0, 6.0 * tau_sd, n_tau)

    def log_post(mu: np.ndarray, tau: np.ndarray) -> np.ndarray:
        mg, tg = np.meshgrid(mu, tau, indexing="ij")
        ll = loglik(mg.ravel(), tg.ravel()).reshape(mg.shape)
        return ll + stats.norm.logpdf(mg, 0.0, mu_sd) + stats.halfnorm.logpdf(tg, 0, tau_sd)

    coarse = np.linspace(-_COARSE_HALF_WIDTH, _COARSE_HALF_WIDTH, 321)
    tau_coarse = tau[::4]  # every 4th tau point is enough to find where the mass of mu lies
    lp = log_post(coarse, tau_coarse)
    dens = np.exp(lp - lp.max())
    lo, hi = _mass_range(coarse, dens @ _trapezoid_weights(tau_coarse))
    mu = np.linspace(max(lo, -_COARSE_HALF_WIDTH), min(hi, _COARSE_HALF_WIDTH), n_mu)
    # many cohorts: the mass of tau can lie within a few of the grid's steps; where the
    # coarse grid says so, its range is found on the full tau grid over a sample of the mu
    # grid, and the tau grid is laid over that range (_narrowed)
    if _narrowed(tau_coarse, _trapezoid_weights(coarse) @ dens, _PROBE_FRACTION) is not tau_coarse:
        probe = mu[:: max(1, (n_mu - 1) // _PROBE_POINTS)]
        lp = log_post(probe, tau)
        tau = _narrowed(tau, _trapezoid_weights(probe) @ np.exp(lp - lp.max()), _NARROW_FRACTION)
    lp = log_post(mu, tau)
    dens = np.exp(lp - lp.max())
    dens /= _trapezoid_weights(mu) @ dens @ _trapezoid_weights(tau)
    return BayesPosterior(mu, tau, dens)


@dataclass(frozen=True)
class BayesRandomEffects:
    """Bayesian random-effects model (see the module docstring); configure, then fit.

    Parameters
    ----------
    likelihood : {"binomial", "normal"}
        Exact binomial on the logit scale (proportions), or normal (log medians).
    n_mu, n_tau : int
        Grid points for ``mu`` (binomial; over its posterior range) and ``tau`` (over
        ``[0, 6 sd]``).
    nagq : int
        Gauss-Hermite nodes per study (binomial, :func:`binomial_grid_loglik`).
    level : float
        Credible / predictive level.
    tau_sd, mu_sd : float or None
        Prior scales: ``tau ~ half-normal(tau_sd)`` (``None``: :data:`TAU_PRIOR_SD` of the
        likelihood, the protocol's prior), ``mu ~ N(0, mu_sd²)``. Other values are the
        prior-sensitivity rows (PROTOCOL.md Amendment 2).
    """

    likelihood: str = "binomial"
    n_mu: int = 201
    n_tau: int = 81
    nagq: int = 12
    level: float = 0.95
    tau_sd: float | None = None
    mu_sd: float = MU_PRIOR_SD

    def __post_init__(self):
        if self.likelihood not in LIKELIHOODS:
            raise ValueError(f"unknown likelihood {self.likelihood!r}; choose from {LIKELIHOODS}")

    @property
    def model(self) -> str:
        return "bayes_binomial_normal" if self.likelihood == "binomial" else "bayes_normal_normal"

    def posterior(self, a, b) -> BayesPosterior | NormalPosterior:
        """Posterior grid for events ``a`` / sizes ``b`` (binomial) or ``yi`` / ``vi``."""
        tau_sd = TAU_PRIOR_SD[self.likelihood] if self.tau_sd is None else self.tau_sd
        if self.likelihood == "binomial":
            x, m = as_counts(a, b)
            return posterior_grid(
                lambda mu, tau: binomial_grid_loglik(mu, tau, x, m, self.nagq),
                tau_sd,
                self.n_mu,
                self.n_tau,
                self.mu_sd,
            )
        y, v = as_effects(a, b)
        return normal_posterior(y, v, tau_sd, self.n_tau, self.mu_sd)

    def _result(
        self, post: BayesPosterior | NormalPosterior, k, q_stats, vi, transform, n
    ) -> PoolResult:
        alpha = 1 - self.level
        probs = (alpha / 2, 0.5, 1 - alpha / 2)
        lo, med, hi = post.mu_quantiles(probs)
        tau_med = float(post.tau_quantiles([0.5])[0])
        tau2 = tau_med**2
        pi = post.predictive_quantiles((alpha / 2, 1 - alpha / 2))
        i2, h2 = het.i2_h2(tau2, vi)
        return assemble_result(
            self.model,
            k,
            med,
            post.mu_sd(),
            (lo, hi),
            pi,
            tau2,
            i2,
            h2,
            q_stats,
            1.0 / (np.asarray(vi) + tau2),
            transform,
            n,
            min_k_pi=2,
        )

    def fit(self, events, n) -> PoolResult:
        """Pool proportions events / n (``likelihood="binomial"``)."""
        if self.likelihood != "binomial":
            raise ValueError("fit(events, n) needs likelihood='binomial'; use fit_effects")
        x, m = as_counts(events, n)
        post = self.posterior(x, m)
        _, vi = logit_yi_vi(x, m)
        return self._result(post, x.size, lrt_saturated(x, m), vi, "logit", m)

    def fit_effects(self, yi, vi) -> PoolResult:
        """Pool log medians ``yi`` with variances ``vi`` (``likelihood="normal"``)."""
        if self.likelihood != "normal":
            raise ValueError("fit_effects needs likelihood='normal'")
        y, v = as_effects(yi, vi)
        post = self.posterior(y, v)
        return self._result(post, y.size, het.cochran_q(y, v), v, "log", None)

    def fit_medians(self, median, lower, upper, n=None) -> PoolResult:
        """Pool medians with the SEs of :mod:`litmeta.stats.medians` (Amendment 1 NE rule)."""
        yi, vi, fallback = log_median_effects(median, lower, upper, n)
        res = self.fit_effects(yi, vi)
        if fallback:
            from dataclasses import replace

            res = replace(res, notes=("ne_one_half_fallback",))
        return res
