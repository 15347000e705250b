"""The Word report: the built-in template rendered with real plans, read back with python-docx."""

from __future__ import annotations

import io
import subprocess
import sys
import zipfile
from datetime import date
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn
from docx.shared import Mm, Pt

from cplan.check import check_file
from cplan.render.context import report_data
from cplan.render.docx import FILTERS, render_docx
from cplan.render.templates import ReportError

ROOT = Path(__file__).resolve().parents[2]
TEMPLATE = ROOT / "templates" / "report.docx"
AS_OF = date(2026, 9, 30)


def context_for(path: Path) -> dict[str, Any]:
    result = check_file(path)
    assert result.figures is not None, result.diagnostics
    return report_data(result.figures, result.path, AS_OF, result.diagnostics)


def render(path: Path, template: Path = TEMPLATE) -> Any:
    return docx.Document(io.BytesIO(render_docx(template, context_for(path))))


def all_text(document: Any) -> str:
    """Every paragraph of the body, table cells included, one per line."""
    return "\n".join(
        "".join(node.text or "" for node in p.iter(qn("w:t")))
        for p in document.element.body.iter(qn("w:p"))
    )


def rows(table: Any) -> list[list[str]]:
    return [[cell.text for cell in row.cells] for row in table.rows]


def table_with(document: Any, header: str) -> list[list[str]]:
    for table in document.tables:
        if table.rows[0].cells[0].text == header:
            return rows(table)
    raise AssertionError(f"no table headed {header}")


@pytest.fixture(scope="module")
def rehab() -> Any:
    return render(ROOT / "examples" / "rehab-centres.yaml")


@pytest.fixture(scope="module")
def hetang() -> Any:
    return render(ROOT / "plans" / "wutongli" / "hetang.yaml")


def custom_template(folder: Path, *paragraphs: str) -> Path:
    document = docx.Document()
    for text in paragraphs:
        document.add_paragraph(text)
    path = folder / "custom.docx"
    document.save(str(path))
    return path


# -- content ---------------------------------------------------------------------------


def test_title_and_the_line_under_it(rehab: Any) -> None:
    title = rehab.paragraphs[0]
    assert title.text == "广州市社区精神康复综合服务中心建设工作方案"
    assert title.style.name == "Title"
    meta = rehab.paragraphs[1].text
    assert "制定单位：广州市残疾人联合会" in meta
    assert "期限：2012年3月20日至2017年3月19日" in meta
    assert "截至日期：2026年9月30日" in meta


def test_headings_in_order(rehab: Any) -> None:
    headings = [p.text for p in rehab.paragraphs if p.style.name == "Heading 1"]
    assert headings == [
        "一、方案概况",
        "二、工作目标与进展",
        "三、实施步骤",
        "四、组织机构与责任分工",
        "五、经费保障",
        "六、经费分担",
        "七、校验发现",
    ]
    assert "（一）背景" in [p.text for p in rehab.paragraphs if p.style.name == "Heading 2"]


def test_target_rows(hetang: Any) -> None:
    table = table_with(hetang, "指标")
    assert table[0] == ["指标", "基线", "目标", "期限", "实际值", "进度", "状态"]
    assert ["既有住宅加装电梯（台）", "6", "20", "2026年12月31日", "15", "64.29%", "预警"] in table
    text = all_text(hetang)
    overall = context_for(ROOT / "plans" / "wutongli" / "hetang.yaml")["status"]["overall_progress"]
    assert overall is not None
    assert f"总体进度为 {overall}%" in text


def test_target_without_actual_shows_dashes(rehab: Any) -> None:
    table = table_with(rehab, "指标")
    row = next(r for r in table if r[0].startswith("每个中心年度服务质量监测"))
    # no value reported and the deadline (2013) long past on the report's date (2026)
    assert row[1:] == ["—", "2", "2013年12月31日", "—", "—", "逾期未完成"]


def test_phase_table(hetang: Any) -> None:
    table = table_with(hetang, "阶段")
    assert table[0] == ["阶段", "时间", "任务完成", "进度", "时间进度", "状态"]
    assert len(table) == 4


