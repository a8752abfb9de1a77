"""Turn a JSON-schema failure into one line that names the field and what is wrong."""

from __future__ import annotations

from pathlib import Path

from .yamlsafe import load_no_aliases

MESSAGE_CHARS = 200


def brief(message: str) -> str:
    """A schema message cut short: it quotes the offending value, which may be long."""
    return message if len(message) <= MESSAGE_CHARS else message[: MESSAGE_CHARS - 1] + "…"


def explain(instance: object, schema_path: str | Path) -> str:
    import jsonschema

    schema = load_no_aliases(Path(schema_path).read_text(encoding="utf-8"))
    validator = jsonschema.Draft202012Validator(schema)
    errors = sorted(validator.iter_errors(instance), key=lambda e: list(e.absolute_path))
    if not errors:
        return "valid"
    err = errors[0]
    field = ".".join(str(p) for p in err.absolute_path)
    where = f"field {field}: " if field else ""
    return f"{where}{brief(err.message)}"
