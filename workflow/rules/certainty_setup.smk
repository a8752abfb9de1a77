# Set-up of the certainty stage (workflow/rules/certainty.smk): the grade thresholds are
# checked at parse time like the rest of the config, the risk-of-bias files of the sheet's
# papers are inputs (so editing a judgement reruns the rule), and the plot file lists.
from litmeta.jobs import certainty as certainty_jobs
from litmeta.certainty.grade import Thresholds

ROB_DIR = config.get("risk_of_bias_dir", "config/risk_of_bias")
try:
    Thresholds.from_dict(config.get("grade", {}))
except InputError as exc:
    sys.exit(f"error: {exc}")

ROB_PLOTS = expand(
    f"{PLOTS_DIR}/risk_of_bias_{{kind}}.{{ext}}",
    kind=("traffic_light", "summary"),
    ext=PLOT_FORMATS,
)
FUNNEL_PLOTS = expand(f"{PLOTS_DIR}/funnel.{{ext}}", ext=PLOT_FORMATS)


def rob_files(wildcards):
    """The risk-of-bias files of the papers in the sheet (a paper without one is 'not
    assessed'), so that editing a judgement reruns the rule."""
    return [
        f"{ROB_DIR}/{p}.yaml"
        for p in PAPER_IDS
        if Path(f"{ROB_DIR}/{p}.yaml").is_file()
    ]


try:  # judgements are read only from inside the project (no link to a file elsewhere)
    check_files_inside(".", rob_files(None))
except InputError as exc:
    sys.exit(f"error: {exc}")


def caption_png(path, caption, category, label):
    if not path.endswith(".png"):
        return path
    return report(path, caption=caption, category=category, labels={"plot": label})
