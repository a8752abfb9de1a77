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
) -> None:
    """results/meta_regression.csv and one bubble plot per moderator in ``out_dir``
    (config ``meta_regression``: ``moderators``, ``min_k``)."""
    from ..metaregression import Settings, write

    write(table, pooled, papers, Settings(tuple(moderators), min_k), csv, out_dir)
