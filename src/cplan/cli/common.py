"""What the commands share: language and colour choices, and writing output."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Annotated, TextIO

import typer

from cplan.fsio import write_atomic
from cplan.messages import resolve_lang

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
        write_atomic(output, text.encode("utf-8"))
