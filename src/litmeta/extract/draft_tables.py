"""Toxicity table rows (``litmeta draft-spec``): a row naming one toxicity under a header
whose columns name grades; with several cohorts, a header row above the grades names the
cohort each column belongs to.

Tab-separated rows keep their empty cells, so a cohort's name spans its own column and the
empty ones after it ("R-PRRT (n = 181)", "", ...), and the grade row below says which grade
each of those columns holds.  A column is read only when both say what it is: the grade
(grade 3, 4 or 3-4, never "any grade") and, with several cohorts, exactly one cohort.
A row that names no toxicity but "any" / "total" counts the category the table's caption
names, when the caption names exactly one toxicity category.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from ..textindex import TextIndex
from .classify import find_terms, grade_statistic
from .draft_items import Item
from .numbers import PATTERNS

_NUM = PATTERNS["num"]
# a cell: a count, maybe a footnote mark ("6 ^b"), maybe its percentage in parentheses
_CELL = re.compile(rf"(?P<count>\d+)(?:\s*\^\w)?\s*(?:\(\s*(?P<pct>{_NUM})\s*%?\s*\))?")
_ANY_ROW = re.compile(r"(?i)^\s*(?:any|all|total|overall)(?:\s+(?:toxicit\w*|events?))?\s*$")
_CAPTION = re.compile(r"^\s*\**\s*Table\s+\d")


def _cells_in_line(line: str, row: list[str]):
    """``(column, cell, offset)`` of each cell of ``row`` in the tab row ``line``, the cell and
    the line with their runs of white space made one space (the offset is in that view)."""
    pos = 0
    view_row = re.sub(r"\s+", " ", line).strip()
    for col, cell in enumerate(row):
        cell_view = re.sub(r"\s+", " ", cell).strip()
        at = view_row.find(cell_view, pos)
        pos = at + len(cell_view)
        yield col, cell_view, at


def _cells(line: str) -> list[str]:
    return line.split("\t")


def _grade_header(lines: list[str], i: int) -> int | None:
    """Index of the nearest tab row above row ``i`` that names grades and holds no data
    cell (a row whose last cell says "grade III toxicities" is a data row), in the same
    block of lines (no blank line between)."""
    for j in range(i - 1, max(-1, i - 40), -1):
        if not lines[j].strip():
            return None  # the table's rows hang together: a blank line ends it
        cells = _cells(lines[j])[1:]
        if (
            "\t" in lines[j]
            and re.search(r"(?i)grade", lines[j])
            and not any(_CELL.fullmatch(c.strip()) for c in cells)
        ):
            return j
    return None


def _row_term(lines: list[str], i: int, header: int):
    """The toxicity term the row names: its own, else the caption's for an "any" row."""
    label = _cells(lines[i])[0]
    terms = find_terms(label)
    if len(terms) == 1 and terms[0].endpoint.startswith("tox_"):
        return terms[0], repr(terms[0].text)
    if terms or not _ANY_ROW.match(label):
        return None
    for j in range(header - 1, max(-1, header - 6), -1):
        if _CAPTION.match(lines[j]):
            caption = [t for t in find_terms(lines[j]) if t.endpoint.startswith("tox_")]
            if len(caption) == 1 and len(find_terms(lines[j])) == 1:
                return caption[0], f"row {label.strip()!r} under the caption's {caption[0].text!r}"
            return None
    return None


def _cohorts_named(cell: str, cohorts: list[dict], named: Callable) -> set[str]:
    """Cohorts a header cell names; a header capitalises its first word ("Group A" names
    the "group A" of the text)."""
    cell = cell.strip()
    return {
        cid for text in {cell, cell[:1].lower() + cell[1:]} for _at, cid in named(text, cohorts)
    }


