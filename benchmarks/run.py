"""Scale benchmarks of the pipeline, each measured side by side with its reference in one run.

    python benchmarks/run.py                 # everything (see benchmarks/README.md)
    python benchmarks/run.py --only noop scale --reps 5

Every Snakemake run happens in a scratch copy of the project (the files ``git ls-files``
lists), never in the repository itself.  Each benchmark runs its two sides alternately
(A1 B1 A2 B2 ...) and reports min and median of each side and their ratio.

=========  ===========================================================================  =====
name       A vs B                                                                       goal
=========  ===========================================================================  =====
full       ``snakemake --forceall`` on the real review, extraction included, with the     1.5x
           cache (.cache/litmeta) removed, with the R script's scope (``--configfile``    3x
           without sens_bayes and the moderators; goal 1.5x) and with everything
           configured (goal 3x), vs ``Rscript reference_full.R`` (the same statistics
           and plots in R, ../shared/bench); also with the cache kept
real       full regeneration of the real synthesis (``snakemake --cores 4``, extracted/  2x
           and results/ removed) vs ``Rscript benchmarks/reference.R`` (metafor)
noop       ``snakemake --cores 4`` with nothing to do vs the same on a one-rule Snakefile  1.3x
scale      full run on the N = 500 synthetic corpus vs N = 5                              10x
touch      N = 500 corpus, one paper edited (text + sha256): only its jobs and the        0.5x
           downstream rerun (Snakemake's dry-run job list), time vs the N = 5 full run
methods    ``snakemake --forceall`` on the real review, cache removed, with the config as    1.10x
           is vs the config without what issue 12 added (sens_bayes, sens_ne_one_half,
           sens_all_treated, sens_heme_bounds, meta-regression moderators); CPU time
           (user + sys) of the process tree, and wall time; also ``litmeta pool`` alone
memory     peak memory of the N = 500 run (whole process tree, psutil): the sum of the    1 GB
           processes' PSS (proportional set size: a page shared by forked workers is
           counted once, split between them), and the sum of their RSS (shared pages
           counted in every process that maps them) for comparison
=========  ===========================================================================  =====

``scale`` and ``touch`` also report the same runs without the ``pool`` step
(``--omit-from pool``), which separates the cost of Snakemake and extraction from that of
the statistics. Two more take the per-paper PDF-route measure apart: ``scale_nopdf`` (N = 500
vs N = 5 with ``--omit-from pdf_check``, which also leaves out extracted_readme, with the
peak memory of the N = 500 run) and ``pdf_check`` (the rule's work per paper, four layouts
typeset and read back, cache off, on N = --small corpus papers).
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from datetime import date
from pathlib import Path

import psutil

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
BIN = Path(sys.executable).parent
os.environ["PATH"] = f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"
sys.path.insert(0, str(HERE))

import corpus  # noqa: E402

CORES = 4
ONE_RULE = 'rule all:\n    output:\n        "done.txt",\n    shell:\n        "touch {output}"\n'


# ------------------------------------------------------------------------------- running
@dataclass
class Run:
    seconds: float
    returncode: int
    stdout: str = ""
    stderr: str = ""
    peak_tree_mb: float = 0.0  # sum of RSS over the process tree, at its peak
    peak_tree_pss_mb: float = 0.0  # sum of PSS over the process tree, at its peak
    peak_proc_mb: float = 0.0  # the largest single process
    cpu: float = 0.0  # user + sys seconds of the process and its waited-for descendants


def tool(name: str) -> str:
    path = BIN / name
    return str(path) if path.exists() else (shutil.which(name) or name)


def children_cpu() -> float:
    """User + sys seconds of this process's terminated, waited-for descendants so far."""
    import resource

    ru = resource.getrusage(resource.RUSAGE_CHILDREN)
    return ru.ru_utime + ru.ru_stime


