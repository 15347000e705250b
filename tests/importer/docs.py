"""Test helper: Word documents made from plan text with python-docx.

:func:`docx_from_text` turns plain text (one paragraph a line, tab-separated lines a table)
into a .docx, optionally with Word heading styles and Word's own list numbering for the
numbered headings (一、 as 标题 1, （一） as 标题 2), so that the importer reads the numbers
from ``numbering.xml`` rather than from the text. :func:`text_of_docx_layout` is the plain
text Word would save for such a document (tabs between cells).
"""

from __future__ import annotations

import io
import re

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

_CN = re.compile(r"^([一二三四五六七八九十]{1,3})、")
_CN_PAREN = re.compile(r"^([(（])([一二三四五六七八九十]{1,3})([)）])")


def _numbering(document: object, level0: str, level1: str) -> str:
    """Add an abstract numbering (一、 / （一）) and a list using it; return its numId."""
    numbering = document.part.numbering_part.element  # type: ignore[attr-defined]
    abstract = OxmlElement("w:abstractNum")
    abstract.set(qn("w:abstractNumId"), "90")
    for ilvl, text in ((0, level0), (1, level1)):
        lvl = OxmlElement("w:lvl")
        lvl.set(qn("w:ilvl"), str(ilvl))
        for tag, value in (("w:start", "1"), ("w:numFmt", "chineseCounting"), ("w:lvlText", text)):
            child = OxmlElement(tag)
            child.set(qn("w:val"), value)
            lvl.append(child)
        abstract.append(lvl)
    first_num = numbering.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(abstract)
    else:
        numbering.append(abstract)
    num = OxmlElement("w:num")
    num.set(qn("w:numId"), "90")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "90")
    num.append(ref)
    numbering.append(num)
    return "90"


def _number(paragraph: object, num_id: str, ilvl: int) -> None:
    ppr = paragraph._p.get_or_add_pPr()  # type: ignore[attr-defined]
    numpr = OxmlElement("w:numPr")
    level = OxmlElement("w:ilvl")
    level.set(qn("w:val"), str(ilvl))
    ident = OxmlElement("w:numId")
    ident.set(qn("w:val"), num_id)
    numpr.append(level)
    numpr.append(ident)
    ppr.append(numpr)


def docx_from_text(text: str, *, headings: bool = False, numbering: bool = False) -> bytes:
    """A .docx holding ``text``: a paragraph per line, a table per run of tab lines."""
    document = Document()
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    num_id = None
    if numbering:
        paren = next((m for m in map(_CN_PAREN.match, lines) if m), None)
        inner = f"{paren[1]}%2{paren[3]}" if paren else "（%2）"
        num_id = _numbering(document, "%1、", inner)
    i = 0
    while i < len(lines):
        if "\t" in lines[i]:
            rows = []
            while i < len(lines) and "\t" in lines[i]:
                rows.append(lines[i].split("\t"))
                i += 1
            table = document.add_table(rows=len(rows), cols=max(len(r) for r in rows))
            for r, row in enumerate(rows):
                for c, cell in enumerate(row):
                    table.cell(r, c).text = cell
            continue
        line = lines[i]
        i += 1
        level = 1 if _CN.match(line) else 2 if _CN_PAREN.match(line) else 0
        if headings and level:
            title_end = re.search(r"[。:：]", line)
            is_heading = title_end is None or title_end.start() > 30
            if is_heading:
                shown = line
                if num_id is not None:
                    shown = (_CN if level == 1 else _CN_PAREN).sub("", line, count=1)
                paragraph = document.add_paragraph(shown, style=f"Heading {level}")
                if num_id is not None:
                    _number(paragraph, num_id, level - 1)
                continue
        document.add_paragraph(line)
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()
