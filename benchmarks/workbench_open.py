"""How long `litmeta workbench` takes to open a paper of 1,000 lines (issue 27: under 2 s).

    python benchmarks/workbench_open.py [--lines 1000] [--reps 5]

The launch drafts in this process while the candidate finder runs in a second one, so
on a machine whose two cores are free its wall time is the longer of the two, not their sum.
The paper is the real papers' normalised text (extracted/text/*.txt) laid end to end and cut
at ``--lines`` lines, so its numbers, sentences and tables are real ones. In a scratch
project holding only that paper and its sheet row, each repetition times the launch (read
and normalise the paper, draft its spec, find its candidates, run the empty spec's checks)
and the first page the browser gets (HTTP GET of the whole page over 127.0.0.1), then a
click on a number (GET with ``pick``, which builds that number's anchors). Prints the
minimum and median of each, and exits non-zero when the median launch plus first page
takes 2 s or more.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEADER = "paper_id\tfile\tsha256\tcitation\tyear\tdoi\tlicence\tdesign\tsource\n"


def paper_text(lines: int) -> str:
    out: list[str] = []
    texts = sorted((ROOT / "extracted/text").glob("*.txt"))
    while len(out) < lines:
        for path in texts:
            out.extend(path.read_text(encoding="utf-8").split("\n"))
    return "\n".join(out[:lines]) + "\n"


def project(folder: Path, lines: int) -> Path:
    (folder / "config").mkdir(parents=True)
    (folder / "papers").mkdir()
    (folder / "papers/bench.txt").write_text(paper_text(lines), encoding="utf-8")
    row = "bench2026\tbench.txt\t0\tBenchmark\t2026\t\t\t\tfull_text\n"
    (folder / "config/papers.tsv").write_text(HEADER + row, encoding="utf-8")
    return folder


def cpu() -> float:
    """CPU seconds of this process and its finished children (the candidate finder's)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def once(root: Path) -> tuple[float, float, float, int, float]:
    import re

    from litmeta.workbench.server import Workbench, serve, url

    start, cpu_start = time.perf_counter(), cpu()
    bench = Workbench(root, "bench2026")
    launched, cpu_launched = time.perf_counter(), cpu()
    server = serve(bench)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        with urllib.request.urlopen(url(bench, server)) as resp:
            page = resp.read().decode("utf-8")
        shown = time.perf_counter()
        pick = re.search(r'class="n drafted[^"]*" href="/\?pick=(\d+)', page)
        pick = pick or re.search(r'href="/\?pick=(\d+)', page)
        clicked = time.perf_counter()
        with urllib.request.urlopen(f"{url(bench, server)}&pick={pick.group(1)}") as resp:
            resp.read()
        picked = time.perf_counter()
    finally:
        server.shutdown()
        server.server_close()
    count = page.count('class="n ')
    return launched - start, shown - launched, picked - clicked, count, cpu_launched - cpu_start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--lines", type=int, default=1000)
    ap.add_argument("--reps", type=int, default=5)
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        root = project(Path(tmp), args.lines)
        runs = [once(root) for _ in range(args.reps)]
    names = ("launch", "first page", "click a number")
    print(f"paper of {args.lines} lines, {runs[0][3]} numbers on the page, {args.reps} runs")
    print(
        f"  load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs"
        " (wall times need a quiet machine)"
    )
    for i, name in enumerate(names):
        times = [r[i] for r in runs]
        print(f"  {name:<15} min {min(times):.3f} s  median {statistics.median(times):.3f} s")
    cpu_median = statistics.median(r[4] for r in runs)
    print(f"  launch CPU time (both processes) median {cpu_median:.3f} s")
    total = statistics.median(r[0] + r[1] for r in runs)
    print(f"  open (launch + first page) median {total:.3f} s: goal < 2 s", end=" ")
    print("met" if total < 2 else "NOT met")
    return 0 if total < 2 else 1


if __name__ == "__main__":
    sys.exit(main())
