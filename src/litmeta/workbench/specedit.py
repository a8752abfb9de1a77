"""Edit an extraction spec's YAML text in place, keeping every comment and every line the
edit does not touch.

PyYAML drops comments when it loads and dumps, so the workbench never re-dumps a spec: it
composes the text (positions of each node, no values) and splices new lines into it.  An
edit is one of: append an item to a top-level list (``cohorts``, ``values``), remove an
item with the comment lines directly above it, and set or drop one key of an item.  The
result is the plain YAML a reviewer could have typed.
"""

from __future__ import annotations

import json

import yaml

from ..errors import InputError
from ..yamlsafe import _NoAliasLoader, load_no_aliases

EMPTY = "paper_id: {paper_id}\ncohorts: []\nvalues: []\n"


def scalar(value: str) -> str:
    """``value`` as a YAML scalar: plain when it reads back as the same string, else quoted."""
    try:
        plain = load_no_aliases(value) == value and "#" not in value and "\n" not in value
    except yaml.YAMLError:
        plain = False
    return value if plain and value.strip() == value and value else json.dumps(value)


def _top(text: str, key: str) -> tuple[yaml.Node, yaml.Node] | None:
    try:
        root = yaml.compose(text, Loader=_NoAliasLoader)
    except yaml.YAMLError as exc:
        raise InputError("spec", f"not valid YAML ({exc})", "fix it in a text editor") from None
    if not isinstance(root, yaml.MappingNode):
        raise InputError("spec", "the spec is not a mapping", "fix it in a text editor")
    for k, v in root.value:
        if k.value == key:
            return k, v
    return None


def _lines(text: str) -> list[str]:
    return text.splitlines(keepends=True)


def _end_line(node: yaml.Node) -> int:
    """The line after a node's last character (a block node's own end mark lies at the
    next token, past blank lines and comments)."""
    if isinstance(node, yaml.MappingNode) and node.value and not node.flow_style:
        return _end_line(node.value[-1][1])
    if isinstance(node, yaml.SequenceNode) and node.value and not node.flow_style:
        return _end_line(node.value[-1])
    return node.end_mark.line + (1 if node.end_mark.column else 0)


def _item_span(lines: list[str], seq: yaml.SequenceNode, i: int) -> tuple[int, int]:
    """Line range [first, end) of item ``i``: its ``-`` line, the comment lines right above
    it, and its content (up to the next item or the end of its last value)."""
    node = seq.value[i]
    first = node.start_mark.line
    while first > 0 and lines[first - 1].lstrip().startswith("#"):
        first -= 1
    if i + 1 < len(seq.value):
        end = seq.value[i + 1].start_mark.line
        while end > first + 1 and lines[end - 1].lstrip().startswith("#"):
            end -= 1
    else:
        end = _end_line(node)
    return first, max(end, node.start_mark.line + 1)


def _block(item: dict[str, object], indent: int, comment: str = "") -> list[str]:
    pad = " " * indent
    out = [f"{pad}# {comment}\n"] if comment else []
    for n, (key, value) in enumerate(item.items()):
        lead = f"{pad}- " if n == 0 else f"{pad}  "
        if isinstance(value, list):
            out.append(f"{lead}{key}:\n")
            out.extend(f"{pad}    - {scalar(str(v))}\n" for v in value)
        else:
            out.append(f"{lead}{key}: {scalar(str(value))}\n")
    return out


def append_item(text: str, key: str, item: dict[str, object], comment: str = "") -> str:
    """``text`` with ``item`` (a mapping of scalars or lists of scalars) appended to the
    top-level list ``key``; an empty (``[]``) or missing list becomes a block list."""
    found = _top(text, key)
    lines = _lines(text)
    if found is None:
        tail = "" if not text or text.endswith("\n") else "\n"
        return text + tail + f"{key}:\n" + "".join(_block(item, 2, comment))
    k, seq = found
    if not isinstance(seq, yaml.SequenceNode) or seq.flow_style or not seq.value:
        if isinstance(seq, yaml.SequenceNode) and seq.value:
            raise InputError("spec", f"{key} is written as a [flow] list", "write it as a block")
        if not (isinstance(seq, yaml.SequenceNode) or seq.tag.endswith(":null")):
            raise InputError("spec", f"{key} is not a list", "fix it in a text editor")
        line = lines[k.start_mark.line]
        head = line[: k.end_mark.column] + ":\n"
        rest = lines[k.start_mark.line + 1 :]
        return "".join(lines[: k.start_mark.line]) + head + "".join(_block(item, 2, comment) + rest)
    indent = seq.value[0].start_mark.column - 2
    _, end = _item_span(lines, seq, len(seq.value) - 1)
    return "".join(lines[:end] + _block(item, indent, comment) + lines[end:])


def remove_item(text: str, key: str, i: int) -> str:
    """``text`` without item ``i`` of the top-level list ``key`` (and its comments)."""
    found = _top(text, key)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        raise InputError("spec", f"no list {key}", "reload the page")
    seq = found[1]
    if not 0 <= i < len(seq.value):
        raise InputError("spec", f"{key}[{i}] does not exist", "reload the page")
    lines = _lines(text)
    if len(seq.value) == 1:
        k = found[0]
        first, end = _item_span(lines, seq, 0)
        head = lines[k.start_mark.line][: k.end_mark.column] + ": []\n"
        return "".join(lines[: k.start_mark.line] + [head] + lines[end:])
    first, end = _item_span(lines, seq, i)
    return "".join(lines[:first] + lines[end:])


def set_key(text: str, key: str, i: int, field: str, value: str | None) -> str:
    """Set ``field`` of item ``i`` of the list ``key`` to the scalar ``value`` (None: drop
    the field); the other lines stay as they are."""
    found = _top(text, key)
    if found is None or not isinstance(found[1], yaml.SequenceNode):
        raise InputError("spec", f"no list {key}", "reload the page")
    seq = found[1]
    if not 0 <= i < len(seq.value) or not isinstance(seq.value[i], yaml.MappingNode):
        raise InputError("spec", f"{key}[{i}] does not exist", "reload the page")
    item = seq.value[i]
    lines = _lines(text)
    for k, v in item.value:
        if k.value != field:
            continue
        if value is None:
            if v.end_mark.line != k.start_mark.line and v.end_mark.column:
                raise InputError("spec", f"{key}[{i}].{field} spans lines", "edit it by hand")
            return "".join(lines[: k.start_mark.line] + lines[k.start_mark.line + 1 :])
        if v.start_mark.line != v.end_mark.line:
            raise InputError("spec", f"{key}[{i}].{field} spans lines", "edit it by hand")
        line = lines[v.start_mark.line]
        new = line[: v.start_mark.column] + scalar(value) + line[v.end_mark.column :]
        lines[v.start_mark.line] = new
        return "".join(lines)
    if value is None:
        return text
    at = _end_line(item)
    pad = " " * item.start_mark.column
    return "".join(lines[:at] + [f"{pad}{field}: {scalar(value)}\n"] + lines[at:])


def items(text: str, key: str) -> list[dict]:
    """The items of the top-level list ``key`` as plain data (for the form)."""
    from ..yamlsafe import load_no_aliases

    try:
        data = load_no_aliases(text)
    except yaml.YAMLError:
        return []
    got = data.get(key) if isinstance(data, dict) else None
    return [x for x in got if isinstance(x, dict)] if isinstance(got, list) else []
