"""The Word documents: the plan (方案) and the progress report (进展情况报告), rendered from
real plans with the built-in templates and read back with python-docx, as a reader checks
them: the sections in order, the 落款, nothing of the tool, figures as offices write them."""

from __future__ import annotations

import io
import re
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import docx
import pytest
from docx.oxml.ns import qn

from cplan.check import check_file, check_text
from cplan.render.context import report_data
from cplan.render.documents import DocumentOptions
from cplan.render.docx import FILTERS, render_docx
from cplan.render.templates import ReportError
from cplan.render.wording import TITLE_EMS, split_title, title_width

ROOT = Path(__file__).resolve().parents[2]
TEMPLATES = ROOT / "templates"
AS_OF = date(2026, 9, 30)
PLANS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "plans").rglob("*.yaml"))
REHAB = ROOT / "examples" / "rehab-centres.yaml"
HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"
JIANGYAN = ROOT / "examples" / "jiangyan-communities.yaml"

PLAN_ORDER = ["指导思想", "总体要求", "基本原则", "工作目标", "主要任务", "实施步骤", "保障措施"]
PROGRESS_ORDER = [
    "总体进展",
    "指标完成情况",
    "实施步骤进展",
    "经费落实和分担",
    "存在的问题",
    "下一步工作",
]
HANZI = "一二三四五六七八九十"


def context_for(path: Path, as_of: date = AS_OF, **options: Any) -> dict[str, Any]:
    result = check_file(path)
    assert result.figures is not None, result.diagnostics
    return report_data(
        result.figures,
        result.path,
        as_of,
        result.diagnostics,
        options=DocumentOptions(**options),
    )


@dataclass
class Rendered:
    """A rendered document and the context it was made from."""

    document: Any
    context: dict[str, Any]
    kind: str
    data: bytes

    @property
    def outline(self) -> dict[str, Any]:
        return self.context["documents"][self.kind]  # type: ignore[no-any-return]


def render(path: Path, kind: str, as_of: date = AS_OF, **options: Any) -> Rendered:
    context = context_for(path, as_of, **options)
    data = render_docx(TEMPLATES / f"{kind}.docx", context, kind)
    return Rendered(docx.Document(io.BytesIO(data)), context, kind, data)


def paragraphs(document: Any) -> list[tuple[str, str]]:
    """(style name, text) of every body paragraph outside tables, in order."""
    body = document.element.body
    out = []
    for p in body.iterchildren(qn("w:p")):
        style = p.find(f"{qn('w:pPr')}/{qn('w:pStyle')}")
        name = style.get(qn("w:val")) if style is not None else "Normal"
        text = "".join(
            node.text or ("\n" if node.tag == qn("w:br") else "")
            for node in p.iter(qn("w:t"), qn("w:br"))
        )
        out.append((name, text))
    return out


def headings(document: Any, style: str = "Heading1") -> list[str]:
    return [text for name, text in paragraphs(document) if name == style]


def all_text(document: Any) -> str:
    """Every text of the document: body, tables, footers, and the core properties."""
    parts = [
        "".join(t.text or "" for t in p.iter(qn("w:t"))) for p in document.element.iter(qn("w:p"))
    ]
    for section in document.sections:
        for footer in (section.footer, section.even_page_footer):
            parts += [p.text for p in footer.paragraphs]
    props = document.core_properties
    parts += [props.title or "", props.author or "", props.subject or "", props.comments or ""]
    return "\n".join(parts)


def tables(document: Any) -> list[list[list[str]]]:
    return [[[cell.text for cell in row.cells] for row in table.rows] for table in document.tables]


def table_headed(document: Any, *header: str) -> list[list[str]]:
    for rows in tables(document):
        if tuple(rows[0][: len(header)]) == header:
            return rows
    raise AssertionError(f"no table headed {header}")


@pytest.fixture(scope="module")
def every_document() -> list[Rendered]:
    """Both documents of every example and sample plan."""
    return [render(path, kind) for path in PLANS for kind in ("plan", "progress")]


@pytest.fixture(scope="module")
def rehab_plan() -> Rendered:
    return render(REHAB, "plan", date(2013, 6, 30))


@pytest.fixture(scope="module")
def rehab_progress() -> Rendered:
    return render(REHAB, "progress", date(2013, 6, 30))


@pytest.fixture(scope="module")
def hetang_progress() -> Rendered:
    return render(HETANG, "progress")


# -- structure ---------------------------------------------------------------------------


