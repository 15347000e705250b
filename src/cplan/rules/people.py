"""CP7xx: people, staffing and declared capacities."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal
from typing import Any

from cplan.compute.budget import line_units
from cplan.diagnostics import Severity
from cplan.model import BudgetLine
from cplan.rules import DataPath, Finding, Subject, rule


@rule("CP701", Severity.WARNING)
def blank_member_name(subject: Subject) -> Iterator[Finding]:
    """Every listed member has a name (a warning: drafts leave names blank)."""
    for i, committee in enumerate(subject.plan.committees):
        for j, member in enumerate(committee.members):
            if not (member.name or "").strip():
                yield Finding(
                    ("committees", i, "members", j), {"name": committee.name, "role": member.role}
                )


@rule("CP702", Severity.WARNING)
def limit_exceeded(subject: Subject) -> Iterator[Finding]:
    """A unit's quantity outside the plan's limits (服务人数 above a ceiling of 200).

    A warning: the plan's own budget formula decides what the breach costs.  When the
    quantity is above a ceiling, the message says what the budget lines that pay on it
    do: a line with ``quantity_max`` at or below the ceiling pays at most the capped
    quantity (210 people are paid as 200, the 10 above are not paid); a line without
    such a cap pays on the full quantity, and the message says so and how to cap it.
    """
    units = {unit.id: unit for unit in subject.plan.units}
    lines = subject.plan.budget.lines if subject.plan.budget is not None else []
    for limit in subject.plan.limits:
        for i, unit in enumerate(subject.plan.units):
            if limit.unit_kind is not None and unit.kind != limit.unit_kind:
                continue
            value = unit.quantities.get(limit.quantity)
            if value is None:
                continue
            args = {"unit": unit.name, "quantity": limit.quantity, "value": value}
            where = ("units", i, "quantities", limit.quantity)
            if limit.max is not None and value > limit.max:
                paying = [
                    line
                    for line in lines
                    if line.quantity == limit.quantity
                    and any(u.id == unit.id for u in line_units(line, units) or [])
                ]
                yield _ceiling_finding(where, args, limit.max, paying)
            if limit.min is not None and value < limit.min:
                yield Finding(where, {**args, "limit": limit.min}, variant="min")


def _ceiling_finding(
    where: DataPath, args: dict[str, Any], ceiling: Decimal, paying: list[BudgetLine]
) -> Finding:
    """What a quantity above the ceiling does to the lines that pay on it."""
    value: Decimal = args["value"]
    args = {**args, "limit": ceiling}
    if not paying:
        return Finding(where, args, variant="max")
    uncapped = [line for line in paying if line.quantity_max is None or line.quantity_max > ceiling]
    if uncapped:
        paid = max(min(value, line.quantity_max or value) for line in uncapped)
        names = "、".join(line.name for line in uncapped)
        return Finding(where, {**args, "lines": names, "paid": paid}, variant="max_paid")
    paid = max(line.quantity_max for line in paying if line.quantity_max is not None)
    names = "、".join(line.name for line in paying)
    return Finding(
        where, {**args, "lines": names, "paid": paid, "excess": value - paid}, variant="max_capped"
    )


@rule("CP703", Severity.WARNING)
def staffing_below_norm(subject: Subject) -> Iterator[Finding]:
    """Each unit's staff meet the staffing norms for its kind (a warning)."""
    for norm in subject.plan.staffing_norms:
        for i, unit in enumerate(subject.plan.units):
            if norm.unit_kind is not None and unit.kind != norm.unit_kind:
                continue
            if not unit.staff:
                continue
            have = unit.staff.get(norm.category, 0)
            if have < norm.per_unit:
                yield Finding(
                    ("units", i, "staff"),
                    {
                        "unit": unit.name,
                        "category": norm.category,
                        "have": have,
                        "norm": norm.per_unit,
                    },
                )
