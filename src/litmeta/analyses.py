"""Every analysis of the protocol, run on the analysis table, per endpoint and setting.

=========================  ==============================================================
analysis                   what
=========================  ==============================================================
primary                    proportions: binomial-normal GLMM (ML, logit); medians: inverse-
                           variance REML on log(median), studies with a 95% CI
median_of_medians          medians: sample-size-weighted median of the medians (studies
                           with or without CI; no CI, tau2 or Q)
sens_exclude_preprint      primary without the cohorts listed in config (the preprint)
sens_exclude_symptomatic   primary without the symptomatic-indication cohort
sens_exclude_abstract_only primary without the cohorts of papers the sheet marks ``abstract``
sens_alternative_values    primary with the paper's ``alternative`` figures in place
sens_logit_reml_hksj       proportions: logit IV, REML tau2, Hartung-Knapp CI
sens_ft_reml               proportions: Freeman-Tukey double arcsine IV, REML, harmonic-
                           mean back-transformation
sens_dl, sens_pm           IV with DerSimonian-Laird / Paule-Mandel tau2 (logit for
                           proportions, log for medians)
sens_impute_se             medians: studies without CI enter with SE = median(SE_j sqrt n_j)
                           / sqrt n_i
sens_ne_one_half           medians: a CI with one usable half (NE upper or 0 lower bound)
                           gives the one-half SE alone (the rule before Amendment 1)
sens_all_treated           ORR / DCR with all treated patients (``n_treated``) as the
                           denominator where the paper's response denominator is smaller
sens_heme_bounds           any grade >= 3 haematological toxicity where a cohort gives only
                           the categories (which may overlap): rows ``sens_heme_bounds_low``
                           (the largest category) and ``sens_heme_bounds_high`` (the sum of
                           anaemia, thrombocytopenia and leukopenia, at most n; lymphopenia
                           is never part of it: Amendment 2), primary model
sens_low_risk_only         primary on the cohorts not at high risk of bias (MINORS total above
                           config grade.minors_high_risk_total; Amendment 2)
common_effect              proportions: common-effect logistic model (metafor ``rma.glmm(
                           method="EE")``); medians: common-effect IV on log(median)
sens_bayes                 Bayesian random effects (binomial-normal on logits / normal-normal
                           on log medians), posterior by numerical integration (k >= 2)
leave_one_out              primary, omitting each cohort in turn (k >= 3)
=========================  ==============================================================

A sensitivity analysis is reported only where it changes the set of studies or the model
(e.g. sens_exclude_preprint only where the preprint is among the pooled cohorts).
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from .protocol import (
    ANALYSES,
    MEDIAN_ENDPOINTS,
    NO_CI,
    POOLED_COLUMNS,
    PROTOCOL_ENDPOINTS,
    SETTINGS,
    is_included,
    is_poolable,
)
from .stats import (
    BayesRandomEffects,
    GlmmLogit,
    InverseVariance,
    PoolResult,
    median_of_medians,
    q_between,
)
from .stats.metareg import GlmmMetaRegression
from .tables import num

HEME_BOUNDS = ("sens_heme_bounds_low", "sens_heme_bounds_high")
HEME_ENDPOINT = "tox_g3plus_any_hematologic"
HEME_CATEGORIES = (
    "tox_g3plus_anemia",
    "tox_g3plus_thrombocytopenia",
    "tox_g3plus_leukopenia",
)
SUBGROUP_COLUMNS = ("analysis", "endpoint", "q_between", "df", "p")
#: subgroup_tests.csv row of the binomial-normal meta-regression with setting as moderator
#: (common tau2; q_between holds its Wald QM, PROTOCOL.md Amendment 1), after the analyses
METAREG_SETTING = "metareg_setting"
LOO_COLUMNS = (
    "endpoint",
    "setting",
    "omitted_cohort",
    "estimate",
    "ci_low",
    "ci_high",
    "tau2",
    "i2",
)
WEIGHT_COLUMNS = ("endpoint", "setting", "cohort_id", "weight")
# analyses that change the studies rather than the model: reported only where they differ
SET_VARIANTS = frozenset(
    {
        "sens_exclude_preprint",
        "sens_exclude_symptomatic",
        "sens_exclude_abstract_only",
        "sens_alternative_values",
        "sens_impute_se",
        "sens_all_treated",
        "sens_low_risk_only",
    }
)


#: analyses without a Q-between test
NO_SUBGROUP_TEST = frozenset({"sens_bayes"})


@dataclass(frozen=True)
class Study:
    cohort_id: str
    events: float
    n: float
    median: float
    ci_low: float
    ci_high: float
    has_ci: bool
    n_treated: float = math.nan


@dataclass(frozen=True)
class Pooled:
    """One analysis of one endpoint in one setting: the studies it pools and the fitted model
    (``result``), or for the weighted median of medians the ``estimate`` alone."""

    analysis: str
    endpoint: str
    setting: str
    studies: tuple[Study, ...]
    result: PoolResult | None  # None for median_of_medians
    estimate: float = math.nan  # natural scale, for median_of_medians


def _study(row: dict, alternative: bool = False) -> Study:
    def pick(key: str) -> float:
        alt = num(row.get(f"alt_{key}"), math.nan) if alternative else math.nan
        return num(row.get(key), math.nan) if math.isnan(alt) else alt

    lo = pick("ci_low")
    return Study(
        row["cohort_id"],
        pick("events"),
        pick("n"),
        pick("median"),
        lo,
        pick("ci_high"),
        not math.isnan(lo),
        num(row.get("n_treated"), math.nan),
    )


def fit_proportions(
    model: str, studies: Sequence[Study], near: PoolResult | None = None
) -> PoolResult:
    """Pool proportions; ``near``: a GLMM fit to similar studies to start the optimiser from."""
    events = [s.events for s in studies]
    n = [s.n for s in studies]
    if model == "glmm":
        start = None if near is None else (near.estimate, math.sqrt(near.tau2))
        return GlmmLogit(start=start).fit(events, n)
    if model == "glmm_common":
        return GlmmLogit(common=True).fit(events, n)
    transform, tau2, hksj = {
        "iv_logit_reml_hksj": ("logit", "REML", True),
        "iv_ft_reml": ("ft", "REML", False),
        "iv_logit_dl": ("logit", "DL", False),
        "iv_logit_pm": ("logit", "PM", False),
        "iv_logit_reml": ("logit", "REML", False),
    }[model]
    return InverseVariance(transform=transform, tau2_method=tau2, hksj=hksj).fit_proportions(
        events, n
    )


def fit_medians(tau2: str, studies: Sequence[Study], ne_rule: str = "max_imputed") -> PoolResult:
    return InverseVariance(transform="log", tau2_method=tau2, ne_rule=ne_rule).fit_medians(
        [s.median for s in studies],
        [s.ci_low for s in studies],
        [s.ci_high for s in studies],
        [s.n for s in studies],
    )


@dataclass(frozen=True)
class Plan:
    """One analysis: which rows it uses and how it pools them."""

    name: str
    proportions: Callable[[Sequence[Study]], PoolResult] | None
    medians: Callable[[Sequence[Study]], PoolResult] | None
    exclude: frozenset[str] = frozenset()
    alternative: bool = False
    need_ci: bool = True  # medians: only studies with a 95% CI
    all_treated: bool = False  # proportions: n = all treated where that is larger


def fit_bayes_proportions(studies: Sequence[Study]) -> PoolResult:
    return BayesRandomEffects("binomial").fit([s.events for s in studies], [s.n for s in studies])


def fit_bayes_medians(studies: Sequence[Study]) -> PoolResult:
    return BayesRandomEffects("normal").fit_medians(
        [s.median for s in studies],
        [s.ci_low for s in studies],
        [s.ci_high for s in studies],
        [s.n for s in studies],
    )


def primary_estimate(rows: Sequence[dict], endpoint: str) -> float:
    """The primary model's estimate (natural scale) of analysis-table ``rows`` of one endpoint
    (k >= 2), e.g. the cohorts not at high risk of bias for GRADE (Amendment 2): the same
    fit as ``sens_low_risk_only``."""
    studies = [_study(r) for r in rows]
    if endpoint in MEDIAN_ENDPOINTS:
        return fit_medians("REML", studies).est_nat
    return fit_proportions("glmm", studies).est_nat


def has_one_half_ci(studies: Sequence[Study]) -> bool:
    """True if a study's CI has one usable half (NE upper bound, or a lower bound of 0)."""
    return any(s.has_ci and (math.isnan(s.ci_high) or s.ci_low == 0) for s in studies)


