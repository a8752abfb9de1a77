"""Meta-regression on config moderators (results/meta_regression.csv; issue 12 item 3):
against R metafor rma.glmm(measure = "PLO", mods = ...) to 1e-3 (fixtures from
tests/metafor/metareg.R on the k = 24 corpus pools), and the real review's rows."""

from __future__ import annotations

import csv
import functools
import math
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta import metaregression as mr
from litmeta.errors import InputError
from litmeta.plots import bubble
from litmeta.sheet import read_sheet
from litmeta.tables import format_cell, read_rows

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "metafor" / "fixtures"
sys.path.insert(0, str(ROOT / "tests" / "metafor"))


def _rows(name: str) -> list[dict[str, str]]:
    with open(FIXTURES / name, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


INPUTS = _rows("metareg_inputs.csv")
EXPECTED = _rows("metareg.csv")
NUMERIC = {"year": True, "style": False}


@functools.cache  # one fit per pool and moderator, shared by the rows of its terms
def _fit(dataset: str, moderator: str) -> dict[str, dict[str, object]]:
    data = [dict(r, cohort_id=r["cohort"]) for r in INPUTS if r["dataset"] == dataset]
    values = {r["cohort"]: r[moderator] for r in data}
    # style has 3 coefficients (4 levels): 24 cohorts meet 8 per coefficient, not 10
    rows = mr.pool_rows("orr", "initial", moderator, NUMERIC[moderator], data, values, 8)
    return {r["term"]: r for r in rows}


@pytest.mark.parametrize(
    "row", EXPECTED, ids=lambda r: f"{r['dataset']}-{r['moderator']}-{r['term']}"
)
def test_coefficients_match_metafor(row):
    got = _fit(row["dataset"], row["moderator"])[row["term"]]
    assert got["k"] == int(row["k"]) >= 10
    assert got["reason"] == ""
    for field in ("estimate", "se", "tau2", "qm", "qm_p"):
        assert got[field] == pytest.approx(float(row[field]), abs=1e-3), (field, row["r_call"])
    assert got["qm_df"] == int(row["qm_df"])
    assert got["z"] == pytest.approx(got["estimate"] / got["se"])


def test_fixture_inputs_are_the_corpus_pools(tmp_path):
    """The corpus rows R saw are what benchmarks/corpus/ generates today."""
    import metareg_inputs

    got = [
        tuple(str(r[c]) for c in metareg_inputs.COLUMNS)
        for r in metareg_inputs.corpus_rows(tmp_path / "corpus")
    ]
    assert got == [tuple(r[c] for c in metareg_inputs.COLUMNS) for r in INPUTS]


def test_categorical_reference_is_the_first_sorted_level():
    terms, design = mr.design_matrix(["b", "a", "c", "a"], numeric=False)
    assert terms == ["intrcpt", "b", "c"]
    assert design == [[1, 1, 0], [1, 0, 0], [1, 0, 1], [1, 0, 0]]


def test_numeric_moderator_is_centred_at_the_pool_mean():
    terms, design = mr.design_matrix(["2019", "2021", "2026"], numeric=True)
    assert terms == ["intrcpt", "slope"]
    assert [d[1] for d in design] == pytest.approx([-3, -1, 4])


MODERATORS = ("year", "share_g3", "share_pancreas", "followup_months")


def _real(min_k: int, moderators=MODERATORS):
    return mr.rows(
        read_rows(ROOT / "results" / "analysis_table.csv"),
        read_rows(ROOT / "results" / "pooled.csv"),
        read_sheet(ROOT / "config" / "papers.tsv"),
        mr.Settings(tuple(moderators), min_k),
        "config/config.yaml",
        characteristics=read_rows(ROOT / "results" / "characteristics.csv"),
    )


def test_real_review_reports_nothing_below_minimum_k():
    """Every pool of the real review has k <= 4: each endpoint x setting x moderator has one
    row saying why it is empty, and the committed file is exactly that."""
    committed = read_rows(ROOT / "results" / "meta_regression.csv")
    assert committed, "results/meta_regression.csv is empty"
    for r in committed:
        assert r["term"] == r["estimate"] == r["tau2"] == r["qm"] == ""
        assert r["reason"].startswith(("below minimum k", "not a proportion")), r
        if r["reason"].startswith("below minimum k"):
            assert int(r["k"]) < 10
    primary = {
        (p["endpoint"], p["setting"])
        for p in read_rows(ROOT / "results" / "pooled.csv")
        if p["analysis"] == "primary"
    }
    assert {(r["endpoint"], r["setting"]) for r in committed} == primary
    assert {r["moderator"] for r in committed} == set(MODERATORS)
    assert [{k: str(v) for k, v in r.items()} for r in committed] == [
        {c: format_cell(r.get(c)) for c in mr.COLUMNS} for r in _real(10)
    ]


@pytest.mark.e2e
def test_real_review_rows_are_computed_with_a_lower_min_k():
    rows = _real(3)
    fitted = [r for r in rows if r["reason"] == ""]
    orr = [
        r
        for r in fitted
        if (r["endpoint"], r["setting"], r["moderator"]) == ("orr", "initial", "year")
    ]
    assert [r["term"] for r in orr] == ["intrcpt", "year"]
    assert orr[0]["k"] == 4 and orr[0]["centre"] == pytest.approx(2022.75)
    assert all(math.isfinite(r["estimate"]) and r["se"] > 0 for r in fitted)
    reasons = {
        r["moderator"]: r["reason"]
        for r in rows
        if (r["endpoint"], r["setting"]) == ("orr", "initial")
    }
    # the cohort characteristics (results/characteristics.csv): a cohort without the value
    # is a reason, never a dropped cohort; share_pancreas is known for all four
    assert reasons["share_g3"] == "not estimable: no share_g3 for kalantarhormozi2020;zandee2021"
    assert reasons["followup_months"].startswith("not estimable: no followup_months for")
    assert reasons["share_pancreas"] == ""
    with pytest.raises(InputError, match="design"):  # the sheet's design is still a moderator
        _real(3, moderators=("nonsense",))
    # salvage pools have 2 cohorts: still below the lowered minimum
    assert all(
        r["reason"].startswith(("below minimum k", "not a proportion"))
        for r in rows
        if r["setting"] == "salvage"
    )


def test_minimum_k_is_per_moderator_coefficient():
    data = [dict(r, cohort_id=r["cohort"]) for r in INPUTS if r["dataset"] == "corpus_orr_initial"]
    values = {r["cohort"]: r["style"] for r in data}
    (row,) = mr.pool_rows("orr", "initial", "style", False, data, values, 10)
    assert row["reason"] == (
        "below minimum k: 24 cohorts for 3 coefficients of style, "
        "the protocol needs 10 per coefficient (30)"
    )
    fitted = mr.pool_rows("orr", "initial", "style", False, data, values, 8)
    assert [r["term"] for r in fitted][0] == "intrcpt" and len(fitted) == 4
    # a numeric moderator has one coefficient: 10 cohorts suffice
    assert (
        mr.pool_rows(
            "orr", "initial", "year", True, data[:10], {r["cohort"]: r["year"] for r in data}, 10
        )[0]["reason"]
        == ""
    )


def test_missing_moderator_value_is_a_reason_not_a_dropped_cohort():
    data = [dict(r, cohort_id=r["cohort"]) for r in INPUTS if r["dataset"] == "corpus_orr_initial"]
    values = {r["cohort"]: r["year"] for r in data}
    values[data[3]["cohort"]] = ""
    (row,) = mr.pool_rows("orr", "initial", "year", True, data, values, 10)
    assert row["reason"] == f"not estimable: no year for {data[3]['cohort']}"


def test_unknown_moderator_names_the_config_field():
    with pytest.raises(InputError, match=r"meta_regression\.moderators.*'decade'"):
        _real(10, moderators=("decade",))


def test_bubble_plot_says_no_pool_reaches_minimum_k():
    fig = bubble.figure("year", [], 10, 4)
    (text,) = [t.get_text() for t in fig.texts]
    assert "no pool reaches the protocol's minimum of 10 cohorts" in text
    assert "largest pool here has 4" in text


def test_bubble_plot_draws_fitted_pools(tmp_path):
    panels: list[dict] = []
    data = [dict(r, cohort_id=r["cohort"]) for r in INPUTS if r["dataset"] == "corpus_orr_initial"]
    for mod in ("year", "style"):
        mr.pool_rows(
            "orr",
            "initial",
            mod,
            NUMERIC[mod],
            data,
            {r["cohort"]: r[mod] for r in data},
            8,
            panels,
        )
    assert len(panels) == 2
    written = bubble.render("year", panels, 10, 24, tmp_path / "bubble_year")
    assert [p.suffix for p in written] == [".svg", ".png", ".pdf"]
    assert all(p.stat().st_size > 0 for p in written)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.sampled_from(["a", "b", "c", "d"]), min_size=2, max_size=12))
