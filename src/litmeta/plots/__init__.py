"""Plots of the synthesis: forest plots, sensitivity plots and leave-one-out plots.

=================  ==========================================================================
module             what
=================  ==========================================================================
``style``          palette (Okabe-Ito), fonts, text measurement, deterministic atomic savefig
``fmt``            number formatting shared by the plots and the report (one source of truth)
``data``           the result tables, read once and sliced per endpoint and setting
``layout``         a generic "text columns + interval panel" figure (rows, squares, diamonds)
``forest``         forest plot per endpoint (primary analysis, both settings)
``sensitivity``    every analysis of pooled.csv for one endpoint, primary highlighted
``loo``            leave-one-out estimates for one endpoint
=================  ==========================================================================

:func:`render_endpoint` draws the three plots of one endpoint, in SVG, PNG (300 dpi, lower for
a plot too tall for :data:`style.MAX_PNG_PIXELS`) and PDF,
with fixed metadata so that the bytes depend only on the inputs; :func:`render_all` draws
every endpoint in one process and its forked workers (matplotlib imported once, not once per
endpoint).
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

KINDS = ("forest", "sensitivity", "loo")
FORMATS = ("svg", "png", "pdf")


def render_endpoint(
    endpoint: str,
    tables: object,
    out_dir: str | Path,
    kinds: tuple[str, ...] = KINDS,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """Draw the ``kinds`` plots of ``endpoint`` from ``tables`` (:class:`data.Tables`) into
    ``out_dir/<kind>_<endpoint>.<format>``; return the paths written."""
    from . import forest, loo, sensitivity
    from .style import save_figure

    builders = {"forest": forest.figure, "sensitivity": sensitivity.figure, "loo": loo.figure}
    written: list[Path] = []
    for kind in kinds:
        fig = builders[kind](endpoint, tables)
        written += save_figure(fig, Path(out_dir) / f"{kind}_{endpoint}", formats)
    return written


def usable_cpus() -> int:
    """CPUs this process may run on (its affinity mask, which cgroups and SLURM set)."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def die_with_parent(parent: int) -> None:
    """Worker initialiser: the kernel kills the worker when its parent dies (Linux
    PR_SET_PDEATHSIG), so a killed `litmeta plots` leaves no orphan drawing on."""
    import ctypes
    import signal

    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(1, signal.SIGKILL)  # 1 = PR_SET_PDEATHSIG
    except (OSError, AttributeError):  # not Linux: workers end when the parent's pipe closes
        pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)


def render_all(
    endpoints: Sequence[str],
    tables: object,
    out_dir: str | Path,
    jobs: int = 1,
    kinds: tuple[str, ...] = KINDS,
    formats: tuple[str, ...] = FORMATS,
) -> list[Path]:
    """:func:`render_endpoint` for each of ``endpoints``, in up to ``jobs`` worker processes
    (capped at the usable CPUs). Workers are forked after the plotting modules and the tables
    are loaded, so each endpoint costs its drawing only. Same bytes for any ``jobs``."""
    from . import forest, loo, sensitivity, style  # noqa: F401  (loaded before the fork)

    jobs = max(1, min(jobs, usable_cpus(), len(endpoints)))
    if jobs == 1:
        return [p for e in endpoints for p in render_endpoint(e, tables, out_dir, kinds, formats)]
    with ProcessPoolExecutor(
        jobs, mp_context=get_context("fork"), initializer=die_with_parent, initargs=(os.getpid(),)
    ) as pool:
        futures = [
            pool.submit(render_endpoint, e, tables, out_dir, kinds, formats) for e in endpoints
        ]
        return [p for f in futures for p in f.result()]
