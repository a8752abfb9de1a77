"""GRADE certainty of each pooled outcome (PROTOCOL.md Amendments 1 and 2).

Single-arm observational cohorts start at **low** certainty. Each domain is one small rule
(:data:`RULES`) that reads the result tables through a :class:`Pool` and returns a
:class:`Step`: how many levels it rates down (0, 1 or 2; ``None`` when the domain cannot be
assessed) and why, in words a clinician reads, built from the numbers of the outputs. The
thresholds come from config/config.yaml (section ``grade``, :class:`Thresholds`) and are
explained in results/README.md.

==================  ==========================================================================
domain              rule (PROTOCOL.md Amendment 2)
==================  ==========================================================================
risk_of_bias        cohorts with a MINORS total at or below ``minors_high_risk_total`` (or not
                    assessed) hold ``risk_of_bias_share`` of the patients and leaving them out
                    (``sens_low_risk_only``) moves the estimate by more than
                    ``risk_of_bias_shift_proportion`` / ``_median`` or leaves no cohort
inconsistency       k >= 3: the larger of I² of the inverse-variance REML model (``i2``) and a
                    95% PI wider than ``pi_width_proportion`` / upper/lower above
                    ``pi_ratio_median`` (once); k = 2: the primary row's heterogeneity test
                    (GLMM: likelihood-ratio) with p < ``inconsistency_k2_p``, or cohort CIs
                    that do not overlap (once). The Bayesian τ is reported, not rated
indirectness        share of the primary weight from cohorts outside the protocol population
                    (``indirectness`` in config/risk_of_bias): ``indirect_share``, for the
                    endpoints of ``indirect_endpoints`` only
imprecision         95% CI wider than ``ci_width_proportion`` (upper/lower above
                    ``ci_ratio_median`` for medians), once / twice; below ``few_cohorts_k``
                    cohorts the wider of the CI and the sens_bayes CrI. No minimum of patients
publication_bias    only with k >= ``publication_bias_min_k``: once if Egger's test has
                    p < ``publication_bias_p`` (Peters' test reported beside it); otherwise
                    not assessed, and the sources were not found by a systematic search
==================  ==========================================================================
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from dataclasses import dataclass, field
from importlib import resources

from .. import fmt
from ..errors import InputError

LEVELS = {4: "high", 3: "moderate", 2: "low", 1: "very low"}
START = 2  # low: single-arm, observational
WORDS = {1: "once", 2: "twice"}


@dataclass(frozen=True)
class Pair:
    once: float
    twice: float

    def level(self, x: float) -> int:
        """At or above ``once`` / ``twice`` (shares, percentages)."""
        return 2 if x >= self.twice else 1 if x >= self.once else 0

    def above(self, x: float) -> int:
        """Strictly above ``once`` / ``twice`` (widths and ratios)."""
        return 2 if x > self.twice else 1 if x > self.once else 0


@dataclass(frozen=True)
class Thresholds:
    minors_high_risk_total: int
    risk_of_bias_share: Pair
    risk_of_bias_shift_proportion: float
    risk_of_bias_shift_median: float
    i2: Pair
    pi_width_proportion: float
    pi_ratio_median: float
    inconsistency_k2_p: float
    ci_width_proportion: Pair
    ci_ratio_median: Pair
    few_cohorts_k: int
    indirect_share: Pair
    indirect_endpoints: tuple[str, ...]
    publication_bias_min_k: int
    publication_bias_p: float

    @classmethod
    def from_dict(cls, data: dict, where: str = "config/config.yaml") -> Thresholds:
        import jsonschema

        schema = json.loads(
            resources.files("litmeta").joinpath("schemas/grade_thresholds.schema.json").read_text()
        )
        errors = sorted(
            jsonschema.Draft202012Validator(schema).iter_errors(data),
            key=lambda e: list(e.absolute_path),
        )
        if errors:
            err = errors[0]
            loc = ".".join(str(p) for p in err.absolute_path)
            raise InputError(
                f"{where} (field grade{'.' + loc if loc else ''})",
                err.message,
                "see the thresholds in results/README.md (section certainty)",
            )
        values = {}
        for key, value in data.items():
            if isinstance(value, dict):
                value = Pair(value["once"], value["twice"])
            elif isinstance(value, list):
                value = tuple(value)
            values[key] = value
        for key, value in values.items():
            if isinstance(value, Pair) and value.twice < value.once:
                raise InputError(
                    f"{where} (field grade.{key})",
                    f"twice ({value.twice:g}) is below once ({value.once:g})",
                    "rating down twice needs at least the threshold of rating down once",
                )
        return cls(**values)


@dataclass
class Pool:
    """What the rules read about one pooled outcome (primary analysis and its companions)."""

    endpoint: str
    setting: str
    k: int
    n: float
    estimate: float
    ci_low: float | None
    ci_high: float | None
    pi_low: float | None = None
    pi_high: float | None = None
    iv_i2: float | None = None  # I² of the inverse-variance REML model, with its Q-profile CI
    iv_i2_ci: tuple[float, float] | None = None
    q_test: str = ""  # the primary row's heterogeneity test: lrt or cochran_q
    q_p: float | None = None
    bayes_ci: tuple[float, float] | None = None  # sens_bayes 95% CrI (None if absent)
    bayes_tau: float | None = None  # posterior median of τ: reported, not rated
    weights: dict[str, float] = field(default_factory=dict)  # cohort -> percent
    patients: dict[str, float] = field(default_factory=dict)  # cohort -> n
    cohort_ci: dict[str, tuple[float, float]] = field(default_factory=dict)  # own 95% CIs
    minors: dict[str, int | None] = field(default_factory=dict)  # cohort -> total (None: n/a)
    low_risk_estimate: float | None = None  # sens_low_risk_only (or its single cohort)
    indirect: dict[str, str] = field(default_factory=dict)  # cohort -> reason
    egger_p: float | None = None
    peters_p: float | None = None

    @property
    def median(self) -> bool:
        return fmt.is_median(self.endpoint)


@dataclass(frozen=True)
class Step:
    domain: str
    levels: int | None  # None: not assessed
    reason: str


def _pct(share: float) -> str:
    return f"{100 * share:.0f}%"


def _down(levels: int, domain: str, why: str) -> str:
    if levels:
        return f"rated down {WORDS[levels]} for {domain}: {why}"
    return f"not rated down for {domain}: {why}"


def _share(pool: Pool, cohorts: set[str]) -> float:
    total = sum(pool.weights.values())
    if total <= 0:
        return 0.0
    return sum(w for c, w in pool.weights.items() if c in cohorts) / total


def high_risk(pool: Pool, t: Thresholds) -> set[str]:
    """The pooled cohorts at high risk of bias: MINORS total at or below the threshold, or not
    assessed."""
    limit = t.minors_high_risk_total
    return {c for c in pool.weights if pool.minors.get(c) is None or pool.minors[c] <= limit}  # type: ignore[operator]


def _shift(pool: Pool, t: Thresholds) -> tuple[bool, str]:
    """Whether leaving the high-risk cohorts out moves the estimate beyond the threshold (or
    leaves no cohort), and how that reads."""
    new = pool.low_risk_estimate
    if new is None:
        return True, "leaving them out leaves no cohort"
    unit = fmt.with_unit(pool.endpoint, fmt.number(pool.endpoint, new))
    if pool.median:
        moved = abs(new / pool.estimate - 1) if pool.estimate > 0 else math.inf
        limit = t.risk_of_bias_shift_median
        size = f"{100 * moved:.0f}%"
        lim = f"{100 * limit:.0f}%"
    else:
        moved = abs(new - pool.estimate)
        limit = t.risk_of_bias_shift_proportion
        size = f"{100 * moved:.1f} percentage points"
        lim = f"{100 * limit:.0f}"
    big = moved > limit
    return big, (
        f"leaving them out (sens_low_risk_only) gives {unit}, a change of {size} "
        f"({'more' if big else 'not more'} than {lim})"
    )


def risk_of_bias(pool: Pool, t: Thresholds) -> Step:
    """Amendment 2: once when cohorts at high risk hold at least ``risk_of_bias_share.once`` of
    the pool's patients and leaving them out moves the estimate beyond the shift threshold (or
    leaves no cohort); twice at ``risk_of_bias_share.twice`` on the same condition."""
    limit = t.minors_high_risk_total
    high = high_risk(pool, t)
    if not high:
        why = f"every pooled cohort scores above {limit} of 16 on MINORS"
        return Step("risk_of_bias", 0, _down(0, "risk of bias", why))
    total = sum(pool.patients.get(c, 0.0) for c in pool.weights)
    share = sum(pool.patients.get(c, 0.0) for c in high) / total if total > 0 else 0.0
    listed = ", ".join(
        f"{c} {'not assessed' if pool.minors.get(c) is None else f'{pool.minors[c]}/16'}"
        for c in sorted(high)
    )
    levels = t.risk_of_bias_share.level(share)
    why = (
        f"{_pct(share)} of the patients in cohorts scoring {limit} or less of 16 on MINORS "
        f"({listed})"
    )
    if levels:
        moved, how = _shift(pool, t)
        why += "; " + how
        if not moved:
            levels = 0
    return Step("risk_of_bias", levels, _down(levels, "risk of bias", why))


def _overlap(pool: Pool) -> bool | None:
    """Whether the 95% CIs of the two cohorts of a k = 2 pool overlap (None: unknown)."""
    cis = [pool.cohort_ci.get(c) for c in pool.weights]
    if len(cis) != 2 or None in cis:
        return None
    (a_lo, a_hi), (b_lo, b_hi) = cis  # type: ignore[misc]
    return a_lo <= b_hi and b_lo <= a_hi


def inconsistency(pool: Pool, t: Thresholds) -> Step:
    """Amendment 2: I² of the inverse-variance REML model and the prediction interval (k >= 3);
    at k = 2 the primary row's heterogeneity test (the GLMM's likelihood-ratio test) and
    whether the two cohorts' CIs overlap. The Bayesian τ is reported, not rated."""
    signals: list[tuple[int, str]] = []
    i2_text = None
    if pool.iv_i2 is not None and not math.isnan(pool.iv_i2):
        i2_text = f"I² {pool.iv_i2:.0f}%"
        if pool.iv_i2_ci is not None:
            i2_text += f" (95% CI {pool.iv_i2_ci[0]:.0f}–{pool.iv_i2_ci[1]:.0f}%)"
    if pool.k >= 3:
        if i2_text is not None:
            signals.append((t.i2.level(pool.iv_i2), i2_text))  # type: ignore[arg-type]
        if pool.pi_low is not None and pool.pi_high is not None:
            if pool.median:
                wide = pool.pi_low > 0 and pool.pi_high / pool.pi_low > t.pi_ratio_median
            else:
                wide = pool.pi_high - pool.pi_low > t.pi_width_proportion
            text = f"95% PI {fmt.interval_unit(pool.endpoint, pool.pi_low, pool.pi_high)}"
            signals.append((int(wide), text))
    else:
        if pool.q_p is not None and not math.isnan(pool.q_p):
            test = "likelihood-ratio test" if pool.q_test == "lrt" else "Cochran's Q"
            signals.append((int(pool.q_p < t.inconsistency_k2_p), f"{test} {fmt.p(pool.q_p)}"))
        overlap = _overlap(pool)
        if overlap is not None:
            signals.append(
                (
                    int(not overlap),
                    "the two cohorts' 95% CIs " + ("overlap" if overlap else "do not overlap"),
                )
            )
        if i2_text is not None:
            signals.append((0, i2_text + ", not rated at k = 2"))
    if not signals:
        return Step(
            "inconsistency", None, "inconsistency not assessed: no heterogeneity statistics"
        )
    levels = max(level for level, _ in signals)
    why = ", ".join(s for _, s in signals)
    if pool.bayes_tau is not None:
        why += f"; Bayesian τ {pool.bayes_tau:.2f} reported, not rated"
    return Step("inconsistency", levels, _down(levels, "inconsistency", why))


