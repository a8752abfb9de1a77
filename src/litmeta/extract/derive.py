"""Derivations the protocol prescribes, each written to the discrepancies table.

Applied in this order, never overwriting a value the paper prints:

1. spec ``derive`` entries (sums a reader decided on, e.g. two hepatic components);
2. a statistic's population ``n`` from ``cohort_size`` (efficacy or safety) when not printed
   (again after 4.-8. for the endpoints these add);
3. a count printed only as a percentage, with the n it finally uses (printed or from 2.):
   derived when exactly one whole number fits the printed precision (PROTOCOL Amendment 1),
   otherwise a ``judgement_not_derived`` row saying why (ORR and DCR only after 8., so
   that printed response counts come first);
4. grade >= 3 counts: ``events`` = printed grade 3-4 total, else grade 3 + grade 4;
5. pancytopenia: one event each for anaemia, thrombocytopenia and leukopenia (worst case);
6. any-haematological: the stated total wins; otherwise derived only when the categories
   cannot overlap (at most one category has events);
7. MDS/AML events = MDS + AML;
8. response: an unreported CR is 0 when the other categories add up to n; ORR = CR + PR and
   DCR = CR + PR + SD over the response-evaluable n.
"""

from __future__ import annotations

from ..protocol import (
    HEMATOLOGIC,
    POPULATION,
    PROPORTION_ENDPOINTS,
    RESPONSE_CATEGORIES,
    TOX_ENDPOINTS,
)
from .numbers import decimals
from .spec import Spec
from .values import Discrepancy, Value, ValueTable, derived, fmt


def _note(table: ValueTable, v: Value, kind: str, detail: str, value_text: str) -> None:
    """A discrepancy about ``v``, quoting where ``v`` was read."""
    table.note(
        Discrepancy(
            v.cohort,
            v.endpoint,
            kind,
            detail,
            value_text,
            tuple(v.quote.split(" | ")),
            tuple(v.quote_lines.split(";")),
        )
    )


def _judge(table: ValueTable, v: Value, detail: str) -> None:
    _note(table, v, "judgement_derived", detail, fmt(v.value))


def _put_derived(table: ValueTable, v: Value, detail: str) -> None:
    table.put(v)
    _judge(table, v, detail)


def apply_spec_derivations(spec: Spec, table: ValueTable) -> None:
    for d in spec.derive:
        parts = [table.get(d.cohort, ref) for ref in d.sum]
        missing = [ref for ref, p in zip(d.sum, parts, strict=True) if p is None]
        if missing:
            from ..errors import InputError

            raise InputError(
                f"{spec.path} {d.where}",
                f"cannot derive {d.target}: {', '.join(missing)} not extracted for {d.cohort}",
                "capture the parts first, or remove the derive entry",
            )
        endpoint, statistic = d.target.split(".", 1)
        if table.get(d.cohort, d.target) is None:
            v = derived(d.cohort, endpoint, statistic, sum(p.value for p in parts), parts)
            _put_derived(table, v, f"{d.target} = {' + '.join(d.sum)}: {d.note}")


def fill_population_n(table: ValueTable, cohorts: list[str]) -> None:
    for cohort in cohorts:
        for endpoint in sorted(table.endpoints_of(cohort)):
            pop = POPULATION.get(endpoint)
            if pop not in ("efficacy", "safety") or table.get(cohort, f"{endpoint}.n"):
                continue
            src = table.get(cohort, f"cohort_size.n_{pop}")
            if src is None:
                continue
            v = derived(
                cohort,
                endpoint,
                "n",
                src.value,
                [src],
                status=src.status,
                how=f"cohort_size.n_{pop}",
            )
            table.put(v)


def count_fits(pct: float, printed: str, n: int) -> list[int]:
    """The whole counts c with 100·c/n within half a unit of the printed percentage's last
    digit (PROTOCOL Amendment 1: any rounding rule)."""
    half = 0.5 * 10 ** (-decimals(printed))
    return [c for c in range(n + 1) if abs(100.0 * c / n - pct) <= half + 1e-9]


