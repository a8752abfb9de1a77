"""The grid likelihood of sens_bayes is computed in chunks of grid points (memory): every
chunk size gives the same numbers, bit for bit."""

from __future__ import annotations

import numpy as np
import pytest

from litmeta.stats import bayes


@pytest.mark.parametrize("k", [1, 3, 40])
def test_chunk_size_does_not_change_the_numbers(k, monkeypatch):
    rng = np.random.default_rng(k)
    n = rng.integers(5, 200, k)
    x = rng.binomial(n, 0.3)
    x[0] = 0
    mu = rng.normal(-1, 1, 3000)
    tau = np.abs(rng.normal(0, 1, 3000))
    tau[:7] = 0
    monkeypatch.setattr(bayes, "CHUNK_ELEMENTS", 10**12)
    whole = bayes.binomial_grid_loglik(mu, tau, x, n)
    for size in (1, 12 * k * 5 + 1, 2_000_000):
        monkeypatch.setattr(bayes, "CHUNK_ELEMENTS", size)
        assert np.array_equal(bayes.binomial_grid_loglik(mu, tau, x, n), whole), size
