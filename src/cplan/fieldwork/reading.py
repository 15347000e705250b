"""Reading filled-in data-entry workbooks back: entries, and problems named by cell.

Each workbook is matched to the plan through its very hidden ``_cplan`` sheet: the plan
id, the unit, and for every row its key and fingerprint (:mod:`cplan.fieldwork.rows`).
A row whose target, task or budget line has changed in the plan since the workbook was
made is refused by name; the rest of the workbook still counts, so sheets returned on
different days keep working while the plan moves on. Every filled row is checked cell by
cell; problems are named ``指标!J7``. Values from several workbooks are merged; different
values for the same target and day (task, payment) are a conflict.

Workbooks come from outside the office, so they are read as hostile input:

* bounds first, from the zip's directory alone (:func:`_bounds_problem`): file size,
  number of parts, each part's and the total uncompressed size, compression ratio;
* then openpyxl in read-only mode, reading only ``_cplan`` and the data sheets it names,
  and only the rows cplan wrote (plus :data:`EXTRA_ROWS` below them, to notice typed-in
  rows): a cell far down the sheet costs nothing;
* the row map must have the shape ``cplan collect`` writes, and every row must belong to
  the sheet's unit, so a sheet cannot report another unit's targets;
* when the repository has a fieldwork key, the sheet's signature must verify
  (:mod:`cplan.fieldwork.signing`);
* formulas (external links included) in input cells, text over 32,767 characters and
  control or invisible characters are refused, by cell; a bare number in a date cell is
  refused (date cells are written in the General format, so a typed date becomes a date).
"""

from __future__ import annotations

import re
import warnings
from collections import Counter
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, TypeVar

from cplan.compute.figures import PlanFigures
from cplan.compute.targets import latest_actual
from cplan.fieldwork.collect import (
    COL_DATE,
    COL_FUNDER,
    COL_NOTE,
    COL_NUMBER,
    COL_PURPOSE,
    COL_RECEIVED,
    COL_RECEIVED_DAY,
    COL_RECEIVED_DOC,
    COL_SOURCE,
    COL_SPENT,
    COL_SPENT_DAY,
    COL_SPENT_DOC,
    COL_STATE,
    COL_STATE_DAY,
    COL_VALUE,
    COLUMNS,
    DOCUMENT_MAX,
    FIRST_ROW,
    FORMAT_TAG,
    HEADER_ROW,
    META_SHEET,
    MONEY_LIMIT,
    MONEY_ROWS,
    NOTE_MAX,
    OLD_FORMATS,
    SIGN_GAP,
    SIGN_ROWS,
    SOURCE_MAX,
    VALUE_LIMIT,
    example_day,
    funder_choices,
    header_titles,
    is_percent,
    signed_fields,
    states,
    words,
)
from cplan.fieldwork.rows import (
    MONEY_SHEET,
    TARGETS_SHEET,
    TASKS_SHEET,
    Asked,
    CollectError,
    MoneySlot,
    TargetRow,
    TaskRow,
    asked_of,
)
from cplan.fsio import note_input
from cplan.messages import LANGS, render_message
from cplan.model import Plan, Target
from cplan.model.values import format_span, normalize_text, parse_date
from cplan.read.zipbounds import MIB, ZIP_ERRORS, ZipLimits, oversize
from cplan.safetext import has_hidden, visible

DATA_SHEET = TARGETS_SHEET
_NUMBER = re.compile(r"[-+]?[0-9]+(?:\.[0-9]+)?")
_GROUPED = re.compile(r"[-+]?[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?")
_FEN = Decimal("0.01")
_T = TypeVar("_T")
#: An input cell's complaint: a catalogue key and its arguments.
Msg = tuple[str, dict[str, object]]


def _msg(key: str, **args: object) -> Msg:
    return (f"fieldwork.{key}", args)


