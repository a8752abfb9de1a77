"""Compare extracted values with a paper's true values."""

from __future__ import annotations

import math
from collections.abc import Iterable

from litmeta.tables import num


def _same(want: object, value: float | None, text: str) -> bool:
    if isinstance(want, str):  # NR / NE
        return text == want and (value is None or math.isnan(value))
    return value is not None and not math.isnan(value) and abs(value - float(want)) < 1e-9


def compare(truth: dict, got: dict[tuple[str, str], tuple[float | None, str]]) -> list[str]:
    """Mismatches between one paper's truth and extracted values.

    ``got`` maps (cohort_id, "endpoint.statistic") to (value or None, value_text).
    """
    problems = []
    for cohort, info in truth["cohorts"].items():
        for ref, want in info["values"].items():
            have = got.get((cohort, ref))
            if have is None:
                problems.append(f"{cohort} {ref}: not extracted (want {want})")
            elif not _same(want, *have):
                problems.append(f"{cohort} {ref}: extracted {have}, want {want}")
    return problems


def rows_to_values(rows: Iterable[dict]) -> dict[tuple[str, str], tuple[float | None, str]]:
    """outcomes.csv rows -> the ``got`` mapping of :func:`compare`."""
    out = {}
    for r in rows:
        value = num(r["value"])
        out[(r["cohort_id"], f"{r['endpoint']}.{r['statistic']}")] = (value, r["value_text"])
    return out
