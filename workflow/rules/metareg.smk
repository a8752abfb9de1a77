# Stage 3b: binomial-normal meta-regression on the moderators named in config
# (`meta_regression`; PROTOCOL.md Amendment 1, issue 12): results/meta_regression.csv
# (`litmeta meta-regression`) and one bubble plot per moderator (`litmeta bubble-plots`),
# litmeta.jobs.metareg. Pools below the
# protocol's minimum k get rows that say so. Included after certainty_setup.smk, whose
# caption_png it uses.
from litmeta import metaregression

META_REGRESSION = metaregression.Settings.from_section(config.get("meta_regression"))
try:  # a moderator naming no column: one line before any job runs
    metaregression.check_moderators(
        META_REGRESSION.moderators,
        read_sheet(config["papers_sheet"])[0],
        "config/config.yaml",
    )
except InputError as exc:
    sys.exit(f"error: {exc}")

BUBBLE_PLOTS = expand(
    f"{PLOTS_DIR}/bubble_{{moderator}}.{{ext}}",
    moderator=META_REGRESSION.moderators,
    ext=PLOT_FORMATS,
)


rule meta_regression:
    input:
        # the config values below, not config.yaml's mtime (workflow/rules/common.smk)
        config_digest("meta_regression", "meta_regression"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        papers=config["papers_sheet"],
        characteristics="results/characteristics.csv",
    output:
        csv=report(
            "results/meta_regression.csv",
            caption="../report/meta_regression.rst",
            category="Meta-regression",
        ),
    log:
        "logs/meta_regression.log",
    conda:
        "../../envs/stats.yaml"
    params:
        moderators=options("--moderator", META_REGRESSION.moderators),
        min_k=META_REGRESSION.min_k,
    shell:
        "litmeta meta-regression --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --papers {input.papers:q} --characteristics {input.characteristics:q}"
        " {params.moderators} --min-k {params.min_k}"
        " --out {output.csv:q} 2> >(tee {log:q} >&2)"


# The bubble plots in a job of their own: no table is made by a job that draws.
rule bubble_plots:
    input:
        config_digest("bubble_plots", "meta_regression", "plot_formats"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        papers=config["papers_sheet"],
        characteristics="results/characteristics.csv",
    output:
        plots=[
            caption_png(f, "../report/bubble.rst", "Meta-regression", "bubble")
            for f in BUBBLE_PLOTS
        ],
    log:
        "logs/bubble_plots.log",
    conda:
        "../../envs/plots.yaml"
    params:
        moderators=options("--moderator", META_REGRESSION.moderators),
        min_k=META_REGRESSION.min_k,
        out_dir=plots_dir,
        formats=options("--format", PLOT_FORMATS),
    shell:
        "litmeta bubble-plots --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --papers {input.papers:q} --characteristics {input.characteristics:q}"
        " {params.moderators} --min-k {params.min_k}"
        " --out-dir {params.out_dir:q} {params.formats} 2> >(tee {log:q} >&2)"