def plans(exclusions: dict[str, list[str]]) -> dict[str, Plan]:
    prim_p = lambda s: fit_proportions("glmm", s)  # noqa: E731
    prim_m = lambda s: fit_medians("REML", s)  # noqa: E731
    return {
        "primary": Plan("primary", prim_p, prim_m),
        "sens_exclude_preprint": Plan(
            "sens_exclude_preprint",
            prim_p,
            prim_m,
            frozenset(exclusions.get("sens_exclude_preprint", [])),
        ),
        "sens_exclude_symptomatic": Plan(
            "sens_exclude_symptomatic",
            prim_p,
            prim_m,
            frozenset(exclusions.get("sens_exclude_symptomatic", [])),
        ),
        "sens_exclude_abstract_only": Plan(
            "sens_exclude_abstract_only",
            prim_p,
            prim_m,
            frozenset(exclusions.get("sens_exclude_abstract_only", [])),
        ),
        "sens_alternative_values": Plan(
            "sens_alternative_values", prim_p, prim_m, alternative=True
        ),
        "sens_logit_reml_hksj": Plan(
            "sens_logit_reml_hksj", lambda s: fit_proportions("iv_logit_reml_hksj", s), None
        ),
        "sens_ft_reml": Plan("sens_ft_reml", lambda s: fit_proportions("iv_ft_reml", s), None),
        "sens_dl": Plan(
            "sens_dl", lambda s: fit_proportions("iv_logit_dl", s), lambda s: fit_medians("DL", s)
        ),
        "sens_pm": Plan(
            "sens_pm", lambda s: fit_proportions("iv_logit_pm", s), lambda s: fit_medians("PM", s)
        ),
        "sens_impute_se": Plan("sens_impute_se", None, prim_m, need_ci=False),
        "sens_ne_one_half": Plan(
            "sens_ne_one_half", None, lambda s: fit_medians("REML", s, "one_half")
        ),
        "sens_all_treated": Plan("sens_all_treated", prim_p, None, all_treated=True),
        "sens_low_risk_only": Plan(
            "sens_low_risk_only",
            prim_p,
            prim_m,
            frozenset(exclusions.get("sens_low_risk_only", [])),
        ),
        "common_effect": Plan(
            "common_effect",
            lambda s: fit_proportions("glmm_common", s),
            lambda s: fit_medians("FE", s),
        ),
        "sens_bayes": Plan("sens_bayes", fit_bayes_proportions, fit_bayes_medians),
    }


