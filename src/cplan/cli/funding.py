"""``cplan funding PLAN``: each budget line's amount and who pays which share, and the
money received and spent so far (经费执行) as of a date."""

from __future__ import annotations

from typing import TYPE_CHECKING

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    AsOfOption,
    FormatOption,
    LangOption,
    OutputOption,
    PlanArgument,
    StrictOption,
    as_of_date,
    check_format,
    checked_plan,
    present,
    run_command,
    setup,
)

if TYPE_CHECKING:
    from rich.console import Console


def register(app: typer.Typer) -> None:
    app.command("funding", cls=CplanCommand)(run_command(funding))


def funding(
    plan_path: PlanArgument,
    as_of: AsOfOption = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """计算各项经费及各出资方的分担金额 (精确到分, 各方之和等于总额), 以及截至某日的到位、支出、到位率和执行率。"""
    from cplan.render.context import finding_data, funding_data
    from cplan.render.execution_view import execution_json

    settings, speak = setup(lang)
    fmt, day = check_format(format), as_of_date(as_of)
    checked = checked_plan(plan_path, settings, speak, strict=strict)
    figures = checked.figures
    data = funding_data(checked.plan, checked.path, figures.budget, figures.shares, speak)
    data["execution"] = execution_json(checked.plan, figures.execution(day), speak)
    data["findings"] = [finding_data(d, speak) for d in checked.diagnostics]
    from cplan.render.execution_view import print_execution
    from cplan.render.terminal import print_funding

    def draw(out: Console) -> None:
        print_funding(out, data, speak)
        print_execution(out, data["execution"], speak)

    present(data, fmt, output, draw)
