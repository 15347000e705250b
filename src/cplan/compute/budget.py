"""The amount of every budget line, exactly, per unit where a line is counted per unit.

Formulas (each result rounded half-up to the fen, 0.01 元, once, at the end of its line):

* fixed: ``amount`` (per unit when the line names units);
* rate: ``rate × quantity × period``, where the quantity is a number or a quantity named
  in each unit's ``quantities`` and is bounded by ``quantity_min`` (paid at least this
  many, e.g. 100 people), ``quantity_max`` (paid at most this many, e.g. 200 people) and
  ``quantity_above`` (only what exceeds it counts, e.g. people above 100);
* percent: ``percent × (sum of the lines named in of)``.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from decimal import (
    ROUND_HALF_UP,
    Context,
    Decimal,
    Inexact,
    InvalidOperation,
    Overflow,
    Rounded,
)
from fractions import Fraction

from cplan.model import BudgetLine, Plan, Unit

#: Arithmetic for money that never rounds: amounts have at most 30 digits and quantities
#: at most 16, far inside 100 digits of precision (Decimal's default is only 28).
EXACT = Context(prec=100, Emax=999_999, Emin=-999_999, traps=[InvalidOperation, Overflow])


def exact_sum(values: Iterable[Decimal]) -> Decimal:
    """The sum of ``values``, with no rounding whatever their size."""
    total = Decimal(0)
    for value in values:
        total = EXACT.add(total, value)
    return total


# ---------------------------------------------------------------------------
# fen (分, 0.01 元): the one place amounts are turned into whole fen and back
# ---------------------------------------------------------------------------


def _fen_fraction(amount: Decimal | Fraction) -> Fraction:
    if isinstance(amount, Decimal) and not amount.is_finite():
        raise ValueError(f"amount {amount} is not a finite number")
    return Fraction(amount) * 100


def fen_of(amount: Decimal | Fraction) -> int:
    """An amount in 元 as a whole number of fen; ValueError if it is not whole fen."""
    if isinstance(amount, Decimal) and amount.is_finite():
        try:  # the common case, in decimal arithmetic that may not round
            scaled = amount.scaleb(2, _FEN)
        except ArithmeticError:
            pass  # too many digits for it: exactly, as a fraction, below
        else:
            whole = int(scaled)
            if scaled != whole:
                raise ValueError(f"amount {amount} is not a whole number of fen")
            return whole
    scaled_fraction = _fen_fraction(amount)
    if scaled_fraction.denominator != 1:
        raise ValueError(f"amount {amount} is not a whole number of fen")
    return scaled_fraction.numerator


#: Decimal arithmetic for :func:`round_to_fen`: up to 100 digits, or it signals.
_FEN_QUANTIZE = Context(prec=100, Emax=999_999, Emin=-999_999, traps=[InvalidOperation, Overflow])
_FEN_STEP = Decimal("0.01")
#: Decimal arithmetic for :func:`fen_of` that signals any rounding instead of rounding.
_FEN = Context(
    prec=100, Emax=999_999, Emin=-999_999, traps=[InvalidOperation, Overflow, Rounded, Inexact]
)


def from_fen(fen: int) -> Decimal:
    """Whole fen back to 元 with two decimals (exact: built from text, not by division)."""
    return Decimal(f"{fen}E-2")


def round_to_fen(amount: Decimal | Fraction) -> Decimal:
    """Round to the fen, half up (四舍五入: halves away from zero), exactly, never in floats."""
    if isinstance(amount, Decimal) and amount.is_finite():
        try:  # the common case, in decimal arithmetic that signals instead of losing digits
            rounded = amount.quantize(_FEN_STEP, ROUND_HALF_UP, _FEN_QUANTIZE)
        except ArithmeticError:
            pass  # too many digits for it: exactly, as a fraction, below
        else:
            return rounded if rounded else from_fen(0)
    scaled = _fen_fraction(amount)
    whole, rest = divmod(abs(scaled.numerator), scaled.denominator)
    if 2 * rest >= scaled.denominator:
        whole += 1
    return from_fen(whole if scaled >= 0 else -whole)


#: The older name of :func:`round_to_fen`, kept for callers that import it.
to_fen = round_to_fen


@dataclass(frozen=True)
class LineAmount:
    """One line's amount, for one unit when the line is counted per unit."""

    line: str
    unit: str | None
    amount: Decimal
    quantity: Decimal | None = None


