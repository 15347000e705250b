"""``cplan collect``: the data-entry workbook (填报表) for a plan's targets.

Sheets, in order:

``填报说明``
    how to fill the workbook in (Chinese), with the plan, unit and period.
``指标``
    row 1 the header, then one row per target (or per target of one unit): read-only
    A 指标标识, B 指标, C 单位, D 基线, E 目标, F 期限, G 最近填报值, H 最近填报日期 and
    the input columns I 本期数值, J 统计日期, K 数据来源, L 备注.
``经费``
    the budget lines and their computed amounts, for reference (read-only: a plan has no
    field for spending to date, so nothing on this sheet is read back).
``_cplan``
    very hidden: what ties the workbook to the plan file — the plan id, ``sha256:`` of the
    file's bytes, the cplan version, the unit, the row of every target on ``指标`` and,
    in a git repository, a ``signature`` made with the repository's own key
    (:mod:`cplan.fieldwork.signing`), so that a workbook cannot be forged or relabelled
    for another unit by anyone without that key.

Plan text goes into cells through :func:`cplan.render.cells.put_text`, as in the report:
always text (quote-prefixed when it would read as a formula), cleaned of what XML cannot
hold, and shortened with ``…`` to Excel's 32,767 characters.

Every sheet is protected without a password (protection prevents accidents, not abuse);
only the input cells are unlocked, and they carry data validations (decimal numbers,
0–100 for % targets; dates inside the plan period; text lengths). The workbook structure
is locked too, so sheets cannot be renamed, deleted or unhidden from Excel's menus.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

from cplan import __version__
from cplan.compute.targets import latest_actual
from cplan.errors import CplanError
from cplan.messages import yuan
from cplan.model import Plan, Target
from cplan.model.values import DateSpan, format_span
from cplan.render.cells import clean, display_width, put_text

GUIDE_SHEET = "填报说明"
DATA_SHEET = "指标"
BUDGET_SHEET = "经费"
META_SHEET = "_cplan"
#: Identifies the layout of ``_cplan``; bump when the workbook layout changes.
FORMAT_TAG = "cplan-fieldwork/1"

#: The 指标 sheet's columns: (header, is an input column).
TARGET_COLUMNS: tuple[tuple[str, bool], ...] = (
    ("指标标识", False),
    ("指标", False),
    ("单位", False),
    ("基线", False),
    ("目标", False),
    ("期限", False),
    ("最近填报值", False),
    ("最近填报日期", False),
    ("本期数值", True),
    ("统计日期", True),
    ("数据来源", True),
    ("备注", True),
)
COL_ID, COL_VALUE, COL_DATE, COL_SOURCE, COL_NOTE = 1, 9, 10, 11, 12
FIRST_ROW = 2
SOURCE_MAX = 100
NOTE_MAX = 200
#: Largest magnitude accepted for a non-percent value (Excel keeps 15 significant digits).
VALUE_LIMIT = Decimal(999999999999)

HEADER_FILL = "DDEBF7"
INPUT_HEADER_FILL = "FFE699"
INPUT_FILL = "FFF2CC"
READONLY_FILL = "F2F2F2"


class CollectError(CplanError):
    """The workbook cannot be built as asked (an unknown unit, a unit without targets)."""


def plan_hash(data: bytes) -> str:
    """What ``_cplan`` records of the plan file: ``sha256:`` and the hex digest of its bytes."""
    return "sha256:" + hashlib.sha256(data).hexdigest()


def default_output_name(plan_path: Path, unit: str | None) -> Path:
    """``<plan stem>-填报.xlsx``, or ``<plan stem>-填报-<unit>.xlsx`` for one unit."""
    suffix = f"-{unit}" if unit else ""
    return Path(f"{plan_path.stem}-填报{suffix}.xlsx")


def is_percent(target: Target) -> bool:
    return target.unit.strip() in ("%", "％")


def unit_targets(plan: Plan, unit: str | None) -> list[Target]:
    """The targets to collect: all, or those a unit owns or is assigned by a duty."""
    if unit is None:
        return list(plan.targets)
    known = {u.id for u in plan.units} | {c.id for c in plan.committees}
    if unit not in known:
        choices = ", ".join(sorted(known)) or "-"
        raise CollectError("error.collect_no_unit", unit=unit, choices=choices)
    assigned = {duty.target for duty in plan.duties if duty.owner == unit and duty.target}
    chosen = [t for t in plan.targets if t.owner == unit or t.id in assigned]
    if not chosen:
        raise CollectError("error.collect_no_targets", unit=unit)
    return chosen


# -- building --------------------------------------------------------------------------


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
        return format(value, "f")
    return max(value.splitlines() or [""], key=len)


def _header(ws: Any, headers: Sequence[tuple[str, bool]]) -> None:
    from openpyxl.styles import Alignment, Font, PatternFill

    for column, (text, is_input) in enumerate(headers, start=1):
        cell = ws.cell(row=1, column=column, value=text)
        cell.font = Font(bold=True)
        cell.fill = PatternFill("solid", fgColor=INPUT_HEADER_FILL if is_input else HEADER_FILL)
        cell.alignment = Alignment(horizontal="center", vertical="center")


def _fit(ws: Any, widths: dict[int, int], minimum: dict[int, int] | None = None) -> None:
    from openpyxl.utils import get_column_letter

    for column, used in widths.items():
        least = (minimum or {}).get(column, 8)
        ws.column_dimensions[get_column_letter(column)].width = min(60, max(least, used + 2))


def _protect(ws: Any) -> None:
    """Sheet protection on, no password: locked cells cannot be edited, rows not deleted."""
    ws.protection.sheet = True
    ws.protection.formatColumns = False  # widening a column is harmless
    ws.protection.formatRows = False


def _guide(wb: Any, plan: Plan, unit: str | None, count: int) -> None:
    from openpyxl.styles import Alignment, Font

    ws = wb.create_sheet(GUIDE_SHEET)
    period = plan.period
    unit_name = next((u.name for u in plan.units if u.id == unit), unit)
    lines = [
        f"{plan.title} — 指标数据填报表",
        "",
        f"方案标识: {plan.id}",
        f"方案期限: {format_span(period)} ({period.start.isoformat()} 至 {period.end.isoformat()})",
        f"填报单位: {unit_name} ({unit})" if unit else "填报单位: 全部单位",
        f"需填报的指标: {count} 项",
        "",
        "填报方法:",
        (
            "1. 在“指标”工作表中, 只需填写黄色的四列: 本期数值、统计日期、数据来源、备注;"
            " 其余各列由方案生成, 不能修改。"
        ),
        (
            "2. 本期数值: 填写数字 (可带小数), 不要写单位或文字。以 % 为单位的指标填写"
            " 0 到 100 之间的数, 如 71 表示 71%。"
        ),
        (
            f"3. 统计日期: 填写数据的统计截止日期, 格式如 2026-09-30, 须在方案期限"
            f" ({period.start.isoformat()} 至 {period.end.isoformat()}) 之内,"
            " 并晚于该指标的最近填报日期。"
        ),
        f"4. 数据来源: 必填, 如 社区台账、季度统计、问卷调查 (不超过 {SOURCE_MAX} 字)。",
        f"5. 备注: 选填 (不超过 {NOTE_MAX} 字)。",
        "6. 本期没有新数据的指标, 整行留空即可。",
        "7. 不要插入、删除、移动行或列, 不要修改工作表名称; 否则表格无法导入。",
        (
            "8. 填好后保存为 .xlsx 文件交回。汇总人员运行 cplan update 导入;"
            " 方案文件若在此期间有改动, 须重新生成填报表 (cplan collect)。"
        ),
        "",
        "各工作表均已设置保护 (无密码), 以防误改; 请勿撤销保护。",
        f"生成工具: cplan {__version__}",
    ]
    for row, text in enumerate(lines, start=1):
        cell = _text(ws, row, 1, text)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
        if row == 1:
            cell.font = Font(bold=True, size=14)
    ws.column_dimensions["A"].width = 100
    _protect(ws)


def _data_sheet(wb: Any, plan: Plan, targets: Sequence[Target]) -> list[tuple[int, str]]:
    from openpyxl.styles import Alignment, PatternFill, Protection
    from openpyxl.utils import get_column_letter
    from openpyxl.utils.datetime import to_excel
    from openpyxl.worksheet.datavalidation import DataValidation

    ws = wb.create_sheet(DATA_SHEET)
    _header(ws, TARGET_COLUMNS)
    widths = {n: display_width(text) for n, (text, _) in enumerate(TARGET_COLUMNS, start=1)}
    rows: list[tuple[int, str]] = []
    readonly = PatternFill("solid", fgColor=READONLY_FILL)
    editable = PatternFill("solid", fgColor=INPUT_FILL)
    for row, target in enumerate(targets, start=FIRST_ROW):
        for column, cell in enumerate(_target_row(target), start=1):
            _put(ws, row, column, cell)
            ws.cell(row=row, column=column).fill = readonly
            widths[column] = max(widths[column], display_width(_shown(cell)))
        for column, fmt in (
            (COL_VALUE, "General"),
            (COL_DATE, "yyyy-mm-dd"),
            (COL_SOURCE, "@"),
            (COL_NOTE, "@"),
        ):
            cell = ws.cell(row=row, column=column)
            cell.number_format = fmt
            cell.protection = Protection(locked=False)
            cell.fill = editable
            if column in (COL_SOURCE, COL_NOTE):
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        rows.append((row, target.id))
    _fit(ws, widths, {COL_VALUE: 12, COL_DATE: 14, COL_SOURCE: 24, COL_NOTE: 30})

    def column_cells(column: int, chosen: Sequence[int]) -> list[str]:
        """The cells of ``column`` in rows ``chosen``, consecutive rows as one range."""
        letter = get_column_letter(column)
        ranges: list[list[int]] = []
        for row in sorted(chosen):
            if ranges and ranges[-1][1] == row - 1:
                ranges[-1][1] = row
            else:
                ranges.append([row, row])
        return [f"{letter}{a}" if a == b else f"{letter}{a}:{letter}{b}" for a, b in ranges]

    percent_rows = [
        row for row, t in zip((r for r, _ in rows), targets, strict=True) if is_percent(t)
    ]
    other_rows = [row for row, _ in rows if row not in percent_rows]
    start, end = plan.period.start, plan.period.end
    validations = [
        (
            DataValidation(type="decimal", operator="between", formula1="0", formula2="100"),
            column_cells(COL_VALUE, percent_rows),
            "本期数值",
            "请填写 0 到 100 之间的数 (71 表示 71%)。",
        ),
        (
            DataValidation(
                type="decimal",
                operator="between",
                formula1=f"-{VALUE_LIMIT}",
                formula2=str(VALUE_LIMIT),
            ),
            column_cells(COL_VALUE, other_rows),
            "本期数值",
            "请填写数字, 不要写单位或文字。",
        ),
        (
            DataValidation(
                type="date",
                operator="between",
                formula1=str(int(to_excel(start))),
                formula2=str(int(to_excel(end))),
            ),
            column_cells(COL_DATE, [r for r, _ in rows]),
            "统计日期",
            f"请填写 {start.isoformat()} 至 {end.isoformat()} 之间的日期, 如 {end.isoformat()}。",
        ),
        (
            DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(SOURCE_MAX)),
            column_cells(COL_SOURCE, [r for r, _ in rows]),
            "数据来源",
            f"必填, 不超过 {SOURCE_MAX} 字, 如 社区台账。",
        ),
        (
            DataValidation(type="textLength", operator="lessThanOrEqual", formula1=str(NOTE_MAX)),
            column_cells(COL_NOTE, [r for r, _ in rows]),
            "备注",
            f"选填, 不超过 {NOTE_MAX} 字。",
        ),
    ]
    for validation, cells, title, prompt in validations:
        if not cells:
            continue
        validation.allow_blank = True
        validation.showErrorMessage = True
        validation.showInputMessage = True
        validation.errorTitle = "填写有误"
        validation.error = prompt
        validation.promptTitle = title
        validation.prompt = prompt
        for cell_range in cells:
            validation.add(cell_range)
        ws.add_data_validation(validation)
    ws.freeze_panes = "C2"
    _protect(ws)
    return rows


def _budget_sheet(wb: Any, plan: Plan) -> None:
    from cplan.compute.budget import compute_budget

    if plan.budget is None or not plan.budget.lines:
        return
    ws = wb.create_sheet(BUDGET_SHEET)
    headers = (("经费标识", False), ("名称", False), ("类别", False), ("测算金额 (元)", False))
    _header(ws, headers)
    widths = {n: display_width(text) for n, (text, _) in enumerate(headers, start=1)}
    figures = compute_budget(plan)
    for row, line in enumerate(plan.budget.lines, start=2):
        amount = figures.line_total(line.id)
        cells = [
            _Value(line.id),
            _Value(line.name),
            _Value(line.category),
            _Value(amount, "#,##0.00") if amount is not None else _Value("无法计算"),
        ]
        for column, cell in enumerate(cells, start=1):
            _put(ws, row, column, cell)
            shown = yuan(amount) if column == 4 and amount is not None else _shown(cell)
            widths[column] = max(widths[column], display_width(shown))
    note_row = len(plan.budget.lines) + 3
    _text(ws, note_row, 1, "本表仅供参考, 不需填写; 经费执行情况请另行报送。")
    _fit(ws, widths)
    ws.freeze_panes = "A2"
    _protect(ws)


def signed_fields(plan_id: str, digest: str, unit: str) -> tuple[str, str, str, str]:
    """What the signature covers besides the row map."""
    return (FORMAT_TAG, plan_id, digest, unit)


def row_map(rows: Sequence[tuple[int, str]]) -> list[tuple[str, int, str]]:
    """``_cplan``'s row map: (sheet, row, target id) of every target row."""
    return [(DATA_SHEET, row, target_id) for row, target_id in rows]


