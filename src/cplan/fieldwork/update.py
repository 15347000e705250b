"""``cplan update``: read filled-in workbooks and append their values to the plan's YAML.

:func:`prepare_update` works out what an update would do, writing nothing: it reads the
workbooks (:mod:`cplan.fieldwork.reading`: entries, and problems named by cell), keeps
the values not yet recorded, splices them into the plan's text
(:mod:`cplan.fieldwork.splicing`: only added lines, everything else byte for byte) and
checks the result again before anything may be written: it must load back with exactly
the expected actual values and pass :func:`cplan.check.check_text` without errors.
:func:`decode_plan` turns the plan file's bytes into that text (and the byte-order mark
to write back in front of the new text).
"""

from __future__ import annotations

import codecs
import difflib
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal
from pathlib import Path

from cplan.compute.targets import latest_actual
from cplan.fieldwork.collect import plan_hash
from cplan.fieldwork.reading import Entry, Problem, merge, read_workbook
from cplan.fieldwork.splicing import SpliceError, entry_text, splice
from cplan.model import Plan

__all__ = [
    "Entry",
    "Problem",
    "SpliceError",
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


# -- the whole update ----------------------------------------------------------------------


def _verify(new_text: str, plan: Plan, added: Sequence[Entry], display: str) -> list[Problem]:
    """The new text must check without errors and hold exactly the expected actuals."""
    from cplan.check import check_text

    result = check_text(new_text, display)
    if result.plan is None or result.errors:
        errors = [d for d in result.diagnostics if d.severity.name == "ERROR"]
        shown = "; ".join(d.format("zh") for d in errors[:3])
        shown_en = "; ".join(d.format("en") for d in errors[:3])
        return [
            Problem(
                display,
                "",
                f"更新后的方案无法通过校验, 未写入: {shown}",
                f"the updated plan would not validate, nothing written: {shown_en}",
            )
        ]
    expected: dict[str, list[tuple[Decimal, date, str | None, str | None]]] = {}
    for target in plan.targets:
        expected[target.id] = [(a.value, a.date.start, a.source, a.note) for a in target.actuals]
    for entry in sorted(added, key=lambda e: e.day):
        expected[entry.target].append((entry.value, entry.day, entry.source, entry.note))
    got = {
        t.id: [(a.value, a.date.start, a.source, a.note) for a in t.actuals]
        for t in result.plan.targets
    }
    if got != expected:
        return [
            Problem(
                display,
                "",
                "内部错误: 写入后读回的实际值与填报数据不一致, 未写入",
                "internal error: the actual values read back differ from the input; nothing written",
            )
        ]
    return []


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
    digest = plan_hash(plan_bytes)
    entries: list[Entry] = []
    problems: list[Problem] = []
    unverified: list[str] = []
    for path, shown in workbooks:
        reading = read_workbook(path, shown, plan, digest, key)
        entries += reading.entries
        problems += reading.problems
        if reading.unverified:
            unverified.append(shown)
    merged, clashes = merge(entries)
    problems += clashes
    outcome = UpdatePlan(text, text, problems=problems, unverified=unverified)
    if problems and not partial:
        outcome.refused = True
        return outcome
    targets = {t.id: t for t in plan.targets}
    for entry in merged:
        last = latest_actual(targets[entry.target].actuals)
        if last is not None and last.date.start == last.date.end == entry.day:
            outcome.recorded.append(entry)
        else:
            outcome.added.append(entry)
    if not outcome.added:
        return outcome
    try:
        new_text = splice(text, outcome.added)
    except SpliceError as error:
        outcome.problems.append(
            Problem(
                display,
                "",
                f"无法在方案文件中定位写入位置 ({error}), 未写入",
                f"cannot find where to write in the plan file ({error}); nothing written",
            )
        )
        outcome.refused = True
        return outcome
    trouble = _verify(new_text, plan, outcome.added, display)
    if trouble:
        outcome.problems += trouble
        outcome.refused = True
        return outcome
    outcome.new_text = new_text
    return outcome
