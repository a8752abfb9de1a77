"""What the workbench page shows, computed by the pipeline's own modules.

The paper's text comes from :func:`litmeta.ingest.read_paper_layout`, the drafted entries
from :mod:`litmeta.extract.draft` (as ``litmeta draft-spec`` writes them), the candidates
from :mod:`litmeta.extract.candidates`, the spec's values, errors and coverage from
:func:`litmeta.extract.paper.extract_paper` and :func:`litmeta.extract.combine.coverage_rows`.
Nothing here decides what a number is: it only places those modules' answers on the page.
"""

from __future__ import annotations

import contextlib
import multiprocessing
import re
import tempfile
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import InputError
from ..protocol import ENDPOINTS, MEDIAN_ENDPOINTS, PROTOCOL_ENDPOINTS, is_valid_statistic
from ..textindex import index_of

SECTIONS = ("abstract", "methods", "results", "table", "figure", "discussion", "conclusion")
# a line's section as the drafter reads it -> the nearest section of the spec format
_SECTION = {"front": "abstract", "intro": "discussion", "references": "discussion"}
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:[.,]\d+)*(?!\w)")
_STATS = (
    "events",
    "events_pct",
    "n",
    "median",
    "ci_low",
    "ci_high",
    "g3",
    "g4",
    "g3g4",
    "n_enrolled",
    "n_efficacy",
    "n_safety",
    "cr",
    "pr",
    "sd",
    "pd",
    "mds",
    "aml",
)
REFS = tuple(f"{e}.{s}" for e in ENDPOINTS for s in _STATS if is_valid_statistic(e, s))


@dataclass
class Mark:
    """A number on the page: its place in the normalised text and what is known of it."""

    start: int  # offsets in the normalised text
    end: int
    line: int
    text: str
    drafted: list = field(default_factory=list)  # (Entry, Item) of the draft
    guesses: list = field(default_factory=list)  # candidate rows with a guess
    spec: list = field(default_factory=list)  # (entry index, ref) of the spec

    @property
    def style(self) -> str:
        if self.spec:
            return "spec"
        if self.drafted:
            return "drafted"
        return "candidate" if self.guesses else "plain"


@dataclass
class Option:
    """One likely assignment of a number: the anchor to add, checked to match once."""

    label: str
    cohort: str
    section: str
    anchor: str
    source: str  # drafted | candidate | chosen
    role: str = "primary"


def _second_process() -> ProcessPoolExecutor | None:
    if "fork" not in multiprocessing.get_all_start_methods():
        return None
    try:
        return ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork"))
    except OSError:
        return None


