"""``cplan collect PLAN``: the data-entry workbook (填报表) the units fill in."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    LangOption,
    PlanArgument,
    StrictOption,
    checked_plan,
    run_command,
    say,
    setup,
    write_output,
)


def register(app: typer.Typer) -> None:
    app.command("collect", cls=CplanCommand)(run_command(collect))


def collect(
    plan_path: PlanArgument,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="输出文件; 默认为当前目录下的 <方案名>-填报.xlsx (指定 --unit 时加 -<单位>)。",
        ),
    ] = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="单位",
            help="只列出该单位负责的指标、任务和计列该单位的经费 (单位标识符)。",
        ),
    ] = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """生成数据填报表 (.xlsx): 指标本期数值、任务完成情况、经费到位和支出; 只有黄色格子可以填写。"""
    from cplan.fieldwork.collect import build_workbook, default_output_name

    settings, speak = setup(lang)
    checked = checked_plan(plan_path, settings, speak, strict=strict)
    target = output or default_output_name(plan_path, unit)
    # the workbook records the hash of the very bytes that were checked
    assert checked.result.data is not None
    from cplan.fieldwork.signing import repository_key

    key = repository_key(plan_path, create=True)  # signed in a git repository
    data = build_workbook(checked.plan, checked.result.data, unit, plan_path.name, key, lang=speak)
    write_output(target, data)
    say("note.wrote", path=str(target))
