"""What the extractors found, before it is written as YAML: plain values with sources.

Every item names the paragraph it came from (:class:`Source`) and carries the guesses
made for it (``checks``: field → why it must be looked at, "" for the item as a whole).
Nothing here knows YAML; :mod:`cplan.importer.writer` writes it.
"""

from __future__ import annotations

import datetime as _dt
from dataclasses import dataclass, field
from decimal import Decimal


@dataclass(frozen=True)
class Source:
    """The paragraph (¶ number) a value came from, and a short quote of it."""

    number: int
    quote: str


@dataclass(kw_only=True)
class Item:
    source: Source
    checks: dict[str, str] = field(default_factory=dict)

    def check(self, name: str, note: str) -> None:
        """Mark ``name`` ("" for the whole item) as a guess to be looked at."""
        if note:
            self.checks[name] = f"{self.checks[name]}; {note}" if name in self.checks else note


@dataclass(kw_only=True)
class Identity(Item):
    id: str
    title: str
    issuer: str | None = None
    level: str | None = None
    period: str
    status: str = "草案"
    issued: str | None = None
    doc_number: str | None = None
    recipients: str | None = None
    sources: dict[str, Source] = field(default_factory=dict)


@dataclass(kw_only=True)
class TargetItem(Item):
    id: str
    name: str
    kind: str
    unit: str = ""
    value: Decimal | None = None
    change: str | None = None
    baseline: Decimal | None = None
    baseline_date: str | None = None
    deadline: str
    owner: str | None = None
    note: str | None = None


@dataclass(kw_only=True)
class PhaseItem(Item):
    id: str
    name: str
    when: str
    start: _dt.date | None = None
    end: _dt.date | None = None
    dated: bool = True
    tasks: list[str] = field(default_factory=list)
    owner: str | None = None


@dataclass(kw_only=True)
class MemberItem:
    name: str | None
    role: str
    title: str | None = None
    unit: str | None = None
    source: Source | None = None


@dataclass(kw_only=True)
class CommitteeItem(Item):
    id: str
    name: str
    kind: str
    parent: str | None = None
    size: int | None = None
    composition: dict[str, int] = field(default_factory=dict)
    roles: dict[str, int] = field(default_factory=dict)
    members: list[MemberItem] = field(default_factory=list)
    responsibilities: list[str] = field(default_factory=list)
    note: str | None = None


@dataclass(kw_only=True)
class UnitItem(Item):
    id: str
    name: str
    kind: str | None = None


@dataclass(kw_only=True)
class DutyItem(Item):
    task: str
    owner: str
    support: list[str] = field(default_factory=list)
    due: str | None = None


@dataclass(kw_only=True)
class FunderItem(Item):
    id: str
    name: str
    level: str | None = None


@dataclass(kw_only=True)
class LineItem(Item):
    id: str
    name: str
    amount: str | None = None  # as written for the draft: "83.5万元"
    amount_value: Decimal | None = None
    rate: str | None = None
    per: str | None = None
    quantity: Decimal | None = None
    period: Decimal | None = None
    declared: str | None = None
    note: str | None = None


@dataclass(kw_only=True)
class SharingItem(Item):
    funders: list[str] = field(default_factory=list)
    ratio: str | None = None
    fixed: dict[str, str] = field(default_factory=dict)
    remainder: str | None = None


@dataclass(kw_only=True)
class NormItem(Item):
    category: str
    per_unit: int
    unit_kind: str | None = None


@dataclass
class Prose:
    """The sections kept as text."""

    background: list[str] = field(default_factory=list)
    guidance: list[str] = field(default_factory=list)
    principles: list[str] = field(default_factory=list)
    measures: list[str] = field(default_factory=list)
    requirements: list[str] = field(default_factory=list)
    other: list[tuple[str, str]] = field(default_factory=list)
    paragraphs: int = 0


@dataclass
class Extraction:
    """Everything found in one document."""

    identity: Identity
    prose: Prose = field(default_factory=Prose)
    units: list[UnitItem] = field(default_factory=list)
    funders: list[FunderItem] = field(default_factory=list)
    targets: list[TargetItem] = field(default_factory=list)
    phases: list[PhaseItem] = field(default_factory=list)
    committees: list[CommitteeItem] = field(default_factory=list)
    duties: list[DutyItem] = field(default_factory=list)
    lines: list[LineItem] = field(default_factory=list)
    total: str | None = None
    total_value: Decimal | None = None
    total_source: Source | None = None
    total_checks: list[str] = field(default_factory=list)
    sharing: SharingItem | None = None
    budget_rules: list[str] = field(default_factory=list)
    budget_notes: list[tuple[Source, str]] = field(default_factory=list)
    norms: list[NormItem] = field(default_factory=list)
    left_out: list[tuple[Source, str]] = field(default_factory=list)
