# Stage 3: the analysis table, then every analysis of the protocol (random-effects pooling
# validated against R metafor, tests/test_stats_metafor.py and tests/test_pooled_metafor.py).
# Shell rules: each `litmeta` command calls litmeta.jobs.pool.
from litmeta.jobs import pool as pool_jobs


rule harmonise:
    input:
        outcomes="extracted/outcomes.csv",
        cohorts="extracted/cohorts.csv",
    output:
        table="results/analysis_table.csv",
    log:
        "logs/harmonise.log",
    conda:
        "../../envs/stats.yaml"
    shell:
        "litmeta harmonise {input.outcomes:q} {input.cohorts:q} {output.table:q}"
        " 2> >(tee {log:q} >&2)"


rule pool:
    input:
        # the config values below, not config.yaml's mtime (workflow/rules/common.smk)
        config_digest("pool", "analyses", "exclusions", "grade.minors_high_risk_total"),
        table="results/analysis_table.csv",
        papers=config["papers_sheet"],
        rob="results/risk_of_bias.csv",
    output:
        pooled="results/pooled.csv",
        subgroups="results/subgroup_tests.csv",
        loo="results/leave_one_out.csv",
        weights="results/weights.csv",
        priors="results/bayes_prior_sensitivity.csv",
    log:
        "logs/pool.log",
    conda:
        "../../envs/stats.yaml"
    # two threads, half of the README's --cores 4: the jobs that can run beside it
    # (extracted/README.md's measures, the risk-of-bias plots) go on instead of holding it
    # back until every core is free (issue 28); a fixed number, because workflow.cores
    # fails where no --cores is given (--report, --unlock)
    threads: 2
    params:
        analyses=options("--analysis", config["analyses"]),
        exclusions=options(
            "--exclude",
            [f"{name}={','.join(ids)}" for name, ids in config["exclusions"].items()],
        ),
        high_risk_total=config["grade"]["minors_high_risk_total"],
    shell:
        "litmeta pool {input.table:q} --papers {input.papers:q} --risk-of-bias {input.rob:q}"
        " --minors-high-risk-total {params.high_risk_total} {params.analyses} {params.exclusions}"
        " --pooled {output.pooled:q} --subgroups {output.subgroups:q} --loo {output.loo:q}"
        " --weights {output.weights:q} --priors {output.priors:q} --jobs {threads}"
        " 2> >(tee {log:q} >&2)"


rule results_readme:
    input:
        template="workflow/report/results_README.md",
    output:
        readme="results/README.md",
    log:
        "logs/results_readme.log",
    run:
        with job_log(log, rule):
            pool_jobs.results_readme(**input, **output)
