"""Characteristics of included cohorts (PROTOCOL.md Amendment 2; issue 26 item 6): every item
of every cohort with a quote found on its line, or "not reported"; the spec checks; the
moderators and the report's table."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
import yaml

from litmeta import metaregression as mr
from litmeta.errors import InputError
from litmeta.extract import characteristics as ch
from litmeta.extract.spec import load_spec
from litmeta.report import characteristics as report
from litmeta.sheet import read_sheet
from litmeta.textindex import NORMALISED, TextIndex, strip_normalised

ROOT = Path(__file__).resolve().parents[1]
TABLE = ROOT / "results/characteristics.csv"


def _rows(path: Path) -> list[dict[str, str]]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def _spans(line: str) -> list[tuple[int, int]]:
    return [(int(a), int(b or a)) for a, _, b in (x.partition("-") for x in line.split(";"))]


def test_every_item_of_every_cohort_has_a_quote_found_on_its_line_or_is_not_reported():
    rows = _rows(TABLE)
    cohorts = {r["cohort_id"] for r in _rows(ROOT / "extracted/cohorts.csv")}
    assert {(r["cohort_id"], r["item"]) for r in rows} == {
        (c, i) for c in cohorts for i in ch.ITEM_KEYS
    }
    assert len(rows) == len(cohorts) * len(ch.ITEM_KEYS)
    files = {p["paper_id"]: p["file"] for p in read_sheet(ROOT / "config/papers.tsv")}
    for r in rows:
        at = (r["cohort_id"], r["item"])
        if r["status"] == "not reported":
            assert r["note"] and not r["quote"] and not r["line"] and r["value"] == "", at
            continue
        assert r["status"] in ("reported", "derived", "implied"), at
        assert r["value"] != "" and r["quote"], at
        text = (ROOT / "extracted/text" / f"{r['paper_id']}.txt").read_text(encoding="utf-8")
        raw = (ROOT / "papers" / files[r["paper_id"]]).read_text(encoding="utf-8").split("\n")
        index = TextIndex(text)
        quotes, spans = r["quote"].split(" | "), _spans(r["line"])
        assert len(quotes) == len(spans), at
        for quote, (first, last) in zip(quotes, spans, strict=True):
            # the quote is at the lines the table names (search view of those lines) ...
            assert strip_normalised(quote) in TextIndex(index.lines(first, last)).view, at
            # ... and, unless marked normalised, in the paper's own characters there
            if not quote.startswith(NORMALISED):
                assert quote in " ".join("\n".join(raw[first - 1 : last]).split()), at
        if r["status"] == "reported" and ch.KIND[r["item"]] != "text":
            # a printed number is in its quote, as printed
            assert r["value_text"] in r["quote"], at
        if r["status"] == "derived":  # a sum of the printed parts, each in its quote
            parts = r["value_text"].split(" + ")
            assert sum(float(p) for p in parts) == float(r["value"]), at
            assert all(p in q for p, q in zip(parts, quotes, strict=True)), at


def test_output_is_sorted_with_documented_columns():
    with open(TABLE, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == ch.COLUMNS
        rows = list(reader)
    order = {k: i for i, k in enumerate(ch.ITEM_KEYS)}
    keys = [(r["cohort_id"], order[r["item"]]) for r in rows]
    assert keys == sorted(keys)
    readme = (ROOT / "results/README.md").read_text(encoding="utf-8")
    assert "## characteristics.csv" in readme
    assert all(f"`{item}`" in readme for item in ch.ITEM_KEYS)


def test_known_values_of_the_five_papers():
    value = {(r["cohort_id"], r["item"]): r for r in _rows(TABLE)}
    assert [value[("iqbal2024", f"grade_g{g}")]["value"] for g in (1, 2, 3)] == ["5", "17", "3"]
    assert value[("iqbal2024", "site_small_intestine")]["value_text"] == "4 + 4 + 1 + 1"
    assert value[("zandee2021", "age")]["statistic"] == "mean"
    assert value[("zandee2021", "site_pancreas")]["status"] == "implied"
    assert value[("zandee2021", "grade_g3")]["status"] == "not reported"
    assert value[("lazarenko2026_prrt1", "followup_months")]["value"] == "26.4"
    assert value[("vanderzwan2019_control", "followup_months")]["value"] == "120.2"
    assert value[("vanderzwan2019_rprrt", "activity_gbq")]["value"] == "44.7"
    assert value[("kalantarhormozi2020", "site_pancreas")]["value"] == "8"
    # one printed number for two cohorts, quoted once for each
    assert (
        value[("vanderzwan2019_iprrt", "grade_g3")]["quote"]
        == (value[("vanderzwan2019_rprrt", "grade_g3")]["quote"])
    )


TEXT = "Patients: 20 men, median age 61.5 years.\nGrade 1 5, grade 2 10.\nRetrospective.\n"


def _spec(tmp_path: Path, entries: list[dict]) -> Path:
    data = {
        "paper_id": "p1",
        "cohorts": [{"id": "p1", "setting": "initial", "pooled_in": "initial"}],
        "values": [
            {
                "cohort": "p1",
                "section": "results",
                "anchor": "Patients: {cohort_size.n_enrolled} men",
            }
        ],
        "characteristics": entries,
    }
    path = tmp_path / "p1.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


def _complete() -> list[dict]:
    return [
        {"anchor": "median age {p1.age:num} years"},
        {"anchor": "Patients: {p1.n_described} men"},
        {"cohorts": ["p1"], "item": "design", "value": "retrospective", "anchor": "Retrospective."},
        {
            "cohorts": ["p1"],
            "item": "site_other",
            "anchors": ["Grade 1 {p1.site_other},", "grade 2 {p1.site_other}."],
            "note": "a test sum",
        },
        {
            "cohorts": ["p1"],
            "items": [
                i for i in ch.ITEM_KEYS if i not in ("age", "n_described", "design", "site_other")
            ],
            "not_reported": "not in this paper",
        },
    ]


def test_a_complete_block_resolves_every_form(tmp_path):
    spec = load_spec(_spec(tmp_path, _complete()))
    rows = ch.resolve("p1", spec.characteristics, TEXT, TEXT, "papers/p1.txt", str(spec.path))
    by = {r["item"]: r for r in rows}
    assert [r["item"] for r in rows] == list(ch.ITEM_KEYS)
    assert (by["age"]["value"], by["age"]["statistic"], by["age"]["line"]) == (
        "61.5",
        "median",
        "1",
    )
    assert (by["site_other"]["value"], by["site_other"]["status"]) == ("15", "derived")
    assert by["site_other"]["line"] == "2;2"
    assert by["design"]["value"] == "retrospective" and by["design"]["status"] == "reported"
    assert by["cycles"]["status"] == "not reported" and by["cycles"]["note"] == "not in this paper"
    # a quote that differs from the paper's own characters is marked
    other = ch.resolve("p1", spec.characteristics, TEXT, TEXT.replace("61.5", "61·5"), "x", "y")
    assert {r["item"]: r for r in other}["age"]["quote"].startswith(NORMALISED)


@pytest.mark.parametrize(
    "change, message",
    [
        (lambda e: e.pop(0), r"characteristics: no entry for p1\.age"),
        (lambda e: e.append({"anchor": "median age {p1.age:num}"}), r"p1\.age is already given"),
        (
            lambda e: e.__setitem__(
                0, {"cohorts": ["p1"], "item": "age", "value": 61.5, "anchor": "median age 61.5"}
            ),
            r"age is a number: capture it",
        ),
        (
            lambda e: (
                e[0].__setitem__("statistic", "mean") or e[1].__setitem__("statistic", "mean")
            ),
            r"statistic 'mean' for n_described",
        ),
        (
            lambda e: e[0].__setitem__("anchor", "median age {p2.age:num} years"),
            r"unknown cohort 'p2'",
        ),
        (
            lambda e: e[0].__setitem__("anchor", "median age {p1.height:num} years"),
            r"unknown characteristic 'height'",
        ),
        (lambda e: e[3].__setitem__("item", "age"), r"a sum is one cohort's count"),
        (
            lambda e: e[4].pop("not_reported"),
            r"give exactly one of anchor, anchors or not_reported",
        ),
    ],
)
def test_spec_errors_name_the_entry(tmp_path, change, message):
    entries = _complete()
    change(entries)
    with pytest.raises(InputError, match=message) as info:
        load_spec(_spec(tmp_path, entries))
    assert "p1.yaml characteristics" in str(info.value)


def test_a_spec_without_the_block_says_not_extracted(tmp_path):
    path = _spec(tmp_path, [])
    data = yaml.safe_load(path.read_text())
    del data["characteristics"]
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    text = tmp_path / "p1.txt"
    text.write_text(TEXT, encoding="utf-8")
    rows = ch.review_rows([load_spec(path)], {"p1": str(text)}, {"p1": TEXT}, {})
    assert {r["status"] for r in rows} == {"not extracted"} and len(rows) == len(ch.ITEM_KEYS)
    assert report.value_text(rows[0]) == report.NR


def test_moderators_from_the_table():
    shares = ch.shares(_rows(TABLE))
    assert shares["iqbal2024"]["share_g3"] == f"{3 / 25:.4f}"
    assert shares["lazarenko2026_prrt1"]["share_pancreas"] == f"{34 / 110:.4f}"
    assert shares["vanderzwan2019_rprrt"]["share_g3"] == f"{9 / 97:.4f}"  # 71 unknown left out
    assert shares["zandee2021"]["share_g3"] == ""  # G3 not reported: no value, never 0
    assert shares["zandee2021"]["share_pancreas"] == "0.0000"  # implied 0 of 22
    assert shares["kalantarhormozi2020"]["followup_months"] == ""
    analysis = _rows(ROOT / "results/analysis_table.csv")
    values, numeric = mr.moderator_values(
        analysis, read_sheet(ROOT / "config/papers.tsv"), list(ch.MODERATORS), "c", _rows(TABLE)
    )
    assert all(numeric.values())
    assert values["followup_months"]["vanderzwan2019_control"] == "120.2"


def test_summary_and_evidence_page_show_the_table_and_follow_up_beside_mds_aml():
    md = (ROOT / "results/summary_of_findings.md").read_text(encoding="utf-8")
    assert "## Characteristics of included cohorts" in md
    for r in report.table(_rows(TABLE)):
        assert f"| {r['cohort']} | " in md
    mds = md[md.index("### mds_aml, initial") :]
    assert "Median follow-up" in mds.split("###")[1] and "zandee2021 37 months" in mds
    html = (ROOT / "results/evidence.html").read_text(encoding="utf-8")
    assert '<section id="characteristics">' in html
    assert "lazarenko2026_prrt1 26.4 months" in html


def test_the_job_takes_unchanged_papers_from_the_cache(tmp_path, monkeypatch):
    """The characteristics job (issue 28): a second run reads no spec and writes the same
    bytes; a paper whose spec changed is read again, the others not."""
    from litmeta.extract import spec as spec_module
    from litmeta.jobs.extract import characteristics

    monkeypatch.setenv("LITMETA_CACHE_DIR", str(tmp_path / "cache"))
    sheet = read_sheet(ROOT / "config/papers.tsv")
    ids = sorted(r["paper_id"] for r in sheet)
    specs = tmp_path / "specs"
    specs.mkdir()
    for p in ids:
        (specs / f"{p}.yaml").write_bytes((ROOT / f"config/extraction/{p}.yaml").read_bytes())
    read: list[str] = []

    def counted(path):
        read.append(Path(path).stem)
        return load_spec(path)

    monkeypatch.setattr(spec_module, "load_spec", counted)
    kwargs = {
        "specs": [str(specs / f"{p}.yaml") for p in ids],
        "texts": [str(ROOT / f"extracted/text/{p}.txt") for p in ids],
        "papers": [str(ROOT / "papers" / r["file"]) for r in sheet],
        "sheet": str(ROOT / "config/papers.tsv"),
    }
    outs = [tmp_path / f"run{i}.csv" for i in range(3)]
    characteristics(**kwargs, table=str(outs[0]))
    assert sorted(read) == ids
    read.clear()
    characteristics(**kwargs, table=str(outs[1]))
    assert read == []
    changed = specs / f"{ids[0]}.yaml"
    changed.write_text(changed.read_text(encoding="utf-8") + "# reviewed again\n", "utf-8")
    characteristics(**kwargs, table=str(outs[2]))
    assert read == [ids[0]]
    monkeypatch.setenv("LITMETA_CACHE_DIR", "")
    characteristics(**kwargs, table=str(tmp_path / "uncached.csv"))
    assert read == [ids[0], *ids]
    uncached = (tmp_path / "uncached.csv").read_bytes()
    assert outs[0].read_bytes() == outs[1].read_bytes() == outs[2].read_bytes() == uncached
