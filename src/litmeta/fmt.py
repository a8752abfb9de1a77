"""Number formatting shared by the plots and the report, so that a number reads the same
in a forest plot, the summary of findings and the evidence page (the names of endpoints and
settings are in :mod:`litmeta.protocol`).

Proportions are shown in percent with one decimal, medians in months with one decimal,
intervals as ``low–high`` (en dash) with ``NE`` for a bound the paper could not estimate,
τ² with four decimals, I² in percent with one decimal, p-values with three decimals
(``p < 0.001`` below that).
"""

from __future__ import annotations

import math

from .protocol import ENDPOINT_LABELS, MEDIAN_ENDPOINTS

DASH = "\u2013"
TAU2 = "\u03c4\u00b2"
I2 = "I\u00b2"
GE = "\u2265"

MODEL_LABELS = {
    "glmm_logit_ml": "random effects, binomial-normal GLMM (logit, ML)",
    "iv_log_REML": "random effects, inverse variance on log(median), REML",
    "glmm_logit_common": "common effect, logistic (ML)",
    "iv_log_FE": "common effect, inverse variance on log(median)",
    "weighted_median": "sample-size-weighted median of medians",
    "bayes_binomial_normal": "Bayesian binomial-normal (logit), posterior median",
    "bayes_normal_normal": "Bayesian normal-normal on log(median), posterior median",
}


def is_median(endpoint: str) -> bool:
    return endpoint in MEDIAN_ENDPOINTS


def endpoint_label(endpoint: str) -> str:
    return ENDPOINT_LABELS.get(endpoint, endpoint)


def model_label(model: str) -> str:
    if model in MODEL_LABELS:
        return MODEL_LABELS[model]
    parts = model.split("_")
    if parts[0] == "iv" and len(parts) >= 3:
        scale = {"logit": "logit", "ft": "Freeman-Tukey", "log": "log(median)"}.get(
            parts[1], parts[1]
        )
        text = f"inverse variance on the {scale} scale, {parts[2]} \u03c4\u00b2"
        return text + (", Hartung-Knapp CI" if "hksj" in parts[3:] else "")
    return model


def unit(endpoint: str) -> str:
    return "months" if is_median(endpoint) else "%"


def number(endpoint: str, x: float | None) -> str:
    """A point value on the natural scale: percent for proportions, months for medians."""
    if x is None or (isinstance(x, float) and math.isnan(x)):
        return "NE"
    return f"{x:.1f}" if is_median(endpoint) else f"{100 * x:.1f}"


def interval(endpoint: str, lo: float | None, hi: float | None) -> str:
    """``low–high``; a missing bound (None or NaN) is printed ``NE``."""
    return f"{number(endpoint, lo)}{DASH}{number(endpoint, hi)}"


def estimate_ci(endpoint: str, est: float, lo: float | None, hi: float | None) -> str:
    return f"{number(endpoint, est)} ({interval(endpoint, lo, hi)})"


def with_unit(endpoint: str, text: str) -> str:
    """``33.5%`` or ``22.5 months`` for a number already formatted by :func:`number`."""
    return f"{text} months" if is_median(endpoint) else f"{text}%"


def estimate_ci_unit(endpoint: str, est: float, lo: float | None, hi: float | None) -> str:
    """``33.5% (95% CI 12.0–65.0)`` or ``13.2 months (95% CI 11.1–15.7)``."""
    return f"{with_unit(endpoint, number(endpoint, est))} (95% CI {interval(endpoint, lo, hi)})"


def interval_unit(endpoint: str, lo: float | None, hi: float | None) -> str:
    """``3.1–88.8%`` or ``20.1–29.3 months``."""
    return with_unit(endpoint, interval(endpoint, lo, hi))


def tau2(x: float) -> str:
    if x == 0:
        return "0"
    if abs(x) < 0.0001:
        return "< 0.0001"
    return f"{x:.4f}"


def i2(x: float) -> str:
    return f"{x:.1f}%"


def q(x: float) -> str:
    return f"{x:.2f}"


def p(x: float) -> str:
    """``p < 0.001`` or ``p = 0.201``."""
    return "p < 0.001" if x < 0.001 else f"p = {x:.3f}"


def weight(w: float) -> str:
    return f"{w:.1f}%"


def count(x: float) -> str:
    return str(int(round(x)))


#: PROTOCOL.md Amendment 2, few cohorts: below this k the sens_bayes credible interval is
#: shown beside the primary estimate, and above ONE_COHORT_WEIGHT percent of the weight in
#: one cohort the text says "≈ one cohort"
FEW_COHORTS_K = 5
ONE_COHORT_WEIGHT = 80.0
SINGLE_COHORT = "single cohort, not pooled"


def _float(x: object) -> float | None:
    if x is None or x == "":
        return None
    v = float(x)  # type: ignore[arg-type]
    return None if math.isnan(v) else v


def heterogeneity(row: dict) -> str:
    """A pooled row's heterogeneity: τ², I², its test named as pooled.csv's ``q_test`` says
    (the GLMM's likelihood-ratio test, or Cochran's Q) and the inverse-variance I² with its
    Q-profile 95% CI (Amendment 2)."""
    name = {"lrt": "LRT", "cochran_q": "Q"}.get(row.get("q_test", ""), "Q")
    text = (
        f"{TAU2} = {tau2(float(row['tau2']))}, {I2} = {i2(float(row['i2']))}, "
        f"{name} = {q(float(row['q']))} (df = {count(float(row['q_df']))}), "
        f"{p(float(row['q_p']))}"
    )
    iv, lo, hi = (_float(row.get(c)) for c in ("iv_i2", "iv_i2_ci_low", "iv_i2_ci_high"))
    if iv is not None and lo is not None and hi is not None and row.get("model") != "iv_log_REML":
        text += f"; inverse-variance {I2} = {i2(iv)} (95% CI {lo:.1f}{DASH}{hi:.1f}%)"
    elif iv is not None and lo is not None and hi is not None:
        text += f" (95% CI {lo:.1f}{DASH}{hi:.1f}%)"
    return text


def few_cohorts(
    endpoint: str,
    k: int,
    bayes_low: float | None,
    bayes_high: float | None,
    max_weight: float | None,
) -> str:
    """What Amendment 2 shows beside a primary estimate of few cohorts: the sens_bayes 95%
    credible interval (k < :data:`FEW_COHORTS_K`) and "≈ one cohort: 88 % of the weight"
    (one cohort above :data:`ONE_COHORT_WEIGHT` percent); "" when neither applies."""
    parts = []
    if k < FEW_COHORTS_K and bayes_low is not None and bayes_high is not None:
        parts.append(f"Bayesian 95% CrI {interval_unit(endpoint, bayes_low, bayes_high)}")
    if max_weight is not None and max_weight > ONE_COHORT_WEIGHT:
        parts.append(f"\u2248 one cohort: {max_weight:.0f} % of the weight")
    return "; ".join(parts)


def single_cohort(endpoint: str, est: float, lo: float | None, hi: float | None) -> str:
    """A k = 1 result: its own estimate and CI, labelled :data:`SINGLE_COHORT`."""
    return f"{estimate_ci_unit(endpoint, est, lo, hi)}, {SINGLE_COHORT}"
