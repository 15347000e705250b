"""Help screens and usage errors in the officer's language.

The command-line framework writes its own words (``Usage:``, ``Options``, ``Show this
message and exit.``, ``Missing argument 'PLAN'.``, ``No such option: --x``). The command
and group classes here put every one of them into Chinese (unless English is asked for
with ``CPLAN_LANG=en`` or ``--lang en``), through the framework's documented hooks:
``format_usage``, ``format_options``, ``get_help_option`` and the usage error's ``show``.
"""

from __future__ import annotations

import re
import sys
import unicodedata
from collections.abc import Callable, Sequence
from typing import IO, Any

import typer
from typer.core import TyperCommand, TyperGroup

from cplan.messages import resolve_lang


def _framework_class(name: str) -> type[Exception]:
    """The framework's usage-error class, found from an exception typer exports."""
    for cls in typer.BadParameter.__mro__:
        if cls.__name__ == name:
            return cls
    raise LookupError(name)  # pragma: no cover - every click has UsageError


UsageError = _framework_class("UsageError")

_WORDS = {
    "usage": ("用法: ", "Usage: "),
    "arguments": ("参数", "Arguments"),
    "options": ("选项", "Options"),
    "commands": ("命令", "Commands"),
    "help": ("显示本帮助并退出。", "Show this message and exit."),
    "try": ("运行 '{command} {option}' 查看帮助。", "Try '{command} {option}' for help."),
    "error": ("错误: {message}", "Error: {message}"),
}

#: The framework's usage errors, and how to say them to an officer (with the fix).
_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^Missing argument '(?P<name>.+?)'\.?$"), "缺少参数 {name}: 请在命令后写上它"),
    (re.compile(r"^Missing option '(?P<name>.+?)'\.?$"), "缺少选项 {name}: 这个选项必须写"),
    (
        re.compile(r"^No such option: (?P<name>\S+)\s*Did you mean (?P<close>\S+?)\??$"),
        "没有选项 {name}, 是否应为 {close}?",
    ),
    (
        re.compile(r"^No such option: (?P<name>\S+)\s*\(Possible options: (?P<close>.+?)\)$"),
        "没有选项 {name}, 是否应为 {close}?",
    ),
    (re.compile(r"^No such option: (?P<name>\S+)$"), "没有选项 {name}; 运行 --help 查看全部选项"),
    (
        re.compile(r"^No such command '(?P<name>.+?)'\.?$"),
        "没有命令 {name}; 运行 cplan --help 查看全部命令",
    ),
    (
        re.compile(r"^Got unexpected extra arguments?(?:\(s\))? \((?P<args>.*)\)$"),
        "多余的参数: {args}",
    ),
    (
        re.compile(r"^Option '(?P<name>.+?)' requires (?:an argument|\d+ arguments)\.?$"),
        "选项 {name} 后面要写一个值",
    ),
    (
        re.compile(r"^Invalid value for (?P<name>.+?): (?P<detail>.*)$", re.DOTALL),
        "{name} 的值无效: {detail}",
    ),
    (re.compile(r"^Invalid value: (?P<detail>.*)$", re.DOTALL), "值无效: {detail}"),
]

#: The framework's words about one value (inside "Invalid value for ...").
_DETAILS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"^'(?P<value>.*)' is not a valid integer( range)?\.?$"), "“{value}” 不是整数"),
    (re.compile(r"^'(?P<value>.*)' is not a valid float( range)?\.?$"), "“{value}” 不是数字"),
    (
        re.compile(r"^(?P<value>\S+) is not in the range (?P<range>.+?)\.?$"),
        "{value} 不在允许的范围 {range} 内",
    ),
    (
        re.compile(r"^'(?P<value>.*)' is not one of (?P<choices>.+?)\.?$"),
        "“{value}” 不是可选值之一: {choices}",
    ),
    (re.compile(r"^Input should be a valid integer.*$"), "应为整数"),
    (re.compile(r"^Input should be a valid number.*$"), "应为数字"),
    (
        re.compile(r"^Input should be greater than or equal to (?P<limit>\S+?)\.?$"),
        "应大于或等于 {limit}",
    ),
    (re.compile(r"^Input should be greater than (?P<limit>\S+?)\.?$"), "应大于 {limit}"),
    (
        re.compile(r"^Input should be less than or equal to (?P<limit>\S+?)\.?$"),
        "应小于或等于 {limit}",
    ),
]


_TYPE_HINT = re.compile(r"\s*<[^<>]*>")
_RANGE_HINT = re.compile(r"\s*\[(?:x|-?\d)[^\]]*\]")
_DEFAULT_HINT = re.compile(r"\[default: ([^;\]]*)(?:;[^\]]*)?\]")
_USAGE_WORDS = (("[OPTIONS]", "[选项]"), ("COMMAND [ARGS]...", "命令 [参数]..."))


def _lang() -> str:
    argv = sys.argv[1:]
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv):
            return resolve_lang(argv[i + 1])
        if arg.startswith("--lang="):
            return resolve_lang(arg.partition("=")[2])
    return resolve_lang()


def _word(key: str, **params: str) -> str:
    zh, en = _WORDS[key]
    return (en if _lang() == "en" else zh).format(**params)


def translate(message: str) -> str:
    """A usage error of the framework in Chinese (unchanged if it is not one we know)."""
    for pattern, template in _ERRORS:
        match = pattern.match(message.strip())
        if match:
            found = match.groupdict()
            if "detail" in found:
                found["detail"] = _detail(found["detail"])
            if "name" in found:  # '--jobs' / '-j' → --jobs (-j)
                names = re.findall(r"'([^']+)'", found["name"]) or [found["name"]]
                found["name"] = names[0] + (f" ({', '.join(names[1:])})" if names[1:] else "")
            return template.format(**found)
    return message


