"""Stage 3b (workflow/rules/metareg.smk): binomial-normal meta-regression on the moderators."""

from __future__ import annotations

from collections.abc import Sequence


def meta_regression(
    *,
    table: str,
    pooled: str,
    papers: str,
    moderators: Sequence[str],
    min_k: int,
    csv: str,
    out_dir: str,
    characteristics: str | None = None,
) -> None:
    """results/meta_regression.csv and one bubble plot per moderator in ``out_dir``
    (config ``meta_regression``: ``moderators``, ``min_k``)."""
    from ..metaregression import Settings, write
    from ..plots import bubble

    settings = Settings(tuple(moderators), min_k)
    rows, panels = write(table, pooled, papers, settings, csv, characteristics=characteristics)
    for mod in settings.moderators:
        largest = max((int(r["k"]) for r in rows if r["moderator"] == mod), default=0)
        bubble.render(mod, panels.get(mod, []), settings.min_k, largest, f"{out_dir}/bubble_{mod}")