@dataclass(frozen=True)
class Problem:
    """Something wrong with a workbook or one of its cells: a catalogue key and its
    arguments, shown in either language (an argument ``sheet.…`` is the workbook's own
    word for it, a header or a state, in that language)."""

    file: str
    where: str  # "指标!J7", or "" for the whole workbook
    key: str
    args: Mapping[str, object] = field(default_factory=dict)
    label: str = ""  # the row's target, task or budget line

    def message(self, lang: str = "zh") -> str:
        args = {
            name: words(value, lang)
            if isinstance(value, str) and value.startswith("sheet.")
            else value
            for name, value in self.args.items()
        }
        return render_message(self.key, args, lang)

    @property
    def zh(self) -> str:
        return self.message("zh")

    @property
    def en(self) -> str:
        return self.message("en")

    def text(self, lang: str = "zh") -> str:
        """``file：指标!J7：label：message`` (``: `` in English), one line: cell text and file names can hold
        anything, so hidden characters are shown escaped (:mod:`cplan.safetext`)."""
        sep = ": " if lang == "en" else "："
        label = self.label
        if lang != "en" and label.endswith(")") and " (" in label:  # name (where) → name（where）
            name, _, where = label[:-1].rpartition(" (")
            label = f"{name}（{where}）"
        parts = [self.file, self.where, label, self.message(lang)]
        return visible(sep.join(part for part in parts if part))


def _problem(file: str, where: str, found: Msg, label: str = "") -> Problem:
    return Problem(file, where, found[0], found[1], label)


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


@dataclass(frozen=True)
class TaskMark:
    """A task reported done (``done``, with the day it was done) or under way
    (``started``, with the day it started)."""

    phase: str
    position: int  # from 1
    state: str
    day: date
    label: str
    file: str
    row: int

    @property
    def key(self) -> str:
        return f"{self.phase}#{self.position}"

    @property
    def where(self) -> str:
        return f"{TASKS_SHEET}!G{self.row}"


@dataclass(frozen=True)
class MoneyEntry:
    """One receipt (``received``: funder, amount, day, document) or payment (``spent``:
    amount, day, voucher, purpose) for a budget line (and a unit of a per-unit line)."""

    kind: str
    line: str
    unit: str | None
    funder: str | None
    amount: Decimal
    day: date
    document: str | None
    note: str | None
    file: str
    row: int

    @property
    def where(self) -> str:
        column = "F" if self.kind == "received" else "I"
        return f"{MONEY_SHEET}!{column}{self.row}"

    @property
    def identity(self) -> tuple[object, ...]:
        """What makes two records the same record."""
        return (
            self.kind,
            self.line,
            self.unit,
            self.funder,
            self.amount,
            self.day,
            self.document,
            self.note,
        )

    @property
    def place(self) -> tuple[object, ...]:
        """What names one payment whatever its amount: the document it was made on."""
        return (self.kind, self.line, self.unit, self.funder, self.day, self.document)

    def shown(self, lang: str = "zh") -> str:
        """``b-meals shitang 到位 qu-caizheng 125000.00 (2025-03-20, 文号)``."""
        kind = render_message(f"note.update_{self.kind}", {}, lang)
        parts = [self.line, self.unit or "", kind, self.funder or "", format(self.amount, "f")]
        extra = ", ".join(p for p in (self.day.isoformat(), self.document) if p)
        return " ".join(p for p in parts if p) + f" ({extra})"


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


def _cell_number(cell: Any) -> Decimal | Msg:
    """A cell's number as typed (a % cell as its percent figure), or why it is not one."""
    value = cell.value
    if isinstance(value, bool):
        return _msg("number_bool")
    if isinstance(value, datetime | date):
        return _msg("number_date", found=_show(value))
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
            return _msg("number_text", found=_show(value))
        number = Decimal(text)
    else:
        return _msg("number_other", found=_show(value))
    if not number.is_finite():
        return _msg("number_bad")
    return number


def _read_number(cell: Any) -> Decimal | Msg:
    number = _cell_number(cell)
    if isinstance(number, tuple):
        return number
    try:
        return _canonical(number)
    except InvalidOperation:
        return _msg("number_huge")


def _read_money(cell: Any) -> Decimal | Msg:
    """An amount in yuan: a number ≥ 0 with at most two decimals, exact (a float from the
    cell is read through its shortest repr, never its binary value), as ``125000.00``."""
    value = cell.value
    shown_percent = "%" in str(cell.number_format or "").replace('"%"', "")
    typed_percent = isinstance(value, str) and value.strip().endswith("%")
    if typed_percent or (shown_percent and not isinstance(value, str)):
        return _msg("money_percent")
    number = _cell_number(cell)
    if isinstance(number, tuple):
        return number
    if number < 0:
        return _msg("money_negative", found=_show(value))
    if number > MONEY_LIMIT:
        return _msg("value_too_large", value=_show(value))
    if number != number.quantize(_FEN):
        return _msg("money_decimals", found=_show(value))
    return number.quantize(_FEN)