def _eligible(rows: list[dict], endpoint: str, setting: str, need_ci: bool) -> list[dict]:
    """Rows of the primary pool, or for need_ci=False also those held back only for no CI
    (or for being the one cohort of the setting)."""
    out = []
    for r in rows:
        if r["endpoint"] != endpoint or r["pooled_in"] != setting:
            continue
        if is_included(r) or (not need_ci and (is_poolable(r) or r["reason_code"] == NO_CI)):
            out.append(r)
    return out


def _blocks(only: tuple[str, str] | None) -> list[tuple[str, str]]:
    """The endpoint x setting pairs to compute: all, or ``only`` one."""
    if only is not None:
        return [only]
    return [(e, s) for e in PROTOCOL_ENDPOINTS for s in SETTINGS]


def run_analyses(
    rows: list[dict],
    analyses: Sequence[str],
    exclusions: dict[str, list[str]],
    only: tuple[str, str] | None = None,
) -> list[Pooled]:
    """Every analysis of every endpoint x setting (or of the ``only`` one)."""
    out: list[Pooled] = []
    table = plans(exclusions)
    for endpoint, setting in _blocks(only):
        is_median = endpoint in MEDIAN_ENDPOINTS
        base_rows = _eligible(rows, endpoint, setting, need_ci=True)
        base = tuple(_study(r) for r in base_rows)
        for name in analyses:
            if name == "median_of_medians":
                if not is_median:
                    continue
                sel = [_study(r) for r in _eligible(rows, endpoint, setting, need_ci=False)]
                if len(sel) >= 2:
                    est = median_of_medians([s.median for s in sel], [s.n for s in sel])
                    out.append(Pooled(name, endpoint, setting, tuple(sel), None, est))
                continue
            if name == "sens_heme_bounds":
                if endpoint == HEME_ENDPOINT:
                    out += heme_bounds(rows, setting, base)
                continue
            if name == "leave_one_out" or name not in table:
                continue
            plan = table[name]
            fit = plan.medians if is_median else plan.proportions
            if fit is None:
                continue
            sel_rows = _eligible(rows, endpoint, setting, need_ci=plan.need_ci or not is_median)
            sel = tuple(
                _study(r, plan.alternative) for r in sel_rows if r["cohort_id"] not in plan.exclude
            )
            if plan.all_treated:
                sel = tuple(_all_treated(s) for s in sel)
            if name in SET_VARIANTS and sel == base:
                continue  # same studies, same model as primary: nothing to report
            if name == "sens_ne_one_half" and not has_one_half_ci(sel):
                continue  # no CI with one usable half: the same SEs as primary
            if len(sel) < 2 or not estimable(name, is_median, sel):
                continue
            out.append(Pooled(name, endpoint, setting, sel, fit(sel)))
    return out


