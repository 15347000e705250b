"""Budget execution (经费执行): what each funder has paid in (到位) and what was spent
(支出), beside what the plan says, per line, per unit and per funder, exact to the fen.

Attributing the records (date-independent; the rules read :func:`attribute_records`)
    A receipt (``received``) counts for its line and funder.  On a line counted per
    unit, a receipt that names a unit counts for that unit; one that names none is
    split over the line's units in proportion to what each unit is due from that
    funder, by the largest-remainder rule of :func:`~cplan.compute.shares.allocate`
    (exact to the fen: the parts add up to the receipt).  An expense (``spent``) counts
    for its line, and for its unit when it names one; on a per-unit line an expense
    that names no unit counts for the line only.

    A record that cannot be attributed is not counted anywhere, and is listed in
    :attr:`Attribution.unattributed` with its reason (rule CP509 reports it): a funder
    the plan does not define, a unit the line is not counted for, a receipt naming no
    unit on a per-unit line from a funder due nothing there, a line whose amount could
    not be worked out.  So the figures never carry money that lands nowhere.

Spent per funder
    Expenses name no funder.  Each funder bears its part of a line's (or a unit's)
    spending in proportion to its planned share there (the line's sharing, e.g. 4:6),
    largest remainder to the fen; spending on a line nobody pays has no funder part.

Figures as of a date (:func:`compute_execution`)
    Only records dated on or before ``as_of`` count (a record dated by month counts
    from its first day); :attr:`ExecutionFigures.later` says how many wait.
    到位率 = received / planned and 执行率 = spent / planned are exact fractions,
    None when nothing is planned.  ``elapsed`` is the share of the plan period gone
    by ``as_of``.

Alerts (date-dependent, beside the figures; the rules never depend on today)
    behind
        A funder has received less than its share of a line (of a unit's line amount
        on a per-unit line) that is due by ``as_of``: the share × the time elapsed of
        the line's period, exactly, then rounded half up to the fen.  The line's period
        is its ``year`` when it has one, else the plan period.  One alert per line and
        funder; on a per-unit line it names the units behind (``units``).  A plan that
        records no money received or spent at all has no alerts.
    overspent
        Spent more than planned on a line or on a unit (超支).
    spent_over_received
        Spent more on a line than has been received for it.
    unspent
        Money received for a line is not all spent in the last two months of the
        line's period, or after it (结余).
"""

from __future__ import annotations

import calendar
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Literal

from cplan.compute.budget import BudgetFigures, fen_of, from_fen, line_units, round_to_fen
from cplan.compute.shares import FundingFigures, allocate
from cplan.compute.status import elapsed_between
from cplan.model import BudgetLine, Plan

__all__ = [
    "Alert",
    "AlertKind",
    "Attribution",
    "Execution",
    "ExecutionFigures",
    "LineExecution",
    "Record",
    "SkipReason",
    "Unattributed",
    "attribute_records",
    "compute_execution",
    "line_period",
    "near_end",
]

AlertKind = Literal["behind", "overspent", "unspent", "spent_over_received"]
SkipReason = Literal["unknown_funder", "unit_not_on_line", "nothing_due", "line_uncomputed"]
RecordKind = Literal["received", "spent"]


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Execution:
    """Planned, received (到位) and spent (支出), in 元, exact to the fen."""

    planned: Decimal
    received: Decimal
    spent: Decimal

    @property
    def received_rate(self) -> Fraction | None:
        """到位率: received / planned; None when nothing is planned."""
        return Fraction(self.received) / Fraction(self.planned) if self.planned else None

    @property
    def spent_rate(self) -> Fraction | None:
        """执行率: spent / planned; None when nothing is planned."""
        return Fraction(self.spent) / Fraction(self.planned) if self.planned else None

    @property
    def unspent(self) -> Decimal:
        """结余: received - spent (negative when more was spent than received)."""
        return from_fen(fen_of(self.received) - fen_of(self.spent))


