"""Issue 23: a whole cohort's value followed by its breakdown by group, as real abstracts
print it: the first value is the whole's; the breakdown's values are the groups', never
the whole's."""

from conftest import drafted_values
from hypothesis import given, settings
from hypothesis import strategies as st

_values = drafted_values
_SIZE = "A total of 106 patients were treated. "


@settings(max_examples=30, deadline=None)
@given(
    sentence=st.sampled_from(
        [
            "The median progression-free survival was {w} months ({a} months for pancreatic "
            "and {b} months for small-intestinal NET).",
            "Median PFS was {w} months in the total population: {a} months in treatment-naive "
            "and {b} months in previously treated patients.",
            "The median PFS was {w} months overall (pancreatic, {a} months; midgut, {b} months).",
        ]
    ),
    values=st.lists(
        st.sampled_from(["9.1", "11.0", "14.3", "20.2", "25.8"]),
        min_size=3,
        max_size=3,
        unique=True,
    ),
)
def test_the_whole_value_is_drafted_and_the_breakdown_never_for_the_whole(sentence, values):
    w, a, b = values
    got = _values(_SIZE + sentence.format(w=w, a=a, b=b) + "\n")
    assert got.get("pfs_median.median") in (None, float(w))


def test_a_rate_of_the_total_population_then_its_groups():
    got = _values(
        _SIZE + "ORR (95% CI) per RECIST was 24.5% (16.7-33.8) in the total population: "
        "21.3% (11.9-33.7) in treatment-naive and 28.9% (16.4-44.3) in previously treated "
        "patients.\n"
    )
    assert got["orr.events_pct"] == 24.5
    got = _values(_SIZE + "The median PFS was 14.3 months for pancreatic NET (11.0 overall).\n")
    assert "pfs_median.median" not in got  # a group's value first: whose is which?
