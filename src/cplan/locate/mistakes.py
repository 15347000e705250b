"""Why a YAML file does not parse, said the way an officer can act on it.

libyaml notices a mistake where it can no longer go on, which is often a line or more
after the mistake itself: a full-width colon in ``name：居民满意度`` on line 45 is noticed
at 46:5 (``could not find expected ':'``). :func:`diagnose` looks back from that point in
the text for the real cause (full-width punctuation, a missing space after a colon, an
indentation that matches no sibling, an unquoted value that starts with a special
character, an unclosed quote or bracket, a list item without ``- ``...) and names it, at
its own line and column, with a message key of the catalogue and the arguments to show
the fix (usually the officer's line, corrected).

Only the error path runs this code. It reads the text, the parser's marks and the
*category* of the error (from the parser's context text, which libyaml and PyYAML's
pure-Python parser word alike); it never depends on the exact English problem text, which
differs between the two, so both parsers give the same diagnosis.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

#: What YAML counts as a line break.
_LINE_BREAK = re.compile("\r\n|[\n\r\x85\u2028\u2029]")

#: Characters that cannot start a plain value (YAML indicators).
_SPECIAL_START = frozenset("%@`&*!|>'\"[]{}")
_FULLWIDTH_SPACE = "\u3000"
#: Line breaks for YAML that no editor shows as one: pasted from web pages and documents.
_ODD_BREAKS = frozenset("\x85\u2028\u2029")
_FULLWIDTH_COLON = "："
_FULLWIDTH_CLOSERS = {"｝": "}", "］": "]", "】": "]", "）": ")"}
_FULLWIDTH_OPENERS = {"｛": "{", "［": "[", "【": "[", "（": "("}
_PAIRS = {"[": "]", "{": "}"}
#: A key as officers write it: ASCII words, or Chinese (负责单位), before a colon.
_KEYLIKE = re.compile(r"^[A-Za-z_\u4e00-\u9fff][\w\-\u4e00-\u9fff]{0,40}$")


@dataclass(frozen=True)
class Mistake:
    """A diagnosed mistake: where (1-based), which message, and its arguments."""

    line: int
    col: int
    key: str
    args: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class _Shape:
    """One line of the text, read the way a person reads a YAML line."""

    number: int  # 0-based
    text: str
    lead: str  # leading spaces, tabs and full-width spaces
    col: int  # 0-based column of the first character after ``lead``
    dash_cols: tuple[int, ...]  # columns of the ``- `` prefixes
    item_col: int  # column of the content after the dashes
    body: str  # the content after the dashes, comment kept
    key: str | None  # the key, for ``key: value`` or ``key:``
    colon: int  # 0-based column of the key's colon (-1 without key)
    value: str  # the value after ``key: `` (or the body without key), comment cut
    value_col: int  # 0-based column of the value

    @property
    def blank(self) -> bool:
        return not self.body or self.body.startswith("#")

    @property
    def spaces(self) -> int:
        """How many columns the line is indented by (spaces and anything else)."""
        return self.col


def _cut_comment(value: str) -> str:
    if value[:1] in ("'", '"'):
        return value.rstrip()
    hit = re.search(r"\s#", value)
    return (value[: hit.start()] if hit else value).rstrip()


def _find_colon(body: str) -> int:
    """Index of the key's colon in ``body`` (``key: v`` or ``key:``), or -1."""
    start = 0
    if body[:1] in ("'", '"'):
        close = body.find(body[0], 1)
        if close < 0:
            return -1
        start = close + 1
    elif body[:1] in ("[", "{", "#"):
        return -1
    for match in re.finditer(":", body[start:]):
        at = start + match.start()
        after = body[at + 1 : at + 2]
        if after in ("", " ", "\t"):
            if re.search(r"\s#", body[:at]):
                return -1  # the colon is in a comment
            return at
    return -1


