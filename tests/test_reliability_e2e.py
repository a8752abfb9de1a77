"""Issue 25's unbounded cases that end in a completed run, through the real Snakemake
without --forceall, as a user would run them (the cases that stop or remove files are rows
of the error catalogue, tests/test_errors.py): a spec of many cohorts (the risk-of-bias
traffic light pages instead of growing into one huge plot) and a paper with a token of
thousands of characters (the reader's self-check, the PDF check, finishes)."""

import csv
import re
from pathlib import Path

import pytest
from conftest import copy_project, run, tool
from error_scenarios import IQBAL, NEW_SPEC, _edit, _resign, add_new_paper

from litmeta.plots.risk_of_bias import PAGE_COHORTS

pytestmark = pytest.mark.e2e
EXTRA_COHORTS = PAGE_COHORTS + 4  # with newstyle2025 itself: two pages
TOKEN = 9000
# the PDF check runs on the first paper by id (iqbal2024)
ARGS = ["--cores", "2", "--config", "pdf_check_papers=1"]


def _many_cohorts() -> str:
    extra = "".join(
        f"  - id: newstyle2025_arm{i:03d}\n    setting: initial\n    pooled_in: none\n"
        "    reason_code: other\n    reason: one of many arms (a test of plot size)\n"
        for i in range(EXTRA_COHORTS)
    )
    return NEW_SPEC.replace("values:\n", extra + "values:\n", 1)


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("reliability") / "project")
    add_new_paper(project, spec=_many_cohorts())
    paper = project / IQBAL
    paper.write_text(
        paper.read_text(encoding="utf-8") + f"A token {'x' * TOKEN} ends here.\n", "utf-8"
    )
    _resign(project, IQBAL)
    # SVG only keeps the run cheap (the PNG and PDF plots are removed as stale after it)
    _edit(project, "config/config.yaml", "plot_formats: [svg, png, pdf]", "plot_formats: [svg]")
    proc = run([tool("snakemake"), *ARGS], cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    return project


def test_a_spec_of_many_cohorts_pages_the_risk_of_bias_plot(project):
    with open(project / "results/risk_of_bias.csv", newline="", encoding="utf-8") as fh:
        cohorts = {r["cohort_id"] for r in csv.DictReader(fh)}
    assert len(cohorts) == 10 + 1 + EXTRA_COHORTS  # the review's ten, newstyle2025 and its arms
    plots = project / "results/plots"
    pages = sorted(plots.glob("risk_of_bias_traffic_light*.svg"))
    assert [p.name for p in pages] == [
        "risk_of_bias_traffic_light.svg",
        "risk_of_bias_traffic_light_page2.svg",
    ]
    shown = [set(re.findall(r"newstyle2025_arm\d{3}", p.read_text("utf-8"))) for p in pages]
    assert not shown[0] & shown[1] and len(shown[0] | shown[1]) == EXTRA_COHORTS
    assert "page 2 of 2" in pages[1].read_text("utf-8")
    assert all(p.stat().st_size < 1_000_000 for p in pages)  # a page, not the whole review


def test_a_token_of_thousands_of_characters_passes_the_self_check(project):
    with open(project / "extracted/pdf_check/iqbal2024.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 4 and all(int(r["sentences"]) > 0 for r in rows)
    readme = (project / "extracted/README.md").read_text(encoding="utf-8")
    assert "Not measured in this run" not in readme


def test_a_second_run_has_nothing_to_do(project):
    """The pages beside the declared plot are neither removed as stale nor a rerun trigger."""
    proc = run([tool("snakemake"), "-n", *ARGS], cwd=project)
    assert "Nothing to be done" in proc.stdout + proc.stderr, proc.stdout[-3000:]
    assert (project / "results/plots/risk_of_bias_traffic_light_page2.svg").is_file()
