"""Whether a cohort's size can be the n of the percentages a paper prints (issue 23).

A drafted size stands for the populations the paper prints no other n for ("Nineteen eligible
patients were enrolled": enrolled, efficacy and safety).  When a percentage of that population
fits no whole count of the size ("The ORR was 27.8%": 5/19 is 26.3 %, 6/19 is 31.6 %; 5/18 is
27.8 %), or its response categories need more patients than the size holds (24 %, 70 % and 7 %
of 90 are at least 22 + 63 + 6 = 91), the percentages were counted over another n the paper
does not print, and the size is not that population's n.
"""

from __future__ import annotations

import math

from .draft_population import count_value

#: the response categories, which no patient is in twice
_CATEGORIES = ("cr", "pr", "mr", "sd", "pd")


def _decimals(text: str) -> int:
    return len(text.split(".", 1)[1]) if "." in text else 0


def counts_for(pct_text: str, n: int) -> list[int]:
    """The whole counts k of ``n`` whose percentage prints as ``pct_text``: rounded to its
    decimals (half up or half down) or cut there (2 of 3 as "66.6")."""
    pct = float(pct_text)
    step = 10 ** -_decimals(pct_text)
    low = max(0, math.floor((pct - step) * n / 100))
    high = min(n, math.ceil((pct + step) * n / 100))
    return [
        k
        for k in range(low, high + 1)
        if abs(100 * k / n - pct) <= step / 2 + 1e-9 or -1e-9 <= 100 * k / n - pct < step
    ]


def misfit(n_text: str, printed: dict[str, str]) -> str | None:
    """Why a size printed as ``n_text`` cannot be the n of ``printed`` (statistic -> printed
    text of one population's values, e.g. {"orr.events_pct": "27.8", "best_response.sd":
    "12"}), or None when it can."""
    n = count_value(n_text)
    if n is None or n <= 0 or n != int(n):
        return None
    n = int(n)
    least: dict[str, int] = {}
    for ref, text in sorted(printed.items()):
        endpoint, stat = ref.split(".", 1)
        if not stat.endswith("_pct"):
            continue
        count_ref = f"{endpoint}.{stat.removesuffix('_pct')}"
        fits = counts_for(text, n)
        if count_ref in printed:
            count = count_value(printed[count_ref])
            if count is None or count > n:
                continue  # more events than patients: the entry's misreading, which the
                # checks reject against this very n ("2% of 200 patients": no count of 200)
            fits = [k for k in fits if k == count]
        if not fits:
            return f"{ref} = {text}% fits no whole count of {n_text}"
        if endpoint == "best_response" and stat.removesuffix("_pct") in _CATEGORIES:
            least[stat.removesuffix("_pct")] = min(fits)
    for stat in _CATEGORIES:
        text = printed.get(f"best_response.{stat}")
        count = count_value(text) if text is not None else None
        if count is not None:
            least[stat] = max(least.get(stat, 0), int(count))
    if sum(least.values()) > n:
        parts = " + ".join(f"{least[s]} {s.upper()}" for s in _CATEGORIES if s in least)
        return f"the best responses printed need at least {parts} > {n_text} patients"
    return None
