"""Summary of findings: each note is computed by its rule, on a small constructed input where
every rule is met just above, or missed just below, its threshold."""

from __future__ import annotations

import csv

import yaml
from conftest import ROOT
from test_plots_edge_cases import cohort, pooled

from litmeta.protocol import K1, NO_CI, NR
from litmeta.report import summary_of_findings as sof
from litmeta.tables import Tables

SELECTED = {
    "code": "not_pooled_selection",
    "detail": "initial course of patients selected for >= 18 months PFS",
}


def w(endpoint, setting, cohort_id, weight):
    return {"endpoint": endpoint, "setting": setting, "cohort_id": cohort_id, "weight": weight}


def constructed() -> Tables:
    analysis = [
        # orr initial: k = 3, wide PI, I2 80, one cohort with 60% weight, a preprint,
        # a sensitivity analysis moving the estimate by 0.08, a selected population shown
        cohort("pre2020", "orr", events=8, n=10, proportion=0.8),
        cohort("big2021", "orr", events=30, n=100, proportion=0.3),
        cohort("mid2022", "orr", events=5, n=20, proportion=0.25),
        cohort("sel2019_iprrt", "orr", included=False, **SELECTED, events=50, n=90),
        # orr salvage: k = 2, weights 50/50, sensitivity moves by 0.049 only
        cohort("s2018", "orr", "salvage", events=3, n=30, proportion=0.1),
        cohort("t2017", "orr", "salvage", events=6, n=30, proportion=0.2),
        # pfs initial: k = 3 with an NE bound, PI ratio 3.9, one without CI, one NR;
        # sens_impute_se moves the median by 25%
        cohort("m2020", "pfs_median", n=50, median=10, ci_low=8),
        cohort("n2021", "pfs_median", n=60, median=12, ci_low=9, ci_high=16),
        cohort("o2022", "pfs_median", n=70, median=14, ci_low=10, ci_high=20),
        cohort("p2023", "pfs_median", included=False, code=NO_CI, n=20, median=30),
        cohort("q2024", "pfs_median", included=False, code=NR, n=25, median_text="NR"),
        # tox initial: k = 2, an implied zero, weights 49.9 / 50.1 -> dominant
        cohort("u2020", "tox_g3plus_renal", events=0, n=40, proportion=0, status="implied"),
        cohort("v2021", "tox_g3plus_renal", events=2, n=40, proportion=0.05),
    ]
    pool = [
        pooled(
            "orr",
            "initial",
            ["big2021", "mid2022", "pre2020"],
            estimate=0.40,
            ci_low=0.2,
            ci_high=0.65,
            pi_low=0.10,
            pi_high=0.85,
            i2=80,
            iv_i2=80,
            tau2=1.2,
        ),
        pooled(
            "orr",
            "initial",
            ["big2021", "mid2022"],
            analysis="sens_exclude_preprint",
            estimate=0.32,
            ci_low=0.2,
            ci_high=0.4,
        ),
        pooled("orr", "salvage", ["s2018", "t2017"], estimate=0.15, ci_low=0.08, ci_high=0.25),
        pooled(
            "orr",
            "salvage",
            ["s2018", "t2017"],
            analysis="sens_dl",
            estimate=0.199,
            ci_low=0.1,
            ci_high=0.3,
        ),
        pooled(
            "pfs_median",
            "initial",
            ["m2020", "n2021", "o2022"],
            estimate=12,
            ci_low=10,
            ci_high=14.4,
            pi_low=6,
            pi_high=23.4,
            i2=74.9,
            tau2=0.05,
        ),
        pooled(
            "pfs_median",
            "initial",
            ["m2020", "n2021", "o2022", "p2023"],
            analysis="median_of_medians",
            estimate=13,
        ),
        pooled(
            "pfs_median",
            "initial",
            ["m2020", "n2021", "o2022", "p2023"],
            analysis="sens_impute_se",
            estimate=15.01,
            ci_low=11,
            ci_high=19,
        ),
        pooled(
            "tox_g3plus_renal",
            "initial",
            ["u2020", "v2021"],
            estimate=0.03,
            ci_low=0.01,
            ci_high=0.09,
        ),
    ]
    weights = [
        w("orr", "initial", "big2021", "60"),
        w("orr", "initial", "mid2022", "25"),
        w("orr", "initial", "pre2020", "15"),
        w("orr", "salvage", "s2018", "50"),
        w("orr", "salvage", "t2017", "50"),
        w("pfs_median", "initial", "m2020", "30"),
        w("pfs_median", "initial", "n2021", "35"),
        w("pfs_median", "initial", "o2022", "35"),
        w("tox_g3plus_renal", "initial", "u2020", "49.9"),
        w("tox_g3plus_renal", "initial", "v2021", "50.1"),
    ]
    loo = [
        {
            "endpoint": "orr",
            "setting": "initial",
            "omitted_cohort": "mid2022",
            "estimate": "0.42",
            "ci_low": "0.2",
            "ci_high": "0.7",
            "tau2": "1",
            "i2": "80",
        },
    ]
    return Tables(analysis, pool, [], weights, loo)


#: the preprint cohorts (config ``exclusions.sens_exclude_preprint``)
PREPRINTS = ["pre2020"]


def by_key(rows):
    return {(r["endpoint"], r["setting"]): r for r in rows}


