"""The Excel 台账: render the built-in template and read the workbook back as an office
reads and prints it: one titled table per sheet, numbers that are there without
recalculating, and a printed size that can be read."""

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
from benchmarks.generate import plan_yaml
from hypothesis import given, settings
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.utils import get_column_letter
from openpyxl.workbook.workbook import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from cplan.check import check_file, check_text
from cplan.render.context import report_data
from cplan.render.templates import ReportError
from cplan.render.xlsx import display_width, quote, render_xlsx

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "report.xlsx.yaml"
AS_OF = date(2026, 9, 30)
PLANS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "plans").rglob("*.yaml"))
SHEETS = [
    "概况",
    "指标",
    "阶段",
    "组织",
    "分工",
    "经费",
    "分担",
    "单位分担",
    "经费执行",
    "收支明细",
    "问题",
]
MONEY = "#,##0.00"
FOOTER = "第 &P 页 共 &N 页"

#: A4 landscape and portrait widths, in points.
PAGE_WIDTH = {"landscape": 842, "portrait": 595}
#: Sheets of one text column print upright, so their sentences are not cut at the edge.
PORTRAIT = {"问题"}


def context_for(path: Path) -> dict[str, Any]:
    result = check_file(path)
    assert result.figures is not None
    return report_data(result.figures, result.path, AS_OF, result.diagnostics)


def open_book(data: bytes, values: bool = False) -> Workbook:
    return load_workbook(io.BytesIO(data), data_only=values)


@pytest.fixture(scope="module")
def books() -> list[tuple[str, dict[str, Any], bytes]]:
    """The 台账 of every example and sample plan."""
    out = []
    for path in PLANS:
        context = context_for(path)
        out.append((path.stem, context, render_xlsx(TEMPLATE, context)))
    return out


@pytest.fixture(
    scope="module", params=["examples/rehab-centres.yaml", "plans/wutongli/hetang.yaml"]
)
def report(request: pytest.FixtureRequest) -> tuple[dict[str, Any], Workbook, bytes]:
    context = context_for(ROOT / request.param)
    data = render_xlsx(TEMPLATE, context)
    return context, open_book(data), data


def header_row(ws: Worksheet) -> int:
    """The row of the table's column headers (the one before the first frozen row)."""
    return ws[ws.freeze_panes].row - 1


def headers(ws: Worksheet) -> list[Any]:
    return [cell.value for cell in ws[header_row(ws)]]


def data_rows(ws: Worksheet) -> list[tuple[Any, ...]]:
    return [
        tuple(c.value for c in row)
        for row in ws.iter_rows(min_row=header_row(ws) + 1)
        if any(c.value is not None for c in row)
    ]


def in_unit(amount: str, unit: str) -> Decimal:
    value = Decimal(amount)
    return value / 10_000 if unit == "万元" else value


# -- what every sheet carries ---------------------------------------------------------


def test_sheets_in_order(books: list[tuple[str, dict[str, Any], bytes]]) -> None:
    for _, _, data in books:
        assert open_book(data).sheetnames == SHEETS


def test_every_sheet_is_a_titled_numbered_bordered_table_that_prints(
    books: list[tuple[str, dict[str, Any], bytes]],
) -> None:
    for name, context, data in books:
        for ws in open_book(data):
            title = ws["A1"].value
            assert title.startswith(context["documents"]["plan"]["title"]), (name, ws.title)
            line = ws["A2"].value
            assert f"截至日期：{AS_OF.year}年{AS_OF.month}月{AS_OF.day}日" in line
            # execution is kept to the fen, in 元, whatever the plan's unit
            unit = "元" if ws.title in ("经费执行", "收支明细") else context["unit"]
            assert f"金额单位：{unit}" in line
            top = header_row(ws)
            first = ws.cell(row=top, column=1)
            band = ws.cell(row=3, column=1)
            assert "序号" in (first.value, band.value), (name, ws.title)
            assert ws.print_title_rows in (f"$1:${top}", f"1:{top}")
            assert ws.oddFooter.center.text == FOOTER
            expected = "portrait" if ws.title in PORTRAIT else "landscape"
            assert ws.page_setup.orientation == expected, (name, ws.title)
            assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
            for row in ws.iter_rows(min_row=3, max_row=ws.max_row, max_col=2):
                for cell in row:
                    if cell.value is not None:
                        assert cell.border.left.style == "thin", (ws.title, cell.coordinate)
                        assert cell.border.bottom.style == "thin", (ws.title, cell.coordinate)


def column_points(width: float) -> float:
    """Excel's column width (characters of a 7-pixel digit) in points."""
    pixels = int(((256 * width + int(128 / 7)) / 256) * 7)
    return pixels * 72 / 96


