"""Issue 23 (lane drafter4): populations chained ("Of 52 screened, 45 were enrolled ...; 42
had measurable disease", "N were registered; of these, M were assessable for efficacy"): N
is the cohort's size, M the n of the response, ORR and DCR (PROTOCOL.md Amendment 1: all
treated patients are the sensitivity analysis sens_all_treated).  Whether survival is
counted over M or over all N the abstract does not say (lazarenko2026's reviewer found all
treated), so the efficacy population's n, and with it the medians' n, is left to the
reviewer, never guessed."""

from conftest import drafted_values

from litmeta.extract import draft_eval
from litmeta.extract.draft import draft_yaml

_values = drafted_values


def _pooled_n(text: str) -> dict:
    drafted, _labels = draft_eval.draft_values("toy", text)
    return {e: n for (_c, e), n in draft_eval.pooled_n(drafted).items()}


_TEXT = (
    "Thirty patients were registered; of these, 26 were assessable for {what}. The objective "
    "response rate was 23.1%. Median progression-free survival was 14.0 months (95% CI "
    "10.1-17.9).\n"
)


def test_the_subset_assessable_for_efficacy_is_the_efficacy_population():
    text = _TEXT.format(what="efficacy")
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 30
    assert got["orr.n"] == 26 and got["orr.events_pct"] == 23.1
    assert got["cohort_size.n_efficacy"] == 26


def test_a_subset_for_safety_or_for_nothing_said_is_no_response_n():
    for what in ("toxicity", "safety"):
        got = _values(_TEXT.format(what=what))
        assert got.get("orr.n") != 26, what
        assert got.get("cohort_size.n_efficacy") != 26, what
    got = _values(_TEXT.replace(" for {what}", ""))
    assert "cohort_size.n_efficacy" not in got


def test_a_chain_from_referred_to_measurable_gives_the_enrolled_and_the_response_n():
    text = (
        "Of 70 patients referred, 58 were included and received at least one cycle (safety "
        "set); 50 had measurable disease. Disease control was achieved in 80.0%.\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 58
    assert got["dcr.n"] == 50 and got["dcr.events_pct"] == 80.0
    assert 70 not in got.values()
    assert _pooled_n(text)["dcr"] == 50


def test_a_smaller_population_the_drafter_cannot_read_leaves_the_efficacy_n_out():
    text = (
        "Of 70 patients referred, 58 were included, and 50 were assessed by central review. "
        "Median PFS was 20.0 months (95% CI 15.5-24.5).\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 58
    assert got.get("cohort_size.n_efficacy") != 58
    assert _pooled_n(text).get("pfs_median") != 58
    # "all were evaluable" is the whole cohort, no smaller population
    whole = "Of 70 patients referred, 58 were included and all were evaluable.\n"
    assert _values(whole).get("cohort_size.n_efficacy") == 58


def test_a_subset_printed_in_words_and_again_in_digits_is_one_n_and_never_the_enrolled():
    # found on a held-out abstract: "fifty-eight" and "/58" were taken for two different
    # values, both entries were dropped, and the cohort's 62 then stood for the efficacy n
    text = (
        "Forty-four patients were treated, of whom thirty-nine were evaluable for response. "
        "The overall response rate was 30.8% (12/39), with two complete responses.\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 44
    assert got["orr.n"] == 39 and got["orr.events"] == 12 and got["dcr.n"] == 39
    assert got.get("cohort_size.n_efficacy") != 44
    assert _pooled_n(text)["orr"] == 39
    assert "printed differently" not in draft_yaml("toy", text)


def test_an_evaluable_subset_whose_entry_is_dropped_still_bars_the_enrolled_as_its_n():
    # the response sentence prints the n twice differently (39 and 40): every entry carrying
    # it is left out, and the 44 must not become the efficacy n in its place
    text = (
        "Forty-four patients were treated, of whom thirty-nine were evaluable for response. "
        "The overall response rate was 30.0% (12/40).\n"
    )
    got = _values(text)
    assert got["cohort_size.n_enrolled"] == 44
    assert "cohort_size.n_efficacy" not in got and "orr.n" not in got
