"""The 填报表 read back as the form an office sends out and a unit prints: titled sheets,
序号 instead of identifiers, a ruled grid, the money's name once per group of rows,
text that fits its cell, a form's footer, and a printed size that can be read."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from benchmarks.generate import plan_yaml
from openpyxl import load_workbook
from openpyxl.cell.cell import MergedCell
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cplan.check import check_file, check_text
from cplan.fieldwork import build_workbook
from cplan.model import Plan
from cplan.render.cells import display_width
from cplan.render.xlsx_build import LINE_HEIGHT, column_points, wrapped_lines
from tests.conftest import ROOT
from tests.unit.test_report_xlsx import PAGE_WIDTH, printed_size

STREET = ROOT / "plans" / "wutongli" / "street-plan.yaml"
REHAB = ROOT / "examples" / "rehab-centres.yaml"
DATA_SHEETS = ("指标", "阶段", "经费执行")
YELLOW = "00FFF2CC"
TITLES = {
    "指标": "指标完成情况填报表",
    "阶段": "任务完成情况填报表",
    "经费执行": "经费到位和支出填报表",
}


def load(path: Path) -> Plan:
    result = check_file(path)
    assert result.plan is not None
    return result.plan


@dataclass(frozen=True)
class Form:
    name: str
    plan: Plan
    book: Workbook


def make(name: str, plan: Plan, unit: str | None = None, lang: str = "zh") -> Form:
    data = build_workbook(plan, b"", unit, "plan.yaml", lang=lang)
    return Form(name, plan, load_workbook(io.BytesIO(data)))


@pytest.fixture(scope="module")
def forms() -> list[Form]:
    street, rehab = load(STREET), load(REHAB)
    return [
        make("street", street),
        make("street --unit hetang", street, "hetang"),
        make("street --unit zongzhi", street, "zongzhi"),
        make("rehab", rehab),
        make("street --lang en", street, lang="en"),
    ]


def data_sheets(forms: list[Form]) -> Iterator[tuple[Form, str, Worksheet]]:
    """Every data sheet of the Chinese forms."""
    for form in forms:
        if "--lang en" in form.name:
            continue
        for name in DATA_SHEETS:
            if name in form.book.sheetnames:
                yield form, name, form.book[name]


def identifiers(plan: Plan) -> set[str]:
    found = {plan.id}
    found |= {u.id for u in plan.units} | {c.id for c in plan.committees}
    found |= {t.id for t in plan.targets} | {p.id for p in plan.phases}
    found |= {f.id for f in plan.funders}
    if plan.budget is not None:
        found |= {line.id for line in plan.budget.lines}
    return found


def visible_text(ws: Worksheet) -> list[str]:
    texts = [str(c.value) for row in ws.iter_rows() for c in row if c.value is not None]
    for part in (ws.oddHeader, ws.oddFooter):
        texts += [str(side.text) for side in (part.left, part.center, part.right) if side.text]
    return texts


def table_end(ws: Worksheet) -> int:
    """The last row of the table: the row before the blank row over the footer."""
    row = 4
    while any(ws.cell(row=row + 1, column=c).value is not None for c in range(1, 3)) or (
        isinstance(ws.cell(row=row + 1, column=1), MergedCell)
    ):
        row += 1
    return row


def test_no_identifier_or_tool_name_on_any_printed_sheet(forms: list[Form]) -> None:
    for form in forms:
        codes = identifiers(form.plan) | {"cplan"}
        pattern = re.compile(
            "|".join(rf"(?<![\w-]){re.escape(code)}(?![\w-])" for code in sorted(codes))
        )
        for ws in form.book.worksheets:
            if ws.sheet_state != "visible":
                continue
            for text in visible_text(ws):
                assert not pattern.search(text), (form.name, ws.title, text)
        meta = {row[0]: row[1] for row in form.book["_cplan"].iter_rows(values_only=True)}
        assert meta["plan_id"] == form.plan.id  # kept where the reader needs it
    assert str(forms[0].book.properties.creator).startswith("cplan")  # the file's, not printed


def test_every_sheet_has_a_form_title_and_the_reporting_unit(forms: list[Form]) -> None:
    street, hetang, *_ = forms
    for form, name, ws in data_sheets(forms):
        title = ws["A1"]
        assert title.value == f"{form.plan.title}　{TITLES[name]}", (form.name, name)
        assert title.font.b
        assert title.font.sz >= 16
        assert title.font.name == "黑体"
        assert title.alignment.horizontal == "center"
        width = get_column_letter(ws.max_column)
        assert f"A1:{width}1" in {str(r) for r in ws.merged_cells.ranges}
        assert str(ws["A2"].value).startswith("填报单位：")
    assert street.book["指标"]["A2"].value == "填报单位：梧桐里街道办事处"
    assert hetang.book["经费执行"]["A2"].value == "填报单位：荷塘社区"
    guide = street.book["填报说明"]
    assert guide["A1"].value == "梧桐里街道2025—2026年社区治理工作方案　数据填报表"
    assert guide["A1"].font.b
    assert guide["A1"].alignment.horizontal == "center"
    english = forms[-1].book["指标"]["A1"].value
    assert english == "梧桐里街道2025—2026年社区治理工作方案: targets reached"


def test_the_tables_are_ruled_with_a_shaded_header_and_numbered_rows(forms: list[Form]) -> None:
    for form, name, ws in data_sheets(forms):
        last = table_end(ws)
        for cell in ws[3]:
            assert cell.font.b, (form.name, name, cell.coordinate)
            assert cell.fill.fgColor.rgb in ("00DDEBF7", "00FFE699")
            assert cell.alignment.wrap_text
            assert cell.alignment.horizontal == "center"
        assert ws["A3"].value == "序号"
        for row in ws.iter_rows(min_row=3, max_row=last):
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                sides = (cell.border.left, cell.border.right, cell.border.top)
                assert all(side.style == "thin" for side in sides), (name, cell.coordinate)
        for column in range(1, ws.max_column + 1):  # the bottom edge of the table
            assert ws.cell(row=last, column=column).border.bottom.style == "thin"
        numbers = [c.value for c in ws["A"][3:last] if c.value is not None]
        assert numbers == list(range(1, len(numbers) + 1))
        assert numbers


def test_each_budget_line_is_named_once_over_its_rows(forms: list[Form]) -> None:
    rehab = next(form for form in forms if form.name == "rehab")
    ws = rehab.book["经费执行"]
    merged = {str(r) for r in ws.merged_cells.ranges}
    names = [(c.row, c.value) for c in ws["B"][3:] if c.value is not None]
    assert len(names) > 20
    for row, _ in names:
        for column in "ABCD":
            assert f"{column}{row}:{column}{row + 2}" in merged
    assert names[0] == (4, "基本运营服务经费")
    assert ws["C4"].value == "越秀区社区精神康复综合服务中心"
    assert ws["D4"].value == 480000
    # every input row of the group is still an input row
    for row in range(4, 7):
        assert not ws.cell(row=row, column=6).protection.locked


def test_only_yellow_cells_take_input(forms: list[Form]) -> None:
    for form, name, ws in data_sheets(forms):
        last = table_end(ws)
        for row in ws.iter_rows(min_row=1, max_row=last):
            for cell in row:
                if isinstance(cell, MergedCell):
                    continue
                yellow = cell.fill.fgColor.rgb == YELLOW
                assert yellow == (not cell.protection.locked), (form.name, name, cell.coordinate)


def test_text_fits_its_cell_or_its_row_is_tall_enough(forms: list[Form]) -> None:
    for form, name, ws in data_sheets(forms):
        spans = {
            r.min_row: r.max_row - r.min_row + 1
            for r in ws.merged_cells.ranges
            if r.min_col == r.max_col
        }
        for row in ws.iter_rows(min_row=4, max_row=table_end(ws)):
            for cell in row:
                if not isinstance(cell.value, str):
                    continue
                width = ws.column_dimensions[cell.column_letter].width
                lines = wrapped_lines(cell.value, width)
                if lines == 1:
                    continue
                assert cell.alignment.wrap_text, (name, cell.coordinate)
                rows = range(cell.row, cell.row + spans.get(cell.row, 1))
                height = sum(ws.row_dimensions[r].height or 15 for r in rows)
                assert height >= lines * LINE_HEIGHT, (form.name, name, cell.coordinate)


def test_columns_are_sized_to_their_content(forms: list[Form]) -> None:
    rehab = next(form for form in forms if form.name == "rehab").book["经费执行"]
    widths = {c: rehab.column_dimensions[c].width for c in "ABCDL"}
    assert widths["A"] <= 6  # 序号
    assert widths["B"] >= display_width("设施经费 (其余 10 个中心)")  # names are not cramped
    assert widths["C"] >= 24  # a centre's name takes two lines at most
    assert widths["L"] < widths["C"]  # 用途/备注 takes no more room than a name


def test_every_sheet_prints_at_9_points_or_more(forms: list[Form]) -> None:
    for form in forms:
        for ws in form.book.worksheets:
            if ws.sheet_state == "visible":
                assert printed_size(ws) >= 9, (form.name, ws.title, printed_size(ws))


def test_a_large_plan_prints_at_9_points_or_more() -> None:
    result = check_text(plan_yaml(200, 60), "large.yaml")
    assert result.plan is not None
    book = make("large", result.plan).book
    for ws in book.worksheets:
        if ws.sheet_state == "visible":
            assert printed_size(ws) >= 9, (ws.title, printed_size(ws))


def test_the_instructions_wrap_within_the_page(forms: list[Form]) -> None:
    for form in forms:
        ws = form.book["填报说明"]
        assert ws.page_setup.orientation == "portrait"
        margins = ws.page_margins
        printable = PAGE_WIDTH["portrait"] - (margins.left + margins.right) * 72
        width = ws.column_dimensions["A"].width
        assert column_points(width) <= printable  # the column fits the page at 100 %
        assert ws.max_column == 1
        for row in ws.iter_rows(min_row=3):
            cell = row[0]
            if not cell.value:
                continue
            assert cell.alignment.wrap_text
            lines = wrapped_lines(str(cell.value), width)
            assert ws.row_dimensions[cell.row].height >= lines * LINE_HEIGHT, cell.value
        texts = [str(c.value) for c in ws["A"] if c.value]
        assert any(text.startswith(("7. ", "7.")) for text in texts)


def test_the_sign_off_block_is_a_forms_footer(forms: list[Form]) -> None:
    ws = forms[0].book["经费执行"]
    last = table_end(ws)
    assert all(ws.cell(row=last + 1, column=c).value is None for c in range(1, 13))
    footer: list[list[str]] = []
    for row in (last + 2, last + 3):
        labels = [
            str(ws.cell(row=row, column=c).value)
            for c in range(1, 13)
            if isinstance(ws.cell(row=row, column=c).value, str)
        ]
        footer.append(labels)
        blanks = [
            cell
            for cell in ws[row]
            if not isinstance(cell, MergedCell) and not cell.protection.locked
        ]
        assert len(blanks) == (3 if row == last + 2 else 2)  # one to write in a label
        assert all(cell.border.bottom.style == "thin" for cell in blanks)
        assert ws.row_dimensions[row].height >= 24  # room to sign
    assert footer == [
        ["填报单位（盖章）：", "填报人：", "联系电话："],
        ["审核人：", "填报日期：", "年　　月　　日"],
    ]
    assert ws.max_row == last + 3


def test_a_long_title_breaks_between_the_plan_and_the_form() -> None:
    text = STREET.read_text(encoding="utf-8")
    long = "梧桐里街道关于深入推进社区治理体系和治理能力现代化建设的实施方案"
    result = check_text(text.replace("title: ", f"title: {long}  #", 1), "street.yaml")
    assert result.plan is not None
    assert result.plan.title == long
    guide = make("long", result.plan).book["填报说明"]
    assert guide["A1"].value == f"{long}\n数据填报表"  # whole words on each line
    assert guide.row_dimensions[1].height >= 2 * 30


def test_tasks_of_a_finished_phase_are_shown_as_finished() -> None:
    """hetang's 摸底协商阶段 is ``done: true`` and its tasks say nothing of their own."""
    plan = load(ROOT / "plans" / "wutongli" / "hetang.yaml")
    ws = make("hetang", plan).book["阶段"]
    header = next(r for r in range(1, 10) if ws.cell(row=r, column=1).value == "序号")
    columns = {ws.cell(row=header, column=c).value: c for c in range(1, ws.max_column + 1)}
    recorded = {
        ws.cell(row=r, column=columns["任务"]).value: ws.cell(
            row=r, column=columns["方案中的记录"]
        ).value
        for r in range(header + 1, ws.max_row + 1)
        if ws.cell(row=r, column=columns["任务"]).value
    }
    assert recorded["逐栋摸排加装电梯意愿"] == "已完成"
    assert recorded["登记需要助餐的老人"] == "已完成"
    assert recorded["分批加装电梯"] == "未开始"