@dataclass(frozen=True)
class LineExecution:
    """One budget line (``unit`` None), or one unit of a per-unit line."""

    line: str
    name: str
    unit: str | None
    total: Execution
    by_funder: Mapping[str, Execution]
    elapsed: Fraction | None = None  # share of the line's period gone (its year, or the plan's)


@dataclass(frozen=True)
class Alert:
    """A date-dependent or money warning shown beside the figures (see the module doc)."""

    kind: str
    line: str | None
    unit: str | None
    funder: str | None
    params: Mapping[str, object]


@dataclass(frozen=True)
class Record:
    """One attributed receipt or expense: its parts per unit (None: the line as a whole)."""

    kind: RecordKind
    line: str
    index: int
    day: date
    amount: Decimal
    funder: str | None
    parts: tuple[tuple[str | None, Decimal], ...]


@dataclass(frozen=True)
class Unattributed:
    """A record counted nowhere, and why (rule CP509)."""

    kind: RecordKind
    line: str
    index: int
    reason: SkipReason
    funder: str | None
    unit: str | None


@dataclass(frozen=True)
class Attribution:
    """Every record of a plan, attributed (date-independent)."""

    records: tuple[Record, ...]
    unattributed: tuple[Unattributed, ...]


@dataclass(frozen=True)
class ExecutionFigures:
    """A plan's execution figures as of ``as_of``."""

    as_of: date
    elapsed: Fraction | None
    lines: tuple[LineExecution, ...]
    by_funder: Mapping[str, Execution]
    by_unit: Mapping[str, Execution]
    total: Execution
    alerts: tuple[Alert, ...]
    later: int = 0
    unattributed: tuple[Unattributed, ...] = field(default=())

    @property
    def has_records(self) -> bool:
        """Whether the plan records any money received or spent at all."""
        return any(row.total.received or row.total.spent for row in self.lines) or bool(
            self.later or self.unattributed
        )

    def line_rows(self) -> tuple[LineExecution, ...]:
        """The rows for whole lines (``unit`` None), budget order."""
        return tuple(row for row in self.lines if row.unit is None)


# ---------------------------------------------------------------------------
# attribution
# ---------------------------------------------------------------------------


def _due_fen(shares: FundingFigures) -> dict[tuple[str, str | None, str], int]:
    """(line, unit, funder) → fen that funder pays of that line amount."""
    due: dict[tuple[str, str | None, str], int] = {}
    for share in shares.shares:
        key = (share.line, share.unit, share.funder)
        due[key] = due.get(key, 0) + share.fen
    return due


def _attribute_line(
    line: BudgetLine,
    scope: list[str] | None,
    known: frozenset[str],
    due: Mapping[tuple[str, str | None, str], int],
) -> Iterable[Record | Unattributed]:
    for index, receipt in enumerate(line.received):
        day, amount = receipt.date.start, receipt.amount
        if receipt.funder not in known:
            yield Unattributed(
                "received", line.id, index, "unknown_funder", receipt.funder, receipt.unit
            )
        elif receipt.unit is not None and (scope is None or receipt.unit not in scope):
            yield Unattributed(
                "received", line.id, index, "unit_not_on_line", receipt.funder, receipt.unit
            )
        elif scope is None or receipt.unit is not None:
            parts = ((receipt.unit, amount),)
            yield Record("received", line.id, index, day, amount, receipt.funder, parts)
        else:
            weights = [Decimal(due.get((line.id, unit, receipt.funder), 0)) for unit in scope]
            if not any(weights):
                yield Unattributed("received", line.id, index, "nothing_due", receipt.funder, None)
                continue
            split = allocate(amount, weights)
            parts_by_unit = tuple(zip(scope, split, strict=True))
            yield Record("received", line.id, index, day, amount, receipt.funder, parts_by_unit)
    for index, expense in enumerate(line.spent):
        if expense.unit is not None and (scope is None or expense.unit not in scope):
            yield Unattributed("spent", line.id, index, "unit_not_on_line", None, expense.unit)
            continue
        parts = ((expense.unit, expense.amount),)
        yield Record("spent", line.id, index, expense.date.start, expense.amount, None, parts)


