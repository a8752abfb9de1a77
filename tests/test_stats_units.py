"""Edge cases and conventions of litmeta.stats (expected values derived from the inputs)."""

from __future__ import annotations

import math

import numpy as np
import pytest
from scipy import special, stats

from litmeta.stats import (
    GlmmLogit,
    InverseVariance,
    cochran_q,
    ft_yi_vi,
    impute_se,
    ipft_hm,
    log_median_se,
    log_median_yi_vi,
    logit_yi_vi,
    median_of_medians,
    q_between,
    tau2_dl,
    tau2_pm,
    tau2_reml,
    typical_within_variance,
    wald_q_saturated,
)
from litmeta.stats.transforms import pft

ALL_IV = [
    InverseVariance(t, m, h)
    for t in ("logit", "ft")
    for m in ("REML", "DL", "PM", "FE")
    for h in (False, True)
]


# --- k = 1 / k = 2 ---------------------------------------------------------------------------


@pytest.mark.parametrize("est", [GlmmLogit(), *ALL_IV], ids=lambda e: getattr(e, "model", ""))
def test_single_study_is_not_pooled(est):
    with pytest.raises(ValueError, match="k = 1"):
        est.fit_proportions([3], [20]) if isinstance(est, InverseVariance) else est.fit([3], [20])


def test_single_study_raises_everywhere():
    with pytest.raises(ValueError, match="k = 1"):
        InverseVariance("log").fit([0.1], [0.04])
    with pytest.raises(ValueError, match="k = 1"):
        InverseVariance("log").fit_medians([12.0], [9.0], [15.0])
    for f in (tau2_reml, tau2_dl, tau2_pm):
        with pytest.raises(ValueError, match="k = 1"):
            f([0.1], [0.04])
    with pytest.raises(ValueError, match="no studies"):
        InverseVariance("log").fit([], [])


def test_two_studies_pool_without_prediction_interval():
    for res in (
        GlmmLogit().fit([12, 30], [60, 90]),
        InverseVariance("logit").fit_proportions([12, 30], [60, 90]),
    ):
        assert res.k == 2 and res.q_df == 1
        assert res.pi_low is None and res.pi_high is None
        assert res.pi_low_nat is None and res.pi_high_nat is None
        assert math.isfinite(res.estimate) and res.ci_low < res.estimate < res.ci_high


def test_three_studies_report_a_prediction_interval():
    res = InverseVariance("logit").fit_proportions([12, 30, 5], [60, 90, 40])
    assert res.pi_low <= res.ci_low and res.pi_high >= res.ci_high


# --- continuity corrections ------------------------------------------------------------------


def test_logit_correction_only_for_zero_or_all_events():
    yi, vi = logit_yi_vi([0, 5, 10], [10, 10, 10])
    assert yi[1] == 0.0 and vi[1] == pytest.approx(1 / 5 + 1 / 5)
    assert yi[0] == pytest.approx(math.log(0.5 / 10.5)) and vi[0] == pytest.approx(
        1 / 0.5 + 1 / 10.5
    )
    assert yi[2] == pytest.approx(math.log(10.5 / 0.5))


def test_freeman_tukey_is_never_corrected():
    yi, vi = ft_yi_vi([0, 10], [10, 10])
    assert yi[0] == pytest.approx(0.5 * math.asin(math.sqrt(1 / 11)))
    assert yi[1] == pytest.approx(0.5 * (math.asin(math.sqrt(10 / 11)) + math.pi / 2))
    assert vi[0] == pytest.approx(1 / 42)


def test_iv_pools_all_zero_event_studies():
    res = InverseVariance("logit").fit_proportions([0, 0, 0], [20, 20, 20])
    assert res.tau2 == 0
    assert res.estimate == pytest.approx(math.log(0.5 / 20.5))
    ft = InverseVariance("ft").fit_proportions([0, 0, 0], [20, 30, 40])
    assert ft.est_nat == 0.0 and ft.ci_low_nat == 0.0


