"""Lint and format checks, run from the test suite so that CI enforces them."""

import pytest
from conftest import ROOT, run, tool


@pytest.mark.parametrize(
    "cmd",
    [
        ["ruff", "check", "src", "tests", "benchmarks"],
        ["ruff", "format", "--check", "src", "tests", "benchmarks"],
        ["snakefmt", "--check", "Snakefile", "workflow"],
        ["snakemake", "--lint"],
    ],
    ids=["ruff-check", "ruff-format", "snakefmt", "snakemake-lint"],
)
def test_clean(cmd):
    proc = run([tool(cmd[0]), *cmd[1:]], cwd=ROOT)
    assert proc.returncode == 0, proc.stdout + proc.stderr
