"""The stage layers of the package, read from its import statements (docs/architecture.md):
ingest -> extract -> harmonise -> analyse -> plots | report. A stage imports the ground
floor, its own stage and earlier stages, never a later one; plots and report are siblings.
(tests/test_layers.py checks at run time what the ground floor and the report load.)"""

from __future__ import annotations

import ast
from functools import cache

from conftest import ROOT

PACKAGE = ROOT / "src" / "litmeta"

#: the order of the stages; a module may import its own stage and those before it
ORDER = ("ground", "ingest", "extract", "harmonise", "analyse", "plots", "report", "entry")

#: module (or package prefix) -> stage; the longest matching prefix wins
STAGES = {
    # ground floor: contracts and plumbing every stage may use
    "litmeta": "ground",  # the package's __init__ only: a new module must be placed here
    "litmeta.errors": "ground",
    "litmeta.atomic": "ground",
    "litmeta.cache": "ground",
    "litmeta.encoding": "ground",
    "litmeta.lifeline": "ground",
    "litmeta.forked": "ground",
    "litmeta.normalise": "ground",
    "litmeta.yamlsafe": "ground",
    "litmeta.schema_errors": "ground",
    "litmeta.review_inputs": "ground",
    "litmeta.sheet": "ground",
    "litmeta.protocol": "ground",
    "litmeta.tables": "ground",
    "litmeta.fmt": "ground",
    "litmeta.textindex": "ground",  # the search view of a paper (extract, pdf check, MINORS)
    "litmeta.intervals": "ground",  # a cohort's own 95% CI and the k = 1 estimate
    # stages
    "litmeta.ingest": "ingest",
    "litmeta.pdf": "ingest",
    "litmeta.extract": "extract",
    "litmeta.harmonise": "harmonise",
    "litmeta.stats": "analyse",
    "litmeta.analyses": "analyse",
    "litmeta.metaregression": "analyse",
    "litmeta.certainty": "analyse",
    "litmeta.plots": "plots",
    "litmeta.report": "report",
    # the command line and the rule functions call every stage
    "litmeta.cli": "entry",
    "litmeta.jobs": "entry",  # one function per rule
    "litmeta.workbench": "entry",  # `litmeta workbench`: a page over the extract stage
}

#: upward imports that exist today and are being removed in parallel work (issue 14):
#: (importer, imported) -> why it is still here. test_pending_exceptions_are_still_real keeps
#: this list honest: an entry that no longer exists must be deleted.
PENDING = {}


def module_name(path) -> str:
    rel = path.relative_to(PACKAGE.parent).with_suffix("")
    parts = rel.parts[:-1] if rel.name == "__init__" else rel.parts
    return ".".join(parts)


def is_module(name: str) -> bool:
    base = PACKAGE.parent.joinpath(*name.split("."))
    return base.with_suffix(".py").is_file() or (base / "__init__.py").is_file()


@cache
def imports() -> dict[str, set[str]]:
    """litmeta module -> the litmeta modules it imports (at the top or inside a function)."""
    graph: dict[str, set[str]] = {}
    for path in sorted(PACKAGE.rglob("*.py")):
        name = module_name(path)
        package = name if path.name == "__init__.py" else name.rpartition(".")[0]
        found: set[str] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {a.name for a in node.names if a.name.split(".")[0] == "litmeta"}
            elif isinstance(node, ast.ImportFrom):
                if node.level:
                    base = package.split(".")[: len(package.split(".")) - node.level + 1]
                    target = ".".join([*base, *([node.module] if node.module else [])])
                else:
                    target = node.module or ""
                if target.split(".")[0] != "litmeta":
                    continue
                for alias in node.names:  # "from . import fmt": the submodule fmt
                    sub = f"{target}.{alias.name}"
                    found.add(sub if is_module(sub) else target)
        graph[name] = found - {name}
    return graph


def stage(module: str) -> str:
    parts = module.split(".")
    for i in range(len(parts), 1 if len(parts) > 1 else 0, -1):
        prefix = ".".join(parts[:i])
        if prefix in STAGES:
            return STAGES[prefix]
    raise AssertionError(f"{module}: no stage in tests/test_layers.py STAGES")


def upward() -> set[tuple[str, str]]:
    """(importer, imported) pairs where a stage reaches a later stage or its sibling."""
    bad = set()
    for importer, targets in imports().items():
        s = stage(importer)
        for target in targets:
            t = stage(target)
            if ORDER.index(t) > ORDER.index(s) or {s, t} == {"plots", "report"}:
                bad.add((importer, target))
    return bad


def test_the_graph_is_read():
    graph = imports()
    assert "litmeta.fmt" in graph["litmeta.plots.forest"]
    assert "litmeta.extract.anchor" in graph["litmeta.certainty.minors"]
    assert {stage(m) for m in graph} == set(ORDER)


def test_every_module_has_a_stage():
    for module in imports():
        assert stage(module) in ORDER


def test_no_stage_imports_a_later_stage():
    """Apart from the pending exceptions (and report -> plots, below), every import goes
    down the layers: ingest -> extract -> harmonise -> analyse -> plots | report."""
    bad = {
        (a, b)
        for a, b in upward()
        if (a, b) not in PENDING and not (stage(a) == "report" and stage(b) == "plots")
    }
    assert not bad, "\n".join(f"{a} ({stage(a)}) imports {b} ({stage(b)})" for a, b in sorted(bad))


def test_pending_exceptions_are_still_real():
    """Each pending exception is an upward import that exists: once it is removed, delete
    its entry so that it cannot come back unnoticed."""
    stale = set(PENDING) - upward()
    assert not stale, f"no longer imported, delete from PENDING: {sorted(stale)}"


def test_report_never_imports_plots():
    bad = sorted((a, b) for a, b in upward() if stage(a) == "report" and stage(b) == "plots")
    assert not bad, bad
