"""The document as the extractors see it: paragraphs with their place in the outline.

:class:`Scan` holds every paragraph of the plan's body with the kind of section it stands
in, the years dates are read in, the units named so far, and which sentences some item
was taken from (so that what is left is kept as prose).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from cplan.importer.blocks import Block
from cplan.importer.draft import Source, UnitItem
from cplan.importer.outline import Node, analysis_text
from cplan.importer.text import Years, shorten
from cplan.model.common import ID_PATTERN


@dataclass
class Para:
    """One paragraph (or table row) of the body."""

    block: Block
    text: str  # analysis text, numbering included
    body: str  # analysis text without the numbering
    node: Node | None  # the outline node the paragraph heads, or stands under
    section: str | None  # kind of the top-level section
    local: str | None  # kind of the nearest classified heading above it
    heading: bool  # the paragraph is a numbered item or heading

    @property
    def number(self) -> int:
        return self.block.number

    def source(self, start: int = 0, end: int | None = None) -> Source:
        """A source for the piece ``body[start:end]`` (the whole paragraph by default)."""
        original = self.block.text
        offset = len(original) - len(self.body)
        piece = original[offset + start : offset + (len(self.body) if end is None else end)]
        return Source(self.number, shorten(piece.strip(" ,，。;；")))


_EXAMPLE = re.compile(r"以[^,，。]{1,12}为例|例如|比如|譬如")


@dataclass
class Scan:
    paras: list[Para]
    years: Years
    units: dict[str, UnitItem] = field(default_factory=dict)
    used: dict[int, set[int]] = field(default_factory=dict)
    whole: set[int] = field(default_factory=set)

    def use(self, para: Para, start: int = -1) -> None:
        """Mark a sentence (by its start in ``para.body``), or the whole paragraph (-1)."""
        if start < 0:
            self.whole.add(para.number)
        else:
            self.used.setdefault(para.number, set()).add(start)

    def table_rows(
        self, header: Callable[[tuple[str, ...]], dict[str, int] | None]
    ) -> Iterator[tuple[Para, dict[str, int], bool]]:
        """The rows of every table whose first row ``header`` reads as a header, each with
        the header's columns; the header row comes first (flagged ``True``), marked used."""
        columns: dict[str, int] | None = None
        table: int | None = None
        for para in self.paras:
            block = para.block
            if not block.is_row:
                continue
            if block.table != table:
                table, columns = block.table, None
            if columns is None:
                columns = header(block.cells)
                if columns is not None:
                    self.use(para)
                    yield para, columns, True
                continue
            yield para, columns, False

    def in_sections(self, *kinds: str) -> list[Para]:
        return [p for p in self.paras if p.section in kinds or p.local in kinds]

    def example(self, para: Para, position: int) -> bool:
        """Whether the sentence at ``position`` gives an example of elsewhere ("以某市为例")."""
        before = para.body[:position]
        previous = [p for p in self.paras if p.node is para.node and p.number < para.number]
        context = (previous[-1].body[-80:] if previous else "") + before
        return _EXAMPLE.search(context) is not None

    def unit(self, name: str, source: Source) -> str:
        """The id of the unit ``name`` (added when new)."""
        name = clean_name(name)
        key = name
        if key not in self.units:
            self.units[key] = UnitItem(
                id=make_id(name), name=name, kind=unit_kind(name), source=source
            )
        return self.units[key].id


#: One character an identifier may hold (the second class of ``ID_PATTERN``).
_ID_CHAR = re.compile("[" + ID_PATTERN[ID_PATTERN.index("][") + 2 : ID_PATTERN.rindex("]")] + "]")


def make_id(name: str) -> str:
    """An identifier from a name: the name itself, brackets and dashes turned into ``-``,
    and nothing an identifier may not hold (see :data:`cplan.model.common.ID_PATTERN`)."""
    text = re.sub(r"[()（）\[\]【】〔〕<>《》—–~/\\]+", "-", name)
    ident = "".join(ch for ch in text if _ID_CHAR.fullmatch(ch))
    ident = re.sub(r"-{2,}", "-", ident).strip("-.·・")[:64].rstrip("-.·・")
    return ident or "x"


def clean_name(name: str) -> str:
    """A unit's name without spaces and surrounding punctuation (brackets kept when paired)."""
    name = re.sub(r"\s+", "", name).strip(",，、:：;；。")
    while name and name[0] in "(（" and not re.search(r"[)）]", name[1:]):
        name = name[1:]
    while name and name[-1] in ")）" and not re.search(r"[(（]", name[:-1]):
        name = name[:-1]
    return name


_UNIT_KINDS = (
    ("社区", "社区"),
    ("居委会", "社区"),
    ("村", "村"),
    ("街道", "街道"),
    ("镇", "镇"),
    ("乡", "乡"),
    ("中心", "中心"),
    ("县级市", "县级市"),
    ("政府", "政府"),
    ("区", "区"),
    ("县", "县"),
    ("市", "市"),
)
_DEPARTMENT = re.compile(r"(局|委|办|部|厅|署|院|所|联|会|队|站|处|科|公司|分局|办公室|中心)$")


def unit_kind(name: str) -> str | None:
    """The kind of a unit as its name says: 部门, 街道, 社区, 区, …"""
    if _DEPARTMENT.search(name) and not name.endswith(("居委会", "服务中心")):
        return "部门"
    for suffix, kind in _UNIT_KINDS:
        if name.endswith(suffix):
            return kind
    return None


def build_paras(root: Node) -> list[Para]:
    """Every paragraph of the outline in order, with its section."""
    out: list[Para] = []

    def visit(node: Node, section: str | None, local: str | None) -> None:
        kind = node.kind or local
        if node.block is not None:
            text = analysis_text(node.block.text)
            body = analysis_text(node.text)
            out.append(Para(node.block, text, body, node, section, kind, True))
        for block in node.paras:
            text = analysis_text(block.text)
            out.append(Para(block, text, text, node, section, kind, False))
        for child in node.children:
            visit(
                child,
                section if node.block is not None else child.kind,
                kind if node.block is not None else child.kind,
            )

    visit(root, None, None)
    out.sort(key=lambda p: p.number)
    return out
