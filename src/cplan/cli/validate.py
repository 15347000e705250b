"""``cplan validate PATH...``: check plan files and directories."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    LangOption,
    OutputOption,
    check_choice,
    progress_bar,
    run_command,
    say,
    setup,
    use_color,
    write_output,
)
from cplan.errors import CplanError


def register(app: typer.Typer) -> None:
    app.command("validate", cls=CplanCommand)(run_command(validate))


def validate(
    paths: Annotated[
        list[Path] | None,
        typer.Argument(
            metavar="路径",
            help="方案文件或目录 (目录下递归查找 *.yaml、*.yml); 不写则检查配置中 include 所指的文件。",
            show_default=False,
        ),
    ] = None,
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            metavar="格式",
            help="输出格式: text、json、github、sarif、junit、gitlab; GitHub Actions 中默认 github。",
        ),
    ] = None,
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以退出码 1 结束。")] = False,
    jobs: Annotated[
        int | None,
        typer.Option("--jobs", "-j", metavar="N", help="并行进程数, 默认为 CPU 核数。", min=1),
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不使用缓存 (默认跳过内容未变的文件)。")
    ] = False,
    lang: LangOption = None,
) -> None:
    """校验方案文件: 逐项指出问题所在的文件、行和列。

    以 . 开头的文件和目录 (如 .pre-commit-config.yaml、.github/) 不是方案, 不检查;
    配置中的 include/exclude 对命令行写明的文件同样适用。

    退出码: 0 没有错误; 1 发现错误 (使用 --strict 时警告也算); 2 用法错误或路径不可读。
    """
    from cplan.check import plan_files
    from cplan.formats import FORMAT_NAMES, FormatOptions, Totals, make_format

    settings, speak = setup(lang)
    format = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    check_choice(format, FORMAT_NAMES)
    found = plan_files(paths or [], settings)
    if found.skipped:
        say("note.skipped_by_config", err=True, count=found.skipped)
    if not found.files:
        if found.skipped:  # every file named was left out on purpose: nothing is wrong
            say("note.nothing_to_check", err=True)
            raise typer.Exit(0)
        raise CplanError("error.no_plan_files")

    from cplan.batch import Cache, check_repository

    stream = sys.stdout if output is None else io.StringIO()
    fmt = make_format(
        format,
        FormatOptions(
            lang=speak,
            color=output is None and use_color(sys.stdout),
            root=str(settings.root),
        ),
    )
    write = stream.write
    if format == "github":  # its workflow commands are the only lines that keep `::`
        from cplan.formats.github import write_commands

        def write(text: str) -> int:
            write_commands(stream, text)
            return len(text)

    totals = Totals()
    write(fmt.header())
    cache = None if no_cache else Cache.at(settings.root)
    with progress_bar(len(found.files)) as advance:
        for result in check_repository(
            found.files, settings, jobs=jobs, cache=cache, progress=advance
        ):
            totals.add(result, new_file=not result.cross_file)
            write(fmt.file(result))
            stream.flush()
    write(fmt.footer(totals))
    if isinstance(stream, io.StringIO):
        assert output is not None
        write_output(output, stream.getvalue().encode("utf-8"))
    failed = totals.errors > 0 or (strict and totals.warnings > 0)
    raise typer.Exit(1 if failed else 0)
