"""Column contracts of the extraction outputs (documented in extracted/README.md)."""

from __future__ import annotations

OUTCOME_COLUMNS = (
    "paper_id",
    "cohort_id",
    "setting",
    "population",
    "endpoint",
    "statistic",
    "value",
    "value_text",
    "status",
    "alternative",
    "source_file",
    "line",
    "quote",
    "quote_lines",
    "section",
    "derived_from",
    "spec_entry",
)
COHORT_COLUMNS = (
    "cohort_id",
    "paper_id",
    "label",
    "setting",
    "n_enrolled",
    "n_efficacy",
    "n_safety",
    "pooled_in",
    "reason_code",
    "reason",
)
DISCREPANCY_COLUMNS = (
    "paper_id",
    "cohort_id",
    "endpoint",
    "kind",
    "detail",
    "values",
    "quotes",
    "lines",
)
COVERAGE_COLUMNS = ("cohort_id", "paper_id", "pooled_in", "endpoint", "coverage", "value")
