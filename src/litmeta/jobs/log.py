"""The log and error handling of an in-process (``run:``) rule."""

from __future__ import annotations

import time
from collections.abc import Sequence
from pathlib import Path

from ..errors import InputError


class job_log:
    """``with job_log(log, rule): extract.extract(**input, **output, **params)`` in a rule's
    ``run:``.

    Writes what happened to ``log``. A user error (:class:`InputError`) leaves with its call
    stack cut after the rule's own frame, so Snakemake shows the message and the rule's
    location (which it needs to format the error), no frame of the package."""

    def __init__(self, log: str | Sequence[str], name: str) -> None:
        self.log = Path(log if isinstance(log, str) else log[0])  # a rule's `log` or a path
        self.name = name

    def __enter__(self) -> job_log:
        self.log.parent.mkdir(parents=True, exist_ok=True)
        self.start = time.perf_counter()
        return self

    def __exit__(self, kind: object, exc: BaseException | None, tb: object) -> bool:
        if exc is None:
            elapsed = time.perf_counter() - self.start
            self.log.write_text(f"{self.name}: ok ({elapsed:.3f} s)\n", encoding="utf-8")
        elif isinstance(exc, InputError):
            self.log.write_text(f"error: {exc}\n", encoding="utf-8")
            if tb is not None:  # keep the rule's frame (tb's first entry), drop the package's
                tb.tb_next = None  # type: ignore[attr-defined]
            exc.__suppress_context__ = True
        return False  # never swallow
