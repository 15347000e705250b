"""``cplan collect``: the data-entry workbook (填报表) a unit fills in and sends back.

Sheets, in order (a sheet with nothing to fill for the unit is left out):

``填报说明``
    the form's title, the plan period, the reporting unit, what to report, and how to
    fill the workbook in: one column as wide as a portrait A4 page, its text wrapped.
``指标``
    a title row (「…　指标完成情况填报表」), the 填报单位 line, the header in row 3, then
    one row per target: read-only A 序号 … H 最近填报日期, and the input columns I 本期数值,
    J 统计日期, K 数据来源, L 备注.
``阶段``
    the same title rows, then one row per task the unit owns: read-only A 序号 … F 方案中的
    记录, and the input columns G 完成情况 (a list: 已完成/进行中/未开始), H 完成或开始日期.
``经费执行``
    the same title rows, then :data:`MONEY_ROWS` rows per budget slot
    (:mod:`cplan.fieldwork.rows`): read-only A 序号, B 经费名称, C 单位, D 测算金额, each
    merged over the slot's rows; input E 出资方 (a list of the line's funders), F 到位金额,
    G 到位日期, H 凭证/文号, I 支出金额, J 支出日期, K 凭证号, L 用途/备注.
``_cplan``
    very hidden: the plan id, the unit, the language, and per row its sheet, row, key and
    fingerprint (:mod:`cplan.fieldwork.rows`) and, in a git repository, a ``signature``
    over all of it made with the repository's own key (:mod:`cplan.fieldwork.signing`).
    Rows are known by this map alone: no sheet an officer prints shows an identifier.

Every data sheet is laid out like the 台账 (:mod:`cplan.render.xlsx_build`, whose styles
and column fitting it shares): the title in 黑体, thin borders round every cell of the
table, a bold shaded header repeated on each printed page, columns sized to their
content and narrowed (their text wrapped) until the sheet prints at no less than 9 pt on
A4 landscape fitted to the page width, and the sign-off block under the rows laid out as
a form's footer (填报单位（盖章）, 填报人, 联系电话 on one line, 审核人 and 填报日期 on the
next, each with a line to write on). Date input cells keep the General format, so that a
date typed in becomes a date and a bare number stays a number (and is refused by
``update``).

Plan text goes into cells through :func:`cplan.render.cells.put_text`: always text
(quote-prefixed when it would read as a formula), cleaned of what XML cannot hold.
Every sheet is protected without a password; only the input cells are unlocked, with
data validations. The workbook structure is locked too.
"""

from __future__ import annotations

import calendar
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path
from typing import Any

from cplan import __version__
from cplan.compute.figures import PlanFigures
from cplan.compute.targets import latest_actual
from cplan.fieldwork.rows import (
    MONEY_SHEET,
    TARGETS_SHEET,
    TASKS_SHEET,
    Asked,
    CollectError,
    MoneySlot,
    TaskRow,
    asked_of,
    unit_targets,
)
from cplan.messages.fieldwork_catalog import FIELDWORK_MESSAGES
from cplan.model import Plan, Target
from cplan.model.values import DateSpan, format_span
from cplan.render.cells import clean, display_width, put_text
from cplan.render.xlsx_build import (
    FONT,
    LINE_HEIGHT,
    MARGINS,
    MAX_WIDTH,
    MIN_WIDTH,
    TITLE_FONT,
    TITLE_SIZE,
    Styles,
    narrow_to_print,
    title_width,
    widen_for_title,
    wrapped_lines,
)

__all__ = [
    "DATA_SHEET",
    "GUIDE_SHEET",
    "META_SHEET",
    "MONEY_COLUMNS",
    "TARGET_COLUMNS",
    "TASK_COLUMNS",
    "CollectError",
    "build_workbook",
    "default_output_name",
    "example_day",
    "unit_targets",
]

GUIDE_SHEET = "填报说明"
DATA_SHEET = TARGETS_SHEET
META_SHEET = "_cplan"
#: Identifies the layout of ``_cplan``; bump when the workbook layout changes.
FORMAT_TAG = "cplan-fieldwork/3"
#: Earlier layouts, refused with a request for a new workbook.
OLD_FORMATS = ("cplan-fieldwork/1", "cplan-fieldwork/2")

