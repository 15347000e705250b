"""The openpyxl side of the Excel 台账: a checked :class:`~cplan.render.xlsx_spec.Spec`
becomes .xlsx bytes, the same bytes for the same spec and stamp.

Every sheet is laid out to be printed and filed: a title row (plan and sheet) and a
subtitle line (填报单位, 金额单位, 截至日期) over the table, both merged across it; header
rows in bold, repeated on every printed page (print titles); thin borders round every
cell of the table; A4 landscape, narrow margins, fitted to the page width (unless the
sheet says otherwise, as the Gantt chart does: it runs across pages with its first
columns repeated); the footer 第 &P 页 共 &N 页. Charts go under the table, no wider than
it, so they never widen the printed page. Text is 宋体 11 pt; a text column is at most
:data:`MAX_WIDTH` characters wide and its cells wrap.

Text goes into cells through :func:`cplan.render.cells.put_text` (the one safe-cell
writer, shared with the data-entry workbook); numbers are exact
:class:`~decimal.Decimal` values. Every formula cell also stores its value
(:mod:`cplan.render.xlsx_formulas`), so readers that do not recalculate see the numbers.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any
from xml.sax.saxutils import escape

from cplan import messages
from cplan.model.values import format_number
from cplan.render.cells import TextTooLong, clean, display_width, put_text
from cplan.render.xlsx_formulas import FormulaError, workbook_values
from cplan.render.xlsx_spec import FORMATS, Cell, Chart, Sheet, Spec, SpecError, bounds

HEADER_FILL = "DDEBF7"
MAX_WIDTH = 36
MIN_WIDTH = 5
NARROWEST = 12  # a text column narrowed to fit the page keeps at least 12 characters
MIN_PRINTED = 9.0  # points: the smallest text a fitted sheet may print at
FONT = "宋体"
TITLE_FONT = "黑体"
SIZE = 11
TITLE_SIZE = 16
#: Print margins in inches: narrow, as offices print their 台账.
MARGINS = {"left": 0.4, "right": 0.4, "top": 0.6, "bottom": 0.6, "header": 0.3, "footer": 0.3}
LINE_HEIGHT = 14.25  # points: a line of 11 pt text
CM_PER_WIDTH_UNIT = 0.19  # one character of column width, about 7 px at 96 dpi


def _shown(cell: Cell) -> str:
    """Roughly what the cell shows, for fitting the column width."""
    if cell.kind == "text":
        return max(str(cell.value).splitlines() or [""], key=display_width)
    if cell.kind == "date":
        return "0000年00月00日"
    if cell.kind == "formula":
        return "0" * 8
    if cell.kind == "number":
        number: Decimal = cell.value
        if cell.format == FORMATS["money"]:
            return messages.yuan(number)
        if cell.format == FORMATS["percent"]:
            return f"{number * 100:.1f}%"
        return format_number(number)
    return ""


class Styles:
    """The workbook's cell styles, each registered once as a named style and shared by
    name: setting a font, border and alignment on every cell one by one costs openpyxl a
    hash of each style object per cell (seconds for a 500-target plan)."""

    def __init__(self, wb: Any) -> None:
        self.wb = wb
        self.known: set[str] = set()

    def get(
        self,
        *,
        header: bool = False,
        align: str | None = None,
        wrap: bool = False,
        bold: bool = False,
        color: str | None = None,
        fill: str | None = None,
        border: bool = True,
        size: float = SIZE,
        font: str = FONT,
    ) -> str:
        from openpyxl.styles import Alignment, Border, Font, NamedStyle, PatternFill, Side

        if header:
            align, wrap, bold, fill = "center", True, True, fill or HEADER_FILL
        name = "台账" + "-".join(
            str(part) for part in (header, align, wrap, bold, color, fill, border, size, font)
        )
        if name not in self.known:
            thin = Side(style="thin", color="000000")
            style = NamedStyle(name=name)
            style.font = Font(name=font, size=size, bold=bold, color=color)
            style.alignment = Alignment(horizontal=align, vertical="center", wrap_text=wrap or None)
            if border:
                style.border = Border(left=thin, right=thin, top=thin, bottom=thin)
            if fill:
                style.fill = PatternFill("solid", fgColor=fill)
            self.wb.add_named_style(style)
            self.known.add(name)
        return name


def _write(ws: Any, row: int, column: int, cell: Cell) -> None:
    target = ws.cell(row=row, column=column)
    if cell.kind == "text":
        try:
            put_text(target, cell.value)
        except TextTooLong as exc:
            raise SpecError(f"第 {row} 行第 {column} 格: {exc}") from None
    elif cell.kind != "empty":
        target.value = cell.value


def _header(ws: Any, row: int, column: int, text: str | None) -> Cell:
    cell = Cell("text", text) if text is not None else Cell("empty")
    _write(ws, row, column, cell)
    return cell


def _chart(ws: Any, spec: Chart, below: int, table_cm: float) -> None:
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
    min_col, min_row, max_col, max_row = bounds(spec.values)
    data = Reference(ws, min_col=min_col, min_row=min_row, max_col=max_col, max_row=max_row)
    chart.add_data(data, titles_from_data=True)
    points = max_row - min_row
    if spec.categories is not None:
        c_col, c_row, c_max_col, c_max_row = bounds(spec.categories)
        labels = Reference(ws, min_col=c_col, min_row=c_row, max_col=c_max_col, max_row=c_max_row)
        chart.set_categories(labels)
    if spec.title:
        chart.title = clean(spec.title)
    if spec.type != "pie":
        chart.x_axis.delete = False
        chart.y_axis.delete = False
        if spec.format:
            chart.y_axis.number_format = spec.format
        if spec.type == "bar":
            chart.x_axis.scaling.orientation = "maxMin"  # first category on top
        if spec.format == FORMATS["percent"]:
            chart.y_axis.scaling.min = 0
            chart.y_axis.scaling.max = 1
    width = spec.width or 16.0
    if spec.anchor == "below":
        width = min(width, max(8.0, table_cm - 0.5))
    chart.width = width
    default_height = max(7.5, 0.9 * points + 3) if spec.type == "bar" else 8.0
    chart.height = spec.height or default_height
    anchor = f"B{below}" if spec.anchor == "below" else spec.anchor
    ws.add_chart(chart, anchor)


def _sheet(wb: Any, spec: Sheet, styles: Styles) -> None:  # noqa: PLR0915 (one layout)
    from openpyxl.formatting.rule import CellIsRule
    from openpyxl.styles import Alignment, Font, PatternFill
    from openpyxl.utils import get_column_letter
    from openpyxl.worksheet.properties import PageSetupProperties

    ws = wb.create_sheet(spec.name)
    widths: dict[int, int] = {}
    wrap_columns: set[int] = set()
    headers: dict[tuple[int, int], str | None] = {}  # (row, column) → fill
    cells: dict[tuple[int, int], tuple[Cell, str | None]] = {}  # → (cell, number format)

    def fit(column: int, cell: Cell) -> None:
        widths[column] = max(widths.get(column, 0), display_width(_shown(cell)))

    span = max([len(spec.columns), *(len(row.cells) for row in spec.rows), 1])
    row_number = 1
    if spec.title is not None:
        # Fitted to the page width, the title is centred over the table; a sheet that runs
        # across pages (a Gantt chart) has it flush left, so the first page shows it.
        centred = spec.fit_width and span > 1
        ws.cell(row=1, column=1).style = styles.get(
            align="center" if centred else "left",
            bold=True,
            border=False,
            size=TITLE_SIZE,
            font=TITLE_FONT,
        )
        put_text(ws.cell(row=1, column=1), spec.title)  # after the style: it keeps the guard
        ws.row_dimensions[1].height = 30
        if centred:
            ws.merge_cells(start_row=1, start_column=1, end_row=1, end_column=span)
        row_number += 1
    if spec.subtitle is not None:
        ws.cell(row=row_number, column=1).style = styles.get(border=False)
        put_text(ws.cell(row=row_number, column=1), spec.subtitle)
        ws.row_dimensions[row_number].height = 20
        if spec.fit_width and span > 1:
            ws.merge_cells(
                start_row=row_number, start_column=1, end_row=row_number, end_column=span
            )
        row_number += 1
    table_top = row_number
    for band in spec.bands:
        at = 1
        for text, count in band.cells:
            _header(ws, row_number, at, text or None)
            for extra in range(count):
                headers[(row_number, at + extra)] = None
            if count > 1:
                ws.merge_cells(
                    start_row=row_number,
                    start_column=at,
                    end_row=row_number,
                    end_column=at + count - 1,
                )
            at += count
        row_number += 1
    header_row = row_number
    if spec.columns:
        for n, declared in enumerate(spec.columns, start=1):
            fit(n, _header(ws, header_row, n, declared.header))
            headers[(header_row, n)] = declared.fill
        row_number += 1
    if spec.bands:  # a column without a header of its own: its band cell spans both rows
        for n, declared in enumerate(spec.columns, start=1):
            if declared.header is None:
                ws.merge_cells(
                    start_row=table_top, start_column=n, end_row=header_row, end_column=n
                )
    formats = {n: column.format for n, column in enumerate(spec.columns, start=1)}
    aligns = {n: column.align for n, column in enumerate(spec.columns, start=1)}
    data_rows: list[int] = []
    for row in spec.rows:
        for n, cell in enumerate(row.cells, start=1):
            if row.header:
                shown = _header(ws, row_number, n, None if cell.kind == "empty" else _text(cell))
                headers[(row_number, n)] = None
                fit(n, shown)
                continue
            _write(ws, row_number, n, cell)
            number_format = cell.format or (formats.get(n) if cell.kind != "text" else None)
            cells[(row_number, n)] = (cell, number_format)
            shown_cell = Cell(cell.kind, cell.value, cell.format or formats.get(n))
            fit(n, shown_cell)
            if cell.kind == "text" and display_width(_shown(shown_cell)) + 2 > MAX_WIDTH:
                wrap_columns.add(n)
        if row.cells:
            data_rows.append(row_number)
        row_number += 1
    last_row = row_number - 1
    chosen: dict[int, float] = {}
    for n in range(1, span + 1):
        given = spec.columns[n - 1].width if n <= len(spec.columns) else None
        chosen[n] = given or min(MAX_WIDTH, max(MIN_WIDTH, widths.get(n, 0) + 2))
    if spec.fit_width:
        if spec.title is not None and span > 1:
            widen_for_title(chosen, spec.title, spec.landscape)
        wrap_columns |= narrow_to_print(chosen, wrap_columns, spec.landscape)
        if spec.title is not None and span > 1 and title_width(spec.title) > sum(chosen.values()):
            ws.cell(row=1, column=1).alignment = Alignment(
                horizontal="center", vertical="center", wrap_text=True
            )
            ws.row_dimensions[1].height = 50  # two lines of the title
    for n, value in chosen.items():
        ws.column_dimensions[get_column_letter(n)].width = value
    for (r, c), fill in headers.items():
        target = ws.cell(row=r, column=c)
        quoted = target.quotePrefix
        target.style = styles.get(header=True, fill=fill)
        if quoted:
            target.quotePrefix = True
    for r in data_rows:
        lines = 1
        for c in range(1, span + 1):
            target = ws.cell(row=r, column=c)
            found = cells.get((r, c))
            cell = found[0] if found else Cell("empty")
            quoted = target.quotePrefix  # put_text's guard: a named style would reset it
            wrapped = c in wrap_columns or cell.wrap
            target.style = styles.get(
                align=aligns.get(c),
                wrap=wrapped,
                bold=cell.bold,
                color=cell.color,
                fill=cell.fill,
            )
            if found and found[1]:
                target.number_format = found[1]
            if quoted:
                target.quotePrefix = True
            if wrapped and cell.kind == "text":
                lines = max(lines, wrapped_lines(str(cell.value), chosen[c]))
        if lines > 1:  # LibreOffice does not grow a row for wrapped text on its own
            ws.row_dimensions[r].height = lines * LINE_HEIGHT
    for cond in spec.fills:
        for rule in cond.rules:
            literal = '"' + clean(rule.equals).replace('"', '""') + '"'
            ws.conditional_formatting.add(
                cond.range,
                CellIsRule(
                    operator="equal",
                    formula=[literal],
                    fill=PatternFill("solid", start_color=rule.color, end_color=rule.color),
                    font=Font(color=rule.font) if rule.font else None,
                ),
            )
    table_cm = (
        sum((ws.column_dimensions[get_column_letter(n)].width or 8) for n in range(1, span + 1))
        * CM_PER_WIDTH_UNIT
    )
    below = last_row + 2
    for chart in spec.charts:
        _chart(ws, chart, below, table_cm)
        below += int((chart.height or 9) / 0.5) + 2
    if spec.freeze == "auto":
        ws.freeze_panes = f"A{header_row + 1}" if spec.columns else None
    elif spec.freeze:
        ws.freeze_panes = spec.freeze.replace("$", "")
    ws.print_title_rows = f"1:{header_row}" if spec.columns else None
    if spec.title_columns:
        ws.print_title_cols = spec.title_columns.replace("$", "")
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if spec.landscape else "portrait"
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.print_options.horizontalCentered = True
    if spec.fit_width:
        ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
        ws.page_setup.fitToWidth = 1
        ws.page_setup.fitToHeight = 0
    if spec.footer:
        ws.oddFooter.center.text = spec.footer
        ws.oddFooter.center.size = 10
        ws.oddFooter.center.font = FONT


def wrapped_lines(text: str, width: float) -> int:
    """How many lines ``text`` takes wrapped in a column ``width`` characters wide (a
    Chinese character takes two), with a character's room kept for the cell's margins."""
    room = max(1.0, width - 1)
    return sum(max(1, -(-display_width(part) // int(room))) for part in text.splitlines() or [""])


def column_points(width: float) -> float:
    """Excel's column width (characters of a 7-pixel digit) in points."""
    pixels = int(((256 * width + int(128 / 7)) / 256) * 7)
    return pixels * 72 / 96


