"""Where each phase stands as of a date, in the status words targets use.

Completion carries its date. ``done`` on a task or a phase is ``true``, ``false`` or the
date it was finished (``2025年4月20日``, or a 旬 or month, read as its last day); as of a
date before that, it is not done yet. ``true`` without a date counts from the phase's
first day: asked about any earlier date, the phase and its tasks are not done. A phase
marked done closes its open tasks on the same day; a phase whose tasks are all done is
done on the day the last of them was.

A phase's progress is the share of its tasks done as of the date; a phase without tasks
has no progress figure, only the share of its days that have passed (time elapsed). Its
status follows :mod:`cplan.compute.status`: 已完成 once done, 逾期未完成 after its last
day, 未开始 before its first, 无数据 under way without tasks, else 正常 / 预警 / 滞后 by
how far task progress trails time elapsed.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from fractions import Fraction

from cplan.compute.status import DEFAULT_THRESHOLDS, Standing, Thresholds, elapsed_between, schedule
from cplan.model import Phase, Plan
from cplan.model.values import DateSpan


def finished_on(done: bool | DateSpan, phase: Phase) -> date | None:
    """The day from which a ``done`` value counts: its date's last day; for ``true``, the
    phase's first day; None when not done."""
    if isinstance(done, DateSpan):
        return done.end
    return phase.when.start if done else None


@dataclass(frozen=True)
class PhaseProgress:
    """One phase as of a date.

    ``done_on`` is the day the phase was finished when that is written down (the phase's
    own ``done`` date, or the last of its tasks' dates) and has come by the date; None
    when it is not done yet, or done without a date.
    """

    phase: Phase
    standing: Standing
    progress: Fraction | None
    elapsed: Fraction
    tasks_done: int
    done_on: date | None

    @property
    def done(self) -> bool:
        return self.standing is Standing.DONE


def _closing(phase: Phase) -> tuple[date | None, bool, list[date | None]]:
    """When the phase is finished, whether that day is written down, and when each task is."""
    tasks = [finished_on(task.done, phase) for task in phase.tasks]
    closed = finished_on(phase.done, phase)
    if closed is not None:
        return (
            closed,
            isinstance(phase.done, DateSpan),
            [closed if day is None else min(day, closed) for day in tasks],
        )
    if tasks and all(day is not None for day in tasks):
        dated = all(isinstance(task.done, DateSpan) for task in phase.tasks)
        return max(day for day in tasks if day is not None), dated, tasks
    return None, False, tasks


def phase_progress(
    phase: Phase, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> PhaseProgress:
    """Where ``phase`` stands on ``as_of``."""
    closed, dated, task_days = _closing(phase)
    finished = closed is not None and closed <= as_of
    tasks_done = sum(day is not None and day <= as_of for day in task_days)
    progress = Fraction(tasks_done, len(task_days)) if task_days else None
    elapsed = elapsed_between(phase.when.start - timedelta(days=1), phase.when.end, as_of)
    standing = schedule(
        done=finished,
        overdue=as_of > phase.when.end,
        started=as_of >= phase.when.start,
        progress=progress,
        elapsed=elapsed,
        thresholds=thresholds,
    )
    done_on = closed if finished and dated else None
    return PhaseProgress(phase, standing, progress, elapsed, tasks_done, done_on)


def plan_phases(
    plan: Plan, as_of: date, thresholds: Thresholds = DEFAULT_THRESHOLDS
) -> tuple[PhaseProgress, ...]:
    """Every phase's progress and status as of ``as_of``."""
    return tuple(phase_progress(phase, as_of, thresholds) for phase in plan.phases)
