"""Build the built-in Word report template ``templates/report.docx`` with python-docx.

Run ``python scripts/make_docx_template.py [OUT]`` (default ``templates/report.docx``).
The output is deterministic: fixed core properties, fixed zip timestamps, so re-running
gives the same bytes and the committed template can be checked against this script.

Layout follows GB/T 9704-2012 (党政机关公文格式): A4, margins top 37 mm, bottom 35 mm,
left 28 mm, right 26 mm; title 2号 方正小标宋简体 centred; body 3号 仿宋 with a fixed
28 pt line; first-level headings "一、" in 黑体 3号, second-level "（一）" in 楷体 3号;
page numbers "— N —" in 4号 宋体 centred in the footer. Every style names its font in
the East Asian slot (``w:eastAsia``) as well as the Western ones, and the language is
``zh-CN`` so Word picks Chinese punctuation and line breaking.

The body holds docxtpl/Jinja tags: values come only from the context made by
:func:`cplan.render.context.report_data`; money is formatted by the ``yuan`` filter and
never computed here. Filters used: ``yuan``, ``percent``, ``dash``, ``hanzi``,
``cn_date``, ``severity`` (all in :mod:`cplan.render.docx`).
"""

from __future__ import annotations

import io
import sys
import zipfile
from datetime import datetime
from pathlib import Path
from typing import Any

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "templates" / "report.docx"

FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)  # core properties are naive UTC
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋"  # 仿宋_GB2312 on older systems; "仿宋" ships with every Windows
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体"
PAGE_FONT = "宋体"

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
TABLE_PT = 12  # 小四
PAGE_PT = 14  # 4号
LINE = 560  # fixed 28 pt line, in twentieths of a point
TABLE_LINE = 400  # fixed 20 pt line in tables

TEXT_WIDTH_MM = 210 - 28 - 26  # 156 mm

# Fonts the template names, for fontTable.xml: charset 86 (GB2312) tells Word to pick
# a Chinese substitute when a machine lacks one of them (方正小标宋简体 is not on Windows).
FONT_TABLE = {
    TITLE_FONT: ("FZXiaoBiaoSong-B05S", "02000000000000000000", "script"),
    BODY_FONT: ("FangSong", "02010609060101010101", "modern"),
    HEADING1_FONT: ("SimHei", "02010609060101010101", "modern"),
    HEADING2_FONT: ("KaiTi", "02010609060101010101", "modern"),
    PAGE_FONT: ("SimSun", "02010600030101010101", "auto"),
}


# -- styles ---------------------------------------------------------------------------


def rpr(font: str, size_pt: float, *, bold: bool = False) -> Any:
    """A complete ``w:rPr``: the font in every slot (East Asian included), black, zh-CN."""
    half_points = round(size_pt * 2)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    return parse_xml(
        f"<w:rPr {nsdecls('w')}>"
        f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:eastAsia="{font}" w:cs="{font}"'
        ' w:hint="eastAsia"/>'
        f'{weight}<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>'
        f'<w:kern w:val="0"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr>"
    )


def ppr(
    *,
    align: str = "both",
    indent_chars: int = 2,
    font_pt: float = BODY_PT,
    line: int | None = LINE,
    before: int = 0,
    after: int = 0,
    keep_next: bool = False,
    outline: int | None = None,
) -> Any:
    """A complete ``w:pPr`` in schema order (keepNext, spacing, ind, jc, outlineLvl)."""
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else ""
    spacing = (
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'
        if line
        else f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
    )
    first_line = round(indent_chars * font_pt * 20)
    ind = (
        f'<w:ind w:left="0" w:right="0" w:firstLineChars="{indent_chars * 100}"'
        f' w:firstLine="{first_line}"/>'
    )
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return parse_xml(
        f'<w:pPr {nsdecls("w")}>{keep}<w:widowControl/>{spacing}{ind}<w:jc w:val="{align}"/>'
        f"{level}</w:pPr>"
    )