class Paper:
    """A paper as the page shows it: text, layout, sections, draft and candidates."""

    def __init__(self, paper_id: str, path: Path, source: str) -> None:
        from ..extract.candidates import find_candidates
        from ..extract.draft import draft_spec, line_sections, validated
        from ..ingest import read_paper_layout

        self.paper_id = paper_id
        self.source = source  # the paper's path as the pipeline names it (papers/<file>)
        self.text, pdf = read_paper_layout(path)
        self.lines = self.text.split("\n")
        self.layout = [(ln.page, ln.column) for ln in pdf.lines] if pdf else None
        self.index = index_of(self.text)
        self.sections = line_sections(self.text)
        # the candidates in a second process while this one drafts (both are pure Python);
        # where no process can be forked, or it dies, they are found here afterwards
        pool = _second_process()
        with pool or contextlib.nullcontext():
            future = pool.submit(find_candidates, paper_id, self.text) if pool else None
            draft = draft_spec(paper_id, self.text)
            self.cohorts = draft.cohorts  # the drafter's proposed cohorts
            try:
                validated(draft, self.text, source)  # the entries `litmeta draft-spec` writes
                self.drafted = draft.entries
            except InputError:
                self.drafted = []
            try:
                self.candidates = future.result() if future else None
            except (BrokenProcessPool, OSError):
                self.candidates = None
        if self.candidates is None:
            self.candidates = find_candidates(paper_id, self.text)
        self._line_starts = self.index.line_starts

    def section(self, line: int) -> str:
        s = self.sections[line - 1]
        return s if s in SECTIONS else _SECTION.get(s, "results")

    def text_offset(self, view_pos: int) -> int:
        return self.index.offsets[view_pos]

    def marks(self, captures: list[tuple[int, str, int, int]]) -> dict[int, Mark]:
        """Every number of the text, keyed by its start offset, with the draft's items, the
        candidates' guesses and the spec's captures (entry, ref, view start, view end)."""
        marks: dict[int, Mark] = {}
        for lineno, line in enumerate(self.lines, start=1):
            base = self._line_starts[lineno - 1]
            for m in _NUMBER.finditer(line):
                marks[base + m.start()] = Mark(base + m.start(), base + m.end(), lineno, m.group())

        def at(view_start: int, view_end: int) -> Mark:
            start = self.text_offset(view_start)
            end = self.text_offset(view_end - 1) + 1
            if start not in marks:  # a number word ("Two"), "NR", a token across a break
                line = self.index.line_of(start)
                marks[start] = Mark(start, end, line, self.text[start:end])
            return marks[start]

        for entry in self.drafted:
            for item in entry.items:
                at(item.start, item.end).drafted.append((entry, item))
        for i, ref, s, e in captures:
            at(s, e).spec.append((i, ref))
        by_line: dict[int, list[Mark]] = {}
        for mk in marks.values():
            by_line.setdefault(mk.line, []).append(mk)
        for row in self.candidates:
            if not row["endpoint"]:
                continue
            for mk in by_line.get(row["line"], ()):
                if mk.text == row["value_text"] and row not in mk.guesses:
                    mk.guesses.append(row)
        return dict(sorted(marks.items()))

    def options(self, mark: Mark, cohorts: list[str]) -> list[Option]:
        """Likely assignments of ``mark``: each drafted entry holding it, then the
        candidates' guessed statistic for the guessed cohort (or every declared cohort)."""
        out: list[Option] = []
        for entry, _item in mark.drafted:
            refs = ", ".join(f"{r} = {t}" for r, t in entry.values.items())
            out.append(
                Option(
                    f"drafted {'alternative ' if entry.role != 'primary' else ''}entry for "
                    f"{entry.cohort}: {refs}",
                    entry.cohort,
                    entry.section,
                    entry.anchor,
                    "drafted",
                    entry.role,
                )
            )
        seen = {(o.cohort, o.anchor) for o in out}
        for row in mark.guesses:
            ref = f"{row['endpoint']}.{row['statistic']}"
            for cohort in [row["cohort"]] if row["cohort"] in cohorts else cohorts:
                option = self.choose(mark, ref, cohort, source="candidate")
                if option and (option.cohort, option.anchor) not in seen:
                    seen.add((option.cohort, option.anchor))
                    out.append(option)
        return out

    def choose(self, mark: Mark, ref: str, cohort: str, source: str = "chosen") -> Option | None:
        """The shortest passage around ``mark`` that matches once and captures it as
        ``ref`` (the drafter's own anchor search), or None when no passage does."""
        from ..extract.anchor import default_type
        from ..extract.draft import Item, _window

        if ref not in REFS:
            return None
        view_start = self._view_pos(mark.start)
        if view_start is None:
            return None
        view_end = view_start + len(mark.text)
        kind = default_type(ref.split(".", 1)[1])
        item = Item(ref, kind, view_start, view_end, self.index.view[view_start:view_end], "")
        lo, hi = max(0, view_start - 300), min(len(self.index.view), view_end + 300)
        try:
            anchor = _window(self.index, lo, hi, [item], view_start)
        except (ValueError, InputError):
            anchor = None
        if anchor is None:
            return None
        return Option(
            f"{ref} = {mark.text} for {cohort}", cohort, self.section(mark.line), anchor, source
        )

    def _view_pos(self, text_offset: int) -> int | None:
        import bisect

        i = bisect.bisect_left(self.index.offsets, text_offset)
        if i < len(self.index.offsets) and self.index.offsets[i] == text_offset:
            return i
        return None


@dataclass
class Evaluation:
    """The spec as the pipeline sees it: per entry, the lines `litmeta show` prints for it
    and its error; errors of the spec as a whole; the extraction of the entries that pass."""

    entry_lines: dict[int, list[str]]
    entry_errors: dict[int, str]
    errors: list[str]
    result: object | None  # litmeta.extract.paper.PaperExtraction
    captures: list[tuple[int, str, int, int]]


