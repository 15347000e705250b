"""``cplan rollup DIR...``: figures across many plans, per unit, funder and target family."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    AsOfOption,
    FormatOption,
    LangOption,
    OutputOption,
    StrictOption,
    as_of_date,
    check_format,
    present,
    run_command,
    say,
    setup,
    show_error,
    show_findings,
)


def register(app: typer.Typer) -> None:
    app.command("rollup", cls=CplanCommand)(run_command(rollup))


def rollup(
    paths: Annotated[
        list[Path], typer.Argument(metavar="路径", help="方案文件或目录 (递归查找 *.yaml、*.yml)。")
    ],
    as_of: AsOfOption = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """汇总多个方案: 按单位、出资方、资金来源和年度合计计划、到位和支出, 按指标类别合计进度。

    到位和支出只计日期不晚于 --as-of (默认今天) 的记录, 并给出到位率和执行率。

    方案中的问题输出到标准错误, 数字照常计入; 无法算出经费的方案 (读不出、结构错误、
    经费所需的引用不存在) 不计入汇总, 退出码为 1。使用 --strict 时, 有任何问题的方案都不计入。
    """
    from cplan.check import check_file, plan_files, with_figures
    from cplan.compute.rollup import Rollup
    from cplan.errors import PlanRefused
    from cplan.render.context import rollup_data

    settings, speak = setup(lang)
    fmt, day = check_format(format), as_of_date(as_of)
    found = plan_files(paths, settings)
    if found.skipped:
        say("note.skipped_by_config", err=True, count=found.skipped)
    totals = Rollup(day)
    skipped = 0
    for path in found.files:
        result = check_file(path, settings=settings)
        try:
            checked = with_figures(result, strict=strict)
        except PlanRefused as refused:
            skipped += 1
            show_error(refused, speak)
            continue
        show_findings(result, speak)
        totals.add(checked.figures, checked.path)
    data = rollup_data(totals, speak)
    from cplan.render.terminal import print_rollup

    present(data, fmt, output, lambda out: print_rollup(out, data, speak))
    if skipped:
        say("note.rollup_skipped", err=True, count=skipped)
        raise typer.Exit(1)