def printed_size(ws: Worksheet) -> float:
    """The smallest text on the printed page, in points, from the page set-up and widths."""
    margins = ws.page_margins
    printable = PAGE_WIDTH[ws.page_setup.orientation] - (margins.left + margins.right) * 72
    width = sum(
        column_points(ws.column_dimensions[get_column_letter(n)].width or 8.43)
        for n in range(1, ws.max_column + 1)
    )
    fitted = (
        ws.sheet_properties.pageSetUpPr is not None and ws.sheet_properties.pageSetUpPr.fitToPage
    )
    if fitted and ws.page_setup.fitToWidth == 1:
        assert not ws.page_setup.fitToHeight  # only the width is fitted
        scale = min(1.0, printable / width)
    else:
        scale = (ws.page_setup.scale or 100) / 100
    smallest = min(
        cell.font.sz for row in ws.iter_rows(min_row=3) for cell in row if cell.value is not None
    )
    return float(smallest) * scale


def test_every_sheet_prints_large_enough_on_a4(
    books: list[tuple[str, dict[str, Any], bytes]],
) -> None:
    for name, _, data in books:
        for ws in open_book(data):
            floor = 8 if ws.title == "阶段" else 9
            assert printed_size(ws) >= floor, (name, ws.title, printed_size(ws))


def test_a_large_plan_prints_large_enough(tmp_path: Path) -> None:
    plan = tmp_path / "large.yaml"
    plan.write_text(plan_yaml(500, 300), encoding="utf-8")
    wb = open_book(render_xlsx(TEMPLATE, context_for(plan)))
    for ws in wb:
        floor = 8 if ws.title == "阶段" else 9
        assert printed_size(ws) >= floor, (ws.title, printed_size(ws))
    assert not wb["指标"]._charts  # 500 bars would print as a smudge


def test_the_gantt_runs_across_pages_with_its_first_columns_repeated(
    report: tuple[dict[str, Any], Workbook, bytes],
) -> None:
    context, wb, _ = report
    ws = wb["阶段"]
    assert not (ws.sheet_properties.pageSetUpPr and ws.sheet_properties.pageSetUpPr.fitToPage)
    assert ws.print_title_cols in ("$A:$F", "A:F")
    months = [c.value for c in ws[4]][6:]
    assert all(re.fullmatch(r"\d{1,2}月", m) for m in months if m)
    years = [c.value for c in ws[3]][6:]
    assert years[0] == f"{context['plan']['period']['start'][:4]}年"
    for offset, phase in enumerate(context["status"]["phases"]):
        row = 5 + offset
        assert ws.cell(row=row, column=2).value == phase["name"].replace(" ", "")
        filled = [
            ws.cell(row=row, column=c).fill.fill_type == "solid"
            for c in range(7, ws.max_column + 1)
        ]
        assert any(filled)


def test_charts_sit_under_their_tables(books: list[tuple[str, dict[str, Any], bytes]]) -> None:
    for _, _, data in books:
        for ws in open_book(data):
            for chart in ws._charts:
                anchor = chart.anchor._from
                assert anchor.row + 1 > ws.max_row - 1 or anchor.row + 1 > header_row(ws) + len(
                    data_rows(ws)
                )


# -- numbers that are there ---------------------------------------------------------------


def test_every_formula_stores_its_value(books: list[tuple[str, dict[str, Any], bytes]]) -> None:
    for name, _, data in books:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            for member in archive.namelist():
                if member.startswith("xl/worksheets/sheet"):
                    xml = archive.read(member).decode()
                    for cell in re.findall(r"<c [^>]*><f>.*?</f>.*?</c>", xml):
                        # a value; only a text result may be empty (a progress not yet known)
                        assert re.search(r"<v>[^<]+</v>", cell) or (
                            't="str"' in cell and "<v></v>" in cell
                        ), (name, member, cell)


