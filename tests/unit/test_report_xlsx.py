"""The Excel report (台账): render the built-in template and read the workbook back."""

from __future__ import annotations

import io
import re
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils.cell import range_boundaries
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cplan.check import check_file, check_text
from cplan.render.context import report_data
from cplan.render.templates import ReportError
from cplan.render.xlsx import display_width, months, quote, render_xlsx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "report.xlsx.yaml"
AS_OF = date(2026, 9, 30)
SHEETS = ["概况", "指标", "阶段", "组织", "经费", "分担", "问题"]
MONEY = "#,##0.00"


def context_for(path: Path) -> dict[str, Any]:
    result = check_file(path)
    assert result.figures is not None
    return report_data(result.figures, result.path, AS_OF, result.diagnostics)


def open_book(data: bytes) -> Workbook:
    return load_workbook(io.BytesIO(data))


@pytest.fixture(
    scope="module", params=["examples/rehab-centres.yaml", "plans/wutongli/hetang.yaml"]
)
def report(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Workbook, bytes]:
    context = context_for(ROOT / request.param)
    data = render_xlsx(TEMPLATE, context)
    return context, open_book(data), data


def headers(ws: Worksheet) -> list[Any]:
    return [cell.value for cell in ws[1]]


def row_of(ws: Worksheet, label: str, start: int = 1) -> int:
    for row in range(start, ws.max_row + 1):
        if ws.cell(row=row, column=1).value == label:
            return row
    raise AssertionError(f"no row {label!r} in {ws.title}")


def evaluate_sum(ws: Worksheet, formula: str) -> Decimal:
    """What ``=SUM(A1:B2)`` (one range) comes to, summing the referenced cells (and sums)."""
    match = re.fullmatch(r"=SUM\(([A-Z]+[0-9]+:[A-Z]+[0-9]+)\)", formula)
    assert match, formula
    min_col, min_row, max_col, max_row = range_boundaries(match.group(1))
    total = Decimal(0)
    for row in ws.iter_rows(min_row=min_row, max_row=max_row, min_col=min_col, max_col=max_col):
        for cell in row:
            if cell.data_type == "f":
                total += evaluate_sum(ws, cell.value)
            elif cell.value is not None:
                assert cell.data_type == "n", cell.coordinate
                total += Decimal(str(cell.value))
    return total


# -- the workbook's shape --------------------------------------------------------------


