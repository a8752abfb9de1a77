"""Binomial-normal meta-regression on the moderators named in config (``meta_regression``):
results/meta_regression.csv, one block of rows per primary pool (endpoint x setting) and
moderator (PROTOCOL.md Amendment 1; issue 12 item 3).

Model: ``logit p_i = X_i beta + u_i``, ``u_i ~ N(0, tau2)``, fitted by ML
(:class:`litmeta.stats.metareg.GlmmMetaRegression`, metafor
``rma.glmm(measure="PLO", xi, ni, mods=~moderator, method="ML")``).

* Moderators are cohort-level columns of results/analysis_table.csv, the cohort
  characteristics computed from results/characteristics.csv (``share_g3``,
  ``share_pancreas``, ``followup_months``: :func:`litmeta.extract.characteristics.shares`) or,
  through the cohort's ``paper_id``, columns of the paper sheet (config/papers.tsv: year,
  design, source, ...).
* A moderator whose every non-empty value in the analysis table reads as a number is numeric
  and enters the design centred at its mean over the pool's cohorts (column ``centre``; the
  intercept is the logit there, and the fit is well conditioned for years); the slope, tau2
  and QM are those of the uncentred model.
  Any other is categorical: one dummy column per level but the first (sorted), the reference.
* ``min_k`` cohorts per moderator coefficient (Cochrane Handbook v6 10.11.5.1: about ten
  studies per characteristic modelled): ``min_k`` for a numeric or two-level moderator,
  ``min_k (L - 1)`` for one with L levels; this also keeps a moderator with a level per
  cohort from a fit with dozens of coefficients.
* Only proportion endpoints (events of n); pools with fewer than ``min_k`` cohorts, a
  moderator with one level (or a value missing) in the pool, or a design the model cannot
  estimate get one row with an empty term and the reason, so the file says why it is empty.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass

from .errors import InputError
from .extract.characteristics import MODERATORS as CHARACTERISTIC_MODERATORS
from .extract.characteristics import shares
from .harmonise import ANALYSIS_COLUMNS
from .protocol import PROTOCOL_ENDPOINTS

#: the columns of results/meta_regression.csv (documented in results/README.md)
COLUMNS = (
    "endpoint",
    "setting",
    "moderator",
    "moderator_type",
    "centre",
    "k",
    "term",
    "estimate",
    "se",
    "z",
    "p",
    "tau2",
    "qm",
    "qm_df",
    "qm_p",
    "reason",
)
INTERCEPT = "intrcpt"
#: Cochrane Handbook (v5.1 9.6.4, v6 10.11.5.1): no meta-regression with fewer than 10 studies
DEFAULT_MIN_K = 10
SETTING_ORDER = ("initial", "salvage")


@dataclass(frozen=True)
class Settings:
    moderators: tuple[str, ...]
    min_k: int

    @classmethod
    def from_section(cls, section: dict | None) -> Settings:
        """The config's ``meta_regression`` section (absent: no moderator)."""
        section = section or {}
        return cls(tuple(section.get("moderators", ())), int(section.get("min_k", DEFAULT_MIN_K)))


def _is_number(value: str) -> bool:
    try:
        return math.isfinite(float(value))
    except ValueError:
        return False


def check_moderators(
    moderators: Sequence[str], sheet_columns: Sequence[str] | set[str], config_file: str
) -> None:
    """Every moderator names a column of the analysis table or the paper sheet, or a cohort
    characteristic (the Snakefile checks this at parse time, before any job runs)."""
    known = set(ANALYSIS_COLUMNS) | set(sheet_columns) | set(CHARACTERISTIC_MODERATORS)
    for mod in moderators:
        if mod not in known:
            raise InputError(
                f"{config_file} (field meta_regression.moderators)",
                f"unknown moderator {mod!r}: no such column in the analysis table or the paper "
                "sheet, and no cohort characteristic",
                "use a column of the paper sheet "
                f"({', '.join(sorted(sheet_columns))}), a cohort characteristic "
                f"({', '.join(CHARACTERISTIC_MODERATORS)}) or a column of "
                "results/analysis_table.csv",
            )


