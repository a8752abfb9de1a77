"""How good are drafted specs?  Each drafted value against a known truth.

* Reference papers (leave-one-paper-out): the truth is what the paper's reviewed spec yields.
  The drafter has no learnt component (its vocabulary is the protocol's, see
  :mod:`litmeta.extract.classify`), so the draft of a paper is made with nothing learnt from
  that paper by construction; ``draft_spec`` sees only the paper's text.
* Synthetic papers in new styles (:mod:`litmeta.extract.styles`): the truth is the values the
  generator printed.

A drafted value (one its anchors capture; derived values are not counted) is ``correct``
(same number), ``wrong`` (the truth has that cohort, endpoint and statistic with another
number; or the value's cohort is none of the paper's several cohorts; or, in a paper of
several cohorts, the truth gives that statistic to another cohort only) or ``unverified``
(the truth does not have it: a statistic the reviewer did not anchor).  A printed true
value the draft does not give is ``missing``.
"""

from __future__ import annotations

import math
import re
import tempfile
from pathlib import Path

from ..normalise import normalise_text
from ..protocol import MEDIAN_ENDPOINTS, POPULATION, PROTOCOL_ENDPOINTS
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
    "recall_pct",
    "n_drafted",
    "n_correct",
    "n_wrong",
    "n_unverified",
)
COUNTS = tuple(c for c in COLUMNS if c not in ("paper_id", "kind", "recall_pct"))


def _slug(label: str) -> str:
    return re.sub(r"[^a-z0-9]", "", label.lower())


def _same_cohort(label: str, truth_labels: dict) -> str | None:
    """The truth cohort a drafted label names: the same words, else the one truth label
    that contains it or that it contains ("177Lu" and "177Lu-DOTATATE")."""
    slug = _slug(label)
    same = [cid for cid, lab in truth_labels.items() if _slug(lab) == slug]
    if not slug and not same:  # the paper's one cohort: its "all patients" cohort
        same = [cid for cid, lab in truth_labels.items() if _slug(lab) in ("all", "overall")]
    if same or not slug:
        return same[0] if same else None
    near = [
        cid
        for cid, lab in truth_labels.items()
        if lab and (slug in _slug(lab) or _slug(lab) in slug)
    ]
    return near[0] if len(near) == 1 else None


def spec_values(spec_path: str | Path, text: str, source: str) -> tuple[dict, dict]:
    """(values by (cohort, endpoint, statistic), cohort labels by id) of a spec on a text;
    ``source`` names the paper the text is from (errors name it as the paper)."""
    spec = load_spec(spec_path)
    table = extract_table(spec, text, source)
    return (
        # a value copied or computed from others (derived_from) is not one the anchors read
        {k: (v.value, "derived" if v.derived_from else v.status) for k, v in table.primary.items()},
        {c.id: c.label for c in spec.cohorts},
    )


def draft_values(paper_id: str, text: str, source: str = "") -> tuple[dict, dict]:
    """Values of the paper's draft (``source``: the paper's file, for messages)."""
    source = source or f"the text of {paper_id}"
    yaml_text = draft_yaml(paper_id, text, source)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / f"{paper_id}.yaml"
        path.write_text(yaml_text, encoding="utf-8")
        return spec_values(path, text, source)


def _same(a: float, b: float) -> bool:
    if math.isnan(a) or math.isnan(b):
        return math.isnan(a) and math.isnan(b)
    return abs(a - b) < 1e-9


def compare(drafted: dict, draft_labels: dict, truth: dict, truth_labels: dict) -> dict:
    """Counts of correct / wrong / unverified drafted values and missing true values."""
    if len(draft_labels) == 1 and len(truth_labels) == 1:
        mapping = {next(iter(draft_labels)): next(iter(truth_labels))}
    else:
        mapping = {cid: _same_cohort(lab, truth_labels) for cid, lab in draft_labels.items()}
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
    several = len(truth_labels) > 1
    # the statistics the truth gives some cohort: one drafted for another cohort that the
    # truth does not give it (a group's stable disease given to all patients) is wrong
    given = {(e, st) for (_c, e, st) in printed_truth}
    for (cohort, endpoint, statistic), value in printed.items():
        key = (mapping.get(cohort), endpoint, statistic)
        if key[0] is None and several:
            counts["wrong"] += 1  # a value of no cohort the paper has (arms merged?)
        elif key not in truth and several and (endpoint, statistic) in given and statistic != "n":
            # another cohort's statistic, given to this one (a denominator is checked as the
            # n the value is pooled over, below)
            counts["wrong"] += 1
        elif key not in truth:
            counts["unverified"] += 1
        elif _same(value, truth[key][0]):
            counts["correct"] += 1
            matched.add(key)
        else:
            counts["wrong"] += 1
            matched.add(key)
    counts["missing"] = len(printed_truth - matched)
    counts["recall_pct"] = _recall(counts)
    counts.update(compare_n(drafted, mapping, truth, several))
    return counts


