"""``cplan import 方案.docx -o plan.yaml``: a Word or text plan → a commented draft plan.

Thin: the importer (:mod:`cplan.importer`) reads, extracts, writes the draft's text and
checks it; this command writes the file (atomically, never over an existing one without
``--force``) and shows, in this order, the inconsistencies of the source document, the
draft's other findings, and what was extracted and what was kept as text.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import LangOption, run_command, say, setup, write_output
from cplan.errors import CplanError


def register(app: typer.Typer) -> None:
    app.command("import", cls=CplanCommand)(run_command(import_plan))


def import_plan(
    source: Annotated[
        Path,
        typer.Argument(metavar="原文件", help="方案原文：Word 文档（.docx）或纯文本（.txt）。"),
    ],
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="文件",
            help="草稿的文件名；默认为当前目录下的 <原文件名>.yaml。",
        ),
    ] = None,
    force: Annotated[bool, typer.Option("--force", help="覆盖已有的输出文件。")] = False,
    year: Annotated[
        int | None,
        typer.Option(
            "--year",
            metavar="年份",
            min=1949,
            max=2200,
            help="原文日期没写年份或年份被遮盖（20xx）时按哪一年读，默认今年；这些日期都会标为待核实。",
        ),
    ] = None,
    part: Annotated[
        int | None,
        typer.Option(
            "--part", metavar="N", min=1, help="原文是多篇方案的合集（篇1、篇2…）时，导入第 N 篇。"
        ),
    ] = None,
    lang: LangOption = None,
) -> None:
    """把 Word（.docx）或纯文本的工作方案导入为带注释的方案草稿（.yaml），并立即检查。"""
    from cplan.importer import import_file

    settings, language = setup(lang)
    target = output or Path(source.stem + ".yaml")
    if target.exists() and source.exists() and target.resolve() == source.resolve():
        raise CplanError("error.output_is_input", path=str(target))
    result = import_file(source, output=str(target), year=year, part=part, settings=settings)
    write_output(target, result.text.encode("utf-8"), overwrite=force)
    if result.source_findings:
        say("import.source_findings", count=len(result.source_findings))
        for diagnostic in result.source_findings:
            typer.echo("  " + diagnostic.format(language))
            origin = result.origin_of(diagnostic.line)
            if origin is not None:
                value = result.value_at(diagnostic.line)
                say("import.from_paragraph", number=origin[0], quote=origin[1], value=value)
    if result.other_findings:
        say("import.draft_findings", count=len(result.other_findings))
        for diagnostic in result.other_findings:
            typer.echo("  " + diagnostic.format(language))
    c = result.counts
    say(
        "import.extracted",
        targets=c["targets"],
        phases=c["phases"],
        dated=c["phases_dated"],
        committees=c["committees"],
        members=c["members"],
        named=c["members_named"],
        lines=c["lines"],
        duties=c["duties"],
        units=c["units"],
        funders=c["funders"],
    )
    say("import.prose", sections=c["prose_sections"], paragraphs=c["prose_paragraphs"])
    say("import.wrote", path=str(target), checks=c["checks"])
