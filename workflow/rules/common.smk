# Shared set-up: config and paper sheet validated (snakemake.utils.validate against
# workflow/schemas/) and the sheet verified against the files at parse time, so that a
# misspelt key, a missing paper or a changed checksum stops the run before any job starts,
# with one line naming the file, the field and the fix.
import sys

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
    for i, row in enumerate(rows, start=2):
        checked(row, "papers.schema.yaml", f"{sheet}:{i}")
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
