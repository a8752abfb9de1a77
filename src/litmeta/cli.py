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

    from .extract.paper import extract_paper, show_discrepancy, show_outcome
    from .ingest import read_paper

    with tempfile.TemporaryDirectory() as tmp:
        text = Path(tmp) / "paper.txt"
        text.write_text(read_paper(paper), encoding="utf-8")
        result = extract_paper(spec, text, paper)
    for row in result.outcomes:
        if show_all or row["status"] == "reported":
            click.echo(show_outcome(row))
    click.echo(f"-- {len(result.discrepancies)} discrepancies")
    for d in result.discrepancies:
        click.echo(show_discrepancy(d))


# The commands the shell rules run: each parses its options into the keyword arguments of
# one function of litmeta.jobs (the option's destination is the argument's name) and calls it.
_CSV = click.Path(exists=True, dir_okay=False)
_OUT = click.Path(dir_okay=False)
_DIR = click.Path(file_okay=False)


def _run(job: str, args: dict[str, object]) -> object:
    """Call ``litmeta.jobs.<module>.<function>`` (``job``) with the parsed options; the job
    module is imported only now, so `litmeta --help` stays light."""
    from importlib import import_module

    module, function = job.split(".")
    return getattr(import_module(f"litmeta.jobs.{module}"), function)(**args)


def _table(flag: str, dest: str, default: str | None, help_text: str):
    """An input table: a default path for use by hand (the rules pass every path)."""
    return click.option(
        flag, dest, type=_CSV, default=default, show_default=default is not None, help=help_text
    )


def _analyses(ctx: object, param: object, values: tuple[str, ...]) -> list[str]:
    """``--analysis`` (repeatable): known names, every analysis of the protocol if none."""
    from .protocol import ANALYSES

    for name in values:
        if name not in ANALYSES:
            raise click.BadParameter(f"unknown analysis {name!r}; use: {', '.join(ANALYSES)}")
    return list(values) or list(ANALYSES)


def _exclusions(ctx: object, param: object, values: tuple[str, ...]) -> dict[str, list[str]]:
    """``--exclude ANALYSIS=COHORT,COHORT`` (repeatable) -> {analysis: [cohorts]}."""
    out: dict[str, list[str]] = {}
    for value in values:
        name, sep, cohorts = value.partition("=")
        if not sep or not name.startswith("sens_exclude_"):
            raise click.BadParameter(f"{value!r}: write sens_exclude_<name>=COHORT[,COHORT...]")
        out.setdefault(name, []).extend(c for c in cohorts.split(",") if c)
    return out


def _count(flag: str, default: int, help_text: str):
    """A whole number of at least 1, with its default shown."""
    return click.option(
        flag, type=click.IntRange(min=1), default=default, show_default=True, help=help_text
    )


@cli.command()
@click.argument("outcomes", type=_CSV)
@click.argument("cohorts", type=_CSV)
@click.argument("table", type=_OUT)
def harmonise(**args: object) -> None:
    """Build the analysis TABLE (one row per cohort x endpoint) from the extraction."""
    _run("pool.harmonise", args)