def numbered_titles(found: list[str], mark: str) -> list[str]:
    """The titles of 一、… headings, checking the numbers run 一, 二, 三 without a gap."""
    titles = []
    for n, text in enumerate(found, start=1):
        number = HANZI[n - 1] if n <= 10 else None
        prefix = f"{number}、" if mark == "h1" else f"（{number}）"
        assert text.startswith(prefix), (text, prefix)
        titles.append(text.removeprefix(prefix))
    return titles


def is_in_order(titles: list[str], order: list[str]) -> bool:
    positions = [order.index(t) for t in titles if t in order]
    return positions == sorted(positions)


def test_plan_sections_are_those_of_a_work_plan_in_order(every_document: list[Rendered]) -> None:
    for rendered in every_document:
        if rendered.kind != "plan":
            continue
        titles = numbered_titles(headings(rendered.document), "h1")
        assert is_in_order(titles, PLAN_ORDER), titles


def test_rehab_plan_headings(rehab_plan: Rendered) -> None:
    assert headings(rehab_plan.document) == [
        "一、基本原则",
        "二、工作目标",
        "三、主要任务",
        "四、实施步骤",
        "五、保障措施",
    ]
    second = headings(rehab_plan.document, "Heading2")
    assert "（一）确定选址和落实场地（2012年3月下旬至5月下旬）" in second
    assert "（二）强化经费保障" in second


def test_progress_sections_in_order(every_document: list[Rendered]) -> None:
    for rendered in every_document:
        if rendered.kind != "progress":
            continue
        titles = numbered_titles(headings(rendered.document), "h1")
        assert titles[0] == "总体进展"
        assert titles[-2:] == ["存在的问题", "下一步工作"]
        assert is_in_order(titles, PROGRESS_ORDER), titles


def test_second_level_headings_run_on_and_never_stand_alone(
    every_document: list[Rendered],
) -> None:
    for rendered in every_document:
        run: list[str] = []
        for style, text in [*paragraphs(rendered.document), ("Heading1", "")]:
            if style == "Heading1":
                assert len(run) != 1, (rendered.outline["title"], run)  # no lone （一）
                numbered_titles(run, "h2")
                run = []
            elif style == "Heading2":
                run.append(text)


def signature_index(found: list[tuple[str, str]]) -> int:
    return next(i for i, (style, _) in enumerate(found) if style == "Signature")


def test_signature_after_the_body_and_before_the_attachments(
    every_document: list[Rendered],
) -> None:
    for rendered in every_document:
        found = paragraphs(rendered.document)
        at = signature_index(found)
        issuer = rendered.context["plan"]["issuer"]
        lines = [text for style, text in found[at:] if style == "Signature"]
        if issuer:
            assert lines[0] == re.sub(r"\s+", "", issuer).replace("(", "（").replace(")", "）")
        assert re.fullmatch(r"\d{4}年[1-9]\d?月[1-9]\d?日", lines[-1]), lines
        styles = [style for style, _ in found]
        assert "Heading1" not in styles[at:]
        if "AttachmentLabel" in styles:
            assert styles.index("AttachmentLabel") > at
        assert found[at - 1] == ("Normal", "")  # one blank line above the 落款


def test_progress_report_closes_and_is_dated_as_of(hetang_progress: Rendered) -> None:
    found = paragraphs(hetang_progress.document)
    at = signature_index(found)
    assert "特此报告。" in [text for _, text in found[:at]]
    assert [text for style, text in found if style == "Signature"] == [
        "荷塘社区居民委员会",
        "2026年9月30日",
    ]
    title = found[0][1].replace("\n", "")
    assert title == "关于荷塘社区2025—2026年社区治理工作进展情况的报告"


def test_plan_is_dated_as_issued_and_lists_its_attachments(rehab_plan: Rendered) -> None:
    found = paragraphs(rehab_plan.document)
    at = signature_index(found)
    assert found[at + 1] == ("Signature", "2012年3月20日")
    assert ("AttachmentNote", "附件：经费测算表") in found[:at]
    labels = [(style, text) for style, text in found if style.startswith("Attachment")]
    assert ("AttachmentLabel", "附件") in labels
    assert ("AttachmentTitle", "经费测算表") in labels


