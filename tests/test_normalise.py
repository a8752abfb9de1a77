from hypothesis import given
from hypothesis import strategies as st

from litmeta.normalise import normalise_line, normalise_text


def test_dashes_and_minus_become_hyphen():
    assert normalise_line("19.7\u201329 \u2212 2 \u2014 x \u2010y") == "19.7-29 - 2 - x -y"


def test_ligatures_spaces_and_superscripts():
    assert normalise_line("\ufb01rst e\ufb00ect") == "first effect"
    assert normalise_line("a\u00a0b\u202fc\u2009d") == "a b c d"
    assert normalise_line("\u00b9\u2077\u2077Lu Q\u2081") == "177Lu Q1"
    assert normalise_line("$^{177}\\text{Lu}$ and ^{68}Ga and <sup>99m</sup>") == (
        "177\\text{Lu}$ and 68Ga and <sup>99m</sup>"
    )
    assert normalise_line("<sup>177</sup>Lu") == "177Lu"


def test_middle_dot_decimal_and_controls():
    assert normalise_line("1\u00b79% \u00b7 x") == "1.9% \u00b7 x"
    assert normalise_line("a\x00b\tc  ") == "ab\tc"


def test_soft_hyphen_and_zero_width_removed():
    assert normalise_line("treat\u00adment\u200b") == "treatment"


@given(st.lists(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)))
def test_line_count_is_preserved(lines):
    text = "\n".join(line.replace("\n", " ").replace("\r", " ") for line in lines)
    assert normalise_text(text).count("\n") == text.count("\n")


@given(st.text(max_size=200))
def test_idempotent(text):
    once = normalise_text(text)
    assert normalise_text(once) == once
