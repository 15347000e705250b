"""Writing plan text into a workbook cell so that it stays text: the one way cplan does it.

Both workbooks cplan makes — the Excel report (:mod:`cplan.render.xlsx`) and the
data-entry workbook (:mod:`cplan.fieldwork.collect`) — put plan text into cells through
:func:`put_text`, which

- cleans it (:func:`clean`): characters XML cannot hold (C0 controls other than tab,
  line feed and carriage return) and lone surrogates become U+FFFD, so openpyxl neither
  refuses the text nor writes a file Excel calls corrupt;
- keeps it within Excel's limit of :data:`MAX_TEXT` characters (counted in UTF-16 code
  units, as Excel stores them): longer text raises :class:`TextTooLong`, or with
  ``shorten=True`` is cut to fit and ends in ``…``;
- gives the cell the string type explicitly, so text starting with ``=`` is not a
  formula, and sets the quote prefix on text that would be a formula, DDE call or error
  code if a user typed it in (starting with ``=`` ``+`` ``-`` ``@``, tab, CR or LF, or
  equal to ``#N/A`` and the like), so neither Excel nor LibreOffice evaluates it when
  the cell is edited or the file converted.
"""

from __future__ import annotations

import re
import unicodedata
from typing import Any

#: Excel's limit on the text of one cell, in UTF-16 code units.
MAX_TEXT = 32_767
#: Text cells starting like this would be formulas (or DDE) if typed in: quote-prefix them.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

_SURROGATE = re.compile("[\ud800-\udfff]")
_ELLIPSIS = "…"


class TextTooLong(ValueError):
    """Text longer than a cell can hold; ``length`` is its length in UTF-16 code units."""

    def __init__(self, length: int) -> None:
        super().__init__(f"文本超过 Excel 单元格上限 {MAX_TEXT} 字 ({length})")
        self.length = length


def clean(text: str) -> str:
    """Text that XML can hold: control characters and lone surrogates become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", _SURROGATE.sub("\ufffd", text)))


def excel_length(text: str) -> int:
    """The length of ``text`` as Excel counts it: UTF-16 code units (an emoji is two)."""
    return len(text) + sum(1 for ch in text if ord(ch) > 0xFFFF)


def shorten(text: str, limit: int = MAX_TEXT) -> str:
    """``text`` cut to ``limit`` UTF-16 code units, ending in ``…`` when it was cut."""
    if excel_length(text) <= limit:
        return text
    units = text.encode("utf-16-le", errors="surrogatepass")[: 2 * (limit - 1)]
    return units.decode("utf-16-le", errors="ignore") + _ELLIPSIS  # no half of a pair


def needs_quote(text: str) -> bool:
    """Whether Excel would read ``text``, typed in, as a formula, DDE call or error code."""
    from openpyxl.cell.cell import ERROR_CODES

    return text.startswith(FORMULA_START) or text in ERROR_CODES


def display_width(text: str) -> int:
    """Columns ``text`` needs: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def put_text(target: Any, text: str, *, shorten_to_fit: bool = False) -> str:
    """Write ``text`` into the openpyxl cell ``target`` as literal text; return what it wrote.

    Raises :class:`TextTooLong` for text over :data:`MAX_TEXT` unless ``shorten_to_fit``.
    """
    text = clean(text)
    length = excel_length(text)
    if length > MAX_TEXT:
        if not shorten_to_fit:
            raise TextTooLong(length)
        text = shorten(text)
    target.value = text
    target.data_type = "s"  # never a formula or an error code, whatever it starts with
    if needs_quote(text):
        target.quotePrefix = True
    return text


__all__ = [
    "FORMULA_START",
    "MAX_TEXT",
    "TextTooLong",
    "clean",
    "display_width",
    "excel_length",
    "needs_quote",
    "put_text",
    "shorten",
]
