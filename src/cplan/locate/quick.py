"""The quick path of :func:`cplan.locate.locate`: an ordinary plan in one tight loop.

Almost every plan file is plain YAML: mappings, lists and untagged scalars, no anchors,
aliases, merge keys, tags, duplicate keys or second documents, and no syntax error. For
such a file :func:`quick_build` builds the same data as the careful builder
(:class:`cplan.locate._Builder`) in a third of the time: one loop over the parser's events
with everything in local variables, no method call per event, and positions recorded only
under the top-level sections asked for (every one when ``sections`` is None).

Whenever the file is not ordinary, :func:`quick_build` gives up and returns None, and the
careful builder reads the file again and reports what it finds, at its position. The
quick path therefore never reports anything: a file it accepts is one the careful builder
accepts too, with the same data and the same positions (the tests check every fixture
both ways, with libyaml and with PyYAML's pure-Python parser).
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import yaml

from cplan.diagnostics import Span
from cplan.locate.scalars import MAX_DEPTH, MAX_NODES, MAYBE_TYPED, Path, resolve_scalar

_SCALAR = yaml.ScalarEvent
_MAPPING_START = yaml.MappingStartEvent
_SEQUENCE_START = yaml.SequenceStartEvent
_ENDS = (yaml.MappingEndEvent, yaml.SequenceEndEvent)
_DOCUMENT_START = yaml.DocumentStartEvent
_ALIAS = yaml.AliasEvent


@dataclass
class Quick:
    """What the quick path built: the data, and the positions it recorded."""

    data: dict[str, Any]
    values: dict[Path, Span]
    keys: dict[Path, Span]


def _span(start: Any, end: Any) -> Span:
    """1-based line and column of a parser's start and end marks."""
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


class _NotOrdinary(Exception):
    """Something the careful builder must look at (and perhaps report)."""


def quick_build(
    text: str, loader: type[yaml.SafeLoader], sections: Collection[str] | None = None
) -> Quick | None:
    """The data of an ordinary plan file and the positions under ``sections``, or None.

    ``sections`` names the top-level keys whose values (and everything in them) get their
    positions recorded; the whole mapping's own position is always recorded. None records
    every position, exactly the ones the careful builder records.
    """
    try:
        parser = loader(text)  # PyYAML's own reader checks the characters here
    except yaml.YAMLError:
        return None
    try:
        return _build(parser.get_event, sections)
    except (_NotOrdinary, yaml.YAMLError):
        return None
    finally:
        parser.dispose()


def _build(next_event: Any, sections: Collection[str] | None) -> Quick | None:  # noqa: PLR0915 - one flat loop: a call per event costs a third of the time
    values: dict[Path, Span] = {}
    keys: dict[Path, Span] = {}
    # The open collections: (container, pending key, is a mapping, path, start mark).
    stack: list[tuple[Any, str | None, bool, Path, Any]] = []
    container: Any = None  # the open mapping or list, None at the top
    key: str | None = None  # in a mapping: the key read, waiting for its value
    in_mapping = False
    path: Path = ()
    record = sections is None  # whether positions are being recorded where we are
    root: Any = None
    nodes = documents = 0
    while (event := next_event()) is not None:
        kind = event.__class__
        if kind is _SCALAR:
            if event.tag is not None or event.anchor is not None:
                raise _NotOrdinary
            nodes += 1
            value = event.value
            # most values are text (社区, 居民满意度, quoted values) and are kept as they are
            if (not value or value[0] in MAYBE_TYPED) and event.implicit[0] and not event.style:
                value = resolve_scalar(value, None, True)
            if in_mapping:
                if key is None:  # this scalar is a key
                    key = "" if value is None else str(value)
                    if key in container or key == "<<":
                        raise _NotOrdinary  # a duplicate key or a merge
                    if len(stack) == 1:  # a top-level key: are its positions wanted?
                        record = sections is None or key in sections
                    if record:
                        keys[(*path, key)] = _span(event.start_mark, event.end_mark)
                    continue
                container[key] = value
                if record:
                    values[(*path, key)] = _span(event.start_mark, event.end_mark)
                key = None
            elif container is not None:
                if record:
                    values[(*path, len(container))] = _span(event.start_mark, event.end_mark)
                container.append(value)
            else:
                root = value
        elif kind is _MAPPING_START or kind is _SEQUENCE_START:
            if event.tag is not None or event.anchor is not None:
                raise _NotOrdinary
            nodes += 1
            if len(stack) >= MAX_DEPTH:
                raise _NotOrdinary
            if in_mapping:
                if key is None:
                    raise _NotOrdinary  # a mapping or list used as a key
                inner: Path = (*path, key)
            elif container is not None:
                inner = (*path, len(container))
            else:
                inner = ()
            stack.append((container, key, in_mapping, path, event.start_mark))
            container = {} if kind is _MAPPING_START else []
            key, in_mapping, path = None, kind is _MAPPING_START, inner
        elif kind in _ENDS:
            done, inner = container, path
            container, key, in_mapping, path, start = stack.pop()
            if record or not stack:
                values[inner] = _span(start, event.end_mark)
            if in_mapping:
                container[key] = done
                key = None
            elif container is not None:
                container.append(done)
            else:
                root = done
        elif kind is _ALIAS:
            raise _NotOrdinary
        elif kind is _DOCUMENT_START:
            documents += 1
            if documents > 1:
                raise _NotOrdinary
        if nodes > MAX_NODES:
            raise _NotOrdinary
    if not isinstance(root, dict):
        return None  # empty, a list or a single value: the careful builder says which
    return Quick(root, values, keys)
