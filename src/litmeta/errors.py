"""User-facing errors: each names the file (and line or spec entry) and what to fix.

The CLI and the Snakefile print these as one or two lines, without a Python traceback.
"""

from __future__ import annotations


class InputError(Exception):
    """A problem with something the user supplied: a paper, a spec, the config or the sheet."""

    def __init__(self, where: str, reason: str, fix: str = "") -> None:
        self.where = where
        self.reason = reason
        self.fix = fix
        msg = f"{where}: {reason}"
        if fix:
            msg += f"\n  fix: {fix}"
        super().__init__(msg)

    def __reduce__(self):  # survives the trip back from a worker process
        return (type(self), (self.where, self.reason, self.fix))


class OutputError(InputError):
    """An output that cannot be written (a full disk, a read-only folder): one line naming the
    file and the system's reason, shown like an input error, without a traceback."""

    @classmethod
    def of(cls, path: str, exc: OSError) -> OutputError:
        return cls(
            str(path),
            f"cannot write ({exc.strerror or type(exc).__name__})",
            "free disk space or make the folder writable, then run again",
        )
