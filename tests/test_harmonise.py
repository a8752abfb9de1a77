"""harmonise.build_analysis_table on small hand-built tables: each reason code, k = 1, NR,
NE / 0 half CIs, the derivations (n_treated) and the alternatives (``alternative`` figures,
followed through ``derived_from``)."""

from __future__ import annotations

import math

import pytest

from litmeta import protocol as P
from litmeta.analyses import _eligible
from litmeta.harmonise import ANALYSIS_COLUMNS, build_analysis_table


def value(cohort, ref, value="", text="", status="reported", alternative="", derived_from=""):
    endpoint, statistic = ref.split(".")
    return {
        "cohort_id": cohort,
        "endpoint": endpoint,
        "statistic": statistic,
        "value": str(value),
        "value_text": text,
        "status": status,
        "alternative": alternative,
        "derived_from": derived_from,
    }


def cohort(cid, setting="initial", pooled_in=None, code="", reason="", **sizes):
    return {
        "cohort_id": cid,
        "paper_id": cid.split("_")[0],
        "setting": setting,
        "pooled_in": setting if pooled_in is None else pooled_in,
        "reason_code": code,
        "reason": reason,
        **{k: str(v) for k, v in sizes.items()},
    }


def orr(cid, events, n, **kw):
    return [value(cid, "orr.events", events, **kw), value(cid, "orr.n", n)]


def median(cid, m, lo="", hi="", n=40, text=""):
    return [
        value(cid, "pfs_median.median", m, text=text or str(m)),
        value(cid, "pfs_median.ci_low", lo, text=str(lo) or "NE"),
        value(cid, "pfs_median.ci_high", hi, text=str(hi) or "NE"),
        value(cid, "pfs_median.n", n),
    ]


def table(outcomes, cohorts):
    return {(r["endpoint"], r["cohort_id"]): r for r in build_analysis_table(outcomes, cohorts)}


def test_two_cohorts_of_a_setting_are_included_with_counts_and_no_reason():
    rows = table([*orr("a2020", 9, 25), *orr("b2021", 13, 16)], [cohort("a2020"), cohort("b2021")])
    a = rows[("orr", "a2020")]
    assert (a["events"], a["n"], a["proportion"]) == (9, 25, 0.36)
    assert a["included"] is True and a["reason_code"] == "" and a["reason"] == ""
    assert set(a) <= set(ANALYSIS_COLUMNS)
    assert "yi" not in ANALYSIS_COLUMNS and "vi" not in ANALYSIS_COLUMNS


def test_k1_the_only_cohort_of_its_setting_is_shown_not_pooled():
    outcomes = [*orr("a2020", 9, 25), *orr("b2021", 13, 16), *orr("c2022", 5, 20)]
    cohorts = [cohort("a2020"), cohort("b2021"), cohort("c2022", "salvage")]
    rows = table(outcomes, cohorts)
    assert rows[("orr", "c2022")]["reason_code"] == P.K1
    assert rows[("orr", "c2022")]["reason"] == (
        "only cohort of its setting with this endpoint (k = 1): shown, not pooled"
    )
    assert rows[("orr", "c2022")]["included"] is False
    assert rows[("orr", "a2020")]["included"] and rows[("orr", "b2021")]["included"]


def test_k_counts_the_pooled_in_setting_and_only_rows_without_a_code():
    # b2021 is an initial course pooled in salvage: it makes k = 2 there; the NR median
    # of c2022 does not count, so a2020 is alone in its setting
    outcomes = [
        *orr("a2020", 9, 25),
        *orr("b2021", 13, 16),
        *orr("d2023", 4, 30),
        *median("a2020", 12, 10, 15),
        *median("c2022", "", text="NR"),
    ]
    cohorts = [
        cohort("a2020"),
        cohort("b2021", "initial", pooled_in="salvage"),
        cohort("c2022"),
        cohort("d2023", "salvage"),
    ]
    rows = table(outcomes, cohorts)
    assert rows[("orr", "b2021")]["included"] and rows[("orr", "d2023")]["included"]
    assert rows[("orr", "a2020")]["reason_code"] == P.K1
    assert rows[("pfs_median", "c2022")]["reason_code"] == P.NR
    assert rows[("pfs_median", "a2020")]["reason_code"] == P.K1


