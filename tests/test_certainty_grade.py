"""GRADE rules (litmeta.certainty.grade): each threshold just above and just below, the
Bayesian τ path with a synthetic pooled table, and the real review's ratings."""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pytest
import yaml

from litmeta.certainty import grade
from litmeta.errors import InputError
from litmeta.jobs import certainty as jobs

ROOT = Path(__file__).resolve().parents[1]
GRADE = yaml.safe_load((ROOT / "config/config.yaml").read_text())["grade"]
T = grade.Thresholds.from_dict(GRADE)
EPS = 1e-6


def pool(**kw) -> grade.Pool:
    base = dict(
        endpoint="orr",
        setting="initial",
        k=4,
        n=1000,
        estimate=0.3,
        ci_low=0.25,
        ci_high=0.35,
        i2=0.0,
        weights={"a": 50.0, "b": 50.0},
        minors={"a": 12, "b": 12},
    )
    base.update(kw)
    return grade.Pool(**base)


def levels(rule, p: grade.Pool, t: grade.Thresholds = T) -> int | None:
    return rule(p, t).levels


def test_defaults_are_the_documented_ones():
    assert T.minors_high_risk_total == 8
    assert (T.risk_of_bias_share.once, T.risk_of_bias_share.twice) == (0.33, 0.67)
    assert (T.i2.once, T.i2.twice) == (50, 75)
    assert T.min_patients == 300 and T.publication_bias_min_k == 10


def test_minors_total_threshold():
    at = pool(minors={"a": T.minors_high_risk_total, "b": 12})
    above = pool(minors={"a": T.minors_high_risk_total + 1, "b": 12})
    assert levels(grade.risk_of_bias, at) == 1  # a carries 50% >= 0.33
    assert levels(grade.risk_of_bias, above) == 0


def test_not_assessed_cohorts_count_as_high_risk():
    step = grade.risk_of_bias(pool(minors={"a": None, "b": 12}), T)
    assert step.levels == 1 and "a not assessed" in step.reason


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_risk_of_bias_share(edge, want):
    share = getattr(T.risk_of_bias_share, edge)
    just_above = pool(
        weights={"a": 100 * share + EPS, "b": 100 * (1 - share) - EPS}, minors={"a": 5, "b": 12}
    )
    just_below = pool(
        weights={"a": 100 * share - EPS, "b": 100 * (1 - share) + EPS}, minors={"a": 5, "b": 12}
    )
    assert levels(grade.risk_of_bias, just_above) == want
    assert levels(grade.risk_of_bias, just_below) == want - 1


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_i2(edge, want):
    x = getattr(T.i2, edge)
    assert levels(grade.inconsistency, pool(i2=x + EPS)) == want
    assert levels(grade.inconsistency, pool(i2=x - EPS)) == want - 1


def test_prediction_interval_width_and_ratio():
    w = T.pi_width_proportion
    assert levels(grade.inconsistency, pool(pi_low=0.1, pi_high=0.1 + w + EPS)) == 1
    assert levels(grade.inconsistency, pool(pi_low=0.1, pi_high=0.1 + w - EPS)) == 0
    r = T.pi_ratio_median
    med = dict(endpoint="pfs_median", estimate=12.0, ci_low=11.0, ci_high=13.0)
    assert levels(grade.inconsistency, pool(**med, pi_low=5.0, pi_high=5.0 * r + EPS)) == 1
    assert levels(grade.inconsistency, pool(**med, pi_low=5.0, pi_high=5.0 * r - EPS)) == 0


@pytest.mark.parametrize(
    "endpoint,pair", [("orr", "bayes_tau_logit"), ("os_median", "bayes_tau_log")]
)
@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_bayesian_tau(endpoint, pair, edge, want):
    x = getattr(getattr(T, pair), edge)
    extra = dict(estimate=20.0, ci_low=18.0, ci_high=22.0) if endpoint == "os_median" else {}
    assert levels(grade.inconsistency, pool(endpoint=endpoint, bayes_tau=x + EPS, **extra)) == want
    assert (
        levels(grade.inconsistency, pool(endpoint=endpoint, bayes_tau=x - EPS, **extra)) == want - 1
    )


