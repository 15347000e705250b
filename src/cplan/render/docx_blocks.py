"""WordprocessingML for the parts a template cannot size itself: tables, the 落款, the 附件
说明 and charts.

The Word templates call these through :class:`Helpers` (``{{p block(b) }}``,
``{{p signature(doc) }}``, ``{{p attachment_note(doc) }}``); each returns the XML of whole
paragraphs or a table, which docxtpl puts where the tag's paragraph was.

Tables follow GB/T 9704 practice and what a reader checks on paper: the header row is
repeated on every page (``w:tblHeader``), no row is split across pages
(``w:cantSplit``), and the columns are sized from their content so that no figure, date,
percentage or status wraps: those columns get the width of their widest cell, the text
columns share the rest of the 156 mm type width by the length of their text. A table
whose figures do not fit in 小四 (12 pt), or leave its text columns fewer than eight
characters, is set in 五号 (10.5 pt), and one that still does not fit (a target table of
nine columns with units such as 平方米/人) in 小五 (9 pt); a header takes two lines only
when even that does not fit.
"""

from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Mapping, Sequence
from typing import Any
from xml.sax.saxutils import escape

from markupsafe import Markup

from cplan.render.wording import is_wide, width

TEXT_WIDTH = 8844  # 156 mm in twips
CHAR = 316  # one character of the body grid (156 mm / 28), twips
CELL_MARGIN = 85  # left and right cell padding, twips (1.5 mm)
SLACK = 60  # twips kept free in a no-wrap column: glyphs are not all exactly half an em
ASCII_EM = 0.55  # a half-width character, in ems (CJK fonts' Latin is 0.5–0.6 em)
MIN_TEXT_EMS = 4  # a text column is never narrower than four characters
ROOMY_EMS = 8  # … and, where the figures leave room, not narrower than eight
TABLE_SIZES = (12.0, 10.5, 9.0)  # 小四, then 五号, then 小五
BORDER = '<w:{side} w:val="single" w:sz="4" w:space="0" w:color="000000"/>'


#: Half-width characters whose glyphs in CJK fonts are narrower or wider than a digit.
_NARROW = {",": 0.3, ".": 0.3, ":": 0.3, " ": 0.3, "%": 0.9}


def ems(text: str) -> float:
    """Width of ``text`` in ems of its font: CJK and ambiguous-width signs (—, ×) 1, digits
    :data:`ASCII_EM`, a few signs narrower or wider."""
    return sum(
        1.0 if is_wide(ch) or unicodedata.east_asian_width(ch) == "A" else _NARROW.get(ch, ASCII_EM)
        for ch in text
    )


def _longest_run(text: str) -> float:
    """The widest part of ``text`` a line cannot break: a run of Latin letters or digits."""
    best = 0.0
    run = 0.0
    for ch in text:
        if is_wide(ch) or ch.isspace():
            best = max(best, run, 1.0 if is_wide(ch) else 0.0)
            run = 0.0
        else:
            run += ASCII_EM
    return max(best, run)


def column_widths(
    columns: Sequence[Mapping[str, Any]],
    rows: Sequence[Sequence[str]],
    size_pt: float,
    wrap_headers: bool = False,
    roomy: bool = False,
) -> list[int] | None:
    """Column widths in twips filling :data:`TEXT_WIDTH`, or None when the no-wrap columns
    do not fit at ``size_pt`` (see the module docstring). ``wrap_headers`` lets a
    header take two lines; ``roomy`` asks each text column for :data:`ROOMY_EMS`
    characters (or its whole text, if shorter)."""
    em = size_pt * 20
    pad = 2 * CELL_MARGIN + SLACK
    count = len(columns)
    cells = [[str(row[i]) if i < len(row) else "" for row in rows] for i in range(count)]
    fixed: dict[int, int] = {}
    natural: dict[int, float] = {}
    minimum: dict[int, float] = {}
    for i, column in enumerate(columns):
        header = str(column["title"])
        lines = 2 if wrap_headers else 1
        header_need = max(math.ceil(ems(header) / lines), _longest_run(header), 2.0)
        if column.get("align") in ("right", "center"):
            widest = max([ems(text) for text in cells[i]] + [header_need])
            fixed[i] = math.ceil(widest * em + pad)
        else:
            natural[i] = max([ems(text) for text in cells[i]] + [ems(header)]) * em + pad
            floor = max([_longest_run(t) for t in cells[i]] + [header_need, MIN_TEXT_EMS])
            floor = max(floor, ROOMY_EMS) if roomy else floor
            minimum[i] = min(floor * em + pad, natural[i])
    rest = TEXT_WIDTH - sum(fixed.values())
    if rest < sum(minimum.values()):
        return None
    widths: dict[int, float] = {i: float(w) for i, w in fixed.items()}
    if natural:
        widths.update(_share(rest, natural, minimum))
    else:
        extra = rest / count
        widths = {i: w + extra for i, w in widths.items()}
    result = [int(widths[i]) for i in range(count)]
    result[-1] += TEXT_WIDTH - sum(result)
    return result


