"""CP4xx: phases run forwards, in order, inside the plan period; overlaps and gaps noted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from cplan.diagnostics import Severity
from cplan.model.values import format_span
from cplan.rules import Finding, Subject, rule


@rule("CP401")
def phase_order(subject: Subject) -> Iterator[Finding]:
    """实施阶段应按时间先后排列: 每个阶段不能早于前一阶段开始。"""
    for i in range(1, len(subject.plan.phases)):
        before, phase = subject.plan.phases[i - 1], subject.plan.phases[i]
        if phase.when.start < before.when.start:
            yield Finding(
                ("phases", i, "when"),
                {
                    "name": phase.name,
                    "previous": before.name,
                    "when": format_span(phase.when),
                    "previous_when": format_span(before.when),
                },
            )


@rule("CP402")
def phase_in_period(subject: Subject) -> Iterator[Finding]:
    """实施阶段应在方案期限之内。"""
    for i, phase in enumerate(subject.plan.phases):
        if phase.when.start < subject.plan.period.start or phase.when.end > subject.plan.period.end:
            yield Finding(
                ("phases", i, "when"),
                {
                    "name": phase.name,
                    "when": format_span(phase.when),
                    "period": format_span(subject.plan.period),
                },
            )


@rule("CP403", Severity.WARNING)
def phase_overlap(subject: Subject) -> Iterator[Finding]:
    """相邻阶段时间重叠。

    For example 全面提升阶段 7月中旬至8月中旬 followed by 迎接检查阶段 8月中旬至年底
    share the 旬 8月11日–20日. Often intended, so only a warning.
    """
    for i in range(1, len(subject.plan.phases)):
        before, phase = subject.plan.phases[i - 1], subject.plan.phases[i]
        if before.when.start <= phase.when.start <= before.when.end:
            yield Finding(
                ("phases", i, "when"),
                {
                    "name": phase.name,
                    "previous": before.name,
                    "start": phase.when.start.isoformat(),
                    "end": before.when.end.isoformat(),
                },
            )


@rule("CP404", Severity.WARNING)
def phase_gap(subject: Subject) -> Iterator[Finding]:
    """相邻阶段之间有空档 (前一阶段结束后, 下一阶段没有紧接着开始)。"""
    for i in range(1, len(subject.plan.phases)):
        before, phase = subject.plan.phases[i - 1], subject.plan.phases[i]
        if phase.when.start > before.when.end + timedelta(days=1):
            yield Finding(
                ("phases", i, "when"),
                {
                    "name": phase.name,
                    "previous": before.name,
                    "days": (phase.when.start - before.when.end).days - 1,
                },
            )


@rule("CP405", Severity.WARNING)
def task_due_in_phase(subject: Subject) -> Iterator[Finding]:
    """阶段内任务的完成期限应在该阶段的起止时间之内。"""
    for i, phase in enumerate(subject.plan.phases):
        for j, task in enumerate(phase.tasks):
            if task.due is not None and not (
                phase.when.start <= task.due.end and task.due.start <= phase.when.end
            ):
                yield Finding(
                    ("phases", i, "tasks", j, "due"),
                    {"task": task.name, "name": phase.name, "when": format_span(phase.when)},
                )
