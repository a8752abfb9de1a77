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
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from html import escape
from pathlib import Path

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

CSS = """
body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,"DejaVu Sans",sans-serif;
margin:0 auto;max-width:1280px;padding:0 24px 64px;color:#1a1a1a;line-height:1.45}
h1{font-size:1.6em;margin:24px 0 8px}h2{font-size:1.3em;margin-top:40px;
border-bottom:2px solid #1a1a1a;padding-bottom:4px}h3{font-size:1.1em;margin-top:28px}
h4{font-size:1em;margin:20px 0 6px}
a{color:#0060a0}a:visited{color:#5a3d8a}
table{border-collapse:collapse;margin:8px 0 12px;font-size:.92em}
th,td{border:1px solid #c8c8c8;padding:3px 7px;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.num{text-align:right;font-variant-numeric:tabular-nums}
tr:target,div:target,section:target>h3,section:target>h2{background:#fff3b0}
.initial{border-left:6px solid #0072B2;padding-left:12px}
.salvage{border-left:6px solid #D55E00;padding-left:12px}
.estimate{font-size:1.05em;font-weight:600}
.muted{color:#595959}.warn{color:#a33a00;font-weight:600}
.cohort{border:1px solid #d8d8d8;border-radius:4px;padding:4px 12px 8px;margin:12px 0;
background:#fcfcfc}
blockquote{margin:2px 0;padding:2px 8px;border-left:3px solid #999;background:#f6f6f6;
font-family:"DejaVu Serif",Georgia,serif;font-size:.95em}
mark{background:#ffe066;padding:0 1px}
.status-derived{color:#006e50}.status-implied{color:#a33a00}
ul.notes{margin:4px 0 8px}
nav table td,nav table th{padding:2px 8px}
code{font-size:.95em}
table.values{width:100%;table-layout:fixed}
table.values td{overflow-wrap:anywhere}
table.values col.c-value{width:13%}table.values col.c-num{width:6.5%}
table.values col.c-printed{width:7%}table.values col.c-status{width:7.5%}
table.values col.c-derived{width:12.5%}table.values col.c-alt{width:7%}
table.values col.c-where{width:14.5%}table.values col.c-quote{width:32%}
"""


def _e(x: object) -> str:
    return escape(str(x), quote=True)


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


def _mark_value(quote: str, value_text: str) -> str:
    """Escape ``quote``; highlight ``value_text`` where it occurs exactly once as a token."""
    if not value_text:
        return _e(quote)
    pattern = re.compile(rf"(?<![\w.]){re.escape(value_text)}(?![\w]|\.\d)")
    hits = list(pattern.finditer(quote))
    if len(hits) != 1:
        return _e(quote)
    m = hits[0]
    return f"{_e(quote[: m.start()])}<mark>{_e(m.group(0))}</mark>{_e(quote[m.end() :])}"


def _quotes(row: Row) -> str:
    quotes = row.get("quote", "").split(" | ")
    lines = row.get("quote_lines", "").split(";")
    items = []
    for i, q in enumerate(quotes):
        where = lines[i] if i < len(lines) else ""
        label = f"lines {where}" if where and where.split("-")[0] != where.split("-")[-1] else ""
        label = label or (f"line {where.split('-')[0]}" if where else "")
        items.append(
            f'<blockquote><span class="muted">{_e(label)}:</span> '
            f"{_mark_value(q, row.get('value_text', ''))}</blockquote>"
        )
    return "".join(items)


def _value_id(endpoint: str, cohort: str, row: Row) -> str:
    return _slug("v", endpoint, cohort, row["endpoint"], row["statistic"])


