"""Consistency checks: impossible values are errors, contradictions are discrepancies.

Errors (the run stops, naming the spec entry and line): a count that is negative or not a
whole number, a count above its n, a median outside its own confidence interval; a count or
median of a protocol endpoint with no n (printed or derivable), an n of 0, a median of 0, CI
bounds in the wrong order, of zero width or only one of them captured; a percentage above
100; a printed percentage more than one
patient beyond rounding from its count and n, unless a spec ``discrepancies:`` entry for that
cohort (or the whole paper) and endpoint acknowledges it (PROTOCOL Amendment 1).
Discrepancies (kept, written to the table):

* ``response_sum``: CR+PR+SD+PD(+NE, clinical PD, died) differs from the evaluable n;
* ``percent_mismatch``: count / n does not round to the printed percentage at its printed
  precision (any rounding rule: the difference must be within half a unit of the last digit);
* ``<section>_vs_<section>``: a value printed differently in two places (abstract, results,
  table ...); the results text is primary, the other is kept as ``alternative``;
* ``reported_vs_derived``: a printed ORR/DCR count differs from CR+PR(+SD);
* ``grade_parts_vs_total``: a stated grade 3-4 total differs from grade 3 + grade 4.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

from ..errors import InputError
from ..protocol import MEDIAN_ENDPOINTS, POPULATION, PROTOCOL_ENDPOINTS, RESPONSE_CATEGORIES
from .numbers import decimals
from .spec import NoteEntry
from .values import Discrepancy, Value, ValueTable, derived, fmt

NOT_COUNTS = {"n", "median", "ci_low", "ci_high", "range_low", "range_high"}


def _is_count(v: Value) -> bool:
    return v.statistic not in NOT_COUNTS and not v.statistic.endswith("_pct")


def _where(spec_path: str, v: Value, source: str) -> str:
    return f"{spec_path} {v.spec_entry} ({source}:{v.line})"


def check_impossible(table: ValueTable, spec_path: str, source: str) -> None:
    everything = [*table.primary.values(), *(a for al in table.alternatives.values() for a in al)]
    for v in everything:
        counted = (_is_count(v) or v.statistic == "n") and not math.isnan(v.value)
        if counted and (v.value < 0 or v.value != int(v.value)):
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {v.shown} is not a whole number of patients",
                "a count must be a non-negative integer: check the placeholder's type",
            )
    for v in everything:
        if v.statistic.endswith("_pct") and not v.is_missing and v.value > 100:
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {v.shown}% is above 100%: probably a misreading",
                "check the anchor's placeholders (a percentage of patients is 0-100)",
            )
    for v in everything:
        if v.endpoint == "cohort_size" or not _is_count(v) or v.is_missing:
            continue
        n = table.get(v.cohort, f"{v.endpoint}.n")
        if n is not None and v.value > n.value:
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {fmt(v.value)} exceeds n = {fmt(n.value)} "
                f"(n from {n.spec_entry}, line {n.line})",
                "a count cannot exceed its population: check both anchors",
            )
    for cohort in {c for (c, _e, _s) in table.primary}:
        for endpoint, (low, high, what) in (
            (e, pair)
            for e in (*MEDIAN_ENDPOINTS, "followup_median")
            for pair in (("ci_low", "ci_high", "CI"), ("range_low", "range_high", "range"))
        ):
            med = table.get(cohort, f"{endpoint}.median")
            if med is None or med.is_missing:
                continue
            lo, hi = (
                table.get(cohort, f"{endpoint}.{low}"),
                table.get(cohort, f"{endpoint}.{high}"),
            )
            if lo is not None and not lo.is_missing and lo.value > med.value:
                raise InputError(
                    _where(spec_path, lo, source),
                    f"{cohort} {endpoint}: {what} lower bound {lo.shown} is above "
                    f"the median {med.shown}",
                    "check the anchor's placeholders",
                )
            if hi is not None and not hi.is_missing and hi.value < med.value:
                raise InputError(
                    _where(spec_path, hi, source),
                    f"{cohort} {endpoint}: {what} upper bound {hi.shown} is below "
                    f"the median {med.shown}",
                    "check the anchor's placeholders",
                )


def _disc(
    table: ValueTable,
    cohort: str,
    endpoint: str,
    kind: str,
    detail: str,
    values: str,
    parts: list[Value],
) -> None:
    quotes, lines = [], []
    for p in parts:
        for q, ln in zip(p.quote.split(" | "), p.quote_lines.split(";"), strict=False):
            if q not in quotes:
                quotes.append(q)
                lines.append(ln)
    table.note(Discrepancy(cohort, endpoint, kind, detail, values, tuple(quotes), tuple(lines)))


def check_response_sum(table: ValueTable, cohort: str) -> None:
    n = table.get(cohort, "best_response.n")
    cats = [table.get(cohort, f"best_response.{c}") for c in RESPONSE_CATEGORIES]
    cats = [c for c in cats if c is not None]
    if n is None or len(cats) < 2:
        return
    total = sum(c.value for c in cats)
    if total != n.value:
        terms = " + ".join(f"{c.statistic.upper()} {fmt(c.value)}" for c in cats)
        _disc(
            table,
            cohort,
            "best_response",
            "response_sum",
            f"response categories add up to {fmt(total)}, not the evaluable n = {fmt(n.value)}",
            f"{terms} = {fmt(total)}; n = {fmt(n.value)}",
            cats + [n],
        )


def percent_consistent(count: float, n: float, pct: float, printed: str) -> bool:
    if n <= 0:
        return False
    exact = 100.0 * count / n
    return abs(exact - pct) <= 0.5 * 10 ** (-decimals(printed)) + 1e-9


def patients_off(count: float, n: float, pct: float, printed: str) -> float:
    """How many patients ``count`` lies outside the counts the printed percentage of ``n``
    allows (0 when it rounds to the printed value)."""
    half = 0.5 * 10 ** (-decimals(printed))
    low, high = (pct - half) * n / 100.0, (pct + half) * n / 100.0
    return max(low - count, count - high, 0.0)


def _acknowledged(known: Sequence[NoteEntry], cohort: str, endpoint: str) -> bool:
    """A spec ``discrepancies:`` entry of kind ``percent_mismatch`` for this endpoint and
    cohort (or the whole paper)."""
    return any(
        k.kind == "percent_mismatch" and k.endpoint == endpoint and k.cohort in ("", cohort)
        for k in known
    )


def check_percentages(
    table: ValueTable,
    spec_path: str = "",
    source: str = "",
    known: Sequence[NoteEntry] = (),
) -> None:
    """Every printed percentage against the n its count finally uses (printed or derived).
    Beyond rounding by more than one patient the run stops (PROTOCOL Amendment 1: far more
    often a misreading than a printing error) unless the spec acknowledges it."""
    for v in list(table.primary.values()) + [a for al in table.alternatives.values() for a in al]:
        if not v.statistic.endswith("_pct") or v.is_missing:
            continue
        count = table.get(v.cohort, f"{v.endpoint}.{v.statistic[:-4]}")
        n = table.get(v.cohort, f"{v.endpoint}.n")
        if count is None or n is None or count.is_missing or n.is_missing or n.value <= 0:
            continue
        if not percent_consistent(count.value, n.value, v.value, v.value_text):
            exact = 100.0 * count.value / n.value
            off = patients_off(count.value, n.value, v.value, v.value_text)
            if off > 1 + 1e-9 and not _acknowledged(known, v.cohort, v.endpoint):
                raise InputError(
                    _where(spec_path, v, source),
                    f"{v.cohort} {v.ref} = {v.shown}% but {count.ref} = "
                    f"{fmt(count.value)} of n = {fmt(n.value)} is {exact:.1f}%, {off:.1f} "
                    f"patients beyond rounding (count from {count.spec_entry}, n from "
                    f"{n.spec_entry}): probably a misreading",
                    "check these anchors; if the paper really prints this, add a `discrepancies:`"
                    " entry (kind percent_mismatch, this cohort and endpoint) quoting it",
                )
            _disc(
                table,
                v.cohort,
                v.endpoint,
                "percent_mismatch",
                f"{v.statistic[:-4]} {fmt(count.value)} / n {fmt(n.value)} = {exact:.2f}% does "
                f"not round to the printed {v.shown}%",
                f"{fmt(count.value)}/{fmt(n.value)}; printed {v.shown}%",
                [v, count, n],
            )


def check_cohort_values(table: ValueTable, spec_path: str, source: str) -> None:
    """Spec mistakes that would otherwise reach pooling (issue 18): every count and every
    median of a protocol endpoint has an n > 0; a median is > 0; CI bounds are ordered."""
    for v in sorted(table.primary.values(), key=lambda v: v.key):
        if v.endpoint not in PROTOCOL_ENDPOINTS or v.is_missing:
            continue
        if v.statistic == "n" and v.value <= 0:
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {fmt(v.value)}: a population must have patients",
                "check the anchor's placeholder",
            )
        needs_n = v.statistic in ("events", "median")
        n = table.get(v.cohort, f"{v.endpoint}.n")
        if needs_n and (n is None or n.is_missing):
            pop = POPULATION[v.endpoint]
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {v.shown} has no n: neither "
                f"{v.endpoint}.n nor cohort_size.n_{pop} is captured for {v.cohort}",
                f"capture {v.endpoint}.n or cohort_size.n_{pop} (the {pop} population)",
            )
        if v.statistic == "median" and v.value <= 0:
            raise InputError(
                _where(spec_path, v, source),
                f"{v.cohort} {v.ref} = {v.shown}: a median survival must be above 0",
                "check the anchor's placeholder",
            )
    for cohort in sorted({c for (c, _e, _s) in table.primary}):
        for endpoint in MEDIAN_ENDPOINTS:
            lo = table.get(cohort, f"{endpoint}.ci_low")
            hi = table.get(cohort, f"{endpoint}.ci_high")
            if lo and hi and not lo.is_missing and not hi.is_missing and lo.value == hi.value:
                raise InputError(
                    _where(spec_path, hi, source),
                    f"{cohort} {endpoint}: the CI {lo.shown}-{hi.shown} has zero "
                    "width, which no standard error fits",
                    "check the anchor's placeholders; if the paper really prints it, capture "
                    "neither bound",
                )
            if lo and hi and not lo.is_missing and not hi.is_missing and lo.value > hi.value:
                raise InputError(
                    _where(spec_path, hi, source),
                    f"{cohort} {endpoint}: CI lower bound {lo.shown} is above the upper "
                    f"bound {hi.shown}",
                    "check the anchor's placeholders (lower bound first)",
                )
            if (lo is None) != (hi is None):
                one = lo or hi
                raise InputError(
                    _where(spec_path, one, source),
                    f"{cohort} {endpoint}: only the CI {one.statistic} is captured",
                    "capture both bounds (NE for a bound not estimable) or neither",
                )


def check_alternatives(table: ValueTable) -> None:
    for key, alts in sorted(table.alternatives.items()):
        primary = table.primary.get(key)
        if primary is None:
            continue
        for alt in alts:
            same = (
                math.isnan(alt.value) and math.isnan(primary.value)
            ) or alt.value == primary.value
            if same:
                continue
            table.set_alternative(key, alt.value_text or fmt(alt.value))
            if alt.status == "derived":
                kind = (
                    "reported_vs_derived" if primary.status == "reported" else "derived_vs_derived"
                )
                if primary.endpoint.startswith("tox_"):
                    kind = "grade_parts_vs_total"
            else:
                kind = f"{alt.section}_vs_{primary.section}"
            _disc(
                table,
                primary.cohort,
                primary.endpoint,
                kind,
                f"{primary.ref}: {primary.section} says {primary.value_text or fmt(primary.value)}"
                f", {alt.section if alt.status != 'derived' else 'derived ' + alt.derived_from}"
                f" gives {alt.value_text or fmt(alt.value)}",
                f"primary {fmt(primary.value)}; alternative {fmt(alt.value)}",
                [primary, alt],
            )


def check_grade_parts(table: ValueTable) -> None:
    """A printed grade 3-4 total (``events``) against its printed grade 3 and grade 4 parts."""
    for v in list(table.primary.values()):
        if not (
            v.endpoint.startswith("tox_") and v.statistic == "events" and v.status == "reported"
        ):
            continue
        parts = [table.get(v.cohort, f"{v.endpoint}.{s}") for s in ("g3", "g4")]
        if not all(parts):
            continue
        alt = derived(v.cohort, v.endpoint, "events", sum(p.value for p in parts), parts)
        table.alternatives.setdefault(v.key, []).append(alt)


def run_checks(
    table: ValueTable, spec_path: str, source: str, known: Sequence[NoteEntry] = ()
) -> None:
    """``known``: the spec's ``discrepancies:`` entries (an acknowledged percentage mismatch
    does not stop the run)."""
    check_impossible(table, spec_path, source)
    check_cohort_values(table, spec_path, source)
    check_grade_parts(table)
    for cohort in sorted({c for (c, _e, _s) in table.primary}):
        check_response_sum(table, cohort)
    check_percentages(table, spec_path, source, known)
    check_alternatives(table)
