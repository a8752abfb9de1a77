# Stage 5: reporting. The summary of findings (CSV + Markdown) and the self-contained
# evidence page (every pooled number back to its quote and line). `snakemake --report
# results/report.html` collects these and the plots (captions in workflow/report/*.rst).
# Shell rules: each `litmeta` command calls litmeta.jobs.report.


rule summary_of_findings:
    input:
        # the preprint cohorts (config), not config.yaml's mtime (common.smk)
        config_digest("summary_of_findings", "exclusions.sens_exclude_preprint"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        weights="results/weights.csv",
        loo="results/leave_one_out.csv",
        certainty="results/certainty.csv",
        characteristics="results/characteristics.csv",
    output:
        csv=report(
            "results/summary_of_findings.csv",
            caption="../report/summary_of_findings.rst",
            category="Summary of findings",
        ),
        md=report(
            "results/summary_of_findings.md",
            caption="../report/summary_of_findings_md.rst",
            category="Summary of findings",
        ),
    log:
        "logs/summary_of_findings.log",
    conda:
        "../../envs/plots.yaml"
    params:
        preprints=options("--preprint-cohort", PREPRINT_COHORTS),
    shell:
        "litmeta summary-of-findings --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --weights {input.weights:q} --loo {input.loo:q} {params.preprints}"
        " --out-csv {output.csv:q} --out-md {output.md:q} --certainty {input.certainty:q}"
        " --characteristics {input.characteristics:q} 2> >(tee {log:q} >&2)"


rule evidence_page:
    input:
        DIGESTS["sheet"],
        config_digest("evidence_page", "exclusions.sens_exclude_preprint"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        weights="results/weights.csv",
        loo="results/leave_one_out.csv",
        outcomes="extracted/outcomes.csv",
        discrepancies="extracted/discrepancies.csv",
        papers=config["papers_sheet"],
        risk_of_bias="results/risk_of_bias.csv",
        certainty="results/certainty.csv",
        characteristics="results/characteristics.csv",
        # PDF papers: the page and column of each cited line
        layouts=expand("extracted/text/{paper_id}.layout.csv", paper_id=PDF_IDS),
    output:
        page=report(
            "results/evidence.html",
            caption="../report/evidence.rst",
            category="Evidence",
        ),
    log:
        "logs/evidence_page.log",
    conda:
        "../../envs/plots.yaml"
    params:
        preprints=options("--preprint-cohort", PREPRINT_COHORTS),
    shell:
        "litmeta evidence-page --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --weights {input.weights:q} --loo {input.loo:q} --outcomes {input.outcomes:q}"
        " --discrepancies {input.discrepancies:q} --papers {input.papers:q} --out {output.page:q}"
        " {params.preprints} --risk-of-bias {input.risk_of_bias:q} --certainty {input.certainty:q}"
        " --characteristics {input.characteristics:q} 2> >(tee {log:q} >&2)"
