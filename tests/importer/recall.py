"""Extraction recall against hand-made lists (``tests/importer/expected/*.yaml``).

Each expected file names its source (``seeds/…`` under the shared folder, or
``samples/…`` here), the part of a collection, and what a careful reader finds in it:
targets with their target value, phases with both dates, the names in rosters and the
budget items with their exact amounts. Recall is how many of those the imported *draft*
(the YAML a user gets, read back) holds, per kind. Used by the tests and by
``benchmarks/bench_import.py``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import yaml

from cplan.importer import ImportResult, import_file
from cplan.model.values import DateSpan, parse_money, parse_span

HERE = Path(__file__).resolve().parent
EXPECTED = HERE / "expected"
SAMPLES = HERE / "samples"
#: The shared folder beside the project (developer machines and CI; not for users).
SHARED = HERE.parents[2] / "shared"
SEEDS = SHARED / "seeds"
KINDS = ("targets", "phases", "roster", "budget")
YEAR = 2026


@dataclass
class Case:
    name: str
    path: Path
    part: int | None
    expected: dict[str, Any]

    @property
    def available(self) -> bool:
        return self.path.is_file()


def cases(prefix: str = "") -> list[Case]:
    out = []
    for file in sorted(EXPECTED.glob(f"{prefix}*.yaml")):
        data = yaml.safe_load(file.read_text(encoding="utf-8"))
        source = str(data["source"])
        base = SHARED if source.startswith("seeds/") else HERE
        out.append(Case(file.stem, base / source, data.get("part"), data))
    return out


def run(case: Case) -> ImportResult:
    return import_file(case.path, year=YEAR, part=case.part)


def _norm(text: object) -> str:
    return re.sub(r"[\s,，、()（）:：“”\"]", "", str(text))


def _close(a: object, b: object) -> bool:
    x, y = _norm(a), _norm(b)
    return bool(x) and bool(y) and (x in y or y in x)


def _number(value: object) -> Decimal | None:
    try:
        return Decimal(str(value))
    except ArithmeticError:
        return None


@dataclass
class Score:
    found: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    expected: dict[str, int] = field(default_factory=lambda: dict.fromkeys(KINDS, 0))
    missed: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for kind in KINDS:
            self.found[kind] += other.found[kind]
            self.expected[kind] += other.expected[kind]
        self.missed.extend(other.missed)

    def recall(self, kind: str) -> float:
        return self.found[kind] / self.expected[kind] if self.expected[kind] else 1.0


def score(case: Case, text: str) -> Score:
    """What of ``case.expected`` the draft ``text`` holds."""
    data = yaml.safe_load(text) or {}
    result = Score()
    for kind, matcher in (
        ("targets", _targets),
        ("phases", _phases),
        ("roster", _roster),
        ("budget", _budget),
    ):
        wanted = case.expected.get(kind) or []
        pool = matcher(data)
        for item in wanted:
            result.expected[kind] += 1
            hit = next((k for k, got in enumerate(pool) if _match(kind, item, got)), None)
            if hit is None:
                result.missed.append(f"{case.name}: {kind} {item}")
            else:
                result.found[kind] += 1
                pool.pop(hit)
    return result


def _targets(data: dict[str, Any]) -> list[dict[str, Any]]:
    return [t for t in data.get("targets") or [] if isinstance(t, dict)]


def _phases(data: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for phase in data.get("phases") or []:
        span = _span(phase.get("when"))
        if span is not None:
            out.append({"name": phase.get("name"), "start": span.start, "end": span.end})
    return out


def _span(value: object) -> DateSpan | None:
    try:
        return parse_span(value)
    except ValueError:  # pydantic's PydanticCustomError is a ValueError
        return None


def _roster(data: dict[str, Any]) -> list[str]:
    return [
        str(m["name"])
        for c in data.get("committees") or []
        for m in c.get("members") or []
        if m.get("name")
    ]


def _budget(data: dict[str, Any]) -> list[dict[str, Any]]:
    budget = data.get("budget") or {}
    out: list[dict[str, Any]] = []
    for line in budget.get("lines") or []:
        raw = line.get("amount", line.get("rate"))
        if raw is not None:
            out.append({"name": line.get("name"), "amount": parse_money(raw)})
    if budget.get("total") is not None:
        out.append({"name": "合计", "amount": parse_money(budget["total"]), "total": True})
    return out


def _match(kind: str, want: Any, got: Any) -> bool:
    if kind == "roster":
        return _norm(want) == _norm(got)
    if kind == "targets":
        goal = got.get("target") or {}
        if "change" in want:
            same = _norm(goal.get("change")) == _norm(want["change"])
        else:
            same = _number(goal.get("value")) == _number(want["value"])
        return same and _close(want["name"], got.get("name"))
    if kind == "phases":
        return (
            str(got["start"]) == str(want["start"])
            and str(got["end"]) == str(want["end"])
            and _close(want["name"], got["name"])
        )
    amount = _number(want["amount"])
    if bool(want.get("total")) != bool(got.get("total")):
        return False
    return got["amount"] == amount and (
        bool(want.get("total")) or _close(want["name"], got["name"])
    )


def measure(selected: list[Case]) -> Score:
    total = Score()
    for case in selected:
        total.add(score(case, run(case).text))
    return total
