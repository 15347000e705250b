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
* ``zero``: met or missed, no partial credit: any actual other than 0 up to the date
  misses the target for good.

The schedule status compares progress with the share of time elapsed between the
baseline date (or the plan's start) and the deadline, as of the date:

* 已完成 met: the target is reached (a zero-tolerance target: the deadline has passed
  with no incident);
* 未完成 missed: the deadline has passed and the target is not reached, or a
  zero-tolerance target has had an incident;
* 正常 on track: progress is behind time elapsed by at most ``at_risk`` (10 points);
* 预警 at risk: behind by more than ``at_risk`` and at most ``behind`` (25 points);
* 滞后 behind: behind by more than ``behind``;
* 无数据 no data: no actual value reported by the date.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from enum import StrEnum
from fractions import Fraction

from cplan.model import Actual, Plan, Target, TargetKind
from cplan.model.values import DateSpan


class Standing(StrEnum):
    """A target's schedule status. The value is the word officers use."""

    MET = "已完成"
    ON_TRACK = "正常"
    AT_RISK = "预警"
    BEHIND = "滞后"
    MISSED = "未完成"
    NO_DATA = "无数据"

    @property
    def english(self) -> str:
        return _ENGLISH[self]


_ENGLISH = {
    Standing.MET: "met",
    Standing.ON_TRACK: "on track",
    Standing.AT_RISK: "at risk",
    Standing.BEHIND: "behind",
    Standing.MISSED: "missed",
    Standing.NO_DATA: "no data",
}


@dataclass(frozen=True)
class Thresholds:
    """How far progress may trail time elapsed before a target is at risk, or behind."""

    at_risk: Fraction = Fraction(1, 10)
    behind: Fraction = Fraction(1, 4)

    def __post_init__(self) -> None:
        if not Fraction(0) <= self.at_risk <= self.behind:
            raise ValueError("thresholds must satisfy 0 ≤ at_risk ≤ behind")


@dataclass(frozen=True)
class TargetProgress:
    """One target as of a date."""

    target: Target
    goal: Decimal | None
    start: date
    actual: Actual | None
    raw: Fraction | None
    elapsed: Fraction
    standing: Standing
    met: bool

    @property
    def progress(self) -> Fraction | None:
        """Progress clamped to 0–1 for display; :attr:`raw` keeps the exact figure."""
        if self.raw is None:
            return None
        return min(max(self.raw, Fraction(0)), Fraction(1))


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


def latest_actual(actuals: Sequence[Actual], as_of: date) -> Actual | None:
    """The most recent actual value whose date has fully passed by ``as_of``."""
    known = [actual for actual in actuals if actual.date.end <= as_of]
    return max(known, key=lambda actual: actual.date.start, default=None)


def elapsed_share(start: date, deadline: DateSpan, as_of: date) -> Fraction:
    """The share of time from ``start`` to the deadline's last day that has passed."""
    total = (deadline.end - start).days
    if total <= 0:
        return Fraction(1)
    return min(max(Fraction((as_of - start).days, total), Fraction(0)), Fraction(1))


def _raw_progress(target: Target, goal: Decimal, actual: Decimal) -> Fraction:
    direction = _direction(target)
    if target.baseline is None and direction is TargetKind.DECREASE:
        return Fraction(1) if actual <= goal else Fraction(0)
    base = target.baseline.value if target.baseline is not None else Decimal(0)
    if goal == base:
        reached = actual >= goal if direction is not TargetKind.DECREASE else actual <= goal
        return Fraction(1) if reached else Fraction(0)
    return Fraction(actual - base) / Fraction(goal - base)


def target_progress(
    target: Target, plan_start: date, as_of: date, thresholds: Thresholds = Thresholds()
) -> TargetProgress:
    """Where ``target`` stands on ``as_of``."""
    goal = goal_value(target)
    start = target.baseline.date.end if target.baseline is not None else plan_start
    elapsed = elapsed_share(start, target.target.deadline, as_of)
    overdue = as_of > target.target.deadline.end
    actual = latest_actual(target.actuals, as_of)

    if target.kind is TargetKind.ZERO:
        reported = [a for a in target.actuals if a.date.end <= as_of]
        incident = any(a.value != 0 for a in reported)
        if incident:
            standing, raw, met = Standing.MISSED, Fraction(0), False
        elif not reported:
            standing, raw, met = Standing.NO_DATA, None, False
        else:
            met = overdue
            standing, raw = (Standing.MET if overdue else Standing.ON_TRACK), Fraction(1)
        return TargetProgress(target, goal, start, actual, raw, elapsed, standing, met)

    if actual is None or goal is None:
        return TargetProgress(target, goal, start, actual, None, elapsed, Standing.NO_DATA, False)
    raw = _raw_progress(target, goal, actual.value)
    met = (
        actual.value <= goal if _direction(target) is TargetKind.DECREASE else actual.value >= goal
    )
    if met:
        standing = Standing.MET
    elif overdue:
        standing = Standing.MISSED
    else:
        gap = elapsed - min(max(raw, Fraction(0)), Fraction(1))
        if gap <= thresholds.at_risk:
            standing = Standing.ON_TRACK
        elif gap <= thresholds.behind:
            standing = Standing.AT_RISK
        else:
            standing = Standing.BEHIND
    return TargetProgress(target, goal, start, actual, raw, elapsed, standing, met)


@dataclass(frozen=True)
class PlanProgress:
    """Every target of a plan as of a date, and the weighted overall progress."""

    as_of: date
    targets: tuple[TargetProgress, ...]

    @property
    def overall(self) -> Fraction | None:
        """Σ weight × progress / Σ weight; a target without data counts as 0 % progress."""
        weights = sum((Fraction(t.target.weight) for t in self.targets), Fraction(0))
        if not weights:
            return None
        done = sum(
            (Fraction(t.target.weight) * (t.progress or Fraction(0)) for t in self.targets),
            Fraction(0),
        )
        return done / weights

    def count(self, standing: Standing) -> int:
        return sum(t.standing is standing for t in self.targets)


def plan_progress(plan: Plan, as_of: date, thresholds: Thresholds = Thresholds()) -> PlanProgress:
    """Every target's progress and status as of ``as_of``."""
    return PlanProgress(
        as_of,
        tuple(target_progress(t, plan.period.start, as_of, thresholds) for t in plan.targets),
    )
