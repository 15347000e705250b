"""What stays text: the sections mapped to the plan's prose parts, the rest kept whole.

背景, 指导思想, 基本原则, 工作措施 (主要任务, 重点任务…) and 工作要求 (保障措施…) go to their
places in ``sections``; paragraphs of other sections that no item was taken from are kept
as ``sections.other`` under their own heading, so nothing of the document is lost.
"""

from __future__ import annotations

from cplan.importer.blocks import Block
from cplan.importer.draft import Prose
from cplan.importer.outline import Node
from cplan.importer.scan import Scan
from cplan.importer.text import sentences

_LISTS = ("principles", "measures", "requirements")
_EXTRACTED = ("targets", "phases", "committees", "duties", "budget")


def _kept(block: Block, scan: Scan) -> bool:
    """Whether a paragraph still says something no item was taken from."""
    if block.number in scan.whole:
        return False
    used = scan.used.get(block.number)
    if not used:
        return True
    para = next((p for p in scan.paras if p.number == block.number), None)
    if para is None:
        return True
    return any(
        start not in used and len(text.strip(" 。,;:")) > 8 for start, text in sentences(para.body)
    )


def _lines(blocks: list[Block]) -> str:
    return "\n".join(block.text for block in blocks)


def collect_prose(root: Node, scan: Scan) -> Prose:
    prose = Prose()
    preamble = [b for b in root.paras if b.number not in scan.whole]
    if preamble:
        prose.background.append(_lines(preamble))
        prose.paragraphs += len(preamble)
    for node in root.children:
        kind = node.kind
        title = node.title or node.text[:20]
        if kind in ("background", "guidance"):
            blocks = [
                b for b in node.blocks() if b is not node.block and b.number not in scan.whole
            ]
            if node.lead:
                blocks.insert(0, Block(node.block.number if node.block else 0, node.lead))
            if blocks:
                getattr(prose, kind).append(_lines(blocks))
                prose.paragraphs += len(blocks)
            continue
        if kind in _LISTS:
            items = _items(node, scan)
            getattr(prose, kind).extend(items)
            prose.paragraphs += sum(1 for b in node.blocks() if b is not node.block)
            continue
        blocks = [b for b in node.blocks() if b is not node.block]
        if node.lead:
            blocks.insert(0, Block(node.block.number if node.block else 0, node.lead))
        if kind in _EXTRACTED:
            blocks = [b for b in blocks if _kept(b, scan)]
        if blocks:
            prose.other.append((title, _lines(blocks)))
            prose.paragraphs += len(blocks)
    return prose


def _items(node: Node, scan: Scan) -> list[str]:
    items: list[str] = []
    if node.lead:
        items.append(node.lead)
    items.extend(block.text for block in node.paras if block.number not in scan.whole)
    for child in node.children:
        parts = [child.text]
        parts.extend(
            b.text for b in child.blocks() if b is not child.block and b.number not in scan.whole
        )
        items.append("\n".join(parts))
    return items
