"""Stage 3b (workflow/rules/metareg.smk): binomial-normal meta-regression on the moderators.

The table and the bubble plots are two jobs, so that no CSV is made by a job that draws
(the tables do not depend on the plotting libraries: README, "The locked environment")."""

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
    characteristics: str | None = None,
) -> None:
    """results/meta_regression.csv (config ``meta_regression``: ``moderators``, ``min_k``)."""
    from ..metaregression import Settings, write

    settings = Settings(tuple(moderators), min_k)
    write(table, pooled, papers, settings, csv, characteristics=characteristics)


def bubble_plots(
    *,
    table: str,
    pooled: str,
    papers: str,
    moderators: Sequence[str],
    min_k: int,
    out_dir: str,
    characteristics: str | None = None,
    formats: Sequence[str] = ("svg", "png", "pdf"),
) -> None:
    """One bubble plot per moderator in ``out_dir`` in each of ``formats``, from the fits of
    :func:`meta_regression` (taken from the cache where that job, or an earlier run, made
    them: a pool below ``min_k`` cohorts per coefficient, as in the real review, costs no
    fit). A plot whose data are unchanged is copied from the plot cache, not drawn."""
    from pathlib import Path

    from ..metaregression import Settings, fit
    from ..plots import cached_render

    settings = Settings(tuple(moderators), min_k)
    rows, panels = fit(table, pooled, papers, settings, characteristics=characteristics)
    for mod in settings.moderators:
        largest = max((int(r["k"]) for r in rows if r["moderator"] == mod), default=0)
        stem = Path(out_dir) / f"bubble_{mod}"

        def draw(mod=mod, largest=largest, stem=stem) -> list[Path]:
            from ..plots import bubble

            return bubble.render(mod, panels.get(mod, []), settings.min_k, largest, stem, formats)

        data = [mod, panels.get(mod, []), settings.min_k, largest, list(formats)]
        required = tuple(f"{stem.name}.{f}" for f in formats)
        cached_render(f"bubble/{mod}", data, stem.parent, draw, required)
