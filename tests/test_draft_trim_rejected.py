"""Issue 23 (lane drafter4): when the checks reject one endpoint of a drafted entry (a median
with no n), the entry's other values stand without it; the rejected endpoint is left out
with the checks' reason."""

from litmeta.extract import draft_eval
from litmeta.extract.draft import draft_yaml

_TEXT = (
    "Sixty patients were enrolled and 52 were evaluable for response; 14 had a partial "
    "response and median PFS was 17.5 months.\n"
)


def test_a_median_without_n_takes_only_itself_out_of_its_sentence():
    drafted, _labels = draft_eval.draft_values("toy", _TEXT)
    got = {f"{e}.{s}": v for (_c, e, s), (v, _st) in drafted.items()}
    assert got["best_response.pr"] == 14
    assert "pfs_median.median" not in got
    out = draft_yaml("toy", _TEXT)
    assert "the checks reject 'pfs_median' of it" in out
    assert "pfs_median.median = 17.5 has no n" in out