def timed(
    cmd: list[str], cwd: Path, memory: bool = False, env: dict[str, str] | None = None
) -> Run:
    """Run ``cmd``; wall time, CPU time of its process tree (every descendant is waited for
    by its parent: Snakemake's jobs, the plot workers), and with ``memory`` the peak RSS
    polled every 50 ms. ``env``: variables set for the command."""
    tree = tree_pss = proc_mb = 0.0
    environ = None if env is None else {**os.environ, **env}
    with tempfile.TemporaryFile("w+") as out, tempfile.TemporaryFile("w+") as err:
        cpu0 = children_cpu()
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, stdout=out, stderr=err, text=True, env=environ)
        if memory:
            ps = psutil.Process(proc.pid)
            while proc.poll() is None:
                with contextlib.suppress(psutil.Error):
                    rss, pss = [], []
                    for p in [ps, *ps.children(recursive=True)]:
                        with contextlib.suppress(psutil.Error):
                            full = p.memory_full_info()  # reads smaps: PSS
                            rss.append(full.rss)
                            pss.append(full.pss)
                    tree = max(tree, sum(rss) / 2**20)
                    tree_pss = max(tree_pss, sum(pss) / 2**20)
                    proc_mb = max(proc_mb, max(rss, default=0) / 2**20)
                time.sleep(0.05)
        proc.wait()
        seconds = time.perf_counter() - start
        cpu = children_cpu() - cpu0
        out.seek(0)
        err.seek(0)
        return Run(seconds, proc.returncode, out.read(), err.read(), tree, tree_pss, proc_mb, cpu)


def must(run: Run, what: str) -> Run:
    if run.returncode != 0:
        tail = (run.stdout + run.stderr)[-3000:]
        raise SystemExit(f"{what} failed (exit {run.returncode}):\n{tail}")
    return run


def copy_project(dest: Path) -> Path:
    """The project's files as they are in the work tree, without generated outputs.

    That is what ``git ls-files`` lists plus files not yet added (and not ignored), so that
    a work tree with a new rule file benchmarks what it would run; on a fresh clone the
    two are the same.
    """
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.split("\0")
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():
            target = dest / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, target)
    for generated in ("extracted", "results", "logs", ".snakemake"):
        shutil.rmtree(dest / generated, ignore_errors=True)
    return dest


def project(tmp: Path, name: str, n_papers: int | None = None, seed: int = 0) -> Path:
    dest = tmp / name
    shutil.rmtree(dest, ignore_errors=True)
    copy_project(dest)
    if n_papers is not None:
        corpus.write_corpus(dest / "corpus", n_papers, seed)
    return dest


def snakemake(n_papers: int | None, *extra: str) -> list[str]:
    cmd = [tool("snakemake"), "--cores", str(CORES), *extra]
    if n_papers is not None:
        cmd += ["--config", *corpus.config_overrides("corpus")]
    return cmd


def job_stats(text: str) -> dict[str, int]:
    """The first "Job stats" table of Snakemake's output, as {rule: count}."""
    m = re.search(r"Job stats:\n.*?\n-+ +-+\n(.*?)\n(?:\n|$)", text, flags=re.S)
    if not m:
        return {}
    stats = {}
    for line in m.group(1).splitlines():
        parts = line.split()
        if len(parts) == 2 and parts[1].isdigit():
            stats[parts[0]] = int(parts[1])
    stats.pop("total", None)
    return stats


_STAMP = re.compile(r"^\[(\w{3} \w{3} +\d+ \d\d:\d\d:\d\d \d{4})\]$")


def rule_seconds(log: str) -> dict[str, float]:
    """Wall seconds per rule (summed over its jobs) from Snakemake's log: each job's start
    and ``Finished jobid`` time stamps (1 s resolution, so only heavy rules are meaningful)."""
    from datetime import datetime

    now = None
    rule = None
    started: dict[str, tuple[str, datetime]] = {}
    total: dict[str, float] = {}
    for line in log.splitlines():
        m = _STAMP.match(line)
        if m:
            now = datetime.strptime(" ".join(m.group(1).split()), "%a %b %d %H:%M:%S %Y")
            continue
        m = re.match(r"^\s*(?:local)?(?:rule|checkpoint) (\w+):$", line)
        if m:
            rule = m.group(1)
            continue
        m = re.match(r"^\s*jobid: (\d+)$", line)
        if m and rule and now:
            started[m.group(1)] = (rule, now)
            rule = None
            continue
        m = re.match(r"^Finished jobid: (\d+) \(Rule: (\w+)\)", line)
        if m and now and m.group(1) in started:
            name, t0 = started.pop(m.group(1))
            total[name] = total.get(name, 0.0) + (now - t0).total_seconds()
    return dict(sorted(total.items(), key=lambda kv: -kv[1]))


def breakdown(log: str, top: int = 6) -> str:
    return ", ".join(f"{k} {v:.0f} s" for k, v in list(rule_seconds(log).items())[:top])


# ------------------------------------------------------------------------------- results
@dataclass
class Side:
    label: str
    seconds: list[float] = field(default_factory=list)

    @property
    def min(self) -> float:
        return min(self.seconds)

    @property
    def median(self) -> float:
        return statistics.median(self.seconds)


