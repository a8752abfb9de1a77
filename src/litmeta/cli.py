"""Command-line interface: ``litmeta <command>``.  The Snakemake rules call the same functions.

Expected user errors (:class:`litmeta.errors.InputError`) print one or two lines naming the
file, line or spec entry and the fix, and exit with status 2, without a traceback.
"""

from __future__ import annotations

import sys

import click

from .errors import InputError


@click.group()
def cli() -> None:
    """Reproducible literature meta-analysis (see README.md)."""


@cli.command()
@click.argument("paper", type=click.Path(dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
def ingest(paper: str, out: str) -> None:
    """Normalise PAPER (.txt or .pdf) into OUT, keeping its line numbers."""
    from .atomic import write_text
    from .ingest import read_paper

    write_text(out, read_paper(paper))


@cli.command()
@click.argument("spec", type=click.Path(dir_okay=False))
@click.argument("paper", type=click.Path(dir_okay=False))
@click.option("--all", "show_all", is_flag=True, help="Also list derived and implied values.")
def show(spec: str, paper: str, show_all: bool) -> None:
    """Resolve SPEC against PAPER and print each value with its line: for writing specs."""
    import tempfile
    from pathlib import Path

    from .extract.paper import extract_paper
    from .ingest import read_paper

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "paper.txt"
        text.write_text(read_paper(paper), encoding="utf-8")
        result = extract_paper(spec, text, paper)
    for row in result.outcomes:
        if show_all or row["status"] == "reported":
            alt = f"  (alternative {row['alternative']})" if row["alternative"] else ""
            click.echo(
                f"{row['line']:>5}  {row['cohort_id']:<28} {row['endpoint']}.{row['statistic']}"
                f" = {row['value_text'] or row['value']} [{row['status']}]{alt}"
            )
    click.echo(f"-- {len(result.discrepancies)} discrepancies")
    for d in result.discrepancies:
        click.echo(f"   {d['kind']:<24} {d['cohort_id']:<28} {d['detail'][:90]}")


@cli.command()
@click.argument("outcomes", type=click.Path(exists=True, dir_okay=False))
@click.argument("cohorts", type=click.Path(exists=True, dir_okay=False))
@click.argument("out", type=click.Path(dir_okay=False))
def harmonise(outcomes: str, cohorts: str, out: str) -> None:
    """Build the analysis table (one row per cohort x endpoint) from the extraction."""
    from . import steps

    steps.harmonise(outcomes, cohorts, out)


@cli.command()
@click.argument("analysis_table", type=click.Path(exists=True, dir_okay=False))
@click.option(
    "--config",
    "config_file",
    type=click.Path(exists=True, dir_okay=False),
    default="config/config.yaml",
    show_default=True,
    help="Config with the `analyses` list and `exclusions`.",
)
@click.option("--out-dir", type=click.Path(file_okay=False), default="results", show_default=True)
@click.option(
    "--papers",
    "papers_sheet",
    type=click.Path(exists=True, dir_okay=False),
    default=None,
    help="Paper sheet: its `source` column finds the abstract-only papers.",
)
def pool(analysis_table: str, config_file: str, out_dir: str, papers_sheet: str | None) -> None:
    """Run every configured analysis; write pooled, subgroup, leave-one-out and weights CSVs."""
    from pathlib import Path

    from . import steps
    from .settings import load_analysis_settings
    from .sheet import read_sheet

    analyses, exclusions = load_analysis_settings(config_file)
    sheet = read_sheet(papers_sheet) if papers_sheet else []
    abstract_only = [r["paper_id"] for r in sheet if r.get("source") == "abstract"]
    out = Path(out_dir)
    steps.pool(
        analysis_table,
        analyses,
        exclusions,
        str(out / "pooled.csv"),
        str(out / "subgroup_tests.csv"),
        str(out / "leave_one_out.csv"),
        str(out / "weights.csv"),
        abstract_only,
    )


_CSV = click.Path(exists=True, dir_okay=False)


def _results_option(name: str, default: str, help_text: str):
    return click.option(name, type=_CSV, default=default, show_default=True, help=help_text)


_PREPRINT_OPTION = click.option(
    "--preprint-cohorts",
    default="",
    help="Cohorts from preprints, comma-separated (config exclusions.sens_exclude_preprint).",
)


def _cohort_list(text: str) -> list[str]:
    return [c for c in text.split(",") if c]


_PLOT_TABLES = (
    ("--analysis-table", "results/analysis_table.csv", "Analysis table."),
    ("--pooled", "results/pooled.csv", "Pooled estimates."),
    ("--subgroups", "results/subgroup_tests.csv", "Subgroup tests."),
    ("--weights", "results/weights.csv", "Primary-analysis weights."),
    ("--loo", "results/leave_one_out.csv", "Leave-one-out estimates."),
)


def _plot_tables(command):
    """The options of the plotting commands: the five result tables they read, --out-dir."""
    command = click.option(
        "--out-dir", type=click.Path(file_okay=False), default="results/plots", show_default=True
    )(command)
    for name, default, help_text in reversed(_PLOT_TABLES):
        command = _results_option(name, default, help_text)(command)
    return command


_formats_option = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["svg", "png", "pdf"]),
    help="Formats (repeatable; default: svg, png at 300 dpi, pdf).",
)


