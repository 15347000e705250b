"""``cplan update``: read filled-in workbooks and write their records into the plan's YAML.

:func:`prepare_update` works out what an update would do, writing nothing: it reads the
workbooks (:mod:`cplan.fieldwork.reading`: entries, task marks and money records, and
problems named by cell), keeps what is not yet recorded (a value for a target and day
already there, a task already marked so, a money record already in the plan are
skipped and said so), splices the rest into the plan's text
(:mod:`cplan.fieldwork.splicing`: only added lines, and the task lines marked, everything
else byte for byte) and checks the result again before anything may be written: it must
load back with exactly the expected records and pass :func:`cplan.check.check_text`
without errors. :func:`decode_plan` turns the plan file's bytes into that text (and the
byte-order mark to write back in front of the new text).
"""

from __future__ import annotations

import codecs
import difflib
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from cplan.compute.figures import PlanFigures
from cplan.compute.targets import latest_actual
from cplan.fieldwork.reading import (
    Entry,
    MoneyEntry,
    Problem,
    TaskMark,
    merge,
    merge_money,
    merge_tasks,
    read_workbook,
)
from cplan.fieldwork.splicing import SpliceError, entry_text, splice
from cplan.model import Plan, Task
from cplan.model.values import DateSpan

__all__ = [
    "Entry",
    "MoneyEntry",
    "Problem",
    "SpliceError",
    "TaskMark",
    "UpdatePlan",
    "decode_plan",
    "entry_text",
    "prepare_update",
    "read_workbook",
    "splice",
]


def decode_plan(data: bytes) -> tuple[bytes, str]:
    """The plan file's bytes as (its UTF-8 byte-order mark or ``b""``, its text).

    Raises :class:`UnicodeDecodeError` for a file that is not UTF-8: only such files can
    be updated (the spliced lines are written back in UTF-8).
    """
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    return bom, data[len(bom) :].decode("utf-8")


@dataclass
class UpdatePlan:
    """What an update would do: the old and new text, what is added and what is wrong."""

    old_text: str
    new_text: str
    added: list[Entry] = field(default_factory=list)
    recorded: list[Entry] = field(default_factory=list)  # already in the plan: skipped
    problems: list[Problem] = field(default_factory=list)
    refused: bool = False  # nothing may be written (problems without --partial, failed check)
    unverified: list[str] = field(default_factory=list)  # signed, but no key here to check
    tasks: list[TaskMark] = field(default_factory=list)
    tasks_recorded: list[TaskMark] = field(default_factory=list)
    money: list[MoneyEntry] = field(default_factory=list)
    money_recorded: list[MoneyEntry] = field(default_factory=list)

    @property
    def changed(self) -> bool:
        return self.new_text != self.old_text

    def diff(self, name: str) -> str:
        return "".join(
            difflib.unified_diff(
                self.old_text.splitlines(keepends=True),
                self.new_text.splitlines(keepends=True),
                fromfile=f"a/{name}",
                tofile=f"b/{name}",
            )
        )


# -- what the plan already holds -----------------------------------------------------------


def _day(span: DateSpan | None) -> date | None:
    return span.start if span is not None and span.start == span.end else None


def _snapshot(plan: Plan) -> dict[str, object]:
    """Every record an update may add or set, as comparable values."""
    return {
        "actuals": {
            t.id: [(a.value, a.date.start, a.source, a.note) for a in t.actuals]
            for t in plan.targets
        },
        "tasks": {
            f"{p.id}#{n}": (t.done, t.started)
            for p in plan.phases
            for n, t in enumerate(p.tasks, start=1)
        },
        "money": {
            line.id: (
                [(r.funder, r.amount, r.date, r.unit, r.document, r.note) for r in line.received],
                [(r.amount, r.date, r.unit, r.document, r.note) for r in line.spent],
            )
            for line in (plan.budget.lines if plan.budget else [])
        },
    }


def _in_plan(plan: Plan) -> Counter[tuple[object, ...]]:
    """The plan's money records, counted by what :attr:`MoneyEntry.identity` compares."""
    found: Counter[tuple[object, ...]] = Counter()
    for line in plan.budget.lines if plan.budget else []:
        for r in line.received:
            found[
                ("received", line.id, r.unit, r.funder, r.amount, _day(r.date), r.document, None)
            ] += 1
        for e in line.spent:
            found[("spent", line.id, e.unit, None, e.amount, _day(e.date), e.document, e.note)] += 1
    return found


def _task_state(task: Task) -> tuple[str, date | None] | None:
    """What the plan says of a task: ("done", day or None), ("started", day), or None."""
    if isinstance(task.done, DateSpan):
        return ("done", task.done.end)
    if task.done:
        return ("done", None)
    if task.started is not None:
        return ("started", task.started.start)
    return None


