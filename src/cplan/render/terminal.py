"""Tables for the terminal (rich), drawn from the same plain data as the JSON output.

Text from the plan (titles, names, units, periods) goes into the tables as
:class:`~rich.text.Text` with its control, bidi and invisible characters escaped
(:func:`cplan.safetext.visible`): never as a string, which rich would read as markup
(``[link=…]`` makes a terminal hyperlink), and never raw.
"""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from cplan import messages
from cplan.safetext import visible

_STATUS_STYLE = {
    "已完成": "bold green",
    "正常": "green",
    "预警": "yellow",
    "滞后": "bold red",
    "逾期未完成": "bold red",
    "未达成": "bold red",
    "无数据": "dim",
    "未开始": "dim",
}

_WORDS = {
    "zh": {
        "targets": "指标",
        "phases": "实施阶段",
        "name": "名称",
        "baseline": "基线",
        "target": "目标",
        "deadline": "期限",
        "actual": "实际值",
        "progress": "进度",
        "time": "时间进度",
        "status": "状态",
        "when": "时间",
        "tasks": "任务",
        "overall": "总体进度 (加权)",
        "no_data": "暂无数据",
        "as_of": "截至",
        "funder": "出资方",
        "fund": "资金来源",
        "amount": "金额 (元)",
        "line": "经费项目",
        "unit": "单位",
        "total": "合计",
        "category": "类别",
        "year": "年度",
        "family": "指标类别",
        "count": "指标数",
        "budget": "经费总额",
        "unfunded": "未落实出资方",
        "plans": "方案数",
        "pledge": "承诺",
    },
    "en": {
        "targets": "Targets",
        "phases": "Phases",
        "name": "Name",
        "baseline": "Baseline",
        "target": "Target",
        "deadline": "Deadline",
        "actual": "Actual",
        "progress": "Progress",
        "time": "Time elapsed",
        "status": "Status",
        "when": "When",
        "tasks": "Tasks",
        "overall": "Overall progress (weighted)",
        "no_data": "no data yet",
        "as_of": "As of",
        "funder": "Funder",
        "fund": "Fund",
        "amount": "Amount (yuan)",
        "line": "Budget line",
        "unit": "Unit",
        "total": "Total",
        "category": "Category",
        "year": "Year",
        "family": "Target family",
        "count": "Targets",
        "budget": "Budget total",
        "unfunded": "No funder",
        "plans": "Plans",
        "pledge": "Pledged",
    },
}


def plain(text: object) -> Text:
    """Text from a plan as a table cell or heading: no markup, nothing hidden."""
    return Text(visible(str(text)))


def bar(percent: str | None, width: int = 10) -> Text:
    """A progress bar drawn with block characters, followed by the percentage."""
    if percent is None:
        return Text("—", style="dim")
    value = float(percent)
    filled = round(min(max(value, 0.0), 100.0) / 100 * width)
    text = Text("█" * filled, style="green")
    text.append("░" * (width - filled), style="dim")
    text.append(f" {value:.1f}%")
    return text


def _status(value: str, english: str, lang: str) -> Text:
    return Text(value if lang == "zh" else english, style=_STATUS_STYLE.get(value, ""))


def _with_unit(value: str | None, unit: str) -> Text:
    return plain("—" if value is None else f"{value}{unit}")


def _overall(data: dict[str, Any], words: dict[str, str]) -> Text:
    if data["overall_progress"] is not None:
        return bar(data["overall_progress"], 20)
    return Text(words["no_data"] if data["targets"] else "—", style="dim")