def test_titles_break_between_words(every_document: list[Rendered]) -> None:
    for rendered in every_document:
        style, text = paragraphs(rendered.document)[0]
        assert style == "Title"
        lines = text.split("\n")
        assert "".join(lines) == rendered.outline["title"]
        for line in lines:
            # 2号 characters on a 156 mm line, the title font's digits taken at 0.6 em
            assert title_width(line) <= TITLE_EMS, lines
            assert len(line) > 1
            assert line not in ("案", "年", "（", "年）", "）")
            assert line.count("（") == line.count("）"), lines  # never inside brackets
            assert not re.search(r"\d$", line), lines  # never inside a number
        widths = [title_width(line) for line in lines]
        if len(lines) == 2:
            assert widths[0] >= widths[1], lines  # long over short
        if len(lines) == 3:
            assert widths[1] >= max(widths[0], widths[2]), lines  # short-long-short


def test_title_split_examples() -> None:
    assert split_title("广州市社区精神康复综合服务中心建设工作方案") == [
        "广州市社区精神康复综合服务中心",
        "建设工作方案",
    ]
    assert split_title("关于荷塘社区2025—2026年社区治理工作进展情况的报告") == [
        "关于荷塘社区2025—2026年社区治理",
        "工作进展情况的报告",
    ]
    assert split_title("某社区2025年工作方案") == ["某社区2025年工作方案"]
    # 20 ems if digits were half an em, but wider on paper: break before the period
    assert split_title("某市社区发展三年行动方案（2023—2025年）") == [
        "某市社区发展三年行动方案",
        "（2023—2025年）",
    ]
    assert split_title("关于某市社区发展三年行动（2023—2025年）进展情况的报告") == [
        "关于某市社区发展",
        "三年行动（2023—2025年）",
        "进展情况的报告",
    ]


# -- nothing of the tool -----------------------------------------------------------------


def plan_ids(path: Path) -> set[str]:
    result = check_file(path)
    plan = result.plan
    assert plan is not None
    ids = {plan.id} | {u.id for u in plan.units} | {t.id for t in plan.targets}
    ids |= {p.id for p in plan.phases} | {f.id for f in plan.funders}
    ids |= {c.id for c in plan.committees}
    ids |= {m.id for c in plan.committees for m in c.members if m.id}
    if plan.budget:
        ids |= {line.id for line in plan.budget.lines}
    return ids


def test_no_path_code_position_or_id_in_any_document(every_document: list[Rendered]) -> None:
    by_title = {check_file(path).plan.title: path for path in PLANS}  # type: ignore[union-attr]
    for rendered in every_document:
        text = all_text(rendered.document)
        tool = r"\.ya?ml|\.\./|[A-Za-z_][\w.-]*/[\w.-]|CP\d{3}|\{\{|\{%"
        assert not re.search(tool, text, re.ASCII), rendered.kind
        ids = plan_ids(by_title[rendered.context["plan"]["title"]])
        words = set(re.findall(r"[A-Za-z][A-Za-z0-9_.-]*", text))
        assert not words & ids, words & ids


def test_findings_are_plain_sentences_in_the_problems_section() -> None:
    with_findings = render(JIANGYAN, "progress", date(2005, 12, 31))
    found = [text for _, text in paragraphs(with_findings.document)]
    problems = found[found.index("五、存在的问题") : found.index("六、下一步工作")]
    staffing = [p for p in problems if "配备标准" in p]
    assert staffing
    assert "河东社区" in staffing[0]
    assert "CP703" not in all_text(with_findings.document)
    without = render(JIANGYAN, "progress", date(2005, 12, 31), findings=False)
    assert "配备标准" not in all_text(without.document)


def test_a_wrong_total_is_said_in_wan_yuan() -> None:
    text = JIANGYAN.read_text(encoding="utf-8").replace("total: 553.4万元", "total: 551.7万元")
    result = check_text(text, "jiangyan.yaml")
    assert result.figures is not None
    context = report_data(result.figures, result.path, date(2005, 12, 31), result.diagnostics)
    document = docx.Document(
        io.BytesIO(render_docx(TEMPLATES / "progress.docx", context, "progress"))
    )
    assert "经费总额写明551.7万元，各项合计553.4万元，相差1.7万元。" in all_text(document)


# -- figures as offices write them ----------------------------------------------------


CJK = r"[\u4e00-\u9fff]"


def test_chinese_print_punctuation_spacing_dates_and_percentages(
    every_document: list[Rendered],
) -> None:
    for rendered in every_document:
        text = all_text(rendered.document)
        assert not re.search(rf"{CJK}[,;:?!()]|[,;:?!()]{CJK}", text), rendered.kind
        assert not re.search(rf"{CJK} +[0-9A-Za-z]|[0-9A-Za-z] +{CJK}|{CJK} +{CJK}", text)
        assert not re.search(r"\d{4}-\d{1,2}-\d{1,2}", text)
        assert not re.search(r"年0\d月|月0\d日", text)
        for figure in re.findall(r"[\d.]+%", text):
            assert re.fullmatch(r"\d+(\.\d)?%", figure), figure