def indirectness(pool: Pool, t: Thresholds) -> Step:
    """Share of the weight from cohorts outside the protocol population, for the endpoints of
    ``indirect_endpoints`` only (Amendment 2: per endpoint group)."""
    outside = {c for c in pool.weights if c in pool.indirect}
    if outside and pool.endpoint not in t.indirect_endpoints:
        why = (
            f"{', '.join(sorted(outside))} is outside the protocol population for "
            f"{', '.join(t.indirect_endpoints)} only, not for this endpoint"
        )
        return Step("indirectness", 0, _down(0, "indirectness", why))
    share = _share(pool, outside)
    levels = t.indirect_share.level(share)
    if not outside:
        why = "every pooled cohort is within the protocol population"
    else:
        why = (
            f"{_pct(share)} of the weight from cohorts outside the protocol population "
            f"({', '.join(sorted(outside))})"
        )
    return Step("indirectness", levels, _down(levels, "indirectness", why))


def _width_levels(pool: Pool, t: Thresholds, lo: float | None, hi: float | None) -> int:
    if lo is None or hi is None or math.isnan(lo) or math.isnan(hi):
        return 2  # an open (NE) bound is as imprecise as it gets
    if pool.median:
        return 2 if lo <= 0 else t.ci_ratio_median.above(hi / lo)
    return t.ci_width_proportion.above(hi - lo)