@dataclass(frozen=True)
class BudgetFigures:
    """Every line's amounts, and the lines that could not be computed (a rule says why)."""

    amounts: Mapping[str, tuple[LineAmount, ...]]
    uncomputed: frozenset[str]

    def line_total(self, line_id: str) -> Decimal | None:
        if line_id in self.uncomputed or line_id not in self.amounts:
            return None
        return exact_sum(a.amount for a in self.amounts[line_id])

    def by_unit(self) -> dict[str | None, Decimal]:
        """Totals per unit (``None``: lines not counted per unit), in first-seen order."""
        totals: dict[str | None, Decimal] = {}
        for parts in self.amounts.values():
            for part in parts:
                totals[part.unit] = EXACT.add(totals.get(part.unit, Decimal(0)), part.amount)
        return totals

    def by_line_field(self, plan: Plan, field: str) -> dict[str | None, Decimal]:
        """Totals grouped by a budget-line field such as ``category``, ``year`` or ``fund``."""
        lines = {line.id: line for line in plan.budget.lines} if plan.budget else {}
        totals: dict[str | None, Decimal] = {}
        for line_id, parts in self.amounts.items():
            value = getattr(lines[line_id], field)
            key = None if value is None else str(value)
            totals[key] = EXACT.add(
                totals.get(key, Decimal(0)), exact_sum(part.amount for part in parts)
            )
        return totals

    @property
    def total(self) -> Decimal:
        return exact_sum(a.amount for parts in self.amounts.values() for a in parts)


def line_units(line: BudgetLine, units: Mapping[str, Unit]) -> list[Unit] | None:
    """The units a line is counted for, in plan order, or None for a single plan-wide line."""
    if not line.units and line.unit_kind is None:
        return None
    named = set(line.units)
    return [
        unit
        for unit_id, unit in units.items()
        if unit_id in named or (line.unit_kind is not None and unit.kind == line.unit_kind)
    ]


def effective_quantity(line: BudgetLine, raw: Decimal) -> Decimal:
    """A raw quantity after the line's floor, ceiling and threshold."""
    quantity = raw
    if line.quantity_min is not None:
        quantity = max(quantity, line.quantity_min)
    if line.quantity_max is not None:
        quantity = min(quantity, line.quantity_max)
    if line.quantity_above is not None:
        quantity = max(EXACT.subtract(quantity, line.quantity_above), Decimal(0))
    return quantity


def _raw_quantity(line: BudgetLine, unit: Unit | None) -> Decimal | None:
    if line.quantity is None:
        return Decimal(1)
    if isinstance(line.quantity, Decimal):
        return line.quantity
    if unit is None:
        return None
    return unit.quantities.get(line.quantity)


def _direct(line: BudgetLine, unit: Unit | None) -> LineAmount | None:
    unit_id = unit.id if unit else None
    if line.amount is not None:
        return LineAmount(line.id, unit_id, line.amount)
    assert line.rate is not None
    raw = _raw_quantity(line, unit)
    if raw is None:
        return None
    quantity = effective_quantity(line, raw)
    period = line.period if line.period is not None else Decimal(1)
    amount = EXACT.multiply(EXACT.multiply(line.rate, quantity), period)
    return LineAmount(line.id, unit_id, round_to_fen(amount), quantity)


def _order(lines: Mapping[str, BudgetLine]) -> Iterator[str]:
    """Lines in an order where every percent line follows the lines it is a percent of."""
    done: set[str] = set()
    visiting: set[str] = set()

    def visit(line_id: str) -> Iterator[str]:
        if line_id in done or line_id in visiting or line_id not in lines:
            return
        visiting.add(line_id)
        for dependency in lines[line_id].of:
            yield from visit(dependency)
        visiting.discard(line_id)
        done.add(line_id)
        yield line_id

    for line_id in lines:
        yield from visit(line_id)


def compute_budget(plan: Plan) -> BudgetFigures:
    """Every budget line's amounts. Lines with a broken reference are left uncomputed."""
    if plan.budget is None:
        return BudgetFigures({}, frozenset())
    lines = {line.id: line for line in plan.budget.lines}
    units = {unit.id: unit for unit in plan.units}
    amounts: dict[str, tuple[LineAmount, ...]] = {}
    uncomputed: set[str] = set()
    for line_id in _order(lines):
        line = lines[line_id]
        if line.percent is not None:
            bases = [amounts.get(dep) for dep in line.of]
            if any(base is None for base in bases) or line_id in line.of:
                uncomputed.add(line_id)
                continue
            base_total = exact_sum(a.amount for base in bases if base for a in base)
            amount = round_to_fen(Fraction(base_total) * line.percent)
            amounts[line_id] = (LineAmount(line_id, None, amount),)
            continue
        if any(unit_id not in units for unit_id in line.units):
            uncomputed.add(line_id)  # a unit that does not exist has no amount (CP301)
            continue
        scope = line_units(line, units)
        parts = [_direct(line, unit) for unit in (scope if scope is not None else [None])]
        if any(part is None for part in parts):
            uncomputed.add(line_id)
            continue
        amounts[line_id] = tuple(part for part in parts if part is not None)
    uncomputed.update(line_id for line_id in lines if line_id not in amounts)
    return BudgetFigures(amounts, frozenset(uncomputed))