@dataclass
class Result:
    name: str
    a: Side
    b: Side
    goal: float | None
    notes: list[str] = field(default_factory=list)

    @property
    def ratio_min(self) -> float:
        return self.a.min / self.b.min

    @property
    def ratio_median(self) -> float:
        return self.a.median / self.b.median

    @property
    def met(self) -> str:
        if self.goal is None:
            return "--"
        return "yes" if self.ratio_median <= self.goal else "no"


def fmt_side(s: Side) -> str:
    if len(s.seconds) == 1:
        return f"{s.min:.2f} s (1 run)"
    return f"{s.min:.2f} / {s.median:.2f} s ({len(s.seconds)} runs)"


def table(results: list[Result], extras: dict[str, str]) -> str:
    lines = [
        "| benchmark | A | A: min / median | B | B: min / median | ratio min / median | goal "
        "| met |",
        "|---|---|---|---|---|---|---|---|",
    ]
    for r in results:
        goal = f"<= {r.goal:g}x" if r.goal else "--"
        lines.append(
            f"| {r.name} | {r.a.label} | {fmt_side(r.a)} | {r.b.label} | {fmt_side(r.b)} | "
            f"{r.ratio_min:.2f}x / {r.ratio_median:.2f}x | {goal} | {r.met} |"
        )
    for k, v in extras.items():
        lines.append(f"| {k} | {v} | | | | | | |")
    return "\n".join(lines)


# ------------------------------------------------------------------------------- benchmarks
def bench_real(tmp: Path, reps: int, log) -> Result:
    if not shutil.which("Rscript"):
        raise SystemExit("Rscript not found: install R with metafor, or skip with --only")
    a = Side("snakemake, real synthesis regenerated")
    b = Side("Rscript benchmarks/reference.R")
    notes = []
    for i in range(reps):
        proj = project(tmp, "real")
        run = must(timed(snakemake(None), proj), "snakemake (real)")
        a.seconds.append(run.seconds)
        if i == 0:
            notes.append("wall time per rule (summed over jobs): " + breakdown(run.stderr))
        out = tmp / "reference_out"
        shutil.rmtree(out, ignore_errors=True)
        ref = [
            "Rscript",
            str(HERE / "reference.R"),
            str(proj / "results/analysis_table.csv"),
            str(out),
        ]
        b.seconds.append(must(timed(ref, proj), "reference.R").seconds)
        log(f"real {i + 1}/{reps}: snakemake {a.seconds[-1]:.2f} s, R {b.seconds[-1]:.2f} s")
    return Result("real synthesis vs R metafor", a, b, 2.0, notes)


REFERENCE_FULL = ROOT.parent / "shared" / "bench" / "reference_full.R"
REFERENCE_COLUMNS = ("cohort_id", "setting", "endpoint", "events", "n", "median", "ci_low")


def reference_input(analysis_table: Path, out: Path) -> Path:
    """The input CSV of reference_full.R from results/analysis_table.csv: each cohort in the
    setting it is pooled in, ``pooled`` = yes (primary), mom (a median without CI: median of
    medians only) or no (shown only)."""
    import csv

    from litmeta.protocol import NO_CI
    from litmeta.tables import read_rows

    rows = read_rows(analysis_table)
    with open(out, "w", newline="", encoding="utf-8") as fh:
        w = csv.writer(fh)
        w.writerow([*REFERENCE_COLUMNS, "ci_high", "pooled"])
        for r in rows:
            pooled = (
                "yes" if r["included"] == "true" else "mom" if r["reason_code"] == NO_CI else "no"
            )
            w.writerow(
                [r["cohort_id"], r["pooled_in"], r["endpoint"], r["events"], r["n"]]
                + [r["median"], r["ci_low"], r["ci_high"], pooled]
            )
    return out


#: what the R script does not do: the Bayesian sensitivity analysis and the moderators'
#: meta-regressions (issue 28's scoped comparison runs without them)
OUTSIDE_R_SCOPE = ("sens_bayes",)


def r_scope(config_yaml: Path, out: Path) -> Path:
    """A config file for ``--configfile`` with the scope of reference_full.R: the analyses of
    ``config_yaml`` without :data:`OUTSIDE_R_SCOPE`, and no meta-regression moderators."""
    import yaml

    config = yaml.safe_load(config_yaml.read_text(encoding="utf-8"))
    override = {
        "analyses": [a for a in config["analyses"] if a not in OUTSIDE_R_SCOPE],
        "meta_regression": {**config.get("meta_regression", {"min_k": 10}), "moderators": []},
    }
    out.write_text(yaml.safe_dump(override, sort_keys=False), encoding="utf-8")
    return out