def derive_counts_from_percentages(
    table: ValueTable, cohort: str, endpoints: tuple[str, ...] | None = None
) -> None:
    """A percentage printed without its count gives the count only when exactly one whole
    number of patients fits it at the printed precision (PROTOCOL Amendment 1).
    ``endpoints``: only these (default: all but ORR and DCR, which come from printed
    response counts first)."""
    pcts = [
        v
        for v in table.primary.values()
        if v.cohort == cohort
        and v.statistic.endswith("_pct")
        and v.endpoint != "cohort_size"
        and (v.endpoint in endpoints if endpoints else v.endpoint not in PROPORTION_ENDPOINTS)
    ]
    for v in sorted(pcts, key=lambda v: v.key):
        count_ref = f"{v.endpoint}.{v.statistic[:-4]}"
        n = table.get(cohort, f"{v.endpoint}.n")
        if table.get(cohort, count_ref) is not None or v.is_missing:
            continue
        if n is None or n.is_missing or n.value <= 0 or n.value != int(n.value):
            _note(
                table,
                v,
                "judgement_not_derived",
                f"{count_ref} not derived from the printed {v.value_text}%: no n for "
                f"{v.endpoint} (neither printed nor a cohort size)",
                v.value_text,
            )
            continue
        fits = count_fits(v.value, v.value_text, int(n.value))
        if len(fits) == 1:
            endpoint, statistic = count_ref.split(".", 1)
            c = derived(cohort, endpoint, statistic, fits[0], [v, n], how=f"{v.ref}*{n.ref}")
            _put_derived(
                table,
                c,
                f"{count_ref} = {fits[0]} derived from the printed {v.value_text}% of "
                f"n = {fmt(n.value)}: the only whole number of patients that rounds to it",
            )
            continue
        why = (
            "no whole number of patients rounds to it"
            if not fits
            else f"{len(fits)} whole numbers round to it ({', '.join(map(str, fits))})"
        )
        _note(
            table,
            v,
            "judgement_not_derived",
            f"{count_ref} not derived from the printed {v.value_text}% of "
            f"n = {fmt(n.value)}: {why}",
            v.value_text,
        )


def derive_tox_events(table: ValueTable, cohort: str, endpoint: str) -> None:
    if table.get(cohort, f"{endpoint}.events"):
        return
    total = table.get(cohort, f"{endpoint}.g3g4")
    if total:
        table.put(
            derived(
                cohort,
                endpoint,
                "events",
                total.value,
                [total],
                status=total.status,
                how=f"{endpoint}.g3g4",
            )
        )
        return
    parts = [
        p for p in (table.get(cohort, f"{endpoint}.g3"), table.get(cohort, f"{endpoint}.g4")) if p
    ]
    if not parts:
        return
    status = "implied" if all(p.status == "implied" for p in parts) else "derived"
    v = derived(cohort, endpoint, "events", sum(p.value for p in parts), parts, status=status)
    detail = (
        "grade 3 + grade 4 added"
        if len(parts) == 2
        else (
            f"only {parts[0].statistic} printed; events = that count (no grade "
            f"{'4' if parts[0].statistic == 'g3' else '3'} count in the paper)"
        )
    )
    _put_derived(table, v, f"{endpoint}.events: {detail}")


def apply_pancytopenia(table: ValueTable, cohort: str) -> None:
    pan = table.get(cohort, "tox_g3plus_pancytopenia.events")
    if pan is None or pan.value == 0:
        return
    for endpoint in ("tox_g3plus_anemia", "tox_g3plus_thrombocytopenia", "tox_g3plus_leukopenia"):
        base = table.get(cohort, f"{endpoint}.events")
        parts = [p for p in (base, pan) if p]
        total = sum(p.value for p in parts)
        v = derived(
            cohort,
            endpoint,
            "events",
            total,
            parts,
            how=f"{endpoint}.events+tox_g3plus_pancytopenia.events",
        )
        _put_derived(
            table,
            v,
            f"{endpoint}.events: grade 3 pancytopenia counted as one "
            f"{endpoint.removeprefix('tox_g3plus_')} event (protocol, worst case)",
        )