def imprecision(pool: Pool, t: Thresholds) -> Step:
    """Amendment 2: the width of the 95% CI (below ``few_cohorts_k`` cohorts, the wider of the
    CI and the sens_bayes credible interval); no minimum number of patients."""
    lo, hi = pool.ci_low, pool.ci_high
    levels = _width_levels(pool, t, lo, hi)
    why = f"CI {fmt.interval_unit(pool.endpoint, lo, hi)}"
    if pool.k < t.few_cohorts_k and pool.bayes_ci is not None:
        b_lo, b_hi = pool.bayes_ci
        b_levels = _width_levels(pool, t, b_lo, b_hi)
        why += f", Bayesian 95% CrI {fmt.interval_unit(pool.endpoint, b_lo, b_hi)}"
        if b_levels > levels:
            levels = b_levels
            why += " (the wider, judged with few cohorts)"
    why += f"; {fmt.count(pool.n)} patients"
    return Step("imprecision", levels, _down(levels, "imprecision", why))


#: Amendment 2: wherever publication bias is not assessed, the text says how the sources came
NOT_SEARCHED = "the sources of this review were given, not found by a systematic search"


def publication_bias(pool: Pool, t: Thresholds) -> Step:
    if pool.k < t.publication_bias_min_k or pool.egger_p is None:
        return Step(
            "publication_bias",
            None,
            f"publication bias not assessed: {pool.k} cohorts, fewer than "
            f"{t.publication_bias_min_k} for a funnel plot and Egger's test, and " + NOT_SEARCHED,
        )
    levels = int(pool.egger_p < t.publication_bias_p)
    why = f"Egger's test {fmt.p(pool.egger_p)} ({pool.k} cohorts)"
    if pool.peters_p is not None:
        why += f", Peters' test {fmt.p(pool.peters_p)}"
    return Step("publication_bias", levels, _down(levels, "publication bias", why))


