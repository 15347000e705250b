"""The Word documents: docxtpl templates rendered with the sandboxed Jinja environment.

:func:`render_docx` fills a ``.docx`` template (the built-in ``plan.docx`` and
``progress.docx`` are made by ``scripts/make_docx_template.py``) with the context from
:func:`cplan.render.context.report_data` and returns the document's bytes. The built-in
templates lay out the outlines in ``documents`` (:mod:`cplan.render.documents`); they call
the helpers ``block``, ``signature`` and ``attachment_note``
(:mod:`cplan.render.docx_blocks`), which size tables, the 落款 and charts from their
content. Whatever the template, no table row is split across pages in the result, and
the document's properties are the document's: title, author = the issuer, dates = the
as-of date.

Templates never compute money: they only format it, with the filters below (all pure
formatting): ``yuan`` ("1234567.8" → "1,234,567.80"), ``wan`` ("11328400" → "1132.84万元",
or in 元 with ``wan("元")``), ``percent`` ("64.29" → "64.29%"), ``dash`` (None → "—"),
``hanzi`` (3 → "三", for "（三）" headings), ``cn_date`` ("2026-09-30" → "2026年9月30日"),
``cn`` (plan text in Chinese print: full-width punctuation) and ``severity``
("error" → "错误").
"""

from __future__ import annotations

import html
import io
import re
from collections.abc import Callable, Mapping
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

import jinja2

from cplan import messages
from cplan.errors import CplanError
from cplan.render import wording
from cplan.render.templates import ReportError, as_report_error, check_template, environment

DASH = "—"
NOT_DOCX = "模板不是有效的 .docx 文件"

_SEVERITIES = {"error": "错误", "warning": "警告", "info": "提示", "hint": "提示"}


def yuan(value: object) -> str:
    """Money with thousands separators and two decimals: "1234567.80" → "1,234,567.80"."""
    if value is None or value == "":
        return DASH
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return messages.yuan(amount)


def percent(value: object) -> str:
    """A percentage string from the context with its sign: "64.29" → "64.29%"."""
    if value is None or value == "":
        return DASH
    return f"{value}%"


def dash(value: object) -> object:
    """An em dash for a missing value (None or empty), the value itself otherwise."""
    if value is None or value == "":
        return DASH
    return value


def hanzi(value: object) -> str:
    """A small count in Chinese numerals, for "（一）" headings: 1 → "一", 12 → "十二"."""
    return wording.hanzi(value)


def wan(value: object, unit: str = "万元") -> str:
    """An amount in 元 (text from the context) written in ``unit``: "11328400" → "1132.84万元"."""
    if value is None or value == "":
        return DASH
    try:
        amount = Decimal(str(value))
    except InvalidOperation:
        return str(value)
    return wording.money(amount, unit)


def cn_date(value: object) -> str:
    """An ISO date as officials write it: "2026-09-30" → "2026年9月30日"."""
    if value is None or value == "":
        return DASH
    try:
        day = value if isinstance(value, date) else date.fromisoformat(str(value))
    except ValueError:
        return str(value)
    return f"{day.year}年{day.month}月{day.day}日"


def severity(value: object) -> str:
    """A diagnostic's severity in Chinese: "error" → "错误"."""
    return _SEVERITIES.get(str(value), str(value))


FILTERS: dict[str, Callable[..., Any]] = {
    "yuan": yuan,
    "percent": percent,
    "dash": dash,
    "hanzi": hanzi,
    "wan": wan,
    "cn": wording.cn,
    "cn_date": cn_date,
    "severity": severity,
}


def _jinja_error(error: BaseException) -> Exception | None:
    """The Jinja error behind ``error``, following ``__cause__``/``__context__``."""
    seen: set[int] = set()
    current: BaseException | None = error
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if isinstance(current, jinja2.TemplateError):
            return current
        current = current.__cause__ or current.__context__
    return None


