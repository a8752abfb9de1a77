"""Issue 23, lane drafter3: what the journal-style held-out abstracts
(benchmarks/draft_set/abstracts.yaml, ``journal_*``) showed, each case written here in
another style than the abstract that showed it.  A wrong value is the failure that must never
happen; a value left out with its reason is always acceptable."""

import math

from litmeta.extract import draft_eval
from litmeta.extract.numbers import parse

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


def test_an_upper_bound_not_reached_is_read_as_nr():
    """ "(95% CI 9.8–NR)": the upper bound is not reached (NaN), the median and its lower
    bound are drafted (before: the sentence was left out, no placeholder read "NR")."""
    text = (
        "Results\nA total of 33 patients were treated. The median overall survival was "
        "30.4 months (95% CI 19.8-NR).\n"
    )
    got = _printed(text)
    assert got[("os_median", "median")] == 30.4
    assert got[("os_median", "ci_low")] == 19.8
    assert math.isnan(got[("os_median", "ci_high")])
    words = text.replace("19.8-NR", "19.8 to not reached")
    assert math.isnan(_printed(words)[("os_median", "ci_high")])


def test_parse_reads_a_bound_not_reached():
    assert math.isnan(parse("bound", "not yet reached").value)
    assert parse("bound", "NR").text == "NR"


def test_we_included_n_patients_is_the_cohort_size():
    text = (
        "Results\nWe retrospectively analysed 57 consecutive patients treated at one centre. "
        "Partial response was seen in 12 patients.\n"
    )
    got = _printed(text)
    assert got[("cohort_size", "n_enrolled")] == 57
    assert got[("best_response", "pr")] == 12


def test_a_list_of_toxicities_with_their_counts_does_not_divide_the_patients():
    """ "anaemia (n = 4) and neutropenia (n = 3)" counts events; before, it read as two
    groups, and every value of the paper was left out."""
    text = (
        "Results\nA total of 48 patients were treated. Median PFS was 20.5 months. The "
        "most frequent grade 3-4 toxicities were anaemia (n = 4) and neutropenia (n = 3).\n"
    )
    got = _printed(text)
    assert got[("pfs_median", "median")] == 20.5
    # two arms with their sizes still divide them
    arms = text.replace(
        "A total of 48 patients were treated.",
        "Patients received 177Lu-DOTATATE (n = 24), while others received 90Y-DOTATOC (n = 24).",
    )
    assert ("pfs_median", "median") not in _printed(arms)


def test_patients_with_a_follow_up_scan_are_the_response_population():
    """ "Among the 50 patients with a restaging scan": the responses are counted over 50,
    and the enrolled 61 is not the efficacy n (before: a subgroup, left out, and 61 stood for
    the efficacy n)."""
    text = (
        "Results\nWe identified 61 patients. Among the 50 patients with a restaging scan, 11 "
        "(22%) had a partial response.\n"
    )
    got = _printed(text)
    assert got.get(("cohort_size", "n_efficacy")) != 61, got
    assert got[("best_response", "n")] == 50
    assert got[("best_response", "pr")] == 11


_FIFTY = "Results\nA total of 50 patients were treated. "


def test_respectively_pairs_each_subject_with_a_count_and_its_percentage():
    got = _printed(
        _FIFTY + "Grade 3-4 neutropenia and anaemia were seen in 3 (6.0%) and 2 (4.0%) "
        "patients, respectively.\n"
    )
    assert got[("tox_g3plus_leukopenia", "g3g4")] == 3
    assert got[("tox_g3plus_leukopenia", "g3g4_pct")] == 6.0
    assert got[("tox_g3plus_anemia", "g3g4")] == 2
    assert got[("tox_g3plus_anemia", "g3g4_pct")] == 4.0


def test_respectively_pairs_each_median_with_its_ci():
    got = _printed(
        _FIFTY + "The median OS and PFS were 40.1 (95% CI 30.2-50.0) and 18.3 (95% CI "
        "12.9-23.7) months, respectively.\n"
    )
    want = {"median": 40.1, "ci_low": 30.2, "ci_high": 50.0}
    assert {s: got[("os_median", s)] for s in want} == want
    want = {"median": 18.3, "ci_low": 12.9, "ci_high": 23.7}
    assert {s: got[("pfs_median", s)] for s in want} == want


def test_respectively_of_patients_pairs_with_the_terms_before():
    got = _printed(
        _FIFTY + "Grade 3 or 4 lymphopenia and thrombocytopenia occurred in 30% and 4% of "
        "patients, respectively.\n"
    )
    assert got[("tox_g3plus_lymphopenia", "g3g4_pct")] == 30
    assert got[("tox_g3plus_thrombocytopenia", "g3g4_pct")] == 4


def test_respectively_with_units_printed_differently_is_left_out():
    """A count with its percentage for one subject and a count alone for the other: the
    pairing is not one to one, nothing is drafted from the sentence."""
    got = _printed(
        _FIFTY + "Partial response and stable disease were seen in 9 (18%) and 25 patients, "
        "respectively.\n"
    )
    assert not {k for k in got if k[0] == "best_response"}, got


_RANDOMISED = (
    "Results\nOverall, 150 patients were randomly assigned: 76 to sunitinib and 74 to placebo. "
)


def _arms(text: str) -> tuple[dict, dict]:
    drafted, labels = draft_eval.draft_values("toy", text)
    by_label = {}
    for (c, e, s), (v, status) in drafted.items():
        if status in _STATUSES:
            by_label[(labels[c], e, s)] = v
    return by_label, labels


