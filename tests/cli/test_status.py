"""`cplan status` through its real entry point."""

from __future__ import annotations

import json
from pathlib import Path

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
    assert [p["status"] for p in data["phases"]] == ["已完成", "进行中"]
    assert data["overall_progress"] == "40.00"


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
