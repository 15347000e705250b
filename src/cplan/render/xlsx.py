"""The Excel report (台账): a Jinja template renders YAML describing the workbook.

:func:`render_xlsx` runs ``report.xlsx.yaml`` (a sandboxed, :class:`~jinja2.StrictUndefined`
Jinja template, with ``trim_blocks`` and ``lstrip_blocks`` on) over the report context,
parses the result with PyYAML's safe loader, checks its shape and builds the workbook with
openpyxl. Templates never compute money: amounts arrive as exact strings and go into the
workbook as :class:`~decimal.Decimal` numbers; sums are live ``=SUM(...)`` formulas.

Template helpers
----------------
``{{ value | q }}``
    the value as one YAML scalar: a JSON string literal (JSON is YAML), or ``null`` for
    ``None``. Use it for every value that comes from the plan, so no plan text can change
    the document's structure.
``{{ 5 | col }}``
    a column number as its letters (``"E"``), for building cell references.
``months(start, end)``
    the months from ISO date ``start`` to ``end`` as ``["2025-01", "2025-02", …]``.

Spec format
-----------
::

    properties: {title: "…", subject: "…", creator: "…"}   # optional
    sheets:
      - name: 指标                  # ≤ 31 characters, none of []:*?/\\, unique
        freeze: A2                  # optional; default A2 (frozen header row); null: none
        columns:                    # optional; the header row (row 1)
          - {header: 指标, width: auto}           # width: auto (default) or a number
          - {header: 金额, format: money}         # default format of the column's cells
          - {header: "2025-03", width: 8, fill: F4B084}   # header cell fill
        rows:                       # rows 2, 3, … (1, 2, … when there are no columns)
          - ["居民满意度", {number: "60"}, null]   # plain scalars are TEXT; null: empty
          - [{text: 合计, bold: true}, {formula: "=SUM(B2:B9)", format: money}]
          - {header: [单位, 区财政, 合计]}         # a row styled like the header row
          - []                                      # an empty row
        fills:                      # conditional formats: fill cells whose value equals …
          - range: J2:J9
            rules: [{equals: 滞后, color: FFC7CE, font: 9C0006}]
        charts:
          - {type: bar, title: 指标进度, categories: A2:A9, values: H1:I9, anchor: M2,
             format: percent, width: 18, height: 9}
        print: {landscape: true, fit_width: true}   # the default

Cells. A plain scalar (string, number, date, boolean) is always written as *text*, even
when it starts with ``=``, ``+``, ``-``, ``@`` or looks like an error code: such cells
get the string type explicitly and a quote prefix, so neither Excel nor LibreOffice
evaluates them. A mapping has at most one value key:

- ``{text: "…"}`` text, as above;
- ``{number: "480000.00"}`` an exact :class:`~decimal.Decimal` (at most 15 significant
  digits, Excel's precision; ``null`` gives an empty cell);
- ``{percent: "64.29"}`` the number ``0.6429`` shown as ``0.00%``;
- ``{date: "2026-09-30"}`` a date shown as ``yyyy-mm-dd``;
- ``{formula: "=SUM(D2:D6)"}`` the only way to get a formula. Formulas may use only cell
  references (of this workbook), numbers, strings, operators and the functions in
  :data:`FORMULA_FUNCTIONS`; build them from cell references, never from plan values.

and any of the style keys ``format`` (``money`` ``#,##0.00``, ``number`` ``General``,
``integer`` ``#,##0``, ``percent`` ``0.00%``, ``date`` ``yyyy-mm-dd``, ``text`` ``@``,
``general``), ``fill`` (a colour ``RRGGBB``), ``bold`` (``true``), ``color`` (font
colour) and ``wrap`` (``true``: wrap lines, top-aligned). A mapping with only style keys
(or a ``null`` value) is an empty, styled cell (a Gantt bar). Plan text that XML cannot
hold (control characters) is written as U+FFFD.

Charts: ``type`` is ``bar`` (horizontal bars), ``column``, ``line`` or ``pie``;
``categories`` is a one-column range of labels; ``values`` a range whose first row holds
the series names (one series per column) and which has at least one data row. Ranges are
on the chart's own sheet. ``format`` (a format name) sets the value axis' number format.

Every header row is bold with a fill; ``width: auto`` fits the widest cell of the column,
counting CJK and full-width characters as two, capped at 60. Every sheet prints landscape,
one page wide, unless ``print`` says otherwise. Workbook dates (created/modified) and
the zip entries' timestamps come from the context's ``as_of``, so the same context gives
the same bytes.
"""

