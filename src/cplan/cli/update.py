"""``cplan update PLAN --from FILLED.xlsx``: append the values of filled-in workbooks."""

from __future__ import annotations

import codecs
from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import LangOption, fail, language, load_plan, write_output


def register(app: typer.Typer) -> None:
    app.command("update")(update)


def update(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help="方案文件。")],
    sources: Annotated[
        list[Path],
        typer.Option(
            "--from",
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
    from cplan.fieldwork.update import prepare_update

    speak = language(lang)
    zh = speak == "zh"
    plan, shown = load_plan(plan_path, speak)
    for source in sources:
        if not source.is_file():
            raise fail(f"路径不存在: {source}" if zh else f"no such file: {source}")
    data = plan_path.read_bytes()
    bom = codecs.BOM_UTF8 if data.startswith(codecs.BOM_UTF8) else b""
    try:
        text = data[len(bom) :].decode("utf-8")
    except UnicodeDecodeError:
        raise fail(
            "只能更新 UTF-8 编码的方案文件" if zh else "only UTF-8 plan files can be updated"
        ) from None
    workbooks = [(source, display_path(source)) for source in sources]
    outcome = prepare_update(plan, data, text, shown, workbooks, partial=partial)
    for problem in outcome.problems:
        typer.echo(problem.text(speak), err=True)
    for entry in outcome.recorded:
        typer.echo(
            f"{entry.file}: {entry.where}: 指标 {entry.target} 在 {entry.day} 的数值已记录, 跳过"
            if zh
            else f"{entry.file}: {entry.where}: {entry.target} on {entry.day} is already recorded",
            err=True,
        )
    code = 1 if outcome.problems else 0
    if outcome.refused:
        raise fail(
            "有错误, 方案文件未改动" if zh else "problems found; the plan was not changed", code=1
        )
    if not outcome.changed:
        typer.echo(
            "没有新的数据, 方案文件未改动" if zh else "no new values; the plan was not changed"
        )
        raise typer.Exit(code)
    if dry_run:
        typer.echo(outcome.diff(shown), nl=False)
        raise typer.Exit(code)
    write_output(plan_path, bom + outcome.new_text.encode("utf-8"), "zh" if zh else "en")
    count = len(outcome.added)
    typer.echo(
        f"已向 {shown} 添加 {count} 个实际值:" if zh else f"added {count} actual values to {shown}:"
    )
    for entry in outcome.added:
        typer.echo(f"  {entry.target}: {entry.value} ({entry.day}, {entry.source})")
    if code:
        typer.echo(
            "部分行有错误未导入, 见上方提示" if zh else "some rows had problems and were left out",
            err=True,
        )
    raise typer.Exit(code)