def _values_table(endpoint: str, cohort: str, rows: list[Row]) -> str:
    cols = "".join(
        f'<col class="c-{c}">'
        for c in ("value", "num", "printed", "status", "derived", "alt", "where", "quote")
    )
    head = (
        f"<colgroup>{cols}</colgroup>"
        "<tr><th>statistic</th><th>value</th><th>printed</th><th>status</th>"
        "<th>derived from</th><th>alt. value</th><th>where</th><th>quote</th></tr>"
    )
    body = []
    for r in rows:
        parts = []
        for ep, stat in _parts(r):
            target = _slug("v", endpoint, cohort, ep, stat)
            parts.append(f'<a href="#{target}">{_e(f"{ep}.{stat}")}</a>')
        derived = " + ".join(parts) if parts else ""
        if r.get("derived_from") and not parts:
            derived = _e(r["derived_from"])
        source = r.get("source_file", "")
        place = f", {_e(r['place'])}" if r.get("place") else ""  # PDF: page and column
        line_of = f" of {_e(r['line_of'])}" if r.get("line_of") else ""
        where = (
            f'<a href="../{_e(source)}">{_e(source)}</a>{place}, line {_e(r.get("line", ""))}'
            f"{line_of}"
            f'<br><span class="muted">{_e(r.get("section", ""))}; '
            f"{_e(r.get('spec_entry', ''))}</span>"
        )
        status = r.get("status", "")
        body.append(
            f'<tr id="{_value_id(endpoint, cohort, r)}">'
            f"<td><code>{_e(r['endpoint'])}.{_e(r['statistic'])}</code></td>"
            f'<td class="num">{_e(r.get("value", ""))}</td>'
            f"<td>{_e(r.get('value_text', ''))}</td>"
            f'<td class="status-{_e(status)}">{_e(status)}</td>'
            f"<td>{derived}</td><td>{_e(r.get('alternative', ''))}</td>"
            f"<td>{where}</td><td>{_quotes(r)}</td></tr>"
        )
    return f'<table class="values">{head}{"".join(body)}</table>'


def _discrepancy_list(rows: list[Row]) -> str:
    if not rows:
        return '<p class="muted">No discrepancy recorded.</p>'
    items = []
    for d in rows:
        quotes = d.get("quotes", "").split(" | ") if d.get("quotes") else []
        lines = d.get("lines", "").split(";")
        qs = "".join(
            f'<blockquote><span class="muted">line(s) {_e(lines[i] if i < len(lines) else "")}:'
            f"</span> {_e(q)}</blockquote>"
            for i, q in enumerate(quotes)
        )
        values = f' <span class="muted">(values: {_e(d["values"])})</span>' if d["values"] else ""
        scope = f" [{_e(d['endpoint'])}]" if d.get("endpoint") else ""
        items.append(f"<li><b>{_e(d['kind'])}</b>{scope}: {_e(d['detail'])}{values}{qs}</li>")
    return f"<ul>{''.join(items)}</ul>"


def _study_value_cells(endpoint: str, cohort: str, r: Row, outcomes: _Outcomes) -> list[str]:
    """Cells of the cohort table, each number linked to its evidence row."""

    def link(stat: str, text: str) -> str:
        row = outcomes.get(cohort, endpoint, stat)
        if row is None or not text:
            return _e(text)
        return f'<a href="#{_value_id(endpoint, cohort, row)}">{_e(text)}</a>'

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
        _e(fmt.with_unit(endpoint, fmt.number(endpoint, prop)) if prop is not None else ""),
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


