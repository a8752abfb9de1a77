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
