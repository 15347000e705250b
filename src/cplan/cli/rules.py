"""``cplan rules``: list every diagnostic code, or explain one, in the reader's language."""

from __future__ import annotations

from typing import Annotated

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import LangOption, run_command, setup, text


def register(app: typer.Typer) -> None:
    app.command("rules", cls=CplanCommand)(run_command(rules))


def rules(
    code: Annotated[
        str | None, typer.Argument(metavar="代码", help="只显示这个代码的完整说明，如 CP201。")
    ] = None,
    lang: LangOption = None,
) -> None:
    """列出全部检查项（代码、默认级别、名称、说明）；给出代码时显示它的完整说明。"""
    from cplan.codes import INPUT_CODES, InputCode
    from cplan.errors import CplanError
    from cplan.rules import Rule, all_rules

    _settings, speak = setup(lang)
    codes: dict[str, InputCode | Rule] = {**INPUT_CODES, **all_rules()}
    registry = dict(sorted(codes.items()))
    if code is not None:
        found = registry.get(code.strip().upper())
        if found is None:
            raise CplanError("error.no_such_code", code=code)
        severity = text(f"severity.{found.severity.value}")
        heading = text("rules.heading", code=found.code, name=found.name, severity=severity)
        typer.echo(f"{heading}\n\n{found.doc_in(speak)}")
        return
    width = max(len(text(f"severity.{item.severity.value}")) for item in registry.values())
    for item in registry.values():
        severity = text(f"severity.{item.severity.value}")
        typer.echo(f"{item.code}  {severity:<{width}}  {item.name:<28}  {item.summary_in(speak)}")
