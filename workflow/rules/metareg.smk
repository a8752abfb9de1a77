# Stage 3b: binomial-normal meta-regression on the moderators named in config
# (`meta_regression`; PROTOCOL.md Amendment 1, issue 12): results/meta_regression.csv and one
# bubble plot per moderator. Pools below the protocol's minimum k get rows that say so.
# Included after certainty_setup.smk, whose caption_png it uses.
from litmeta import metaregression

try:  # a moderator naming no column: one line before any job runs
    metaregression.check_moderators(
        config.get("meta_regression", {}).get("moderators", []),
        read_sheet(config["papers_sheet"])[0],
        "config/config.yaml",
    )
except InputError as exc:
    sys.exit(f"error: {exc}")

BUBBLE_PLOTS = expand(
    "results/plots/bubble_{moderator}.{ext}",
    moderator=config.get("meta_regression", {}).get("moderators", []),
    ext=("svg", "png", "pdf"),
)


rule meta_regression:
    input:
        table="results/analysis_table.csv",
        pooled="results/pooled.csv",
        papers=config["papers_sheet"],
        # the config values (moderators, min_k), not config.yaml's mtime: common.smk
        config=DIGESTS["analyses"],
    output:
        csv=report(
            "results/meta_regression.csv",
            caption="../report/meta_regression.rst",
            category="Meta-regression",
        ),
        plots=[
            caption_png(f, "../report/bubble.rst", "Meta-regression", "bubble")
            for f in BUBBLE_PLOTS
        ],
    log:
        "logs/meta_regression.log",
    run:
        with step_log(log, rule):
            metaregression.write(
                input.table,
                input.pooled,
                input.papers,
                input.config,
                output.csv,
                "results/plots",
            )
