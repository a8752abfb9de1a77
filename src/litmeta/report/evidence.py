"""The evidence page (results/evidence.html): every pooled estimate, its cohorts, and for
each number a cohort contributes (events, n, median, CI) the verbatim quote and line of its
paper, how it was derived, and every discrepancy recorded for that cohort and endpoint.

One self-contained file: inline CSS, no scripts, no external resources, every text
HTML-escaped, no timestamps (the same inputs give the same bytes).  Anchors:

==============================  ===========================================================
``#ep-<endpoint>``              an endpoint
``#ep-<endpoint>-<setting>``    its pooled estimate in a setting, with the cohort table
``#c-<endpoint>-<cohort>``      one cohort's evidence for that endpoint
``#v-<endpoint>-<cohort>-<e>-<s>``  one extracted value (endpoint ``e``, statistic ``s``)
``#cohort-<cohort>``            cohort-wide discrepancies, links to its endpoints
``#paper-<paper_id>``           the paper: citation, file, design, paper-wide discrepancies
``#risk-of-bias``               MINORS risk of bias: cohorts x items, totals
``#rob-<cohort>-<item>``        one judgement: score, reason, quote and line
==============================  ===========================================================

Python gathers what the page shows as plain data (:class:`_Page`: dicts and lists of text,
no HTML); jinja2 templates, package data in ``templates/``, lay it out: ``evidence.html.j2``
the page, ``_setting.html.j2`` an endpoint in a setting, ``_risk_of_bias.html.j2`` the MINORS
section, ``_macros.html.j2`` the fragments used more than once (quotes, discrepancy lists, a
cohort's values table). Autoescaping is on for every template (:func:`_templates`).
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable
from html import escape
from pathlib import Path

from markupsafe import Markup

from .. import fmt
from ..protocol import (
    PROTOCOL_ENDPOINTS,
    SETTING_LABELS,
    SETTINGS,
    SETTINGS_DESCRIPTIVE,
    is_included,
    short_reason,
)
from ..tables import Row, Tables, num, read_rows
from .summary_of_findings import summarise

MAIN_STATISTICS = ("events", "n", "median", "ci_low", "ci_high")


def _slug(*parts: str) -> str:
    return "-".join(re.sub(r"[^A-Za-z0-9_]+", "_", p) for p in parts)


class _Outcomes:
    def __init__(self, rows: list[Row]) -> None:
        self.by_key = {(r["cohort_id"], r["endpoint"], r["statistic"]): r for r in rows}
        self.by_cohort_endpoint: dict[tuple[str, str], list[Row]] = {}
        for r in rows:
            self.by_cohort_endpoint.setdefault((r["cohort_id"], r["endpoint"]), []).append(r)

    def rows(self, cohort: str, endpoint: str) -> list[Row]:
        return self.by_cohort_endpoint.get((cohort, endpoint), [])

    def get(self, cohort: str, endpoint: str, statistic: str) -> Row | None:
        return self.by_key.get((cohort, endpoint, statistic))


def _parts(row: Row) -> list[tuple[str, str]]:
    """(endpoint, statistic) of the values a derived value comes from."""
    src = row.get("derived_from", "")
    out = []
    for token in re.split(r"[+\-]", src):
        token = token.strip()
        if not token:
            continue
        if "." in token:
            ep, stat = token.split(".", 1)
        else:
            ep, stat = row["endpoint"], token
        out.append((ep, stat))
    return out


def _evidence_rows(outcomes: _Outcomes, cohort: str, endpoint: str) -> list[Row]:
    """The cohort's values for the endpoint (main statistics first), then the values they
    are derived from in other (helper) endpoints, following derived_from a few levels."""
    own = outcomes.rows(cohort, endpoint)
    rank = {s: i for i, s in enumerate(MAIN_STATISTICS)}
    own = sorted(own, key=lambda r: (rank.get(r["statistic"], len(rank)), r["statistic"]))
    seen = {(r["endpoint"], r["statistic"]) for r in own}
    extra: list[Row] = []
    frontier = list(own)
    for _ in range(4):
        nxt = []
        for r in frontier:
            for ep, stat in _parts(r):
                if (ep, stat) in seen:
                    continue
                part = outcomes.get(cohort, ep, stat)
                if part is not None:
                    seen.add((ep, stat))
                    extra.append(part)
                    nxt.append(part)
        frontier = nxt
    extra.sort(key=lambda r: (r["endpoint"], r["statistic"]))
    return own + extra


def _quote_parts(quote: str, value_text: str) -> dict[str, str | None]:
    """``quote`` split around ``value_text`` where that occurs exactly once as a token (the
    page highlights it); ``mark`` is None when there is nothing to highlight."""
    whole = {"before": quote, "mark": None, "after": ""}
    if not value_text:
        return whole
    pattern = re.compile(rf"(?<![\w.]){re.escape(value_text)}(?![\w]|\.\d)")
    hits = list(pattern.finditer(quote))
    if len(hits) != 1:
        return whole
    m = hits[0]
    return {"before": quote[: m.start()], "mark": m.group(0), "after": quote[m.end() :]}


def _quoted(
    quotes: list[str], lines: list[str], label: Callable[[str], str], value_text: str = ""
) -> list[dict[str, str | None]]:
    """One blockquote per quote, labelled by ``label`` of the line(s) it comes from."""
    return [
        {"label": label(lines[i] if i < len(lines) else ""), **_quote_parts(q, value_text)}
        for i, q in enumerate(quotes)
    ]


def _line_label(where: str) -> str:
    """``7`` or ``7-7`` -> "line 7"; ``7-9`` -> "lines 7-9"; empty -> ""."""
    if not where:
        return ""
    first, last = where.split("-")[0], where.split("-")[-1]
    return f"lines {where}" if first != last else f"line {first}"


def _value_id(endpoint: str, cohort: str, row: Row) -> str:
    return _slug("v", endpoint, cohort, row["endpoint"], row["statistic"])


def _value(endpoint: str, cohort: str, r: Row) -> dict[str, object]:
    """One row of a cohort's values table: the value, where it was read, its quote(s)."""
    parts = _parts(r)
    return {
        "id": _value_id(endpoint, cohort, r),
        "endpoint": r["endpoint"],
        "statistic": r["statistic"],
        "value": r.get("value", ""),
        "printed": r.get("value_text", ""),
        "status": r.get("status", ""),
        "derived_from": [(_slug("v", endpoint, cohort, ep, st), f"{ep}.{st}") for ep, st in parts],
        "derived_text": r["derived_from"] if r.get("derived_from") and not parts else "",
        "alternative": r.get("alternative", ""),
        "source": r.get("source_file", ""),
        "place": r.get("place", ""),  # PDF: page and column
        "line": r.get("line", ""),
        "line_of": r.get("line_of", ""),
        "section": r.get("section", ""),
        "spec_entry": r.get("spec_entry", ""),
        "quotes": _quoted(
            r.get("quote", "").split(" | "),
            r.get("quote_lines", "").split(";"),
            _line_label,
            r.get("value_text", ""),
        ),
    }


