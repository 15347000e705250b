"""`cplan collect` and `cplan update` through the real entry point, on real workbooks."""

from __future__ import annotations

import difflib
import os
import re
import shutil
import subprocess
from datetime import date
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook
from typer.testing import CliRunner

from cplan.check import check_file
from cplan.cli import app
from tests.conftest import ROOT

runner = CliRunner()
HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"
ADDED = re.compile(r"^\+ +- \{value: [-0-9.]+, date: \d{4}-\d{2}-\d{2}, source: .+\}$")


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    target = in_tmp / "hetang.yaml"
    shutil.copy(HETANG, target)
    return target


def collect(plan: Path, *args: str) -> Path:
    out = runner.invoke(app, ["collect", str(plan), *args])
    assert out.exit_code == 0, out.output
    return Path(out.output.strip().removeprefix("已生成 "))


def fill(
    book: Path, rows: dict[int, tuple[object, object, object]], save_as: Path | None = None
) -> Path:
    """Type values into 指标 the way a worker does, and save."""
    wb = load_workbook(book)
    ws = wb["指标"]
    for row, (value, day, source) in rows.items():
        ws.cell(row=row, column=9, value=value)
        ws.cell(row=row, column=10, value=day)
        ws.cell(row=row, column=11, value=source)
    target = save_as or book
    wb.save(target)
    return target


def update(plan: Path, *books: Path, extra: tuple[str, ...] = ()) -> tuple[int, str]:
    args = ["update", str(plan)]
    for book in books:
        args += ["--from", str(book)]
    out = runner.invoke(app, [*args, *extra])
    return out.exit_code, out.output


def assert_only_added_actuals(before: str, after: str, count: int) -> None:
    """Every diff line is an added flow mapping right after an item of an actuals list."""
    old, new = before.splitlines(keepends=True), after.splitlines(keepends=True)
    matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
    added = 0
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        assert tag == "insert", (tag, old[i1:i2], new[j1:j2])
        assert old[i1 - 1].lstrip().startswith("- {value:")  # the list's last item
        for line in new[j1:j2]:
            assert ADDED.match("+" + line.rstrip("\n")), line
            added += 1
    assert added == count
    diff = list(difflib.unified_diff(old, new))
    assert all(not line.startswith("-") or line.startswith("---") for line in diff)


def test_round_trip_adds_only_the_new_lines(plan: Path) -> None:
    before = plan.read_bytes()
    book = collect(plan)
    assert book.name == "hetang-填报.xlsx"
    fill(
        book,
        {
            4: (17, date(2026, 10, 31), "社区加装电梯台账"),
            5: (75.5, date(2026, 12, 31), "老年食堂就餐登记"),
        },
    )
    code, output = update(plan, book)
    assert code == 0, output
    assert "已向 hetang.yaml 添加 2 个实际值" in output
    after = plan.read_bytes()
    assert_only_added_actuals(before.decode(), after.decode(), 2)
    assert "      - {value: 75.5, date: 2026-12-31, source: 老年食堂就餐登记}\n" in after.decode()
    result = check_file(plan)
    assert result.plan is not None
    assert not result.errors
    assert not result.warnings
    assert [a.value for a in result.plan.targets[1].actuals][-1] == pytest.approx(75.5)


def test_collect_for_one_unit(plan: Path) -> None:
    book = collect(plan, "--unit", "shitang")
    assert book.name == "hetang-填报-shitang.xlsx"
    ws = load_workbook(book)["指标"]
    assert ws["B4"].value == "助餐服务覆盖的 80 岁以上老人比例"
    assert ws["B5"].value is None
    out = runner.invoke(app, ["collect", str(plan), "--unit", "nobody"])
    assert out.exit_code == 2
    assert "没有单位 nobody" in out.output
    named = collect(plan, "-o", "表.xlsx")
    assert named.name == "表.xlsx"


