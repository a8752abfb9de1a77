"""Each summary-of-findings flag rule (report.summary_of_findings.FLAG_RULES) on its own: met
just above its threshold, missed just below (or when its trigger is absent)."""

from __future__ import annotations

import re

from conftest import ROOT
from test_plots_edge_cases import cohort, pooled
from test_report_summary import SELECTED, w

from litmeta.protocol import K1, NO_CI, NR, reason_text
from litmeta.report import summary_of_findings as sof
from litmeta.tables import Tables

PAIR = ["a2020", "b2021"]


def finding_of(analysis, pools=(), weights=(), loo=(), preprints=(), endpoint="orr"):
    tables = Tables(list(analysis), list(pools), [], list(weights), list(loo))
    return sof.Finding.read(tables, set(preprints), endpoint, "initial")


def proportions(ids=PAIR, **values):
    """Cohorts of ``ids`` (proportion endpoint) and their primary pooled row."""
    analysis = [cohort(c, "orr", events=2, n=10, proportion=0.2) for c in ids]
    values = {"estimate": 0.2, "ci_low": 0.1, "ci_high": 0.3, **values}
    return analysis, pooled("orr", "initial", list(ids), **values)


def medians(ids=PAIR, **values):
    analysis = [cohort(c, "pfs_median", n=40, median=12, ci_low=9, ci_high=16) for c in ids]
    values = {"estimate": 12, "ci_low": 10, "ci_high": 14, **values}
    return analysis, pooled("pfs_median", "initial", list(ids), **values)


def flag(rule, analysis, pools=(), endpoint="orr", **kw):
    return rule(finding_of(analysis, pools, endpoint=endpoint, **kw))


def test_every_flag_rule_is_documented_in_table_order():
    """The rule table, the module docstring and results/README.md name the same flags in the
    same order, and each flag's rule is the function ``flag_<name>``."""
    names = [name for name, _ in sof.FLAG_RULES]
    for name, rule in sof.FLAG_RULES:
        assert rule.__name__ == f"flag_{name}"
    docstring = re.findall(r"^([a-z0-9_]+) {2,}", sof.__doc__, re.MULTILINE)
    assert docstring == ["flag", *names]
    readme = (ROOT / "workflow/report/results_README.md").read_text(encoding="utf-8")
    documented = re.findall(r"^\| `([a-z0-9_]+)` \|", readme, re.MULTILINE)
    assert [d for d in documented if d in names] == names


def test_not_pooled():
    alone = [cohort("a2020", "orr", included=False, code=K1, events=1, n=9)]
    alone.append(cohort("s2019", "orr", included=False, **SELECTED, events=1, n=9))
    assert flag(sof.flag_not_pooled, alone) == (
        "Not pooled (k = 1: a2020); shown only: a2020, s2019."
    )
    analysis, primary = proportions()
    assert flag(sof.flag_not_pooled, analysis, [primary]) is None


def test_k2():
    analysis, primary = proportions()
    assert flag(sof.flag_k2, analysis, [primary]).startswith("Only 2 cohorts pooled")
    analysis, primary = proportions(["a2020", "b2021", "c2022"])
    assert flag(sof.flag_k2, analysis, [primary]) is None
    assert flag(sof.flag_k2, analysis[:2]) is None  # k = 2 but not pooled


def test_wide_pi_proportion_width_above_one_half():
    analysis, primary = proportions(pi_low=0.1, pi_high=0.61)
    assert flag(sof.flag_wide_pi, analysis, [primary]) == (
        "Wide 95% prediction interval (10.0\u201361.0%): the value in a new cohort is very "
        "uncertain."
    )
    analysis, primary = proportions(pi_low=0.1, pi_high=0.59)
    assert flag(sof.flag_wide_pi, analysis, [primary]) is None
    analysis, primary = proportions()  # no PI (k = 2)
    assert flag(sof.flag_wide_pi, analysis, [primary]) is None


