"""Risk of bias per cohort: the MINORS items for non-comparative studies (Slim et al. 2003),
each scored 0 (not reported), 1 (reported but inadequate) or 2 (reported and adequate), with
the verbatim passage of the paper that supports the score.

The judgements live in ``config/risk_of_bias/<paper_id>.yaml`` (format in
docs/risk_of_bias.md; JSON schema ``schemas/risk_of_bias.schema.json``): ``items`` hold the
paper-wide judgement of each item, ``cohorts.<cohort_id>`` replaces single items for one cohort,
``indirectness.<cohort_id>`` marks a cohort outside the protocol population. Every anchor is
matched exactly once in the normalised paper with the extraction's own machinery
(:func:`litmeta.extract.anchor.match_once`), so each score carries its quote and line; an anchor
is plain text (no ``{placeholders}``). A paper without a file is "not assessed": its cohorts get
rows with an empty score, and the GRADE rules treat them as at high risk.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..errors import InputError
from ..extract.anchor import AnchorError, compile_anchor, match_once
from ..schema_errors import brief
from ..textindex import TextIndex, mark_normalised, source_lines
from ..yamlsafe import read_yaml_mapping

#: (key, MINORS item number, label) of the eight items for non-comparative studies.
ITEMS: tuple[tuple[str, int, str], ...] = (
    ("aim", 1, "Clearly stated aim"),
    ("consecutive", 2, "Inclusion of consecutive patients"),
    ("prospective", 3, "Prospective collection of data"),
    ("endpoints", 4, "Endpoints appropriate to the aim"),
    ("unbiased_assessment", 5, "Unbiased assessment of the endpoint"),
    ("follow_up", 6, "Follow-up period appropriate"),
    ("loss_to_follow_up", 7, "Loss to follow-up < 5 %"),
    ("study_size", 8, "Prospective calculation of the study size"),
)
ITEM_KEYS = tuple(k for k, _, _ in ITEMS)
MAX_TOTAL = 2 * len(ITEMS)
NOT_ASSESSED = "not assessed: no file config/risk_of_bias/{}.yaml"
MAX_FILE_BYTES = 1_000_000

ROB_COLUMNS = (
    "cohort_id",
    "paper_id",
    "item_no",
    "item",
    "label",
    "score",
    "reason",
    "quote",
    "line",
)
INDIRECT_COLUMNS = ("cohort_id", "paper_id", "reason", "quote", "line")


@dataclass(frozen=True)
class Quoted:
    quote: str  # passages joined by " | "
    line: str  # "first-last" per passage, joined by ";"


def _schema() -> dict:
    text = resources.files("litmeta").joinpath("schemas/risk_of_bias.schema.json").read_text()
    return json.loads(text)


def _location(path: list) -> str:
    loc = "".join(f"[{x}]" if isinstance(x, int) else f".{x}" for x in path)
    return loc.lstrip(".") or "(top level)"


def _read(path: Path) -> dict:
    p = str(path)
    data = read_yaml_mapping(
        path, MAX_FILE_BYTES, "see the risk-of-bias format in docs/risk_of_bias.md"
    )
    import jsonschema

    errors = sorted(
        jsonschema.Draft202012Validator(_schema()).iter_errors(data),
        key=lambda e: list(e.absolute_path),
    )
    if errors:
        err = errors[0]
        raise InputError(
            f"{p} {_location(list(err.absolute_path))}",
            brief(err.message),
            "see the risk-of-bias format in docs/risk_of_bias.md",
        )
    return data


def _quoted(
    index: TextIndex, anchors: list[str], where: str, source: str, raw: str | None
) -> Quoted:
    quotes, lines = [], []
    for i, anchor in enumerate(anchors):
        at = f"{where}.anchors[{i}]"
        short = anchor if len(anchor) <= 120 else anchor[:117] + "..."
        try:
            _, fields = compile_anchor(anchor)
            if fields:
                raise AnchorError("a risk-of-bias anchor quotes text only, without {placeholders}")
            m = match_once(index, anchor)
        except AnchorError as exc:
            fix = (
                "lengthen the anchor with the words around it so that it matches exactly once"
                if "matches" in str(exc)
                else f"copy the passage from {source} again (plain text, no {{ }})"
            )
            raise InputError(at, f"{exc} in {source}\n  anchor: {short!r}", fix) from None
        quotes.append(mark_normalised(m.quote, source_lines(raw, m.first_line, m.last_line)))
        lines.append(
            str(m.first_line) if m.first_line == m.last_line else f"{m.first_line}-{m.last_line}"
        )
    return Quoted(" | ".join(quotes), ";".join(lines))


def assess_paper(
    path: str | Path | None,
    paper_id: str,
    cohort_ids: list[str],
    text: str,
    source: str,
    raw: str | None,
) -> tuple[list[dict], list[dict]]:
    """Risk-of-bias rows (one per cohort and item) and indirectness rows of one paper.

    ``path`` None (no file): every item of every cohort is "not assessed". ``raw``: the
    paper's own text (None for a PDF), against which each quote is marked normalised
    (:func:`litmeta.textindex.mark_normalised`).
    """
    if path is None:
        rows = [
            _row(c, paper_id, key, None, NOT_ASSESSED.format(paper_id), Quoted("", ""))
            for c in cohort_ids
            for key in ITEM_KEYS
        ]
        return rows, []
    path = Path(path)
    p = str(path)
    data = _read(path)
    if data["paper_id"] != paper_id:
        raise InputError(
            f"{p} paper_id",
            f"paper_id {data['paper_id']!r} differs from the file name {paper_id!r}",
            "name the file <paper_id>.yaml",
        )
    known = set(cohort_ids)
    for block in ("cohorts", "indirectness"):
        for cid in data.get(block, {}):
            if cid not in known:
                raise InputError(
                    f"{p} {block}.{cid}",
                    f"unknown cohort {cid!r}",
                    f"use a cohort of the extraction spec (known: {', '.join(sorted(known))})",
                )
    index = TextIndex(text)
    paper_wide = {
        key: (_quoted(index, item.get("anchors", []), f"{p} items.{key}", source, raw), item)
        for key, item in data["items"].items()
    }
    rows = []
    for cid in cohort_ids:
        own = data.get("cohorts", {}).get(cid, {})
        for key in ITEM_KEYS:
            if key in own:
                item = own[key]
                at = f"{p} cohorts.{cid}.{key}"
                quoted = _quoted(index, item.get("anchors", []), at, source, raw)
            else:
                quoted, item = paper_wide[key]
            rows.append(_row(cid, paper_id, key, item["score"], item["reason"], quoted))
    indirect = []
    for cid, entry in sorted(data.get("indirectness", {}).items()):
        quoted = _quoted(index, entry["anchors"], f"{p} indirectness.{cid}", source, raw)
        indirect.append(
            {
                "cohort_id": cid,
                "paper_id": paper_id,
                "reason": entry["reason"],
                "quote": quoted.quote,
                "line": quoted.line,
            }
        )
    return rows, indirect


def _row(cid: str, paper_id: str, key: str, score: int | None, reason: str, q: Quoted) -> dict:
    number = ITEM_KEYS.index(key) + 1
    return {
        "cohort_id": cid,
        "paper_id": paper_id,
        "item_no": number,
        "item": key,
        "label": ITEMS[number - 1][2],
        "score": score,
        "reason": reason,
        "quote": q.quote,
        "line": q.line,
    }


def assess(
    judgements: Mapping[str, str | Path],
    cohorts: list[dict[str, str]],
    texts: Mapping[str, str | Path],
    sources: dict[str, str] | None = None,
    raws: Mapping[str, str | None] | None = None,
) -> tuple[list[dict], list[dict]]:
    """Rows of results/risk_of_bias.csv and results/indirectness.csv for every cohort of
    ``cohorts`` (extracted/cohorts.csv rows), sorted by cohort and item. ``judgements``: the
    risk-of-bias file of each paper that has one (the others are "not assessed");
    ``texts``: each paper's normalised text; ``sources``: the paper files as quotes cite them;
    ``raws``: each paper's own text (None for a PDF; a paper missing here is compared with
    its normalised text)."""
    by_paper: dict[str, list[str]] = {}
    for c in cohorts:
        by_paper.setdefault(c["paper_id"], []).append(c["cohort_id"])
    sources = sources or {}
    rows: list[dict] = []
    indirect: list[dict] = []
    for paper_id in sorted(by_paper):
        path = judgements.get(paper_id)
        text_path = texts[paper_id]
        text = Path(text_path).read_text(encoding="utf-8") if path is not None else ""
        r, i = assess_paper(
            path,
            paper_id,
            sorted(by_paper[paper_id]),
            text,
            sources.get(paper_id, str(text_path)),
            (raws or {}).get(paper_id, text),
        )
        rows += r
        indirect += i
    rows.sort(key=lambda r: (r["cohort_id"], r["item_no"]))
    indirect.sort(key=lambda r: r["cohort_id"])
    return rows, indirect


def totals(rows: list[dict[str, object]]) -> dict[str, int | None]:
    """MINORS total (0-16) per cohort; None where an item is not assessed."""
    out: dict[str, int | None] = {}
    for r in rows:
        cid = str(r["cohort_id"])
        score = r["score"]
        if score in (None, ""):
            out[cid] = None
        elif cid not in out or out[cid] is not None:
            out[cid] = out.get(cid, 0) + int(score)  # type: ignore[operator]
    return out
