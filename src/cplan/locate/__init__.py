"""Room 2 of the pipeline: text → plain data, and a map from each data path to its position.

The YAML is parsed by libyaml (through PyYAML's C parser) as a stream of events, and the
data is built here, iteratively. Building it ourselves is what makes the checker both
safe and precise:

* nothing is ever constructed from a tag: ``!!python/...`` and custom tags are refused;
* every value's start and end are kept, keyed by its path (``("targets", 0, "name")``);
* duplicate keys, multiple documents, aliases that expand too far and nesting that runs
  too deep are reported as diagnostics instead of crashing or hanging;
* scalars follow the YAML 1.2 core schema, except that every non-integer number becomes an
  exact :class:`~decimal.Decimal` (money is never a binary float) and dates stay text
  (the model reads officer-style dates such as ``2024年4月中旬`` itself).

Two builders share that work. The quick one (:mod:`cplan.locate.quick`) reads the
ordinary file, which is nearly every file, in one tight loop and records positions only
where they are asked for; it gives up at the first thing out of the ordinary. The careful
one, :class:`_Builder`, then reads the file again, one method per kind of event, and
turns every problem into a diagnostic at its position. Positions that were not recorded
are worked out from the text the first time one of them is asked for
(:meth:`Located.span_of`), which happens only for a file with findings.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass, field
from typing import Any

import yaml

from cplan.diagnostics import FILE_START, Diagnostic, Severity, Span
from cplan.locate.mistakes import diagnose, key_mistake
from cplan.locate.quick import quick_build
from cplan.locate.scalars import CORE as _CORE
from cplan.locate.scalars import MAX_DEPTH, MAX_NODES, Path, resolve_scalar

_ALLOWED_TAGS = {f"{_CORE}{name}" for name in ("str", "int", "float", "bool", "null")}
_COLLECTION_TAGS = {f"{_CORE}map", f"{_CORE}seq", f"{_CORE}omap"}


class Located:
    """A plan file's data and where each piece of it stands in the text.

    ``values`` maps each data path to its value's span, ``keys`` each mapping entry's path
    to its key's span. Positions may be known only under some top-level sections (those
    :func:`locate` was asked for, ``sections``): the first question about any other place
    works out every position, from the text, once.
    """

    def __init__(
        self,
        data: Any,
        values: dict[Path, Span] | None = None,
        keys: dict[Path, Span] | None = None,
        *,
        sections: Collection[str] | None = None,
        text: str = "",
        loader: type[yaml.SafeLoader] | None = None,
    ) -> None:
        self.data = data
        self._values = values if values is not None else {}
        self._keys = keys if keys is not None else {}
        self._sections = sections  # None: every position is known
        self._text = text
        self._loader = loader

    @property
    def values(self) -> dict[Path, Span]:
        """Every value's span, by path."""
        self._know_all()
        return self._values

    @property
    def keys(self) -> dict[Path, Span]:
        """Every mapping key's span, by the path of its entry."""
        self._know_all()
        return self._keys

    def _know_all(self) -> None:
        if self._sections is None:
            return
        assert self._loader is not None
        found = quick_build(self._text, self._loader)
        assert found is not None  # the same text was read the same way a moment ago
        self._values, self._keys, self._sections = found.values, found.keys, None

    def span_of(self, path: Path, *, key: bool = False) -> Span:
        """The position of ``path``'s value (or key); falls back to its nearest located parent."""
        if self._sections is not None and path and path[0] not in self._sections:
            self._know_all()
        if key and path in self._keys:
            return self._keys[path]
        probe = tuple(path)
        while probe:
            if probe in self._values:
                return self._values[probe]
            probe = probe[:-1]
        return self._values.get((), FILE_START)


class LocateFailure(Exception):
    """The text is not a YAML document we can read; carries the diagnostics."""

    def __init__(self, diagnostics: list[Diagnostic]) -> None:
        super().__init__(diagnostics[0].key if diagnostics else "locate")
        self.diagnostics = diagnostics


def _span(event: yaml.Event) -> Span:
    start, end = event.start_mark, event.end_mark
    assert start is not None  # libyaml marks every event
    assert end is not None
    return Span(start.line + 1, start.column + 1, end.line + 1, end.column + 1)


@dataclass
class _Frame:
    path: Path
    container: dict[str, Any] | list[Any]
    span: Span
    anchor: str | None
    nodes: int = 1
    first_recorded: int = 0
    pending_key: str | None = None
    pending_key_span: Span | None = None
    merged: set[str] = field(default_factory=set)


