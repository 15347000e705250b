"""``cplan report PLAN``: the plan as a 工作方案, a progress report, or the Excel 台账."""

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
    bad_parameter,
    check_choice,
    checked_plan,
    run_command,
    say,
    setup,
    write_output,
)


def register(app: typer.Typer) -> None:
    app.command("report", cls=CplanCommand)(run_command(report))


def _choose(fmt: str | None, output: Path | None, template: str | None) -> tuple[str, Path | None]:
    """(document, template file): from ``--template`` (a built-in name or a file),
    ``--format`` and the suffix of ``-o``."""
    from cplan.render.report import DOCUMENT_NAMES, DOCUMENTS, REPORT_FORMATS, format_of

    named = DOCUMENT_NAMES.get(template) if template is not None else None
    path = Path(template) if template is not None and named is None else None
    if fmt is not None:
        check_choice(fmt, REPORT_FORMATS)
    if fmt is None and output is not None:
        suffix = output.suffix.lower().lstrip(".")
        if suffix in REPORT_FORMATS:
            fmt = suffix
        elif named is None:
            raise bad_parameter("usage.report_format_from_name", "--output", name=output.name)
    if fmt is None and path is not None:
        fmt = "xlsx" if path.name.endswith(".yaml") or path.suffix == ".yml" else "docx"
    if named is not None:
        if fmt is not None and format_of(named) != fmt:
            raise bad_parameter("usage.choices", "--format", choices=format_of(named))
        return named, None
    document = REPORT_FORMATS[fmt or "docx"][0]
    assert document in DOCUMENTS
    return document, path


def report(
    plan_path: PlanArgument,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="docx|xlsx",
            help="docx (Word: 默认为进展情况报告) 或 xlsx (Excel 台账); 默认按 -o 的扩展名, 否则 docx。",
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output", "-o", metavar="文件", help="输出文件; 默认为当前目录下与方案同名的文件。"
        ),
    ] = None,
    template: Annotated[
        str | None,
        typer.Option(
            "--template",
            "-t",
            metavar="plan|progress|模板文件",
            help=(
                "plan (方案): 方案本身, 可直接印发; progress (进展): 截至 --as-of 的进展情况报告"
                " (docx 的默认); 或自己的模板文件 (默认先找方案库中的 templates/ 目录)。"
            ),
        ),
    ] = None,
    as_of: AsOfOption = None,
    unit: Annotated[
        str | None,
        typer.Option(
            "--unit",
            metavar="元|万元",
            help="文档中的金额单位; 默认按方案: 经费以万元计的方案用万元, 否则用元。",
        ),
    ] = None,
    to: Annotated[
        str | None,
        typer.Option("--to", metavar="主送机关", help="主送机关, 如 区民政局 (写在标题下)。"),
    ] = None,
    number: Annotated[
        str | None,
        typer.Option("--number", metavar="文号", help="发文字号, 如 穗残联〔2012〕15号。"),
    ] = None,
    findings: Annotated[
        bool,
        typer.Option(
            "--findings/--no-findings",
            help="进展报告的“存在的问题”是否写入校验发现的问题 (默认写入)。",
        ),
    ] = True,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """生成方案文本、进展情况报告 (Word) 或台账 (Excel); 写入临时文件后再改名, 失败时不留下残缺文件。"""
    from cplan.render.documents import DocumentOptions
    from cplan.render.report import DOCUMENTS, render_report

    settings, speak = setup(lang)
    day = as_of_date(as_of)
    if unit is not None:
        check_choice(unit, ("元", "万元"), "--unit")
    document, path = _choose(format, output, template)
    fmt = DOCUMENTS[document][1].lstrip(".")
    checked = checked_plan(plan_path, settings, speak, strict=strict)
    suffix = "" if document in ("progress", "ledger") else "-方案"
    target = output or Path(plan_path.stem + suffix + DOCUMENTS[document][1])
    options = DocumentOptions(unit=unit, findings=findings, addressee=to, number=number)
    data = render_report(
        checked,
        plan_path,
        fmt,
        day,
        template=path,
        document=document,
        lang=speak,
        options=options,
    )
    write_output(target, data)
    say("note.wrote", path=str(target))
