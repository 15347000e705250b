"""The 填报表 in a real office suite: LibreOffice re-saves a filled workbook and it still
imports (dates, money and the task list included); its PDF has the input columns and the
sign-off block on the page of the rows."""

from __future__ import annotations

import subprocess
from datetime import date
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.fieldwork.conftest import fill, row_of
from tests.office.conftest import office_tools, pdf_text, soffice

runner = CliRunner()
__all__ = ["office_tools"]  # the fixture, shared with tests/office


@pytest.fixture
def book(plan: Path) -> Path:
    out = runner.invoke(app, ["collect", str(plan), "--unit", "hetang"])
    assert out.exit_code == 0, out.output
    return Path(out.output.strip().split(" ", 1)[1])


def test_a_filled_workbook_saved_by_libreoffice_imports(
    office_tools: None, plan: Path, book: Path, tmp_path: Path
) -> None:
    task = row_of(book, "阶段", "p-build#2")
    money = row_of(book, "经费执行", "b-canteen")
    fill(book, "指标", {"I4": 17, "J4": date(2026, 10, 31), "K4": "社区加装电梯台账"})
    fill(book, "阶段", {f"G{task}": "已完成", f"H{task}": date(2026, 5, 20)})
    fill(
        book,
        "经费执行",
        {
            f"E{money}": "江汉区财政",
            f"F{money}": 35000.5,
            f"G{money}": date(2025, 3, 20),
            f"I{money}": 1234.56,
            f"J{money}": date(2025, 6, 30),
        },
    )
    (resaved,) = soffice([book], "xlsx", tmp_path / "out", tmp_path)
    out = runner.invoke(app, ["update", str(plan), "--from", str(resaved)])
    assert out.exit_code == 0, out.output
    text = plan.read_text(encoding="utf-8")
    assert "      - {name: 分批加装电梯, done: 2026-05-20}\n" in text
    assert "{funder: qu-caizheng, amount: 35000.50, date: 2025-03-20, unit: hetang}" in text
    assert "{amount: 1234.56, date: 2025-06-30, unit: hetang}" in text
    assert "{value: 17, date: 2026-10-31, source: 社区加装电梯台账}" in text


def test_the_printed_sheets_keep_their_input_columns_on_the_page(
    office_tools: None, book: Path, tmp_path: Path
) -> None:
    (pdf,) = soffice([book], "pdf", tmp_path / "out", tmp_path)
    pages = pdf_text(pdf).split("\f")
    pages = [page for page in pages if page.strip()]
    targets = next(page for page in pages if "指标完成情况填报表" in page)
    assert "本期数值" in targets
    assert "备注" in targets
    assert "填报单位（盖章）" in targets
    assert "审核人" in targets
    money = next(page for page in pages if "经费到位和支出填报表" in page)
    assert "用途/备注" in money
    assert "到位金额（元）" in money
    assert "助餐点运营补贴" in money
    printed = "".join(pages)
    for code in ("t-elevators", "p-build", "b-canteen", "hetang", "wutongli", "cplan"):
        assert code not in printed  # identifiers and the tool stay in the hidden sheet
    info = subprocess.run(
        ["pdfinfo", "-f", "2", "-l", str(len(pages)), str(pdf)],
        capture_output=True,
        text=True,
        check=True,
    )
    sizes = [
        line.split(":", 1)[1]
        for line in info.stdout.splitlines()
        if line.startswith("Page ") and " size:" in line
    ]
    assert sizes
    assert all("841.89 x 595.3" in size for size in sizes)
