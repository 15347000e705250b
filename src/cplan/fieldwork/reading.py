"""Reading filled-in data-entry workbooks back: entries, and problems named by cell.

Each workbook is matched to the plan through its very hidden ``_cplan`` sheet: the plan
id, the sha256 of the plan file it was made from (any change to the file since ``cplan
collect`` refuses the workbook), and the row of every target on ``指标`` (a row deleted,
inserted or moved refuses the workbook). Then every filled row is checked cell by cell;
problems are named ``指标!J7``. Values for the same target and day from several
workbooks are merged; different ones are a conflict.

Workbooks come from outside the office, so they are read as hostile input:

* bounds first, from the zip's directory alone (:func:`_bounds_problem`): file size,
  number of parts, each part's and the total uncompressed size, compression ratio;
* then openpyxl in read-only mode, reading only ``_cplan`` and ``指标`` and only the rows
  cplan wrote (plus :data:`EXTRA_ROWS` below them, to notice typed-in rows): a cell far
  down the sheet costs nothing;
* the row map must be exactly what ``cplan collect`` writes for the sheet's unit, so a
  sheet cannot report another unit's targets, and forged rows are refused by message;
* when the repository has a fieldwork key, the sheet's signature must verify
  (:mod:`cplan.fieldwork.signing`);
* formulas (external links included) in input cells, text over 32,767 characters and
  control or invisible characters are refused, by cell.
"""

from __future__ import annotations

import re
import warnings
import zlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from cplan.compute.targets import latest_actual
from cplan.errors import CplanError
from cplan.fieldwork.collect import (
    COL_DATE,
    COL_ID,
    COL_NOTE,
    COL_SOURCE,
    COL_VALUE,
    DATA_SHEET,
    FIRST_ROW,
    FORMAT_TAG,
    META_SHEET,
    NOTE_MAX,
    SOURCE_MAX,
    TARGET_COLUMNS,
    VALUE_LIMIT,
    is_percent,
    row_map,
    signed_fields,
    unit_targets,
)
from cplan.fsio import note_input
from cplan.model import Plan, Target
from cplan.model.values import format_span, normalize_text, parse_date
from cplan.read.zipbounds import MIB, ZipLimits, oversize
from cplan.safetext import has_hidden, visible

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
        """``file: 指标!J7: message``, one line: cell text and file names can hold
        anything, so hidden characters are shown escaped (:mod:`cplan.safetext`)."""
        message = self.en if lang == "en" else self.zh
        place = f"{self.file}: {self.where}" if self.where else self.file
        return visible(f"{place}: {message}")


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
    if has_hidden(text):
        return (
            f"{label[0]}含有控制字符或不可见字符 (如 {visible(_first_hidden(text))})",
            f"{label[1]} contains a control or invisible character ({visible(_first_hidden(text))})",
        )
    if len(text) > limit:
        return (f"{label[0]}不能超过 {limit} 字", f"{label[1]} is longer than {limit} characters")
    return text


def _first_hidden(text: str) -> str:
    return next((char for char in text if has_hidden(char)), "")


# -- bounds: checked on the zip before anything in it is parsed --------------------------------

#: Largest workbook file read. A workbook of 500 targets from ``cplan collect`` is ~60 KB.
MAX_WORKBOOK_BYTES = 10 * MIB
#: Most members in the zip.
MAX_MEMBERS = 500
#: Largest sum of the members' uncompressed sizes, and largest single member.
MAX_UNCOMPRESSED = 24 * MIB
MAX_MEMBER = 8 * MIB
#: Largest ratio of a member's uncompressed to compressed size (for members over 1 MiB).
MAX_RATIO = 100
#: Most XML tags (``<``) in one part: parsing costs in proportion to the elements, not the
#: bytes (a row of 400,000 empty cells is 8 MB). Worksheets, shared strings, the rest.
MAX_TAGS_SHEET = 50_000
MAX_TAGS_STRINGS = 30_000
MAX_TAGS_OTHER = 12_000
#: Longest text in a cell (Excel's own limit).
MAX_CELL = 32_767
#: Rows below the last target row that are read, to notice values typed into them.
EXTRA_ROWS = 100


def _bounds_problem(path: Path) -> tuple[str, str] | None:
    """Why a workbook is too big to open: judged from the zip's directory, then from a
    count of the elements in each XML part (decompressed within the bounds just checked)."""
    import zipfile

    try:
        size = path.stat().st_size
    except OSError:
        return None  # the loader reports it
    if size > MAX_WORKBOOK_BYTES:
        return (
            f"文件过大 ({size} 字节, 最多 {MAX_WORKBOOK_BYTES} 字节)",
            f"the file is too large ({size} bytes, at most {MAX_WORKBOOK_BYTES})",
        )
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            found = _sizes_problem(members) or _elements_problem(archive, members)
    except (zipfile.BadZipFile, OSError, ValueError, EOFError, RuntimeError, zlib.error):
        return None  # not a zip (or a broken one): the loader says it cannot be read
    return found


