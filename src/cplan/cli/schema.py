"""``cplan schema``: the JSON Schema of a plan, for editors (yaml-language-server)."""

from __future__ import annotations

from pathlib import Path

import typer

from cplan.cli.common import emit


def register(app: typer.Typer) -> None:
    app.command("schema")(schema)


def schema(
    output: Path | None = typer.Option(None, "--output", "-o", help="写入文件而不是屏幕。"),
) -> None:
    """输出方案文件的 JSON Schema (Draft 7), 供编辑器提示和校验。"""
    from cplan.schema import schema_text

    emit(schema_text(), output)
