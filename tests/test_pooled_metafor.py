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
from litmeta.tables import read_rows

FIX = ROOT / "tests/metafor/fixtures"


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
    table = read_rows(ROOT / "results/analysis_table.csv")
    config = project_config()
    names, excl = config["analyses"], config["exclusions"]
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
            assert close(got["q"], want["q"], 1e-3), key
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
