"""The extracted values of one paper, keyed by (cohort, endpoint, statistic)."""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace


@dataclass(frozen=True)
class Value:
    cohort: str
    endpoint: str
    statistic: str
    value: float
    value_text: str
    status: str  # reported | derived | implied
    section: str
    line: int
    quote: str
    quote_lines: str  # "first-last" of the quote in the normalised text
    spec_entry: str
    derived_from: str = ""
    alternative: str = ""

    @property
    def key(self) -> tuple[str, str, str]:
        return (self.cohort, self.endpoint, self.statistic)

    @property
    def ref(self) -> str:
        return f"{self.endpoint}.{self.statistic}"

    @property
    def shown(self) -> str:
        """The value as printed, or as computed when it was derived."""
        return self.value_text or fmt(self.value)

    @property
    def is_missing(self) -> bool:
        return isinstance(self.value, float) and math.isnan(self.value)


@dataclass(frozen=True)
class Discrepancy:
    cohort: str
    endpoint: str
    kind: str
    detail: str
    values: str = ""
    quotes: tuple[str, ...] = ()
    lines: tuple[str, ...] = ()


@dataclass
class ValueTable:
    paper_id: str
    primary: dict[tuple[str, str, str], Value] = field(default_factory=dict)
    alternatives: dict[tuple[str, str, str], list[Value]] = field(default_factory=dict)
    discrepancies: list[Discrepancy] = field(default_factory=list)

    def get(self, cohort: str, ref: str) -> Value | None:
        endpoint, statistic = ref.split(".", 1)
        return self.primary.get((cohort, endpoint, statistic))

    def num(self, cohort: str, ref: str) -> float | None:
        v = self.get(cohort, ref)
        return None if v is None else v.value

    def put(self, value: Value) -> None:
        self.primary[value.key] = value

    def set_alternative(self, key: tuple[str, str, str], text: str) -> None:
        v = self.primary[key]
        alts = [a for a in v.alternative.split(";") if a] + [text]
        self.primary[key] = replace(v, alternative=";".join(dict.fromkeys(alts)))

    def note(self, d: Discrepancy) -> None:
        self.discrepancies.append(d)

    def endpoints_of(self, cohort: str) -> set[str]:
        return {e for (c, e, _s) in self.primary if c == cohort}


def fmt(x: float) -> str:
    if isinstance(x, float) and math.isnan(x):
        return "NA"
    return str(int(x)) if float(x).is_integer() else f"{x:g}"


def derived(
    cohort: str,
    endpoint: str,
    statistic: str,
    value: float,
    parts: list[Value],
    status: str = "derived",
    how: str = "",
) -> Value:
    """A value computed from ``parts``; it cites every part's quote and line."""
    cited: dict[str, str] = {}  # quote -> its lines: each passage once, in order
    for p in parts:
        for quote, lines in zip(p.quote.split(" | "), p.quote_lines.split(";"), strict=True):
            cited.setdefault(quote, lines)
    first = min(parts, key=lambda p: p.line)
    return Value(
        cohort,
        endpoint,
        statistic,
        float(value),
        "",
        status,
        first.section,
        first.line,
        " | ".join(cited),
        ";".join(cited.values()),
        ";".join(dict.fromkeys(p.spec_entry for p in parts)),
        derived_from=how or "+".join(p.ref for p in parts),
    )
