"""Room 3 of the pipeline: plain data → a typed, validated :class:`Plan`.

The model knows plans, nothing of files: positions come from ``cplan.locate`` and are
attached to validation errors by ``cplan.check``.
"""

from __future__ import annotations

from cplan.model.budget import (
    Budget,
    BudgetLine,
    Expense,
    Funder,
    Receipt,
    Sharing,
    StaffingNorm,
)
from cplan.model.committees import Committee, CommitteeKind, Duty, Member
from cplan.model.phases import Phase, Task
from cplan.model.plan import Plan, Section, Sections, Status
from cplan.model.targets import Actual, Baseline, Goal, Target, TargetKind
from cplan.model.units import Limit, Unit

__all__ = [
    "Actual",
    "Baseline",
    "Budget",
    "BudgetLine",
    "Committee",
    "CommitteeKind",
    "Duty",
    "Expense",
    "Funder",
    "Goal",
    "Limit",
    "Member",
    "Phase",
    "Plan",
    "Receipt",
    "Section",
    "Sections",
    "Sharing",
    "StaffingNorm",
    "Status",
    "Target",
    "TargetKind",
    "Task",
    "Unit",
]
