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
