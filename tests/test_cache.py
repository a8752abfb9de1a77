"""The content-addressed cache (litmeta.cache): an unchanged key gives the same bytes without
recomputing, one changed value recomputes only what draws or computes it, and a damaged,
concurrent or missing cache changes nothing but the time taken."""

from __future__ import annotations

import copy
import csv
import os
import re
import signal
import subprocess
import sys

import pytest
from conftest import ROOT, project_config, run, tool

from litmeta import analyses as an
from litmeta.analyses import write_results
from litmeta.cache import Store
from litmeta.plots import KINDS, render_all
from litmeta.tables import Tables, csv_text, write_csv


def read(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_store_round_trip_and_damaged_entry_is_a_miss(tmp_path):
    store = Store("x", tmp_path)
    assert store.get("ab" * 32) is None
    store.put("ab" * 32, {"a.svg": b"<svg/>", "a.png": b"\x89PNG"})
    assert store.get("ab" * 32) == {"a.svg": b"<svg/>", "a.png": b"\x89PNG"}
    # a second writer of the same key leaves the first complete entry in place
    store.put("ab" * 32, {"a.svg": b"other"})
    assert store.get("ab" * 32)["a.svg"] == b"<svg/>"
    (tmp_path / "x" / "ab" / ("ab" * 32) / "a.png").write_bytes(b"torn")
    assert store.get("ab" * 32) is None
    assert len(store.hits) == 2 and len(store.misses) == 2
    assert not list((tmp_path / "x" / "ab").glob(".*.tmp"))


def test_cache_off_computes_every_time():
    """LITMETA_CACHE_DIR= (as conftest sets it for the other tests): nothing is stored."""
    store = Store("x")
    calls = []
    for _ in range(2):
        store.cached("cd" * 32, lambda: calls.append(1) or {"f": b"1"})
    assert len(calls) == 2 and store.misses == ["cd" * 32] * 2


def text(blocks):
    """The CSV text of what :func:`analyses.run_blocks` returned."""
    pooled, loo, priors = blocks
    return (
        csv_text(an.POOLED_COLUMNS, [an.pooled_row(p) for p in pooled]),
        csv_text(an.WEIGHT_COLUMNS, an.weights(pooled)),
        csv_text(an.LOO_COLUMNS, loo),
        csv_text(an.PRIOR_COLUMNS, priors),
    )


def _changed(rows, endpoint, cohort):
    """The analysis table with one extracted value changed: one more event in one cohort."""
    rows = copy.deepcopy(rows)
    (row,) = [r for r in rows if r["endpoint"] == endpoint and r["cohort_id"] == cohort]
    row["events"] = str(int(row["events"]) + 1)
    return rows


@pytest.fixture(scope="module")
def settings():
    config = project_config()
    return config["analyses"], config["exclusions"]


@pytest.mark.e2e
def test_one_changed_value_recomputes_only_its_endpoint(tmp_path, settings, monkeypatch):
    """Analyses, then plots: with one ORR count changed, only ORR's blocks and plots miss,
    and every output equals the one computed without a cache. The blocks fitted in two
    worker processes (``jobs=2``) give the numbers fitted in this one."""
    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "pool-cache"))
    analyses, exclusions = settings
    rows = read(ROOT / "results" / "analysis_table.csv")
    cohort = next(r["cohort_id"] for r in rows if r["endpoint"] == "orr")
    changed = _changed(rows, "orr", cohort)
    pooled_in = next(r["pooled_in"] for r in changed if r["cohort_id"] == cohort)

    warm = Store("analyses", tmp_path)
    first = an.run_blocks(rows, analyses, exclusions, warm, jobs=2)
    assert warm.hits == [] and len(warm.misses) == 2 * 12
    again = Store("analyses", tmp_path)
    assert text(an.run_blocks(rows, analyses, exclusions, again)) == text(first)
    assert again.misses == [] and len(again.hits) == 2 * 12

    store = Store("analyses", tmp_path)
    result = an.run_blocks(changed, analyses, exclusions, store)
    no_cache = an.run_blocks(changed, analyses, exclusions, jobs=2)
    assert text(result) == text(no_cache)
    assert store.misses == [f"orr/{pooled_in}"]

    # the plots of the tables before and after: only the three ORR plots are drawn again
    out = tmp_path / "tables"
    for name, data in (("before", rows), ("after", changed)):
        d = out / name
        pool_to(d, data, analyses, exclusions)
    plots = Store("plots", tmp_path)
    before = Tables.read_dir(out / "before")
    after = Tables.read_dir(out / "after")
    endpoints = ("orr", "dcr", "os_median")
    render_all(endpoints, before, tmp_path / "p1", formats=("svg",), store=plots)
    assert len(plots.misses) == 3 * len(KINDS)
    plots = Store("plots", tmp_path)
    paths = render_all(endpoints, after, tmp_path / "p2", formats=("svg",), store=plots)
    assert plots.misses == [f"{kind}/orr" for kind in KINDS]
    assert len(plots.hits) == 2 * len(KINDS)
    fresh = render_all(endpoints, after, tmp_path / "p3", formats=("svg",))
    for a, b in zip(paths, fresh, strict=True):
        assert a.name == b.name and a.read_bytes() == b.read_bytes(), a.name