#: Each sheet's columns: (catalogue key of the header, is an input column).
TARGET_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("sheet.col.number", False),
    ("sheet.col.target", False),
    ("sheet.col.measure", False),
    ("sheet.col.baseline", False),
    ("sheet.col.goal", False),
    ("sheet.col.deadline", False),
    ("sheet.col.last_value", False),
    ("sheet.col.last_date", False),
    ("sheet.col.value", True),
    ("sheet.col.day", True),
    ("sheet.col.source", True),
    ("sheet.col.note", True),
)
TASK_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("sheet.col.number", False),
    ("sheet.col.phase", False),
    ("sheet.col.task", False),
    ("sheet.col.owner", False),
    ("sheet.col.due", False),
    ("sheet.col.recorded", False),
    ("sheet.col.state", True),
    ("sheet.col.state_day", True),
)
MONEY_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("sheet.col.number", False),
    ("sheet.col.line", False),
    ("sheet.col.unit", False),
    ("sheet.col.planned", False),
    ("sheet.col.funder", True),
    ("sheet.col.received", True),
    ("sheet.col.received_day", True),
    ("sheet.col.received_doc", True),
    ("sheet.col.spent", True),
    ("sheet.col.spent_day", True),
    ("sheet.col.spent_doc", True),
    ("sheet.col.purpose", True),
)
COLUMNS = {TARGETS_SHEET: TARGET_COLUMNS, TASKS_SHEET: TASK_COLUMNS, MONEY_SHEET: MONEY_COLUMNS}
COL_NUMBER, COL_VALUE, COL_DATE, COL_SOURCE, COL_NOTE = 1, 9, 10, 11, 12
COL_STATE, COL_STATE_DAY = 7, 8
COL_FUNDER, COL_RECEIVED, COL_RECEIVED_DAY, COL_RECEIVED_DOC = 5, 6, 7, 8
COL_SPENT, COL_SPENT_DAY, COL_SPENT_DOC, COL_PURPOSE = 9, 10, 11, 12
#: Rows of a data sheet: the title, the 填报单位 line, the header, then the table.
TITLE_ROW, UNIT_ROW, HEADER_ROW, FIRST_ROW = 1, 2, 3, 4
#: Input rows per budget slot: one receipt and one payment each.
MONEY_ROWS = 3
#: The sign-off block, one tuple a printed line, under a blank row.
SIGN_LINES = (
    ("sheet.sign.unit", "sheet.sign.person", "sheet.sign.phone"),
    ("sheet.sign.reviewer", "sheet.sign.date"),
)
SIGN_GAP = 1
SIGN_ROWS = len(SIGN_LINES)
SIGN_HEIGHT = 30  # points: room to write by hand
TITLE_ROW_HEIGHT = 30  # points: a line of the 16 pt title
ROW_HEIGHT = 20.0  # points: a table row, with room to write a figure in by hand
#: The widest a header makes its column (in characters); a longer header wraps.
HEADER_WIDTH = 10
SOURCE_MAX = 100
NOTE_MAX = 200
DOCUMENT_MAX = 100
#: Largest magnitude accepted for a non-percent value (Excel keeps 15 significant digits).
VALUE_LIMIT = Decimal(999999999999)
#: Largest amount of money accepted in one cell (yuan; Excel keeps 15 significant digits).
MONEY_LIMIT = Decimal("9999999999999.99")
STATES = ("sheet.state.done", "sheet.state.started", "sheet.state.not_started")

INPUT_HEADER_FILL = "FFE699"
INPUT_FILL = "FFF2CC"


def words(key: str, lang: str, **args: object) -> str:
    """The workbook's own text (a header, a prompt, a guide line) in ``lang``: plan text
    goes into it whole, never shortened (the cell cleans it)."""
    entry = FIELDWORK_MESSAGES[key]
    return (entry.get(lang) or entry["zh"]).format(**args)


def header_titles(sheet: str, lang: str) -> list[str]:
    return [words(key, lang) for key, _ in COLUMNS[sheet]]


def states(lang: str) -> dict[str, str]:
    """The completion words of ``lang`` → ``done`` / ``started`` / ``not_started``."""
    return {words(key, lang): key.rsplit(".", 1)[1] for key in STATES}


def is_percent(target: Target) -> bool:
    return target.unit.strip() in ("%", "％")


def default_output_name(plan_path: Path, unit: str | None) -> Path:
    """``<plan stem>-填报.xlsx``, or ``<plan stem>-填报-<unit>.xlsx`` for one unit."""
    suffix = f"-{unit}" if unit else ""
    return Path(f"{plan_path.stem}-填报{suffix}.xlsx")