def _all_treated(s: Study) -> Study:
    """The study with all treated patients as its denominator, where that is larger."""
    if not math.isnan(s.n_treated) and s.n_treated > s.n:
        return replace(s, n=s.n_treated)
    return s


def heme_bounds(rows: list[dict], setting: str, base: Sequence[Study]) -> list[Pooled]:
    """``sens_heme_bounds``: the any-haematological pool with every cohort of the setting that
    gives only the categories (no any-haematological row) added as a lower bound (its largest
    category) and as an upper bound (the sum of its categories, at most n). Nothing where no
    cohort needs a bound, or where fewer than 2 cohorts result."""
    usable = [r for r in rows if r["pooled_in"] == setting and is_poolable(r)]
    stated = {r["cohort_id"] for r in usable if r["endpoint"] == HEME_ENDPOINT}
    own = tuple(_study(r) for r in usable if r["endpoint"] == HEME_ENDPOINT)
    categories: dict[str, list[dict]] = {}
    for r in usable:
        if r["endpoint"] in HEME_CATEGORIES and r["cohort_id"] not in stated:
            categories.setdefault(r["cohort_id"], []).append(r)
    if not categories:
        return []
    low, high = list(own), list(own)
    for cohort in sorted(categories):
        cats = [_study(r) for r in categories[cohort]]
        n = max(c.n for c in cats)
        top = max(cats, key=lambda c: (c.events / c.n, c.events))
        low.append(replace(top, cohort_id=cohort))
        high.append(replace(top, cohort_id=cohort, events=min(sum(c.events for c in cats), n), n=n))
    out = []
    for name, studies in zip(HEME_BOUNDS, (low, high), strict=True):
        studies = tuple(sorted(studies, key=lambda s: s.cohort_id))
        if len(studies) >= 2 and studies != tuple(base) and estimable("primary", False, studies):
            out.append(
                Pooled(name, HEME_ENDPOINT, setting, studies, fit_proportions("glmm", studies))
            )
    return out


def estimable(analysis: str, is_median: bool, studies: Sequence[Study]) -> bool:
    """False where the model has no maximum-likelihood estimate: the binomial-normal GLMM
    when no cohort (or every patient of every cohort) has the event (lme4 refuses too).
    Such a pool is left out of the results rather than stopping the whole synthesis.
    Medians: an inverse-variance pool needs at least one cohort with a 95% CI (without one,
    sens_impute_se has no SE·√n to impute from; e.g. a review left with CI-less medians)."""
    if is_median:
        return analysis == "median_of_medians" or any(s.has_ci for s in studies)
    if analysis not in ("primary", "common_effect", *SET_VARIANTS):
        return True
    events = sum(s.events for s in studies)
    return 0 < events < sum(s.n for s in studies)


#: Leave-one-out subsets of at least this many cohorts start the GLMM from the fit to all
#: cohorts: one cohort less barely moves the likelihood, and Newton from there takes half
#: the evaluations of the two default starts. Smaller subsets get the default starts, as the
#: likelihood of a few cohorts can have a second maximum in tau (tests/test_analyses.py).
WARM_START_MIN_K = 20