def moderator_values(
    analysis: Sequence[dict[str, str]],
    papers: Sequence[dict[str, str]],
    moderators: Sequence[str],
    config_file: str,
    characteristics: Sequence[dict[str, str]] = (),
) -> tuple[dict[str, dict[str, str]], dict[str, bool]]:
    """Per moderator: cohort_id -> value (analysis-table column first, then the cohort
    characteristic computed from ``characteristics``, results/characteristics.csv rows, else
    the paper sheet's column of the cohort's paper), and whether the moderator is numeric."""
    sheet = {p["paper_id"]: p for p in papers}
    cohort_chars = shares(list(characteristics))
    table_cols = set(analysis[0]) if analysis else set(ANALYSIS_COLUMNS)
    sheet_cols = set(papers[0]) if papers else set()
    check_moderators(moderators, sheet_cols, config_file)
    values: dict[str, dict[str, str]] = {}
    numeric: dict[str, bool] = {}
    for mod in moderators:
        per: dict[str, str] = {}
        for r in analysis:
            if mod in table_cols:
                per[r["cohort_id"]] = r[mod].strip()
            elif mod in CHARACTERISTIC_MODERATORS:
                per[r["cohort_id"]] = cohort_chars.get(r["cohort_id"], {}).get(mod, "")
            else:
                per[r["cohort_id"]] = sheet.get(r["paper_id"], {}).get(mod, "").strip()
        values[mod] = per
        present = [v for v in per.values() if v]
        numeric[mod] = bool(present) and all(_is_number(v) for v in present)
    return values, numeric


def centre(values: Sequence[str]) -> float:
    """The mean a numeric moderator is centred at (the intercept is the logit there)."""
    return sum(float(v) for v in values) / len(values)


def design_matrix(values: Sequence[str], numeric: bool) -> tuple[list[str], list[list[float]]]:
    """Term names and the k x p design (intercept first) for one moderator in one pool; a
    numeric moderator is centred at its mean over the pool's cohorts (:func:`centre`)."""
    if numeric:
        c = centre(values)
        return [INTERCEPT, "slope"], [[1.0, float(v) - c] for v in values]
    levels = sorted(set(values))
    terms = [INTERCEPT, *levels[1:]]
    return terms, [[1.0, *(1.0 if v == lev else 0.0 for lev in levels[1:])] for v in values]


def _fitted(events: list[float], n: list[float], design: list[list[float]], store=None):
    """``GlmmMetaRegression().fit(events, n, design)``; with ``store``, kept in it by exactly
    these numbers (:meth:`litmeta.cache.Store.value`), so that the meta_regression and
    bubble_plots jobs, and a rerun after a paper changed nothing these pools hold, fit each
    pool once: the fit or the error it raised, as it was (a 400-cohort pool took 10 s of a
    500-paper review's 12)."""
    import numpy as np

    from .stats.metareg import GlmmMetaRegression

    def compute():
        return GlmmMetaRegression().fit(events, n, design)

    if store is None:
        return compute()
    errors = (np.linalg.LinAlgError, ValueError)
    return store.value("metareg/moderator", [events, n, design], compute, errors)


def pool_rows(
    endpoint: str,
    setting: str,
    moderator: str,
    numeric: bool,
    cohorts: Sequence[dict[str, str]],
    values: dict[str, str],
    min_k: int,
    panels: list[dict] | None = None,
    store: object | None = None,
) -> list[dict[str, object]]:
    """The rows of one pool and moderator: one per coefficient, or one with the reason.
    A fitted pool is also appended to ``panels`` (the bubble plot's data); with ``store``
    (a :class:`litmeta.cache.Store`) the fit is taken from it where it was made before
    (:func:`_fitted`)."""
    # numpy, scipy and the estimator only here: workflow/rules/metareg.smk imports this
    # module to check the config at parse time, and a no-op run must not pay for them
    import numpy as np
    from scipy import stats

    k = len(cohorts)
    base = {
        "endpoint": endpoint,
        "setting": setting,
        "moderator": moderator,
        "moderator_type": "numeric" if numeric else "categorical",
        "k": k,
    }
    fitted_centre = None

    def skip(reason: str) -> list[dict[str, object]]:
        return [{**base, "reason": reason}]

    if k < min_k:
        return skip(f"below minimum k: {k} cohorts, the protocol needs {min_k}")
    vals = [values.get(c["cohort_id"], "") for c in cohorts]
    missing = [c["cohort_id"] for c, v in zip(cohorts, vals, strict=True) if not v]
    if missing:
        return skip(f"not estimable: no {moderator} for {';'.join(missing)}")
    if len(set(vals)) < 2:
        return skip(f"not estimable: {moderator} has one level in this pool ({vals[0]})")
    terms, design = design_matrix(vals, numeric)
    coefficients = len(terms) - 1
    if k < min_k * coefficients:
        return skip(
            f"below minimum k: {k} cohorts for {coefficients} coefficients of {moderator}, "
            f"the protocol needs {min_k} per coefficient ({min_k * coefficients})"
        )
    if numeric:
        fitted_centre = centre(vals)
        terms[1] = moderator
    else:
        terms[1:] = [f"{moderator}={t}" for t in terms[1:]]
    try:
        fit = _fitted(
            [float(c["events"]) for c in cohorts], [float(c["n"]) for c in cohorts], design, store
        )
    except np.linalg.LinAlgError:
        return skip(
            "not estimable: no finite ML estimate (singular information matrix, e.g. a level "
            "whose cohorts all have 0 or all n events)"
        )
    except ValueError as exc:
        return skip(f"not estimable: {exc}")
    if not all(math.isfinite(v) for v in (*fit.coef, *fit.se, fit.tau2, fit.qm, fit.qm_p)):
        return skip("not estimable: the fit gave no finite estimate or standard error")
    if panels is not None:
        panels.append(
            {
                "endpoint": endpoint,
                "setting": setting,
                "numeric": numeric,
                "values": vals,
                "events": [float(c["events"]) for c in cohorts],
                "n": [float(c["n"]) for c in cohorts],
                "coef": fit.coef,
                "centre": fitted_centre,
                "terms": terms,
                "qm_p": fit.qm_p,
            }
        )
    out = []
    for term, b, se in zip(terms, fit.coef, fit.se, strict=True):
        z = b / se
        out.append(
            {
                **base,
                "centre": fitted_centre,
                "term": term,
                "estimate": b,
                "se": se,
                "z": z,
                "p": float(2 * stats.norm.sf(abs(z))),
                "tau2": fit.tau2,
                "qm": fit.qm,
                "qm_df": fit.qm_df,
                "qm_p": fit.qm_p,
                "reason": "",
            }
        )
    return out