def _share(
    room: float, natural: Mapping[int, float], minimum: Mapping[int, float]
) -> dict[int, float]:
    """Split ``room`` between text columns by their natural width, none below its minimum."""
    if sum(natural.values()) <= room:
        extra = room - sum(natural.values())
        total = sum(natural.values())
        return {i: w + extra * w / total for i, w in natural.items()}
    fixed: dict[int, float] = {}
    free = dict(natural)
    while True:
        left = room - sum(fixed.values())
        total = sum(free.values())
        trial = {i: left * w / total for i, w in free.items()}
        short = {i: minimum[i] for i, w in trial.items() if w < minimum[i]}
        if not short:
            return {**fixed, **trial}
        fixed.update(short)
        for i in short:
            free.pop(i)
        if not free:
            return fixed


def _run(text: str, size_pt: float | None, bold: bool = False) -> str:
    props = ""
    if size_pt is not None or bold:
        size = (
            f'<w:sz w:val="{round(size_pt * 2)}"/><w:szCs w:val="{round(size_pt * 2)}"/>'
            if size_pt
            else ""
        )
        props = f"<w:rPr>{'<w:b/>' if bold else ''}{size}</w:rPr>"
    lines = '</w:t><w:br/><w:t xml:space="preserve">'.join(escape(t) for t in text.split("\n"))
    return f'<w:r>{props}<w:t xml:space="preserve">{lines}</w:t></w:r>'


def _cell(
    text: str, twips: int, style: str, align: str, size_pt: float | None, span: int = 1
) -> str:
    merge = f'<w:gridSpan w:val="{span}"/>' if span > 1 else ""
    return (
        f'<w:tc><w:tcPr><w:tcW w:w="{twips}" w:type="dxa"/>{merge}<w:vAlign w:val="center"/></w:tcPr>'
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/><w:jc w:val="{align}"/></w:pPr>'
        f"{_run(text, size_pt) if text else ''}</w:p></w:tc>"
    )


def _row(cells: str, header: bool = False) -> str:
    repeat = "<w:tblHeader/>" if header else ""
    return f'<w:tr><w:trPr><w:cantSplit/>{repeat}<w:jc w:val="center"/></w:trPr>{cells}</w:tr>'


