"""Names that are part of the output contract: endpoints, statistics, settings, populations.

Endpoint names of the protocol (PROTOCOL.md) are used verbatim.  Three helper endpoints hold
what the protocol endpoints are computed from: ``cohort_size`` (the populations),
``best_response`` (CR/PR/SD/PD counts) and ``tox_g3plus_pancytopenia`` (a grade 3
pancytopenia counts once for each of anaemia, thrombocytopenia and leukopenia).
"""

from __future__ import annotations

import re

SETTINGS = ("initial", "salvage")
POOLED_IN = ("initial", "salvage", "none")
STATUSES = ("reported", "derived", "implied")

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
HELPER_ENDPOINTS = ("cohort_size", "best_response", "tox_g3plus_pancytopenia")
ENDPOINTS = (*HELPER_ENDPOINTS, *PROTOCOL_ENDPOINTS)

POPULATION = {e: "efficacy" for e in (*PROPORTION_ENDPOINTS, *MEDIAN_ENDPOINTS, "best_response")}
POPULATION.update({e: "safety" for e in (*SAFETY_ENDPOINTS, "tox_g3plus_pancytopenia")})
POPULATION["cohort_size"] = "all"

RESPONSE_CATEGORIES = ("cr", "pr", "sd", "pd", "ne", "clinical_pd", "died")

_COUNTS = {
    "cohort_size": {"n_enrolled", "n_efficacy", "n_safety"},
    "best_response": {*RESPONSE_CATEGORIES, "n"},
    "orr": {"events", "n"},
    "dcr": {"events", "n"},
    "mds_aml": {"events", "n", "aml", "mds"},
}
_TOX_STAT = re.compile(r"^(?:[a-z]+_)?(?:g3|g4|g3g4)$|^(?:events|n)$")
_MEDIAN_STATS = {"median", "ci_low", "ci_high", "n"}

# value type of a placeholder when the spec does not say
DEFAULT_TYPE = {"median": "median", "ci_low": "bound", "ci_high": "bound"}


def is_valid_statistic(endpoint: str, statistic: str) -> bool:
    base = statistic[:-4] if statistic.endswith("_pct") else statistic
    if endpoint in MEDIAN_ENDPOINTS:
        return statistic in _MEDIAN_STATS
    if endpoint in _COUNTS:
        return base in _COUNTS[endpoint] and not (statistic.endswith("_pct") and base == "n")
    if endpoint.startswith("tox_g3plus_"):
        return bool(_TOX_STAT.match(base)) and not (statistic.endswith("_pct") and base == "n")
    return False


def default_type(statistic: str) -> str:
    if statistic.endswith("_pct"):
        return "num"
    return DEFAULT_TYPE.get(statistic, "count")
