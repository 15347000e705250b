"""Plain, JSON-ready data from a plan and its computed figures. Stable: ``"version": 1``.

Money is a string with two decimals (``"480000.00"``) so no reader ever meets a binary
float; percentages are strings with two decimals (``"64.29"``) next to the exact fraction
(``"9/14"``); dates are ISO (``"2024-04-11"``) next to the officer's spelling.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any

from cplan.compute.phases import PhaseProgress
from cplan.compute.targets import PlanProgress, TargetProgress
from cplan.model import Plan
from cplan.model.values import DateSpan, format_span

VERSION = 1


def money(amount: Decimal) -> str:
    return str(amount.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def percent(share: Fraction | None) -> str | None:
    """A share (0.64…) as a percentage string with two decimals ("64.29")."""
    if share is None:
        return None
    scaled = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return str(scaled.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def exact(share: Fraction | None) -> str | None:
    return None if share is None else str(share)


def number(value: Decimal | None) -> str | None:
    return None if value is None else format(value.normalize(), "f")


def span(value: DateSpan) -> dict[str, str]:
    return {
        "text": format_span(value),
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
    }


def plan_identity(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "level": plan.level,
        "area": plan.area,
        "period": span(plan.period),
        "status": plan.status.value,
    }


def target_data(item: TargetProgress) -> dict[str, Any]:
    target = item.target
    return {
        "id": target.id,
        "name": target.name,
        "kind": target.kind.value,
        "family": target.family,
        "unit": target.unit,
        "owner": target.owner,
        "weight": number(target.weight),
        "baseline": number(target.baseline.value) if target.baseline else None,
        "target": number(item.goal),
        "deadline": span(target.target.deadline),
        "actual": number(item.actual.value) if item.actual else None,
        "actual_date": span(item.actual.date) if item.actual else None,
        "actual_source": item.actual.source if item.actual else None,
        "progress": percent(item.progress),
        "progress_raw": exact(item.raw),
        "time_elapsed": percent(item.elapsed),
        "status": item.standing.value,
        "status_en": item.standing.english,
        "met": item.met,
    }


def phase_data(item: PhaseProgress) -> dict[str, Any]:
    phase = item.phase
    return {
        "id": phase.id,
        "name": phase.name,
        "when": span(phase.when),
        "owner": phase.owner,
        "tasks": len(phase.tasks),
        "tasks_done": item.tasks_done,
        "progress": percent(item.progress),
        "status": item.state.value,
        "status_en": item.state.english,
    }


def status_data(
    plan: Plan, path: str, progress: PlanProgress, phases: tuple[PhaseProgress, ...]
) -> dict[str, Any]:
    """Everything ``cplan status`` shows, as plain data."""
    return {
        "version": VERSION,
        "path": path,
        "as_of": progress.as_of.isoformat(),
        "plan": plan_identity(plan),
        "overall_progress": percent(progress.overall),
        "overall_progress_raw": exact(progress.overall),
        "targets": [target_data(item) for item in progress.targets],
        "phases": [phase_data(item) for item in phases],
    }
