"""Issue 23: a value of the results restated rounded elsewhere in the abstract ("The
objective response rate was 30.2% ... Conclusions: PRRT achieved an ORR of 30%") is one value
printed at two precisions, not two values: the precise one is drafted.  A restatement that is
no rounding of it is another value, and both are left out as before."""

from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract import draft_eval
from litmeta.extract.draft import _most_precise


def _text(orr: str, median: str, orr_again: str, median_again: str) -> str:
    return (
        "Results: Forty patients were treated. The objective response rate was "
        f"{orr}% and median PFS was {median} months (95% CI 10.0-30.0). Conclusions: PRRT "
        f"achieved an ORR of {orr_again}% and a median PFS of {median_again} months.\n"
    )


@settings(max_examples=30, deadline=None)
@given(responders=st.integers(1, 39), median=st.integers(101, 299))
def test_a_value_restated_rounded_is_drafted_as_printed_in_the_results(responders, median):
    # a rate some count of the forty gives (one no count gives leaves their n out:
    # draft_feasible)
    o, m = round(100 * responders / 40, 1), median / 10
    drafted, _labels = draft_eval.draft_values("toy", _text(str(o), str(m), f"{o:.0f}", f"{m:.0f}"))
    got = {(e, s): v for (_c, e, s), (v, _st) in drafted.items()}
    assert got[("orr", "events_pct")] == o
    assert got[("pfs_median", "median")] == m


@settings(max_examples=30, deadline=None)
@given(orr=st.integers(30, 899), off=st.sampled_from([-20, -6, 6, 20]))
def test_a_restatement_that_is_no_rounding_leaves_both_out(orr, off):
    o = orr / 10
    other = f"{(orr + off) / 10:.0f}"
    if abs(float(other) - o) <= 0.5:
        return
    drafted, _labels = draft_eval.draft_values("toy", _text(str(o), "20.1", other, "20"))
    assert not any(k[1] == "orr" for k in drafted)


def test_the_most_precise_printing():
    assert _most_precise(["30.2", "30"]) == "30.2"
    assert _most_precise(["77.4", "77", "77.4"]) == "77.4"
    assert _most_precise(["30.2", "31"]) is None
    assert _most_precise(["30.2", "30.3", "30"]) is None  # two precise values
    assert _most_precise(["30", "30"]) is None  # nothing differs
    assert _most_precise(["Eighty-three", "83.0"]) is None
