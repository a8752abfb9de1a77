"""Candidate finder: generic patterns that list likely outcome values in any paper.

Writing a spec for a new paper starts from this list (line, kind, value, quote) instead of a
blank page.  Each candidate carries the endpoint, statistic and cohort the generic classifier
(:mod:`litmeta.extract.classify`, shared with ``litmeta draft-spec``) guesses for it, or empty
cells when its clause is ambiguous.  Recall and precision are measured by :func:`evaluate`
against known truth: synthetic papers in new styles (:mod:`litmeta.extract.styles`), never a
spec written from these candidates; the figures are in ``extracted/README.md``.
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
COLUMNS = ("paper_id", "line", "kind", "value_text", "endpoint", "statistic", "cohort", "quote")

# what each captured number of a pattern is, for the classifier
_VALUE_KIND = {
    "median_ci": {"v1": "median", "v2": "ci_low", "v3": "ci_high"},
    "median": {"v1": "median"},
    "survival": {"v1": "median"},
    "count_pct": {"v1": "count", "v2": "pct"},
    "patients": {"v1": "count"},
    "n_equals": {"v1": "count", "v2": "pct", "v3": "pct"},
    "response": {"v1": "count", "v3": "count"},
    "rate": {"v1": "pct"},
    "pct": {"v1": "pct"},
    "grade_count": {"v1": "count", "v2": "pct"},
    "none": {"v1": "nil"},
}


class _Guesser:
    """Endpoint, statistic and cohort of a candidate, from its sentence or table row."""

    def __init__(self, paper_id: str, text: str, index) -> None:
        from .draft import _table_items, line_sections, propose_cohorts, sentence_spans

        self.index = index
        self.lines = text.split("\n")
        self.sections = line_sections(text)
        self.cohorts = propose_cohorts(paper_id, index, self.sections)
        self.starts = [a for a, _b in sentence_spans(index, self.sections)]
        self._table_items = _table_items
        self._rows: dict[int, dict[str, str]] = {}
        self._items: dict[int, dict[int, str]] = {}

    def _cohort(self, passage: str) -> str:
        from .draft import _cohort_of

        return _cohort_of(passage, self.cohorts) or ""

    def prose(self, pos: int, kind: str, value: str) -> tuple[str, str, str]:
        """Guess from the sentence; a table cell from its row; nothing outside the results
        and abstract (the methods, introduction and discussion cite other studies)."""
        import bisect

        lineno = self.index.view_line(pos)
        section = self.sections[lineno - 1]
        if section == "table":
            return self.row(lineno, value)
        if section not in ("results", "abstract"):
            return "", "", ""

        i = bisect.bisect_right(self.starts, pos) - 1
        start = self.starts[i]
        end = self.starts[i + 1] if i + 1 < len(self.starts) else len(self.index.view)
        sentence = self.index.view[start:end]
        if start not in self._items:
            from .draft import _items_of

            self._items[start] = {it.start: it.ref for it in _items_of(sentence, start)[0]}
        ref = self._items[start].get(pos)
        if ref is None:
            return "", "", ""
        endpoint, statistic = ref.split(".", 1)
        return endpoint, statistic, self._cohort(sentence)

    def row(self, lineno: int, value: str) -> tuple[str, str, str]:
        if self.sections[lineno - 1] != "table":
            return "", "", ""
        if lineno not in self._rows:
            items = self._table_items(self.index, self.lines, lineno - 1, 0)
            by_text: dict[str, set[str]] = {}
            for it in items:
                by_text.setdefault(it.text, set()).add(it.ref)
            self._rows[lineno] = {t: r.pop() for t, r in by_text.items() if len(r) == 1}
        ref = self._rows[lineno].get(value)
        if not ref or len(self.cohorts) != 1:
            return "", "", ""
        endpoint, statistic = ref.split(".", 1)
        return endpoint, statistic, self.cohorts[0]["id"]


def find_candidates(paper_id: str, text: str) -> list[dict]:
    """Candidates with line and quote; prose patterns see through line breaks and
    hyphenation (the search view of :mod:`litmeta.extract.textindex`), table patterns read
    one line at a time."""
    from ..textindex import index_of

    index = index_of(text)
    guesser = _Guesser(paper_id, text, index)
    rows: dict[tuple[int, str, str], dict] = {}

    def add(lineno: int, kind: str, value: str, quote: str, guess: tuple[str, str, str]) -> None:
        rows.setdefault(
            (lineno, value, kind),
            {
                "paper_id": paper_id,
                "line": lineno,
                "kind": kind,
                "value_text": value,
                "endpoint": guess[0],
                "statistic": guess[1],
                "cohort": guess[2],
                "quote": quote.strip(),
            },
        )

    for kind, pattern in PATTERNS_BY_KIND.items():
        if kind in LINE_KINDS:
            for lineno, line in enumerate(text.split("\n"), start=1):
                for m in pattern.finditer(line):
                    quote = line[max(0, m.start() - 40) : m.end() + 20]
                    for v in _CELL.findall(m.group("cells")):
                        add(lineno, kind, v, quote, guesser.row(lineno, v))
            continue
        view = index.view
        for m in pattern.finditer(view):
            quote = view[max(0, m.start() - 40) : m.end() + 20]
            for name, v in m.groupdict().items():
                if name.startswith("v") and v:
                    value_kind = _VALUE_KIND.get(kind, {}).get(name, "")
                    guess = guesser.prose(m.start(name), value_kind, v) if value_kind else ("",) * 3
                    add(index.view_line(m.start(name)), kind, v, quote, guess)
    return [rows[k] for k in sorted(rows)]


def evaluate(candidates: Iterable[dict], truth: Iterable[dict]) -> dict[str, float]:
    """Recall and precision of candidates against known true values.

    ``truth`` rows have paper_id, line, value_text, endpoint and statistic (the synthetic
    papers' printed values).  A true value is *found* when a candidate on its line has its
    printed value, and *labelled* when that candidate also guessed its endpoint and
    statistic; a candidate is a hit when it finds some true value.
    """
    true = {
        (str(t["paper_id"]), int(t["line"]), str(t["value_text"])): (t["endpoint"], t["statistic"])
        for t in truth
    }
    cands: dict[tuple[str, int, str], set[tuple[str, str]]] = {}
    for c in candidates:
        key = (str(c["paper_id"]), int(c["line"]), str(c["value_text"]))
        cands.setdefault(key, set()).add((c.get("endpoint", ""), c.get("statistic", "")))
    found = set(true) & set(cands)
    labelled = {k for k in found if true[k] in cands[k]}
    return {
        "true_values": len(true),
        "candidates": len(cands),
        "found": len(found),
        "recall": len(found) / len(true) if true else 0.0,
        "labelled": len(labelled),
        "label_recall": len(labelled) / len(true) if true else 0.0,
        "precision": len(found) / len(cands) if cands else 0.0,
    }