from __future__ import annotations

import io
import json
import re
import unicodedata
import zipfile
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from cplan import messages
from cplan.render.templates import ReportError, as_report_error, environment

FORMATS = {
    "money": "#,##0.00",
    "number": "General",
    "integer": "#,##0",
    "percent": "0.00%",
    "date": "yyyy-mm-dd",
    "text": "@",
    "general": "General",
}

#: The functions a ``{formula: …}`` cell may call.
FORMULA_FUNCTIONS = frozenset(
    {
        "ABS",
        "AND",
        "AVERAGE",
        "AVERAGEIF",
        "COUNT",
        "COUNTA",
        "COUNTBLANK",
        "COUNTIF",
        "COUNTIFS",
        "IF",
        "IFERROR",
        "ISBLANK",
        "ISNUMBER",
        "MAX",
        "MIN",
        "NOT",
        "OR",
        "PRODUCT",
        "ROUND",
        "ROUNDDOWN",
        "ROUNDUP",
        "SUBTOTAL",
        "SUM",
        "SUMIF",
        "SUMIFS",
    }
)

HEADER_FILL = "DDEBF7"
MAX_WIDTH = 60
MIN_WIDTH = 6
MAX_CELLS = 1_000_000
MAX_TEXT = 32_767
MAX_ROWS = 1_048_576
MAX_COLUMNS = 16_384
MAX_MONTHS = 1_200
CHART_TYPES = ("bar", "column", "line", "pie")

_VALUE_KEYS = ("text", "number", "percent", "date", "formula")
_STYLE_KEYS = ("format", "fill", "bold", "color", "wrap")
_COLOUR = re.compile(r"(?:[0-9A-Fa-f]{2})?[0-9A-Fa-f]{6}")
_CELL = re.compile(r"\$?[A-Z]{1,3}\$?[1-9][0-9]{0,6}")
_REFERENCE = re.compile(rf"(?:'(?P<sheet>[^'\[\]]+)'!)?{_CELL.pattern}(?::{_CELL.pattern})?")
_BAD_SHEET_CHARS = re.compile(r"[\[\]:*?/\\]")
#: Characters that PyYAML refuses or reads as line breaks inside a double-quoted scalar.
_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ufeff\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
#: Text cells starting like this would be formulas (or DDE) if typed in: quote-prefix them.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


# -- template helpers ------------------------------------------------------------------


def quote(value: object) -> str:
    """``value`` as one YAML scalar: a JSON string literal, or ``null`` for ``None``."""
    if value is None:
        return "null"
    text = value if isinstance(value, str) else str(value)
    dumped = json.dumps(_SURROGATE.sub("\ufffd", text), ensure_ascii=False)
    return _YAML_UNSAFE.sub(lambda m: f"\\u{ord(m.group()):04x}", dumped)


def column_letter(index: object) -> str:
    """A 1-based column number as letters: ``1`` → ``"A"``, ``28`` → ``"AB"``."""
    from openpyxl.utils import get_column_letter

    if isinstance(index, bool) or not isinstance(index, int):
        raise TypeError(f"col 需要整数列号, 得到 {index!r}")
    if not 1 <= index <= MAX_COLUMNS:
        raise ValueError(f"列号 {index} 超出 1–{MAX_COLUMNS}")
    return str(get_column_letter(index))


