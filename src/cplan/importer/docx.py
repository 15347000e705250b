"""Reading a .docx: paragraphs and tables in order, list numbering, heading styles.

python-docx gives the package, the styles and the numbering definitions; the body is
walked here so that paragraphs and tables come in reading order (content controls
included, deleted revisions and text boxes left out). Word's automatic numbering
(一、 （一） 1. ①, from ``numbering.xml``) is written out in front of the text, as Word
shows it, so that a numbered list reads like a typed one.

Before python-docx opens anything the zip is inspected: too many members, a member that
would expand more than 100-fold past 1 MiB, or more than 128 MiB in all is a zip bomb;
an encrypted member, a missing ``word/document.xml`` or a broken zip is refused.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from cplan.importer.blocks import BlockList, Document
from cplan.importer.reading import ImportFailed
from cplan.read.zipbounds import ZIP_ERRORS, ZipLimits, oversize

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MAX_MEMBERS = 5000
_MAX_TOTAL = 128 * 1024 * 1024
_MAX_RATIO = 100
_LIMITS = ZipLimits(parts=_MAX_MEMBERS, uncompressed=_MAX_TOTAL, ratio=_MAX_RATIO)
_SKIPPED = {f"{_W}del", f"{_W}moveFrom", f"{_W}txbxContent", f"{_W}delText"}


def check_zip(data: bytes, shown: str) -> None:
    """Refuse a zip bomb, an encrypted or broken package before anything is expanded."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        members = archive.infolist()
    except ZIP_ERRORS as error:
        raise ImportFailed("import.corrupt", path=shown, reason=str(error)) from None
    if oversize(members, _LIMITS) is not None:
        raise ImportFailed("import.zip_bomb", path=shown)
    if any(member.flag_bits & 0x1 for member in members):
        raise ImportFailed("import.encrypted", path=shown)
    names = {member.filename for member in members}
    if "word/document.xml" not in names:
        if "mimetype" in names and b"opendocument" in _small_member(archive, "mimetype"):
            raise ImportFailed("import.old_format", path=shown, format="OpenDocument (.odt)")
        raise ImportFailed("import.not_word", path=shown)


def _small_member(archive: zipfile.ZipFile, name: str) -> bytes:
    """The first bytes of a member, or nothing if it cannot be read."""
    try:
        with archive.open(name) as member:
            return member.read(100)
    except ZIP_ERRORS:
        return b""


def read_docx(data: bytes, shown: str) -> Document:
    """Blocks of a .docx (see the module's notes)."""
    check_zip(data, shown)
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError, zipfile.BadZipFile) as error:
        raise ImportFailed("import.corrupt", path=shown, reason=str(error) or "?") from None
    except Exception as error:  # noqa: BLE001 - lxml's XMLSyntaxError, zlib.error and kin
        raise ImportFailed("import.corrupt", path=shown, reason=type(error).__name__) from None
    try:
        reader = _Reader(document)
        reader.walk(document.element.body)
    except Exception as error:  # noqa: BLE001 - any damage found while walking the body
        reason = str(error) or type(error).__name__
        raise ImportFailed("import.corrupt", path=shown, reason=reason) from None
    return Document(tuple(reader.out.blocks), "docx")


@dataclass(frozen=True)
class _Level:
    fmt: str
    text: str
    start: int


