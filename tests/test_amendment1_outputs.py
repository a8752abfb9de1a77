"""Amendment 1 downstream of extraction: 0/NE lower CI bounds carried through harmonise and
pooling without a traceback, "reported, not extractable" in coverage.csv, and
sens_exclude_abstract_only (issue 18 items 2-3)."""

import math

import pytest
from conftest import ROOT

from litmeta.analyses import run_analyses, write_results
from litmeta.extract.combine import coverage_rows
from litmeta.harmonise import build_analysis_table
from litmeta.protocol import HALF_CI_NE, HALF_CI_ZERO, reason_text
from litmeta.sheet import read_sheet
from litmeta.tables import read_rows


def _median_rows(cohort: str, median: str, lo: str, hi: str) -> list[dict[str, str]]:
    base = {"cohort_id": cohort, "endpoint": "pfs_median", "alternative": "", "derived_from": ""}
    return [
        {
            **base,
            "statistic": "median",
            "value": median,
            "value_text": median,
            "status": "reported",
        },
        {
            **base,
            "statistic": "ci_low",
            "value": lo,
            "value_text": lo or "NE",
            "status": "reported",
        },
        {
            **base,
            "statistic": "ci_high",
            "value": hi,
            "value_text": hi or "NE",
            "status": "reported",
        },
        {**base, "statistic": "n", "value": "40", "value_text": "", "status": "derived"},
    ]


def _cohort(cid: str) -> dict[str, str]:
    return {
        "cohort_id": cid,
        "paper_id": cid,
        "setting": "initial",
        "pooled_in": "initial",
        "reason": "",
    }


def test_zero_and_ne_lower_bounds_are_carried_and_never_crash_pooling():
    outcomes = (
        _median_rows("a2020", "14", "0", "16")  # CI 0-16
        + _median_rows("b2021", "20", "", "30")  # CI NE-30
        + _median_rows("c2022", "12", "9", "15")
        + _median_rows("d2023", "18", "12", "25")
        + _median_rows("e2024", "16", "", "")  # no CI
    )
    cohorts = [_cohort(c) for c in ("a2020", "b2021", "c2022", "d2023", "e2024")]
    rows = {r["cohort_id"]: r for r in build_analysis_table(outcomes, cohorts)}
    assert rows["a2020"]["ci_low"] == 0 and rows["a2020"]["ci_high"] == 16
    assert rows["a2020"]["reason_code"] == HALF_CI_ZERO
    assert rows["b2021"]["reason_code"] == HALF_CI_NE
    assert rows["a2020"]["reason"] == reason_text(HALF_CI_ZERO)
    assert not rows["a2020"]["included"] and rows["c2022"]["included"]
    as_text = [
        {k: ("true" if v is True else "false" if v is False else "" if v is None else str(v))
         for k, v in r.items()}
        for r in rows.values()
    ]  # fmt: skip
    analyses = ["primary", "median_of_medians", "sens_impute_se", "sens_dl"]
    pooled = run_analyses(as_text, analyses, {})
    for p in pooled:
        assert {s.cohort_id for s in p.studies} <= {"c2022", "d2023", "e2024"}
        assert p.result is None or math.isfinite(p.result.estimate)


def test_not_extractable_is_shown_as_such_in_coverage():
    cohorts = [_cohort("a2020")]
    outcomes = _median_rows("a2020", "14", "9", "16")
    disc = [
        {"cohort_id": "a2020", "endpoint": "orr", "kind": "not_extractable", "values": "bound_only"}
    ]
    cov = {r["endpoint"]: r for r in coverage_rows(outcomes, cohorts, disc)}
    assert (cov["orr"]["coverage"], cov["orr"]["value"]) == (
        "reported, not extractable",
        "bound_only",
    )
    assert cov["dcr"]["coverage"] == "not reported"
    assert cov["pfs_median"]["coverage"] == "reported"


@pytest.mark.e2e
def test_sens_exclude_abstract_only_leaves_out_the_abstract_papers(tmp_path):
    table = ROOT / "results/analysis_table.csv"
    out = {k: str(tmp_path / f"{k}.csv") for k in ("pooled", "sub", "loo", "w")}
    analyses = ["primary", "sens_exclude_abstract_only"]
    write_results(str(table), analyses, {}, ["iqbal2024"], *out.values())
    pooled = read_rows(out["pooled"])
    sens = [r for r in pooled if r["analysis"] == "sens_exclude_abstract_only"]
    primary = {(r["endpoint"], r["setting"]): r for r in pooled if r["analysis"] == "primary"}
    assert sens, "iqbal2024 is pooled in the initial setting, so the analysis must differ"
    for r in sens:
        assert r["setting"] == "initial"
        assert int(r["k"]) == int(primary[(r["endpoint"], "initial")]["k"]) - 1
    # no abstract-only paper: nothing to report beyond the primary analysis
    write_results(str(table), analyses, {}, [], *out.values())
    assert not [r for r in read_rows(out["pooled"]) if r["analysis"] != "primary"]


def test_committed_sheet_marks_every_source():
    rows = read_sheet(ROOT / "config/papers.tsv")
    assert {r["source"] for r in rows} == {"full_text"}
