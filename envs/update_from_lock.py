"""Rewrite the pins of envs/*.yaml from requirements.lock: the packages litmeta needs at run
time and everything they need, at the locked versions (each environment installs the package
with `pip install -e ..`, which needs all of them).

Run after refreshing the lock (README.md, "The locked environment"):
    python envs/update_from_lock.py
It reads the requirements of the installed packages, so run it in the environment installed
from the lock; tests/test_env_pins.py checks the result.
"""

from __future__ import annotations

import re
import sys
from importlib import metadata
from pathlib import Path

from packaging.requirements import Requirement

ENVS = Path(__file__).resolve().parent
LOCK = ENVS.parent / "requirements.lock"
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)==([^\s;\\]+)")
#: PyPI name -> conda-forge name, where they differ
CONDA_NAME = {"pdfminer-six": "pdfminer.six"}
START, END = "  # pins from requirements.lock (envs/update_from_lock.py)\n", "  - pip\n"


def canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def locked() -> dict[str, str]:
    return {
        canonical(m.group(1)): m.group(2)
        for line in LOCK.read_text().splitlines()
        if (m := PIN.match(line))
    }


def requirements(name: str) -> set[str]:
    """The packages ``name`` needs at run time (no extras), as installed."""
    needed = set()
    for text in metadata.requires(name) or ():
        req = Requirement(text)
        if req.marker is None or req.marker.evaluate({"extra": ""}):
            needed.add(canonical(req.name))
    return needed


def closure(names: set[str], lock: dict[str, str]) -> list[str]:
    todo, seen = list(names), set()
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        if name not in lock:
            sys.exit(f"error: {name} is needed but not in {LOCK.name}")
        seen.add(name)
        todo.extend(requirements(name) - seen)
    return sorted(seen)


def render(text: str, lock: dict[str, str]) -> str:
    head, rest = text.split(START, 1)
    tail = rest[rest.index(END) :]
    pins = "".join(
        f"  - {CONDA_NAME.get(n, n)}={lock[n]}\n" for n in closure(requirements("litmeta"), lock)
    )
    return head + START + pins + tail


def main() -> None:
    lock = locked()
    for path in sorted(ENVS.glob("*.yaml")):
        path.write_text(render(path.read_text(), lock))


if __name__ == "__main__":
    main()
