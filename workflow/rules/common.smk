# Shared set-up: config and paper sheet validated (snakemake.utils.validate against
# workflow/schemas/) and the sheet verified against the files at parse time, so that a
# misspelt key, a missing paper or a changed checksum stops the run before any job starts,
# with one line naming the file, the field and the fix. Digest files (.litmeta/inputs/) hold
# what each job's result depends on, so content, not modification times, decides what reruns.
#
# The rules call litmeta.jobs.<stage> (one function per rule): every path is an input or
# output, every config value a param. A rule's unnamed inputs are rerun triggers only (digest
# files); its named inputs, outputs and params are its job function's arguments.
import json
import os
import shlex
import sys
from pathlib import Path

import jsonschema
import yaml

from litmeta.protocol import PLOT_KINDS, PROTOCOL_ENDPOINTS
from litmeta import __version__ as LITMETA_VERSION
from litmeta.errors import InputError
from litmeta.ingest import MAX_TXT_BYTES
from litmeta.jobs.log import job_log
from litmeta.lifeline import mark_parent
from litmeta.review_inputs import (
    PATH_KEYS,
    check_exclusions,
    check_files_inside,
    check_specs,
    digest_file,
    file_sha256,
    inside_project,
)
from litmeta.schema_errors import explain
from litmeta.sheet import read_sheet, verify_papers
from litmeta.yamlsafe import load_no_aliases

SCHEMAS = "workflow/schemas"
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
        if key in config:
            config[key] = inside_project(os.getcwd(), config[key], key)
    sheet = config["papers_sheet"]
    rows = read_sheet(sheet)
    # one validator for every row (snakemake.utils.validate re-reads the schema per call:
    # a third of the parse time of a 500-paper sheet)
    row_schema = f"{SCHEMAS}/papers.schema.yaml"
    validator = jsonschema.Draft202012Validator(
        load_no_aliases(Path(row_schema).read_text(encoding="utf-8"))
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
    return digests


def config_digest(rule, *keys):
    """The digest file of the config values ``keys`` (dotted for a nested one:
    grade.publication_bias_min_k) that ``rule`` passes to its job as params, with the package
    version: the rule's unnamed input, so that a changed value (in config.yaml, --config or
    --configfile) reruns exactly the jobs that read it, whatever the file times."""
    values = {}
    for key in keys:
        value = config
        for part in key.split("."):
            value = value.get(part) if isinstance(value, dict) else None
        values[key] = value
    lines = [f"# litmeta {LITMETA_VERSION}", *yaml.safe_dump(values).splitlines()]
    try:
        return digest_file(f"config/{rule}.yaml", lines)
    except OSError as exc:
        sys.exit(f"error: cannot write {exc.filename}: {exc.strerror}")


def options(flag, values):
    """``flag v1 flag v2 ...``, each value quoted for the shell: a config list as the
    options of a rule's `litmeta` command."""
    return " ".join(f"{flag} {shlex.quote(str(v))}" for v in values)


def dag_files():
    """Every file named by the workflow's rules, as inputs or outputs, wildcards filled in
    (the per-paper files are listed by the target `all` and by the jobs that gather them).
    """
    return [
        str(f)
        for r in workflow.rules
        for f in [*r.input, *r.output]
        if isinstance(f, str) and "{" not in f
    ]


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
PREPRINT_COHORTS = config["exclusions"].get("sens_exclude_preprint", [])


wildcard_constraints:
    paper_id="|".join(PAPER_IDS),


# PDF papers are read by rule ingest_pdf, which also writes their layout sidecar.
PDF_IDS = [p for p in PAPER_IDS if PAPERS[p].file.lower().endswith(".pdf")]
TXT_IDS = [p for p in PAPER_IDS if p not in PDF_IDS]
# The PDF route's reading-order check: the first `pdf_check_papers` .txt papers by id (the
# measure is of the reader, so a bounded sample keeps a large review's cost flat).
PDF_CHECK_IDS = TXT_IDS[: config.get("pdf_check_papers", 0)]


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
# of config `plot_formats` (svg, png, pdf by default). Every plot goes into PLOTS_DIR.
PLOTS_DIR = "results/plots"
PLOT_FORMATS = [
    f
    for f in ("svg", "png", "pdf")
    if f in config.get("plot_formats", ("svg", "png", "pdf"))
]
PLOT_FILES = expand(
    f"{PLOTS_DIR}/{{kind}}_{{endpoint}}.{{ext}}",
    kind=PLOT_KINDS,
    endpoint=PROTOCOL_ENDPOINTS,
    ext=PLOT_FORMATS,
)


def plots_dir(wildcards, output):
    """Param function: the folder of the rule's plot files (output ``plots``), named once,
    in their paths (a rule with no plot to draw gets ".")."""
    return os.path.dirname(output.plots[0]) if output.plots else "."


def plot_output(path):
    """The PNGs go into `snakemake --report`, with the caption of their kind."""
    kind, endpoint = Path(path).stem.split("_", 1)
    if not path.endswith(".png"):
        return path
    category, label = PLOT_KINDS[kind]
    return report(
        path,
        caption=f"../report/{kind}.rst",
        category=category,
        labels={"endpoint": endpoint, "plot": label},
    )