def test_money_in_wan_yuan_where_the_plan_writes_wan_yuan(rehab_plan: Rendered) -> None:
    text = all_text(rehab_plan.document)
    assert "本方案所需经费共计1132.84万元" in text
    assert "11,328,400" not in text
    in_yuan = render(REHAB, "plan", date(2013, 6, 30), unit="元")
    assert "本方案所需经费共计11328400元" in all_text(in_yuan.document)


def test_the_plan_states_the_basis_of_every_line_and_every_ratio(rehab_plan: Rendered) -> None:
    found = [text for _, text in paragraphs(rehab_plan.document)]
    result = check_file(REHAB)
    assert result.plan is not None
    assert result.plan.budget is not None
    for line in result.plan.budget.lines:
        name = line.name.replace(" ", "").replace("(", "（").replace(")", "）")
        said = [p for p in found if name in p and "：" in p]
        assert said, name
        assert re.search(r"×|%", said[0]), said[0]
    assert any("400元/人/月×100人×12个月" in p and "48万元" in p for p in found)
    sharing = next(p for p in found if "比例分担" in p)
    for ratio in ("5:5", "4:6", "8:2", "6:4", "0:10"):
        assert ratio in sharing, ratio
    assert any("超支不补、结余留用" in p for p in found)
    # and the 附件 shows the same basis line by line, adding up to the total
    rows = table_headed(rehab_plan.document, "序号", "项目", "测算依据")
    assert rows[-1][1:4] == ["合计", "", "1,132.84"] or rows[-1][0] == "合计"
    assert rows[1][2] == "400元/人/月×100人×12个月"