def _shape(number: int, text: str) -> _Shape:
    lead_len = len(text) - len(text.lstrip(" \t\u3000"))
    lead = text[:lead_len]
    pos = lead_len
    dashes: list[int] = []
    while text[pos : pos + 1] == "-" and text[pos + 1 : pos + 2] in ("", " ", "\t"):
        dashes.append(pos)
        pos += 1
        while text[pos : pos + 1] in (" ", "\t"):
            pos += 1
    body = text[pos:]
    colon = _find_colon(body)
    if colon >= 0:
        key: str | None = body[:colon].strip()
        rest = body[colon + 1 :]
        value = rest.lstrip(" \t")
        value_col = pos + colon + 1 + (len(rest) - len(value))
    else:
        key, value, value_col = None, body, pos
    return _Shape(
        number,
        text,
        lead,
        lead_len,
        tuple(dashes),
        pos,
        body,
        key,
        pos + colon if colon >= 0 else -1,
        _cut_comment(value),
        value_col,
    )


class _Text:
    """The lines of a text, shaped on demand."""

    def __init__(self, text: str) -> None:
        self.lines = _LINE_BREAK.split(text)
        self.breaks = [match.group() for match in _LINE_BREAK.finditer(text)]
        self._shapes: dict[int, _Shape] = {}

    def shape(self, number: int) -> _Shape:
        if number not in self._shapes:
            line = self.lines[number] if 0 <= number < len(self.lines) else ""
            self._shapes[number] = _shape(number, line)
        return self._shapes[number]

    def odd_break(self, line: int) -> Mistake | None:
        """An invisible line separator (U+2028, ...) that ends the line before ``line``."""
        if 0 < line <= len(self.breaks) and self.breaks[line - 1] in _ODD_BREAKS:
            char = f"U+{ord(self.breaks[line - 1]):04X}"
            return _mistake(line - 1, len(self.lines[line - 1]), "locate.line_separator", char=char)
        return None

    def char(self, line: int, col: int) -> str:
        if 0 <= line < len(self.lines):
            return self.lines[line][col : col + 1]
        return ""

    def previous(self, number: int) -> _Shape | None:
        """The nearest line before ``number`` that is neither blank nor a comment."""
        for probe in range(min(number, len(self.lines)) - 1, -1, -1):
            shape = self.shape(probe)
            if not shape.blank:
                return shape
        return None


def _mistake(shape_or_line: _Shape | int, col: int, message: str, **args: Any) -> Mistake:
    line = shape_or_line.number if isinstance(shape_or_line, _Shape) else shape_or_line
    return Mistake(line + 1, col + 1, message, args)


def _quoted(value: str) -> str:
    """``value`` in the quotes that need no escaping."""
    if '"' not in value and "\\" not in value:
        return f'"{value}"'
    return "'" + value.replace("'", "''") + "'"


def _with_value(shape: _Shape, value: str) -> str:
    """The line's content (without indentation) with its value replaced."""
    dashes = "- " * len(shape.dash_cols)
    if shape.key is not None:
        return f"{dashes}{shape.key}: {value}"
    return f"{dashes}{value}"


# -- what a single line can get wrong ---------------------------------------------------


def _lead_mistake(shape: _Shape) -> Mistake | None:
    """A tab or a full-width space in the indentation."""
    for col, char in enumerate(shape.lead):
        if char == "\t":
            return _mistake(shape, col, "locate.tab")
        if char == _FULLWIDTH_SPACE:
            return _mistake(shape, col, "locate.fullwidth_space")
    return None


def _key_colon_mistake(shape: _Shape) -> Mistake | None:
    """``name：值``, ``name:值`` or ``name:　值`` where ``name: 值`` was meant."""
    if shape.key is not None or shape.body[:1] in _SPECIAL_START:
        return None
    body, base = shape.body, shape.item_col
    for match in re.finditer(f"[:{_FULLWIDTH_COLON}]", body):
        at = match.start()
        key = body[:at].strip()
        if not _KEYLIKE.match(key):
            return None
        value = body[at + 1 :].lstrip(" \t\u3000")
        fixed = ("- " * len(shape.dash_cols)) + f"{key}: {_cut_comment(value)}"
        if match.group() == _FULLWIDTH_COLON:
            return _mistake(shape, base + at, "locate.fullwidth_colon", fixed=fixed)
        after = body[at + 1 : at + 2]
        if after == _FULLWIDTH_SPACE:
            return _mistake(shape, base + at + 1, "locate.colon_fullwidth_space", fixed=fixed)
        if after == "/" and body[at + 1 : at + 3] == "//":
            return None  # a web address
        return _mistake(shape, base + at, "locate.colon_space", fixed=fixed)
    return None