@pytest.mark.parametrize(
    ("lo", "hi", "text", "code", "reason"),
    [
        ("", "", "NR", P.NR, "median not reached (NR): shown, never pooled"),
        ("", "", "", P.NO_CI, "no 95% CI: enters median_of_medians and sens_impute_se only"),
        (0, 16, "", P.HALF_CI_ZERO, "95% CI lower bound 0: its log is unusable; shown, not pooled"),
        ("", 30, "", P.HALF_CI_NE, "95% CI lower bound NE: its log is unusable; shown, not pooled"),
        (9, "", "", "", ""),  # upper bound NE: pooled (Amendment 1 SE rule in the analyses)
        (9, 15, "", "", ""),
    ],
)
def test_median_reason_codes(lo, hi, text, code, reason):
    m = "" if text == "NR" else 12
    outcomes = [*median("x2020", m, lo, hi, text=text), *median("y2021", 14, 11, 18)]
    rows = table(outcomes, [cohort("x2020"), cohort("y2021")])
    x = rows[("pfs_median", "x2020")]
    assert (x["reason_code"], x["reason"], x["included"]) == (code, reason, not code)
    assert x["median_text"] == (text or "12")
    assert math.isnan(x["median"]) if code == P.NR else x["median"] == 12
    assert math.isnan(x["ci_low"]) if lo == "" else x["ci_low"] == lo
    assert math.isnan(x["ci_high"]) if hi == "" else x["ci_high"] == hi


@pytest.mark.parametrize("spec_code", sorted(P.NOT_POOLED_CODES))
def test_a_cohort_the_spec_does_not_pool_gets_its_code_whatever_its_values(spec_code):
    outcomes = [*orr("a2020", 9, 25), *orr("b2021", 13, 16), *median("b2021", "", text="NR")]
    cohorts = [
        cohort("a2020"),
        cohort("b2021", pooled_in="none", code=spec_code, reason="the author's words (x)"),
    ]
    rows = table(outcomes, cohorts)
    for endpoint in ("orr", "pfs_median"):  # the spec's code wins over NR
        r = rows[(endpoint, "b2021")]
        assert r["reason_code"] == f"not_pooled_{spec_code}"
        assert r["reason"] == "cohort not pooled: the author's words (x)"
        assert r["included"] is False
    # a2020 is now alone in its setting
    assert rows[("orr", "a2020")]["reason_code"] == P.K1


def test_decisions_read_the_code_not_the_text():
    outcomes = [*median("a2020", 12, 10, 15), *median("b2021", 14, 11, 18), *median("c2022", 20)]
    rows = build_analysis_table(outcomes, [cohort("a2020"), cohort("b2021"), cohort("c2022")])
    for r in rows:
        r["reason"] = "reworded by hand" if r["reason"] else ""
    with_ci = _eligible(rows, "pfs_median", "initial", need_ci=True)
    any_ci = _eligible(rows, "pfs_median", "initial", need_ci=False)
    assert [r["cohort_id"] for r in with_ci] == ["a2020", "b2021"]
    assert [r["cohort_id"] for r in any_ci] == ["a2020", "b2021", "c2022"]
    assert P.short_reason(next(r for r in rows if r["cohort_id"] == "c2022")["reason_code"]) == (
        "no 95% CI"
    )