def _discrepancies(rows: list[Row]) -> list[dict[str, object]]:
    return [
        {
            "kind": d["kind"],
            "endpoint": d.get("endpoint", ""),
            "detail": d["detail"],
            "values": d["values"],
            "quotes": _quoted(
                d.get("quotes", "").split(" | ") if d.get("quotes") else [],
                d.get("lines", "").split(";"),
                lambda where: f"line(s) {where}",
            ),
        }
        for d in rows
    ]


def _study_value_cells(
    endpoint: str, cohort: str, r: Row, outcomes: _Outcomes
) -> list[dict[str, str]]:
    """Cells of the cohort table, each number linked to its evidence row (``target``)."""

    def link(stat: str, text: str) -> dict[str, str]:
        row = outcomes.get(cohort, endpoint, stat)
        target = _value_id(endpoint, cohort, row) if row is not None and text else ""
        return {"text": text, "target": target}

    n = num(r["n"])
    n_text = fmt.count(n) if n is not None else ""
    if fmt.is_median(endpoint):
        med = num(r["median"])
        med_text = fmt.number(endpoint, med) if med is not None else (r["median_text"] or "")
        lo, hi = num(r["ci_low"]), num(r["ci_high"])
        lo_text = fmt.number(endpoint, lo) if lo is not None else ""
        hi_text = fmt.number(endpoint, hi) if hi is not None else ("NE" if lo is not None else "")
        return [
            link("n", n_text),
            link("median", med_text),
            link("ci_low", lo_text),
            link("ci_high", hi_text),
        ]
    ev = num(r["events"])
    prop = num(r["proportion"])
    return [
        link("events", fmt.count(ev) if ev is not None else ""),
        link("n", n_text),
        {
            "text": fmt.with_unit(endpoint, fmt.number(endpoint, prop)) if prop is not None else "",
            "target": "",
        },
    ]


