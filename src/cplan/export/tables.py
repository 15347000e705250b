"""The tables ``cplan export`` writes: their names, columns and column types.

Engine-neutral: a column's kind says what it holds, and each writer turns the kind into
its own type (Parquet ``DECIMAL(20,2)`` for money, ``DATE`` for dates). docs/export.md
describes every table and column named here; a test keeps the two the same.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Literal

Kind = Literal["text", "int", "bool", "date", "money", "measure"]

#: Money: DECIMAL(20,2), whole fen, up to 18 digits of yuan.
MONEY_DIGITS, MONEY_SCALE = 20, 2
#: Measured values, weights and percentages: DECIMAL(38,10).
MEASURE_DIGITS, MEASURE_SCALE = 38, 10


@dataclass(frozen=True)
class Column:
    name: str
    kind: Kind


def _columns(spec: str) -> tuple[Column, ...]:
    """``"file plan_id position:int"`` → columns (text unless a kind follows the name)."""
    columns = []
    for word in spec.split():
        name, _, kind = word.partition(":")
        columns.append(Column(name, kind or "text"))  # type: ignore[arg-type]
    return tuple(columns)


def _dated(name: str) -> str:
    """A date as written and the first and last day it names."""
    return f"{name}_text {name}_start:date {name}_end:date"


_KEY = "file plan_id"

#: Every table, in the order written, with its columns in order.
TABLES: dict[str, tuple[Column, ...]] = {
    "plans": _columns(
        f"{_KEY} title issuer level area status version {_dated('period')} {_dated('issued')}"
        " declared_total:money budget_total:money unfunded:money"
        " exported money_withheld unfit:int errors:int warnings:int"
    ),
    "units": _columns(f"{_KEY} unit_id position:int name kind parent_id sharing own_plan_id note"),
    "funders": _columns(f"{_KEY} funder_id position:int name level fund pledge:money"),
    "targets": _columns(
        f"{_KEY} target_id position:int name kind family measure_unit"
        f" baseline_value:measure {_dated('baseline')} target_value:measure"
        f" target_change:measure {_dated('deadline')} owner_id weight:measure note"
    ),
    "actuals": _columns(
        f"{_KEY} target_id position:int value:measure {_dated('date')} source note"
    ),
    "phases": _columns(
        f"{_KEY} phase_id position:int name {_dated('when')} owner_id"
        f" done:bool {_dated('done')} deliverables"
    ),
    "tasks": _columns(
        f"{_KEY} phase_id position:int name owner_id {_dated('due')} {_dated('started')}"
        f" done:bool {_dated('done')}"
    ),
    "committees": _columns(f"{_KEY} committee_id position:int name kind parent_id size:int"),
    "members": _columns(
        f"{_KEY} committee_id position:int member_id name role sector unit_id title"
    ),
    "duties": _columns(
        f"{_KEY} position:int task owner_id support_ids target_id phase_id {_dated('due')}"
    ),
    "budget_lines": _columns(
        f"{_KEY} line_id position:int name category year:int fund formula"
        " fixed_amount:money rate:money per quantity:measure quantity_name period:measure"
        " percent:measure declared:money amount:money note"
    ),
    "shares": _columns(f"{_KEY} line_id unit_id funder_id position:int fund amount:money"),
    "receipts": _columns(
        f"{_KEY} line_id position:int funder_id amount:money {_dated('date')} unit_id document note"
    ),
    "expenses": _columns(
        f"{_KEY} line_id position:int amount:money {_dated('date')} unit_id document note"
    ),
    "findings": _columns(
        f"{_KEY} line:int column:int end_line:int end_column:int severity code message"
        " cross_file:bool"
    ),
}

#: What a row is: one value per column, in order (None for an empty cell).
Cell = str | int | bool | Decimal | object | None