def _detail(text: str) -> str:
    for pattern, template in _DETAILS:
        match = pattern.match(text.strip())
        if match:
            return template.format(**match.groupdict())
    return text


def _show(error: Any, file: IO[Any] | None = None) -> None:
    """A usage error as the officer reads it: the usage line, where help is, the problem."""
    out = file or sys.stderr
    ctx = getattr(error, "ctx", None)
    if ctx is not None:
        command = ctx.command_path
        names = ctx.command.get_help_option_names(ctx) if ctx.command else []
        hint = _word("try", command=command, option=names[0]) if names else ""
        typer.echo(f"{ctx.get_usage()}\n{hint}\n", file=out, err=file is None)
    text = error.format_message()
    message = text if _lang() == "en" else translate(text)
    typer.echo(_word("error", message=message), file=out, err=file is None)


def _localise(error: BaseException) -> None:
    if isinstance(error, UsageError) and _lang() != "en":
        error.show = lambda file=None: _show(error, file)  # type: ignore[attr-defined]


def width(text: str) -> int:
    """Columns ``text`` takes on a terminal: Chinese characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


#: Punctuation that never starts a line (it stays at the end of the line before).
_NO_LINE_START = frozenset("。，、；：？！）》」』”’,.;:?!)]")


def _wrap(text: str, columns: int) -> list[str]:
    """``text`` cut into lines of at most ``columns`` terminal columns."""
    lines: list[str] = []
    for paragraph in text.splitlines() or [""]:
        line, used = "", 0
        for ch in paragraph:
            w = width(ch)
            if used + w > columns and line and ch not in _NO_LINE_START:
                lines.append(line.rstrip())
                line, used = ("", 0) if ch == " " else (ch, w)
                continue
            line, used = line + ch, used + w
        lines.append(line.rstrip())
    return lines


def write_rows(formatter: Any, rows: Sequence[tuple[str, str]]) -> None:
    """Two columns aligned by terminal width (the framework counts a Chinese character as
    one column, which misaligns every row that names one)."""
    indent = " " * formatter.current_indent
    first = min(max(width(name) for name, _ in rows) + 2, 30)
    room = max(formatter.width - formatter.current_indent - first, 20)
    for name, text in rows:
        lines = _wrap(text, room)
        if width(name) + 2 > first:
            formatter.write(f"{indent}{name}\n")
            head = indent + " " * first
        else:
            head = indent + name + " " * (first - width(name))
        formatter.write(f"{head}{lines[0]}\n")
        for more in lines[1:]:
            formatter.write(f"{indent}{' ' * first}{more}\n")


class _Chinese:
    """What a command and a group share: the usage line, sections and help option."""

    def format_usage(self, ctx: Any, formatter: Any) -> None:
        pieces = " ".join(self.collect_usage_pieces(ctx))  # type: ignore[attr-defined]
        pieces = re.sub(r"\{([^{}]+)\}", r"\1", pieces)  # {PLAN}: a required argument
        if _lang() != "en":
            for english, chinese in _USAGE_WORDS:
                pieces = pieces.replace(english, chinese)
        formatter.write_usage(ctx.command_path, pieces, prefix=_word("usage"))

    def format_options(self, ctx: Any, formatter: Any) -> None:
        arguments: list[tuple[str, str]] = []
        options: list[tuple[str, str]] = []
        for param in self.get_params(ctx):  # type: ignore[attr-defined]
            record = param.get_help_record(ctx)
            if record is not None:
                names, text = record
                # no programmer's types (<list[Path]>, <int range>) or ranges ([x>=1])
                names = _TYPE_HINT.sub("", names)
                text = _DEFAULT_HINT.sub(r"[default: \1]", _RANGE_HINT.sub("", text))
                if _lang() != "en":
                    text = text.replace("[required]", "[必填]").replace("[default: ", "[默认: ")
                target = arguments if param.param_type_name == "argument" else options
                target.append((names, text))
        for key, records in (("arguments", arguments), ("options", options)):
            if records:
                with formatter.section(_word(key).strip()):
                    write_rows(formatter, records)

    def get_help_option(self, ctx: Any) -> Any:
        option = super().get_help_option(ctx)  # type: ignore[misc]
        if option is not None:
            option.help = _word("help")
        return option

    def make_context(self, *args: Any, **kwargs: Any) -> Any:
        try:
            return super().make_context(*args, **kwargs)  # type: ignore[misc]
        except UsageError as error:
            _localise(error)
            raise

    def invoke(self, ctx: Any) -> Any:
        try:
            return super().invoke(ctx)  # type: ignore[misc]
        except UsageError as error:
            _localise(error)
            raise


class CplanCommand(_Chinese, TyperCommand):
    """A cplan command: help and usage errors in Chinese."""


class CplanGroup(_Chinese, TyperGroup):
    """The ``cplan`` group: help, usage errors and its list of commands in Chinese."""

    def format_options(self, ctx: Any, formatter: Any) -> None:
        super().format_options(ctx, formatter)
        rows: list[tuple[str, str]] = []
        for name in self.list_commands(ctx):
            command = self.get_command(ctx, name)
            if command is not None and not command.hidden:
                rows.append((name, command.get_short_help_str(formatter.width - 20)))
        if rows:
            with formatter.section(_word("commands").strip()):
                write_rows(formatter, rows)


def command(app: typer.Typer, name: str) -> Callable[[Callable[..., None]], Any]:
    """Register a command under ``name`` with cplan's command class."""
    return app.command(name, cls=CplanCommand)


__all__: Sequence[str] = ["CplanCommand", "CplanGroup", "command", "translate"]
