# Stage 3: the analysis table, then every analysis of the protocol (random-effects pooling
# validated against R metafor, tests/test_stats_metafor.py and tests/test_pooled_metafor.py).


rule harmonise:
    input:
        outcomes="extracted/outcomes.csv",
        cohorts="extracted/cohorts.csv",
    output:
        "results/analysis_table.csv",
    log:
        "logs/harmonise.log",
    conda:
        "../../envs/stats.yaml"
    shell:
        "litmeta harmonise {input.outcomes} {input.cohorts} {output} 2> >(tee {log} >&2)"


rule pool:
    input:
        table="results/analysis_table.csv",
        # the analyses and exclusions of the config, as values (workflow/rules/common.smk)
        config=DIGESTS["analyses"],
        papers=config["papers_sheet"],
    output:
        "results/pooled.csv",
        "results/subgroup_tests.csv",
        "results/leave_one_out.csv",
        "results/weights.csv",
    log:
        "logs/pool.log",
    conda:
        "../../envs/stats.yaml"
    shell:
        "litmeta pool {input.table} --config {input.config} --papers {input.papers} "
        "--out-dir results 2> >(tee {log} >&2)"


rule results_readme:
    input:
        "workflow/report/results_README.md",
    output:
        "results/README.md",
    log:
        "logs/results_readme.log",
    run:
        with step_log(log, rule):
            steps.copy_file(input[0], output[0])