def test_wide_pi_median_ratio_above_four():
    analysis, primary = medians(pi_low=5, pi_high=20.5)
    assert "prediction interval" in flag(sof.flag_wide_pi, analysis, [primary], "pfs_median")
    analysis, primary = medians(pi_low=5, pi_high=19.5)
    assert flag(sof.flag_wide_pi, analysis, [primary], "pfs_median") is None


def test_high_heterogeneity_from_the_inverse_variance_i2_75():
    """Amendment 2: the inverse-variance I² (with its CI), not the GLMM's."""
    analysis, primary = proportions(i2=0, iv_i2=75, iv_i2_ci_low=0, iv_i2_ci_high=99.8)
    assert flag(sof.flag_high_heterogeneity, analysis, [primary]) == (
        "Substantial heterogeneity (inverse-variance I\u00b2 = 75.0%, 95% CI 0.0\u201399.8%)."
    )
    analysis, primary = proportions(i2=90, iv_i2=74.9)
    assert flag(sof.flag_high_heterogeneity, analysis, [primary]) is None


def test_dominant_cohort_above_half_the_weight():
    analysis, primary = proportions()
    heavy = [w("orr", "initial", "a2020", "50.1"), w("orr", "initial", "b2021", "49.9")]
    note = flag(sof.flag_dominant_cohort, analysis, [primary], weights=heavy)
    assert note == "a2020 carries 50.1% of the weight."
    even = [w("orr", "initial", "a2020", "50"), w("orr", "initial", "b2021", "50")]
    assert flag(sof.flag_dominant_cohort, analysis, [primary], weights=even) is None


def test_preprint_among_the_pooled_cohorts():
    analysis, primary = proportions()
    note = flag(sof.flag_preprint, analysis, [primary], preprints={"b2021"})
    assert note == "Includes a preprint (not peer reviewed): b2021."
    shown = [*analysis, cohort("p2022", "orr", included=False, **SELECTED, events=1, n=5)]
    assert flag(sof.flag_preprint, shown, [primary], preprints={"p2022"}) is None


def test_sensitivity_shift_proportion_above_5_points():
    analysis, primary = proportions()
    moved = pooled("orr", "initial", PAIR, analysis="sens_dl", estimate=0.251)
    note = flag(sof.flag_sensitivity_shift, analysis, [primary, moved])
    assert note == (
        "Sensitivity analyses move the estimate by more than 5 percentage points: "
        "sens_dl 25.1% (+5.1 points)."
    )
    kept = pooled("orr", "initial", PAIR, analysis="sens_dl", estimate=0.249)
    assert flag(sof.flag_sensitivity_shift, analysis, [primary, kept]) is None
    other = pooled("orr", "initial", PAIR, analysis="median_of_medians", estimate=0.5)
    assert flag(sof.flag_sensitivity_shift, analysis, [primary, other]) is None


def test_sensitivity_shift_leave_one_out_median_above_20_percent():
    analysis, primary = medians()
    loo = [{"endpoint": "pfs_median", "setting": "initial", "omitted_cohort": "a2020"}]
    moved = [{**loo[0], "estimate": "14.5"}]  # 12 -> 14.5: +20.8%
    note = flag(sof.flag_sensitivity_shift, analysis, [primary], "pfs_median", loo=moved)
    assert note.endswith("more than 20%: omitting a2020 14.5 months (+21%).")
    kept = [{**loo[0], "estimate": "14.3"}]  # +19.2%
    assert flag(sof.flag_sensitivity_shift, analysis, [primary], "pfs_median", loo=kept) is None


def test_selected_population_shown():
    analysis, primary = proportions()
    sel = cohort("s2019_iprrt", "orr", included=False, **SELECTED, events=5, n=9)
    note = flag(sof.flag_selected_population_shown, [*analysis, sel], [primary])
    assert note == "Selected-population cohorts shown, not pooled: s2019_iprrt."
    k1 = cohort("s2019_iprrt", "orr", included=False, code=K1, events=5, n=9)
    assert flag(sof.flag_selected_population_shown, [*analysis, k1], [primary]) is None