def test_glmm_uses_raw_counts_with_zero_event_studies():
    """At tau2 = 0 the GLMM is the uncorrected pooled logistic fit logit(sum x / sum n)."""
    res = GlmmLogit().fit([0, 0, 1], [20, 30, 40])
    assert res.tau2 == 0
    assert res.estimate == pytest.approx(special.logit(1 / 90), abs=1e-8)
    assert res.se == pytest.approx(math.sqrt(1 / (90 * (1 / 90) * (89 / 90))), rel=1e-5)


def test_glmm_identical_proportions_sit_on_the_boundary():
    """lme4 refuses this (response constant); the ML answer is tau2 = 0, the pooled logit."""
    res = GlmmLogit().fit([10, 20, 30, 40], [50, 100, 150, 200])
    assert res.tau2 == 0 and res.i2 == 0 and res.q == pytest.approx(0, abs=1e-20)
    assert res.estimate == pytest.approx(special.logit(0.2), abs=1e-8)


@pytest.mark.parametrize(("events", "n"), [([0, 0, 0], [5, 10, 15]), ([5, 10, 15], [5, 10, 15])])
def test_glmm_rejects_data_without_a_finite_ml_estimate(events, n):
    with pytest.raises(ValueError, match="infinite"):
        GlmmLogit().fit(events, n)


def test_glmm_wald_q_ignores_zero_and_all_event_studies():
    x, n = np.array([4, 0, 11, 7, 15]), np.array([40, 35, 80, 7, 120])
    keep = [0, 2, 4]
    q, df, _ = wald_q_saturated(x, n)
    yi = np.log(x[keep] / (n[keep] - x[keep]))
    vi = 1 / x[keep] + 1 / (n[keep] - x[keep])
    assert df == 4 and q == pytest.approx(cochran_q(yi, vi)[0])
    assert wald_q_saturated([0, 3], [10, 10])[0] == 0


@pytest.mark.parametrize(
    ("events", "n"), [([1.5, 2], [10, 10]), ([3, 11], [10, 10]), ([-1, 2], [10, 10]), ([1], [1, 2])]
)
def test_invalid_counts_raise(events, n):
    with pytest.raises(ValueError):
        InverseVariance().fit_proportions(events, n)


# --- heterogeneity conventions ---------------------------------------------------------------


def test_i2_uses_typical_within_study_variance():
    yi, vi = np.array([0.1, 0.5, -0.2, 0.9]), np.array([0.04, 0.09, 0.05, 0.2])
    res = InverseVariance("log", "DL").fit(yi, vi)
    s2 = typical_within_variance(vi)
    w = 1 / vi
    assert s2 == pytest.approx((len(w) - 1) * w.sum() / (w.sum() ** 2 - (w**2).sum()))
    assert res.i2 == pytest.approx(100 * res.tau2 / (res.tau2 + s2))
    assert res.h2 == pytest.approx((res.tau2 + s2) / s2)
    fe = InverseVariance("log", "FE").fit(yi, vi)
    assert fe.i2 == pytest.approx(max(0, 100 * (fe.q - 3) / fe.q)) and fe.h2 == pytest.approx(
        fe.q / 3
    )


def test_hksj_uses_t_and_scaled_variance():
    yi, vi = np.array([0.1, 0.5, -0.2, 0.9]), np.array([0.04, 0.09, 0.05, 0.2])
    z = InverseVariance("log", "REML").fit(yi, vi)
    kh = InverseVariance("log", "REML", hksj=True, hk_adhoc=False).fit(yi, vi)
    w = 1 / (vi + z.tau2)
    s2w = np.sum(w * (yi - z.estimate) ** 2) / 3
    assert kh.estimate == pytest.approx(z.estimate)
    assert kh.se == pytest.approx(z.se * math.sqrt(s2w))
    assert kh.ci_high - kh.estimate == pytest.approx(kh.se * stats.t.ppf(0.975, 3), rel=1e-9)


