"""Issue 23, lane drafter3: what the journal-style held-out abstracts
(benchmarks/draft_set/abstracts.yaml, ``journal_*``) showed, each case written here in
another style than the abstract that showed it.  A wrong value is the failure that must never
happen; a value left out with its reason is always acceptable."""

from litmeta.extract import draft_eval

_STATUSES = ("reported", "implied")


def _printed(text: str) -> dict:
    drafted, _labels = draft_eval.draft_values("toy", text)
    return {(e, s): v for (_c, e, s), (v, status) in drafted.items() if status in _STATUSES}


def test_a_held_out_abstract_is_read_as_draft_spec_reads_a_paper():
    """The held-out measure normalises the text as `litmeta draft-spec` does (ingest): an en
    dash in "Grade 3–4" is a grade range, so the values are grade 3-4 values, not grade 3."""
    entry = {
        "id": "toy",
        "style": "test",
        "text": "Results\nA total of 20 patients were treated. Grade 3\u20134 lymphopenia was "
        "the most common toxicity (n = 8, 40%).\n",
        "truth": {
            "": {
                "cohort_size.n_enrolled": 20,
                "tox_g3plus_lymphopenia.g3g4": 8,
                "tox_g3plus_lymphopenia.g3g4_pct": 40,
            }
        },
    }
    got = draft_eval.evaluate_abstract(entry)
    assert got["correct"] == 3 and got["wrong"] == 0, got


def test_enrolled_and_then_evaluable_without_a_comma_is_no_efficacy_n():
    """ "Sixty patients were included and 52 were assessable for response": 60 is not the
    efficacy n (before: n_efficacy 60, a wrong denominator for every response rate)."""
    text = (
        "Results\nSixty patients were included and 52 were assessable for response. "
        "Partial response was seen in 13 patients.\n"
    )
    got = _printed(text)
    assert got.get(("cohort_size", "n_efficacy")) != 60, got
    assert got[("cohort_size", "n_enrolled")] == 60
    assert got.get(("best_response", "n"), 52) == 52


def test_an_arm_is_named_by_its_whole_name_never_by_its_tail():
    """ "to 177Lu-DOTATATE plus long-acting octreotide 30 mg (n = 50)": the arm is not
    "long-acting octreotide 30 mg" (before: four words back, the tail naming the comparator's
    drug); a name longer than six words is no label at all."""
    text = (
        "Results\nPatients were randomly assigned to 177Lu-DOTATATE plus long-acting "
        "octreotide 30 mg (n = 50) or long-acting octreotide 60 mg (n = 48).\n"
    )
    _drafted, labels = draft_eval.draft_values("toy", text)
    assert sorted(labels.values()) == [
        "177Lu-DOTATATE plus long-acting octreotide 30 mg",
        "long-acting octreotide 60 mg",
    ], labels
    longer = text.replace("177Lu-DOTATATE plus", "four cycles of 177Lu-DOTATATE plus")
    _drafted, labels = draft_eval.draft_values("toy", longer)
    assert not any(lab.startswith("long-acting octreotide 30") for lab in labels.values())
