"""Splicing new records into a plan's YAML text, changing nothing else.

Three kinds of edit: a new actual value at the end of a target's ``actuals``; a new
``received`` or ``spent`` record at the end of a budget line's list; and a task's
``done: <date>`` or ``started: <date>`` (a task written as plain text becomes a flow
mapping ``{name: …, done: 2026-05-20}`` on its own line, its name's text kept as
written).

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

from cplan.fieldwork.reading import Entry, MoneyEntry, TaskMark


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


def money_text(record: MoneyEntry) -> str:
    """``{funder: qu-caizheng, amount: 125000.00, date: 2025-03-20, unit: shitang,
    document: 江汉财〔2025〕12号}`` (a payment has no funder, and may have a note)."""
    parts = [f"funder: {_scalar(record.funder)}"] if record.funder else []
    parts += [f"amount: {format(record.amount, 'f')}", f"date: {record.day.isoformat()}"]
    if record.unit:
        parts.append(f"unit: {_scalar(record.unit)}")
    if record.document:
        parts.append(f"document: {_scalar(record.document)}")
    if record.note:
        parts.append(f"note: {_scalar(record.note)}")
    return "{" + ", ".join(parts) + "}"


def _child(node: Any, key: str) -> Any:
    from ruamel.yaml.nodes import MappingNode

    if not isinstance(node, MappingNode):
        return None
    return next((v for k, v in node.value if k.value == key), None)


def _by_id(sequence: Any) -> dict[str, Any]:
    from ruamel.yaml.nodes import MappingNode, ScalarNode, SequenceNode

    found: dict[str, Any] = {}
    if isinstance(sequence, SequenceNode):
        for item in sequence.value:
            ident = _child(item, "id") if isinstance(item, MappingNode) else None
            if isinstance(ident, ScalarNode):
                found[str(ident.value)] = item
    return found


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


def _append(
    text: str, item: Any, key: str, items: list[str], offset: int, newline: str
) -> tuple[int, int, str]:
    """The edit that adds ``items`` (flow mappings) at the end of ``item``'s list ``key``."""
    from ruamel.yaml.nodes import ScalarNode, SequenceNode

    found = _child(item, key)
    if isinstance(found, SequenceNode) and found.value and not found.flow_style:
        dash = _dash_column(text, found.value[-1])
        at = _line_end(text, _content_end(text, found))
        lines = "".join(" " * dash + "- " + line + newline for line in items)
        return (at, at, lines if text[at - 1 : at] == "\n" else newline + lines)
    if isinstance(found, SequenceNode):  # a flow sequence: [] or [{…}, …]
        close = found.end_mark.index - 1
        if text[close] != "]":
            raise SpliceError("unexpected flow sequence")
        return (close, close, (", " if found.value else "") + ", ".join(items))
    if found is not None and not (isinstance(found, ScalarNode) and found.value == ""):
        raise SpliceError(f"{key} is not a list")
    if item.flow_style:
        close = item.end_mark.index - 1
        if found is not None or text[close] != "}":
            raise SpliceError("unexpected flow mapping")
        return (close, close, f", {key}: [" + ", ".join(items) + "]")
    key_column = item.value[0][0].start_mark.column
    dash = key_column + offset
    body = "".join(" " * dash + "- " + line + newline for line in items)
    if found is not None:  # "key:" with nothing after it
        at = _line_end(text, _content_end(text, next(k for k, _ in item.value if k.value == key)))
    else:
        body = " " * key_column + f"{key}:" + newline + body
        at = _line_end(text, _content_end(text, item))
    return (at, at, body if text[at - 1 : at] == "\n" else newline + body)


def _set(text: str, node: Any, key: str, value: str, newline: str) -> tuple[int, int, str]:
    """The edit that makes ``node`` (a task: text or a mapping) hold ``key: value``."""
    from ruamel.yaml.nodes import MappingNode, ScalarNode

    if isinstance(node, ScalarNode):
        start, end = node.start_mark.index, node.end_mark.index
        return (start, end, f"{{name: {text[start:end]}, {key}: {value}}}")
    if not isinstance(node, MappingNode):
        raise SpliceError("unexpected task")
    found = _child(node, key)
    if isinstance(found, ScalarNode) and not found.style:
        start = found.start_mark.index
        return (start, max(start, _content_end(text, found)), value)
    if found is not None:
        raise SpliceError(f"{key} is not a plain value")
    if node.flow_style:
        close = node.end_mark.index - 1
        if text[close] != "}":
            raise SpliceError("unexpected flow mapping")
        return (close, close, f", {key}: {value}")
    key_column = node.value[0][0].start_mark.column
    at = _line_end(text, _content_end(text, node))
    line = " " * key_column + f"{key}: {value}" + newline
    return (at, at, line if text[at - 1 : at] == "\n" else newline + line)


def splice(
    text: str,
    entries: Sequence[Entry],
    tasks: Sequence[TaskMark] = (),
    money: Sequence[MoneyEntry] = (),
) -> str:
    """``text`` with each entry added at the end of its target's ``actuals`` list, each
    task's ``done`` or ``started`` date set, and each money record added at the end of
    its line's ``received`` or ``spent`` list."""
    from ruamel.yaml.nodes import MappingNode, SequenceNode

    newline = "\r\n" if "\r\n" in text else "\n"
    root = _yaml().compose(text)
    if not isinstance(root, MappingNode):
        raise SpliceError("top level is not a mapping")
    offset = _sequence_offset(text, root)
    edits: list[tuple[int, int, str]] = []
    if entries:
        nodes = _target_nodes(root)
        by_target: dict[str, list[Entry]] = {}
        for entry in entries:
            by_target.setdefault(entry.target, []).append(entry)
        for target_id, new in by_target.items():
            item = nodes.get(target_id)
            if item is None:
                raise SpliceError(f"target {target_id} not found")
            items = [entry_text(e) for e in sorted(new, key=lambda e: e.day)]
            edits.append(_append(text, item, "actuals", items, offset, newline))
    phases = _by_id(_child(root, "phases"))
    for mark in tasks:
        listed = _child(phases.get(mark.phase), "tasks")
        if not isinstance(listed, SequenceNode) or len(listed.value) < mark.position:
            raise SpliceError(f"task {mark.key} not found")
        node = listed.value[mark.position - 1]
        edits.append(_set(text, node, mark.state, mark.day.isoformat(), newline))
    lines = _by_id(_child(_child(root, "budget"), "lines"))
    by_list: dict[tuple[str, str], list[MoneyEntry]] = {}
    for record in money:
        by_list.setdefault((record.line, record.kind), []).append(record)
    for (line_id, kind), records in by_list.items():
        item = lines.get(line_id)
        if item is None:
            raise SpliceError(f"budget line {line_id} not found")
        items = [money_text(r) for r in records]
        edits.append(_append(text, item, kind, items, offset, newline))
    # from the end of the text back; of two edits at one place, the later one first, so
    # that they read in the order made
    for _, (start, end, insert) in sorted(
        enumerate(edits), key=lambda made: (made[1][0], made[0]), reverse=True
    ):
        text = text[:start] + insert + text[end:]
    return text