def test_hk_adhoc_never_narrower_than_z_and_pi_uses_t_k_minus_2():
    # nearly homogeneous: q < 1, so the ad hoc rule keeps the z-model variance
    yi, vi = np.array([0.10, 0.12, 0.11, 0.13]), np.array([0.04, 0.09, 0.05, 0.2])
    z = InverseVariance("log", "REML").fit(yi, vi)
    knha = InverseVariance("log", "REML", hksj=True, hk_adhoc=False).fit(yi, vi)
    adhoc = InverseVariance("log", "REML", hksj=True).fit(yi, vi)
    assert knha.se < z.se
    assert adhoc.se == pytest.approx(z.se)
    assert adhoc.ci_high - adhoc.estimate == pytest.approx(adhoc.se * stats.t.ppf(0.975, 3))
    half = stats.t.ppf(0.975, 2) * math.sqrt(adhoc.se**2 + adhoc.tau2)
    assert adhoc.pi_high - adhoc.estimate == pytest.approx(half)
    half_z = stats.t.ppf(0.975, 2) * math.sqrt(z.se**2 + z.tau2)
    assert z.pi_high - z.estimate == pytest.approx(half_z)


def test_weights_are_percent_inverse_variance_in_input_order():
    yi, vi = np.array([0.1, 0.5, -0.2]), np.array([0.04, 0.09, 0.05])
    res = InverseVariance("log", "DL").fit(yi, vi)
    w = 1 / (vi + res.tau2)
    np.testing.assert_allclose(res.weights, 100 * w / w.sum())


def test_tau2_estimators_agree_with_pymare():
    from pymare import Dataset
    from pymare.estimators import DerSimonianLaird, VarianceBasedLikelihoodEstimator

    yi, vi = logit_yi_vi([4, 0, 11, 7, 15, 3, 20], [40, 35, 80, 52, 120, 30, 60])
    ds = Dataset(y=yi, v=vi)
    dl = DerSimonianLaird().fit_dataset(ds).params_["tau2"].item()
    reml = VarianceBasedLikelihoodEstimator(method="REML").fit_dataset(ds).params_["tau2"].item()
    assert tau2_dl(yi, vi) == pytest.approx(dl, abs=1e-10)
    assert tau2_reml(yi, vi) == pytest.approx(reml, abs=1e-5)


def test_reml_does_not_oscillate_at_the_boundary():
    yi, vi = np.array([0.0] * 8 + [1.0]), np.array([1.0] * 8 + [0.125])
    t = tau2_reml(yi, vi)
    perm = [8, *range(8)]
    assert t > 0 and tau2_reml(yi[perm], vi[perm]) == pytest.approx(t, rel=1e-10)


def test_homogeneous_effects_give_zero_tau2():
    yi, vi = np.full(4, 0.3), np.array([0.1, 0.2, 0.3, 0.4])
    for f in (tau2_reml, tau2_dl, tau2_pm):
        assert f(yi, vi) == 0.0


def test_q_between_is_fixed_effect_q_of_subgroup_estimates():
    q, df, p = q_between([0.2, 0.8, 0.5], [0.1, 0.2, 0.15])
    assert (q, df, p) == pytest.approx(cochran_q([0.2, 0.8, 0.5], [0.01, 0.04, 0.0225]))
    with pytest.raises(ValueError):
        q_between([0.2], [0.1])


# --- back-transforms -------------------------------------------------------------------------


def test_ipft_round_trip_and_clamping():
    n = [25.0]
    for p in (0.0, 0.13, 0.5, 0.97, 1.0):
        assert ipft_hm(pft(p, 25.0), n) == pytest.approx(p, abs=1e-12)
    assert ipft_hm(pft(0.0, 25.0) - 0.01, n) == 0.0
    assert ipft_hm(pft(1.0, 25.0) + 0.01, n) == 1.0


