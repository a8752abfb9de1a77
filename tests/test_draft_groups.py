"""Issue 23, cohorts of real abstracts: a cohort's size followed by its parts, each a size and
a name, adding up to it ("Sixty-four patients were enrolled: twenty-one in the pancreatic
NET cohort and forty-three in the carcinoid cohort").  The sentences are generated from
the grammar (the link between size and name, the separators, the noun of the list) rather
than copied from one paper."""

from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval
from litmeta.extract.draft import _whole_number
from litmeta.extract.draft_groups import whole_and_parts
from litmeta.extract.numbers import WORDS

_NAMES = ["midgut", "PanNET", "CAP-PRRT", "177Lu-DOTATATE", "temozolomide alone", "NET G3"]


def _words(n: int) -> str:
    inv = {v: k for k, v in WORDS.items() if isinstance(v, int)}
    return inv.get(n, str(n))


def _reads(passage: str):
    return whole_and_parts(passage, lambda a, b: _whole_number(passage, a, b))


@settings(max_examples=40, deadline=None)
@given(
    sizes=st.lists(st.integers(5, 90), min_size=2, max_size=3),
    names=st.permutations(_NAMES),
    link=st.sampled_from(["", "with ", "in the ", "to ", "received ", "patients with "]),
    noun=st.sampled_from(["", " group", " cohort", " arm"]),
    opening=st.sampled_from(
        [
            "{n} patients were enrolled: ",
            "We analysed {n} patients: ",
            "Of {n} patients randomly assigned, ",
            "Of {n} randomised patients (median age 61 years), ",
            "A total of {n} patients were treated; ",
        ]
    ),
    sep=st.sampled_from([", ", "; "]),
)
def test_parts_adding_up_to_the_whole_are_its_cohorts(sizes, names, link, noun, opening, sep):
    names = names[: len(sizes)]
    parts = [f"{n} {link}{name}{noun}" for n, name in zip(sizes, names, strict=True)]
    listed = sep.join(parts[:-1]) + " and " + parts[-1]
    passage = opening.format(n=sum(sizes)) + listed + "."
    found = _reads(passage)
    assert found is not None, passage
    whole, got = found
    assert whole.group("n") == str(sum(sizes))
    assert [p.label for p in got] == names
    assert [p.printed for p in got] == [str(n) for n in sizes]


@settings(max_examples=30, deadline=None)
@given(
    sizes=st.lists(st.integers(5, 90), min_size=2, max_size=3),
    off=st.sampled_from([-2, -1, 1, 3]),
    names=st.permutations(_NAMES),
)
def test_parts_that_do_not_add_up_are_no_cohorts(sizes, off, names):
    listed = " and ".join(f"{n} with {name}" for n, name in zip(sizes, names, strict=False))
    assert _reads(f"{sum(sizes) + off} patients were enrolled: {listed}.") is None


def test_a_name_then_its_size_and_sizes_in_words():
    found = _reads("198 pts were randomized (surufatinib, n=129; placebo, n=69).")
    assert [(p.label, p.printed) for p in found[1]] == [("surufatinib", "129"), ("placebo", "69")]
    found = _reads(
        "Sixty-four patients were enrolled: twenty-one in the pancreatic NET cohort and "
        "forty-three in the carcinoid cohort."
    )
    assert [(p.label, p.printed) for p in found[1]] == [
        ("pancreatic", "twenty-one"),
        ("carcinoid", "forty-three"),
    ]


def test_events_sexes_and_units_are_no_parts():
    for passage in (
        "Two patients developed myeloid neoplasms (one MDS, one AML).",
        "110 patients were included (61 women and 49 men).",
    ):
        drafted, labels = draft_eval.draft_values("toy", f"Results: {passage}\n")
        assert len(labels) == 1, passage


def test_listed_parts_are_drafted_with_their_values_and_the_whole_only_when_reported():
    text = (
        "Results: Ninety-nine patients were enrolled, 51 with midgut and 48 with pancreatic "
        "NET. Median PFS was 8.3 months in the midgut cohort and 5.6 months in the "
        "pancreatic cohort.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert set(ids) == {"midgut", "pancreatic"}  # no value of the whole: no whole cohort
    assert drafted[(ids["midgut"], "cohort_size", "n_enrolled")][0] == 51
    assert drafted[(ids["pancreatic"], "pfs_median", "median")][0] == 5.6
    reported = text.replace("\n", " In all 99 patients, the ORR was 20%.\n")
    drafted, labels = draft_eval.draft_values("toy", reported)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["all"], "cohort_size", "n_enrolled")][0] == 99