def _printable_points(landscape: bool) -> float:
    """How wide a sheet fitted to the page may be, in points at 100 %, for its 11 pt text
    to print at no less than :data:`MIN_PRINTED` points."""
    page = 842 if landscape else 595
    return (page - (MARGINS["left"] + MARGINS["right"]) * 72) * SIZE / MIN_PRINTED


def title_width(title: str) -> float:
    """The title's width in column-width characters (it is set larger than the table)."""
    return display_width(title) * TITLE_SIZE / SIZE + 2


def widen_for_title(widths: dict[int, float], title: str, landscape: bool) -> None:
    """Widen the columns after the first (序号), evenly, until the table is as wide as its
    title: a merged title wider than its table is cut off at the table's edge. Never past
    what prints at :data:`MIN_PRINTED` points; a title still too wide then wraps."""
    allowed = _printable_points(landscape)
    others = sorted(widths)[1:]
    while sum(widths.values()) < title_width(title):
        if sum(column_points(w + 1) for w in widths.values()) > allowed:
            return
        for n in others:
            widths[n] += 1
            if sum(widths.values()) >= title_width(title):
                return


def narrow_to_print(widths: dict[int, float], wrapping: set[int], landscape: bool) -> set[int]:
    """Narrow the text columns, widest first, until the sheet fitted to the page width
    prints its 11 pt text at no less than :data:`MIN_PRINTED` points; returns the columns
    narrowed (their text wraps)."""
    allowed = _printable_points(landscape)
    narrowed: set[int] = set()
    candidates = set(wrapping) or set(widths)
    while sum(column_points(w) for w in widths.values()) > allowed:
        wide = [n for n in candidates if widths[n] > NARROWEST]
        if not wide:
            if candidates == set(widths):
                break
            candidates = set(widths)
            continue
        widest = max(wide, key=lambda n: widths[n])
        widths[widest] -= 1
        narrowed.add(widest)
    return narrowed


