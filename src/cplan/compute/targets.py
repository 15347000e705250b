"""Where each target stands as of a date: progress against the baseline and the calendar.

Progress is how far the latest actual value has moved from the baseline toward the
target, ``(actual − baseline) / (target − baseline)``, kept exactly (a fraction) and
also clamped to 0–100 % for display. Per kind:

* ``increase`` / ``count``: the formula above; without a baseline the start is 0. Met when
  the actual reaches the target (``actual ≥ target``).
* ``decrease``: the same formula (both differences are negative). Met when
  ``actual ≤ target``. Without a baseline there is no distance to measure: progress is
  100 % when met, else 0 %.
* ``relative``: the target is derived from the baseline, ``baseline × (1 + change)``
  (降低30% → ``baseline × 0.7``), then as ``increase`` or ``decrease`` by the sign of
  the change.
* ``zero``: met or failed, no partial credit: any actual other than 0 up to the date
  fails the target for good (progress 0 %). Without an incident, progress is the share
  of the target's time that the reports confirm free of incidents (reports up to
  mid-year of a one-year target: 50 %); the target is met only once the reports cover
  its deadline.

Time elapsed is the share of the days from the baseline date (without a baseline, the
plan's first day) to the deadline that have passed. The status words and their rules
are those of :mod:`cplan.compute.status`, shared with the phases.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from functools import cached_property

from cplan.compute.status import (
    DEFAULT_THRESHOLDS,
    Standing,
    Thresholds,
    clamp,
    elapsed_between,
    schedule,
)
from cplan.model import Actual, Plan, Target, TargetKind
from cplan.model.values import DateSpan

__all__ = [
    "PlanProgress",
    "Standing",
    "TargetProgress",
    "Thresholds",
    "elapsed_share",
    "goal_value",
    "latest_actual",
    "plan_progress",
    "target_progress",
]


@dataclass(frozen=True)
class TargetProgress:
    """One target as of a date. ``start`` is the day the clock starts from (time 0)."""

    target: Target
    goal: Decimal | None
    start: date
    actual: Actual | None
    raw: Fraction | None
    elapsed: Fraction
    standing: Standing
    met: bool

    @cached_property
    def progress(self) -> Fraction | None:
        """Progress clamped to 0–1 for display; :attr:`raw` keeps the exact figure."""
        return None if self.raw is None else clamp(self.raw)


def goal_value(target: Target) -> Decimal | None:
    """The value to reach: as written, or derived from the baseline for a relative change."""
    if target.kind is TargetKind.RELATIVE:
        if target.baseline is None or target.target.change is None:
            return None
        exact = Fraction(target.baseline.value) * (1 + target.target.change)
        return Decimal(exact.numerator) / Decimal(exact.denominator)
    return target.target.value


def _direction(target: Target) -> TargetKind:
    if target.kind is TargetKind.RELATIVE:
        change = target.target.change or Fraction(0)
        return TargetKind.DECREASE if change < 0 else TargetKind.INCREASE
    return target.kind


def latest_actual(actuals: Sequence[Actual], as_of: date | None = None) -> Actual | None:
    """The most recent actual value (by its dates), among those whose date has fully
    passed by ``as_of`` when a date is given; None when there is none."""
    known = [a for a in actuals if as_of is None or a.date.end <= as_of]
    return max(known, key=lambda actual: (actual.date.start, actual.date.end), default=None)


def elapsed_share(start: date, deadline: DateSpan, as_of: date) -> Fraction:
    """The share of time from ``start`` to the deadline's last day that has passed."""
    return elapsed_between(start, deadline.end, as_of)


def _raw_progress(target: Target, goal: Decimal, actual: Decimal) -> Fraction:
    direction = _direction(target)
    if target.baseline is None and direction is TargetKind.DECREASE:
        return Fraction(1) if actual <= goal else Fraction(0)
    base = target.baseline.value if target.baseline is not None else Decimal(0)
    if goal == base:
        reached = actual >= goal if direction is not TargetKind.DECREASE else actual <= goal
        return Fraction(1) if reached else Fraction(0)
    return Fraction(actual - base) / Fraction(goal - base)


def _clock_start(target: Target, plan_start: date) -> date:
    """Time 0: the baseline's date, or the day before the plan begins."""
    if target.baseline is not None:
        return target.baseline.date.end
    return plan_start - timedelta(days=1)


def target_progress(
    target: Target, plan_start: date, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> TargetProgress:
    """Where ``target`` stands on ``as_of``."""
    goal = goal_value(target)
    start = _clock_start(target, plan_start)
    deadline = target.target.deadline.end
    elapsed = elapsed_between(start, deadline, as_of)
    actual = latest_actual(target.actuals, as_of)
    failed = False
    if target.kind is TargetKind.ZERO:
        reported = [a for a in target.actuals if a.date.end <= as_of]
        failed = any(a.value != 0 for a in reported)
        if failed:
            raw: Fraction | None = Fraction(0)
            met = False
        elif reported:
            covered = max(a.date.end for a in reported)
            raw, met = elapsed_between(start, deadline, covered), covered >= deadline
        else:
            raw, met = None, False
    elif actual is None or goal is None:
        raw, met = None, False
    else:
        raw = _raw_progress(target, goal, actual.value)
        decrease = _direction(target) is TargetKind.DECREASE
        met = actual.value <= goal if decrease else actual.value >= goal
    standing = schedule(
        done=met,
        failed=failed,
        overdue=as_of > deadline,
        started=as_of > start,
        progress=raw,
        elapsed=elapsed,
        thresholds=thresholds,
    )
    return TargetProgress(target, goal, start, actual, raw, elapsed, standing, met)


@dataclass(frozen=True)
class PlanProgress:
    """Every target of a plan as of a date, and the weighted overall progress."""

    as_of: date
    targets: tuple[TargetProgress, ...]

    @property
    def has_data(self) -> bool:
        """Whether any target that counts (weight above 0) has a progress figure."""
        return any(t.progress is not None and t.target.weight > 0 for t in self.targets)

    @cached_property
    def overall(self) -> Fraction | None:
        """Σ weight × progress / Σ weight; a target without data counts as 0 % progress.

        None when there is nothing to weigh: no target counts, or none has data yet.
        """
        weights = sum((Fraction(t.target.weight) for t in self.targets), Fraction(0))
        if not weights or not self.has_data:
            return None
        done = sum(
            (Fraction(t.target.weight) * (t.progress or Fraction(0)) for t in self.targets),
            Fraction(0),
        )
        return done / weights

    def count(self, standing: Standing) -> int:
        return sum(t.standing is standing for t in self.targets)


def plan_progress(
    plan: Plan, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> PlanProgress:
    """Every target's progress and status as of ``as_of``."""
    return PlanProgress(
        as_of,
        tuple(target_progress(t, plan.period.start, as_of, thresholds) for t in plan.targets),
    )
