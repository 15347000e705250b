"""``cplan init [PATH]``: write a starter plan that validates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import run_command, say, write_output


def register(app: typer.Typer) -> None:
    app.command("init", cls=CplanCommand)(run_command(init))


def init(
    path: Annotated[
        Path, typer.Argument(metavar="文件", help="要创建的方案文件, 默认 plan.yaml。")
    ] = Path("plan.yaml"),
) -> None:
    """生成一个带中文注释、可直接通过校验的方案模板; 不会覆盖已有文件。"""
    from importlib.resources import files

    starter = files("cplan").joinpath("data/starter.yaml").read_bytes()
    write_output(path, starter, overwrite=False)
    say("note.created", path=str(path))
