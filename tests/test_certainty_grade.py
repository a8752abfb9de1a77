"""GRADE rules per PROTOCOL.md Amendment 2 (litmeta.certainty.grade): each threshold just
above and just below, and the real review's ratings."""

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
MED = dict(endpoint="pfs_median", estimate=12.0, ci_low=11.0, ci_high=13.0)


def pool(**kw) -> grade.Pool:
    base = dict(
        endpoint="orr",
        setting="initial",
        k=4,
        n=1000,
        estimate=0.3,
        ci_low=0.25,
        ci_high=0.35,
        iv_i2=0.0,
        weights={"a": 50.0, "b": 50.0},
        patients={"a": 500.0, "b": 500.0},
        minors={"a": 12, "b": 12},
        low_risk_estimate=0.3,
    )
    base.update(kw)
    return grade.Pool(**base)


def levels(rule, p: grade.Pool, t: grade.Thresholds = T) -> int | None:
    return rule(p, t).levels


def test_defaults_are_the_documented_ones():
    assert T.minors_high_risk_total == 8
    assert (T.risk_of_bias_share.once, T.risk_of_bias_share.twice) == (0.3333, 0.6667)
    assert (T.risk_of_bias_shift_proportion, T.risk_of_bias_shift_median) == (0.05, 0.20)
    assert (T.i2.once, T.i2.twice) == (50, 75)
    assert T.inconsistency_k2_p == 0.10
    assert (T.ci_width_proportion.once, T.ci_width_proportion.twice) == (0.25, 0.50)
    assert (T.ci_ratio_median.once, T.ci_ratio_median.twice) == (2.0, 4.0)
    assert T.few_cohorts_k == 5 and T.publication_bias_min_k == 10
    assert not hasattr(T, "min_patients")  # Amendment 2: no minimum number of patients


# --- risk of bias: patients' share and sens_low_risk_only -------------------------------


def test_minors_total_threshold():
    moved = 0.3 + 2 * T.risk_of_bias_shift_proportion
    at = pool(minors={"a": T.minors_high_risk_total, "b": 12}, low_risk_estimate=moved)
    above = pool(minors={"a": T.minors_high_risk_total + 1, "b": 12}, low_risk_estimate=moved)
    assert levels(grade.risk_of_bias, at) == 1  # a holds 50% of the patients
    assert levels(grade.risk_of_bias, above) == 0


def test_not_assessed_cohorts_count_as_high_risk():
    step = grade.risk_of_bias(pool(minors={"a": None, "b": 12}, low_risk_estimate=0.5), T)
    assert step.levels == 1 and "a not assessed" in step.reason


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_risk_of_bias_patients_share(edge, want):
    share = getattr(T.risk_of_bias_share, edge)

    def at(x):
        # weights opposite to the patients: the share is of patients, not of weight
        return pool(
            patients={"a": 1000 * x, "b": 1000 * (1 - x)},
            weights={"a": 100 * (1 - x), "b": 100 * x},
            minors={"a": 5, "b": 12},
            low_risk_estimate=0.5,
        )

    assert levels(grade.risk_of_bias, at(share + EPS)) == want
    assert levels(grade.risk_of_bias, at(share - EPS)) == want - 1


def test_risk_of_bias_needs_the_estimate_to_move():
    d = T.risk_of_bias_shift_proportion
    high = dict(minors={"a": 5, "b": 12})
    assert levels(grade.risk_of_bias, pool(**high, low_risk_estimate=0.3 + d + EPS)) == 1
    assert levels(grade.risk_of_bias, pool(**high, low_risk_estimate=0.3 + d - EPS)) == 0
    assert levels(grade.risk_of_bias, pool(**high, low_risk_estimate=0.3 - d - EPS)) == 1
    r = T.risk_of_bias_shift_median
    med = dict(MED, **high)
    assert levels(grade.risk_of_bias, pool(**med, low_risk_estimate=12 * (1 + r + EPS))) == 1
    assert levels(grade.risk_of_bias, pool(**med, low_risk_estimate=12 * (1 + r - EPS))) == 0
    step = grade.risk_of_bias(pool(**high, low_risk_estimate=None), T)
    assert step.levels == 1 and "leaves no cohort" in step.reason


# --- inconsistency: inverse-variance I² and PI (k >= 3), LRT and CI overlap (k = 2) --------


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_i2(edge, want):
    x = getattr(T.i2, edge)
    assert levels(grade.inconsistency, pool(iv_i2=x + EPS)) == want
    assert levels(grade.inconsistency, pool(iv_i2=x - EPS)) == want - 1


def test_prediction_interval_width_and_ratio():
    w = T.pi_width_proportion
    assert levels(grade.inconsistency, pool(pi_low=0.1, pi_high=0.1 + w + EPS)) == 1
    assert levels(grade.inconsistency, pool(pi_low=0.1, pi_high=0.1 + w - EPS)) == 0
    r = T.pi_ratio_median
    assert levels(grade.inconsistency, pool(**MED, pi_low=5.0, pi_high=5.0 * r + EPS)) == 1
    assert levels(grade.inconsistency, pool(**MED, pi_low=5.0, pi_high=5.0 * r - EPS)) == 0


