"""Issue 23 (lane drafter4): a rate's definition in brackets after its name ("disease control
rate (CR+PR+SD)") is part of the name, not three response categories that make the clause
ambiguous; categories printed without a rate's name stay ambiguous."""

from conftest import drafted_values

_values = drafted_values


def test_a_rate_defined_in_brackets_is_read_as_the_rate():
    got = _values(
        "Twenty-five patients were treated. The objective response rate (CR + PR) was 20.0% "
        "(5/25), and the clinical benefit rate (CR + PR + MR + SD) was 72.0% (18/25).\n"
    )
    assert got["orr.events_pct"] == 20.0 and got["orr.events"] == 5
    assert got["dcr.events_pct"] == 72.0 and got["dcr.events"] == 18
    assert not any(k.startswith("best_response.") for k in got)


def test_categories_summed_without_a_rate_name_are_not_read():
    got = _values("Twenty-five patients were treated. CR+PR was seen in 5 patients (20.0%).\n")
    assert not any(k.startswith(("orr.", "dcr.", "best_response.")) for k in got)
