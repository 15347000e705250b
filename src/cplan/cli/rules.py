"""``cplan rules``: list every diagnostic code, with its documentation."""

from __future__ import annotations

from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import run_command


def register(app: typer.Typer) -> None:
    app.command("rules", cls=CplanCommand)(run_command(rules))


def rules(
    code: Annotated[
        str | None, typer.Argument(metavar="代码", help="只显示这个代码的完整说明, 如 CP201。")
    ] = None,
) -> None:
    """列出全部检查项 (代码、默认级别、名称、说明)。"""
    from cplan.codes import INPUT_CODES, InputCode
    from cplan.errors import CplanError
    from cplan.rules import Rule, all_rules

    registry: dict[str, InputCode | Rule] = {**INPUT_CODES, **all_rules()}
    if code is not None:
        found = registry.get(code.upper())
        if found is None:
            raise CplanError("error.no_such_code", code=code)
        typer.echo(f"{found.code} {found.name} ({found.severity.value})\n\n{found.doc}")
        return
    for item in registry.values():
        typer.echo(f"{item.code}  {item.severity.value:<7}  {item.name:<28}  {item.summary}")
