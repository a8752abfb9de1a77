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
