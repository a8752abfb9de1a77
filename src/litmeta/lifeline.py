"""Processes that end with the run that started them.

Snakemake starts `litmeta` commands through a shell; if Snakemake itself is killed
(``kill -9``, an out-of-memory kill), nothing tells that shell or its children, and a
plotting process would draw on for a minute as an orphan. The Snakefile puts its own process
id in ``LITMETA_PARENT_PID``; :func:`watch_parent` ends the command as soon as that process is
gone, and plotting workers die with the command (``forked.die_with_parent``).
"""

from __future__ import annotations

import os
import threading
import time

ENV = "LITMETA_PARENT_PID"


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    try:  # a killed parent not yet reaped by its own parent is a zombie: gone for us
        with open(f"/proc/{pid}/stat", encoding="ascii") as fh:
            return fh.read().rsplit(")", 1)[1].split()[0] != "Z"
    except OSError:
        return True


def mark_parent() -> None:
    """Name this process (Snakemake's) as the one the jobs' commands live with."""
    os.environ[ENV] = str(os.getpid())


def watch_parent(interval: float = 0.5) -> None:
    """If ``LITMETA_PARENT_PID`` names a process, exit (status 1) once it has ended."""
    try:
        pid = int(os.environ.get(ENV, ""))
    except ValueError:
        return
    if pid == os.getpid():
        return

    def watch() -> None:
        while _alive(pid):
            time.sleep(interval)
        os._exit(1)

    threading.Thread(target=watch, name="litmeta-lifeline", daemon=True).start()
