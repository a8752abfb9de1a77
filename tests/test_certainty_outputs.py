"""Small-study table, funnel and risk-of-bias plots: a k = 24 corpus pool gets a funnel panel
with the tests metafor checked; the real review (k <= 4) gets none and says so; every file is
byte-identical when drawn twice."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from litmeta.certainty.tables import small_study_rows
from litmeta.plots import funnel
from litmeta.plots import risk_of_bias as rob_plots
from litmeta.tables import Tables, read_rows

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests/metafor/fixtures"


def _corpus_tables() -> Tables:
    """The corpus ORR pool of tests/metafor/fixtures (k = 24) as result tables."""
    with open(FIXTURES / "small_study_inputs.csv", newline="", encoding="utf-8") as fh:
        data = [r for r in csv.DictReader(fh) if r["dataset"] == "corpus_orr_initial"]
    analysis = [
        {
            "cohort_id": r["cohort"],
            "paper_id": r["cohort"].split("_")[0],
            "setting": "initial",
            "endpoint": "orr",
            "events": r["events"],
            "n": r["n"],
            "included": "true",
        }
        for r in data
    ]
    pooled = [
        {
            "analysis": "primary",
            "endpoint": "orr",
            "setting": "initial",
            "k": str(len(data)),
            "cohorts": ";".join(r["cohort"] for r in data),
        }
    ]
    return Tables(analysis, pooled)


def _stringify(rows):
    return [
        {k: ("true" if v is True else "false" if v is False else str(v)) for k, v in r.items()}
        for r in rows
    ]


def test_corpus_pool_is_tested_and_drawn(tmp_path):
    tables = _corpus_tables()
    rows = small_study_rows(tables, 10)
    egger = next(r for r in rows if r["test"] == "egger")
    assert egger["assessed"] is True and egger["k"] == 24
    with open(FIXTURES / "small_study.csv", newline="", encoding="utf-8") as fh:
        want = next(
            r
            for r in csv.DictReader(fh)
            if (r["dataset"], r["test"]) == ("corpus_orr_initial", "egger")
        )
    assert abs(egger["p"] - float(want["p"])) < 1e-4
    paths = funnel.render(tables, _stringify(rows), tmp_path / "a" / "funnel")
    again = funnel.render(tables, _stringify(rows), tmp_path / "b" / "funnel")
    for p, q in zip(paths, again, strict=True):
        assert p.read_bytes() == q.read_bytes()
    svg = paths[0].read_text(encoding="utf-8")
    assert "orr · initial (k = 24)" in svg and "Egger p = 0.018" in svg


def test_real_review_has_no_pool_to_test_and_says_so(tmp_path):
    rows = read_rows(ROOT / "results/small_study_tests.csv")
    assert rows and all(r["assessed"] == "false" for r in rows)
    assert all(r["reason"] == f"k = {r['k']}: fewer than 10 cohorts" for r in rows)
    svg = (ROOT / "results/plots/funnel.svg").read_text(encoding="utf-8")
    assert "No funnel plot" in svg and "the largest pool here has 4" in svg


@pytest.mark.e2e  # draws the whole review's risk-of-bias plots, twice
def test_risk_of_bias_plots_are_deterministic_and_show_every_cohort(tmp_path):
    rows = read_rows(ROOT / "results/risk_of_bias.csv")
    a = rob_plots.render(rows, tmp_path / "a")
    b = rob_plots.render(rows, tmp_path / "b")
    for p, q in zip(a, b, strict=True):
        assert p.read_bytes() == q.read_bytes()
    svg = (tmp_path / "a" / "risk_of_bias_traffic_light.svg").read_text(encoding="utf-8")
    for cohort in {r["cohort_id"] for r in rows}:
        assert cohort in svg
    iqbal = sum(int(r["score"]) for r in rows if r["cohort_id"] == "iqbal2024")
    assert iqbal == 7  # Amendment 2's item rules (docs/risk_of_bias.md)
    assert f"{iqbal}/16" in svg  # iqbal2024's total


def test_a_figure_without_its_own_png_dpi_stays_within_the_pixel_budget(tmp_path):
    """A figure that sets no PNG resolution of its own (risk of bias, funnel, bubble) is
    rasterised within style.MAX_PNG_PIXELS: a traffic-light plot of 1,000 cohorts is ~440
    inches tall, ~190 megapixels at 300 dpi. The real review's plots keep 300 dpi (their
    committed bytes)."""
    import matplotlib.pyplot as plt
    from PIL import Image

    from litmeta.plots import style

    fig = plt.figure(figsize=(5.5, 440))
    fig.text(0.5, 0.5, "one cell")
    (png,) = style.save_figure(fig, tmp_path / "tall", ["png"])
    with Image.open(png) as im:
        assert im.size[0] * im.size[1] <= style.MAX_PNG_PIXELS
        assert round(im.info["dpi"][0]) == style.png_dpi(5.5, 440) < style.PNG_DPI
    rows = read_rows(ROOT / "results/risk_of_bias.csv")
    (small,) = style.save_figure(rob_plots.traffic_light(rows), tmp_path / "small", ["png"])
    committed = ROOT / "results/plots/risk_of_bias_traffic_light.png"
    assert small.read_bytes() == committed.read_bytes()
