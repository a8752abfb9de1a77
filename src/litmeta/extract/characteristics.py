"""Characteristics of included cohorts (PROTOCOL.md Amendment 2; PRISMA 2020 item 17).

A spec's ``characteristics`` list (docs/extraction_specs.md) gives, for every cohort, every
item of :data:`ITEMS`: a value with its verbatim quote and line, or "not reported" with the
reason. Three forms of entry:

* ``anchor`` with placeholders ``{<cohort_id>.<item>}`` (``{a.x|b.x}`` for one printed number
  that describes several cohorts; ``:num`` for a decimal): the printed numbers;
* ``cohorts``, ``item``, ``value`` and a plain ``anchor``: a value in words (design, response
  criteria, CTCAE version, adverse-event window) and the passage that says it; a number
  there (``implied: <why>``) is a count the passage implies without printing it;
* ``cohorts``, ``item`` and ``anchors`` (each with one placeholder of that item): a count
  the paper prints in parts, their sum (status ``derived``);
* ``cohorts``, ``items`` and ``not_reported: <reason>``.

Every cohort x item is covered exactly once, or the spec stops with the missing or doubled
pair. Anchors are matched exactly once with the extraction's resolver, so each value carries
its quote and line; a quote whose characters differ from the paper's starts ``[normalised]``.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..errors import InputError
from ..textindex import TextIndex, mark_normalised, source_lines
from .anchor import AnchorError, compile_anchor, match_once

#: (item, label, kind, default statistic); kind text | count | num
ITEMS: tuple[tuple[str, str, str, str], ...] = (
    ("design", "Design", "text", ""),
    ("response_criteria", "Response criteria", "text", ""),
    ("ctcae_version", "CTCAE version", "text", ""),
    ("ae_window", "Adverse-event collection window", "text", ""),
    ("n_described", "Patients described", "count", "count"),
    ("grade_g1", "Tumour grade G1", "count", "count"),
    ("grade_g2", "Tumour grade G2", "count", "count"),
    ("grade_g3", "Tumour grade G3", "count", "count"),
    ("site_pancreas", "Primary site: pancreas", "count", "count"),
    ("site_small_intestine", "Primary site: small intestine", "count", "count"),
    ("site_other", "Primary site: other or unknown", "count", "count"),
    ("age", "Age (years)", "num", "median"),
    ("cycles", "Number of cycles", "num", "median"),
    ("activity_gbq", "Cumulative activity (GBq)", "num", "median"),
    ("followup_months", "Follow-up (months)", "num", "median"),
)
ITEM_KEYS = tuple(i[0] for i in ITEMS)
KIND = {i[0]: i[2] for i in ITEMS}
LABEL = {i[0]: i[1] for i in ITEMS}
STATISTIC = {i[0]: i[3] for i in ITEMS}
#: items printed as a mean or a median (the statistic column says which)
MEAN_OR_MEDIAN = ("age", "cycles", "activity_gbq")
NOT_REPORTED = "not reported"

COLUMNS = (
    "cohort_id",
    "paper_id",
    "item",
    "label",
    "statistic",
    "value",
    "value_text",
    "status",
    "note",
    "quote",
    "line",
    "source_file",
    "spec_entry",
)


@dataclass(frozen=True)
class Entry:
    where: str  # "config/extraction/x.yaml characteristics[3]"
    form: str  # anchor | value | sum | not_reported
    cohorts: tuple[str, ...] = ()
    items: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    value: str = ""
    implied: str = ""
    statistic: str = ""
    note: str = ""


def _refs(anchor: str, where: str) -> list[tuple[str, str]]:
    try:
        _, fields = compile_anchor(anchor)
    except AnchorError as exc:
        raise InputError(where, str(exc), "fix the anchor's placeholders") from None
    return [tuple(r.split(".", 1)) for f in fields for r in f.refs]  # type: ignore[misc]


def parse_entries(raw: list[dict], path: str, cohort_ids: set[str]) -> tuple[Entry, ...]:
    """The spec's ``characteristics`` entries, checked; every cohort x item exactly once."""
    entries: list[Entry] = []
    covered: dict[tuple[str, str], str] = {}

    def cover(cohort: str, item: str, where: str) -> None:
        if cohort not in cohort_ids:
            raise InputError(
                where,
                f"unknown cohort {cohort!r}",
                f"declare it under cohorts (known: {', '.join(sorted(cohort_ids))})",
            )
        if item not in KIND:
            raise InputError(
                where, f"unknown characteristic {item!r}", f"use one of: {', '.join(ITEM_KEYS)}"
            )
        if (cohort, item) in covered:
            raise InputError(
                where,
                f"{cohort}.{item} is already given by {covered[(cohort, item)]}",
                "give each cohort's characteristic once",
            )
        covered[(cohort, item)] = where.rsplit(" ", 1)[-1]

    for i, e in enumerate(raw):
        where = f"{path} characteristics[{i}]"
        forms = [k for k in ("anchor", "anchors", "not_reported") if k in e]
        if len(forms) != 1:
            raise InputError(
                where,
                "give exactly one of anchor, anchors or not_reported",
                "see the characteristics format in docs/extraction_specs.md",
            )
        statistic = e.get("statistic", "")
        note = e.get("note", "")
        if "not_reported" in e:
            if "cohorts" not in e or "items" not in e:
                raise InputError(where, "not_reported needs cohorts and items", "list both")
            for c in e["cohorts"]:
                for item in e["items"]:
                    cover(c, item, where)
            entries.append(
                Entry(
                    where,
                    "not_reported",
                    tuple(e["cohorts"]),
                    tuple(e["items"]),
                    note=e["not_reported"],
                )
            )
            continue
        anchors = (e["anchor"],) if "anchor" in e else tuple(e["anchors"])
        refs = [r for a in anchors for r in _refs(a, where)]
        if "anchors" in e or "value" in e:
            if "cohorts" not in e or "item" not in e:
                raise InputError(where, "a value or a sum needs cohorts and item", "give both")
            item = e["item"]
            if "anchors" in e and (
                len(e["cohorts"]) != 1
                or KIND.get(item) != "count"
                or [len(_refs(a, where)) for a in anchors] != [1] * len(anchors)
                or any(r != (e["cohorts"][0], item) for r in refs)
            ):
                raise InputError(
                    where,
                    "a sum is one cohort's count, each anchor capturing one part "
                    f"{{{e['cohorts'][0]}.{item}}}",
                    "capture the parts of that count only",
                )
            if "value" in e and refs:
                raise InputError(
                    where, "an anchor with a value captures nothing", "drop the placeholders"
                )
            if "value" in e and KIND.get(item) != "text" and not e.get("implied"):
                raise InputError(
                    where,
                    f"{item} is a number: capture it with {{<cohort>.{item}}}",
                    "write `implied: <why>` only for a count the passage implies unprinted",
                )
            for c in e["cohorts"]:
                cover(c, item, where)
            form = "sum" if "anchors" in e else "value"
            entries.append(
                Entry(
                    where,
                    form,
                    tuple(e["cohorts"]),
                    (item,),
                    anchors,
                    str(e.get("value", "")),
                    e.get("implied", ""),
                    statistic,
                    note,
                )
            )
            continue
        if not refs:
            raise InputError(
                where,
                "anchor captures no characteristic",
                "add {<cohort>.<item>} placeholders, or give cohorts, item and value",
            )
        for c, item in refs:
            cover(c, item, where)
        items = tuple(dict.fromkeys(item for _, item in refs))
        entries.append(Entry(where, "anchor", (), items, anchors, statistic=statistic, note=note))
    for e in entries:
        for item in e.items:
            if e.statistic and (
                item not in MEAN_OR_MEDIAN or e.statistic not in ("mean", "median")
            ):
                raise InputError(
                    e.where,
                    f"statistic {e.statistic!r} for {item}",
                    f"give mean or median, for {', '.join(MEAN_OR_MEDIAN)} only",
                )
    missing = [f"{c}.{i}" for c in sorted(cohort_ids) for i in ITEM_KEYS if (c, i) not in covered]
    if missing:
        shown = ", ".join(missing[:6]) + (
            f" and {len(missing) - 6} more" if len(missing) > 6 else ""
        )
        raise InputError(
            f"{path} characteristics",
            f"no entry for {shown}",
            "give each cohort every characteristic, or list it under not_reported",
        )
    return tuple(entries)


