"""Issue 23: toxicity tables with one pair of grade columns per cohort (a header row names
the cohort each column belongs to, the row below the grade); an "any" row counts the
category the caption names.  Written in another style than the reference papers' tables."""

from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval

_INTRO = "Results\nPatients were randomised to group A (n = {a}) or group B (n = {b}).\n\n"


def _table(first: str, second: str, rows: list[tuple[str, tuple[int, ...]]]) -> str:
    lines = [
        "Table 2. Haematological toxicity by group",
        "",
        f"Adverse event\t{first}\t\t{second}\t\tP",
        "\tGrade 3\tGrade 4\tGrade 3\tGrade 4",
    ]
    for name, cells in rows:
        lines.append(name + "".join(f"\t{c}" for c in cells) + "\t0.5")
    return "\n".join(lines) + "\n"


@settings(max_examples=20, deadline=None)
@given(
    counts=st.tuples(*(st.integers(0, 9) for _ in range(4))),
    swap=st.booleans(),
    anyrow=st.integers(10, 20),
)
def test_each_cohort_reads_its_own_grade_columns(counts, swap, anyrow):
    a, b = 40, 38
    heads = [f"Group A (n = {a})", f"Group B (n = {b})"]
    if swap:
        heads.reverse()
    text = _INTRO.format(a=a, b=b) + _table(
        heads[0],
        heads[1],
        [("Neutropenia", counts), ("All", (anyrow, 1, anyrow + 1, 2))],
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    first, second = (ids["group B"], ids["group A"]) if swap else (ids["group A"], ids["group B"])
    got = {k: v[0] for k, v in drafted.items() if v[1] != "derived"}
    assert got[(first, "tox_g3plus_leukopenia", "g3")] == counts[0]
    assert got[(first, "tox_g3plus_leukopenia", "g4")] == counts[1]
    assert got[(second, "tox_g3plus_leukopenia", "g3")] == counts[2]
    assert got[(second, "tox_g3plus_leukopenia", "g4")] == counts[3]
    # the "All" row is the category the caption names
    assert got[(first, "tox_g3plus_any_hematologic", "g3")] == anyrow
    assert got[(second, "tox_g3plus_any_hematologic", "g4")] == 2
    # the header's n is the safety population of its columns
    assert got[(ids["group A"], "cohort_size", "n_safety")] == a
    assert got[(ids["group B"], "cohort_size", "n_safety")] == b


def test_a_column_whose_header_names_two_cohorts_is_not_read():
    text = _INTRO.format(a=40, b=38) + _table(
        "Group A (n = 40)", "Groups A and B", [("Thrombocytopenia", (3, 1, 5, 2))]
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["group A"], "tox_g3plus_thrombocytopenia", "g3")][0] == 3
    assert (ids["group B"], "tox_g3plus_thrombocytopenia", "g3") not in drafted


def test_an_any_row_under_a_caption_naming_no_single_category_is_not_read():
    text = _INTRO.format(a=40, b=38) + _table(
        "Group A (n = 40)", "Group B (n = 38)", [("Any", (3, 1, 5, 2))]
    ).replace("Haematological toxicity by group", "Adverse events by group")
    drafted, _labels = draft_eval.draft_values("toy", text)
    assert not any(k[1].startswith("tox_") for k in drafted)


def test_a_row_whose_last_cell_names_grades_is_data_not_the_grade_header():
    # the "P" cell of a data row may say "grade 3 events"; the grade header stays the one above
    text = _INTRO.format(a=40, b=38) + _table(
        "Group A (n = 40)",
        "Group B (n = 38)",
        [("Anaemia", (1, 0, 2, 0)), ("Neutropenia", (4, 1, 3, 0))],
    ).replace("\t0.5\n", "\t0.5 (grade 3 events)\n", 1)
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["group B"], "tox_g3plus_leukopenia", "g3")][0] == 3


_RESPONSE = (
    "Table 3. Best response per course\n\n"
    "\tPatients\tBest response\t\t\tNot evaluable\tResponse after 6 months\t\n"
    "\t\tCR\tPR\tSD\t\tPR\tSD\n"
    "First course\n"
    "R-PRRT\t50\t2 (4.0)\t20 (40.0)\t25 (50.0)\t3 (6.0)\t10 (20.0)\t30 (60.0)\n"
    "RR-PRRT\t12\t-\t3 (25.0)\t8 (66.7)\t1 (8.3)\t2 (16.7)\t9 (75.0)\n"
)
_FRONT = (
    "Abstract\nWe report R-PRRT and RR-PRRT. R-PRRT was given after relapse; RR-PRRT after a "
    "second relapse. Both R-PRRT and RR-PRRT used lutetium.\n\nResults\n\n"
)