class _Numbering:
    """Word's list numbering: the label each numbered paragraph shows."""

    def __init__(self, document: Any) -> None:
        self.abstract: dict[str, dict[int, _Level]] = {}
        self.nums: dict[str, tuple[str, dict[int, int]]] = {}
        self.counters: dict[str, list[int | None]] = {}
        try:
            root = document.part.numbering_part.element
        except (NotImplementedError, KeyError, AttributeError):
            return
        for abstract in root.iterchildren(f"{_W}abstractNum"):
            levels: dict[int, _Level] = {}
            for lvl in abstract.iterchildren(f"{_W}lvl"):
                levels[_int(lvl.get(f"{_W}ilvl"), 0)] = _Level(
                    _val(lvl, "numFmt") or "decimal",
                    _val(lvl, "lvlText") or "",
                    _int(_val(lvl, "start"), 1),
                )
            self.abstract[abstract.get(f"{_W}abstractNumId", "")] = levels
        for num in root.iterchildren(f"{_W}num"):
            overrides = {}
            for override in num.iterchildren(f"{_W}lvlOverride"):
                start = _val(override, "startOverride")
                if start is not None:
                    overrides[_int(override.get(f"{_W}ilvl"), 0)] = _int(start, 1)
            self.nums[num.get(f"{_W}numId", "")] = (_val(num, "abstractNumId") or "", overrides)

    def label(self, num_id: str, ilvl: int) -> str:
        if num_id not in self.nums or not 0 <= ilvl <= 8:
            return ""
        abstract_id, overrides = self.nums[num_id]
        levels = self.abstract.get(abstract_id, {})
        level = levels.get(ilvl)
        if level is None:
            return ""
        counters = self.counters.setdefault(num_id, [None] * 9)
        current = counters[ilvl]
        counters[ilvl] = overrides.get(ilvl, level.start) if current is None else current + 1
        for deeper in range(ilvl + 1, 9):
            counters[deeper] = None
        text = level.text
        for k in range(9, 0, -1):
            if f"%{k}" in text:
                shown_level = levels.get(k - 1, level)
                value = counters[k - 1]
                if value is None:
                    value = overrides.get(k - 1, shown_level.start)
                text = text.replace(f"%{k}", _format_number(value, shown_level.fmt))
        return "" if level.fmt == "bullet" else text


_CN = "〇一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_CIRCLED = "⓪①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"


