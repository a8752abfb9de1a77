"""Stage 4b (workflow/rules/certainty.smk): risk of bias, small-study tests, GRADE."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

#: names the config in an error about a GRADE threshold (checked at parse time as well)
CONFIG = "config/config.yaml"


def risk_of_bias(
    *,
    judgements: Sequence[str],
    cohorts: str,
    texts: Sequence[str],
    sheet: str,
    papers: Sequence[str],
    rob: str,
    indirect: str,
) -> None:
    """results/risk_of_bias.csv and results/indirectness.csv from the papers' risk-of-bias
    files ``judgements`` (<paper_id>.yaml; a paper without one is "not assessed"), quoting
    the papers' ``texts`` (<paper_id>.txt), citing their files (``papers``) and marking
    a quote normalised where it differs from the paper's own characters (``papers``)."""
    from ..certainty.minors import INDIRECT_COLUMNS, ROB_COLUMNS, assess
    from ..ingest import cited_files, own_texts
    from ..sheet import read_sheet
    from ..tables import read_rows, write_csv

    sheet_rows = read_sheet(sheet)
    sources = cited_files(sheet_rows, list(papers))
    by_paper = {Path(p).stem: p for p in judgements}
    text_of = {Path(t).stem: t for t in texts}
    rows, indirect_rows = assess(
        by_paper, read_rows(cohorts), text_of, sources, own_texts(sheet_rows, list(papers))
    )
    write_csv(rob, ROB_COLUMNS, rows)
    write_csv(indirect, INDIRECT_COLUMNS, indirect_rows)


def risk_of_bias_plots(*, rob: str, out_dir: str, formats: Sequence[str]) -> None:
    """The traffic-light (in pages of 60 cohorts) and summary plots into ``out_dir``
    (cached: litmeta.cache)."""
    from ..plots import cached_render, remove_stale_pages
    from ..tables import read_rows

    rows = read_rows(rob)

    def draw() -> list[Path]:
        from ..plots import risk_of_bias as plot

        return plot.render(rows, Path(out_dir), tuple(formats))

    required = tuple(f"risk_of_bias_{k}.{f}" for k in ("traffic_light", "summary") for f in formats)
    written = cached_render("risk_of_bias/all", [rows, list(formats)], out_dir, draw, required)
    remove_stale_pages(out_dir, [Path(p) for p in written], "risk_of_bias_traffic_light_page*.*")


def small_study_tests(*, table: str, pooled: str, min_k: int, csv: str) -> None:
    """results/small_study_tests.csv: pools of at least ``min_k`` cohorts (config
    ``grade.publication_bias_min_k``); each pool's tests from the cache where its numbers
    were tested before."""
    from ..cache import Store
    from ..certainty.tables import SMALL_STUDY_COLUMNS, small_study_rows
    from ..tables import Tables, write_csv

    rows = small_study_rows(Tables.read(table, pooled), min_k, Store("small_study"))
    write_csv(csv, SMALL_STUDY_COLUMNS, rows)


def funnel_plot(
    *,
    table: str,
    pooled: str,
    small: str,
    min_k: int,
    out_dir: str,
    formats: Sequence[str],
) -> None:
    """The funnel plot(s) of the pools in results/small_study_tests.csv, in ``out_dir``
    (cached); a job of its own, so that no table is made by a job that draws."""
    from ..plots import cached_render
    from ..tables import Tables, read_rows

    tables = Tables.read(table, pooled)
    tests = read_rows(small)
    stem = Path(out_dir) / "funnel"

    def draw() -> list[Path]:
        from ..plots import funnel

        return funnel.render(tables, tests, str(stem), tuple(formats), min_k=min_k)

    data = [tables.analysis, tables.pooled, tests, min_k, list(formats)]
    required = tuple(f"{stem.name}.{f}" for f in formats)
    cached_render(f"funnel/{stem.name}", data, stem.parent, draw, required)


def certainty(
    *,
    table: str,
    pooled: str,
    weights: str,
    rob: str,
    indirect: str,
    small_study: str,
    grade: dict,
    certainty: str,
) -> None:
    """results/certainty.csv: the GRADE rating of every pooled outcome, with its reasons
    (``grade``: the config's GRADE thresholds)."""
    from ..certainty.grade import Thresholds
    from ..certainty.tables import CERTAINTY_COLUMNS, certainty_rows
    from ..tables import Tables, read_rows, write_csv

    rows = certainty_rows(
        Tables.read(table, pooled, weights=weights),
        read_rows(rob),
        read_rows(indirect),
        read_rows(small_study),
        Thresholds.from_dict(grade, CONFIG),
    )
    write_csv(certainty, CERTAINTY_COLUMNS, rows)