def build(
    tables: Tables,
    outcomes_rows: list[Row],
    discrepancies: list[Row],
    papers: list[Row],
    preprints: set[str],
    rob_rows: list[Row] | None = None,
    certainty: dict[tuple[str, str], Row] | None = None,
) -> str:
    outcomes = _Outcomes(outcomes_rows)
    paper_by_id = {p["paper_id"]: p for p in papers}
    summary = {(s["endpoint"], s["setting"]): s for s in summarise(tables, preprints, certainty)}
    order = {e: i for i, e in enumerate(PROTOCOL_ENDPOINTS)}
    endpoints = sorted(tables.endpoints(), key=lambda e: (order.get(e, len(order)), e))

    def discrepancies_for(cohort: str, endpoints_: Iterable[str]) -> list[Row]:
        eps = set(endpoints_)
        return [d for d in discrepancies if d["cohort_id"] == cohort and d["endpoint"] in eps]

    out: list[str] = [
        "<!DOCTYPE html>",
        '<html lang="en"><head><meta charset="utf-8">',
        '<meta name="viewport" content="width=device-width, initial-scale=1">',
        "<title>litmeta: evidence behind each pooled estimate</title>",
        f"<style>{CSS.strip()}</style></head><body>",
        "<h1>Evidence behind each pooled estimate</h1>",
        "<p>Generated by <code>litmeta evidence-page</code> from results/analysis_table.csv, "
        "pooled.csv, weights.csv, leave_one_out.csv, extracted/outcomes.csv, "
        "extracted/discrepancies.csv and config/papers.tsv; do not edit by hand. For each "
        "endpoint and setting: the primary pooled estimate, its cohorts, and for every number "
        "a cohort contributes the verbatim quote and line of its paper (the printed value is "
        "highlighted where it occurs once), how it was derived, and each discrepancy recorded "
        "for that cohort. Click a number to jump to its evidence; the target row is "
        "highlighted. Proportions in percent, medians in months.</p>",
        f"<p>{_e(SETTINGS_DESCRIPTIVE)} The comparison of the settings "
        "(results/subgroup_tests.csv) is descriptive.</p>",
    ]

    # contents
    out.append('<nav id="contents"><h2>Contents</h2><table><tr><th>endpoint</th>')
    out += [f"<th>{_e(SETTING_LABELS.get(s, s))}</th>" for s in SETTINGS]
    out.append("</tr>")
    for endpoint in endpoints:
        cells = [
            f'<td><a href="#{_slug("ep", endpoint)}">{_e(endpoint)}</a> '
            f'<span class="muted">{_e(fmt.endpoint_label(endpoint))}</span></td>'
        ]
        for setting in SETTINGS:
            s = summary.get((endpoint, setting))
            if s is None:
                cells.append('<td class="muted">no cohort</td>')
            else:
                cells.append(
                    f'<td><a href="#{_slug("ep", endpoint, setting)}">'
                    f"{_e(s.get('estimate_text', ''))}</a></td>"
                )
        out.append(f"<tr>{''.join(cells)}</tr>")
    rob_link = ' · <a href="#risk-of-bias">Risk of bias</a>' if rob_rows else ""
    out.append(
        '</table><p><a href="#cohorts">Cohorts</a> · <a href="#papers">Papers</a>'
        f"{rob_link}</p></nav>"
    )

    cohort_endpoints: dict[str, list[str]] = {}
    for endpoint in endpoints:
        out.append(f'<section id="{_slug("ep", endpoint)}">')
        out.append(
            f"<h2>{_e(fmt.endpoint_label(endpoint))} <code>{_e(endpoint)}</code></h2>"
            f'<p class="muted">Plots: <a href="plots/forest_{_e(endpoint)}.svg">forest</a>, '
            f'<a href="plots/sensitivity_{_e(endpoint)}.svg">sensitivity</a>, '
            f'<a href="plots/loo_{_e(endpoint)}.svg">leave-one-out</a></p>'
        )
        for setting in tables.settings(endpoint):
            out.append(
                _setting_section(
                    tables,
                    outcomes,
                    summary[(endpoint, setting)],
                    endpoint,
                    setting,
                    discrepancies_for,
                    paper_by_id,
                    cohort_endpoints,
                )
            )
        out.append("</section>")

    # cohorts
    out.append('<section id="cohorts"><h2>Cohorts</h2>')
    cohort_papers = {r["cohort_id"]: r["paper_id"] for r in tables.analysis}
    for cohort in sorted(cohort_endpoints):
        links = ", ".join(
            f'<a href="#{_slug("c", ep, cohort)}">{_e(ep)}</a>' for ep in cohort_endpoints[cohort]
        )
        paper = cohort_papers.get(cohort, "")
        out.append(
            f'<div class="cohort" id="{_slug("cohort", cohort)}"><h4>{_e(cohort)}</h4>'
            f'<p>Paper <a href="#{_slug("paper", paper)}">{_e(paper)}</a>. Endpoints: {links}.</p>'
            "<p>Discrepancies recorded for the cohort as a whole:</p>"
            f"{_discrepancy_list(discrepancies_for(cohort, ['']))}</div>"
        )
    out.append("</section>")

    if rob_rows:
        out.append(_risk_of_bias_section(rob_rows))

    # papers
    out.append('<section id="papers"><h2>Papers</h2>')
    for p in sorted(papers, key=lambda p: p["paper_id"]):
        pid = p["paper_id"]
        pre = ' <span class="warn">preprint (not peer reviewed)</span>' if pid in preprints else ""
        if p.get("source") == "abstract":
            pre += ' <span class="warn">abstract only</span>'
        unusable = [
            d for d in discrepancies if d["paper_id"] == pid and d["kind"] == "not_extractable"
        ]
        paper_wide = [d for d in discrepancies if d["paper_id"] == pid and not d["cohort_id"]]
        doi = f", doi {_e(p['doi'])}" if p.get("doi") else ""
        out.append(
            f'<div class="cohort" id="{_slug("paper", pid)}"><h4>{_e(pid)}{pre}</h4>'
            f"<p>{_e(p.get('citation', ''))}{doi}. Design: {_e(p.get('design', ''))}. "
            f'File: <a href="../papers/{_e(p.get("file", ""))}">papers/{_e(p.get("file", ""))}'
            "</a>.</p><p>Discrepancies recorded for the paper as a whole:</p>"
            f"{_discrepancy_list(paper_wide)}"
            + (
                "<p>Reported, not extractable (PROTOCOL Amendment 1):</p>"
                + _discrepancy_list(unusable)
                if unusable
                else ""
            )
            + "</div>"
        )
    out.append("</section></body></html>")
    return "\n".join(out) + "\n"