def test_a_response_table_row_naming_a_cohort_reads_its_best_response_columns():
    drafted, labels = draft_eval.draft_values("toy", _FRONT + _RESPONSE)
    ids = {lab: cid for cid, lab in labels.items()}
    got = {k: v[0] for k, v in drafted.items() if v[1] != "derived"}
    r, rr = ids["R-PRRT"], ids["RR-PRRT"]
    assert got[(r, "best_response", "n")] == 50
    assert got[(r, "cohort_size", "n_efficacy")] == 50  # the response table's patients
    assert got[(r, "best_response", "cr")] == 2
    assert got[(r, "best_response", "sd_pct")] == 50.0
    assert got[(r, "best_response", "ne")] == 3
    assert got[(rr, "best_response", "pr")] == 3
    assert (rr, "best_response", "cr") not in got  # "-" is no number
    # the landmark columns (after 6 months) are never the best response
    assert got[(rr, "best_response", "sd")] == 8


def test_a_table_value_a_sentence_gave_already_stays_text_in_the_row_anchor():
    text = _FRONT + "After RR-PRRT, 8 patients (66.7%) had stable disease.\n\n" + _RESPONSE
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["RR-PRRT"], "best_response", "sd")][0] == 8
    assert drafted[(ids["RR-PRRT"], "best_response", "pr")][0] == 3  # the row's own values
    from litmeta.extract.draft import draft_yaml

    spec = draft_yaml("toy", text)
    assert "{best_response.pr} ({best_response.pr_pct}) 8 (66.7) {best_response.ne}" in spec


def test_a_row_naming_no_cohort_or_a_table_without_categories_is_not_read():
    other = _RESPONSE.replace("R-PRRT\t50", "Control\t50")
    drafted, labels = draft_eval.draft_values("toy", _FRONT + other)
    ids = {lab: cid for cid, lab in labels.items()}
    assert (ids["R-PRRT"], "best_response", "n") not in drafted
    plain = _RESPONSE.replace("\t\tCR\tPR\tSD\t", "\t\tA\tB\tC\t")
    drafted, _ = draft_eval.draft_values("toy", _FRONT + plain)
    assert not any(k[1] == "best_response" for k in drafted)


def test_a_group_printed_beside_the_labelled_cohorts_in_a_header_is_a_cohort():
    table = (
        "Table 4. Grade 3-4 blood toxicity\n\n"
        "Event\tR-PRRT (n = 50)\t\tReference arm (n = 70)\t\tRR-PRRT (n = 12)\t\n"
        "\tGrade 3\tGrade 4\tGrade 3\tGrade 4\tGrade 3\tGrade 4\n"
        "Platelets\t2\t0\t7\t1\t0\t0\n"
    )
    drafted, labels = draft_eval.draft_values("toy", _FRONT + table)
    ids = {lab: cid for cid, lab in labels.items()}
    assert set(ids) == {"R-PRRT", "RR-PRRT", "Reference arm"}
    ref = ids["Reference arm"]
    assert drafted[(ref, "tox_g3plus_thrombocytopenia", "g3")][0] == 7
    assert drafted[(ref, "tox_g3plus_thrombocytopenia", "g4")][0] == 1
    assert drafted[(ref, "cohort_size", "n_safety")][0] == 70
    assert drafted[(ids["RR-PRRT"], "tox_g3plus_thrombocytopenia", "g3")][0] == 0
    # a header without labelled cohorts beside it proposes no group
    alone = table.replace("R-PRRT (n = 50)", "First (n = 50)").replace(
        "RR-PRRT (n = 12)", "Second (n = 12)"
    )
    _drafted, labels = draft_eval.draft_values("toy", _FRONT + alone)
    assert "Reference arm" not in labels.values()


def test_an_entry_keeps_the_populations_another_entry_did_not_give():
    # the sentence gives the response n; the table row gives it too and the efficacy n
    text = _FRONT + "After RR-PRRT, 3/12 patients had a partial response.\n\n" + _RESPONSE
    drafted, labels = draft_eval.draft_values("toy", text)
    rr = {lab: cid for cid, lab in labels.items()}["RR-PRRT"]
    assert drafted[(rr, "cohort_size", "n_efficacy")][0] == 12
    assert drafted[(rr, "best_response", "pr")][0] == 3
    from litmeta.extract.draft import draft_yaml

    assert 'anchor: "RR-PRRT {cohort_size.n_efficacy} - 3 ({best_response.pr_pct})' in (
        draft_yaml("toy", text)
    )


