"""CP6xx: targets say consistently what is to be reached, and by when."""

from __future__ import annotations

from collections.abc import Iterator
from decimal import Decimal

from cplan.diagnostics import Severity
from cplan.model import TargetKind
from cplan.model.values import format_span
from cplan.rules import DataPath, Finding, Subject, rule


@rule("CP601")
def target_direction(subject: Subject) -> Iterator[Finding]:
    """An increase target is above its baseline; a decrease target is below it."""
    for i, target in enumerate(subject.plan.targets):
        goal, base = target.target.value, target.baseline
        if goal is None or base is None:
            continue
        if target.kind is TargetKind.INCREASE and goal <= base.value:
            yield Finding(
                ("targets", i, "target", "value"),
                {"name": target.name, "value": goal, "baseline": base.value},
                variant="increase",
            )
        elif target.kind is TargetKind.DECREASE and goal >= base.value:
            yield Finding(
                ("targets", i, "target", "value"),
                {"name": target.name, "value": goal, "baseline": base.value},
                variant="decrease",
            )


@rule("CP602")
def target_fields_for_kind(subject: Subject) -> Iterator[Finding]:
    """A target's fields fit its kind.

    ``relative`` needs a baseline and a ``change`` and no ``value``; other kinds need a
    ``value`` and no ``change``; a ``zero`` target's value is 0.
    """
    for i, target in enumerate(subject.plan.targets):
        goal = target.target
        path = ("targets", i, "target")
        if target.kind is TargetKind.RELATIVE:
            if goal.change is None or goal.value is not None:
                yield Finding(path, {"name": target.name}, variant="relative")
            elif target.baseline is None:
                yield Finding(("targets", i), {"name": target.name}, variant="baseline")
        elif goal.value is None or goal.change is not None:
            yield Finding(path, {"name": target.name}, variant="value")
        elif target.kind is TargetKind.ZERO and goal.value != 0:
            yield Finding(
                (*path, "value"), {"name": target.name, "value": goal.value}, variant="zero"
            )


@rule("CP603")
def target_dates(subject: Subject) -> Iterator[Finding]:
    """A baseline is dated before the deadline; no actual value predates the baseline."""
    for i, target in enumerate(subject.plan.targets):
        deadline = target.target.deadline
        if target.baseline is not None and target.baseline.date.start >= deadline.end:
            yield Finding(
                ("targets", i, "baseline", "date"),
                {
                    "name": target.name,
                    "baseline": format_span(target.baseline.date),
                    "deadline": format_span(deadline),
                },
            )
        for j, actual in enumerate(target.actuals):
            if target.baseline is not None and actual.date.end < target.baseline.date.start:
                yield Finding(
                    ("targets", i, "actuals", j, "date"),
                    {
                        "name": target.name,
                        "date": format_span(actual.date),
                        "baseline": format_span(target.baseline.date),
                    },
                    variant="actual",
                )


@rule("CP604", Severity.WARNING)
def target_deadline_in_period(subject: Subject) -> Iterator[Finding]:
    """A target's deadline lies within the plan period (a warning)."""
    for i, target in enumerate(subject.plan.targets):
        deadline = target.target.deadline
        if deadline.end > subject.plan.period.end or deadline.start < subject.plan.period.start:
            yield Finding(
                ("targets", i, "target", "deadline"),
                {
                    "name": target.name,
                    "deadline": format_span(deadline),
                    "period": format_span(subject.plan.period),
                },
            )


@rule("CP605")
def percentage_range(subject: Subject) -> Iterator[Finding]:
    """Values of a target in % lie between 0 and 100."""
    for i, target in enumerate(subject.plan.targets):
        if target.unit.strip() not in ("%", "％"):
            continue
        values: list[tuple[DataPath, Decimal | None]] = [
            (("targets", i, "target", "value"), target.target.value)
        ]
        if target.baseline is not None:
            values.append((("targets", i, "baseline", "value"), target.baseline.value))
        values += [
            (("targets", i, "actuals", j, "value"), a.value) for j, a in enumerate(target.actuals)
        ]
        for path, value in values:
            if value is not None and not Decimal(0) <= value <= Decimal(100):
                yield Finding(path, {"name": target.name, "value": value})


@rule("CP606", Severity.WARNING)
def actuals_in_order(subject: Subject) -> Iterator[Finding]:
    """Actual values are recorded in date order, each date once (a warning)."""
    for i, target in enumerate(subject.plan.targets):
        for j in range(1, len(target.actuals)):
            before, actual = target.actuals[j - 1], target.actuals[j]
            if actual.date.start <= before.date.start:
                yield Finding(
                    ("targets", i, "actuals", j, "date"),
                    {
                        "name": target.name,
                        "date": format_span(actual.date),
                        "previous": format_span(before.date),
                    },
                )