def _read_date(cell: Any, example: str) -> date | Msg:
    value = cell.value
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if isinstance(value, (bool, int | float | Decimal)):
        return _msg("date_number", found=_show(value), example=example)
    if isinstance(value, str):
        text = normalize_text(value)
        try:
            span = parse_date(text)
        except Exception:  # noqa: BLE001 - any parse failure is the same message
            span = None
        if span is not None and span.start == span.end:
            return span.start
        if span is not None:
            return _msg("date_span", found=_show(value), example=example)
    return _msg("date_bad", found=_show(value), example=example)


def _read_text(value: object, label: str, limit: int) -> str | Msg:
    if isinstance(value, datetime | date):
        value = _show(value)
    elif isinstance(value, float):
        value = repr(value)
    text = str(value).strip()
    if "\n" in text or "\r" in text:
        return _msg("text_newline", field=label)
    if has_hidden(text):
        return _msg("text_hidden", field=label, char=visible(_first_hidden(text)))
    if len(text) > limit:
        return _msg("text_long", field=label, limit=limit)
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


def _bounds_problem(path: Path) -> Msg | None:
    """Why a workbook is too big to open: judged from the zip's directory, then from a
    count of the elements in each XML part (decompressed within the bounds just checked)."""
    import zipfile

    try:
        size = path.stat().st_size
    except OSError:
        return None  # the loader reports it
    if size > MAX_WORKBOOK_BYTES:
        return _msg("too_large", size=size, limit=MAX_WORKBOOK_BYTES)
    try:
        with zipfile.ZipFile(path) as archive:
            members = archive.infolist()
            found = _sizes_problem(members) or _elements_problem(archive, members)
    except ZIP_ERRORS:
        return None  # not a zip (or a broken one): the loader says it cannot be read
    return found


_WORKBOOK_LIMITS = ZipLimits(
    parts=MAX_MEMBERS, uncompressed=MAX_UNCOMPRESSED, ratio=MAX_RATIO, part=MAX_MEMBER
)


def _sizes_problem(members: list[Any]) -> Msg | None:
    problem = oversize(members, _WORKBOOK_LIMITS)
    if problem is None:
        return None
    if problem.kind == "parts":
        return _msg("too_many_parts", count=problem.count, limit=MAX_MEMBERS)
    if problem.kind == "part":
        return _msg(
            "part_too_large", what=problem.name, size=problem.size, ratio=f"{problem.ratio:.0f}"
        )
    return _msg("total_too_large", size=problem.size, limit=MAX_UNCOMPRESSED)


def _elements_problem(archive: Any, members: list[Any]) -> Msg | None:
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
            return _msg("too_many_elements", what=member.filename, count=tags, limit=limit)
    return None


def _load(path: Path) -> Any:
    """The workbook in read-only mode: sheets are parsed only when read, row by row, and
    formulas come as formulas (``data_only=False``), not as the values cached with them."""
    from openpyxl import load_workbook

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # openpyxl warns about extensions it drops
        return load_workbook(path, read_only=True, data_only=False, keep_links=False)


#: One row of ``_cplan``'s row map: (sheet, row, key, fingerprint).
MetaRow = tuple[str, int, str, str]


@dataclass
class _Meta:
    """What ``_cplan`` says of a workbook."""

    pairs: dict[str, str]
    rows: list[MetaRow]


def _meta(ws: Any, limit: int) -> _Meta | None:
    """``_cplan``'s pairs and row map (its first ``limit`` rows), or None if any value is
    not of the type cplan wrote (text, or a whole number for a row)."""
    pairs: dict[str, str] = {}
    rows: list[MetaRow] = []
    in_rows = False
    for found in ws.iter_rows(min_row=1, max_row=limit, min_col=1, max_col=4, values_only=True):
        name, value, item, print_ = (*found, None, None, None, None)[:4]
        if any(isinstance(v, str) and len(v) > MAX_CELL for v in (name, value, item, print_)):
            return None
        if name == "sheet" and value == "row":
            in_rows = True
        elif in_rows and name is not None:
            if not (
                isinstance(name, str)
                and type(value) is int
                and isinstance(item, str)
                and isinstance(print_, str)
                and 0 < value <= 1_048_576
            ):
                return None
            rows.append((name, value, item, print_))
        elif not in_rows and name is not None:
            if not isinstance(name, str) or not (value is None or isinstance(value, str)):
                return None
            pairs[name] = value or ""
    return _Meta(pairs, rows)


