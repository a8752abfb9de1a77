from litmeta.extract.candidates import evaluate, find_candidates

TEXT = (
    "Results\n"
    "Median PFS was 14.6 months (95% CI 12.4-16.9) and the median OS was not\n"
    "reached. A partial response occurred in 9 patients (36%).\n"
    "Anemia\t5(20%)\t0\t1(4%)\n"
    "The ORR was 22.5%, and no development of MDS was seen.\n"
)


def values(rows, kind=None):
    return {(r["line"], r["value_text"]) for r in rows if kind in (None, r["kind"])}


def test_generic_patterns_find_values_across_lines():
    rows = find_candidates("toy", TEXT)
    got = values(rows)
    for want in [
        (2, "14.6"),
        (2, "12.4"),
        (2, "16.9"),
        (2, "not reached"),
        (3, "9"),
        (3, "36"),
        (4, "5"),
        (4, "1"),
        (4, "4"),
        (5, "22.5"),
        (5, "no"),
    ]:
        assert want in got, want
    assert (2, "not reached") in values(rows, "median")  # spans the line break
    assert all(r["paper_id"] == "toy" and r["quote"] for r in rows)


def test_evaluate_counts_found_and_labelled_against_truth():
    cands = [
        {"paper_id": "p", "line": 1, "value_text": "9", "endpoint": "orr", "statistic": "events"},
        {"paper_id": "p", "line": 2, "value_text": "7", "endpoint": "", "statistic": ""},
        {"paper_id": "p", "line": 3, "value_text": "5", "endpoint": "dcr", "statistic": "events"},
    ]
    truth = [
        {"paper_id": "p", "line": 1, "value_text": "9", "endpoint": "orr", "statistic": "events"},
        {"paper_id": "p", "line": 3, "value_text": "5", "endpoint": "orr", "statistic": "events"},
        {"paper_id": "p", "line": 4, "value_text": "2", "endpoint": "dcr", "statistic": "events"},
    ]
    got = evaluate(cands, truth)
    assert (got["true_values"], got["candidates"], got["found"], got["labelled"]) == (3, 3, 2, 1)
    assert got["recall"] == 2 / 3 and got["label_recall"] == 1 / 3
    assert got["precision"] == 2 / 3


def test_candidates_carry_the_classifier_guess():
    rows = find_candidates("toy", TEXT)
    guess = {
        (r["line"], r["value_text"]): (r["endpoint"], r["statistic"], r["cohort"]) for r in rows
    }
    assert guess[(2, "14.6")] == ("pfs_median", "median", "toy")
    assert guess[(2, "12.4")] == ("pfs_median", "ci_low", "toy")
    assert guess[(3, "9")] == ("best_response", "pr", "toy")
    assert guess[(3, "36")] == ("best_response", "pr_pct", "toy")
    assert guess[(5, "22.5")] == ("orr", "events_pct", "toy")
    assert guess[(5, "no")] == ("mds_aml", "mds", "toy")


def test_candidates_guess_nothing_outside_results_and_abstract():
    text = "Introduction\nIn NETTER-1, the ORR was 18%.\nResults\nThe ORR was 30%.\n"
    rows = find_candidates("toy", text)
    guess = {(r["line"], r["value_text"]): r["endpoint"] for r in rows}
    assert guess[(2, "18")] == "" and guess[(4, "30")] == "orr"
