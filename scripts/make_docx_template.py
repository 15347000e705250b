"""Build the built-in Word templates ``templates/plan.docx`` and ``templates/progress.docx``.

Run ``python scripts/make_docx_template.py [FOLDER]`` (default ``templates/``). The output
is deterministic (fixed properties, fixed zip timestamps): re-running gives the same
bytes, and a test checks the committed templates against this script.

Both templates lay out an *outline* from :mod:`cplan.render.documents` (``documents.plan``
or ``documents.progress`` in the context) the way GB/T 9704-2012 (党政机关公文格式) sets
a document:

* A4; margins top 37 mm, bottom 35 mm, left 28 mm, right 26 mm (type area 156 × 225 mm);
  a document grid of 22 lines × 28 characters (``w:docGrid linesAndChars``, line pitch
  28.95 pt, character pitch 15.79 pt), body lines exactly 28.95 pt. No paragraph snaps
  to the grid (``w:snapToGrid w:val="0"``): LibreOffice puts every run of digits or Latin
  letters on whole cells of a character grid ("2025  年"), so the text is set in 3号 at
  98 % width instead (15.68 pt a character: 28 to the 156 mm line in Word, WPS and
  LibreOffice alike), the exact line height keeps 22 lines a page, and the grid stays in
  the page set-up for Word and WPS users who add text;
* title in 2号 (22 pt) 方正小标宋简体, centred, in the lines the outline breaks it into,
  one blank line below; body in 3号 (16 pt) 仿宋_GB2312, two characters in; headings 一、 in
  黑体, （一） in 楷体_GB2312; tables in 小四 (12 pt) 仿宋_GB2312 with 黑体 headings;
* page numbers "— 1 —" in 4号 宋体, 7 mm below the type area, right-aligned one
  character in on odd pages and left-aligned one character in on even pages;
* each 附件 on a new page: "附件1" in 黑体 on the first line, its title centred on the
  third line.

Every style names its font in the East Asian slot (``w:eastAsia``) as well as the Western
ones, with the language zh-CN; the font table gives each GB/T 9704 font a fallback
(仿宋_GB2312 → 仿宋, 楷体_GB2312 → 楷体, 方正小标宋简体 → 华文中宋/宋体) for machines
without it. Tables, charts and the 落款 come from helpers of :mod:`cplan.render.docx`
(``block``, ``attachment_note``, ``signature``) that size them from their content.
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
from docx.oxml import parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.shared import Mm

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_OUT = ROOT / "templates"

FIXED_DATE = datetime(2025, 1, 1, 0, 0, 0)  # core properties are naive UTC
ZIP_DATE = (2025, 1, 1, 0, 0, 0)

TITLE_FONT = "方正小标宋简体"
BODY_FONT = "仿宋_GB2312"
HEADING1_FONT = "黑体"
HEADING2_FONT = "楷体_GB2312"
PAGE_FONT = "宋体"
#: Latin letters and digits: in the same fonts as the Chinese text. 仿宋_GB2312's digits
#: are about half an em wide and sit tight against the Chinese around them.
WESTERN_FONT = None

BODY_PT = 16  # 3号
TITLE_PT = 22  # 2号
TABLE_PT = 12  # 小四
PAGE_PT = 14  # 4号

LINE = 579  # 28.95 pt: 22 lines fill the 225 mm type area
TITLE_LINE = 700  # 35 pt: a 2号 line
TABLE_LINE = 360  # 18 pt in tables
CHAR_SPACE = -849  # 1/4096 pt: 16 pt - 0.207 pt = 15.79 pt, 28 characters in 156 mm
CHAR = 316  # one character of the grid, in twips (156 mm / 28)

#: Fonts and their fallbacks, for fontTable.xml: charset 86 (GB2312) tells Word to pick
#: a Chinese substitute; ``altName`` names the one to use when the font is missing.
FONT_TABLE = {
    TITLE_FONT: ("华文中宋", "02000000000000000000", "script"),
    BODY_FONT: ("仿宋", "02010609030101010101", "modern"),
    HEADING1_FONT: ("SimHei", "02010609060101010101", "modern"),
    HEADING2_FONT: ("楷体", "02010609030101010101", "modern"),
    PAGE_FONT: ("SimSun", "02010600030101010101", "auto"),
}


# -- styles ---------------------------------------------------------------------------


def rpr(
    font: str, size_pt: float, *, bold: bool = False, western: str | None = None, grid: bool = False
) -> Any:
    """A complete ``w:rPr``: the East Asian font (and ``western`` for Latin letters and
    digits, else the same), black, zh-CN.

    ``grid``: body text is scaled to 98 % width, 15.68 pt a character, so that 28 fit
    the 156 mm line (16 pt ones would give 27) without snapping to the character grid —
    2 %, which no reader sees.
    """
    half_points = round(size_pt * 2)
    weight = "<w:b/><w:bCs/>" if bold else '<w:b w:val="0"/><w:bCs w:val="0"/>'
    latin = western or font
    scale = '<w:w w:val="98"/>' if grid else ""
    return parse_xml(
        f"<w:rPr {nsdecls('w')}>"
        f'<w:rFonts w:ascii="{latin}" w:hAnsi="{latin}" w:eastAsia="{font}" w:cs="{latin}"'
        ' w:hint="eastAsia"/>'
        f'{weight}<w:i w:val="0"/><w:iCs w:val="0"/><w:color w:val="000000"/>'
        f'{scale}<w:kern w:val="0"/><w:sz w:val="{half_points}"/><w:szCs w:val="{half_points}"/>'
        '<w:lang w:val="en-US" w:eastAsia="zh-CN" w:bidi="ar-SA"/>'
        "</w:rPr>"
    )


def ppr(
    *,
    align: str = "both",
    first_chars: int = 2,
    left_chars: float = 0,
    line: int | None = LINE,
    before: int = 0,
    after: int = 0,
    keep_next: bool = False,
    page_break: bool = False,
    outline: int | None = None,
) -> Any:
    """A complete ``w:pPr`` in schema order, never snapping to the document grid.

    Indents are in characters of the grid (``firstLineChars``, with the same length in
    twips for readers that ignore character units); ``line`` None means single spacing
    (a picture's paragraph), otherwise an exact line height in twips.
    """
    keep = "<w:keepNext/><w:keepLines/>" if keep_next else ""
    brk = "<w:pageBreakBefore/>" if page_break else ""
    spacing = (
        f'<w:spacing w:before="{before}" w:after="{after}" w:line="{line}" w:lineRule="exact"/>'
        if line
        else f'<w:spacing w:before="{before}" w:after="{after}" w:line="240" w:lineRule="auto"/>'
    )
    left = round(left_chars * CHAR)
    ind = (
        f'<w:ind w:left="{left}" w:leftChars="{round(left_chars * 100)}" w:right="0"'
        f' w:firstLineChars="{first_chars * 100}" w:firstLine="{first_chars * CHAR}"/>'
    )
    snap = '<w:snapToGrid w:val="0"/>'
    level = f'<w:outlineLvl w:val="{outline}"/>' if outline is not None else ""
    return parse_xml(
        f"<w:pPr {nsdecls('w')}>{keep}{brk}<w:widowControl/>"
        '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
        f"{snap}{spacing}{ind}"
        f'<w:jc w:val="{align}"/>{level}</w:pPr>'
    )


def restyle(style: Any, paragraph: Any, run: Any) -> None:
    """Replace a style's paragraph and run properties (dropping theme fonts and colours)."""
    element = style.element
    for tag in ("w:pPr", "w:rPr", "w:link"):
        for old in element.findall(qn(tag)):
            element.remove(old)
    element.append(paragraph)
    element.append(run)


def set_defaults(doc: Any) -> None:
    """docDefaults: 仿宋_GB2312 3号 zh-CN, exact 28.95 pt lines, no space after paragraphs."""
    styles = doc.styles.element
    defaults = styles.find(qn("w:docDefaults"))
    if defaults is not None:
        styles.remove(defaults)
    defaults = parse_xml(
        f"<w:docDefaults {nsdecls('w')}><w:rPrDefault/><w:pPrDefault/></w:docDefaults>"
    )
    defaults[0].append(body())
    spacing = f'<w:spacing w:before="0" w:after="0" w:line="{LINE}" w:lineRule="exact"/>'
    no_autospace = '<w:autoSpaceDE w:val="0"/><w:autoSpaceDN w:val="0"/>'
    snap = '<w:snapToGrid w:val="0"/>'
    defaults[1].append(parse_xml(f"<w:pPr {nsdecls('w')}>{no_autospace}{snap}{spacing}</w:pPr>"))
    styles.insert(0, defaults)


def add_style(doc: Any, name: str, paragraph: Any, run: Any, base: str = "Normal") -> None:
    styles = doc.styles
    try:
        style = styles[name]
    except KeyError:
        style = styles.add_style(name, WD_STYLE_TYPE.PARAGRAPH)
    if name != "Normal":
        style.base_style = styles[base]
    style.quick_style = True
    restyle(style, paragraph, run)


def body(font: str = BODY_FONT) -> Any:
    """The run properties of body text: 3号, 98 % width (28 characters a line)."""
    return rpr(font, BODY_PT, western=WESTERN_FONT, grid=True)


def make_styles(doc: Any) -> None:
    set_defaults(doc)
    add_style(doc, "Normal", ppr(), body())
    add_style(
        doc,
        "Title",
        ppr(align="center", first_chars=0, line=TITLE_LINE, after=LINE),
        rpr(TITLE_FONT, TITLE_PT),
    )
    add_style(doc, "Document Number", ppr(align="center", first_chars=0), body())
    add_style(doc, "Addressee", ppr(align="left", first_chars=0, keep_next=True), body())
    add_style(
        doc,
        "Heading 1",
        ppr(align="left", keep_next=True, outline=0),
        rpr(HEADING1_FONT, BODY_PT, grid=True),
    )
    add_style(
        doc,
        "Heading 2",
        # left, not justified: a heading broken before its dates is not stretched
        ppr(align="left", keep_next=True, outline=1),
        body(HEADING2_FONT),
    )
    add_style(
        doc,
        "Table Text",
        ppr(align="left", first_chars=0, line=TABLE_LINE),
        rpr(BODY_FONT, TABLE_PT, western=WESTERN_FONT),
    )
    add_style(
        doc,
        "Table Heading",
        ppr(align="center", first_chars=0, line=TABLE_LINE),
        rpr(HEADING1_FONT, TABLE_PT),
        base="Table Text",
    )
    add_style(
        doc,
        "Figure",
        ppr(align="center", first_chars=0, line=None, before=120, after=120),
        rpr(BODY_FONT, BODY_PT),
    )
    add_style(doc, "Attachment Note", ppr(align="left"), body())
    add_style(
        doc,
        "Attachment Note Continued",
        ppr(align="left", first_chars=0, left_chars=5),
        body(),
    )
    add_style(doc, "Signature", ppr(align="right", first_chars=0), body())
    add_style(
        doc,
        "Attachment Label",
        ppr(align="left", first_chars=0, page_break=True, keep_next=True),
        rpr(HEADING1_FONT, BODY_PT, grid=True),
    )
    add_style(
        doc,
        "Attachment Title",
        ppr(align="center", first_chars=0, line=TITLE_LINE, before=LINE, after=LINE),
        rpr(TITLE_FONT, TITLE_PT),
    )
    styles = doc.styles
    for name in ("Title", "Heading 1", "Heading 2", "Attachment Title"):
        styles[name].next_paragraph_style = styles["Normal"]
    restyle(
        styles["Footer"],
        ppr(align="right", first_chars=0, line=None),
        rpr(PAGE_FONT, PAGE_PT),
    )


def add_font_table(doc: Any) -> None:
    """Declare the template's Chinese fonts in fontTable.xml with their fallbacks."""
    from lxml import etree

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
    part._blob = etree.tostring(table, xml_declaration=True, encoding="UTF-8", standalone=True)


def set_settings(doc: Any) -> None:
    """settings.xml: Chinese theme fonts, different odd and even footers."""
    settings = doc.settings.element
    for tag in ("w:themeFontLang", "w:evenAndOddHeaders"):
        for old in settings.findall(qn(tag)):
            settings.remove(old)
    lang = parse_xml(f'<w:themeFontLang {nsdecls("w")} w:val="en-US" w:eastAsia="zh-CN"/>')
    mapping = settings.find(qn("w:clrSchemeMapping"))
    if mapping is not None:
        mapping.addprevious(lang)
    else:  # pragma: no cover
        settings.append(lang)
    doc.settings.odd_and_even_pages_header_footer = True


# -- page and footers -----------------------------------------------------------------


def page_number(paragraph: Any, align: str, indent: str) -> None:
    """ "— N —" in 4号 宋体, aligned ``align`` one character (14 pt) from the margin."""
    p = paragraph._p
    ppr_element = p.get_or_add_pPr()
    ppr_element.append(parse_xml(f'<w:ind {nsdecls("w")} w:{indent}="280"/>'))
    ppr_element.append(parse_xml(f'<w:jc {nsdecls("w")} w:val="{align}"/>'))
    fonts = (
        f'<w:rFonts w:ascii="{PAGE_FONT}" w:hAnsi="{PAGE_FONT}"'
        f' w:eastAsia="{PAGE_FONT}" w:cs="{PAGE_FONT}"/>'
    )
    size = f'<w:sz w:val="{PAGE_PT * 2}"/><w:szCs w:val="{PAGE_PT * 2}"/>'
    run_props = f"<w:rPr>{fonts}{size}</w:rPr>"
    # The half-width space either side of the number is widened by 3 pt: a bare space
    # next to a full-width dash is so narrow that the eye reads "—1—".
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
        p.append(parse_xml(xml.replace("<w:r>", f"<w:r {nsdecls('w')}>", 1)))


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
    # The page number's top sits 7 mm below the type area (35 mm - 7 mm = 28 mm from the
    # page edge); a 4号 line is about 6 mm tall, so the footer ends 22 mm from the edge.
    section.footer_distance = Mm(22)
    odd = section.footer
    odd.is_linked_to_previous = False
    odd.paragraphs[0].style = doc.styles["Footer"]
    page_number(odd.paragraphs[0], "right", "right")
    even = section.even_page_footer
    even.is_linked_to_previous = False
    even.paragraphs[0].style = doc.styles["Footer"]
    page_number(even.paragraphs[0], "left", "left")
    sect = section._sectPr
    for old in sect.findall(qn("w:docGrid")):
        sect.remove(old)
    sect.append(
        parse_xml(
            f'<w:docGrid {nsdecls("w")} w:type="linesAndChars" w:linePitch="{LINE}"'
            f' w:charSpace="{CHAR_SPACE}"/>'
        )
    )


# -- body -----------------------------------------------------------------------------


class Builder:
    """Appends template paragraphs to the document body."""

    def __init__(self, doc: Any) -> None:
        self.doc = doc

    def p(self, text: str, style: str = "Normal") -> Any:
        return self.doc.add_paragraph(text, style=self.doc.styles[style])

    def tag(self, tag: str) -> None:
        """A paragraph holding only a ``{%p ... %}`` tag (removed when rendered)."""
        self.p("{%p " + tag + " %}")

    def blocks(self, source: str) -> None:
        """The blocks of ``source``: （一） headings, paragraphs, tables and charts."""
        self.tag(f"for b in {source}")
        self.tag('if b.kind == "h2"')
        self.p("{{ b.text }}", "Heading 2")
        self.tag('elif b.kind == "p"')
        self.p("{{ b.text }}")
        self.tag("else")
        self.p("{{p block(b) }}")
        self.tag("endif")
        self.tag("endfor")


def build_body(b: Builder, outline: str) -> None:
    b.tag(f"set doc = documents.{outline}")
    b.p('{{ doc.title_lines|join("\\n") }}', "Title")
    b.tag("if doc.number")
    b.p("{{ doc.number }}", "Document Number")
    b.tag("endif")
    b.tag("if doc.addressee")
    b.p("{{ doc.addressee }}", "Addressee")
    b.tag("endif")
    b.tag("for text in doc.opening")
    b.p("{{ text }}")
    b.tag("endfor")
    b.tag("for s in doc.sections")
    b.p("{{ s.heading }}", "Heading 1")
    b.blocks("s.blocks")
    b.tag("endfor")
    b.tag("if doc.closing")
    b.p("{{ doc.closing }}")
    b.tag("endif")
    b.p("{{p attachment_note(doc) }}")
    b.p("{{p signature(doc) }}")
    b.tag("for a in doc.attachments")
    b.p("{{ a.label }}", "Attachment Label")
    b.p("{{ a.title }}", "Attachment Title")
    b.blocks("a.blocks")
    b.tag("endfor")


# -- package --------------------------------------------------------------------------

APP_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
    '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/extended-properties"'
    ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
    "<DocSecurity>0</DocSecurity><ScaleCrop>false</ScaleCrop>"
    "<LinksUpToDate>false</LinksUpToDate><SharedDoc>false</SharedDoc>"
    "<HyperlinksChanged>false</HyperlinksChanged></Properties>"
)


