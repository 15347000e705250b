"""`cplan status` through its real entry point."""

from __future__ import annotations

import json
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import plan_text

runner = CliRunner()

PLAN = plan_text("""
    targets:
      - id: s
        name: 居民满意度
        kind: increase
        unit: "%"
        baseline: {value: 60, date: 2023年12月31日}
        target: {value: 85, deadline: 2025年12月31日}
        actuals: [{value: 70, date: 2024-12-31, source: 问卷调查}]
    phases:
      - {id: p1, name: 调研阶段, when: 2024年3月上旬至4月下旬, done: true}
      - {id: p2, name: 实施阶段, when: 2024年5月上旬至2025年10月下旬}
    """)


def write(folder: Path, text: str = PLAN) -> None:
    (folder / "plan.yaml").write_text(text, encoding="utf-8")


def test_json_status_is_stable_and_exact(in_tmp: Path) -> None:
    write(in_tmp)
    out = runner.invoke(app, ["status", "plan.yaml", "--as-of", "2024-12-31", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert (data["version"], data["as_of"], data["path"]) == (1, "2024-12-31", "plan.yaml")
    (target,) = data["targets"]
    assert target["progress"] == "40.00"
    assert target["progress_raw"] == "2/5"
    assert target["status"] == "预警"
    assert target["status_en"] == "at risk"
    assert target["actual"] == "70"
    assert target["deadline"] == {
        "text": "2025年12月31日",
        "start": "2025-12-31",
        "end": "2025-12-31",
    }
    assert [p["status"] for p in data["phases"]] == ["已完成", "无数据"]
    assert [p["status_en"] for p in data["phases"]] == ["done", "no data"]
    assert data["overall_progress"] == "40.00"
    assert data["overall_no_data"] is False


def test_text_status_shows_the_table(in_tmp: Path) -> None:
    write(in_tmp)
    out = runner.invoke(app, ["status", "plan.yaml", "--as-of", "2024年12月"])
    assert out.exit_code == 0
    assert "截至 2024-12-31" in out.output
    row = next(line for line in out.output.splitlines() if "居民满意度" in line)
    assert "60%" in row
    assert "85%" in row
    assert "70%" in row
    assert "40.0%" in row
    assert "预警" in row
    assert "\x1b[" not in out.output


def test_english_and_thresholds(in_tmp: Path) -> None:
    write(in_tmp)
    out = runner.invoke(
        app, ["status", "plan.yaml", "--as-of", "2024-12-31", "--lang", "en", "--at-risk", "15"]
    )
    row = next(line for line in out.output.splitlines() if "居民满意度" in line)
    assert "on track" in row


def test_invalid_plan_or_date_or_path(in_tmp: Path) -> None:
    write(in_tmp, plan_text("targets: 5\n"))
    broken = runner.invoke(app, ["status", "plan.yaml"])
    assert broken.exit_code == 1
    assert "plan.yaml:4:10: error CP100" in broken.output
    write(in_tmp)
    assert runner.invoke(app, ["status", "plan.yaml", "--as-of", "昨天"]).exit_code == 2
    assert runner.invoke(app, ["status", "nowhere.yaml"]).exit_code == 2
    assert (
        runner.invoke(app, ["status", "plan.yaml", "--at-risk", "30", "--behind", "20"]).exit_code
        == 2
    )


def test_status_to_a_file(in_tmp: Path) -> None:
    write(in_tmp)
    out = runner.invoke(app, ["status", "plan.yaml", "--as-of", "2024-12-31", "-o", "s.txt"])
    assert out.exit_code == 0
    assert "居民满意度" in (in_tmp / "s.txt").read_text(encoding="utf-8")


# -- a status that does not contradict itself (issue #10 §5) ----------------------------


def status_json(folder: Path, text: str, as_of: str) -> dict[str, Any]:
    write(folder, plan_text(text))
    out = runner.invoke(app, ["status", "plan.yaml", "--as-of", as_of, "-f", "json"])
    assert out.exit_code == 0, out.output
    data: dict[str, Any] = json.loads(out.stdout)
    return data


def status_text(folder: Path, text: str, as_of: str, *extra: str) -> str:
    write(folder, plan_text(text))
    out = runner.invoke(app, ["status", "plan.yaml", "--as-of", as_of, *extra])
    assert out.exit_code == 0, out.output
    return out.stdout


def row(output: str, name: str) -> list[str]:
    line = next(line for line in output.splitlines() if name in line)
    return [cell.strip() for cell in line.strip("│ ").split("│")]


def by_id(items: list[dict[str, Any]]) -> dict[str, dict[str, Any]]:
    return {item["id"]: item for item in items}


def consistent(phase: dict[str, Any]) -> None:
    """What an officer checks on one row: done, tasks, progress and status agree."""
    all_done = phase["tasks"] > 0 and phase["tasks_done"] == phase["tasks"]
    if phase["status"] == "已完成":
        assert phase["done"] is True
        assert phase["tasks"] == 0 or all_done, phase
    if phase["tasks"]:
        share = Fraction(phase["tasks_done"], phase["tasks"]) * 100
        assert Fraction(phase["progress"]) == round(share, 2), phase
        assert all_done == (phase["status"] == "已完成"), phase
    else:
        assert phase["progress"] is None, phase


TASKS = """
    phases:
      - id: p-marked
        name: 摸底协商阶段
        when: 2025年3月上旬至下旬
        done: true
        tasks: [逐栋摸排意愿, 登记助餐老人]
      - id: p-open
        name: 动员阶段
        when: 2025年4月上旬至下旬
        tasks: [召开动员大会, 印发宣传材料]
      - id: p-plain
        name: 总结阶段
        when: 2025年5月上旬至6月下旬
      - id: p-running
        name: 推进阶段
        when: 2025年7月1日至12月31日
        tasks: [老年食堂扩建, 分批加装电梯]
    """


def test_task_counts_progress_and_status_agree(in_tmp: Path) -> None:
    data = status_json(in_tmp, TASKS, "2025-08-31")
    phases = by_id(data["phases"])
    for phase in data["phases"]:
        consistent(phase)
    # marking the phase done closes its tasks: not "0/2, 100 %, 已完成"
    marked = phases["p-marked"]
    assert (marked["tasks_done"], marked["tasks"], marked["status"]) == (2, 2, "已完成")
    # past its end with no task done: 0 %, overdue
    opened = phases["p-open"]
    assert (opened["tasks_done"], opened["progress"], opened["status"]) == (0, "0.00", "逾期未完成")
    assert opened["status_en"] == "overdue"
    text = status_text(in_tmp, TASKS, "2025-08-31")
    assert row(text, "摸底协商阶段")[2:] == ["2/2", "██████████ 100.0%", "100%", "已完成"]
    assert row(text, "动员阶段")[2] == "0/2"
    assert row(text, "动员阶段")[-1] == "逾期未完成"


def test_time_elapsed_is_never_shown_as_task_progress(in_tmp: Path) -> None:
    # 2025-07-01 to 12-31 is 184 days; on 2025-08-31, 62 have passed (33.70 %)
    data = status_json(in_tmp, TASKS, "2025-08-31")
    running = by_id(data["phases"])["p-running"]
    assert (running["tasks_done"], running["progress"]) == (0, "0.00")
    assert running["time_elapsed"] == "33.70"
    assert running["status"] == "滞后"  # nothing done with a third of the time gone
    text = status_text(in_tmp, TASKS, "2025-08-31")
    assert row(text, "推进阶段")[2:] == ["0/2", "░░░░░░░░░░ 0.0%", "34%", "滞后"]


def test_a_phase_without_tasks_shows_time_only_and_never_100_percent_overdue(
    in_tmp: Path,
) -> None:
    during = by_id(status_json(in_tmp, TASKS, "2025-05-31")["phases"])["p-plain"]
    assert (during["progress"], during["time_elapsed"]) == (None, "50.82")  # 31 of 61 days
    assert during["status"] == "无数据"
    after = by_id(status_json(in_tmp, TASKS, "2025-08-31")["phases"])["p-plain"]
    assert (after["progress"], after["time_elapsed"], after["status"]) == (
        None,
        "100.00",
        "逾期未完成",
    )
    cells = row(status_text(in_tmp, TASKS, "2025-08-31"), "总结阶段")
    assert cells[2:] == ["—", "—", "100%", "逾期未完成"]


DATED = """
    targets:
      - id: s
        name: 居民满意度
        kind: increase
        unit: "%"
        target: {value: 85, deadline: 2025年12月31日}
    phases:
      - {id: p-undated, name: 调研阶段, when: 2025年3月上旬至4月下旬, done: true}
      - id: p-dated
        name: 协商阶段
        when: 2025年3月上旬至4月下旬
        done: 2025年4月20日
        tasks: [{name: 楼栋协商, done: 2025年4月10日}, 形成意愿清单]
    """


def test_completion_is_read_as_of_the_date_asked(in_tmp: Path) -> None:
    before_plan = status_json(in_tmp, DATED, "2023-12-31")
    assert [p["status"] for p in before_plan["phases"]] == ["未开始", "未开始"]
    assert [p["done"] for p in before_plan["phases"]] == [False, False]
    assert by_id(before_plan["phases"])["p-dated"]["tasks_done"] == 0
    assert before_plan["targets"][0]["status"] == "未开始"
    april_19 = by_id(status_json(in_tmp, DATED, "2025-04-19")["phases"])
    assert april_19["p-undated"]["status"] == "已完成"  # undated: done from its first day
    assert (april_19["p-dated"]["tasks_done"], april_19["p-dated"]["done"]) == (1, False)
    assert april_19["p-dated"]["status"] != "已完成"
    april_20 = by_id(status_json(in_tmp, DATED, "2025-04-20")["phases"])["p-dated"]
    assert (april_20["status"], april_20["done_on"], april_20["tasks_done"]) == (
        "已完成",
        "2025-04-20",
        2,
    )
    text = status_text(in_tmp, DATED, "2023-12-31")
    assert "已完成" not in text
    assert row(text, "调研阶段")[-1] == "未开始"


NO_DATA = """
    targets:
      - id: s
        name: 居民满意度
        kind: increase
        unit: "%"
        baseline: {value: 60, date: 2023年12月31日}
        target: {value: 85, deadline: 2025年6月30日}
      - id: n
        name: 共建项目
        kind: count
        unit: 项
        target: {value: 20, deadline: 2025年12月31日}
    """


def test_without_any_actual_value_the_overall_figure_says_no_data(in_tmp: Path) -> None:
    data = status_json(in_tmp, NO_DATA, "2024-12-31")
    assert (data["overall_progress"], data["overall_progress_raw"]) == (None, None)
    assert data["overall_no_data"] is True
    text = status_text(in_tmp, NO_DATA, "2024-12-31")
    overall = next(line for line in text.splitlines() if "总体进度" in line)
    assert "暂无数据" in overall
    assert "%" not in overall
    english = status_text(in_tmp, NO_DATA, "2024-12-31", "--lang", "en")
    assert "no data" in next(line for line in english.splitlines() if "Overall" in line)
    # one reading and there is a figure again
    with_data = NO_DATA.replace(
        "target: {value: 20, deadline: 2025年12月31日}",
        "target: {value: 20, deadline: 2025年12月31日}\n        actuals: [{value: 5, date: 2024年6月}]",
    )
    data = status_json(in_tmp, with_data, "2024-12-31")
    assert data["overall_no_data"] is False
    assert data["overall_progress"] == "12.50"  # (0 % + 25 %) / 2


def test_a_target_without_data_after_its_deadline_is_overdue(in_tmp: Path) -> None:
    before = by_id(status_json(in_tmp, NO_DATA, "2025-06-30")["targets"])["s"]
    assert before["status"] == "无数据"
    after = by_id(status_json(in_tmp, NO_DATA, "2025-07-01")["targets"])["s"]
    assert (after["status"], after["status_en"], after["met"]) == ("逾期未完成", "overdue", False)
    assert after["progress"] is None
    assert row(status_text(in_tmp, NO_DATA, "2025-07-01"), "居民满意度")[-1] == "逾期未完成"


ZERO = """
    targets:
      - id: z
        name: 安全责任事故
        kind: zero
        unit: 起
        target: {{value: 0, deadline: 2024年12月31日}}
        actuals: [{actuals}]
    """
TO_JUNE = "{value: 0, date: 2024年6月30日, source: 安全台账}"


def test_zero_tolerance_is_not_done_on_half_a_year_of_data(in_tmp: Path) -> None:
    for as_of in ("2024-07-01", "2024-12-31", "2025-03-31"):
        (target,) = status_json(in_tmp, ZERO.format(actuals=TO_JUNE), as_of)["targets"]
        assert target["status"] != "已完成", as_of
        assert target["met"] is False
        assert target["progress"] != "100.00"
    (late,) = status_json(in_tmp, ZERO.format(actuals=TO_JUNE), "2025-03-31")["targets"]
    assert late["status"] == "逾期未完成"
    text = status_text(in_tmp, ZERO.format(actuals=TO_JUNE), "2024-07-01")
    assert row(text, "安全责任事故")[-1] == "正常"
    whole = ZERO.format(actuals=TO_JUNE + ", {value: 0, date: 2024年12月31日}")
    (target,) = status_json(in_tmp, whole, "2025-01-01")["targets"]
    assert (target["status"], target["progress"], target["met"]) == ("已完成", "100.00", True)
    incident = ZERO.format(actuals="{value: 1, date: 2024年3月31日}")
    (target,) = status_json(in_tmp, incident, "2024-07-01")["targets"]
    assert (target["status"], target["status_en"], target["progress"]) == (
        "未达成",
        "failed",
        "0.00",
    )


def test_one_vocabulary_for_targets_and_phases(in_tmp: Path) -> None:
    from cplan.compute.status import Standing

    words = {s.value: s.english for s in Standing}
    plan = NO_DATA + TASKS
    seen: set[str] = set()
    for as_of in ("2023-12-31", "2025-03-15", "2025-05-31", "2025-08-31", "2026-01-31"):
        data = status_json(in_tmp, plan, as_of)
        for item in data["targets"] + data["phases"]:
            assert words[item["status"]] == item["status_en"]
            seen.add(item["status"])
    # the same words come up for both, e.g. 未开始, 无数据, 逾期未完成
    assert len(seen) >= 5


EXECUTION = """
    units:
      - {id: east, name: 东社区, kind: 社区, sharing: "4:6"}
      - {id: west, name: 西社区, kind: 社区}
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-centre
          name: 服务中心运营
          amount: 10万元
          units: [east, west]
          received:
            - {funder: city, amount: 3万元, date: 2024-03-01, document: 市财〔2024〕1号}
            - {funder: district, unit: east, amount: 4万元, date: 2024-04-01}
            - {funder: city, amount: 1万元, date: 2025-09-01}
          spent:
            - {unit: east, amount: 2.5万元, date: 2024-05-01}
            - {amount: 0.33万元, date: 2024-06-01}
        - id: b-green
          name: 增绿补绿
          amount: 3万元
          year: 2024
          received:
            - {funder: district, amount: 1万元, date: 2024-02-01}
"""


def test_status_json_execution_is_exact_to_the_fen(in_tmp: Path) -> None:
    data = status_json(in_tmp, EXECUTION, "2024-06-30")["execution"]
    assert data["as_of"] == "2024-06-30"
    assert data["later"] == 1  # the receipt of 2025-09-01 is not counted yet
    # plan period 2024-01-01..2025-12-31: 182 of 731 days gone by 2024-06-30
    assert data["time_elapsed_raw"] == str(Fraction(182, 731))
    rows = {(row["id"], row["unit"]): row for row in data["lines"]}
    centre = rows["b-centre", None]
    assert (centre["planned"], centre["received"], centre["spent"]) == (
        "200000.00",
        "70000.00",
        "28300.00",
    )
    assert centre["received_rate_raw"] == "7/20"
    assert centre["spent_rate_raw"] == str(Fraction(28300, 200000))
    # the city's 3万 naming no unit: east is due 4万 from it (4:6), west 5万 (5:5)
    east, west = rows["b-centre", "east"], rows["b-centre", "west"]
    city_east = Decimal(30000) * 4 / 9
    assert Decimal(east["funders"]["city"]["received"]) == city_east.quantize(Decimal("0.01"))
    assert Decimal(west["funders"]["city"]["received"]) == Decimal(30000) - Decimal(
        east["funders"]["city"]["received"]
    )
    assert east["received"] == str(Decimal(40000) + Decimal(east["funders"]["city"]["received"]))
    assert east["spent"] == "25000.00"
    assert west["spent"] == "0.00"  # the 3,300 naming no unit is the line's only
    # by funder: what the city and the district have paid in, over every line
    funders = {f["id"]: f for f in data["funders"]}
    assert funders["city"]["received"] == "30000.00"
    assert funders["district"]["received"] == "50000.00"
    assert (
        funders["district"]["planned"]
        == str(Decimal(60000) + Decimal(50000) + Decimal(15000)) + ".00"
    )
    assert data["total"]["received"] == "80000.00"
    # 增绿补绿 (year 2024): 182 of 366 days gone; the city owes 1.5万 × 182/366 and paid 0
    behind = [a for a in data["alerts"] if a["kind"] == "behind" and a["line"] == "b-green"]
    (city,) = [a for a in behind if a["funder"] == "city"]
    due = (Decimal(15000) * 182 / 366).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    assert f"{due:,.2f}" in city["text"]
    assert "市财政" in city["text"]


def test_status_text_execution_in_english(in_tmp: Path) -> None:
    text = status_text(in_tmp, EXECUTION, "2024-06-30", "--lang", "en")
    assert "Budget execution (as of 2024-06-30" in text
    assert "Received %" in text
    assert "should have paid in" in text


def test_status_without_records_has_no_execution_table(in_tmp: Path) -> None:
    text = status_text(in_tmp, "", "2024-06-30")
    assert "经费执行" not in text
    data = status_json(in_tmp, "", "2024-06-30")
    assert data["execution"] is None