def leave_one_out(rows: list[dict], only: tuple[str, str] | None = None) -> list[dict]:
    """The primary analysis omitting each cohort in turn (k >= 3), for every endpoint x
    setting (or the ``only`` one)."""
    out = []
    for endpoint, setting in _blocks(only):
        is_median = endpoint in MEDIAN_ENDPOINTS
        studies = [_study(r) for r in _eligible(rows, endpoint, setting, need_ci=True)]
        if len(studies) < 3:
            continue
        if is_median:
            fit = lambda s: fit_medians("REML", s)  # noqa: E731
        else:
            warm = len(studies) > WARM_START_MIN_K and estimable("primary", False, studies)
            full = fit_proportions("glmm", studies) if warm else None
            fit = lambda s, full=full: fit_proportions("glmm", s, full)  # noqa: E731
        for i, omitted in enumerate(studies):
            rest = studies[:i] + studies[i + 1 :]
            if not estimable("primary", is_median, rest):
                continue
            res = fit(rest)
            out.append(
                {
                    "endpoint": endpoint,
                    "setting": setting,
                    "omitted_cohort": omitted.cohort_id,
                    "estimate": res.est_nat,
                    "ci_low": res.ci_low_nat,
                    "ci_high": res.ci_high_nat,
                    "tau2": res.tau2,
                    "i2": res.i2,
                }
            )
    return out


#: ``q_test`` of a pooled row: which heterogeneity test its ``q``, ``q_df`` and ``q_p`` hold
Q_TESTS = {
    "glmm": "lrt",  # likelihood-ratio test, saturated vs common logistic (metafor QE.LRT)
    "bayes_binomial_normal": "lrt",
    "iv": "cochran_q",  # Cochran's Q of the inverse-variance model (metafor QE)
    "bayes_normal_normal": "cochran_q",
}


def q_test(model: str) -> str:
    """The name of the heterogeneity test of a row whose model is ``model``."""
    for prefix, name in Q_TESTS.items():
        if model.startswith(prefix):
            return name
    return ""


def iv_heterogeneity(p: Pooled) -> dict:
    """tau2, I² and H² of the inverse-variance REML model of the row's cohorts (logit with
    0.5 added only to 0 / n cells for proportions; log(median) with the row's SEs for medians),
    with Q-profile 95% CIs of tau2 and I² (PROTOCOL.md Amendment 2; metafor
    ``confint(rma(yi, vi, method="REML"))``)."""
    from .stats import heterogeneity as het
    from .stats.medians import log_median_effects
    from .stats.tau2 import tau2_reml
    from .stats.transforms import logit_yi_vi

    if p.endpoint in MEDIAN_ENDPOINTS:
        rule = "one_half" if p.analysis == "sens_ne_one_half" else "max_imputed"
        yi, vi, _ = log_median_effects(
            [s.median for s in p.studies],
            [s.ci_low for s in p.studies],
            [s.ci_high for s in p.studies],
            [s.n for s in p.studies],
            rule,
        )
    else:
        yi, vi = logit_yi_vi([s.events for s in p.studies], [s.n for s in p.studies])
    tau2 = tau2_reml(yi, vi)
    lo, hi = het.qprofile_tau2_ci(yi, vi)
    i2, h2 = het.i2_h2(tau2, vi)
    return {
        "iv_tau2": tau2,
        "iv_tau2_ci_low": lo,
        "iv_tau2_ci_high": hi,
        "iv_i2": i2,
        "iv_i2_ci_low": het.i2_h2(lo, vi)[0],
        "iv_i2_ci_high": het.i2_h2(hi, vi)[0],
    }


def pooled_row(p: Pooled) -> dict:
    row = {
        "analysis": p.analysis,
        "endpoint": p.endpoint,
        "setting": p.setting,
        "k": len(p.studies),
        "n": int(sum(s.n for s in p.studies)),
        "cohorts": ";".join(s.cohort_id for s in p.studies),
    }
    if p.endpoint not in MEDIAN_ENDPOINTS:
        row["events"] = int(sum(s.events for s in p.studies))
    r = p.result
    if r is None:
        row.update(model="weighted_median", estimate=p.estimate)
        return row
    row.update(
        model=";".join((r.model, *r.notes)),
        estimate=r.est_nat,
        ci_low=r.ci_low_nat,
        ci_high=r.ci_high_nat,
        pi_low=r.pi_low_nat,
        pi_high=r.pi_high_nat,
        tau2=r.tau2,
        i2=r.i2,
        q=r.q,
        q_df=r.q_df,
        q_p=r.q_p,
        q_test=q_test(r.model),
        h2=r.h2,
        **iv_heterogeneity(p),
    )
    return row


