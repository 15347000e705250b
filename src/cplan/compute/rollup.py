"""Figures across many plans: per unit, per funder, per fund, per year, per target family.

Everything is keyed by the names officers read (白云区, 市财政) rather than identifiers,
which are only unique within one plan. Amounts come from the same budget and share
computations as a single plan's, so a city's centres give the same figures whether they
are kept in one plan or in one plan per centre. Plans are added one at a time, so a
rollup over thousands of files never holds them all.

Money received (到位) and spent (支出) is added beside the planned shares, under the same
keys, from each plan's execution figures as of the rollup's date
(:meth:`~cplan.compute.figures.PlanFigures.execution`: records dated later, or that
cannot be attributed, count nowhere): per funder the money it paid in and its part of the
spending; per fund and per year the same, by the line's fund (else the funder's) and the
line's year; per unit what the plan's execution gives each unit, and what a line's units
do not take (a plan-wide line, spending that names no unit) under the plan's own name,
as for planned shares.  Spending on money nobody pays has no funder, so it is in none of
these and is added up as :attr:`Executed.spent_without_funder`.

A key that is not there (no fund, no year, no family) is ``None``; the renderers name it
in the reader's language.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction
from typing import TypeVar

from cplan.compute.budget import EXACT, exact_sum, from_fen
from cplan.compute.execution import ExecutionFigures
from cplan.compute.figures import PlanFigures
from cplan.compute.shares import fund_of
from cplan.compute.targets import PlanProgress, Standing, Thresholds
from cplan.model import Plan

K = TypeVar("K")


@dataclass
class FamilySummary:
    """The targets of one family (治理, 服务, ...) across plans."""

    targets: int = 0
    weight: Fraction = Fraction(0)
    weighted_progress: Fraction = Fraction(0)
    standings: dict[Standing, int] = field(default_factory=lambda: dict.fromkeys(Standing, 0))

    @property
    def progress(self) -> Fraction | None:
        return self.weighted_progress / self.weight if self.weight else None


def _add(totals: dict[K, Decimal], key: K, amount: Decimal) -> None:
    totals[key] = EXACT.add(totals.get(key, Decimal(0)), amount)


@dataclass
class Flow:
    """Money received (到位) and spent (支出) under one key, in 元, exact to the fen."""

    received: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)

    def add(self, received: Decimal, spent: Decimal) -> None:
        self.received = EXACT.add(self.received, received)
        self.spent = EXACT.add(self.spent, spent)


def _add_flow(flows: dict[K, Flow], key: K, received: Decimal, spent: Decimal) -> None:
    if received or spent:
        flows.setdefault(key, Flow()).add(received, spent)


@dataclass
class Executed:
    """Money received and spent over the plans added so far: in all, per unit and funder,
    per funder, per fund and per year (see the module docstring)."""

    total: Flow = field(default_factory=Flow)
    by_unit: dict[str, dict[str, Flow]] = field(default_factory=dict)
    by_funder: dict[str, Flow] = field(default_factory=dict)
    by_fund: dict[str | None, Flow] = field(default_factory=dict)
    by_year: dict[str | None, Flow] = field(default_factory=dict)
    spent_without_funder: Decimal = Decimal(0)
    later: int = 0  # records dated after the rollup's date, not counted
    unattributed: int = 0  # records counted nowhere (rule CP509 says why)
    recorded: int = 0  # plans that record any money received or spent

    def merge(self, other: Executed) -> None:
        """Add ``other``'s sums to these, key by key, in the order ``other`` met them."""
        self.total.add(other.total.received, other.total.spent)
        self.spent_without_funder = EXACT.add(self.spent_without_funder, other.spent_without_funder)
        self.later += other.later
        self.unattributed += other.unattributed
        self.recorded += other.recorded
        for unit, flows in other.by_unit.items():
            mine = self.by_unit.setdefault(unit, {})
            for funder, flow in flows.items():
                _add_flow(mine, funder, flow.received, flow.spent)
        for name, flow in other.by_funder.items():
            _add_flow(self.by_funder, name, flow.received, flow.spent)
        for totals, more in ((self.by_fund, other.by_fund), (self.by_year, other.by_year)):
            for key, flow in more.items():
                _add_flow(totals, key, flow.received, flow.spent)


def plan_executed(plan: Plan, execution: ExecutionFigures, own: str) -> Executed:
    """One plan's money received and spent, keyed by the names officers read, from its
    execution figures; ``own`` is the plan's own name, for what a line's units do not take
    (a plan-wide line, spending on a per-unit line that names no unit)."""
    executed = Executed(
        total=Flow(execution.total.received, execution.total.spent),
        later=execution.later,
        unattributed=len(execution.unattributed),
        recorded=int(execution.has_records),
    )
    if plan.budget is None:
        return executed
    lines = {line.id: line for line in plan.budget.lines}
    units = {unit.id: unit.name for unit in plan.units}
    funders = {funder.id: funder.name for funder in plan.funders}
    funds = {funder.id: funder.fund for funder in plan.funders}
    taken: dict[tuple[str, str], Flow] = {}  # (line, funder): what the line's units take
    for row in execution.lines:
        if row.unit is not None:
            per_funder = executed.by_unit.setdefault(units.get(row.unit, row.unit), {})
            for funder, item in row.by_funder.items():
                _add_flow(per_funder, funders.get(funder, funder), item.received, item.spent)
                _add_flow(taken, (row.line, funder), item.received, item.spent)
    borne = Flow()
    for row in execution.line_rows():
        line = lines[row.line]
        year = str(line.year) if line.year else None
        for funder, item in row.by_funder.items():
            name = funders.get(funder, funder)
            _add_flow(executed.by_funder, name, item.received, item.spent)
            _add_flow(executed.by_fund, fund_of(line, funds, funder), item.received, item.spent)
            _add_flow(executed.by_year, year, item.received, item.spent)
            borne.add(item.received, item.spent)
            units_took = taken.get((row.line, funder), Flow())
            _add_flow(
                executed.by_unit.setdefault(own, {}),
                name,
                EXACT.subtract(item.received, units_took.received),
                EXACT.subtract(item.spent, units_took.spent),
            )
    executed.spent_without_funder = EXACT.subtract(execution.total.spent, borne.spent)
    return executed


