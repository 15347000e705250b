"""The workbook spec language: a Jinja template renders YAML, checked into a :class:`Spec`.

:func:`render_spec` runs a ``*.xlsx.yaml`` template (sandboxed, ``StrictUndefined``,
``trim_blocks`` and ``lstrip_blocks`` on) with the helpers ``q``, ``col`` and ``months``,
loads the result with PyYAML's safe loader and checks every sheet, row, cell, fill and
chart. The language itself is described in :mod:`cplan.render.xlsx`; the workbook is
built from the :class:`Spec` by :mod:`cplan.render.xlsx_build`.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import yaml

from cplan.render.templates import (
    ReportError,
    as_report_error,
    check_template,
    environment,
    refuse_aliases,
    render_bounded,
)
from cplan.render.wording import cn

FORMATS = {
    "money": "#,##0.00",
    "number": "General",
    "integer": "#,##0",
    "percent": "0.0%",
    "date": 'yyyy"年"m"月"d"日"',
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


#: The footer of every printed page unless a sheet says otherwise (&P page, &N pages).
FOOTER = "第 &P 页 共 &N 页"
MAX_CELLS = 1_000_000
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


def in_unit(value: object, unit: object = "元") -> str | None:
    """An amount in 元 (exact text from the context) in ``unit``: "11328400.00" → "1132.84"."""
    if value is None or value == "":
        return None
    amount = Decimal(str(value))
    if str(unit) == "万元":
        amount = amount / 10_000
    return format(amount.normalize(), "f")


#: Excel's SUM takes at most 255 arguments.
MAX_ARGUMENTS = 255


def sum_of(rows: object, column: object) -> str:
    """A sum of the cells of ``column`` in ``rows``, runs of rows as ranges:
    ``[4, 5, 6, 9] | sum_of("D")`` → ``SUM(D4:D6,D9)``; over 255 runs, sums added up."""
    if isinstance(rows, str | bytes) or not hasattr(rows, "__iter__"):
        raise TypeError(f"sum_of 需要行号列表, 得到 {rows!r}")
    numbers = sorted(set(rows))
    if not numbers or not all(isinstance(n, int) and not isinstance(n, bool) for n in numbers):
        raise ValueError(f"sum_of 需要非空的行号列表, 得到 {rows!r}")
    letter = str(column)
    if not re.fullmatch(r"[A-Z]{1,3}", letter):
        raise ValueError(f"sum_of 需要列字母, 如 D, 得到 {column!r}")
    runs: list[str] = []
    first = last = numbers[0]
    for n in [*numbers[1:], None]:
        if n is not None and n == last + 1:
            last = n
            continue
        runs.append(f"{letter}{first}" if first == last else f"{letter}{first}:{letter}{last}")
        if n is not None:
            first = last = n
    chunks = [runs[i : i + MAX_ARGUMENTS] for i in range(0, len(runs), MAX_ARGUMENTS)]
    return "+".join(f"SUM({','.join(chunk)})" for chunk in chunks)


def cn_date_text(value: object) -> str | None:
    """An ISO date as officers write it: "2026-09-30" → "2026年9月30日"."""
    if value is None or value == "":
        return None
    day = date.fromisoformat(str(value))
    return f"{day.year}年{day.month}月{day.day}日"


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
    align: str | None = None  # left, center, right; None: numbers right, text left


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
class Band:
    """A header row above the columns' own: labels spanning several columns (2025年)."""

    cells: list[tuple[str, int]]


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
    freeze: str | None = "auto"
    landscape: bool = True
    fit_width: bool = True
    title: str | None = None
    subtitle: str | None = None
    bands: list[Band] = field(default_factory=list)
    title_columns: str | None = None
    footer: str | None = FOOTER

    @property
    def header_row(self) -> int:
        """The row of the columns' headers (the first data row is the next one)."""
        return 1 + (self.title is not None) + (self.subtitle is not None) + len(self.bands)


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
            raw,
            where,
            (
                "name",
                "title",
                "subtitle",
                "bands",
                "freeze",
                "columns",
                "rows",
                "fills",
                "charts",
                "print",
                "footer",
            ),
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
        freeze = data.get("freeze", "auto")
        if freeze not in (None, "auto") and (
            not isinstance(freeze, str) or not _CELL.fullmatch(freeze)
        ):
            raise SpecError(f"{where}: freeze 应是一个单元格, 如 A2, 或 auto")
        setup = _mapping(
            data.get("print") or {}, f"{where} print", ("landscape", "fit_width", "title_columns")
        )
        landscape = _flag(setup.get("landscape", True), f"{where} print.landscape")
        fit_width = _flag(setup.get("fit_width", True), f"{where} print.fit_width")
        title_columns = setup.get("title_columns")
        if title_columns is not None and (
            not isinstance(title_columns, str)
            or not re.fullmatch(r"\$?[A-Z]{1,3}:\$?[A-Z]{1,3}", title_columns)
        ):
            raise SpecError(f"{where}: print.title_columns 应写成 A:C 的形式")
        bands = [
            self.band(item, f"{where} bands 第 {n} 行")
            for n, item in enumerate(_list(data.get("bands"), f"{where} bands"), start=1)
        ]
        title = data.get("title")
        subtitle = data.get("subtitle")
        footer = data.get("footer", FOOTER)
        return Sheet(
            name,
            columns,
            rows,
            fills,
            charts,
            freeze,
            landscape,
            fit_width,
            None if title is None else _scalar_text(title),
            None if subtitle is None else _scalar_text(subtitle),
            bands,
            title_columns,
            None if footer is None else _scalar_text(footer),
        )

    def band(self, raw: object, where: str) -> Band:
        cells = []
        for n, item in enumerate(_list(raw, where), start=1):
            data = _mapping(item, f"{where} 第 {n} 格", ("text", "span"))
            span = data.get("span", 1)
            if isinstance(span, bool) or not isinstance(span, int) or span < 1:
                raise SpecError(f"{where} 第 {n} 格: span 应是正整数")
            text = data.get("text")
            cells.append(("" if text is None else _scalar_text(text), span))
        return Band(cells)

    def column(self, raw: object, where: str) -> Column:
        data = _mapping(raw, where, ("header", "width", "format", "fill", "align"))
        header = data.get("header")
        align = data.get("align")
        if align not in (None, "left", "center", "right"):
            raise SpecError(f"{where}: align 应是 left、center 或 right")
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
            align,
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
        if bounds(values)[1] >= bounds(values)[3]:
            raise SpecError(f"{where}: values {values} 第一行是系列名称, 之后至少要有一行数据")
        categories = data.get("categories")
        if categories is not None:
            categories = _range(categories, f"{where} categories")
        anchor = data.get("anchor", "below")
        if not isinstance(anchor, str) or not (anchor == "below" or _CELL.fullmatch(anchor)):
            raise SpecError(f"{where}: anchor 应是一个单元格, 如 J2, 或 below (表格下方)")
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


