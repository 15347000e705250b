"""``cplan report PLAN --format docx|xlsx``: the Word report or the Excel 台账."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    AsOfOption,
    LangOption,
    PlanArgument,
    StrictOption,
    as_of_date,
    checked_plan,
    run_command,
    say,
    setup,
    write_output,
)


def register(app: typer.Typer) -> None:
    app.command("report", cls=CplanCommand)(run_command(report))


def _choose_format(fmt: str | None, output: Path | None) -> str:
    from cplan.render.report import REPORT_FORMATS

    if fmt is not None:
        if fmt not in REPORT_FORMATS:
            raise typer.BadParameter("可选: docx, xlsx", param_hint="--format")
        return fmt
    if output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in REPORT_FORMATS:
            return suffix
        raise typer.BadParameter(
            f"无法从文件名 {output.name} 判断格式; 请用 --format docx 或 --format xlsx",
            param_hint="--output",
        )
    return "docx"


def report(
    plan_path: PlanArgument,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="格式",
            help="docx (Word 报告) 或 xlsx (Excel 台账); 默认按 -o 的扩展名, 否则 docx。",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="输出文件; 默认为当前目录下与方案同名的 .docx/.xlsx。",
        ),
    ] = None,
    template: Annotated[
        Path | None,
        typer.Option(
            "--template",
            "-t",
            metavar="模板",
            help="使用自己的模板 (默认先找方案库中的 templates/ 目录)。",
        ),
    ] = None,
    as_of: AsOfOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """生成 Word 报告或 Excel 台账 (写入临时文件后再改名, 失败时不留下残缺文件)。"""
    from cplan.render.report import REPORT_FORMATS, render_report

    settings, speak = setup(lang)
    day = as_of_date(as_of)
    fmt = _choose_format(format, output)
    checked = checked_plan(plan_path, settings, speak, strict=strict)
    target = output or Path(plan_path.stem + REPORT_FORMATS[fmt][1])
    data = render_report(checked, plan_path, fmt, day, template=template, lang=speak)
    write_output(target, data)
    say("note.wrote", path=str(target))
