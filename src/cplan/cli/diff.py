"""``cplan diff OLD NEW`` / ``cplan diff PLAN --rev REV``: what changed between versions."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from cplan.cli.common import (
    LangOption,
    OutputOption,
    emit,
    fail,
    language,
    load_plan,
    require_valid,
)

if TYPE_CHECKING:
    from cplan.model import Plan

_FORMATS = ("text", "json", "markdown")


def register(app: typer.Typer) -> None:
    app.command("diff")(diff)


def diff(
    old_path: Annotated[
        Path, typer.Argument(metavar="OLD", help="旧版方案文件 (用 --rev 时为方案文件)。")
    ],
    new_path: Annotated[
        Path | None, typer.Argument(metavar="NEW", help="新版方案文件。", show_default=False)
    ] = None,
    rev: Annotated[
        str | None,
        typer.Option("--rev", help="与 git 版本 REV (如 HEAD~1) 中的该文件比较, 而不是 NEW。"),
    ] = None,
    format: Annotated[
        str, typer.Option("--format", "-f", help="输出格式: text、json 或 markdown。")
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

    speak = language(lang)
    if format not in _FORMATS:
        raise typer.BadParameter("可选: text, json, markdown", param_hint="--format")
    if (rev is None) == (new_path is None):
        raise typer.BadParameter(
            "请给出 OLD 和 NEW 两个文件, 或一个文件加 --rev"
            if speak == "zh"
            else "give OLD and NEW, or one PLAN with --rev"
        )
    if rev is not None:
        new, new_shown = load_plan(old_path, speak)
        old, old_shown = _committed_plan(old_path, rev, new_shown, speak)
    else:
        assert new_path is not None
        old, old_shown = load_plan(old_path, speak)
        new, new_shown = load_plan(new_path, speak)

    changes = diff_plans(old, new)
    if format == "json":
        import json

        data = diff_data(changes, (old_shown, new_shown))
        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    elif format == "markdown":
        emit(diff_markdown(changes, speak), output)
    else:
        emit(diff_text(changes, speak), output)
    if exit_code and not changes.empty:
        raise typer.Exit(1)


def _committed_plan(path: Path, rev: str, shown: str, lang: str) -> tuple[Plan, str]:
    """The plan as committed at ``rev``, or exit 2 (no git, no repository, no such file)."""
    from cplan.check import check_text
    from cplan.read import ReadFailure, decode

    display = f"{rev}:{shown}"
    folder = path.absolute().parent
    try:
        ran = subprocess.run(
            ["git", "-C", str(folder), "show", f"{rev}:./{path.name}"],
            capture_output=True,
            check=False,
        )
    except OSError:
        raise fail("找不到 git 命令" if lang == "zh" else "git is not available") from None
    if ran.returncode != 0:
        reason = ran.stderr.decode("utf-8", errors="replace").strip().splitlines()
        detail = reason[0].removeprefix("fatal: ") if reason else f"git exit {ran.returncode}"
        raise fail(
            f"无法读取 {display}: {detail}" if lang == "zh" else f"cannot read {display}: {detail}"
        )
    try:
        text = decode(ran.stdout, display)
    except ReadFailure as failure:
        typer.echo(failure.diagnostic.format(lang), err=True)
        raise fail(
            "旧版方案有错误" if lang == "zh" else "the old plan has errors", code=1
        ) from None
    result = check_text(text, display)
    message = f"{display} 有错误" if lang == "zh" else f"{display} has errors"
    return require_valid(result, lang, message), display
