"""The Excel report (台账): a Jinja template renders YAML describing the workbook.

:func:`render_xlsx` runs ``report.xlsx.yaml`` (a sandboxed, :class:`~jinja2.StrictUndefined`
Jinja template, with ``trim_blocks`` and ``lstrip_blocks`` on) over the report context,
parses the result with PyYAML's safe loader, checks its shape and builds the workbook with
openpyxl. Templates never compute money: amounts arrive as exact strings and go into the
workbook as :class:`~decimal.Decimal` numbers; sums are live ``=SUM(...)`` formulas,
and every formula also stores its value (:mod:`cplan.render.xlsx_formulas`).

The work is in three modules: :mod:`cplan.render.xlsx_spec` (the template helpers and
the spec language below: rendering, loading and checking a spec), and
:mod:`cplan.render.xlsx_build` (the openpyxl builder), which writes text cells through
:func:`cplan.render.cells.put_text`, the safe-cell writer the data-entry workbook uses too.

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
``{{ amount | in_unit(unit) }}``
    an amount in 元 (context text) in 元 or 万元, exactly: ``"11328400.00"`` → ``"1132.84"``.
``{{ text | cn }}``, ``{{ "2026-09-30" | cn_date }}``
    plan text in Chinese print (full-width punctuation); a date as ``2026年9月30日``.
``{{ [4, 5, 6, 9] | sum_of("D") }}``
    the sum of those rows' cells of a column, runs as ranges: ``SUM(D4:D6,D9)`` (for a
    total over some rows only: the budget lines, not their units' rows below them).

Spec format
-----------
::

    properties: {title: "…", subject: "…", creator: "…"}   # optional
    sheets:
      - name: 指标                  # ≤ 31 characters, none of []:*?/\\, unique
        title: 某方案　指标完成情况   # optional: row 1, bold, over the table
        subtitle: 填报单位：…　截至日期：…  # optional: the next row
        bands: [[{text: 阶段}, {text: 2025年, span: 12}]]  # optional header rows above
        freeze: A4                  # default auto: below the header row; null: none
        columns:                    # optional; the header row (after title, subtitle, bands)
          - {header: 指标, width: auto}           # width: auto (default) or a number
          - {header: 金额, format: money}         # default format of the column's cells
          - {header: "2025-03", width: 8, fill: F4B084}   # header cell fill
          - {header: 序号, align: center}         # left, center or right
        rows:                       # the rows after the header row
          - ["居民满意度", {number: "60"}, null]   # plain scalars are TEXT; null: empty
          - [{text: 合计, bold: true}, {formula: "=SUM(B2:B9)", format: money}]
          - {header: [单位, 区财政, 合计]}         # a row styled like the header row
          - []                                      # an empty row
        fills:                      # conditional formats: fill cells whose value equals …
          - range: J2:J9
            rules: [{equals: 滞后, color: FFC7CE, font: 9C0006}]
        charts:
          - {type: bar, title: 指标进度, categories: A2:A9, values: H1:I9, anchor: below,
             format: percent, width: 18, height: 9}   # anchor: a cell, or below the table
        print: {landscape: true, fit_width: true, title_columns: "A:C"}
        footer: "第 &P 页 共 &N 页"   # the default

Cells. A plain scalar (string, number, date, boolean) is always written as *text*, even
when it starts with ``=``, ``+``, ``-``, ``@``, a tab or a line break, or looks like an
error code: such cells get the string type explicitly and a quote prefix, so neither
Excel nor LibreOffice evaluates them. Text over Excel's 32,767 characters (UTF-16 code
units) is an error. A mapping has at most one value key:

- ``{text: "…"}`` text, as above;
- ``{number: "480000.00"}`` an exact :class:`~decimal.Decimal` (at most 15 significant
  digits, Excel's precision; ``null`` gives an empty cell);
- ``{percent: "64.29"}`` the number ``0.6429`` shown as ``0.0%``;
- ``{date: "2026-09-30"}`` a date shown as ``2026年9月30日``;
- ``{formula: "=SUM(D2:D6)"}`` the only way to get a formula. Formulas may use only cell
  references (of this workbook), numbers, strings, operators and the functions in
  :data:`FORMULA_FUNCTIONS`; build them from cell references, never from plan values.

and any of the style keys ``format`` (``money`` ``#,##0.00``, ``number`` ``General``,
``integer`` ``#,##0``, ``percent`` ``0.0%``, ``date`` ``yyyy"年"m"月"d"日"``, ``text`` ``@``,
``general``), ``fill`` (a colour ``RRGGBB``), ``bold`` (``true``), ``color`` (font
colour) and ``wrap`` (``true``: wrap lines, top-aligned). A mapping with only style keys
(or a ``null`` value) is an empty, styled cell (a Gantt bar). Plan text that XML cannot
hold (control characters) is written as U+FFFD.

Charts: ``type`` is ``bar`` (horizontal bars), ``column``, ``line`` or ``pie``;
``categories`` is a one-column range of labels; ``values`` a range whose first row holds
the series names (one series per column) and which has at least one data row. Ranges are
on the chart's own sheet. ``format`` (a format name) sets the value axis' number format.

Every header row is bold with a fill, repeated on every printed page; the table has thin
borders; ``width: auto`` fits the widest cell of the column, counting CJK and full-width
characters as two, capped at 36 (longer text wraps). Every sheet prints A4 landscape,
fitted to the page width — with text columns narrowed until the text prints at 9 pt or
more — unless ``print`` says otherwise (see :mod:`cplan.render.xlsx_build`). Workbook dates (created/modified) and
the zip entries' timestamps come from the context's ``as_of``, so the same context gives
the same bytes.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from pathlib import Path
from typing import Any

from cplan.render.cells import MAX_TEXT, display_width
from cplan.render.templates import ReportError
from cplan.render.xlsx_build import build_workbook
from cplan.render.xlsx_spec import (
    FORMATS,
    FORMULA_FUNCTIONS,
    Spec,
    SpecError,
    column_letter,
    months,
    quote,
    render_spec,
)


def _stamp(context: Mapping[str, Any]) -> datetime:
    try:
        day = date.fromisoformat(str(context.get("as_of")))
    except ValueError:
        day = date(2000, 1, 1)
    return datetime(day.year, day.month, day.day)


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
    "MAX_TEXT",
    "Spec",
    "SpecError",
    "build_workbook",
    "column_letter",
    "display_width",
    "months",
    "quote",
    "render_spec",
    "render_xlsx",
]