def rows(
    analysis: Sequence[dict[str, str]],
    pooled: Sequence[dict[str, str]],
    papers: Sequence[dict[str, str]],
    settings: Settings,
    config_file: str,
    panels: dict[str, list[dict]] | None = None,
    characteristics: Sequence[dict[str, str]] = (),
    store: object | None = None,
) -> list[dict[str, object]]:
    """Every row of results/meta_regression.csv: the primary pools in protocol endpoint
    order, then setting (initial, salvage), then the moderators in config order."""
    values, numeric = moderator_values(
        analysis, papers, settings.moderators, config_file, characteristics
    )
    primary = {(p["endpoint"], p["setting"]): p for p in pooled if p["analysis"] == "primary"}
    order = {e: i for i, e in enumerate(PROTOCOL_ENDPOINTS)}
    keys = sorted(
        primary,
        key=lambda es: (
            order.get(es[0], len(order)),
            es[0],
            SETTING_ORDER.index(es[1]) if es[1] in SETTING_ORDER else len(SETTING_ORDER),
            es[1],
        ),
    )
    out: list[dict[str, object]] = []
    for endpoint, setting in keys:
        p = primary[(endpoint, setting)]
        ids = [c for c in p["cohorts"].split(";") if c]
        by_id = {
            r["cohort_id"]: r
            for r in analysis
            if r["endpoint"] == endpoint and r["pooled_in"] == setting
        }
        cohorts = [by_id[c] for c in ids if c in by_id]
        is_proportion = all(r["events"] != "" for r in cohorts) and bool(cohorts)
        for mod in settings.moderators:
            if not is_proportion:
                out.append(
                    {
                        "endpoint": endpoint,
                        "setting": setting,
                        "moderator": mod,
                        "moderator_type": "numeric" if numeric[mod] else "categorical",
                        "k": len(cohorts),
                        "reason": "not a proportion: the binomial-normal model needs events of n",
                    }
                )
                continue
            out.extend(
                pool_rows(
                    endpoint,
                    setting,
                    mod,
                    numeric[mod],
                    cohorts,
                    values[mod],
                    settings.min_k,
                    None if panels is None else panels.setdefault(mod, []),
                    store,
                )
            )
    return out


def fit(
    analysis_table: str,
    pooled: str,
    papers_sheet: str,
    settings: Settings,
    where: str = "config/config.yaml",
    characteristics: str | None = None,
) -> tuple[list[dict], dict[str, list[dict]]]:
    """The rows of results/meta_regression.csv and the bubble plots' data (moderator -> the
    fitted pools); ``where`` names the config in an error about a moderator;
    ``characteristics``: results/characteristics.csv (the cohort-characteristic moderators).
    Each pool's fit is taken from the cache (``.cache/litmeta/meta_regression``) where the
    same numbers were fitted before."""
    from .cache import Store
    from .sheet import read_sheet
    from .tables import read_rows

    analysis = read_rows(analysis_table)
    panels: dict[str, list[dict]] = {}
    chars = read_rows(characteristics) if characteristics else []
    sheet = read_sheet(papers_sheet)
    store = Store("meta_regression")
    table = rows(analysis, read_rows(pooled), sheet, settings, where, panels, chars, store)
    return table, panels


def write(
    analysis_table: str,
    pooled: str,
    papers_sheet: str,
    settings: Settings,
    out_csv: str,
    where: str = "config/config.yaml",
    characteristics: str | None = None,
) -> list[dict]:
    """results/meta_regression.csv; returns its rows."""
    from .tables import write_csv

    table, _ = fit(analysis_table, pooled, papers_sheet, settings, where, characteristics)
    write_csv(out_csv, COLUMNS, table)
    return table
