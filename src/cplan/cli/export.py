"""``cplan export DIR... -o out/``: tidy tables of many plans (Parquet or CSV)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    JobsOption,
    LangOption,
    PlanPathsArgument,
    check_choice,
    progress_bar,
    run_command,
    say,
    setup,
)
from cplan.errors import CplanError


def register(app: typer.Typer) -> None:
    app.command("export", cls=CplanCommand)(run_command(export))


def export(
    paths: PlanPathsArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="目录",
            help="表格写入的目录 (默认 export); 已有的目录只有是 cplan 导出的目录时才会被替换。",
        ),
    ] = Path("export"),
    format: Annotated[
        str,
        typer.Option(
            "--format",
            "-f",
            metavar="格式",
            help="parquet (默认; 金额为 DECIMAL(20,2), 日期为 DATE) 或 csv (UTF-8)。",
        ),
    ] = "parquet",
    jobs: JobsOption = None,
    no_cache: Annotated[
        bool,
        typer.Option(
            "--no-cache",
            help="不写入校验缓存 (默认写入: 导出后运行 cplan validate 不必重新检查)。",
        ),
    ] = False,
    lang: LangOption = None,
) -> None:
    """导出表格: 把多个方案写成供数据分析引擎 (DuckDB、Spark、Polars) 汇总的整齐表格。

    每张表一个文件: plans、units、funders、targets、actuals、phases、tasks、committees、
    members、duties、budget_lines、shares、receipts、expenses、findings; 各表用 file 和
    plan_id 关联。各列的含义见 docs/export.md。先在输出目录旁写完整再改名替换,
    失败时不留下残缺的导出。需要安装 pyarrow: pip install 'cplan-shequ[export]'。

    退出码: 0 全部导出; 1 有方案无法读取、经费无法计算或数值超出范围 (其余照常导出);
    2 用法错误、路径不存在、没有安装 pyarrow 或输出目录不能替换。
    """
    from cplan.check import plan_files
    from cplan.export import FORMATS, engine_missing

    settings, speak = setup(lang)
    fmt = check_choice(format, FORMATS)
    if engine_missing():
        raise CplanError("export.no_engine")
    found = plan_files(paths or [], settings)
    if found.skipped:
        say("note.skipped_by_config", err=True, count=found.skipped)
    if not found.files:
        raise CplanError("error.no_plan_files")

    from cplan.batch import Cache
    from cplan.export.run import ExportOptions, export_plans

    cache = None if no_cache else Cache.at(settings.root)
    options = ExportOptions(fmt=fmt, lang=speak, jobs=jobs, cache=cache)
    with progress_bar(len(found.files)) as advance:
        report = export_plans(found.files, output, settings, options, progress=advance)
    say("export.written", path=str(output), plans=report.plans, format=fmt)
    for key, count in (
        ("export.findings", report.with_findings),
        ("export.without_money", report.without_money),
        ("export.findings_only", report.findings_only),
        ("export.unfit", report.unfit),
    ):
        if count:
            say(key, err=True, count=count)
    if not report.complete:
        raise typer.Exit(1)
