"""What the commands share: language and colour choices, and writing output."""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, TextIO

import typer

from cplan.fsio import write_atomic
from cplan.messages import resolve_lang

if TYPE_CHECKING:
    from rich.console import Console

    from cplan.check import FileResult
    from cplan.model import Plan

LangOption = Annotated[
    str | None,
    typer.Option("--lang", help="消息语言: zh (默认) 或 en; 也可用环境变量 CPLAN_LANG 设置。"),
]
OutputOption = Annotated[
    Path | None, typer.Option("--output", "-o", help="写入文件而不是屏幕 (原子写入)。")
]


def language(explicit: str | None) -> str:
    if explicit is not None and explicit.lower() not in ("zh", "en"):
        raise typer.BadParameter("--lang 只能是 zh 或 en", param_hint="--lang")
    return resolve_lang(explicit)


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def fail(message: str, code: int = 2) -> typer.Exit:
    """Print ``message`` to standard error and return the Exit to raise."""
    typer.echo(f"cplan: {message}", err=True)
    return typer.Exit(code)


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_output(output, text.encode("utf-8"))


def write_output(output: Path, data: bytes, lang: str | None = None) -> None:
    """Write ``data`` atomically, or say why not and exit 2 (never a traceback)."""
    try:
        write_atomic(output, data)
    except OSError as error:
        reason = error.strerror or error
        english = resolve_lang(lang) == "en"
        raise fail(
            f"cannot write {output}: {reason}" if english else f"无法写入 {output}: {reason}"
        ) from None


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        help="按哪一天计算 (如 2025-06-30、2025年6月底、2025年6月; 月份取月末), 默认今天。",
    ),
]
FormatOption = Annotated[str, typer.Option("--format", "-f", help="输出格式: text 或 json。")]


def as_of_date(value: str | None) -> date:
    """The date to compute for: ``--as-of`` (its last day for a month or 旬), else today."""
    if value is None:
        return date.today()
    from cplan.model.values import parse_date

    try:
        return parse_date(value).end
    except ValueError:
        raise typer.BadParameter(f"无法识别的日期: {value}", param_hint="--as-of") from None


def check_format(value: str) -> str:
    if value not in ("text", "json"):
        raise typer.BadParameter("可选: text, json", param_hint="--format")
    return value


def require_valid(result: FileResult, lang: str, message: str | None = None) -> Plan:
    """The plan of a checked file, or its diagnostics printed and exit 1."""
    if result.plan is None or result.errors:
        for diagnostic in result.diagnostics:
            typer.echo(diagnostic.format(lang), err=True)
        default = "方案有错误, 请先修正 (cplan validate)" if lang == "zh" else "the plan has errors"
        raise fail(message or default, code=1)
    return result.plan


def check_plan_file(path: Path, lang: str, message: str | None = None) -> FileResult:
    """A checked, valid plan file (exit 2 for a missing path, 1 for a plan with errors)."""
    from cplan.check import check_file

    if not path.is_file():
        raise fail(f"路径不存在: {path}" if lang == "zh" else f"no such file: {path}")
    result = check_file(path)
    require_valid(result, lang, message)
    return result


def load_plan(path: Path, lang: str) -> tuple[Plan, str]:
    """A valid plan and the name it is shown under, or exit as :func:`check_plan_file` does."""
    result = check_plan_file(path, lang)
    assert result.plan is not None
    return result.plan, result.path


def console(output: Path | None) -> Console:
    """A rich console: colour only on a terminal, NO_COLOR honoured; wide in files and pipes."""
    from rich.console import Console

    terminal = output is None and use_color(sys.stdout)
    return Console(
        file=sys.stdout,
        force_terminal=terminal,
        no_color=not terminal,
        width=None if terminal else 200,
        highlight=False,
        soft_wrap=not terminal,
    )


def show(output: Path | None, draw: Callable[[Console], None]) -> None:
    """Draw rich output on the terminal, or capture it as plain text into ``output``."""
    out = console(output)
    if output is None:
        draw(out)
        return
    with out.capture() as captured:
        draw(out)
    emit(captured.get(), output)


def present(
    data: dict[str, object], fmt: str, output: Path | None, draw: Callable[[Console], None]
) -> None:
    """Show computed figures: the JSON document, or the terminal tables drawn by ``draw``."""
    if fmt == "json":
        import json

        emit(json.dumps(data, ensure_ascii=False, indent=2) + "\n", output)
    else:
        show(output, draw)


@contextmanager
def progress_bar(total: int) -> Iterator[Callable[[], None]]:
    """A progress bar on standard error, only on a terminal, never under CI; else nothing."""
    if total < 50 or os.environ.get("CI") or not use_color(sys.stderr):
        yield lambda: None
        return
    from rich.console import Console as RichConsole
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TimeRemainingColumn

    with Progress(
        BarColumn(),
        MofNCompleteColumn(),
        TimeRemainingColumn(),
        console=RichConsole(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task("cplan", total=total)
        yield lambda: bar.advance(task)