def bounds(reference: str) -> tuple[int, int, int, int]:
    from openpyxl.utils.cell import range_boundaries

    min_col, min_row, max_col, max_row = range_boundaries(reference)
    return int(min_col), int(min_row), int(max_col), int(max_row)


def _range(value: object, where: str) -> str:
    text = value if isinstance(value, str) else ""
    cell = _CELL.pattern
    if not re.fullmatch(rf"{cell}(?::{cell})?", text):
        raise SpecError(f"{where}: 区域应写成 A2:A9 的形式, 不是 {value!r}")
    text = text.replace("$", "")
    min_col, min_row, max_col, max_row = bounds(text)
    if min_col > max_col or min_row > max_row:
        raise SpecError(f"{where}: 区域 {text} 的起点在终点之后")
    return text


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
    helpers: dict[str, Callable[..., Any]] = {
        "q": quote,
        "col": column_letter,
        "in_unit": in_unit,
        "cn": cn,
        "cn_date": cn_date_text,
        "sum_of": sum_of,
    }
    env.filters.update(helpers)
    env.globals["months"] = months
    check_template(template)  # size; a link out of its folder (SECURITY.md)
    try:
        rendered = render_bounded(env.get_template(template.name), dict(context), template.name)
    except ReportError:
        raise
    except Exception as exc:  # any error inside a user's template is that template's error
        raise as_report_error(exc, template.name) from exc
    refuse_aliases(rendered, template.name)  # no alias bombs
    loader = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
    try:
        data = yaml.load(rendered, Loader=loader)  # a safe loader: builds no tags
    except yaml.YAMLError as exc:
        raise _yaml_error(exc, rendered, template.name) from exc
    try:
        return _Parser().spec(data)
    except SpecError as exc:
        raise ReportError(template.name, f"表格描述有误: {exc}") from exc