def test_ipft_uses_the_harmonic_mean():
    n = [10.0, 40.0]
    nhm = 1 / np.mean([1 / 10, 1 / 40])
    assert ipft_hm(pft(0.3, nhm), n) == pytest.approx(0.3, abs=1e-12)


def test_ft_back_transform_needs_n():
    yi, vi = ft_yi_vi([3, 5], [20, 30])
    with pytest.raises(ValueError, match="sample sizes"):
        InverseVariance("ft").fit(yi, vi)


# --- medians ---------------------------------------------------------------------------------


def test_log_median_se_from_ci_and_from_ne_upper_bound():
    se = log_median_se([12.0, 20.0, 8.0], [9.0, 15.0, 6.0], [16.0, None, float("nan")])
    assert se[0] == pytest.approx((math.log(16) - math.log(9)) / (2 * 1.96))
    assert se[1] == pytest.approx((math.log(20) - math.log(15)) / 1.96)
    assert se[2] == pytest.approx((math.log(8) - math.log(6)) / 1.96)


def test_missing_ci_se_is_imputed_from_the_others():
    se = np.array([0.2, np.nan, 0.1, 0.3])
    n = np.array([100, 50, 400, 25])
    out = impute_se(se, n)
    scale = np.median(se[[0, 2, 3]] * np.sqrt(n[[0, 2, 3]]))
    assert out[1] == pytest.approx(scale / math.sqrt(50))
    np.testing.assert_array_equal(out[[0, 2, 3]], se[[0, 2, 3]])
    with pytest.raises(ValueError, match="pass n"):
        log_median_yi_vi([10.0, 12.0], [8.0, None], [13.0, None])
    with pytest.raises(ValueError, match="no study has a CI"):
        impute_se([np.nan, np.nan], [10, 20])


@pytest.mark.parametrize(
    ("median", "lower", "upper"),
    [
        ([float("nan")], [1.0], [2.0]),
        ([5.0], [6.0], [7.0]),
        ([5.0], [4.0], [4.5]),
        ([5.0], [5.0], [5.0]),
    ],
)
def test_invalid_medians_raise(median, lower, upper):
    with pytest.raises(ValueError):
        log_median_se(median, lower, upper)


def test_pooled_medians_back_transform_with_exp():
    res = InverseVariance("log").fit_medians(
        [12.0, 18.0, 9.0], [9.0, 14.0, 7.0], [16.0, None, 12.0]
    )
    assert res.est_nat == pytest.approx(math.exp(res.estimate))
    assert res.ci_low_nat == pytest.approx(math.exp(res.ci_low))
    assert res.pi_high_nat == pytest.approx(math.exp(res.pi_high))


def test_median_of_medians_definition():
    assert median_of_medians([7.0, 3.0, 5.0], [1, 1, 1]) == 5.0
    assert median_of_medians([3.0, 5.0, 9.0], [10, 10, 100]) == 9.0  # 9 carries > 50%
    assert median_of_medians([3.0, 5.0, 9.0], [60, 30, 10]) == 3.0  # 3 reaches 60%
    # exact 50 % at 5.0 -> average with the next value
    assert median_of_medians([9.0, 3.0, 5.0], [50, 20, 30]) == pytest.approx((5.0 + 9.0) / 2)
    assert median_of_medians([4.0, 8.0], [25, 25]) == pytest.approx(6.0)
    assert median_of_medians([11.5], [40]) == 11.5
    values, weights = [12.0, 8.0, 15.0, 8.0, 30.0], [100, 20, 35, 40, 5]
    perm = [4, 2, 0, 3, 1]
    assert median_of_medians(values, weights) == median_of_medians(
        [values[i] for i in perm], [weights[i] for i in perm]
    )
    with pytest.raises(ValueError):
        median_of_medians([float("nan"), 3.0], [10, 10])


