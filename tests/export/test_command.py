"""`cplan export` through its real entry point: plans with problems, the output folder,
the missing engine, the help."""

from __future__ import annotations

import datetime
import os
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cplan.cli import app
from cplan.export import MARKER
from tests.conftest import ROOT
from tests.export.conftest import BROKEN, GOOD, NO_MONEY, export, sql, write_repo


def rows(folder: Path, table: str, columns: str, where: str = "true") -> list[tuple[object, ...]]:
    return sql(
        f"SELECT {columns} FROM read_parquet('{folder}/{table}.parquet') WHERE {where} ORDER BY ALL"
    )


def test_a_plan_is_exported_with_its_money_dates_and_execution_records(tmp_path: Path) -> None:
    repo = write_repo(tmp_path / "repo", good=GOOD)
    code, stdout, stderr = export(tmp_path / "out", "repo", cwd=tmp_path)
    assert code == 0, stderr
    assert "已导出 1 个方案" in stdout
    assert rows(tmp_path / "out", "plans", "file, plan_id, exported, budget_total, errors") == [
        ("repo/good.yaml", "good", "all", Decimal("100.00"), 0)
    ]
    assert rows(tmp_path / "out", "shares", "unit_id, funder_id, fund, amount") == [
        ("nanyuan", "city", "财政预算", Decimal("33.33")),
        ("nanyuan", "street", None, Decimal("66.67")),
    ]
    assert rows(tmp_path / "out", "receipts", "funder_id, amount, date_text, date_start, date_end, unit_id, document") == [
        ("city", Decimal("33.34"), "2025年3月20日", datetime.date(2025, 3, 20),
         datetime.date(2025, 3, 20), "nanyuan", "财〔2025〕1号"),
    ]  # fmt: skip
    assert rows(tmp_path / "out", "expenses", "line_id, amount, date_start, date_end, note") == [
        ("b-service", Decimal("12.50"), datetime.date(2025, 4, 1), datetime.date(2025, 4, 10), "宣传")
    ]  # fmt: skip
    assert rows(tmp_path / "out", "phases", "when_text, when_start, when_end") == [
        ("2025年4月中旬至5月上旬", datetime.date(2025, 4, 11), datetime.date(2025, 5, 10))
    ]
    assert rows(tmp_path / "out", "tasks", "started_start, started_end, due_end, done") == [
        (datetime.date(2025, 4, 21), datetime.date(2025, 4, 30), datetime.date(2025, 5, 31), False)
    ]
    assert repo.is_dir()