def example_day(period: DateSpan) -> date:
    """A date to show as an example: the last day of the month in the middle of the plan
    period (always inside it)."""
    middle = period.start + timedelta(days=(period.end - period.start).days // 2)
    last = date(middle.year, middle.month, calendar.monthrange(middle.year, middle.month)[1])
    return min(last, period.end)


# -- cells ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Value:
    """One read-only cell: a number, a date, or text."""

    value: Decimal | date | str | int | None
    format: str | None = None


def _number(value: Decimal | None) -> _Value:
    if value is None:
        return _Value(None)
    return _Value(value.normalize() if value == value.to_integral_value() else value, "General")


def _when(span: DateSpan) -> _Value:
    if span.start == span.end:
        return _Value(span.start, "yyyy-mm-dd")
    return _Value(format_span(span))


def _goal(target: Target, lang: str) -> _Value:
    goal = target.target
    if goal.value is not None:
        return _number(goal.value)
    if goal.change is not None:
        points = goal.change * 100
        text = format(Decimal(points.numerator) / Decimal(points.denominator), "f")
        text = text.rstrip("0").rstrip(".") if "." in text else text
        change = f"{'+' if goal.change > 0 else ''}{text}%"
        return _Value(words("sheet.goal.change", lang, change=change))
    return _Value(None)


def _target_row(number: int, target: Target, lang: str) -> list[_Value]:
    last = latest_actual(target.actuals)
    baseline = target.baseline
    return [
        _Value(number),
        _Value(target.name),
        _Value(target.unit),
        _number(baseline.value) if baseline is not None else _Value(None),
        _goal(target, lang),
        _Value(str(target.target.deadline)),
        _number(last.value) if last is not None else _Value(None),
        _when(last.date) if last is not None else _Value(None),
    ]


def _recorded(row: TaskRow, lang: str) -> str:
    """What the plan records of the task; a task of a finished phase is finished with it."""
    done = row.task.done or row.phase.done
    if isinstance(done, DateSpan):
        return words("sheet.recorded.done", lang, day=format_span(done))
    if done:
        return words("sheet.recorded.done_undated", lang)
    if row.task.started is not None:
        return words("sheet.recorded.started", lang, day=format_span(row.task.started))
    return words("sheet.state.not_started", lang)


def _task_row(number: int, row: TaskRow, names: dict[str, str], lang: str) -> list[_Value]:
    owner = row.owner
    return [
        _Value(number),
        _Value(row.phase.name),
        _Value(row.task.name),
        _Value(names.get(owner, owner) if owner else None),
        _Value(format_span(row.task.due) if row.task.due else None),
        _Value(_recorded(row, lang)),
    ]


def _slot_row(number: int, slot: MoneySlot, names: dict[str, str], lang: str) -> list[_Value]:
    planned = (
        _Value(slot.planned, "#,##0.00")
        if slot.planned is not None
        else _Value(words("sheet.not_computed", lang))
    )
    unit = names.get(slot.unit, slot.unit) if slot.unit else None
    return [_Value(number), _Value(slot.name), _Value(unit), planned]


def _text(ws: Any, row: int, column: int, text: str) -> Any:
    """Plan text into a cell, as text whatever it looks like (see :mod:`cplan.render.cells`)."""
    target = ws.cell(row=row, column=column)
    put_text(target, text, shorten_to_fit=True)
    return target


def _put(ws: Any, row: int, column: int, cell: _Value) -> None:
    value = cell.value
    if isinstance(value, str):
        target = _text(ws, row, column, value)
    else:
        target = ws.cell(row=row, column=column)
        if value is not None:
            target.value = value
    if cell.format:
        target.number_format = cell.format


def _shown(cell: _Value) -> str:
    value = cell.value
    if value is None:
        return ""
    if isinstance(value, date):
        return "0000-00-00"
    if isinstance(value, Decimal):
        return format(value, ",.2f")
    if isinstance(value, int):
        return str(value)
    return max(value.splitlines() or [""], key=display_width)


# -- sheets --------------------------------------------------------------------------------

#: Sheet title keys: the plan's title and what the sheet collects.
SHEET_TITLES = {
    TARGETS_SHEET: "sheet.title.targets",
    TASKS_SHEET: "sheet.title.tasks",
    MONEY_SHEET: "sheet.title.money",
}


class _Sheet:
    """One data sheet being written: title rows, header, read-only rows, input cells,
    validations; laid out for print by :meth:`finish`."""

    def __init__(self, wb: Any, styles: Styles, name: str, lang: str) -> None:
        self.ws = wb.create_sheet(name)
        self.styles = styles
        self.name = name
        self.lang = lang
        self.columns = COLUMNS[name]
        self.widths: dict[int, int] = {}
        self.texts: dict[tuple[int, int], tuple[str, int]] = {}  # (row, col) → (text, rows)
        self.last = HEADER_ROW
        for column, ((_, is_input), text) in enumerate(
            zip(self.columns, header_titles(name, lang), strict=True), start=1
        ):
            cell = self.ws.cell(row=HEADER_ROW, column=column)
            cell.style = styles.get(header=True, fill=INPUT_HEADER_FILL if is_input else None)
            cell.value = text
            self.widths[column] = min(display_width(text), HEADER_WIDTH)  # wraps beyond
        self.validations: dict[str, tuple[Any, list[str]]] = {}

    def readonly(self, row: int, cells: Sequence[_Value], span: int = 1) -> None:
        """Read-only cells from column A; with ``span`` > 1 each is merged over that many rows."""
        for column, cell in enumerate(cells, start=1):
            target = self.ws.cell(row=row, column=column)
            is_text = isinstance(cell.value, str)
            target.style = self.styles.get(align="center" if column == 1 else None, wrap=is_text)
            _put(self.ws, row, column, cell)  # after the style: it keeps put_text's guard
            shown = _shown(cell)
            self.widths[column] = max(self.widths[column], display_width(shown))
            if is_text:
                self.texts[(row, column)] = (str(cell.value), span)
            if span > 1:
                for below in range(row + 1, row + span):
                    self.ws.cell(row=below, column=column).style = target.style
                _merge_down(self.ws, row, column, span)
        self.last = max(self.last, row + span - 1)

    def entry(self, row: int, column: int, fmt: str, rule: str | None) -> None:
        """An input cell: unlocked, yellow, in ``fmt``, checked by validation ``rule``."""
        from openpyxl.styles import Protection
        from openpyxl.utils import get_column_letter

        cell = self.ws.cell(row=row, column=column)
        cell.style = self.styles.get(fill=INPUT_FILL, wrap=fmt == "@")
        cell.number_format = fmt
        cell.protection = Protection(locked=False)
        if rule is not None:
            self.validations[rule][1].append(f"{get_column_letter(column)}{row}")
        self.last = max(self.last, row)

    def rule(self, name: str, validation: Any, prompt: str, title: str) -> None:
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.showInputMessage = True
        validation.errorTitle = words("sheet.prompt.error_title", self.lang)
        validation.error = prompt
        validation.promptTitle = title
        validation.prompt = prompt
        self.validations[name] = (validation, [])

    def finish(self, plan: Plan, unit: str | None, minimum: dict[int, int]) -> None:
        from openpyxl.utils import get_column_letter

        ws = self.ws
        for validation, cells in self.validations.values():
            if cells:
                validation.sqref = " ".join(_ranges(cells))
                ws.add_data_validation(validation)
        title = form_title(SHEET_TITLES[self.name], plan, self.lang)
        widths = self._widths(title, minimum)
        count = len(self.columns)
        title = form_title(SHEET_TITLES[self.name], plan, self.lang, sum(widths.values()))
        subtitle = _reporting_unit(plan, unit, self.lang)
        _title_rows(ws, self.styles, title, subtitle, count, sum(widths.values()))
        for column, width in widths.items():
            ws.column_dimensions[get_column_letter(column)].width = width
        header = max(
            wrapped_lines(text, widths[c])
            for c, text in enumerate(header_titles(self.name, self.lang), start=1)
        )
        ws.row_dimensions[HEADER_ROW].height = max(2, header) * LINE_HEIGHT
        heights = dict.fromkeys(range(FIRST_ROW, self.last + 1), ROW_HEIGHT)
        for (row, column), (text, span) in self.texts.items():
            lines = -(-wrapped_lines(text, widths[column]) // span)
            for r in range(row, row + span):  # LibreOffice does not grow a row on its own
                heights[r] = max(heights[r], lines * LINE_HEIGHT)
        for row, height in heights.items():
            ws.row_dimensions[row].height = height
        ws.freeze_panes = f"C{FIRST_ROW}"
        sign_end = _sign_block(ws, self.styles, self.last + SIGN_GAP + 1, widths, self.lang)
        _print_setup(ws, count, sign_end, self.lang, landscape=True)
        ws.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
        _protect(ws)

    def _widths(self, title: str, minimum: dict[int, int]) -> dict[int, float]:
        """Each column as wide as its content (within the 台账's bounds), widened for the
        title, then text columns narrowed until the sheet prints at no less than 9 pt."""
        widths: dict[int, float] = {
            column: min(MAX_WIDTH, max(minimum.get(column, MIN_WIDTH), used + 2))
            for column, used in self.widths.items()
        }
        widen_for_title(widths, title, landscape=True)
        texts = {column for _, column in self.texts} - {COL_NUMBER}
        narrow_to_print(widths, texts, landscape=True)
        return widths


def form_title(key: str, plan: Plan, lang: str, room: float | None = None) -> str:
    """The form's title: the plan's title and the form's name on one line, or on two
    (long over short, each whole) when one line is wider than ``room`` characters."""
    form = words(key, lang)
    one = words("sheet.title.line", lang, title=plan.title, form=form)
    if room is None or title_width(one) <= room:
        return one
    return f"{plan.title}\n{form}"


def _reporting_unit(plan: Plan, unit: str | None, lang: str) -> str:
    """The 填报单位 line: the unit's name, or the issuer for a workbook of every unit."""
    name = _names(plan).get(unit, unit) if unit else plan.issuer
    return words("sheet.reporting_unit", lang, name=name or "")


def _title_rows(
    ws: Any, styles: Styles, title: str, subtitle: str, count: int, room: float
) -> None:
    """The sheet's title (黑体, centred over the table ``room`` characters wide, as many
    lines high as it takes) and the 填报单位 line under it."""
    cell = ws.cell(row=TITLE_ROW, column=1)
    cell.style = styles.get(
        align="center", wrap=True, bold=True, border=False, size=TITLE_SIZE, font=TITLE_FONT
    )
    put_text(cell, title, shorten_to_fit=True)
    lines = sum(-(-title_width(part) // room) for part in title.splitlines())
    ws.row_dimensions[TITLE_ROW].height = TITLE_ROW_HEIGHT * max(1, lines)
    line = ws.cell(row=UNIT_ROW, column=1)
    line.style = styles.get(border=False)
    put_text(line, subtitle, shorten_to_fit=True)
    ws.row_dimensions[UNIT_ROW].height = 20
    if count > 1:
        ws.merge_cells(start_row=TITLE_ROW, start_column=1, end_row=TITLE_ROW, end_column=count)
        ws.merge_cells(start_row=UNIT_ROW, start_column=1, end_row=UNIT_ROW, end_column=count)


def _merge_down(ws: Any, row: int, column: int, span: int) -> None:
    """Merge ``span`` cells down from ``row``, whose cells all carry the range's style.

    Not through ``ws.merge_cells``: it checks each new range against every earlier one and
    restyles the covered cells, a minute for a plan of 300 lines over 12 units."""
    from openpyxl.worksheet.cell_range import CellRange

    merged = CellRange(min_col=column, min_row=row, max_col=column, max_row=row + span - 1)
    ws.merged_cells.ranges.add(merged)


def _ranges(cells: Sequence[str]) -> list[str]:
    """Cells (``J2``, ``J3``, ``J5``) as ranges of consecutive rows (``J2:J3``, ``J5``)."""
    from openpyxl.utils.cell import coordinate_from_string

    ranges: list[list[Any]] = []
    for letter, row in sorted(
        (coordinate_from_string(cell) for cell in cells), key=lambda c: (len(c[0]), c[0], c[1])
    ):
        if ranges and ranges[-1][0] == letter and ranges[-1][2] == row - 1:
            ranges[-1][2] = row
        else:
            ranges.append([letter, row, row])
    return [f"{c}{a}" if a == b else f"{c}{a}:{c}{b}" for c, a, b in ranges]


def _date_rule(sheet: _Sheet, name: str, plan: Plan, title_key: str, prompt_key: str) -> None:
    from openpyxl.utils.datetime import to_excel
    from openpyxl.worksheet.datavalidation import DataValidation

    start, end = plan.period.start, plan.period.end
    validation = DataValidation(
        type="date",
        operator="between",
        formula1=str(int(to_excel(start))),
        formula2=str(int(to_excel(end))),
    )
    prompt = words(
        prompt_key,
        sheet.lang,
        start=start.isoformat(),
        end=end.isoformat(),
        example=example_day(plan.period).isoformat(),
    )
    sheet.rule(name, validation, prompt, words(title_key, sheet.lang))


def _text_rule(sheet: _Sheet, name: str, limit: int, title_key: str, prompt_key: str) -> None:
    from openpyxl.worksheet.datavalidation import DataValidation

    validation = DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(limit))
    prompt = words(prompt_key, sheet.lang, limit=limit)
    sheet.rule(name, validation, prompt, words(title_key, sheet.lang))


def _targets_sheet(
    wb: Any, styles: Styles, plan: Plan, asked: Asked, lang: str
) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, styles, TARGETS_SHEET, lang)
    title = words("sheet.col.value", lang)
    sheet.rule(
        "percent",
        DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
        words("sheet.prompt.percent", lang),
        title,
    )
    sheet.rule(
        "number",
        DataValidation(
            type="decimal",
            operator="between",
            formula1=f"-{VALUE_LIMIT}",
            formula2=str(VALUE_LIMIT),
        ),
        words("sheet.prompt.number", lang),
        title,
    )
    _date_rule(sheet, "day", plan, "sheet.col.day", "sheet.prompt.day")
    _text_rule(sheet, "source", SOURCE_MAX, "sheet.col.source", "sheet.prompt.source")
    _text_rule(sheet, "note", NOTE_MAX, "sheet.col.note", "sheet.prompt.text")
    rows: list[tuple[int, str, str]] = []
    for number, item in enumerate(asked.targets, start=1):
        row = FIRST_ROW + number - 1
        sheet.readonly(row, _target_row(number, item.target, lang))
        sheet.entry(row, COL_VALUE, "General", "percent" if is_percent(item.target) else "number")
        sheet.entry(row, COL_DATE, "General", "day")
        sheet.entry(row, COL_SOURCE, "@", "source")
        sheet.entry(row, COL_NOTE, "@", "note")
        rows.append((row, item.key, item.fingerprint))
    sheet.finish(
        plan,
        asked.unit,
        {2: 20, COL_VALUE: 12, COL_DATE: 13, COL_SOURCE: 18, COL_NOTE: 18},
    )
    return rows


def _tasks_sheet(
    wb: Any, styles: Styles, plan: Plan, asked: Asked, lang: str
) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, styles, TASKS_SHEET, lang)
    names = _names(plan)
    choices = ",".join(states(lang))
    sheet.rule(
        "state",
        DataValidation(type="list", formula1=f'"{choices}"'),
        words("sheet.prompt.state", lang),
        words("sheet.col.state", lang),
    )
    _date_rule(sheet, "day", plan, "sheet.col.state_day", "sheet.prompt.state_day")
    rows: list[tuple[int, str, str]] = []
    for number, item in enumerate(asked.tasks, start=1):
        row = FIRST_ROW + number - 1
        sheet.readonly(row, _task_row(number, item, names, lang))
        sheet.entry(row, COL_STATE, "@", "state")
        sheet.entry(row, COL_STATE_DAY, "General", "day")
        rows.append((row, item.key, item.fingerprint))
    sheet.finish(plan, asked.unit, {3: 24, COL_STATE: 12, COL_STATE_DAY: 14})
    return rows


def funder_choices(plan: Plan, slot: MoneySlot) -> list[str]:
    """What the 出资方 list offers for a slot: the funders' names (their ids when a name
    cannot go into a list or names repeat)."""
    names = {f.id: f.name for f in plan.funders}
    shown = [names.get(f, f) for f in slot.funders]
    if len(set(shown)) != len(shown) or any("," in n or '"' in n for n in shown):
        return list(slot.funders)
    return shown


def _money_sheet(
    wb: Any, styles: Styles, plan: Plan, asked: Asked, lang: str
) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, styles, MONEY_SHEET, lang)
    names = _names(plan)
    money_prompt = words("sheet.prompt.money", lang)
    for name in ("received", "spent"):
        sheet.rule(
            name,
            DataValidation(
                type="decimal", operator="between", formula1="0", formula2=str(MONEY_LIMIT)
            ),
            money_prompt,
            words(f"sheet.col.{name}", lang),
        )
    _date_rule(sheet, "received_day", plan, "sheet.col.received_day", "sheet.prompt.day")
    _date_rule(sheet, "spent_day", plan, "sheet.col.spent_day", "sheet.prompt.day")
    for name in ("received_doc", "spent_doc"):
        _text_rule(sheet, name, DOCUMENT_MAX, f"sheet.col.{name}", "sheet.prompt.text")
    _text_rule(sheet, "purpose", NOTE_MAX, "sheet.col.purpose", "sheet.prompt.text")
    rows: list[tuple[int, str, str]] = []
    funder_width = 8
    for number, slot in enumerate(asked.money, start=1):
        row = FIRST_ROW + (number - 1) * MONEY_ROWS
        offered = funder_choices(plan, slot)
        funder_width = max([funder_width, *(display_width(name) for name in offered)])
        choices = ",".join(offered)
        funder_rule = f"funder:{choices}"
        if funder_rule not in sheet.validations:
            sheet.rule(
                funder_rule,
                DataValidation(type="list", formula1=f'"{choices}"'[:255]),
                words("sheet.prompt.funder", lang),
                words("sheet.col.funder", lang),
            )
        rows.append((row, slot.key, slot.fingerprint))
        sheet.readonly(row, _slot_row(number, slot, names, lang), span=MONEY_ROWS)
        for entry_row in range(row, row + MONEY_ROWS):
            sheet.entry(entry_row, COL_FUNDER, "@", funder_rule)
            sheet.entry(entry_row, COL_RECEIVED, "#,##0.00", "received")
            sheet.entry(entry_row, COL_RECEIVED_DAY, "General", "received_day")
            sheet.entry(entry_row, COL_RECEIVED_DOC, "@", "received_doc")
            sheet.entry(entry_row, COL_SPENT, "#,##0.00", "spent")
            sheet.entry(entry_row, COL_SPENT_DAY, "General", "spent_day")
            sheet.entry(entry_row, COL_SPENT_DOC, "@", "spent_doc")
            sheet.entry(entry_row, COL_PURPOSE, "@", "purpose")
    sheet.finish(
        plan,
        asked.unit,
        {
            2: 16,
            COL_FUNDER: min(MAX_WIDTH, funder_width + 2),
            COL_RECEIVED: 14,
            COL_RECEIVED_DAY: 12,
            COL_RECEIVED_DOC: 12,
            COL_SPENT: 14,
            COL_SPENT_DAY: 12,
            COL_SPENT_DOC: 10,
            COL_PURPOSE: 16,
        },
    )
    return rows


