"""envs/*.yaml (conda, one per rule group) must list the same pins as pyproject.toml."""

import re
import tomllib

import yaml
from conftest import ROOT


def pyproject_pins() -> dict[str, str]:
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    deps = data["project"]["dependencies"] + data["project"]["optional-dependencies"]["test"]
    pins = {}
    for dep in deps:
        m = re.fullmatch(r"([A-Za-z0-9_.-]+)==([^\s;]+)", dep)
        assert m, f"pyproject dependency {dep!r} is not pinned with =="
        pins[m.group(1).lower()] = m.group(2)
    return pins


def env_pins(path) -> dict[str, str]:
    env = yaml.safe_load(path.read_text())
    pins = {}
    for dep in env["dependencies"]:
        if isinstance(dep, str) and "=" in dep and not dep.startswith("python="):
            name, version = re.split(r"==?", dep, maxsplit=1)
            pins[name.lower()] = version
    return pins


def test_every_env_file_matches_pyproject():
    want = pyproject_pins()
    envs = sorted((ROOT / "envs").glob("*.yaml"))
    assert len(envs) >= 3
    for path in envs:
        got = env_pins(path)
        assert got, path
        for name, version in got.items():
            assert name in want, f"{path.name}: {name} is not a pyproject dependency"
            assert version == want[name], f"{path.name}: {name}={version}, pyproject {want[name]}"


def test_every_runtime_dependency_is_in_some_env():
    data = tomllib.loads((ROOT / "pyproject.toml").read_text())
    runtime = {re.split("==", d)[0].lower() for d in data["project"]["dependencies"]}
    covered = set()
    for path in (ROOT / "envs").glob("*.yaml"):
        covered |= set(env_pins(path))
    assert runtime <= covered, runtime - covered


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