_WORKBOOK_LIMITS = ZipLimits(
    parts=MAX_MEMBERS, uncompressed=MAX_UNCOMPRESSED, ratio=MAX_RATIO, part=MAX_MEMBER
)


def _sizes_problem(members: list[Any]) -> tuple[str, str] | None:
    problem = oversize(members, _WORKBOOK_LIMITS)
    if problem is None:
        return None
    if problem.kind == "parts":
        return (
            f"压缩包内文件过多 ({problem.count} 个, 最多 {MAX_MEMBERS} 个)",
            f"too many parts in the zip ({problem.count}, at most {MAX_MEMBERS})",
        )
    if problem.kind == "part":
        return (
            (
                f"压缩包内的 {problem.name} 解压后过大 ({problem.size} 字节,"
                f" 压缩比 {problem.ratio:.0f}), 不是正常的填报表"
            ),
            (
                f"{problem.name} in the zip is too large once decompressed"
                f" ({problem.size} bytes, ratio {problem.ratio:.0f}): not a normal workbook"
            ),
        )
    return (
        f"解压后总大小过大 ({problem.size} 字节, 最多 {MAX_UNCOMPRESSED} 字节)",
        f"too large once decompressed ({problem.size} bytes, at most {MAX_UNCOMPRESSED})",
    )


def _elements_problem(archive: Any, members: list[Any]) -> tuple[str, str] | None:
    """Too many XML elements in a part for openpyxl to parse quickly (counted on the
    decompressed bytes, whose size is already bounded)."""
    for member in members:
        name = member.filename.lower()
        if not name.endswith((".xml", ".rels")):
            continue
        if "worksheets/" in name:
            limit = MAX_TAGS_SHEET
        elif name.endswith("sharedstrings.xml"):
            limit = MAX_TAGS_STRINGS
        else:
            limit = MAX_TAGS_OTHER
        tags = archive.read(member).count(b"<")
        if tags > limit:
            return (
                f"压缩包内的 {member.filename} 元素过多 ({tags} 个, 最多 {limit} 个), 不是正常的填报表",
                (
                    f"{member.filename} in the zip has too many elements ({tags}, at most"
                    f" {limit}): not a normal workbook"
                ),
            )
    return None


