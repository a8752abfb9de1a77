"""Candidate finder: generic patterns that list likely outcome values in any paper.

Writing a spec for a new paper starts from this list (line, kind, value, quote) instead of a
blank page.  The patterns know nothing about the five reference papers; their recall and
precision against the spec-located values of those papers is measured by
:func:`evaluate` and reported in ``extracted/README.md``.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from .numbers import PATTERNS

_NUM = r"\d+(?:\.\d+)?"
_COUNT = PATTERNS["count"]
_RESP = (
    r"(?i:complete response|partial response|partial re-?sponse|stable disease|"
    r"progressive disease|objective response|disease control|CR|PR|SD|PD|ORR|DCR)"
)
_TOX = (
    r"(?i:an(?:a)?emia|h(?:a)?emoglobin|thrombo(?:cyto)?penia|platelets?|leu(?:k|c)openia|"
    r"leu(?:k|c)ocytes|neutropenia|lymphopenia|pancytopenia|nephrotoxicity|renal toxicity|"
    r"creatinine|hepatotoxicity|hepatic|myelodysplastic syndrome|MDS|AML|leuk(?:a)?emia|"
    r"bilirubin|GGT|AST|ALT|acute kidney injury)"
)

PATTERNS_BY_KIND: dict[str, re.Pattern[str]] = {
    # "14.6 months (95% CI 12.4-16.9)", "23 months (95%CI:7.90-38.09)",
    # "12.2 months (95% CI, 11.3-NE)"
    "median_ci": re.compile(
        rf"(?P<v1>{_NUM})\s*(?:months?|mo)?\s*\(95\s*%\s*CI[:,]?\s*(?P<v2>{_NUM})\s*-\s*"
        rf"(?P<v3>{_NUM}|NE|NR|N/A)"
    ),
    # "median PFS was 28.5 months", "median progression-free survival of 28 months",
    # "Median OS was not reached"
    "median": re.compile(
        rf"(?i:median)[^.;()]{{0,60}}?(?:of|was|:)\s*(?P<v1>{_NUM}(?=\s*months?)|NR\b|"
        rf"(?i:not reached))"
    ),
    # "9 patients (9%)", "Two patients (8%)", "26 (15.5)"
    "count_pct": re.compile(
        rf"(?<![\w.])(?P<v1>{_COUNT})\s*(?:patients?\s*|pts\s*)?\(\s*(?P<v2>{_NUM})\s*%?\s*\)"
    ),
    # "22 patients could be included", "in 12 R-PRRT patients", "Two patients received"
    "patients": re.compile(
        rf"(?<![\w.])(?P<v1>{_COUNT})\s+(?:[\w-]+\s+){{0,2}}?(?:patients?|pts|cases?|events?)\b"
    ),
    # "(n = 22)", "21.6% (n = 22)", "(n = 2, 1.9%)", "(total n = 107)"
    "n_equals": re.compile(
        rf"(?:(?P<v2>{_NUM})\s*%\s*)?\((?:total\s+)?n\s*=\s*(?P<v1>\d+)(?:,\s*(?P<v3>{_NUM})\s*%)?\)"
    ),
    # response statements: "11/16 patients had PR", "PR in 11"
    "response": re.compile(
        rf"(?<![\w.])(?P<v1>\d+)\s*/\s*(?P<v2>\d+)\s*(?:patients?)?\s*(?:had|showed)\s*{_RESP}|"
        rf"{_RESP}\s*(?:was\s*)?(?:observed\s*)?in\s*(?P<v3>\d+)(?!\s*%)"
    ),
    # "ORR of 15.5%", "disease control rate was 92%", "rate (ORR) following PRRT-1 was 22.5%"
    "rate": re.compile(
        rf"(?i:response rate|control rate|ORR|DCR)[^.;%]{{0,60}}?(?P<v1>{_NUM})\s*%"
    ),
    # any percentage: "(1.8%)", "2.2% and 3.5%"
    "pct": re.compile(rf"(?<![\w.])(?P<v1>{_NUM})\s*%"),
    # "an overall survival of 36 months"
    "survival": re.compile(
        rf"(?i:survival|PFS|OS)[^.;()]{{0,30}}?(?:of|was|:)\s*(?P<v1>{_NUM})\s*months?"
    ),
    # vertical tables: "Grade 3 1 (5)", "Grade 4 0"
    "grade_count": re.compile(
        rf"(?i:grade)\s+(?:[1-4]|I{{1,3}}|IV)\s+(?P<v1>\d+)(?:\s*\(\s*(?P<v2>{_NUM})\s*%?\s*\))?"
    ),
    # stated absences: "no development of myelodysplastic syndrome", "No PRRT-related grade
    # III/IV nephrotoxicity"
    "none": re.compile(
        r"(?<![\w])(?P<v1>[Nn]o)\s+(?:[\w/-]+\s+){0,4}?"
        r"(?:development|toxicity|nephrotoxicity|patients?|AML|MDS|events?)\b"
    ),
    # table rows: a toxicity term followed by numeric cells
    "tox_row": re.compile(
        rf"^\s*{_TOX}[^\n\d]{{0,20}}"
        rf"(?P<cells>(?:[\t ]+(?:{_NUM}|-)(?:\s*\(\s*{_NUM}\s*%?\s*\))?)+)",
        re.MULTILINE,
    ),
    # any tab-separated table row: every number in it
    "table_row": re.compile(r"^(?P<cells>[^\t\n]*\t.*\t.*)$", re.MULTILINE),
}
_CELL = re.compile(rf"(?<![\w.])({_NUM})")


LINE_KINDS = ("tox_row", "table_row")  # need the line structure of tables


def find_candidates(paper_id: str, text: str) -> list[dict]:
    """Candidates with line and quote; prose patterns see through line breaks and
    hyphenation (the search view of :mod:`litmeta.extract.textindex`), table patterns read
    one line at a time."""
    from .textindex import TextIndex

    index = TextIndex(text)
    rows: dict[tuple[int, str, str], dict] = {}

    def add(lineno: int, kind: str, value: str, quote: str) -> None:
        rows.setdefault(
            (lineno, value, kind),
            {
                "paper_id": paper_id,
                "line": lineno,
                "kind": kind,
                "value_text": value,
                "quote": quote.strip(),
            },
        )

    for kind, pattern in PATTERNS_BY_KIND.items():
        if kind in LINE_KINDS:
            for lineno, line in enumerate(text.split("\n"), start=1):
                for m in pattern.finditer(line):
                    quote = line[max(0, m.start() - 40) : m.end() + 20]
                    for v in _CELL.findall(m.group("cells")):
                        add(lineno, kind, v, quote)
            continue
        view = index.view
        for m in pattern.finditer(view):
            quote = view[max(0, m.start() - 40) : m.end() + 20]
            for name, v in m.groupdict().items():
                if name.startswith("v") and v:
                    add(index.view_line(m.start(name)), kind, v, quote)
    return [rows[k] for k in sorted(rows)]


def evaluate(candidates: Iterable[dict], outcomes: Iterable[dict]) -> dict[str, float]:
    """Recall and precision of candidates against spec-located (reported) values.

    A spec-located value is found when a candidate sits on the same line with the same
    printed value; a candidate is a hit when some spec-located value matches it so.
    """
    truth = {
        (str(o["paper_id"]), int(o["line"]), str(o["value_text"]))
        for o in outcomes
        if o["status"] == "reported" and o["value_text"] not in ("", "-")
    }
    found = {(str(c["paper_id"]), int(c["line"]), str(c["value_text"])) for c in candidates}
    hits = truth & found
    return {
        "spec_values": len(truth),
        "candidates": len(found),
        "matched": len(hits),
        "recall": len(hits) / len(truth) if truth else 0.0,
        "precision": len(hits) / len(found) if found else 0.0,
    }
