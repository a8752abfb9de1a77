"""Every CSV table of the pipeline is read and written here: :func:`read_rows` and
:func:`write_csv` (atomic, stable cell text), :func:`num` parses a numeric cell, and
:class:`Tables` holds the result tables the plots, the report and the certainty stage read,
sliced per endpoint and setting.  The paper sheet (config/papers.tsv, strict TSV with errors
naming the line) has its one reader in :func:`litmeta.sheet.read_sheet`.

Everything is read with the csv module (no pandas start-up per job); a cell is text until
:func:`num` parses it, and an empty cell is ``None`` (or the ``empty`` value asked for).
"""

from __future__ import annotations

import csv
import io
import os
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from .atomic import write_text
from .protocol import SETTINGS

Row = dict[str, str]


def read_rows(path: str | Path) -> list[Row]:
    """A CSV file's rows as dicts of text, keyed by its header (a text cell escaped against
    spreadsheet formulas, :func:`formula_safe`, read back as it was)."""
    with open(path, newline="", encoding="utf-8") as fh:
        return [{k: unescape_cell(v) for k, v in row.items()} for row in csv.DictReader(fh)]


# OWASP "CSV injection": a spreadsheet runs a cell that starts with one of these as a formula
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def formula_safe(text: str) -> str:
    """A text cell a spreadsheet will not run: one starting with ``= + - @``, a tab or a
    carriage return gets a leading ``'`` (OWASP's advice; spreadsheets show the rest as
    text). Numbers (``-0.5``) and a lone sign (``-``, a table's "none") are left alone; a
    cell that already starts with ``'``s and then one of these gets one ``'`` more, so that
    :func:`unescape_cell` gives every cell back exactly."""
    body = text.lstrip("'")
    if len(body) < 2 or not body.startswith(FORMULA_START) or _is_number(body):
        return text
    return "'" + text


def unescape_cell(text: str | None) -> str | None:
    """The cell :func:`formula_safe` was given."""
    if text and text.startswith("'") and formula_safe(text[1:]) == text:
        return text[1:]
    return text


def _is_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return True


def num(text: str | None, empty: float | None = None) -> float | None:
    """A numeric CSV cell as a float; an empty (or missing) cell is ``empty`` (None, or
    e.g. ``math.nan`` for arithmetic)."""
    if text is None or text == "":
        return empty
    return float(text)


#: first characters after which a text cell may need :func:`formula_safe`'s quote
_MAYBE_FORMULA = frozenset("".join(FORMULA_START) + "'")


def format_cell(value: object) -> str:
    """Stable text for a CSV cell: no float noise, booleans lower-case, None empty."""
    if type(value) is str and (not value or value[0] not in _MAYBE_FORMULA):
        return value  # most cells: what formula_safe returns unchanged, without its checks
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        if value != value:  # NaN
            return ""
        if value == int(value) and abs(value) < 1e15:
            return str(int(value))
        return f"{value:.10g}"
    if isinstance(value, str):
        return formula_safe(value)
    return str(value)


def csv_text(columns: Sequence[str], rows: Iterable[dict[str, object]]) -> str:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([format_cell(row.get(c)) for c in columns])
    return buf.getvalue()


def write_csv(path: str | os.PathLike[str], columns: Sequence[str], rows: Iterable[dict]) -> None:
    write_text(path, csv_text(columns, rows))