def _setting_section(
    tables: Tables,
    outcomes: _Outcomes,
    summary: dict,
    endpoint: str,
    setting: str,
    discrepancies_for,
    paper_by_id: dict[str, Row],
    cohort_endpoints: dict[str, list[str]],
) -> str:
    median = fmt.is_median(endpoint)
    rows = tables.cohorts(endpoint, setting)
    pooled = tables.pooled_row("primary", endpoint, setting)
    label = SETTING_LABELS.get(setting, setting)
    out = [
        f'<section id="{_slug("ep", endpoint, setting)}" class="{_e(setting)}">',
        f"<h3>{_e(fmt.endpoint_label(endpoint))}: {_e(label)}</h3>",
    ]
    if pooled is not None:
        het = (
            f"{fmt.TAU2} = {fmt.tau2(num(pooled['tau2']))}, {fmt.I2} = "
            f"{fmt.i2(num(pooled['i2']))}, Q = {fmt.q(num(pooled['q']))} "
            f"(df = {fmt.count(num(pooled['q_df']))}), {fmt.p(num(pooled['q_p']))}"
        )
        pi = f"; 95% PI {summary['pi_text']}" if summary.get("pi_text") else ""
        out.append(
            f'<p class="estimate">Pooled (primary): {_e(summary["estimate_text"])}{_e(pi)}; '
            f"k = {_e(summary['k'])}, {_e(fmt.count(num(pooled['n'])))} patients</p>"
            f'<p class="muted">{_e(fmt.model_label(pooled["model"]))}. Heterogeneity: '
            f"{_e(het)}.</p>"
        )
    else:
        out.append(f'<p class="estimate">{_e(summary["estimate_text"])}</p>')
    notes = summary.get("_notes") or []
    if notes:
        out.append(
            '<p>What limits confidence:</p><ul class="notes">'
            + "".join(f"<li>{_e(n)}</li>" for n in notes)
            + "</ul>"
        )
    out.append(_certainty_html(summary))

    headers = ["N", "median", "CI low", "CI high"] if median else ["events", "N", "proportion"]
    head = (
        "<tr><th>cohort</th><th>paper</th>"
        + "".join(f"<th>{h}</th>" for h in headers)
        + "<th>weight</th><th>status</th><th>pooled</th><th>discrepancies</th></tr>"
    )
    body = []
    for r in sorted(rows, key=lambda r: (not is_included(r), r["cohort_id"])):
        cohort = r["cohort_id"]
        w = tables.weight(endpoint, setting, cohort)
        helpers = {
            ep for row in _evidence_rows(outcomes, cohort, endpoint) for ep in [row["endpoint"]]
        }
        n_disc = len(discrepancies_for(cohort, helpers | {endpoint}))
        pooled_text = "yes" if is_included(r) else f"no: {short_reason(r.get('reason_code', ''))}"
        cells = _study_value_cells(endpoint, cohort, r, outcomes)
        body.append(
            f'<tr><td><a href="#{_slug("c", endpoint, cohort)}">{_e(cohort)}</a></td>'
            f'<td><a href="#{_slug("paper", r["paper_id"])}">{_e(r["paper_id"])}</a></td>'
            + "".join(f'<td class="num">{c}</td>' for c in cells)
            + f'<td class="num">{_e(fmt.weight(w)) if w is not None else ""}</td>'
            f"<td>{_e(r.get('status', ''))}</td><td>{_e(pooled_text)}</td>"
            f'<td class="num">{n_disc}</td></tr>'
        )
    out.append(f"<table>{head}{''.join(body)}</table>")

    for r in sorted(rows, key=lambda r: (not is_included(r), r["cohort_id"])):
        cohort = r["cohort_id"]
        cohort_endpoints.setdefault(cohort, []).append(endpoint)
        ev_rows = _evidence_rows(outcomes, cohort, endpoint)
        helpers = {row["endpoint"] for row in ev_rows} | {endpoint}
        paper = paper_by_id.get(r["paper_id"], {})
        reason = "" if is_included(r) else f" Not pooled: {r.get('reason', '')}."
        warnings = _check_against_table(endpoint, cohort, r, outcomes)
        warn_html = "".join(f'<p class="warn">{_e(w)}</p>' for w in warnings)
        out.append(
            f'<div class="cohort" id="{_slug("c", endpoint, cohort)}">'
            f'<h4>{_e(cohort)} <span class="muted">· {_e(endpoint)} · '
            f'<a href="#{_slug("cohort", cohort)}">cohort</a> · '
            f'<a href="#{_slug("paper", r["paper_id"])}">{_e(paper.get("citation", ""))}</a>'
            f"</span></h4>"
            f"<p>{_e(_study_summary(endpoint, r))}.{_e(reason)}</p>{warn_html}"
            f"{_values_table(endpoint, cohort, ev_rows) if ev_rows else ''}"
            f"<p>Discrepancies for this cohort and endpoint"
            f"{' (and the values it is derived from)' if len(helpers) > 1 else ''}:</p>"
            f"{_discrepancy_list(discrepancies_for(cohort, sorted(helpers)))}"
            f'<p><a href="#{_slug("ep", endpoint, setting)}">back to the estimate</a> · '
            f'<a href="#contents">contents</a></p></div>'
        )
    out.append("</section>")
    return "\n".join(out)


