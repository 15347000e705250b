"""Where each phase stands as of a date.

* 已完成 done: the phase is marked ``done``, or all of its tasks are;
* 未开始 not started: the date is before the phase's first day;
* 逾期 overdue: the phase's last day has passed and it is not done;
* 进行中 in progress: otherwise.

A phase's progress is the share of its tasks done, or, for a phase without tasks, the
share of its days that have passed (a done phase is 100 %).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from fractions import Fraction

from cplan.model import Phase, Plan


class PhaseState(StrEnum):
    NOT_STARTED = "未开始"
    IN_PROGRESS = "进行中"
    DONE = "已完成"
    OVERDUE = "逾期"

    @property
    def english(self) -> str:
        return {
            "未开始": "not started",
            "进行中": "in progress",
            "已完成": "done",
            "逾期": "overdue",
        }[self.value]


_ENGLISH = {"未开始": "not started", "进行中": "in progress", "已完成": "done", "逾期": "overdue"}


@dataclass(frozen=True)
class PhaseProgress:
    phase: Phase
    state: PhaseState
    progress: Fraction
    tasks_done: int


def phase_progress(phase: Phase, as_of: date) -> PhaseProgress:
    """Where ``phase`` stands on ``as_of``."""
    tasks_done = sum(task.done for task in phase.tasks)
    done = phase.done or (bool(phase.tasks) and tasks_done == len(phase.tasks))
    if done:
        return PhaseProgress(phase, PhaseState.DONE, Fraction(1), tasks_done)
    if phase.tasks:
        progress = Fraction(tasks_done, len(phase.tasks))
    else:
        days = (phase.when.end - phase.when.start).days + 1
        passed = (as_of - phase.when.start).days + 1
        progress = Fraction(min(max(passed, 0), days), days)
    if as_of < phase.when.start:
        state = PhaseState.NOT_STARTED
    elif as_of > phase.when.end:
        state = PhaseState.OVERDUE
    else:
        state = PhaseState.IN_PROGRESS
    return PhaseProgress(phase, state, progress, tasks_done)


def plan_phases(plan: Plan, as_of: date) -> tuple[PhaseProgress, ...]:
    return tuple(phase_progress(phase, as_of) for phase in plan.phases)
