"""Splicing new actual values into a plan's YAML text, changing nothing else.

The YAML is never re-dumped: ruamel.yaml's round-trip composer (``typ="rt"``) gives the
exact position where each target's ``actuals`` list ends, and one line per new value — a
flow mapping such as ``{value: 71, date: 2026-09-30, source: 季度统计}`` — is spliced
into the original text there, with the dash at the column the list already uses (or, for
a target without ``actuals``, the key at the target's key column and the items indented
the way the file indents its other block sequences). Everything else stays byte for
byte, comments, quoting, key order and line endings included.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Sequence
from typing import Any

from cplan.fieldwork.reading import Entry


class SpliceError(Exception):
    """The plan's YAML has a shape the splicer does not handle."""


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml = YAML(typ="rt")
    yaml.preserve_quotes = True
    return yaml


#: Text written plain: letters (Chinese included), digits, spaces inside, and a few
#: marks that mean nothing to YAML in a flow mapping. Anything else is quoted.
_PLAIN = re.compile(r"[^\W\d_][\w\u3000-\u303f\uff01-\uff5e ()./\-]*", re.UNICODE)


def _scalar(text: str) -> str:
    """``text`` as a YAML scalar inside a flow mapping: plain only when every reader
    takes it for the same text, else double-quoted.

    Plain needs text of letters, digits and harmless marks (``街道住建科台账:`` ends in a
    colon and is quoted) that neither YAML 1.2 nor YAML 1.1 resolves to anything else:
    ``yes``, ``on``, ``No``, ``null``, ``1:20`` (sexagesimal) and dates stay text only
    when quoted. cplan reads every value as text, but other tools read the plan too.
    """
    if _PLAIN.fullmatch(text) and text == text.strip() and _reads_back(text):
        return text
    return json.dumps(text, ensure_ascii=False)


def _reads_back(text: str) -> bool:
    """Whether ``{k: text}`` is the mapping of ``text`` to YAML 1.1 and 1.2 readers."""
    import yaml
    from ruamel.yaml import YAML

    document = f"{{k: {text}}}"
    try:
        loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
        if yaml.load(document, Loader=loader) != {"k": text}:  # a safe loader
            return False
        return bool(YAML(typ="safe", pure=True).load(document) == {"k": text})
    except Exception:  # noqa: BLE001 - not plain-safe: quote it
        return False


def entry_text(entry: Entry) -> str:
    """``{value: 71, date: 2026-09-30, source: 季度统计}`` (and ``note`` when given)."""
    parts = [f"value: {format(entry.value, 'f')}", f"date: {entry.day.isoformat()}"]
    parts.append(f"source: {_scalar(entry.source)}")
    if entry.note:
        parts.append(f"note: {_scalar(entry.note)}")
    return "{" + ", ".join(parts) + "}"


def _column(text: str, index: int) -> int:
    return index - (text.rfind("\n", 0, index) + 1)


def _line_end(text: str, index: int) -> int:
    """The index just past the newline that ends the line holding ``index``."""
    newline = text.find("\n", index)
    return len(text) if newline < 0 else newline + 1


def _content_end(text: str, node: Any) -> int:
    """Where a node's own text ends (not the blank lines and comments after it)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    if isinstance(node, MappingNode | SequenceNode) and not node.flow_style and node.value:
        last = node.value[-1]
        return _content_end(text, last[1] if isinstance(node, MappingNode) else last)
    return len(text[: node.end_mark.index].rstrip(" \t\r\n"))


def _dash_column(text: str, item: Any) -> int:
    dash = text.rfind("-", 0, item.start_mark.index)
    return _column(text, dash)


def _sequence_offset(text: str, root: Any) -> int:
    """How far the file indents a block sequence's dash past its key (usually 2 or 0)."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    seen: Counter[int] = Counter()
    stack = [root]
    while stack:
        node = stack.pop()
        if isinstance(node, MappingNode):
            for key, value in node.value:
                if isinstance(value, SequenceNode) and not value.flow_style and value.value:
                    seen[_dash_column(text, value.value[0]) - key.start_mark.column] += 1
                stack.append(value)
        elif isinstance(node, SequenceNode):
            stack.extend(node.value)
    return seen.most_common(1)[0][0] if seen else 2


def _target_nodes(root: Any) -> dict[str, Any]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    if not isinstance(root, MappingNode):
        raise SpliceError("top level is not a mapping")
    for key, value in root.value:
        if key.value == "targets" and isinstance(value, SequenceNode):
            found: dict[str, Any] = {}
            for item in value.value:
                if not isinstance(item, MappingNode):
                    continue
                for k, v in item.value:
                    if k.value == "id" and isinstance(v, ScalarNode):
                        found[str(v.value)] = item
            return found
    raise SpliceError("no targets list")


def splice(text: str, entries: Sequence[Entry]) -> str:
    """``text`` with each entry added at the end of its target's ``actuals`` list."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    newline = "\r\n" if "\r\n" in text else "\n"
    root = _yaml().compose(text)
    nodes = _target_nodes(root)
    offset = _sequence_offset(text, root)
    by_target: dict[str, list[Entry]] = {}
    for entry in entries:
        by_target.setdefault(entry.target, []).append(entry)
    edits: list[tuple[int, str]] = []  # (index, text to insert there)
    for target_id, new in by_target.items():
        item = nodes.get(target_id)
        if item is None:
            raise SpliceError(f"target {target_id} not found")
        items = [entry_text(e) for e in sorted(new, key=lambda e: e.day)]
        actuals = next((v for k, v in item.value if k.value == "actuals"), None)
        if isinstance(actuals, SequenceNode) and actuals.value and not actuals.flow_style:
            dash = _dash_column(text, actuals.value[-1])
            at = _line_end(text, _content_end(text, actuals))
            lines = "".join(" " * dash + "- " + line + newline for line in items)
            edits.append((at, lines if text[at - 1 : at] == "\n" else newline + lines))
        elif isinstance(actuals, SequenceNode):  # a flow sequence: [] or [{…}, …]
            close = actuals.end_mark.index - 1
            if text[close] != "]":
                raise SpliceError("unexpected flow sequence")
            edits.append((close, (", " if actuals.value else "") + ", ".join(items)))
        elif actuals is not None and not (isinstance(actuals, ScalarNode) and actuals.value == ""):
            raise SpliceError(f"actuals of {target_id} is not a list")
        elif item.flow_style:
            close = item.end_mark.index - 1
            if actuals is not None or text[close] != "}":
                raise SpliceError("unexpected flow mapping")
            edits.append((close, ", actuals: [" + ", ".join(items) + "]"))
        else:
            key_column = item.value[0][0].start_mark.column
            dash = key_column + offset
            body = "".join(" " * dash + "- " + line + newline for line in items)
            if actuals is not None:  # "actuals:" with nothing after it
                at = _line_end(
                    text, _content_end(text, next(k for k, _ in item.value if k.value == "actuals"))
                )
            else:
                body = " " * key_column + "actuals:" + newline + body
                at = _line_end(text, _content_end(text, item))
            edits.append((at, body if text[at - 1 : at] == "\n" else newline + body))
    for at, insert in sorted(edits, reverse=True):
        text = text[:at] + insert + text[at:]
    if not isinstance(root, MappingNode):  # pragma: no cover - _target_nodes checked it
        raise SpliceError("top level is not a mapping")
    return text