def _meta_sheet(
    wb: Any,
    plan: Plan,
    digest: str,
    unit: str | None,
    source: str,
    rows: list[tuple[int, str]],
    key: bytes | None,
) -> None:
    from cplan.fieldwork.signing import signature

    ws = wb.create_sheet(META_SHEET)
    pairs = [
        ("format", FORMAT_TAG),
        ("plan_id", plan.id),
        ("plan_hash", digest),
        ("cplan_version", __version__),
        ("unit", unit or ""),
        ("plan_file", source),
    ]
    if key is not None:
        fields = signed_fields(plan.id, digest, unit or "")
        pairs.append(("signature", signature(key, fields, row_map(rows))))
    for row, (name, value) in enumerate(pairs, start=1):
        _text(ws, row, 1, name)
        _text(ws, row, 2, value)
    header = len(pairs) + 2
    for column, text in enumerate(("sheet", "row", "target"), start=1):
        ws.cell(row=header, column=column, value=text)
    for offset, (row, target_id) in enumerate(rows, start=1):
        ws.cell(row=header + offset, column=1, value=DATA_SHEET)
        ws.cell(row=header + offset, column=2, value=row)
        _text(ws, header + offset, 3, target_id)
    ws.sheet_state = "veryHidden"
    _protect(ws)


def build_workbook(
    plan: Plan,
    plan_bytes: bytes,
    unit: str | None = None,
    source_name: str = "",
    key: bytes | None = None,
) -> bytes:
    """The data-entry workbook for ``plan`` (read from ``plan_bytes``), as .xlsx bytes,
    signed with ``key`` when given (:func:`cplan.fieldwork.signing.repository_key`).

    Raises :class:`CollectError` for an unknown unit or a unit without targets.
    """
    from openpyxl import Workbook
    from openpyxl.workbook.protection import WorkbookProtection

    targets = unit_targets(plan, unit)
    wb = Workbook()
    wb.remove(wb.active)
    _guide(wb, plan, unit, len(targets))
    rows = _data_sheet(wb, plan, targets)
    _budget_sheet(wb, plan)
    _meta_sheet(wb, plan, plan_hash(plan_bytes), unit, source_name, rows, key)
    wb.security = WorkbookProtection(lockStructure=True)
    wb.properties.creator = f"cplan {__version__}"
    wb.properties.title = clean(f"{plan.title} 指标数据填报表")
    buffer = io.BytesIO()
    wb.save(buffer)
    return buffer.getvalue()
