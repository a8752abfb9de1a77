# Shared set-up: config and paper sheet validated (snakemake.utils.validate against
# workflow/schemas/) and the sheet verified against the files at parse time, so that a
# misspelt key, a missing paper or a changed checksum stops the run before any job starts,
# with one line naming the file, the field and the fix. Digest files (.litmeta/inputs/) hold
# what each job's result depends on, so content, not modification times, decides what reruns.
import json
import os
import sys
from pathlib import Path

import jsonschema
import yaml

from litmeta.protocol import PROTOCOL_ENDPOINTS
from litmeta import __version__ as LITMETA_VERSION
from litmeta.errors import InputError
from litmeta.ingest import MAX_TXT_BYTES
from litmeta.lifeline import mark_parent
from litmeta.review_inputs import (
    PATH_KEYS,
    check_exclusions,
    check_specs,
    digest_file,
    file_sha256,
    inside_project,
)
from litmeta.schema_errors import explain
from litmeta.sheet import read_sheet, verify_papers

SCHEMAS = "workflow/schemas"
NOT_POOLED = ("papers_sheet", "papers_dir", "specs_dir", "pdf_limits", "input_limits")
mark_parent()  # the jobs' `litmeta` commands end when this process ends, even after kill -9


def checked(instance, schema, where):
    try:
        validate(instance, f"../schemas/{schema}")
    except Exception:
        raise InputError(where, explain(instance, f"{SCHEMAS}/{schema}")) from None


def load_papers():
    checked(config, "config.schema.yaml", "config/config.yaml")
    for (
        key
    ) in PATH_KEYS:  # project-relative from here on: no machine path reaches an output
        config[key] = inside_project(os.getcwd(), config[key], key)
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
    papers = {p.paper_id: p for p in verify_papers(rows, config["papers_dir"], sheet)}
    check_specs(papers, config["specs_dir"], sheet)
    check_exclusions(config["exclusions"], papers, config["specs_dir"])
    return papers


def write_digests():
    """One digest file per job kind and paper: what the result depends on besides the
    files Snakemake already tracks (package version, the sheet's checksum of the paper, the
    spec's content, the config values the job reads)."""
    version = f"litmeta {LITMETA_VERSION}"
    limits = {
        "pdf_limits": config["pdf_limits"],
        "max_txt_bytes": max_txt_bytes(),
    }
    digests = {}
    for pid, paper in PAPERS.items():
        source = f"{config['papers_dir']}/{paper.file}"
        spec = f"{config['specs_dir']}/{pid}.yaml"
        digests[("ingest", pid)] = digest_file(
            f"ingest/{pid}.txt",
            [version, f"paper {source}", f"sha256 {paper.sha256}", json.dumps(limits)],
        )
        digests[("extract", pid)] = digest_file(
            f"extract/{pid}.txt",
            [version, f"source {source}", f"spec {spec} sha256 {file_sha256(spec)}"],
        )
    digests["papers"] = digest_file("papers.txt", [version, *sorted(PAPERS)])
    digests["sheet"] = digest_file(
        "sheet.txt",
        [f"{config['papers_sheet']} sha256 {file_sha256(config['papers_sheet'])}"],
    )
    # the pool job reads its settings from this file: the values, not config.yaml's mtime
    # (every key but the paths and limits of the inputs, which pooling does not read)
    settings = {k: v for k, v in config.items() if k not in NOT_POOLED}
    digests["analyses"] = digest_file(
        "analyses.yaml", [f"# {version}", *yaml.safe_dump(settings).splitlines()]
    )
    return digests


def max_txt_bytes():
    return config.get("input_limits", {}).get("max_txt_bytes", MAX_TXT_BYTES)


try:
    PAPERS = load_papers()
    DIGESTS = write_digests()
except InputError as exc:
    sys.exit(f"error: {exc}")
except OSError as exc:
    sys.exit(f"error: cannot write {exc.filename}: {exc.strerror}")

PAPER_IDS = sorted(PAPERS)
# The preprints: the cohorts sens_exclude_preprint leaves out, also what the report flags
# (one statement in config; ids checked against the specs by check_exclusions above).
PREPRINT_COHORTS = ",".join(config["exclusions"].get("sens_exclude_preprint", []))


wildcard_constraints:
    paper_id="|".join(PAPER_IDS),


# PDF papers are read by rule ingest_pdf, which also writes their layout sidecar.
PDF_IDS = [p for p in PAPER_IDS if PAPERS[p].file.lower().endswith(".pdf")]
TXT_IDS = [p for p in PAPER_IDS if p not in PDF_IDS]


def one_of(ids):
    """Wildcard constraint matching exactly these ids (nothing when there are none)."""
    return "|".join(ids) if ids else "(?!)"


def paper_file(wildcards):
    return f"{config['papers_dir']}/{PAPERS[wildcards.paper_id].file}"


def spec_file(wildcards):
    return f"{config['specs_dir']}/{wildcards.paper_id}.yaml"


def digest(kind):
    """Input function: the digest file of ``kind`` for the job's paper."""
    return lambda wildcards: DIGESTS[(kind, wildcards.paper_id)]


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
