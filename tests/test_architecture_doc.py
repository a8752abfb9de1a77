"""docs/architecture.md stays true: its data contract lists each file's columns as the
committed file's header has them, and it stays short."""

from __future__ import annotations

import csv
import re

from conftest import ROOT

from litmeta.sheet import read_sheet

DOC = ROOT / "docs" / "architecture.md"
PAPER_IDS = [r["paper_id"] for r in read_sheet(ROOT / "config" / "papers.tsv")]


def contract() -> dict[str, list[str]]:
    """`path` -> columns, for each row of the contract table that lists columns."""
    rows = {}
    for line in DOC.read_text(encoding="utf-8").splitlines():
        m = re.fullmatch(r"\| `([^`]+\.csv)` \([^)]*\) \| ([a-z0-9_, ]+) \|", line)
        if m:
            rows[m.group(1)] = m.group(2).split(", ")
    return rows


def test_contract_columns_are_the_committed_headers():
    rows = contract()
    assert len(rows) >= 15, "the contract table was not found"
    for pattern, columns in rows.items():
        files = [
            f for f in (ROOT / pattern.replace("<paper_id>", i) for i in PAPER_IDS) if f.is_file()
        ]
        assert files, f"{pattern}: no committed file"
        for path in files:
            with open(path, newline="", encoding="utf-8") as fh:
                header = next(csv.reader(fh))
            assert header == columns, (
                f"docs/architecture.md lists for {pattern}:\n  {', '.join(columns)}\n"
                f"{path.relative_to(ROOT)} has:\n  {', '.join(header)}"
            )


def test_every_committed_table_is_in_the_contract():
    listed = {p.replace("<paper_id>", i) for p in contract() for i in PAPER_IDS}
    for folder in ("extracted", "results"):
        for path in sorted((ROOT / folder).rglob("*.csv")):
            rel = path.relative_to(ROOT).as_posix()
            if "candidates/" in rel and path.stem in ("evaluation", "draft_evaluation"):
                continue  # measures of the drafter, documented in extracted/README.md
            assert rel in listed, f"{rel}: not in the data contract of docs/architecture.md"


def test_under_150_lines():
    assert len(DOC.read_text(encoding="utf-8").splitlines()) < 150


def test_results_readme_documents_every_pooled_column():
    """Each column of pooled.csv and bayes_prior_sensitivity.csv (Amendment 2 added q_test,
    h2 and the iv_* columns, and the prior table) is named in the data dictionary
    (workflow/report/results_README.md, copied to results/README.md)."""
    text = (ROOT / "workflow/report/results_README.md").read_text(encoding="utf-8")
    sections = {
        "pooled.csv": text[text.index("## pooled.csv") : text.index("## subgroup_tests.csv")],
        "bayes_prior_sensitivity.csv": text[
            text.index("## bayes_prior_sensitivity.csv") : text.index("## weights.csv")
        ],
    }
    for name, section in sections.items():
        with open(ROOT / "results" / name, newline="", encoding="utf-8") as fh:
            header = next(csv.reader(fh))
        named = set(re.findall(r"[a-z][a-z0-9_]*", section))
        assert [c for c in header if c not in named] == [], name
