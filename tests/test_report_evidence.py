"""The evidence page: self-contained, deterministic, escaped, and every pooled number leads
to its quote and line."""

from __future__ import annotations

import csv
import re
from collections import Counter
from html import escape

import pytest
from conftest import ROOT
from test_plots_edge_cases import cohort, pooled

from litmeta.protocol import is_included
from litmeta.report import evidence
from litmeta.sheet import read_sheet
from litmeta.tables import Tables, read_rows

PAPERS = ROOT / "config" / "papers.tsv"


def read_papers(path=PAPERS):
    return read_sheet(path)


@pytest.fixture(scope="module")
def real():
    tables = Tables.read_dir(ROOT / "results")
    outcomes = read_rows(ROOT / "extracted" / "outcomes.csv")
    html = evidence.build(
        tables,
        outcomes,
        read_rows(ROOT / "extracted" / "discrepancies.csv"),
        read_papers(),
        {"kalantarhormozi2020"},
    )
    return tables, outcomes, html


def test_every_link_has_a_target_and_ids_are_unique(real):
    _, _, html = real
    ids = re.findall(r'\sid="([^"]+)"', html)
    dup = [i for i, c in Counter(ids).items() if c > 1]
    assert not dup
    missing = {h for h in re.findall(r'href="#([^"]+)"', html) if h not in set(ids)}
    assert not missing


def test_self_contained(real):
    _, _, html = real
    lowered = html.lower()
    for banned in ("<script", "<link", "<img", "<iframe", "src=", "url(", "@import", "http:"):
        assert banned not in lowered, banned
    assert "https:" not in lowered
    assert "<style>" in html


def test_each_pooled_cohort_value_has_its_quote_and_line(real):
    tables, outcomes, html = real
    index = {(o["cohort_id"], o["endpoint"], o["statistic"]): o for o in outcomes}
    checked = 0
    for p in tables.pooled:
        if p["analysis"] != "primary":
            continue
        endpoint = p["endpoint"]
        assert f'id="ep-{endpoint}-{p["setting"]}"' in html
        for c in p["cohorts"].split(";"):
            assert f'id="c-{endpoint}-{c}"' in html
            stats = ("median", "ci_low", "n") if endpoint.endswith("_median") else ("events", "n")
            for stat in stats:
                o = index[(c, endpoint, stat)]
                row_id = f"v-{endpoint}-{c}-{endpoint}-{stat}"
                start = html.index(f'<tr id="{row_id}">')
                row = html[start : html.index("</tr>", start)]
                assert f"line {o['line']}" in row
                first_quote = o["quote"].split(" | ")[0]
                plain = re.sub(r"</?mark>", "", row)
                assert escape(first_quote, quote=True) in plain, (row_id, first_quote)
                assert f'href="#{row_id}"' in html  # the cohort table links to it
                checked += 1
    assert checked > 50


def test_discrepancies_of_a_cohort_are_shown(real):
    _, _, html = real
    start = html.index('id="c-orr-kalantarhormozi2020"')
    block = html[start : html.index('id="c-orr-', start + 10)]
    assert "discussion_vs_results" in block  # best_response.n: 16 in results, 20 in discussion
    assert "preprint (not peer reviewed)" in html


def test_pooled_estimates_shown(real):
    tables, _, html = real
    assert (
        "33.5% (95% CI 12.0\u201365.0); Bayesian 95% CrI 10.1\u201369.3%; 95% PI 0.1\u201399.5%"
        in html
    )
    # Amendment 2: few cohorts and one dominant cohort, next to the estimate
    assert (
        "17.1% (95% CI 12.3\u201323.3); Bayesian 95% CrI 6.3\u201359.8%; "
        "\u2248 one cohort: 88 % of the weight"
    ) in html
    assert "LRT = 1.30 (df = 1), p = 0.255" in html  # hepatic: never Q = 0.00, p = 1.000
    assert "Q = 0.00" not in html
    committed = (ROOT / "results" / "evidence.html").read_text(encoding="utf-8")
    assert "(levels taken off: inconsistency \u22121, imprecision \u22122;" in committed
    not_included = [r for r in tables.analysis if not is_included(r)]
    assert all(f'id="c-{r["endpoint"]}-{r["cohort_id"]}"' in html for r in not_included)


