"""The five real specs against the five real papers."""

import csv
import re

import pytest
from conftest import PAPERS, ROOT

from litmeta.errors import InputError
from litmeta.extract.paper import extract_table
from litmeta.extract.spec import load_spec
from litmeta.ingest import read_paper
from litmeta.textindex import TextIndex

PROTOCOL_COHORTS = {
    "zandee2021",
    "kalantarhormozi2020",
    "iqbal2024",
    "lazarenko2026_prrt1",
    "vanderzwan2019_rprrt",
    "lazarenko2026_prrt2",
    "vanderzwan2019_rrprrt",
    "lazarenko2026_prrt3",
    "vanderzwan2019_iprrt",
    "vanderzwan2019_control",
}


def spec_of(paper_id):
    return load_spec(ROOT / "config/extraction" / f"{paper_id}.yaml")


def text_of(paper_id):
    return read_paper(ROOT / "papers" / PAPERS[paper_id])


def extract(paper_id, text=None):
    return extract_table(spec_of(paper_id), text or text_of(paper_id), PAPERS[paper_id])


@pytest.mark.parametrize("paper_id", sorted(PAPERS))
def test_every_spec_entry_resolves(paper_id):
    table = extract(paper_id)
    assert table.primary, paper_id
    entries = {v.spec_entry for v in table.primary.values()}
    spec = spec_of(paper_id)
    # every values[] entry contributed a value (primary or alternative)
    alt_entries = {a.spec_entry for alts in table.alternatives.values() for a in alts}
    assert {e.where for e in spec.values} <= entries | alt_entries


def test_protocol_cohorts_and_settings():
    cohorts = {c.id: c for p in PAPERS for c in spec_of(p).cohorts}
    assert set(cohorts) == PROTOCOL_COHORTS
    pooled = {cid: c.pooled_in for cid, c in cohorts.items()}
    assert pooled["vanderzwan2019_rrprrt"] == pooled["lazarenko2026_prrt3"] == "none"
    assert pooled["vanderzwan2019_iprrt"] == pooled["vanderzwan2019_control"] == "none"
    assert pooled["lazarenko2026_prrt2"] == pooled["vanderzwan2019_rprrt"] == "salvage"


def outcome_rows():
    path = ROOT / "extracted/outcomes.csv"
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_quote_is_verbatim_on_its_cited_lines():
    views = {p: TextIndex((ROOT / "extracted/text" / f"{p}.txt").read_text()) for p in PAPERS}
    rows = outcome_rows()
    assert len(rows) > 200
    for row in rows:
        ix = views[row["paper_id"]]
        quotes = row["quote"].split(" | ")
        spans = row["quote_lines"].split(";")
        assert len(quotes) == len(spans), row
        for quote, span in zip(quotes, spans, strict=True):
            first, last = (int(x) for x in span.split("-"))
            assert first <= int(row["line"]) or row["status"] != "reported"
            view = TextIndex(ix.lines(first, last)).view
            assert quote in view, (row["cohort_id"], row["endpoint"], row["statistic"], span)
        if row["status"] == "reported" and row["value_text"] not in ("NR", "NE"):
            line = ix.lines(int(row["line"]), int(row["line"]))
            assert row["value_text"].lower() in line.lower(), row


def _bump(number: str) -> str:
    if number.isdigit():
        return str(int(number) + 1)
    return number[:-1] + str((int(number[-1]) + 1) % 10)


@pytest.mark.e2e
def test_altering_a_printed_number_changes_the_output_or_fails():
    """Every reported number: change it in a copy of the paper; the extraction must notice."""
    checked = 0
    for paper_id in sorted(PAPERS):
        text = text_of(paper_id)
        lines = text.split("\n")
        base = extract(paper_id)
        for key, v in sorted(base.primary.items()):
            if v.status != "reported" or not re.fullmatch(r"\d+(\.\d+)?", v.value_text):
                continue
            line = lines[v.line - 1]
            hits = [m for m in re.finditer(rf"(?<![\d.]){re.escape(v.value_text)}(?![\d])", line)]
            if len(hits) != 1:
                continue  # the number appears several times on its line: ambiguous to mutate
            m = hits[0]
            mutated = lines.copy()
            mutated[v.line - 1] = line[: m.start()] + _bump(v.value_text) + line[m.end() :]
            try:
                after = extract(paper_id, "\n".join(mutated))
            except InputError:
                checked += 1
                continue
            assert after.primary[key].value != v.value, (paper_id, key)
            checked += 1
    assert checked > 100


@pytest.mark.parametrize("paper_id", ["zandee2021", "iqbal2024", "lazarenko2026"])
def test_deleting_an_anchored_sentence_fails_naming_it(paper_id):
    spec = spec_of(paper_id)
    entry = next(e for e in spec.values[1:] if e.role == "primary")
    base = extract(paper_id)
    quote = next(v.quote for v in base.primary.values() if v.spec_entry == entry.where)
    ix = TextIndex(text_of(paper_id))
    start = ix.view.index(quote)
    first, last = ix.offsets[start], ix.offsets[start + len(quote) - 1]
    text = ix.text[:first] + ix.text[last + 1 :]
    with pytest.raises(InputError) as err:
        extract(paper_id, text)
    msg = str(err.value)
    assert f"{paper_id}.yaml {entry.where}" in msg
    assert "anchor not found" in msg
    assert entry.anchor[:40] in msg


@pytest.mark.e2e
def test_pdf_route_yields_the_same_outcomes(tmp_path):
    from pdf_render import render_pdf

    for paper_id in sorted(PAPERS):
        pdf = tmp_path / f"{paper_id}.pdf"
        render_pdf(text_of(paper_id), pdf)
        via_pdf = extract(paper_id, read_paper(pdf))
        via_txt = extract(paper_id)
        got = {k: (v.value, v.status) for k, v in via_pdf.primary.items()}
        want = {k: (v.value, v.status) for k, v in via_txt.primary.items()}
        assert got.keys() == want.keys(), paper_id
        for k in want:
            same = got[k] == want[k] or (got[k][0] != got[k][0] and want[k][0] != want[k][0])
            assert same, (paper_id, k)
