"""One checked plan → its rows in every table (plain Python values, no engine).

Every row starts with the plan's ``file`` (as ``cplan validate`` shows it) and ``plan_id``;
child rows carry their own id, or their parent's id and a 1-based ``position``. Money comes
from the figures the plan's check worked out (:func:`cplan.check.with_figures`), never
computed again here; values that cannot be stored exactly in their column (money past
``DECIMAL(20,2)``, a measure past ``DECIMAL(38,10)``) are left empty and counted.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from cplan.check import FileResult, check_file, with_figures
from cplan.compute.budget import fen_of, from_fen
from cplan.compute.figures import PlanFigures
from cplan.config import Settings
from cplan.errors import PlanRefused
from cplan.export.tables import MEASURE_DIGITS, MEASURE_SCALE, MONEY_DIGITS, TABLES
from cplan.model import Plan
from cplan.model.values import DateSpan

Row = tuple[object, ...]

#: How much of a plan was exported (the ``exported`` column of ``plans``).
ALL, WITHOUT_MONEY, FINDINGS_ONLY = "all", "without_money", "findings_only"
#: Why its computed money was left out (``money_withheld``).
REFUSED, OUT_OF_RANGE = "refused", "out_of_range"


@dataclass
class PlanRows:
    """A plan's rows: ``plan`` is its row of ``plans`` without the last two columns
    (errors and warnings, counted with the findings across files)."""

    file: str
    plan_id: str | None
    plan: Row
    tables: dict[str, list[Row]] = field(default_factory=dict)
    exported: str = ALL
    unfit: int = 0


@dataclass(frozen=True)
class Job:
    """One plan file to export; ``keep_data``: send its bytes back (for the cache key)."""

    path: Path
    shown: str
    settings: Settings
    keep_data: bool = False


def rows_of_file(job: Job) -> tuple[FileResult, PlanRows]:
    """Check one plan file, once, and turn it into rows (run in worker processes).

    The result is what ``cplan validate`` has of the file (its findings and the facts
    for the checks across files; the bytes checked when ``keep_data``), without the plan
    and its figures, which stay here: only they are big.
    """
    result = check_file(job.path, job.shown, job.settings)
    data = result.data if job.keep_data else None
    found = FileResult(result.path, None, result.diagnostics, result.facts, data=data)
    return found, plan_rows(result)


def plan_rows(result: FileResult) -> PlanRows:
    """The rows of a checked plan: everything when its money can be given, the plan
    without computed money when ``cplan rollup`` would refuse it, and only its row of
    ``plans`` (with its findings, written apart) when it could not be read."""
    try:
        checked = with_figures(result, needs_money=False)
    except PlanRefused:
        return PlanRows(result.path, None, _unread_plan(result.path), exported=FINDINGS_ONLY)
    try:
        with_figures(result)
    except PlanRefused:
        withheld: str | None = REFUSED
    else:
        withheld = None
    built = _Builder(result.path, checked.plan, checked.figures, withheld)
    if withheld is None and built.money_unfit:
        built = _Builder(result.path, checked.plan, checked.figures, OUT_OF_RANGE)
    return built.rows()


def _unread_plan(file: str) -> Row:
    width = len(TABLES["plans"]) - 2
    cells: list[object] = [None] * width
    cells[0] = file
    cells[_PLAN_COLUMN["exported"]] = FINDINGS_ONLY
    cells[_PLAN_COLUMN["unfit"]] = 0
    return tuple(cells)


_PLAN_COLUMN = {column.name: i for i, column in enumerate(TABLES["plans"])}


# -- cells ---------------------------------------------------------------------------------


def _span(span: DateSpan | None) -> Row:
    """A date as written, its first day and its last day."""
    if span is None:
        return (None, None, None)
    return (span.text, span.start, span.end)


def _done(done: bool | DateSpan) -> Row:
    """Whether finished, and when (as written, first and last day) when a date is given."""
    if isinstance(done, DateSpan):
        return (True, *_span(done))
    return (done, None, None, None)


def _joined(items: Iterable[str]) -> str | None:
    text = "；".join(items)
    return text or None


_MEASURE_LIMIT = 10**MEASURE_DIGITS
_MONEY_LIMIT = 10**MONEY_DIGITS


class _Builder:
    """The rows of one modelled plan; money cells are checked to fit DECIMAL(20,2)."""

    def __init__(self, file: str, plan: Plan, figures: PlanFigures, withheld: str | None) -> None:
        self.file, self.plan, self.figures, self.withheld = file, plan, figures, withheld
        self.key: Row = (file, plan.id)
        self.unfit = 0
        self.money_unfit = False
        self.tables: dict[str, list[Row]] = {name: [] for name in TABLES if name != "plans"}
        self._build()

    # -- fitting values to their columns --------------------------------------------------

    def money(self, amount: Decimal | None, *, computed: bool = False) -> Decimal | None:
        """An amount for a DECIMAL(20,2) cell, or None (counted) when it does not fit."""
        if amount is None or (computed and self.withheld is not None):
            return None
        fen = fen_of(amount)  # every amount of a plan, written or computed, is whole fen
        if abs(fen) < _MONEY_LIMIT:
            return from_fen(fen)
        self.unfit += 1
        self.money_unfit = self.money_unfit or computed
        return None

    def measure(self, value: Decimal | Fraction | None) -> Decimal | None:
        """A value for a DECIMAL(38,10) cell, or None (counted) when it does not fit."""
        if value is None:
            return None
        scaled = Fraction(value) * 10**MEASURE_SCALE
        if scaled.denominator == 1 and abs(scaled.numerator) < _MEASURE_LIMIT:
            return Decimal(f"{scaled.numerator}E-{MEASURE_SCALE}")
        self.unfit += 1
        return None

    def add(self, table: str, *cells: object) -> None:
        self.tables[table].append((*self.key, *cells))

    # -- the tables -----------------------------------------------------------------------

    def _build(self) -> None:
        plan = self.plan
        for i, unit in enumerate(plan.units, 1):
            sharing = str(unit.sharing) if unit.sharing is not None else None
            self.add(
                "units",
                unit.id,
                i,
                unit.name,
                unit.kind,
                unit.parent,
                sharing,
                unit.plan,
                unit.note,
            )
        for i, funder in enumerate(plan.funders, 1):
            self.add(
                "funders",
                funder.id,
                i,
                funder.name,
                funder.level,
                funder.fund,
                self.money(funder.pledge),
            )
        self._targets()
        self._phases()
        self._committees()
        for i, duty in enumerate(plan.duties, 1):
            support = ",".join(duty.support) or None
            self.add(
                "duties",
                i,
                duty.task,
                duty.owner,
                support,
                duty.target,
                duty.phase,
                *_span(duty.due),
            )
        self._budget()
        self.plan_row = self._plan_row()

    def _targets(self) -> None:
        for i, target in enumerate(self.plan.targets, 1):
            baseline, goal = target.baseline, target.target
            self.add(
                "targets",
                target.id,
                i,
                target.name,
                target.kind.value,
                target.family,
                target.unit or None,
                self.measure(baseline.value if baseline else None),
                *_span(baseline.date if baseline else None),
                self.measure(goal.value),
                self.measure(goal.change),
                *_span(goal.deadline),
                target.owner,
                self.measure(target.weight),
                target.note,
            )
            for j, actual in enumerate(target.actuals, 1):
                self.add(
                    "actuals",
                    target.id,
                    j,
                    self.measure(actual.value),
                    *_span(actual.date),
                    actual.source,
                    actual.note,
                )

    def _phases(self) -> None:
        for i, phase in enumerate(self.plan.phases, 1):
            self.add(
                "phases",
                phase.id,
                i,
                phase.name,
                *_span(phase.when),
                phase.owner,
                *_done(phase.done),
                _joined(phase.deliverables),
            )
            for j, task in enumerate(phase.tasks, 1):
                self.add(
                    "tasks",
                    phase.id,
                    j,
                    task.name,
                    task.owner,
                    *_span(task.due),
                    *_span(task.started),
                    *_done(task.done),
                )

    def _committees(self) -> None:
        for i, committee in enumerate(self.plan.committees, 1):
            self.add(
                "committees",
                committee.id,
                i,
                committee.name,
                committee.kind.value,
                committee.parent,
                committee.size,
            )
            for j, member in enumerate(committee.members, 1):
                self.add(
                    "members",
                    committee.id,
                    j,
                    member.id,
                    member.name,
                    member.role,
                    member.sector,
                    member.unit,
                    member.title,
                )

    def _budget(self) -> None:
        budget, figures = self.plan.budget, self.figures
        lines = budget.lines if budget is not None else []
        for i, line in enumerate(lines, 1):
            formula = (
                "amount"
                if line.amount is not None
                else "rate"
                if line.rate is not None
                else "percent"
            )
            quantity = line.quantity if isinstance(line.quantity, Decimal) else None
            named = line.quantity if isinstance(line.quantity, str) else None
            self.add(
                "budget_lines",
                line.id,
                i,
                line.name,
                line.category,
                line.year,
                line.fund,
                formula,
                self.money(line.amount),
                self.money(line.rate),
                line.per,
                self.measure(quantity),
                named,
                self.measure(line.period),
                self.measure(line.percent),
                self.money(line.declared),
                self.money(figures.budget.line_total(line.id), computed=True),
                line.note,
            )
            for j, receipt in enumerate(line.received, 1):
                self.add(
                    "receipts",
                    line.id,
                    j,
                    receipt.funder,
                    self.money(receipt.amount),
                    *_span(receipt.date),
                    receipt.unit,
                    receipt.document,
                    receipt.note,
                )
            for j, expense in enumerate(line.spent, 1):
                self.add(
                    "expenses",
                    line.id,
                    j,
                    self.money(expense.amount),
                    *_span(expense.date),
                    expense.unit,
                    expense.document,
                    expense.note,
                )
        if self.withheld is None:
            for i, share in enumerate(figures.shares.shares, 1):
                self.add(
                    "shares",
                    share.line,
                    share.unit,
                    share.funder,
                    i,
                    share.fund,
                    self.money(share.amount, computed=True),
                )

    def _plan_row(self) -> Row:
        plan, budget = self.plan, self.figures.budget
        declared = plan.budget.total if plan.budget is not None else None
        return (
            *self.key,
            plan.title,
            plan.issuer,
            plan.level,
            plan.area,
            plan.status.value,
            plan.version,
            *_span(plan.period),
            *_span(plan.issued),
            self.money(declared),
            self.money(budget.total, computed=True),
            self.money(self.figures.shares.unfunded_total, computed=True),
            ALL if self.withheld is None else WITHOUT_MONEY,
            self.withheld,
            self.unfit,
        )

    def rows(self) -> PlanRows:
        exported = ALL if self.withheld is None else WITHOUT_MONEY
        return PlanRows(self.file, self.plan.id, self.plan_row, self.tables, exported, self.unfit)