def test_flags_follow_their_rules():
    rows = by_key(
        sof.summarise(constructed(), sof.preprint_papers(PREPRINTS, constructed().analysis))
    )
    assert rows[("orr", "initial")]["flags"].split(";") == [
        "wide_pi",  # 0.85 - 0.10 = 0.75 > 0.5
        "high_heterogeneity",  # I2 80 >= 75
        "dominant_cohort",  # 60% > 50%
        "preprint",  # pre2020 is listed as a preprint
        "sensitivity_shift",  # 0.40 -> 0.32 (0.08 > 0.05); LOO 0.42 (0.02) is not
        "selected_population_shown",
    ]
    assert rows[("orr", "salvage")]["flags"] == "k2"  # 50% is not > 50%; 0.049 not > 0.05
    assert rows[("pfs_median", "initial")]["flags"].split(";") == [
        "sensitivity_shift",  # 15.01 / 12 = 1.25 > 1.2; PI ratio 3.9 is not > 4; I2 74.9
        "ne_bound",
        "no_ci_excluded",
        "nr_not_pooled",
    ]
    assert rows[("tox_g3plus_renal", "initial")]["flags"].split(";") == [
        "k2",
        "dominant_cohort",  # 50.1 > 50
        "implied_zero",
    ]


def test_notes_name_the_cohorts_and_numbers():
    rows = by_key(
        sof.summarise(constructed(), sof.preprint_papers(PREPRINTS, constructed().analysis))
    )
    orr = rows[("orr", "initial")]
    assert "Wide 95% prediction interval (10.0\u201385.0%)" in orr["notes"]
    assert "big2021 carries 60.0% of the weight." in orr["notes"]
    assert "Includes a preprint (not peer reviewed): pre2020." in orr["notes"]
    assert "sens_exclude_preprint 32.0% (-8.0 points)" in orr["notes"]
    assert "omitting mid2022" not in orr["notes"]
    assert "sel2019_iprrt" in orr["notes"]
    assert orr["estimate_text"] == "40.0% (95% CI 20.0\u201365.0)"
    assert orr["max_weight_cohort"] == "big2021" and orr["max_weight"] == 60.0
    pfs = rows[("pfs_median", "initial")]
    assert "NE) for m2020" in pfs["notes"]
    assert "p2023 (weighted median of medians 13.0 months, k = 4)" in pfs["notes"]
    assert "sens_impute_se 15.0 months (+25%)" in pfs["notes"]
    assert pfs["weighted_median"] == 13.0


def test_setting_without_pooled_row():
    tables = constructed()
    tables.analysis.append(
        cohort("z2019", "mds_aml", "salvage", included=False, code=K1, events=1, n=9)
    )
    rows = by_key(sof.summarise(tables, sof.preprint_papers(PREPRINTS, constructed().analysis)))
    row = rows[("mds_aml", "salvage")]
    assert row["flags"] == "not_pooled" and row["pooled"] is False
    # Amendment 2: a single cohort shows its own estimate and exact 95% CI
    assert row["estimate_text"] == "11.1% (95% CI 0.3\u201348.2), single cohort, not pooled (z2019)"
    assert row["notes"] == "Not pooled (k = 1: z2019); shown only: z2019."


def test_rows_sorted_and_columns_stable(tmp_path):
    out_csv, out_md = tmp_path / "sof.csv", tmp_path / "sof.md"
    sof.write(constructed(), PREPRINTS, out_csv, out_md)
    with open(out_csv, newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert tuple(reader.fieldnames) == sof.COLUMNS
        keys = [(r["endpoint"], r["setting"]) for r in reader]
    assert keys == [
        ("orr", "initial"),
        ("orr", "salvage"),
        ("pfs_median", "initial"),
        ("tox_g3plus_renal", "initial"),
    ]
    md = out_md.read_text(encoding="utf-8")
    assert md.startswith("# Summary of findings\n")
    assert "- big2021 carries 60.0% of the weight." in md
    first = out_csv.read_bytes(), out_md.read_bytes()
    sof.write(constructed(), PREPRINTS, out_csv, out_md)
    assert (out_csv.read_bytes(), out_md.read_bytes()) == first


def real_preprints() -> list[str]:
    config = yaml.safe_load((ROOT / "config" / "config.yaml").read_text(encoding="utf-8"))
    return config["exclusions"]["sens_exclude_preprint"]


def test_the_preprints_are_the_cohorts_the_config_excludes_as_preprint():
    tables = Tables.read_dir(ROOT / "results")
    assert sof.preprint_papers(real_preprints(), tables.analysis) == {"kalantarhormozi2020"}
    # the paper sheet's words play no part: a cohort not listed is no preprint
    assert sof.preprint_papers([], tables.analysis) == set()


def test_committed_summary_is_up_to_date(tmp_path):
    tables = Tables.read_dir(ROOT / "results")
    sof.write(
        tables,
        real_preprints(),
        tmp_path / "s.csv",
        tmp_path / "s.md",
        ROOT / "results" / "certainty.csv",
    )
    for name in ("s.csv", "s.md"):
        committed = ROOT / "results" / f"summary_of_findings{name[1:]}"
        assert (tmp_path / name).read_bytes() == committed.read_bytes(), "run snakemake"
