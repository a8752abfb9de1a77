"""Issue 23 (lane drafter4): "N were enrolled and M were evaluable for response": M is the
efficacy population's n (PROTOCOL.md Amendment 1: all treated patients are the sensitivity
analysis `sens_all_treated`), so the medians get their n; an M evaluable for safety, or for
what the sentence does not say, still leaves the efficacy n to the reviewer."""

from litmeta.extract import draft_eval


def _values(text: str) -> dict:
    drafted, _labels = draft_eval.draft_values("toy", text)
    return {f"{e}.{s}": v for (_c, e, s), (v, _st) in drafted.items()}


def _pooled_n(text: str) -> dict:
    drafted, _labels = draft_eval.draft_values("toy", text)
    return {e: n for (_c, e), n in draft_eval.pooled_n(drafted).items()}


_TEXT = (
    "Thirty patients were registered; of these, 26 were assessable for {what}. Median "
    "progression-free survival was 14.0 months (95% CI 10.1-17.9).\n"
)


def test_the_subset_evaluable_for_efficacy_is_the_efficacy_n():
    text = _TEXT.format(what="efficacy")
    got = _values(text)
    assert got["cohort_size.n_efficacy"] == 26
    assert got["cohort_size.n_enrolled"] == 30
    assert got["pfs_median.median"] == 14.0
    assert _pooled_n(text)["pfs_median"] == 26


def test_a_subset_for_safety_or_for_nothing_said_does_not_decide_the_efficacy_n():
    for what in ("toxicity", "safety"):
        got = _values(_TEXT.format(what=what))
        assert got.get("cohort_size.n_efficacy") != 26, what
    got = _values(_TEXT.replace(" for {what}", ""))
    assert "cohort_size.n_efficacy" not in got


def test_the_larger_enrolled_n_is_not_the_efficacy_n_beside_its_evaluated_subset():
    text = (
        "Fifty-five patients were enrolled and 49 were evaluable for response. The objective "
        "response rate was 24.5% and median overall survival 30.2 months.\n"
    )
    got = _values(text)
    assert got["cohort_size.n_efficacy"] == 49
    assert got["cohort_size.n_enrolled"] == 55
    assert _pooled_n(text)["os_median"] == 49


def test_a_chain_from_referred_to_measurable_gives_the_enrolled_and_the_efficacy_n():
    text = (
        "Of 70 patients referred, 58 were included and received at least one cycle (safety "
        "set); 50 had measurable disease. Median PFS was 20.0 months (95% CI 15.5-24.5).\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 58
    assert got["cohort_size.n_efficacy"] == 50
    assert 70 not in got.values()
    assert _pooled_n(text)["pfs_median"] == 50


def test_a_smaller_population_the_drafter_cannot_read_leaves_the_efficacy_n_out():
    text = (
        "Of 70 patients referred, 58 were included, and 50 were assessed by central review. "
        "Median PFS was 20.0 months (95% CI 15.5-24.5).\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 58
    assert got.get("cohort_size.n_efficacy") != 58
    assert "pfs_median" not in _pooled_n(text) or _pooled_n(text)["pfs_median"] != 58
    # "all were evaluable" is the whole cohort, no smaller population
    whole = "Of 70 patients referred, 58 were included and all were evaluable.\n"
    assert _values(whole).get("cohort_size.n_efficacy") == 58
