"""End to end: the real Snakemake DAG on the real papers, in a scratch copy of the project."""

import hashlib
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run, tool

pytestmark = pytest.mark.e2e
GENERATED = ("extracted", "results")
NOT_COMMITTED = {"results/report.html"}


def tracked_outputs(base: Path) -> dict[str, Path]:
    listed = run(["git", "ls-files", *GENERATED], cwd=ROOT, check=True).stdout.split()
    return {rel: base / rel for rel in listed}


@pytest.fixture(scope="module")
def regenerated(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("e2e") / "project")
    for folder in GENERATED:
        shutil.rmtree(project / folder, ignore_errors=True)
    proc = run([tool("snakemake"), "--cores", "2"], cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return project


PLOT_SUFFIXES = (".svg", ".png", ".pdf")


def test_regeneration_is_byte_identical(regenerated):
    """Every output, plots included, byte for byte: the promise inside the locked
    environment, which CI installs (tests/test_lock.py checks that it is)."""
    committed = tracked_outputs(ROOT)
    produced = {
        str(p.relative_to(regenerated))
        for folder in GENERATED
        for p in (regenerated / folder).rglob("*")
        if p.is_file()
    } - NOT_COMMITTED
    assert produced == set(committed), (
        f"not committed: {sorted(produced - set(committed))}; "
        f"committed but not produced: {sorted(set(committed) - produced)}"
    )
    differ = [
        rel
        for rel, path in committed.items()
        if (regenerated / rel).read_bytes() != path.read_bytes()
    ]
    assert not differ, f"regenerated files differ from the committed ones: {differ}"


def test_tables_do_not_depend_on_the_plotting_libraries(tmp_path):
    """The promise outside the locked environment: a newer matplotlib, fontTools or Pillow
    may change plot bytes, never a number. Every committed output that is not a plot is
    regenerated with those libraries made unimportable (tests/no_plotting/sitecustomize.py)
    in every job, byte for byte."""
    import os

    project = copy_project(tmp_path / "project")
    for folder in GENERATED:
        shutil.rmtree(project / folder)
    tables = sorted(rel for rel in tracked_outputs(ROOT) if not rel.endswith(PLOT_SUFFIXES))
    assert len(tables) > 40 and "results/pooled.csv" in tables
    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests" / "no_plotting")}
    proc = subprocess.run(
        [tool("snakemake"), "--cores", "2", *tables],
        cwd=project,
        env=env,
        capture_output=True,
        text=True,
    )
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    assert not list((project / "results").rglob("*.svg")), "a plot was drawn"
    differ = [rel for rel in tables if (project / rel).read_bytes() != (ROOT / rel).read_bytes()]
    assert not differ, f"made without the plotting libraries, these differ: {differ}"


def test_the_blocker_blocks(tmp_path):
    """tests/no_plotting really makes matplotlib unimportable (else the test above proves
    nothing)."""
    import os

    env = {**os.environ, "PYTHONPATH": str(ROOT / "tests" / "no_plotting")}
    code = "import litmeta.plots.style"
    proc = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert proc.returncode != 0 and "blocked" in proc.stderr


def test_second_run_has_nothing_to_do(regenerated):
    proc = run([tool("snakemake"), "-n", "--cores", "2"], cwd=regenerated)
    assert proc.returncode == 0
    assert "Nothing to be done" in proc.stdout + proc.stderr


def test_editing_one_paper_reruns_only_its_jobs(regenerated, tmp_path):
    project = copy_project(tmp_path / "edit")
    for folder in GENERATED:  # start from the up-to-date outputs of the full run
        shutil.rmtree(project / folder)
        shutil.copytree(regenerated / folder, project / folder)
    paper = project / "papers/000_d189e26277214b44.txt"
    old_sha = hashlib.sha256(paper.read_bytes()).hexdigest()
    paper.write_text(
        paper.read_text().replace(
            "Setting: Tertiary care hospital.", "Setting: Tertiary-care hospital."
        )
    )
    new_sha = hashlib.sha256(paper.read_bytes()).hexdigest()
    sheet = project / "config/papers.tsv"
    sheet.write_text(sheet.read_text().replace(old_sha, new_sha))
    proc = run([tool("snakemake"), "-n", "--cores", "2"], cwd=project)
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout + proc.stderr
    papers = set(re.findall(r"paper_id=(\w+)", out))
    assert papers == {"zandee2021"}, papers
    rules = set(re.findall(r"^(?:local)?rule (\w+):", out, flags=re.MULTILINE))
    assert {"ingest", "extract", "candidates", "combine"} <= rules, rules


def test_snakemake_report_builds(regenerated, tmp_path):
    """`snakemake --report` works: every plot and table wrapped in report() has its caption."""
    report = tmp_path / "report.html"
    proc = run([tool("snakemake"), "--report", str(report)], cwd=regenerated)
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-2000:]
    assert report.stat().st_size > 100_000
    text = report.read_text(errors="replace")
    assert "forest_orr.png" in text and "summary_of_findings" in text
