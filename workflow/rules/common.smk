# Shared set-up: config and paper sheet validated (snakemake.utils.validate against
# workflow/schemas/) and the sheet verified against the files at parse time, so that a
# misspelt key, a missing paper or a changed checksum stops the run before any job starts,
# with one line naming the file, the field and the fix.
import sys
from pathlib import Path

import jsonschema
import yaml

from litmeta.extract.vocabulary import PROTOCOL_ENDPOINTS
from litmeta.errors import InputError
from litmeta.schema_errors import explain
from litmeta.sheet import read_sheet, verify_papers

SCHEMAS = "workflow/schemas"


def checked(instance, schema, where):
    try:
        validate(instance, f"../schemas/{schema}")
    except Exception:
        raise InputError(where, explain(instance, f"{SCHEMAS}/{schema}")) from None


def load_papers():
    checked(config, "config.schema.yaml", "config/config.yaml")
    sheet = config["papers_sheet"]
    rows = read_sheet(sheet)
    # one validator for every row (snakemake.utils.validate re-reads the schema per call:
    # a third of the parse time of a 500-paper sheet)
    row_schema = f"{SCHEMAS}/papers.schema.yaml"
    validator = jsonschema.Draft202012Validator(
        yaml.safe_load(Path(row_schema).read_text(encoding="utf-8"))
    )
    for i, row in enumerate(rows, start=2):
        if not validator.is_valid(row):
            raise InputError(f"{sheet}:{i}", explain(row, row_schema))
    return {p.paper_id: p for p in verify_papers(rows, config["papers_dir"], sheet)}


try:
    PAPERS = load_papers()
except InputError as exc:
    sys.exit(f"error: {exc}")

PAPER_IDS = sorted(PAPERS)


wildcard_constraints:
    paper_id="|".join(PAPER_IDS),


def paper_file(wildcards):
    return f"{config['papers_dir']}/{PAPERS[wildcards.paper_id].file}"


def spec_file(wildcards):
    return f"{config['specs_dir']}/{wildcards.paper_id}.yaml"


# Plot files (drawn in workflow/rules/plots.smk): three kinds per endpoint, in the formats
# of config `plot_formats` (svg, png, pdf by default).
PLOT_FORMATS = [
    f
    for f in ("svg", "png", "pdf")
    if f in config.get("plot_formats", ("svg", "png", "pdf"))
]
PLOT_KINDS = ("forest", "sensitivity", "loo")
PLOT_REPORT = {
    "forest": ("Forest plots", "forest"),
    "sensitivity": ("Sensitivity analyses", "sensitivity"),
    "loo": ("Leave-one-out", "leave-one-out"),
}
PLOT_FILES = expand(
    "results/plots/{kind}_{endpoint}.{ext}",
    kind=PLOT_KINDS,
    endpoint=PROTOCOL_ENDPOINTS,
    ext=PLOT_FORMATS,
)


def plot_output(path):
    """The PNGs go into `snakemake --report`, with the caption of their kind."""
    kind, endpoint = Path(path).stem.split("_", 1)
    if not path.endswith(".png"):
        return path
    category, label = PLOT_REPORT[kind]
    return report(
        path,
        caption=f"../report/{kind}.rst",
        category=category,
        labels={"endpoint": endpoint, "plot": label},
    )
