"""A list of statistics that "respectively" pairs with each cohort's own values
(``litmeta draft-spec``): "Partial response and stable disease were seen in 9 (30%) and
15 (50%) patients after A, and in 2 (20%) and 6 (60%) after B, respectively."

The subjects are the terms before the first value (one list: "X and Y"); each clause after
them names one cohort and prints one value (a count with its percentage, or either) per
subject, in the subjects' order.  Every clause must pair fully, or nothing is drafted.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .classify import find_terms
from .draft_items import Item

# what may stand between a count and its percentage: "26 patients (15.5%)", "9 (30%)"
_COUNT_THEN_PCT = re.compile(r"(?i)^\s*(?:patients?\s*)?\(\s*$")


_BOUNDS = ("ci_low", "ci_high", "range_low", "range_high")
_OF = re.compile(r"(?i)^\s*(?:/|of)\s*$")


def units(raw: list[tuple[str, int, int, str]], text: str) -> list[list[tuple]]:
    """Values grouped as printed: a count with its n ("17 of 98") and the percentage right
    after them (or before them, the count in brackets: "10.1% (13/129)"), a median with the
    CI or range bounds its form read with it, or one alone."""
    out: list[list[tuple]] = []
    for r in raw:
        between = text[out[-1][-1][2] : r[1]] if out else ""
        if (
            (
                r[0] == "pct"
                and out
                and out[-1][-1][0] in ("count", "n")
                and _COUNT_THEN_PCT.match(between)
            )
            # "17 of 98", "17/98": a count with its n
            or (r[0] == "n" and out and out[-1][-1][0] == "count" and _OF.match(between))
            # "10.1% (13/129)": a percentage, then its count in brackets
            or (
                r[0] == "count"
                and out
                and [x[0] for x in out[-1]] == ["pct"]
                and re.fullmatch(r"\s*%?\s*[(\[]\s*", between)
            )
            or (r[0] in _BOUNDS and out and out[-1][0][0] == "median")
        ):
            out[-1].append(r)
        else:
            out.append([r])
    return out


def terms_by_cohort(
    passage: str,
    base: int,
    cohorts: list[dict],
    raw: list[tuple[str, int, int, str]],
    complete: bool,
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
    join: re.Pattern[str],
) -> dict[str, list[Item]] | None:
    """Cohort id -> items, or None unless every clause between the first value and
    "respectively" names one cohort and pairs its values one to one with the subjects.
    ``raw``: the passage's values (:func:`.draft._raw_values`), ``complete`` whether every
    value was read whole; ``join``: what may stand between two subjects of one list."""
    cut = passage.lower().find("respectively")
    vals = [r for r in raw if r[2] <= cut]
    if cut < 0 or not complete or not vals or len(vals) != len(raw):
        return None
    terms = []
    for t in find_terms(passage[: vals[0][1]]):
        if not terms or (terms[-1].endpoint, terms[-1].stem) != (t.endpoint, t.stem):
            terms.append(t)
    if len(terms) < 2 or any(t.endpoint.endswith("_median") for t in terms):
        return None
    if any(
        not join.match(passage[a.end : b.start]) for a, b in zip(terms, terms[1:], strict=False)
    ):
        return None
    if find_terms(passage[vals[0][1] : cut]):
        return None  # a term among the values: not one list of subjects
    # a number the forms did not read ("and 4 after B") would shift the pairing
    spans = [(r[1], r[2]) for r in vals] + [
        (vals[0][1] + m.start(), vals[0][1] + m.end())
        for c in cohorts
        for m in re.finditer(re.escape(c["label"]), passage[vals[0][1] : cut])
    ]
    for m in re.finditer(r"\d+(?:\.\d+)?", passage[:cut]):
        at = m.start()
        if at >= vals[0][1] and not any(a <= at < b for a, b in spans):
            return None
    if any(t.endpoint not in ("best_response", "orr", "dcr") for t in terms):
        return None
    # the cohorts named among the values: each one's values are those printed since the
    # name before it ("... 9 and 15 after A, and 2 and 6 after B") or, when the names lead,
    # those printed up to the next name ("in A, 9 and 15; in B, 2 and 6")
    start = terms[-1].end
    names = [(start + at, cid) for at, cid in named(passage[start:cut], cohorts)]
    if len(names) < 2 or len({cid for _at, cid in names}) != len(names):
        return None
    if names[0][0] > vals[0][1]:
        lefts = [vals[0][1]] + [a for a, _c in names[:-1]]
        bounds = [(prev, at) for prev, (at, _c) in zip(lefts, names, strict=True)]
        if vals[-1][1] > names[-1][0]:
            return None  # a value after the last name: whose?
    else:
        ends = [a for a, _c in names[1:]] + [cut]
        bounds = list(zip([a for a, _c in names], ends, strict=True))
    out: dict[str, list[Item]] = {}
    for (a, b), (_at, cid) in zip(bounds, names, strict=True):
        mine = [r for r in vals if a <= r[1] < b]
        grouped = units(mine, passage)
        if len(grouped) != len(terms):
            return None
        items = []
        for t, unit in zip(terms, grouped, strict=True):
            stat = t.stem if t.endpoint == "best_response" else "events"
            for kind, s, e, v in unit:
                if kind not in ("count", "pct"):
                    return None
                ref = f"{t.endpoint}.{stat}" + ("_pct" if kind == "pct" else "")
                items.append(
                    Item(
                        ref,
                        "num" if kind == "pct" else "count",
                        base + s,
                        base + e,
                        v,
                        f"{t.text!r} respectively, in the clause naming the cohort",
                    )
                )
        out[cid] = items
    if sum(len(v) for v in out.values()) != len(vals):
        return None  # a value outside every cohort's stretch
    return out