@cli.command()
@click.argument("table", type=_CSV)
@click.option(
    "--analysis",
    "analyses",
    multiple=True,
    callback=_analyses,
    help="An analysis to run (repeatable; default: every analysis of the protocol).",
)
@click.option(
    "--exclude",
    "exclusions",
    multiple=True,
    callback=_exclusions,
    metavar="ANALYSIS=COHORT[,COHORT]",
    help="Cohorts a sens_exclude_* analysis leaves out (repeatable).",
)
@_table("--papers", "papers", None, "Paper sheet: its `source` finds the abstract-only papers.")
@_table(
    "--risk-of-bias",
    "rob",
    None,
    "MINORS scores (results/risk_of_bias.csv): sens_low_risk_only leaves out the cohorts at "
    "high risk of bias.",
)
@click.option(
    "--minors-high-risk-total",
    "high_risk_total",
    type=int,
    default=8,
    show_default=True,
    help="A cohort whose MINORS total is at or below this is at high risk of bias (config "
    "grade.minors_high_risk_total).",
)
@click.option("--pooled", type=_OUT, required=True, help="Pooled estimates (CSV).")
@click.option("--subgroups", type=_OUT, required=True, help="Subgroup tests (CSV).")
@click.option("--loo", type=_OUT, required=True, help="Leave-one-out estimates (CSV).")
@click.option("--weights", type=_OUT, required=True, help="Primary-analysis weights (CSV).")
@click.option(
    "--priors",
    type=_OUT,
    default=None,
    help="sens_bayes under other priors (CSV, results/bayes_prior_sensitivity.csv).",
)
@_count(
    "--jobs",
    1,
    "Endpoint x setting blocks fitted at once (worker processes; capped at the usable CPUs).",
)
def pool(**args: object) -> None:
    """Run the analyses on the analysis TABLE; write pooled, subgroup, leave-one-out and
    weights CSVs."""
    _run("pool.pool", args)


_RESULTS = (
    ("--analysis-table", "table", "results/analysis_table.csv", "Analysis table."),
    ("--pooled", "pooled", "results/pooled.csv", "Pooled estimates."),
    ("--subgroups", "subgroups", "results/subgroup_tests.csv", "Subgroup tests."),
    ("--weights", "weights", "results/weights.csv", "Primary-analysis weights."),
    ("--loo", "loo", "results/leave_one_out.csv", "Leave-one-out estimates."),
)


def _results(*names: str):
    """The options of the result tables ``names`` (flags of _RESULTS), in that order."""

    def add(command):
        for flag, dest, default, help_text in reversed(_RESULTS):
            if flag in names:
                command = _table(flag, dest, default, help_text)(command)
        return command

    return add


_plot_tables = _results(*(flag for flag, *_ in _RESULTS))
_out_dir = click.option("--out-dir", type=_DIR, default="results/plots", show_default=True)
_formats_option = click.option(
    "--format",
    "formats",
    multiple=True,
    type=click.Choice(["svg", "png", "pdf"]),
    default=("svg", "png", "pdf"),
    help="Formats (repeatable; default: svg, png at 300 dpi, pdf).",
)


def _min_k(minimum: int, help_text: str):
    return click.option("--min-k", type=click.IntRange(min=minimum), required=True, help=help_text)


def _echo_written(paths: list[str]) -> None:
    for path in paths:
        click.echo(f"wrote {path}", err=True)


@cli.command("plot-endpoint")
@click.argument("endpoint")
@_plot_tables
@_out_dir
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["forest", "sensitivity", "loo"]),
    help="Plots to draw (repeatable; default: all three).",
)
@_formats_option
def plot_endpoint(**args: object) -> None:
    """Draw the forest, sensitivity and leave-one-out plots of ENDPOINT into OUT_DIR as
    <kind>_<endpoint>.svg/.png/.pdf, with fixed metadata (same inputs, same bytes)."""
    _echo_written(_run("plots.plot_endpoint", args))