def test_ci_width_and_patients():
    w = T.ci_width_proportion
    assert levels(grade.imprecision, pool(ci_low=0.2, ci_high=0.2 + w + EPS)) == 1
    assert levels(grade.imprecision, pool(ci_low=0.2, ci_high=0.2 + w - EPS)) == 0
    assert levels(grade.imprecision, pool(n=T.min_patients - 1)) == 1
    assert levels(grade.imprecision, pool(n=T.min_patients)) == 0
    both = grade.imprecision(pool(n=181, ci_low=0.123, ci_high=0.433), T)
    assert both.levels == 2
    assert both.reason == "rated down twice for imprecision: 181 patients, CI 12.3–43.3%"


def test_ci_ratio_for_medians_and_ne_bound():
    r = T.ci_ratio_median
    med = dict(endpoint="pfs_median", estimate=12.0)
    assert levels(grade.imprecision, pool(**med, ci_low=10.0, ci_high=10.0 * r + EPS)) == 1
    assert levels(grade.imprecision, pool(**med, ci_low=10.0, ci_high=10.0 * r - EPS)) == 0
    assert levels(grade.imprecision, pool(**med, ci_low=10.0, ci_high=None)) == 1


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_indirect_share(edge, want):
    share = getattr(T.indirect_share, edge)
    ind = {"a": "symptom control"}
    above = pool(weights={"a": 100 * share + EPS, "b": 100 * (1 - share) - EPS}, indirect=ind)
    below = pool(weights={"a": 100 * share - EPS, "b": 100 * (1 - share) + EPS}, indirect=ind)
    assert levels(grade.indirectness, above) == want
    assert levels(grade.indirectness, below) == want - 1


def test_publication_bias_only_from_min_k():
    k = T.publication_bias_min_k
    assert levels(grade.publication_bias, pool(k=k - 1, egger_p=0.001)) is None
    assert levels(grade.publication_bias, pool(k=k, egger_p=0.001)) == 1
    p = T.publication_bias_p
    assert levels(grade.publication_bias, pool(k=k, egger_p=p - EPS)) == 1
    assert levels(grade.publication_bias, pool(k=k, egger_p=p + EPS)) == 0
    step = grade.publication_bias(pool(k=4), T)
    assert step.reason == (
        "publication bias not assessed: 4 cohorts, fewer than 10 for a funnel plot and Egger's test"
    )


def test_rating_starts_low_and_stops_at_very_low():
    assert grade.rate(pool(), T).certainty == "low"
    worst = pool(n=10, ci_low=0.0, ci_high=0.9, i2=90.0, minors={"a": 1, "b": 1})
    rating = grade.rate(worst, T)
    assert rating.certainty == "very low" and rating.downgrades == 6
    assert [s.domain for s in rating.steps] == list(grade.DOMAINS)


def test_thresholds_are_validated_with_named_errors():
    data = yaml.safe_load((ROOT / "config/config.yaml").read_text())["grade"]
    with pytest.raises(InputError, match=r"field grade\.i2\.once"):
        grade.Thresholds.from_dict({**data, "i2": {"once": "fifty", "twice": 75}})
    with pytest.raises(InputError, match=r"field grade\): Additional properties"):
        grade.Thresholds.from_dict({**data, "i_2": 3})
    with pytest.raises(InputError, match=r"grade\.i2.*twice \(40\) is below once"):
        grade.Thresholds.from_dict({**data, "i2": {"once": 50, "twice": 40}})


def test_bayes_tau_from_tau_or_tau2():
    assert grade.bayes_tau(None) is None
    assert grade.bayes_tau({"tau": "0.9", "tau2": "4"}) == 0.9
    assert grade.bayes_tau({"tau2": "0.64"}) == pytest.approx(0.8)


# --- the tables: synthetic pooled table with sens_bayes rows, and the real review ---------


def _write(path: Path, rows: list[dict]) -> str:
    with open(path, "w", newline="", encoding="utf-8") as fh:
        w = csv.DictWriter(fh, list(rows[0]))
        w.writeheader()
        w.writerows(rows)
    return str(path)


def _real_inputs(tmp_path: Path) -> dict[str, str]:
    return {
        "table": str(ROOT / "results/analysis_table.csv"),
        "pooled": str(ROOT / "results/pooled.csv"),
        "weights": str(ROOT / "results/weights.csv"),
        "rob": str(ROOT / "results/risk_of_bias.csv"),
        "indirect": str(ROOT / "results/indirectness.csv"),
        "small": str(ROOT / "results/small_study_tests.csv"),
    }


def _certainty(i: dict[str, str], thresholds: dict, out: Path) -> dict[tuple[str, str], dict]:
    jobs.certainty(
        table=i["table"],
        pooled=i["pooled"],
        weights=i["weights"],
        rob=i["rob"],
        indirect=i["indirect"],
        small_study=i["small"],
        grade=thresholds,
        certainty=str(out),
    )
    with open(out, newline="", encoding="utf-8") as fh:
        return {(r["endpoint"], r["setting"]): r for r in csv.DictReader(fh)}