def test_sheets_in_order(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    _, wb, _ = report
    assert wb.sheetnames == SHEETS


def test_every_sheet_has_frozen_bold_header_and_prints_landscape_one_page_wide(
    report: tuple[dict[str, Any], Workbook, bytes],
) -> None:
    _, wb, _ = report
    for ws in wb:
        assert ws.freeze_panes is not None, ws.title
        assert ws[ws.freeze_panes].row == 2, ws.title
        first = ws["A1"]
        assert first.font.bold, ws.title
        assert first.fill.fill_type == "solid", ws.title
        assert ws.page_setup.orientation == "landscape", ws.title
        assert ws.sheet_properties.pageSetUpPr.fitToPage, ws.title
        assert ws.page_setup.fitToWidth == 1, ws.title
        assert ws.page_setup.fitToHeight == 0, ws.title


def test_column_widths_fit_chinese_text(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["指标"]
    longest = max(display_width(t["name"]) for t in context["status"]["targets"])
    assert min(longest, 60) <= ws.column_dimensions["A"].width <= 62
    assert display_width("指标a") == 5


def test_targets_sheet(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["指标"]
    assert headers(ws)[:10] == [
        "指标", "类别", "单位", "基线", "目标", "期限", "实际值", "进度 %", "时间进度 %", "状态",
    ]  # fmt: skip
    targets = context["status"]["targets"]
    for row, target in enumerate(targets, start=2):
        assert ws.cell(row=row, column=1).value == target["name"]
        assert Decimal(str(ws.cell(row=row, column=5).value)) == Decimal(target["target"])
        assert ws.cell(row=row, column=6).value.date().isoformat() == target["deadline"]["end"]
        elapsed = ws.cell(row=row, column=9)
        assert elapsed.number_format == "0.00%"
        assert Decimal(str(elapsed.value)) * 100 == Decimal(target["time_elapsed"])
        assert ws.cell(row=row, column=10).value == target["status"]
    # status cells coloured by conditional formatting, one rule per status
    rules = {
        str(rng): [rule.formula[0] for rule in cf.rules]
        for cf in ws.conditional_formatting
        for rng in cf.sqref.ranges
    }
    status_range = f"J2:J{len(targets) + 1}"
    assert status_range in rules
    assert set(rules[status_range]) == {
        f'"{s}"'
        for s in ("已完成", "正常", "预警", "滞后", "逾期未完成", "未达成", "无数据", "未开始")
    }
    assert len(ws._charts) == 1


def test_phase_gantt(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["阶段"]
    assert headers(ws)[:4] == ["阶段", "开始", "结束", "状态"]
    month_columns = {value: n for n, value in enumerate(headers(ws), start=1) if n > 4}
    period = context["plan"]["period"]
    assert list(month_columns) == months(period["start"], period["end"])
    for row, phase in enumerate(context["status"]["phases"], start=2):
        assert ws.cell(row=row, column=1).value == phase["name"]
        start, end = phase["when"]["start"][:7], phase["when"]["end"][:7]
        for month, column in month_columns.items():
            filled = ws.cell(row=row, column=column).fill.fill_type == "solid"
            assert filled == (start <= month <= end), (phase["name"], month)


def test_amounts_are_exact_money_cells(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["经费"]
    assert headers(ws)[:4] == ["经费项目", "类别", "年度", "金额 (元)"]
    funder_columns = {name: n for n, name in enumerate(headers(ws), start=1) if n > 4}
    for row, line in enumerate(context["funding"]["lines"], start=2):
        amount = ws.cell(row=row, column=4)
        assert amount.data_type == "n"
        assert amount.number_format == MONEY
        assert Decimal(str(amount.value)) == Decimal(line["amount"])
        for funder in context["funding"]["funders"]:
            cell = ws.cell(row=row, column=funder_columns[funder["name"]])
            share = line["shares"].get(funder["id"])
            assert cell.number_format == MONEY
            if share is None:
                assert cell.value is None
            else:
                assert Decimal(str(cell.value)) == Decimal(share)


def test_budget_total_row_is_live_sums(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    funding = context["funding"]
    ws = wb["经费"]
    last = len(funding["lines"]) + 1
    total_row = row_of(ws, "合计")
    assert total_row == last + 1
    amount = ws.cell(row=total_row, column=4)
    assert amount.value == f"=SUM(D2:D{last})"
    assert amount.data_type == "f"
    assert amount.number_format == MONEY
    assert evaluate_sum(ws, amount.value) == Decimal(funding["total"])
    funder_columns = {name: n for n, name in enumerate(headers(ws), start=1) if n > 4}
    for funder in funding["funders"]:
        cell = ws.cell(row=total_row, column=funder_columns[funder["name"]])
        assert cell.value == f"=SUM({cell.column_letter}2:{cell.column_letter}{last})"
        assert cell.number_format == MONEY
        assert evaluate_sum(ws, cell.value) == Decimal(funder["amount"])


def test_sharing_sheet(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    funding = context["funding"]
    ws = wb["分担"]
    assert headers(ws)[:4] == ["出资方", "资金来源", "金额 (元)", "占比"]
    for row, funder in enumerate(funding["funders"], start=2):
        assert ws.cell(row=row, column=1).value == funder["name"]
        assert Decimal(str(ws.cell(row=row, column=3).value)) == Decimal(funder["amount"])
    total_row = row_of(ws, "合计")
    total = ws.cell(row=total_row, column=3)
    assert total.value.startswith("=SUM(")
    assert evaluate_sum(ws, total.value) == Decimal(funding["funded"])
    # the unit × funder table: every row and column total a SUM
    unit_header = row_of(ws, "单位")
    assert [c.value for c in ws[unit_header]][1:-1] == [f["name"] for f in funding["funders"]]
    for offset, unit in enumerate(funding["units"], start=1):
        row = unit_header + offset
        formula = ws.cell(row=row, column=len(funding["funders"]) + 2).value
        assert evaluate_sum(ws, formula) == Decimal(unit["total"])
    unit_total = row_of(ws, "合计", start=unit_header)
    for column, funder in enumerate(funding["funders"], start=2):
        cell = ws.cell(row=unit_total, column=column)
        assert cell.number_format == MONEY
        assert evaluate_sum(ws, cell.value) == Decimal(funder["amount"])
    grand = ws.cell(row=unit_total, column=len(funding["funders"]) + 2)
    assert evaluate_sum(ws, grand.value) == Decimal(funding["funded"])
    assert len(ws._charts) == 1


def test_overview_and_organisation(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["概况"]
    values = {row[0].value: row[1] for row in ws.iter_rows(min_row=2)}
    assert values["方案名称"].value == context["plan"]["title"]
    assert values["统计截止日期"].value.date() == AS_OF
    assert Decimal(str(values["经费总额 (元)"].value)) == Decimal(context["funding"]["total"])
    assert values["经费总额 (元)"].number_format == MONEY
    org = wb["组织"]
    names = {cell.value for cell in org["A"]}
    assert {c["name"] for c in context["committees"]} <= names
    assert {d["task"] for d in context["duties"]} <= names


def test_findings_sheet_says_none(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    _, wb, _ = report
    ws = wb["问题"]
    assert headers(ws) == ["文件", "行", "列", "级别", "代码", "说明"]
    assert ws.max_row == 2
    assert ws["F2"].value == "校验未发现问题"


def test_same_context_same_bytes(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, data = report
    assert render_xlsx(TEMPLATE, context) == data
    assert wb.properties.created.date() == AS_OF
    assert wb.properties.modified.date() == AS_OF


def test_findings_are_listed() -> None:
    context = context_for(ROOT / "examples" / "jiangyan-communities.yaml")
    wb = open_book(render_xlsx(TEMPLATE, context))
    ws = wb["问题"]
    assert ws.max_row == len(context["findings"]) + 1
    first = context["findings"][0]
    assert [ws["A2"].value, ws["B2"].value, ws["E2"].value, ws["F2"].value] == [
        first["path"],
        first["line"],
        first["code"],
        first["message"],
    ]
    assert ws["D2"].value == "警告"


# -- plan values are text, never formulas ----------------------------------------------

INJECTIONS = {
    "name: 既有住宅加装电梯": 'name: \'=HYPERLINK("http://x","y")\'',
    "name: 居民满意度": "name: '+1'",
    "name: 电梯施工安全责任事故": "name: '-1'",
    "name: 荷塘社区老年食堂": "name: '@SUM(A1)'",
    "name: 江汉区财政": "name: '=1+1'",
    "family: 设施": "family: '#N/A'",
}


def test_plan_values_that_look_like_formulas_stay_text() -> None:
    text = (ROOT / "plans" / "wutongli" / "hetang.yaml").read_text(encoding="utf-8")
    for old, new in INJECTIONS.items():
        assert old in text
        text = text.replace(old, new)
    result = check_text(text, "hetang.yaml")
    assert result.figures is not None
    context = report_data(result.figures, result.path, AS_OF, result.diagnostics)
    data = render_xlsx(TEMPLATE, context)
    wb = open_book(data)
    payloads = {'=HYPERLINK("http://x","y")', "+1", "-1", "@SUM(A1)", "=1+1", "#N/A"}
    seen = set()
    for ws in wb:
        for row in ws.iter_rows():
            for cell in row:
                if cell.value in payloads:
                    assert cell.data_type == "s", (ws.title, cell.coordinate)
                    assert cell.quotePrefix, (ws.title, cell.coordinate)
                    seen.add(cell.value)
    assert seen == payloads
    # the only formulas in the file are the template's sums and shares
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                for formula in re.findall(r"<f>([^<]*)</f>", xml):
                    assert re.fullmatch(r"(SUM|IF)\([A-Z0-9$:,/=()]*\)", formula), formula


# -- a plan with nothing in it ---------------------------------------------------------


def test_minimal_plan_renders_valid_sheets() -> None:
    context = context_for(ROOT / "examples" / "minimal.yaml")
    wb = open_book(render_xlsx(TEMPLATE, context))
    assert wb.sheetnames == SHEETS
    assert wb["指标"]["A2"].value == "（无指标）"
    assert wb["经费"]["A2"].value == "（无经费安排）"
    assert wb["分担"]["A2"].value == "（无出资方）"
    for ws in wb:
        assert not ws._charts, ws.title
        assert ws.freeze_panes is not None
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row), ws.title
    overview = {row[0].value: row[1].value for row in wb["概况"].iter_rows(min_row=2)}
    assert overview["总体进度"] == "无数据"
    assert overview["经费总额 (元)"] == 0


# -- template errors -------------------------------------------------------------------


def write_template(folder: Path, text: str) -> Path:
    path = folder / "report.xlsx.yaml"
    path.write_text(text, encoding="utf-8")
    return path


def hetang() -> dict[str, Any]:
    return context_for(ROOT / "plans" / "wutongli" / "hetang.yaml")


def test_misspelt_variable_names_its_line(tmp_path: Path) -> None:
    template = write_template(
        tmp_path,
        "sheets:\n  - name: 概况\n    rows:\n      - [标题]\n      - [{{ plan.titel | q }}]\n",
    )
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, hetang())
    assert caught.value.line == 5
    assert caught.value.template == "report.xlsx.yaml"
    assert "titel" in caught.value.detail


def test_jinja_syntax_error_names_its_line(tmp_path: Path) -> None:
    template = write_template(tmp_path, "sheets:\n  - name: a\n{% for x in %}\n")
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, hetang())
    assert caught.value.line == 3
    assert "语法" in caught.value.detail


def test_invalid_yaml_output_is_reported(tmp_path: Path) -> None:
    template = write_template(tmp_path, "sheets:\n  - name: a\n    rows: [[x]\n  bad: : :\n")
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, hetang())
    assert caught.value.template == "report.xlsx.yaml"
    assert "YAML" in caught.value.detail
    assert "渲染结果第" in caught.value.detail


def test_sandbox_escape_is_refused(tmp_path: Path) -> None:
    template = write_template(
        tmp_path,
        "sheets:\n  - name: a\n    rows: [[{{ ''.__class__.__mro__[1].__subclasses__() }}]]\n",
    )
    with pytest.raises(ReportError):
        render_xlsx(template, hetang())


@pytest.mark.parametrize(
    ("rows", "expected"),
    [
        ('[[{number: "abc"}]]', "第 2 行第 1 格"),
        ('[[x, {formula: "=HYPERLINK(\\"http://x\\")"}]]', "HYPERLINK"),
        ('[[{formula: "=SUM([other.xlsx]S!A1)"}]]', "引用"),
        ('[[{number: "1", colour: red}]]', "colour"),
        ('[[{number: "1", text: "1"}]]', "只能有一个值"),
        ('[[{date: "2026-13-01"}]]', "日期"),
    ],
)
def test_bad_spec_names_sheet_and_row(tmp_path: Path, rows: str, expected: str) -> None:
    template = write_template(
        tmp_path, f"sheets:\n  - name: 表一\n    columns: [{{header: a}}]\n    rows: {rows}\n"
    )
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, hetang())
    assert "表一" in caught.value.detail
    assert expected in caught.value.detail


def test_chart_over_empty_range_is_refused(tmp_path: Path) -> None:
    template = write_template(
        tmp_path,
        "sheets:\n  - name: a\n    columns: [{header: x}]\n"
        "    charts: [{type: pie, categories: A2:A2, values: B1:B1}]\n",
    )
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, hetang())
    assert "至少要有一行数据" in caught.value.detail


# -- the q filter ----------------------------------------------------------------------


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_quote_round_trips_any_text_through_yaml(text: str) -> None:
    loaded = yaml.load(f"- {quote(text)}\n", Loader=yaml.CSafeLoader)
    assert loaded == [text]


def test_quote_keeps_structure_for_awkward_text() -> None:
    for text in ["a: b", "- x", "]", "{x}", "# c", "'\"", "\u2028\x85\x7f", "null", "2026-09-30"]:
        assert yaml.load(f"k: {quote(text)}", Loader=yaml.CSafeLoader) == {"k": text}
    assert quote(None) == "null"
    assert quote(2014) == '"2014"'