def wan(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


def test_funding_tables_add_up_to_the_plan_total(rehab_progress: Rendered) -> None:
    total = Decimal(rehab_progress.context["funding"]["total"]) / 10_000
    by_funder = table_headed(rehab_progress.document, "序号", "出资方")
    assert by_funder[-1][0] == by_funder[-1][1] == "合计"  # merged
    amount = by_funder[0].index("金额")
    assert wan(by_funder[-1][amount]) == total
    assert sum(wan(row[amount]) for row in by_funder[1:-1]) == total
    by_unit = table_headed(rehab_progress.document, "序号", "单位")
    assert wan(by_unit[-1][-1]) == total
    assert sum(wan(row[-1]) for row in by_unit[1:-1]) == total
    assert any(row[1] == "不分单位的经费" for row in by_unit)


def test_target_table_and_charts(hetang_progress: Rendered) -> None:
    rows = table_headed(hetang_progress.document, "序号", "指标")
    assert rows[0] == ["序号", "指标", "基线", "目标", "期限", "实际值", "进度", "时间进度", "状态"]
    assert rows[1][:7] == ["1", "既有住宅加装电梯", "6台", "20台", "2026年底", "15台", "64.3%"]
    pictures = hetang_progress.document.inline_shapes
    assert len(pictures) == 2  # progress against time, funding by funder
    assert all(abs(shape.width.mm - 150) < 1 for shape in pictures)


def test_no_data_is_said_in_words() -> None:
    rendered = render(REHAB, "progress", date(2013, 6, 30))
    text = all_text(rendered.document)
    assert "暂无法计算总体进度" in text
    assert "0.00%" not in text


# -- tables, page, fonts, properties -------------------------------------------------


def test_rows_never_split_and_headers_repeat(every_document: list[Rendered]) -> None:
    for rendered in every_document:
        for table in rendered.document.tables:
            rows = table._tbl.findall(qn("w:tr"))
            for row in rows:
                assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None
            assert rows[0].find(f"{qn('w:trPr')}/{qn('w:tblHeader')}") is not None


def test_headers_figures_and_dates_never_wrap(every_document: list[Rendered]) -> None:
    """Each column is as wide as its header and its figures and dates in the table's size
    (小四, or 五号 as set on the runs) — no "实际/值", no "2013年/底"."""
    from cplan.render.docx_blocks import CELL_MARGIN, ems

    checked = 0
    for rendered in every_document:
        for table in rendered.document.tables:
            grid = [int(c.get(qn("w:w"))) for c in table._tbl.find(qn("w:tblGrid"))]
            assert sum(grid) <= 8844 + 5  # within the 156 mm type area
            sizes = {int(z.get(qn("w:val"))) for z in table._tbl.iter(qn("w:sz"))}
            size_pt = max(sizes) / 2 if sizes else 12.0  # no size on the run: 小四
            for index, row in enumerate(table.rows):
                for width_twips, cell in zip(grid, row.cells, strict=False):
                    text = cell.text
                    figure = re.fullmatch(r"[\d,.%:—]+[个次台人户名]?|\d{4}年底", text)
                    if index == 0 or figure:
                        need = ems(text) * size_pt * 20 + 2 * CELL_MARGIN
                        assert need <= width_twips, (rendered.outline["title"], text)
                        checked += 1
    assert checked > 100


def test_page_is_gbt_9704(rehab_plan: Rendered) -> None:
    document = rehab_plan.document
    section = document.sections[0]
    assert (round(section.page_width.mm), round(section.page_height.mm)) == (210, 297)
    assert (round(section.top_margin.mm), round(section.bottom_margin.mm)) == (37, 35)
    assert (round(section.left_margin.mm), round(section.right_margin.mm)) == (28, 26)
    grid = section._sectPr.find(qn("w:docGrid"))
    assert grid.get(qn("w:type")) == "linesAndChars"
    pitch = int(grid.get(qn("w:linePitch")))
    assert 22 * pitch <= round(225 / 25.4 * 1440) < 23 * pitch  # 22 lines in 225 mm
    char_pitch = 16 + int(grid.get(qn("w:charSpace"))) / 4096  # points, from a 16 pt body
    assert 28 * char_pitch <= 156 / 25.4 * 72 < 29 * char_pitch  # 28 characters in 156 mm
    assert document.settings.odd_and_even_pages_header_footer


def test_odd_and_even_footers(rehab_plan: Rendered) -> None:
    section = rehab_plan.document.sections[0]
    for footer, align, side in (
        (section.footer, "right", "right"),
        (section.even_page_footer, "left", "left"),
    ):
        paragraph = footer.paragraphs[0]
        props = paragraph._p.pPr
        assert props.find(qn("w:jc")).get(qn("w:val")) == align
        assert props.find(qn("w:ind")).get(qn(f"w:{side}")) == "280"  # one 4号 character
        instructions = "".join(n.text for n in paragraph._p.iter(qn("w:instrText")))
        assert instructions.strip() == "PAGE"
        assert paragraph.text.startswith("— ")
        assert paragraph.text.endswith(" —")


def east_asian_font(style: Any) -> str:
    return str(style.element.rPr.find(qn("w:rFonts")).get(qn("w:eastAsia")))


def test_fonts_by_level_with_fallbacks(rehab_plan: Rendered) -> None:
    styles = rehab_plan.document.styles
    assert east_asian_font(styles["Title"]) == "方正小标宋简体"
    assert east_asian_font(styles["Normal"]) == "仿宋_GB2312"
    assert east_asian_font(styles["Heading 1"]) == "黑体"
    assert east_asian_font(styles["Heading 2"]) == "楷体_GB2312"
    assert east_asian_font(styles["Table Text"]) == "仿宋_GB2312"
    assert east_asian_font(styles["Footer"]) == "宋体"
    assert styles["Title"].font.size.pt == 22
    assert styles["Normal"].font.size.pt == 16
    with zipfile.ZipFile(io.BytesIO(rehab_plan.data)) as archive:
        fonts = archive.read("word/fontTable.xml").decode()
    for name, fallback in (("仿宋_GB2312", "仿宋"), ("楷体_GB2312", "楷体")):
        assert re.search(rf'w:name="{name}"><w:altName w:val="{fallback}"', fonts)


def test_document_properties(rehab_progress: Rendered, rehab_plan: Rendered) -> None:
    props = rehab_progress.document.core_properties
    assert props.title == "关于广州市社区精神康复综合服务中心建设工作进展情况的报告"
    assert props.author == "广州市残疾人联合会"
    assert props.created.date() == date(2013, 6, 30)
    assert props.modified.date() == date(2013, 6, 30)
    assert rehab_plan.document.core_properties.title == "广州市社区精神康复综合服务中心建设工作方案"
    with zipfile.ZipFile(io.BytesIO(rehab_plan.data)) as archive:
        assert b"Microsoft" not in archive.read("docProps/app.xml")


def test_committed_templates_match_the_script(tmp_path: Path) -> None:
    subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "make_docx_template.py"), str(tmp_path)],
        check=True,
        capture_output=True,
        cwd=ROOT,
    )
    for name in ("plan.docx", "progress.docx"):
        with zipfile.ZipFile(tmp_path / name) as made, zipfile.ZipFile(TEMPLATES / name) as kept:
            assert made.namelist() == kept.namelist()
            for member in made.namelist():
                assert made.read(member) == kept.read(member), (name, member)


