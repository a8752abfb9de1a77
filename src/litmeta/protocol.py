"""The contracts every stage shares: endpoints, statistics, settings and their labels, the
analysis names, and the reason codes of the analysis table (PROTOCOL.md, Amendment 1).

Ground floor: this module imports nothing from the package and nothing heavy, so that any
stage (extraction, harmonisation, analyses, plots, report, the Snakefile) can read it.

Endpoint names of the protocol are used verbatim.  Three helper endpoints hold what the
protocol endpoints are computed from: ``cohort_size`` (the populations), ``best_response``
(CR/PR/SD/PD counts) and ``tox_g3plus_pancytopenia`` (a grade 3 pancytopenia counts once for
each of anaemia, thrombocytopenia and leukopenia).

Reason codes (``reason_code`` of results/analysis_table.csv, beside the human ``reason``):
a stable short code says why a cohort's row is not in the primary analysis; every decision
(which rows an analysis pools, the plots' note column, the summary-of-findings flags) reads
the code, never the text.  ``not_pooled_*`` codes come from the spec's ``reason_code`` of a
cohort with ``pooled_in: none`` (:data:`NOT_POOLED_CODES`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping

# ------------------------------------------------------------------ settings
SETTINGS = ("initial", "salvage")
POOLED_IN = (*SETTINGS, "none")
STATUSES = ("reported", "derived", "implied")

#: the settings as the plots and the report name them
SETTING_LABELS = {
    "initial": "Initial PRRT (first course)",
    "salvage": "Salvage PRRT (re-treatment)",
}

#: PROTOCOL.md Amendment 1: the initial vs salvage comparison is descriptive
SETTINGS_DESCRIPTIVE = (
    "Descriptive only: the settings share patients (a salvage course follows an initial one "
    "in the same patients) and salvage cohorts are selected for earlier benefit."
)

# ------------------------------------------------------------------ endpoints
PROPORTION_ENDPOINTS = ("orr", "dcr")
MEDIAN_ENDPOINTS = ("pfs_median", "os_median")
HEMATOLOGIC = (
    "tox_g3plus_anemia",
    "tox_g3plus_thrombocytopenia",
    "tox_g3plus_leukopenia",
    "tox_g3plus_lymphopenia",
)
TOX_ENDPOINTS = (
    *HEMATOLOGIC,
    "tox_g3plus_any_hematologic",
    "tox_g3plus_renal",
    "tox_g3plus_hepatic",
)
SAFETY_ENDPOINTS = (*TOX_ENDPOINTS, "mds_aml")
PROTOCOL_ENDPOINTS = (*PROPORTION_ENDPOINTS, *MEDIAN_ENDPOINTS, *SAFETY_ENDPOINTS)
HELPER_ENDPOINTS = ("cohort_size", "best_response", "tox_g3plus_pancytopenia", "followup_median")
ENDPOINTS = (*HELPER_ENDPOINTS, *PROTOCOL_ENDPOINTS)

POPULATION = {e: "efficacy" for e in (*PROPORTION_ENDPOINTS, *MEDIAN_ENDPOINTS, "best_response")}
POPULATION.update({e: "safety" for e in (*SAFETY_ENDPOINTS, "tox_g3plus_pancytopenia")})
POPULATION["cohort_size"] = "all"
POPULATION["followup_median"] = "all"

ENDPOINT_LABELS = {
    "orr": "Objective response rate (ORR)",
    "dcr": "Disease control rate (DCR)",
    "pfs_median": "Median progression-free survival",
    "os_median": "Median overall survival",
    "tox_g3plus_anemia": "Grade \u2265 3 anaemia",
    "tox_g3plus_thrombocytopenia": "Grade \u2265 3 thrombocytopenia",
    "tox_g3plus_leukopenia": "Grade \u2265 3 leukopenia (incl. neutropenia)",
    "tox_g3plus_lymphopenia": "Grade \u2265 3 lymphopenia",
    "tox_g3plus_any_hematologic": "Grade \u2265 3 haematological toxicity (any)",
    "tox_g3plus_renal": "Grade \u2265 3 renal toxicity",
    "tox_g3plus_hepatic": "Grade \u2265 3 hepatic toxicity",
    "mds_aml": "Myelodysplastic syndrome or acute myeloid leukaemia",
}

# ------------------------------------------------------------------ statistics
# mr: minor response (e.g. modified SWOG, 25-50 % shrinkage), in DCR, never in ORR
# (PROTOCOL.md Amendment 2)
RESPONSE_CATEGORIES = ("cr", "pr", "sd", "pd", "ne", "clinical_pd", "died", "mr")

_COUNTS = {
    "cohort_size": {"n_enrolled", "n_efficacy", "n_safety"},
    "best_response": {*RESPONSE_CATEGORIES, "n"},
    "orr": {"events", "n"},
    "dcr": {"events", "n"},
    "mds_aml": {"events", "n", "aml", "mds"},
}
_TOX_STAT = re.compile(r"^(?:[a-z]+_)?(?:g3|g4|g3g4)$|^(?:events|n)$")
# a range printed instead of a CI is kept as a range, never used as a CI (Amendment 2)
_MEDIAN_STATS = {"median", "ci_low", "ci_high", "range_low", "range_high", "n"}
#: the cohort's median follow-up (a study characteristic, never an endpoint's median)
_FOLLOWUP_STATS = {"median", "range_low", "range_high"}


def is_valid_statistic(endpoint: str, statistic: str) -> bool:
    base = statistic[:-4] if statistic.endswith("_pct") else statistic
    if endpoint in MEDIAN_ENDPOINTS:
        return statistic in _MEDIAN_STATS
    if endpoint == "followup_median":
        return statistic in _FOLLOWUP_STATS
    if endpoint in _COUNTS:
        return base in _COUNTS[endpoint] and not (statistic.endswith("_pct") and base == "n")
    if endpoint.startswith("tox_g3plus_"):
        return bool(_TOX_STAT.match(base)) and not (statistic.endswith("_pct") and base == "n")
    return False


# ------------------------------------------------------------------ analyses
#: every analysis of the protocol, in the order of the outputs (implementations:
#: :mod:`litmeta.analyses`); config ``analyses`` names a subset
ANALYSES = (
    "primary",
    "median_of_medians",
    "sens_exclude_preprint",
    "sens_exclude_symptomatic",
    "sens_exclude_abstract_only",
    "sens_alternative_values",
    "sens_logit_reml_hksj",
    "sens_ft_reml",
    "sens_dl",
    "sens_pm",
    "sens_impute_se",
    "sens_ne_one_half",
    "sens_all_treated",
    "sens_heme_bounds",
    "sens_low_risk_only",
    "common_effect",
    "sens_bayes",
    "leave_one_out",
)

#: order and wording of the pooled.csv analyses in plots (config `analyses`, PROTOCOL.md;
#: sens_heme_bounds writes a _low and a _high row)
ANALYSIS_LABELS = {
    "primary": "Primary analysis",
    "median_of_medians": "Weighted median of medians",
    "sens_exclude_preprint": "Excluding the preprint",
    "sens_exclude_symptomatic": "Excluding the symptomatic-indication cohort",
    "sens_exclude_abstract_only": "Excluding abstract-only sources",
    "sens_alternative_values": "Alternative extraction values",
    "sens_logit_reml_hksj": "Logit IV, REML, Hartung-Knapp CI",
    "sens_ft_reml": "Freeman-Tukey IV, REML",
    "sens_dl": "IV, DerSimonian-Laird \u03c4\u00b2",
    "sens_pm": "IV, Paule-Mandel \u03c4\u00b2",
    "sens_impute_se": "SE imputed for medians without CI",
    "sens_ne_one_half": "NE bound: one-half SE (rule before Amendment 1)",
    "sens_all_treated": "All treated patients as the denominator",
    "sens_heme_bounds_low": "Categories only: lower bound (largest category)",
    "sens_heme_bounds_high": "Categories only: upper bound (sum of categories)",
    "sens_low_risk_only": "Cohorts not at high risk of bias only",
    "common_effect": "Common-effect model",
    "sens_bayes": "Bayesian random effects (posterior median, 95% CrI)",
}

#: the plots drawn for every endpoint: kind -> (its category and label in `snakemake
#: --report`); each is drawn by the module ``litmeta.plots.<kind>`` and captioned by
#: workflow/report/<kind>.rst
PLOT_KINDS = {
    "forest": ("Forest plots", "forest"),
    "sensitivity": ("Sensitivity analyses", "sensitivity"),
    "loo": ("Leave-one-out", "leave-one-out"),
}

# ------------------------------------------------------------------ reason codes
#: median not reached: shown, never pooled
NR = "nr"
#: a median without a 95% CI: median_of_medians and sens_impute_se only
NO_CI = "no_ci"
#: a 95% CI whose lower bound is 0 / NE beside an upper bound: shown, not pooled
HALF_CI_ZERO = "half_ci_zero"
HALF_CI_NE = "half_ci_ne"
#: the only poolable cohort of its setting for the endpoint: shown, not pooled
K1 = "k1"
#: prefix of the codes of cohorts the spec does not pool (``pooled_in: none``)
NOT_POOLED = "not_pooled_"

#: the spec's ``reason_code`` of a cohort with ``pooled_in: none``, and its plot label
NOT_POOLED_CODES = {
    "selection": "selected population",
    "overlap": "overlapping patients",
    "too_small": "too small",
    "other": "not pooled",
}

#: human text of each code (``reason`` of the analysis table); ``{}`` takes the detail
REASON_TEXT = {
    NR: "median not reached (NR): shown, never pooled",
    NO_CI: "no 95% CI: enters median_of_medians and sens_impute_se only",
    HALF_CI_ZERO: "95% CI lower bound 0: its log is unusable; shown, not pooled",
    HALF_CI_NE: "95% CI lower bound NE: its log is unusable; shown, not pooled",
    K1: "only cohort of its setting with this endpoint (k = 1): shown, not pooled",
    **{NOT_POOLED + code: "cohort not pooled: {}" for code in NOT_POOLED_CODES},
}

#: a few words per code for the plots' note column and the report's cohort tables
REASON_LABELS = {
    NR: "median NR",
    NO_CI: "no 95% CI",
    HALF_CI_ZERO: "95% CI lower bound 0",
    HALF_CI_NE: "95% CI lower bound NE",
    K1: "k = 1",
    **{NOT_POOLED + code: label for code, label in NOT_POOLED_CODES.items()},
}

REASON_CODES = tuple(REASON_TEXT)


def not_pooled_code(spec_code: str) -> str:
    """The analysis-table code of a cohort the spec does not pool (``selection`` ->
    ``not_pooled_selection``)."""
    return NOT_POOLED + spec_code


def reason_text(code: str, detail: str = "") -> str:
    """The human reason of a code; ``detail``: the spec's reason of a cohort not pooled."""
    return REASON_TEXT[code].format(detail) if code else ""


