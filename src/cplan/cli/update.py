"""``cplan update PLAN --from FILLED.xlsx``: append the values of filled-in workbooks."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

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
    """把填报表中的新数据追加到方案的实际值 (actuals) 中, 只增加行, 不改动方案的其他内容。

    退出码: 0 全部导入; 1 有填报错误 (未写入, 或 --partial 时只写入了无误的行); 2 无法执行。
    """
    from cplan.check import display_path
    from cplan.errors import CplanError, PathMissing, Refused
    from cplan.fieldwork.update import decode_plan, prepare_update

    settings, speak = setup(lang)
    checked = checked_plan(plan_path, settings, speak, needs_money=False)
    for source in sources:
        if not source.is_file():
            raise PathMissing(source)
    data = checked.result.data or b""  # the very bytes that were checked are edited
    try:
        bom, text = decode_plan(data)
    except UnicodeDecodeError:
        raise CplanError("error.update_not_utf8") from None
    shown = checked.path
    workbooks = [(source, display_path(source)) for source in sources]
    outcome = prepare_update(checked.plan, data, text, shown, workbooks, partial=partial)
    for problem in outcome.problems:
        typer.echo(problem.text(speak), err=True)
    for entry in outcome.recorded:
        say(
            "note.update_recorded",
            err=True,
            file=entry.file,
            where=entry.where,
            target=entry.target,
            day=str(entry.day),
        )
    code = 1 if outcome.problems else 0
    if outcome.refused:
        raise Refused("error.update_refused")
    if not outcome.changed:
        say("note.update_nothing")
        raise typer.Exit(code)
    if dry_run:
        typer.echo(outcome.diff(shown), nl=False)
        raise typer.Exit(code)
    write_output(plan_path, bom + outcome.new_text.encode("utf-8"))
    say("note.update_added", path=shown, count=len(outcome.added))
    for entry in outcome.added:
        typer.echo(f"  {entry.target}: {entry.value} ({entry.day}, {entry.source})")
    if code:
        say("note.update_partial", err=True)
    raise typer.Exit(code)