def attribute_records(plan: Plan, budget: BudgetFigures, shares: FundingFigures) -> Attribution:
    """Attribute every receipt and expense of ``plan`` (see the module docstring)."""
    if plan.budget is None:
        return Attribution((), ())
    units = {unit.id: unit for unit in plan.units}
    known = frozenset(funder.id for funder in plan.funders)
    due = _due_fen(shares)
    records: list[Record] = []
    unattributed: list[Unattributed] = []
    for line in plan.budget.lines:
        if line.id in budget.uncomputed or line.id not in budget.amounts:
            unattributed.extend(
                Unattributed("received", line.id, index, "line_uncomputed", None, None)
                for index in range(len(line.received))
            )
            unattributed.extend(
                Unattributed("spent", line.id, index, "line_uncomputed", None, None)
                for index in range(len(line.spent))
            )
            continue
        found = line_units(line, units)
        scope = None if found is None else [unit.id for unit in found]
        for item in _attribute_line(line, scope, known, due):
            if isinstance(item, Record):
                records.append(item)
            else:
                unattributed.append(item)
    return Attribution(tuple(records), tuple(unattributed))


# ---------------------------------------------------------------------------
# periods
# ---------------------------------------------------------------------------


def line_period(plan: Plan, line: BudgetLine) -> tuple[date, date]:
    """First and last day of the line's period: its ``year``, else the plan period."""
    if line.year is not None:
        return date(line.year, 1, 1), date(line.year, 12, 31)
    return plan.period.start, plan.period.end


def _elapsed(start: date, end: date, as_of: date) -> Fraction:
    return elapsed_between(start - timedelta(days=1), end, as_of)


def near_end(end: date, as_of: date) -> bool:
    """Whether ``as_of`` falls in the last two months before ``end``, or after it.

    The last two months of a period ending 12月31日 begin on 11月1日; of one ending
    6月30日, on 5月1日 (two calendar months back from the last day, then a day on).
    """
    month = end.month - 2
    year = end.year + (month - 1) // 12
    month = (month - 1) % 12 + 1
    back = date(year, month, min(end.day, calendar.monthrange(year, month)[1]))
    return as_of > back


# ---------------------------------------------------------------------------
# figures as of a date
# ---------------------------------------------------------------------------


@dataclass
class _Cell:
    """Running fen sums for one row (a line, or one unit of a line)."""

    planned: int = 0
    received: int = 0
    spent: int = 0
    funder_planned: dict[str, int] = field(default_factory=dict)
    funder_received: dict[str, int] = field(default_factory=dict)
    funder_spent: dict[str, int] = field(default_factory=dict)

    def execution(self) -> Execution:
        return Execution(from_fen(self.planned), from_fen(self.received), from_fen(self.spent))

    def funders(self, order: Iterable[str]) -> dict[str, Execution]:
        named = set(self.funder_planned) | set(self.funder_received)
        return {
            funder: Execution(
                from_fen(self.funder_planned.get(funder, 0)),
                from_fen(self.funder_received.get(funder, 0)),
                from_fen(self.funder_spent.get(funder, 0)),
            )
            for funder in order
            if funder in named
        }


def _bump(into: dict[str, int], key: str, fen: int) -> None:
    into[key] = into.get(key, 0) + fen


def _spread_spent(cell: _Cell, fen: int, order: Iterable[str]) -> dict[str, int]:
    """Split ``fen`` spent over the funders pro rata to their planned shares in ``cell``."""
    funders = [funder for funder in order if cell.funder_planned.get(funder, 0) > 0]
    if not fen or not funders:
        return {}
    weights = [Decimal(cell.funder_planned[funder]) for funder in funders]
    parts = allocate(from_fen(fen), weights)
    return {funder: fen_of(part) for funder, part in zip(funders, parts, strict=True)}


def _sum(executions: Iterable[Execution]) -> Execution:
    planned = received = spent = 0
    for item in executions:
        planned += fen_of(item.planned)
        received += fen_of(item.received)
        spent += fen_of(item.spent)
    return Execution(from_fen(planned), from_fen(received), from_fen(spent))


