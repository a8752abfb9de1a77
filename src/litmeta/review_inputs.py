"""Parse-time checks of what the config and the sheet name, and the digest files that make
Snakemake rerun a job when what it depends on changes, whatever the timestamps.

Every check here runs before any job starts, so a wrong config stops the run with one line
and leaves every output as it was.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
from collections.abc import Iterable, Mapping
from pathlib import Path

import yaml

from .errors import InputError
from .yamlsafe import load_no_aliases

CONFIG = "config/config.yaml"
DIGEST_DIR = ".litmeta/inputs"
PATH_KEYS = ("papers_sheet", "papers_dir", "specs_dir", "risk_of_bias_dir")


def check_config_files(overrides: Iterable[str | Path] = ()) -> None:
    """config/config.yaml and each ``--configfile`` (``workflow.overwrite_configfiles``),
    through the no-alias loader, first thing in the Snakefile: Snakemake has loaded them by
    then, but its loader keeps an alias as a shared reference (cheap), and the first thing
    that walks the values (the schema check, whose message prints them) would expand a
    "billion laughs" file for ever."""
    check_config_file(CONFIG)
    cwd = Path.cwd().resolve()
    for path in overrides:
        path = Path(path).resolve()
        check_config_file(path.relative_to(cwd) if cwd in path.parents else path)


def check_config_file(path: str | Path = CONFIG) -> None:
    """An empty or non-mapping config file, named (Snakemake's own message names none)."""
    path = Path(path)
    if not path.is_file():
        return  # Snakemake names a missing config file itself
    text = path.read_text(encoding="utf-8")
    try:
        if isinstance(json.loads(text), dict):
            return  # JSON, which Snakemake reads as such: no aliases (JSON with tabs is no YAML)
    except ValueError:
        pass
    try:
        data = load_no_aliases(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"{path}:{mark.line + 1}" if mark else str(path),
            f"not valid YAML ({getattr(exc, 'problem', None) or exc})",
            "fix the YAML syntax (indentation, quotes)",
        ) from None
    if not isinstance(data, dict):
        raise InputError(
            str(path),
            "the config file is empty" if data is None else "the config is not a mapping of keys",
            "restore it from git (`git checkout config/config.yaml`) and edit the values",
        )


def inside_project(root: str | Path, value: str, key: str) -> str:
    """``value`` (a configured file or folder) as a path relative to ``root``; anything that
    resolves outside the project is refused, so no machine-specific path reaches an output."""
    root = Path(root).resolve()
    resolved = (root / value).resolve()
    if resolved != root and root not in resolved.parents:
        raise InputError(
            f"{CONFIG} (field {key})",
            f"{value!r} is outside the project folder",
            "give a path inside the project, relative to it (e.g. papers, config/papers.tsv)",
        )
    return resolved.relative_to(root).as_posix()


def check_files_inside(root: str | Path, paths: Iterable[str | Path]) -> None:
    """Each file read through a configured folder (a spec, a risk-of-bias file) resolves
    inside the project: a symbolic link to a file elsewhere is refused before it is read,
    and the message names the link only, never what it points to or holds."""
    root = Path(root).resolve()
    for path in paths:
        resolved = (root / path).resolve()
        if root not in resolved.parents:
            raise InputError(
                Path(path).as_posix(),
                "a link to a file outside the project folder",
                "copy the file into the project instead of linking to it",
            )


def check_specs(paper_ids: Iterable[str], specs_dir: str, sheet: str) -> None:
    """Every paper in the sheet has its extraction spec, inside the project: no paper is
    silently left out and no spec is read from elsewhere."""
    for number, pid in enumerate(paper_ids, start=2):
        spec = Path(specs_dir) / f"{pid}.yaml"
        if not spec.is_file():
            raise InputError(
                f"{sheet}:{number}",
                f"paper {pid!r} has no extraction spec {spec.as_posix()}",
                "write the spec (see README: adding a paper) or remove the paper's row",
            )
        check_files_inside(".", [spec])


def _declared_cohorts(spec: Path) -> set[str] | None:
    """The cohort ids a spec declares; None if it cannot be read (its extraction job then
    reports why, with the spec's own error)."""
    try:
        data = load_no_aliases(spec.read_text(encoding="utf-8"))
        return {str(c["id"]) for c in data["cohorts"]}
    except Exception:  # noqa: BLE001 (any unreadable spec: reported by its own job)
        return None


def check_exclusions(
    exclusions: Mapping[str, list[str]], paper_ids: Iterable[str], specs_dir: str
) -> None:
    """Every cohort an exclusion analysis leaves out exists: a misspelt id would leave the
    analysis identical to the primary one while claiming to exclude something."""
    paper_ids = sorted(paper_ids, key=len, reverse=True)
    for analysis, ids in exclusions.items():
        for i, cohort in enumerate(ids):
            where = f"{CONFIG} (field exclusions.{analysis}[{i}])"
            owner = next((p for p in paper_ids if cohort == p or cohort.startswith(p + "_")), None)
            if owner is None:
                raise InputError(
                    where,
                    f"cohort {cohort!r} belongs to no paper of the sheet",
                    "use a cohort id declared in a spec's `cohorts` (see extracted/cohorts.csv)",
                )
            declared = _declared_cohorts(Path(specs_dir) / f"{owner}.yaml")
            if declared is not None and cohort not in declared:
                raise InputError(
                    where,
                    f"cohort {cohort!r} is not declared in {specs_dir}/{owner}.yaml",
                    f"use one of: {', '.join(sorted(declared))}",
                )


def check_writable(folders: Iterable[str]) -> None:
    """Every existing output folder is writable: a read-only one stops the run before any job
    (Snakemake would otherwise fail inside its own code, removing the old outputs)."""
    for folder in sorted(set(folders)):
        if os.path.isdir(folder) and not os.access(folder, os.W_OK):
            raise InputError(
                f"{folder}/",
                "the output folder is not writable (permissions or a read-only file system)",
                "make it writable (`chmod u+w`) or run in a writable copy of the project",
            )


def file_sha256(path: str | Path) -> str:
    return hashlib.sha256(Path(path).read_bytes()).hexdigest()


def digest_file(name: str, lines: Iterable[str], root: str | Path = ".") -> str:
    """Write ``DIGEST_DIR/name`` holding ``lines`` (what a job's result depends on) if its
    content differs, and return its path, for use as a job input.

    A changed content gets the current time, so the job reruns whatever the other files'
    timestamps are. The digest files are committed with the outputs they describe, so a
    fresh clone's first run compares the inputs it has with the ones the committed outputs
    were made from and reruns exactly what differs. A digest file seen for the first time (a
    new paper, a review whose digests were never committed) gets the oldest possible time:
    it records the state the existing outputs are trusted to match, and any later change is
    caught."""
    path = Path(root) / DIGEST_DIR / name
    text = "".join(f"{line}\n" for line in lines)
    try:
        if path.read_text(encoding="utf-8") == text:
            return f"{DIGEST_DIR}/{name}"
        first = False
    except FileNotFoundError:
        first = True
    path.parent.mkdir(parents=True, exist_ok=True)
    from .atomic import write_text

    write_text(path, text)
    if first:
        os.utime(path, (0, 0))
    return f"{DIGEST_DIR}/{name}"


OUTPUT_FOLDERS = ("extracted", "results")
#: generated on request, never by the DAG (git-ignored): left alone
NOT_DAG_OUTPUTS = ("results/report.html",)
_PAGE = re.compile(r"^(?P<stem>.+)_page\d+(?P<ext>\.[a-z]+)$")


def stale_outputs(expected: Iterable[str], root: str | Path = ".") -> list[str]:
    """Files under extracted/ and results/ that the DAG no longer produces (``expected``:
    every file its rules name): a removed paper's files, a format dropped from
    ``plot_formats``, a dropped moderator's bubble plot. A page of a plot
    (``forest_orr_page2.svg``) belongs to its first page (``forest_orr.svg``)."""
    expected = {Path(p).as_posix() for p in expected}
    root = Path(root)
    stale = []
    for folder in OUTPUT_FOLDERS:
        for path in sorted((root / folder).rglob("*")):
            rel = path.relative_to(root).as_posix()
            if not path.is_file() or rel in expected or rel in NOT_DAG_OUTPUTS:
                continue
            page = _PAGE.match(path.name)
            first = path.with_name(page["stem"] + page["ext"]) if page else None
            if first is not None and first.relative_to(root).as_posix() in expected:
                continue
            stale.append(rel)
    return stale


def remove_stale_outputs(expected: Iterable[str], root: str | Path = ".") -> list[str]:
    """Remove :func:`stale_outputs` (after a successful run) and return them."""
    stale = stale_outputs(expected, root)
    for rel in stale:
        (Path(root) / rel).unlink(missing_ok=True)
    return stale
