"""Stage 3 (workflow/rules/pool.smk): the analysis table, every analysis of the protocol, and
results/README.md."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path


def harmonise(*, outcomes: str, cohorts: str, table: str) -> None:
    """results/analysis_table.csv: one row per cohort x endpoint, from the extraction."""
    from ..harmonise import ANALYSIS_COLUMNS, build_analysis_table
    from ..tables import read_rows, write_csv

    rows = build_analysis_table(read_rows(outcomes), read_rows(cohorts))
    write_csv(table, ANALYSIS_COLUMNS, rows)


def pool(
    *,
    table: str,
    papers: str | None,
    analyses: Sequence[str],
    exclusions: dict[str, list[str]],
    pooled: str,
    rob: str | None = None,
    high_risk_total: int = 8,
    priors: str | None = None,
    subgroups: str,
    loo: str,
    weights: str,
    jobs: int = 1,
) -> None:
    """Every analysis in ``analyses`` (config ``analyses``, ``exclusions``); the paper sheet
    ``papers`` names the abstract-only papers (``source: abstract``); ``rob`` (the MINORS
    scores) the cohorts at high risk of bias, a total at or below ``high_risk_total`` or not
    assessed, that ``sens_low_risk_only`` leaves out (without ``rob`` it is not run); ``jobs``
    worker processes fit the endpoint x setting blocks."""
    from ..analyses import write_results
    from ..sheet import read_sheet

    sheet = read_sheet(papers) if papers else []
    abstract_only = [r["paper_id"] for r in sheet if r.get("source") == "abstract"]
    low_risk = None
    if rob is None:
        analyses = [a for a in analyses if a != "sens_low_risk_only"]
    else:
        from ..certainty.minors import totals
        from ..tables import read_rows

        low_risk = {
            c for c, t in totals(read_rows(rob)).items() if t is not None and t > high_risk_total
        }
    write_results(
        table,
        analyses,
        exclusions,
        abstract_only,
        pooled,
        subgroups,
        loo,
        weights,
        low_risk,
        priors,
        jobs,
    )


def results_readme(*, template: str, readme: str) -> None:
    """results/README.md: the data dictionary, copied."""
    from ..atomic import write_bytes

    write_bytes(readme, Path(template).read_bytes())