def drop_extras(doc: Any) -> None:
    """Leave out python-docx's sample thumbnail and Word 2010's stylesWithEffects copy."""
    package = doc.part.package
    for rid, rel in list(package.rels.items()):
        if rel.reltype.endswith("/thumbnail"):
            package.rels.pop(rid)
    for rid, rel in list(doc.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            doc.part.rels.pop(rid)


def set_properties(doc: Any, outline: str) -> None:
    """Empty title and author, fixed dates: rendering sets them from the document."""
    del outline
    props = doc.core_properties
    props.author = ""
    props.title = ""
    props.last_modified_by = ""
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
    """The same archive with fixed member timestamps and order, and a neutral app.xml."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            member = zipfile.ZipInfo(info.filename, date_time=ZIP_DATE)
            member.compress_type = zipfile.ZIP_DEFLATED
            member.external_attr = 0o644 << 16
            content = source.read(info.filename)
            if info.filename == "docProps/app.xml":
                content = APP_XML.encode()
            target.writestr(member, content)
    return out.getvalue()


def build(outline: str) -> bytes:
    doc = Document()
    drop_extras(doc)
    make_styles(doc)
    add_font_table(doc)
    set_settings(doc)
    set_page(doc)
    body = doc.element.body
    for paragraph in list(body.iterchildren(qn("w:p"))):
        body.remove(paragraph)
    build_body(Builder(doc), outline)
    set_properties(doc, outline)
    buffer = io.BytesIO()
    doc.save(buffer)
    return deterministic_zip(buffer.getvalue())


TEMPLATES = {"plan.docx": "plan", "progress.docx": "progress"}


def main(argv: list[str]) -> int:
    folder = Path(argv[1]) if len(argv) > 1 else DEFAULT_OUT
    folder.mkdir(parents=True, exist_ok=True)
    for name, outline in TEMPLATES.items():
        (folder / name).write_bytes(build(outline))
        print(f"wrote {folder / name}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
