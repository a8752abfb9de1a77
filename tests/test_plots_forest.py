"""The forest plots show the numbers of the result tables: each one is read back from the
``<text>`` elements of a freshly drawn SVG and compared with results/*.csv."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest
from conftest import ROOT

from litmeta.plots import render_endpoint
from litmeta.plots.forest import clopper_pearson
from litmeta.protocol import is_included, short_reason
from litmeta.tables import Tables, num

RESULTS = ROOT / "results"
SVG = "{http://www.w3.org/2000/svg}"
NUMBER = r"(\d+(?:\.\d+)?|NE)"
EST_CI = re.compile(rf"^{NUMBER} \({NUMBER}\u2013{NUMBER}\)$")
INTERVAL = re.compile(rf"^\({NUMBER}\u2013{NUMBER}\)$")


def svg_texts(path: Path) -> tuple[dict[str, str], list[str]]:
    """Texts of an SVG: by the id of their group (``<line gid>.<column>``), and all."""
    root = ET.parse(path).getroot()
    by_id: dict[str, str] = {}
    for g in root.iter(f"{SVG}g"):
        gid = g.get("id", "")
        texts = [t.text or "" for t in g.findall(f"{SVG}text")]
        if texts and "." in gid and not gid.startswith("matplotlib"):
            by_id[gid] = " ".join(texts)
    return by_id, [t.text or "" for t in root.iter(f"{SVG}text")]


def parse_est_ci(text: str) -> tuple[float | None, ...]:
    m = EST_CI.match(text)
    assert m, f"not 'estimate (low–high)': {text!r}"
    return tuple(None if g == "NE" else float(g) for g in m.groups())


def close(shown: float | None, value: float | None, scale: float, decimals: int = 1) -> bool:
    """``shown`` is ``value * scale`` rounded to ``decimals``."""
    if value is None or shown is None:
        return shown is None and value is None
    return abs(shown - value * scale) <= 0.5 * 10**-decimals + 1e-9


@pytest.fixture(scope="module")
def tables() -> Tables:
    return Tables.read_dir(RESULTS)


@pytest.fixture(scope="module")
def forests(tables, tmp_path_factory) -> dict[str, tuple[dict[str, str], list[str]]]:
    out = tmp_path_factory.mktemp("forest")
    result = {}
    for endpoint in tables.endpoints():
        render_endpoint(endpoint, tables, out, kinds=("forest",), formats=("svg",))
        result[endpoint] = svg_texts(out / f"forest_{endpoint}.svg")
    return result


def _scale(endpoint: str) -> float:
    return 1.0 if endpoint.endswith("_median") else 100.0


def test_every_endpoint_of_the_table_has_a_forest_plot(tables, forests):
    assert set(forests) == set(tables.endpoints())
    assert len(forests) == 12


def test_pooled_estimate_ci_k_and_patients_match_pooled_csv(tables, forests):
    checked = 0
    for p in tables.pooled:
        if p["analysis"] != "primary":
            continue
        by_id, _ = forests[p["endpoint"]]
        key = f"pooled-{p['setting']}"
        est, lo, hi = parse_est_ci(by_id[f"{key}.est"])
        s = _scale(p["endpoint"])
        assert close(est, num(p["estimate"]), s), (key, by_id[f"{key}.est"], p)
        assert close(lo, num(p["ci_low"]), s), (key, p)
        assert close(hi, num(p["ci_high"]), s), (key, p)
        assert by_id[f"{key}.cohort"] == f"Pooled estimate (k = {p['k']})"
        assert by_id[f"{key}.n"] == p["n"]
        if p["events"]:
            assert by_id[f"{key}.events"] == p["events"]
        checked += 1
    assert checked == 14  # primary rows in results/pooled.csv


def test_prediction_interval_and_heterogeneity_match_pooled_csv(tables, forests):
    for p in tables.pooled:
        if p["analysis"] != "primary":
            continue
        by_id, _ = forests[p["endpoint"]]
        s = _scale(p["endpoint"])
        pi_id = f"pi-{p['setting']}.est"
        if p["pi_low"]:
            m = INTERVAL.match(by_id[pi_id])
            assert m, by_id[pi_id]
            assert close(float(m.group(1)), num(p["pi_low"]), s)
            assert close(float(m.group(2)), num(p["pi_high"]), s)
        else:
            assert pi_id not in by_id  # k = 2: no prediction interval drawn
        het = by_id[f"het-{p['setting']}.span"]
        m = re.match(
            r"Heterogeneity: \u03c4\u00b2 = ([\d.]+|< 0\.0001), I\u00b2 = ([\d.]+)%, "
            r"(LRT|Q) = ([\d.]+) \(df = (\d+)\), p ([<=]) ([\d.]+)"
            r"(?:; inverse-variance I\u00b2 = ([\d.]+)%)?",
            het,
        )
        assert m, het
        # Amendment 2: the GLMM shows its likelihood-ratio test, named; the IV I² beside it
        assert m.group(3) == ("LRT" if p["q_test"] == "lrt" else "Q"), het
        if p["model"].startswith("glmm"):
            assert close(float(m.group(8)), num(p["iv_i2"]), 1), het
        if m.group(1) != "< 0.0001":
            assert close(float(m.group(1)), num(p["tau2"]), 1, 4)
        assert close(float(m.group(2)), num(p["i2"]), 1)
        assert close(float(m.group(4)), num(p["q"]), 1, 2)
        assert m.group(5) == p["q_df"]
        if m.group(6) == "<":
            assert num(p["q_p"]) < 0.001
        else:
            assert close(float(m.group(7)), num(p["q_p"]), 1, 3)


def test_cohort_rows_match_analysis_table_and_weights(tables, forests):
    for r in tables.analysis:
        by_id, _ = forests[r["endpoint"]]
        cohort, endpoint = r["cohort_id"], r["endpoint"]
        key = f"{'study' if is_included(r) else 'shown'}-{cohort}"
        assert by_id[f"{key}.cohort"] == cohort
        assert by_id[f"{key}.n"] == r["n"]
        est_text = by_id[f"{key}.est"]
        if endpoint.endswith("_median"):
            if r["median_text"] == "NR":
                assert est_text == "NR"
            elif not r["ci_low"]:
                assert close(float(est_text), num(r["median"]), 1)
            else:
                est, lo, hi = parse_est_ci(est_text)
                assert close(est, num(r["median"]), 1)
                assert close(lo, num(r["ci_low"]), 1)
                assert close(hi, num(r["ci_high"]), 1)  # None (NE) when the CSV is empty
        else:
            assert by_id[f"{key}.events"] == r["events"]
            est, lo, hi = parse_est_ci(est_text)
            cp_lo, cp_hi = clopper_pearson(num(r["events"]), num(r["n"]))
            assert close(est, num(r["events"]) / num(r["n"]), 100)
            assert close(lo, cp_lo, 100) and close(hi, cp_hi, 100)
        if is_included(r):
            w = tables.weight(endpoint, r["setting"], cohort)
            assert close(float(by_id[f"{key}.weight"].rstrip("%")), w, 1)
        else:
            assert by_id[f"{key}.note"] == short_reason(r["reason_code"])
            assert f"{key}.weight" not in by_id


def test_settings_without_pooled_row_say_not_pooled(tables, forests):
    for endpoint in tables.endpoints():
        by_id, texts = forests[endpoint]
        for setting in ("initial", "salvage"):
            rows = tables.cohorts(endpoint, setting)
            pooled = tables.pooled_row("primary", endpoint, setting)
            if not rows:
                assert "no cohort reports this endpoint" in texts
            elif pooled is None:
                single = by_id.get(f"pooled-{setting}.note") == "single cohort, not pooled"
                assert single or by_id[f"pooled-{setting}.est"].startswith("not pooled (k = ")
    # k = 1 in the real data: initial median PFS (lazarenko2026_prrt1 is the only one with a
    # CI) shows its own median and CI (Amendment 2); lymphopenia its own rate (50.5%)
    pfs = forests["pfs_median"][0]
    assert pfs["pooled-initial.note"] == "single cohort, not pooled"
    assert pfs["pooled-initial.est"] == pfs["shown-lazarenko2026_prrt1.est"]
    assert forests["tox_g3plus_lymphopenia"][0]["pooled-initial.est"] == "50.5 (40.6\u201360.3)"


def test_subgroup_test_line_matches_subgroup_tests_csv(tables, forests):
    for endpoint in tables.endpoints():
        by_id, _ = forests[endpoint]
        line = by_id["subgroup.span"]
        test = tables.subgroup("primary", endpoint)
        if test is None:
            assert "not applicable" in line
            continue
        m = re.search(r"Q = ([\d.]+), df = (\d+), p ([<=]) ([\d.]+)(;|$)", line)
        assert m, line
        assert close(float(m.group(1)), num(test["q_between"]), 1, 2)
        assert m.group(2) == test["df"]
        assert close(float(m.group(4)), num(test["p"]), 1, 3)
        metareg = tables.subgroup("metareg_setting", endpoint)
        if metareg is not None:  # proportions: the meta-regression beside Q-between
            m = re.search(r"Q\u2098 = ([\d.]+), p ([<=]) ([\d.]+)$", line)
            assert m, line
            assert close(float(m.group(1)), num(metareg["q_between"]), 1, 2)
            assert close(float(m.group(3)), num(metareg["p"]), 1, 3)
            assert "Descriptive only" in by_id["subgroup-note.span"]


def test_medians_show_the_weighted_median_of_medians(tables, forests):
    for p in tables.pooled:
        if p["analysis"] == "median_of_medians":
            by_id, _ = forests[p["endpoint"]]
            assert close(float(by_id[f"mom-{p['setting']}.est"]), num(p["estimate"]), 1)


def test_committed_forest_svgs_are_up_to_date(tables, tmp_path):
    """results/plots/forest_*.svg are what the current code draws from the current tables."""
    for endpoint in ("orr", "os_median"):
        render_endpoint(endpoint, tables, tmp_path, kinds=("forest",), formats=("svg",))
        fresh = (tmp_path / f"forest_{endpoint}.svg").read_bytes()
        assert fresh == (RESULTS / "plots" / f"forest_{endpoint}.svg").read_bytes(), (
            "run snakemake --cores 4"
        )


@pytest.mark.parametrize(
    ("events", "n", "low", "high"),
    [
        (7, 20, 0.1539092048, 0.5921885345),  # R: binom.test(7, 20)$conf.int
        (0, 15, 0.0000000000, 0.2180193609),  # R: binom.test(0, 15)$conf.int
        (15, 15, 0.7819806391, 1.0000000000),  # R: binom.test(15, 15)$conf.int
        (1, 1, 0.0250000000, 1.0000000000),  # R: binom.test(1, 1)$conf.int
        (83, 404, 0.1670923846, 0.2481760013),  # R: binom.test(83, 404)$conf.int
    ],
)
def test_study_intervals_are_clopper_pearson_as_r_binom_test(events, n, low, high):
    got = clopper_pearson(events, n)
    assert got == pytest.approx((low, high), abs=1e-9)
