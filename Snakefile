# litmeta: five source papers -> quoted extractions -> random-effects pooling -> plots.
# Run `snakemake --cores 4` (see README.md). Rules live in workflow/rules/, one file per stage.
import os
import sys

from snakemake.utils import min_version, validate

from litmeta.errors import InputError
from litmeta.review_inputs import (
    check_config_files,
    check_writable,
    remove_stale_outputs,
)

min_version("9.0")

# An empty config file (Snakemake's own message would not name it), and YAML aliases in it or
# in any --configfile, refused before anything walks the config (a "billion laughs" file).
try:
    check_config_files(workflow.overwrite_configfiles)
except InputError as exc:
    sys.exit(f"error: {exc}")


configfile: "config/config.yaml"


include: "workflow/rules/common.smk"
include: "workflow/rules/ingest.smk"
include: "workflow/rules/extract.smk"
include: "workflow/rules/pool.smk"
include: "workflow/rules/plots.smk"
include: "workflow/rules/certainty_setup.smk"
include: "workflow/rules/certainty.smk"
include: "workflow/rules/report.smk"
include: "workflow/rules/metareg.smk"


# Trivial jobs (a copy, a concatenation of small tables) run in this process even under a
# cluster executor (profiles/slurm/): a queued job would cost more than the work.
localrules:
    all,
    results_readme,
    combine,


rule all:
    default_target: True
    input:
        expand("extracted/text/{paper_id}.txt", paper_id=PAPER_IDS),
        expand("extracted/text/{paper_id}.layout.csv", paper_id=PDF_IDS),
        expand("extracted/candidates/{paper_id}.csv", paper_id=PAPER_IDS),
        # every per-paper output is a target too: Snakemake does not rerun a job whose
        # output went missing (e.g. removed after a failure) while downstream files exist
        rules.combine.input,
        "extracted/outcomes.csv",
        "extracted/README.md",
        "results/pooled.csv",
        "results/README.md",
        PLOT_FILES,
        "results/summary_of_findings.csv",
        "results/summary_of_findings.md",
        "results/evidence.html",
        "results/risk_of_bias.csv",
        "results/indirectness.csv",
        "results/characteristics.csv",
        ROB_PLOTS,
        "results/small_study_tests.csv",
        FUNNEL_PLOTS,
        "results/certainty.csv",
        "results/meta_regression.csv",
        BUBBLE_PLOTS,


try:  # a read-only output folder: one line, before Snakemake removes any output
    check_writable(os.path.dirname(str(f)) for r in workflow.rules for f in r.output)
except InputError as exc:
    sys.exit(f"error: {exc}")


onsuccess:
    # nothing stale: files under extracted/ and results/ that the DAG no longer produces
    # (a removed paper, a dropped plot format or moderator) go, so none shows old numbers
    for rel in remove_stale_outputs(dag_files()):
        print(f"removed {rel}: no rule produces it any more", file=sys.stderr)
