"""Every entered cell is checked, named by sheet!cell, and nothing is written on an error."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cplan.cli import app
from tests.fieldwork.conftest import fill, row_of

runner = CliRunner()


def collect(plan: Path, *args: str) -> Path:
    out = runner.invoke(app, ["collect", str(plan), *args])
    assert out.exit_code == 0, out.output
    return Path(out.output.strip().split(" ", 1)[1])


def update(plan: Path, *books: Path, lang: str = "zh") -> tuple[int, str]:
    args = ["update", str(plan), "--lang", lang]
    for book in books:
        args += ["--from", str(book)]
    out = runner.invoke(app, args)
    return out.exit_code, out.output


@pytest.mark.parametrize(
    ("cells", "message"),
    [
        (
            {"F": 100.125, "G": date(2025, 3, 20), "E": "江汉区财政"},
            "F{r}：助餐点运营补贴（b-canteen hetang）：金额 100.125 超过两位小数",
        ),
        (
            {"F": -5, "G": date(2025, 3, 20), "E": "江汉区财政"},
            "F{r}：助餐点运营补贴（b-canteen hetang）：金额不能小于 0",
        ),
        (
            {"F": 100, "G": 45800, "E": "江汉区财政"},
            "G{r}：助餐点运营补贴（b-canteen hetang）：应填写日期（如 2025-12-31），实为数字 45800",
        ),
        (
            {"F": 100, "G": date(2025, 3, 20), "E": "市财政"},
            "E{r}：助餐点运营补贴（b-canteen hetang）：出资方“市财政”不是本行经费的出资方",
        ),
        (
            {"F": 100, "G": date(2025, 3, 20)},
            "E{r}：助餐点运营补贴（b-canteen hetang）：缺少出资方",
        ),
        (
            {"I": "三千元", "J": date(2025, 3, 20)},
            "I{r}：助餐点运营补贴（b-canteen hetang）：应填写数字，实为文字“三千元”",
        ),
        (
            {"I": 10, "J": date(2027, 3, 20)},
            "J{r}：助餐点运营补贴（b-canteen hetang）：统计日期 2027-03-20 不在方案期限",
        ),
    ],
)
def test_a_bad_money_cell_is_named_and_nothing_written(
    plan: Path, cells: dict[str, object], message: str
) -> None:
    book = collect(plan, "--unit", "hetang")
    row = row_of(book, "经费执行", "b-canteen")
    fill(book, "经费执行", {f"{column}{row}": value for column, value in cells.items()})
    before = plan.read_bytes()
    code, output = update(plan, book)
    assert code == 1, output
    assert f"hetang-填报-hetang.xlsx：经费执行!{message.format(r=row)}" in output, output
    assert plan.read_bytes() == before


def test_a_number_typed_into_a_date_cell_of_a_target(plan: Path) -> None:
    book = fill(collect(plan, "--unit", "shitang"), "指标", {"I4": 75, "J4": 46300, "K4": "登记"})
    code, output = update(plan, book, lang="en")
    assert code == 1
    assert (
        "指标!J4: 助餐服务覆盖的 80 岁以上老人比例 (t-meals): must be a date (such as 2025-12-31), not the number 46300"
        in output
    )


def test_two_sheets_disagreeing_on_one_payment_are_a_conflict(plan: Path, in_tmp: Path) -> None:
    book = collect(plan)
    row = row_of(book, "经费执行", "b-canteen")
    same = {f"E{row}": "江汉区财政", f"G{row}": date(2025, 3, 20), f"H{row}": "江汉财〔2025〕12号"}
    first = fill(book, "经费执行", {**same, f"F{row}": 50000}, in_tmp / "一.xlsx")
    second = fill(book, "经费执行", {**same, f"F{row}": 5000}, in_tmp / "二.xlsx")
    copy = fill(book, "经费执行", {**same, f"F{row}": 50000}, in_tmp / "三.xlsx")
    before = plan.read_bytes()
    code, output = update(plan, first, second)
    assert code == 1
    assert "同一笔款项（b-canteen hetang 到位 qu-caizheng" in output
    assert "一.xlsx 经费执行!F" in output
    assert "二.xlsx 经费执行!F" in output
    assert plan.read_bytes() == before
    code, output = update(plan, first, copy)  # the same record in two copies: written once
    assert code == 0, output
    assert "添加 1 笔经费执行记录" in output
    assert plan.read_text(encoding="utf-8").count("江汉财〔2025〕12号") == 1


def test_a_task_already_recorded_otherwise_is_named(plan: Path) -> None:
    book = collect(plan, "--unit", "shitang")
    row = row_of(book, "阶段", "p-build#1")
    text = plan.read_text(encoding="utf-8")
    plan.write_text(
        text.replace("due: 2025年7月, done: true", "due: 2025年7月, done: 2025-07-25"),
        encoding="utf-8",
    )
    fill(book, "阶段", {f"G{row}": "进行中", f"H{row}": date(2025, 6, 1)})
    code, output = update(plan, book)
    assert code == 1
    assert "方案中此任务已记为 已完成 2025-07-25，与填报的 进行中 2025-06-01 不同" in output


def test_an_english_workbook_reads_back(plan: Path) -> None:
    book = collect(plan, "--unit", "hetang", "--lang", "en")
    ws = load_workbook(book)["阶段"]
    assert ws["G3"].value == "Progress"
    row = row_of(book, "阶段", "p-build#2")
    fill(book, "阶段", {f"G{row}": "under way", f"H{row}": date(2025, 9, 1)})
    code, output = update(plan, book)
    assert code == 0, output
    assert "      - {name: 分批加装电梯, started: 2025-09-01}\n" in plan.read_text(encoding="utf-8")


def test_the_workbook_prints_on_a4_with_the_sign_off_block(plan: Path) -> None:
    wb = load_workbook(collect(plan))
    for name in ("指标", "阶段", "经费执行"):
        ws = wb[name]
        assert ws.page_setup.paperSize == 9  # A4
        assert ws.page_setup.orientation == "landscape"
        assert ws.sheet_properties.pageSetUpPr.fitToPage
        assert ws.page_setup.fitToWidth == 1
        assert ws.page_setup.fitToHeight == 0
        assert ws.print_title_rows == "$3:$3"  # the header on every page
        footer = [
            [c.value for c in row if isinstance(c.value, str)]
            for row in ws.iter_rows(min_row=ws.max_row - 1)
        ]
        assert footer == [
            ["填报单位（盖章）：", "填报人：", "联系电话："],
            ["审核人：", "填报日期：", "年　　月　　日"],
        ]
        last_column = "L" if name != "阶段" else "H"
        assert ws.print_area == f"'{name}'!$A$1:${last_column}${ws.max_row}"
    guide = "\n".join(str(c.value) for c in wb["填报说明"]["A"] if c.value)
    assert "2025-12-31" in guide
    assert "2026-09-30" not in guide


def test_a_row_deleted_inside_a_budget_group_is_named(plan: Path) -> None:
    book = collect(plan)  # b-canteen for hetang, then for shitang
    row = row_of(book, "经费执行", "b-canteen")
    wb = load_workbook(book)
    wb["经费执行"].delete_rows(row + 1)  # the group's second row: the next group moves up
    wb.save(book)
    before = plan.read_bytes()
    code, output = update(plan, book)
    assert code == 1
    assert f"经费执行!A{row + 2}：此格属于上一笔经费，应为空，实为" in output, output
    assert plan.read_bytes() == before