def subgroup_tests(pooled: Sequence[Pooled]) -> list[dict]:
    by_key: dict[tuple[str, str], dict[str, PoolResult]] = {}
    for p in pooled:
        # the Bayesian posterior is summarised by quantiles, not a normal estimate and SE
        if p.result is not None and p.analysis not in NO_SUBGROUP_TEST:
            by_key.setdefault((p.analysis, p.endpoint), {})[p.setting] = p.result
    out = []
    for (analysis, endpoint), per_setting in by_key.items():
        if set(per_setting) != {"initial", "salvage"}:
            continue
        res = [per_setting["initial"], per_setting["salvage"]]
        q, df, pval = q_between([r.estimate for r in res], [r.se for r in res])
        out.append(
            {"analysis": analysis, "endpoint": endpoint, "q_between": q, "df": df, "p": pval}
        )
    return out


def setting_metaregression(pooled: Sequence[Pooled], store: object | None = None) -> list[dict]:
    """Initial vs salvage by binomial-normal meta-regression: the primary pools' cohorts of
    both settings in one model, ``logit p_i = b0 + b1 [salvage] + u_i``, one common tau2
    (metafor ``rma.glmm(measure="PLO", mods=~setting, method="ML")``). One row per proportion
    endpoint pooled in both settings: ``q_between`` = QM (Wald chi² of b1), df 1, its p.
    Descriptive only: the settings share patients (PROTOCOL.md Amendment 1)."""
    primary = {
        (p.endpoint, p.setting): p
        for p in pooled
        if p.analysis == "primary" and p.result is not None
    }
    out = []
    for endpoint in PROTOCOL_ENDPOINTS:
        if endpoint in MEDIAN_ENDPOINTS:
            continue
        both = [primary.get((endpoint, s)) for s in ("initial", "salvage")]
        if None in both:
            continue
        studies = [*both[0].studies, *both[1].studies]
        salvage = [0.0] * len(both[0].studies) + [1.0] * len(both[1].studies)
        events, n = [s.events for s in studies], [s.n for s in studies]
        if store is None:
            row = _metaregression_row(endpoint, events, n, salvage)
        else:
            row = store.value(
                f"metareg/{endpoint}",
                [events, n, salvage],
                lambda e=endpoint, x=events, m=n, d=salvage: _metaregression_row(e, x, m, d),
            )
        if row is not None:
            out.append(row)
    return out


def _metaregression_row(
    endpoint: str, events: list[float], n: list[float], salvage: list[float]
) -> dict | None:
    try:
        fit = GlmmMetaRegression().fit(events, n, [[1.0, d] for d in salvage])
    except ValueError:
        return None  # no ML estimate (e.g. 3 cohorts for 2 coefficients and tau2)
    return {
        "analysis": METAREG_SETTING,
        "endpoint": endpoint,
        "q_between": fit.qm,
        "df": fit.qm_df,
        "p": fit.qm_p,
    }


def weights(pooled: Sequence[Pooled]) -> list[dict]:
    out = []
    for p in pooled:
        if p.analysis != "primary" or p.result is None:
            continue
        for s, w in zip(p.studies, p.result.weights, strict=True):
            out.append(
                {
                    "endpoint": p.endpoint,
                    "setting": p.setting,
                    "cohort_id": s.cohort_id,
                    "weight": w,
                }
            )
    return out


PRIOR_COLUMNS = (
    "endpoint",
    "setting",
    "k",
    "mu_prior_sd",
    "tau_prior_sd",
    "protocol_prior",
    "estimate",
    "ci_low",
    "ci_high",
    "tau",
    "pi_low",
    "pi_high",
    "cohorts",
)
#: sens_bayes prior sensitivity (PROTOCOL.md Amendment 2): (mu prior SD, tau prior scale)
#: per likelihood; the protocol's priors are N(0, 10²) with half-normal(1) / half-normal(0.5)
PRIORS = {
    "binomial": tuple((mu, tau) for mu in (10.0, 1.5) for tau in (0.5, 1.0, 2.0)),
    "normal": tuple((10.0, tau) for tau in (0.25, 0.5, 1.0)),
}


