"""``cplan validate PATH...``: check plan files and directories."""

from __future__ import annotations

import io
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import (
    LangOption,
    OutputOption,
    fail,
    language,
    progress_bar,
    use_color,
    write_output,
)


def register(app: typer.Typer) -> None:
    app.command("validate")(validate)


def validate(
    paths: Annotated[
        list[Path], typer.Argument(help="方案文件或目录 (目录下递归查找 *.yaml、*.yml)。")
    ],
    format: Annotated[
        str | None,
        typer.Option(
            "--format",
            "-f",
            help="输出格式: text、json、github、sarif、junit、gitlab; GitHub Actions 中默认 github。",
        ),
    ] = None,
    output: OutputOption = None,
    strict: Annotated[bool, typer.Option("--strict", help="有警告时也以退出码 1 结束。")] = False,
    jobs: Annotated[
        int | None, typer.Option("--jobs", "-j", help="并行进程数, 默认为 CPU 核数。", min=1)
    ] = None,
    no_cache: Annotated[
        bool, typer.Option("--no-cache", help="不使用缓存 (默认跳过内容未变的文件)。")
    ] = False,
    lang: LangOption = None,
) -> None:
    """校验方案文件: 逐项指出问题所在的文件、行和列。

    退出码: 0 没有错误; 1 发现错误 (使用 --strict 时警告也算); 2 用法错误或路径不可读。
    """
    from cplan.check import UnreadablePath, plan_files
    from cplan.config import ConfigError, load_settings
    from cplan.formats import FORMAT_NAMES, FormatOptions, Totals, make_format

    try:
        settings = load_settings()
    except ConfigError as error:
        raise fail(str(error)) from None
    format = format or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "text")
    if format not in FORMAT_NAMES:
        raise typer.BadParameter(f"可选: {', '.join(FORMAT_NAMES)}", param_hint="--format")
    speak = language(lang or settings.lang)
    try:
        files = plan_files(paths, settings)
    except UnreadablePath as missing:
        raise fail(
            f"路径不存在: {missing.path}" if speak == "zh" else f"no such path: {missing.path}"
        ) from None
    if not files:
        raise fail(
            "没有找到 .yaml/.yml 方案文件" if speak == "zh" else "no .yaml/.yml plan files found"
        )

    from cplan.batch import Cache, check_files
    from cplan.check import FileResult
    from cplan.crossfile import cross_check

    stream = sys.stdout if output is None else io.StringIO()
    fmt = make_format(
        format,
        FormatOptions(
            lang=speak,
            color=output is None and use_color(sys.stdout),
            root=str(settings.root),
        ),
    )
    totals = Totals()
    stream.write(fmt.header())
    cache = None if no_cache else Cache.at(settings.root)
    facts = []
    with progress_bar(len(files)) as advance:
        for result in check_files(files, settings, jobs=jobs, cache=cache, progress=advance):
            totals.add(result)
            stream.write(fmt.file(result))
            stream.flush()
            if result.facts is not None:
                facts.append((result.path, result.facts))
    for shown, found in cross_check(facts).items():
        kept = settings.apply(Path(shown), None, found)
        if kept:
            extra = FileResult(shown, None, kept)
            totals.add(extra, new_file=False)
            stream.write(fmt.file(extra))
    stream.write(fmt.footer(totals))
    if isinstance(stream, io.StringIO):
        assert output is not None
        write_output(output, stream.getvalue().encode("utf-8"))
    failed = totals.errors > 0 or (strict and totals.warnings > 0)
    raise typer.Exit(1 if failed else 0)
