"""Reading filled-in data-entry workbooks back: entries, and problems named by cell.

Each workbook is matched to the plan through its very hidden ``_cplan`` sheet: the plan
id, the sha256 of the plan file it was made from (any change to the file since ``cplan
collect`` refuses the workbook), and the row of every target on ``指标`` (a row deleted,
inserted or moved refuses the workbook). Then every filled row is checked cell by cell;
problems are named ``指标!J7``. Values for the same target and day from several
workbooks are merged; different ones are a conflict.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from cplan.compute.targets import latest_actual
from cplan.fieldwork.collect import (
    COL_DATE,
    COL_ID,
    COL_NOTE,
    COL_SOURCE,
    COL_VALUE,
    DATA_SHEET,
    FORMAT_TAG,
    META_SHEET,
    NOTE_MAX,
    SOURCE_MAX,
    TARGET_COLUMNS,
    VALUE_LIMIT,
    is_percent,
)
from cplan.model import Plan, Target
from cplan.model.values import format_span, normalize_text, parse_date

_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_RECOLLECT_ZH = "请重新运行 cplan collect 生成新的填报表"
_RECOLLECT_EN = "run cplan collect again for a new workbook"
_T = TypeVar("_T")


@dataclass(frozen=True)
class Problem:
    """Something wrong with a workbook or one of its cells, in both languages."""

    file: str
    where: str  # "指标!J7", or "" for the whole workbook
    zh: str
    en: str

    def text(self, lang: str = "zh") -> str:
        message = self.en if lang == "en" else self.zh
        place = f"{self.file}: {self.where}" if self.where else self.file
        return f"{place}: {message}"


@dataclass(frozen=True)
class Entry:
    """One new actual value read from a workbook row."""

    target: str
    value: Decimal
    day: date
    source: str
    note: str | None
    file: str
    row: int

    @property
    def where(self) -> str:
        return f"{DATA_SHEET}!I{self.row}"

    def same(self, other: Entry) -> bool:
        return (self.value, self.source, self.note) == (other.value, other.source, other.note)


def _problem(file: str, where: str, zh: str, en: str) -> Problem:
    return Problem(file, where, zh, en)


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


def _show(value: object) -> str:
    if isinstance(value, datetime):
        value = value.date() if value.time() == datetime.min.time() else value
    if isinstance(value, date):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 30 else text[:29] + "…"


def _canonical(number: Decimal) -> Decimal:
    if number == number.to_integral_value():
        return number.quantize(Decimal(1))
    return number.normalize()


def _read_number(cell: Any) -> Decimal | tuple[str, str]:
    """A cell's number, or (zh, en) saying why it is not one."""
    value = cell.value
    if isinstance(value, bool):
        return ("应填写数字, 不能是逻辑值", "must be a number, not a boolean")
    if isinstance(value, datetime | date):
        return (
            f"应填写数字, 实为日期 {_show(value)}",
            f"must be a number, not the date {_show(value)}",
        )
    if isinstance(value, int | float | Decimal):
        number = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
        if "%" in str(cell.number_format or "").replace('"%"', ""):
            number *= 100  # typed as 71% in Excel: stored 0.71, shown 71%
    elif isinstance(value, str):
        text = normalize_text(value)
        if text.endswith("%"):
            text = text[:-1].strip()
        if _GROUPED.fullmatch(text):
            text = text.replace(",", "")
        if not _NUMBER.fullmatch(text):
            return (
                f"应填写数字, 实为文字 “{_show(value)}” (不要写单位或说明, 说明可写在备注)",
                f"must be a number, not the text “{_show(value)}”",
            )
        number = Decimal(text)
    else:
        return (f"应填写数字, 实为 {_show(value)}", f"must be a number, not {_show(value)}")
    if not number.is_finite():
        return ("应填写数字", "must be a number")
    try:
        return _canonical(number)
    except InvalidOperation:
        return ("数字过大", "number too large")