def _text(cell: Cell) -> str:
    if cell.kind in ("text", "formula"):
        return str(cell.value)
    if cell.kind == "date":
        return str(cell.value.isoformat())
    return format(cell.value, "f")


def build_workbook(spec: Spec, stamp: datetime) -> bytes:
    """The workbook ``spec`` describes, as .xlsx bytes (the same spec gives the same bytes)."""
    from openpyxl import Workbook

    wb = Workbook()
    wb.remove(wb.active)
    styles = Styles(wb)
    for sheet in spec.sheets:
        try:
            _sheet(wb, sheet, styles)
        except SpecError as exc:
            raise SpecError(f"工作表 “{sheet.name}” {exc}") from exc
    wb.properties.creator = clean(spec.properties.get("creator", "cplan"))
    wb.properties.title = clean(spec.properties.get("title", "")) or None
    wb.properties.subject = clean(spec.properties.get("subject", "")) or None
    wb.properties.created = stamp
    values = workbook_values({ws.title: ws for ws in wb.worksheets})
    order = {ws.title: n for n, ws in enumerate(wb.worksheets, start=1)}
    cached: dict[str, dict[str, Any]] = {}
    for (title, coordinate), value in values.items():
        cached.setdefault(f"xl/worksheets/sheet{order[title]}.xml", {})[coordinate] = value
    buffer = io.BytesIO()
    wb.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp, cached)


