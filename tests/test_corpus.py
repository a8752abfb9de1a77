"""The synthetic corpus of benchmarks/corpus/: valid inputs, and the pipeline recovers the
true values, both through the extraction functions and through a real Snakemake run."""

from __future__ import annotations

import csv
import hashlib
import math
import shutil
import sys
from pathlib import Path

import jsonschema
import pytest
import yaml
from conftest import ROOT, copy_project, run, tool

from litmeta.extract.paper import extract_table
from litmeta.extract.spec import load_spec
from litmeta.ingest import read_paper
from litmeta.sheet import COLUMNS, read_sheet, verify_papers

sys.path.insert(0, str(ROOT / "benchmarks"))
import corpus  # noqa: E402

N = 10


def copy_worktree(dest: Path) -> Path:
    """copy_project plus files not yet added to git (and not ignored): the project as it is
    in the work tree (the same as copy_project on a clean clone)."""
    copy_project(dest)
    untracked = run(["git", "ls-files", "-z", "--others", "--exclude-standard"], check=True)
    for rel in filter(None, untracked.stdout.split("\0")):
        if (ROOT / rel).is_file():
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, dest / rel)
    return dest


@pytest.fixture(scope="module")
def generated(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("corpus")
    corpus.write_corpus(out, N, seed=0)
    return out


def files_of(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_deterministic_for_a_seed(generated, tmp_path):
    corpus.main([str(tmp_path / "again"), "--n", str(N), "--seed", "0"])
    assert files_of(tmp_path / "again") == files_of(generated)
    corpus.write_corpus(tmp_path / "other", 3, seed=1)
    assert corpus.make_paper(0, 1).text != corpus.make_paper(0, 0).text
    # paper i does not depend on N: a small corpus is the start of a large one
    assert corpus.make_paper(3, 0) == corpus.make_paper(3, 0)


def test_sheet_specs_and_cohorts_are_valid(generated):
    rows = read_sheet(generated / "papers.tsv")
    assert len(rows) == N and tuple(rows[0]) == COLUMNS
    schema = yaml.safe_load((ROOT / "workflow/schemas/papers.schema.yaml").read_text())
    for row in rows:
        jsonschema.validate(row, schema)
    papers = verify_papers(rows, generated / "papers", "papers.tsv")  # sha256 checked here
    for p in papers:
        spec = load_spec(generated / "extraction" / f"{p.paper_id}.yaml")  # schema + refs
        assert spec.paper_id == p.paper_id
    truth = corpus.load_truth(generated)
    assert {t["style"] for t in truth.values()} == set(corpus.STYLES)
    pooled = [c["pooled_in"] for t in truth.values() for c in t["cohorts"].values()]
    assert pooled.count("initial") >= 4 and pooled.count("salvage") >= 2
    assert "none" in pooled


def test_papers_have_the_styles_of_the_real_ones(generated):
    text = "".join((generated / "papers").joinpath(f).read_text() for f in corpus_files(generated))
    for feature in ("\t", "–", "−", "≥", "¹⁷⁷", "<sup>177</sup>", "not reached", "NE)", " - "):
        assert feature in text, feature
    hyphenated = [ln for ln in text.splitlines() if ln.rstrip().endswith("-")]
    assert any(ln.rstrip()[-2].isalpha() for ln in hyphenated), "no word split at a line break"


def corpus_files(folder: Path) -> list[str]:
    return [r["file"] for r in read_sheet(folder / "papers.tsv")]


def test_extraction_recovers_every_true_value(generated):
    truth = corpus.load_truth(generated)
    checked = 0
    for paper_id, t in truth.items():
        source = generated / "papers" / t["file"]
        spec = load_spec(generated / "extraction" / f"{paper_id}.yaml")
        table = extract_table(spec, read_paper(source), str(source))
        got = {
            (v.cohort, v.ref): (None if math.isnan(v.value) else v.value, v.value_text)
            for v in table.primary.values()
        }
        assert corpus.compare(t, got) == [], paper_id
        checked += sum(len(c["values"]) for c in t["cohorts"].values())
    assert checked > 20 * N


def test_touch_changes_the_paper_and_its_checksum(tmp_path):
    corpus.write_corpus(tmp_path, 2)
    pid = sorted(corpus.load_truth(tmp_path))[0]
    new = corpus.touch_paper(tmp_path, pid)
    rows = {r["paper_id"]: r for r in read_sheet(tmp_path / "papers.tsv")}
    path = tmp_path / "papers" / rows[pid]["file"]
    assert rows[pid]["sha256"] == new == hashlib.sha256(path.read_bytes()).hexdigest()
    assert path.read_text().endswith(corpus.CORRECTION + "\n")


@pytest.mark.e2e
def test_snakemake_run_on_the_corpus_recovers_the_true_values(tmp_path):
    project = copy_worktree(tmp_path / "project")
    for generated_dir in ("extracted", "results"):
        shutil.rmtree(project / generated_dir, ignore_errors=True)
    corpus.write_corpus(project / "corpus", 5, seed=0)
    cmd = [tool("snakemake"), "--cores", "2", "--config", *corpus.config_overrides("corpus")]
    proc = run(cmd, cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    with open(project / "extracted/outcomes.csv", newline="", encoding="utf-8") as fh:
        got = corpus.rows_to_values(csv.DictReader(fh))
    truth = corpus.load_truth(project / "corpus")
    assert len(truth) == 5
    for t in truth.values():
        assert corpus.compare(t, got) == [], t["paper_id"]
    with open(project / "results/pooled.csv", newline="", encoding="utf-8") as fh:
        primary = {
            (r["endpoint"], r["setting"]) for r in csv.DictReader(fh) if r["analysis"] == "primary"
        }
    assert {("orr", "initial"), ("orr", "salvage"), ("os_median", "salvage")} <= primary
