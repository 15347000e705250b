"""What the commands share: the configuration and language, the checked plan, errors
turned into messages and exit codes, colour choices, and writing output."""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any, TextIO

import typer

from cplan.diagnostics import Severity
from cplan.errors import CplanError, OutputFailed, PlanRefused
from cplan.fsio import (
    OutputExists,
    OutputIsInput,
    OutputNotFile,
    tracking_inputs,
    write_atomic,
)
from cplan.messages import render_message, resolve_lang
from cplan.messages.system import os_reason

if TYPE_CHECKING:
    from rich.console import Console

    from cplan.check import CheckedPlan, FileResult
    from cplan.config import Settings

LangOption = Annotated[
    str | None,
    typer.Option(
        "--lang",
        metavar="zh|en",
        help="消息语言：zh（默认）或 en；也可用环境变量 CPLAN_LANG 设置。",
    ),
]
PlanArgument = Annotated[Path, typer.Argument(metavar="方案文件", help="方案文件（.yaml）。")]
PlanPathsArgument = Annotated[
    list[Path] | None,
    typer.Argument(
        metavar="路径",
        help="方案文件或目录 (目录下递归查找 *.yaml、*.yml); 不写则用配置中 include 所指的文件。",
        show_default=False,
    ),
]
JobsOption = Annotated[
    int | None,
    typer.Option("--jobs", "-j", metavar="N", help="并行进程数, 默认为 CPU 核数。", min=1),
]
OutputOption = Annotated[
    Path | None,
    typer.Option("--output", "-o", metavar="文件", help="写入文件而不是屏幕（原子写入）。"),
]


_spoken: list[str] = []  # the language of the command running, for its error messages


def language(explicit: str | None, settings: Settings | None = None) -> str:
    """The language to speak: ``--lang``, else ``CPLAN_LANG``, else ``lang`` in cplan.toml."""
    if explicit is not None and explicit.lower() not in ("zh", "en"):
        raise bad_parameter("usage.bad_lang", "--lang")
    configured = settings.lang if settings is not None else None
    chosen = resolve_lang(explicit or os.environ.get("CPLAN_LANG") or configured)
    _spoken[:] = [chosen]
    return chosen


def setup(lang: str | None) -> tuple[Settings, str]:
    """What every command starts from: the configuration in force and the language."""
    from cplan.config import load_settings

    language(lang)  # a bad --lang is a usage error even when the configuration is bad
    settings = load_settings()
    return settings, language(lang, settings)


def run_command(function: Callable[..., None]) -> Callable[..., None]:
    """The one place where an error of the core becomes a message and an exit code."""

    @functools.wraps(function)
    def command(*args: Any, **kwargs: Any) -> None:
        _spoken.clear()  # a language chosen by an earlier command in this process is not ours
        with _guarded(kwargs.get("format")), tracking_inputs():
            try:
                function(*args, **kwargs)
            except CplanError as error:
                show_error(error, _spoken[0] if _spoken else resolve_lang(kwargs.get("lang")))
                raise typer.Exit(error.exit_code) from None

    return command


@contextmanager
def _guarded(format: object) -> Iterator[None]:
    """Every printed line guarded against workflow commands under GitHub Actions (or
    ``--format github``): see :mod:`cplan.formats.github`."""
    if format != "github" and os.environ.get("GITHUB_ACTIONS") != "true":
        yield
        return
    from cplan.formats.github import guarded_output

    with guarded_output(enabled=True):
        yield


def show_error(error: CplanError, lang: str) -> None:
    """An error on standard error: a refused plan's diagnostics first, then why."""
    if isinstance(error, PlanRefused):
        for diagnostic in error.diagnostics:
            typer.echo(diagnostic.format(lang), err=True)
    typer.echo(f"cplan: {error.message(lang)}", err=True)


def use_color(stream: TextIO) -> bool:
    """Colour only on a terminal, and never when NO_COLOR is set (https://no-color.org)."""
    if os.environ.get("NO_COLOR"):
        return False
    if os.environ.get("FORCE_COLOR"):
        return True
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def text(key: str, **params: Any) -> str:
    """The catalogue message ``key`` in the command's language."""
    return render_message(key, params, _spoken[0] if _spoken else resolve_lang())