def short_reason(code: str) -> str:
    """A few words for a code (the plots' note column; the full reason goes in the
    footnotes); empty for an included row."""
    return REASON_LABELS[code] if code else ""


_Row = Mapping[str, str]


def is_included(row: _Row) -> bool:
    """The row enters the primary analysis (``included`` of the analysis table)."""
    return row.get("included", "") in (True, "true")


def is_poolable(row: _Row) -> bool:
    """Included, or held back only because it is the one cohort of its setting (k = 1)."""
    return is_included(row) or row.get("reason_code") == K1


def k_poolable(rows: Iterable[_Row]) -> int:
    """Cohorts of a setting that the primary analysis could pool: included ones plus the
    single cohort left alone when k = 1."""
    return sum(1 for r in rows if is_poolable(r))


def is_selected_population(row: _Row) -> bool:
    """A cohort the spec does not pool because its patients were selected (PROTOCOL.md)."""
    return row.get("reason_code") == not_pooled_code("selection")


#: the columns of results/pooled.csv, in order (one row per analysis x endpoint x setting);
#: the summary of findings repeats the estimate's columns from ``model`` to ``i2``
POOLED_COLUMNS = (
    "analysis",
    "endpoint",
    "setting",
    "model",
    "k",
    "n",
    "events",
    "estimate",
    "ci_low",
    "ci_high",
    "pi_low",
    "pi_high",
    "tau2",
    "i2",
    "q",
    "q_df",
    "q_p",
    "q_test",
    "h2",
    "iv_tau2",
    "iv_tau2_ci_low",
    "iv_tau2_ci_high",
    "iv_i2",
    "iv_i2_ci_low",
    "iv_i2_ci_high",
    "cohorts",
)
