"""YAML for user files, without aliases.

``yaml.safe_load`` builds no objects, but it expands aliases: a few lines of nested
``*name`` references (a "billion laughs" file) grow into gigabytes before any check can run.
Specs never need aliases, so the loader refuses the first one, with its line, before
expanding anything.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


class AliasRefused(yaml.MarkedYAMLError):
    """A YAML alias (``*name``) in a file that must spell out every value."""


class _NoAliasLoader(yaml.SafeLoader):
    def compose_node(self, parent, index):  # type: ignore[override]
        if self.check_event(yaml.AliasEvent):
            event = self.peek_event()
            raise AliasRefused(
                problem="YAML aliases (*name) are not allowed: write each value out",
                problem_mark=event.start_mark,
            )
        return super().compose_node(parent, index)


#: PyYAML's libyaml-backed safe loader where the installed PyYAML has it (the wheels do)
_FAST = getattr(yaml, "CSafeLoader", None)


def _plain(event: yaml.Event) -> bool:
    """An event the two loaders read alike: no alias, no explicit tag (libyaml reads a lone
    ``!`` as an empty string, PyYAML as null; specs use neither)."""
    return not isinstance(event, yaml.AliasEvent) and getattr(event, "tag", None) is None


def load_no_aliases(text: str) -> object:
    """``yaml.safe_load`` that raises :class:`AliasRefused` at the first alias.

    A file without aliases or explicit tags is read by libyaml (:data:`_FAST`, six times
    faster: a spec is read once per paper, 500 times in a large review), after its events,
    which libyaml produces without expanding anything, show neither. A file with either or
    with a syntax error, and every file where libyaml is missing, goes through the
    pure-Python loader, so that refusals and error messages (their wording and lines) are
    always those of :class:`_NoAliasLoader`. A text both loaders read gives the same value
    (tests/test_yamlsafe_fast.py); libyaml also reads a few texts PyYAML's scanner refuses
    (a tab after a value)."""
    if _FAST is not None:
        try:
            if all(_plain(e) for e in yaml.parse(text, Loader=_FAST)):
                return yaml.load(text, Loader=_FAST)  # noqa: S506 (libyaml's SafeLoader)
        except yaml.YAMLError:
            pass  # the message of the pure-Python loader, below
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader subclass)


def read_yaml_mapping(path: Path, max_bytes: int, fix: str, what: str = "") -> dict:
    """A user's YAML file (spec, risk-of-bias judgements) as a mapping: larger than
    ``max_bytes``, not valid YAML (aliases included) or not a mapping, it stops with its
    line and never with its content (``fix``: where the format is described; ``what``: the
    kind of file, named when it is empty or not a mapping)."""
    p = str(path)
    if path.stat().st_size > max_bytes:
        raise InputError(p, f"file is larger than {max_bytes} bytes", "split or shorten it")
    import unicodedata

    try:
        # NFC, as the paper's text is (litmeta.normalise): an anchor typed decomposed matches
        data = load_no_aliases(unicodedata.normalize("NFC", path.read_text(encoding="utf-8")))
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        raise InputError(
            f"{p}:{mark.line + 1}" if mark else p,
            f"not valid YAML ({getattr(exc, 'problem', None) or type(exc).__name__})",
            "fix the YAML syntax (indentation, quotes)",
        ) from None
    except UnicodeDecodeError as exc:
        raise InputError(p, f"not UTF-8 text (byte at offset {exc.start})", fix) from None
    if not isinstance(data, dict):
        if not what:
            raise InputError(p, "not a YAML mapping of keys (wrong file?)", fix)
        shape = "empty" if data is None else "not a mapping of keys"
        raise InputError(p, f"the {what} is {shape}", fix)
    return data
