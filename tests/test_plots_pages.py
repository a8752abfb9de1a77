"""Forest and leave-one-out plots of many cohorts split into pages (config
forest_page_cohorts): every cohort (refit) on exactly one page, each setting's pooled estimate
on every page, the first page keeping the file name of an unsplit plot, and pages of an
earlier, larger run removed."""

from __future__ import annotations

import re

from conftest import ROOT

from litmeta.plots import (
    KINDS,
    PAGED_KINDS,
    _module,
    remove_stale_pages,
    render_all,
    render_endpoint,
)
from litmeta.tables import Tables

ENDPOINT = "orr"  # 6 cohorts in the initial setting, 4 in salvage (results/analysis_table.csv)


def _cohorts(svg: str, ids: set[str]) -> set[str]:
    return {c for c in ids if re.search(rf'id="study-{re.escape(c)}\.', svg)}


def test_forest_split_into_pages(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    ids = {r["cohort_id"] for r in tables.analysis if r["endpoint"] == ENDPOINT}
    included = {
        r["cohort_id"]
        for r in tables.analysis
        if r["endpoint"] == ENDPOINT and r["included"] == "true"
    }
    most = max(len(tables.cohorts(ENDPOINT, s)) for s in ("initial", "salvage"))
    paths = render_endpoint(ENDPOINT, tables, tmp_path, ("forest",), ("svg",), page_cohorts=2)
    pages = -(-most // 2)
    assert [p.name for p in paths] == [f"forest_{ENDPOINT}.svg"] + [
        f"forest_{ENDPOINT}_page{n}.svg" for n in range(2, pages + 1)
    ]
    seen: list[str] = []
    for n, path in enumerate(paths, start=1):
        svg = path.read_text(encoding="utf-8")
        assert f"(page {n} of {pages})" in svg
        seen += sorted(_cohorts(svg, included))
        # the pooled diamond of each setting whose cohorts are not all on earlier pages
        assert 'id="pooled-initial.' in svg
    assert sorted(seen) == sorted(included)  # each pooled cohort on exactly one page
    assert ids >= included


def test_default_page_size_leaves_the_real_plots_unsplit(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    (path,) = render_endpoint(ENDPOINT, tables, tmp_path, ("forest",), ("svg",))
    assert path.read_bytes() == (ROOT / "results/plots" / path.name).read_bytes()


def test_stale_pages_removed(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    many = render_all(
        [ENDPOINT], tables, tmp_path, kinds=("forest",), formats=("svg",), page_cohorts=2
    )
    assert len(many) > 2
    few = render_all(
        [ENDPOINT], tables, tmp_path, kinds=("forest",), formats=("svg",), page_cohorts=3
    )
    remove_stale_pages(tmp_path, few)
    assert sorted(tmp_path.iterdir()) == sorted(few)


def test_leave_one_out_split_into_pages(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    omitted = sorted(r["omitted_cohort"] for r in tables.loo_rows(ENDPOINT, "initial"))
    assert len(omitted) == 4  # 3 + 1 on two pages
    paths = render_endpoint(ENDPOINT, tables, tmp_path, ("loo",), ("svg",), page_cohorts=3)
    assert [p.name for p in paths] == [f"loo_{ENDPOINT}.svg", f"loo_{ENDPOINT}_page2.svg"]
    seen: list[list[str]] = []
    for n, path in enumerate(paths, start=1):
        svg = path.read_text(encoding="utf-8")
        assert f"(page {n} of 2)" in svg
        assert 'id="primary-initial.' in svg  # the estimate from all cohorts on every page
        seen.append([c for c in omitted if f'id="omit-{c}-initial.' in svg])
    assert seen == [omitted[:3], omitted[3:]]


def test_default_page_size_leaves_the_real_leave_one_out_plots_unsplit(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    (path,) = render_endpoint(ENDPOINT, tables, tmp_path, ("loo",), ("svg",))
    assert path.read_bytes() == (ROOT / "results/plots" / path.name).read_bytes()


def test_paged_kinds_are_the_plots_that_have_pages():
    assert tuple(k for k in KINDS if hasattr(_module(k), "pages")) == PAGED_KINDS


def test_stale_leave_one_out_pages_removed_by_default(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    many = render_all(
        [ENDPOINT], tables, tmp_path, kinds=("loo",), formats=("svg",), page_cohorts=3
    )
    assert len(many) == 2
    few = render_all([ENDPOINT], tables, tmp_path, kinds=("loo",), formats=("svg",))
    remove_stale_pages(tmp_path, few)
    assert sorted(tmp_path.iterdir()) == sorted(few) == [tmp_path / f"loo_{ENDPOINT}.svg"]