def prior_sensitivity(pooled: Sequence[Pooled]) -> list[dict]:
    """sens_bayes refitted under each prior of :data:`PRIORS`, for every primary pool with
    k >= 2 (results/bayes_prior_sensitivity.csv)."""
    from .stats.bayes import MU_PRIOR_SD, TAU_PRIOR_SD

    out = []
    for p in pooled:
        if p.analysis != "primary" or p.result is None:
            continue
        median = p.endpoint in MEDIAN_ENDPOINTS
        likelihood = "normal" if median else "binomial"
        for mu_sd, tau_sd in PRIORS[likelihood]:
            # a wider tau prior gets as many grid points per prior SD as the protocol's
            steps = max(1, round(tau_sd / TAU_PRIOR_SD[likelihood]))
            model = BayesRandomEffects(likelihood, n_tau=1 + 80 * steps, tau_sd=tau_sd, mu_sd=mu_sd)
            if median:
                r = model.fit_medians(
                    [s.median for s in p.studies],
                    [s.ci_low for s in p.studies],
                    [s.ci_high for s in p.studies],
                    [s.n for s in p.studies],
                )
            else:
                r = model.fit([s.events for s in p.studies], [s.n for s in p.studies])
            protocol = mu_sd == MU_PRIOR_SD and tau_sd == TAU_PRIOR_SD[likelihood]
            out.append(
                {
                    "endpoint": p.endpoint,
                    "setting": p.setting,
                    "k": len(p.studies),
                    "mu_prior_sd": mu_sd,
                    "tau_prior_sd": tau_sd,
                    "protocol_prior": "true" if protocol else "false",
                    "estimate": r.est_nat,
                    "ci_low": r.ci_low_nat,
                    "ci_high": r.ci_high_nat,
                    "tau": math.sqrt(r.tau2),
                    "pi_low": r.pi_low_nat,
                    "pi_high": r.pi_high_nat,
                    "cohorts": ";".join(s.cohort_id for s in p.studies),
                }
            )
    return out


#: order of the analysis column of pooled.csv and subgroup_tests.csv
OUTPUT_ORDER = (
    *ANALYSES[: ANALYSES.index("sens_heme_bounds") + 1],
    *HEME_BOUNDS,
    *ANALYSES[ANALYSES.index("sens_heme_bounds") + 1 :],
    METAREG_SETTING,
)


def order_key(row: dict) -> tuple:
    names = OUTPUT_ORDER
    return (
        names.index(row["analysis"]),
        PROTOCOL_ENDPOINTS.index(row["endpoint"]),
        row.get("setting", ""),
    )


def block_rows(rows: list[dict], endpoint: str, setting: str) -> list[dict]:
    """The rows the analyses of ``endpoint`` x ``setting`` read: the endpoint's cohorts pooled
    in the setting, and for the any-haematological endpoint its categories' too
    (``sens_heme_bounds``)."""
    wanted = {endpoint, *(HEME_CATEGORIES if endpoint == HEME_ENDPOINT else ())}
    return [r for r in rows if r["endpoint"] in wanted and r["pooled_in"] == setting]


#: what the forked workers of :func:`run_blocks` read (set before they are forked)
_SHARED: tuple | None = None


def _block(block: tuple[str, str]) -> dict[str, bytes]:
    """The analyses, leave-one-out and prior-sensitivity rows of one endpoint x setting
    block, pickled (a cache entry's files)."""
    import pickle

    assert _SHARED is not None
    rows, analyses, exclusions = _SHARED
    sub = block_rows(rows, *block)
    res = run_analyses(sub, analyses, exclusions, only=block)
    out = leave_one_out(sub, only=block) if "leave_one_out" in analyses else []
    prior = prior_sensitivity(res) if "sens_bayes" in analyses else []
    return {"block.pickle": pickle.dumps((res, out, prior), protocol=5)}


