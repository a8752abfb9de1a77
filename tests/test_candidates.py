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


def test_evaluate_counts_hits_by_line_and_printed_value():
    cands = [
        {"paper_id": "p", "line": 1, "value_text": "9"},
        {"paper_id": "p", "line": 2, "value_text": "7"},
    ]
    outcomes = [
        {"paper_id": "p", "line": 1, "value_text": "9", "status": "reported"},
        {"paper_id": "p", "line": 3, "value_text": "5", "status": "reported"},
        {"paper_id": "p", "line": 2, "value_text": "", "status": "derived"},
    ]
    got = evaluate(cands, outcomes)
    assert (got["spec_values"], got["candidates"], got["matched"]) == (2, 2, 1)
    assert got["recall"] == 0.5 and got["precision"] == 0.5
