"""Stage 5 (workflow/rules/report.smk): the summary of findings and the evidence page."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def summary_of_findings(
    *,
    table: str,
    pooled: str,
    weights: str,
    loo: str,
    preprint_cohorts: Iterable[str],
    csv: str,
    md: str,
    certainty: str | None = None,
    characteristics: str | None = None,
) -> None:
    """The summary of findings (endpoint x setting, with the notes on what limits
    confidence) as CSV and Markdown; without ``certainty`` its columns stay empty, without
    ``characteristics`` (results/characteristics.csv) the Markdown has no table of
    characteristics and MDS/AML no follow-up note.
    ``preprint_cohorts``: config ``exclusions.sens_exclude_preprint``."""
    from ..report import summary_of_findings as sof
    from ..tables import Tables

    tables = Tables.read(table, pooled, weights=weights, loo=loo, characteristics=characteristics)
    sof.write(tables, preprint_cohorts, csv, md, certainty)


def evidence_page(
    *,
    table: str,
    pooled: str,
    weights: str,
    loo: str,
    outcomes: str,
    discrepancies: str,
    papers: str,
    page: str,
    preprint_cohorts: Iterable[str] = (),
    risk_of_bias: str | None = None,
    certainty: str | None = None,
    characteristics: str | None = None,
) -> None:
    """The self-contained evidence page: each pooled estimate, its cohorts, and the quote,
    line and discrepancies behind every number. Unchanged inputs and code: the page is
    copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    from ..atomic import write_bytes
    from ..cache import Store
    from ..report import evidence

    inputs = [table, pooled, weights, loo, outcomes, discrepancies, risk_of_bias, certainty]
    inputs += [characteristics] if characteristics else []
    key = evidence.cache_key(inputs, papers, preprint_cohorts)

    def build() -> dict[str, bytes]:
        from ..tables import Tables

        tables = Tables.read(
            table, pooled, weights=weights, loo=loo, characteristics=characteristics
        )
        evidence.write(
            tables, outcomes, discrepancies, papers, page, risk_of_bias, certainty, preprint_cohorts
        )
        return {"evidence.html": Path(page).read_bytes()}

    store = Store("evidence")
    html = store.cached(key, build, required=["evidence.html"])["evidence.html"]
    if store.hits:
        write_bytes(page, html)
