"""``cplan site DIR... -o public/``: a static site of a plan repository (HTML + SVG)."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    AsOfOption,
    JobsOption,
    LangOption,
    PlanPathsArgument,
    as_of_date,
    progress_bar,
    run_command,
    say,
    setup,
)
from cplan.errors import CplanError


def register(app: typer.Typer) -> None:
    app.command("site", cls=CplanCommand)(run_command(site))


def site(
    paths: PlanPathsArgument = None,
    output: Annotated[
        Path,
        typer.Option(
            "--output",
            "-o",
            metavar="目录",
            help="网站写入的目录 (默认 public); 已有的目录只有是 cplan 生成的网站时才会被替换。",
        ),
    ] = Path("public"),
    as_of: AsOfOption = None,
    documents: Annotated[
        bool,
        typer.Option(
            "--documents",
            help="同时为每个方案生成工作方案、进展情况报告 (Word) 和台账 (Excel), 页面上给出链接。",
        ),
    ] = False,
    jobs: JobsOption = None,
    lang: LangOption = None,
) -> None:
    """生成静态网站: 方案总览页和每个方案的页面 (HTML, 图表为内嵌 SVG)。

    不需要服务器, 不引用任何外部资源: 直接打开 index.html (也可放在共享盘上), 或发布到
    GitHub Pages、GitLab Pages。先在输出目录旁生成完整网站再改名替换, 失败时不留下残缺的网站。

    有错误、无法计算的方案在总览页列为有问题的方案, 不计入汇总, 退出码为 1。
    """
    from cplan.check import plan_files
    from cplan.render.site import SiteOptions, build_site

    settings, _ = setup(lang)
    day = as_of_date(as_of)
    found = plan_files(paths or [], settings)
    if found.skipped:
        say("note.skipped_by_config", err=True, count=found.skipped)
    if not found.files:
        raise CplanError("error.no_plan_files")
    options = SiteOptions(as_of=day, documents=documents)
    with progress_bar(len(found.files)) as advance:
        report = build_site(found.files, output, settings, options, jobs=jobs, progress=advance)
    say("site.built", path=str(output), plans=report.plans)
    if report.documents:
        say("site.documents", count=report.documents)
    if report.with_findings:
        say("site.findings", err=True, count=report.with_findings)
    if report.refused:
        say("site.refused", err=True, count=report.refused)
        raise typer.Exit(1)
