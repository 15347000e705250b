"""``cplan rules``: list the checks, with their codes and documentation."""

from __future__ import annotations

import typer


def register(app: typer.Typer) -> None:
    app.command("rules")(rules)


def rules(
    code: str | None = typer.Argument(None, help="只显示这条规则的完整说明, 如 CP201。"),
) -> None:
    """列出全部校验规则 (代码、默认级别、说明)。"""
    from cplan.rules import all_rules

    registry = all_rules()
    if code is not None:
        found = registry.get(code.upper())
        if found is None:
            typer.echo(f"cplan: 没有规则 {code}", err=True)
            raise typer.Exit(2)
        typer.echo(f"{found.code} {found.name} ({found.severity.value})\n\n{found.doc}")
        return
    for item in registry.values():
        typer.echo(f"{item.code}  {item.severity.value:<7}  {item.name:<28}  {item.summary}")
