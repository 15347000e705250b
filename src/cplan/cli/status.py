"""``cplan status PLAN``: where each target and phase stands as of a date."""

from __future__ import annotations

from fractions import Fraction
from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import (
    AsOfOption,
    FormatOption,
    LangOption,
    OutputOption,
    as_of_date,
    check_format,
    language,
    load_plan,
    present,
)


def register(app: typer.Typer) -> None:
    app.command("status")(status)


def status(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help="方案文件。")],
    as_of: AsOfOption = None,
    format: FormatOption = "text",
    output: OutputOption = None,
    at_risk: Annotated[
        float, typer.Option("--at-risk", help="进度落后时间进度超过多少个百分点为 预警。", min=0)
    ] = 10.0,
    behind: Annotated[
        float, typer.Option("--behind", help="进度落后时间进度超过多少个百分点为 滞后。", min=0)
    ] = 25.0,
    lang: LangOption = None,
) -> None:
    """显示各项指标的进度与状态 (正常、预警、滞后、已完成、未完成) 和各阶段的进展。"""
    from cplan.compute.phases import plan_phases
    from cplan.compute.targets import Thresholds, plan_progress
    from cplan.render.context import status_data

    speak, fmt, day = language(lang), check_format(format), as_of_date(as_of)
    if behind < at_risk:
        raise typer.BadParameter("--behind 不能小于 --at-risk", param_hint="--behind")
    thresholds = Thresholds(Fraction(str(at_risk)) / 100, Fraction(str(behind)) / 100)
    plan, shown = load_plan(plan_path, speak)
    data = status_data(plan, shown, plan_progress(plan, day, thresholds), plan_phases(plan, day))
    from cplan.render.terminal import print_status

    present(data, fmt, output, lambda out: print_status(out, data, speak))