def derive_any_hematologic(table: ValueTable, cohort: str, base: dict[str, Value]) -> None:
    """``base`` holds the per-category events before pancytopenia was added."""
    endpoint = "tox_g3plus_any_hematologic"
    if table.get(cohort, f"{endpoint}.events"):
        return
    cats = [v for v in base.values() if v is not None]
    pan = table.get(cohort, "tox_g3plus_pancytopenia.events")
    if len(cats) < 3:
        return
    parts = cats + ([pan] if pan else [])
    nonzero = [p for p in parts if p.value > 0]
    if len(nonzero) > 1:
        table.note(
            Discrepancy(
                cohort,
                endpoint,
                "judgement_not_derived",
                "patients with any grade >= 3 haematological event not derivable: "
                f"{len(nonzero)} categories have events and may overlap",
                ";".join(f"{p.ref}={fmt(p.value)}" for p in nonzero),
            )
        )
        return
    status = "implied" if all(p.status == "implied" for p in parts) else "derived"
    v = derived(
        cohort,
        endpoint,
        "events",
        sum(p.value for p in parts),
        parts,
        status=status,
        how="+".join(p.ref for p in parts),
    )
    _put_derived(
        table,
        v,
        f"{endpoint}.events: at most one category has events, so the sum is "
        f"the number of patients (categories: {', '.join(p.endpoint for p in parts)})",
    )


def derive_response(table: ValueTable, cohort: str) -> None:
    got = {c: table.get(cohort, f"best_response.{c}") for c in RESPONSE_CATEGORIES}
    n = table.get(cohort, "best_response.n")
    if got["cr"] is None and got["pr"] is not None and n is not None:
        others = [v for c, v in got.items() if c != "cr" and v is not None]
        if sum(v.value for v in others) == n.value:
            v = derived(
                cohort,
                "best_response",
                "cr",
                0,
                others + [n],
                status="implied",
                how="n-" + "-".join(o.statistic for o in others),
            )
            _put_derived(
                table,
                v,
                "best_response.cr = 0 implied: no CR reported and the other "
                f"categories add up to n = {fmt(n.value)}",
            )
            got["cr"] = v
    for endpoint, cats in (("orr", ("cr", "pr")), ("dcr", ("cr", "pr", "sd"))):
        parts = [got[c] for c in cats]
        if any(p is None for p in parts):
            continue
        if endpoint == "dcr" and got["mr"] is not None:
            parts.append(got["mr"])  # a minor response is disease control (Amendment 2)
        value = sum(p.value for p in parts)
        v = derived(cohort, endpoint, "events", value, parts)
        if table.get(cohort, f"{endpoint}.events") is None:
            table.put(v)
        else:
            table.alternatives.setdefault(v.key, []).append(v)
        if n is not None and table.get(cohort, f"{endpoint}.n") is None:
            table.put(
                derived(cohort, endpoint, "n", n.value, [n], status=n.status, how="best_response.n")
            )


def derive_mds_aml(table: ValueTable, cohort: str) -> None:
    if table.get(cohort, "mds_aml.events"):
        return
    parts = [table.get(cohort, "mds_aml.mds"), table.get(cohort, "mds_aml.aml")]
    if all(parts):
        v = derived(cohort, "mds_aml", "events", sum(p.value for p in parts), parts)
        _put_derived(table, v, "mds_aml.events = MDS + AML (no patient has both in the paper)")


def apply_derivations(spec: Spec, table: ValueTable) -> None:
    cohorts = [c.id for c in spec.cohorts]
    apply_spec_derivations(spec, table)
    fill_population_n(table, cohorts)
    for cohort in cohorts:
        derive_counts_from_percentages(table, cohort)
    for cohort in cohorts:
        for endpoint in (*TOX_ENDPOINTS, "tox_g3plus_pancytopenia"):
            derive_tox_events(table, cohort, endpoint)
        base = {e: table.get(cohort, f"{e}.events") for e in HEMATOLOGIC}
        apply_pancytopenia(table, cohort)
        derive_any_hematologic(table, cohort, base)
        derive_mds_aml(table, cohort)
    fill_population_n(table, cohorts)
    for cohort in cohorts:
        derive_response(table, cohort)
    fill_population_n(table, cohorts)
    for cohort in cohorts:
        derive_counts_from_percentages(table, cohort, PROPORTION_ENDPOINTS)