def _sort_tasks(plan: Plan, marks: list[TaskMark], outcome: UpdatePlan) -> None:
    phases = {p.id: p for p in plan.phases}
    for mark in marks:
        task = phases[mark.phase].tasks[mark.position - 1]
        now = _task_state(task)
        if now == (mark.state, mark.day):
            outcome.tasks_recorded.append(mark)
        elif (
            now is None
            or (now == ("done", None) and mark.state == "done")
            or (now[0] == "started" and mark.state == "done")
        ):
            outcome.tasks.append(mark)
        else:
            outcome.problems.append(
                Problem(
                    mark.file,
                    mark.where,
                    "fieldwork.task_already",
                    {
                        "recorded": f"sheet.state.{now[0]}",
                        "recorded_day": str(now[1] or ""),
                        "found": f"sheet.state.{mark.state}",
                        "found_day": str(mark.day),
                    },
                    mark.label,
                )
            )


def _sort_money(plan: Plan, records: list[MoneyEntry], outcome: UpdatePlan) -> None:
    have = _in_plan(plan)
    for record in records:
        if have[record.identity] > 0:
            have[record.identity] -= 1
            outcome.money_recorded.append(record)
        else:
            outcome.money.append(record)


# -- the whole update ----------------------------------------------------------------------


def _verify(new_text: str, expected: dict[str, object], display: str) -> list[Problem]:
    """The new text must check without errors and hold exactly the expected records."""
    from cplan.check import check_text

    result = check_text(new_text, display)
    if result.plan is None or result.errors:
        errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
        return [
            Problem(
                display,
                "",
                "fieldwork.update_invalid",
                {"detail": "; ".join(d.format("zh") for d in errors[:3])},
            )
        ]
    if _snapshot(result.plan) != expected:
        return [Problem(display, "", "fieldwork.update_internal")]
    return []


def _expected(plan: Plan, outcome: UpdatePlan) -> dict[str, object]:
    from cplan.model.values import parse_date

    expected = _snapshot(plan)
    actuals = expected["actuals"]
    assert isinstance(actuals, dict)
    for entry in sorted(outcome.added, key=lambda e: e.day):
        actuals[entry.target].append((entry.value, entry.day, entry.source, entry.note))
    tasks = expected["tasks"]
    assert isinstance(tasks, dict)
    for mark in outcome.tasks:
        done, started = tasks[mark.key]
        day = parse_date(mark.day.isoformat())
        tasks[mark.key] = (day, started) if mark.state == "done" else (done, day)
    money = expected["money"]
    assert isinstance(money, dict)
    for r in outcome.money:
        received, spent = money[r.line]
        day = parse_date(r.day.isoformat())
        if r.kind == "received":
            received.append((r.funder, r.amount, day, r.unit, r.document, None))
        else:
            spent.append((r.amount, day, r.unit, r.document, r.note))
    return expected


def prepare_update(
    plan: Plan,
    plan_bytes: bytes,
    text: str,
    display: str,
    workbooks: Sequence[tuple[Path, str]],
    partial: bool = False,
    key: bytes | None = None,
) -> UpdatePlan:
    """Read ``workbooks`` ((path, shown name) pairs) and work out the plan's new text.

    ``text`` is the plan file's text (``plan_bytes`` decoded, without a byte-order mark).
    With problems and without ``partial`` nothing is added (``refused``); with
    ``partial`` the valid rows are added and the problems still reported. With ``key``
    (the repository's fieldwork key) every workbook must carry a valid signature.
    """
    del plan_bytes  # rows are tied to the plan by their fingerprints, not the file's hash
    figures = PlanFigures(plan)
    entries: list[Entry] = []
    marks: list[TaskMark] = []
    records: list[MoneyEntry] = []
    problems: list[Problem] = []
    unverified: list[str] = []
    for path, shown in workbooks:
        reading = read_workbook(path, shown, plan, key, figures)
        entries += reading.entries
        marks += reading.tasks
        records += reading.money
        problems += reading.problems
        if reading.unverified:
            unverified.append(shown)
    merged, clashes = merge(entries)
    merged_tasks, task_clashes = merge_tasks(marks)
    merged_money, money_clashes = merge_money(records)
    problems += clashes + task_clashes + money_clashes
    outcome = UpdatePlan(text, text, problems=problems, unverified=unverified)
    targets = {t.id: t for t in plan.targets}
    for entry in merged:
        last = latest_actual(targets[entry.target].actuals)
        if last is not None and last.date.start == last.date.end == entry.day:
            outcome.recorded.append(entry)
        else:
            outcome.added.append(entry)
    _sort_tasks(plan, merged_tasks, outcome)
    _sort_money(plan, merged_money, outcome)
    if outcome.problems and not partial:
        outcome.refused = True
        outcome.added, outcome.tasks, outcome.money = [], [], []
        return outcome
    if not (outcome.added or outcome.tasks or outcome.money):
        return outcome
    try:
        new_text = splice(text, outcome.added, outcome.tasks, outcome.money)
    except SpliceError as error:
        outcome.problems.append(
            Problem(display, "", "fieldwork.update_nowhere", {"detail": str(error)})
        )
        outcome.refused = True
        return outcome
    trouble = _verify(new_text, _expected(plan, outcome), display)
    if trouble:
        outcome.problems += trouble
        outcome.refused = True
        return outcome
    outcome.new_text = new_text
    return outcome