def _unclosed_quote(shape: _Shape) -> Mistake | None:
    """A value that opens a quote and does not close it on its line."""
    value = shape.value
    quote = value[:1]
    if quote not in ("'", '"'):
        return None
    rest = value[1:]
    if quote == '"':
        closed = re.search(r'(?<!\\)(?:\\\\)*"', rest) is not None
    else:
        closed = "'" in rest.replace("''", "")
    if closed:
        return None
    return _mistake(shape, shape.value_col, "locate.unclosed_quote", quote=quote)


#: How far back an unclosed quote is looked for.
_QUOTE_LOOKBACK = 200


def _closing(source: str, quote: str) -> int:
    """Index in ``source`` (the text after an opening quote) of the closing quote, or -1."""
    at = 0
    while True:
        at = source.find(quote, at)
        if at < 0:
            return -1
        if quote == "'" and source[at + 1 : at + 2] == "'":
            at += 2  # '' is a quote inside single quotes
            continue
        if quote == '"':
            backslashes = len(source[:at]) - len(source[:at].rstrip("\\"))
            if backslashes % 2:
                at += 1
                continue
        return at


def _swallowing_quote(text: _Text, line: int) -> Mistake | None:
    """An unclosed quote on an earlier line whose value runs on to ``line``.

    ``name: "居民满意度`` is closed only by the first quote of a later line (``unit: "%"``),
    and the parser stumbles on what follows that quote.
    """
    for probe in range(line - 1, max(-1, line - 1 - _QUOTE_LOOKBACK), -1):
        found = _unclosed_quote(text.shape(probe))
        if found is None:
            continue
        quote = found.args["quote"]
        rest = "\n".join([text.lines[probe][found.col :], *text.lines[probe + 1 : line + 1]])
        closing = _closing(rest, quote)
        closes_on = rest.count("\n", 0, closing) + probe if closing >= 0 else len(text.lines)
        return found if closes_on >= line else None
    return None


def _special_start(shape: _Shape, col: int) -> Mistake:
    """A value starting with an indicator (``%``, ``@``, ``&``, ``|``, ...) at ``col``."""
    char = shape.text[col : col + 1]
    if col == shape.value_col:
        fixed = _with_value(shape, _quoted(shape.value))
    elif shape.value[:1] in _PAIRS and col > shape.value_col:  # inside [...] or {...}
        token = re.split(r"[,\]}]", shape.text[col:], maxsplit=1)[0].rstrip()
        fixed = _quoted(token)
    else:
        fixed = _with_value(shape, _quoted(_cut_comment(shape.text[col:])))
    return _mistake(shape, col, "locate.special_start", char=char, fixed=fixed)


# -- indentation --------------------------------------------------------------------------


@dataclass(frozen=True)
class _Level:
    col: int
    shape: _Shape

    @property
    def name(self) -> str:
        shape = self.shape
        if shape.key is not None and self.col == shape.item_col:
            return shape.key
        if self.col in shape.dash_cols:
            return "-"
        return shape.body[:12]


def _open_levels(text: _Text, number: int) -> list[_Level]:
    """The indentation levels open at line ``number``: innermost first."""
    levels: list[_Level] = []
    bound = 1 << 30
    for probe in range(number - 1, -1, -1):
        shape = text.shape(probe)
        if shape.blank or (shape.col >= bound and shape.item_col >= bound):
            continue
        for col in (shape.item_col, *reversed(shape.dash_cols)):
            if col < bound:
                levels.append(_Level(col, shape))
                bound = col
        if bound == 0:
            break
    return levels


def _indent_mistake(text: _Text, shape: _Shape) -> Mistake | None:
    """The line's indentation matches no open level: say which sibling it should match."""
    levels = _open_levels(text, shape.number)
    if not levels or any(level.col == shape.col for level in levels):
        return None
    nearest = min(levels, key=lambda level: (abs(level.col - shape.col), -level.col))
    return _indent(shape, nearest)


def _indent(shape: _Shape, sibling: _Level) -> Mistake:
    return _mistake(
        shape,
        shape.col,
        "locate.indent",
        have=shape.col,
        want=sibling.col,
        sibling=sibling.name,
        sibling_line=sibling.shape.number + 1,
    )


# -- by kind of error ------------------------------------------------------------------