def test_plans_with_problems_are_exported_as_far_as_they_can_be(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo", good=GOOD, no_money=NO_MONEY, broken=BROKEN)
    code, _, stderr = export(tmp_path / "out", "repo", cwd=tmp_path)
    assert code == 1
    assert "1 个方案的经费无法计算或超出范围" in stderr
    assert "1 个方案无法读取" in stderr
    assert "Traceback" not in stderr
    out = tmp_path / "out"
    assert rows(out, "plans", "file, plan_id, exported, money_withheld, budget_total, errors > 0") == [
        ("repo/broken.yaml", None, "findings_only", None, None, True),
        ("repo/good.yaml", "good", "all", None, Decimal("100.00"), False),
        ("repo/no_money.yaml", "no-money", "without_money", "refused", None, True),
    ]  # fmt: skip
    assert rows(out, "shares", "DISTINCT plan_id") == [("good",)]
    assert rows(out, "budget_lines", "plan_id, line_id, amount") == [
        ("good", "b-service", Decimal("100.00")),
        ("no-money", "b1", None),
        ("no-money", "b2", None),
    ]
    findings = rows(out, "findings", "file, plan_id, severity, line > 0, message <> ''")
    assert ("repo/broken.yaml", None, "error", True, True) in findings
    assert any(f[0] == "repo/no_money.yaml" and f[1] == "no-money" for f in findings)
    assert not any(f[0] == "repo/good.yaml" for f in findings)


def test_money_past_decimal_20_2_is_withheld_and_said(tmp_path: Path) -> None:
    huge = GOOD.replace("amount: 100\n", "amount: 1000000000000000000000\n")
    write_repo(tmp_path / "repo", good=huge)
    code, _, stderr = export(tmp_path / "out", "repo", cwd=tmp_path)
    assert code == 1
    assert "超出导出列的范围" in stderr
    assert rows(tmp_path / "out", "plans", "exported, money_withheld, budget_total, unfit > 0") == [
        ("without_money", "out_of_range", None, True)
    ]
    assert rows(tmp_path / "out", "shares", "count(*)") == [(0,)]


def test_a_folder_that_is_not_an_export_is_never_replaced(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo", good=GOOD)
    mine = tmp_path / "mine"
    mine.mkdir()
    (mine / "notes.txt").write_text("我的文件", encoding="utf-8")
    code, _, stderr = export(mine, "repo", cwd=tmp_path)
    assert code == 2
    assert "不是 cplan 导出的目录，未覆盖" in stderr
    assert sorted(p.name for p in mine.iterdir()) == ["notes.txt"]
    assert sorted(p.name for p in tmp_path.iterdir()) == ["mine", "repo"]


def test_an_earlier_export_is_replaced_whole(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo", good=GOOD)
    out = tmp_path / "out"
    assert export(out, "repo", "--format", "csv", cwd=tmp_path)[0] == 0
    assert (out / MARKER).is_file()
    assert export(out, "repo", cwd=tmp_path)[0] == 0
    assert sorted(p.suffix for p in out.iterdir() if p.name != MARKER) == [".parquet"] * 15
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out", "repo"]


def test_an_export_killed_midway_leaves_the_earlier_one(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT))
    from benchmarks.generate import plan_yaml

    repo = tmp_path / "repo"
    repo.mkdir()
    for i in range(60):
        (repo / f"plan-{i:03d}.yaml").write_text(plan_yaml(20, 10, seed=i), encoding="utf-8")
    out = tmp_path / "out"
    env = {**os.environ, "CPLAN_CACHE_DIR": str(tmp_path / "cache"), "CI": "1"}
    command = [sys.executable, "-m", "cplan", "export", "repo", "-o", "out", "-j", "1"]
    subprocess.run([*command[:4], "repo/plan-000.yaml", "-o", "out"], cwd=tmp_path, env=env,
                   check=True, capture_output=True, timeout=120)  # fmt: skip
    before = {p.name: p.read_bytes() for p in out.iterdir()}
    with subprocess.Popen(command, cwd=tmp_path, env=env, stdout=subprocess.DEVNULL,
                          stderr=subprocess.DEVNULL) as process:  # fmt: skip
        deadline = time.monotonic() + 60
        while not list(tmp_path.glob(".out-new-*/plans.parquet")):
            assert time.monotonic() < deadline
            assert process.poll() is None
            time.sleep(0.01)
        process.kill()
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before


def test_without_pyarrow_it_says_how_to_install_it(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo", good=GOOD)
    code = (
        "import sys; sys.modules['pyarrow'] = None\n"  # as if it were not installed
        "from cplan.cli import main; sys.argv = ['cplan', 'export', 'repo']; main()\n"
    )
    env = {**os.environ, "CPLAN_LANG": ""}
    done = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, env=env,
                          capture_output=True, text=True, timeout=60, check=False)  # fmt: skip
    assert done.returncode == 2
    assert "pip install 'cplan-shequ[export]'" in done.stderr
    assert "需要 pyarrow" in done.stderr
    assert "Traceback" not in done.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["repo"]


def test_help_is_chinese() -> None:
    out = CliRunner().invoke(app, ["export", "--help"], env={"CPLAN_LANG": ""})
    assert out.exit_code == 0
    assert out.output.startswith("用法: cplan export")
    assert "导出表格" in out.output
    assert "Options" not in out.output


def test_an_unknown_format_is_a_usage_error(tmp_path: Path) -> None:
    write_repo(tmp_path / "repo", good=GOOD)
    code, _, stderr = export(tmp_path / "out", "repo", "--format", "xlsx", cwd=tmp_path)
    assert code == 2
    assert "parquet, csv" in stderr
    assert not (tmp_path / "out").exists()