def test_sens_bayes_rows_are_used_when_present(tmp_path):
    """The sens_bayes rows of pooled.csv, where present, feed inconsistency: a large
    Bayesian τ rates down; without them the rating falls back on I² and the PI."""
    i = _real_inputs(tmp_path)
    with open(i["pooled"], newline="", encoding="utf-8") as fh:
        rows = [r for r in csv.DictReader(fh) if r["analysis"] != "sens_bayes"]
    dcr = next(
        r
        for r in rows
        if (r["analysis"], r["endpoint"], r["setting"]) == ("primary", "dcr", "initial")
    )
    bayes = {**dcr, "analysis": "sens_bayes", "model": "bayes_logit", "tau2": str(1.3**2)}
    config = GRADE
    i["pooled"] = _write(tmp_path / "no_bayes.csv", rows)
    without = _certainty(i, config, tmp_path / "a.csv")[("dcr", "initial")]
    i["pooled"] = _write(tmp_path / "pooled.csv", [*rows, bayes])
    with_bayes = _certainty(i, config, tmp_path / "b.csv")[("dcr", "initial")]
    assert without["inconsistency"] == "0"
    assert "Bayesian" not in without["reasons"]
    assert with_bayes["inconsistency"] == "2"
    assert "Bayesian τ 1.30" in with_bayes["reasons"]


def test_real_review_ratings_and_reasons_come_from_the_outputs():
    with open(ROOT / "results/certainty.csv", newline="", encoding="utf-8") as fh:
        rows = {(r["endpoint"], r["setting"]): r for r in csv.DictReader(fh)}
    with open(ROOT / "results/pooled.csv", newline="", encoding="utf-8") as fh:
        pooled = [r for r in csv.DictReader(fh) if r["analysis"] == "primary"]
    assert set(rows) == {(p["endpoint"], p["setting"]) for p in pooled}
    for _key, r in rows.items():
        assert r["certainty"] in ("low", "very low")
        assert r["publication_bias"] == ""  # k <= 4 everywhere
        assert "publication bias not assessed" in r["reasons"]
    assert (
        "rated down once for imprecision: 181 patients, CI 12.3–23.3%"
        in rows[("orr", "salvage")]["reasons"]
    )


def _lenient() -> dict:
    """The project's GRADE thresholds with imprecision thresholds no real pool crosses, so
    that the risk-of-bias step alone decides between low and very low."""
    return {**GRADE, "min_patients": 100}


def test_changing_a_risk_of_bias_score_changes_the_rating(tmp_path):
    """Lowering two lazarenko2026 items to 0 puts lazarenko2026_prrt1 (65% of the DCR
    weight) at high risk: DCR initial drops from low to very low."""
    config = _lenient()
    rob_dir = tmp_path / "rob"
    shutil.copytree(ROOT / "config/risk_of_bias", rob_dir)
    i = _real_inputs(tmp_path)

    def run(tag: str) -> dict:
        rob, ind = tmp_path / f"rob_{tag}.csv", tmp_path / f"ind_{tag}.csv"
        jobs.risk_of_bias(
            judgements=[str(p) for p in sorted(rob_dir.glob("*.yaml"))],
            cohorts=str(ROOT / "extracted/cohorts.csv"),
            texts=[str(p) for p in sorted((ROOT / "extracted/text").glob("*.txt"))],
            sheet=str(ROOT / "config/papers.tsv"),
            papers=[f"papers/{p.name}" for p in sorted((ROOT / "papers").glob("*.txt"))],
            rob=str(rob),
            indirect=str(ind),
        )
        return _certainty(
            {**i, "rob": str(rob), "indirect": str(ind)}, config, tmp_path / f"c_{tag}.csv"
        )

    before = run("before")[("dcr", "initial")]
    assert (before["certainty"], before["risk_of_bias"]) == ("low", "0")
    path = rob_dir / "lazarenko2026.yaml"
    data = yaml.safe_load(path.read_text())
    for item in ("aim", "follow_up"):
        data["items"][item] = {"score": 0, "reason": "Not reported (test)."}
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = run("after")[("dcr", "initial")]
    assert (after["certainty"], after["risk_of_bias"]) == ("very low", "2")
    assert "lazarenko2026_prrt1 7/16" in after["reasons"]