def _names(plan: Plan) -> dict[str, str]:
    return {u.id: u.name for u in plan.units} | {c.id: c.name for c in plan.committees}


def _split(widths: dict[int, float], parts: int) -> list[list[int]]:
    """The columns in ``parts`` runs of neighbouring columns, about equally wide."""
    total = sum(widths.values())
    runs: list[list[int]] = [[] for _ in range(parts)]
    used = 0.0
    for column in sorted(widths):
        left = len(widths) - column + 1  # this column and those after it
        part = min(parts - 1, int(used * parts / total))
        empty_after = sum(1 for run in runs[part + 1 :] if not run)
        if runs[part] and left <= empty_after:
            part += 1  # keep a column for every later entry
        runs[part].append(column)
        used += widths[column]
    return [run for run in runs if run]


def _sign_block(ws: Any, styles: Styles, first: int, widths: dict[int, float], lang: str) -> int:
    """The sign-off block from row ``first``, a form's footer: each line of
    :data:`SIGN_LINES` across the table, each entry its label and a ruled space to write in
    (unlocked, so it can be typed as well as handwritten). Returns its last row."""
    from openpyxl.styles import Border, Protection, Side

    rule = Border(bottom=Side(style="thin", color="000000"))
    row = first
    for row, keys in enumerate(SIGN_LINES, start=first):
        ws.row_dimensions[row].height = SIGN_HEIGHT
        for key, run in zip(keys, _split(widths, len(keys)), strict=False):
            label = words(key, lang) + words("sheet.sign.colon", lang)
            need = display_width(label) + 1
            cut = 1
            while cut < len(run) - 1 and sum(widths[c] for c in run[:cut]) < need:
                cut += 1
            start = ws.cell(row=row, column=run[0])
            start.style = styles.get(align="right", border=False)
            start.value = label
            blank = ws.cell(row=row, column=run[cut])
            blank.style = styles.get(
                align="right" if key == "sheet.sign.date" else None, border=False
            )
            blank.border = rule
            blank.protection = Protection(locked=False)
            if key == "sheet.sign.date":
                blank.value = words("sheet.sign.date_blank", lang)
            for column, end in ((run[0], run[cut - 1]), (run[cut], run[-1])):
                if end > column:
                    ws.merge_cells(start_row=row, start_column=column, end_row=row, end_column=end)
    return row