def months(start: object, end: object) -> list[str]:
    """Every month from ISO date ``start`` to ``end``, as ``"YYYY-MM"``."""
    first = date.fromisoformat(str(start))
    last = date.fromisoformat(str(end))
    begin = first.year * 12 + first.month - 1
    stop = last.year * 12 + last.month - 1
    if stop - begin >= MAX_MONTHS:
        raise ValueError(f"月份过多: {start} 至 {end}")
    return [f"{m // 12:04d}-{m % 12 + 1:02d}" for m in range(begin, stop + 1)]


# -- the spec --------------------------------------------------------------------------


@dataclass
class Cell:
    kind: str  # text, number, date, formula, empty
    value: Any = None
    format: str | None = None
    fill: str | None = None
    bold: bool = False
    color: str | None = None
    wrap: bool = False


@dataclass
class Row:
    cells: list[Cell]
    header: bool = False


@dataclass
class Column:
    header: str | None
    width: float | None  # None: auto
    format: str | None
    fill: str | None


@dataclass
class Rule:
    equals: str
    color: str
    font: str | None


@dataclass
class CondFill:
    range: str
    rules: list[Rule]


@dataclass
class Chart:
    type: str
    title: str | None
    categories: str | None
    values: str
    anchor: str
    format: str | None
    width: float | None
    height: float | None


@dataclass
class Sheet:
    name: str
    columns: list[Column]
    rows: list[Row]
    fills: list[CondFill] = field(default_factory=list)
    charts: list[Chart] = field(default_factory=list)
    freeze: str | None = "A2"
    landscape: bool = True
    fit_width: bool = True


@dataclass
class Spec:
    sheets: list[Sheet]
    properties: dict[str, str]


class SpecError(Exception):
    """A spec problem; ``where`` says which sheet, row and cell."""


