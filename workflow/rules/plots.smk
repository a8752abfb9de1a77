# Stage 4: plots. One job draws the forest, sensitivity and leave-one-out plots of every
# protocol endpoint (SVG, PNG at 300 dpi, PDF) in one `litmeta plots` process whose forked
# workers share the imported plotting code: 12 endpoints cost one Python start-up, not 12.
rule plots:
    input:
        # the config values below, not config.yaml's mtime (workflow/rules/common.smk)
        config_digest("plots", "plot_formats", "forest_page_cohorts"),
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        subgroups="results/subgroup_tests.csv",
        weights="results/weights.csv",
        loo="results/leave_one_out.csv",
    output:
        plots=[plot_output(f) for f in PLOT_FILES],
    log:
        "logs/plots.log",
    conda:
        "../../envs/plots.yaml"
    threads: 4
    resources:
        # one plotting worker holds ~200 MB for the real review, ~700 MB at 400 cohorts
        mem_mb=lambda wildcards, threads: 400 + 400 * threads,
    params:
        out_dir=plots_dir,
        formats=options("--format", PLOT_FORMATS),
        page_cohorts=config.get("forest_page_cohorts", 60),
    shell:
        "litmeta plots --analysis-table {input.table:q} --pooled {input.pooled:q}"
        " --subgroups {input.subgroups:q} --weights {input.weights:q} --loo {input.loo:q}"
        " --out-dir {params.out_dir:q} --jobs {threads} {params.formats}"
        " --page-cohorts {params.page_cohorts} 2> >(tee {log:q} >&2)"