@dataclass
class _Anchor:
    value: Any
    nodes: int
    inner: dict[Path, Span]


class _Builder:
    def __init__(self, display: str) -> None:
        self.display = display
        self.located = Located(None)
        self.diagnostics: list[Diagnostic] = []
        self.stack: list[_Frame] = []
        self.anchors: dict[str, _Anchor] = {}
        self.open_anchors: set[str] = set()
        self.recorded: list[Path] = []
        self.nodes = 0
        self.documents = 0

    def _record(self, path: Path, span: Span) -> None:
        if path not in self.located.values:
            self.located.values[path] = span
            self.recorded.append(path)

    def error(self, span: Span, code: str, msg: str, **args: object) -> None:
        self.diagnostics.append(Diagnostic(self.display, span, code, Severity.ERROR, msg, args))

    def fatal(self, span: Span, code: str, msg: str, **args: object) -> LocateFailure:
        self.error(span, code, msg, **args)
        return LocateFailure(self.diagnostics)

    # -- where the next value goes -------------------------------------------------
    def _child_path(self) -> Path | None:
        if not self.stack:
            return ()
        top = self.stack[-1]
        if isinstance(top.container, list):
            return (*top.path, len(top.container))
        if top.pending_key is None:
            return None  # this node is a key
        return (*top.path, top.pending_key)

    def _count(self, n: int, span: Span) -> None:
        self.nodes += n
        if self.nodes > MAX_NODES:
            raise self.fatal(span, "CP013", "locate.too_many_nodes", limit=f"{MAX_NODES:,}")

    def _check_tag(
        self, tag: str | None, span: Span, allowed: set[str], text: str | None = None
    ) -> None:
        if tag is not None and tag != "!" and tag not in allowed:
            if text is not None and tag.startswith("!") and not tag.startswith("!!"):
                # ``备注: !重要 事项``: text that happens to start with ``!``
                fixed = f'"{tag} {text}"' if '"' not in text else f"'{tag} {text}'"
                self.error(span, "CP012", "locate.tag_text", tag=tag, fixed=fixed)
                return
            self.error(span, "CP012", "locate.tag_refused", tag=tag)

    def _attach(self, value: Any, span: Span, nodes: int, alias_of: _Anchor | None = None) -> None:
        path = self._child_path()
        if path is None:
            self._add_key(value, span)
            return
        self._record(path, span)
        if alias_of is not None:
            for sub, sub_span in alias_of.inner.items():
                self._record((*path, *sub), sub_span)
        if not self.stack:
            self.located.data = value
            return
        top = self.stack[-1]
        top.nodes += nodes
        if isinstance(top.container, list):
            top.container.append(value)
            return
        key, key_span = top.pending_key, top.pending_key_span
        top.pending_key = top.pending_key_span = None
        assert key is not None
        assert key_span is not None
        if key == "<<":
            self._merge(top, value, span)
            return
        if key in top.container and key not in top.merged:
            first = self.located.keys.get((*top.path, key))
            in_item = bool(top.path) and isinstance(top.path[-1], int)
            self.error(
                key_span,
                "CP011",
                "locate.duplicate_key.item" if in_item else "locate.duplicate_key",
                key=key,
                first_line=first.line if first else "?",
            )
        top.merged.discard(key)
        top.container[key] = value
        self.located.keys[(*top.path, key)] = key_span

    def _add_key(self, value: Any, span: Span) -> None:
        top = self.stack[-1]
        if isinstance(value, (dict, list)):
            self.error(span, "CP010", "locate.complex_key")
            value = "?"
        top.pending_key = "" if value is None else str(value)
        top.pending_key_span = span

    def _merge(self, top: _Frame, value: Any, span: Span) -> None:
        sources = value if isinstance(value, list) else [value]
        assert isinstance(top.container, dict)
        for source in sources:
            if not isinstance(source, dict):
                self.error(span, "CP010", "locate.bad_merge")
                continue
            for key, item in source.items():
                if key not in top.container:
                    top.container[key] = item
                    top.merged.add(key)
                    origin = self.located.values.get((*top.path, "<<", key), span)
                    self._record((*top.path, key), origin)
                    self.located.keys.setdefault((*top.path, key), origin)

    # -- events ----------------------------------------------------------------------
    def feed(self, event: yaml.Event) -> None:
        span = _span(event)
        kind = type(event)
        if kind is yaml.ScalarEvent:  # most events: test for them first
            assert isinstance(event, yaml.ScalarEvent)
            self.nodes += 1
            if self.nodes > MAX_NODES:
                self._count(0, span)
            if event.tag is not None:
                self._check_tag(event.tag, span, _ALLOWED_TAGS, event.value)
            plain = bool(event.implicit[0]) and not event.style
            value = resolve_scalar(event.value, event.tag, plain)
            if event.anchor:
                self._register_anchor(event.anchor, value, 1, {})
            self._attach(value, span, 1)
        elif kind is yaml.MappingStartEvent or kind is yaml.SequenceStartEvent:
            assert isinstance(event, yaml.CollectionStartEvent)
            self._count(1, span)
            if event.tag is not None:
                self._check_tag(event.tag, span, _COLLECTION_TAGS)
            if len(self.stack) >= MAX_DEPTH:
                raise self.fatal(span, "CP014", "locate.too_deep", limit=MAX_DEPTH)
            path = self._child_path()
            if path is None:  # a collection used as a key
                path = (*self.stack[-1].path, "?")
            container: dict[str, Any] | list[Any] = {} if kind is yaml.MappingStartEvent else []
            if event.anchor:
                self.open_anchors.add(event.anchor)
            self.stack.append(
                _Frame(path, container, span, event.anchor, first_recorded=len(self.recorded))
            )
        elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
            frame = self.stack.pop()
            full = Span(frame.span.line, frame.span.col, span.end_line, span.end_col)
            if frame.anchor:
                self.open_anchors.discard(frame.anchor)
                prefix = len(frame.path)
                inner = {
                    p[prefix:]: self.located.values[p]
                    for p in self.recorded[frame.first_recorded :]
                }
                self._register_anchor(frame.anchor, frame.container, frame.nodes, inner)
            self._attach(frame.container, full, frame.nodes)
        elif kind is yaml.AliasEvent:
            assert isinstance(event, yaml.AliasEvent)
            anchor = self.anchors.get(event.anchor or "")
            if anchor is None:
                key = (
                    "locate.recursive_alias"
                    if event.anchor in self.open_anchors
                    else "locate.undefined_alias"
                )
                raise self.fatal(span, "CP013", key, anchor=event.anchor)
            self._count(anchor.nodes, span)
            self._attach(anchor.value, span, anchor.nodes, anchor)
        elif kind is yaml.DocumentStartEvent:
            self.documents += 1
            if self.documents > 1:
                raise self.fatal(span, "CP016", "locate.many_documents")

    def _register_anchor(
        self, name: str | None, value: Any, nodes: int, inner: dict[Path, Span]
    ) -> None:
        if name:
            self.anchors[name] = _Anchor(value, nodes, inner)


