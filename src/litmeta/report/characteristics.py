"""The table of characteristics of included cohorts (PRISMA 2020 item 17) as the summary of
findings and the evidence page show it, from results/characteristics.csv (one row per cohort x
item, :mod:`litmeta.extract.characteristics`), and the follow-up shown beside MDS/AML."""

from __future__ import annotations

from ..extract.characteristics import LABEL
from ..tables import Row

NR = "n.r."  # not reported (the legend under each table says so)

#: (header, items joined by "/") of the table's columns after the cohort
COLUMNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("design", ("design",)),
    ("response criteria", ("response_criteria",)),
    ("CTCAE", ("ctcae_version",)),
    ("AE window", ("ae_window",)),
    ("n", ("n_described",)),
    ("grade G1/G2/G3", ("grade_g1", "grade_g2", "grade_g3")),
    (
        "primary pancreas/small intestine/other",
        ("site_pancreas", "site_small_intestine", "site_other"),
    ),
    ("age, y", ("age",)),
    ("cycles", ("cycles",)),
    ("cumulative activity, GBq", ("activity_gbq",)),
    ("follow-up, months", ("followup_months",)),
)
LEGEND = (
    f"{NR} not reported; values are medians unless marked (mean); * derived (a sum of the "
    "paper's parts), † implied by the paper without a printed number; the quote and line of "
    "each value are in results/characteristics.csv and on the evidence page"
)


def value_text(row: Row | None) -> str:
    """One item as a table cell: the value, "(mean)" for a mean, * derived, † implied."""
    if row is None or row["status"] in ("not reported", "not extracted") or row["value"] == "":
        return NR
    mark = {"derived": "*", "implied": "†"}.get(row["status"], "")
    mean = " (mean)" if row["statistic"] == "mean" else ""
    return f"{row['value']}{mark}{mean}"


def _by_cohort(rows: list[Row]) -> dict[str, dict[str, Row]]:
    out: dict[str, dict[str, Row]] = {}
    for r in rows:
        out.setdefault(r["cohort_id"], {})[r["item"]] = r
    return out


def table(rows: list[Row]) -> list[dict[str, object]]:
    """Per cohort (sorted): its id and one cell text per column of :data:`COLUMNS`."""
    return [
        {
            "cohort": cid,
            "cells": ["/".join(value_text(items.get(i)) for i in group) for _, group in COLUMNS],
        }
        for cid, items in sorted(_by_cohort(rows).items())
    ]


def markdown(rows: list[Row]) -> list[str]:
    """The Markdown section of the summary of findings (no rows: nothing)."""
    if not rows:
        return []
    head = ["cohort", *(h for h, _ in COLUMNS)]
    lines = [
        "## Characteristics of included cohorts",
        "",
        "Every cohort of the five papers, pooled or shown (PROTOCOL.md Amendment 2; "
        "PRISMA 2020 item 17).",
        "",
        "| " + " | ".join(head) + " |",
        "|" + "|".join("---" for _ in head) + "|",
    ]
    for r in table(rows):
        cells = [str(r["cohort"]), *r["cells"]]  # type: ignore[misc]
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    lines += ["", f"{LEGEND}.", ""]
    return lines


def details(rows: list[Row]) -> list[dict[str, object]]:
    """Per cohort, every item: label, cell text, status and note, quotes and lines."""
    out = []
    for cid, items in sorted(_by_cohort(rows).items()):
        out.append(
            {
                "cohort": cid,
                "items": [
                    {
                        "item": r["item"],
                        "label": LABEL.get(r["item"], r["item"]),
                        "value": value_text(r),
                        "status": r["status"],
                        "note": r["note"],
                        "quotes": r["quote"].split(" | ") if r["quote"] else [],
                        "lines": r["line"].split(";") if r["line"] else [],
                    }
                    for r in items.values()
                ],
            }
        )
    return out


def followup(rows: list[Row], cohort_ids: list[str]) -> str | None:
    """The median follow-up of each cohort, as the note beside MDS/AML; None without rows."""
    if not rows or not cohort_ids:
        return None
    items = _by_cohort(rows)
    parts = []
    for cid in cohort_ids:
        r = items.get(cid, {}).get("followup_months")
        text = value_text(r)
        parts.append(f"{cid} {text} months" if text != NR else f"{cid} not reported")
    return "Median follow-up (MDS/AML can appear years after PRRT): " + "; ".join(parts) + "."
