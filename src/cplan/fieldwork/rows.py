"""What a 填报表 asks one unit for, row by row, and how each row is recognised later.

A workbook is tied to the plan by the plan's id and, per row, by a *key* and a
*fingerprint* — not by a hash of the whole file, so that a sheet stays good while other
parts of the plan change (background text, another unit's target, another sheet's
update):

* a target row: key ``t-elevators``; fingerprint of its id, name, unit, baseline, goal
  and deadline (the latest actual is left out: other sheets add to it);
* a task row: key ``p-build#2`` (phase id, task position from 1); fingerprint of the
  phase id, position, task name, owner (the phase's owner for a task without one) and due
  date;
* a budget slot (the rows where one line's money is entered, for one unit of a per-unit
  line): key ``b-meals`` or ``b-meals@shitang``; fingerprint of the line id, unit, name,
  planned amount and funders.

``#`` and ``@`` never occur in a plan identifier, so a key is unambiguous. A row whose
fingerprint no longer matches the plan has changed since the sheet was written and is
refused by name; the rest of the sheet still counts.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from decimal import Decimal

from cplan.compute.budget import line_units
from cplan.compute.figures import PlanFigures
from cplan.errors import CplanError
from cplan.model import Phase, Plan, Target, Task
from cplan.model.values import DateSpan, format_span

TARGETS_SHEET = "指标"
TASKS_SHEET = "阶段"
MONEY_SHEET = "经费执行"


class CollectError(CplanError):
    """The workbook cannot be built as asked (an unknown unit, a unit with nothing to fill)."""


def fingerprint(*parts: str | None) -> str:
    """A short, stable digest of what a row showed."""
    data = json.dumps(list(parts), ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(data.encode("utf-8", "surrogatepass")).hexdigest()[:16]


def _span(span: DateSpan | None) -> str | None:
    return None if span is None else format_span(span)


def _number(value: Decimal | None) -> str | None:
    return None if value is None else format(value, "f")


@dataclass(frozen=True)
class TargetRow:
    target: Target

    @property
    def key(self) -> str:
        return self.target.id

    @property
    def fingerprint(self) -> str:
        target = self.target
        baseline = target.baseline
        goal = target.target
        return fingerprint(
            target.id,
            target.name,
            target.unit,
            None if baseline is None else _number(baseline.value),
            None if baseline is None else _span(baseline.date),
            _number(goal.value),
            None if goal.change is None else str(goal.change),
            str(goal.deadline),
        )

    @property
    def label(self) -> str:
        return f"{self.target.name} ({self.target.id})"


@dataclass(frozen=True)
class TaskRow:
    phase: Phase
    position: int  # from 1
    task: Task

    @property
    def key(self) -> str:
        return f"{self.phase.id}#{self.position}"

    @property
    def owner(self) -> str | None:
        return self.task.owner or self.phase.owner

    @property
    def fingerprint(self) -> str:
        return fingerprint(
            self.phase.id, str(self.position), self.task.name, self.owner, _span(self.task.due)
        )

    @property
    def label(self) -> str:
        return f"{self.task.name} ({self.phase.name} {self.key})"


@dataclass(frozen=True)
class MoneySlot:
    line: str
    name: str
    unit: str | None
    planned: Decimal | None
    funders: tuple[str, ...]

    @property
    def key(self) -> str:
        return self.line if self.unit is None else f"{self.line}@{self.unit}"

    @property
    def fingerprint(self) -> str:
        return fingerprint(
            self.line, self.unit, self.name, _number(self.planned), ",".join(self.funders)
        )

    @property
    def label(self) -> str:
        unit = f" {self.unit}" if self.unit else ""
        return f"{self.name} ({self.line}{unit})"


@dataclass(frozen=True)
class Asked:
    """Everything one workbook asks for: targets, tasks and budget slots, in plan order."""

    unit: str | None
    targets: tuple[TargetRow, ...]
    tasks: tuple[TaskRow, ...]
    money: tuple[MoneySlot, ...]

    def by_key(self, sheet: str) -> dict[str, TargetRow | TaskRow | MoneySlot]:
        rows: Sequence[TargetRow | TaskRow | MoneySlot] = ()
        if sheet == TARGETS_SHEET:
            rows = self.targets
        elif sheet == TASKS_SHEET:
            rows = self.tasks
        elif sheet == MONEY_SHEET:
            rows = self.money
        return {row.key: row for row in rows}


def _known(plan: Plan, unit: str) -> None:
    known = {u.id for u in plan.units} | {c.id for c in plan.committees}
    if unit not in known:
        choices = ", ".join(sorted(known)) or "-"
        raise CollectError("error.collect_no_unit", unit=unit, choices=choices)


def unit_targets(plan: Plan, unit: str | None) -> list[Target]:
    """The targets to collect: all, or those a unit owns or is assigned by a duty."""
    if unit is None:
        return list(plan.targets)
    _known(plan, unit)
    assigned = {duty.target for duty in plan.duties if duty.owner == unit and duty.target}
    return [t for t in plan.targets if t.owner == unit or t.id in assigned]


def unit_tasks(plan: Plan, unit: str | None) -> list[TaskRow]:
    """Every task, or the tasks a unit owns (a phase's owner owns its tasks without one)."""
    rows = [
        TaskRow(phase, position, task)
        for phase in plan.phases
        for position, task in enumerate(phase.tasks, start=1)
    ]
    return [row for row in rows if unit is None or row.owner == unit]


def unit_money(plan: Plan, unit: str | None, figures: PlanFigures | None = None) -> list[MoneySlot]:
    """The budget slots: every line (per-unit lines once per unit), or a unit's share of
    the lines it is counted in."""
    if plan.budget is None:
        return []
    figures = figures or PlanFigures(plan)
    units = {u.id: u for u in plan.units}
    funder_order = [f.id for f in plan.funders]
    slots: list[MoneySlot] = []
    for line in plan.budget.lines:
        counted = line_units(line, units)
        chosen: list[str | None]
        if counted is None:
            chosen = [None] if unit is None else []
        else:
            chosen = [u.id for u in counted if unit is None or u.id == unit]
        amounts = {a.unit: a.amount for a in figures.budget.amounts.get(line.id, ())}
        line_shares = [s for s in figures.shares.shares if s.line == line.id]
        for unit_id in chosen:
            paying = {s.funder for s in line_shares if s.unit == unit_id} or {
                s.funder for s in line_shares
            }
            funders = tuple(f for f in funder_order if f in paying) or tuple(funder_order)
            planned = None if line.id in figures.budget.uncomputed else amounts.get(unit_id)
            slots.append(MoneySlot(line.id, line.name, unit_id, planned, funders))
    return slots


def asked_of(plan: Plan, unit: str | None, figures: PlanFigures | None = None) -> Asked:
    """What a workbook for ``unit`` (None: every unit) asks for.

    Raises :class:`CollectError` for an unknown unit or a unit with nothing to fill in.
    """
    asked = Asked(
        unit,
        tuple(TargetRow(t) for t in unit_targets(plan, unit)),
        tuple(unit_tasks(plan, unit)),
        tuple(unit_money(plan, unit, figures)),
    )
    if unit is not None and not (asked.targets or asked.tasks or asked.money):
        raise CollectError("error.collect_no_targets", unit=unit)
    return asked