def test_minimal_plan_leaves_out_what_it_lacks() -> None:
    plan = render(ROOT / "examples" / "minimal.yaml", "plan")
    assert headings(plan.document) == []
    progress = render(ROOT / "examples" / "minimal.yaml", "progress")
    assert headings(progress.document) == ["一、总体进展", "二、存在的问题", "三、下一步工作"]
    assert progress.document.tables == []


def test_markup_characters_in_values_come_out_whole(tmp_path: Path) -> None:
    plan = tmp_path / "escape.yaml"
    plan.write_text(
        "id: escape\ntitle: 标题<b>&乙\nissuer: '市规划&自然资源局<试点>'\nperiod: 2025年\n",
        encoding="utf-8",
    )
    text = all_text(render(plan, "progress").document)
    assert "市规划&自然资源局<试点>" in text
    assert "标题<b>&乙" in text


# -- filters and custom templates --------------------------------------------------------


def test_filters() -> None:
    assert FILTERS["yuan"]("1234567.80") == "1,234,567.80"
    assert FILTERS["yuan"](None) == "—"
    assert FILTERS["wan"]("11328400.00") == "1132.84万元"
    assert FILTERS["wan"]("480000", "元") == "480000元"
    assert FILTERS["percent"]("64.29") == "64.29%"
    assert [FILTERS["hanzi"](n) for n in (1, 10, 12, 20, 35)] == [
        "一",
        "十",
        "十二",
        "二十",
        "三十五",
    ]
    assert FILTERS["cn_date"]("2026-09-30") == "2026年9月30日"
    assert FILTERS["cn"]("区 (县级市) 残联, 共 3 个") == "区（县级市）残联，共3个"
    assert FILTERS["severity"]("error") == "错误"


def custom_template(folder: Path, *texts: str) -> Path:
    document = docx.Document()
    for text in texts:
        document.add_paragraph(text)
    table = document.add_table(rows=2, cols=1)
    table.rows[0].cells[0].text = "表头"
    path = folder / "custom.docx"
    document.save(str(path))
    return path


def test_a_custom_template_gets_the_same_context_and_whole_rows(tmp_path: Path) -> None:
    template = custom_template(tmp_path, "{{ plan.title }}", "{{ funding.total|wan }}")
    data = render_docx(template, context_for(REHAB), "progress")
    document = docx.Document(io.BytesIO(data))
    assert [p.text for p in document.paragraphs[:2]] == [
        "广州市社区精神康复综合服务中心建设工作方案",
        "1132.84万元",
    ]
    for row in document.tables[0]._tbl.findall(qn("w:tr")):
        assert row.find(f"{qn('w:trPr')}/{qn('w:cantSplit')}") is not None


def report_error(template: Path) -> ReportError:
    with pytest.raises(ReportError) as caught:
        render_docx(template, context_for(ROOT / "examples" / "minimal.yaml"))
    return caught.value


def test_undefined_variable_names_template_and_paragraph(tmp_path: Path) -> None:
    error = report_error(
        custom_template(tmp_path, "第一段", "{{ plan.title }}", "{{ plan.titel }}")
    )
    assert error.template == "custom.docx"
    assert "titel" in error.detail
    assert "所在段落: {{ plan.titel }}" in error.detail
    assert error.line is None


def test_syntax_error(tmp_path: Path) -> None:
    error = report_error(custom_template(tmp_path, "开头", "{% for %}", "结尾"))
    assert "模板语法错误" in error.detail


def test_sandbox_refuses_escape(tmp_path: Path) -> None:
    error = report_error(
        custom_template(tmp_path, "{{ ''.__class__.__mro__[1].__subclasses__() }}")
    )
    assert "不安全" in error.detail
    assert "<class" not in error.detail


def test_not_a_docx(tmp_path: Path) -> None:
    bogus = tmp_path / "report.docx"
    bogus.write_text("不是 Word 文件", encoding="utf-8")
    assert report_error(bogus).detail == "模板不是有效的 .docx 文件"