def test_a_footnote_mark_in_a_cell_is_not_a_value_and_creatinine_is_renal():
    text = _INTRO.format(a=40, b=38) + _table(
        "Group A (n = 40)",
        "Group B (n = 38)",
        [("Serum creatinine", (1, 0, 0, 0)), ("Leucocytes", ("4 ^c (10.0%)", 1, 2, 0))],
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    a = {lab: cid for cid, lab in labels.items()}["group A"]
    assert drafted[(a, "tox_g3plus_renal", "g3")][0] == 1
    assert drafted[(a, "tox_g3plus_leukopenia", "g3")][0] == 4
    assert drafted[(a, "tox_g3plus_leukopenia", "g3_pct")][0] == 10.0


_LOW = (
    "Results\nForty patients were treated.\n{extra}\n\n"
    "Table 3. Adverse events (CTCAE v5.0)\n\n"
    "Event\tGrade 1\tGrade 2\n"
    "Neutropenia\t6\t2\n"
    "Platelets\t4\t-\n"
)


def test_a_toxicity_table_with_grade_1_and_2_columns_only_implies_zero_grade_3_and_4():
    drafted, _ = draft_eval.draft_values("toy", _LOW.format(extra=""))
    for endpoint in ("tox_g3plus_leukopenia", "tox_g3plus_thrombocytopenia"):
        for stat in ("g3", "g4"):
            value, status = drafted[("toy", endpoint, stat)]
            assert value == 0 and status == "implied"


def test_no_zero_is_implied_when_the_results_print_a_grade_3_event_or_a_grade_3_column():
    text = _LOW.format(extra="Grade 3 neutropenia occurred in one patient.")
    drafted, _ = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "tox_g3plus_leukopenia", "g3")][0] == 1  # the printed one
    assert ("toy", "tox_g3plus_leukopenia", "g4") not in drafted
    assert drafted[("toy", "tox_g3plus_thrombocytopenia", "g3")][1] == "implied"
    with_g3 = _LOW.format(extra="").replace("Grade 2\n", "Grade 2\tGrade 3\n")
    with_g3 = with_g3.replace("\t2\n", "\t2\t1\n").replace("\t-\n", "\t-\t0\n")
    drafted, _ = draft_eval.draft_values("toy", with_g3)
    assert not any(v[1] == "implied" for v in drafted.values())
    # not a toxicity table: no caption naming toxicity or adverse events
    drafted, _ = draft_eval.draft_values(
        "toy", _LOW.format(extra="").replace("Adverse events (CTCAE v5.0)", "Laboratory values")
    )
    assert not any(v[1] == "implied" for v in drafted.values())


def test_a_long_table_keeps_its_grade_header_across_group_lines_but_not_a_blank_line():
    rows = "".join(f"Event {k}\t1 (5)\t0\t0\n" for k in range(20))
    table = (
        "Table 2. Toxicity\n\nEvent\tGrade 2, n (%)\tGrade 3, n (%)\tGrade 4, n (%)\n"
        f"Other disorders:\n{rows}Kidney disorders:\nSerum creatinine\t2 (10)\t1 (5)\t0\n"
    )
    text = f"Results\nA total of 20 patients were treated.\n\n{table}"
    drafted, _ = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "tox_g3plus_renal", "g3")][0] == 1
    assert drafted[("toy", "tox_g3plus_renal", "g4")][0] == 0
    broken = text.replace("Kidney disorders:\n", "\nKidney disorders:\n")
    drafted, _ = draft_eval.draft_values("toy", broken)
    assert ("toy", "tox_g3plus_renal", "g3") not in drafted


def test_a_count_of_patients_who_achieved_a_response_is_no_subgroup():
    text = (
        "Results\nA total of 25 patients were treated. The objective response rate was 36%, "
        "made up of the 9 patients who achieved a partial response.\n"
    )
    drafted, _ = draft_eval.draft_values("toy", text)
    assert drafted[("toy", "orr", "events_pct")][0] == 36
    # "in patients who achieved a response" qualifies a subgroup: left out
    sub = text.replace("The objective", "In patients who achieved a response, the objective")
    drafted, _ = draft_eval.draft_values("toy", sub)
    assert ("toy", "orr", "events_pct") not in drafted


def test_the_last_cohort_spans_its_columns_when_the_header_lost_its_trailing_tabs():
    text = _INTRO.format(a=40, b=38) + (
        "Table 2. Haematological toxicity\n\n"
        "Event\tGroup A (n = 40)\t\tGroup B (n = 38)\n"  # the empty cell after B stripped
        "\tGrade 3\tGrade 4\tGrade 3\tGrade 4\n"
        "Platelets\t2\t1\t1\t0\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    b = {lab: cid for cid, lab in labels.items()}["group B"]
    assert drafted[(b, "tox_g3plus_thrombocytopenia", "g4")][0] == 0
