"""Issue 23 (lane drafter4): the confidence level of a CI ("95% CI") and the bounds of a
rate's CI are no value of any statistic, and a median's CI may print its unit on the lower
bound ("95% CI, 31.2 months to NR")."""

import math

from conftest import drafted_values
from hypothesis import given, settings
from hypothesis import strategies as st

_values = drafted_values


def test_a_rate_with_its_fraction_and_ci_gives_the_rate_and_the_fraction_only():
    got = _values(
        "Twenty-five patients were treated. The disease control rate was 64.0% (16/25; 95% "
        "confidence interval 42.5 to 82.0).\n"
    )
    assert got["dcr.events_pct"] == 64.0
    assert got["dcr.events"] == 16 and got["dcr.n"] == 25
    assert not {95.0, 42.5, 82.0} & set(got.values())


def test_a_median_not_reached_keeps_its_ci_with_the_unit_on_the_lower_bound():
    got = _values(
        "A total of 64 patients were treated. Median overall survival was not yet reached "
        "(95% CI, 31.2 months to NR).\n"
    )
    assert math.isnan(got["os_median.median"])
    assert got["os_median.ci_low"] == 31.2
    assert math.isnan(got["os_median.ci_high"])


@settings(max_examples=25, deadline=None)
@given(
    level=st.sampled_from(["95%", "90%", "95 %"]),
    name=st.sampled_from(["CI", "confidence interval", "CI:"]),
    k=st.integers(1, 40),
    n=st.integers(41, 120),
    rate=st.sampled_from(["objective response rate", "ORR", "disease control rate"]),
    sep=st.sampled_from(["-", " to "]),
)
def test_the_ci_of_a_rate_is_never_drafted(level, name, k, n, rate, sep):
    pct = round(100 * k / n, 1)
    lo, hi = max(0.0, pct - 9.9), min(99.9, pct + 9.9)
    text = (
        f"A total of {n} patients were treated. The {rate} was {pct}% ({k}/{n}; "
        f"{level} {name} {lo:.1f}{sep}{hi:.1f}).\n"
    )
    got = _values(text)
    endpoint = "dcr" if "control" in rate else "orr"
    assert got.get(f"{endpoint}.events_pct") == pct, (text, got)
    assert got.get(f"{endpoint}.events") == k, (text, got)
    level_value = float(level.rstrip("% "))
    for key, v in got.items():
        if key.startswith(endpoint):
            assert v not in (level_value, round(lo, 1), round(hi, 1)) or v in (pct, k, n), (
                text,
                got,
            )


def test_a_percentage_in_square_brackets_or_in_words_is_read():
    got = _values(
        "Forty patients were treated. Grade 3 or 4 adverse events included thrombocytopenia "
        "(5 [12.5%]) and anaemia (2 [5.0%]). The disease control rate was 75 percent and the "
        "objective response rate 20.0 per cent.\n"
    )
    assert got["tox_g3plus_thrombocytopenia.g3g4"] == 5
    assert got["tox_g3plus_thrombocytopenia.g3g4_pct"] == 12.5
    assert got["tox_g3plus_anemia.g3g4"] == 2
    assert got["dcr.events_pct"] == 75
    assert got["orr.events_pct"] == 20.0


def test_the_range_of_a_median_follow_up_is_the_follow_ups_never_an_endpoints():
    got = _values(
        "Sixty patients were treated. The median follow-up time was 42 months (range: 6 to "
        "108). Median OS was 41.0 months.\n"
    )
    assert got["followup_median.median"] == 42
    assert got["followup_median.range_low"] == 6
    assert got["followup_median.range_high"] == 108
    assert not any(k.startswith("os_median.range") for k in got)
