"""The layers show in the imports: the shared contracts (protocol, tables, fmt) sit on the
ground floor, and the report reads the result tables without the plotting stack."""

from __future__ import annotations

import subprocess
import sys

import pytest

HEAVY = ("matplotlib", "numpy", "pandas", "scipy")


def imported(*modules: str) -> set[str]:
    """Every module a fresh interpreter holds after importing ``modules``."""
    code = f"import sys\nimport {', '.join(modules)}\nprint('\\n'.join(sys.modules))"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return set(out.stdout.split())


@pytest.mark.parametrize("module", ["litmeta.protocol", "litmeta.tables", "litmeta.fmt"])
def test_ground_floor_imports_nothing_heavy(module):
    loaded = imported(module)
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
    own = {m for m in loaded if m.startswith("litmeta.")}
    allowed = {"litmeta.protocol", "litmeta.tables", "litmeta.fmt", "litmeta.atomic"}
    assert own <= allowed | {"litmeta.errors"}, own - allowed


def test_report_does_not_import_plots_or_matplotlib():
    loaded = imported("litmeta.report.evidence", "litmeta.report.summary_of_findings")
    assert not {m for m in loaded if m.startswith(("matplotlib", "litmeta.plots"))}


def test_the_snakefile_parse_imports_nothing_heavy():
    """What the Snakefile and its rule files import at parse time runs on every `snakemake`
    call, a no-op rerun included (benchmarks/README.md: no-op within 1.3x a one-rule
    Snakefile): no numpy, scipy, pandas or matplotlib, which the jobs import when they run.
    The modules are read from the rule files' own import lines."""
    import re

    from conftest import ROOT

    sources = [ROOT / "Snakefile", *sorted((ROOT / "workflow/rules").glob("*.smk"))]
    modules = set()
    for path in sources:
        for line in path.read_text(encoding="utf-8").splitlines():
            m = re.match(r"\s*from (litmeta[\w.]*) import ([\w, ]+?)(?: as \w+)?$", line)
            if m:
                modules |= {
                    f"{m.group(1)}.{n.strip()}"
                    if n.strip() in {"extract", "certainty", "pool", "ingest", "metaregression"}
                    else m.group(1)
                    for n in m.group(2).split(",")
                }
    assert "litmeta.metaregression" in modules and "litmeta.jobs.pool" in modules
    loaded = imported(*sorted(modules))
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}
