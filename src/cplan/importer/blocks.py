"""The neutral form every reader produces: a document as a list of blocks.

A block is one paragraph, or one row of a table, numbered in reading order (the ¶ number
the draft's comments cite). A .docx and the plain text Word saves from it ("另存为纯文本":
one line per paragraph, the cells of a table row separated by tabs) give the same blocks,
so both import to the same draft.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Block:
    """One paragraph or table row.

    ``number`` is the ¶ number (1-based; every non-empty paragraph and row counts);
    ``heading`` the level a Word heading style or outline level gives (1 = 标题 1), None
    when the style says nothing; ``cells`` the cells of a table row (empty for a
    paragraph) and ``table`` which table it belongs to (numbered from 1); ``title`` marks
    Word's Title style.
    """

    number: int
    text: str
    heading: int | None = None
    cells: tuple[str, ...] = ()
    table: int | None = None
    title: bool = False

    @property
    def is_row(self) -> bool:
        return self.table is not None


@dataclass(frozen=True)
class Document:
    """A document as read: its blocks, what kind of file it was, and its encoding."""

    blocks: tuple[Block, ...]
    kind: str  # "docx" or "text"
    encoding: str | None = None


class BlockList:
    """Collects blocks in reading order, numbering the non-empty ones."""

    def __init__(self) -> None:
        self.blocks: list[Block] = []
        self._tables = 0

    def paragraph(self, text: str, heading: int | None = None, *, title: bool = False) -> None:
        text = clean(text)
        if text:
            self.blocks.append(Block(len(self.blocks) + 1, text, heading, title=title))

    def table(self, rows: list[list[str]]) -> None:
        kept = [[clean(cell) for cell in row] for row in rows]
        kept = [row for row in kept if any(row)]
        if not kept:
            return
        self._tables += 1
        for row in kept:
            text = "\t".join(row)
            self.blocks.append(Block(len(self.blocks) + 1, text, None, tuple(row), self._tables))


_SPACES = " \t\u3000\u00a0\u2002\u2003\u2009\u200b\ufeff"


def clean(text: str) -> str:
    """One paragraph's text: no surrounding space (full-width included), runs of space one."""
    out = []
    previous_space = False
    for ch in text.strip(_SPACES):
        space = ch in _SPACES
        if space and previous_space:
            continue
        out.append(" " if space else ch)
        previous_space = space
    return "".join(out)
