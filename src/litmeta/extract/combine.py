"""Combine the per-paper extraction files into the review-wide tables.

``coverage.csv`` shows, for every cohort and protocol endpoint, whether the key statistic
(``events`` for proportions, ``median`` for survival) is reported, derived, implied or not
reported, so a reviewer sees gaps at a glance; "reported, not extractable" (with the reason:
mean, bound_only, landmark_rate, other) where the spec says the paper prints the outcome in a
form the protocol cannot use.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..protocol import MEDIAN_ENDPOINTS, PROTOCOL_ENDPOINTS
from ..tables import read_rows, write_csv
from .tables import COHORT_COLUMNS, COVERAGE_COLUMNS, DISCREPANCY_COLUMNS, OUTCOME_COLUMNS


def _concat(paths: Sequence[str | Path]) -> list[dict[str, str]]:
    rows: list[dict[str, str]] = []
    for p in paths:
        rows.extend(read_rows(p))
    return rows


NOT_EXTRACTABLE = "reported, not extractable"


def coverage_rows(
    outcomes: list[dict[str, str]],
    cohorts: list[dict[str, str]],
    discrepancies: list[dict[str, str]] = (),
) -> list[dict]:
    index = {(r["cohort_id"], r["endpoint"], r["statistic"]): r for r in outcomes}
    unusable = {
        (d["cohort_id"], d["endpoint"]): d["values"]
        for d in discrepancies
        if d["kind"] == "not_extractable"
    }
    rows = []
    for c in cohorts:
        for endpoint in PROTOCOL_ENDPOINTS:
            stat = "median" if endpoint in MEDIAN_ENDPOINTS else "events"
            hit = index.get((c["cohort_id"], endpoint, stat))
            why = unusable.get((c["cohort_id"], endpoint))
            if hit is None and why is not None:
                rows.append(
                    {
                        "cohort_id": c["cohort_id"],
                        "paper_id": c["paper_id"],
                        "pooled_in": c["pooled_in"],
                        "endpoint": endpoint,
                        "coverage": NOT_EXTRACTABLE,
                        "value": why,
                    }
                )
                continue
            rows.append(
                {
                    "cohort_id": c["cohort_id"],
                    "paper_id": c["paper_id"],
                    "pooled_in": c["pooled_in"],
                    "endpoint": endpoint,
                    "coverage": hit["status"] if hit else "not reported",
                    "value": (hit["value_text"] or hit["value"]) if hit else "",
                }
            )
    return rows


def combine(
    outcome_files: Sequence[str],
    cohort_files: Sequence[str],
    discrepancy_files: Sequence[str],
    outcomes_csv: str | Path,
    cohorts_csv: str | Path,
    discrepancies_csv: str | Path,
    coverage_csv: str | Path,
) -> None:
    key = ("paper_id", "cohort_id", "endpoint", "statistic")
    outcomes = sorted(_concat(outcome_files), key=lambda r: tuple(r[k] for k in key))
    cohorts = sorted(_concat(cohort_files), key=lambda r: r["cohort_id"])
    discrepancies = sorted(
        _concat(discrepancy_files),
        key=lambda r: (r["paper_id"], r["cohort_id"], r["endpoint"], r["kind"], r["detail"]),
    )
    write_csv(outcomes_csv, OUTCOME_COLUMNS, outcomes)
    write_csv(cohorts_csv, COHORT_COLUMNS, cohorts)
    write_csv(discrepancies_csv, DISCREPANCY_COLUMNS, discrepancies)
    coverage = coverage_rows(outcomes, cohorts, discrepancies)
    write_csv(coverage_csv, COVERAGE_COLUMNS, coverage)