class _Parser:
    """Check the parsed YAML and turn it into a :class:`Spec`."""

    def __init__(self) -> None:
        self.cells = 0
        self.names: list[str] = []

    def spec(self, data: object) -> Spec:
        top = _mapping(data, "文档", ("sheets", "properties"))
        sheets = top.get("sheets")
        if not isinstance(sheets, list) or not sheets:
            raise SpecError("文档顶层需要 sheets: 一个非空的工作表列表")
        properties: dict[str, str] = {}
        props = _mapping(top.get("properties") or {}, "properties", ("title", "subject", "creator"))
        for key, value in props.items():
            if value is not None:
                properties[key] = _scalar_text(value)
        for raw in sheets:
            name = raw.get("name") if isinstance(raw, dict) else None
            self.names.append(name if isinstance(name, str) else "")
        parsed = [self.sheet(raw, index) for index, raw in enumerate(sheets, start=1)]
        return Spec(parsed, properties)

    def sheet(self, raw: object, index: int) -> Sheet:
        where = f"第 {index} 个工作表"
        data = _mapping(
            raw, where, ("name", "freeze", "columns", "rows", "fills", "charts", "print")
        )
        name = data.get("name")
        if not isinstance(name, str) or not name.strip():
            raise SpecError(f"{where}: 需要 name (工作表名称)")
        where = f"工作表 “{name}”"
        if len(name) > 31 or _BAD_SHEET_CHARS.search(name) or name.startswith("'"):
            raise SpecError(f"{where}: 名称不能超过 31 个字符, 也不能含有 []:*?/\\")
        if self.names.count(name) > 1:
            raise SpecError(f"{where}: 名称重复")
        columns = [
            self.column(item, f"{where} 第 {n} 列")
            for n, item in enumerate(_list(data.get("columns"), f"{where} columns"), start=1)
        ]
        first = 2 if columns else 1
        rows = [
            self.row(item, f"{where} 第 {number} 行")
            for number, item in enumerate(_list(data.get("rows"), f"{where} rows"), start=first)
        ]
        if first - 1 + len(rows) > MAX_ROWS:
            raise SpecError(f"{where}: 行数超过 Excel 的上限 {MAX_ROWS}")
        widest = max([len(columns), *(len(row.cells) for row in rows)])
        if widest > MAX_COLUMNS:
            raise SpecError(f"{where}: 列数超过 Excel 的上限 {MAX_COLUMNS}")
        fills = [
            self.cond_fill(item, f"{where} fills 第 {n} 项")
            for n, item in enumerate(_list(data.get("fills"), f"{where} fills"), start=1)
        ]
        charts = [
            self.chart(item, f"{where} charts 第 {n} 项")
            for n, item in enumerate(_list(data.get("charts"), f"{where} charts"), start=1)
        ]
        freeze = data.get("freeze", "A2")
        if freeze is not None and (not isinstance(freeze, str) or not _CELL.fullmatch(freeze)):
            raise SpecError(f"{where}: freeze 应是一个单元格, 如 A2")
        setup = _mapping(data.get("print") or {}, f"{where} print", ("landscape", "fit_width"))
        landscape = _flag(setup.get("landscape", True), f"{where} print.landscape")
        fit_width = _flag(setup.get("fit_width", True), f"{where} print.fit_width")
        return Sheet(name, columns, rows, fills, charts, freeze, landscape, fit_width)

    def column(self, raw: object, where: str) -> Column:
        data = _mapping(raw, where, ("header", "width", "format", "fill"))
        header = data.get("header")
        width = data.get("width", "auto")
        if width == "auto":
            width = None
        elif isinstance(width, bool) or not isinstance(width, int | float) or not 0 < width <= 255:
            raise SpecError(f"{where}: width 应是 auto 或 1–255 之间的数, 不是 {width!r}")
        return Column(
            None if header is None else _scalar_text(header),
            None if width is None else float(width),
            _format(data.get("format"), where),
            _colour(data.get("fill"), where),
        )

    def row(self, raw: object, where: str) -> Row:
        header = False
        if isinstance(raw, dict):
            if set(raw) != {"header"}:
                raise SpecError(f"{where}: 行应是单元格列表, 或 {{header: [...]}}")
            raw, header = raw["header"], True
        if raw is None:
            raw = []
        if not isinstance(raw, list):
            raise SpecError(f"{where}: 行应是单元格列表, 不是 {_kind(raw)}")
        self.cells += len(raw)
        if self.cells > MAX_CELLS:
            raise SpecError(f"{where}: 单元格总数超过 {MAX_CELLS}")
        return Row([self.cell(item, f"{where}第 {n} 格") for n, item in enumerate(raw, 1)], header)

    def cell(self, raw: object, where: str) -> Cell:
        if raw is None:
            return Cell("empty")
        if not isinstance(raw, dict):
            if isinstance(raw, list):
                raise SpecError(f"{where}: 单元格不能是列表")
            return Cell("text", _scalar_text(raw))
        data = _mapping(raw, where, _VALUE_KEYS + _STYLE_KEYS)
        kinds = [key for key in _VALUE_KEYS if key in data]
        if len(kinds) > 1:
            raise SpecError(f"{where}: 一个单元格只能有一个值 ({', '.join(kinds)})")
        style: dict[str, Any] = {
            "format": _format(data.get("format"), where),
            "fill": _colour(data.get("fill"), where),
            "bold": _flag(data.get("bold", False), f"{where} bold"),
            "color": _colour(data.get("color"), where),
            "wrap": _flag(data.get("wrap", False), f"{where} wrap"),
        }
        if not kinds or data[kinds[0]] is None:
            default = {"percent": "percent", "date": "date"}.get(kinds[0] if kinds else "")
            return Cell("empty", None, style["format"] or _format(default, where), **_rest(style))
        kind, value = kinds[0], data[kinds[0]]
        if kind == "text":
            return Cell("text", _scalar_text(value), **style)
        if kind == "number":
            return Cell("number", _decimal(value, where), **style)
        if kind == "percent":
            style["format"] = style["format"] or FORMATS["percent"]
            return Cell("number", _decimal(value, where, scale=-2), **style)
        if kind == "date":
            style["format"] = style["format"] or FORMATS["date"]
            return Cell("date", _date(value, where), **style)
        return Cell("formula", self.formula(value, where), **style)

    def formula(self, value: object, where: str) -> str:
        from openpyxl.formula.tokenizer import Token, Tokenizer, TokenizerError

        if not isinstance(value, str) or not value.startswith("=") or len(value) < 2:
            raise SpecError(f"{where}: formula 应是以 = 开头的公式文本")
        try:
            tokens = Tokenizer(value).items
        except (TokenizerError, ValueError) as exc:
            raise SpecError(f"{where}: 公式 {value} 无法解析: {exc}") from exc
        for token in tokens:
            if token.type == Token.FUNC and token.subtype == Token.OPEN:
                name = token.value[:-1].upper().removeprefix("_XLFN.")
                if name not in FORMULA_FUNCTIONS:
                    raise SpecError(f"{where}: 公式不能使用函数 {name}")
            elif token.type == Token.OPERAND and token.subtype == Token.RANGE:
                match = _REFERENCE.fullmatch(token.value)
                sheet = match.group("sheet") if match else None
                if match is None or (sheet is not None and sheet not in self.names):
                    raise SpecError(f"{where}: 公式只能引用本工作簿的单元格, 不能用 {token.value}")
        return value

    def cond_fill(self, raw: object, where: str) -> CondFill:
        data = _mapping(raw, where, ("range", "rules"))
        ranges = _range(data.get("range"), where)
        rules = []
        for n, item in enumerate(_list(data.get("rules"), f"{where} rules"), start=1):
            rule = _mapping(item, f"{where} 第 {n} 条规则", ("equals", "color", "font"))
            if rule.get("equals") is None or rule.get("color") is None:
                raise SpecError(f"{where} 第 {n} 条规则: 需要 equals 和 color")
            rules.append(
                Rule(
                    _scalar_text(rule["equals"]),
                    _colour(rule["color"], where) or "",
                    _colour(rule.get("font"), where),
                )
            )
        return CondFill(ranges, rules)

    def chart(self, raw: object, where: str) -> Chart:
        keys = ("type", "title", "categories", "values", "anchor", "format", "width", "height")
        data = _mapping(raw, where, keys)
        kind = data.get("type", "bar")
        if kind not in CHART_TYPES:
            raise SpecError(f"{where}: type 应是 {', '.join(CHART_TYPES)} 之一, 不是 {kind!r}")
        values = _range(data.get("values"), f"{where} values")
        if _bounds(values)[1] >= _bounds(values)[3]:
            raise SpecError(f"{where}: values {values} 第一行是系列名称, 之后至少要有一行数据")
        categories = data.get("categories")
        if categories is not None:
            categories = _range(categories, f"{where} categories")
        anchor = data.get("anchor", "A1")
        if not isinstance(anchor, str) or not _CELL.fullmatch(anchor):
            raise SpecError(f"{where}: anchor 应是一个单元格, 如 J2")
        size = []
        for key in ("width", "height"):
            value = data.get(key)
            if value is not None and (
                isinstance(value, bool) or not isinstance(value, int | float) or value <= 0
            ):
                raise SpecError(f"{where}: {key} 应是正数 (厘米)")
            size.append(None if value is None else float(value))
        title = data.get("title")
        return Chart(
            kind,
            None if title is None else _scalar_text(title),
            categories,
            values,
            anchor.replace("$", ""),
            _format(data.get("format"), where),
            size[0],
            size[1],
        )