def test_categorical_design_is_one_dummy_per_non_reference_level(values):
    terms, design = mr.design_matrix(values, numeric=False)
    levels = sorted(set(values))
    assert terms == ["intrcpt", *levels[1:]]
    for v, row in zip(values, design, strict=True):
        assert row[0] == 1 and sum(row[1:]) == (0 if v == levels[0] else 1)
        if v != levels[0]:
            assert row[terms.index(v)] == 1


@settings(max_examples=60, deadline=None)
@given(st.lists(st.integers(1990, 2030), min_size=2, max_size=12), st.integers(-50, 50))
def test_numeric_design_does_not_depend_on_the_origin(years, shift):
    _, design = mr.design_matrix([str(y) for y in years], numeric=True)
    _, shifted = mr.design_matrix([str(y + shift) for y in years], numeric=True)
    assert [r[1] for r in design] == pytest.approx([r[1] for r in shifted], abs=1e-9)
    assert sum(r[1] for r in design) == pytest.approx(0, abs=1e-9)


def test_separated_level_is_a_reason_not_a_number():
    """A level whose cohorts all have 0 events has no finite ML coefficient."""
    cohorts = [
        {"cohort_id": str(i), "events": str(e), "n": "20"}
        for i, e in enumerate([0, 0, 0, 0, 0, 5, 6, 7, 3, 4, 8, 2])
    ]
    values = {str(i): "a" if i < 5 else "b" for i in range(12)}
    (row,) = mr.pool_rows("orr", "initial", "x", False, cohorts, values, 10)
    assert row["reason"].startswith("not estimable: no finite ML estimate")
    assert "estimate" not in row