@cli.command("plot-endpoint")
@click.argument("endpoint")
@_plot_tables
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["forest", "sensitivity", "loo"]),
    help="Plots to draw (repeatable; default: all three).",
)
@_formats_option
def plot_endpoint(
    endpoint: str,
    analysis_table: str,
    pooled: str,
    subgroups: str,
    weights: str,
    loo: str,
    out_dir: str,
    kinds: tuple[str, ...],
    formats: tuple[str, ...],
) -> None:
    """Draw the forest, sensitivity and leave-one-out plots of ENDPOINT into OUT_DIR as
    <kind>_<endpoint>.svg/.png/.pdf, with fixed metadata (same inputs, same bytes)."""
    from .plots import FORMATS, KINDS, render_endpoint
    from .protocol import PROTOCOL_ENDPOINTS
    from .tables import Tables

    tables = Tables.read(analysis_table, pooled, subgroups, weights, loo)
    if endpoint not in PROTOCOL_ENDPOINTS and endpoint not in tables.endpoints():
        raise InputError(
            analysis_table,
            f"unknown endpoint {endpoint!r}",
            f"use one of: {', '.join(PROTOCOL_ENDPOINTS)}",
        )
    for path in render_endpoint(endpoint, tables, out_dir, kinds or KINDS, formats or FORMATS):
        click.echo(f"wrote {path}", err=True)


