"""YAML for user files, without aliases.

``yaml.safe_load`` builds no objects, but it expands aliases: a few lines of nested
``*name`` references (a "billion laughs" file) grow into gigabytes before any check can run.
Specs never need aliases, so the loader refuses the first one, with its line, before
expanding anything.
"""

from __future__ import annotations

import yaml


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


def load_no_aliases(text: str) -> object:
    """``yaml.safe_load`` that raises :class:`AliasRefused` at the first alias."""
    return yaml.load(text, Loader=_NoAliasLoader)  # noqa: S506 (a SafeLoader subclass)