_ENTRY = re.compile(r"\bvalues\[(\d+)\]")


def evaluate(spec_text: str, paper: Paper) -> Evaluation:
    """Run the pipeline's checks on ``spec_text``.  An entry the checks reject is set aside
    with its message (as the pipeline prints it) and the rest is run again, so every
    failing entry shows its own error; an error of the spec as a whole stops there."""
    from ..extract.anchor import AnchorError, match_once
    from ..extract.paper import extract_paper, show_outcome
    from . import specedit

    remaining = list(range(len(specedit.items(spec_text, "values"))))
    entry_errors: dict[int, str] = {}
    errors: list[str] = []
    result = None
    text = spec_text
    with tempfile.TemporaryDirectory() as tmp:
        spec_path = Path(tmp) / f"{paper.paper_id}.yaml"
        text_path = Path(tmp) / "paper.txt"
        text_path.write_text(paper.text, encoding="utf-8")
        for _ in range(len(remaining) + 1):
            spec_path.write_text(text, encoding="utf-8")
            try:
                result = extract_paper(spec_path, text_path, paper.source)
                break
            except InputError as exc:
                message = str(exc).replace(
                    str(spec_path), f"config/extraction/{paper.paper_id}.yaml"
                )
                m = _ENTRY.search(exc.where)
                if not m or int(m.group(1)) >= len(remaining) or not remaining:
                    errors.append(message)
                    break
                k = int(m.group(1))
                original = remaining.pop(k)
                entry_errors[original] = _ENTRY.sub(f"values[{original}]", message, count=1)
                if not remaining:
                    break
                text = specedit.remove_item(text, "values", k)
    entry_lines: dict[int, list[str]] = {}
    captures: list[tuple[int, str, int, int]] = []
    if result is not None:
        for row in result.outcomes:
            m = _ENTRY.search(row["spec_entry"])
            if m and int(m.group(1)) < len(remaining):
                entry_lines.setdefault(remaining[int(m.group(1))], []).append(show_outcome(row))
    for i, value in enumerate(specedit.items(spec_text, "values")):
        if not isinstance(value.get("anchor"), str):
            continue
        try:
            hit = match_once(paper.index, value["anchor"])
        except (AnchorError, InputError):
            continue
        for cap in hit.captures:
            captures.extend((i, ref, cap.start, cap.end) for ref in cap.field.refs)
    return Evaluation(entry_lines, entry_errors, errors, result, captures)


COVERAGE_CLASSES = ("confirmed", "found", "reported, not extractable", "not reported")


def coverage(paper: Paper, evaluation: Evaluation) -> list[dict]:
    """Per protocol endpoint and declared cohort, coverage.csv's classification of the
    spec's extraction (reported, derived or implied: "confirmed"); a value the spec lacks
    but the draft or the candidates found on the page: "found"."""
    from ..extract.combine import NOT_EXTRACTABLE, coverage_rows

    if evaluation.result is None:
        return []
    found = {(en.cohort, it_ref.split(".", 1)[0]) for en in paper.drafted for it_ref in en.values}
    found |= {(row["cohort"], row["endpoint"]) for row in paper.candidates if row["endpoint"]}
    rows = coverage_rows(
        evaluation.result.outcomes, evaluation.result.cohorts, evaluation.result.discrepancies
    )
    by_endpoint: dict[str, list[dict]] = {e: [] for e in PROTOCOL_ENDPOINTS}
    for row in rows:
        kind = row["coverage"]
        if kind in ("reported", "derived", "implied"):
            cls = "confirmed"
        elif kind == NOT_EXTRACTABLE:
            cls = NOT_EXTRACTABLE
        elif {(row["cohort_id"], row["endpoint"]), ("", row["endpoint"])} & found:
            cls = "found"
        else:
            cls = "not reported"
        by_endpoint[row["endpoint"]].append({**row, "class": cls})
    key_stat = {e: "median" if e in MEDIAN_ENDPOINTS else "events" for e in PROTOCOL_ENDPOINTS}
    return [
        {"endpoint": e, "statistic": key_stat[e], "cohorts": by_endpoint[e]}
        for e in PROTOCOL_ENDPOINTS
    ]
