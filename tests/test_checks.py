"""Consistency checks on constructed papers: inconsistent inputs are flagged, consistent pass."""

from pathlib import Path

import pytest
import yaml

from litmeta.errors import InputError
from litmeta.extract.paper import extract_table
from litmeta.extract.spec import load_spec


def run_spec(tmp_path: Path, text: str, values: list[dict], **extra) -> object:
    spec = {
        "paper_id": "toy2020",
        "cohorts": [{"id": "toy2020", "setting": "initial", "pooled_in": "initial"}],
        "values": [{"cohort": "toy2020", "section": "results", **v} for v in values],
        **extra,
    }
    path = tmp_path / "toy2020.yaml"
    path.write_text(yaml.safe_dump(spec, sort_keys=False), encoding="utf-8")
    return extract_table(load_spec(path), text, "toy.txt")


def kinds(table) -> list[str]:
    return sorted(d.kind for d in table.discrepancies if not d.kind.startswith("judgement"))


SIZE = {
    "anchor": "We included {cohort_size.n_enrolled|cohort_size.n_efficacy|cohort_size.n_safety}"
    " patients"
}


def response(pr_pct: str, sd: int = 15, pd: int = 5) -> str:
    return (
        f"We included 22 patients. A partial response in 2 patients ({pr_pct}%), stable "
        f"disease in {sd} and progression in {pd}."
    )


RESP = {
    "anchor": "partial response in {best_response.pr} patients ({best_response.pr_pct}%), "
    "stable disease in {best_response.sd} and progression in {best_response.pd}"
}


def test_consistent_response_passes(tmp_path):
    table = run_spec(tmp_path, response("9"), [SIZE, RESP])
    assert kinds(table) == []
    assert table.num("toy2020", "orr.events") == 2
    assert table.num("toy2020", "dcr.events") == 17
    assert table.get("toy2020", "best_response.cr").status == "implied"


def test_percent_mismatch_is_flagged(tmp_path):
    assert kinds(run_spec(tmp_path, response("12"), [SIZE, RESP])) == ["percent_mismatch"]


def test_percent_precision_is_respected(tmp_path):
    # 2/22 = 9.09%: "9.1" is right, "9.0" is not (one decimal printed)
    assert kinds(run_spec(tmp_path, response("9.1"), [SIZE, RESP])) == []
    assert kinds(run_spec(tmp_path, response("9.0"), [SIZE, RESP])) == ["percent_mismatch"]


def test_response_sum_is_flagged(tmp_path):
    table = run_spec(tmp_path, response("9", sd=14), [SIZE, RESP])
    assert "response_sum" in kinds(table)
    assert table.get("toy2020", "best_response.cr") is None  # not implied when sums disagree


def test_alternative_value_differing_is_kept_and_flagged(tmp_path):
    text = (
        "Abstract: median PFS was 14.6 months. Results: We included 22 patients; "
        "the median PFS was 14.8 months."
    )
    values = [
        SIZE,
        {"anchor": "the median PFS was {pfs_median.median} months"},
        {
            "anchor": "Abstract: median PFS was {pfs_median.median} months",
            "section": "abstract",
            "role": "alternative",
        },
    ]
    table = run_spec(tmp_path, text, values)
    assert kinds(table) == ["abstract_vs_results"]
    pfs = table.get("toy2020", "pfs_median.median")
    assert (pfs.value, pfs.alternative) == (14.8, "14.6")


def test_alternative_value_agreeing_is_silent(tmp_path):
    text = (
        "Abstract: median PFS was 14.8 months. Results: We included 22 patients; "
        "the median PFS was 14.8 months."
    )
    values = [
        SIZE,
        {"anchor": "the median PFS was {pfs_median.median} months"},
        {
            "anchor": "Abstract: median PFS was {pfs_median.median} months",
            "section": "abstract",
            "role": "alternative",
        },
    ]
    assert kinds(run_spec(tmp_path, text, values)) == []


def test_count_above_n_is_an_error(tmp_path):
    text = "We included 22 patients. Grade 3 anaemia occurred in 23 patients."
    values = [SIZE, {"anchor": "Grade 3 anaemia occurred in {tox_g3plus_anemia.g3} patients"}]
    with pytest.raises(InputError, match=r"values\[1\].*23 exceeds n = 22"):
        run_spec(tmp_path, text, values)


def test_ci_not_bracketing_the_median_is_an_error(tmp_path):
    text = "Median PFS was 14.6 months (95% CI 15.0-16.9)."
    values = [
        {
            "anchor": "Median PFS was {pfs_median.median} months (95% CI "
            "{pfs_median.ci_low}-{pfs_median.ci_high})"
        }
    ]
    with pytest.raises(InputError, match="lower bound 15.0 is above the median 14.6"):
        run_spec(tmp_path, text, values)