def say(key: str, err: bool = False, **params: Any) -> None:
    """Print the catalogue message ``key`` in the command's language."""
    typer.echo(text(key, **params), err=err)


def bad_parameter(key: str, option: str | None = None, **params: Any) -> typer.BadParameter:
    """A usage error in ``option``, its message the catalogue's ``key`` in the command's
    language (the framework's own words around it follow the same language)."""
    return typer.BadParameter(text(key, **params), param_hint=option)


def check_choice(value: str, choices: Iterable[str], option: str = "--format") -> str:
    """``value`` if it is one of ``choices``, else a usage error listing them."""
    allowed = list(choices)
    if value not in allowed:
        raise bad_parameter("usage.choices", option, choices=", ".join(allowed))
    return value


def emit(text: str, output: Path | None) -> None:
    """Print ``text``, or write it atomically to ``output``."""
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        write_output(output, text.encode("utf-8"))


def write_output(
    output: Path, data: bytes, *, overwrite: bool = True, replacing_input: bool = False
) -> None:
    """Write ``data`` atomically, or raise :class:`OutputFailed` saying why.

    A file the command read as an input (a plan, a workbook, a template) is never
    written over, unless ``replacing_input`` (``cplan update`` and its plan).
    """
    try:
        write_atomic(output, data, overwrite=overwrite, replacing_input=replacing_input)
    except OutputExists:
        raise OutputFailed("error.output_exists", path=str(output)) from None
    except OutputIsInput:
        raise OutputFailed("error.output_is_input", path=str(output)) from None
    except OutputNotFile:
        raise OutputFailed("error.output_not_file", path=str(output)) from None
    except OSError as error:
        raise OutputFailed("error.cannot_write", path=str(output), **os_reason(error)) from None


def checked_plan(
    path: Path,
    settings: Settings,
    lang: str,
    *,
    strict: bool = False,
    needs_money: bool = True,
) -> CheckedPlan:
    """The checked plan a command stands on, its findings shown on standard error.

    Raises :class:`PlanRefused` when the figures cannot be given (see
    :func:`cplan.check.with_figures`); otherwise the figures go with the findings.
    """
    from cplan.check import check_plan, with_figures

    checked = with_figures(check_plan(path, settings), needs_money=needs_money, strict=strict)
    show_findings(checked.result, lang)
    return checked


def show_findings(result: FileResult, lang: str) -> None:
    """A plan's findings on standard error, the figures still given: errors in full (they
    may concern the money shown), warnings as a count (``cplan validate`` lists them)."""
    errors = [d for d in result.diagnostics if d.severity is Severity.ERROR]
    for diagnostic in errors:
        typer.echo(diagnostic.format(lang), err=True)
    if errors:
        say("note.findings_errors", err=True, path=result.path, errors=len(errors))
    others = len(result.diagnostics) - len(errors)
    if others:
        say("note.findings_others", err=True, path=result.path, count=others)


StrictOption = Annotated[
    bool,
    typer.Option(
        "--strict", help="方案有任何错误或警告时不输出结果，以退出码 1 结束（默认照常计算）。"
    ),
]


AsOfOption = Annotated[
    str | None,
    typer.Option(
        "--as-of",
        metavar="日期",
        help="按哪一天计算（如 2025-06-30、2025年6月底、2025年6月；月份取月末），默认今天。",
    ),
]
FormatOption = Annotated[
    str, typer.Option("--format", "-f", metavar="格式", help="输出格式：text 或 json。")
]


def as_of_date(value: str | None) -> date:
    """The date to compute for: ``--as-of`` (its last day for a month or 旬), else today."""
    if value is None:
        return date.today()
    from cplan.model.values import parse_date

    try:
        return parse_date(value).end
    except ValueError:
        raise bad_parameter("usage.bad_date", "--as-of", value=value) from None


def check_format(value: str) -> str:
    """``--format`` of the commands that show figures: text or json."""
    return check_choice(value, ("text", "json"))


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

        from cplan.safetext import json_safe

        emit(json_safe(json.dumps(data, ensure_ascii=False, indent=2)) + "\n", output)
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