def _paragraph_text(doc: Any, line: int | None) -> str | None:
    """The template text on ``line`` of the Jinja source docxtpl made from the XML part.

    docxtpl puts every ``<w:p>`` on its own line before handing the XML to Jinja, so the
    line number Jinja reports points to a paragraph; the XML line itself means nothing
    to a template author, the paragraph's text does.
    """
    part = getattr(doc, "current_rendering_part", None)
    if line is None or part is None:
        return None
    try:
        main = doc.docx.part
        xml = doc.get_xml() if part is main else doc.get_part_xml(part)
        source = re.sub(r"<w:p([ >])", r"\n<w:p\1", doc.patch_xml(xml))
        lines = source.splitlines()
        if not 1 <= line <= len(lines):
            return None
        text = html.unescape(re.sub(r"<[^>]+>", "", lines[line - 1])).strip()
    except Exception:  # noqa: BLE001 (best effort only: never hide the real error)
        return None
    if not text:
        return None
    return text if len(text) <= 80 else text[:77] + "…"


def _report_error(error: Exception, doc: Any, name: str) -> ReportError:
    problem = as_report_error(error, name)
    where = _paragraph_text(doc, problem.line)
    message = f"{problem.detail} (所在段落: {where})" if where else problem.detail
    # The line is a line of docxtpl's generated XML, not something in the .docx a
    # person can find: name the paragraph's text instead.
    return ReportError(name, message)


def render_docx(template: Path, context: Mapping[str, Any], document: str | None = None) -> bytes:
    """Render the ``.docx`` ``template`` with ``context`` and return the document's bytes.

    ``document`` (``plan`` or ``progress``) names the outline whose title, issuer and
    date become the document's properties. Raises :class:`ReportError` (naming the
    template file) when the template is not a Word document or its Jinja tags are wrong:
    syntax errors, undefined variables, operations the sandbox forbids.
    """
    from docxtpl import DocxTemplate

    from cplan.render.docx_blocks import Helpers, picture_adder

    name = template.name
    if not template.is_file():
        raise ReportError(str(template), "模板文件不存在")
    check_template(template)  # size, zip bomb, a link out of its folder (SECURITY.md)
    doc = DocxTemplate(template)
    try:
        doc.init_docx()
    # Not a zip, no [Content_Types].xml, a workbook, broken XML: python-docx raises
    # PackageNotFoundError, BadZipFile, KeyError, ValueError or lxml's errors.
    except Exception as exc:
        raise ReportError(name, NOT_DOCX) from exc

    env = environment(template.parent, autoescape=True)
    env.filters.update(FILTERS)
    helpers = Helpers(picture_adder(doc))
    try:
        doc.render({**context, **helpers.functions()}, env, autoescape=True)
    except CplanError:
        raise  # a template error already, or one of cplan's own (no chart font): as is
    except Exception as exc:
        cause = _jinja_error(exc) or exc
        raise _report_error(cause, doc, name) from exc

    keep_rows_whole(doc.docx)
    set_properties(doc.docx, context, document)
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def keep_rows_whole(document: Any) -> None:
    """No table row may break across a page: ``w:cantSplit`` on every row."""
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    for row in document.element.body.iter(qn("w:tr")):
        props = row.find(qn("w:trPr"))
        if props is None:
            props = OxmlElement("w:trPr")
            row.insert(0 if row.find(qn("w:tblPrEx")) is None else 1, props)
        if props.find(qn("w:cantSplit")) is None:
            props.insert(0, OxmlElement("w:cantSplit"))


def set_properties(document: Any, context: Mapping[str, Any], name: str | None) -> None:
    """Title, author (the issuer) and dates (the as-of date) of the document."""
    from datetime import datetime

    outlines = context.get("documents")
    outline = outlines.get(name) if isinstance(outlines, Mapping) and name else None
    plan = context.get("plan") if isinstance(context.get("plan"), Mapping) else {}
    props = document.core_properties
    if isinstance(outline, Mapping):
        props.title = str(outline.get("title") or "")
        props.author = str(outline.get("issuer") or "")
    elif plan:
        props.title = str(plan.get("title") or "")
        props.author = str(plan.get("issuer") or "")
    props.last_modified_by = props.author
    try:
        day = date.fromisoformat(str(context.get("as_of")))
    except ValueError:
        return
    stamp = datetime(day.year, day.month, day.day)
    props.created = stamp
    props.modified = stamp
    props.last_printed = stamp


__all__ = ["FILTERS", "keep_rows_whole", "render_docx", "set_properties"]