@dataclass
class Rollup:
    """Running totals over the plans added so far."""

    as_of: date
    thresholds: Thresholds = field(default_factory=Thresholds)
    plans: list[str] = field(default_factory=list)
    budget_total: Decimal = Decimal(0)
    unfunded: Decimal = Decimal(0)
    by_unit: dict[str, dict[str, Decimal]] = field(default_factory=dict)
    by_funder: dict[str, Decimal] = field(default_factory=dict)
    by_fund: dict[str | None, Decimal] = field(default_factory=dict)
    by_year: dict[str | None, Decimal] = field(default_factory=dict)
    families: dict[str | None, FamilySummary] = field(default_factory=dict)
    executed: Executed = field(default_factory=Executed)

    def add(self, figures: PlanFigures, name: str, progress: PlanProgress | None = None) -> None:
        """Add one plan's figures (the ones its check worked out); ``progress``, when the
        caller has it already, is the plan's progress as of this rollup's date and
        thresholds."""
        self.plans.append(name)
        plan, budget, shares = figures.plan, figures.budget, figures.shares
        units = {unit.id: unit.name for unit in plan.units}
        funders = {funder.id: funder.name for funder in plan.funders}
        years = (
            {line.id: str(line.year) if line.year else None for line in plan.budget.lines}
            if plan.budget
            else {}
        )
        self.budget_total = EXACT.add(self.budget_total, budget.total)
        # this plan's sums in whole fen first (shares are whole fen), then added in the
        # order they were met: the same totals, in the same order, as share by share
        by_unit: dict[str, dict[str, int]] = {}
        by_funder: dict[str, int] = {}
        by_fund: dict[str | None, int] = {}
        by_year: dict[str | None, int] = {}
        own = f"({plan.title})"  # what no unit of the plan takes
        for share in shares.shares:
            unit = units.get(share.unit, share.unit) if share.unit else own
            funder = funders.get(share.funder, share.funder)
            fen = share.fen
            per_unit = by_unit.setdefault(unit, {})
            per_unit[funder] = per_unit.get(funder, 0) + fen
            by_funder[funder] = by_funder.get(funder, 0) + fen
            by_fund[share.fund] = by_fund.get(share.fund, 0) + fen
            year = years.get(share.line)
            by_year[year] = by_year.get(year, 0) + fen
        for unit, per_funder in by_unit.items():
            totals = self.by_unit.setdefault(unit, {})
            for funder, fen in per_funder.items():
                _add(totals, funder, from_fen(fen))
        for key, fen in by_funder.items():
            _add(self.by_funder, key, from_fen(fen))
        for mine, sums in ((self.by_fund, by_fund), (self.by_year, by_year)):
            for maybe, fen in sums.items():
                _add(mine, maybe, from_fen(fen))
        self.executed.merge(plan_executed(plan, figures.execution(self.as_of), own))
        self.unfunded = EXACT.add(self.unfunded, exact_sum(p.amount for p in shares.unfunded))
        if progress is None:
            progress = figures.progress(self.as_of, self.thresholds)
        for item in progress.targets:
            family = self.families.setdefault(item.target.family or None, FamilySummary())
            family.targets += 1
            family.standings[item.standing] += 1
            weight = Fraction(item.target.weight)
            family.weight += weight
            family.weighted_progress += weight * (item.progress or Fraction(0))

    def merge(self, other: Rollup) -> None:
        """Add the totals of ``other`` (plans added to another rollup of the same date,
        e.g. in a worker process): the same figures, in the same order, as adding its
        plans here one by one."""
        self.plans.extend(other.plans)
        self.budget_total = EXACT.add(self.budget_total, other.budget_total)
        self.unfunded = EXACT.add(self.unfunded, other.unfunded)
        for unit, per_funder in other.by_unit.items():
            mine = self.by_unit.setdefault(unit, {})
            for funder, amount in per_funder.items():
                _add(mine, funder, amount)
        for funder, amount in other.by_funder.items():
            _add(self.by_funder, funder, amount)
        for totals, more in ((self.by_fund, other.by_fund), (self.by_year, other.by_year)):
            for key, amount in more.items():
                _add(totals, key, amount)
        self.executed.merge(other.executed)
        for family_name, summary in other.families.items():
            family = self.families.setdefault(family_name, FamilySummary())
            family.targets += summary.targets
            family.weight += summary.weight
            family.weighted_progress += summary.weighted_progress
            for standing, count in summary.standings.items():
                family.standings[standing] += count