@cli.command("plots")
@_plot_tables
@_out_dir
@_count("--jobs", 1, "Plots drawn at once (worker processes; capped at the usable CPUs).")
@_formats_option
@_count(
    "--page-cohorts",
    60,
    "Cohorts (leave-one-out refits) of one setting per forest-plot (leave-one-out plot) page "
    "(more: <kind>_<endpoint>_page<N>).",
)
def plots(**args: object) -> None:
    """Draw the forest, sensitivity and leave-one-out plots of every protocol endpoint into
    OUT_DIR (what `plot-endpoint` draws for one), reading the tables once. A plot whose data
    and code are unchanged is copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    _echo_written(_run("plots.plots", args))


_report_tables = _results("--analysis-table", "--pooled", "--weights", "--loo")


_preprints = click.option(
    "--preprint-cohort",
    "preprint_cohorts",
    multiple=True,
    help="A cohort from a preprint (repeatable; config exclusions.sens_exclude_preprint).",
)


@cli.command("summary-of-findings")
@_report_tables
@_preprints
@click.option(
    "--out-csv", "csv", type=_OUT, default="results/summary_of_findings.csv", show_default=True
)
@click.option(
    "--out-md", "md", type=_OUT, default="results/summary_of_findings.md", show_default=True
)
@_table(
    "--certainty",
    "certainty",
    None,
    "GRADE ratings (results/certainty.csv); without it the certainty columns stay empty.",
)
@_table(
    "--characteristics",
    "characteristics",
    None,
    "Characteristics of included cohorts (results/characteristics.csv).",
)
def summary_of_findings(**args: object) -> None:
    """Write the summary of findings (endpoint x setting, with the notes on what limits
    confidence) as CSV and Markdown."""
    _run("report.summary_of_findings", args)


@cli.command("evidence-page")
@_report_tables
@_table("--outcomes", "outcomes", "extracted/outcomes.csv", "Extracted values with quotes.")
@_table("--discrepancies", "discrepancies", "extracted/discrepancies.csv", "Discrepancies.")
@_table("--papers", "papers", "config/papers.tsv", "Paper sheet.")
@_preprints
@click.option("--out", "page", type=_OUT, default="results/evidence.html", show_default=True)
@_table(
    "--risk-of-bias",
    "risk_of_bias",
    None,
    "Risk-of-bias judgements with quotes (results/risk_of_bias.csv).",
)
@_table("--certainty", "certainty", None, "GRADE ratings (results/certainty.csv).")
@_table(
    "--characteristics",
    "characteristics",
    None,
    "Characteristics of included cohorts (results/characteristics.csv).",
)
def evidence_page(**args: object) -> None:
    """Write the self-contained evidence page: each pooled estimate, its cohorts, and the
    quote, line and discrepancies behind every number. Unchanged inputs and code: the page
    is copied from the cache (.cache/litmeta/, LITMETA_CACHE_DIR)."""
    _run("report.evidence_page", args)


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
@click.option(
    "--abstracts", type=_CSV, default=None, help="Held-out abstracts with their truth (YAML)."
)
@click.option(
    "--measures",
    type=_CSV,
    default=None,
    help="The drafter's measures on the abstracts, as `litmeta draft-measure` recorded them.",
)
def extracted_readme(**args: object) -> None:
    """Write extracted/README.md with its measured figures (candidate finder, drafted specs,
    PDF reading order) and the two evaluation tables."""
    _run("extract.extracted_readme", args)


@cli.command("draft-measure")
@click.option(
    "--abstracts",
    type=_CSV,
    default="benchmarks/draft_set/abstracts.yaml",
    show_default=True,
    help="Held-out abstracts with their truth (YAML).",
)
@click.option(
    "--out",
    type=_OUT,
    default="benchmarks/draft_set/measures.json",
    show_default=True,
    help="The measures recorded (JSON).",
)
def draft_measure(**args: object) -> None:
    """Measure `litmeta draft-spec` and the candidate finder on the held-out abstracts and the
    synthetic papers, and record it for extracted/README.md (run it after changing either)."""
    _run("extract.draft_measure", args)


@cli.command("risk-of-bias-plots")
@_table("--risk-of-bias", "rob", "results/risk_of_bias.csv", "Risk-of-bias table.")
@_out_dir
@_formats_option
def risk_of_bias_plots(**args: object) -> None:
    """Draw the risk-of-bias traffic-light and summary plots into OUT_DIR."""
    _run("certainty.risk_of_bias_plots", args)


@cli.command("small-study-tests")
@_results("--analysis-table", "--pooled")
@_min_k(1, "Fewest cohorts a pool needs for the tests (config grade.publication_bias_min_k).")
@click.option("--out", "csv", type=_OUT, required=True, help="The small-study tests (CSV).")
def small_study_tests(**args: object) -> None:
    """Egger's and Peters' tests of every pool with enough cohorts."""
    _run("certainty.small_study_tests", args)


@cli.command("funnel-plot")
@_results("--analysis-table", "--pooled")
@_table("--small-study-tests", "small", "results/small_study_tests.csv", "Small-study tests.")
@_min_k(1, "Fewest cohorts a pool needs for the tests (config grade.publication_bias_min_k).")
@_out_dir
@_formats_option
def funnel_plot(**args: object) -> None:
    """Draw the funnel plot of the pools with enough cohorts into OUT_DIR."""
    _run("certainty.funnel_plot", args)


def _moderation(command):
    """The inputs and settings of a meta-regression (its table and its bubble plots)."""
    for option in reversed(
        (
            _results("--analysis-table", "--pooled"),
            _table("--papers", "papers", "config/papers.tsv", "Paper sheet (moderator columns)."),
            click.option("--moderator", "moderators", multiple=True, help="A moderator."),
            _table(
                "--characteristics",
                "characteristics",
                None,
                "Cohort characteristics (results/characteristics.csv): share_g3, "
                "share_pancreas, followup_months.",
            ),
            _min_k(3, "Fewest cohorts per moderator coefficient (config meta_regression.min_k)."),
        )
    ):
        command = option(command)
    return command


@cli.command("meta-regression")
@_moderation
@click.option("--out", "csv", type=_OUT, required=True, help="The meta-regression table (CSV).")
def meta_regression(**args: object) -> None:
    """Binomial-normal meta-regression of every primary pool on each moderator."""
    _run("metareg.meta_regression", args)


@cli.command("bubble-plots")
@_moderation
@_out_dir
@_formats_option
def bubble_plots(**args: object) -> None:
    """Draw one meta-regression bubble plot per moderator into OUT_DIR."""
    _run("metareg.bubble_plots", args)


@cli.command("draft-spec")
@click.argument("paper", type=click.Path(dir_okay=False))
@click.option("--paper-id", required=True, help="The paper's id (lower case, as in papers.tsv).")
@click.option(
    "-o", "--out", type=_OUT, default=None, help="Write the draft here (atomically), not stdout."
)
def draft_spec(paper: str, paper_id: str, out: str | None) -> None:
    """Write a draft extraction spec for PAPER (stdout, or --out FILE written atomically):
    review its `# check:` lines.  A paper where nothing is found still gets a valid spec."""
    import re

    from .extract.draft import draft_yaml
    from .ingest import read_paper

    if not re.fullmatch(r"[a-z][a-z0-9]*", paper_id):
        raise InputError(
            f"--paper-id {paper_id!r}", "not a paper id", "use lower-case letters and digits"
        )
    text = draft_yaml(paper_id, read_paper(paper), paper)
    if out is None:
        click.echo(text, nl=False)
    else:
        from .atomic import write_text

        write_text(out, text)


@cli.command()
@click.argument("paper_id")
@click.option("--port", type=click.IntRange(0, 65535), default=0, help="Port (default: any free).")
@click.option("--no-browser", is_flag=True, help="Print the address only; do not open it.")
def workbench(paper_id: str, port: int, no_browser: bool) -> None:
    """Check and complete PAPER_ID's extraction spec in the browser: a page on 127.0.0.1
    with the paper, its numbers and the spec as a form (saves config/extraction/<id>.yaml)."""
    import webbrowser
    from pathlib import Path

    from .workbench.server import Workbench, serve, url

    bench = Workbench(Path.cwd(), paper_id)
    server = serve(bench, port)
    address = url(bench, server)
    click.echo(f"workbench for {paper_id}: {address}  (Ctrl-C to stop)", err=True)
    if not no_browser:
        webbrowser.open(address)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


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