def _check_against_table(endpoint: str, cohort: str, r: Row, outcomes: _Outcomes) -> list[str]:
    """Warnings where the analysis table and the extraction disagree (should be none)."""
    out = []
    stats = ("n", "median", "ci_low", "ci_high") if fmt.is_median(endpoint) else ("events", "n")
    for stat in stats:
        table_value = num(r.get(stat, ""))
        row = outcomes.get(cohort, endpoint, stat)
        extracted = num(row["value"]) if row is not None else None
        if table_value is not None and extracted is not None and table_value != extracted:
            out.append(
                f"analysis_table.csv has {stat} = {table_value:g}, outcomes.csv has {extracted:g}"
            )
    return out


class _Page:
    """The inputs of the page, indexed; each method returns the data of one part of it."""

    def __init__(
        self,
        tables: Tables,
        outcomes_rows: list[Row],
        discrepancies: list[Row],
        papers: list[Row],
        preprints: set[str],
        rob_rows: list[Row] | None,
        certainty: dict[tuple[str, str], Row] | None,
    ) -> None:
        self.tables = tables
        self.outcomes = _Outcomes(outcomes_rows)
        self.discrepancy_rows = discrepancies
        self.papers = papers
        self.paper_by_id = {p["paper_id"]: p for p in papers}
        self.preprints = preprints
        self.rob_rows = rob_rows
        self.summary = {
            (s["endpoint"], s["setting"]): s for s in summarise(tables, preprints, certainty)
        }
        order = {e: i for i, e in enumerate(PROTOCOL_ENDPOINTS)}
        self.endpoints = sorted(tables.endpoints(), key=lambda e: (order.get(e, len(order)), e))

    def discrepancies_for(self, cohort: str, endpoints: Iterable[str]) -> list[Row]:
        eps = set(endpoints)
        return [
            d for d in self.discrepancy_rows if d["cohort_id"] == cohort and d["endpoint"] in eps
        ]

    def context(self) -> dict[str, object]:
        endpoints = [self.endpoint(e) for e in self.endpoints]
        return {
            "settings_descriptive": SETTINGS_DESCRIPTIVE,
            "setting_labels": [SETTING_LABELS.get(s, s) for s in SETTINGS],
            "contents": [self.contents_row(e) for e in self.endpoints],
            "endpoints": endpoints,
            "cohorts": self.cohorts(endpoints),
            "risk_of_bias": _risk_of_bias(self.rob_rows) if self.rob_rows else None,
            "characteristics": _characteristics(self.tables.characteristics),
            "papers": [self.paper(p) for p in sorted(self.papers, key=lambda p: p["paper_id"])],
        }

    def contents_row(self, endpoint: str) -> dict[str, object]:
        estimates = []
        for setting in SETTINGS:
            s = self.summary.get((endpoint, setting))
            estimates.append((setting, None if s is None else s.get("estimate_text", "")))
        return {"endpoint": endpoint, "label": fmt.endpoint_label(endpoint), "estimates": estimates}

    def endpoint(self, endpoint: str) -> dict[str, object]:
        return {
            "endpoint": endpoint,
            "label": fmt.endpoint_label(endpoint),
            "settings": [self.setting(endpoint, s) for s in self.tables.settings(endpoint)],
        }

    def setting(self, endpoint: str, setting: str) -> dict[str, object]:
        """An endpoint in a setting: the pooled estimate, the cohort table, each cohort."""
        summary = self.summary[(endpoint, setting)]
        rows = sorted(
            self.tables.cohorts(endpoint, setting),
            key=lambda r: (not is_included(r), r["cohort_id"]),
        )
        median = fmt.is_median(endpoint)
        return {
            "endpoint": endpoint,
            "setting": setting,
            "endpoint_label": fmt.endpoint_label(endpoint),
            "setting_label": SETTING_LABELS.get(setting, setting),
            "pooled": self.pooled(endpoint, setting, summary),
            "estimate_text": summary["estimate_text"],
            "notes": summary.get("_notes") or [],
            "certainty": _certainty(summary),
            "headers": ["N", "median", "CI low", "CI high"]
            if median
            else ["events", "N", "proportion"],
            "rows": [self.cohort_row(endpoint, setting, r) for r in rows],
            "cohorts": [self.cohort_evidence(endpoint, r) for r in rows],
        }

    def pooled(self, endpoint: str, setting: str, summary: dict) -> dict[str, object] | None:
        pooled = self.tables.pooled_row("primary", endpoint, setting)
        if pooled is None:
            return None
        return {
            "estimate_text": summary["estimate_text"],
            "pi_text": summary.get("pi_text") or "",
            "k": summary["k"],
            "patients": fmt.count(num(pooled["n"])),
            "model": fmt.model_label(pooled["model"]),
            "heterogeneity": fmt.heterogeneity(pooled),
        }

    def cohort_row(self, endpoint: str, setting: str, r: Row) -> dict[str, object]:
        """A cohort's line in the table of an endpoint and setting."""
        cohort = r["cohort_id"]
        w = self.tables.weight(endpoint, setting, cohort)
        helpers = {row["endpoint"] for row in _evidence_rows(self.outcomes, cohort, endpoint)}
        return {
            "cohort": cohort,
            "paper": r["paper_id"],
            "cells": _study_value_cells(endpoint, cohort, r, self.outcomes),
            "weight": fmt.weight(w) if w is not None else "",
            "status": r.get("status", ""),
            "pooled": "yes" if is_included(r) else f"no: {short_reason(r.get('reason_code', ''))}",
            "discrepancies": len(self.discrepancies_for(cohort, helpers | {endpoint})),
        }

    def cohort_evidence(self, endpoint: str, r: Row) -> dict[str, object]:
        """A cohort's evidence for an endpoint: its values with their quotes, discrepancies."""
        cohort = r["cohort_id"]
        ev_rows = _evidence_rows(self.outcomes, cohort, endpoint)
        helpers = {row["endpoint"] for row in ev_rows} | {endpoint}
        return {
            "cohort": cohort,
            "paper": r["paper_id"],
            "citation": self.paper_by_id.get(r["paper_id"], {}).get("citation", ""),
            "summary": _study_summary(endpoint, r),
            "pooled": is_included(r),
            "reason": r.get("reason", ""),
            "warnings": _check_against_table(endpoint, cohort, r, self.outcomes),
            "values": [_value(endpoint, cohort, v) for v in ev_rows],
            "with_helpers": len(helpers) > 1,
            "discrepancies": _discrepancies(self.discrepancies_for(cohort, sorted(helpers))),
        }

    def cohorts(self, endpoints: list[dict]) -> list[dict[str, object]]:
        """Each cohort: its paper, the endpoints it has evidence for, cohort-wide discrepancies."""
        cohort_endpoints: dict[str, list[str]] = {}
        for ep in endpoints:
            for section in ep["settings"]:
                for c in section["cohorts"]:
                    cohort_endpoints.setdefault(c["cohort"], []).append(ep["endpoint"])
        cohort_papers = {r["cohort_id"]: r["paper_id"] for r in self.tables.analysis}
        return [
            {
                "cohort": cohort,
                "paper": cohort_papers.get(cohort, ""),
                "endpoints": cohort_endpoints[cohort],
                "discrepancies": _discrepancies(self.discrepancies_for(cohort, [""])),
            }
            for cohort in sorted(cohort_endpoints)
        ]

    def paper(self, p: Row) -> dict[str, object]:
        pid = p["paper_id"]
        own = [d for d in self.discrepancy_rows if d["paper_id"] == pid]
        return {
            "paper_id": pid,
            "preprint": pid in self.preprints,
            "abstract_only": p.get("source") == "abstract",
            "citation": p.get("citation", ""),
            "doi": p.get("doi", ""),
            "design": p.get("design", ""),
            "file": p.get("file", ""),
            "paper_wide": _discrepancies([d for d in own if not d["cohort_id"]]),
            "not_extractable": _discrepancies([d for d in own if d["kind"] == "not_extractable"]),
        }


