"""envs/*.yaml (conda, one per rule group) carry the versions of requirements.lock, and
pyproject.toml's runtime pins are all imported."""

import re
import tomllib

import yaml
from conftest import ROOT
from test_lock import RUNTIME_LOCK, canonical, locked

#: conda-forge name -> PyPI name, where they differ (envs/update_from_lock.py)
PYPI_NAME = {"pdfminer.six": "pdfminer-six"}


def env_pins(path) -> dict[str, str]:
    env = yaml.safe_load(path.read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep and not dep.startswith("python="):
            name, version = re.split(r"==?", dep, maxsplit=1)
            pins[canonical(PYPI_NAME.get(name, name))] = version
    return pins


def test_every_env_file_is_the_runtime_lock():
    """Each environment installs the package (`-e ..`), which needs every runtime package:
    each holds the whole of requirements.lock at its versions, and nothing else."""
    want = locked(RUNTIME_LOCK)
    envs = sorted((ROOT / "envs").glob("*.yaml"))
    assert len(envs) >= 3
    for path in envs:
        got = env_pins(path)
        other = {n: (v, want.get(n)) for n, v in got.items() if want.get(n) != v}
        assert not other, f"{path.name}: (env, lock) versions differ: {other}"
        assert set(got) == set(want), f"{path.name}: missing {sorted(set(want) - set(got))}"


def test_conda_rules_reference_existing_env_files():
    """Each conda: path (relative to its rule file, as Snakemake reads it) exists."""
    refs = []
    for smk in (ROOT / "workflow/rules").glob("*.smk"):
        for ref in re.findall(r'conda:\s*\n\s*"([^"]+)"', smk.read_text()):
            refs.append(ref)
            assert (smk.parent / ref).resolve().is_file(), (smk.name, ref)
    assert refs


#: distribution name -> the module it is imported as, where they differ
MODULE_OF = {"pyyaml": "yaml"}


def _imported_modules(folder) -> set[str]:
    import ast

    found = set()
    for path in folder.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                found.add(node.module.split(".")[0])
    return found


def test_every_runtime_dependency_is_imported_by_the_package():
    """No pinned runtime package sits idle: each is imported by src/litmeta (snakemake runs
    the Snakefile). A library only the tests use belongs to the `test` extra."""
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = {re.split("==", d)[0].lower() for d in data["project"]["dependencies"]}
    imported = _imported_modules(ROOT / "src" / "litmeta") | {"snakemake"}
    idle = {d for d in runtime if MODULE_OF.get(d, d) not in imported}
    assert not idle, f"pinned at run time but imported by nothing in src/litmeta: {idle}"
