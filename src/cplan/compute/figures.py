"""One plan's figures, each worked out once and shared by the rules and every command.

:class:`PlanFigures` is what the rules read (as their ``Subject``) and what a
:class:`~cplan.check.FileResult` carries to the commands: ``funding``, ``report``,
``diff``, ``rollup`` and ``status`` all take their money (and execution figures) from the same
:attr:`~PlanFigures.budget` and :attr:`~PlanFigures.shares` the rules checked.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property

from cplan.compute.budget import BudgetFigures, compute_budget
from cplan.compute.execution import (
    Attribution,
    ExecutionFigures,
    attribute_records,
    compute_execution,
)
from cplan.compute.phases import PhaseProgress, plan_phases
from cplan.compute.shares import FundingFigures, compute_shares
from cplan.compute.targets import PlanProgress, Thresholds, plan_progress
from cplan.model import Plan


@dataclass
class PlanFigures:
    """A valid plan and the figures derived from it (money once; progress per date)."""

    plan: Plan

    @cached_property
    def budget(self) -> BudgetFigures:
        return compute_budget(self.plan)

    @cached_property
    def shares(self) -> FundingFigures:
        return compute_shares(self.plan, self.budget)

    @cached_property
    def records(self) -> Attribution:
        """Every money received and spent record, attributed to lines, units and funders.

        A plan that records no money received or spent (most plans) has nothing to
        attribute, and the shares are not worked out for it."""
        if not self.has_records:
            return Attribution((), ())
        return attribute_records(self.plan, self.budget, self.shares)

    @cached_property
    def has_records(self) -> bool:
        """Whether any budget line records money received or spent."""
        budget = self.plan.budget
        return budget is not None and any(line.received or line.spent for line in budget.lines)

    def execution(self, as_of: date) -> ExecutionFigures:
        """Budget execution (到位, 支出) as of ``as_of``, beside the planned amounts."""
        return compute_execution(self.plan, self.budget, self.shares, as_of, self.records)

    @property
    def money_complete(self) -> bool:
        """Whether every line amount was computed and every one found its shares."""
        return not (self.budget.uncomputed or self.shares.problems or self.shares.skipped)

    def progress(self, as_of: date, thresholds: Thresholds | None = None) -> PlanProgress:
        return plan_progress(self.plan, as_of, thresholds or Thresholds())

    def phases(
        self, as_of: date, thresholds: Thresholds | None = None
    ) -> tuple[PhaseProgress, ...]:
        return plan_phases(self.plan, as_of, thresholds or Thresholds())