def print_status(console: Console, data: dict[str, Any], lang: str) -> None:
    words = _WORDS[lang]
    plan = data["plan"]
    console.print(Text(visible(plan["title"]), style="bold"), plain(f"({plan['period']['text']})"))
    console.print(f"{words['as_of']} {data['as_of']}  {words['overall']}: ", _overall(data, words))
    targets = Table(title=words["targets"], title_justify="left", show_lines=False)
    for column in (
        "name",
        "baseline",
        "target",
        "deadline",
        "actual",
        "progress",
        "time",
        "status",
    ):
        targets.add_column(words[column], no_wrap=column != "name")
    for t in data["targets"]:
        targets.add_row(
            plain(t["name"]),
            _with_unit(t["baseline"], t["unit"]),
            _with_unit(t["target"], t["unit"]),
            plain(t["deadline"]["text"]),
            _with_unit(t["actual"], t["unit"]),
            bar(t["progress"]),
            f"{float(t['time_elapsed']):.0f}%",
            _status(t["status"], t["status_en"], lang),
        )
    if data["targets"]:
        console.print(targets)
    phases = Table(title=words["phases"], title_justify="left")
    for column in ("name", "when", "tasks", "progress", "time", "status"):
        phases.add_column(words[column], no_wrap=column != "name")
    for p in data["phases"]:
        phases.add_row(
            plain(p["name"]),
            plain(p["when"]["text"]),
            f"{p['tasks_done']}/{p['tasks']}" if p["tasks"] else "—",
            bar(p["progress"]),
            f"{float(p['time_elapsed']):.0f}%",
            _status(p["status"], p["status_en"], lang),
        )
    if data["phases"]:
        console.print(phases)


def yuan(value: str | None) -> str:
    """A money string ("1234567.80") shown with thousands separators."""
    return messages.yuan(value)


def _money_table(title: str, head: list[str], rows: list[list[str]]) -> Table:
    """A table of names and amounts; every heading and cell shown as plain text."""
    table = Table(title=title, title_justify="left")
    for i, column in enumerate(head):
        table.add_column(plain(column), justify="left" if i == 0 else "right", no_wrap=i > 0)
    for row in rows:
        table.add_row(*(plain(cell) for cell in row))
    return table


def _unit_rows(units: list[dict[str, Any]], funders: list[str]) -> list[list[str]]:
    return [
        [unit["name"] or "—", *(yuan(unit["shares"].get(f)) for f in funders), yuan(unit["total"])]
        for unit in units
    ]


def print_funding(console: Console, data: dict[str, Any], lang: str) -> None:
    w = _WORDS[lang]
    console.print(Text(visible(data["plan"]["title"]), style="bold"))
    console.print(
        f"{w['budget']}: {yuan(data['total'])}  {w['unfunded']}: {yuan(data['unfunded'])}"
    )
    ids = [f["id"] for f in data["funders"]]
    names = {f["id"]: f["name"] for f in data["funders"]}
    console.print(
        _money_table(
            w["funder"],
            [w["funder"], w["fund"], w["amount"], w["pledge"]],
            [
                [f["name"], f["fund"] or "—", yuan(f["amount"]), yuan(f["pledge"])]
                for f in data["funders"]
            ],
        )
    )
    console.print(
        _money_table(
            w["line"],
            [w["line"], *(names[i] for i in ids), w["total"]],
            [
                [line["name"], *(yuan(line["shares"].get(i)) for i in ids), yuan(line["amount"])]
                for line in data["lines"]
            ],
        )
    )
    if any(unit["id"] for unit in data["units"]):
        console.print(
            _money_table(
                w["unit"],
                [w["unit"], *(names[i] for i in ids), w["total"]],
                _unit_rows(data["units"], ids),
            )
        )


def print_rollup(console: Console, data: dict[str, Any], lang: str) -> None:
    # here, not at the top: execution_view draws with this module's cells
    from cplan.render.execution_view import print_rollup_execution

    w = _WORDS[lang]
    console.print(
        f"{w['plans']}: {len(data['plans'])}  {w['budget']}: {yuan(data['total'])}  "
        f"{w['unfunded']}: {yuan(data['unfunded'])}  {w['as_of']} {data['as_of']}"
    )
    funders = [f["name"] for f in data["funders"]]
    console.print(
        _money_table(
            w["funder"],
            [w["funder"], w["amount"]],
            [[f["name"], yuan(f["amount"])] for f in data["funders"]],
        )
    )
    console.print(
        _money_table(
            w["unit"], [w["unit"], *funders, w["total"]], _unit_rows(data["units"], funders)
        )
    )
    print_rollup_execution(console, data, lang)
    families = Table(title=w["family"], title_justify="left")
    for column in (w["family"], w["count"], w["progress"], w["status"]):
        families.add_column(column)
    for family in data["families"]:
        families.add_row(
            plain(family["family"]),
            plain(family["targets"]),
            bar(family["progress"]),
            plain("  ".join(f"{k} {v}" for k, v in family["status"].items())),
        )
    console.print(families)
