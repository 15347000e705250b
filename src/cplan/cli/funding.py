"""``cplan funding PLAN``: each budget line's amount and who pays which share."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cplan.cli.common import (
    FormatOption,
    LangOption,
    OutputOption,
    check_format,
    language,
    load_plan,
    present,
)


def register(app: typer.Typer) -> None:
    app.command("funding")(funding)


def funding(
    plan_path: Annotated[Path, typer.Argument(metavar="PLAN", help="方案文件。")],
    format: FormatOption = "text",
    output: OutputOption = None,
    lang: LangOption = None,
) -> None:
    """计算各项经费及各出资方的分担金额 (精确到分, 各方之和等于总额)。"""
    from cplan.compute.budget import compute_budget
    from cplan.compute.shares import compute_shares
    from cplan.render.context import funding_data

    speak, fmt = language(lang), check_format(format)
    plan, shown = load_plan(plan_path, speak)
    budget = compute_budget(plan)
    data = funding_data(plan, shown, budget, compute_shares(plan, budget))
    from cplan.render.terminal import print_funding

    present(data, fmt, output, lambda out: print_funding(out, data, speak))
