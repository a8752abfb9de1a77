"""Faults of the machine, not of the input (issue 13): a full disk, a read-only output
folder, a kill -9 in the middle of a run. Each ends with one or two lines naming the path, or
is recovered by the documented `snakemake --unlock` and a rerun."""

import os
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path

import pytest
from conftest import ROOT, copy_project, run, tool
from test_errors import catalogue

pytestmark = pytest.mark.e2e


def tracked(folders=("extracted", "results")) -> list[str]:
    return run(["git", "ls-files", *folders], cwd=ROOT, check=True).stdout.split()


def mount_tmpfs(where: Path, options: str) -> None:
    proc = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(where)], capture_output=True
    )
    if proc.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here (needs root): {proc.stderr.decode()[:200]}")


def assert_shown(key: str, proc: subprocess.CompletedProcess) -> None:
    shown, status = catalogue()[key]
    out = proc.stdout + proc.stderr
    assert proc.returncode == status, out[-3000:]
    assert "Traceback (most recent call last)" not in out, out[-3000:]
    lines = out.split("\n")
    for expected in shown:
        assert expected in lines, (expected, out[-3000:])


def test_disk_full_names_the_file(tmp_path):
    project = copy_project(tmp_path / "project")
    # every committed output up to date first (a fresh clone's file times are arbitrary), so
    # that the plots job is the one that meets the full disk, whatever the checkout order
    touched = run([tool("snakemake"), "--cores", "1", "--touch"], cwd=project)
    assert touched.returncode == 0, touched.stderr[-2000:]
    results = project / "results"
    keep = tmp_path / "results"
    shutil.copytree(results, keep)
    shutil.rmtree(results)
    results.mkdir()
    # room for the result tables, not for the first plot (results/plots/forest_orr.svg)
    tables = [p for p in keep.iterdir() if p.is_file()]
    pages = sum(-(-p.stat().st_size // 4096) for p in tables) + 3
    mount_tmpfs(results, f"size={pages * 4096}")
    try:
        for p in tables:
            shutil.copy2(p, results / p.name)
        proc = run([tool("snakemake"), "--cores", "1", "plots"], cwd=project)
        assert_shown("F01", proc)
        assert not list(results.rglob("*.tmp"))
    finally:
        subprocess.run(["umount", str(results)], check=True)


def test_read_only_output_folder_stops_before_any_job(tmp_path):
    project = copy_project(tmp_path / "project")
    plots = project / "results/plots"
    shutil.rmtree(plots)
    plots.mkdir()
    mount_tmpfs(plots, "ro,size=4k")
    try:
        proc = run([tool("snakemake"), "--cores", "1"], cwd=project)
        assert_shown("F02", proc)
    finally:
        subprocess.run(["umount", str(plots)], check=True)


def run_processes(session: int) -> list[int]:
    """Processes of the session that the killed Snakemake led."""
    pids = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if os.getsid(int(entry.name)) == session:
                    pids.append(int(entry.name))
            except ProcessLookupError:
                pass
    return pids


def plotting(session: int) -> bool:
    for pid in run_processes(session):
        try:
            cmd = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        if any(part.endswith(b"litmeta") for part in cmd) and b"plots" in cmd:
            return True
    return False


def test_kill_9_then_unlock_and_rerun_reproduces_a_clean_run(tmp_path):
    project = copy_project(tmp_path / "project")
    for folder in ("extracted", "results"):
        shutil.rmtree(project / folder)
    snakemake = subprocess.Popen(
        [tool("snakemake"), "--cores", "2"],
        cwd=project,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    session = snakemake.pid
    try:
        deadline = time.monotonic() + 300
        while not plotting(session):
            assert snakemake.poll() is None, "the run ended before the plots started"
            assert time.monotonic() < deadline, "the plots never started"
            time.sleep(0.05)
        os.kill(snakemake.pid, signal.SIGKILL)
        snakemake.wait()
        # the plotting command and its workers end with it (not after drawing on)
        deadline = time.monotonic() + 30
        while run_processes(session) and time.monotonic() < deadline:
            time.sleep(0.1)
        assert run_processes(session) == [], "processes of the killed run are still running"
        # an orphaned plotting command would have drawn every plot by now; ours stopped
        drawn = [p for p in (project / "results/plots").glob("*.*") if p.suffix != ".tmp"]
        assert len(drawn) < len(tracked(["results/plots"])), "the plots were drawn after the kill"
    finally:
        for pid in run_processes(session):
            os.kill(pid, signal.SIGKILL)
    locked = run([tool("snakemake"), "--cores", "2"], cwd=project)
    assert locked.returncode != 0 and "--unlock" in locked.stdout + locked.stderr
    # the documented recovery (README "If a run was killed")
    assert run([tool("snakemake"), "--unlock"], cwd=project).returncode == 0
    proc = run([tool("snakemake"), "--cores", "2"], cwd=project)
    assert proc.returncode == 0, proc.stdout[-3000:] + proc.stderr[-3000:]
    differ = [rel for rel in tracked() if (project / rel).read_bytes() != (ROOT / rel).read_bytes()]
    assert differ == []
    assert not [p for p in project.rglob("*.tmp") if ".snakemake" not in p.parts]
    again = run([tool("snakemake"), "-n", "--cores", "2"], cwd=project)
    assert "Nothing to be done" in again.stdout + again.stderr
    assert not re.search(r"Traceback", proc.stdout + proc.stderr)
