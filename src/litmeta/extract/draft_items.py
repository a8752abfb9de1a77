"""A value the drafter found: its statistic, placeholder type, where it is printed and why
(``litmeta draft-spec``)."""

from __future__ import annotations

import re
from dataclasses import dataclass


@dataclass
class Item:
    ref: str  # endpoint.statistic
    kind: str  # placeholder type
    start: int  # view offsets
    end: int
    text: str
    evidence: str
    reach: int = 0  # view offset the anchor must reach (evidence printed after the value)

    @classmethod
    def of_group(
        cls, ref: str, kind: str, m: re.Match[str], group: str, offset: int, evidence: str
    ) -> Item:
        """The text a group of ``m`` matched; ``offset`` is where ``m``'s string starts."""
        return cls(
            ref, kind, offset + m.start(group), offset + m.end(group), m.group(group), evidence
        )