@dataclass
class Reading:
    """What one workbook gave: entries, problems, and whether its signature went
    unchecked (signed, but this repository has no key to check it with)."""

    entries: list[Entry]
    problems: list[Problem]
    unverified: bool = False
    tasks: list[TaskMark] = field(default_factory=list)
    money: list[MoneyEntry] = field(default_factory=list)


def read_workbook(
    path: Path,
    display: str,
    plan: Plan,
    key: bytes | None = None,
    figures: PlanFigures | None = None,
) -> Reading:
    """The filled rows of one workbook as entries, and every problem found in it.

    A problem with the workbook as a whole (too big, not from cplan, another plan, an
    unknown unit, a missing or wrong signature when ``key`` is given, a renamed sheet,
    moved rows) gives no entries at all; a row whose item changed in the plan since is
    refused alone.
    """
    note_input(path)
    bounds = _bounds_problem(path)
    if bounds is not None:
        return Reading([], [_problem(display, "", bounds)])
    try:
        wb = _load(path)
    except Exception as error:  # noqa: BLE001 - whatever openpyxl chokes on, the file is unreadable
        return Reading([], [_unreadable(display, error)])
    try:
        return _Reader(wb, display, plan, figures or PlanFigures(plan)).read(key)
    except Exception as error:  # noqa: BLE001 - a sheet openpyxl cannot parse
        return Reading([], [_unreadable(display, error)])
    finally:
        wb.close()


def _unreadable(display: str, error: Exception) -> Problem:
    return _problem(display, "", _msg("unreadable", kind=type(error).__name__))


def _rows_limit(plan: Plan) -> int:
    """How many rows of ``_cplan`` are read: enough for any workbook of this plan (and
    of a somewhat larger earlier version of it)."""
    lines = len(plan.budget.lines) if plan.budget else 0
    tasks = sum(len(phase.tasks) for phase in plan.phases)
    return 2 * (len(plan.targets) + tasks + lines * (len(plan.units) + 1)) + 64


def _step(sheet: str) -> int:
    return MONEY_ROWS if sheet == MONEY_SHEET else 1


def _shape_ok(rows: list[MetaRow]) -> bool:
    """Rows grouped by sheet in cplan's sheet order, each from row 2 without gaps."""
    order = list(COLUMNS)
    seen: list[str] = []
    expected = FIRST_ROW
    for sheet, row, _, _ in rows:
        if sheet not in COLUMNS:
            return False
        if not seen or seen[-1] != sheet:
            if sheet in seen or (seen and order.index(sheet) < order.index(seen[-1])):
                return False
            seen.append(sheet)
            expected = FIRST_ROW
        if row != expected:
            return False
        expected += _step(sheet)
    return True


