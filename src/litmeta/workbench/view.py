"""The workbench page: the model's data laid out by jinja2 templates (package data,
``litmeta/workbench/templates``), autoescaped, so the paper's text is escaped everywhere."""

from __future__ import annotations

import functools

from ..protocol import ENDPOINT_LABELS, PROTOCOL_ENDPOINTS, SETTINGS
from . import specedit
from .model import COVERAGE_CLASSES, REFS, Evaluation, Mark


@functools.cache
def _templates():
    from jinja2 import Environment, PackageLoader, StrictUndefined

    return Environment(
        loader=PackageLoader("litmeta.workbench", "templates"),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )


# a line's column (litmeta.pdf.layout) in the narrow margin: "p3 L"; "column 2 of 3": "2 of 3"
_COLUMN = {"full width": "", "left": "L", "right": "R", "middle": "M"}


def _n(value: object) -> str:
    """A cohort size as printed (16, not 16.0); "?" when the spec does not capture it."""
    from ..extract.values import fmt

    if value is None or value == "" or (isinstance(value, float) and value != value):
        return "?"
    return fmt(float(value))


def _title(mark: Mark) -> str:
    """What is known of a number, for its tooltip and the picked-number panel."""
    parts = [f"{item.ref} ({entry.cohort}), drafted" for entry, item in mark.drafted]
    parts += [f"in the spec: {ref} (values[{i}])" for i, ref in mark.spec]
    parts += [
        f"candidate: {r['endpoint']}.{r['statistic']} ({r['cohort'] or 'cohort?'})"
        for r in mark.guesses
    ]
    return "; ".join(parts)


def _lines(paper, marks: dict[int, Mark]) -> list[dict]:
    """Each line of the text as segments: plain text, or a number with its style."""
    starts = paper.index.line_starts
    by_line: dict[int, list[Mark]] = {}
    for mk in marks.values():
        by_line.setdefault(mk.line, []).append(mk)
    out = []
    for number, line in enumerate(paper.lines, start=1):
        base = starts[number - 1]
        segments, pos = [], 0
        for mk in by_line.get(number, ()):
            s, e = mk.start - base, min(mk.end - base, len(line))
            if s < pos:
                continue
            segments.append({"text": line[pos:s]})
            segments.append({"text": line[s:e], "mark": mk, "style": mk.style, "title": _title(mk)})
            pos = e
        segments.append({"text": line[pos:]})
        where = title = ""
        if paper.layout and number <= len(paper.layout):
            page, column = paper.layout[number - 1]
            where = f"p{page} {_COLUMN.get(column, column.removeprefix('column '))}"
            title = f"page {page}, {column}"
        out.append({"number": number, "where": where, "title": title, "segments": segments})
    return out


def _groups(spec_text: str, ev: Evaluation) -> list[dict]:
    """The spec's values grouped by the endpoints each captures."""
    from ..extract.anchor import AnchorError, compile_anchor

    groups: dict[str, list[dict]] = {}
    for i, value in enumerate(specedit.items(spec_text, "values")):
        anchor = str(value.get("anchor", ""))
        try:
            refs = [r for f in compile_anchor(anchor)[1] for r in f.refs]
        except AnchorError:
            refs = []
        refs += [str(r) for r in value.get("implied_zero", []) or []]
        endpoints = sorted({r.split(".", 1)[0] for r in refs}) or ["(none)"]
        groups.setdefault(" + ".join(endpoints), []).append(
            {
                "index": i,
                "cohort": value.get("cohort", ""),
                "section": value.get("section", ""),
                "role": value.get("role", "primary"),
                "anchor": anchor,
                "lines": ev.entry_lines.get(i, []),
                "error": ev.entry_errors.get(i, ""),
            }
        )
    return [{"name": k, "entries": groups[k]} for k in sorted(groups)]


def render_page(bench, ev: Evaluation, cover: list[dict], pick: int | None, nonce: str) -> str:
    paper = bench.paper
    marks = paper.marks(ev.captures)
    cohorts = specedit.items(bench.spec_text, "cohorts")
    declared = [str(c.get("id", "")) for c in cohorts]
    sizes = {}
    if ev.result is not None:
        sizes = {
            c["cohort_id"]: {k: _n(c[k]) for k in ("n_enrolled", "n_efficacy", "n_safety")}
            for c in ev.result.cohorts
        }
    picked = marks.get(pick) if pick is not None else None
    options = paper.options(picked, declared) if picked else []
    guessed = ""  # the statistic the "as" list starts at: the drafter's, else a candidate's
    if picked and picked.drafted:
        guessed = picked.drafted[0][1].ref.split("|")[0]
    elif picked and picked.guesses:
        guessed = f"{picked.guesses[0]['endpoint']}.{picked.guesses[0]['statistic']}"
    counts = {cls: 0 for cls in COVERAGE_CLASSES}
    for row in cover:
        for c in row["cohorts"]:
            counts[c["class"]] += 1
    others = {
        key: len(specedit.items(bench.spec_text, key))
        for key in ("derive", "discrepancies", "not_extractable")
    }
    context = {
        "paper": paper,
        "spec_rel": bench.spec_rel,
        "token": bench.token,
        "nonce": nonce,
        "message": bench.message,
        "confirm_save": bench.confirm_save,
        "unsaved": bench.spec_text != bench.saved_text,
        "lines": _lines(paper, marks),
        "picked": picked,
        "picked_title": _title(picked) if picked else "",
        "options": options,
        "refs": REFS,
        "guessed": guessed,
        "cohorts": [
            {
                **{k: str(c.get(k, "")) for k in ("id", "label", "setting", "pooled_in")},
                **{k: str(c.get(k, "")) for k in ("reason_code", "reason")},
                "index": i,
                "sizes": sizes.get(str(c.get("id", ""))),
            }
            for i, c in enumerate(cohorts)
        ],
        "declared": declared,
        "proposed": [c for c in paper.cohorts if c["id"] not in declared],
        "settings": SETTINGS,
        "pooled_in": (*SETTINGS, "none"),
        "reason_codes": ("", "selection", "overlap", "too_small", "other"),
        "groups": _groups(bench.spec_text, ev),
        "errors": ev.errors,
        "n_errors": len(ev.errors) + len(ev.entry_errors),
        "coverage": cover,
        "coverage_classes": COVERAGE_CLASSES,
        "labels": {e: ENDPOINT_LABELS.get(e, e) for e in PROTOCOL_ENDPOINTS},
        "others": others,
    }
    return _templates().get_template("workbench.html.j2").render(context)