def table_xml(spec: Mapping[str, Any]) -> str:
    """A table block of an outline as ``w:tbl`` XML (see the module docstring)."""
    columns: Sequence[Mapping[str, Any]] = spec["columns"]
    rows: list[Sequence[str]] = list(spec["rows"])
    total: Sequence[str] | None = spec.get("total")
    measured = rows + ([total] if total else [])
    size: float | None = None
    widths = None
    # Headers on one line first (小四, then 五号; text columns roomy, then narrower): a
    # header broken a character at a time ("实际/值") reads badly. Two-line headers only
    # when nothing else fits.
    normal, small, smallest = TABLE_SIZES
    trials = [(z, False, roomy) for roomy in (True, False) for z in (normal, small)]
    trials += [(smallest, False, True), (smallest, False, False)]
    trials += [(z, True, roomy) for roomy in (True, False) for z in TABLE_SIZES]
    for size_pt, wrap, roomy in trials:
        widths = column_widths(columns, measured, size_pt, wrap, roomy)
        if widths is not None:
            size = None if size_pt == TABLE_SIZES[0] else size_pt
            break
    if widths is None:  # even 五号 does not fit: share the width by natural length
        size = TABLE_SIZES[-1]
        natural = [
            max([ems(str(c["title"]))] + [ems(str(r[i])) for r in measured if i < len(r)]) + 1
            for i, c in enumerate(columns)
        ]
        widths = [int(TEXT_WIDTH * n / sum(natural)) for n in natural]
    borders = "".join(
        BORDER.format(side=side)
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    grid = "".join(f'<w:gridCol w:w="{w}"/>' for w in widths)
    table_props = (
        "<w:tbl><w:tblPr>"
        f'<w:tblW w:w="{sum(widths)}" w:type="dxa"/><w:jc w:val="center"/>'
        f"<w:tblBorders>{borders}</w:tblBorders>"
        '<w:tblLayout w:type="fixed"/>'
        f'<w:tblCellMar><w:left w:w="{CELL_MARGIN}" w:type="dxa"/>'
        f'<w:right w:w="{CELL_MARGIN}" w:type="dxa"/></w:tblCellMar>'
        '<w:tblLook w:val="04A0" w:firstRow="1" w:lastRow="0" w:firstColumn="1"'
        ' w:lastColumn="0" w:noHBand="0" w:noVBand="1"/>'
        f"</w:tblPr><w:tblGrid>{grid}</w:tblGrid>"
    )
    parts = [
        table_props,
        _row(
            "".join(
                _cell(str(c["title"]), w, "TableHeading", "center", size)
                for c, w in zip(columns, widths, strict=True)
            ),
            header=True,
        ),
    ]
    aligns = [str(c.get("align", "left")) for c in columns]
    for row in rows:
        parts.append(
            _row(
                "".join(
                    _cell(str(row[i]) if i < len(row) else "", w, "TableText", aligns[i], size)
                    for i, w in enumerate(widths)
                )
            )
        )
    if total:
        cells = []
        merged = len(total) > 1 and total[0] == "" and total[1] == "合计"
        if merged:
            cells.append(
                _cell("合计", widths[0] + widths[1], "TableHeading", "center", size, span=2)
            )
        for i, w in enumerate(widths):
            if merged and i < 2:
                continue
            text = str(total[i]) if i < len(total) else ""
            label = text == "合计"
            cells.append(
                _cell(
                    text,
                    w,
                    "TableHeading" if label else "TableText",
                    "center" if label else aligns[i],
                    size,
                )
            )
        parts.append(_row("".join(cells)))
    parts.append("</w:tbl>")
    note = spec.get("unit")
    intro = spec.get("lead")
    lead = _paragraph("Normal", str(intro), "<w:keepNext/>") if intro else ""
    if note:
        lead += _paragraph("TableText", str(note), '<w:keepNext/><w:jc w:val="right"/>')
    return lead + "".join(parts)


def _paragraph(style: str, text: str, extra: str = "") -> str:
    return (
        f'<w:p><w:pPr><w:pStyle w:val="{style}"/>{extra}</w:pPr>'
        f"{_run(text, None) if text else ''}</w:p>"
    )


def _blank(keep: bool = True) -> str:
    return _paragraph("Normal", "", "<w:keepNext/>" if keep else "")


def signature_xml(issuer: str | None, day: str) -> str:
    """落款 without a seal: a blank line, the issuer, the date (GB/T 9704 7.3.5.3).

    The issuer is right-aligned two characters from the margin; the date starts two
    characters to the right of where the issuer starts; when the date is the longer,
    the issuer moves left so that the date still ends two characters from the margin.
    """
    date_w = width(day)
    if not issuer:
        right_date = 2.0
        return _blank() + _paragraph(
            "Signature", day, f'<w:ind w:right="{round(right_date * CHAR)}"/>'
        )
    issuer_w = width(issuer)
    right_issuer = max(2.0, 4.0 + date_w - issuer_w)
    right_date = right_issuer + issuer_w - 2.0 - date_w
    return (
        _blank()
        + _paragraph(
            "Signature",
            issuer,
            f'<w:keepNext/><w:ind w:right="{round(right_issuer * CHAR)}"/>',
        )
        + _paragraph("Signature", day, f'<w:ind w:right="{round(right_date * CHAR)}"/>')
    )


def attachment_note_xml(lines: Sequence[str]) -> str:
    """附件说明: a blank line, then 附件：1. … two characters in, later items aligned."""
    if not lines:
        return ""
    out = [_blank(), _paragraph("AttachmentNote", lines[0], "<w:keepNext/>")]
    out += [_paragraph("AttachmentNoteContinued", line, "<w:keepNext/>") for line in lines[1:]]
    return "".join(out)


class Helpers:
    """The functions the Word templates call; ``picture`` adds an image part (a chart)."""

    def __init__(self, picture: Callable[[bytes, int], str]) -> None:
        self._picture = picture

    def block(self, block: Mapping[str, Any]) -> Markup:
        kind = block.get("kind")
        if kind == "table":
            return Markup(table_xml(block["table"]))
        if kind == "chart":
            from cplan.render.charts import draw

            png, mm_width = draw(block["chart"])
            drawing = self._picture(png, mm_width)
            return Markup(
                '<w:p><w:pPr><w:pStyle w:val="Figure"/></w:pPr>'
                f"<w:r><w:drawing>{drawing}</w:drawing></w:r></w:p>"
            )
        if kind in ("p", "h2"):
            style = "Heading2" if kind == "h2" else "Normal"
            return Markup(_paragraph(style, str(block.get("text", ""))))
        return Markup("")

    def signature(self, doc: Mapping[str, Any]) -> Markup:
        return Markup(signature_xml(doc.get("issuer"), str(doc.get("date", ""))))

    def attachment_note(self, doc: Mapping[str, Any]) -> Markup:
        return Markup(attachment_note_xml(list(doc.get("attachment_note") or [])))

    def functions(self) -> dict[str, Callable[..., Markup]]:
        return {
            "block": self.block,
            "signature": self.signature,
            "attachment_note": self.attachment_note,
        }


def picture_adder(template: Any) -> Callable[[bytes, int], str]:
    """A function adding a PNG to the part being rendered; returns its ``wp:inline`` XML."""
    from docx.shared import Mm

    def add(png: bytes, mm_width: int) -> str:
        part = template.current_rendering_part
        inline = part.new_pic_inline(io.BytesIO(png), Mm(mm_width), None)
        return str(inline.xml)

    return add


__all__ = [
    "Helpers",
    "attachment_note_xml",
    "column_widths",
    "ems",
    "picture_adder",
    "signature_xml",
    "table_xml",
]
