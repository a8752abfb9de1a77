# Shared set-up: the paper sheet, validated and verified against the files at parse time,
# so a missing paper or a changed checksum stops the run before any job starts.
import sys

from litmeta.errors import InputError
from litmeta.sheet import read_sheet, verify_papers


def load_papers():
    sheet = config["papers_sheet"]
    try:
        rows = read_sheet(sheet)
        for i, row in enumerate(rows, start=2):
            try:
                validate(row, "../schemas/papers.schema.yaml")
            except Exception as exc:
                raise InputError(
                    f"{sheet}:{i}", str(exc).strip().splitlines()[-1]
                ) from None
        return {p.paper_id: p for p in verify_papers(rows, config["papers_dir"], sheet)}
    except InputError as exc:
        sys.exit(f"error: {exc}")


PAPERS = load_papers()
PAPER_IDS = sorted(PAPERS)


wildcard_constraints:
    paper_id="|".join(PAPER_IDS),


def paper_file(wildcards):
    return f"{config['papers_dir']}/{PAPERS[wildcards.paper_id].file}"


def spec_file(wildcards):
    return f"{config['specs_dir']}/{wildcards.paper_id}.yaml"