def test_two_cohorts_test_and_overlap_not_i2():
    p = T.inconsistency_k2_p
    two = dict(k=2, q_test="lrt", iv_i2=90.0)
    assert levels(grade.inconsistency, pool(**two, q_p=p - EPS)) == 1
    assert levels(grade.inconsistency, pool(**two, q_p=p + EPS)) == 0  # I² 90% not rated
    apart = {"a": (0.1, 0.2), "b": (0.2 + EPS, 0.3)}
    touching = {"a": (0.1, 0.2), "b": (0.2, 0.3)}
    assert levels(grade.inconsistency, pool(**two, q_p=0.5, cohort_ci=apart)) == 1
    assert levels(grade.inconsistency, pool(**two, q_p=0.5, cohort_ci=touching)) == 0
    step = grade.inconsistency(pool(**two, q_p=0.056, iv_i2_ci=(0.0, 99.8)), T)
    assert "likelihood-ratio test p = 0.056" in step.reason
    assert "I² 90% (95% CI 0–100%), not rated at k = 2" in step.reason


def test_bayesian_tau_is_reported_not_rated():
    step = grade.inconsistency(pool(bayes_tau=5.0), T)
    assert step.levels == 0 and "Bayesian τ 5.00 reported, not rated" in step.reason


# --- imprecision: CI width, the CrI below few_cohorts_k, no minimum of patients ---------


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_ci_width(edge, want):
    w = getattr(T.ci_width_proportion, edge)
    assert levels(grade.imprecision, pool(ci_low=0.2, ci_high=0.2 + w + EPS)) == want
    assert levels(grade.imprecision, pool(ci_low=0.2, ci_high=0.2 + w - EPS)) == want - 1


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_ci_ratio_for_medians(edge, want):
    r = getattr(T.ci_ratio_median, edge)
    assert levels(grade.imprecision, pool(**dict(MED, ci_low=10.0, ci_high=10 * r + EPS))) == want
    assert (
        levels(grade.imprecision, pool(**dict(MED, ci_low=10.0, ci_high=10 * r - EPS))) == want - 1
    )
    assert levels(grade.imprecision, pool(**dict(MED, ci_low=10.0, ci_high=None))) == 2


def test_few_cohorts_judge_the_wider_credible_interval():
    wide = (0.1, 0.1 + T.ci_width_proportion.twice + EPS)
    few = T.few_cohorts_k - 1
    assert levels(grade.imprecision, pool(k=few, bayes_ci=wide)) == 2
    assert levels(grade.imprecision, pool(k=T.few_cohorts_k, bayes_ci=wide)) == 0
    step = grade.imprecision(
        pool(k=2, n=181, ci_low=0.123, ci_high=0.233, bayes_ci=(0.063, 0.598)), T
    )
    assert step.reason == (
        "rated down twice for imprecision: CI 12.3–23.3%, Bayesian 95% CrI 6.3–59.8% "
        "(the wider, judged with few cohorts); 181 patients"
    )


def test_no_minimum_number_of_patients():
    assert levels(grade.imprecision, pool(n=10)) == 0


# --- indirectness per endpoint group, publication bias, the rating ----------------------


@pytest.mark.parametrize("edge,want", [("once", 1), ("twice", 2)])
def test_indirect_share(edge, want):
    share = getattr(T.indirect_share, edge)
    ind = {"a": "symptom control"}
    above = pool(weights={"a": 100 * share + EPS, "b": 100 * (1 - share) - EPS}, indirect=ind)
    below = pool(weights={"a": 100 * share - EPS, "b": 100 * (1 - share) + EPS}, indirect=ind)
    assert levels(grade.indirectness, above) == want
    assert levels(grade.indirectness, below) == want - 1


def test_indirectness_only_for_its_endpoint_group():
    ind = dict(weights={"a": 90.0, "b": 10.0}, indirect={"a": "symptom control"})
    assert "orr" in T.indirect_endpoints
    assert levels(grade.indirectness, pool(**ind)) == 2
    step = grade.indirectness(pool(endpoint="tox_g3plus_thrombocytopenia", **ind), T)
    assert step.levels == 0 and "not for this endpoint" in step.reason


def test_publication_bias_only_from_min_k():
    k = T.publication_bias_min_k
    assert levels(grade.publication_bias, pool(k=k - 1, egger_p=0.001)) is None
    assert levels(grade.publication_bias, pool(k=k, egger_p=0.001)) == 1
    p = T.publication_bias_p
    assert levels(grade.publication_bias, pool(k=k, egger_p=p - EPS)) == 1
    assert levels(grade.publication_bias, pool(k=k, egger_p=p + EPS)) == 0
    step = grade.publication_bias(pool(k=4), T)
    assert step.reason == (
        "publication bias not assessed: 4 cohorts, fewer than 10 for a funnel plot and "
        "Egger's test, and the sources of this review were given, not found by a systematic "
        "search"
    )


