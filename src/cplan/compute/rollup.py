"""Figures across many plans: per unit, per funder, per fund, per year, per target family.

Everything is keyed by the names officers read (白云区, 市财政) rather than identifiers,
which are only unique within one plan. Amounts come from the same budget and share
computations as a single plan's, so a city's centres give the same figures whether they
are kept in one plan or in one plan per centre. Plans are added one at a time, so a
rollup over thousands of files never holds them all.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from fractions import Fraction

from cplan.compute.budget import EXACT, exact_sum, from_fen
from cplan.compute.figures import PlanFigures
from cplan.compute.targets import PlanProgress, Standing, Thresholds

UNASSIGNED = "(未分类)"


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


def _add(totals: dict[str, Decimal], key: str, amount: Decimal) -> None:
    totals[key] = EXACT.add(totals.get(key, Decimal(0)), amount)


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
    by_fund: dict[str, Decimal] = field(default_factory=dict)
    by_year: dict[str, Decimal] = field(default_factory=dict)
    families: dict[str, FamilySummary] = field(default_factory=dict)

    def add(self, figures: PlanFigures, name: str, progress: PlanProgress | None = None) -> None:
        """Add one plan's figures (the ones its check worked out); ``progress``, when the
        caller has it already, is the plan's progress as of this rollup's date and
        thresholds."""
        self.plans.append(name)
        plan, budget, shares = figures.plan, figures.budget, figures.shares
        units = {unit.id: unit.name for unit in plan.units}
        funders = {funder.id: funder.name for funder in plan.funders}
        years = (
            {line.id: str(line.year) if line.year else UNASSIGNED for line in plan.budget.lines}
            if plan.budget
            else {}
        )
        self.budget_total = EXACT.add(self.budget_total, budget.total)
        # this plan's sums in whole fen first (shares are whole fen), then added in the
        # order they were met: the same totals, in the same order, as share by share
        by_unit: dict[str, dict[str, int]] = {}
        by_funder: dict[str, int] = {}
        by_fund: dict[str, int] = {}
        by_year: dict[str, int] = {}
        for share in shares.shares:
            unit = units.get(share.unit, share.unit) if share.unit else f"({plan.title})"
            funder = funders.get(share.funder, share.funder)
            fen = share.fen
            per_unit = by_unit.setdefault(unit, {})
            per_unit[funder] = per_unit.get(funder, 0) + fen
            by_funder[funder] = by_funder.get(funder, 0) + fen
            fund = share.fund or UNASSIGNED
            by_fund[fund] = by_fund.get(fund, 0) + fen
            year = years.get(share.line, UNASSIGNED)
            by_year[year] = by_year.get(year, 0) + fen
        for unit, per_funder in by_unit.items():
            totals = self.by_unit.setdefault(unit, {})
            for funder, fen in per_funder.items():
                _add(totals, funder, from_fen(fen))
        for mine, sums in (
            (self.by_funder, by_funder),
            (self.by_fund, by_fund),
            (self.by_year, by_year),
        ):
            for key, fen in sums.items():
                _add(mine, key, from_fen(fen))
        self.unfunded = EXACT.add(self.unfunded, exact_sum(p.amount for p in shares.unfunded))
        if progress is None:
            progress = figures.progress(self.as_of, self.thresholds)
        for item in progress.targets:
            family = self.families.setdefault(item.target.family or UNASSIGNED, FamilySummary())
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
        for totals, more in (
            (self.by_funder, other.by_funder),
            (self.by_fund, other.by_fund),
            (self.by_year, other.by_year),
        ):
            for key, amount in more.items():
                _add(totals, key, amount)
        for name, summary in other.families.items():
            family = self.families.setdefault(name, FamilySummary())
            family.targets += summary.targets
            family.weight += summary.weight
            family.weighted_progress += summary.weighted_progress
            for standing, count in summary.standings.items():
                family.standings[standing] += count
