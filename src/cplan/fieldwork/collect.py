"""``cplan collect``: the data-entry workbook (填报表) a unit fills in and sends back.

Sheets, in order (a sheet with nothing to fill for the unit is left out):

``填报说明``
    how to fill the workbook in, with the plan, unit, period and example dates.
``指标``
    row 1 the header, then one row per target: read-only A 指标标识 … H 最近填报日期, and
    the input columns I 本期数值, J 统计日期, K 数据来源, L 备注.
``阶段``
    one row per task the unit owns: read-only A 任务标识 (``p-build#2``) … F 方案中的记录,
    and the input columns G 完成情况 (a list: 已完成/进行中/未开始), H 完成或开始日期.
``经费执行``
    :data:`MONEY_ROWS` rows per budget slot (:mod:`cplan.fieldwork.rows`): read-only A
    经费标识, B 经费名称, C 单位, D 测算金额; input E 出资方 (a list of the line's
    funders), F 到位金额, G 到位日期, H 凭证/文号, I 支出金额, J 支出日期, K 凭证号, L 用途/备注.
``_cplan``
    very hidden: the plan id, the unit, the language, and per row its sheet, row, key and
    fingerprint (:mod:`cplan.fieldwork.rows`) and, in a git repository, a ``signature``
    over all of it made with the repository's own key (:mod:`cplan.fieldwork.signing`).

Every data sheet prints on A4 landscape, fitted to the page width, with the header row
repeated on each page and a sign-off block (填报单位（盖章）, 填报人, 联系电话, 审核人,
填报日期) under the rows. Date input cells keep the General format, so that a date typed
in becomes a date and a bare number stays a number (and is refused by ``update``).

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
FORMAT_TAG = "cplan-fieldwork/2"

#: Each sheet's columns: (catalogue key of the header, is an input column).
TARGET_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("sheet.col.target_id", False),
    ("sheet.col.target", False),
    ("sheet.col.unit", False),
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
    ("sheet.col.task_id", False),
    ("sheet.col.phase", False),
    ("sheet.col.task", False),
    ("sheet.col.owner", False),
    ("sheet.col.due", False),
    ("sheet.col.recorded", False),
    ("sheet.col.state", True),
    ("sheet.col.state_day", True),
)
MONEY_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("sheet.col.line_id", False),
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
COL_ID, COL_VALUE, COL_DATE, COL_SOURCE, COL_NOTE = 1, 9, 10, 11, 12
COL_STATE, COL_STATE_DAY = 7, 8
COL_FUNDER, COL_RECEIVED, COL_RECEIVED_DAY, COL_RECEIVED_DOC = 5, 6, 7, 8
COL_SPENT, COL_SPENT_DAY, COL_SPENT_DOC, COL_PURPOSE = 9, 10, 11, 12
FIRST_ROW = 2
#: Input rows per budget slot: one receipt and one payment each.
MONEY_ROWS = 3
#: The sign-off block: a blank row, then one row per entry.
SIGN_KEYS = (
    "sheet.sign.unit",
    "sheet.sign.person",
    "sheet.sign.phone",
    "sheet.sign.reviewer",
    "sheet.sign.date",
)
SIGN_GAP = 1
SOURCE_MAX = 100
NOTE_MAX = 200
DOCUMENT_MAX = 100
#: Largest magnitude accepted for a non-percent value (Excel keeps 15 significant digits).
VALUE_LIMIT = Decimal(999999999999)
#: Largest amount of money accepted in one cell (yuan; Excel keeps 15 significant digits).
MONEY_LIMIT = Decimal("9999999999999.99")
STATES = ("sheet.state.done", "sheet.state.started", "sheet.state.not_started")

HEADER_FILL = "DDEBF7"
INPUT_HEADER_FILL = "FFE699"
INPUT_FILL = "FFF2CC"
READONLY_FILL = "F2F2F2"


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

    value: Decimal | date | str | None
    format: str | None = None


def _number(value: Decimal | None) -> _Value:
    if value is None:
        return _Value(None)
    return _Value(value.normalize() if value == value.to_integral_value() else value, "General")


def _when(span: DateSpan) -> _Value:
    if span.start == span.end:
        return _Value(span.start, "yyyy-mm-dd")
    return _Value(format_span(span))


def _goal(target: Target) -> _Value:
    goal = target.target
    if goal.value is not None:
        return _number(goal.value)
    if goal.change is not None:
        points = goal.change * 100
        text = format(Decimal(points.numerator) / Decimal(points.denominator), "f")
        text = text.rstrip("0").rstrip(".") if "." in text else text
        return _Value(f"相对基线 {'+' if goal.change > 0 else ''}{text}%")
    return _Value(None)


def _target_row(target: Target) -> list[_Value]:
    last = latest_actual(target.actuals)
    baseline = target.baseline
    return [
        _Value(target.id),
        _Value(target.name),
        _Value(target.unit),
        _number(baseline.value) if baseline is not None else _Value(None),
        _goal(target),
        _Value(str(target.target.deadline)),
        _number(last.value) if last is not None else _Value(None),
        _when(last.date) if last is not None else _Value(None),
    ]


def _recorded(row: TaskRow, lang: str) -> str:
    done = row.task.done
    if isinstance(done, DateSpan):
        return words("sheet.recorded.done", lang, day=format_span(done))
    if done:
        return words("sheet.recorded.done_undated", lang)
    if row.task.started is not None:
        return words("sheet.recorded.started", lang, day=format_span(row.task.started))
    return words("sheet.state.not_started", lang)


def _task_row(row: TaskRow, names: dict[str, str], lang: str) -> list[_Value]:
    owner = row.owner
    return [
        _Value(row.key),
        _Value(row.phase.name),
        _Value(row.task.name),
        _Value(names.get(owner, owner) if owner else None),
        _Value(format_span(row.task.due) if row.task.due else None),
        _Value(_recorded(row, lang)),
    ]


def _slot_row(slot: MoneySlot, names: dict[str, str], lang: str) -> list[_Value]:
    planned = (
        _Value(slot.planned, "#,##0.00")
        if slot.planned is not None
        else _Value(words("sheet.not_computed", lang))
    )
    unit = names.get(slot.unit, slot.unit) if slot.unit else None
    return [_Value(slot.line), _Value(slot.name), _Value(unit), planned]


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
    return max(value.splitlines() or [""], key=len)


# -- sheets --------------------------------------------------------------------------------


class _Sheet:
    """One data sheet being written: its header, read-only rows, input cells, validations."""

    def __init__(self, wb: Any, name: str, lang: str) -> None:
        from openpyxl.styles import Alignment, Font, PatternFill

        self.ws = wb.create_sheet(name)
        self.name = name
        self.lang = lang
        self.columns = COLUMNS[name]
        self.widths: dict[int, int] = {}
        self.last = 1
        for column, ((_, is_input), text) in enumerate(
            zip(self.columns, header_titles(name, lang), strict=True), start=1
        ):
            cell = self.ws.cell(row=1, column=column, value=text)
            cell.font = Font(bold=True)
            fill = INPUT_HEADER_FILL if is_input else HEADER_FILL
            cell.fill = PatternFill("solid", fgColor=fill)
            cell.alignment = Alignment(horizontal="center", vertical="center", wrap_text=True)
            self.widths[column] = display_width(text)
        self.validations: dict[str, tuple[Any, list[str]]] = {}

    def readonly(self, row: int, cells: Sequence[_Value]) -> None:
        from openpyxl.styles import Alignment, PatternFill

        fill = PatternFill("solid", fgColor=READONLY_FILL)
        for column, cell in enumerate(cells, start=1):
            _put(self.ws, row, column, cell)
            target = self.ws.cell(row=row, column=column)
            target.fill = fill
            target.alignment = Alignment(wrap_text=True, vertical="top")
            self.widths[column] = max(self.widths[column], display_width(_shown(cell)))
        self.last = max(self.last, row)

    def entry(self, row: int, column: int, fmt: str, rule: str | None) -> None:
        """An input cell: unlocked, yellow, in ``fmt``, checked by validation ``rule``."""
        from openpyxl.styles import Alignment, PatternFill, Protection
        from openpyxl.utils import get_column_letter

        cell = self.ws.cell(row=row, column=column)
        cell.number_format = fmt
        cell.protection = Protection(locked=False)
        cell.fill = PatternFill("solid", fgColor=INPUT_FILL)
        if fmt == "@":
            cell.alignment = Alignment(wrap_text=True, vertical="top")
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

    def finish(self, plan: Plan, minimum: dict[int, int]) -> None:
        from openpyxl.utils import get_column_letter

        for validation, cells in self.validations.values():
            if cells:
                validation.sqref = " ".join(_ranges(cells))
                self.ws.add_data_validation(validation)
        for column, used in self.widths.items():
            least = minimum.get(column, 8)
            self.ws.column_dimensions[get_column_letter(column)].width = min(
                40, max(least, used + 2)
            )
        self.ws.freeze_panes = "C2"
        sign_end = _sign_block(self.ws, self.last + SIGN_GAP + 1, self.lang)
        _print_setup(self.ws, plan, self.name, len(self.columns), sign_end, self.lang)
        _protect(self.ws)


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


def _targets_sheet(wb: Any, plan: Plan, asked: Asked, lang: str) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, TARGETS_SHEET, lang)
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
    for row, item in enumerate(asked.targets, start=FIRST_ROW):
        sheet.readonly(row, _target_row(item.target))
        sheet.entry(row, COL_VALUE, "General", "percent" if is_percent(item.target) else "number")
        sheet.entry(row, COL_DATE, "General", "day")
        sheet.entry(row, COL_SOURCE, "@", "source")
        sheet.entry(row, COL_NOTE, "@", "note")
        rows.append((row, item.key, item.fingerprint))
    sheet.finish(plan, {2: 20, COL_VALUE: 12, COL_DATE: 14, COL_SOURCE: 20, COL_NOTE: 24})
    return rows


def _tasks_sheet(wb: Any, plan: Plan, asked: Asked, lang: str) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, TASKS_SHEET, lang)
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
    for row, item in enumerate(asked.tasks, start=FIRST_ROW):
        sheet.readonly(row, _task_row(item, names, lang))
        sheet.entry(row, COL_STATE, "@", "state")
        sheet.entry(row, COL_STATE_DAY, "General", "day")
        rows.append((row, item.key, item.fingerprint))
    sheet.finish(plan, {3: 24, COL_STATE: 12, COL_STATE_DAY: 16})
    return rows


def funder_choices(plan: Plan, slot: MoneySlot) -> list[str]:
    """What the 出资方 list offers for a slot: the funders' names (their ids when a name
    cannot go into a list or names repeat)."""
    names = {f.id: f.name for f in plan.funders}
    shown = [names.get(f, f) for f in slot.funders]
    if len(set(shown)) != len(shown) or any("," in n or '"' in n for n in shown):
        return list(slot.funders)
    return shown


def _money_sheet(wb: Any, plan: Plan, asked: Asked, lang: str) -> list[tuple[int, str, str]]:
    from openpyxl.worksheet.datavalidation import DataValidation

    sheet = _Sheet(wb, MONEY_SHEET, lang)
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
    row = FIRST_ROW
    for slot in asked.money:
        choices = ",".join(funder_choices(plan, slot))
        funder_rule = f"funder:{choices}"
        if funder_rule not in sheet.validations:
            sheet.rule(
                funder_rule,
                DataValidation(type="list", formula1=f'"{choices}"'[:255]),
                words("sheet.prompt.funder", lang),
                words("sheet.col.funder", lang),
            )
        rows.append((row, slot.key, slot.fingerprint))
        for offset in range(MONEY_ROWS):
            cells = _slot_row(slot, names, lang)
            sheet.readonly(row, cells if offset == 0 else [cells[0], _Value(None), _Value(None)])
            sheet.entry(row, COL_FUNDER, "@", funder_rule)
            sheet.entry(row, COL_RECEIVED, "#,##0.00", "received")
            sheet.entry(row, COL_RECEIVED_DAY, "General", "received_day")
            sheet.entry(row, COL_RECEIVED_DOC, "@", "received_doc")
            sheet.entry(row, COL_SPENT, "#,##0.00", "spent")
            sheet.entry(row, COL_SPENT_DAY, "General", "spent_day")
            sheet.entry(row, COL_SPENT_DOC, "@", "spent_doc")
            sheet.entry(row, COL_PURPOSE, "@", "purpose")
            row += 1
    sheet.finish(plan, {2: 16, COL_RECEIVED: 14, COL_SPENT: 14, COL_PURPOSE: 20})
    return rows


def _names(plan: Plan) -> dict[str, str]:
    return {u.id: u.name for u in plan.units} | {c.id: c.name for c in plan.committees}


def _sign_block(ws: Any, first: int, lang: str) -> int:
    """The sign-off block from row ``first``: label in A, a bordered space B:D to write
    in (unlocked, so it can be typed as well as handwritten). Returns its last row."""
    from openpyxl.styles import Border, Font, Protection, Side

    line = Border(bottom=Side(style="thin"))
    row = first
    for row, key in enumerate(SIGN_KEYS, start=first):
        label = ws.cell(row=row, column=1, value=words(key, lang))
        label.font = Font(bold=True)
        ws.merge_cells(start_row=row, start_column=2, end_row=row, end_column=4)
        for column in (2, 3, 4):
            cell = ws.cell(row=row, column=column)
            cell.border = line
            cell.protection = Protection(locked=False)
    return row


def _print_setup(ws: Any, plan: Plan, name: str, columns: int, last: int, lang: str) -> None:
    """A4 landscape, every column on the page width, the header row on every page."""
    from openpyxl.utils import get_column_letter

    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.orientation = "landscape"
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.print_options.horizontalCentered = True
    ws.page_margins.left = ws.page_margins.right = 0.4
    ws.page_margins.top = ws.page_margins.bottom = 0.8
    ws.page_margins.header = ws.page_margins.footer = 0.3
    ws.print_title_rows = "1:1"
    ws.print_area = f"A1:{get_column_letter(columns)}{last}"
    ws.oddHeader.center.text = clean(words("sheet.header", lang, title=plan.title, sheet=name))
    ws.oddFooter.center.text = words("sheet.footer", lang)


def _protect(ws: Any) -> None:
    """Sheet protection on, no password: locked cells cannot be edited, rows not deleted."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is harmless
    ws.protection.formatRows = False


