"""Issue #15, done when: sheets returned on different days merge; a changed row is refused
by name; phase and budget execution sheets are written back exactly."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cplan.check import check_file
from cplan.cli import app
from tests.adversarial import git
from tests.fieldwork.conftest import fill, row_of

runner = CliRunner()


def collect(plan: Path, unit: str) -> Path:
    out = runner.invoke(app, ["collect", str(plan), "--unit", unit])
    assert out.exit_code == 0, out.output
    return Path(out.output.strip().removeprefix("已生成 "))


def update(plan: Path, *books: Path) -> tuple[int, str]:
    args = ["update", str(plan)]
    for book in books:
        args += ["--from", str(book)]
    out = runner.invoke(app, args)
    return out.exit_code, out.output


def edit(plan: Path, old: str, new: str) -> None:
    text = plan.read_text(encoding="utf-8")
    assert old in text
    plan.write_text(text.replace(old, new, 1), encoding="utf-8")


def test_sheets_returned_on_different_days_merge(plan: Path, in_tmp: Path) -> None:
    git(in_tmp, "init", "-q")
    git(in_tmp, "add", plan.name)
    git(in_tmp, "commit", "-qm", "day 0")
    # day 1: four units get their sheets (signed with this repository's key)
    hetang = collect(plan, "hetang")
    shitang = collect(plan, "shitang")
    leading = collect(plan, "c-leading")
    jiedao = collect(plan, "jiedao")
    # day 2: the background text and the street office's target change
    edit(plan, "老人就餐难。", "老人就餐难, 楼道照明也不足。")
    edit(
        plan, "target: {value: 300, deadline: 2026年底}", "target: {value: 320, deadline: 2026年底}"
    )
    git(in_tmp, "commit", "-qam", "day 2")
    day2 = plan.read_text(encoding="utf-8")
    # days 3–5: the sheets come back in reverse order, one update each
    fill(leading, "指标", {"I4": 0, "J4": date(2026, 10, 31), "K4": "社区安全台账"})
    fill(shitang, "指标", {"I4": 74, "J4": date(2026, 10, 31), "K4": "老年食堂就餐登记"})
    fill(hetang, "指标", {"I4": 17, "J4": date(2026, 10, 31), "K4": "社区加装电梯台账"})
    fill(jiedao, "指标", {"I4": 210, "J4": date(2026, 10, 31), "K4": "志愿服务平台"})
    for book in (leading, shitang, hetang):
        code, output = update(plan, book)
        assert code == 0, output
        assert "添加 1 个实际值" in output
    # the fourth sheet's own target changed on day 2: refused by name, nothing written
    merged = plan.read_text(encoding="utf-8")
    code, output = update(plan, jiedao)
    assert code == 1
    assert (
        "hetang-填报-jiedao.xlsx：指标!I4：注册志愿者人数（t-volunteers）：生成此表后，"
        "方案中的这一项已被修改" in output
    )
    assert plan.read_text(encoding="utf-8") == merged
    # the diff since day 2 is exactly the three new lines, each under its target
    diff = git(in_tmp, "diff", "-U0", "--", plan.name)
    changes = [
        line for line in diff.splitlines() if line[:1] in "+-" and line[:3] not in ("+++", "---")
    ]
    assert changes == [
        "+      - {value: 17, date: 2026-10-31, source: 社区加装电梯台账}",
        "+      - {value: 74, date: 2026-10-31, source: 老年食堂就餐登记}",
        "+      - {value: 0, date: 2026-10-31, source: 社区安全台账}",
    ]
    assert day2 != merged


def test_phase_and_budget_sheets_are_written_back_exactly(plan: Path) -> None:
    book = collect(plan, "hetang")
    task = row_of(book, "阶段", "p-build#2")  # 分批加装电梯: the phase's owner hetang owns it
    money = row_of(book, "经费执行", "b-canteen")
    fill(book, "阶段", {f"G{task}": "已完成", f"H{task}": date(2026, 5, 20)})
    fill(
        book,
        "经费执行",
        {
            f"E{money}": "江汉区财政",
            f"F{money}": 35000.5,  # a float in the cell: read as 35000.50, never binary
            f"G{money}": date(2025, 3, 20),
            f"H{money}": "江汉财〔2025〕12号",
            f"I{money}": "12,345.67",
            f"J{money}": date(2025, 6, 30),
            f"K{money}": "记账凭证 2025-06-017",
            f"L{money}": "助餐点水电",
            f"E{money + 1}": "梧桐里街道财政",
            f"F{money + 1}": 0.1 + 0.2 - 0.00000000000000004,  # 0.3 as Excel would store it
            f"G{money + 1}": date(2025, 4, 1),
        },
    )
    before = plan.read_text(encoding="utf-8")
    code, output = update(plan, book)
    assert code == 0, output
    assert "已向 hetang.yaml 写入 1 项任务完成情况" in output
    assert "已向 hetang.yaml 添加 3 笔经费执行记录" in output
    after = plan.read_text(encoding="utf-8")
    added = [line for line in after.splitlines() if line not in before.splitlines()]
    assert added == [
        "      - {name: 分批加装电梯, done: 2026-05-20}",
        (
            "    - {id: b-canteen, name: 助餐点运营补贴, category: 服务经费, amount: 5万元, units:"
            " [hetang, shitang], received: [{funder: qu-caizheng, amount: 35000.50, date: 2025-03-20, unit:"
            " hetang, document: 江汉财〔2025〕12号}, {funder: jiedao-caizheng, amount: 0.30, date:"
            " 2025-04-01, unit: hetang}], spent: [{amount: 12345.67, date: 2025-06-30, unit: hetang,"
            " document: 记账凭证 2025-06-017, note: 助餐点水电}]}"
        ),
    ]
    result = check_file(plan)
    assert result.plan is not None
    assert not result.errors
    assert result.plan.budget is not None
    line = next(li for li in result.plan.budget.lines if li.id == "b-canteen")
    assert [(r.funder, r.amount, r.unit, r.document) for r in line.received] == [
        ("qu-caizheng", Decimal("35000.50"), "hetang", "江汉财〔2025〕12号"),
        ("jiedao-caizheng", Decimal("0.30"), "hetang", None),
    ]
    assert all(isinstance(r.amount, Decimal) for r in line.received)
    assert [(e.amount, e.note) for e in line.spent] == [(Decimal("12345.67"), "助餐点水电")]
    # the same sheet again: every record is skipped and said so, the plan unchanged
    code, output = update(plan, book)
    assert code == 0, output
    assert "已在方案中，跳过（不重复记录）" in output
    assert "任务 p-build#2 的完成情况已记录" in output
    assert plan.read_text(encoding="utf-8") == after
    # status reads completion honestly: not done the day before, done on the day
    for as_of, done in (("2026-05-19", 1), ("2026-05-20", 2)):
        out = runner.invoke(app, ["status", str(plan), "--as-of", as_of, "-f", "json"])
        assert out.exit_code == 0, out.output
        phases = json.loads(out.output)["phases"]
        build = next(p for p in phases if p["id"] == "p-build")
        assert build["tasks_done"] == done