def _read_date(cell: Any) -> date | tuple[str, str]:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (bool, int | float | Decimal)):
        return (
            f"应填写日期 (如 2026-09-30), 实为数字 {_show(value)}",
            f"must be a date (such as 2026-09-30), not the number {_show(value)}",
        )
    if isinstance(value, str):
        text = normalize_text(value)
        try:
            span = parse_date(text)
        except Exception:  # noqa: BLE001 - any parse failure is the same message
            span = None
        if span is not None and span.start == span.end:
            return span.start
        if span is not None:
            return (
                f"请填写具体的某一天 (如 2026-09-30), 而不是 “{_show(value)}”",
                f"give one day (such as 2026-09-30), not “{_show(value)}”",
            )
    return (
        f"无法识别的日期 “{_show(value)}” (应如 2026-09-30)",
        f"not a date: “{_show(value)}” (write it like 2026-09-30)",
    )


def _read_text(value: object, label: tuple[str, str], limit: int) -> str | tuple[str, str]:
    if isinstance(value, datetime | date):
        value = _show(value)
    elif isinstance(value, float):
        value = repr(value)
    text = str(value).strip()
    if "\n" in text or "\r" in text:
        return (f"{label[0]}不能换行", f"{label[1]} must be one line")
    if any(ord(ch) < 32 for ch in text):
        return (f"{label[0]}含有控制字符", f"{label[1]} contains control characters")
    if len(text) > limit:
        return (f"{label[0]}不能超过 {limit} 字", f"{label[1]} is longer than {limit} characters")
    return text


@dataclass
class _Sheet:
    """What ``_cplan`` says of a workbook."""

    meta: dict[str, str]
    rows: list[tuple[str, int, str]]  # (sheet, row, target id)


def _meta(ws: Any) -> _Sheet | None:
    meta: dict[str, str] = {}
    rows: list[tuple[str, int, str]] = []
    in_rows = False
    for key, value, target, *_ in ws.iter_rows(min_col=1, max_col=3, values_only=True):
        if key == "sheet" and value == "row":
            in_rows = True
        elif in_rows and key is not None:
            try:
                rows.append((str(key), int(value), str(target)))
            except (TypeError, ValueError):
                return None
        elif not in_rows and key is not None:
            meta[str(key)] = "" if value is None else str(value)
    return _Sheet(meta, rows)


def _load(path: Path) -> Any:
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        return load_workbook(path, data_only=True)


def read_workbook(
    path: Path, display: str, plan: Plan, digest: str
) -> tuple[list[Entry], list[Problem]]:
    """The filled rows of one workbook as entries, and every problem found in it.

    A problem with the workbook as a whole (not from cplan, another plan, another
    version of the plan, a renamed sheet, moved rows) gives no entries at all.
    """
    try:
        wb = _load(path)
    except Exception as error:  # noqa: BLE001 - whatever openpyxl chokes on, the file is unreadable
        return [], [
            _problem(
                display,
                "",
                f"无法读取, 不是有效的 .xlsx 文件 ({type(error).__name__})",
                f"cannot be read as an .xlsx file ({type(error).__name__})",
            )
        ]
    if META_SHEET not in wb.sheetnames:
        return [], [
            _problem(
                display,
                "",
                "不是由 cplan collect 生成的填报表 (缺少隐藏的 _cplan 工作表), 无法与方案对应",
                "not a workbook made by cplan collect (no hidden _cplan sheet)",
            )
        ]
    sheet = _meta(wb[META_SHEET])
    if sheet is None or sheet.meta.get("format") != FORMAT_TAG:
        return [], [
            _problem(
                display,
                f"{META_SHEET}",
                f"_cplan 工作表已损坏或格式不同; {_RECOLLECT_ZH}",
                f"the _cplan sheet is damaged or of another format; {_RECOLLECT_EN}",
            )
        ]
    plan_id = sheet.meta.get("plan_id", "")
    if plan_id != plan.id:
        return [], [
            _problem(
                display,
                "",
                f"此表属于方案 {plan_id}, 不是 {plan.id}; 请用对应方案的填报表",
                f"this workbook belongs to plan {plan_id}, not {plan.id}",
            )
        ]
    if sheet.meta.get("plan_hash") != digest:
        return [], [
            _problem(
                display,
                "",
                "此表由另一版本的方案生成 (生成填报表后方案文件有改动), 不能导入;"
                f" {_RECOLLECT_ZH}, 请填报人按新表重新填写",
                "this workbook was made from another version of the plan (the plan file"
                f" changed since); {_RECOLLECT_EN}",
            )
        ]
    if DATA_SHEET not in wb.sheetnames:
        shown = ", ".join(name for name in wb.sheetnames if name != META_SHEET)
        return [], [
            _problem(
                display,
                "",
                f"找不到工作表 “{DATA_SHEET}” (被改名或删除了? 现有: {shown}); 请改回原名或{_RECOLLECT_ZH}",
                f"no sheet “{DATA_SHEET}” (renamed or deleted? found: {shown})",
            )
        ]
    ws = wb[DATA_SHEET]
    problems = _check_layout(ws, sheet, plan, display)
    if problems:
        return [], problems
    entries: list[Entry] = []
    targets = {t.id: t for t in plan.targets}
    for _, row, target_id in sheet.rows:
        entry, found = _read_row(ws, row, targets[target_id], plan, display)
        problems += found
        if entry is not None:
            entries.append(entry)
    return entries, problems