def test_budget_total_with_thousands_separators(rehab: Any) -> None:
    assert "方案经费预算合计 11,328,400.00 元" in all_text(rehab)
    lines = table_with(rehab, "经费项目")
    assert lines[-1][0] == "合计"
    assert lines[-1][-1] == "11,328,400.00"
    assert ["基本运营服务经费（2014年）", "购买服务经费", "6,240,000.00"] in lines


def test_funder_and_unit_tables(rehab: Any, hetang: Any) -> None:
    funders = table_with(rehab, "出资方")
    assert funders[1:4] == [
        ["市本级财政", "残疾人就业保障金", "3,484,800.00"],
        ["区 (县级市) 财政", "残疾人就业保障金", "4,593,600.00"],
        ["市福利彩票公益金", "福利彩票公益金", "3,250,000.00"],
    ]
    assert funders[-1][-1] == "11,328,400.00"
    units = table_with(rehab, "单位")
    assert units[1] == [
        "越秀区社区精神康复综合服务中心",
        "市本级财政 360,000.00；区 (县级市) 财政 360,000.00",
        "720,000.00",
    ]
    # hetang's shares are not split by unit: no unit table, no "（二）按单位"
    assert [r[0] for r in table_with(hetang, "出资方")] == [
        "出资方",
        "江汉区财政",
        "梧桐里街道财政",
        "合计",
    ]
    assert "按单位" not in all_text(hetang)


def test_committee_members_and_duties(hetang: Any) -> None:
    text = all_text(hetang)
    assert "（一）荷塘社区治理工作小组" in text
    assert "职务设置：组长 1 人，副组长 1 人，成员 3 人。" in text
    members = table_with(hetang, "姓名")
    assert ["金秀英", "成员", "—", "居民代表", "—"] in members
    duties = table_with(hetang, "任务")
    assert duties[1][:3] == ["组织楼栋协商并协调加装电梯", "荷塘社区居委会", "梧桐里街道办事处"]


def test_findings_table() -> None:
    document = render(ROOT / "examples" / "jiangyan-communities.yaml")
    findings = table_with(document, "位置")
    assert findings[0] == ["位置", "级别", "代码", "说明"]
    assert findings[1][:3] == ["examples/jiangyan-communities.yaml:57", "警告", "CP703"]


def test_no_findings_sentence(rehab: Any) -> None:
    assert "校验未发现问题。" in all_text(rehab)


def test_minimal_plan_renders_every_section_empty() -> None:
    document = render(ROOT / "examples" / "minimal.yaml")
    text = all_text(document)
    assert document.paragraphs[0].text == "某社区2025年工作方案"
    assert document.tables == []
    for sentence in ("方案未设定量化目标。", "方案未列出经费预算。", "方案未列出出资方。"):
        assert sentence in text
    assert "{%" not in text
    assert "{{" not in text


def test_markup_characters_in_values_come_out_whole(tmp_path: Path) -> None:
    plan = tmp_path / "escape.yaml"
    plan.write_text(
        "id: escape\ntitle: 标题 <b>&amp;\nissuer: '市规划&自然资源局<试点>'\nperiod: 2025年\n",
        encoding="utf-8",
    )
    text = all_text(render(plan))
    assert "制定单位：市规划&自然资源局<试点>" in text
    assert "标题 <b>&amp;" in text


# -- layout ----------------------------------------------------------------------------


def test_page_is_a4_with_gbt_9704_margins(rehab: Any) -> None:
    section = rehab.sections[0]

    def mm(length: Any) -> float:  # Word stores twips: 210 mm is 11906 twips, 210.009 mm
        return round(length.mm, 1)

    assert (mm(section.page_width), mm(section.page_height)) == (210, 297)
    assert (mm(section.top_margin), mm(section.bottom_margin)) == (37, 35)
    assert (mm(section.left_margin), mm(section.right_margin)) == (28, 26)
    assert section.page_width == Mm(210).twips * 635  # exact twips, no drift


def east_asian_font(style: Any) -> str | None:
    fonts = style.element.rPr.find(qn("w:rFonts"))
    return None if fonts is None else fonts.get(qn("w:eastAsia"))


