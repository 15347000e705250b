"""``cplan init [PATH]``: write a starter plan that validates."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import fail


def register(app: typer.Typer) -> None:
    app.command("init")(init)


def init(
    path: Annotated[Path, typer.Argument(help="要创建的方案文件, 默认 plan.yaml。")] = Path(
        "plan.yaml"
    ),
) -> None:
    """生成一个带中文注释、可直接通过校验的方案模板; 不会覆盖已有文件。"""
    from importlib.resources import files

    from cplan.fsio import OutputExists, write_atomic

    starter = files("cplan").joinpath("data/starter.yaml").read_bytes()
    try:
        write_atomic(path, starter, overwrite=False)
    except OutputExists:
        raise fail(f"{path} 已存在, 不会覆盖; 请换一个文件名") from None
    except OSError as error:
        raise fail(f"无法写入 {path}: {error.strerror or error}") from None
    typer.echo(f"已创建 {path}; 编辑后运行 cplan validate {path}")