def build(
    tables: Tables,
    outcomes_rows: list[Row],
    discrepancies: list[Row],
    papers: list[Row],
    preprints: set[str],
    rob_rows: list[Row] | None = None,
    certainty: dict[tuple[str, str], Row] | None = None,
) -> str:
    """The page (templates/evidence.html.j2) for these tables."""
    page = _Page(tables, outcomes_rows, discrepancies, papers, preprints, rob_rows, certainty)
    return _templates().get_template("evidence.html.j2").render(page.context())


def _escape(value: object) -> Markup:
    """Every value the templates print, HTML-escaped (the autoescape of :func:`_templates`).
    The standard library's entities (``&quot;``, ``&#x27;``) rather than markupsafe's
    (``&#34;``, ``&#39;``) keep the page the bytes it has always been; a macro's output,
    already escaped, passes unchanged."""
    if hasattr(value, "__html__"):
        return Markup(value)
    return Markup(escape(str(value), quote=True))


#: How the templates' whitespace becomes the page's: a line holding only a block tag writes
#: nothing, and the newline at the end of a template is kept (the page ends with one).
WHITESPACE = {"trim_blocks": True, "lstrip_blocks": True, "keep_trailing_newline": True}


@functools.cache
def _templates():
    """The page's jinja2 templates (package data, ``litmeta/report/templates``), autoescaped;
    an undefined name in a template is an error, not an empty string."""
    from jinja2 import Environment, PackageLoader, StrictUndefined

    loader = PackageLoader("litmeta.report", "templates")
    env = Environment(
        loader=loader, autoescape=True, finalize=_escape, undefined=StrictUndefined, **WHITESPACE
    )
    env.globals["anchor"] = _slug
    return env