def test_arms_printed_as_n_to_label_are_cohorts():
    got, labels = _arms(_RANDOMISED + "\n")
    assert sorted(labels.values()) == ["placebo", "sunitinib"]
    assert got[("sunitinib", "cohort_size", "n_enrolled")] == 76
    assert got[("placebo", "cohort_size", "n_enrolled")] == 74


def test_a_comparison_of_two_arms_gives_each_arm_its_clause_never_the_hazard_ratio():
    """ "11.4 months with sunitinib versus 5.5 months with placebo (hazard ratio 0.42; 95% CI
    0.26 to 0.66)": each median to the arm its clause names; the ratio and its CI are no
    median (before: the whole sentence was left out as a comparison)."""
    text = (
        _RANDOMISED + "Median PFS was 11.4 months (95% CI 7.4 to 19.8) with sunitinib versus "
        "5.5 months (95% CI 3.6 to 7.4) with placebo (hazard ratio 0.42; 95% CI 0.26 to 0.66; "
        "P<0.001).\n"
    )
    got, _labels = _arms(text)
    pfs = {k: v for k, v in got.items() if k[1] == "pfs_median"}
    assert pfs == {
        ("sunitinib", "pfs_median", "median"): 11.4,
        ("sunitinib", "pfs_median", "ci_low"): 7.4,
        ("sunitinib", "pfs_median", "ci_high"): 19.8,
        ("placebo", "pfs_median", "median"): 5.5,
        ("placebo", "pfs_median", "ci_low"): 3.6,
        ("placebo", "pfs_median", "ci_high"): 7.4,
    }, pfs


def test_a_comparison_with_a_group_that_is_no_cohort_is_left_out():
    text = _RANDOMISED + "Median PFS was 11.4 months with sunitinib versus 8.0 months in a "
    text += "historical series (HR 0.70).\n"
    got, _labels = _arms(text)
    assert not {k for k in got if k[1] == "pfs_median"}, got


def test_a_median_beside_a_landmark_rate_is_drafted_the_rate_never():
    """ "OS at 2 years was 81% and the median OS was 44.0 months": the median's clause is
    read, the landmark rate's is not (before: the whole sentence was left out)."""
    got = _printed(_FIFTY + "OS at 2 years was 81%, and the median OS was 44.0 months.\n")
    assert got[("os_median", "median")] == 44.0
    assert {k for k in got if k[0] != "cohort_size"} == {("os_median", "median")}, got
    # a landmark and a subgroup: the sentence stays out
    sub = _FIFTY + "In patients with pancreatic NET, the 2-year OS was 81% and the median OS "
    sub += "was 44.0 months.\n"
    assert ("os_median", "median") not in _printed(sub)


def test_n_enrolled_patients_is_the_cohort_size():
    got = _printed(
        "Results\nAll 64 included patients were followed up. Partial response was seen in "
        "16 patients.\n"
    )
    assert got[("cohort_size", "n_enrolled")] == 64


_BRACKETED = (
    "Results\nPatients were randomised to everolimus plus octreotide (doublet arm, n = 60) "
    "or octreotide alone (n = 58). "
)


def test_an_arm_named_in_brackets_is_found_by_that_name_too():
    """ "(doublet arm, n = 60)": the arm is "everolimus plus octreotide", later called "the
    doublet arm"; "octreotide-alone" names "octreotide alone"; a median follow-up whose
    clause names no arm is left out, the rest of the sentence is read (before: no arms)."""
    text = _BRACKETED + (
        "With a median follow-up of 30 months, median PFS was 16.4 months in the doublet arm "
        "and 11.3 months in the octreotide-alone arm.\n"
    )
    got, labels = _arms(text)
    assert sorted(labels.values()) == ["everolimus plus octreotide", "octreotide alone"]
    assert got[("everolimus plus octreotide", "pfs_median", "median")] == 16.4
    assert got[("octreotide alone", "pfs_median", "median")] == 11.3
    assert not {k for k in got if k[1] == "followup_median"}


def test_a_sentence_placed_only_in_part_is_left_out():
    """ "Of these, 40% had SD in the doublet arm": "of these" is a subgroup of the clause
    before, which names no arm; nothing of the sentence is drafted."""
    text = _BRACKETED + (
        "Progression occurred in 20 patients, and of these 40% had stable disease after "
        "the doublet arm.\n"
    )
    got, _labels = _arms(text)
    assert not {k for k in got if k[1] == "best_response"}, got


def test_the_possessive_word_count_matches_as_the_run_that_does_not_continue():
    """numbers.WORD_COUNT takes every following number word (a possessive loop, compiled
    faster): the same matches as the loop with look-aheads forbidding a shorter run."""
    import random
    import re

    import regex

    from litmeta.extract import numbers as N

    old = rf"(?i:(?=[a-z]){N._W}(?:(?:[ -]|{N._AND}){N._W})*(?![ -]{N._W})(?!{N._AND}{N._W}))"
    words = ["one", "hundred", "and", "twelve", "Ninety", "six", "x", "thousand", "5", "AND"]
    rng = random.Random(23)
    for _ in range(1500):
        text = "".join(
            rng.choice(words) + rng.choice([" ", "-", ""]) for _ in range(rng.randint(1, 6))
        )
        for tail in ("", r"\s+patients", r" and", r"(?!\w)", r"-six"):
            for engine, before in ((re, ""), (regex, N._WORD_BEFORE)):
                want = [m.span() for m in engine.finditer(before + old + tail, text)]
                got = [m.span() for m in engine.finditer(before + N.WORD_COUNT + tail, text)]
                assert got == want, (text, tail)
