"""GRADE certainty of each pooled outcome (PROTOCOL.md Amendment 1).

Single-arm observational cohorts start at **low** certainty. Each domain is one small rule
(:data:`RULES`) that reads the result tables through a :class:`Pool` and returns a
:class:`Step`: how many levels it rates down (0, 1 or 2; ``None`` when the domain cannot be
assessed) and why, in words a clinician reads, built from the numbers of the outputs. The
thresholds come from config/config.yaml (section ``grade``, :class:`Thresholds`) and are
explained in results/README.md.

==================  ==========================================================================
domain              rule
==================  ==========================================================================
risk_of_bias        share of the primary weight from cohorts with a MINORS total at or below
                    ``minors_high_risk_total`` (or not assessed): ``risk_of_bias_share``
inconsistency       the largest of: I² (``i2``); 95% PI wider than ``pi_width_proportion`` or
                    upper/lower above ``pi_ratio_median`` (once); Bayesian τ of the
                    ``sens_bayes`` row when present (``bayes_tau_logit`` / ``bayes_tau_log``)
indirectness        share of the primary weight from cohorts outside the protocol population
                    (``indirectness`` in config/risk_of_bias): ``indirect_share``
imprecision         once if the 95% CI is wider than ``ci_width_proportion`` (upper/lower above
                    ``ci_ratio_median`` for medians), once more if fewer than ``min_patients``
publication_bias    only with k >= ``publication_bias_min_k``: once if Egger's test has
                    p < ``publication_bias_p`` (Peters' test reported beside it)
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
        return 2 if x >= self.twice else 1 if x >= self.once else 0


@dataclass(frozen=True)
class Thresholds:
    minors_high_risk_total: int
    risk_of_bias_share: Pair
    i2: Pair
    pi_width_proportion: float
    pi_ratio_median: float
    bayes_tau_logit: Pair
    bayes_tau_log: Pair
    ci_width_proportion: float
    ci_ratio_median: float
    min_patients: int
    indirect_share: Pair
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
            values[key] = Pair(value["once"], value["twice"]) if isinstance(value, dict) else value
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
    """What the rules read about one pooled outcome (primary analysis)."""

    endpoint: str
    setting: str
    k: int
    n: float
    estimate: float
    ci_low: float | None
    ci_high: float | None
    pi_low: float | None = None
    pi_high: float | None = None
    i2: float | None = None
    bayes_tau: float | None = None  # posterior median of τ (sens_bayes), None if absent
    weights: dict[str, float] = field(default_factory=dict)  # cohort -> percent
    minors: dict[str, int | None] = field(default_factory=dict)  # cohort -> total (None: n/a)
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


def risk_of_bias(pool: Pool, t: Thresholds) -> Step:
    limit = t.minors_high_risk_total
    high = {
        c
        for c in pool.weights
        if pool.minors.get(c) is None or pool.minors[c] <= limit  # type: ignore[operator]
    }
    share = _share(pool, high)
    levels = t.risk_of_bias_share.level(share)
    if not high:
        why = f"every pooled cohort scores above {limit} of 16 on MINORS"
    else:
        listed = ", ".join(
            f"{c} {'not assessed' if pool.minors.get(c) is None else f'{pool.minors[c]}/16'}"
            for c in sorted(high)
        )
        why = (
            f"{_pct(share)} of the weight from cohorts scoring {limit} or less of 16 on "
            f"MINORS ({listed})"
        )
    return Step("risk_of_bias", levels, _down(levels, "risk of bias", why))


def inconsistency(pool: Pool, t: Thresholds) -> Step:
    signals: list[tuple[int, str]] = []
    if pool.i2 is not None:
        signals.append((t.i2.level(pool.i2), f"I² {pool.i2:.0f}%"))
    if pool.pi_low is not None and pool.pi_high is not None:
        if pool.median:
            wide = pool.pi_low > 0 and pool.pi_high / pool.pi_low > t.pi_ratio_median
        else:
            wide = pool.pi_high - pool.pi_low > t.pi_width_proportion
        signals.append(
            (int(wide), f"95% PI {fmt.interval_unit(pool.endpoint, pool.pi_low, pool.pi_high)}")
        )
    if pool.bayes_tau is not None:
        pair = t.bayes_tau_log if pool.median else t.bayes_tau_logit
        signals.append((pair.level(pool.bayes_tau), f"Bayesian τ {pool.bayes_tau:.2f}"))
    if not signals:
        return Step(
            "inconsistency", None, "inconsistency not assessed: no heterogeneity statistics"
        )
    levels = max(level for level, _ in signals)
    return Step(
        "inconsistency", levels, _down(levels, "inconsistency", ", ".join(s for _, s in signals))
    )


def indirectness(pool: Pool, t: Thresholds) -> Step:
    outside = {c for c in pool.weights if c in pool.indirect}
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


def imprecision(pool: Pool, t: Thresholds) -> Step:
    levels = 0
    lo, hi = pool.ci_low, pool.ci_high
    if lo is None or hi is None:
        wide = True  # an open (NE) bound is as imprecise as it gets
    elif pool.median:
        wide = lo <= 0 or hi / lo > t.ci_ratio_median
    else:
        wide = hi - lo > t.ci_width_proportion
    levels += int(wide)
    few = pool.n < t.min_patients
    levels += int(few)
    why = f"{fmt.count(pool.n)} patients, CI {fmt.interval_unit(pool.endpoint, lo, hi)}"
    return Step("imprecision", levels, _down(levels, "imprecision", why))


def publication_bias(pool: Pool, t: Thresholds) -> Step:
    if pool.k < t.publication_bias_min_k or pool.egger_p is None:
        return Step(
            "publication_bias",
            None,
            f"publication bias not assessed: {pool.k} cohorts, fewer than "
            f"{t.publication_bias_min_k} for a funnel plot and Egger's test",
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
    """Posterior median of τ from a ``sens_bayes`` row of pooled.csv: its ``tau`` column when
    there is one, else the square root of ``tau2`` (the median of τ² is the square of the
    median of τ)."""
    if row is None:
        return None
    if row.get("tau"):
        return float(row["tau"])
    if row.get("tau2"):
        return math.sqrt(float(row["tau2"]))
    return None
