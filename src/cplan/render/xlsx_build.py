"""The openpyxl side of the Excel report: a checked :class:`~cplan.render.xlsx_spec.Spec`
becomes .xlsx bytes, the same bytes for the same spec and stamp.

Text goes into cells through :func:`cplan.render.cells.put_text` (the one safe-cell writer,
shared with the data-entry workbook); numbers are exact :class:`~decimal.Decimal` values;
header rows are bold with a fill; ``width: auto`` columns fit their widest cell.
"""

from __future__ import annotations

import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal
from typing import Any

from cplan import messages
from cplan.model.values import format_number
from cplan.render.cells import TextTooLong, clean, display_width, put_text
from cplan.render.xlsx_spec import FORMATS, Cell, Chart, Sheet, Spec, SpecError, bounds

HEADER_FILL = "DDEBF7"
MAX_WIDTH = 60
MIN_WIDTH = 6


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
        return format_number(number)
    return ""


def _write(ws: Any, row: int, column: int, cell: Cell, default_format: str | None) -> None:
    from openpyxl.styles import Alignment, PatternFill

    target = ws.cell(row=row, column=column)
    if cell.kind == "text":
        try:
            put_text(target, cell.value)
        except TextTooLong as exc:
            raise SpecError(f"第 {row} 行第 {column} 格: {exc}") from None
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
    wb.properties.creator = clean(spec.properties.get("creator", "cplan"))
    wb.properties.title = clean(spec.properties.get("title", "")) or None
    wb.properties.subject = clean(spec.properties.get("subject", "")) or None
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