def test_glmm_likelihood_ratio_test_and_common_effect_equal_metafor():
    """Amendment 2: salvage ORR (26/168, 5/13). metafor 3.8-1:
    ``rma.glmm(measure="PLO", xi=c(26,5), ni=c(168,13), method="ML")``: QE.LRT 3.6588982,
    QEp.LRT 0.0557705 (the same under method="EE", whose estimate is logit(31/181));
    ``confint(rma(yi, vi, method="REML"))`` on the escalc logits: tau² 0–100 (metafor's search
    limit), I² 0–99.81509 %."""
    from litmeta.stats import GlmmLogit, lrt_saturated
    from litmeta.stats.heterogeneity import i2_h2, qprofile_tau2_ci

    q, df, p = lrt_saturated([26, 5], [168, 13])
    assert (round(q, 6), df, round(p, 6)) == (3.658898, 1, 0.055771)
    res = GlmmLogit().fit([26, 5], [168, 13])
    assert res.q == pytest.approx(q) and res.q_p == pytest.approx(p)
    common = GlmmLogit(common=True).fit([26, 5], [168, 13])
    assert common.model == "glmm_logit_common" and common.tau2 == 0
    assert common.est_nat == pytest.approx(31 / 181)
    assert common.q == pytest.approx(q)
    yi, vi = logit_yi_vi([26, 5], [168, 13])
    lo, hi = qprofile_tau2_ci(yi, vi)
    assert (lo, hi) == (0.0, 100.0)
    assert i2_h2(hi, vi)[0] == pytest.approx(99.81509, abs=1e-5)


def test_lrt_does_not_degenerate_with_a_zero_event_cohort():
    """metafor's Wald-type Q gives 0 (p 1) for 0/25 and 3/105; the LRT gives 1.30 (p 0.25),
    as PROTOCOL.md Amendment 2 quotes for hepatic toxicity."""
    from litmeta.stats import lrt_saturated, wald_q_saturated

    assert wald_q_saturated([0, 3], [25, 105])[0] == 0
    q, _, p = lrt_saturated([0, 3], [25, 105])
    assert round(q, 2) == 1.30 and round(p, 2) == 0.25


@pytest.mark.parametrize("events", [[0, 0, 0], [25, 105, 40]])
def test_lrt_of_studies_with_no_events_or_only_events_is_zero(events, recwarn):
    """Every proportion 0 (or every one 1): the saturated model fits no better than the
    common one, LRT 0 with p 1; its 0/0 terms made Q and its p value NaN, written as empty
    cells, in the sens_bayes rows of a pool such as MDS/AML without a single case."""
    from litmeta.stats import BayesRandomEffects, lrt_saturated

    assert lrt_saturated(events, [25, 105, 40]) == (0.0, 2, 1.0)
    assert not [w for w in recwarn if issubclass(w.category, RuntimeWarning)]
    if events[0] == 0:
        res = BayesRandomEffects().fit(events, [25, 105, 40])
        assert (res.q, res.q_p) == (0.0, 1.0) and math.isfinite(res.est_nat)


def test_qprofile_bounds_at_zero_and_inside():
    from litmeta.stats.heterogeneity import qprofile_tau2_ci
    from litmeta.stats.tau2 import generalised_q

    y, v = [0.1, 0.1, 0.1], [0.1, 0.2, 0.3]
    assert qprofile_tau2_ci(y, v) == (0.0, 0.0)  # Q(0) = 0 is below both quantiles
    y, v = [-1.0, 0.0, 1.5, 2.0], [0.05, 0.05, 0.05, 0.05]
    lo, hi = qprofile_tau2_ci(y, v)
    assert 0 < lo < hi < 100
    assert generalised_q(lo, y, v) == pytest.approx(stats.chi2.ppf(0.975, 3))
    assert generalised_q(hi, y, v) == pytest.approx(stats.chi2.ppf(0.025, 3))
