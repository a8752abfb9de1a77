"""Risk-of-bias plots in the style of robvis (McGuinness & Higgins 2021), from
results/risk_of_bias.csv:

* ``risk_of_bias_traffic_light``: one row per cohort, one column per MINORS item, a coloured
  circle with a symbol per score (2 ``+`` green, 1 ``-`` yellow, 0 ``×`` vermillion, not
  assessed ``?`` grey) and the cohort's total of 16; :data:`PAGE_COHORTS` cohorts to a page,
  pages after the first in ``risk_of_bias_traffic_light_page<N>`` (a plot's size stays
  bounded however many cohorts a review has);
* ``risk_of_bias_summary``: per item, the share of cohorts with each score (stacked bars).

Colours are Okabe-Ito; the symbols carry the score for readers who do not see the colours.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import Circle, Patch

from ..tables import Row
from . import style

SCORES = {
    "2": ("+", style.GREEN, "2: reported and adequate"),
    "1": ("\u2212", "#F0E442", "1: reported but inadequate"),
    "0": ("\u00d7", style.VERMILLION, "0: not reported"),
    "": ("?", style.GREY, "not assessed"),
}


def _items(rows: list[Row]) -> list[tuple[int, str]]:
    return sorted({(int(r["item_no"]), r["label"]) for r in rows})


def _cohorts(rows: list[Row]) -> list[str]:
    return sorted({r["cohort_id"] for r in rows})


#: cohorts on one page of the traffic-light plot
PAGE_COHORTS = 60


def traffic_light(
    rows: list[Row],
    cohorts: list[str] | None = None,
    title_suffix: str = "",
    items: list[tuple[int, str]] | None = None,
):
    """The traffic-light plot of ``cohorts`` (default: every cohort of ``rows``), with the
    columns ``items`` (default: every item of ``rows``)."""
    items = _items(rows) if items is None else items
    cohorts = _cohorts(rows) if cohorts is None else cohorts
    score = {(r["cohort_id"], int(r["item_no"])): r["score"] for r in rows}
    label_w = max((style.text_width(c) for c in cohorts), default=50.0) / 72.0 + 0.3
    cell = 0.42
    width = label_w + cell * (len(items) + 1.6) + 0.3
    height = 1.0 + cell * len(cohorts) + 0.25 + 0.16 * (len(items) + 1) + 0.2
    fig = plt.figure(figsize=(width, height))
    ax = fig.add_axes((0, 0, 1, 1))
    ax.set_xlim(0, width)
    ax.set_ylim(height, 0)
    ax.axis("off")
    ax.text(
        0.15,
        0.3,
        "Risk of bias (MINORS, non-comparative items)" + title_suffix,
        fontsize=10,
        weight="bold",
        va="center",
    )
    head_y = 0.9
    for j, (no, _label) in enumerate(items):
        x = label_w + cell * (j + 0.5)
        ax.text(x, head_y, f"D{no}", ha="center", va="bottom", weight="bold")
    ax.text(
        label_w + cell * (len(items) + 0.8),
        head_y,
        "Total",
        ha="center",
        va="bottom",
        weight="bold",
    )
    for i, c in enumerate(cohorts):
        y = head_y + cell * (i + 0.6)
        ax.text(0.15, y, c, va="center")
        total: int | None = 0
        for j, (no, _) in enumerate(items):
            s = score.get((c, no), "")
            symbol, colour, _ = SCORES.get(s, SCORES[""])
            x = label_w + cell * (j + 0.5)
            # add_artist, not add_patch: the limits are fixed above, and add_patch would
            # work out each circle's Bezier extrema for the data limits (60% of building
            # a plot of hundreds of cohorts); the circles are drawn the same
            ax.add_artist(Circle((x, y), cell * 0.36, color=colour, lw=0))
            ax.text(x, y, symbol, ha="center", va="center", weight="bold", color="black")
            total = None if (total is None or s == "") else total + int(s)
        ax.text(
            label_w + cell * (len(items) + 0.8),
            y,
            "?" if total is None else f"{total}/16",
            ha="center",
            va="center",
        )
    y = head_y + cell * (len(cohorts) + 0.2)
    for no, label in items:
        ax.text(0.15, y, f"D{no} {label}", fontsize=6.5, color=style.TEXT_GREY, va="top")
        y += 0.16
    ax.text(
        0.15,
        y,
        "   ".join(f"{sym} {text}" for sym, _, text in SCORES.values()),
        fontsize=6.5,
        color=style.TEXT_GREY,
        va="top",
    )
    return fig


def summary(rows: list[Row]):
    items = _items(rows)
    n_cohorts = len(_cohorts(rows))
    label_w = max((style.text_width(label) for _, label in items), default=50.0) / 72.0 + 0.5
    height = 0.5 + 0.3 * len(items) + 0.8
    fig = plt.figure(figsize=(label_w + 4.2, height))
    ax = fig.add_axes(
        (label_w / (label_w + 4.2), 0.8 / height, 3.9 / (label_w + 4.2), 0.3 * len(items) / height)
    )
    ax.set_xlim(0, 100)
    ax.set_ylim(len(items) - 0.5, -0.5)
    for i, (no, _label) in enumerate(items):
        scores = [r["score"] for r in rows if int(r["item_no"]) == no]
        left = 0.0
        for key in ("2", "1", "0", ""):
            share = 100.0 * scores.count(key) / len(scores) if scores else 0.0
            if share:
                ax.barh(i, share, left=left, color=SCORES[key][1], height=0.7, lw=0)
                left += share
    ax.set_yticks(range(len(items)), [f"D{no} {label}" for no, label in items])
    ax.set_xticks([0, 25, 50, 75, 100], ["0%", "25%", "50%", "75%", "100%"])
    ax.spines[["top", "right"]].set_visible(False)
    fig.text(
        0.02,
        0.95,
        f"Risk of bias across {n_cohorts} cohorts (MINORS): share of cohorts per score",
        fontsize=9,
        weight="bold",
        va="top",
    )
    handles = [Patch(color=SCORES[k][1], label=SCORES[k][2]) for k in ("2", "1", "0", "")]
    ax.legend(
        handles=handles,
        loc="upper center",
        bbox_to_anchor=(0.3, -0.14),
        ncol=2,
        frameon=False,
        fontsize=6.5,
    )
    return fig


def render(rows: list[Row], out_dir, formats=("svg", "png", "pdf")):
    from pathlib import Path

    out = Path(out_dir)
    cohorts = _cohorts(rows)
    items = _items(rows)
    by_cohort: dict[str, list[Row]] = {}
    for r in rows:  # each page is drawn from its own rows: the work is linear in cohorts
        by_cohort.setdefault(r["cohort_id"], []).append(r)
    pages = [cohorts[i : i + PAGE_COHORTS] for i in range(0, len(cohorts), PAGE_COHORTS)] or [[]]
    written = []
    for number, page in enumerate(pages, start=1):
        suffix = f", page {number} of {len(pages)}" if len(pages) > 1 else ""
        stem = "risk_of_bias_traffic_light" + (f"_page{number}" if number > 1 else "")
        page_rows = [r for c in page for r in by_cohort[c]]
        fig = traffic_light(page_rows, page, suffix, items)
        written += style.save_figure(fig, out / stem, formats)
    written += style.save_figure(summary(rows), out / "risk_of_bias_summary", formats)
    return written