def _load(path: Path) -> Any:
    """The workbook in read-only mode: sheets are parsed only when read, row by row, and
    formulas come as formulas (``data_only=False``), not as the values cached with them."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)


@dataclass
class _Sheet:
    """What ``_cplan`` says of a workbook."""

    meta: dict[str, str]
    rows: list[tuple[str, int, str]]  # (sheet, row, target id)


def _meta(ws: Any, limit: int) -> _Sheet | None:
    """``_cplan``'s pairs and row map (its first ``limit`` rows), or None if any value is
    not of the type cplan wrote (text, or a whole number for a row)."""
    meta: dict[str, str] = {}
    rows: list[tuple[str, int, str]] = []
    in_rows = False
    for found in ws.iter_rows(min_row=1, max_row=limit, min_col=1, max_col=3, values_only=True):
        key, value, target = (*found, None, None, None)[:3]
        if any(isinstance(v, str) and len(v) > MAX_CELL for v in (key, value, target)):
            return None
        if key == "sheet" and value == "row":
            in_rows = True
        elif in_rows and key is not None:
            if not (
                isinstance(key, str)
                and type(value) is int
                and isinstance(target, str)
                and 0 < value <= 1_048_576
            ):
                return None
            rows.append((key, value, target))
        elif not in_rows and key is not None:
            if not isinstance(key, str) or not (value is None or isinstance(value, str)):
                return None
            meta[key] = value or ""
    return _Sheet(meta, rows)


@dataclass
class Reading:
    """What one workbook gave: entries, problems, and whether its signature went
    unchecked (signed, but this repository has no key to check it with)."""

    entries: list[Entry]
    problems: list[Problem]
    unverified: bool = False


def read_workbook(
    path: Path, display: str, plan: Plan, digest: str, key: bytes | None = None
) -> Reading:
    """The filled rows of one workbook as entries, and every problem found in it.

    A problem with the workbook as a whole (too big, not from cplan, another plan or
    version of the plan, another unit's rows, a missing or wrong signature when ``key``
    is given, a renamed sheet, moved rows) gives no entries at all.
    """
    note_input(path)
    bounds = _bounds_problem(path)
    if bounds is not None:
        return Reading([], [_problem(display, "", *bounds)])
    try:
        wb = _load(path)
    except Exception as error:  # noqa: BLE001 - whatever openpyxl chokes on, the file is unreadable
        return Reading([], [_unreadable(display, error)])
    try:
        return _read(wb, display, plan, digest, key)
    except Exception as error:  # noqa: BLE001 - a sheet openpyxl cannot parse
        return Reading([], [_unreadable(display, error)])
    finally:
        wb.close()


def _unreadable(display: str, error: Exception) -> Problem:
    return _problem(
        display,
        "",
        f"无法读取, 不是有效的 .xlsx 文件 ({type(error).__name__})",
        f"cannot be read as an .xlsx file ({type(error).__name__})",
    )


def _read(wb: Any, display: str, plan: Plan, digest: str, key: bytes | None) -> Reading:
    if META_SHEET not in wb.sheetnames:
        return Reading(
            [],
            [
                _problem(
                    display,
                    "",
                    "不是由 cplan collect 生成的填报表 (缺少隐藏的 _cplan 工作表), 无法与方案对应",
                    "not a workbook made by cplan collect (no hidden _cplan sheet)",
                )
            ],
        )
    sheet = _meta(wb[META_SHEET], limit=len(plan.targets) + 16)
    if sheet is None or sheet.meta.get("format") != FORMAT_TAG:
        return Reading(
            [],
            [
                _problem(
                    display,
                    f"{META_SHEET}",
                    f"_cplan 工作表已损坏或格式不同; {_RECOLLECT_ZH}",
                    f"the _cplan sheet is damaged or of another format; {_RECOLLECT_EN}",
                )
            ],
        )
    plan_id = sheet.meta.get("plan_id", "")
    if plan_id != plan.id:
        return Reading(
            [],
            [
                _problem(
                    display,
                    "",
                    f"此表属于方案 {_show(plan_id)}, 不是 {plan.id}; 请用对应方案的填报表",
                    f"this workbook belongs to plan {_show(plan_id)}, not {plan.id}",
                )
            ],
        )
    if sheet.meta.get("plan_hash") != digest:
        return Reading(
            [],
            [
                _problem(
                    display,
                    "",
                    "此表由另一版本的方案生成 (生成填报表后方案文件有改动), 不能导入;"
                    f" {_RECOLLECT_ZH}, 请填报人按新表重新填写",
                    "this workbook was made from another version of the plan (the plan file"
                    f" changed since); {_RECOLLECT_EN}",
                )
            ],
        )
    targets, trouble = _issued(sheet, plan, display)
    if trouble:
        return Reading([], trouble)
    unit = sheet.meta.get("unit", "")
    signed = sheet.meta.get("signature", "")
    if key is not None:
        trouble = _signature_problems(key, sheet, plan.id, digest, unit, display)
        if trouble:
            return Reading([], trouble)
    if DATA_SHEET not in wb.sheetnames:
        shown = ", ".join(_show(name) for name in wb.sheetnames if name != META_SHEET)
        return Reading(
            [],
            [
                _problem(
                    display,
                    "",
                    f"找不到工作表 “{DATA_SHEET}” (被改名或删除了? 现有: {shown}); 请改回原名或{_RECOLLECT_ZH}",
                    f"no sheet “{DATA_SHEET}” (renamed or deleted? found: {shown})",
                )
            ],
        )
    last = FIRST_ROW + len(targets) - 1
    grid = _rows(wb[DATA_SHEET], last + EXTRA_ROWS)
    problems = _check_layout(grid, sheet, last, display)
    if problems:
        return Reading([], problems)
    entries: list[Entry] = []
    for _, row, target_id in sheet.rows:
        entry, found = _read_row(grid.get(row, {}), row, targets[target_id], plan, display)
        problems += found
        if entry is not None:
            entries.append(entry)
    return Reading(entries, problems, unverified=key is None and bool(signed))


def _issued(sheet: _Sheet, plan: Plan, display: str) -> tuple[dict[str, Target], list[Problem]]:
    """The targets the workbook was issued for, if its row map is exactly what ``cplan
    collect`` writes for its unit; else the problem. A sheet written for one unit cannot
    report another's targets, and a forged row (0, -5, 2,000,000) is refused."""
    unit = sheet.meta.get("unit", "")
    try:
        chosen = unit_targets(plan, unit or None)
    except CplanError:
        return {}, [
            _problem(
                display,
                META_SHEET,
                f"此表的填报单位 “{_show(unit)}” 不在方案中或没有负责的指标; {_RECOLLECT_ZH}",
                f"the workbook's unit “{_show(unit)}” is not in the plan or owns no target;"
                f" {_RECOLLECT_EN}",
            )
        ]
    expected = row_map([(FIRST_ROW + i, t.id) for i, t in enumerate(chosen)])
    if sheet.rows != expected:
        who = f"单位 {_show(unit)}" if unit else "全部单位"
        who_en = f"unit {_show(unit)}" if unit else "all units"
        return {}, [
            _problem(
                display,
                META_SHEET,
                f"_cplan 中的行对照与方案为{who}生成的填报表不符 (行号或指标被改动); {_RECOLLECT_ZH}",
                f"the _cplan row map is not the one cplan collect writes for {who_en}"
                f" (rows or targets were changed); {_RECOLLECT_EN}",
            )
        ]
    return {t.id: t for t in chosen}, []