def test_ne_bound_of_a_pooled_median():
    analysis, primary = medians()
    analysis[0]["ci_high"] = ""
    note = flag(sof.flag_ne_bound, analysis, [primary], "pfs_median")
    assert note.startswith("Upper 95% CI bound not estimable (NE) for a2020:")
    analysis, primary = medians()
    assert flag(sof.flag_ne_bound, analysis, [primary], "pfs_median") is None


def test_no_ci_excluded_with_the_weighted_median():
    analysis, primary = medians()
    no_ci = cohort("c2022", "pfs_median", included=False, code=NO_CI, n=30, median=20)
    mom = pooled("pfs_median", "initial", [*PAIR, "c2022"], "median_of_medians", estimate=13)
    note = flag(sof.flag_no_ci_excluded, [*analysis, no_ci], [primary, mom], "pfs_median")
    assert note == (
        "Medians without a 95% CI left out of the primary analysis: c2022 (weighted median "
        "of medians 13.0 months, k = 3)."
    )
    assert flag(sof.flag_no_ci_excluded, analysis, [primary, mom], "pfs_median") is None


def test_nr_not_pooled():
    analysis, primary = medians()
    nr = cohort("c2022", "pfs_median", included=False, code=NR, n=30, median_text="NR")
    note = flag(sof.flag_nr_not_pooled, [*analysis, nr], [primary], "pfs_median")
    assert note.startswith("Median not reached (NR) in c2022: not pooled")
    no_ci = {**nr, "reason_code": NO_CI, "reason": reason_text(NO_CI, "")}
    assert flag(sof.flag_nr_not_pooled, [*analysis, no_ci], [primary], "pfs_median") is None


def test_implied_zero_of_a_pooled_cohort():
    analysis, primary = proportions()
    analysis[1].update(events="0", proportion="0", status="implied")
    assert flag(sof.flag_implied_zero, analysis, [primary]) == (
        "Zero counts implied, not printed, for b2021."
    )
    analysis[1]["included"] = "false"
    assert flag(sof.flag_implied_zero, analysis, [primary]) is None


def bayes_row(ids, **values):
    values = {"estimate": 0.2, "ci_low": 0.1, "ci_high": 0.3, **values}
    return pooled("orr", "initial", ids, analysis="sens_bayes", **values)


def test_bayes_given_up_to_four_cohorts():
    four = ["a2020", "b2021", "c2022", "d2023"]
    analysis, primary = proportions(four)
    bayes = bayes_row(four, pi_low=0.05, pi_high=0.5)
    assert flag(sof.flag_bayes, analysis, [primary, bayes]) == (
        "Bayesian random effects (sens_bayes, few cohorts): 20.0% (95% CrI 10.0\u201330.0); "
        "95% predictive interval 5.0\u201350.0%."
    )
    five = [*four, "e2024"]
    analysis, primary = proportions(five)
    assert flag(sof.flag_bayes, analysis, [primary, bayes_row(five)]) is None


def test_bayes_disagrees_on_estimate_or_interval_width():
    analysis, primary = proportions()  # 20% (10-30)
    shifted = bayes_row(PAIR, estimate=0.251, ci_low=0.15, ci_high=0.35)
    note = flag(sof.flag_bayes_disagrees, analysis, [primary, shifted])
    assert note == (
        "The Bayesian model and the primary analysis disagree: the estimate 25.1% (+5.1 points)."
    )
    wider = bayes_row(PAIR, ci_low=0.0, ci_high=0.42)  # width 0.42 vs 0.2: 2.1-fold
    note = flag(sof.flag_bayes_disagrees, analysis, [primary, wider])
    assert note.endswith("the 95% intervals differ in width 2.1-fold.")
    close = bayes_row(PAIR, estimate=0.249, ci_low=0.0, ci_high=0.39)  # 1.95-fold
    assert flag(sof.flag_bayes_disagrees, analysis, [primary, close]) is None