def _certainty(summary: dict) -> dict[str, object] | None:
    """The GRADE rating of a pooled estimate and each step's reason (results/certainty.csv)."""
    if not summary.get("pooled") or not summary.get("certainty"):
        return None
    steps = str(summary.get("certainty_reasons", "")).rstrip(".").split("; ")
    return {
        "rating": summary["certainty"],
        "levels_off": summary.get("levels_off") or "none",
        "steps": steps,
    }


ROB_SYMBOLS = {"2": "+", "1": "\u2212", "0": "\u00d7", "": "?"}


def _characteristics(rows: list[Row]) -> dict[str, object] | None:
    """The table of characteristics of included cohorts, then per cohort every item with its
    value, status and note and the quote and line behind it; None without the table."""
    from . import characteristics as ch

    if not rows:
        return None
    details = ch.details(rows)
    for c in details:
        for item in c["items"]:  # type: ignore[union-attr]
            item["quotes"] = _quoted(item["quotes"], item["lines"], lambda w: f"line {w}")
    return {
        "headers": [h for h, _ in ch.COLUMNS],
        "rows": ch.table(rows),
        "legend": ch.LEGEND,
        "cohorts": details,
    }


def _risk_of_bias(rows: list[Row]) -> dict[str, object]:
    """MINORS judgements: the cohorts x items matrix (symbol and score per cell, total), then
    per cohort every item with its score, reason and the quote and line behind it (no quote:
    "not reported")."""
    items = sorted({(int(r["item_no"]), r["item"], r["label"]) for r in rows})
    cohorts = sorted({r["cohort_id"] for r in rows})
    cell = {(r["cohort_id"], r["item"]): r for r in rows}
    matrix = []
    for c in cohorts:
        cells, total = [], 0
        for _, key, _ in items:
            r = cell.get((c, key))
            score = r["score"] if r else ""
            total = None if (total is None or score == "") else total + int(score)
            cells.append({"item": key, "symbol": ROB_SYMBOLS.get(score, "?"), "score": score})
        matrix.append(
            {"cohort": c, "cells": cells, "total": "?" if total is None else f"{total}/16"}
        )
    judgements = {
        c: [
            {
                "item": key,
                "no": no,
                "label": label,
                "score": r["score"],
                "reason": r["reason"],
                "quotes": _quoted(
                    r["quote"].split(" | ") if r["quote"] else [],
                    r["line"].split(";"),
                    lambda where: f"line {where}",
                ),
            }
            for no, key, label in items
            if (r := cell.get((c, key))) is not None
        ]
        for c in cohorts
    }
    return {
        "items": [{"no": no, "label": label} for no, _, label in items],
        "legend": "; ".join(f"D{no} {label}" for no, _, label in items),
        "matrix": matrix,
        "cohorts": [{"cohort": c, "judgements": judgements[c]} for c in cohorts],
    }


