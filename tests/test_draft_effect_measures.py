"""Issue 23: an effect measure of a comparison (hazard, odds or risk ratio) and its interval
are never a cohort's value.  Found on a real meeting abstract: "Median OS (95% CI) was 44.0
(35.6-51.8) months for EVE arm and 37.7 (29.1-45.8) months for PBO arm (HR 0.94, 95% CI
0.73-1.20; p = 0.30)" drafted a median OS of 0.94 (0.73-1.20) for the placebo arm."""

from conftest import drafted_by_label
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta.extract.draft import effect_spans

_RATIO = ("0.94", "0.73", "1.20")


@settings(max_examples=40, deadline=None)
@given(
    measure=st.sampled_from(
        [
            "(HR 0.94, 95% CI 0.73-1.20; p = 0.30)",
            "(hazard ratio, 0.94; 95% CI, 0.73 to 1.20; P = .30)",
            "[HR = 0.94 (95% CI: 0.73-1.20)]",
            "(odds ratio 0.94 [95% CI 0.73-1.20])",
            "(relative risk 0.94, 95% CI 0.73-1.20)",
        ]
    ),
    form=st.sampled_from(
        [
            "Median OS (95% CI) was 44.0 (35.6-51.8) months for everolimus arm and 37.7 "
            "(29.1-45.8) months for placebo arm {m}.",
            "Median OS (95% CI) was 44.0 (35.6-51.8) months in the everolimus arm and 37.7 "
            "(29.1-45.8) months in the placebo arm {m}.",
            "Median overall survival was 44.0 months in the everolimus arm and 37.7 months in "
            "the placebo arm {m}.",
            "The median PFS was 14.6 months with everolimus versus 9.2 months with placebo {m}.",
        ]
    ),
)
def test_no_value_is_drafted_from_an_effect_measure(measure, form):
    text = (
        "Patients were randomized to everolimus (n = 207) or placebo (n = 203). "
        + form.format(m=measure)
        + "\n"
    )
    for values in drafted_by_label(text).values():
        printed = {f"{v:g}" for v in values.values() if isinstance(v, float)}
        assert not printed & {f"{float(x):g}" for x in _RATIO}, (text, values)


def test_the_span_of_an_effect_measure_is_its_bracket_or_the_rest_of_the_sentence():
    text = "OS was 37.7 months (HR 0.94, 95% CI 0.73-1.20; p = 0.30) and ORR 12%"
    ((a, b),) = effect_spans(text)
    assert text[a:b] == "HR 0.94, 95% CI 0.73-1.20; p = 0.30"
    text = "The hazard ratio was 0.52 (95% CI 0.31-0.80), favouring A."
    ((a, b),) = effect_spans(text)
    assert text[a:] == text[a:b]
    # "OR" and "HR" as words of a sentence, not followed by a number, are no measure
    assert effect_spans("Patients with CR OR PR were counted; HR staff reviewed them.") == []