def _add_to(totals: dict[str, list[Execution]], key: str, item: Execution) -> None:
    totals.setdefault(key, []).append(item)


def _line_rows(
    line: BudgetLine,
    budget: BudgetFigures,
    shares: FundingFigures,
    counted: Iterable[Record],
    funder_order: tuple[str, ...],
    unit_order: list[str],
    elapsed: Fraction,
) -> tuple[LineExecution, list[LineExecution]]:
    """One line's row and, for a per-unit line, its unit rows (plan unit order)."""
    per_unit = bool(line.units or line.unit_kind)
    whole = _Cell()
    cells: dict[str | None, _Cell] = {}
    for amount in budget.amounts[line.id]:
        cells.setdefault(amount.unit, _Cell()).planned += fen_of(amount.amount)
        whole.planned += fen_of(amount.amount)
    for share in shares.shares:
        if share.line == line.id:
            _bump(cells.setdefault(share.unit, _Cell()).funder_planned, share.funder, share.fen)
            _bump(whole.funder_planned, share.funder, share.fen)
    loose_spent = 0  # spent on a per-unit line naming no unit: the line's only
    for record in counted:
        if record.line != line.id:
            continue
        for unit, part in record.parts:
            fen = fen_of(part)
            if record.funder is not None:  # received
                whole.received += fen
                _bump(whole.funder_received, record.funder, fen)
                cell = cells.setdefault(unit, _Cell())
                cell.received += fen
                _bump(cell.funder_received, record.funder, fen)
                continue
            whole.spent += fen
            if per_unit and unit is None:
                loose_spent += fen
            else:
                cells.setdefault(unit, _Cell()).spent += fen
    # funders bear spending pro rata to their planned shares: per unit, then the rest
    if per_unit:
        for cell in cells.values():
            cell.funder_spent = _spread_spent(cell, cell.spent, funder_order)
            for funder, fen in cell.funder_spent.items():
                _bump(whole.funder_spent, funder, fen)
        for funder, fen in _spread_spent(whole, loose_spent, funder_order).items():
            _bump(whole.funder_spent, funder, fen)
    else:
        whole.funder_spent = _spread_spent(whole, whole.spent, funder_order)
    row = LineExecution(
        line.id, line.name, None, whole.execution(), whole.funders(funder_order), elapsed
    )
    if not per_unit:
        return row, []
    order = [unit for unit in unit_order if unit in cells]
    return row, [
        LineExecution(
            line.id,
            line.name,
            unit,
            cells[unit].execution(),
            cells[unit].funders(funder_order),
            elapsed,
        )
        for unit in order
    ]


def compute_execution(
    plan: Plan,
    budget: BudgetFigures,
    shares: FundingFigures,
    as_of: date,
    attribution: Attribution | None = None,
) -> ExecutionFigures:
    """The execution figures of ``plan`` as of ``as_of`` (see the module docstring)."""
    found = attribution if attribution is not None else attribute_records(plan, budget, shares)
    funder_order = tuple(funder.id for funder in plan.funders)
    unit_order = [unit.id for unit in plan.units]
    counted = [record for record in found.records if record.day <= as_of]
    names = {unit.id: unit.name for unit in plan.units}
    names.update((funder.id, funder.name) for funder in plan.funders)

    lines: list[LineExecution] = []
    alerts: list[Alert] = []
    by_funder: dict[str, list[Execution]] = {}
    by_unit: dict[str, list[Execution]] = {}
    for line in plan.budget.lines if plan.budget else []:
        if line.id in budget.uncomputed or line.id not in budget.amounts:
            continue
        start, end = line_period(plan, line)
        elapsed = _elapsed(start, end, as_of)
        row, unit_rows = _line_rows(
            line, budget, shares, counted, funder_order, unit_order, elapsed
        )
        lines.append(row)
        lines.extend(unit_rows)
        for funder, item in row.by_funder.items():
            _add_to(by_funder, funder, item)
        for unit_row in unit_rows:
            assert unit_row.unit is not None
            _add_to(by_unit, unit_row.unit, unit_row.total)
        if not found.records:
            continue  # a plan that records no execution is not behind on it
        for alert in _alerts(row, unit_rows, elapsed, end, as_of):
            alerts.append(_named(alert, row.name, names))

    return ExecutionFigures(
        as_of=as_of,
        elapsed=_elapsed(plan.period.start, plan.period.end, as_of),
        lines=tuple(lines),
        by_funder={funder: _sum(by_funder.get(funder, [])) for funder in funder_order},
        by_unit={unit: _sum(by_unit[unit]) for unit in unit_order if unit in by_unit},
        total=_sum(row.total for row in lines if row.unit is None),
        alerts=tuple(alerts),
        later=len(found.records) - len(counted),
        unattributed=found.unattributed,
    )