def test_totals_read_without_recalculating(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, _, data = report
    values = open_book(data, values=True)
    unit = context["unit"]
    funding = context["funding"]
    budget = values["经费"]
    total = next(row for row in data_rows(budget) if row[1] == "合计")
    assert Decimal(str(total[5])) == in_unit(funding["total"], unit)
    sharing = values["分担"]
    total = next(row for row in data_rows(sharing) if row[1] == "合计")
    assert Decimal(str(total[3])) == in_unit(funding["total"], unit)
    assert Decimal(str(total[4])) == 1
    units = values["单位分担"]
    if funding["units"]:
        total = next(row for row in data_rows(units) if row[1] == "合计")
        assert Decimal(str(total[-1])) == in_unit(funding["total"], unit)


def test_progress_is_a_formula_where_it_derives_from_the_row(
    report: tuple[dict[str, Any], Workbook, bytes],
) -> None:
    context, wb, data = report
    values = open_book(data, values=True)["指标"]
    formulas = 0
    for offset, target in enumerate(context["status"]["targets"]):
        row = 4 + offset
        cell = wb["指标"].cell(row=row, column=10)
        if cell.data_type == "f":
            formulas += 1
            assert cell.value.startswith("=IF(ISNUMBER(H")
        shown = values.cell(row=row, column=10).value
        if target["progress"] is None:
            assert shown in (None, "")
        else:
            assert abs(Decimal(str(shown)) * 100 - Decimal(target["progress"])) < Decimal("0.01")
    assert formulas or context["plan"]["id"].startswith("gz-rehab")


def test_amounts_are_exact_in_the_plans_unit(
    report: tuple[dict[str, Any], Workbook, bytes],
) -> None:
    context, wb, _ = report
    ws = wb["经费"]
    assert headers(ws)[:6] == ["序号", "经费项目", "类别", "年度", "测算依据", "金额"]
    for offset, line in enumerate(context["funding"]["lines"]):
        cell = ws.cell(row=4 + offset, column=6)
        assert cell.number_format == MONEY
        assert Decimal(str(cell.value)) == in_unit(line["amount"], context["unit"])
    assert "×" in ws.cell(row=4, column=5).value or "%" in ws.cell(row=4, column=5).value


def test_targets_sheet(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    ws = wb["指标"]
    assert headers(ws) == [
        "序号", "指标", "类别", "单位", "基线", "目标", "期限", "实际值", "统计日期",
        "进度", "时间进度", "状态", "数据来源",
    ]  # fmt: skip
    for offset, target in enumerate(context["status"]["targets"]):
        row = 4 + offset
        assert ws.cell(row=row, column=1).value == offset + 1
        assert Decimal(str(ws.cell(row=row, column=6).value)) == Decimal(target["target"])
        assert ws.cell(row=row, column=7).value.date().isoformat() == target["deadline"]["end"]
        assert ws.cell(row=row, column=7).number_format == 'yyyy"年"m"月"d"日"'
        assert ws.cell(row=row, column=12).value == target["status"]


def test_one_table_per_sheet(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, _ = report
    organisation = [row[1] for row in data_rows(wb["组织"])]
    assert {c["name"].replace(" ", "") for c in context["committees"]} <= {
        str(v).replace(" ", "") for v in organisation
    }
    duties = wb["分工"]
    assert headers(duties)[:3] == ["序号", "任务", "牵头单位"]
    assert len(data_rows(duties)) == max(1, len(context["duties"]))
    assert headers(wb["分担"])[:4] == ["序号", "出资方", "资金来源", "金额"]


def test_no_ids_paths_or_codes(books: list[tuple[str, dict[str, Any], bytes]]) -> None:
    for name, context, data in books:
        text = " ".join(
            str(cell.value)
            for ws in open_book(data)
            for row in ws.iter_rows()
            for cell in row
            if isinstance(cell.value, str) and not cell.value.startswith("=")
        )
        assert context["plan"]["id"] not in text, name
        assert not re.search(r"\.ya?ml|CP\d{3}", text), name


def test_findings_are_listed_as_sentences() -> None:
    context = context_for(ROOT / "examples" / "jiangyan-communities.yaml")
    wb = open_book(render_xlsx(TEMPLATE, context))
    problems = [row[1] for row in data_rows(wb["问题"])]
    assert problems == context["wording"]["findings"]
    assert any("配备标准" in p for p in problems)


def test_same_context_same_bytes(report: tuple[dict[str, Any], Workbook, bytes]) -> None:
    context, wb, data = report
    assert render_xlsx(TEMPLATE, context) == data
    assert wb.properties.created.date() == AS_OF


def test_column_widths_fit_chinese_text() -> None:
    assert display_width("指标a") == 5


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
    # the only formulas in the file are the template's sums, shares and progress
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        for name in archive.namelist():
            if name.startswith("xl/worksheets/sheet"):
                xml = archive.read(name).decode()
                for formula in re.findall(r"<f>([^<]*)</f>", xml):
                    functions = set(re.findall(r"([A-Z]+)\(", formula))
                    assert functions <= {"SUM", "IF", "ISNUMBER", "MIN", "MAX"}, formula
                    assert '"' not in formula.replace('""', ""), formula


def test_minimal_plan_renders_valid_sheets() -> None:
    context = context_for(ROOT / "examples" / "minimal.yaml")
    wb = open_book(render_xlsx(TEMPLATE, context))
    assert wb.sheetnames == SHEETS
    assert wb["指标"]["B4"].value == "（无指标）"
    assert wb["经费"]["B4"].value == "（无经费安排）"
    assert wb["分担"]["B4"].value == "（无出资方）"
    for ws in wb:
        assert not ws._charts, ws.title
        for row in ws.iter_rows():
            assert all(cell.data_type != "f" for cell in row), ws.title
    overview = {row[1].value: row[2].value for row in wb["概况"].iter_rows(min_row=4)}
    assert overview["总体进度"] == "无数据"


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


def test_every_title_fits_over_its_table(books: list[tuple[str, dict[str, Any], bytes]]) -> None:
    """A title wider than the table it heads is cut off at the edge of the printed page."""
    from cplan.render.cells import display_width

    for name, _, data in books:
        for ws in open_book(data):
            title = ws.cell(row=1, column=1)
            table = sum(
                ws.column_dimensions[get_column_letter(n)].width or 8.43
                for n in range(1, ws.max_column + 1)
            )
            needed = display_width(str(title.value)) * float(title.font.sz) / 11
            assert needed <= table, (name, ws.title, needed, table)