def pool_to(out, rows, analyses, exclusions):
    out.mkdir(parents=True)
    table = out / "analysis_table.csv"
    write_csv(table, list(rows[0]), rows)
    write_results(
        str(table),
        analyses,
        exclusions,
        [],
        str(out / "pooled.csv"),
        str(out / "subgroup_tests.csv"),
        str(out / "leave_one_out.csv"),
        str(out / "weights.csv"),
    )


KILLED = """
import sys, time
from litmeta.cache import Store
store = Store("x", __import__("pathlib").Path(sys.argv[1]))
def slow():
    print("computing", flush=True)
    time.sleep(60)
    return {"f": b"never"}
store.cached("ef" * 32, slow)
"""


def test_killed_run_leaves_no_entry(tmp_path):
    proc = subprocess.Popen(
        [sys.executable, "-c", KILLED, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    assert proc.stdout.readline().strip() == "computing"
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    assert Store("x", tmp_path).get("ef" * 32) is None


@pytest.mark.e2e
def test_snakemake_forceall_with_the_cache_redraws_nothing(project, tmp_path, monkeypatch):
    """Snakemake reruns every job (--forceall); with the cache of the first run, the second
    draws no plot and fits no analysis, every committed output stays byte-identical, and
    Snakemake is satisfied afterwards (nothing to do)."""
    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "cache"))
    snakemake = [tool("snakemake"), "--cores", "2", "--forceall"]
    for _ in range(2):
        proc = run(snakemake, cwd=project)
        assert proc.returncode == 0, proc.stderr[-3000:]
    log = (project / "logs/plots.log").read_text(encoding="utf-8")
    assert f"plots: {12 * len(KINDS)} from the cache, 0 drawn" in log
    log = (project / "logs/pool.log").read_text(encoding="utf-8")
    assert re.search(r"analyses: (\d+) of \1 \(endpoint x setting blocks", log), log
    for rel in run(["git", "ls-files", "extracted", "results"], check=True).stdout.split():
        assert (project / rel).read_bytes() == (ROOT / rel).read_bytes(), rel
    proc = run([tool("snakemake"), "--cores", "2", "-n"], cwd=project)
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_code_version_covers_the_page_templates():
    """Editing a template of the evidence page must miss the cache, as editing its Python
    does: the templates and the libraries that render them are part of the code version."""
    from litmeta import cache

    templates = sorted((ROOT / "src/litmeta/report/templates").glob("*.j2"))
    assert templates
    hashed = {p.resolve() for p in cache.code_files()}
    assert {p.resolve() for p in templates} <= hashed
    assert {"jinja2", "markupsafe"} <= set(cache.LIBRARIES)


def test_a_kept_value_and_a_kept_error_come_back_as_computed(tmp_path):
    """Store.value: computed once, then read back (the same value); an exception of a type
    it is told to catch is kept and raised again, another is not kept."""
    calls = []

    def compute(x):
        calls.append(x)
        if x < 0:
            raise ValueError(f"negative {x}")
        if x == 0:
            raise KeyError("zero")
        return {"x": x / 3, "t": (x, "a")}

    for _ in range(2):
        store = Store("values", tmp_path)
        assert store.value("v", [7], lambda: compute(7), (ValueError,)) == compute(7)
        with pytest.raises(ValueError, match="negative -1"):
            store.value("v", [-1], lambda: compute(-1), (ValueError,))
        with pytest.raises(KeyError):
            store.value("v", [0], lambda: compute(0), (ValueError,))
    assert calls.count(7) == 3 and calls.count(-1) == 1 and calls.count(0) == 2


def test_small_study_tests_are_kept_by_their_numbers(tmp_path):
    """The small-study tests of a pool come from the cache when its numbers are unchanged,
    the same rows as computed without one (min_k lowered so that the real review's pools
    are tested)."""
    from litmeta.certainty.tables import SMALL_STUDY_COLUMNS, small_study_rows

    tables = Tables.read_dir(ROOT / "results")
    fresh = csv_text(SMALL_STUDY_COLUMNS, small_study_rows(tables, 3))
    assert ",true," in fresh  # some pools were tested
    stores = [Store("small_study", tmp_path) for _ in range(2)]
    for store in stores:
        assert csv_text(SMALL_STUDY_COLUMNS, small_study_rows(tables, 3, store)) == fresh
    first, second = stores
    assert first.misses and not second.misses  # (pools with the same numbers share a test)
    assert len(second.hits) == len(first.hits) + len(first.misses)