def _named(alert: Alert, line_name: str, names: Mapping[str, str]) -> Alert:
    """``alert`` with the names an officer reads: ``line_name``, ``unit_name``,
    ``funder_name`` and, for a funder behind on some units, ``unit_names``."""
    params = dict(alert.params, line_name=line_name)
    if alert.unit is not None:
        params["unit_name"] = names.get(alert.unit, alert.unit)
    if alert.funder is not None:
        params["funder_name"] = names.get(alert.funder, alert.funder)
    units = alert.params.get("units")
    if isinstance(units, tuple):
        params["unit_names"] = "、".join(names.get(unit, unit) for unit in units)
    return Alert(alert.kind, alert.line, alert.unit, alert.funder, params)


def _behind(
    row: LineExecution, unit_rows: list[LineExecution], elapsed: Fraction, as_of: date
) -> Iterable[Alert]:
    """A funder behind its share due by ``as_of``: on the line, or on some of its units.

    The share due is worked out per line amount (per unit on a per-unit line), exactly,
    then rounded to the fen; on a per-unit line one alert per funder names the units
    behind, and ``short`` adds up what each of them lacks.
    """
    for funder, whole in row.by_funder.items():
        due = short = 0
        behind: list[str] = []
        for part in unit_rows or [row]:
            item = part.by_funder.get(funder)
            if item is None:
                continue
            part_due = fen_of(round_to_fen(Fraction(item.planned) * elapsed))
            due += part_due
            lacking = part_due - fen_of(item.received)
            if lacking > 0:
                short += lacking
                if part.unit is not None:
                    behind.append(part.unit)
        if short:
            yield Alert(
                "behind",
                row.line,
                None,
                funder,
                {
                    "planned": whole.planned,
                    "due": from_fen(due),
                    "received": whole.received,
                    "short": from_fen(short),
                    "elapsed": elapsed,
                    "as_of": as_of,
                    "units": tuple(behind),
                },
            )


def _alerts(
    row: LineExecution,
    unit_rows: list[LineExecution],
    elapsed: Fraction,
    end: date,
    as_of: date,
) -> Iterable[Alert]:
    """The alerts of one line (see the module docstring), in a fixed order."""
    yield from _behind(row, unit_rows, elapsed, as_of)
    for part in [row, *unit_rows]:
        if part.total.spent > part.total.planned:
            yield Alert(
                "overspent",
                row.line,
                part.unit,
                None,
                {
                    "planned": part.total.planned,
                    "spent": part.total.spent,
                    "over": from_fen(fen_of(part.total.spent) - fen_of(part.total.planned)),
                },
            )
    if row.total.spent > row.total.received:
        yield Alert(
            "spent_over_received",
            row.line,
            None,
            None,
            {
                "received": row.total.received,
                "spent": row.total.spent,
                "over": from_fen(fen_of(row.total.spent) - fen_of(row.total.received)),
            },
        )
    if row.total.received > row.total.spent and near_end(end, as_of):
        yield Alert(
            "unspent",
            row.line,
            None,
            None,
            {
                "received": row.total.received,
                "spent": row.total.spent,
                "unspent": row.total.unspent,
                "end": end,
                "as_of": as_of,
            },
        )
