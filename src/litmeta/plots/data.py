"""The result tables the plots and the report read, sliced per endpoint and setting.

Everything is read with the csv module (no pandas start-up per job); numbers are parsed
on access, an empty cell is ``None``.
"""

from __future__ import annotations

import csv
from dataclasses import dataclass, field
from pathlib import Path

from ..extract.vocabulary import SETTINGS
from ..harmonise import REASON_K1, REASON_NO_CI, REASON_NOT_POOLED, REASON_NR

Row = dict[str, str]


def read_rows(path: str | Path) -> list[Row]:
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def num(text: str | None) -> float | None:
    """A CSV cell as a float; empty (or missing) is None."""
    if text is None or text == "":
        return None
    return float(text)


@dataclass
class Tables:
    """results/analysis_table.csv, pooled.csv, subgroup_tests.csv, weights.csv and
    leave_one_out.csv."""

    analysis: list[Row]
    pooled: list[Row]
    subgroups: list[Row] = field(default_factory=list)
    weights: list[Row] = field(default_factory=list)
    loo: list[Row] = field(default_factory=list)

    @classmethod
    def read(
        cls,
        analysis_table: str | Path,
        pooled: str | Path,
        subgroups: str | Path | None = None,
        weights: str | Path | None = None,
        loo: str | Path | None = None,
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
        )

    def endpoints(self) -> list[str]:
        """Endpoints of the analysis table, in the table's order."""
        return list(dict.fromkeys(r["endpoint"] for r in self.analysis))

    def settings(self, endpoint: str) -> list[str]:
        """Settings with at least one cohort for ``endpoint`` (cohort setting), in order."""
        present = {r["setting"] for r in self.analysis if r["endpoint"] == endpoint}
        return [s for s in SETTINGS if s in present] + sorted(present - set(SETTINGS))

    def plot_settings(self, endpoint: str) -> list[str]:
        """Both protocol settings always (a plot says when one has no cohort), then others."""
        return [*SETTINGS, *(s for s in self.settings(endpoint) if s not in SETTINGS)]

    def cohorts(self, endpoint: str, setting: str) -> list[Row]:
        return [r for r in self.analysis if r["endpoint"] == endpoint and r["setting"] == setting]

    def pooled_row(self, analysis: str, endpoint: str, setting: str) -> Row | None:
        for r in self.pooled:
            if (r["analysis"], r["endpoint"], r["setting"]) == (analysis, endpoint, setting):
                return r
        return None

    def pooled_rows(self, endpoint: str, setting: str | None = None) -> list[Row]:
        return [
            r
            for r in self.pooled
            if r["endpoint"] == endpoint and (setting is None or r["setting"] == setting)
        ]

    def weight(self, endpoint: str, setting: str, cohort_id: str) -> float | None:
        for r in self.weights:
            if (r["endpoint"], r["setting"], r["cohort_id"]) == (endpoint, setting, cohort_id):
                return num(r["weight"])
        return None

    def subgroup(self, analysis: str, endpoint: str) -> Row | None:
        for r in self.subgroups:
            if (r["analysis"], r["endpoint"]) == (analysis, endpoint):
                return r
        return None

    def loo_rows(self, endpoint: str, setting: str | None = None) -> list[Row]:
        return [
            r
            for r in self.loo
            if r["endpoint"] == endpoint and (setting is None or r["setting"] == setting)
        ]


def is_included(row: Row) -> bool:
    return row.get("included", "") == "true"


def k_poolable(rows: list[Row]) -> int:
    """Cohorts of a setting that the primary analysis could pool: included ones plus the
    single cohort left alone when k = 1."""
    return sum(1 for r in rows if is_included(r) or r.get("reason") == REASON_K1)


def short_reason(reason: str) -> str:
    """A few words for the plot's note column; the full reason goes in the footnotes."""
    if not reason:
        return ""
    if reason == REASON_NR:
        return "median NR"
    if reason == REASON_NO_CI:
        return "no 95% CI"
    if reason == REASON_K1:
        return "k = 1"
    prefix = REASON_NOT_POOLED.format("")
    if reason.startswith(prefix):
        rest = reason[len(prefix) :]
        if "selection" in rest or "selected" in rest:
            return "selected population"
        if "overlap" in rest:
            return "overlapping patients"
        if "too small" in rest or "n = " in rest:
            return "too small"
        return rest.split("(")[0].split(":")[0].strip()[:30]
    return reason.split(":")[0][:30]


def is_selected_population(reason: str) -> bool:
    prefix = REASON_NOT_POOLED.format("")
    return reason.startswith(prefix) and short_reason(reason) == "selected population"


def clopper_pearson(events: float, n: float, level: float = 0.95) -> tuple[float, float]:
    """Exact (Clopper-Pearson) confidence interval of a proportion, as R meta::metaprop
    shows for each study: the beta quantiles ``B(alpha/2; x, n - x + 1)`` and
    ``B(1 - alpha/2; x + 1, n - x)`` (R ``binom.test(x, n)$conf.int``)."""
    from scipy.special import betaincinv

    x, m = int(round(events)), int(round(n))
    alpha = (1.0 - level) / 2.0
    lower = 0.0 if x == 0 else float(betaincinv(x, m - x + 1, alpha))
    upper = 1.0 if x == m else float(betaincinv(x + 1, m - x, 1.0 - alpha))
    return lower, upper