def bench_full(tmp: Path, reps: int, log) -> list[Result]:
    """Full regeneration of the real review (--forceall, extraction included) with the cache
    removed, with everything configured and with the R script's scope (:func:`r_scope`), and
    again with the cache of the previous run kept, against reference_full.R (the same
    statistics and plots in R, from numbers already typed into a CSV). The sides alternate:
    configured (cache removed), configured again (with the cache it filled), R, scoped (cache
    removed)."""
    if not shutil.which("Rscript") or not REFERENCE_FULL.is_file():
        raise SystemExit(f"Rscript or {REFERENCE_FULL} not found: skip with --only")
    proj = project(tmp, "full")
    must(timed(snakemake(None), proj), "snakemake (real)")
    csv_in = reference_input(proj / "results/analysis_table.csv", tmp / "reference_full.csv")
    scope = ("--configfile", r_scope(proj / "config/config.yaml", proj / "r_scope.yaml").name)
    cold = Side("snakemake --forceall, real review, cache removed, everything configured")
    scoped = Side("same, `--configfile` with the R script's scope (no sens_bayes, moderators)")
    warm = Side("snakemake --forceall, real review, cache kept")
    ref = Side("Rscript reference_full.R")
    notes: dict[str, list[str]] = {"cold": [], "scoped": [], "warm": []}
    loads: list[float] = []

    def cold_run(side: Side, key: str, *extra: str) -> None:
        shutil.rmtree(proj / ".cache", ignore_errors=True)
        loads.append(os.getloadavg()[0])
        run = must(timed(snakemake(None, "--forceall", *extra), proj), f"snakemake ({key})")
        side.seconds.append(run.seconds)
        if not notes[key]:
            notes[key].append(
                f"wall time per rule: {breakdown(run.stderr)}; CPU {run.cpu:.1f} s (tree)"
            )

    for i in range(reps):
        cold_run(cold, "cold")
        run = must(timed(snakemake(None, "--forceall"), proj), "snakemake --forceall (warm)")
        warm.seconds.append(run.seconds)  # with the cache the cold run just filled
        if not notes["warm"]:
            notes["warm"].append("wall time per rule: " + breakdown(run.stderr))
        out = tmp / "reference_full_out"
        shutil.rmtree(out, ignore_errors=True)
        cmd = ["Rscript", str(REFERENCE_FULL), str(csv_in), str(out)]
        r = must(timed(cmd, proj), "reference_full.R")
        ref.seconds.append(r.seconds)
        if i == 0:
            notes["cold"].append(f"R: CPU {r.cpu:.1f} s")
        cold_run(scoped, "scoped", *scope)
        log(
            f"full {i + 1}/{reps}: cold {cold.seconds[-1]:.2f} s, R {ref.seconds[-1]:.2f} s, "
            f"scoped {scoped.seconds[-1]:.2f} s, warm {warm.seconds[-1]:.2f} s"
        )
    notes["cold"].append(load_note(loads))
    return [
        Result(
            "cold regeneration, R script's scope, vs reference_full.R",
            scoped,
            ref,
            1.5,
            notes["scoped"],
        ),
        Result(
            "cold regeneration, everything configured, vs reference_full.R",
            cold,
            ref,
            3.0,
            notes["cold"],
        ),
        Result("same, cache kept (diagnostic)", warm, ref, None, notes["warm"]),
    ]


def bench_noop(tmp: Path, reps: int, log) -> Result:
    proj = tmp / "real"
    if not (proj / "results/pooled.csv").is_file():
        proj = project(tmp, "real")
        must(timed(snakemake(None), proj), "snakemake (real)")
    one = tmp / "one_rule"
    one.mkdir(exist_ok=True)
    (one / "Snakefile").write_text(ONE_RULE)
    must(timed([tool("snakemake"), "--cores", str(CORES)], one), "one-rule snakemake")
    a = Side("snakemake, nothing to do (real project)")
    b = Side("snakemake, one-rule Snakefile, nothing to do")
    for i in range(reps):
        run = must(timed(snakemake(None), proj), "no-op snakemake")
        if "Nothing to be done" not in run.stdout + run.stderr:
            raise SystemExit("the no-op run did work:\n" + run.stderr[-2000:])
        a.seconds.append(run.seconds)
        b.seconds.append(must(timed([tool("snakemake"), "--cores", "4"], one), "one").seconds)
        log(f"noop {i + 1}/{reps}: project {a.seconds[-1]:.2f} s, one rule {b.seconds[-1]:.2f} s")
    return Result("no-op rerun vs one-rule Snakefile", a, b, 1.3)


