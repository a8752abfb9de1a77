"""Shared fixtures: the repository root and a helper to run the project's own tools."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[1]
BIN = Path(sys.executable).parent
# subprocesses (snakemake and the shell commands of its rules) find the venv's console scripts
os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"


def project_config() -> dict:
    """config/config.yaml as Snakemake reads it (the rules pass its values as params)."""
    return yaml.safe_load((ROOT / "config/config.yaml").read_text(encoding="utf-8"))


PAPERS = {
    "zandee2021": "000_d189e26277214b44.txt",
    "kalantarhormozi2020": "001_456edcc85d21e7e1.txt",
    "iqbal2024": "002_3386326dee148d21.txt",
    "vanderzwan2019": "003_72078aee1260cce6.txt",
    "lazarenko2026": "004_e3fedb2602bf74ac.txt",
}


@pytest.fixture(autouse=True)
def _no_cache(monkeypatch):
    """Tests compute every product (litmeta.cache off, in-process and in the Snakemake runs
    they start); tests/test_cache.py turns it on in a folder of its own."""
    monkeypatch.setenv("LITMETA_CACHE_DIR", "")


def _work_tree_status() -> str:
    return run(["git", "status", "--porcelain", "--untracked-files=all"]).stdout


@pytest.fixture(scope="session", autouse=True)
def _work_tree_untouched():
    """Every test that runs the DAG or damages an input does so in a scratch copy: after the
    session (the whole error catalogue included) the clone's work tree, committed outputs and
    digest files (.litmeta/inputs/) among it, is as the session found it (issue 25)."""
    before = _work_tree_status()
    yield
    after = _work_tree_status()
    assert after == before, f"the tests changed the work tree:\n{after}"


def tool(name: str) -> str:
    """Path of a console script installed beside the running Python (the project's venv)."""
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def run(cmd: list[str], cwd: Path = ROOT, check: bool = False) -> subprocess.CompletedProcess:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    if check and proc.returncode != 0:
        raise AssertionError(f"{cmd} failed ({proc.returncode}):\n{proc.stdout}\n{proc.stderr}")
    return proc


def copy_project(dest: Path) -> Path:
    """Copy the files git tracks (as they are in the work tree) into ``dest``."""
    listed = run(["git", "ls-files", "-z"], check=True).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    return dest


@pytest.fixture
def project(tmp_path: Path) -> Path:
    """A scratch copy of the project (tracked files only) that a test may modify."""
    return copy_project(tmp_path / "project")


def drafted_values(text: str) -> dict:
    """What ``litmeta draft-spec`` drafts from ``text`` (paper id "toy"), as
    ``{"endpoint.statistic": value}``: for the drafter's tests of one sentence or two."""
    from litmeta.extract import draft_eval

    drafted, _labels = draft_eval.draft_values("toy", text)
    return {f"{e}.{s}": v for (_c, e, s), (v, _st) in drafted.items()}


def drafted_by_label(text: str, derived: bool = True) -> dict:
    """As :func:`drafted_values`, per cohort label: ``{label: {"endpoint.statistic": value}}``
    (a paper of arms or groups); without the values computed from others unless
    ``derived``."""
    from litmeta.extract import draft_eval

    drafted, labels = draft_eval.draft_values("toy", text)
    out: dict = {}
    for (cid, endpoint, statistic), (value, status) in drafted.items():
        if derived or status != "derived":
            out.setdefault(labels[cid], {})[f"{endpoint}.{statistic}"] = value
    return out