def _category(problem: str, context: str) -> str:
    if "tab" in problem or "cannot start any token" in problem:
        return "token"
    if "quoted scalar" in context:
        return "quote"
    if "simple key" in context:
        return "simple_key"
    if "mapping values are not allowed" in problem:
        return "mapping_value"
    if "flow" in context:
        return "flow"
    if "block collection" in context:
        return "block_sequence"
    if "block mapping" in context:
        return "block_mapping"
    if "anchor" in context or "alias" in context or "tag" in context or "block scalar" in context:
        return "indicator"
    return "other"


def _on_token(text: _Text, line: int, col: int) -> Mistake | None:
    char = text.char(line, col)
    shape = text.shape(line)
    if char == "\t":
        return _mistake(line, col, "locate.tab")
    if char == _FULLWIDTH_SPACE:
        return _mistake(line, col, "locate.fullwidth_space")
    if char in _SPECIAL_START:
        return _special_start(shape, col)
    return None


def _on_simple_key(text: _Text, line: int, col: int) -> Mistake | None:
    """A line that should be ``key: value`` (or ``- item``) but is neither."""
    shape = text.shape(line)
    found = _lead_mistake(shape) or _key_colon_mistake(shape)
    if found:
        return found
    previous = text.previous(line)
    if previous is not None:
        if previous.dash_cols and shape.col == previous.dash_cols[-1]:
            return _mistake(shape, shape.col, "locate.list_dash", fixed=f"- {shape.value}")
        if previous.key is not None and not previous.value and shape.col <= previous.col:
            fixed = _with_value(previous, shape.value)
            return _mistake(
                shape, shape.col, "locate.value_next_line", key=previous.key, fixed=fixed
            )
        found = _indent_mistake(text, shape)
        if found:
            return found
    return _mistake(shape, shape.col, "locate.no_colon")


def _scalar_start(text: _Text, line: int) -> _Shape | None:
    """The line where the multi-line plain value that runs into ``line`` starts."""
    return text.previous(line)


def _on_mapping_value(text: _Text, line: int, col: int) -> Mistake | None:
    """A ``: `` where no key can start: in a value, or on a line that continues a value."""
    shape = text.shape(line)
    if shape.key is not None and col == shape.colon:
        previous = _scalar_start(text, line)
        if previous is not None:
            found = _lead_mistake(shape) or _lead_mistake(previous) or _key_colon_mistake(previous)
            if found:
                return found
            if shape.col > previous.item_col:
                return _indent(shape, _Level(previous.item_col, previous))
        return _indent_mistake(text, shape) or _mistake(shape, shape.col, "locate.no_colon")
    if shape.value[:1] in ("“", "‘"):
        fixed = _with_value(shape, _quoted(shape.value[1:].rstrip("”’")))
        return _mistake(shape, shape.value_col, "locate.fullwidth_quote", fixed=fixed)
    return _mistake(
        shape, col, "locate.colon_in_value", fixed=_with_value(shape, _quoted(shape.value))
    )


def _on_flow(text: _Text, line: int, col: int, context: tuple[int, int] | None) -> Mistake | None:
    if context is None:
        return None
    open_line, open_col = context
    opener = text.char(open_line, open_col)
    for number in range(open_line, min(line, len(text.lines) - 1) + 1):
        source = text.lines[number]
        start = open_col if number == open_line else 0
        end = col if number == line else len(source)
        for at in range(start, end):
            char = source[at]
            if char == "，":
                return _mistake(number, at, "locate.fullwidth_comma")
            if char in _FULLWIDTH_CLOSERS:
                return _mistake(
                    number,
                    at,
                    "locate.fullwidth_bracket",
                    char=char,
                    ascii=_FULLWIDTH_CLOSERS[char],
                )
    if line > open_line and opener in _PAIRS:
        return _mistake(
            open_line, open_col, "locate.unclosed_flow", open=opener, close=_PAIRS[opener]
        )
    return _mistake(line, col, "locate.flow")


def _item_keys(text: _Text, line: int, dash_col: int) -> tuple[_Shape | None, set[str], int]:
    """The list item (at ``dash_col``) that ``line`` follows: its dash line, keys, key column."""
    keys: set[str] = set()
    key_col = -1
    for probe in range(line - 1, -1, -1):
        shape = text.shape(probe)
        if shape.blank:
            continue
        if shape.col < dash_col:
            break
        if dash_col in shape.dash_cols:
            index = shape.dash_cols.index(dash_col)
            if index == len(shape.dash_cols) - 1 and shape.key is not None:
                keys.add(shape.key)
                key_col = shape.item_col
            return shape, keys, key_col
        if shape.key is not None and not shape.dash_cols:
            keys.add(shape.key)
    return None, keys, key_col


