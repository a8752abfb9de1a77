# Stage 4: plots. One job per protocol endpoint draws its forest, sensitivity and
# leave-one-out plots (SVG, PNG at 300 dpi, PDF) in a single `litmeta plot-endpoint` process.
from litmeta.extract.vocabulary import PROTOCOL_ENDPOINTS

PLOT_KINDS = ("forest", "sensitivity", "loo")
PLOT_FORMATS = ("svg", "png", "pdf")
PLOT_FILES = expand(
    "results/plots/{kind}_{endpoint}.{ext}",
    kind=PLOT_KINDS,
    endpoint=PROTOCOL_ENDPOINTS,
    ext=PLOT_FORMATS,
)


rule plot_endpoint:
    input:
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        subgroups="results/subgroup_tests.csv",
        weights="results/weights.csv",
        loo="results/leave_one_out.csv",
    output:
        forest_png=report(
            "results/plots/forest_{endpoint}.png",
            caption="../report/forest.rst",
            category="Forest plots",
            labels={"endpoint": "{endpoint}", "plot": "forest"},
        ),
        forest_svg="results/plots/forest_{endpoint}.svg",
        forest_pdf="results/plots/forest_{endpoint}.pdf",
        sensitivity_png=report(
            "results/plots/sensitivity_{endpoint}.png",
            caption="../report/sensitivity.rst",
            category="Sensitivity analyses",
            labels={"endpoint": "{endpoint}", "plot": "sensitivity"},
        ),
        sensitivity_svg="results/plots/sensitivity_{endpoint}.svg",
        sensitivity_pdf="results/plots/sensitivity_{endpoint}.pdf",
        loo_png=report(
            "results/plots/loo_{endpoint}.png",
            caption="../report/loo.rst",
            category="Leave-one-out",
            labels={"endpoint": "{endpoint}", "plot": "leave-one-out"},
        ),
        loo_svg="results/plots/loo_{endpoint}.svg",
        loo_pdf="results/plots/loo_{endpoint}.pdf",
    log:
        "logs/plots/{endpoint}.log",
    wildcard_constraints:
        endpoint="|".join(PROTOCOL_ENDPOINTS),
    conda:
        "../../envs/plots.yaml"
    shell:
        "litmeta plot-endpoint {wildcards.endpoint} --analysis-table {input.table}"
        " --pooled {input.pooled} --subgroups {input.subgroups} --weights {input.weights}"
        " --loo {input.loo} --out-dir results/plots 2> >(tee {log} >&2)"