def _print_setup(ws: Any, columns: int, last: int, lang: str, *, landscape: bool) -> None:
    """A4 with the 台账's margins, every column on the page width, page numbers below."""
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape" if landscape else "portrait"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    for side, inches in MARGINS.items():
        setattr(ws.page_margins, side, inches)
    ws.print_area = f"A1:{get_column_letter(columns)}{last}"
    ws.oddFooter.center.text = words("sheet.footer", lang)
    ws.oddFooter.center.size = 10
    ws.oddFooter.center.font = FONT


def _protect(ws: Any) -> None:
    """Sheet protection on, no password: locked cells cannot be edited, rows not deleted."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is harmless
    ws.protection.formatRows = False


#: The guide's one column, in characters: well inside a portrait A4 page at 100 %, with
#: room to spare for an office suite whose default font is wider than Excel's (LibreOffice
#: without Calibri does not fit a single column wider than the page, it cuts it off).
GUIDE_WIDTH = 80
#: Characters of the guide's column kept free when counting its lines (a Chinese
#: character in 宋体 is a little wider than two digits).
GUIDE_SLACK = 4


def _guide(wb: Any, styles: Styles, plan: Plan, asked: Asked, lang: str) -> None:
    ws = wb.create_sheet(GUIDE_SHEET)
    period = plan.period
    start, end = period.start.isoformat(), period.end.isoformat()
    example = example_day(period).isoformat()
    unit = asked.unit
    lines = [
        words("sheet.guide.period", lang, period=format_span(period), start=start, end=end),
        words("sheet.guide.unit", lang, name=_names(plan).get(unit, unit))
        if unit
        else words("sheet.guide.all_units", lang),
        words(
            "sheet.guide.counts",
            lang,
            targets=len(asked.targets),
            tasks=len(asked.tasks),
            lines=len(asked.money),
        ),
        "",
        words("sheet.guide.how", lang),
        words("sheet.guide.yellow", lang),
        words("sheet.guide.targets", lang, example=example, source=SOURCE_MAX),
        words("sheet.guide.tasks", lang, example=example),
        words("sheet.guide.money", lang),
        words("sheet.guide.dates", lang, example=example, start=start, end=end),
        words("sheet.guide.layout", lang),
        words("sheet.guide.return", lang),
        "",
        words("sheet.guide.protected", lang),
    ]
    width = GUIDE_WIDTH
    ws.column_dimensions["A"].width = width
    _title_rows(ws, styles, form_title("sheet.title.guide", plan, lang, width), "", 1, width)
    plain = styles.get(border=False, wrap=True)
    for row, text in enumerate(lines, start=UNIT_ROW + 1):
        cell = ws.cell(row=row, column=1)
        cell.style = plain
        _text(ws, row, 1, text)
        ws.row_dimensions[row].height = wrapped_lines(text, width - GUIDE_SLACK) * LINE_HEIGHT
    _print_setup(ws, 1, UNIT_ROW + len(lines), lang, landscape=False)
    _protect(ws)


def signed_fields(plan_id: str, unit: str, lang: str) -> tuple[str, str, str, str]:
    """What the signature covers besides the row map."""
    return (FORMAT_TAG, plan_id, unit, lang)


def _meta_sheet(
    wb: Any,
    plan: Plan,
    unit: str | None,
    lang: str,
    source: str,
    rows: list[tuple[str, int, str, str]],
    key: bytes | None,
) -> None:
    from cplan.fieldwork.signing import signature

    ws = wb.create_sheet(META_SHEET)
    pairs = [
        ("format", FORMAT_TAG),
        ("plan_id", plan.id),
        ("cplan_version", __version__),
        ("unit", unit or ""),
        ("lang", lang),
        ("plan_file", source),
    ]
    if key is not None:
        pairs.append(("signature", signature(key, signed_fields(plan.id, unit or "", lang), rows)))
    for row, (name, value) in enumerate(pairs, start=1):
        _text(ws, row, 1, name)
        _text(ws, row, 2, value)
    header = len(pairs) + 2
    for column, text in enumerate(("sheet", "row", "key", "fingerprint"), start=1):
        ws.cell(row=header, column=column, value=text)
    for offset, (sheet, row, item, print_) in enumerate(rows, start=1):
        _text(ws, header + offset, 1, sheet)
        ws.cell(row=header + offset, column=2, value=row)
        _text(ws, header + offset, 3, item)
        _text(ws, header + offset, 4, print_)
    ws.sheet_state = "veryHidden"
    _protect(ws)


def build_workbook(
    plan: Plan,
    plan_bytes: bytes = b"",
    unit: str | None = None,
    source_name: str = "",
    key: bytes | None = None,
    lang: str = "zh",
    figures: PlanFigures | None = None,
) -> bytes:
    """The data-entry workbook for ``plan`` as .xlsx bytes, signed with ``key`` when given
    (:func:`cplan.fieldwork.signing.repository_key`). ``plan_bytes`` is not recorded
    (rows are tied to the plan by their fingerprints); it stays for older callers.

    Raises :class:`CollectError` for an unknown unit or a unit with nothing to fill in.
    """
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    del plan_bytes
    asked = asked_of(plan, unit, figures)
    wb = Workbook()
    wb.remove(wb.active)
    styles = Styles(wb)
    _guide(wb, styles, plan, asked, lang)
    rows: list[tuple[str, int, str, str]] = []
    for sheet, items, make in (
        (TARGETS_SHEET, asked.targets, _targets_sheet),
        (TASKS_SHEET, asked.tasks, _tasks_sheet),
        (MONEY_SHEET, asked.money, _money_sheet),
    ):
        if items:
            rows += [(sheet, *row) for row in make(wb, styles, plan, asked, lang)]
    _meta_sheet(wb, plan, unit, lang, source_name, rows, key)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = f"cplan {__version__}"
    wb.properties.title = clean(words("sheet.doc_title", lang, title=plan.title))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
