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
    from .jobs import pool

    pool.harmonise(outcomes=outcomes, cohorts=cohorts, table=out)


_CSV = click.Path(exists=True, dir_okay=False)
_OUT = click.Path(dir_okay=False)


def _exclusion(ctx: object, param: object, values: tuple[str, ...]) -> dict[str, list[str]]:
    """``--exclude ANALYSIS=COHORT,COHORT`` (repeatable) -> {analysis: [cohorts]}."""
    out: dict[str, list[str]] = {}
    for value in values:
        name, sep, cohorts = value.partition("=")
        if not sep:
            raise click.BadParameter(f"{value!r}: write ANALYSIS=COHORT[,COHORT...]")
        out.setdefault(name, []).extend(c for c in cohorts.split(",") if c)
    return out


@cli.command()
@click.argument("analysis_table", type=_CSV)
@click.option(
    "--analysis",
    "analyses",
    multiple=True,
    help="An analysis to run (repeatable; default: every analysis of the protocol).",
)
@click.option(
    "--exclude",
    "exclusions",
    multiple=True,
    callback=_exclusion,
    metavar="ANALYSIS=COHORT[,COHORT]",
    help="Cohorts a sens_exclude_* analysis leaves out (repeatable).",
)
@click.option(
    "--papers",
    type=_CSV,
    default=None,
    help="Paper sheet: its `source` column finds the abstract-only papers.",
)
@click.option("--pooled", type=_OUT, required=True, help="Pooled estimates (CSV).")
@click.option("--subgroups", type=_OUT, required=True, help="Subgroup tests (CSV).")
@click.option("--loo", type=_OUT, required=True, help="Leave-one-out estimates (CSV).")
@click.option("--weights", type=_OUT, required=True, help="Primary-analysis weights (CSV).")
def pool(
    analysis_table: str,
    analyses: tuple[str, ...],
    exclusions: dict[str, list[str]],
    papers: str | None,
    pooled: str,
    subgroups: str,
    loo: str,
    weights: str,
) -> None:
    """Run the analyses; write pooled, subgroup, leave-one-out and weights CSVs."""
    from .analyses import ANALYSES
    from .jobs import pool

    for name in [*analyses, *exclusions]:
        if name not in ANALYSES:
            raise click.BadParameter(f"unknown analysis {name!r}; use: {', '.join(ANALYSES)}")
    pool.pool(
        table=analysis_table,
        papers=papers,
        analyses=list(analyses or ANALYSES),
        exclusions=exclusions,
        pooled=pooled,
        subgroups=subgroups,
        loo=loo,
        weights=weights,
    )


def _results_option(name: str, default: str, help_text: str):
    return click.option(name, type=_CSV, default=default, show_default=True, help=help_text)


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
    from .jobs import plots

    written = plots.plot_endpoint(
        endpoint=endpoint,
        table=analysis_table,
        pooled=pooled,
        subgroups=subgroups,
        weights=weights,
        loo=loo,
        out_dir=out_dir,
        kinds=kinds,
        formats=formats,
    )
    for path in written:
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
    from .jobs import plots as plot_jobs

    written = plot_jobs.plots(
        table=analysis_table,
        pooled=pooled,
        subgroups=subgroups,
        weights=weights,
        loo=loo,
        out_dir=out_dir,
        jobs=jobs,
        formats=formats,
        page_cohorts=page_cohorts,
    )
    for path in written:
        click.echo(f"wrote {path}", err=True)


@cli.command("summary-of-findings")
@_results_option("--analysis-table", "results/analysis_table.csv", "Analysis table.")
@_results_option("--pooled", "results/pooled.csv", "Pooled estimates.")
@_results_option("--weights", "results/weights.csv", "Primary-analysis weights.")
@_results_option("--loo", "results/leave_one_out.csv", "Leave-one-out estimates.")
@_results_option("--papers", "config/papers.tsv", "Paper sheet (finds the preprints).")
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
    papers: str,
    out_csv: str,
    out_md: str,
    certainty: str | None,
) -> None:
    """Write the summary of findings (endpoint x setting, with the notes on what limits
    confidence) as CSV and Markdown."""
    from .jobs import report

    report.summary_of_findings(
        table=analysis_table,
        pooled=pooled,
        weights=weights,
        loo=loo,
        papers=papers,
        csv=out_csv,
        md=out_md,
        certainty=certainty,
    )