@dataclass
class Tables:
    """results/analysis_table.csv, pooled.csv, subgroup_tests.csv, weights.csv,
    leave_one_out.csv and characteristics.csv."""

    analysis: list[Row]
    pooled: list[Row]
    subgroups: list[Row] = field(default_factory=list)
    weights: list[Row] = field(default_factory=list)
    loo: list[Row] = field(default_factory=list)
    characteristics: list[Row] = field(default_factory=list)
    #: (table, columns) -> (the table's list, its length, rows by those columns' values)
    _indexes: dict = field(default_factory=dict, init=False, repr=False, compare=False)

    @classmethod
    def read(
        cls,
        analysis_table: str | Path,
        pooled: str | Path,
        subgroups: str | Path | None = None,
        weights: str | Path | None = None,
        loo: str | Path | None = None,
        characteristics: str | Path | None = None,
    ) -> Tables:
        """Read the tables; the optional ones are empty when not given."""

        def maybe(path: str | Path | None) -> list[Row]:
            return read_rows(path) if path is not None else []

        return cls(
            read_rows(analysis_table),
            read_rows(pooled),
            maybe(subgroups),
            maybe(weights),
            maybe(loo),
            maybe(characteristics),
        )

    @classmethod
    def read_dir(cls, results: str | Path) -> Tables:
        d = Path(results)
        return cls.read(
            d / "analysis_table.csv",
            d / "pooled.csv",
            d / "subgroup_tests.csv",
            d / "weights.csv",
            d / "leave_one_out.csv",
            d / "characteristics.csv" if (d / "characteristics.csv").is_file() else None,
        )

    def characteristic(self, cohort_id: str, item: str) -> Row | None:
        """The results/characteristics.csv row of a cohort's item (None: not read)."""
        return self._first("characteristics", ("cohort_id", "item"), (cohort_id, item))

    def endpoints(self) -> list[str]:
        """Endpoints of the analysis table, in the table's order."""
        return list(dict.fromkeys(r["endpoint"] for r in self.analysis))

    def settings(self, endpoint: str) -> list[str]:
        """Settings with at least one cohort for ``endpoint`` (cohort setting), in order."""
        present = {r["setting"] for r in self._rows("analysis", ("endpoint",), (endpoint,))}
        return [s for s in SETTINGS if s in present] + sorted(present - set(SETTINGS))

    def plot_settings(self, endpoint: str) -> list[str]:
        """Both protocol settings always (a plot says when one has no cohort), then others."""
        return [*SETTINGS, *(s for s in self.settings(endpoint) if s not in SETTINGS)]

    def cohorts(self, endpoint: str, setting: str) -> list[Row]:
        return self._rows("analysis", ("endpoint", "setting"), (endpoint, setting))

    def pooled_row(self, analysis: str, endpoint: str, setting: str) -> Row | None:
        return self._first(
            "pooled", ("analysis", "endpoint", "setting"), (analysis, endpoint, setting)
        )

    def pooled_rows(self, endpoint: str, setting: str | None = None) -> list[Row]:
        if setting is None:
            return self._rows("pooled", ("endpoint",), (endpoint,))
        return self._rows("pooled", ("endpoint", "setting"), (endpoint, setting))

    def weight(self, endpoint: str, setting: str, cohort_id: str) -> float | None:
        r = self._first(
            "weights", ("endpoint", "setting", "cohort_id"), (endpoint, setting, cohort_id)
        )
        return num(r["weight"]) if r is not None else None

    def subgroup(self, analysis: str, endpoint: str) -> Row | None:
        return self._first("subgroups", ("analysis", "endpoint"), (analysis, endpoint))

    def loo_rows(self, endpoint: str, setting: str | None = None) -> list[Row]:
        if setting is None:
            return self._rows("loo", ("endpoint",), (endpoint,))
        return self._rows("loo", ("endpoint", "setting"), (endpoint, setting))

    def _rows(self, table: str, columns: tuple[str, ...], values: tuple[str, ...]) -> list[Row]:
        """The rows of ``table`` whose ``columns`` hold ``values``, in the table's order (a
        new list). Looked up in an index of the table by those columns, built on first use
        and again whenever the table is another list or has another length (a row appended):
        a scan per lookup made the certainty and summary jobs quadratic in the cohorts (a
        500-paper review: 43 million comparisons, 5.5 s of CPU)."""
        return list(self._index(table, columns).get(values, ()))

    def _first(self, table: str, columns: tuple[str, ...], values: tuple[str, ...]) -> Row | None:
        """The first row of ``table`` whose ``columns`` hold ``values`` (see :meth:`_rows`)."""
        found = self._index(table, columns).get(values)
        return found[0] if found else None

    def _index(self, table: str, columns: tuple[str, ...]) -> dict[tuple, list[Row]]:
        rows = getattr(self, table)
        known = self._indexes.get((table, columns))
        if known is None or known[0] is not rows or known[1] != len(rows):
            index: dict[tuple, list[Row]] = {}
            for r in rows:
                index.setdefault(tuple(r[c] for c in columns), []).append(r)
            known = self._indexes[(table, columns)] = (rows, len(rows), index)
        return known[2]