def _on_block_sequence(
    text: _Text, line: int, col: int, context: tuple[int, int] | None
) -> Mistake | None:
    shape = text.shape(line)
    found = _lead_mistake(shape)
    if found or context is None:
        return found
    dash_col = context[1]
    item, keys, key_col = _item_keys(text, line, dash_col)
    if item is not None and shape.col == dash_col and not shape.dash_cols:
        if shape.key is not None and shape.key in keys:
            return _mistake(shape, shape.col, "locate.new_item_dash", key=shape.key)
        if shape.key is None:
            return _mistake(shape, shape.col, "locate.list_dash", fixed=f"- {shape.value}")
        for level in _open_levels(text, line):
            if level.col == key_col:  # a key of the item, dedented to its dash
                return _indent(shape, level)
    return _indent_mistake(text, shape)


def _on_block_mapping(
    text: _Text, line: int, col: int, context: tuple[int, int] | None
) -> Mistake | None:
    shape = text.shape(line)
    found = _lead_mistake(shape)
    if found:
        return found
    char = text.char(line, col)
    if col > shape.col and shape.value and col > shape.value_col:
        first = shape.value[:1]
        if first in ("'", '"'):
            return _mistake(
                shape,
                shape.value_col,
                "locate.quote_partial",
                quote=first,
                fixed=_with_value(shape, _quoted(shape.value)),
            )
        if first in ("[", "{") and char not in ("]", "}"):
            return _special_start(shape, shape.value_col)
        if char in ("]", "}"):
            return _mistake(line, col, "locate.stray_bracket", char=char)
    if col == shape.col:
        return _indent_mistake(text, shape)
    return None


def _on_indicator(text: _Text, context: tuple[int, int] | None) -> Mistake | None:
    if context is None:
        return None
    line, col = context
    if text.char(line, col) in _SPECIAL_START:
        return _special_start(text.shape(line), col)
    return None


def diagnose(
    source: str,
    problem: str,
    context: str,
    problem_mark: tuple[int, int] | None,
    context_mark: tuple[int, int] | None,
) -> Mistake | None:
    """The real cause of a YAML error, or None when it cannot be told.

    Marks are 0-based (line, column) as the parsers give them.
    """
    if problem_mark is None:
        return None
    text = _Text(source)
    line, col = problem_mark
    kind = _category(problem, context)
    found: Mistake | None = None
    for probe in sorted({line, context_mark[0] if context_mark else line}):
        if odd := text.odd_break(probe):
            return odd
    if kind not in ("quote", "indicator") and (swallowed := _swallowing_quote(text, line)):
        return swallowed
    if kind in ("block_sequence", "block_mapping") and text.char(line, col) in ("]", "}"):
        return _mistake(line, col, "locate.stray_bracket", char=text.char(line, col))
    if kind == "token":
        found = _on_token(text, line, col)
    elif kind == "quote" and context_mark is not None:
        quote = text.char(*context_mark)
        found = _mistake(context_mark[0], context_mark[1], "locate.unclosed_quote", quote=quote)
    elif kind == "simple_key" and context_mark is not None:
        found = _on_simple_key(text, context_mark[0], context_mark[1])
    elif kind == "mapping_value":
        found = _on_mapping_value(text, line, col)
    elif kind == "flow":
        found = _on_flow(text, line, col, context_mark)
    elif kind == "block_sequence":
        found = _on_block_sequence(text, line, col, context_mark)
    elif kind == "block_mapping":
        found = _on_block_mapping(text, line, col, context_mark)
    elif kind == "indicator":
        found = _on_indicator(text, context_mark)
    return found


def key_mistake(source: str) -> Mistake | None:
    """The first ``key：value`` or ``key:value`` line: why a file read as one piece of text."""
    text = _Text(source)
    for number in range(len(text.lines)):
        shape = text.shape(number)
        if shape.blank:
            continue
        found = _lead_mistake(shape) or _key_colon_mistake(shape)
        if found:
            return found
    return None
