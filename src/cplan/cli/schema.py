"""``cplan schema``: the JSON Schema of a plan, for editors (yaml-language-server)."""

from __future__ import annotations

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import OutputOption, emit, run_command


def register(app: typer.Typer) -> None:
    app.command("schema", cls=CplanCommand)(run_command(schema))


def schema(
    output: OutputOption = None,
) -> None:
    """输出方案文件的 JSON Schema (Draft 7), 供编辑器提示和校验。"""
    from cplan.schema import schema_text

    emit(schema_text(), output)
