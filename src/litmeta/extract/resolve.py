"""Resolve a spec's anchors against a paper: every captured value with its quote and line."""

from __future__ import annotations

import re
from dataclasses import replace

from ..errors import InputError
from ..protocol import MEDIAN_ENDPOINTS
from ..textindex import TextIndex
from .anchor import AnchorError, match_once
from .spec import NOT_EXTRACTABLE_REASONS, Spec
from .units import MONTHS_PER, printed_unit
from .values import Discrepancy, Value, ValueTable, fmt

NOT_EXTRACTABLE = "not_extractable"  # discrepancy kind of a spec `not_extractable` entry


def _fail(spec: Spec, where: str, anchor: str, reason: str, fix: str) -> InputError:
    short = anchor if len(anchor) <= 120 else anchor[:117] + "..."
    return InputError(f"{spec.path} {where}", f"{reason}\n  anchor: {short!r}", fix)


# a placeholder glued to a letter, digit or sign ("Ninety-{x}", "1{x}", "{x}5")
_GLUED = re.compile(r"[\w.,-]\{(?!_)[^{}]*\}|\{(?!_)[^{}]*\}\w")


def _fix(exc: AnchorError, source: str, anchor: str = "") -> str:
    if "matches" in str(exc):
        return "lengthen the anchor with the words around it so that it matches exactly once"
    if "cannot read the printed token" in str(exc):
        return (
            "give the placeholder a type that reads that token ({endpoint.statistic:type}), "
            "or leave the value out (not_extractable) if no type reads it"
        )
    if _GLUED.search(anchor):
        return (
            "a placeholder captures a whole token only, never part of a word or number: "
            "put the whole number in the placeholder"
        )
    return f"the paper changed or the anchor is wrong: copy the passage from {source} again"


def _where_in(message: str, source: str) -> str:
    """The anchor error with the paper named where it belongs."""
    if message.startswith("anchor's words found (line"):
        return message.replace("found (line", f"found in {source} (line", 1)
    return f"{message} in {source}"


def resolve_values(spec: Spec, index: TextIndex, source: str) -> ValueTable:
    table = ValueTable(spec.paper_id)
    for entry in spec.values:
        try:
            m = match_once(index, entry.anchor)
        except AnchorError as exc:
            raise _fail(
                spec,
                entry.where,
                entry.anchor,
                _where_in(str(exc), source),
                _fix(exc, source, entry.anchor),
            ) from None
        lines = f"{m.first_line}-{m.last_line}"
        units = {ref: printed_unit(cap.after) for cap in m.captures for ref in cap.field.refs}
        for cap in m.captures:
            for ref in cap.field.refs:
                endpoint, statistic = ref.split(".", 1)
                status = "implied" if cap.parsed.implied else "reported"
                v = Value(
                    entry.cohort,
                    endpoint,
                    statistic,
                    cap.parsed.value,
                    cap.parsed.text,
                    status,
                    entry.section,
                    cap.line,
                    m.quote,
                    lines,
                    entry.where,
                )
                want = entry.expect.get(ref)
                if (
                    want is not None
                    and fmt(v.value) != fmt(float(want))
                    and str(want) != v.value_text
                ):
                    raise _fail(
                        spec,
                        entry.where,
                        entry.anchor,
                        f"self-check failed: expect says {ref} = {want}, the paper "
                        f"says {v.value_text} (line {v.line})",
                        "check the paper; update `expect` only if the paper is right",
                    )
                unit = units[ref] or units.get(f"{endpoint}.median") or "month"
                _store(spec, table, entry.role, in_months(table, v, unit))
        for ref in entry.implied_zero:
            endpoint, statistic = ref.split(".", 1)
            v = Value(
                entry.cohort,
                endpoint,
                statistic,
                0.0,
                "",
                "implied",
                entry.section,
                m.first_line,
                m.quote,
                lines,
                entry.where,
            )
            _store(spec, table, entry.role, v)
            table.note(
                Discrepancy(
                    entry.cohort,
                    endpoint,
                    "judgement_implied_zero",
                    f"{ref} = 0 implied: {entry.note or 'no count printed'}",
                    "0",
                    (m.quote,),
                    (lines,),
                )
            )
    for u in spec.not_extractable:
        try:
            m = match_once(index, u.anchor)
        except AnchorError as exc:
            raise _fail(spec, u.where, u.anchor, f"{exc} in {source}", _fix(exc, source)) from None
        table.note(
            Discrepancy(
                u.cohort,
                u.endpoint,
                NOT_EXTRACTABLE,
                f"reported, not extractable: {NOT_EXTRACTABLE_REASONS[u.reason]}"
                + (f" ({u.note})" if u.note else ""),
                u.reason,
                (m.quote,),
                (f"{m.first_line}-{m.last_line}",),
            )
        )
    for note in spec.notes:
        quotes, lines = [], []
        for anchor in note.anchors:
            try:
                m = match_once(index, anchor)
            except AnchorError as exc:
                raise _fail(
                    spec,
                    note.where,
                    anchor,
                    _where_in(str(exc), source),
                    _fix(exc, source),
                ) from None
            quotes.append(m.quote)
            lines.append(f"{m.first_line}-{m.last_line}")
        table.note(
            Discrepancy(
                note.cohort, note.endpoint, note.kind, note.detail, "", tuple(quotes), tuple(lines)
            )
        )
    return table


def in_months(table: ValueTable, v: Value, unit: str) -> Value:
    """A median or CI bound printed in weeks, days or years (``unit``), converted to months
    (the unit the protocol pools), with a judgement row giving the printed value and unit
    (litmeta.extract.units)."""
    if v.endpoint not in MEDIAN_ENDPOINTS or v.statistic == "n" or v.is_missing:
        return v
    if unit == "month":
        return v
    months = round(v.value * MONTHS_PER[unit], 2)
    how = f"{v.ref} printed as {v.value_text} {unit}s"
    table.note(
        Discrepancy(
            v.cohort,
            v.endpoint,
            "judgement_derived",
            f"{how}: {fmt(months)} months (a month is 365.25/12 days)",
            fmt(months),
            (v.quote,),
            (v.quote_lines,),
        )
    )
    return replace(v, value=months, value_text="", status="derived", derived_from=how)


def _store(spec: Spec, table: ValueTable, role: str, v: Value) -> None:
    if role == "alternative":
        table.alternatives.setdefault(v.key, []).append(v)
        return
    if v.key in table.primary:
        first = table.primary[v.key]
        raise InputError(
            f"{spec.path} {v.spec_entry}",
            f"{v.cohort} {v.ref} is already captured by {first.spec_entry}",
            "mark one of the two entries `role: alternative`",
        )
    table.put(v)