def test_styles_name_chinese_fonts_in_the_east_asian_slot(rehab: Any) -> None:
    styles = rehab.styles
    normal = styles["Normal"]
    assert (east_asian_font(normal) or "").startswith("仿宋")
    assert normal.font.size == Pt(16)
    assert normal.paragraph_format.line_spacing == Pt(28)
    assert "小标宋" in (east_asian_font(styles["Title"]) or "")
    assert styles["Title"].font.size == Pt(22)
    assert (east_asian_font(styles["Heading 1"]) or "").startswith("黑体")
    assert (east_asian_font(styles["Heading 2"]) or "").startswith("楷体")
    assert (east_asian_font(styles["Table Text"]) or "").startswith("仿宋")
    assert styles["Table Heading"].font.bold is True
    lang = normal.element.rPr.find(qn("w:lang"))
    assert lang.get(qn("w:eastAsia")) == "zh-CN"


def test_footer_has_a_page_field_between_dashes(rehab: Any) -> None:
    footer = rehab.sections[0].footer
    xml = footer._element.xml
    instructions = "".join(node.text for node in footer._element.iter(qn("w:instrText")))
    assert instructions.strip() == "PAGE"
    assert 'w:fldCharType="begin"' in xml
    text = footer.paragraphs[0].text
    assert text.startswith("— ")
    assert text.endswith(" —")


def test_committed_template_matches_the_script(tmp_path: Path) -> None:
    out = tmp_path / "report.docx"
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), str(out)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    with zipfile.ZipFile(out) as made, zipfile.ZipFile(TEMPLATE) as committed:
        assert made.namelist() == committed.namelist()
        for name in made.namelist():
            assert made.read(name) == committed.read(name), name


# -- filters ---------------------------------------------------------------------------


def test_yuan_filter() -> None:
    yuan = FILTERS["yuan"]
    assert yuan("1234567.80") == "1,234,567.80"
    assert yuan("0.00") == "0.00"
    assert yuan("-1500") == "-1,500.00"
    assert yuan(None) == "—"


def test_other_filters() -> None:
    assert FILTERS["percent"]("64.29") == "64.29%"
    assert FILTERS["percent"](None) == "—"
    assert [FILTERS["hanzi"](n) for n in (1, 10, 12, 20, 35)] == [
        "一",
        "十",
        "十二",
        "二十",
        "三十五",
    ]
    assert FILTERS["cn_date"]("2026-09-30") == "2026年9月30日"
    assert FILTERS["severity"]("error") == "错误"


# -- errors ----------------------------------------------------------------------------


def report_error(template: Path) -> ReportError:
    with pytest.raises(ReportError) as caught:
        render_docx(template, context_for(ROOT / "examples" / "minimal.yaml"))
    return caught.value


def test_undefined_variable_names_template_and_variable(tmp_path: Path) -> None:
    template = custom_template(tmp_path, "第一段", "{{ plan.title }}", "{{ plan.titel }}")
    error = report_error(template)
    assert error.template == "custom.docx"
    assert "titel" in error.detail
    assert "未定义" in error.detail
    assert "所在段落: {{ plan.titel }}" in error.detail  # the paragraph, not an XML line
    assert error.line is None
    assert "custom.docx" in str(error)


def test_syntax_error(tmp_path: Path) -> None:
    error = report_error(custom_template(tmp_path, "开头", "{% for %}", "结尾"))
    assert error.template == "custom.docx"
    assert "模板语法错误" in error.detail


def test_sandbox_refuses_escape(tmp_path: Path) -> None:
    payload = "{{ ''.__class__.__mro__[1].__subclasses__() }}"
    error = report_error(custom_template(tmp_path, payload))
    assert error.template == "custom.docx"
    assert "不安全" in error.detail
    assert "<class" not in error.detail  # the payload never ran: no class list in sight


def test_not_a_docx(tmp_path: Path) -> None:
    bogus = tmp_path / "report.docx"
    bogus.write_text("不是 Word 文件", encoding="utf-8")
    assert report_error(bogus).detail == "模板不是有效的 .docx 文件"
    workbook = tmp_path / "book.docx"
    with zipfile.ZipFile(workbook, "w") as archive:
        archive.writestr("hello.txt", "hi")
    assert report_error(workbook).detail == "模板不是有效的 .docx 文件"