@cli.command("evidence-page")
@_results_option("--analysis-table", "results/analysis_table.csv", "Analysis table.")
@_results_option("--pooled", "results/pooled.csv", "Pooled estimates.")
@_results_option("--weights", "results/weights.csv", "Primary-analysis weights.")
@_results_option("--loo", "results/leave_one_out.csv", "Leave-one-out estimates.")
@_results_option("--outcomes", "extracted/outcomes.csv", "Extracted values with quotes.")
@_results_option("--discrepancies", "extracted/discrepancies.csv", "Discrepancies.")
@_results_option("--papers", "config/papers.tsv", "Paper sheet.")
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
    out: str,
    risk_of_bias: str | None,
    certainty: str | None,
) -> None:
    """Write the self-contained evidence page: each pooled estimate, its cohorts, and the
    quote, line and discrepancies behind every number. Unchanged inputs and code: the page
    is copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    from .jobs import report

    report.evidence_page(
        table=analysis_table,
        pooled=pooled,
        weights=weights,
        loo=loo,
        outcomes=outcomes,
        discrepancies=discrepancies,
        papers=papers,
        page=out,
        risk_of_bias=risk_of_bias,
        certainty=certainty,
    )


@cli.command("extracted-readme")
@click.option("--template", type=_CSV, required=True, help="The README template.")
@click.option("--text", "texts", type=_CSV, multiple=True, help="A paper's text (repeatable).")
@click.option("--spec", "specs", type=_CSV, multiple=True, help="A paper's spec (repeatable).")
@click.option(
    "--pdf-check", "pdf_checks", type=_CSV, multiple=True, help="A PDF-route check (repeatable)."
)
@click.option("--readme", type=_OUT, required=True, help="The README written.")
@click.option("--evaluation", type=_OUT, required=True, help="Candidate-finder evaluation.")
@click.option("--draft-evaluation", type=_OUT, required=True, help="Draft-spec evaluation.")
def extracted_readme(
    template: str,
    texts: tuple[str, ...],
    specs: tuple[str, ...],
    pdf_checks: tuple[str, ...],
    readme: str,
    evaluation: str,
    draft_evaluation: str,
) -> None:
    """Write extracted/README.md with its measured figures (candidate finder, drafted specs,
    PDF reading order) and the two evaluation tables."""
    from .jobs import extract

    extract.extracted_readme(
        template=template,
        texts=list(texts),
        specs=list(specs),
        pdf_checks=list(pdf_checks),
        readme=readme,
        evaluation=evaluation,
        draft_evaluation=draft_evaluation,
    )


@cli.command("risk-of-bias-plots")
@click.option("--risk-of-bias", "rob", type=_CSV, required=True, help="Risk-of-bias table.")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True)
@_formats_option
def risk_of_bias_plots(rob: str, out_dir: str, formats: tuple[str, ...]) -> None:
    """Draw the risk-of-bias traffic-light and summary plots into OUT_DIR."""
    from .jobs import certainty
    from .plots import FORMATS

    certainty.risk_of_bias_plots(rob=rob, out_dir=out_dir, formats=formats or FORMATS)


@cli.command("small-study-tests")
@click.option("--analysis-table", type=_CSV, required=True, help="Analysis table.")
@click.option("--pooled", type=_CSV, required=True, help="Pooled estimates.")
@click.option(
    "--min-k",
    type=click.IntRange(min=1),
    required=True,
    help="Fewest cohorts a pool needs for the tests (config grade.publication_bias_min_k).",
)
@click.option("--out", type=_OUT, required=True, help="The small-study tests (CSV).")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True, help="Funnel plot.")
@_formats_option
def small_study_tests(
    analysis_table: str,
    pooled: str,
    min_k: int,
    out: str,
    out_dir: str,
    formats: tuple[str, ...],
) -> None:
    """Egger's and Begg's tests of every pool with enough cohorts, and the funnel plot."""
    from .jobs import certainty
    from .plots import FORMATS

    certainty.small_study_tests(
        table=analysis_table,
        pooled=pooled,
        min_k=min_k,
        csv=out,
        out_dir=out_dir,
        formats=formats or FORMATS,
    )


@cli.command("meta-regression")
@click.option("--analysis-table", type=_CSV, required=True, help="Analysis table.")
@click.option("--pooled", type=_CSV, required=True, help="Pooled estimates.")
@click.option("--papers", type=_CSV, required=True, help="Paper sheet (moderator columns).")
@click.option("--moderator", "moderators", multiple=True, help="A moderator (repeatable).")
@click.option(
    "--min-k",
    type=click.IntRange(min=3),
    required=True,
    help="Fewest cohorts per moderator coefficient (config meta_regression.min_k).",
)
@click.option("--out", type=_OUT, required=True, help="The meta-regression table (CSV).")
@click.option("--out-dir", type=click.Path(file_okay=False), required=True, help="Bubble plots.")
def meta_regression(
    analysis_table: str,
    pooled: str,
    papers: str,
    moderators: tuple[str, ...],
    min_k: int,
    out: str,
    out_dir: str,
) -> None:
    """Binomial-normal meta-regression of every primary pool on each moderator."""
    from .jobs import metareg

    metareg.meta_regression(
        table=analysis_table,
        pooled=pooled,
        papers=papers,
        moderators=moderators,
        min_k=min_k,
        csv=out,
        out_dir=out_dir,
    )


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
