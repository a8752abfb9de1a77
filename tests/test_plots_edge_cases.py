"""The plots tolerate what real reviews contain: an endpoint with one setting only, k = 1,
medians not reached (NR), upper bounds not estimable (NE), zero events, no pooled row at
all, an endpoint absent from the tables."""

from __future__ import annotations

from test_plots_forest import parse_est_ci, svg_texts

from litmeta.harmonise import ANALYSIS_COLUMNS
from litmeta.plots import render_endpoint
from litmeta.protocol import K1, NO_CI, NR, reason_text
from litmeta.tables import Tables


def cohort(cohort_id, endpoint, setting="initial", included=True, code="", detail="", **values):
    """An analysis-table row; ``code``: its reason code (``detail``: the spec's reason)."""
    row = dict.fromkeys(ANALYSIS_COLUMNS, "")
    row.update(
        cohort_id=cohort_id,
        paper_id=cohort_id.split("_")[0],
        setting=setting,
        pooled_in=setting,
        endpoint=endpoint,
        included="true" if included else "false",
        reason_code=code,
        reason=reason_text(code, detail),
        status="reported",
    )
    row.update({k: str(v) for k, v in values.items()})
    return row


def pooled(endpoint, setting, cohorts, analysis="primary", **values):
    row = {
        "analysis": analysis,
        "endpoint": endpoint,
        "setting": setting,
        "model": "iv_log_REML" if endpoint.endswith("_median") else "glmm_logit_ml",
        "k": str(len(cohorts)),
        "n": "100",
        "events": "",
        "pi_low": "",
        "pi_high": "",
        "tau2": "0",
        "i2": "0",
        "q": "0.5",
        "q_df": str(len(cohorts) - 1),
        "q_p": "0.48",
        "cohorts": ";".join(cohorts),
    }
    row.update({k: str(v) for k, v in values.items()})
    return row


def edge_tables() -> Tables:
    analysis = [
        # medians, initial only: one NR, one without CI, one alone with an NE upper bound
        cohort("a2020", "pfs_median", included=False, code=NR, n=30, median_text="NR"),
        cohort(
            "b2021",
            "pfs_median",
            included=False,
            code=NO_CI,
            n=40,
            median=18,
            median_text="18",
        ),
        cohort(
            "c2022_long_cohort_name_for_layout",
            "pfs_median",
            included=False,
            code=K1,
            n=50,
            median=12.2,
            median_text="12.2",
            ci_low=11.3,
        ),
        # proportions, salvage only, k = 2 with a zero-event cohort, no prediction interval
        cohort("d2019", "orr", "salvage", events=0, n=12, proportion=0),
        cohort("e2018", "orr", "salvage", events=5, n=40, proportion=0.125),
        # medians, k = 2 pooled with an NE upper bound
        cohort("f2020", "os_median", n=20, median=30, median_text="30", ci_low=20),
        cohort("g2021", "os_median", n=80, median=40, median_text="40", ci_low=30, ci_high=55),
    ]
    pool = [
        pooled(
            "orr",
            "salvage",
            ["d2019", "e2018"],
            events=5,
            n=52,
            estimate=0.09,
            ci_low=0.03,
            ci_high=0.24,
        ),
        pooled(
            "os_median",
            "initial",
            ["f2020", "g2021"],
            estimate=36.4,
            ci_low=29.1,
            ci_high=45.5,
            tau2=0.01,
            i2=12.5,
        ),
        pooled(
            "pfs_median",
            "initial",
            ["b2021", "c2022_long_cohort_name_for_layout"],
            analysis="median_of_medians",
            estimate=14.9,
            ci_low="",
            ci_high="",
            tau2="",
            i2="",
            q="",
            q_df="",
            q_p="",
        ),
    ]
    weights = [
        {"endpoint": "orr", "setting": "salvage", "cohort_id": "d2019", "weight": "20"},
        {"endpoint": "orr", "setting": "salvage", "cohort_id": "e2018", "weight": "80"},
        {"endpoint": "os_median", "setting": "initial", "cohort_id": "f2020", "weight": "40"},
        {"endpoint": "os_median", "setting": "initial", "cohort_id": "g2021", "weight": "60"},
    ]
    return Tables(analysis, pool, [], weights, [])


def render(endpoint, tmp_path):
    paths = render_endpoint(endpoint, edge_tables(), tmp_path)
    assert len(paths) == 9 and all(p.stat().st_size > 0 for p in paths)
    return {
        kind: svg_texts(tmp_path / f"{kind}_{endpoint}.svg")
        for kind in ("forest", "sensitivity", "loo")
    }


def test_medians_k1_nr_and_ne_in_one_setting(tmp_path):
    plots = render("pfs_median", tmp_path)
    by_id, texts = plots["forest"]
    assert by_id["shown-a2020.est"] == "NR"
    assert by_id["shown-a2020.note"] == "median NR"
    assert by_id["shown-b2021.est"] == "18.0" and by_id["shown-b2021.note"] == "no 95% CI"
    est, lo, hi = parse_est_ci(by_id["shown-c2022_long_cohort_name_for_layout.est"])
    assert (est, lo, hi) == (12.2, 11.3, None)  # printed "12.2 (11.3–NE)"
    # Amendment 2: the single cohort's own estimate, labelled
    assert by_id["pooled-initial.est"] == "12.2 (11.3\u2013NE)"
    assert by_id["pooled-initial.note"] == "single cohort, not pooled"
    assert by_id["mom-initial.est"] == "14.9"
    assert "no cohort reports this endpoint" in texts  # salvage
    assert "not applicable" in by_id["subgroup.span"]
    sens_ids, _ = plots["sensitivity"]
    assert sens_ids["median_of_medians-initial.est"] == "14.9"
    loo_ids, _ = plots["loo"]
    assert "No leave-one-out analysis" in loo_ids["none.span"]


def test_proportions_salvage_only_with_zero_events(tmp_path):
    by_id, texts = render("orr", tmp_path)["forest"]
    assert by_id["study-d2019.events"] == "0"
    assert by_id["study-d2019.est"] == "0.0 (0.0\u201326.5)"  # exact CI of 0/12
    assert by_id["pooled-salvage.est"] == "9.0 (3.0\u201324.0)"
    assert "pi-salvage.est" not in by_id  # k = 2: no prediction interval
    assert "no cohort reports this endpoint" in texts  # initial


def test_pooled_median_with_ne_bound_cohort(tmp_path):
    by_id, _ = render("os_median", tmp_path)["forest"]
    assert parse_est_ci(by_id["study-f2020.est"]) == (30.0, 20.0, None)
    assert by_id["pooled-initial.est"] == "36.4 (29.1\u201345.5)"
    assert by_id["study-g2021.weight"] == "60.0%"


def test_endpoint_absent_from_the_tables(tmp_path):
    by_id, texts = render("mds_aml", tmp_path)["forest"]
    assert texts.count("no cohort reports this endpoint") == 2