#: The GRADE domains, in the order they are reported.
RULES: tuple[tuple[str, Callable[[Pool, Thresholds], Step]], ...] = (
    ("risk_of_bias", risk_of_bias),
    ("inconsistency", inconsistency),
    ("indirectness", indirectness),
    ("imprecision", imprecision),
    ("publication_bias", publication_bias),
)
DOMAINS = tuple(name for name, _ in RULES)


@dataclass(frozen=True)
class Rating:
    certainty: str
    steps: tuple[Step, ...]

    @property
    def downgrades(self) -> int:
        return sum(s.levels or 0 for s in self.steps)

    @property
    def by_domain(self) -> str:
        """The levels taken off per domain, e.g. "risk of bias −1, imprecision −1" ("none")."""
        parts = [f"{s.domain.replace('_', ' ')} \u2212{s.levels}" for s in self.steps if s.levels]
        return ", ".join(parts) or "none"

    @property
    def reasons(self) -> str:
        return (
            "Starts at low (single-arm observational cohorts); "
            + "; ".join(s.reason for s in self.steps)
            + "."
        )


def rate(pool: Pool, t: Thresholds) -> Rating:
    steps = tuple(rule(pool, t) for _, rule in RULES)
    level = max(1, START - sum(s.levels or 0 for s in steps))
    return Rating(LEVELS[level], steps)


def bayes_tau(row: dict[str, str] | None) -> float | None:
    """Posterior median of τ from a ``sens_bayes`` row of pooled.csv: the square root of its
    ``tau2`` (the median of τ² is the square of the median of τ)."""
    if row is None or not row.get("tau2"):
        return None
    return math.sqrt(float(row["tau2"]))
