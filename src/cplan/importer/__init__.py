"""``cplan import``: a Word (.docx) or plain text 工作方案 → a commented draft plan.

The pipeline, one room per module::

    file ──reading/docx──▶ blocks ──outline──▶ sections, numbered items
         ──identity/targets/phases/people/money/duties/prose──▶ Extraction
         ──writer──▶ commented YAML ──cplan.check──▶ findings

:func:`import_file` runs it and returns an :class:`ImportResult`: the draft's text, its
check, the findings that are inconsistencies of the source document (a total its items
do not add up to, phases out of order, a roster whose count differs from the stated
size) and the counts of what was extracted and what was kept as prose. It never prints,
never writes and never exits; a file that cannot be imported raises
:class:`~cplan.importer.reading.ImportFailed`.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from cplan.diagnostics import Diagnostic
from cplan.importer.blocks import Document
from cplan.importer.draft import Extraction
from cplan.importer.outline import Part, split_parts
from cplan.importer.reading import ImportFailed, read_document

if TYPE_CHECKING:
    from cplan.config import Settings

__all__ = ["ImportFailed", "ImportResult", "import_document", "import_file"]

#: Findings that mean the source document contradicts itself (money first).
SOURCE_CODES = (
    "CP205",
    "CP206",
    "CP504",
    "CP201",
    "CP202",
    "CP203",
    "CP204",
    "CP401",
    "CP403",
    "CP404",
    "CP601",
    "CP603",
)
_DATE_CODES = ("CP401", "CP403", "CP404", "CP603")
#: What a draft line says when its dates were not in the source (not the source's fault).
_PLACED = ("原文未写起止时间", "日期空白", "只写了完成期限", "未写完成期限", "未写基线日期")


@dataclass(frozen=True)
class ImportResult:
    """One import: the draft, its findings and what was found."""

    text: str
    path: str
    source_findings: list[Diagnostic]
    other_findings: list[Diagnostic]
    counts: dict[str, int]
    line_sources: dict[int, tuple[int, str]] = field(default_factory=dict)
    parts: int = 1

    def origin_of(self, line: int) -> tuple[int, str] | None:
        """The ¶ and quote of the source that the draft's ``line`` came from (the nearest
        line at or above it that names one)."""
        for candidate in range(line, 0, -1):
            if candidate in self.line_sources:
                return self.line_sources[candidate]
        return None

    def value_at(self, line: int) -> str:
        """The draft's ``line`` without its comment: ``total: 101.7万元``."""
        lines = self.text.split("\n")
        text = lines[line - 1] if 0 < line <= len(lines) else ""
        return text.split("  #", 1)[0].strip().lstrip("- ")


def import_file(
    path: Path,
    *,
    output: str = "plan.yaml",
    year: int | None = None,
    part: int | None = None,
    settings: Settings | None = None,
) -> ImportResult:
    """Import the plan in ``path`` (.docx or text). ``output`` names the draft in findings,
    ``year`` reads dates written without a year (or masked, "20xx"), ``part`` picks a plan
    of a collection, and the draft is checked under ``settings`` as ``cplan validate``
    would check it."""
    document = read_document(path)
    return import_document(
        document, path.name, output=output, year=year, part=part, settings=settings
    )


def import_document(
    document: Document,
    name: str,
    *,
    output: str = "plan.yaml",
    year: int | None = None,
    part: int | None = None,
    settings: Settings | None = None,
) -> ImportResult:
    """Import a document already read into blocks (see :func:`import_file`)."""
    from cplan.check import check_text
    from cplan.importer.extract import extract
    from cplan.importer.writer import write_yaml

    parts = _parts(document, name, part)
    chosen = parts[0] if part is None else parts[part - 1]
    extraction = extract(chosen.blocks, chosen.label, year)
    written = write_yaml(extraction, name if len(parts) == 1 else f"{name} ({chosen.label})")
    checked = check_text(written.text, output, settings, Path(output))
    lines = written.text.split("\n")
    source: list[Diagnostic] = []
    other: list[Diagnostic] = []
    for diagnostic in checked.diagnostics:
        line = lines[diagnostic.line - 1] if 0 < diagnostic.line <= len(lines) else ""
        guessed = diagnostic.code in _DATE_CODES and any(words in line for words in _PLACED)
        (source if diagnostic.code in SOURCE_CODES and not guessed else other).append(diagnostic)
    source.sort(key=lambda d: (SOURCE_CODES.index(d.code), d.line))
    counts = _counts(extraction, written.text)
    return ImportResult(written.text, output, source, other, counts, written.sources, len(parts))


def _parts(document: Document, name: str, part: int | None) -> list[Part]:
    """The plans in the document; a collection needs ``part``."""
    parts = split_parts(document.blocks)
    if part is None and len(parts) > 1:
        labels = f"{parts[0].label} … {parts[-1].label}"
        raise ImportFailed("import.parts", path=name, count=len(parts), labels=labels)
    if part is not None and not 1 <= part <= len(parts):
        raise ImportFailed("import.no_such_part", path=name, part=part, count=len(parts))
    return parts


def _counts(ex: Extraction, text: str) -> dict[str, int]:
    """How much of each kind was extracted, and how much was kept as text."""
    members = [m for c in ex.committees for m in c.members]
    return {
        "targets": len(ex.targets),
        "targets_valued": sum(1 for t in ex.targets if t.value is not None or t.change is not None),
        "phases": len(ex.phases),
        "phases_dated": sum(
            1
            for p in ex.phases
            if isinstance(p.start, _dt.date) and isinstance(p.end, _dt.date) and p.dated
        ),
        "committees": len(ex.committees),
        "members": len(members),
        "members_named": sum(1 for m in members if m.name),
        "lines": len(ex.lines),
        "total": int(ex.total is not None),
        "sharing": int(ex.sharing is not None),
        "funders": len(ex.funders),
        "duties": len(ex.duties),
        "units": len(ex.units),
        "norms": len(ex.norms),
        "prose_sections": (
            sum(1 for part in (ex.prose.background, ex.prose.guidance) if part)
            + sum(
                1
                for part in (ex.prose.principles, ex.prose.measures, ex.prose.requirements)
                if part
            )
            + len(ex.prose.other)
        ),
        "prose_paragraphs": ex.prose.paragraphs,
        "checks": text.count("待核实："),
    }
