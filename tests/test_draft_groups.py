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