def restyle(style: Any, paragraph: Any, run: Any) -> None:
    """Replace a style's paragraph and run properties (dropping theme fonts and colours)."""
    element = style.element
    for tag in ("w:pPr", "w:rPr"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    for tag in ("w:link",):
        for old in element.findall(qn(tag)):
            element.remove(old)
    element.append(paragraph)
    element.append(run)


def set_defaults(doc: Any) -> None:
    """docDefaults: 仿宋 3号 zh-CN, fixed 28 pt lines, no space after paragraphs."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault/><w:pPrDefault/></w:docDefaults>"
    )
    defaults[0].append(rpr(BODY_FONT, BODY_PT))
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
    defaults[1].append(parse_xml(f"<w:pPr {nsdecls('w')}>{spacing}</w:pPr>"))
    styles.insert(0, defaults)


def make_styles(doc: Any) -> None:
    set_defaults(doc)
    styles = doc.styles
    restyle(styles["Normal"], ppr(), rpr(BODY_FONT, BODY_PT))
    restyle(
        styles["Title"],
        ppr(align="center", indent_chars=0, font_pt=TITLE_PT, line=LINE + 80),
        rpr(TITLE_FONT, TITLE_PT),
    )
    restyle(
        styles["Heading 1"],
        ppr(keep_next=True, outline=0),
        rpr(HEADING1_FONT, BODY_PT),
    )
    restyle(
        styles["Heading 2"],
        ppr(keep_next=True, outline=1),
        rpr(HEADING2_FONT, BODY_PT),
    )
    for name in ("Title", "Heading 1", "Heading 2"):
        styles[name].next_paragraph_style = styles["Normal"]

    meta = styles.add_style("Report Meta", WD_STYLE_TYPE.PARAGRAPH)
    meta.base_style = styles["Normal"]
    meta.next_paragraph_style = styles["Normal"]
    meta.quick_style = True
    restyle(  # 仿宋 4号: the line names the plan's issuer, period, status and date
        meta,
        ppr(align="center", indent_chars=0, font_pt=PAGE_PT, after=LINE),
        rpr(BODY_FONT, PAGE_PT),
    )

    text = styles.add_style("Table Text", WD_STYLE_TYPE.PARAGRAPH)
    text.base_style = styles["Normal"]
    text.quick_style = True
    restyle(
        text,
        ppr(align="left", indent_chars=0, font_pt=TABLE_PT, line=TABLE_LINE),
        rpr(BODY_FONT, TABLE_PT),
    )
    header = styles.add_style("Table Heading", WD_STYLE_TYPE.PARAGRAPH)
    header.base_style = text
    header.quick_style = True
    restyle(
        header,
        ppr(align="center", indent_chars=0, font_pt=TABLE_PT, line=TABLE_LINE),
        rpr(BODY_FONT, TABLE_PT, bold=True),
    )
    restyle(
        styles["Footer"],
        ppr(align="center", indent_chars=0, font_pt=PAGE_PT, line=None),
        rpr(PAGE_FONT, PAGE_PT),
    )


def add_font_table(doc: Any) -> None:
    """Declare the template's Chinese fonts in fontTable.xml (charset GB2312)."""
    for rel in doc.part.rels.values():
        if rel.reltype.endswith("/fontTable"):
            part = rel.target_part
            break
    else:  # pragma: no cover (python-docx's default template has one)
        return
    table = parse_xml(part.blob)
    for name, (alt, panose, family) in FONT_TABLE.items():
        for old in table.findall(qn("w:font")):
            if old.get(qn("w:name")) == name:
                table.remove(old)
        table.append(
            parse_xml(
                f'<w:font {nsdecls("w")} w:name="{name}"><w:altName w:val="{alt}"/>'
                f'<w:panose1 w:val="{panose}"/><w:charset w:val="86"/>'
                f'<w:family w:val="{family}"/><w:pitch w:val="variable"/></w:font>'
            )
        )
    from lxml import etree

    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_language(doc: Any) -> None:
    """settings.xml: Chinese theme font language, so theme fonts resolve to Chinese ones."""
    settings = doc.settings.element
    for old in settings.findall(qn("w:themeFontLang")):
        settings.remove(old)
    lang = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>')
    # themeFontLang comes after the proofing/tab settings; before clrSchemeMapping is fine.
    mapping = settings.find(qn("w:clrSchemeMapping"))
    if mapping is not None:
        mapping.addprevious(lang)
    else:  # pragma: no cover
        settings.append(lang)


# -- page and footer ------------------------------------------------------------------


def set_page(doc: Any) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width = Mm(210)
    section.page_height = Mm(297)
    section.top_margin = Mm(37)
    section.bottom_margin = Mm(35)
    section.left_margin = Mm(28)
    section.right_margin = Mm(26)
    section.header_distance = Mm(15)
    # The page number's top sits about 7 mm below the text block (35 mm - 7 mm = 28 mm
    # from the page edge); a 4号 line is about 6 mm tall, so the footer ends at 22 mm.
    section.footer_distance = Mm(22)
    footer = section.footer
    footer.is_linked_to_previous = False
    paragraph = footer.paragraphs[0]
    paragraph.style = doc.styles["Footer"]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    fonts = (
        f'<w:rFonts w:ascii="{PAGE_FONT}" w:hAnsi="{PAGE_FONT}"'
        f' w:eastAsia="{PAGE_FONT}" w:cs="{PAGE_FONT}"/>'
    )
    size = f'<w:sz w:val="{PAGE_PT * 2}"/><w:szCs w:val="{PAGE_PT * 2}"/>'
    run_props = f"<w:rPr>{fonts}{size}</w:rPr>"
    # The half-width space either side of the number is widened by 3 pt: a bare space
    # next to a full-width dash is so narrow that text extraction (pdftotext) and the
    # eye both read "—1—".
    space = (
        f'<w:r><w:rPr>{fonts}<w:spacing w:val="60"/>{size}</w:rPr>'
        '<w:t xml:space="preserve"> </w:t></w:r>'
    )
    runs = [
        f"<w:r>{run_props}<w:t>—</w:t></w:r>",
        space,
        f'<w:r>{run_props}<w:fldChar w:fldCharType="begin"/></w:r>',
        f'<w:r>{run_props}<w:instrText xml:space="preserve"> PAGE </w:instrText></w:r>',
        f'<w:r>{run_props}<w:fldChar w:fldCharType="separate"/></w:r>',
        f"<w:r>{run_props}<w:t>1</w:t></w:r>",
        f'<w:r>{run_props}<w:fldChar w:fldCharType="end"/></w:r>',
        space,
        f"<w:r>{run_props}<w:t>—</w:t></w:r>",
    ]
    for xml in runs:
        paragraph._p.append(parse_xml(xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))


# -- body -----------------------------------------------------------------------------


class Builder:
    """Appends template paragraphs and tables to the document body."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def p(self, text: str, style: str = "Normal", align: Any = None) -> Any:
        paragraph = self.doc.add_paragraph(text, style=self.doc.styles[style])
        if align is not None:
            paragraph.alignment = align
        return paragraph

    def tag(self, tag: str) -> None:
        """A paragraph holding only a ``{%p ... %}`` tag (removed when rendered)."""
        self.p("{%p " + tag + " %}")

    def h1(self, text: str) -> None:
        self.p(text, "Heading 1")

    def h2(self, text: str) -> None:
        self.p(text, "Heading 2")

    def table(
        self,
        headers: list[str],
        widths_mm: list[float],
        loop: str,
        cells: list[str],
        *,
        right: tuple[int, ...] = (),
        total: list[str] | None = None,
    ) -> None:
        """Header row, ``{%tr for %}`` row, data row, ``{%tr endfor %}`` row, total row."""
        assert len(headers) == len(widths_mm) == len(cells)
        rows = 4 + (1 if total else 0)
        table = self.doc.add_table(rows=rows, cols=len(headers))
        table.style = self.doc.styles["Table Grid"]
        table.alignment = WD_TABLE_ALIGNMENT.CENTER
        table.autofit = False
        contents = [headers, ["{%tr " + loop + " %}"], cells, ["{%tr endfor %}"]]
        if total:
            contents.append(total)
        for row_index, (row, texts) in enumerate(zip(table.rows, contents, strict=True)):
            if row_index == 0:
                row._tr.get_or_add_trPr().append(
                    parse_xml(f'<w:tblHeader {nsdecls("w")} w:val="true"/>')
                )
            for col, cell in enumerate(row.cells):
                cell.width = Mm(widths_mm[col])
                cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.CENTER
                paragraph = cell.paragraphs[0]
                paragraph.style = self.doc.styles[
                    "Table Heading" if row_index == 0 else "Table Text"
                ]
                text = texts[col] if col < len(texts) else ""
                if text:
                    paragraph.add_run(text)
                if row_index in (2, 4) and col in right:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.RIGHT
                if row_index == 4 and col == 0:
                    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        grid = table._tbl.tblGrid
        for col, width in zip(grid.findall(qn("w:gridCol")), widths_mm, strict=True):
            col.set(qn("w:w"), str(Mm(width).twips))


def widths(*shares: float) -> list[float]:
    """Column widths in mm filling the text width, from relative shares."""
    whole = sum(shares)
    return [round(TEXT_WIDTH_MM * share / whole, 1) for share in shares]


def build_body(b: Builder) -> None:  # noqa: PLR0915 (one long, linear document)
    b.p("{{ plan.title }}", "Title")
    b.p(
        "制定单位：{{ plan.issuer|dash }}\n期限：{{ plan.period.text }}\n"
        "状态：{{ plan.status }}　截至日期：{{ as_of|cn_date }}",
        "Report Meta",
    )

    # 一、方案概况
    b.h1("一、方案概况")
    b.tag("if plan.area")
    b.p("适用区域：{{ plan.area }}。")
    b.tag("endif")
    b.tag("set part = namespace(n=0)")
    for key, heading in (("background", "背景"), ("guidance", "指导思想")):
        b.tag(f"if plan.sections.{key}")
        b.tag("set part.n = part.n + 1")
        b.h2("（{{ part.n|hanzi }}）" + heading)
        b.p("{{ plan.sections." + key + " }}")
        b.tag("endif")
    for key, heading in (
        ("principles", "基本原则"),
        ("measures", "工作措施"),
        ("requirements", "工作要求"),
    ):
        b.tag(f"if plan.sections.{key}")
        b.tag("set part.n = part.n + 1")
        b.h2("（{{ part.n|hanzi }}）" + heading)
        b.tag(f"for item in plan.sections.{key}")
        b.p("{{ loop.index }}. {{ item }}")
        b.tag("endfor")
        b.tag("endif")
    b.tag("for other in plan.sections.other")
    b.tag("set part.n = part.n + 1")
    b.h2("（{{ part.n|hanzi }}）{{ other.title }}")
    b.p("{{ other.text }}")
    b.tag("endfor")
    b.tag("if part.n == 0 and not plan.area")
    b.p("方案未填写正文内容。")
    b.tag("endif")

    # 二、工作目标与进展
    b.h1("二、工作目标与进展")
    b.tag("if status.targets")
    b.p(
        "截至{{ as_of|cn_date }}，方案共设定 {{ status.targets|length }} 项目标，"
        "{% if status.overall_progress is not none %}总体进度为 "
        "{{ status.overall_progress|percent }}{% else %}尚无实际值，无法计算总体进度"
        "{% endif %}。"
    )
    b.table(
        ["指标", "基线", "目标", "期限", "实际值", "进度", "状态"],
        widths(38, 14, 14, 26, 18, 20, 26),
        "for t in status.targets",
        [
            "{{ t.name }}{% if t.unit %}（{{ t.unit }}）{% endif %}",
            "{{ t.baseline|dash }}",
            "{{ t.target|dash }}",
            "{{ t.deadline.text }}",
            "{{ t.actual|dash }}",
            "{{ t.progress|percent }}",
            "{{ t.status }}",
        ],
        right=(1, 2, 4, 5),
    )
    b.tag("else")
    b.p("方案未设定量化目标。")
    b.tag("endif")

    # 三、实施步骤
    b.h1("三、实施步骤")
    b.tag("if status.phases")
    b.table(  # 进度 is the share of tasks done; a phase without tasks has 时间进度 only
        ["阶段", "时间", "任务完成", "进度", "时间进度", "状态"],
        widths(36, 44, 18, 20, 20, 26),
        "for ph in status.phases",
        [
            "{{ ph.name }}",
            "{{ ph.when.text }}",
            "{% if ph.tasks %}{{ ph.tasks_done }}/{{ ph.tasks }}{% else %}—{% endif %}",
            "{{ ph.progress|percent }}",
            "{{ ph.time_elapsed|percent }}",
            "{{ ph.status }}",
        ],
        right=(2, 3, 4),
    )
    b.tag("else")
    b.p("方案未列出实施步骤。")
    b.tag("endif")

    # 四、组织机构与责任分工
    b.h1("四、组织机构与责任分工")
    b.tag("if committees or duties")
    b.tag("for c in committees")
    b.h2("（{{ loop.index|hanzi }}）{{ c.name }}")
    b.p(
        "类型：{{ c.kind }}{% if c.parent %}，隶属于{{ c.parent }}{% endif %}"
        "{% if c.size %}，共 {{ c.size }} 人{% endif %}。"
    )
    b.tag("if c.composition")
    b.p(
        "人员构成：{% for x in c.composition %}{{ x.sector }} {{ x.count }} 人"
        "{% if not loop.last %}，{% endif %}{% endfor %}。"
    )
    b.tag("endif")
    b.tag("if c.roles")
    b.p(
        "职务设置：{% for x in c.roles %}{{ x.role }} {{ x.count }} 人"
        "{% if not loop.last %}，{% endif %}{% endfor %}。"
    )
    b.tag("endif")
    b.tag("if c.responsibilities")
    b.p("主要职责：")
    b.tag("for r in c.responsibilities")
    b.p("{{ loop.index }}. {{ r }}")
    b.tag("endfor")
    b.tag("endif")
    b.tag("if c.members")
    b.table(
        ["姓名", "组内职务", "所在单位", "现任职务", "界别"],
        widths(20, 22, 44, 46, 24),
        "for m in c.members",
        [
            "{{ m.name|dash }}",
            "{{ m.role|dash }}",
            "{{ m.unit|dash }}",
            "{{ m.title|dash }}",
            "{{ m.sector|dash }}",
        ],
    )
    b.p("")
    b.tag("endif")
    b.tag("endfor")
    b.tag("if duties")
    b.h2("（{{ (committees|length + 1)|hanzi }}）责任分工")
    b.table(
        ["任务", "牵头单位", "配合单位", "对应目标/阶段", "完成时限"],
        widths(44, 30, 30, 32, 20),
        "for d in duties",
        [
            "{{ d.task }}",
            "{{ d.owner }}",
            "{{ d.support|join('、') if d.support else '—' }}",
            "{{ d.target or d.phase or '—' }}",
            "{{ d.due|dash }}",
        ],
    )
    b.tag("endif")
    b.tag("else")
    b.p("方案未列出组织机构和责任分工。")
    b.tag("endif")

    # 五、经费保障
    b.h1("五、经费保障")
    b.tag("if funding.lines")
    b.p(
        "方案经费预算合计 {{ funding.total|yuan }} 元"
        "{% if funding.unfunded != '0.00' %}，其中尚未落实出资方的 "
        "{{ funding.unfunded|yuan }} 元{% endif %}。"
    )
    b.table(
        ["经费项目", "类别", "金额（元）"],
        widths(50, 25, 25),
        "for l in funding.lines",
        [
            "{{ l.name }}{% if l.year %}（{{ l.year }}年）{% endif %}",
            "{{ l.category|dash }}",
            "{% if l.computed %}{{ l.amount|yuan }}{% else %}未能计算{% endif %}",
        ],
        right=(2,),
        total=["合计", "", "{{ funding.total|yuan }}"],
    )
    b.tag("else")
    b.p("方案未列出经费预算。")
    b.tag("endif")

    # 六、经费分担
    b.h1("六、经费分担")
    b.tag("if funding.funders")
    b.h2("（一）按出资方")
    b.table(
        ["出资方", "资金来源", "金额（元）"],
        widths(40, 35, 25),
        "for f in funding.funders",
        ["{{ f.name }}", "{{ f.fund|dash }}", "{{ f.amount|yuan }}"],
        right=(2,),
        total=["合计", "", "{{ funding.funded|yuan }}"],
    )
    b.tag("if funding.unfunded != '0.00'")
    b.p("另有 {{ funding.unfunded|yuan }} 元尚未落实出资方。")
    b.tag("endif")
    b.tag("set unit_rows = funding.units|selectattr('id')|list")
    b.tag("if unit_rows")
    b.h2("（二）按单位")
    b.table(
        ["单位", "各出资方分担（元）", "合计（元）"],
        widths(36, 44, 20),
        "for u in unit_rows",
        [
            "{{ u.name }}",
            (
                "{% for fid, amount in u.shares.items() %}"
                "{{ funding.funders|selectattr('id', 'equalto', fid)|map(attribute='name')"
                "|first|default(fid) }} {{ amount|yuan }}{% if not loop.last %}；{% endif %}"
                "{% endfor %}"
            ),
            "{{ u.total|yuan }}",
        ],
        right=(2,),
    )
    b.tag("endif")
    b.tag("else")
    b.p("方案未列出出资方。")
    b.tag("endif")

    # 七、校验发现
    b.h1("七、校验发现")
    b.tag("if findings")
    b.p("校验共发现 {{ findings|length }} 个问题，详见下表。")
    b.table(
        ["位置", "级别", "代码", "说明"],
        widths(34, 10, 12, 44),
        "for f in findings",
        [
            "{{ f.path }}{% if f.line %}:{{ f.line }}{% endif %}",
            "{{ f.severity|severity }}",
            "{{ f.code }}",
            "{{ f.message }}",
        ],
    )
    b.tag("else")
    b.p("校验未发现问题。")
    b.tag("endif")
    b.p("")


# -- package --------------------------------------------------------------------------


def drop_extras(doc: Any) -> None:
    """Leave out python-docx's sample thumbnail and Word 2010's stylesWithEffects copy."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)


def set_properties(doc: Any) -> None:
    props = doc.core_properties
    props.author = "cplan"
    props.last_modified_by = "cplan"
    props.title = ""
    props.subject = ""
    props.comments = ""
    props.keywords = ""
    props.category = ""
    props.revision = 1
    props.created = FIXED_DATE
    props.modified = FIXED_DATE
    props.last_printed = FIXED_DATE
    props.language = "zh-CN"


def deterministic_zip(data: bytes) -> bytes:
    """The same archive with fixed member timestamps and order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            target.writestr(member, source.read(info.filename))
    return out.getvalue()


def build() -> bytes:
    doc = Document()
    drop_extras(doc)
    make_styles(doc)
    add_font_table(doc)
    set_language(doc)
    set_page(doc)
    build_body(Builder(doc))
    set_properties(doc)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


def main(argv: list[str]) -> int:
    out = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(build())
    print(f"wrote {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