def _study_summary(endpoint: str, r: Row) -> str:
    if fmt.is_median(endpoint):
        med = num(r["median"])
        if med is None:
            return f"Median {r.get('median_text') or 'not reported'} (n = {r['n']})"
        lo, hi = num(r["ci_low"]), num(r["ci_high"])
        ci = f" (95% CI {fmt.interval(endpoint, lo, hi)})" if lo is not None else " (no 95% CI)"
        return f"Median {fmt.number(endpoint, med)} months{ci}, n = {r['n']}"
    return f"{r['events']} of {r['n']} patients ({fmt.number(endpoint, num(r['proportion']))}%)"


def _with_pdf_places(rows: list[Row], text_dir: Path) -> list[Row]:
    """Values read from a PDF get ``place`` ("page 3, right column") from the paper's layout
    sidecar; their ``line`` is the line of extracted/text/<paper_id>.txt."""
    from ..pdf.sidecar import places

    cache: dict[str, dict[int, str]] = {}
    for r in rows:
        if not r.get("source_file", "").lower().endswith(".pdf") or not r.get("line"):
            continue
        pid = r["paper_id"]
        if pid not in cache:
            sidecar = text_dir / f"{pid}.layout.csv"
            cache[pid] = places(sidecar) if sidecar.is_file() else {}
        place = cache[pid].get(int(r["line"]))
        if place:
            r["place"] = place
            r["line_of"] = f"extracted/text/{pid}.txt"
    return rows


def write(
    tables: Tables,
    outcomes: str | Path,
    discrepancies: str | Path,
    papers_tsv: str | Path,
    out: str | Path,
    risk_of_bias: str | Path | None = None,
    certainty: str | Path | None = None,
    preprint_cohorts: Iterable[str] = (),
) -> None:
    """``preprint_cohorts``: config ``exclusions.sens_exclude_preprint``."""
    from ..atomic import write_text
    from ..certainty.tables import read_certainty
    from ..sheet import read_sheet
    from .summary_of_findings import preprint_papers

    papers = read_sheet(papers_tsv)
    html = build(
        tables,
        _with_pdf_places(read_rows(outcomes), Path(outcomes).parent / "text"),
        read_rows(discrepancies),
        papers,
        preprint_papers(preprint_cohorts, tables.analysis),
        read_rows(risk_of_bias) if risk_of_bias is not None else None,
        read_certainty(certainty),
    )
    write_text(out, html)


def cache_key(
    inputs: list[str | Path | None], papers_tsv: str | Path, preprint_cohorts: Iterable[str] = ()
) -> str:
    """Cache key of the page (:mod:`litmeta.cache`): the bytes of every input table, the
    preprint cohorts, and the paper sheet without its sha256 column, which the page does not
    show (a paper whose text changes without changing a value leaves the page as it was)."""
    from ..cache import digest, file_digest
    from ..sheet import read_sheet

    sheet = [{k: v for k, v in row.items() if k != "sha256"} for row in read_sheet(papers_tsv)]
    given = [p for p in inputs if p is not None]
    parts = [[p is None for p in inputs], file_digest(given), sheet, sorted(preprint_cohorts)]
    return digest("evidence", parts)
