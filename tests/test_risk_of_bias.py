"""MINORS risk-of-bias files: the five papers' judgements, their quotes, and named errors."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from litmeta.certainty import minors
from litmeta.errors import InputError
from litmeta.textindex import NORMALISED, TextIndex, mark_normalised, strip_normalised

ROOT = Path(__file__).resolve().parents[1]
ROB = ROOT / "results/risk_of_bias.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def test_every_cell_of_the_five_papers_has_its_quote_and_line_or_says_not_reported():
    rows = _rows(ROB)
    cohorts = {r["cohort_id"] for r in _rows(ROOT / "extracted/cohorts.csv")}
    assert {r["cohort_id"] for r in rows} == cohorts
    assert len(rows) == 8 * len(cohorts)
    for r in rows:
        assert r["score"] in ("0", "1", "2"), r
        if r["score"] == "0":
            assert r["reason"].lower().startswith("not reported") and not r["quote"], r
            continue
        quotes, lines = r["quote"].split(" | "), r["line"].split(";")
        assert len(quotes) == len(lines) >= 1, r
        text = (ROOT / "extracted/text" / f"{r['paper_id']}.txt").read_text(encoding="utf-8")
        index = TextIndex(text)
        for quote, line in zip(quotes, lines, strict=True):
            first, last = (int(x) for x in (line.split("-") * 2)[:2])
            # the quote is in the paper at the lines the CSV names (search view of those lines)
            view = TextIndex(index.lines(first, last)).view
            assert strip_normalised(quote) in view, (r["cohort_id"], r["item"])


def test_a_quote_is_marked_normalised_only_where_it_differs_from_the_papers_characters():
    raw = "the [¹⁷⁷Lu]Lu-DOTATATE dose was 7.4\u2009GBq in re-\nsponse   to"
    assert mark_normalised("the [177Lu]Lu-DOTATATE", raw) == NORMALISED + "the [177Lu]Lu-DOTATATE"
    assert mark_normalised("Lu-DOTATATE dose was", raw) == "Lu-DOTATATE dose was"
    assert mark_normalised("in response to", raw).startswith(NORMALISED)  # rejoined word
    assert mark_normalised("in re- sponse to", raw) == "in re- sponse to"  # whitespace only
    assert mark_normalised("dose", None).startswith(NORMALISED)  # a PDF: always
    # the committed table: iqbal2024 prints [¹⁷⁷Lu], zandee2021 (plain 177Lu) is not marked
    rows = {(r["cohort_id"], r["item"]): r["quote"] for r in _rows(ROB)}
    assert rows[("iqbal2024", "consecutive")].startswith(NORMALISED)
    assert not rows[("zandee2021", "aim")].startswith(NORMALISED)


def test_every_score_names_its_item_rule():
    """docs/risk_of_bias.md: a 1 or 2 names the rule it applies, a 0 says "Not reported"."""
    for r in _rows(ROB):
        want = "Not reported" if r["score"] == "0" else f"Rule {r['score']}: "
        assert r["reason"].startswith(want), (r["cohort_id"], r["item"], r["reason"])


def test_amendment_2_corrections_hold():
    """The five corrections of PROTOCOL.md Amendment 2 under the item rules."""
    score = {(r["cohort_id"], r["item"]): r["score"] for r in _rows(ROB)}
    assert score[("vanderzwan2019_rprrt", "loss_to_follow_up")] == "1"
    assert score[("iqbal2024", "loss_to_follow_up")] == "2"
    assert score[("kalantarhormozi2020", "loss_to_follow_up")] == "2"
    assert score[("kalantarhormozi2020", "prospective")] == "1"
    assert score[("zandee2021", "unbiased_assessment")] == "0"
    # one database (Erasmus MC PRRT database), one score
    assert score[("zandee2021", "prospective")] == score[("vanderzwan2019_rprrt", "prospective")]


def test_output_is_sorted_with_stable_columns():
    with open(ROB, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == minors.ROB_COLUMNS
        rows = list(reader)
    keys = [(r["cohort_id"], int(r["item_no"])) for r in rows]
    assert keys == sorted(keys)


def test_totals():
    totals = minors.totals(_rows(ROB))
    assert totals["iqbal2024"] == 7 and totals["lazarenko2026_prrt1"] == 11
    assert minors.totals([{"cohort_id": "x", "score": ""}, {"cohort_id": "x", "score": "2"}]) == {
        "x": None
    }


TEXT = (
    "Line one.\nThe aim of this study was to test PRRT.\n"
    "It was retrospective.\nIt was retrospective.\n"
)


def _file(tmp_path: Path, data: dict) -> Path:
    path = tmp_path / "p1.yaml"
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


def _valid() -> dict:
    items = {k: {"score": 0, "reason": "Not reported."} for k in minors.ITEM_KEYS}
    items["aim"] = {
        "score": 2,
        "reason": "Stated.",
        "anchors": ["The aim of this study was to test PRRT."],
    }
    return {"paper_id": "p1", "items": items}


def _assess(path):
    return minors.assess_paper(path, "p1", ["p1"], TEXT, "papers/p1.txt", TEXT)


def test_a_valid_file_gives_eight_rows_with_quote_and_line(tmp_path):
    rows, indirect = _assess(_file(tmp_path, _valid()))
    assert [r["item"] for r in rows] == list(minors.ITEM_KEYS)
    assert rows[0]["quote"] == "The aim of this study was to test PRRT." and rows[0]["line"] == "2"
    assert indirect == []


def test_no_file_means_not_assessed():
    rows, _ = minors.assess_paper(None, "p1", ["p1"], "", "papers/p1.txt", "")
    assert {r["score"] for r in rows} == {None}
    assert rows[0]["reason"] == "not assessed: no file config/risk_of_bias/p1.yaml"


@pytest.mark.parametrize(
    "change,where,message",
    [
        (lambda d: d["items"]["aim"].pop("anchors"), "items.aim", "'anchors' is a required"),
        (lambda d: d["items"].pop("study_size"), "items", "'study_size' is a required"),
        (lambda d: d["items"]["aim"].update(score=3), "items.aim.score", "3 is not one of"),
        (
            lambda d: d["items"]["study_size"].update(reason="Unclear."),
            "items.study_size.reason",
            "does not match",
        ),
        (lambda d: d.update(paper_id="p2"), "paper_id", "differs from the file name"),
        (
            lambda d: d.update(cohorts={"p1_x": {"aim": {"score": 0, "reason": "Not reported."}}}),
            "cohorts.p1_x",
            "unknown cohort 'p1_x'",
        ),
        (
            lambda d: d["items"]["aim"].update(anchors=["It was retrospective."]),
            "items.aim.anchors[0]",
            "anchor matches 2 times (lines 3, 4) in papers/p1.txt",
        ),
        (
            lambda d: d["items"]["aim"].update(anchors=["The aim was something else."]),
            "items.aim.anchors[0]",
            "anchor not found in papers/p1.txt",
        ),
        (
            lambda d: d["items"]["aim"].update(anchors=["The aim of this study was {orr.events}"]),
            "items.aim.anchors[0]",
            "quotes text only, without {placeholders}",
        ),
    ],
)
def test_named_errors(tmp_path, change, where, message):
    data = _valid()
    change(data)
    with pytest.raises(InputError) as exc:
        _assess(_file(tmp_path, data))
    assert exc.value.where.endswith(where), exc.value.where
    assert message in str(exc.value)


def test_cohort_block_overrides_one_item(tmp_path):
    data = _valid()
    data["cohorts"] = {
        "p1": {"prospective": {"score": 1, "reason": "Retrospective.", "anchors": ["Line one."]}}
    }
    rows, _ = _assess(_file(tmp_path, data))
    prospective = next(r for r in rows if r["item"] == "prospective")
    assert (prospective["score"], prospective["line"]) == (1, "1")