def two_cohort_page(outcomes, discrepancies, papers):
    """The page of two orr cohorts, x2020 (1 of 10) and y2021 (2 of 10), pooled."""
    analysis = [
        cohort("x2020", "orr", events=1, n=10, proportion=0.1),
        cohort("y2021", "orr", events=2, n=10, proportion=0.2),
    ]
    pool = [pooled("orr", "initial", ["x2020", "y2021"], estimate=0.15, ci_low=0.05, ci_high=0.35)]
    return evidence.build(
        Tables(analysis, pool, [], [], []), outcomes, discrepancies, papers, set()
    )


def test_text_is_escaped_and_output_deterministic(tmp_path):
    evil = '<script>alert("x")</script> & <img src=x onerror=y>'
    outcomes = [
        {
            "paper_id": "x2020",
            "cohort_id": "x2020",
            "setting": "initial",
            "population": "efficacy",
            "endpoint": "orr",
            "statistic": stat,
            "value": value,
            "value_text": value,
            "status": "reported",
            "alternative": "",
            "source_file": "papers/x.txt",
            "line": "7",
            "quote": f"{evil} {value} of",
            "quote_lines": "7-7",
            "section": "results",
            "derived_from": "",
            "spec_entry": "values[0]",
        }
        for stat, value in (("events", "1"), ("n", "10"))
    ]
    disc = [
        {
            "paper_id": "x2020",
            "cohort_id": "x2020",
            "endpoint": "orr",
            "kind": "typo",
            "detail": evil,
            "values": "",
            "quotes": evil,
            "lines": "7-7",
        }
    ]
    papers = [{"paper_id": "x2020", "file": "x.txt", "citation": evil, "design": "", "doi": ""}]
    html = two_cohort_page(outcomes, disc, papers)
    assert "<script" not in html and "<img" not in html
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &lt;img src=x" in html
    assert "<mark>10</mark>" in html  # the printed value, found once in its quote
    assert two_cohort_page(outcomes, disc, papers) == html


def test_committed_page_is_up_to_date(tmp_path):
    out = tmp_path / "evidence.html"
    evidence.write(
        Tables.read_dir(ROOT / "results"),
        ROOT / "extracted" / "outcomes.csv",
        ROOT / "extracted" / "discrepancies.csv",
        PAPERS,
        out,
        ROOT / "results" / "risk_of_bias.csv",
        ROOT / "results" / "certainty.csv",
        ["kalantarhormozi2020"],  # config exclusions.sens_exclude_preprint
    )
    assert out.read_bytes() == (ROOT / "results" / "evidence.html").read_bytes(), "run snakemake"


def test_risk_of_bias_section_shows_the_quote_behind_each_cell():

    html = (ROOT / "results" / "evidence.html").read_text(encoding="utf-8")
    assert '<section id="risk-of-bias">' in html
    with open(ROOT / "results" / "risk_of_bias.csv", newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    for r in rows:
        anchor = f'id="rob-{r["cohort_id"]}-{r["item"]}"'
        start = html.index(anchor)
        cell = html[start : html.index("</tr>", start)]
        if r["score"] == "0":
            assert "not reported" in cell
        else:
            first_line = r["line"].split(";")[0]
            assert f"line {first_line}:" in cell
    assert "Certainty of evidence (GRADE): <b>very low</b>" in html


def test_quote_with_markup_is_escaped_on_the_page():
    """The page is rendered from autoescaped templates: a quote holding <script>, & and a
    double quote is shown as text in its blockquote (the printed value still highlighted),
    and a value inside an attribute (the source file of the link) cannot leave its quotes."""
    quote = 'Responses <script>alert("r&d")</script> in 1 of 10 "evaluable" patients & more'
    outcomes = [
        {
            "paper_id": "x2020",
            "cohort_id": "x2020",
            "endpoint": "orr",
            "statistic": "events",
            "value": "1",
            "value_text": "1",
            "status": "reported",
            "source_file": 'papers/x"><script>.txt',
            "line": "4",
            "quote": quote,
            "quote_lines": "4",
        }
    ]
    papers = [{"paper_id": "x2020", "file": "x.txt", "citation": "X", "design": "", "doi": ""}]
    html = two_cohort_page(outcomes, [], papers)
    assert "<script" not in html
    start = html.index('<tr id="v-orr-x2020-orr-events">')
    row = html[start : html.index("</tr>", start)]
    assert (
        '<blockquote><span class="muted">line 4:</span> Responses &lt;script&gt;alert('
        "&quot;r&amp;d&quot;)&lt;/script&gt; in <mark>1</mark> of 10 &quot;evaluable&quot; "
        "patients &amp; more</blockquote>"
    ) in row
    assert '<a href="../papers/x&quot;&gt;&lt;script&gt;.txt">' in row