@cli.command("plots")
@_plot_tables
@click.option(
    "--jobs",
    type=click.IntRange(min=1),
    default=1,
    show_default=True,
    help="Plots drawn at once (worker processes; capped at the usable CPUs).",
)
@_formats_option
@click.option(
    "--page-cohorts",
    type=click.IntRange(min=1),
    default=60,
    show_default=True,
    help="Cohorts of one setting per forest-plot page (more: forest_<endpoint>_page<N>).",
)
def plots(
    analysis_table: str,
    pooled: str,
    subgroups: str,
    weights: str,
    loo: str,
    out_dir: str,
    jobs: int,
    formats: tuple[str, ...],
    page_cohorts: int,
) -> None:
    """Draw the forest, sensitivity and leave-one-out plots of every protocol endpoint into
    OUT_DIR (what `plot-endpoint` draws for one), reading the tables once. A plot whose data
    and code are unchanged is copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    from .cache import Store
    from .plots import FORMATS, remove_stale_pages, render_all
    from .protocol import PROTOCOL_ENDPOINTS
    from .tables import Tables

    tables = Tables.read(analysis_table, pooled, subgroups, weights, loo)
    store = Store("plots")
    formats = tuple(f for f in FORMATS if f in formats) if formats else FORMATS
    written = render_all(
        PROTOCOL_ENDPOINTS,
        tables,
        out_dir,
        jobs,
        formats=formats,
        store=store,
        page_cohorts=page_cohorts,
    )
    remove_stale_pages(out_dir, written)
    for path in written:
        click.echo(f"wrote {path}", err=True)
    click.echo(f"plots: {len(store.hits)} from the cache, {len(store.misses)} drawn", err=True)


@cli.command("summary-of-findings")
@_results_option("--analysis-table", "results/analysis_table.csv", "Analysis table.")
@_results_option("--pooled", "results/pooled.csv", "Pooled estimates.")
@_results_option("--weights", "results/weights.csv", "Primary-analysis weights.")
@_results_option("--loo", "results/leave_one_out.csv", "Leave-one-out estimates.")
@_PREPRINT_OPTION
@click.option(
    "--out-csv",
    type=click.Path(dir_okay=False),
    default="results/summary_of_findings.csv",
    show_default=True,
)
@click.option(
    "--out-md",
    type=click.Path(dir_okay=False),
    default="results/summary_of_findings.md",
    show_default=True,
)
@click.option(
    "--certainty",
    type=_CSV,
    default=None,
    help="GRADE ratings (results/certainty.csv); without it the certainty columns stay empty.",
)
def summary_of_findings(
    analysis_table: str,
    pooled: str,
    weights: str,
    loo: str,
    preprint_cohorts: str,
    out_csv: str,
    out_md: str,
    certainty: str | None,
) -> None:
    """Write the summary of findings (endpoint x setting, with the notes on what limits
    confidence) as CSV and Markdown."""
    from .report import summary_of_findings as sof
    from .tables import Tables

    tables = Tables.read(analysis_table, pooled, weights=weights, loo=loo)
    sof.write(tables, _cohort_list(preprint_cohorts), out_csv, out_md, certainty)


@cli.command("evidence-page")
@_results_option("--analysis-table", "results/analysis_table.csv", "Analysis table.")
@_results_option("--pooled", "results/pooled.csv", "Pooled estimates.")
@_results_option("--weights", "results/weights.csv", "Primary-analysis weights.")
@_results_option("--loo", "results/leave_one_out.csv", "Leave-one-out estimates.")
@_results_option("--outcomes", "extracted/outcomes.csv", "Extracted values with quotes.")
@_results_option("--discrepancies", "extracted/discrepancies.csv", "Discrepancies.")
@_results_option("--papers", "config/papers.tsv", "Paper sheet.")
@_PREPRINT_OPTION
@click.option(
    "--out", type=click.Path(dir_okay=False), default="results/evidence.html", show_default=True
)
@click.option(
    "--risk-of-bias",
    "risk_of_bias",
    type=_CSV,
    default=None,
    help="Risk-of-bias judgements with quotes (results/risk_of_bias.csv).",
)
@click.option("--certainty", type=_CSV, default=None, help="GRADE ratings (results/certainty.csv).")
def evidence_page(
    analysis_table: str,
    pooled: str,
    weights: str,
    loo: str,
    outcomes: str,
    discrepancies: str,
    papers: str,
    preprint_cohorts: str,
    out: str,
    risk_of_bias: str | None,
    certainty: str | None,
) -> None:
    """Write the self-contained evidence page: each pooled estimate, its cohorts, and the
    quote, line and discrepancies behind every number. Unchanged inputs and code: the page
    is copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    from pathlib import Path

    from .atomic import write_bytes
    from .cache import Store
    from .report import evidence

    inputs = [analysis_table, pooled, weights, loo, outcomes, discrepancies, risk_of_bias]
    inputs += [certainty]
    preprints = _cohort_list(preprint_cohorts)
    key = evidence.cache_key(inputs, papers, preprints)

    def build() -> dict[str, bytes]:
        from .tables import Tables

        tables = Tables.read(analysis_table, pooled, weights=weights, loo=loo)
        evidence.write(
            tables, outcomes, discrepancies, papers, out, risk_of_bias, certainty, preprints
        )
        return {"evidence.html": Path(out).read_bytes()}

    store = Store("evidence")
    page = store.cached(key, build)["evidence.html"]
    if store.hits:
        write_bytes(out, page)


@cli.command("draft-spec")
@click.argument("paper", type=click.Path(dir_okay=False))
@click.option("--paper-id", required=True, help="The paper's id (lower case, as in papers.tsv).")
def draft_spec(paper: str, paper_id: str) -> None:
    """Write a draft extraction spec for PAPER to stdout: review its `# check:` lines."""
    import re

    from .extract.draft import draft_yaml
    from .ingest import read_paper

    if not re.fullmatch(r"[a-z][a-z0-9]*", paper_id):
        raise InputError(
            f"--paper-id {paper_id!r}", "not a paper id", "use lower-case letters and digits"
        )
    click.echo(draft_yaml(paper_id, read_paper(paper), paper), nl=False)


def main() -> None:
    from .lifeline import watch_parent

    watch_parent()  # end with the Snakemake run that started us, even if it was killed
    try:
        cli(standalone_mode=False)
    except InputError as exc:
        click.echo(f"error: {exc}", err=True)
        sys.exit(2)
    except click.exceptions.ClickException as exc:
        exc.show()
        sys.exit(exc.exit_code)
    except click.exceptions.Abort:
        sys.exit(1)


if __name__ == "__main__":
    main()
