"""Extract one paper: spec + normalised text -> outcome, cohort and discrepancy rows."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..protocol import POPULATION
from ..tables import write_csv
from ..textindex import index_of
from .checks import run_checks
from .derive import apply_derivations
from .resolve import resolve_values
from .spec import Spec, load_spec
from .tables import COHORT_COLUMNS, DISCREPANCY_COLUMNS, OUTCOME_COLUMNS
from .values import ValueTable


@dataclass(frozen=True)
class PaperExtraction:
    outcomes: list[dict]
    cohorts: list[dict]
    discrepancies: list[dict]


def extract_table(spec: Spec, text: str, source_file: str) -> ValueTable:
    index = index_of(text)
    table = resolve_values(spec, index, source_file)
    apply_derivations(spec, table)
    run_checks(table, spec.path, source_file, spec.notes)
    return table


def extract_paper(
    spec_path: str | Path, text_path: str | Path, source_file: str
) -> PaperExtraction:
    spec = load_spec(spec_path)
    text = Path(text_path).read_text(encoding="utf-8")
    table = extract_table(spec, text, source_file)
    settings = {c.id: c.setting for c in spec.cohorts}
    outcomes = [
        {
            "paper_id": spec.paper_id,
            "cohort_id": v.cohort,
            "setting": settings[v.cohort],
            "population": POPULATION[v.endpoint],
            "endpoint": v.endpoint,
            "statistic": v.statistic,
            "value": v.value,
            "value_text": v.value_text,
            "status": v.status,
            "alternative": v.alternative,
            "source_file": source_file,
            "line": v.line,
            "quote": v.quote,
            "quote_lines": v.quote_lines,
            "section": v.section,
            "derived_from": v.derived_from,
            "spec_entry": v.spec_entry,
        }
        for v in table.primary.values()
    ]
    outcomes.sort(key=lambda r: (r["cohort_id"], r["endpoint"], r["statistic"]))
    cohorts = []
    for c in spec.cohorts:
        size = {
            s: table.num(c.id, f"cohort_size.{s}") for s in ("n_enrolled", "n_efficacy", "n_safety")
        }
        cohorts.append(
            {
                "cohort_id": c.id,
                "paper_id": spec.paper_id,
                "label": c.label,
                "setting": c.setting,
                **size,
                "pooled_in": c.pooled_in,
                "reason_code": c.reason_code,
                "reason": c.reason,
            }
        )
    cohorts.sort(key=lambda r: r["cohort_id"])
    discrepancies = [
        {
            "paper_id": spec.paper_id,
            "cohort_id": d.cohort,
            "endpoint": d.endpoint,
            "kind": d.kind,
            "detail": d.detail,
            "values": d.values,
            "quotes": " | ".join(d.quotes),
            "lines": ";".join(d.lines),
        }
        for d in table.discrepancies
    ]
    discrepancies = sorted(
        {tuple(sorted(r.items())): r for r in discrepancies}.values(),
        key=lambda r: (r["cohort_id"], r["endpoint"], r["kind"], r["detail"]),
    )
    return PaperExtraction(outcomes, cohorts, discrepancies)


def show_outcome(row: dict) -> str:
    """One extracted value as `litmeta show` prints it (the workbench shows the same line)."""
    alt = f"  (alternative {row['alternative']})" if row["alternative"] else ""
    return (
        f"{row['line']:>5}  {row['cohort_id']:<28} {row['endpoint']}.{row['statistic']}"
        f" = {row['value_text'] or row['value']} [{row['status']}]{alt}"
    )


def show_discrepancy(d: dict) -> str:
    """One discrepancy as `litmeta show` prints it."""
    return f"   {d['kind']:<24} {d['cohort_id']:<28} {d['detail'][:90]}"


def write_paper(result: PaperExtraction, outcomes: str, cohorts: str, discrepancies: str) -> None:
    write_csv(outcomes, OUTCOME_COLUMNS, result.outcomes)
    write_csv(cohorts, COHORT_COLUMNS, result.cohorts)
    write_csv(discrepancies, DISCREPANCY_COLUMNS, result.discrepancies)
