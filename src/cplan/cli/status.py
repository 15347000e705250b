"""``cplan status PLAN``: where each target and phase stands as of a date."""

from __future__ import annotations

from fractions import Fraction
from typing import TYPE_CHECKING, Annotated

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
    bad_parameter,
    check_format,
    checked_plan,
    present,
    run_command,
    setup,
)

if TYPE_CHECKING:
    from rich.console import Console


def register(app: typer.Typer) -> None:
    app.command("status", cls=CplanCommand)(run_command(status))


def status(
    plan_path: PlanArgument,
    as_of: AsOfOption = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    at_risk: Annotated[
        float,
        typer.Option(
            "--at-risk", metavar="百分点", help="进度落后时间进度超过多少个百分点为 预警。", min=0
        ),
    ] = 10.0,
    behind: Annotated[
        float,
        typer.Option(
            "--behind", metavar="百分点", help="进度落后时间进度超过多少个百分点为 滞后。", min=0
        ),
    ] = 25.0,
    strict: StrictOption = False,
    lang: LangOption = None,
) -> None:
    """显示各项指标和各阶段的进度与状态 (已完成、正常、预警、滞后、逾期未完成、未开始、无数据), 以及经费到位和执行情况。"""
    from cplan.compute.targets import Thresholds
    from cplan.render.context import finding_data, status_data
    from cplan.render.execution_view import execution_json

    settings, speak = setup(lang)
    fmt, day = check_format(format), as_of_date(as_of)
    if behind < at_risk:
        raise bad_parameter("usage.behind_below_at_risk", "--behind")
    thresholds = Thresholds(Fraction(str(at_risk)) / 100, Fraction(str(behind)) / 100)
    checked = checked_plan(plan_path, settings, speak, strict=strict, needs_money=False)
    figures = checked.figures
    data = status_data(
        checked.plan,
        checked.path,
        figures.progress(day, thresholds),
        figures.phases(day, thresholds),
    )
    has_budget = checked.plan.budget is not None
    data["execution"] = (
        execution_json(checked.plan, figures.execution(day), speak) if has_budget else None
    )
    data["findings"] = [finding_data(d, speak) for d in checked.diagnostics]
    from cplan.render.execution_view import print_execution
    from cplan.render.terminal import print_status

    def draw(out: Console) -> None:
        print_status(out, data, speak)
        if data["execution"] is not None and data["execution"]["has_records"]:
            print_execution(out, data["execution"], speak)

    present(data, fmt, output, draw)
