"""Snakemake profiles: the local defaults (profiles/default) and the SLURM profile
(profiles/slurm), which plans the whole DAG with snakemake-executor-plugin-slurm."""

from __future__ import annotations

import functools
import re
import shutil

import pytest
import yaml
from conftest import ROOT, copy_project, run, tool

PER_PAPER_RULES = ("ingest", "extract", "candidates")
#: the Snakefile's `localrules` (besides `all`): trivial jobs a cluster run keeps local
LOCAL_RULES = ("combine", "results_readme")


@functools.cache
def snakemake_options() -> frozenset[str]:
    """Long options of the installed Snakemake (what a profile key may name); asked once."""
    help_text = run([tool("snakemake"), "--help"], check=True).stdout
    return frozenset(re.findall(r"--([a-z][a-z0-9-]+)", help_text))


def workflow_rules() -> set[str]:
    files = [ROOT / "Snakefile", *sorted((ROOT / "workflow/rules").glob("*.smk"))]
    return {
        name
        for f in files
        for name in re.findall(r"^(?:rule|checkpoint) (\w+):", f.read_text(), flags=re.M)
    }


def load(path: str) -> dict:
    data = yaml.safe_load((ROOT / path).read_text(encoding="utf-8"))
    assert isinstance(data, dict) and data, f"{path} is not a YAML mapping"
    return data


def test_default_profile_is_valid_yaml_with_snakemake_keys():
    profile = load("profiles/default/config.yaml")
    unknown = set(profile) - snakemake_options()
    assert not unknown, f"profiles/default/config.yaml: not Snakemake options: {unknown}"
    assert profile.get("force-use-threads") is True  # README: per-paper jobs run in threads


def test_slurm_profile_keys():
    profile = load("profiles/slurm/config.yaml")
    unknown = set(profile) - snakemake_options()
    assert not unknown, f"profiles/slurm/config.yaml: not Snakemake options: {unknown}"
    assert profile["executor"] == "slurm"
    assert isinstance(profile["jobs"], int) and profile["jobs"] > 0
    assert profile["latency-wait"] >= 5 and profile["retries"] >= 1
    assert {"mem_mb", "runtime"} <= set(profile["default-resources"])
    rules = workflow_rules()
    per_rule = profile["set-resources"]
    assert set(per_rule) <= rules, f"set-resources names no rule: {set(per_rule) - rules}"
    assert {*PER_PAPER_RULES, "harmonise", "pool"} <= set(per_rule)
    assert set(profile["groups"]) <= rules


def test_trivial_jobs_are_local_rules():
    """The Snakefile's `localrules` (run inside Snakemake even under a cluster executor; a
    dry run does not show it, so the directive itself is read): the trivial jobs, no heavy
    or per-paper rule, none given cluster resources or a group."""
    block = re.search(r"^localrules:\n((?:    \w+,?\n)+)", (ROOT / "Snakefile").read_text(), re.M)
    assert block, "Snakefile: no localrules directive"
    local = set(re.findall(r"\w+", block.group(1)))
    assert local == {"all", *LOCAL_RULES} and local <= workflow_rules()
    profile = load("profiles/slurm/config.yaml")
    assert not local & {*profile["set-resources"], *profile["groups"]}


@pytest.mark.e2e
def test_slurm_profile_plans_the_full_dag(tmp_path):
    import snakemake_executor_plugin_slurm  # noqa: F401  (the pinned plugin is installed)

    project = copy_project(tmp_path / "project")
    # files not yet added to git (a new rule file) belong to the work tree's project too
    untracked = run(["git", "ls-files", "-z", "--others", "--exclude-standard"], check=True)
    for rel in filter(None, untracked.stdout.split("\0")):
        if (ROOT / rel).is_file():
            (project / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(ROOT / rel, project / rel)
    for generated in ("extracted", "results"):
        shutil.rmtree(project / generated, ignore_errors=True)
    proc = run([tool("snakemake"), "--profile", "profiles/slurm", "-n"], cwd=project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == 0, out[-3000:]
    assert "profiles/slurm" in out
    stats = dict(re.findall(r"^(\w+) +(\d+)$", out.split("Job stats:", 1)[1], flags=re.M))
    papers = (project / "config/papers.tsv").read_text().strip().count("\n")
    for rule in PER_PAPER_RULES:
        assert int(stats[rule]) == papers, (rule, stats)
    for rule in ("combine", "harmonise", "pool", "all"):
        assert int(stats[rule]) == 1, (rule, stats)
    assert set(stats) - {"total"} <= workflow_rules()
    # the per-paper jobs are bundled into SLURM group jobs
    assert "Group job papers" in out
