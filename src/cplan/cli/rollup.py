"""``cplan rollup DIR...``: figures across many plans, per unit, funder and target family."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import (
    AsOfOption,
    FormatOption,
    LangOption,
    OutputOption,
    as_of_date,
    check_format,
    fail,
    language,
    present,
)


def register(app: typer.Typer) -> None:
    app.command("rollup")(rollup)


def rollup(
    paths: Annotated[list[Path], typer.Argument(help="方案文件或目录 (递归查找 *.yaml、*.yml)。")],
    as_of: AsOfOption = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """汇总多个方案: 按单位、出资方、资金来源、年度和指标类别合计。

    有错误的方案不计入汇总, 其问题输出到标准错误, 退出码为 1。
    """
    from cplan.check import UnreadablePath, check_file, plan_files
    from cplan.compute.rollup import Rollup
    from cplan.render.context import rollup_data

    speak, fmt, day = language(lang), check_format(format), as_of_date(as_of)
    try:
        files = plan_files(paths)
    except UnreadablePath as missing:
        raise fail(f"路径不存在: {missing.path}") from None
    totals = Rollup(day)
    skipped = 0
    for path in files:
        result = check_file(path)
        if result.plan is None or result.errors:
            skipped += 1
            for diagnostic in result.diagnostics:
                typer.echo(diagnostic.format(speak), err=True)
            continue
        totals.add(result.plan, result.path)
    data = rollup_data(totals)
    from cplan.render.terminal import print_rollup

    present(data, fmt, output, lambda out: print_rollup(out, data, speak))
    if skipped:
        typer.echo(f"cplan: {skipped} 个方案有错误, 未计入汇总", err=True)
        raise typer.Exit(1)