def _guide(wb: Any, plan: Plan, asked: Asked, lang: str) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(GUIDE_SHEET)
    period = plan.period
    start, end = period.start.isoformat(), period.end.isoformat()
    example = example_day(period).isoformat()
    unit = asked.unit
    lines = [
        words("sheet.guide.title", lang, title=plan.title),
        "",
        words("sheet.guide.plan", lang, plan=plan.id),
        words("sheet.guide.period", lang, period=format_span(period), start=start, end=end),
        words("sheet.guide.unit", lang, name=_names(plan).get(unit, unit), unit=unit)
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
        words("sheet.guide.made_by", lang, version=__version__),
    ]
    for row, text in enumerate(lines, start=1):
        cell = _text(ws, row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 100
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.sheet_properties.pageSetUpPr.fitToPage = True
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
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
    _guide(wb, plan, asked, lang)
    rows: list[tuple[str, int, str, str]] = []
    for sheet, items, make in (
        (TARGETS_SHEET, asked.targets, _targets_sheet),
        (TASKS_SHEET, asked.tasks, _tasks_sheet),
        (MONEY_SHEET, asked.money, _money_sheet),
    ):
        if items:
            rows += [(sheet, *row) for row in make(wb, plan, asked, lang)]
    _meta_sheet(wb, plan, unit, lang, source_name, rows, key)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = f"cplan {__version__}"
    wb.properties.title = clean(words("sheet.doc_title", lang, title=plan.title))
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