class _Reader:
    """One workbook being read (the workbook open, the plan's current rows at hand)."""

    def __init__(self, wb: Any, display: str, plan: Plan, figures: PlanFigures) -> None:
        self.wb = wb
        self.display = display
        self.plan = plan
        self.figures = figures
        self.example = example_day(plan.period).isoformat()
        self.problems: list[Problem] = []
        self.lang = "zh"

    def whole(self, found: Msg, where: str = "") -> Reading:
        return Reading([], [_problem(self.display, where, found)])

    def read(self, key: bytes | None) -> Reading:
        if META_SHEET not in self.wb.sheetnames:
            return self.whole(_msg("not_cplan"))
        meta = _meta(self.wb[META_SHEET], limit=_rows_limit(self.plan))
        if meta is not None and meta.pairs.get("format") in OLD_FORMATS:
            return self.whole(_msg("old_format"))
        if (
            meta is None
            or meta.pairs.get("format") != FORMAT_TAG
            or meta.pairs.get("lang") not in LANGS
            or not _shape_ok(meta.rows)
        ):
            return self.whole(_msg("meta_damaged"), META_SHEET)
        self.lang = meta.pairs["lang"]
        plan_id = meta.pairs.get("plan_id", "")
        if plan_id != self.plan.id:
            return self.whole(_msg("other_plan", found=_show(plan_id), plan=self.plan.id))
        unit = meta.pairs.get("unit", "")
        asked = self._asked(unit)
        if asked is None:
            return self.whole(_msg("bad_unit", unit=_show(unit)), META_SHEET)
        signed = meta.pairs.get("signature", "")
        if key is not None:
            trouble = _signature_problem(key, meta, self.plan.id, unit, self.lang)
            if trouble is not None:
                return self.whole(trouble, META_SHEET)
        reading = Reading([], [], unverified=key is None and bool(signed))
        grids: dict[str, dict[int, dict[int, Any]]] = {}
        for sheet in dict.fromkeys(row[0] for row in meta.rows):
            mine = [row for row in meta.rows if row[0] == sheet]
            if sheet not in self.wb.sheetnames:
                shown = ", ".join(_show(n) for n in self.wb.sheetnames if n != META_SHEET)
                return self.whole(_msg("no_sheet", sheet=sheet, found=shown))
            last = mine[-1][1] + _step(sheet) - 1
            grid = _rows(self.wb[sheet], last + EXTRA_ROWS, len(COLUMNS[sheet]))
            layout = self._layout(sheet, grid, mine, last)
            if layout:
                return Reading([], layout)
            grids[sheet] = grid
        for sheet, row, item, print_ in meta.rows:
            self._row(reading, sheet, grids[sheet], row, item, print_, asked)
        reading.problems += self.problems
        return reading

    def _asked(self, unit: str) -> Asked | None:
        try:
            return asked_of(self.plan, unit or None, self.figures)
        except CollectError as error:
            if error.key == "error.collect_no_unit":
                return None
            return Asked(unit, (), (), ())

    def _layout(
        self, sheet: str, grid: dict[int, dict[int, Any]], mine: list[MetaRow], last: int
    ) -> list[Problem]:
        """The header and every row are where ``_cplan`` says they are."""
        from openpyxl.utils import get_column_letter

        problems: list[Problem] = []
        header = grid.get(HEADER_ROW, {})
        for column, title in enumerate(header_titles(sheet, self.lang), start=1):
            found = _value(header, column)
            if found != title:
                problems.append(
                    _problem(
                        self.display,
                        f"{sheet}!{get_column_letter(column)}{HEADER_ROW}",
                        _msg("header", expected=title, found=_show(found or "")),
                    )
                )
        if problems:
            return problems
        for number, (_, row, _, _) in enumerate(mine, start=1):
            # 序号 on the row's first line; a budget slot's other lines are merged into it
            for offset in range(_step(sheet)):
                expected = number if offset == 0 else None
                found = _value(grid.get(row + offset, {}), COL_NUMBER)
                if not _same_number(found, expected):
                    shown = _show("" if found is None else found)
                    wrong = (
                        _msg("moved_row", expected=expected, found=shown)
                        if expected is not None
                        else _msg("moved_slot", found=shown)
                    )
                    problems.append(_problem(self.display, f"{sheet}!A{row + offset}", wrong))
                    break
        sign = range(last + SIGN_GAP + 1, last + SIGN_GAP + 1 + SIGN_ROWS)
        for row in sorted(number for number in grid if number > last and number not in sign):
            for column in range(1, len(COLUMNS[sheet]) + 1):
                if not _blank(_value(grid[row], column)):
                    problems.append(
                        _problem(
                            self.display,
                            f"{sheet}!{get_column_letter(column)}{row}",
                            _msg("stray_row"),
                        )
                    )
                    break
        return problems

    def _row(
        self,
        reading: Reading,
        sheet: str,
        grid: dict[int, dict[int, Any]],
        row: int,
        item: str,
        print_: str,
        asked: Asked,
    ) -> None:
        from openpyxl.cell.read_only import EMPTY_CELL

        span = range(row, row + _step(sheet))
        inputs = [
            column for column, (_, is_input) in enumerate(COLUMNS[sheet], start=1) if is_input
        ]
        cells = {(r, c): grid.get(r, {}).get(c, EMPTY_CELL) for r in span for c in inputs}
        if all(_blank(cell.value) for cell in cells.values()):
            return
        current = asked.by_key(sheet).get(item)
        if current is None or current.fingerprint != print_:
            first = min(cells, key=lambda rc: (rc[0], rc[1]))
            where = f"{sheet}!{_letter(first[1])}{first[0]}"
            found = _msg("row_gone", item=item) if current is None else _msg("row_changed")
            self.problems.append(
                _problem(self.display, where, found, current.label if current else "")
            )
            return
        if isinstance(current, TargetRow):
            entry = self._target(cells, row, current.target)
            if entry is not None:
                reading.entries.append(entry)
        elif isinstance(current, TaskRow):
            mark = self._task(cells, row, current)
            if mark is not None:
                reading.tasks.append(mark)
        else:
            for r in span:
                reading.money += self._money(cells, r, current)

    # -- cells -----------------------------------------------------------------------

    def _read(
        self,
        cells: Mapping[tuple[int, int], Any],
        at: tuple[int, int],
        reader: Callable[[Any], _T | Msg],
        missing: str | None,
        label: str,
        sheet: str,
    ) -> _T | None:
        """The cell's value, or None after reporting why it is missing or wrong
        (``missing``: the header key of a required cell)."""
        cell = cells[at]
        if _blank(cell.value):
            if missing is not None:
                self._report(sheet, at, _msg("missing", field=missing), label)
            return None
        found = _cell_problem(cell) or reader(cell)
        if isinstance(found, tuple):
            self._report(sheet, at, found, label)
            return None
        return found

    def _report(self, sheet: str, at: tuple[int, int], found: Msg, label: str) -> None:
        where = f"{sheet}!{_letter(at[1])}{at[0]}"
        self.problems.append(_problem(self.display, where, found, label))

    def _day(self, cell: Any) -> date | Msg:
        day = _read_date(cell, self.example)
        if isinstance(day, date) and day not in self.plan.period:
            period = self.plan.period
            return _msg(
                "date_outside",
                field="sheet.col.day",
                day=day.isoformat(),
                period=format_span(period),
                start=period.start.isoformat(),
                end=period.end.isoformat(),
            )
        return day

    def _text(self, key: str, limit: int) -> Callable[[Any], str | Msg]:
        return lambda cell: _read_text(cell.value, key, limit)

    def _target(
        self, cells: Mapping[tuple[int, int], Any], row: int, target: Target
    ) -> Entry | None:
        label = f"{target.name} ({target.id})"
        before = len(self.problems)
        value = self._read(
            cells,
            (row, COL_VALUE),
            lambda cell: _value_problem(_read_number(cell), target),
            "sheet.col.value",
            label,
            TARGETS_SHEET,
        )
        day = self._read(cells, (row, COL_DATE), self._day, "sheet.col.day", label, TARGETS_SHEET)
        source = self._read(
            cells,
            (row, COL_SOURCE),
            self._text("sheet.col.source", SOURCE_MAX),
            "sheet.col.source",
            label,
            TARGETS_SHEET,
        )
        note = self._read(
            cells,
            (row, COL_NOTE),
            self._text("sheet.col.note", NOTE_MAX),
            None,
            label,
            TARGETS_SHEET,
        )
        if day is not None:
            problem = _date_problem(day, value, target)
            if problem is not None:
                self._report(TARGETS_SHEET, (row, COL_DATE), problem, label)
                day = None
        if len(self.problems) > before or value is None or day is None or source is None:
            return None
        return Entry(target.id, value, day, source, note, self.display, row)

    def _task(
        self, cells: Mapping[tuple[int, int], Any], row: int, item: TaskRow
    ) -> TaskMark | None:
        before = len(self.problems)
        known = {word: state for lang in LANGS for word, state in states(lang).items()}

        def state_of(cell: Any) -> str | Msg:
            text = normalize_text(str(cell.value))
            return (
                known.get(text) or known.get(text.lower()) or _msg("state_bad", found=_show(text))
            )

        state = self._read(
            cells, (row, COL_STATE), state_of, "sheet.col.state", item.label, TASKS_SHEET
        )
        if state == "not_started":
            return None
        day = self._read(
            cells, (row, COL_STATE_DAY), self._day, "sheet.col.state_day", item.label, TASKS_SHEET
        )
        if len(self.problems) > before or state is None or day is None:
            return None
        return TaskMark(item.phase.id, item.position, state, day, item.label, self.display, row)

    def _money(
        self, cells: Mapping[tuple[int, int], Any], row: int, slot: MoneySlot
    ) -> list[MoneyEntry]:
        found: list[MoneyEntry] = []
        names = dict(zip(funder_choices(self.plan, slot), slot.funders, strict=True))
        names |= {f: f for f in slot.funders}

        def funder_of(cell: Any) -> str | Msg:
            text = normalize_text(str(cell.value))
            if text in names:
                return names[text]
            choices = "、".join(funder_choices(self.plan, slot))
            return _msg("funder_bad", found=_show(text), choices=choices)

        for kind, columns in (
            ("received", (COL_FUNDER, COL_RECEIVED, COL_RECEIVED_DAY, COL_RECEIVED_DOC)),
            ("spent", (None, COL_SPENT, COL_SPENT_DAY, COL_SPENT_DOC, COL_PURPOSE)),
        ):
            used = [c for c in columns if c is not None]
            if all(_blank(cells[(row, c)].value) for c in used):
                continue
            before = len(self.problems)
            funder_column, amount_column, day_column, doc_column = columns[:4]
            funder = None
            if funder_column is not None:
                funder = self._read(
                    cells,
                    (row, funder_column),
                    funder_of,
                    "sheet.col.funder",
                    slot.label,
                    MONEY_SHEET,
                )
            amount = self._read(
                cells,
                (row, amount_column),
                _read_money,
                f"sheet.col.{kind}",
                slot.label,
                MONEY_SHEET,
            )
            day = self._read(
                cells,
                (row, day_column),
                self._day,
                f"sheet.col.{kind}_day",
                slot.label,
                MONEY_SHEET,
            )
            assert doc_column is not None
            doc_key = "sheet.col.received_doc" if kind == "received" else "sheet.col.spent_doc"
            document = self._read(
                cells,
                (row, doc_column),
                self._text(doc_key, DOCUMENT_MAX),
                None,
                slot.label,
                MONEY_SHEET,
            )
            note = None
            if kind == "spent":
                note = self._read(
                    cells,
                    (row, COL_PURPOSE),
                    self._text("sheet.col.purpose", NOTE_MAX),
                    None,
                    slot.label,
                    MONEY_SHEET,
                )
            if len(self.problems) > before or amount is None or day is None:
                continue
            found.append(
                MoneyEntry(
                    kind,
                    slot.line,
                    slot.unit,
                    funder,
                    amount,
                    day,
                    document or None,
                    note or None,
                    self.display,
                    row,
                )
            )
        return found