def _certainty_html(summary: dict) -> str:
    """The GRADE rating of a pooled estimate and each step's reason (results/certainty.csv)."""
    if not summary.get("pooled") or not summary.get("certainty"):
        return ""
    steps = str(summary.get("certainty_reasons", "")).rstrip(".").split("; ")
    return (
        f"<p>Certainty of evidence (GRADE): <b>{_e(summary['certainty'])}</b> "
        '(<a href="#risk-of-bias">risk of bias per cohort</a>)</p><ul class="notes">'
        + "".join(f"<li>{_e(step)}</li>" for step in steps)
        + "</ul>"
    )


ROB_SYMBOLS = {"2": "+", "1": "\u2212", "0": "\u00d7", "": "?"}


def _risk_of_bias_section(rows: list[Row]) -> str:
    """MINORS judgements: a cohorts x items matrix whose cells link to each judgement, then
    per cohort every item with its score, reason and the quote and line behind it (a score
    of 0 says "not reported")."""
    items = sorted({(int(r["item_no"]), r["item"], r["label"]) for r in rows})
    cohorts = sorted({r["cohort_id"] for r in rows})
    cell = {(r["cohort_id"], r["item"]): r for r in rows}
    head = (
        "<tr><th>cohort</th>"
        + "".join(f'<th title="{_e(label)}">D{no}</th>' for no, _, label in items)
        + "<th>total</th></tr>"
    )
    body = []
    for c in cohorts:
        cells, total = [], 0
        for _, key, _ in items:
            r = cell.get((c, key))
            score = r["score"] if r else ""
            total = None if (total is None or score == "") else total + int(score)
            cells.append(
                f'<td class="num"><a href="#{_slug("rob", c, key)}">'
                f"{_e(ROB_SYMBOLS.get(score, '?'))} {_e(score)}</a></td>"
            )
        body.append(
            f'<tr><td><a href="#{_slug("rob", c)}">{_e(c)}</a></td>{"".join(cells)}'
            f'<td class="num">{"?" if total is None else f"{total}/16"}</td></tr>'
        )
    legend = "; ".join(f"D{no} {label}" for no, _, label in items)
    out = [
        '<section id="risk-of-bias"><h2>Risk of bias (MINORS)</h2>',
        "<p>MINORS items for non-comparative studies, each scored 0 (not reported), 1 "
        "(reported but inadequate) or 2 (reported and adequate), judged by the reviewers in "
        "config/risk_of_bias/ and supported by the quoted passage of the paper "
        "(results/risk_of_bias.csv). Click a cell for its judgement.</p>",
        f'<p class="muted">{_e(legend)}.</p>',
        f"<table>{head}{''.join(body)}</table>",
    ]
    for c in cohorts:
        trs = []
        for no, key, label in items:
            r = cell.get((c, key))
            if r is None:
                continue
            if r["quote"]:
                lines = r["line"].split(";")
                quote = "".join(
                    f'<blockquote><span class="muted">line {_e(lines[i] if i < len(lines) else "")}'
                    f":</span> {_e(q)}</blockquote>"
                    for i, q in enumerate(r["quote"].split(" | "))
                )
            else:
                quote = '<span class="muted">not reported</span>'
            trs.append(
                f'<tr id="{_slug("rob", c, key)}"><td>D{no} {_e(label)}</td>'
                f'<td class="num">{_e(r["score"])}</td><td>{_e(r["reason"])}</td>'
                f"<td>{quote}</td></tr>"
            )
        out.append(
            f'<div class="cohort" id="{_slug("rob", c)}"><h4>{_e(c)}</h4><table>'
            "<tr><th>item</th><th>score</th><th>reason</th><th>quote (line)</th></tr>"
            f"{''.join(trs)}</table></div>"
        )
    out.append("</section>")
    return "\n".join(out)


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
