"""yamlsafe reads alias-free files with libyaml: the same values as the pure-Python no-alias
loader, and the Python loader's refusals and messages for everything else."""

from __future__ import annotations

import unicodedata

import pytest
import yaml
from conftest import ROOT
from hypothesis import given, settings
from hypothesis import strategies as st

from litmeta import yamlsafe


def python_load(text: str) -> object:
    return yaml.load(text, Loader=yamlsafe._NoAliasLoader)  # noqa: S506 (SafeLoader subclass)


def test_libyaml_is_there():
    # the locked PyYAML wheel carries libyaml; without it every file takes the slow path
    assert yamlsafe._FAST is yaml.CSafeLoader


def test_every_committed_spec_and_judgement_reads_the_same():
    files = [
        *sorted((ROOT / "config/extraction").glob("*.yaml")),
        *sorted((ROOT / "config/risk_of_bias").glob("*.yaml")),
        ROOT / "config/config.yaml",
        ROOT / "benchmarks/draft_set/abstracts.yaml",
    ]
    for path in files:
        text = unicodedata.normalize("NFC", path.read_text(encoding="utf-8"))
        assert yamlsafe.load_no_aliases(text) == python_load(text), path.name


_text = st.text(
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\ufeff"), max_size=30
)
_scalar = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(-(10**12), 10**12),
    st.floats(allow_nan=False),
    _text,
)
_data = st.recursive(
    _scalar,
    lambda inner: st.one_of(st.lists(inner, max_size=4), st.dictionaries(_text, inner, max_size=4)),
    max_leaves=12,
)


@settings(max_examples=200, deadline=None)
@given(data=_data, flow=st.booleans(), unicode=st.booleans(), width=st.sampled_from([20, 80]))
def test_any_dumped_document_reads_the_same_either_way(data, flow, unicode, width):
    text = yaml.safe_dump(
        {"value": data}, default_flow_style=flow, allow_unicode=unicode, width=width
    )
    assert yamlsafe.load_no_aliases(text) == python_load(text)


@settings(max_examples=3000, deadline=None)
@given(text=st.text(st.sampled_from(list("ab: -[]{}'\"#&*!|>\n\t,?%@`\\0.é\u2028")), max_size=40))
def test_any_text_gives_the_python_loaders_value_or_error(text):
    """Arbitrary text: where the Python loader reads a value, the same value; where it
    refuses the text, the same error, or a value where libyaml, the YAML project's own
    parser, is more lenient than PyYAML's scanner (``0\t``: a tab after a value; ``|#``: a
    comment right after a block-scalar header). Never another value for a text both read."""

    def outcome(load):
        try:
            return ("value", load(text))
        except yaml.YAMLError as exc:
            mark = getattr(exc, "problem_mark", None)
            return ("error", type(exc).__name__, str(exc), mark and mark.line)

    python = outcome(python_load)
    fast = outcome(yamlsafe.load_no_aliases)
    if python[0] == "value" or fast[0] == "error":
        assert fast == python


def test_an_alias_is_refused_with_its_line():
    with pytest.raises(yamlsafe.AliasRefused) as err:
        yamlsafe.load_no_aliases("a: &x [1]\nb: *x\n")
    assert err.value.problem_mark.line == 1