def _letter(column: int) -> str:
    from openpyxl.utils import get_column_letter

    return str(get_column_letter(column))


def _signature_problem(key: bytes, meta: _Meta, plan_id: str, unit: str, lang: str) -> Msg | None:
    from cplan.fieldwork.signing import verify

    got = meta.pairs.get("signature", "")
    if not got:
        return _msg("unsigned")
    if not verify(key, signed_fields(plan_id, unit, lang), meta.rows, got):
        return _msg("bad_signature")
    return None


def _rows(ws: Any, last: int, width: int) -> dict[int, dict[int, Any]]:
    """Cells of rows 1..``last``, the sheet's columns, read once (row by row)."""
    grid: dict[int, dict[int, Any]] = {}
    for number, cells in enumerate(
        ws.iter_rows(min_row=1, max_row=last, min_col=1, max_col=width), start=1
    ):
        grid[number] = dict(enumerate(cells, start=1))
    return grid


def _same_number(found: object, expected: int | None) -> bool:
    """Whether a 序号 cell holds ``expected`` (None: nothing), whichever way an office
    suite saved the number."""
    if expected is None:
        return _blank(found)
    if isinstance(found, bool) or not isinstance(found, int | float | Decimal):
        return False
    return found == expected


def _value(row: dict[int, Any], column: int) -> Any:
    cell = row.get(column)
    return None if cell is None else cell.value