def _cached_xml(value: Any) -> tuple[str, str]:
    """(type attribute, <v> text) of a formula's cached value."""
    if isinstance(value, FormulaError):
        return ' t="e"', escape(value.code)
    if isinstance(value, bool):
        return ' t="b"', "1" if value else "0"
    if isinstance(value, Decimal):
        text = format(value.normalize(), "f") if value else "0"
        if len(text.replace("-", "").replace(".", "").lstrip("0")) > 17:
            text = repr(float(value))
        return "", text
    if value is None:
        return "", "0"
    return ' t="str"', escape(str(value))


_FORMULA_CELL = re.compile(rb'<c r="([A-Z]+[0-9]+)"([^>]*)><f>(.*?)</f><v\s*/?>(?:</v>)?</c>')


def _store_values(xml: bytes, values: dict[str, Any]) -> bytes:
    def replace(match: re.Match[bytes]) -> bytes:
        coordinate = match.group(1).decode()
        if coordinate not in values:
            return match.group()
        kind, text = _cached_xml(values[coordinate])
        attributes = re.sub(rb'\st="[^"]*"', b"", match.group(2))
        return (
            b'<c r="' + match.group(1) + b'"' + attributes + kind.encode() + b"><f>"
            + match.group(3) + b"</f><v>" + text.encode() + b"</v></c>"
        )  # fmt: skip

    return _FORMULA_CELL.sub(replace, xml)


def _fixed_zip(data: bytes, stamp: datetime, cached: dict[str, dict[str, Any]]) -> bytes:
    """Rewrite the zip with fixed timestamps, a fixed ``modified`` property and every
    formula's cached value."""
    iso = stamp.strftime("%Y-%m-%dT%H:%M:%SZ")
    modified = re.compile(rb"(<dcterms:modified[^>]*>)[^<]*(</dcterms:modified>)")
    out = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w") as target:
        for info in source.infolist():
            content = source.read(info.filename)
            if info.filename == "docProps/core.xml":
                content = modified.sub(rb"\g<1>" + iso.encode() + rb"\g<2>", content)
            if info.filename in cached:
                content = _store_values(content, cached[info.filename])
            entry = zipfile.ZipInfo(info.filename, date_time=stamp.timetuple()[:6])
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = info.external_attr
            target.writestr(entry, content)
    return out.getvalue()