def _syntax_diagnostic(error: yaml.MarkedYAMLError, text: str) -> tuple[Span, str, dict[str, Any]]:
    """Where a YAML mistake really is, and which message explains it with its fix.

    The parser's marks say where it stopped; :func:`cplan.locate.mistakes.diagnose` looks
    back in the text for the cause. Without one, the message points at the parser's mark.
    """
    problem, context = error.problem or "", error.context or ""
    mark = error.problem_mark or error.context_mark
    args: dict[str, Any] = {"problem": problem, "context": context}
    found = diagnose(
        text,
        problem,
        context,
        (mark.line, mark.column) if mark is not None else None,
        (error.context_mark.line, error.context_mark.column) if error.context_mark else None,
    )
    if found is not None:
        return Span.point(found.line, found.col), found.key, {**args, **found.args}
    span = Span.point(mark.line + 1, mark.column + 1) if mark else FILE_START
    return span, "locate.syntax", args


#: What YAML counts as a line break (libyaml's marks count them all the same way).
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")


def _position_in_text(text: str, index: int) -> Span:
    """1-based line and column of ``text[index]``, counting lines as YAML does."""
    breaks = list(_LINE_BREAK.finditer(text, 0, index))
    line_start = breaks[-1].end() if breaks else 0
    return Span.point(len(breaks) + 1, index - line_start + 1)


#: libyaml's parser (C, fast) where PyYAML was built with it, else PyYAML's own.
FAST_LOADER: type[yaml.SafeLoader] = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