def _cell_problem(cell: Any) -> Msg | None:
    """What makes an input cell unreadable whatever the row: a formula (its cached value
    could say anything, an external link included) or text over Excel's limit."""
    if getattr(cell, "data_type", None) == "f":
        return _msg("formula")
    value = cell.value
    if isinstance(value, str) and len(value) > MAX_CELL:
        return _msg("text_too_long", length=len(value), limit=MAX_CELL)
    return None


def _value_problem(number: Decimal | Msg, target: Target) -> Decimal | Msg:
    if isinstance(number, tuple):
        return number
    if is_percent(target) and not Decimal(0) <= number <= Decimal(100):
        return _msg("percent_range", value=str(number))
    if abs(number) > VALUE_LIMIT:
        return _msg("value_too_large", value=str(number))
    return number


def _date_problem(day: date, value: Decimal | None, target: Target) -> Msg | None:
    if target.baseline is not None and day < target.baseline.date.start:
        return _msg(
            "date_before_baseline", day=day.isoformat(), baseline=format_span(target.baseline.date)
        )
    last = latest_actual(target.actuals)
    if last is None or day > last.date.end:
        return None
    if last.date.start == last.date.end == day and value == last.value:
        return None  # the same value again: recognised as already recorded
    return _msg(
        "date_not_after", day=day.isoformat(), last=format_span(last.date), value=str(last.value)
    )


