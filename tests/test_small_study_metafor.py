"""Egger and Peters tests against R metafor regtest(model = "lm") to 1e-4 (fixtures from
tests/metafor/small_study.R), on pools of the synthetic corpus (k = 24) and a k = 10 pool."""

from __future__ import annotations

import csv
import sys
from pathlib import Path

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.certainty.small_study import NoSpread, proportion_effects, regtest

FIXTURES = Path(__file__).parent / "metafor" / "fixtures"
sys.path.insert(0, str(Path(__file__).parent / "metafor"))


def _rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


INPUTS = _rows("small_study_inputs.csv") + _rows("small_study_sim_inputs.csv")
EXPECTED = _rows("small_study.csv")
PREDICTOR = {"egger": "sei", "peters": "ninv"}


@pytest.mark.parametrize("row", EXPECTED, ids=lambda r: f"{r['dataset']}-{r['test']}")
def test_regtest_matches_metafor(row):
    data = [r for r in INPUTS if r["dataset"] == row["dataset"]]
    events = np.array([float(r["events"]) for r in data])
    n = np.array([float(r["n"]) for r in data])
    assert len(data) == int(row["k"]) >= 10
    yi, vi = proportion_effects(events, n)
    got = regtest(yi, vi, n, PREDICTOR[row["test"]])
    assert got.df == int(row["df"])
    for field in ("slope", "slope_se", "t", "p", "limit", "limit_ci_low", "limit_ci_high"):
        assert getattr(got, field) == pytest.approx(float(row[field]), abs=1e-4), (
            field,
            row["r_call"],
        )


def test_fixture_inputs_are_the_corpus_pools(tmp_path):
    """The corpus rows R saw are what benchmarks/corpus/ generates today."""
    import small_study_inputs

    rows = small_study_inputs.corpus_rows(tmp_path / "corpus")
    got = [(r["dataset"], r["cohort"], str(r["events"]), str(r["n"])) for r in rows]
    want = [
        (r["dataset"], r["cohort"], r["events"], r["n"]) for r in _rows("small_study_inputs.csv")
    ]
    assert got == want


def test_regtest_needs_three_studies_and_n_for_peters():
    with pytest.raises(ValueError, match="at least 3"):
        regtest([0.1, 0.2], [0.1, 0.1])
    with pytest.raises(ValueError, match="sample sizes"):
        regtest([0.1, 0.2, 0.3], [0.1, 0.1, 0.2], predictor="ninv")


@settings(max_examples=60, deadline=None)
@given(
    data=st.lists(st.tuples(st.integers(1, 60), st.integers(0, 60)), min_size=10, max_size=30).map(
        lambda xs: [(n + x, x) for n, x in xs]
    ),
    shift=st.floats(-3, 3),
)
def test_shifting_every_effect_moves_only_the_limit_estimate(data, shift):
    """Adding c to every yi adds c to the intercept and leaves the asymmetry test alone."""
    n = np.array([float(a) for a, _ in data])
    events = np.array([float(b) for _, b in data])
    yi, vi = proportion_effects(events, n)
    for predictor in ("sei", "ninv"):
        try:
            a = regtest(yi, vi, n, predictor)
        except NoSpread:
            continue
        b = regtest(yi + shift, vi, n, predictor)
        if not np.isfinite(a.t):
            continue
        assert b.limit == pytest.approx(a.limit + shift, abs=1e-8)
        assert b.slope == pytest.approx(a.slope, abs=1e-8)
        assert b.p == pytest.approx(a.p, abs=1e-8)


def test_a_predictor_without_spread_is_named():
    yi, vi = proportion_effects([5] * 10, [20] * 10)
    with pytest.raises(NoSpread, match="same standard error"):
        regtest(yi, vi, None, "sei")
    with pytest.raises(NoSpread, match="same size"):
        regtest(yi, vi, [20] * 10, "ninv")