def _check_layout(ws: Any, sheet: _Sheet, plan: Plan, display: str) -> list[Problem]:
    """The header and the row of every target are where ``_cplan`` says they are."""
    from openpyxl.utils import get_column_letter

    problems: list[Problem] = []
    for column, (header, _) in enumerate(TARGET_COLUMNS, start=1):
        found = ws.cell(row=1, column=column).value
        if found != header:
            problems.append(
                _problem(
                    display,
                    f"{DATA_SHEET}!{get_column_letter(column)}1",
                    f"表头应为 “{header}”, 实为 “{_show(found or '')}” (列被插入、删除或移动过);"
                    f" {_RECOLLECT_ZH}",
                    f"the header should be “{header}”, found “{_show(found or '')}” (columns"
                    f" were inserted, deleted or moved); {_RECOLLECT_EN}",
                )
            )
    if problems:
        return problems
    known = {t.id for t in plan.targets}
    last = 1
    for name, row, target_id in sheet.rows:
        last = max(last, row)
        found = ws.cell(row=row, column=COL_ID).value
        if name != DATA_SHEET or target_id not in known:
            problems.append(
                _problem(
                    display,
                    META_SHEET,
                    f"_cplan 中的行对照与方案不符 (指标 {target_id}); {_RECOLLECT_ZH}",
                    f"the _cplan row map does not match the plan (target {target_id}); "
                    + _RECOLLECT_EN,
                )
            )
        elif found != target_id:
            problems.append(
                _problem(
                    display,
                    f"{DATA_SHEET}!A{row}",
                    f"此行应为指标 {target_id}, 实为 “{_show(found or '')}”"
                    f" (行被删除、插入或移动过); {_RECOLLECT_ZH}",
                    f"this row should hold target {target_id}, found “{_show(found or '')}”"
                    f" (rows were deleted, inserted or moved); {_RECOLLECT_EN}",
                )
            )
    for row in range(last + 1, ws.max_row + 1):
        for column in range(1, len(TARGET_COLUMNS) + 1):
            if not _blank(ws.cell(row=row, column=column).value):
                problems.append(
                    _problem(
                        display,
                        f"{DATA_SHEET}!{get_column_letter(column)}{row}",
                        f"此行不在填报表之内 (行被插入或移动过?); {_RECOLLECT_ZH}",
                        "this row is not part of the workbook (inserted or moved?); "
                        + _RECOLLECT_EN,
                    )
                )
                break
    return problems