def _signature_problems(
    key: bytes, sheet: _Sheet, plan_id: str, digest: str, unit: str, display: str
) -> list[Problem]:
    from cplan.fieldwork.signing import verify

    got = sheet.meta.get("signature", "")
    if not got:
        return [
            _problem(
                display,
                META_SHEET,
                "此表没有签名: 不是在本仓库中由 cplan collect 生成的填报表, 不能导入;"
                " 请用本仓库 cplan collect 生成的表",
                "the workbook is not signed: it was not made by cplan collect in this"
                " repository; use a workbook made here",
            )
        ]
    if not verify(key, signed_fields(plan_id, digest, unit), sheet.rows, got):
        return [
            _problem(
                display,
                META_SHEET,
                "此表的签名不符: 方案、填报单位或行对照被改动过, 或不是在本仓库中生成的; 不能导入",
                "the workbook's signature does not match: its plan, unit or row map was"
                " changed, or it was not made in this repository",
            )
        ]
    return []


def _rows(ws: Any, last: int) -> dict[int, dict[int, Any]]:
    """Cells of rows 1..``last``, columns A–L, read once (row by row, in read-only mode)."""
    grid: dict[int, dict[int, Any]] = {}
    for number, cells in enumerate(
        ws.iter_rows(min_row=1, max_row=last, min_col=1, max_col=len(TARGET_COLUMNS)), start=1
    ):
        grid[number] = dict(enumerate(cells, start=1))
    return grid


def _value(row: dict[int, Any], column: int) -> Any:
    cell = row.get(column)
    return None if cell is None else cell.value


def _check_layout(
    grid: dict[int, dict[int, Any]], sheet: _Sheet, last: int, display: str
) -> list[Problem]:
    """The header and the row of every target are where ``_cplan`` says they are."""
    from openpyxl.utils import get_column_letter

    problems: list[Problem] = []
    header = grid.get(1, {})
    for column, (title, _) in enumerate(TARGET_COLUMNS, start=1):
        found = _value(header, column)
        if found != title:
            problems.append(
                _problem(
                    display,
                    f"{DATA_SHEET}!{get_column_letter(column)}1",
                    f"表头应为 “{title}”, 实为 “{_show(found or '')}” (列被插入、删除或移动过);"
                    f" {_RECOLLECT_ZH}",
                    f"the header should be “{title}”, found “{_show(found or '')}” (columns"
                    f" were inserted, deleted or moved); {_RECOLLECT_EN}",
                )
            )
    if problems:
        return problems
    for _, row, target_id in sheet.rows:
        found = _value(grid.get(row, {}), COL_ID)
        if found != target_id:
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
    for row in sorted(number for number in grid if number > last):
        for column in range(1, len(TARGET_COLUMNS) + 1):
            if not _blank(_value(grid[row], column)):
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


def _cell_problem(cell: Any) -> tuple[str, str] | None:
    """What makes an input cell unreadable whatever the target: a formula (its cached
    value could say anything, an external link included) or text over Excel's limit."""
    if getattr(cell, "data_type", None) == "f":
        return (
            "此格是公式 (或外部链接), 不能导入; 请直接填写数值或文字",
            "this cell holds a formula (or an external link); type the value itself",
        )
    value = cell.value
    if isinstance(value, str) and len(value) > MAX_CELL:
        return (
            f"文字过长 ({len(value)} 字符, Excel 单元格最多 {MAX_CELL} 字符)",
            f"the text is too long ({len(value)} characters, a cell holds at most {MAX_CELL})",
        )
    return None


def _read_row(
    row_cells: dict[int, Any], row: int, target: Target, plan: Plan, display: str
) -> tuple[Entry | None, list[Problem]]:
    """One target's row: an entry, nothing (an empty row), or its problems."""
    from openpyxl.cell.read_only import EMPTY_CELL

    cells = {c: row_cells.get(c, EMPTY_CELL) for c in (COL_VALUE, COL_DATE, COL_SOURCE, COL_NOTE)}
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
        unusable = _cell_problem(cell)
        found = unusable or (missing if _blank(cell.value) else reader(cell))
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