def bench_scale(
    tmp: Path, reps: int, large_reps: int, large: int, small: int, log, memory: dict
) -> list[Result]:
    a, b = Side(f"full run, N = {large}"), Side(f"full run, N = {small}")
    a2, b2 = Side(f"N = {large}, --omit-from pool"), Side(f"N = {small}, --omit-from pool")
    notes_a: list[str] = []
    notes_b: list[str] = []
    for i in range(max(reps, large_reps)):
        if i < large_reps:
            proj = project(tmp, "large", large)
            run = must(timed(snakemake(large), proj, memory=True), f"N = {large} run")
            a.seconds.append(run.seconds)
            memory["peak_tree_mb"] = max(memory.get("peak_tree_mb", 0), run.peak_tree_mb)
            memory["peak_proc_mb"] = max(memory.get("peak_proc_mb", 0), run.peak_proc_mb)
            memory["peak_tree_pss_mb"] = max(
                memory.get("peak_tree_pss_mb", 0), run.peak_tree_pss_mb
            )
            memory["jobs"] = job_stats(run.stderr + run.stdout)
            if i == 0:
                notes_a.append(f"N = {large}, wall time per rule: " + breakdown(run.stderr))
            log(
                f"scale {i + 1}: N = {large} {run.seconds:.1f} s, {run.peak_tree_pss_mb:.0f} MB"
                f" PSS ({run.peak_tree_mb:.0f} MB RSS)"
            )
        proj_s = project(tmp, "small", small)
        run_s = must(timed(snakemake(small), proj_s), f"N = {small} run")
        b.seconds.append(run_s.seconds)
        if i == 0:
            notes_a.append(f"N = {small}, wall time per rule: " + breakdown(run_s.stderr))
        log(f"scale {i + 1}: N = {small} {b.seconds[-1]:.2f} s")
    for i in range(reps):
        proj = project(tmp, "large_nopool", large)
        run = must(timed(snakemake(large, "--omit-from", "pool"), proj), "N large, no pool")
        a2.seconds.append(run.seconds)
        if i == 0:
            notes_b.append(f"N = {large}, wall time per rule: " + breakdown(run.stderr))
        proj_s = project(tmp, "small_nopool", small)
        run_s = must(timed(snakemake(small, "--omit-from", "pool"), proj_s), "N small, no pool")
        b2.seconds.append(run_s.seconds)
        log(f"scale/no pool {i + 1}/{reps}: {a2.seconds[-1]:.1f} s vs {b2.seconds[-1]:.2f} s")
    return [
        Result(f"N = {large} vs N = {small}", a, b, 10.0, notes_a),
        Result(f"N = {large} vs N = {small}, without pool", a2, b2, 10.0, notes_b),
    ]


