"""``cplan funding PLAN``: each budget line's amount and who pays which share."""

from __future__ import annotations

import typer

from cplan.cli.chinese import CplanCommand
from cplan.cli.common import (
    FormatOption,
    LangOption,
    OutputOption,
    PlanArgument,
    StrictOption,
    check_format,
    checked_plan,
    present,
    run_command,
    setup,
)


def register(app: typer.Typer) -> None:
    app.command("funding", cls=CplanCommand)(run_command(funding))


def funding(
    plan_path: PlanArgument,
    format: FormatOption = "text",
    output: OutputOption = None,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """计算各项经费及各出资方的分担金额 (精确到分, 各方之和等于总额)。"""
    from cplan.render.context import finding_data, funding_data

    settings, speak = setup(lang)
    fmt = check_format(format)
    checked = checked_plan(plan_path, settings, speak, strict=strict)
    figures = checked.figures
    data = funding_data(checked.plan, checked.path, figures.budget, figures.shares, speak)
    data["findings"] = [finding_data(d, speak) for d in checked.diagnostics]
    from cplan.render.terminal import print_funding

    present(data, fmt, output, lambda out: print_funding(out, data, speak))
