"""``cplan diff OLD NEW`` / ``cplan diff PLAN --rev REV``: what changed between versions."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    LangOption,
    OutputOption,
    bad_parameter,
    check_choice,
    checked_plan,
    emit,
    run_command,
    setup,
    show_findings,
)

if TYPE_CHECKING:
    from cplan.check import CheckedPlan
    from cplan.config import Settings

_FORMATS = ("text", "json", "markdown")


def register(app: typer.Typer) -> None:
    app.command("diff", cls=CplanCommand)(run_command(diff))


def diff(
    old_path: Annotated[
        Path, typer.Argument(metavar="旧方案", help="旧版方案文件 (用 --rev 时为方案文件)。")
    ],
    new_path: Annotated[
        Path | None, typer.Argument(metavar="新方案", help="新版方案文件。", show_default=False)
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option(
            "--rev", metavar="版本", help="与 git 版本 REV (如 HEAD~1) 中的该文件比较, 而不是 NEW。"
        ),
    ] = None,
    format: Annotated[
        str,
        typer.Option("--format", "-f", metavar="格式", help="输出格式: text、json 或 markdown。"),
    ] = "text",
    output: OutputOption = None,
    exit_code: Annotated[
        bool, typer.Option("--exit-code", help="有变化时以退出码 1 结束。")
    ] = False,
    lang: LangOption = None,
) -> None:
    """比较方案的两个版本: 指标、阶段、组织、经费及各出资方分担金额的变化。"""
    from cplan.compute.diff import diff_plans
    from cplan.render.diff import diff_data, diff_markdown, diff_text

    settings, speak = setup(lang)
    check_choice(format, _FORMATS)
    if (rev is None) == (new_path is None):
        raise bad_parameter("usage.diff_files")
    if rev is not None:
        new = checked_plan(old_path, settings, speak)
        old = _committed_plan(old_path, rev, new.path, settings, speak)
    else:
        assert new_path is not None
        old = checked_plan(old_path, settings, speak)
        new = checked_plan(new_path, settings, speak)

    changes = diff_plans(old.figures, new.figures)
    if format == "json":
        import json

        data = diff_data(changes, (old.path, new.path))
        from cplan.safetext import json_safe

        emit(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", output)
    elif format == "markdown":
        emit(diff_markdown(changes, speak), output)
    else:
        emit(diff_text(changes, speak), output)
    if exit_code and not changes.empty:
        raise typer.Exit(1)


def _committed_plan(path: Path, rev: str, shown: str, settings: Settings, lang: str) -> CheckedPlan:
    """The plan as committed at ``rev``, checked as the working copy is."""
    from cplan.check import check_text, with_figures
    from cplan.errors import PlanRefused
    from cplan.read import ReadFailure, decode
    from cplan.read.git import committed_bytes

    display = f"{rev}:{shown}"
    data = committed_bytes(path, rev)
    try:
        text = decode(data, display)
    except ReadFailure as failure:
        raise PlanRefused("refused.invalid", [failure.diagnostic], path=display) from None
    checked = with_figures(check_text(text, display, settings, path, data))
    show_findings(checked.result, lang)
    return checked