def _number(value: float) -> str:
    return str(int(value)) if value == int(value) else repr(value)


def resolve(
    paper_id: str,
    entries: tuple[Entry, ...],
    text: str,
    raw: str | None,
    source: str,
    spec_path: str,
) -> list[dict[str, object]]:
    """One row per cohort x item of one paper, sorted by cohort and item order."""
    index = TextIndex(text)
    rows: list[dict[str, object]] = []

    def row(cohort: str, item: str, e: Entry, **fields: object) -> None:
        rows.append(
            {
                "cohort_id": cohort,
                "paper_id": paper_id,
                "item": item,
                "label": LABEL[item],
                "statistic": e.statistic or STATISTIC[item],
                "value": "",
                "value_text": "",
                "status": NOT_REPORTED,
                "note": e.note,
                "quote": "",
                "line": "",
                "source_file": source,
                "spec_entry": e.where.rsplit(" ", 1)[-1],
                **fields,
            }
        )

    for e in entries:
        if e.form == "not_reported":
            for c in e.cohorts:
                for item in e.items:
                    row(c, item, e, statistic="")
            continue
        matches = []
        for anchor in e.anchors:
            try:
                matches.append(match_once(index, anchor))
            except AnchorError as exc:
                short = anchor if len(anchor) <= 120 else anchor[:117] + "..."
                fix = (
                    "lengthen the anchor with the words around it so that it matches exactly once"
                    if "matches" in str(exc)
                    else f"copy the passage from {source} again"
                )
                raise InputError(e.where, f"{exc} in {source}\n  anchor: {short!r}", fix) from None
        quote = " | ".join(
            mark_normalised(m.quote, source_lines(raw, m.first_line, m.last_line)) for m in matches
        )
        line = ";".join(
            str(m.first_line) if m.first_line == m.last_line else f"{m.first_line}-{m.last_line}"
            for m in matches
        )
        cited = {"quote": quote, "line": line}
        if e.form == "value":
            for c in e.cohorts:
                status = "implied" if e.implied else "reported"
                note = "; ".join(x for x in (e.implied, e.note) if x)
                row(c, e.items[0], e, value=e.value, value_text=e.value, status=status, **cited)
                rows[-1]["note"] = note
        elif e.form == "sum":
            parts = [m.captures[0].parsed for m in matches]
            total = sum(p.value for p in parts)
            text_parts = " + ".join(p.text for p in parts)
            row(
                e.cohorts[0],
                e.items[0],
                e,
                value=_number(total),
                value_text=text_parts,
                status="derived",
                **cited,
            )
        else:
            for cap in matches[0].captures:
                for ref in cap.field.refs:
                    cohort, item = ref.split(".", 1)
                    if KIND[item] == "text":
                        raise InputError(
                            e.where,
                            f"{item} is a text characteristic",
                            "give it with cohorts, item and value",
                        )
                    row(
                        cohort,
                        item,
                        e,
                        value=_number(cap.parsed.value),
                        value_text=cap.parsed.text,
                        status="reported",
                        **cited,
                    )
    order = {k: i for i, k in enumerate(ITEM_KEYS)}
    rows.sort(key=lambda r: (str(r["cohort_id"]), order[str(r["item"])]))
    return rows