@settings(max_examples=20, deadline=None)
@given(
    sizes=st.tuples(st.integers(10, 60), st.integers(10, 60), st.integers(10, 60)),
    shares=st.tuples(*(st.floats(0.05, 0.6) for _ in range(3))),
    medians=st.tuples(*(st.integers(30, 400) for _ in range(3))),
)
def test_values_respectively_pair_in_order_with_three_listed_parts(sizes, shares, medians):
    a, b, c = sizes
    # each part's rate a count of its own size gives (one no count gives leaves the n out:
    # draft_feasible)
    pcts = [round(100 * round(f * n) / n) for f, n in zip(shares, sizes, strict=True)]
    months = [m / 10 for m in medians]
    text = (
        f"Results: {a + b + c} patients were enrolled: {a} with pancreatic, {b} with midgut "
        f"and {c} with lung NET. The objective response rate was {pcts[0]}%, {pcts[1]}% and "
        f"{pcts[2]}%, respectively. Median PFS was {months[0]}, {months[1]} and {months[2]} "
        "months, respectively.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    for k, name in enumerate(("pancreatic", "midgut", "lung")):
        assert drafted[(ids[name], "orr", "events_pct")][0] == pcts[k]
        assert drafted[(ids[name], "pfs_median", "median")][0] == months[k]
    # two values for three parts: whose are they?
    short = (
        text.split(" The objective")[0]
        + " The objective response rate was 20% and 12%, respectively.\n"
    )
    drafted, _labels = draft_eval.draft_values("toy", short)
    assert not any(k[1] == "orr" for k in drafted)


@settings(max_examples=20, deadline=None)
@given(
    sizes=st.tuples(st.integers(20, 200), st.integers(20, 200)),
    events=st.tuples(st.integers(0, 19), st.integers(0, 19)),
    whole_named=st.booleans(),
)
def test_a_percentage_with_its_count_in_brackets_pairs_with_the_parts_in_order(
    sizes, events, whole_named
):
    """ "ORR was 10.1% (13/129) vs 0% (0/69)" after the two parts of a listed whole, with
    the whole a cohort of its own or not."""
    (n1, n2), (e1, e2) = sizes, events
    shown = [f"{100 * e / n:.1f}% ({e}/{n})" for e, n in ((e1, n1), (e2, n2))]
    text = (
        f"Results: {n1 + n2} patients were randomized (surufatinib, n={n1}; placebo, n={n2}). "
        f"ORR was {shown[0]} vs {shown[1]}."
        + (" Grade 3 anaemia occurred in 4 of all patients." if whole_named else "")
        + "\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    for name, e, n in (("surufatinib", e1, n1), ("placebo", e2, n2)):
        assert drafted[(ids[name], "orr", "events")][0] == e
        assert drafted[(ids[name], "orr", "n")][0] == n
        assert drafted[(ids[name], "orr", "events_pct")][0] == round(100 * e / n, 1)


def test_a_whole_of_two_treatments_is_drafted_as_its_two_cohorts():
    text = (
        "Title\n\nResults: Sixty patients were included: 30 received PRRT and 30 sunitinib. "
        "Median PFS was 20.1 months for PRRT.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert set(ids) == {"PRRT", "sunitinib"}
    assert drafted[(ids["PRRT"], "pfs_median", "median")][0] == 20.1
    assert (ids["sunitinib"], "pfs_median", "median") not in drafted


@settings(max_examples=20, deadline=None)
@given(
    os=st.tuples(st.integers(200, 700), st.integers(200, 700)),
    flip=st.booleans(),
)
def test_arms_printed_in_both_orders_place_no_value_by_order(os, flip):
    """ "74 received temozolomide alone and 70 received CAPTEM", then "22.7 months with CAPTEM
    and 14.4 months with temozolomide alone": the paper prints its arms in both orders, so
    "Median OS was a versus b months" may follow either and is left out; printed in one
    order only, it follows that order."""
    a, b = (x / 10 for x in os)
    first, second = ("CAPTEM", "temozolomide alone") if flip else ("temozolomide alone", "CAPTEM")
    text = (
        "Results: Of 144 randomised patients, 74 received temozolomide alone and 70 received "
        f"CAPTEM. The DCR was 80% with {first} and 60% with {second}. Median OS was {a} versus "
        f"{b} months.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    got = {cid: drafted.get((cid, "os_median", "median"), (None,))[0] for cid in ids.values()}
    if flip:
        assert set(got.values()) == {None}
    else:
        assert got[ids["temozolomide alone"]] == a and got[ids["CAPTEM"]] == b


def test_a_name_in_a_compound_word_is_no_order():
    from litmeta.extract.draft import _named
    from litmeta.extract.draft_arm_order import orders_agree

    arms = [
        {"id": "e", "label": "everolimus", "aliases": ["everolimus"], "size": ()},
        {"id": "p", "label": "placebo", "aliases": ["placebo"], "size": ()},
    ]
    ok = "In this placebo-controlled trial, patients received everolimus or placebo."
    assert orders_agree([ok], arms, _named)
    assert not orders_agree([ok, "ORR was 2% with placebo and 5% with everolimus."], arms, _named)


# (no median of 30.0 or 47.0 months: those are the landmark rates the test looks for)
_NOT_A_RATE = st.integers(50, 400).filter(lambda m: m not in (300, 470))


@settings(max_examples=20, deadline=None)
@given(
    medians=st.tuples(_NOT_A_RATE, _NOT_A_RATE),
    landmark=st.sampled_from(["the 2-year PFS rate", "the 12-month PFS rate"]),
)
def test_a_comparison_beside_a_landmark_keeps_the_medians_by_clause(medians, landmark):
    a, b = (m / 10 for m in medians)
    text = (
        "Results: Of 144 randomised patients, 74 received temozolomide alone and 70 received "
        f"CAPTEM. Median PFS was {a} months with CAPTEM and {b} months with temozolomide alone "
        f"(HR 0.58, 95% CI 0.36-0.93; p = 0.023), and {landmark} 47% versus 30%.\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    assert drafted[(ids["CAPTEM"], "pfs_median", "median")][0] == a
    assert drafted[(ids["temozolomide alone"], "pfs_median", "median")][0] == b
    assert not any(v[0] in (47, 30) for v in drafted.values())


@settings(max_examples=25, deadline=None)
@given(
    sizes=st.tuples(st.integers(30, 150), st.integers(30, 150)),
    events=st.tuples(st.integers(1, 29), st.integers(1, 29)),
    shape=st.sampled_from(
        [
            "Objective response was observed in {e1}/{n1} ({p1}%) pNET and {e2}/{n2} ({p2}%) "
            "SI-NET patients.",
            "Objective response was seen in {e1} of {n1} pNET patients ({p1}%) and in {e2} of "
            "{n2} SI-NET patients ({p2}%).",
            "An objective response was achieved by {e1} ({p1}%) of {n1} patients in the pNET "
            "group and by {e2} ({p2}%) of {n2} in the SI-NET group.",
        ]
    ),
)
def test_a_response_printed_per_part_in_clauses_joined_by_and(sizes, events, shape):
    """The second clause names no statistic: it is the first clause's response again, for
    the part its own clause names, each with its own n."""
    (n1, n2), (e1, e2) = sizes, events
    p1, p2 = (f"{100 * e / n:.1f}" for e, n in ((e1, n1), (e2, n2)))
    text = (
        f"Results: {n1 + n2} patients were included: {n1} with pancreatic NET (pNET) and {n2} "
        "with small-intestinal NET (SI-NET). "
        + shape.format(e1=e1, n1=n1, p1=p1, e2=e2, n2=n2, p2=p2)
        + "\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    for name, e, n, p in (("pNET", e1, n1, p1), ("SI-NET", e2, n2, p2)):
        assert drafted[(ids[name], "orr", "events")][0] == e
        assert drafted[(ids[name], "orr", "events_pct")][0] == float(p)
        assert drafted[(ids[name], "orr", "n")][0] == n


def test_a_clause_with_a_term_of_its_own_or_another_form_inherits_nothing():
    from litmeta.extract.classify import classify

    s = "Objective response was observed in 30 patients (34.1%) and 18 patients had PD."
    g = classify(s, s.index("18"), "count")
    assert g is None or g.endpoint == "best_response"
    s = "The ORR was 30% and 5 patients died."
    assert classify(s, s.index("5 patients"), "count") is None
    s = "The ORR was 30% (9/30) and 5 (12%) in the B group."
    assert classify(s, s.index("5 ("), "count") is not None  # a parallel clause
    s = "The ORR was 30% and 5 in the B group."
    assert classify(s, s.index("5 in"), "count") is None  # no count before it
    s = "Partial response in 10 and grade 3 anaemia in 4 patients (5%)."
    g = classify(s, s.index("4 patients"), "count")
    assert g is None or g.endpoint.startswith("tox_")


@settings(max_examples=15, deadline=None)
@given(sizes=st.tuples(st.integers(20, 60), st.integers(20, 60)), reported=st.booleans())
def test_the_whole_of_sized_arms_is_a_cohort_only_when_the_paper_reports_it(sizes, reported):
    a, b = sizes
    text = (
        f"Methods: Patients were enrolled in two parallel cohorts: pancreatic (n = {a}) and "
        f"extrapancreatic (n = {b}). Results: Median PFS was 15.6 months in the pancreatic "
        "cohort."
        + (
            f" In all {a + b} patients, grade 3-4 thrombocytopenia occurred in 3 patients."
            if reported
            else ""
        )
        + "\n"
    )
    drafted, labels = draft_eval.draft_values("toy", text)
    ids = {lab: cid for cid, lab in labels.items()}
    if reported:
        assert drafted[(ids["all"], "cohort_size", "n_enrolled")][0] == a + b
        assert drafted[(ids["all"], "tox_g3plus_thrombocytopenia", "g3g4")][0] == 3
    else:
        assert "all" not in ids
    assert drafted[(ids["pancreatic"], "cohort_size", "n_enrolled")][0] == a
