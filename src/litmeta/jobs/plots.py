"""Stage 4 (workflow/rules/plots.smk): the forest, sensitivity and leave-one-out plots."""

from __future__ import annotations

from collections.abc import Sequence


def plots(
    *,
    table: str,
    pooled: str,
    subgroups: str,
    weights: str,
    loo: str,
    out_dir: str,
    jobs: int = 1,
    formats: Sequence[str] = (),
    page_cohorts: int = 60,
) -> list[str]:
    """Every protocol endpoint's plots into ``out_dir`` (``jobs`` worker processes), reading
    the tables once; a plot whose data and code are unchanged is copied from the cache.
    Returns the files written."""
    import sys

    from ..cache import Store
    from ..plots import FORMATS, remove_stale_pages, render_all
    from ..protocol import PROTOCOL_ENDPOINTS
    from ..tables import Tables

    tables = Tables.read(table, pooled, subgroups, weights, loo)
    store = Store("plots")
    chosen = tuple(f for f in FORMATS if f in formats) if formats else FORMATS
    written = render_all(
        PROTOCOL_ENDPOINTS,
        tables,
        out_dir,
        jobs,
        formats=chosen,
        store=store,
        page_cohorts=page_cohorts,
    )
    remove_stale_pages(out_dir, written)
    print(f"plots: {len(store.hits)} from the cache, {len(store.misses)} drawn", file=sys.stderr)
    return [str(p) for p in written]


def plot_endpoint(
    *,
    endpoint: str,
    out_dir: str,
    kinds: Sequence[str] = (),
    formats: Sequence[str] = (),
    table: str,
    pooled: str,
    subgroups: str,
    weights: str,
    loo: str,
) -> list[str]:
    """One endpoint's plots (``litmeta plot-endpoint``; no rule). Returns the files written."""
    from ..errors import InputError
    from ..plots import FORMATS, KINDS, render_endpoint
    from ..protocol import PROTOCOL_ENDPOINTS
    from ..tables import Tables

    tables = Tables.read(table, pooled, subgroups, weights, loo)
    if endpoint not in PROTOCOL_ENDPOINTS and endpoint not in tables.endpoints():
        raise InputError(
            table,
            f"unknown endpoint {endpoint!r}",
            f"use one of: {', '.join(PROTOCOL_ENDPOINTS)}",
        )
    written = render_endpoint(
        endpoint, tables, out_dir, tuple(kinds) or KINDS, tuple(formats) or FORMATS
    )
    return [str(p) for p in written]