def shares(rows: list[dict[str, str]]) -> dict[str, dict[str, str]]:
    """The numeric moderators per cohort (``MODERATORS``), "" where a part is not reported:
    ``share_g3`` = G3 / (G1 + G2 + G3), ``share_pancreas`` = pancreas / patients described,
    ``followup_months`` as extracted."""
    by: dict[str, dict[str, str]] = {}
    for r in rows:
        by.setdefault(r["cohort_id"], {})[r["item"]] = r["value"]
    out: dict[str, dict[str, str]] = {}
    for cid, v in by.items():

        def ratio(num: str, *den: str, v: dict[str, str] = v) -> str:
            parts = [v.get(num, ""), *(v.get(d, "") for d in den)]
            if "" in parts or sum(float(p) for p in parts[1:]) == 0:
                return ""
            return f"{float(parts[0]) / sum(float(p) for p in parts[1:]):.4f}"

        out[cid] = {
            "share_g3": ratio("grade_g3", "grade_g1", "grade_g2", "grade_g3"),
            "share_pancreas": ratio("site_pancreas", "n_described"),
            "followup_months": v.get("followup_months", ""),
        }
    return out


#: the numeric meta-regression moderators computed from results/characteristics.csv
MODERATORS = ("share_g3", "share_pancreas", "followup_months")

NOT_EXTRACTED = "not extracted"


def review_rows(
    specs: list,
    texts: dict[str, str],
    raws: dict[str, str | None],
    sources: dict[str, str],
) -> list[dict[str, object]]:
    """The rows of results/characteristics.csv for every cohort of ``specs``
    (:class:`litmeta.extract.spec.Spec`), sorted by cohort and item order. A spec without a
    ``characteristics`` block gives its cohorts' items as "not extracted"."""
    return sort_rows([r for spec in specs for r in paper_rows(spec, texts, raws, sources)])


def sort_rows(rows: list[dict[str, object]]) -> list[dict[str, object]]:
    """Rows by cohort, then in item order (a total order: cohort ids are unique)."""
    order = {k: i for i, k in enumerate(ITEM_KEYS)}
    return sorted(rows, key=lambda r: (str(r["cohort_id"]), order[str(r["item"])]))


def paper_rows(
    spec, texts: dict[str, str], raws: dict[str, str | None], sources: dict[str, str]
) -> list[dict[str, object]]:
    """The rows of one paper's cohorts (unsorted), from its spec and its text, own
    characters (``raws``) and cited file (``sources``), each by paper id."""
    from pathlib import Path

    source = sources.get(spec.paper_id, texts[spec.paper_id])
    if spec.characteristics is None:
        blank = Entry(f"{spec.path} characteristics", "not_reported")
        return [
            {
                **dict.fromkeys(COLUMNS, ""),
                "cohort_id": c.id,
                "paper_id": spec.paper_id,
                "item": item,
                "label": LABEL[item],
                "status": NOT_EXTRACTED,
                "note": "the extraction spec has no characteristics block",
                "source_file": source,
                "spec_entry": blank.where.rsplit(" ", 1)[-1],
            }
            for c in spec.cohorts
            for item in ITEM_KEYS
        ]
    text = Path(texts[spec.paper_id]).read_text(encoding="utf-8")
    return resolve(
        spec.paper_id, spec.characteristics, text, raws.get(spec.paper_id), source, spec.path
    )
