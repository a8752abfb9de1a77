# Stage 4b: certainty of evidence (PROTOCOL.md Amendment 1, issue 15). Risk of bias per cohort
# (MINORS, each score with its quote and line), small-study tests and funnel plot (k >= 10),
# and the GRADE rating of every pooled outcome, read by the summary of findings and the
# evidence page. The grade thresholds are checked at parse time, like the rest of the config.
rule risk_of_bias:
    input:
        judgements=rob_files,
        cohorts="extracted/cohorts.csv",
        texts=expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        sheet=config["papers_sheet"],
    output:
        rob=report(
            "results/risk_of_bias.csv",
            caption="../report/risk_of_bias.rst",
            category="Certainty of evidence",
        ),
        indirect="results/indirectness.csv",
    log:
        "logs/risk_of_bias.log",
    params:
        rob_dir=ROB_DIR,
        papers_dir=config["papers_dir"],
    run:
        with step_log(log, rule):
            certainty_steps.risk_of_bias_rule(input, output, params)


rule risk_of_bias_plots:
    input:
        "results/risk_of_bias.csv",
    output:
        [
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
    run:
        with step_log(log, rule):
            certainty_steps.risk_of_bias_plots(
                input[0], "results/plots", tuple(PLOT_FORMATS)
            )


rule small_study_tests:
    input:
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        # the config values (grade thresholds), not config.yaml's mtime: common.smk
        config=DIGESTS["analyses"],
    output:
        csv="results/small_study_tests.csv",
        plots=[
            caption_png(f, "../report/funnel.rst", "Certainty of evidence", "funnel")
            for f in FUNNEL_PLOTS
        ],
    log:
        "logs/small_study_tests.log",
    run:
        with step_log(log, rule):
            certainty_steps.small_study_tests_rule(input, output, PLOT_FORMATS)


rule certainty:
    input:
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        weights="results/weights.csv",
        rob="results/risk_of_bias.csv",
        indirect="results/indirectness.csv",
        small_study="results/small_study_tests.csv",
        # the config values (grade thresholds), not config.yaml's mtime: common.smk
        config=DIGESTS["analyses"],
    output:
        report(
            "results/certainty.csv",
            caption="../report/certainty.rst",
            category="Certainty of evidence",
        ),
    log:
        "logs/certainty.log",
    run:
        with step_log(log, rule):
            certainty_steps.certainty_rule(input, output)