def test_rating_starts_low_and_shows_the_levels_per_domain():
    rating = grade.rate(pool(), T)
    assert (rating.certainty, rating.by_domain) == ("low", "none")
    worst = pool(
        ci_low=0.0, ci_high=0.9, iv_i2=90.0, minors={"a": 1, "b": 1}, low_risk_estimate=None
    )
    rating = grade.rate(worst, T)
    assert rating.certainty == "very low" and rating.downgrades == 6
    assert rating.by_domain == "risk of bias −2, inconsistency −2, imprecision −2"
    assert [s.domain for s in rating.steps] == list(grade.DOMAINS)


def test_thresholds_are_validated_with_named_errors():
    data = yaml.safe_load((ROOT / "config/config.yaml").read_text())["grade"]
    with pytest.raises(InputError, match=r"field grade\.i2\.once"):
        grade.Thresholds.from_dict({**data, "i2": {"once": "fifty", "twice": 75}})
    with pytest.raises(InputError, match=r"field grade\): Additional properties"):
        grade.Thresholds.from_dict({**data, "i_2": 3})
    with pytest.raises(InputError, match=r"grade\.i2.*twice \(40\) is below once"):
        grade.Thresholds.from_dict({**data, "i2": {"once": 50, "twice": 40}})


def test_bayes_tau_from_tau2():
    assert grade.bayes_tau(None) is None
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


def test_sens_bayes_interval_feeds_imprecision_when_present(tmp_path):
    """With few cohorts the sens_bayes CrI, where pooled.csv has it, is judged beside the CI:
    DCR salvage (CI 68.3–80.9%, CrI 48.2–91.9%) is rated down once with it, not without."""
    i = _real_inputs(tmp_path)
    with open(i["pooled"], newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    i["pooled"] = _write(
        tmp_path / "no_bayes.csv", [r for r in rows if r["analysis"] != "sens_bayes"]
    )
    without = _certainty(i, GRADE, tmp_path / "a.csv")[("dcr", "salvage")]
    i["pooled"] = _write(tmp_path / "pooled.csv", rows)
    with_bayes = _certainty(i, GRADE, tmp_path / "b.csv")[("dcr", "salvage")]
    assert (without["imprecision"], with_bayes["imprecision"]) == ("0", "1")
    assert "CrI 48.2–91.9%" in with_bayes["reasons"]


def test_real_review_ratings_and_reasons_come_from_the_outputs():
    """Issue 26's acceptance: salvage ORR rated down for inconsistency; DCR initial and renal
    toxicity initial rate low; every rating shows its levels per domain."""
    with open(ROOT / "results/certainty.csv", newline="", encoding="utf-8") as fh:
        rows = {(r["endpoint"], r["setting"]): r for r in csv.DictReader(fh)}
    with open(ROOT / "results/pooled.csv", newline="", encoding="utf-8") as fh:
        pooled = [r for r in csv.DictReader(fh) if r["analysis"] == "primary"]
    assert set(rows) == {(p["endpoint"], p["setting"]) for p in pooled}
    for _key, r in rows.items():
        assert r["certainty"] in ("low", "very low")
        assert r["publication_bias"] == ""  # k <= 4 everywhere
        assert "not found by a systematic search" in r["reasons"]
        assert r["levels_off"] == "none" or "−" in r["levels_off"]
    orr = rows[("orr", "salvage")]
    assert orr["inconsistency"] == "1"
    assert "likelihood-ratio test p = 0.056" in orr["reasons"]
    assert rows[("dcr", "initial")]["certainty"] == "low"
    assert rows[("tox_g3plus_renal", "initial")]["certainty"] == "low"


def test_changing_a_risk_of_bias_score_changes_the_rating(tmp_path):
    """Lowering two items to 0 in lazarenko2026, kalantarhormozi2020 and zandee2021 puts
    every DCR initial cohort at high risk (iqbal2024 is already): 100% of the patients, and
    sens_low_risk_only leaves no cohort, so DCR initial drops from low to very low, twice.
    (Lowering lazarenko2026 alone puts 77% of the patients at high risk, but leaving them out
    moves DCR by 2.7 points, under Amendment 2's 5: not rated down.)"""
    config = GRADE
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
    for paper in ("lazarenko2026", "kalantarhormozi2020", "zandee2021"):
        path = rob_dir / f"{paper}.yaml"
        data = yaml.safe_load(path.read_text())
        for item in ("aim", "follow_up"):
            data["items"][item] = {"score": 0, "reason": "Not reported (test)."}
        path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    after = run("after")[("dcr", "initial")]
    assert (after["certainty"], after["risk_of_bias"]) == ("very low", "2")
    assert "lazarenko2026_prrt1 7/16" in after["reasons"]
    assert "100% of the patients" in after["reasons"]
