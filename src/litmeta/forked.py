"""Work spread over forked worker processes: the plots (``litmeta plots``) and the analyses'
endpoint x setting blocks (``litmeta pool``).

Workers are forked after the caller has loaded its modules and data, so each item costs its
own work only; they die with their parent (:func:`die_with_parent`), and results come back in
the order of the items, so the output is the same for any number of workers.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from typing import TypeVar

T = TypeVar("T")
R = TypeVar("R")


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, which cgroups and SLURM set)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """Worker initialiser: the kernel kills the worker when its parent dies (Linux
    PR_SET_PDEATHSIG), so a killed command leaves no orphan working on."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when the parent's pipe closes
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def map_forked(
    function: Callable[[T], R],
    items: Sequence[T],
    jobs: int,
    cost: Callable[[T], float] | None = None,
) -> list[R]:
    """``[function(item) for item in items]``, in up to ``jobs`` forked workers (capped at
    the usable CPUs and the number of items; one: in this process). ``function`` must be a
    module-level function (it is pickled by name); what it reads besides its item, the
    caller sets in a module global before calling. With ``cost``, the costliest items start
    first, so that no large item starts last while the other workers idle."""
    jobs = max(1, min(jobs, usable_cpus(), len(items)))
    if jobs == 1:
        return [function(item) for item in items]
    order = sorted(range(len(items)), key=lambda i: -cost(items[i])) if cost else range(len(items))
    with ProcessPoolExecutor(
        jobs,
        mp_context=get_context("fork"),
        initializer=die_with_parent,
        initargs=(os.getpid(),),
    ) as pool:
        futures = {i: pool.submit(function, items[i]) for i in order}
        return [futures[i].result() for i in range(len(items))]
