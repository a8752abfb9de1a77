"""Load and check an extraction spec (YAML, validated against a JSON schema).

Errors name the spec file, the entry (``values[3]``) and what to fix.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..protocol import ENDPOINTS, PROTOCOL_ENDPOINTS, is_valid_statistic
from ..schema_errors import brief
from ..yamlsafe import read_yaml_mapping
from .anchor import AnchorError, compile_anchor
from .characteristics import Entry, parse_entries

MAX_SPEC_BYTES = 1_000_000


@dataclass(frozen=True)
class Cohort:
    id: str
    setting: str
    pooled_in: str
    label: str = ""
    reason_code: str = ""
    reason: str = ""
    description: str = ""


@dataclass(frozen=True)
class ValueEntry:
    where: str  # "config/extraction/x.yaml values[3]"
    cohort: str
    section: str
    anchor: str
    role: str = "primary"
    implied_zero: tuple[str, ...] = ()
    expect: dict = field(default_factory=dict)
    note: str = ""


@dataclass(frozen=True)
class DeriveEntry:
    """A ``derive`` entry: the cohort's ``target`` is the sum of the ``sum`` refs, a reader's
    arithmetic the paper does not print (docs/extraction_specs.md)."""

    where: str
    cohort: str
    target: str
    sum: tuple[str, ...]
    note: str


@dataclass(frozen=True)
class NoteEntry:
    """A ``discrepancies`` entry: an inconsistency or judgement call, and the passages."""

    where: str
    kind: str
    detail: str
    anchors: tuple[str, ...]
    cohort: str = ""
    endpoint: str = ""


@dataclass(frozen=True)
class NotExtractable:
    """An outcome the paper prints in a form the protocol cannot use (a mean, a bound only,
    a landmark rate): recorded as "reported, not extractable", never as "not reported"."""

    where: str
    cohort: str
    endpoint: str
    anchor: str
    reason: str  # mean | bound_only | landmark_rate | other
    note: str = ""


NOT_EXTRACTABLE_REASONS = {
    "mean": "a mean, not a median",
    "bound_only": "a bound only (e.g. < 10 %)",
    "landmark_rate": "a landmark rate, not a median",
    "other": "not in a form the protocol uses",
}


@dataclass(frozen=True)
class Spec:
    path: str
    paper_id: str
    cohorts: tuple[Cohort, ...]
    values: tuple[ValueEntry, ...]
    derive: tuple[DeriveEntry, ...]
    notes: tuple[NoteEntry, ...]
    not_extractable: tuple[NotExtractable, ...] = ()
    #: None: the spec has no ``characteristics`` block (its cohorts' items "not extracted")
    characteristics: tuple[Entry, ...] | None = None


def _schema() -> dict:
    text = resources.files("litmeta").joinpath("schemas/extraction_spec.schema.json").read_text()
    return json.loads(text)


def _check_ref(ref: str, where: str, path: str) -> None:
    endpoint, statistic = ref.split(".", 1)
    if endpoint not in ENDPOINTS:
        raise InputError(
            f"{path} {where}",
            f"unknown endpoint {endpoint!r} in {ref!r}",
            f"use one of: {', '.join(ENDPOINTS)}",
        )
    if not is_valid_statistic(endpoint, statistic):
        raise InputError(
            f"{path} {where}",
            f"unknown statistic {statistic!r} for {endpoint}",
            "see extracted/README.md for the statistics of each endpoint",
        )


def load_spec(path: str | Path) -> Spec:
    import jsonschema

    path = Path(path)
    p = str(path)
    if not path.is_file():
        raise InputError(
            p,
            "extraction spec not found",
            "write one (start from extracted/candidates/<paper_id>.csv)",
        )
    data = read_yaml_mapping(
        path,
        MAX_SPEC_BYTES,
        "write paper_id, cohorts and values (docs/extraction_specs.md), or draft one with: "
        "litmeta draft-spec PAPER --paper-id ID -o SPEC",
        what="spec",
    )
    validator = jsonschema.Draft202012Validator(_schema())
    errors = sorted(validator.iter_errors(data), key=lambda e: list(e.absolute_path))
    if errors:
        err = errors[0]
        loc = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in err.absolute_path)
        raise InputError(
            f"{p} {loc.lstrip('.') or '(top level)'}",
            brief(err.message),
            "see the spec format in docs/extraction_specs.md",
        )
    if data["paper_id"] != path.stem:
        raise InputError(
            f"{p} paper_id",
            f"paper_id {data['paper_id']!r} differs from the file name {path.stem!r}",
            "name the spec <paper_id>.yaml",
        )
    cohorts = tuple(Cohort(**c) for c in data["cohorts"])
    ids = {c.id for c in cohorts}
    first_seen: dict[str, int] = {}
    for i, c in enumerate(cohorts):
        if c.id in first_seen:
            raise InputError(
                f"{p} cohorts[{i}]",
                f"cohort id {c.id!r} is already declared by cohorts[{first_seen[c.id]}]",
                "give each cohort one entry with an id of its own",
            )
        first_seen[c.id] = i
        if not (c.id == data["paper_id"] or c.id.startswith(data["paper_id"] + "_")):
            raise InputError(
                f"{p} cohorts[{i}]",
                f"cohort id {c.id!r} must be "
                f"{data['paper_id']!r} or start with '{data['paper_id']}_'",
            )
        if c.pooled_in == "none" and not (c.reason and c.reason_code):
            raise InputError(
                f"{p} cohorts[{i}]",
                "pooled_in is none but no reason_code and reason are given",
                "say why the cohort is not pooled: reason_code (selection, overlap, too_small "
                "or other) and reason (in words)",
            )
        if c.pooled_in != "none" and c.reason_code:
            raise InputError(
                f"{p} cohorts[{i}]",
                f"reason_code {c.reason_code!r} for a cohort that is pooled",
                "give reason_code only with pooled_in: none",
            )

    def cohort_ok(cid: str, where: str) -> None:
        if cid not in ids:
            raise InputError(
                f"{p} {where}",
                f"unknown cohort {cid!r}",
                f"declare it under cohorts (known: {', '.join(sorted(ids))})",
            )

    values = []
    for i, v in enumerate(data["values"]):
        where = f"values[{i}]"
        cohort_ok(v["cohort"], where)
        try:
            _, fields = compile_anchor(v["anchor"])
        except AnchorError as exc:
            raise InputError(f"{p} {where}", str(exc), "fix the anchor's placeholders") from None
        names = [ref for f in fields for ref in f.refs]
        for ref in (*names, *v.get("implied_zero", []), *v.get("expect", {})):
            _check_ref(ref, where, p)
        for key in v.get("expect", {}):
            if key not in names:
                raise InputError(
                    f"{p} {where}",
                    f"expect names {key!r}, which the anchor does not capture",
                    "expect only what the anchor captures",
                )
        if not names and not v.get("implied_zero"):
            raise InputError(
                f"{p} {where}",
                "anchor captures no value",
                "add a {endpoint.statistic} placeholder or implied_zero",
            )
        values.append(
            ValueEntry(
                where,
                v["cohort"],
                v["section"],
                v["anchor"],
                v.get("role", "primary"),
                tuple(v.get("implied_zero", [])),
                dict(v.get("expect", {})),
                v.get("note", ""),
            )
        )
    derive = []
    for i, d in enumerate(data.get("derive", [])):
        where = f"derive[{i}]"
        cohort_ok(d["cohort"], where)
        for ref in (d["target"], *d["sum"]):
            _check_ref(ref, where, p)
        derive.append(DeriveEntry(where, d["cohort"], d["target"], tuple(d["sum"]), d["note"]))
    notes = []
    for i, n in enumerate(data.get("discrepancies", [])):
        where = f"discrepancies[{i}]"
        if n.get("cohort"):
            cohort_ok(n["cohort"], where)
        if n.get("endpoint") and n["endpoint"] not in ENDPOINTS:
            raise InputError(
                f"{p} {where}",
                f"unknown endpoint {n['endpoint']!r}",
                f"use one of: {', '.join(ENDPOINTS)}",
            )
        notes.append(
            NoteEntry(
                where,
                n["kind"],
                n["detail"],
                tuple(n["anchors"]),
                n.get("cohort", ""),
                n.get("endpoint", ""),
            )
        )
    unusable = []
    for i, u in enumerate(data.get("not_extractable", [])):
        where = f"not_extractable[{i}]"
        cohort_ok(u["cohort"], where)
        if u["endpoint"] not in PROTOCOL_ENDPOINTS:
            raise InputError(
                f"{p} {where}",
                f"unknown protocol endpoint {u['endpoint']!r}",
                f"use one of: {', '.join(PROTOCOL_ENDPOINTS)}",
            )
        try:
            compile_anchor(u["anchor"])
        except AnchorError as exc:
            raise InputError(f"{p} {where}", str(exc), "fix the anchor") from None
        unusable.append(
            NotExtractable(
                where, u["cohort"], u["endpoint"], u["anchor"], u["reason"], u.get("note", "")
            )
        )
    characteristics = (
        parse_entries(data["characteristics"], p, ids) if "characteristics" in data else None
    )
    return Spec(
        p,
        data["paper_id"],
        cohorts,
        tuple(values),
        tuple(derive),
        tuple(notes),
        tuple(unusable),
        characteristics,
    )
