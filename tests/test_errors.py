"""The error catalogue of docs/errors.md: each row reproduced, message checked verbatim."""

import hashlib
import re

import pytest
from conftest import ROOT, copy_project, run, tool
from error_scenarios import OUTPUT_CHECKS, SCENARIOS, SECRET, SNAKEMAKE_ARGS

pytestmark = pytest.mark.e2e


def catalogue() -> dict[str, tuple[list[str], int]]:
    rows = {}
    for line in (ROOT / "docs/errors.md").read_text(encoding="utf-8").split("\n"):
        m = re.match(r"\| ([EF]\d+) \| [^|]+ \| (.+) \| (\d+) \|$", line)
        if m:
            shown = [
                part.strip()[1:-1]
                for part in m.group(2).split("<br>")
                if part.strip().startswith("`")
            ]
            rows[m.group(1)] = (shown, int(m.group(3)))
    return rows


def outputs_digest() -> str:
    h = hashlib.sha256()
    for folder in ("extracted", "results"):
        for path in sorted((ROOT / folder).rglob("*")):
            if path.is_file():
                h.update(str(path.relative_to(ROOT)).encode())
                h.update(path.read_bytes())
    return h.hexdigest()


@pytest.fixture(scope="module", autouse=True)
def committed_outputs_untouched():
    before = outputs_digest()
    yield
    assert outputs_digest() == before, "the error catalogue changed extracted/ or results/"


def test_every_scenario_is_documented():
    assert {key for key in catalogue() if key.startswith("E")} == set(SCENARIOS)
    assert {key for key in catalogue() if key.startswith("F")} == {"F01", "F02"}  # test_faults


@pytest.mark.parametrize("key", sorted(SCENARIOS))
def test_error_message(key, tmp_path):
    shown, exit_status = catalogue()[key]
    project = copy_project(tmp_path / "project")
    SCENARIOS[key](project)
    args = SNAKEMAKE_ARGS.get(key, [])
    proc = run([tool("snakemake"), "--cores", "2", *args], cwd=project)
    out = proc.stdout + proc.stderr
    assert proc.returncode == exit_status, out[-3000:]
    assert "Traceback (most recent call last)" not in out
    # nothing read from outside the project is shown or logged (E86-E88)
    logs = [f.read_text(errors="replace") for f in (project / "logs").rglob("*") if f.is_file()]
    assert SECRET not in out and not any(SECRET in text for text in logs)
    # no frame of the package: only the rule's location, which Snakemake adds
    assert not re.search(r'File ".*src/litmeta/', out), out[-3000:]
    lines = out.split("\n")
    for expected in shown:
        if expected.endswith("…"):
            assert any(line.startswith(expected[:-1]) for line in lines), (expected, out[-3000:])
        else:
            assert expected in lines, (expected, out[-3000:])
    if key in OUTPUT_CHECKS:
        OUTPUT_CHECKS[key](project)
    if shown and all(line.startswith(("error: ", "  fix: ")) for line in shown):
        # stopped at parse time, before any job: every output as committed
        for folder in ("extracted", "results"):
            for path in (ROOT / folder).rglob("*"):
                if path.is_file():
                    rel = path.relative_to(ROOT)
                    assert (project / rel).read_bytes() == path.read_bytes(), rel


def test_failed_job_leaves_no_partial_output_and_keep_going_does_the_rest(tmp_path):
    project = copy_project(tmp_path / "project")
    SCENARIOS["E03"](project)  # kalantarhormozi2020's extraction fails
    import shutil

    shutil.rmtree(project / "extracted")
    shutil.rmtree(project / "results")
    proc = run([tool("snakemake"), "--cores", "2", "--keep-going"], cwd=project)
    assert proc.returncode != 0
    assert not (project / "extracted/kalantarhormozi2020.csv").exists()
    for paper in ("zandee2021", "iqbal2024", "vanderzwan2019", "lazarenko2026"):
        assert (project / f"extracted/{paper}.csv").read_bytes() == (
            ROOT / f"extracted/{paper}.csv"
        ).read_bytes()
    # the review-wide tables need every paper: they are absent, not partial
    assert not (project / "extracted/outcomes.csv").exists()
    assert not (project / "results/pooled.csv").exists()
    assert not list(project.rglob("*.tmp"))