def test_a_cached_fit_gives_the_rows_and_reasons_of_a_fresh_one(tmp_path):
    """pool_rows with a cache store: the first call fits and stores, the second (the
    bubble_plots job after meta_regression, or a rerun) takes the fit from the store, with
    the same rows bit for bit; an error of the fit is stored and gives the same reason."""
    from litmeta.cache import Store

    data = [dict(r, cohort_id=r["cohort"]) for r in INPUTS if r["dataset"] == INPUTS[0]["dataset"]]
    values = {r["cohort"]: r["year"] for r in data}
    separated = [
        {"cohort_id": str(i), "events": str(e), "n": "20"}
        for i, e in enumerate([0, 0, 0, 0, 0, 5, 6, 7, 3, 4, 8, 2])
    ]
    levels = {str(i): "a" if i < 5 else "b" for i in range(12)}
    cases = [(data, values, "year", True, 8), (separated, levels, "x", False, 10)]
    for cohorts, vals, moderator, numeric, min_k in cases:
        fresh = mr.pool_rows("orr", "initial", moderator, numeric, cohorts, vals, min_k)
        first, second = Store("meta_regression", tmp_path), Store("meta_regression", tmp_path)
        for store in (first, second):
            panels: list[dict] = []
            got = mr.pool_rows(
                "orr", "initial", moderator, numeric, cohorts, vals, min_k, panels, store
            )
            assert [{k: format_cell(v) for k, v in r.items()} for r in got] == [
                {k: format_cell(v) for k, v in r.items()} for r in fresh
            ]
            assert len(panels) == (1 if numeric else 0)
        assert (first.misses, first.hits) == (["metareg/moderator"], [])
        assert (second.misses, second.hits) == ([], ["metareg/moderator"])


def test_bubble_plots_of_unchanged_data_are_copied_from_the_cache(tmp_path, monkeypatch):
    """The bubble_plots job draws a moderator's plot once; a rerun on the same tables copies
    the same bytes from the plot cache (issue 28: a 500-paper review redrew 4 plots of 400
    cohorts each time one paper changed)."""
    from litmeta.jobs.metareg import bubble_plots

    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "cache"))
    drawn: list[str] = []
    real_render = bubble.render

    def counted(moderator, *args, **kwargs):
        drawn.append(moderator)
        return real_render(moderator, *args, **kwargs)

    monkeypatch.setattr(bubble, "render", counted)
    moderators = ("year", "share_pancreas")
    kwargs = {
        "table": str(ROOT / "results/analysis_table.csv"),
        "pooled": str(ROOT / "results/pooled.csv"),
        "papers": str(ROOT / "config/papers.tsv"),
        "characteristics": str(ROOT / "results/characteristics.csv"),
        "moderators": moderators,
        "min_k": 10,
        "formats": ("svg",),
    }
    for run in ("first", "second"):
        bubble_plots(**kwargs, out_dir=str(tmp_path / run))
    assert drawn == list(moderators)
    for m in moderators:
        first = (tmp_path / "first" / f"bubble_{m}.svg").read_bytes()
        assert first == (tmp_path / "second" / f"bubble_{m}.svg").read_bytes()