def test_collect_protects_and_validates(plan: Path) -> None:
    wb = load_workbook(collect(plan))
    assert wb["_cplan"].sheet_state == "veryHidden"
    assert all(ws.protection.sheet for ws in wb.worksheets)
    ws = wb["指标"]
    assert not ws["I4"].protection.locked
    assert ws["A4"].protection.locked
    assert {dv.type for dv in ws.data_validations.dataValidation} == {
        "decimal",
        "date",
        "textLength",
    }


def test_dry_run_prints_the_diff_and_writes_nothing(plan: Path) -> None:
    before = plan.read_bytes()
    book = fill(collect(plan), {7: (0, date(2026, 12, 31), "社区安全台账")})
    code, output = update(plan, book, extra=("--dry-run",))
    assert code == 0, output
    assert "--- a/hetang.yaml" in output
    assert "+      - {value: 0, date: 2026-12-31, source: 社区安全台账}" in output
    assert plan.read_bytes() == before


@pytest.mark.parametrize(
    ("rows", "message"),
    [
        (
            {4: ("十七", date(2026, 10, 31), "台账")},
            "指标!I4：既有住宅加装电梯（t-elevators）：应填写数字",
        ),
        (
            {4: (17, date(2027, 3, 31), "台账")},
            "指标!J4：既有住宅加装电梯（t-elevators）：统计日期 2027-03-31 不在方案期限",
        ),
        (
            {5: (60, date(2026, 6, 30), "台账")},
            "指标!J5：助餐服务覆盖的 80 岁以上老人比例（t-meals）：统计日期 2026-06-30 不晚于",
        ),
    ],
)
def test_a_bad_value_writes_nothing(
    plan: Path, rows: dict[int, tuple[object, object, object]], message: str
) -> None:
    before = plan.read_bytes()
    book = collect(plan)
    fill(book, {**rows, 7: (0, date(2026, 12, 31), "社区安全台账")})
    code, output = update(plan, book)
    assert code == 1
    assert f"hetang-填报.xlsx：{message}" in output
    assert "有错误，方案文件未改动" in output
    assert plan.read_bytes() == before


def test_partial_applies_the_valid_rows(plan: Path) -> None:
    before = plan.read_text(encoding="utf-8")
    book = fill(
        collect(plan),
        {4: ("约17", date(2026, 10, 31), "台账"), 7: (0, date(2026, 12, 31), "社区安全台账")},
    )
    code, output = update(plan, book, extra=("--partial",))
    assert code == 1
    assert "指标!I4" in output
    assert "已向 hetang.yaml 添加 1 个实际值" in output
    assert_only_added_actuals(before, plan.read_text(encoding="utf-8"), 1)


def test_broken_workbooks_are_refused(plan: Path, in_tmp: Path) -> None:
    before = plan.read_bytes()
    book = collect(plan)
    good = {7: (0, date(2026, 12, 31), "社区安全台账")}

    deleted = fill(book, good, in_tmp / "deleted.xlsx")
    wb = load_workbook(deleted)
    wb["指标"].delete_rows(4)
    wb.save(deleted)
    renamed = fill(book, good, in_tmp / "renamed.xlsx")
    wb = load_workbook(renamed)
    wb["指标"].title = "我的表"
    wb.save(renamed)
    foreign = in_tmp / "foreign.xlsx"
    Workbook().save(foreign)

    for path, message in [
        (deleted, "deleted.xlsx：指标!A4：此行的序号应为 1，实为 “2”"),
        (renamed, "renamed.xlsx：找不到工作表 “指标”"),
        (foreign, "foreign.xlsx：不是由 cplan collect 生成的填报表"),
    ]:
        code, output = update(plan, path)
        assert code == 1, output
        assert message in output, output
        assert plan.read_bytes() == before


