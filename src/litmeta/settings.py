"""The analysis settings of config/config.yaml, checked with names the user can act on."""

from __future__ import annotations

from pathlib import Path

import yaml

from .errors import InputError


def load_analysis_settings(config_file: str | Path) -> tuple[list[str], dict[str, list[str]]]:
    from .protocol import ANALYSES

    data = yaml.safe_load(Path(config_file).read_text(encoding="utf-8")) or {}
    analyses = data.get("analyses", list(ANALYSES))
    if not analyses:
        raise InputError(
            f"{config_file} (field analyses)",
            "no analysis to run (the list is empty)",
            f"name at least one of: {', '.join(ANALYSES)}",
        )
    for name in analyses:
        if name not in ANALYSES:
            raise InputError(
                f"{config_file} (field analyses)",
                f"unknown analysis {name!r}",
                f"use names from: {', '.join(ANALYSES)}",
            )
    exclusions = data.get("exclusions", {})
    for name in exclusions:
        if name not in ANALYSES:
            raise InputError(
                f"{config_file} (field exclusions)",
                f"unknown analysis {name!r}",
                "exclusions are keyed by sens_exclude_* analysis names",
            )
    return list(analyses), {k: list(v) for k, v in exclusions.items()}
