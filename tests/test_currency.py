"""Content, not modification times, decides what is current (issue 13).

Each test starts from an up-to-date copy of the project (digest files written, Snakemake's
metadata removed so that only the package's own mechanism can notice a change), changes one
input the way a user might, with a modification time older than every output, and runs the
real DAG without --forceall.
"""

import csv
import hashlib
import os
import re
import shutil
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run, tool
from error_scenarios import _resign

from litmeta.review_inputs import DIGEST_DIR, digest_file

pytestmark = pytest.mark.e2e
OLD = 946684800  # 2000-01-01: older than any output
ZANDEE = "papers/000_d189e26277214b44.txt"


@pytest.fixture(scope="module")
def baseline(tmp_path_factory) -> Path:
    project = copy_project(tmp_path_factory.mktemp("currency") / "project")
    proc = run([tool("snakemake"), "--cores", "2"], cwd=project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    assert (project / DIGEST_DIR / "ingest/zandee2021.txt").is_file()
    return project


@pytest.fixture
def project(baseline, tmp_path) -> Path:
    dest = tmp_path / "project"
    shutil.copytree(baseline, dest, symlinks=True)  # copy2: modification times kept
    shutil.rmtree(dest / ".snakemake")  # no metadata: the digests alone must notice
    return dest


def age(*paths: Path) -> None:
    for path in paths:
        os.utime(path, (OLD, OLD))


def planned(project: Path, *args: str) -> tuple[set[str], set[str]]:
    """(rules, paper ids) a dry run (with the Snakemake options ``args``) would execute."""
    proc = run([tool("snakemake"), "-n", "--cores", "2", *args], cwd=project)
    assert proc.returncode == 0, proc.stderr[-3000:]
    out = proc.stdout + proc.stderr
    rules = set(re.findall(r"^(?:local)?rule (\w+):", out, flags=re.MULTILINE))
    return rules, set(re.findall(r"paper_id=(\w+)", out))


def build(project: Path, *args: str) -> None:
    proc = run([tool("snakemake"), "--cores", "2", *args], cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    again = run([tool("snakemake"), "-n", "--cores", "2", *args], cwd=project)
    assert "Nothing to be done" in again.stdout + again.stderr


def rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_nothing_changed_nothing_to_do(project):
    assert planned(project) == (set(), set())


def test_sheet_points_at_a_new_file_older_than_the_outputs(project):
    """The row of zandee2021 now names another file (one line longer at the top): its
    values must be re-read and cite the new file's lines."""
    new = project / "papers/000_new.txt"
    new.write_text("A line added above the title.\n" + (project / ZANDEE).read_text("utf-8"))
    sheet = project / "config/papers.tsv"
    old_sha = hashlib.sha256((project / ZANDEE).read_bytes()).hexdigest()
    new_sha = hashlib.sha256(new.read_bytes()).hexdigest()
    sheet.write_text(
        sheet.read_text("utf-8").replace(
            f"000_d189e26277214b44.txt\t{old_sha}", f"000_new.txt\t{new_sha}"
        )
    )
    age(new, project / "config/papers.tsv")
    rules, papers = planned(project)
    assert papers == {"zandee2021"} and {"ingest", "extract", "combine"} <= rules
    build(project)
    before = rows(ROOT / "extracted/zandee2021.csv")
    after = rows(project / "extracted/zandee2021.csv")
    assert len(after) == len(before)
    for old, row in zip(before, after, strict=True):
        assert row["source_file"] == "papers/000_new.txt"
        assert row["value"] == old["value"]
        if old["line"]:
            assert int(row["line"]) == int(old["line"]) + 1
    cited = [r for r in rows(project / "extracted/outcomes.csv") if r["paper_id"] == "zandee2021"]
    assert {r["source_file"] for r in cited} == {"papers/000_new.txt"}


def test_paper_replaced_in_place_by_an_older_file(project):
    paper = project / ZANDEE
    paper.write_text("A line added above the title.\n" + paper.read_text("utf-8"))
    _resign(project, ZANDEE)
    age(paper, project / "config/papers.tsv")
    build(project)
    before = rows(ROOT / "extracted/zandee2021.csv")
    after = rows(project / "extracted/zandee2021.csv")
    assert [int(r["line"]) for r in after if r["line"]] == [
        int(r["line"]) + 1 for r in before if r["line"]
    ]


def test_spec_edited_with_an_older_time(project):
    spec = project / "config/extraction/zandee2021.yaml"
    text = spec.read_text("utf-8")
    spec.write_text(
        text.replace("    description: first", "    label: relabelled\n    description: first", 1)
    )
    age(spec)
    rules, papers = planned(project)
    assert papers == {"zandee2021"} and "extract" in rules and "ingest" not in rules
    build(project)
    assert rows(project / "extracted/cohorts/zandee2021.csv")[0]["label"] == "relabelled"


def test_config_exclusions_changed_with_an_older_time(project):
    config = project / "config/config.yaml"
    config.write_text(
        config.read_text("utf-8").replace(
            "sens_exclude_preprint: [kalantarhormozi2020]", "sens_exclude_preprint: [iqbal2024]"
        )
    )
    age(config)
    rules, papers = planned(project)
    assert papers == set() and "pool" in rules and "extract" not in rules
    build(project)
    pooled = [
        r for r in rows(project / "results/pooled.csv") if r["analysis"] == "sens_exclude_preprint"
    ]
    assert pooled and all("iqbal2024" not in r["cohorts"] for r in pooled)
    assert any("kalantarhormozi2020" in r["cohorts"] for r in pooled)


def test_a_grade_threshold_changed_reruns_only_the_jobs_that_read_it(project):
    """Each rule's config values have their own digest (workflow/rules/common.smk): a GRADE
    threshold reruns the certainty rating and the pages that show it, not the pooling, the
    plots or the small-study tests (which read another threshold)."""
    config = project / "config/config.yaml"
    text = config.read_text("utf-8")
    config.write_text(text.replace("  few_cohorts_k: 5", "  few_cohorts_k: 4"), "utf-8")
    age(config)
    rules, papers = planned(project)
    assert papers == set()
    assert rules == {"certainty", "summary_of_findings", "evidence_page", "all"}


def test_configfile_listing_only_primary_runs_only_the_primary_analysis(project):
    """Issue 14: config values reach the jobs as params, so a --configfile override of
    `analyses` is what `pool` runs; the config digests rerun exactly the jobs that read the
    changed value (pool, then what reads its tables), no extraction."""
    (project / "only_primary.yaml").write_text("analyses: [primary]\n", encoding="utf-8")
    override = ("--configfile", "only_primary.yaml")
    rules, papers = planned(project, *override)
    assert papers == set() and "pool" in rules
    assert not rules & {"ingest", "extract", "combine", "harmonise", "risk_of_bias"}
    build(project, *override)
    pooled = rows(project / "results/pooled.csv")
    assert pooled and {r["analysis"] for r in pooled} == {"primary"}
    committed = rows(ROOT / "results/pooled.csv")
    assert pooled == [r for r in committed if r["analysis"] == "primary"]
    assert rows(project / "results/leave_one_out.csv") == []
    # without the override the project's analyses come back
    rules, _ = planned(project)
    assert "pool" in rules


def test_paper_removed_from_the_sheet_with_an_older_time(project):
    sheet = project / "config/papers.tsv"
    lines = sheet.read_text("utf-8").split("\n")
    sheet.write_text("\n".join(line for line in lines if not line.startswith("vanderzwan2019\t")))
    age(sheet)
    build(project)
    papers = {r["paper_id"] for r in rows(project / "extracted/outcomes.csv")}
    assert papers == {"zandee2021", "kalantarhormozi2020", "iqbal2024", "lazarenko2026"}
    assert all("vanderzwan" not in r["cohorts"] for r in rows(project / "results/pooled.csv"))


def same_as_committed(project: Path) -> list[str]:
    listed = run(["git", "ls-files", "extracted", "results"], cwd=ROOT, check=True).stdout.split()
    return [rel for rel in listed if (project / rel).read_bytes() != (ROOT / rel).read_bytes()]


def test_utf8_bom_in_the_sheet_is_dropped(project):
    sheet = project / "config/papers.tsv"
    sheet.write_bytes(b"\xef\xbb\xbf" + sheet.read_bytes())
    build(project)
    assert same_as_committed(project) == []


def test_paper_and_spec_saved_decomposed_nfd_give_the_same_review(project):
    import unicodedata

    paper = project / "papers/004_e3fedb2602bf74ac.txt"
    spec = project / "config/extraction/lazarenko2026.yaml"
    for path in (paper, spec):
        text = path.read_text("utf-8")
        assert unicodedata.normalize("NFD", text) != text
        path.write_text(unicodedata.normalize("NFD", text), encoding="utf-8")
    _resign(project, "papers/004_e3fedb2602bf74ac.txt")
    rules, papers = planned(project)
    assert papers == {"lazarenko2026"}
    build(project)
    assert same_as_committed(project) == []


def test_digest_file_times(tmp_path):
    path = tmp_path / DIGEST_DIR / "x.txt"
    digest_file("x.txt", ["a"], root=tmp_path)
    assert path.read_text() == "a\n" and path.stat().st_mtime == 0  # first sight: trusted
    digest_file("x.txt", ["a"], root=tmp_path)
    assert path.stat().st_mtime == 0  # same content: untouched
    digest_file("x.txt", ["b"], root=tmp_path)
    assert path.read_text() == "b\n" and path.stat().st_mtime > OLD  # changed: newer
