"""The locked environment: requirements.lock (the pipeline) and requirements-test.lock (with
the `test` extra) name every package with its exact version and hashes; README's commands
install from them. These tests fail when the installed environment differs from the lock
(the committed plots are byte-identical only there), or when the locks, pyproject.toml and
envs/*.yaml disagree."""

import re
import tomllib
from importlib import metadata

import pytest
from conftest import ROOT

RUNTIME_LOCK = ROOT / "requirements.lock"
TEST_LOCK = ROOT / "requirements-test.lock"
#: installed by `python3 -m venv` itself or by pip to build the editable package; they do
#: not run in the pipeline and differ with the Python build, not with the lock
INSTALLER_TOOLS = {"pip", "setuptools", "wheel"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")


def canonical(name: str) -> str:
    """PEP 503 normalised name: `PyYAML`, `pdfminer.six` and `pdfminer-six` compare equal."""
    return re.sub(r"[-_.]+", "-", name).lower()


def locked(path) -> dict[str, str]:
    pins = {}
    for line in path.read_text().splitlines():
        m = PIN.match(line)
        if m:
            pins[canonical(m.group(1))] = m.group(2)
    return pins


def test_lock_lines_are_exact_pins_with_hashes():
    for path in (RUNTIME_LOCK, TEST_LOCK):
        text = path.read_text()
        entries = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[2])
        assert len(entries) == len(locked(path)) > 10, path.name
        for entry in entries:
            assert PIN.match(entry), f"{path.name}: not an exact pin: {entry.splitlines()[0]}"
            assert "--hash=sha256:" in entry, f"{path.name}: no hash for {entry.splitlines()[0]}"


def test_installed_environment_is_the_lock():
    """Every package of requirements-test.lock is installed at its version, and nothing
    else is installed (a fresh `pip install` without the lock fails here)."""
    want = locked(TEST_LOCK)
    have = {
        canonical(d.metadata["Name"]): d.version
        for d in metadata.distributions()
        if d.metadata["Name"]
    }
    have.pop("litmeta", None)
    missing = sorted(f"{n}=={v}" for n, v in want.items() if n not in have)
    other = sorted(
        f"{n} {have[n]} (lock {v})" for n, v in want.items() if n in have and have[n] != v
    )
    extra = sorted(
        f"{n}=={v}" for n, v in have.items() if n not in want | dict.fromkeys(INSTALLER_TOOLS)
    )
    assert not (missing or other or extra), (
        "the environment is not requirements-test.lock (README: 'The locked environment'): "
        f"missing {missing}, other versions {other}, not in the lock {extra}"
    )


def test_runtime_lock_is_the_test_lock_less_the_test_extra():
    runtime, test = locked(RUNTIME_LOCK), locked(TEST_LOCK)
    assert {n: test.get(n) for n in runtime} == runtime
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    runtime_pins = {canonical(d.split("==")[0]) for d in pyproject["dependencies"]}
    assert runtime_pins <= set(runtime)
    assert "pytest" in test and "pytest" not in runtime


@pytest.mark.parametrize("group", ["dependencies", "test"])
def test_pyproject_pins_are_the_locked_versions(group):
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    deps = project[group] if group == "dependencies" else project["optional-dependencies"][group]
    test = locked(TEST_LOCK)
    for dep in deps:
        name, version = dep.split("==")
        assert test.get(canonical(name)) == version, f"pyproject {dep}, lock {test.get(name)}"
