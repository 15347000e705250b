"""Tables for the terminal (rich), drawn from the same plain data as the JSON output."""

from __future__ import annotations

from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

_STATUS_STYLE = {
    "已完成": "bold green",
    "正常": "green",
    "预警": "yellow",
    "滞后": "bold red",
    "未完成": "red",
    "无数据": "dim",
    "未开始": "dim",
    "进行中": "cyan",
    "逾期": "bold red",
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
        "as_of": "截至",
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
        "as_of": "As of",
    },
}


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


def _with_unit(value: str | None, unit: str) -> str:
    return "—" if value is None else f"{value}{unit}"


def print_status(console: Console, data: dict[str, Any], lang: str) -> None:
    words = _WORDS[lang]
    plan = data["plan"]
    console.print(Text(plan["title"], style="bold"), Text(f"({plan['period']['text']})"))
    console.print(
        f"{words['as_of']} {data['as_of']}  {words['overall']}: ", bar(data["overall_progress"], 20)
    )
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
            t["name"],
            _with_unit(t["baseline"], t["unit"]),
            _with_unit(t["target"], t["unit"]),
            t["deadline"]["text"],
            _with_unit(t["actual"], t["unit"]),
            bar(t["progress"]),
            f"{float(t['time_elapsed']):.0f}%",
            _status(t["status"], t["status_en"], lang),
        )
    if data["targets"]:
        console.print(targets)
    phases = Table(title=words["phases"], title_justify="left")
    for column in ("name", "when", "tasks", "progress", "status"):
        phases.add_column(words[column], no_wrap=column != "name")
    for p in data["phases"]:
        phases.add_row(
            p["name"],
            p["when"]["text"],
            f"{p['tasks_done']}/{p['tasks']}" if p["tasks"] else "—",
            bar(p["progress"]),
            _status(p["status"], p["status_en"], lang),
        )
    if data["phases"]:
        console.print(phases)
