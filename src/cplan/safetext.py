"""Text from a plan, shown safely: control, bidi and invisible characters made visible.

Everything cplan prints for people (diagnostics in every text format, messages on
standard error, the terminal tables of ``status``, ``funding`` and ``rollup``, ``diff``
as text or Markdown, what ``update`` reports) passes the text that came from a file —
plan values, keys, file names, workbook cells — through :func:`visible` first. A
terminal then never receives an escape sequence (colours, OSC 8 links, OSC 52 clipboard
writes, cursor movement) or a line break from a plan, and a reader is never shown text
reordered by a bidi override or hidden by a zero-width character: each such character
is shown as its escape, ``\\x1b``, ``\\n``, ``\\u202e``, ``\\u200b``.

Which characters: every control character (C0, DEL, C1), every format character
(Unicode category Cf: bidi embeddings, overrides and isolates, zero-width space and
joiners, the byte-order mark, soft hyphen, invisible operators, tag characters), the
line and paragraph separators (Zl, Zp), lone surrogates (Cs), and the few letters that
render as nothing (Hangul fillers, the combining grapheme joiner, Khmer inherent
vowels). ``tests/adversarial/test_ci_output.py`` checks the table against
:mod:`unicodedata`.

:func:`json_safe` does the same for JSON output without changing what it means: such
characters become ``\\uXXXX`` escapes inside the JSON strings, which every JSON reader
decodes back to the very same text.
"""

from __future__ import annotations

import re

#: (first, last) code points shown as escapes.
HIDDEN_RANGES: tuple[tuple[int, int], ...] = (
    (0x0000, 0x001F),  # C0 controls: ESC, CR, LF, BEL, backspace...
    (0x007F, 0x009F),  # DEL and the C1 controls (CSI 0x9B, OSC 0x9D, NEL 0x85)
    (0x00AD, 0x00AD),  # soft hyphen
    (0x034F, 0x034F),  # combining grapheme joiner
    (0x0600, 0x0605),
    (0x061C, 0x061C),  # Arabic letter mark
    (0x06DD, 0x06DD),
    (0x070F, 0x070F),
    (0x0890, 0x0891),
    (0x08E2, 0x08E2),
    (0x115F, 0x1160),  # Hangul fillers
    (0x17B4, 0x17B5),  # Khmer inherent vowels (invisible)
    (0x180E, 0x180E),  # Mongolian vowel separator
    (0x200B, 0x200F),  # zero-width space, non-joiner, joiner; LRM, RLM
    (0x2028, 0x202E),  # line and paragraph separators; LRE, RLE, PDF, LRO, RLO
    (0x2060, 0x2064),  # word joiner, invisible operators
    (0x2066, 0x206F),  # LRI, RLI, FSI, PDI and deprecated format characters
    (0x3164, 0x3164),  # Hangul filler
    (0xD800, 0xDFFF),  # lone surrogates
    (0xFEFF, 0xFEFF),  # byte-order mark / zero-width no-break space
    (0xFFA0, 0xFFA0),  # half-width Hangul filler
    (0xFFF9, 0xFFFB),  # interlinear annotation
    (0x110BD, 0x110BD),
    (0x110CD, 0x110CD),
    (0x13430, 0x1343F),  # Egyptian hieroglyph format controls
    (0x1BCA0, 0x1BCA3),  # shorthand format controls
    (0x1D173, 0x1D17A),  # musical symbol format controls
    (0xE0001, 0xE0001),  # language tag
    (0xE0020, 0xE007F),  # tag characters
)


def _char_class(ranges: tuple[tuple[int, int], ...]) -> str:
    parts = []
    for first, last in ranges:
        parts.append(re.escape(chr(first)))
        if last != first:
            parts.append("-" + re.escape(chr(last)))
    return "[" + "".join(parts) + "]"


_HIDDEN = re.compile(_char_class(HIDDEN_RANGES))
#: The same without C0 controls: in a JSON document those are its own line breaks and
#: indentation (``json.dumps`` escapes every one inside a string).
_HIDDEN_IN_JSON = re.compile(_char_class(HIDDEN_RANGES[1:]))

_SHORT = {"\n": "\\n", "\r": "\\r", "\t": "\\t"}


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHORT:
        return _SHORT[char]
    point = ord(char)
    if point < 0x100:
        return f"\\x{point:02x}"
    if point < 0x10000:
        return f"\\u{point:04x}"
    return f"\\U{point:08x}"


def visible(text: str) -> str:
    """``text`` with every control, bidi and invisible character shown as its escape.

    ``"\\x1b[31m"`` (the escape character) becomes ``\\x1b[31m`` (a backslash and
    letters); a newline ``\\n``, a right-to-left override ``\\u202e``. Printable text,
    Chinese included, is unchanged; applying it twice changes nothing more.
    """
    if _HIDDEN.search(text) is None:
        return text
    return _HIDDEN.sub(_escape, text)


def has_hidden(text: str) -> bool:
    """Whether ``text`` holds a character that :func:`visible` would escape."""
    return _HIDDEN.search(text) is not None


def _json_escape(match: re.Match[str]) -> str:
    point = ord(match.group())
    if point < 0x10000:
        return f"\\u{point:04x}"
    point -= 0x10000  # a UTF-16 surrogate pair, as JSON writes characters beyond the BMP
    return f"\\u{0xD800 + (point >> 10):04x}\\u{0xDC00 + (point & 0x3FF):04x}"


def json_safe(document: str) -> str:
    """A JSON document (from :func:`json.dumps`) with hidden characters as ``\\uXXXX``.

    ``json.dumps(..., ensure_ascii=False)`` escapes only C0 controls; C1 controls, bidi
    and zero-width characters would reach the terminal raw. Outside strings a JSON
    document holds none of them, so escaping every one is exact: readers decode the
    same text. (C0 controls outside strings are the document's own line breaks and
    indentation, and are left alone.)
    """
    if _HIDDEN_IN_JSON.search(document) is None:
        return document
    return _HIDDEN_IN_JSON.sub(_json_escape, document)


__all__ = ["HIDDEN_RANGES", "has_hidden", "json_safe", "visible"]
