"""Which cohort a results subsection is about (``litmeta draft-spec``).

A paper with several cohorts often reports each under its own subheading ("PRRT-2",
"Group B", "The re-treatment cohort"): the heading is the positive evidence that a sentence
below it naming no cohort is about that one.  The scope runs to the next heading that names
another cohort (or several) and ends at a top-level section (Discussion, References); a
heading that names no cohort ("Survival data", "Adverse events") keeps it.  Only prose takes
a scope: tables float and may be printed under any heading.
"""

from __future__ import annotations

import re
from collections.abc import Callable

# a line is a subheading when it stands alone (blank lines around it), is short and does not
# end like a sentence; captions are not headings
_CAPTION = re.compile(r"(?i)^\W*(?:table|figure|fig\.)\s*\d")


def is_subheading(lines: list[str], k: int) -> bool:
    text = lines[k].strip()
    return (
        bool(text)
        and len(text) <= 60
        and "\t" not in lines[k]
        and text[-1] not in ".:;,"
        and not _CAPTION.match(text)
        and not text.startswith("^")  # a footnote
        # a table's stub line ("After I-PRRT" between tab rows) is no heading
        and not any("\t" in lines[j] for j in range(max(0, k - 2), min(len(lines), k + 3)))
        and (k == 0 or not lines[k - 1].strip())
        and (k + 1 == len(lines) or not lines[k + 1].strip())
    )


def heading_scopes(
    lines: list[str],
    sections: list[str],
    cohorts: list[dict],
    named: Callable[[str, list[dict]], list[tuple[int, str]]],
) -> dict[int, tuple[str, int, str]]:
    """Line index -> (cohort id, heading line number, heading text) for each results line
    under a subheading that names exactly one cohort; ``named`` finds cohort names in a
    text.  Empty for a paper with one cohort."""
    out: dict[int, tuple[str, int, str]] = {}
    if len(cohorts) < 2:
        return out
    current: tuple[str, int, str] | None = None
    for k, line in enumerate(lines):
        if sections[k] != "results":
            current = None  # a top-level section ends every scope
            continue
        if is_subheading(lines, k):
            ids = {cid for _at, cid in named(line.strip(), cohorts)}
            if ids:
                current = (ids.pop(), k + 1, line.strip()) if len(ids) == 1 else None
            continue
        if current is not None:
            out[k] = current
    return out