def test_stated_total_wins_over_grade_parts(tmp_path):
    text = "We included 181 patients. Grade III/IV toxicity occurred in 12 patients. Any 12 1"
    values = [
        SIZE,
        {"anchor": "toxicity occurred in {tox_g3plus_any_hematologic.events} patients"},
        {
            "anchor": "Any {tox_g3plus_any_hematologic.g3} {tox_g3plus_any_hematologic.g4}",
            "section": "table",
        },
    ]
    table = run_spec(tmp_path, text, values)
    ev = table.get("toy2020", "tox_g3plus_any_hematologic.events")
    assert (ev.value, ev.alternative) == (12, "13")
    assert kinds(table) == ["grade_parts_vs_total"]


def test_reported_orr_count_against_derived(tmp_path):
    text = (
        "We included 22 patients. A partial response in 2 patients (9%), stable disease in 15 "
        "and progression in 5. Objective response was seen in 3 patients."
    )
    values = [SIZE, RESP, {"anchor": "Objective response was seen in {orr.events} patients"}]
    table = run_spec(tmp_path, text, values)
    assert kinds(table) == ["reported_vs_derived"]
    assert table.get("toy2020", "orr.events").value == 3


def test_pancytopenia_counts_once_per_lineage(tmp_path):
    text = "We included 25 patients. Anemia 0 Thrombocytopenia 0 Neutropenia 0 Pancytopenia 1"
    values = [
        SIZE,
        {
            "anchor": "Anemia {tox_g3plus_anemia.g3} Thrombocytopenia "
            "{tox_g3plus_thrombocytopenia.g3} Neutropenia "
            "{tox_g3plus_leukopenia.g3} Pancytopenia "
            "{tox_g3plus_pancytopenia.g3}",
            "section": "table",
        },
    ]
    table = run_spec(tmp_path, text, values)
    for e in ("anemia", "thrombocytopenia", "leukopenia", "any_hematologic"):
        assert table.num("toy2020", f"tox_g3plus_{e}.events") == 1, e


def test_overlapping_categories_are_not_summed(tmp_path):
    text = "We included 25 patients. Anemia 2 Thrombocytopenia 1 Neutropenia 0"
    values = [
        SIZE,
        {
            "anchor": "Anemia {tox_g3plus_anemia.g3} Thrombocytopenia "
            "{tox_g3plus_thrombocytopenia.g3} Neutropenia "
            "{tox_g3plus_leukopenia.g3}",
            "section": "table",
        },
    ]
    table = run_spec(tmp_path, text, values)
    assert table.get("toy2020", "tox_g3plus_any_hematologic.events") is None
    assert any(d.kind == "judgement_not_derived" for d in table.discrepancies)


def test_expect_self_check(tmp_path):
    with pytest.raises(InputError, match="self-check failed"):
        run_spec(tmp_path, response("9"), [SIZE, {**RESP, "expect": {"best_response.pr": 3}}])


def test_spec_errors_name_the_entry(tmp_path):
    with pytest.raises(
        InputError,
        match=r"values\[1\]: unknown statistic 'events' for "
        r"best_response",
    ):
        run_spec(
            tmp_path,
            response("9"),
            [SIZE, {"anchor": "partial response in {best_response.events} patients"}],
        )
    with pytest.raises(InputError, match=r"values\[0\]: unknown cohort 'other'"):
        run_spec(tmp_path, response("9"), [{**SIZE, "cohort": "other"}])
    with pytest.raises(InputError, match="already captured by values"):
        run_spec(tmp_path, response("9"), [SIZE, SIZE])


def test_pool_without_events_is_left_out_not_fatal():
    """A leave-one-out subset (or a pool) with no events has no GLMM estimate: it is
    skipped, and the rest of the synthesis is still computed."""
    from litmeta import analyses as an

    def row(cid, events, n):
        return {
            "cohort_id": cid,
            "endpoint": "mds_aml",
            "pooled_in": "initial",
            "setting": "initial",
            "included": "true",
            "reason": "",
            "events": events,
            "n": n,
        }

    rows = [row("a", 0, 20), row("b", 0, 30), row("c", 2, 40)]
    loo = an.leave_one_out(rows)
    assert [r["omitted_cohort"] for r in loo] == ["a", "b"]  # omitting c leaves 0 events
    pooled = an.run_analyses(rows, ["primary"], {})
    assert len(pooled) == 1
    none = [row("a", 0, 20), row("b", 0, 30)]
    assert an.run_analyses(none, ["primary", "sens_dl"], {})[0].analysis == "sens_dl"