def test_n_treated_is_the_safety_population_else_enrolled_and_only_for_response_endpoints():
    outcomes = [
        *orr("a2020", 9, 25),
        *orr("b2021", 13, 16),
        *orr("c2022", 5, 20),
        value("a2020", "tox_g3plus_renal.events", 1),
        value("a2020", "tox_g3plus_renal.n", 30),
    ]
    cohorts = [
        cohort("a2020", n_safety=30, n_enrolled=32),
        cohort("b2021", n_enrolled=18),
        cohort("c2022"),
    ]
    rows = table(outcomes, cohorts)
    assert rows[("orr", "a2020")]["n_treated"] == 30
    assert rows[("orr", "b2021")]["n_treated"] == 18
    assert math.isnan(rows[("orr", "c2022")]["n_treated"])
    assert "n_treated" not in rows[("tox_g3plus_renal", "a2020")]


def test_alternatives_direct_through_sums_and_none():
    outcomes = [
        # events derived as cr + pr; pr has the paper's alternative figure 7 (first of "7;8")
        value(
            "a2020",
            "orr.events",
            10,
            status="derived",
            derived_from="best_response.cr+best_response.pr",
        ),
        value("a2020", "orr.n", 25, alternative="26"),
        value("a2020", "best_response.cr", 4),
        value("a2020", "best_response.pr", 6, alternative="7;8"),
        # b2021: no alternative anywhere
        value(
            "b2021",
            "orr.events",
            13,
            status="derived",
            derived_from="best_response.cr+best_response.pr",
        ),
        value("b2021", "orr.n", 16),
        value("b2021", "best_response.cr", 3),
        value("b2021", "best_response.pr", 10),
    ]
    rows = table(outcomes, [cohort("a2020"), cohort("b2021")])
    a, b = rows[("orr", "a2020")], rows[("orr", "b2021")]
    assert a["events"] == 10 and a["alt_events"] == 4 + 7
    assert a["alt_n"] == 26
    assert math.isnan(b["alt_events"]) and math.isnan(b["alt_n"])


def test_alternatives_through_one_reference_a_difference_and_a_cycle():
    outcomes = [
        value("a2020", "orr.events", 10, derived_from="dcr.events"),
        value("a2020", "orr.n", 25, derived_from="best_response.n-best_response.ne"),
        value("a2020", "dcr.events", 10, alternative="11"),
        value("a2020", "dcr.n", 25),
        value("a2020", "best_response.n", 26, alternative="27"),
        value("a2020", "best_response.ne", 1),
        # a derivation that refers to itself stops (depth limit), never recursing forever
        value("b2021", "orr.events", 3, derived_from="orr.events+orr.n"),
        value("b2021", "orr.n", 30, derived_from="orr.events+orr.n"),
    ]
    rows = table(outcomes, [cohort("a2020"), cohort("b2021")])
    a = rows[("orr", "a2020")]
    assert a["alt_events"] == 11  # one reference: its alternative
    assert math.isnan(a["alt_n"])  # n - a - b: not used for alternatives
    b = rows[("orr", "b2021")]
    assert math.isnan(b["alt_events"]) and math.isnan(b["alt_n"])


def test_median_alternatives_and_sort_order():
    outcomes = [
        value("b2021", "pfs_median.median", 14, alternative="15"),
        value("b2021", "pfs_median.ci_low", 11),
        value("b2021", "pfs_median.ci_high", 18, alternative="19"),
        *median("a2020", 12, 10, 15),
        *orr("b2021", 13, 16),
        *orr("a2020", 9, 25),
        *orr("c2022", 2, 9),
    ]
    cohorts = [cohort("b2021"), cohort("a2020"), cohort("c2022", "salvage")]
    rows = build_analysis_table(outcomes, cohorts)
    assert [(r["endpoint"], r["setting"], r["cohort_id"]) for r in rows] == [
        ("orr", "initial", "a2020"),
        ("orr", "initial", "b2021"),
        ("orr", "salvage", "c2022"),
        ("pfs_median", "initial", "a2020"),
        ("pfs_median", "initial", "b2021"),
    ]
    b = rows[-1]
    assert (b["alt_median"], b["alt_ci_high"]) == (15, 19) and math.isnan(b["alt_ci_low"])
    assert math.isnan(b["n"])  # no pfs_median.n extracted