def run_blocks(
    rows: list[dict],
    analyses: Sequence[str],
    exclusions: dict[str, list[str]],
    store: object | None = None,
    jobs: int = 1,
) -> tuple[list[Pooled], list[dict], list[dict]]:
    """:func:`run_analyses`, :func:`leave_one_out` and :func:`prior_sensitivity` (when
    ``leave_one_out`` / ``sens_bayes`` are listed in ``analyses``), one
    endpoint x setting at a time, in the same order. With ``store`` (a
    :class:`litmeta.cache.Store`), a block whose rows, analyses, exclusions and code are
    unchanged is read from the cache instead of being fitted again. The blocks left to fit
    are fitted in up to ``jobs`` forked workers (:func:`litmeta.forked.map_forked`), the
    largest first; the same numbers for any ``jobs``, each block being fitted on its own."""
    import pickle

    from .cache import digest
    from .forked import map_forked

    global _SHARED
    blocks = list(_blocks(None))
    files: dict[tuple[str, str], dict[str, bytes]] = {}
    keys: dict[tuple[str, str], str] = {}
    for block in blocks:
        if store is None:
            continue
        sub = block_rows(rows, *block)
        keys[block] = digest("analyses/" + "/".join(block), [sub, list(analyses), exclusions])
        hit = store.get(keys[block], "/".join(block), ["block.pickle"])
        if hit is not None:
            files[block] = hit
    todo = [block for block in blocks if block not in files]
    _SHARED = (rows, analyses, exclusions)
    try:
        fitted = map_forked(_block, todo, jobs, cost=lambda block: len(block_rows(rows, *block)))
    finally:
        _SHARED = None
    for block, computed in zip(todo, fitted, strict=True):
        files[block] = computed
        if store is not None:
            store.put(keys[block], computed)
    pooled: list[Pooled] = []
    loo: list[dict] = []
    priors: list[dict] = []
    for block in blocks:
        res, out, prior = pickle.loads(files[block]["block.pickle"])
        pooled += res
        loo += out
        priors += prior
    return pooled, loo, priors


def write_results(
    analysis_table: str,
    analyses: Sequence[str],
    exclusions: dict[str, list[str]],
    abstract_only: Sequence[str],
    pooled: str,
    subgroups: str,
    loo: str,
    weights_out: str,
    low_risk: set[str] | None = None,
    priors_out: str | None = None,
    jobs: int = 1,
) -> None:
    """Read the analysis table, run every analysis in ``analyses`` (``exclusions``: the
    cohorts each ``sens_exclude_*`` analysis leaves out; ``abstract_only``: the paper ids
    whose source is only an abstract, for ``sens_exclude_abstract_only``; ``low_risk``: the
    cohorts not at high risk of bias, the only ones ``sens_low_risk_only`` keeps), and write
    results/pooled.csv, subgroup_tests.csv, leave_one_out.csv, weights.csv and (``priors_out``)
    bayes_prior_sensitivity.csv. Unchanged
    blocks come from the cache (litmeta.cache); the others are fitted in up to ``jobs``
    worker processes."""
    import sys

    from .cache import Store
    from .tables import read_rows, write_csv

    rows = read_rows(analysis_table)
    exclusions = {
        **exclusions,
        "sens_exclude_abstract_only": sorted(
            {r["cohort_id"] for r in rows if r["paper_id"] in set(abstract_only)}
        ),
        "sens_low_risk_only": sorted({r["cohort_id"] for r in rows} - (low_risk or set())),
    }
    store = Store("analyses")
    results, loo_rows, prior_rows = run_blocks(rows, analyses, exclusions, store, jobs)
    write_csv(pooled, POOLED_COLUMNS, sorted((pooled_row(p) for p in results), key=order_key))
    tests = subgroup_tests(results) + setting_metaregression(results, store)
    print(
        f"analyses: {len(store.hits)} of {len(store.hits) + len(store.misses)} "
        "(endpoint x setting blocks, meta-regressions) from the cache",
        file=sys.stderr,
    )
    write_csv(subgroups, SUBGROUP_COLUMNS, sorted(tests, key=order_key))
    write_csv(loo, LOO_COLUMNS, loo_rows)
    write_csv(weights_out, WEIGHT_COLUMNS, weights(results))
    if priors_out is not None:
        write_csv(priors_out, PRIOR_COLUMNS, prior_rows)
