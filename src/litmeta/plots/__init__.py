"""Plots of the synthesis: forest plots, sensitivity plots and leave-one-out plots.

=================  ==========================================================================
module             what
=================  ==========================================================================
``style``          palette (Okabe-Ito), fonts, text measurement, deterministic atomic savefig
``layout``         a generic "text columns + interval panel" figure (rows, squares, diamonds)
``forest``         forest plot per endpoint (primary analysis, both settings)
``sensitivity``    every analysis of pooled.csv for one endpoint, primary highlighted
``loo``            leave-one-out estimates for one endpoint
=================  ==========================================================================

Numbers are formatted by :mod:`litmeta.fmt` (shared with the report), names and reason labels
come from :mod:`litmeta.protocol`, and the result tables are read by :mod:`litmeta.tables`.

:func:`render_endpoint` draws the three plots of one endpoint, in SVG, PNG (300 dpi, lower for
a plot too tall for :data:`style.MAX_PNG_PIXELS`) and PDF,
with fixed metadata so that the bytes depend only on the inputs; :func:`render_all` draws
every endpoint in one process and its forked workers (matplotlib imported once, not once per
endpoint).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from importlib import import_module
from pathlib import Path

from ..forked import map_forked
from ..protocol import PLOT_KINDS

#: the per-endpoint plots (:data:`litmeta.protocol.PLOT_KINDS`); the module ``plots.<kind>``
#: draws each: ``figure(endpoint, tables)``, or ``pages`` and ``figure(endpoint, tables,
#: page, per_page)`` for a plot split into pages; ``KEY_TABLES``, the tables beside
#: ``analysis`` and ``pooled`` whose rows of the endpoint it draws (its cache key), and
#: ``COST_TABLE``, the table whose rows its drawing time grows with
KINDS = tuple(PLOT_KINDS)
FORMATS = ("svg", "png", "pdf")
#: cohorts (leave-one-out refits) of one setting per forest-plot (leave-one-out plot) page,
#: config ``forest_page_cohorts``; pages after the first are
#: ``<kind>_<endpoint>_page<N>.<format>``
PAGE_COHORTS = 60
#: the per-endpoint plots split into pages (their modules have ``pages``)
PAGED_KINDS = ("forest", "loo")


def plot_key(
    kind: str,
    endpoint: str,
    tables: object,
    formats: tuple[str, ...],
    page_cohorts: int = PAGE_COHORTS,
) -> str:
    """Cache key of one plot (:mod:`litmeta.cache`): the rows of ``endpoint`` in the tables
    that ``kind`` draws, the formats, and the code version."""
    from ..cache import digest

    def rows(table: list[dict[str, str]]) -> list[dict[str, str]]:
        return [r for r in table if r["endpoint"] == endpoint]

    module = _module(kind)
    data = {"analysis": rows(tables.analysis), "pooled": rows(tables.pooled)}
    for table in module.KEY_TABLES:
        data[table] = rows(getattr(tables, table))
    if hasattr(module, "pages"):
        data["page_cohorts"] = page_cohorts
    return digest(f"plot/{kind}/{endpoint}", [data, list(formats)])


def _restore(
    kind: str,
    endpoint: str,
    key: str,
    out_dir: str | Path,
    store: object,
    required: tuple[str, ...] = (),
) -> list[Path] | None:
    """Write the cached files of a plot into ``out_dir`` (None: not cached, or the entry
    lacks one of the ``required`` file names)."""
    from ..atomic import write_bytes

    files = store.get(key, f"{kind}/{endpoint}", required) if store is not None else None
    if files is None:
        return None
    written = []
    for name, data in files.items():
        write_bytes(Path(out_dir) / name, data)
        written.append(Path(out_dir) / name)
    return written


def cached_render(
    name: str,
    data: object,
    out_dir: str | Path,
    draw: Callable[[], list[Path]],
    required: tuple[str, ...] = (),
) -> list[Path]:
    """Plots that ``draw()`` writes into ``out_dir``, keyed by ``name`` and ``data`` (what they
    draw, JSON-serialisable) in the ``plots`` cache: copied from it when cached, else drawn
    and stored (a cached entry must hold the ``required`` file names). For the plots drawn
    inside the Snakemake process (risk of bias, funnel)."""
    from ..cache import Store, digest

    store = Store("plots")
    key = digest(f"plot/{name}", data)
    paths = _restore(*name.split("/", 1), key, out_dir, store, required)
    if paths is None:
        paths = draw()
        store.put(key, {p.name: p.read_bytes() for p in paths})
    return paths


def render_endpoint(
    endpoint: str,
    tables: object,
    out_dir: str | Path,
    kinds: tuple[str, ...] = KINDS,
    formats: tuple[str, ...] = FORMATS,
    store: object | None = None,
    page_cohorts: int = PAGE_COHORTS,
) -> list[Path]:
    """Draw the ``kinds`` plots of ``endpoint`` from ``tables`` (:class:`data.Tables`) into
    ``out_dir/<kind>_<endpoint>.<format>``; return the paths written. With ``store`` (a
    :class:`litmeta.cache.Store`), a plot whose key is cached is copied from it, and a plot
    drawn is stored."""
    written: list[Path] = []
    for kind in kinds:
        key = plot_key(kind, endpoint, tables, formats, page_cohorts) if store else ""
        required = tuple(f"{kind}_{endpoint}.{ext}" for ext in formats)
        paths = _restore(kind, endpoint, key, out_dir, store, required)
        if paths is None:
            paths = _draw(kind, endpoint, tables, out_dir, formats, page_cohorts)
            if store is not None:
                store.put(key, {p.name: p.read_bytes() for p in paths})
        written += paths
    return written


def _draw(
    kind: str,
    endpoint: str,
    tables: object,
    out_dir: str | Path,
    formats: tuple[str, ...],
    page_cohorts: int = PAGE_COHORTS,
) -> list[Path]:
    from .style import save_figure

    module = _module(kind)
    stem = Path(out_dir) / f"{kind}_{endpoint}"
    if not hasattr(module, "pages"):
        return save_figure(module.figure(endpoint, tables), stem, formats)
    written = []
    for page in range(1, module.pages(endpoint, tables, page_cohorts) + 1):
        fig = module.figure(endpoint, tables, page, page_cohorts)
        name = stem if page == 1 else stem.with_name(f"{stem.name}_page{page}")
        written += save_figure(fig, name, formats)
    return written


def _module(kind: str):
    """The module that draws the per-endpoint plot ``kind`` (``litmeta.plots.<kind>``)."""
    return import_module(f"{__name__}.{kind}")


def remove_stale_pages(
    out_dir: str | Path, written: list[Path], pattern: str | None = None
) -> None:
    """Plot pages of an earlier run that this run did not write (fewer cohorts now): pages
    matching ``pattern``, by default those of every per-endpoint plot split into pages
    (:data:`PAGED_KINDS`)."""
    kept = set(written)
    patterns = [pattern] if pattern else [f"{kind}_*_page*.*" for kind in PAGED_KINDS]
    for path in (p for pat in patterns for p in Path(out_dir).glob(pat)):
        if path not in kept and path.suffix.lstrip(".") in FORMATS:
            path.unlink()


def render_all(
    endpoints: Sequence[str],
    tables: object,
    out_dir: str | Path,
    jobs: int = 1,
    kinds: tuple[str, ...] = KINDS,
    formats: tuple[str, ...] = FORMATS,
    store: object | None = None,
    page_cohorts: int = PAGE_COHORTS,
) -> list[Path]:
    """:func:`render_endpoint` for each of ``endpoints``, in up to ``jobs`` worker processes
    (capped at the usable CPUs). Workers are forked after the plotting modules and the tables
    are loaded, so each endpoint costs its drawing only. Same bytes for any ``jobs``. With
    ``store``, the cached plots are copied first, and matplotlib is imported (and workers
    forked) only if a plot is left to draw."""
    done: dict[tuple[str, str], list[Path]] = {}
    keys: dict[tuple[str, str], str] = {}
    for e in endpoints:
        for kind in kinds:
            if store is None:
                continue
            keys[e, kind] = key = plot_key(kind, e, tables, formats, page_cohorts)
            paths = _restore(kind, e, key, out_dir, store)
            if paths is not None:
                done[e, kind] = paths
    todo = [(e, kind) for e in endpoints for kind in kinds if (e, kind) not in done]
    if todo:
        from . import style  # noqa: F401  (loaded before the fork, as are the plot modules)

        for kind in {kind for _, kind in todo}:
            _module(kind)

    global _SHARED
    _SHARED = (tables, out_dir, formats, store, keys, page_cohorts)  # for the forked workers
    try:
        drawn = map_forked(_job, todo, jobs, cost=lambda item: _cost(*item, tables))
    finally:
        _SHARED = None
    done.update(zip(todo, drawn, strict=True))
    return [p for e in endpoints for kind in kinds for p in done[e, kind]]


def _cost(endpoint: str, kind: str, tables: object) -> int:
    """Rows a plot draws (what its drawing time grows with): cohorts for a forest plot,
    leave-one-out fits, analyses for a sensitivity plot."""
    table = getattr(tables, _module(kind).COST_TABLE)
    return sum(1 for r in table if r["endpoint"] == endpoint)


#: what the workers of :func:`render_all` read (set before they are forked)
_SHARED: tuple | None = None


def _job(item: tuple[str, str]) -> list[Path]:
    """Draw one plot (endpoint, kind) in a worker, and store it in the cache."""
    e, kind = item
    assert _SHARED is not None
    tables, out_dir, formats, store, keys, page_cohorts = _SHARED
    paths = _draw(kind, e, tables, out_dir, formats, page_cohorts)
    if store is not None:
        store.put(keys[e, kind], {p.name: p.read_bytes() for p in paths})
    return paths
