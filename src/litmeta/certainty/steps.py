"""The certainty steps as plain functions: what the rules of workflow/rules/certainty.smk call."""

from __future__ import annotations

from pathlib import Path


def risk_of_bias(
    rob_dir: str,
    cohorts_csv: str,
    text_dir: str,
    papers_sheet: str,
    papers_dir: str,
    out_rob: str,
    out_indirect: str,
) -> None:
    """results/risk_of_bias.csv and results/indirectness.csv from config/risk_of_bias."""
    from ..sheet import read_sheet
    from ..tables import read_rows, write_csv
    from .minors import INDIRECT_COLUMNS, ROB_COLUMNS, assess

    sources = {p["paper_id"]: f"{papers_dir}/{p['file']}" for p in read_sheet(papers_sheet)}
    rows, indirect = assess(rob_dir, read_rows(cohorts_csv), text_dir, sources)
    write_csv(out_rob, ROB_COLUMNS, rows)
    write_csv(out_indirect, INDIRECT_COLUMNS, indirect)


def small_study_tests(
    analysis_table: str,
    pooled: str,
    config_file: str,
    out_csv: str,
    funnel_stem: str,
    formats: tuple[str, ...] = ("svg", "png", "pdf"),
) -> None:
    """results/small_study_tests.csv and the funnel plot(s) (cached: litmeta.cache)."""
    from ..plots import cached_render
    from ..tables import Tables, read_rows, write_csv
    from .grade import Thresholds
    from .tables import SMALL_STUDY_COLUMNS, small_study_rows

    thresholds = Thresholds.from_config(config_file)
    tables = Tables.read(analysis_table, pooled)
    write_csv(
        out_csv, SMALL_STUDY_COLUMNS, small_study_rows(tables, thresholds.publication_bias_min_k)
    )
    small = read_rows(out_csv)
    min_k = thresholds.publication_bias_min_k

    def draw() -> list[Path]:
        from ..plots import funnel

        return funnel.render(tables, small, funnel_stem, formats, min_k=min_k)

    data = [tables.analysis, tables.pooled, small, min_k, list(formats)]
    stem = Path(funnel_stem)
    cached_render(f"funnel/{stem.name}", data, stem.parent, draw)


def certainty(
    analysis_table: str,
    pooled: str,
    weights: str,
    rob: str,
    indirect: str,
    small_study: str,
    config_file: str,
    out_csv: str,
) -> None:
    """results/certainty.csv: the GRADE rating of every pooled outcome, with its reasons."""
    from ..tables import Tables, read_rows, write_csv
    from .grade import Thresholds
    from .tables import CERTAINTY_COLUMNS, certainty_rows

    rows = certainty_rows(
        Tables.read(analysis_table, pooled, weights=weights),
        read_rows(rob),
        read_rows(indirect),
        read_rows(small_study),
        Thresholds.from_config(config_file),
    )
    write_csv(out_csv, CERTAINTY_COLUMNS, rows)


def risk_of_bias_plots(
    rob: str, out_dir: str, formats: tuple[str, ...] = ("svg", "png", "pdf")
) -> None:
    """The traffic-light and summary plots (cached: litmeta.cache)."""
    from ..plots import cached_render
    from ..tables import read_rows

    rows = read_rows(rob)

    def draw() -> list[Path]:
        from ..plots import risk_of_bias as plot

        return plot.render(rows, Path(out_dir), formats)

    cached_render("risk_of_bias/all", [rows, list(formats)], out_dir, draw)


# The rules' entry points: Snakemake's input, output and params objects by name, so that the
# rules' run: blocks stay one call long (snakemake --lint).
def risk_of_bias_rule(i, o, p) -> None:
    risk_of_bias(p.rob_dir, i.cohorts, "extracted/text", i.sheet, p.papers_dir, o.rob, o.indirect)


def certainty_rule(i, o) -> None:
    certainty(i.table, i.pooled, i.weights, i.rob, i.indirect, i.small_study, i.config, o[0])


def small_study_tests_rule(i, o, formats) -> None:
    small_study_tests(i.table, i.pooled, i.config, o.csv, "results/plots/funnel", tuple(formats))