def _read_row(
    ws: Any, row: int, target: Target, plan: Plan, display: str
) -> tuple[Entry | None, list[Problem]]:
    """One target's row: an entry, nothing (an empty row), or its problems."""
    cells = {c: ws.cell(row=row, column=c) for c in (COL_VALUE, COL_DATE, COL_SOURCE, COL_NOTE)}
    if all(_blank(cell.value) for cell in cells.values()):
        return None, []
    problems: list[Problem] = []

    def report(column: int, zh: str, en: str) -> None:
        letter = "ABCDEFGHIJKL"[column - 1]
        problems.append(_problem(display, f"{DATA_SHEET}!{letter}{row}", zh, en))

    label = f"{target.name} ({target.id})"

    def read(
        column: int, reader: Callable[[Any], _T | tuple[str, str]], missing: tuple[str, str] | None
    ) -> _T | None:
        """The cell's value, or None after reporting why it is missing or wrong."""
        cell = cells[column]
        found = missing if _blank(cell.value) else reader(cell)
        if isinstance(found, tuple):
            report(column, f"{label}: {found[0]}", f"{label}: {found[1]}")
            return None
        return found

    value = read(
        COL_VALUE,
        lambda cell: _value_problem(_read_number(cell), target),
        ("缺少本期数值 (本行其他列已填写)", "the value is missing"),
    )
    day = read(COL_DATE, _read_date, ("缺少统计日期", "the date is missing"))
    source = read(
        COL_SOURCE,
        lambda cell: _read_text(cell.value, ("数据来源", "the source"), SOURCE_MAX),
        ("缺少数据来源 (必填)", "the source is missing"),
    )
    note = read(COL_NOTE, lambda cell: _read_text(cell.value, ("备注", "the note"), NOTE_MAX), None)
    if day is not None:
        problem = _date_problem(day, value, target, plan)
        if problem is not None:
            report(COL_DATE, f"{label}: {problem[0]}", f"{label}: {problem[1]}")
            day = None
    if problems or value is None or day is None or source is None:
        return None, problems
    return Entry(target.id, value, day, source, note, display, row), []


def _value_problem(number: Decimal | tuple[str, str], target: Target) -> Decimal | tuple[str, str]:
    if isinstance(number, tuple):
        return number
    if is_percent(target) and not Decimal(0) <= number <= Decimal(100):
        return (
            f"以 % 为单位的指标, 数值应在 0 到 100 之间, 实为 {number}",
            f"a % target's value must be between 0 and 100, not {number}",
        )
    if abs(number) > VALUE_LIMIT:
        return (f"数值过大: {number}", f"value too large: {number}")
    return number


def _date_problem(
    day: date, value: Decimal | None, target: Target, plan: Plan
) -> tuple[str, str] | None:
    period = plan.period
    if day not in period:
        return (
            (
                f"统计日期 {day} 不在方案期限 {format_span(period)}"
                f" ({period.start} 至 {period.end}) 之内"
            ),
            f"the date {day} is outside the plan period {period.start} to {period.end}",
        )
    if target.baseline is not None and day < target.baseline.date.start:
        return (
            f"统计日期 {day} 早于基线日期 {format_span(target.baseline.date)}",
            f"the date {day} is before the baseline date {target.baseline.date.start}",
        )
    last = latest_actual(target.actuals)
    if last is None or day > last.date.end:
        return None
    if last.date.start == last.date.end == day and value == last.value:
        return None  # the same value again: recognised as already recorded
    shown = format_span(last.date)
    return (
        (
            f"统计日期 {day} 不晚于该指标最近一次填报 ({shown}, 数值 {last.value});"
            " 新数据的日期应在其后 (更正已有数据请直接修改方案文件)"
        ),
        (
            f"the date {day} is not after the target's latest actual value ({last.date.end},"
            f" {last.value}); corrections go into the plan file directly"
        ),
    )


def merge(entries: Iterable[Entry]) -> tuple[list[Entry], list[Problem]]:
    """One entry per target and day; different values for the same one are a conflict."""
    kept: dict[tuple[str, date], Entry] = {}
    conflicts: dict[tuple[str, date], list[Entry]] = {}
    for entry in entries:
        key = (entry.target, entry.day)
        first = kept.get(key)
        if first is None:
            kept[key] = entry
        elif first.value != entry.value:
            conflicts.setdefault(key, [first]).append(entry)
    problems = []
    for key, clash in conflicts.items():
        del kept[key]
        places = "; ".join(f"{e.file} {e.where} = {e.value}" for e in clash)
        problems.append(
            _problem(
                clash[-1].file,
                clash[-1].where,
                f"指标 {key[0]} 在 {key[1]} 的数值在不同填报表中不一致: {places}",
                f"target {key[0]} has different values for {key[1]}: {places}",
            )
        )
    return sorted(kept.values(), key=lambda e: (e.target, e.day)), problems