# -- several workbooks -------------------------------------------------------------------------


def _conflict(clash: list[Any], found: Msg) -> Problem:
    return _problem(clash[-1].file, clash[-1].where, found)


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
            _conflict(clash, _msg("conflict", target=key[0], day=key[1].isoformat(), detail=places))
        )
    return sorted(kept.values(), key=lambda e: (e.target, e.day)), problems


def merge_tasks(marks: Iterable[TaskMark]) -> tuple[list[TaskMark], list[Problem]]:
    """One mark per task; workbooks reporting a task differently are a conflict."""
    kept: dict[str, TaskMark] = {}
    conflicts: dict[str, list[TaskMark]] = {}
    for mark in marks:
        first = kept.get(mark.key)
        if first is None:
            kept[mark.key] = mark
        elif (first.state, first.day) != (mark.state, mark.day):
            conflicts.setdefault(mark.key, [first]).append(mark)
    problems = []
    for key, clash in conflicts.items():
        del kept[key]
        places = "; ".join(f"{m.file} {m.where} = {m.state} {m.day}" for m in clash)
        problems.append(_conflict(clash, _msg("task_conflict", task=clash[0].label, detail=places)))
    return list(kept.values()), problems


def merge_money(records: Iterable[MoneyEntry]) -> tuple[list[MoneyEntry], list[Problem]]:
    """The records of several workbooks, each as often as the workbook holding it most
    often has it (the same sheet returned twice, or a copy sent by two people, counts
    once). Records on the same document (same line, unit, funder, day and document) that
    differ between workbooks are a conflict."""
    by_file: dict[str, list[MoneyEntry]] = {}
    for record in records:
        by_file.setdefault(record.file, []).append(record)
    most: dict[tuple[object, ...], list[MoneyEntry]] = {}
    for found in by_file.values():
        for identity, count in Counter(r.identity for r in found).items():
            copies = [r for r in found if r.identity == identity]
            if count > len(most.get(identity, [])):
                most[identity] = copies
    problems: list[Problem] = []
    documented: dict[tuple[object, ...], dict[str, list[MoneyEntry]]] = {}
    for file, found in by_file.items():
        for record in found:
            if record.document:
                documented.setdefault(record.place, {}).setdefault(file, []).append(record)
    clashing: set[tuple[object, ...]] = set()
    for place, files in documented.items():
        versions = {tuple(sorted((r.amount, r.note or "") for r in rs)) for rs in files.values()}
        if len(versions) > 1:
            clash = [r for rs in files.values() for r in rs]
            clashing.add(place)
            places = "; ".join(f"{r.file} {r.where} = {format(r.amount, 'f')}" for r in clash)
            what = clash[0].shown()
            problems.append(_conflict(clash, _msg("money_conflict", what=what, detail=places)))
    kept = [r for copies in most.values() for r in copies if r.place not in clashing]
    return sorted(kept, key=lambda r: (r.line, r.kind, r.day, r.row)), problems
