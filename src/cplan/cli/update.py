"""``cplan update PLAN --from FILLED.xlsx``: append the values of filled-in workbooks."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    LangOption,
    PlanArgument,
    checked_plan,
    run_command,
    say,
    setup,
    write_output,
)
from cplan.errors import CplanError, Refused

if TYPE_CHECKING:
    from cplan.config import Settings
    from cplan.fieldwork.update import UpdatePlan


def register(app: typer.Typer) -> None:
    app.command("update", cls=CplanCommand)(run_command(update))


def update(
    plan_path: PlanArgument,
    sources: Annotated[
        list[Path],
        typer.Option(
            "--from",
            metavar="填报表",
            help="填好的填报表 (由 cplan collect 生成); 可重复, 多个单位的表一并导入。",
        ),
    ],
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help="只显示将对方案文件做的改动 (diff), 不写入。")
    ] = False,
    partial: Annotated[
        bool,
        typer.Option("--partial", help="有错误时仍写入无误的行 (默认: 有任何错误则什么都不写)。"),
    ] = False,
    lang: LangOption = None,
) -> None:
    """把填报表中的新数据写入方案: 指标实际值 (actuals)、任务完成情况 (done/started)、经费到位和支出 (received/spent); 只增加或标注相应的行, 不改动方案的其他内容。

    退出码: 0 全部导入; 1 有填报错误 (未写入, 或 --partial 时只写入了无误的行); 2 无法执行。
    """
    import contextlib

    from cplan.errors import OutputFailed, PathMissing
    from cplan.fsio import LockTimeout, exclusive_lock
    from cplan.messages.system import os_reason
    from cplan.read import link_leaves_repository

    settings, speak = setup(lang)
    if not plan_path.exists():
        raise PathMissing(plan_path)
    for source in sources:
        if not source.is_file():
            raise PathMissing(source)
    # A plan that is a link inside the repository is updated where it lives (the link
    # stays a link); one that leads out of it is refused when it is read.
    inside = link_leaves_repository(plan_path) is None
    target = plan_path.resolve() if inside and plan_path.is_symlink() else plan_path
    with contextlib.ExitStack() as stack:
        if inside:  # read, splice and write under the plan's lock: no update is lost
            try:
                stack.enter_context(exclusive_lock(target, wait=LOCK_WAIT))
            except LockTimeout as held:
                raise CplanError(
                    "error.update_locked", path=str(plan_path), lock=str(held.lock)
                ) from None
            except OSError as error:
                raise OutputFailed(
                    "error.cannot_write", path=str(plan_path), **os_reason(error)
                ) from None
        _update(plan_path, target, sources, settings, speak, dry_run=dry_run, partial=partial)


#: Seconds a second ``cplan update`` of the same plan waits for the first to finish.
LOCK_WAIT = 30.0


def _update(
    plan_path: Path,
    target: Path,
    sources: list[Path],
    settings: Settings,
    speak: str,
    *,
    dry_run: bool,
    partial: bool,
) -> None:
    from cplan.check import display_path
    from cplan.fieldwork.signing import repository_key
    from cplan.fieldwork.update import decode_plan, prepare_update
    from cplan.safetext import visible

    checked = checked_plan(plan_path, settings, speak, needs_money=False)
    data = checked.result.data or b""  # the very bytes that were checked are edited
    try:
        bom, text = decode_plan(data)
    except UnicodeDecodeError:
        raise CplanError("error.update_not_utf8") from None
    shown = checked.path
    workbooks = [(source, display_path(source)) for source in sources]
    key = repository_key(target, create=False)
    outcome = prepare_update(checked.plan, data, text, shown, workbooks, partial=partial, key=key)
    for problem in outcome.problems:
        typer.echo(problem.text(speak), err=True)
    if outcome.unverified:
        say("note.update_unverified", err=True, files=", ".join(outcome.unverified))
    _say_skipped(outcome, speak)
    code = 1 if outcome.problems else 0
    if outcome.refused:
        raise Refused("error.update_refused")
    if not outcome.changed:
        say("note.update_nothing")
        raise typer.Exit(code)
    if dry_run:
        diff = outcome.diff(shown)
        typer.echo("".join(visible(line) + "\n" for line in diff.splitlines()), nl=False)
        raise typer.Exit(code)
    try:
        unchanged = target.read_bytes() == data
    except OSError:
        unchanged = False
    if not unchanged:  # changed by something that does not take the lock (an editor)
        raise CplanError("error.update_changed", path=shown)
    write_output(target, bom + outcome.new_text.encode("utf-8"), replacing_input=True)
    _say_written(outcome, shown, speak)
    if code:
        say("note.update_partial", err=True)
    raise typer.Exit(code)


def _say_skipped(outcome: UpdatePlan, speak: str) -> None:
    """What was already in the plan and is not written again."""
    for entry in outcome.recorded:
        say(
            "note.update_recorded",
            err=True,
            file=entry.file,
            where=entry.where,
            target=entry.target,
            day=str(entry.day),
        )
    for mark in outcome.tasks_recorded:
        say("note.update_task_recorded", err=True, file=mark.file, where=mark.where, task=mark.key)
    for record in outcome.money_recorded:
        say(
            "note.update_money_recorded",
            err=True,
            file=record.file,
            where=record.where,
            what=record.shown(speak),
        )


def _say_written(outcome: UpdatePlan, shown: str, speak: str) -> None:
    """What was written, one line each."""
    from cplan.messages import render_message
    from cplan.safetext import visible

    if outcome.added:
        say("note.update_added", path=shown, count=len(outcome.added))
    for entry in outcome.added:
        typer.echo(visible(f"  {entry.target}: {entry.value} ({entry.day}, {entry.source})"))
    if outcome.tasks:
        say("note.update_tasks", path=shown, count=len(outcome.tasks))
    for mark in outcome.tasks:
        state = render_message(f"sheet.state.{mark.state}", {}, speak)
        typer.echo(visible(f"  {mark.key}: {state} {mark.day}"))
    if outcome.money:
        say("note.update_money", path=shown, count=len(outcome.money))
    for record in outcome.money:
        typer.echo(visible(f"  {record.shown(speak)}"))
