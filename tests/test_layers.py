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