#: What libyaml (0.2.5 and newer, as bundled in PyYAML 6.0.3+) says when it meets nesting
#: deeper than its own limit (1,000 levels). It can say so before cplan's builder has seen
#: a single event, because its scanner reads a whole line of ``[[[[`` ahead.
_PARSER_DEPTH_LIMIT = "maximum nesting depth"


def _own_depth_failure(text: str, exc: yaml.MarkedYAMLError, display: str) -> LocateFailure:
    """cplan's own CP014, at cplan's own position, whatever libyaml's depth limit is.

    libyaml stopped at its own limit, far deeper than :data:`MAX_DEPTH`. Everything before
    the point where it stopped is short (at most one line of brackets), so PyYAML's own
    parser reads that prefix and the builder stops at ``MAX_DEPTH``, exactly where it
    stops when libyaml lets the events through.
    """
    mark = exc.problem_mark or exc.context_mark
    end = len(text)
    if mark is not None:  # line and column count characters, whichever parser made them
        breaks = list(_LINE_BREAK.finditer(text))
        line_start = breaks[mark.line - 1].end() if 0 < mark.line <= len(breaks) else 0
        end = min(len(text), line_start + mark.column)
    try:
        locate(text[:end], display, loader=yaml.SafeLoader)
    except LocateFailure as failure:
        if any(d.code == "CP014" for d in failure.diagnostics):
            return failure
    span = Span.point(mark.line + 1, mark.column + 1) if mark else FILE_START
    builder = _Builder(display)
    return builder.fatal(span, "CP014", "locate.too_deep", limit=MAX_DEPTH)


def locate(
    text: str,
    display: str,
    loader: type[yaml.SafeLoader] = FAST_LOADER,
    *,
    sections: Collection[str] | None = None,
    quick: bool = True,
) -> Located:
    """Parse ``text`` into data and positions, or raise :class:`LocateFailure`.

    ``loader`` chooses the YAML parser that produces the events: libyaml by default;
    PyYAML's pure-Python parser gives the same diagnostics (the tests check it).
    ``sections`` names the top-level keys whose positions are recorded while reading
    (None: all of them); any other position is worked out when first asked for.

    An ordinary file is read by the quick path (:mod:`cplan.locate.quick`); any other
    (anchors, tags, merge keys, duplicate keys, mistakes of any kind) by the careful
    builder, which reports what it finds. ``quick=False`` reads every file carefully:
    the tests compare both ways.
    """
    ordinary = quick_build(text, loader, sections) if quick else None
    if ordinary is not None:
        return Located(
            ordinary.data,
            ordinary.values,
            ordinary.keys,
            sections=sections,
            text=text,
            loader=loader,
        )
    builder = _Builder(display)
    try:
        for event in yaml.parse(text, Loader=loader):
            builder.feed(event)
    except yaml.MarkedYAMLError as exc:
        if _PARSER_DEPTH_LIMIT in (exc.problem or "") and loader is not yaml.SafeLoader:
            raise _own_depth_failure(text, exc, display) from None
        span, msg, args = _syntax_diagnostic(exc, text)
        raise builder.fatal(span, "CP010", msg, **args) from None
    except yaml.reader.ReaderError as exc:
        index = exc.position
        if loader is not yaml.SafeLoader and hasattr(yaml, "CSafeLoader"):
            # libyaml reads UTF-8 and counts bytes; the pure-Python reader counts characters
            index = len(text.encode("utf-8")[: exc.position].decode("utf-8", errors="ignore"))
        span = _position_in_text(text, index)
        raise builder.fatal(
            span, "CP010", "locate.control_char", char=f"U+{exc.character:04X}"
        ) from None
    except yaml.YAMLError as exc:
        raise builder.fatal(
            FILE_START, "CP010", "locate.syntax", problem=str(exc), context=""
        ) from None
    located = builder.located
    if builder.diagnostics:
        raise LocateFailure(builder.diagnostics)
    if located.data is None:
        raise builder.fatal(FILE_START, "CP015", "locate.empty")
    if not isinstance(located.data, dict):
        if isinstance(located.data, str) and (found := key_mistake(text)) is not None:
            # ``title：示例`` on every line reads as one long text: say why
            raise builder.fatal(Span.point(found.line, found.col), "CP010", found.key, **found.args)
        raise builder.fatal(
            located.values.get((), FILE_START),
            "CP015",
            "locate.not_mapping",
            kind="列表" if isinstance(located.data, list) else "单个值",
            kind_en="a list" if isinstance(located.data, list) else "a single value",
        )
    return located