def column_cohorts(
    lines: list[str],
    header: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> dict[int, tuple[str, str]]:
    """Column -> (cohort id, header text) from the tab row above the grade row: a cell naming
    one cohort spans its column and the empty cells after it.  Empty when that row names no
    cohort, or a column would belong to two."""
    if header == 0 or "\t" not in lines[header - 1]:
        return {}
    out: dict[int, tuple[str, str]] = {}
    current: tuple[str, str] | None = None
    cells = _cells(lines[header - 1])
    # a text layer may strip the empty cells the last name spans: the grade row is as wide
    cells += [""] * (len(_cells(lines[header])) - len(cells))
    for col, cell in enumerate(cells):
        if col == 0:
            continue
        if cell.strip():
            ids = _cohorts_named(cell, cohorts, named)
            current = (ids.pop(), cell.strip()) if len(ids) == 1 else None
        if current is not None:
            out[col] = current
    return out


def table_items(
    index,
    lines: list[str],
    i: int,
    base: int,
    cohorts: list[dict] | None = None,
    named: Callable[[str, list[dict]], list[tuple[int, str]]] | None = None,
) -> dict[str | None, list[Item]]:
    """Items of toxicity row ``i`` (view offset ``base``) by cohort id.  With several
    ``cohorts`` and cohort columns (:func:`column_cohorts`) each item is under its column's
    cohort; otherwise under ``None`` (the caller knows whether the paper has one cohort), and
    the row must have as many cells as the grade header."""
    header = _grade_header(lines, i)
    if header is None:
        return {}
    found = _row_term(lines, i, header)
    if found is None:
        return {}
    term, why_row = found
    grades = _cells(lines[header])
    row = _cells(lines[i])
    by_col: dict[int, tuple[str, str]] = {}
    if cohorts and len(cohorts) > 1 and named is not None:
        by_col = column_cohorts(lines, header, cohorts, named)
    if by_col and len(row) < len(grades):
        return {}
    if not by_col and len(grades) != len(row):
        return {}  # without cohort columns: one cell per grade column (None: which cohort?)
    out: dict[str | None, list[Item]] = {}
    for col, cell_view, at in _cells_in_line(lines[i], row):
        head = grades[col] if col < len(grades) else ""
        if col == 0 or re.search(r"(?i)any|all|total", head) or not re.search(r"(?i)grade", head):
            continue
        stat = grade_statistic(head)
        m = _CELL.fullmatch(cell_view)
        if stat is None or not m or (by_col and col not in by_col):
            continue
        cohort, where = by_col[col] if by_col else (None, "")
        ev = f"row {why_row}, column {head.strip()!r}" + (f" under {where!r}" if where else "")
        items = out.setdefault(cohort, [])
        items.append(Item.of_group(f"{term.endpoint}.{stat}", "count", m, "count", base + at, ev))
        if m.group("pct"):
            items.append(
                Item.of_group(f"{term.endpoint}.{stat}_pct", "num", m, "pct", base + at, ev)
            )
    return out


_HEADER_N = re.compile(r"\(\s*n\s*=\s*(?P<n>\d+)\s*\)")


def safety_sizes(
    index,
    lines: list[str],
    i: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> tuple[int, int, int, dict[str, tuple[Item, int]]] | None:
    """(line index, view start and end of the header row, cohort id -> (n item, view start
    of its cell)) of the cohort header above toxicity row ``i``: "R-PRRT (n = 181)" heads
    the columns counted over that cohort's safety population."""
    header = _grade_header(lines, i)
    if header is None or not column_cohorts(lines, header, cohorts, named):
        return None
    k = header - 1
    row_view = re.sub(r"\s+", " ", lines[k]).strip()
    at = index.view.find(row_view)
    if at < 0 or index.view_line(at) != k + 1:
        return None
    out: dict[str, tuple[Item, int]] = {}
    pos = 0
    for cell in _cells(lines[k])[1:]:
        cell_view = re.sub(r"\s+", " ", cell).strip()
        if not cell_view:
            continue
        pos = row_view.find(cell_view, pos)
        ids = _cohorts_named(cell, cohorts, named)
        m = _HEADER_N.search(cell_view)
        if len(ids) == 1 and m:
            item = Item.of_group(
                "cohort_size.n_safety",
                "count",
                m,
                "n",
                at + pos,
                f"{cell_view!r} heads a toxicity table's columns",
            )
            out[ids.pop()] = (item, at + pos)
        pos += len(cell_view)
    return k, at, at + len(row_view), out


# response categories a table prints as a column of their own (besides the protocol terms)
_COLUMN_CATEGORIES = (
    ("ne", re.compile(r"(?i)^\s*(?:NE|not evaluable|non-?evaluable)\s*$")),
    ("clinical_pd", re.compile(r"(?i)^\s*clinical (?:PD|progression)\s*$")),
)
_NUMBER_OF = re.compile(r"(?i)^\s*(?:number of patients|no\. of patients|patients|n)\s*$")
# a column of a landmark or follow-up response is not the best response
_LANDMARK = re.compile(r"(?i)\bat\s+\d+\s*(?:months?|weeks?|years?)\b|follow[- ]?up|\bafter\s+\d")


def _is_data_row(line: str) -> bool:
    return "\t" in line and any(_CELL.fullmatch(c.strip()) for c in _cells(line)[1:])


def _header_rows(lines: list[str], i: int) -> list[int]:
    """The header rows (tab rows without a data cell, at most two, top first) above the
    data rows and stub lines that lead up to row ``i``."""
    j = i - 1
    while j >= 0 and i - j <= 10 and (_is_data_row(lines[j]) or "\t" not in lines[j]):
        if not lines[j].strip():
            return []  # a blank line: the table began below it
        j -= 1
    out = []
    while j >= 0 and len(out) < 2 and "\t" in lines[j] and not _is_data_row(lines[j]):
        out.insert(0, j)
        j -= 1
    return out


def _column_heads(lines: list[str], rows: list[int]) -> list[tuple[str, str]]:
    """(upper, lower) header text of each column; an upper cell spans the empty cells after
    it (a lower row is needed for a span to mean anything)."""
    if not rows:
        return []
    lower = _cells(lines[rows[-1]])
    upper = _cells(lines[rows[0]]) if len(rows) == 2 else [""] * len(lower)
    width = max(len(lower), len(upper))
    out, span = [], ""
    for col in range(width):
        up = upper[col].strip() if col < len(upper) else ""
        low = lower[col].strip() if col < len(lower) else ""
        span = up or (span if low else "")
        out.append((span, low))
    return out


def _response_column(upper: str, lower: str) -> str | None:
    """The best-response statistic a column holds, or None."""
    if _LANDMARK.search(upper) or _LANDMARK.search(lower):
        return None
    head = lower or upper
    terms = find_terms(head)
    if (
        len(terms) == 1
        and terms[0].endpoint == "best_response"
        and len(head) <= 2 * len(terms[0].text) + 6
    ):
        return terms[0].stem
    for stat, pattern in _COLUMN_CATEGORIES:
        if pattern.match(head):
            return stat
    if _NUMBER_OF.match(head) and not lower or _NUMBER_OF.match(lower):
        return "n"
    return None


def cohort_row_items(
    index,
    lines: list[str],
    i: int,
    base: int,
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> tuple[str, list[Item]] | None:
    """(cohort id, items) of a response table row whose first cell names one cohort
    ("RR-PRRT 13 - 5 (38.5) 7 (53.8) ..."): each column whose header is a response category
    (CR, PR, SD, PD, NE, clinical PD) or the number of patients, never a landmark
    ("response at 3 months") column."""
    row = _cells(lines[i])
    ids = _cohorts_named(row[0], cohorts, named) if len(cohorts) > 1 else set()
    if len(ids) != 1 or find_terms(row[0]):
        return None
    heads = _column_heads(lines, _header_rows(lines, i))
    stats = [_response_column(up, low) if col else None for col, (up, low) in enumerate(heads)]
    # columns after a landmark block ("response at 3 months": PR, SD, PD, then NE) may be
    # its own: only the columns before the first landmark column are read
    landmark = [c for c, (up, low) in enumerate(heads) if _LANDMARK.search(f"{up} {low}")]
    if landmark:
        stats = [s if c < landmark[0] else None for c, s in enumerate(stats)]
    if sum(1 for s in stats if s not in (None, "n")) < 2 or len(row) > len(heads):
        return None  # not a response table: no two category columns
    if len({s for s in stats if s}) != len([s for s in stats if s]):
        return None  # a category in two columns (best and landmark?): which one?
    items: list[Item] = []
    for col, cell_view, at in _cells_in_line(lines[i], row):
        stat = stats[col] if col < len(stats) else None
        m = _CELL.fullmatch(cell_view)
        if stat is None or not m or (stat == "n" and m.group("pct")):
            continue
        ev = f"row {row[0].strip()!r}, column {' '.join(x for x in heads[col] if x)!r}"
        ref = "best_response.n|cohort_size.n_efficacy" if stat == "n" else f"best_response.{stat}"
        items.append(Item.of_group(ref, "count", m, "count", base + at, ev))
        if m.group("pct"):
            items.append(Item.of_group(f"best_response.{stat}_pct", "num", m, "pct", base + at, ev))
    return (ids.pop(), items) if items else None


# a group printed as a column beside the labelled cohorts: "Control group (n = 230)"
_GROUP_HEAD = re.compile(
    r"^(?P<label>[A-Z][\w-]*(?:\s+[\w-]+){0,2}?\s+(?:group|arm|cohort))\s*"
    r"\(\s*(?:<i>)?n(?:</i>)?\s*=\s*(?P<n>\d+)\s*\)$"
)


def table_groups(
    lines: list[str],
    sections: list[str],
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> list[dict]:
    """Cohorts a table prints beside the labelled ones: a header cell "<name> group (n = N)"
    in a row where two or more other cells name labelled cohorts (a comparison group the
    paper reports in the same columns).  Each is proposed once, in order of print."""
    out: list[dict] = []
    known = {c["label"].lower() for c in cohorts}
    for k, line in enumerate(lines):
        if sections[k] != "table" or "\t" not in line:
            continue
        cells = [c.strip() for c in _cells(line)[1:] if c.strip()]
        if len({cid for c in cells for cid in _cohorts_named(c, cohorts, named)}) < 2:
            continue
        for cell in cells:
            m = _GROUP_HEAD.match(cell)
            if not m or _cohorts_named(cell, cohorts, named):
                continue
            label = m.group("label")
            if label.lower() in known:
                continue
            known.add(label.lower())
            out.append(
                {
                    "label": label,
                    "why": f"a group printed with its size beside the labelled cohorts in a "
                    f"table header (line {k + 1}: {cell!r})",
                    "aliases": [label, label[:1].lower() + label[1:]],
                }
            )
    return out


_LOW_GRADE = re.compile(r"(?i)^\s*grade\s*(?:1|2|I|II)\s*$")
_TOXICITY_CAPTION = re.compile(r"(?i)toxicit|adverse|side effects?")


def low_grade_tables(lines: list[str], sections: list[str]) -> list[tuple[int, str, str]]:
    """(line index, endpoint, header) of each toxicity row of a table whose grade columns
    are grade 1 and 2 only (PROTOCOL: a zero implied by a table with no grade 3 column),
    under a caption that names toxicity or adverse events.  The row names one toxicity
    in one cell; its other cells are counts or dashes.  A table after the references
    counts too (its "Table N" caption is the evidence)."""
    out = []
    for j, line in enumerate(lines):
        # tables printed after the references (journal layout) are the paper's own: the
        # caption says so
        if sections[j] not in ("table", "references", "end") or "\t" not in line:
            continue
        cells = [c.strip() for c in _cells(line)]
        grades = [c for c in cells if re.search(r"(?i)grade", c)]
        if len(grades) < 2 or not all(_LOW_GRADE.match(g) for g in grades):
            continue
        if len(cells) - len(grades) != 1:
            continue  # one label column besides the grade columns
        caption = [
            lines[c] for c in range(max(0, j - 4), j) if _CAPTION.search(lines[c].lstrip("*"))
        ]
        if not caption or not _TOXICITY_CAPTION.search(caption[-1]):
            continue
        k = j + 1
        while k < len(lines) and "\t" in lines[k]:
            row = [c.strip() for c in _cells(lines[k])]
            named = [c for c in row if find_terms(c)]
            rest = [c for c in row if c not in named]
            terms = find_terms(named[0]) if len(named) == 1 else []
            if (
                len(row) == len(cells)
                and len(terms) == 1
                and terms[0].endpoint.startswith("tox_")
                and terms[0].endpoint != "tox_g3plus_pancytopenia"
                and all(re.fullmatch(r"\d+|[-–—]", c) for c in rest)
            ):
                out.append((k, terms[0].endpoint, " / ".join(grades)))
            k += 1
    return out


_GRADE_ROW = re.compile(
    r"^\s*(?P<grade>(?i:grade)\s*(?:[1-4]|I{1,3}V?|IV)(?:\s*(?:-|/|or)\s*(?:[1-4]|I{1,3}V?|IV))?)"
    rf"\s+(?P<count>\d+)(?:\s*\(\s*(?P<pct>{_NUM})\s*%?\s*\))?\s*$"
)


def stacked_tox_items(
    index: TextIndex, lines: list[str], sections: list[str], k: int
) -> tuple[list[Item], int, int] | None:
    """A table printed as stacked rows (a PDF's text layer): a line naming one toxicity and
    nothing else, then one line per grade ("Grade 3 1 (5)", "Grade 4 0"), under a "Table N"
    caption at most 60 lines above.  Items of the grade >= 3 lines, with the view span."""
    import bisect

    name = lines[k].strip()
    terms = find_terms(name)
    if (
        sections[k] in ("references", "end")
        or len(terms) != 1
        or not terms[0].endpoint.startswith("tox_")
        or re.search(r"\d", name)
        or len(name) > len(terms[0].text) + 12
        or not any(_CAPTION.match(lines[j]) for j in range(max(0, k - 60), k))
    ):
        return None
    t = terms[0]

    def view_at(raw: int) -> int:
        return bisect.bisect_left(index.offsets, raw)

    items: list[Item] = []
    j = k + 1
    while j < len(lines) and (m := _GRADE_ROW.match(lines[j])):
        stat = grade_statistic(m.group("grade"))
        if stat is not None:
            ev = f"row {t.text!r}, line {m.group('grade')!r}"
            for grp, ref, kind in (("count", stat, "count"), ("pct", f"{stat}_pct", "num")):
                if not m.group(grp):
                    continue
                vs = view_at(index.line_starts[j] + m.start(grp))
                ve = vs + len(m.group(grp))
                if index.view[vs:ve] != m.group(grp):
                    return None
                items.append(Item(f"{t.endpoint}.{ref}", kind, vs, ve, m.group(grp), ev))
        j += 1
    refs = [i.ref for i in items]
    if not items or len(set(refs)) != len(refs):
        return None
    start = view_at(index.line_starts[k] + lines[k].index(name))
    end = view_at(index.line_starts[j - 1] + len(lines[j - 1].rstrip()))
    return items, start, end