def pooled_n(values: dict) -> dict:
    """(cohort, endpoint) -> the n a pooling of that endpoint would use: for every protocol
    endpoint with events (medians: a median), its ``n``, else the cohort size of its
    population (as :func:`litmeta.extract.derive.fill_population_n`); NaN when neither."""
    out = {}
    for cohort, endpoint, statistic in values:
        lead = "median" if endpoint in MEDIAN_ENDPOINTS else "events"
        if endpoint not in PROTOCOL_ENDPOINTS or statistic != lead:
            continue
        n = values.get((cohort, endpoint, "n"))
        n = n or values.get((cohort, "cohort_size", f"n_{POPULATION[endpoint]}"))
        out[(cohort, endpoint)] = n[0] if n else math.nan
    return out


def _truth_n(truth: dict, cohort: str | None, endpoint: str) -> float:
    n = truth.get((cohort, endpoint, "n"))
    n = n or truth.get((cohort, "cohort_size", f"n_{POPULATION[endpoint]}"))
    return n[0] if n else math.nan


def compare_n(drafted: dict, mapping: dict, truth: dict, several: bool) -> dict:
    """Counts of the drafted denominators (see the module's docstring)."""
    counts = {"n_drafted": 0, "n_correct": 0, "n_wrong": 0, "n_unverified": 0}
    for (cohort, endpoint), n in pooled_n(drafted).items():
        if math.isnan(n):
            continue  # no n: the value is not pooled
        counts["n_drafted"] += 1
        want = _truth_n(truth, mapping.get(cohort), endpoint)
        if mapping.get(cohort) is None and several:
            counts["n_wrong"] += 1
        elif math.isnan(want):
            counts["n_unverified"] += 1
        else:
            counts["n_correct" if _same(n, want) else "n_wrong"] += 1
    return counts


def _recall(counts: dict) -> float:
    """Correct drafted values per printed true value, in %; wrong values are a count of
    their own (column ``wrong``), never folded into a rate."""
    return round(100 * counts["correct"] / counts["truth"], 1) if counts["truth"] else 0.0


def evaluate_reference(paper_id: str, spec_path: str | Path, text: str, source: str = "") -> dict:
    """``source``: the paper's text file, named as the paper in any error."""
    source = source or f"the text of {paper_id}"
    truth, truth_labels = spec_values(spec_path, text, source)
    drafted, labels = draft_values(paper_id, text, source)
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


def load_abstracts(path: str | Path) -> list[dict]:
    """The held-out abstracts (benchmarks/draft_set/abstracts.yaml): id, style, text, truth."""
    from ..yamlsafe import load_no_aliases

    return load_no_aliases(Path(path).read_text(encoding="utf-8"))["abstracts"]


def evaluate_abstract(entry: dict) -> dict:
    """One held-out abstract: its truth is ``cohort label -> endpoint.statistic -> value``."""
    paper_id = entry["id"]
    labels = {f"{paper_id}_{_slug(lab)}" if lab else paper_id: lab for lab in entry["truth"]}
    keyed = {}
    for cid, lab in labels.items():
        for ref, value in entry["truth"][lab].items():
            endpoint, statistic = ref.split(".", 1)
            v = math.nan if value in ("NR", "NE") else float(value)  # not reached, not estimable
            keyed[(cid, endpoint, statistic)] = (v, "reported")
    # the text as `litmeta draft-spec` reads a paper (litmeta.ingest.read_paper): normalised
    # (unicode dashes, spaces, superscripts), so the measure is of the route a user runs
    text = normalise_text(entry["text"].strip()) + "\n"
    drafted, draft_labels = draft_values(paper_id, text)
    # a cohort the draft names in full and the truth by the short name the paper prints
    # after it ("cisplatin-etoposide (EP)"): the same cohort
    shown = {
        cid: short.group(1) if short else lab
        for cid, lab in draft_labels.items()
        for short in [
            re.search(re.escape(lab) + r"\s*\(\s*([A-Za-z][\w-]{0,10})\s*[,;)]", text)
            if lab
            else None
        ]
    }
    truth_slugs = {_slug(lab) for lab in labels.values()}
    drafted_slugs = {_slug(lab) for lab in draft_labels.values()}
    shown = {
        # (not a name another drafted cohort has: "capecitabine plus temozolomide (CAPTEM)")
        cid: short
        if _slug(short) in truth_slugs and _slug(short) not in drafted_slugs
        else draft_labels[cid]
        for cid, short in shown.items()
    }
    return {
        "paper_id": paper_id,
        "kind": "held-out",
        **compare(drafted, shown, keyed, labels),
    }


def total(rows: list[dict], name: str, kind: str) -> dict:
    out = {"paper_id": name, "kind": kind}
    for c in COUNTS:
        out[c] = sum(r[c] for r in rows)
    out["recall_pct"] = _recall(out)
    return out
