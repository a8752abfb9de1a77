# Stage 4b: certainty of evidence (PROTOCOL.md Amendment 1, issue 15). Risk of bias per cohort
# (MINORS, each score with its quote and line), small-study tests and funnel plot (k >= 10),
# and the GRADE rating of every pooled outcome, read by the summary of findings and the
# evidence page (litmeta.jobs.certainty). The grade thresholds are checked at parse time,
# like the rest of the config. The jobs that draw plots run in their own process (shell).
rule risk_of_bias:
    input:
        # the config value below, not config.yaml's mtime (workflow/rules/common.smk)
        config_digest("risk_of_bias", "papers_dir"),
        judgements=rob_files,
        cohorts="extracted/cohorts.csv",
        texts=expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        sheet=config["papers_sheet"],
        # the papers' own characters: a quote that differs is marked normalised
        papers=[f"{config['papers_dir']}/{PAPERS[p].file}" for p in PAPER_IDS],
    output:
        rob=report(
            "results/risk_of_bias.csv",
            caption="../report/risk_of_bias.rst",
            category="Certainty of evidence",
        ),
        indirect="results/indirectness.csv",
    log:
        "logs/risk_of_bias.log",
    run:
        with job_log(log, rule):
            certainty_jobs.risk_of_bias(**input, **output, **params)


rule risk_of_bias_plots:
    input:
        config_digest("risk_of_bias_plots", "plot_formats"),
        rob="results/risk_of_bias.csv",
    output:
        plots=[
            caption_png(
                f,
                "../report/risk_of_bias_plots.rst",
                "Certainty of evidence",
                Path(f)
                .stem.replace("risk_of_bias_", "risk of bias ")
                .replace("_", " "),
            )
            for f in ROB_PLOTS
        ],
    log:
        "logs/risk_of_bias_plots.log",
    conda:
        "../../envs/plots.yaml"
    params:
        out_dir=plots_dir,
        formats=options("--format", PLOT_FORMATS),
    shell:
        "litmeta risk-of-bias-plots --risk-of-bias {input.rob:q} --out-dir {params.out_dir:q}"
        " {params.formats} 2> >(tee {log:q} >&2)"


rule small_study_tests:
    input:
        config_digest("small_study_tests", "grade.publication_bias_min_k"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
    output:
        csv="results/small_study_tests.csv",
    log:
        "logs/small_study_tests.log",
    conda:
        "../../envs/stats.yaml"
    params:
        min_k=config["grade"]["publication_bias_min_k"],
    shell:
        "litmeta small-study-tests --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --min-k {params.min_k} --out {output.csv:q} 2> >(tee {log:q} >&2)"


# The funnel plot in a job of its own: no table is made by a job that draws.
rule funnel_plot:
    input:
        config_digest("funnel_plot", "grade.publication_bias_min_k", "plot_formats"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        small="results/small_study_tests.csv",
    output:
        plots=[
            caption_png(f, "../report/funnel.rst", "Certainty of evidence", "funnel")
            for f in FUNNEL_PLOTS
        ],
    log:
        "logs/funnel_plot.log",
    conda:
        "../../envs/plots.yaml"
    params:
        min_k=config["grade"]["publication_bias_min_k"],
        out_dir=plots_dir,
        formats=options("--format", PLOT_FORMATS),
    shell:
        "litmeta funnel-plot --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --small-study-tests {input.small:q} --min-k {params.min_k}"
        " --out-dir {params.out_dir:q} {params.formats} 2> >(tee {log:q} >&2)"


rule certainty:
    input:
        config_digest("certainty", "grade"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        weights="results/weights.csv",
        rob="results/risk_of_bias.csv",
        indirect="results/indirectness.csv",
        small_study="results/small_study_tests.csv",
    output:
        certainty=report(
            "results/certainty.csv",
            caption="../report/certainty.rst",
            category="Certainty of evidence",
        ),
    log:
        "logs/certainty.log",
    params:
        grade=config["grade"],
    run:
        with job_log(log, rule):
            certainty_jobs.certainty(**input, **output, **params)