def _format_number(value: int, fmt: str) -> str:
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwanCounting"):
        return _cn_count(value, _CN)
    if fmt == "chineseLegalSimplified":
        return _cn_count(value, _CN_LEGAL).replace("十", "拾")
    if fmt in ("ideographDigital", "taiwanDigital", "japaneseDigitalTenThousand"):
        return "".join(_CN[int(d)] for d in str(value))
    if fmt == "ideographTraditional" and 1 <= value <= 10:
        return _TIANGAN[value - 1]
    if fmt.startswith("decimalEnclosed") and 0 <= value <= 20:
        return _CIRCLED[value]
    if fmt == "decimalFullWidth":
        return "".join(chr(ord(d) + 0xFEE0) for d in str(value))
    if fmt == "decimalZero":
        return f"{value:02d}"
    if fmt in ("upperLetter", "lowerLetter") and value >= 1:
        letter = chr(ord("A") + (value - 1) % 26) * ((value - 1) // 26 + 1)
        return letter if fmt == "upperLetter" else letter.lower()
    if fmt in ("upperRoman", "lowerRoman") and 1 <= value < 4000:
        roman = _roman(value)
        return roman if fmt == "upperRoman" else roman.lower()
    if fmt in ("none", "bullet"):
        return ""
    return str(value)


def _cn_count(value: int, digits: str) -> str:
    if value < 10:
        return digits[value]
    if value < 20:
        return "十" + (digits[value % 10] if value % 10 else "")
    if value < 100:
        return digits[value // 10] + "十" + (digits[value % 10] if value % 10 else "")
    return str(value)


def _roman(value: int) -> str:
    out = ""
    for number, letters in (
        (1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
        (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"),
    ):  # fmt: skip
        while value >= number:
            out += letters
            value -= number
    return out


def _val(element: Any, tag: str) -> str | None:
    child = element.find(f"{_W}{tag}")
    return None if child is None else child.get(f"{_W}val")


def _int(text: str | None, default: int) -> int:
    try:
        return int(text) if text is not None else default
    except ValueError:
        return default


class _Reader:
    def __init__(self, document: Any) -> None:
        self.out = BlockList()
        self.numbering = _Numbering(document)
        self.styles: dict[str, Any] = {}
        try:
            root = document.styles.element
        except AttributeError:  # pragma: no cover - python-docx always has styles
            root = None
        if root is not None:
            for style in root.iterchildren(f"{_W}style"):
                self.styles[style.get(f"{_W}styleId", "")] = style
        self.default_style = next(
            (
                style_id
                for style_id, style in self.styles.items()
                if style.get(f"{_W}type") == "paragraph"
                and style.get(f"{_W}default") in ("1", "true")
            ),
            None,
        )

    def walk(self, container: Any) -> None:
        for child in container.iterchildren():
            if child.tag == f"{_W}p":
                self.paragraph(child)
            elif child.tag == f"{_W}tbl":
                self.table(child)
            elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
                content = child.find(f"{_W}sdtContent")
                self.walk(content if content is not None else child)

    # -- paragraphs ---------------------------------------------------------------------

    def paragraph(self, p: Any) -> None:
        text = _text_of(p)
        if not text.strip():
            return
        style_chain = list(self._style_chain(p))
        heading = self._heading(p, style_chain)
        title = any(_style_name(style).lower() in ("title", "标题") for style in style_chain[:1])
        label = self._label(p, style_chain)
        lines = text.split("\n")
        lines[0] = label + lines[0]
        for i, line in enumerate(lines):
            self.out.paragraph(line.replace("\t", " "), heading if i == 0 else None, title=title)

    def _style_chain(self, p: Any) -> Iterator[Any]:
        ppr = p.find(f"{_W}pPr")
        style_id = _val(ppr, "pStyle") if ppr is not None else None
        seen: set[str] = set()
        current = style_id or self.default_style
        while current and current in self.styles and current not in seen:
            seen.add(current)
            style = self.styles[current]
            yield style
            current = _val(style, "basedOn")

    def _heading(self, p: Any, chain: list[Any]) -> int | None:
        ppr = p.find(f"{_W}pPr")
        outline = _val(ppr, "outlineLvl") if ppr is not None else None
        if outline is None:
            for style in chain:
                name = _style_name(style).lower().replace(" ", "")
                for prefix in ("heading", "标题"):
                    if name.startswith(prefix) and name[len(prefix) :].isdigit():
                        return int(name[len(prefix) :])
                spr = style.find(f"{_W}pPr")
                outline = _val(spr, "outlineLvl") if spr is not None else None
                if outline is not None:
                    break
        level = _int(outline, 9)
        return level + 1 if 0 <= level <= 8 else None

    def _label(self, p: Any, chain: list[Any]) -> str:
        for holder in [p, *chain]:
            ppr = holder.find(f"{_W}pPr")
            numpr = ppr.find(f"{_W}numPr") if ppr is not None else None
            if numpr is not None:
                num_id = _val(numpr, "numId")
                if num_id is None or num_id == "0":
                    return ""
                return self.numbering.label(num_id, _int(_val(numpr, "ilvl"), 0))
        return ""

    # -- tables -------------------------------------------------------------------------

    def table(self, tbl: Any) -> None:
        rows: list[list[str]] = []
        above: dict[int, str] = {}
        for tr in tbl.iterchildren(f"{_W}tr"):
            row: list[str] = []
            column = 0
            for tc in _cells(tr):
                tcpr = tc.find(f"{_W}tcPr")
                span = _int(_val(tcpr, "gridSpan"), 1) if tcpr is not None else 1
                merge = tcpr.find(f"{_W}vMerge") if tcpr is not None else None
                if merge is not None and merge.get(f"{_W}val") in (None, "continue"):
                    text = above.get(column, "")
                else:
                    text = " ".join(
                        part
                        for part in (_text_of(p).replace("\n", " ") for p in tc.iter(f"{_W}p"))
                        if part.strip()
                    )
                above[column] = text
                row.append(text.replace("\t", " "))
                column += span
            rows.append(row)
        self.out.table(rows)


def _cells(tr: Any) -> Iterator[Any]:
    for child in tr.iterchildren():
        if child.tag == f"{_W}tc":
            yield child
        elif child.tag in (f"{_W}sdt", f"{_W}customXml"):
            content = child.find(f"{_W}sdtContent")
            yield from _cells(content if content is not None else child)


def _style_name(style: Any) -> str:
    return _val(style, "name") or ""


def _text_of(p: Any) -> str:
    """A paragraph's visible text: runs, tabs and line breaks; no deletions, no text boxes."""
    parts: list[str] = []
    for element in p.iter(f"{_W}t", f"{_W}tab", f"{_W}br", f"{_W}cr", f"{_W}noBreakHyphen"):
        if any(ancestor.tag in _SKIPPED for ancestor in element.iterancestors()):
            continue
        tag = element.tag
        if tag == f"{_W}t":
            parts.append(element.text or "")
        elif tag == f"{_W}tab":
            if element.getparent() is not None and element.getparent().tag == f"{_W}r":
                parts.append("\t")
        elif tag == f"{_W}noBreakHyphen":
            parts.append("-")
        elif element.get(f"{_W}type") in (None, "textWrapping"):
            parts.append("\n")
    return "".join(parts)