def bench_touch(
    tmp: Path, reps: int, large_reps: int, large: int, small: tuple[Side, Side], log
) -> list[Result]:
    """``small``: the N = 5 full run, and the same without pool."""
    proj = tmp / "large"
    if not (proj / "results/pooled.csv").is_file():
        proj = project(tmp, "large", large)
        must(timed(snakemake(large), proj), f"N = {large} run")
    truth = corpus.load_truth(proj / "corpus")
    victim = sorted(truth)[len(truth) // 2]
    notes: list[str] = []
    a = Side(f"one paper touched, N = {large}")
    a2 = Side(f"one paper touched, N = {large}, --omit-from pool")
    for i in range(large_reps + reps):
        no_pool = i >= large_reps
        corpus.touch_paper(proj / "corpus", victim)
        extra = ("--omit-from", "pool") if no_pool else ()
        dry = must(timed(snakemake(large, "-n", *extra), proj), "dry run")
        jobs = job_stats(dry.stdout + dry.stderr)
        papers = set(re.findall(r"paper_id=(\w+)", dry.stdout + dry.stderr))
        per_paper = {r: jobs.get(r, 0) for r in ("ingest", "extract", "candidates")}
        # the per-paper jobs of the touched paper only; the rest are review-wide downstream
        # jobs (combine, harmonise, pool, one plot job per endpoint, ...)
        if papers != {victim} or any(v != 1 for v in per_paper.values()):
            raise SystemExit(f"touching {victim} reruns more than its jobs: {jobs} {papers}")
        if i == 0 or i == large_reps:
            notes.append(
                f"dry-run job list after touching {victim}"
                + (" (--omit-from pool)" if no_pool else "")
                + ": "
                + ", ".join(f"{k} {v}" for k, v in jobs.items())
            )
        run = must(timed(snakemake(large, *extra), proj), "touch run")
        (a2 if no_pool else a).seconds.append(run.seconds)
        if i == 0 or i == large_reps:
            notes[-1] += "; wall time per rule: " + breakdown(run.stderr)
        log(f"touch {i + 1}: {run.seconds:.2f} s{' (no pool)' if no_pool else ''}")
    out = []
    if a.seconds:
        out.append(Result(f"touch one paper, N = {large}", a, small[0], 0.5, notes[:1]))
    if a2.seconds:
        out.append(
            Result(f"touch one paper, N = {large}, without pool", a2, small[1], 0.5, notes[1:])
        )
    return out


#: what issue 12 (methods v2) added to the config: side B of ``methods`` runs without them
METHODS_V2_ANALYSES = ("sens_ne_one_half", "sens_all_treated", "sens_heme_bounds", "sens_bayes")


def before_methods_v2(config_yaml: Path, out: Path) -> Path:
    """A config file for ``--configfile`` holding the analyses of ``config_yaml`` without
    :data:`METHODS_V2_ANALYSES` and no meta-regression moderators (the settings that
    existed before issue 12); every other value stays that of ``config_yaml``."""
    import yaml

    config = yaml.safe_load(config_yaml.read_text(encoding="utf-8"))
    override = {
        "analyses": [a for a in config["analyses"] if a not in METHODS_V2_ANALYSES],
        "meta_regression": {**config.get("meta_regression", {"min_k": 10}), "moderators": []},
    }
    out.write_text(yaml.safe_dump(override, sort_keys=False), encoding="utf-8")
    return out


def load_note(loads: list[float]) -> str:
    return f"1-minute load average {min(loads):.1f}-{max(loads):.1f} (at the start of each run)"


def bench_methods(tmp: Path, reps: int, log) -> list[Result]:
    """Issue 12's last criterion: the real review regenerated (``--forceall``, cache removed)
    with the config as is (A) vs the config of before issue 12 (B), alternately; CPU time of
    the process tree (the goal: the machine is shared) and wall time. Diagnostic: ``litmeta
    pool`` alone, cache off (``LITMETA_CACHE_DIR=``), on each side's analysis table and
    settings."""
    proj_a = project(tmp, "methods_a")
    proj_b = project(tmp, "methods_b")
    config_b = before_methods_v2(proj_b / "config/config.yaml", proj_b / "before_issue12.yaml")
    extra_b = ("--configfile", config_b.name)
    # each side runs its copy's package (ahead of an editable install of the work tree), so
    # that editing the work tree during the benchmark changes nothing measured
    env = {"a": {"PYTHONPATH": str(proj_a / "src")}, "b": {"PYTHONPATH": str(proj_b / "src")}}
    must(timed(snakemake(None), proj_a, env=env["a"]), "snakemake (config as is)")
    must(
        timed(snakemake(None, *extra_b), proj_b, env=env["b"]),
        "snakemake (config before issue 12)",
    )
    analyses_run = {
        key: {line.split(",", 1)[0] for line in (proj / "results/pooled.csv").open()}
        for key, proj in (("a", proj_a), ("b", proj_b))
    }
    if "sens_bayes" not in analyses_run["a"] or "sens_bayes" in analyses_run["b"]:
        raise SystemExit(f"side B did not leave out the issue 12 analyses: {analyses_run}")
    sides = {
        key: (Side(label), Side(label))
        for key, label in (
            ("a", "`snakemake --forceall`, real review, cache removed, config as is"),
            ("b", "same, `--configfile` without the issue 12 analyses"),
            ("pa", "`litmeta pool`, cache off, config as is"),
            ("pb", "same, analyses without those of issue 12"),
        )
    }
    loads: list[float] = []
    notes: list[str] = []

    def pool_cmd(proj: Path, config_files: list[Path]) -> list[str]:
        """`litmeta pool` as rule pool calls it, with the analyses and exclusions of
        ``config_files`` (the later ones override, as --configfile does)."""
        import yaml

        config: dict = {}
        for path in config_files:
            config.update(yaml.safe_load(path.read_text(encoding="utf-8")))
        out = tmp / "pool_out"
        out.mkdir(exist_ok=True)
        cmd = [tool("litmeta"), "pool", "results/analysis_table.csv"]
        cmd += ["--papers", "config/papers.tsv"]
        for name in config["analyses"]:
            cmd += ["--analysis", name]
        for name, ids in config.get("exclusions", {}).items():
            cmd += ["--exclude", f"{name}={','.join(ids)}"]
        for table in ("pooled", "subgroups", "loo", "weights"):
            cmd += [f"--{table}", str(out / f"{table}.csv")]
        return cmd

    pool_configs = {
        "pa": [proj_a / "config/config.yaml"],
        "pb": [proj_b / "config/config.yaml", config_b],
    }

    for i in range(reps):
        for key, proj, extra in (("a", proj_a, ()), ("b", proj_b, extra_b)):
            shutil.rmtree(proj / ".cache", ignore_errors=True)
            loads.append(os.getloadavg()[0])
            cmd = snakemake(None, "--forceall", *extra)
            run = must(timed(cmd, proj, env=env[key]), f"methods {key}")
            sides[key][0].seconds.append(run.cpu)
            sides[key][1].seconds.append(run.seconds)
            if i == 0:
                notes.append(f"side {key.upper()}, wall time per rule: " + breakdown(run.stderr))
        for key, proj in (("pa", proj_a), ("pb", proj_b)):
            loads.append(os.getloadavg()[0])
            pool_env = {"LITMETA_CACHE_DIR": "", **env[key[1]]}
            run = must(timed(pool_cmd(proj, pool_configs[key]), proj, env=pool_env), "pool")
            sides[key][0].seconds.append(run.cpu)
            sides[key][1].seconds.append(run.seconds)
        log(
            f"methods {i + 1}/{reps}: CPU A {sides['a'][0].seconds[-1]:.2f} s, "
            f"B {sides['b'][0].seconds[-1]:.2f} s; pool A {sides['pa'][0].seconds[-1]:.2f} s, "
            f"B {sides['pb'][0].seconds[-1]:.2f} s; load {os.getloadavg()[0]:.1f}"
        )
    notes.append(load_note(loads))
    return [
        Result(
            "methods v2: full regeneration, CPU (user + sys, process tree)",
            *[sides[k][0] for k in "ab"],
            1.10,
            notes,
        ),
        Result("same, wall time (diagnostic)", *[sides[k][1] for k in "ab"], None),
        Result("`litmeta pool` alone, CPU (diagnostic)", sides["pa"][0], sides["pb"][0], None),
        Result(
            "`litmeta pool` alone, wall time (diagnostic)",
            *[sides[k][1] for k in ("pa", "pb")],
            None,
        ),
    ]


# ------------------------------------------------- speed lane: N-dependent costs apart
def pdf_check_seconds(tmp: Path, n: int, log) -> float:
    """Wall seconds of rule pdf_check's work per paper (typeset in four layouts and read
    back, cache off), over ``n`` papers of the synthetic corpus, one after another."""
    from litmeta.ingest import read_paper
    from litmeta.pdf.check import check_paper

    folder = tmp / "pdf_check_corpus"
    corpus.write_corpus(folder, n, 0)
    rows = (folder / "papers.tsv").read_text(encoding="utf-8").splitlines()[1:]
    files = [(r.split("\t")[0], folder / "papers" / r.split("\t")[1]) for r in rows]
    old = os.environ.get("LITMETA_CACHE_DIR")
    os.environ["LITMETA_CACHE_DIR"] = ""
    try:
        start = time.perf_counter()
        for paper_id, path in files:
            check_paper(paper_id, read_paper(path))
        per_paper = (time.perf_counter() - start) / len(files)
    finally:
        if old is None:
            os.environ.pop("LITMETA_CACHE_DIR")
        else:
            os.environ["LITMETA_CACHE_DIR"] = old
    log(f"pdf_check: {per_paper:.2f} s per paper ({len(files)} papers)")
    return per_paper


def bench_scale_without_pdf_check(
    tmp: Path, reps: int, large: int, small: int, log, memory: dict
) -> list[Result]:
    """N = large vs N = small with ``--omit-from pdf_check`` (which also leaves out
    extracted_readme, the one rule that reads its outputs): everything else of the full run,
    with the peak memory of the large run. One large run; ``reps`` small ones."""
    a = Side(f"N = {large}, --omit-from pdf_check")
    b = Side(f"N = {small}, --omit-from pdf_check")
    notes: list[str] = []
    for i in range(reps):
        if i == 0:
            proj = project(tmp, "large_nopdf", large)
            cmd = snakemake(large, "--omit-from", "pdf_check")
            run = must(timed(cmd, proj, memory=True), f"N = {large}, no pdf_check")
            a.seconds.append(run.seconds)
            memory["nopdf_peak_tree_mb"] = run.peak_tree_mb
            memory["nopdf_peak_proc_mb"] = run.peak_proc_mb
            notes.append(f"N = {large}, wall time per rule: " + breakdown(run.stderr, top=9))
            log(f"scale/no pdf_check: N = {large} {run.seconds:.1f} s, {run.peak_tree_mb:.0f} MB")
        proj_s = project(tmp, "small_nopdf", small)
        run_s = must(timed(snakemake(small, "--omit-from", "pdf_check"), proj_s), "N small")
        b.seconds.append(run_s.seconds)
        if i == 0:
            notes.append(f"N = {small}, wall time per rule: " + breakdown(run_s.stderr, top=9))
        log(f"scale/no pdf_check {i + 1}/{reps}: N = {small} {run_s.seconds:.2f} s")
    return [Result(f"N = {large} vs N = {small}, without pdf_check", a, b, 10.0, notes)]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    names = ("full", "real", "noop", "scale", "touch", "methods", "scale_nopdf", "pdf_check")
    ap.add_argument("--only", nargs="+", choices=names, default=list(names))
    ap.add_argument("--reps", type=int, default=3, help="repetitions (default 3)")
    ap.add_argument(
        "--large-reps",
        type=int,
        default=3,
        help="repetitions of the runs that include pool at N = --large (default 3: about "
        "2.5 minutes each on 2 cores, see README)",
    )
    ap.add_argument("--large", type=int, default=500)
    ap.add_argument("--small", type=int, default=5)
    ap.add_argument("--json", type=Path, help="also write the results as JSON here")
    ap.add_argument("--keep", action="store_true", help="keep the scratch folder")
    args = ap.parse_args(argv)

    def log(msg: str) -> None:
        print(f"[{time.strftime('%H:%M:%S')}] {msg}", file=sys.stderr, flush=True)

    tmp = Path(tempfile.mkdtemp(prefix="litmeta-bench-"))
    log(f"scratch folder {tmp}")
    results: list[Result] = []
    memory: dict = {}
    try:
        if "full" in args.only:
            results += bench_full(tmp, args.reps, log)
        if "real" in args.only:
            results.append(bench_real(tmp, args.reps, log))
        if "noop" in args.only:
            results.append(bench_noop(tmp, args.reps, log))
        if "methods" in args.only:
            results += bench_methods(tmp, args.reps, log)
        if "pdf_check" in args.only:
            memory["pdf_check_s_per_paper"] = pdf_check_seconds(tmp, args.small, log)
        if "scale_nopdf" in args.only:
            results += bench_scale_without_pdf_check(
                tmp, args.reps, args.large, args.small, log, memory
            )
        small = None
        if "scale" in args.only:
            scale = bench_scale(
                tmp, args.reps, args.large_reps, args.large, args.small, log, memory
            )
            results += scale
            small = (scale[0].b, scale[1].b)
        if "touch" in args.only:
            if small is None:
                small = (
                    Side(f"full run, N = {args.small}"),
                    Side(f"N = {args.small}, --omit-from pool"),
                )
                for _ in range(args.reps):
                    for side, extra in zip(small, ((), ("--omit-from", "pool")), strict=True):
                        p = project(tmp, "small", args.small)
                        run = must(timed(snakemake(args.small, *extra), p), "N small")
                        side.seconds.append(run.seconds)
            results += bench_touch(tmp, args.reps, args.large_reps, args.large, small, log)
    finally:
        if not args.keep:
            shutil.rmtree(tmp, ignore_errors=True)
    extras = {}
    if "nopdf_peak_tree_mb" in memory:
        extras[f"peak memory, N = {args.large}, --omit-from pdf_check"] = (
            f"{memory['nopdf_peak_tree_mb']:.0f} MB process tree, "
            f"{memory['nopdf_peak_proc_mb']:.0f} MB largest process"
        )
    if "pdf_check_s_per_paper" in memory:
        extras["pdf_check per paper (in one process, cache off)"] = (
            f"{memory['pdf_check_s_per_paper']:.2f} s wall"
        )
    if "peak_tree_mb" in memory:
        extras[f"peak memory, N = {args.large} full run"] = (
            f"{memory['peak_tree_pss_mb']:.0f} MB process tree (PSS; "
            f"{memory['peak_tree_mb']:.0f} MB RSS summed), "
            f"{memory['peak_proc_mb']:.0f} MB largest process"
        )
    head = (
        f"{date.today().isoformat()}, nproc = {os.cpu_count()}, "
        f"{platform.python_implementation()} {platform.python_version()}, "
        f"snakemake --cores {CORES}"
    )
    print(head)
    print()
    print(table(results, extras))
    for r in results:
        for note in r.notes:
            print(f"\n{r.name}: {note}")
    if args.json:
        args.json.write_text(
            json.dumps(
                {
                    "header": head,
                    "results": [
                        asdict(r) | {"ratio_min": r.ratio_min, "ratio_median": r.ratio_median}
                        for r in results
                    ],
                    "memory": memory,
                },
                indent=1,
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
