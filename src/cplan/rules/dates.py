"""CP4xx: phases run forwards, in order, inside the plan period; overlaps and gaps noted."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import timedelta

from cplan.diagnostics import Severity
from cplan.model.values import format_span
from cplan.rules import Finding, Subject, rule


@rule("CP401")
def phase_order(subject: Subject) -> Iterator[Finding]:
    """Each phase starts no earlier than the phase before it."""
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
    """Each phase lies within the plan period."""
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
    """A phase does not start before the previous one ends (a warning: often intended)."""
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
    """A phase starts the day after the previous one ends (a warning: gaps may be intended)."""
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
    """A task's ``due`` date lies within its phase (a warning)."""
    for i, phase in enumerate(subject.plan.phases):
        for j, task in enumerate(phase.tasks):
            if task.due is not None and not (
                phase.when.start <= task.due.end and task.due.start <= phase.when.end
            ):
                yield Finding(
                    ("phases", i, "tasks", j, "due"),
                    {"task": task.name, "name": phase.name, "when": format_span(phase.when)},
                )