def test_a_workbook_of_another_plan_or_an_older_plan_text(plan: Path, in_tmp: Path) -> None:
    other = in_tmp / "other.yaml"
    other.write_text(
        plan.read_text(encoding="utf-8").replace("id: wutongli-hetang-2025", "id: elsewhere"),
        encoding="utf-8",
    )
    foreign = fill(collect(other), {7: (0, date(2026, 12, 31), "台账")})
    book = fill(collect(plan), {7: (0, date(2026, 12, 31), "台账")})
    code, output = update(plan, foreign)
    assert code == 1
    assert "此表属于方案 elsewhere，不是 wutongli-hetang-2025" in output
    # another target changes after the workbook was made: the row of t-accidents is still good
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("居民满意度\n", "居民满意度 (抽样)\n"),
        encoding="utf-8",
    )
    before = plan.read_text(encoding="utf-8")
    code, output = update(plan, book)
    assert code == 0, output
    assert_only_added_actuals(before, plan.read_text(encoding="utf-8"), 1)
    # its own target changes: the row is refused by name, the plan left alone
    again = fill(collect(plan), {6: (88, date(2026, 12, 31), "抽样")}, in_tmp / "again.xlsx")
    plan.write_text(
        plan.read_text(encoding="utf-8").replace("居民满意度 (抽样)\n", "居民满意度 (全样)\n"),
        encoding="utf-8",
    )
    before = plan.read_text(encoding="utf-8")
    code, output = update(plan, again)
    assert code == 1
    assert (
        "again.xlsx：指标!I6：居民满意度 (全样)（t-satisfaction）：生成此表后，方案中的这一项已被修改"
        in output
    )
    assert plan.read_text(encoding="utf-8") == before


def test_several_workbooks_merge_and_conflicts_name_both(plan: Path, in_tmp: Path) -> None:
    before = plan.read_text(encoding="utf-8")
    hetang = fill(collect(plan, "--unit", "hetang"), {4: (18, date(2026, 12, 31), "台账")})
    shitang = fill(collect(plan, "--unit", "shitang"), {4: (78, date(2026, 12, 31), "登记")})
    clash = fill(collect(plan), {5: (79, date(2026, 12, 31), "登记")}, in_tmp / "全部.xlsx")
    code, output = update(plan, hetang, shitang, clash)
    assert code == 1
    assert "hetang-填报-shitang.xlsx 指标!I4 = 78" in output
    assert "全部.xlsx 指标!I5 = 79" in output
    assert plan.read_text(encoding="utf-8") == before
    same = fill(collect(plan), {5: (78, date(2026, 12, 31), "登记")}, in_tmp / "同.xlsx")
    code, output = update(plan, hetang, shitang, same)
    assert code == 0, output
    assert_only_added_actuals(before, plan.read_text(encoding="utf-8"), 2)


def test_english_messages(plan: Path) -> None:
    book = fill(collect(plan), {4: ("many", date(2026, 10, 31), "x")})
    code, output = update(plan, book, extra=("--lang", "en"))
    assert code == 1
    assert "指标!I4: 既有住宅加装电梯 (t-elevators): must be a number" in output


def test_a_workbook_saved_by_libreoffice(plan: Path, in_tmp: Path) -> None:
    if shutil.which("soffice") is None:
        pytest.skip("LibreOffice (soffice) is not on PATH: cannot re-save the workbook")
    before = plan.read_text(encoding="utf-8")
    book = fill(collect(plan), {5: (75, date(2026, 12, 31), "老年食堂就餐登记")})
    home, out = in_tmp / "lo-home", in_tmp / "lo-out"
    home.mkdir()
    done = subprocess.run(
        [
            "soffice",
            "--headless",
            "--norestore",
            f"-env:UserInstallation={(in_tmp / 'profile').as_uri()}",
            "--convert-to",
            "xlsx",
            "--outdir",
            str(out),
            str(book),
        ],
        env={**os.environ, "HOME": str(home)},
        capture_output=True,
        timeout=120,
        check=False,
    )
    resaved = out / book.name
    assert done.returncode == 0, done.stderr
    assert resaved.is_file(), done.stderr
    code, output = update(plan, resaved)
    assert code == 0, output
    assert_only_added_actuals(before, plan.read_text(encoding="utf-8"), 1)