def _kind(value: object) -> str:
    if isinstance(value, dict):
        return "映射"
    if isinstance(value, list):
        return "列表"
    return "文本" if isinstance(value, str) else type(value).__name__


def _mapping(value: object, where: str, keys: Sequence[str]) -> dict[str, Any]:
    if not isinstance(value, dict):
        raise SpecError(f"{where}: 应是一个映射 (key: value), 不是 {_kind(value)}")
    unknown = [str(key) for key in value if key not in keys]
    if unknown:
        raise SpecError(f"{where}: 不认识的键 {', '.join(unknown)} (可用的键: {', '.join(keys)})")
    return value


def _list(value: object, where: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise SpecError(f"{where}: 应是一个列表, 不是 {_kind(value)}")
    return value


def _rest(style: dict[str, Any]) -> dict[str, Any]:
    return {key: value for key, value in style.items() if key != "format"}


def _flag(value: object, where: str) -> bool:
    if not isinstance(value, bool):
        raise SpecError(f"{where}: 应是 true 或 false")
    return value


def _scalar_text(value: object) -> str:
    if isinstance(value, dict | list):
        raise SpecError(f"需要文本, 得到 {_kind(value)}")
    if isinstance(value, bool):
        return "true" if value else "false"
    return str(value)


def _format(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or value not in FORMATS:
        raise SpecError(f"{where}: format 应是 {', '.join(FORMATS)} 之一, 不是 {value!r}")
    return FORMATS[value]


def _colour(value: object, where: str) -> str | None:
    if value is None:
        return None
    if not isinstance(value, str) or not _COLOUR.fullmatch(value):
        raise SpecError(f"{where}: 颜色应写成 RRGGBB (如 FFC7CE), 不是 {value!r}")
    return value.upper()


def _decimal(value: object, where: str, scale: int = 0) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        raise SpecError(f'{where}: 数值应写成文本, 如 "480000.00", 不是 {_kind(value)}')
    try:
        number = Decimal(str(value).strip().replace(",", ""))
    except InvalidOperation:
        raise SpecError(f"{where}: {value!r} 不是数") from None
    if not number.is_finite():
        raise SpecError(f"{where}: {value!r} 不是有限的数")
    if len(number.normalize().as_tuple().digits) > 15:
        raise SpecError(f"{where}: {value} 超出 Excel 的 15 位有效数字, 无法精确保存")
    return number.scaleb(scale) if scale else number


def _date(value: object, where: str) -> date:
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        raise SpecError(f"{where}: {value!r} 不是 YYYY-MM-DD 格式的日期") from None


def _bounds(reference: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(reference)
    return int(min_col), int(min_row), int(max_col), int(max_row)


def _range(value: object, where: str) -> str:
    text = value if isinstance(value, str) else ""
    cell = _CELL.pattern
    if not re.fullmatch(rf"{cell}(?::{cell})?", text):
        raise SpecError(f"{where}: 区域应写成 A2:A9 的形式, 不是 {value!r}")
    text = text.replace("$", "")
    min_col, min_row, max_col, max_row = _bounds(text)
    if min_col > max_col or min_row > max_row:
        raise SpecError(f"{where}: 区域 {text} 的起点在终点之后")
    return text


# -- building the workbook -------------------------------------------------------------


def display_width(text: str) -> int:
    """Columns ``text`` needs: East Asian wide and full-width characters count two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def _shown(cell: Cell) -> str:
    """Roughly what the cell shows, for fitting the column width."""
    if cell.kind == "text":
        return max(str(cell.value).splitlines() or [""], key=display_width)
    if cell.kind == "date":
        return "0000-00-00"
    if cell.kind == "formula":
        return "0" * 14
    if cell.kind == "number":
        number: Decimal = cell.value
        if cell.format == FORMATS["money"]:
            return messages.yuan(number)
        if cell.format == FORMATS["percent"]:
            return f"{number * 100:.2f}%"
        return format(number.normalize(), "f")
    return ""


def _clean(text: str) -> str:
    """Text that XML can hold: control characters and lone surrogates become U+FFFD."""
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    return str(ILLEGAL_CHARACTERS_RE.sub("\ufffd", _SURROGATE.sub("\ufffd", text)))


def _write(ws: Any, row: int, column: int, cell: Cell, default_format: str | None) -> None:
    from openpyxl.cell.cell import ERROR_CODES
    from openpyxl.styles import Alignment, PatternFill

    target = ws.cell(row=row, column=column)
    if cell.kind == "text":
        text = _clean(cell.value)
        if len(text) > MAX_TEXT:
            raise SpecError(f"第 {row} 行第 {column} 格: 文本超过 Excel 单元格上限 {MAX_TEXT} 字")
        target.value = text
        target.data_type = "s"  # never a formula or an error code, whatever it starts with
        if text.startswith(_FORMULA_START) or text in ERROR_CODES:
            target.quotePrefix = True
    elif cell.kind != "empty":
        target.value = cell.value
    number_format = cell.format or (default_format if cell.kind != "text" else None)
    if number_format:
        target.number_format = number_format
    if cell.bold or cell.color:
        target.font = _font(target, bold=cell.bold, color=cell.color)
    if cell.fill:
        target.fill = PatternFill("solid", fgColor=cell.fill)
    if cell.wrap:
        target.alignment = Alignment(wrap_text=True, vertical="top")


def _font(target: Any, *, bold: bool, color: str | None = None) -> Any:
    """The cell's font (the workbook default), made bold or coloured."""
    from openpyxl.styles import Font

    font = target.font
    return Font(
        name=font.name, size=font.sz, family=font.family, scheme=font.scheme, bold=bold, color=color
    )


def _header(ws: Any, row: int, column: int, text: str | None, fill: str | None) -> Cell:
    from openpyxl.styles import Alignment, PatternFill

    cell = Cell("text", text) if text is not None else Cell("empty")
    _write(ws, row, column, cell, None)
    target = ws.cell(row=row, column=column)
    target.font = _font(target, bold=True)
    target.fill = PatternFill("solid", fgColor=fill or HEADER_FILL)
    target.alignment = Alignment(horizontal="center", vertical="center")
    return cell


def _chart(ws: Any, spec: Chart) -> None:
    from openpyxl.chart import BarChart, LineChart, PieChart, Reference
    from openpyxl.chart.label import DataLabelList

    chart: Any
    if spec.type == "pie":
        chart = PieChart()
        chart.dataLabels = DataLabelList(
            showPercent=True,
            showVal=False,
            showCatName=False,
            showSerName=False,
            showLegendKey=False,
        )
    elif spec.type == "line":
        chart = LineChart()
    else:
        chart = BarChart()
        chart.type = "bar" if spec.type == "bar" else "col"
    min_col, min_row, max_col, max_row = _bounds(spec.values)
    data = Reference(ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row)
    chart.add_data(data, titles_from_data=True)
    points = max_row - min_row
    if spec.categories is not None:
        c_col, c_row, c_max_col, c_max_row = _bounds(spec.categories)
        labels = Reference(ws, min_col=c_col, min_row=c_row, max_col=c_max_col, max_row=c_max_row)
        chart.set_categories(labels)
    if spec.title:
        chart.title = _clean(spec.title)
    if spec.type != "pie":
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        if spec.format:
            chart.y_axis.number_format = spec.format
        if spec.type == "bar":
            chart.x_axis.scaling.orientation = "maxMin"  # first category on top
    chart.width = spec.width or 16.0
    default_height = max(7.5, 0.9 * points + 3) if spec.type == "bar" else 8.0
    chart.height = spec.height or default_height
    ws.add_chart(chart, spec.anchor)


def _sheet(wb: Any, spec: Sheet) -> None:
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(spec.name)
    widths: dict[int, int] = {}

    def fit(column: int, cell: Cell) -> None:
        widths[column] = max(widths.get(column, 0), display_width(_shown(cell)))

    row_number = 1
    if spec.columns:
        for n, column in enumerate(spec.columns, start=1):
            fit(n, _header(ws, 1, n, column.header, column.fill))
        row_number = 2
    formats = {n: column.format for n, column in enumerate(spec.columns, start=1)}
    for row in spec.rows:
        for n, cell in enumerate(row.cells, start=1):
            if row.header:
                shown = _header(
                    ws, row_number, n, None if cell.kind == "empty" else _text(cell), None
                )
                fit(n, shown)
                continue
            _write(ws, row_number, n, cell, formats.get(n))
            fit(n, Cell(cell.kind, cell.value, cell.format or formats.get(n)))
        row_number += 1
    for n, used in widths.items():
        declared = spec.columns[n - 1].width if n <= len(spec.columns) else None
        ws.column_dimensions[get_column_letter(n)].width = declared or min(
            MAX_WIDTH, max(MIN_WIDTH, used + 2)
        )
    for cond in spec.fills:
        for rule in cond.rules:
            literal = '"' + _clean(rule.equals).replace('"', '""') + '"'
            ws.conditional_formatting.add(
                cond.range,
                CellIsRule(
                    operator="equal",
                    formula=[literal],
                    fill=PatternFill("solid", start_color=rule.color, end_color=rule.color),
                    font=Font(color=rule.font) if rule.font else None,
                ),
            )
    for chart in spec.charts:
        _chart(ws, chart)
    if spec.freeze:
        ws.freeze_panes = spec.freeze.replace("$", "")
    if spec.columns and row_number > 1:
        ws.print_title_rows = "1:1"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    if spec.fit_width:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0


def _text(cell: Cell) -> str:
    if cell.kind in ("text", "formula"):
        return str(cell.value)
    if cell.kind == "date":
        return str(cell.value.isoformat())
    return format(cell.value, "f")


def _stamp(context: Mapping[str, Any]) -> datetime:
    try:
        day = date.fromisoformat(str(context.get("as_of")))
    except ValueError:
        day = date(2000, 1, 1)
    return datetime(day.year, day.month, day.day)


def build_workbook(spec: Spec, stamp: datetime) -> bytes:
    """The workbook ``spec`` describes, as .xlsx bytes (the same spec gives the same bytes)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    for sheet in spec.sheets:
        try:
            _sheet(wb, sheet)
        except SpecError as exc:
            raise SpecError(f"工作表 “{sheet.name}” {exc}") from exc
    wb.properties.creator = _clean(spec.properties.get("creator", "cplan"))
    wb.properties.title = _clean(spec.properties.get("title", "")) or None
    wb.properties.subject = _clean(spec.properties.get("subject", "")) or None
    wb.properties.created = stamp
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """Rewrite the zip with fixed timestamps and a fixed ``modified`` property."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    modified = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = modified.sub(rb"\g<1>" + iso.encode() + rb"\g<2>", content)
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()


# -- rendering -------------------------------------------------------------------------


def _yaml_error(exc: yaml.YAMLError, rendered: str, template: str) -> ReportError:
    mark = getattr(exc, "problem_mark", None)
    problem = getattr(exc, "problem", None) or str(exc)
    if mark is None:
        return ReportError(template, f"模板渲染结果不是有效的 YAML: {problem}")
    lines = rendered.splitlines()
    text = lines[mark.line].strip() if 0 <= mark.line < len(lines) else ""
    return ReportError(
        template,
        f"模板渲染结果不是有效的 YAML (渲染结果第 {mark.line + 1} 行第 {mark.column + 1} 列): "
        f"{problem}; 该行为: {text[:120]}",
    )


def render_spec(template: Path, context: Mapping[str, Any]) -> Spec:
    """Render ``template`` over ``context`` and check the spec it describes."""
    env = environment(template.parent, autoescape=False)
    env.trim_blocks = True
    env.lstrip_blocks = True
    helpers: dict[str, Callable[..., Any]] = {"q": quote, "col": column_letter}
    env.filters.update(helpers)
    env.globals["months"] = months
    try:
        rendered = env.get_template(template.name).render(dict(context))
    except Exception as exc:  # any error inside a user's template is that template's error
        raise as_report_error(exc, template.name) from exc
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(rendered, Loader=loader)  # a safe loader: builds no tags
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, rendered, template.name) from exc
    try:
        return _Parser().spec(data)
    except SpecError as exc:
        raise ReportError(template.name, f"表格描述有误: {exc}") from exc


def render_xlsx(template: Path, context: Mapping[str, Any]) -> bytes:
    """The Excel report: ``template`` (``report.xlsx.yaml``) over ``context``, as .xlsx bytes."""
    spec = render_spec(template, context)
    try:
        return build_workbook(spec, _stamp(context))
    except SpecError as exc:
        raise ReportError(template.name, f"表格描述有误: {exc}") from exc


__all__ = [
    "FORMATS",
    "FORMULA_FUNCTIONS",
    "build_workbook",
    "column_letter",
    "display_width",
    "months",
    "quote",
    "render_spec",
    "render_xlsx",
]
