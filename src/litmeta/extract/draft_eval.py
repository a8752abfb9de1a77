"""How good are drafted specs?  Each drafted value against a known truth.

* Reference papers (leave-one-paper-out): the truth is what the paper's reviewed spec yields.
  The drafter has no learnt component (its vocabulary is the protocol's, see
  :mod:`litmeta.extract.classify`), so the draft of a paper is made with nothing learnt from
  that paper by construction; ``draft_spec`` sees only the paper's text.
* Synthetic papers in new styles (:mod:`litmeta.extract.styles`): the truth is the values the
  generator printed.

A drafted value (one its anchors capture; derived values are not counted) is ``correct``
(same number), ``wrong`` (the truth has that cohort, endpoint and statistic with another
number) or ``unverified`` (the truth does not have it: a statistic the reviewer did not
anchor).  A printed true value the draft does not give is ``missing``.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

from ..errors import InputError
from .draft import draft_yaml
from .paper import extract_table
from .spec import load_spec

COLUMNS = (
    "paper_id",
    "kind",
    "truth",
    "drafted",
    "correct",
    "wrong",
    "unverified",
    "missing",
    "wrong_pct",
)


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def spec_values(spec_path: str | Path, text: str) -> tuple[dict, dict]:
    """(values by (cohort, endpoint, statistic), cohort labels by id) of a spec on a text."""
    spec = load_spec(spec_path)
    table = extract_table(spec, text, str(spec_path))
    return (
        # a value copied or computed from others (derived_from) is not one the anchors read
        {k: (v.value, "derived" if v.derived_from else v.status) for k, v in table.primary.items()},
        {c.id: c.label for c in spec.cohorts},
    )


def draft_values(paper_id: str, text: str) -> tuple[dict, dict]:
    """Values of the paper's draft; none (all missing) when draft-spec finds nothing."""
    try:
        yaml_text = draft_yaml(paper_id, text, paper_id)
    except InputError:
        return {}, {paper_id: ""}
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{paper_id}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        return spec_values(path, text)


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) < 1e-9


def compare(drafted: dict, draft_labels: dict, truth: dict, truth_labels: dict) -> dict:
    """Counts of correct / wrong / unverified drafted values and missing true values."""
    if len(draft_labels) == 1 and len(truth_labels) == 1:
        mapping = {next(iter(draft_labels)): next(iter(truth_labels))}
    else:
        by_label = {_slug(lab): cid for cid, lab in truth_labels.items() if lab}
        mapping = {cid: by_label.get(_slug(lab)) for cid, lab in draft_labels.items()}
    printed = {k: v for k, (v, status) in drafted.items() if status != "derived"}
    printed_truth = {k for k, (_v, status) in truth.items() if status != "derived"}
    counts = {
        "truth": len(printed_truth),
        "drafted": len(printed),
        "correct": 0,
        "wrong": 0,
        "unverified": 0,
    }
    matched = set()
    for (cohort, endpoint, statistic), value in printed.items():
        key = (mapping.get(cohort), endpoint, statistic)
        if key not in truth:
            counts["unverified"] += 1
        elif _same(value, truth[key][0]):
            counts["correct"] += 1
            matched.add(key)
        else:
            counts["wrong"] += 1
            matched.add(key)
    counts["missing"] = len(printed_truth - matched)
    counts["wrong_pct"] = round(100 * counts["wrong"] / len(printed), 1) if printed else 0.0
    return counts


def evaluate_reference(paper_id: str, spec_path: str | Path, text: str) -> dict:
    truth, truth_labels = spec_values(spec_path, text)
    drafted, labels = draft_values(paper_id, text)
    return {
        "paper_id": paper_id,
        "kind": "reference",
        **compare(drafted, labels, truth, truth_labels),
    }


def evaluate_synthetic(paper_id: str, text: str, truth: dict) -> dict:
    """``truth`` maps (endpoint, statistic) to the printed value of the paper's one cohort."""
    keyed = {(paper_id, e, s): (v, "reported") for (e, s), v in truth.items()}
    drafted, labels = draft_values(paper_id, text)
    return {
        "paper_id": paper_id,
        "kind": "synthetic",
        **compare(drafted, labels, keyed, {paper_id: ""}),
    }


def total(rows: list[dict], name: str, kind: str) -> dict:
    out = {"paper_id": name, "kind": kind}
    for c in ("truth", "drafted", "correct", "wrong", "unverified", "missing"):
        out[c] = sum(r[c] for r in rows)
    out["wrong_pct"] = round(100 * out["wrong"] / out["drafted"], 1) if out["drafted"] else 0.0
    return out
