"""Who pays what: every budget line amount split between its funders, exact to the fen.

Rounding
    Amounts are handled as whole fen (分, 0.01 元) in integers; nothing is ever a float.
    A split is rounded by the largest-remainder method: each exact share is floored to the
    fen and the fen left over go one by one to the parts with the largest fractional
    remainders (ties: the earlier part).  So the parts add up *exactly* to the whole, each
    part is within one fen of its exact share, and a zero part gets exactly 0.

Which sharing applies to a line amount (precedence)
    a. the line's own ``sharing``, if it has one (unit ratios are then not used);
    b. otherwise the budget's default ``sharing``.  If that default is a ratio sharing and
       the line amount is for a unit that has a ``sharing`` ratio, or whose ``parent``
       chain leads to a unit that has one, the ratio of the nearest such unit (the unit
       itself first, then its parent, its parent's parent, ...) replaces the default
       ratio, read against the default's funders in order (市:区 = 4:6 written on 天河区
       applies to 天河区's centres).  :func:`ratio_holder` finds that unit; a parent
       chain that loops (rule CP303) or names no unit (CP301) ends the search.  Unit
       ratios are not used when the default is fixed + remainder;
    c. otherwise nobody pays: the line amount is *unfunded*.
    A unit ratio that no line amount uses is reported by rule CP508 (see
    :func:`unit_ratio_uses`), so a ratio is never ignored silently.

Ratio sharing
    Each line amount is split on its own with :func:`split_by_ratio`.  A ratio with a
    negative part, with parts summing to 0, or (for a unit ratio) with a different number
    of parts than the default's funders is a ``bad_ratio`` problem; that line amount is
    skipped.

Fixed + remainder sharing (定额补助加余额兜底)
    The fixed sums apply ONCE to the whole group of line amounts governed by the same
    ``Sharing`` object: the default sharing governs every line amount of every line without
    its own sharing; a line's own sharing governs that line's amounts.  Each fixed
    funder's sum is spread over the group pro rata to the amounts (largest remainder, as
    :func:`allocate` does) and the remainder funder pays the rest of every line amount.
    With two or more fixed funders the per-funder roundings could, in a corner case, give
    one line amount more fixed fen than it has; a fen is then moved between line amounts
    so that every share stays within one fen of its exact value and every line amount and
    every funder's total stay exact.  With one fixed funder the result is exactly
    :func:`allocate`'s.  If the fixed sums exceed the group total the group gets no shares
    (``fixed_exceeds``); a group with a negative line amount gets none either
    (``negative_amount``), since pro rata to a negative amount means nothing.

Funders
    A sharing that names a funder not in ``plan.funders`` is an ``unknown_funder`` problem
    and all the line amounts it governs are skipped.

Skipped line amounts are kept in :attr:`FundingFigures.skipped`, so that
``total + sum(unfunded) + sum(skipped) == BudgetFigures.total`` always holds.  Lines the
budget could not compute (``BudgetFigures.uncomputed``) appear nowhere.
"""

from __future__ import annotations

import math
from collections import deque
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from functools import cached_property
from typing import Literal

from cplan.compute.budget import (
    BudgetFigures,
    LineAmount,
    compute_budget,
    fen_of,
    from_fen,
    line_units,
)
from cplan.model import BudgetLine, Plan, Sharing, Unit
from cplan.model.values import Ratio

__all__ = [
    "FundingFigures",
    "FundingProblem",
    "ProblemKind",
    "Share",
    "allocate",
    "compute_shares",
    "fund_of",
    "ratio_holder",
    "split_by_ratio",
    "unit_chain",
    "unit_ratio_applies",
    "unit_ratio_uses",
]

ProblemKind = Literal["fixed_exceeds", "bad_ratio", "unknown_funder", "negative_amount"]


# ---------------------------------------------------------------------------
# fen arithmetic
# ---------------------------------------------------------------------------


def _largest_remainder(total: int, weights: Sequence[Fraction]) -> list[int]:
    """Split ``total`` (≥ 0) pro rata to non-negative weights with a positive sum.

    Worked in whole numbers: the weights over their common denominator, so each part is
    ``total × w // Σw`` and the leftover fen go to the largest remainders, first weight
    first among equal ones.
    """
    common = math.lcm(*(weight.denominator for weight in weights))
    scaled = [weight.numerator * (common // weight.denominator) for weight in weights]
    weight_sum = sum(scaled)
    split = [divmod(total * weight, weight_sum) for weight in scaled]
    parts = [part for part, _ in split]
    leftover = total - sum(parts)
    order = sorted(range(len(split)), key=lambda i: (-split[i][1], i))
    for i in order[:leftover]:
        parts[i] += 1
    return parts


def _split_fen(total: int, weights: Sequence[Fraction]) -> list[int]:
    """Largest-remainder split, symmetric for negative totals."""
    if total < 0:
        return [-part for part in _largest_remainder(-total, weights)]
    return _largest_remainder(total, weights)


def split_by_ratio(amount: Decimal, ratio: Ratio) -> tuple[Decimal, ...]:
    """Split ``amount`` (whole fen) into one part per ratio part, adding up exactly.

    ``split_by_ratio(Decimal(100), Ratio.of(1, 1, 1))`` is ``(33.34, 33.33, 33.33)``.
    Negative amounts are split symmetrically: ``split(-a) == -split(a)`` part by part.

    Raises ValueError when the amount is not whole fen, when a ratio part is negative or
    when the parts sum to 0 (rule CP501 reports such ratios; callers skip those lines).
    """
    if any(part < 0 for part in ratio.parts):
        raise ValueError(f"ratio {ratio} has a negative part")
    if ratio.total() == 0:
        raise ValueError(f"ratio {ratio} has parts that sum to 0")
    return tuple(from_fen(fen) for fen in _split_fen(fen_of(amount), ratio.parts))


def allocate(total: Decimal, weights: Sequence[Decimal]) -> tuple[Decimal, ...]:
    """Spread ``total`` (whole fen) pro rata to non-negative weights, adding up exactly.

    Used to spread a fixed subsidy over several line amounts.  Same largest-remainder
    rounding as :func:`split_by_ratio`; negative totals are split symmetrically.
    Raises ValueError for no weights, a negative weight or all-zero weights.
    """
    fractions = [Fraction(weight) for weight in weights]
    if any(weight < 0 for weight in fractions):
        raise ValueError("weights must not be negative")
    if not any(fractions):
        raise ValueError("at least one weight must be positive")
    return tuple(from_fen(fen) for fen in _split_fen(fen_of(total), fractions))


def _round_table(rows: Sequence[int], columns: Sequence[int]) -> list[list[int]]:
    """Controlled rounding of ``columns[i] * rows[j] / sum(rows)`` to whole fen.

    Returns ``table[j][i]`` with every row adding up to ``rows[j]``, every column to
    ``columns[i]`` and every cell the floor or the ceiling of its exact value.  All
    inputs are non-negative, ``sum(rows) == sum(columns) > 0``.

    Columns are filled in order, each giving its leftover fen to the rows with the
    largest remainders (ties: earlier row) as long as the row still needs fen; for one
    fixed column followed by the remainder column this is exactly the largest-remainder
    split.  Any fen still unplaced are placed along augmenting paths (the fractional
    table proves a whole-fen one exists).
    """
    total = sum(rows)
    products = [[column * row for column in columns] for row in rows]
    table = [[product // total for product in line] for line in products]
    remainders = [[product % total for product in line] for line in products]
    row_left = [row - sum(line) for row, line in zip(rows, table, strict=True)]
    column_left = [column - sum(line[i] for line in table) for i, column in enumerate(columns)]
    raised = [[False] * len(columns) for _ in rows]

    for i in range(len(columns)):
        candidates = sorted(
            (j for j in range(len(rows)) if remainders[j][i]),
            key=lambda j: (-remainders[j][i], j),
        )
        for j in candidates:
            if column_left[i] == 0:
                break
            if row_left[j]:
                raised[j][i] = True
                row_left[j] -= 1
                column_left[i] -= 1

    while any(row_left):
        _augment(remainders, raised, row_left, column_left)

    return [[cell + raised[j][i] for i, cell in enumerate(line)] for j, line in enumerate(table)]


def _augment(
    remainders: list[list[int]],
    raised: list[list[bool]],
    row_left: list[int],
    column_left: list[int],
) -> None:
    """Place one more fen: a shortest alternating path from a needy row to a needy column."""
    start = [j for j, left in enumerate(row_left) if left]
    came_from: dict[tuple[str, int], tuple[str, int] | None] = {("r", j): None for j in start}
    queue = deque(("r", j) for j in start)
    while queue:
        side, index = queue.popleft()
        if side == "r":
            for i, remainder in enumerate(remainders[index]):
                if remainder and not raised[index][i] and ("c", i) not in came_from:
                    came_from["c", i] = ("r", index)
                    if column_left[i]:
                        _flip(("c", i), came_from, raised, row_left, column_left)
                        return
                    queue.append(("c", i))
        else:
            for j, flags in enumerate(raised):
                if flags[index] and ("r", j) not in came_from:
                    came_from["r", j] = ("c", index)
                    queue.append(("r", j))
    raise AssertionError("no whole-fen rounding found")  # pragma: no cover - impossible


def _flip(
    end: tuple[str, int],
    came_from: dict[tuple[str, int], tuple[str, int] | None],
    raised: list[list[bool]],
    row_left: list[int],
    column_left: list[int],
) -> None:
    column_left[end[1]] -= 1
    node: tuple[str, int] = end
    while (previous := came_from[node]) is not None:
        if node[0] == "c":  # row → column: raise this cell
            raised[previous[1]][node[1]] = True
        else:  # column → row: lower this cell
            raised[node[1]][previous[1]] = False
        node = previous
    row_left[node[1]] -= 1


# ---------------------------------------------------------------------------
# which unit's ratio applies
# ---------------------------------------------------------------------------


def unit_chain(units: Mapping[str, Unit], unit_id: str | None) -> Iterator[Unit]:
    """The unit ``unit_id``, then its parent, its parent's parent, ... up to the top.

    Stops at a parent that is not in ``units`` (rule CP301) and before a unit already
    met, so a parent cycle (rule CP303) ends the walk instead of looping forever.
    """
    seen: set[str] = set()
    current = unit_id
    while current is not None and current not in seen:
        unit = units.get(current)
        if unit is None:
            return
        yield unit
        seen.add(current)
        current = unit.parent


def ratio_holder(units: Mapping[str, Unit], unit_id: str | None) -> Unit | None:
    """The unit whose ``sharing`` ratio applies to an amount counted for ``unit_id``.

    The unit itself if it has a ratio, else its nearest ancestor that has one; None
    when no unit on the chain has a ratio (or the amount is for no unit).
    """
    return next((unit for unit in unit_chain(units, unit_id) if unit.sharing is not None), None)


def unit_ratio_applies(default: Sharing | None, line: BudgetLine) -> bool:
    """Whether unit ratios can govern ``line``'s amounts (precedence a and b above)."""
    return line.sharing is None and default is not None and default.ratio is not None


def unit_ratio_uses(plan: Plan) -> dict[str, list[tuple[str, str]]]:
    """Unit id → the (line id, unit id) amounts split by that unit's ratio.

    Worked out from the plan, not from computed figures, so a line that cannot be
    computed for another reason still counts as using the ratio.  A unit with a ratio
    that is missing here has a ratio nobody uses (rule CP508).
    """
    uses: dict[str, list[tuple[str, str]]] = {}
    if plan.budget is None:
        return uses
    units = {unit.id: unit for unit in plan.units}
    for line in plan.budget.lines:
        if not unit_ratio_applies(plan.budget.sharing, line):
            continue
        for unit in line_units(line, units) or []:
            holder = ratio_holder(units, unit.id)
            if holder is not None:
                uses.setdefault(holder.id, []).append((line.id, unit.id))
    return uses


# ---------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Share:
    """What one funder pays of one line amount (a line, or a line for one unit)."""

    line: str
    unit: str | None
    funder: str
    amount: Decimal
    fund: str | None

    @cached_property
    def fen(self) -> int:
        """The amount in whole fen."""
        return fen_of(self.amount)


@dataclass(frozen=True)
class FundingProblem:
    """Why some line amounts got no shares (a plan rule reports the same thing)."""

    kind: ProblemKind
    line: str | None
    detail: str


def _add(into: dict[str, int], key: str, fen: int) -> None:
    into[key] = into.get(key, 0) + fen


@dataclass(frozen=True)
class FundingFigures:
    """Every share, the line amounts nobody pays, and why some got no shares.

    ``shares`` are in line order, then unit order as in the budget figures, then the
    funder order of the sharing (fixed funders, then the remainder funder).
    """

    shares: tuple[Share, ...]
    unfunded: tuple[LineAmount, ...]
    problems: tuple[FundingProblem, ...]
    skipped: tuple[LineAmount, ...] = ()
    funder_ids: tuple[str, ...] = ()

    def _fen_by(self, key: str) -> dict[str, int]:
        totals: dict[str, int] = {}
        for share in self.shares:
            _add(totals, getattr(share, key), share.fen)
        return totals

    def by_funder(self) -> dict[str, Decimal]:
        """Funder → total, every plan funder in plan order (0 when it pays nothing)."""
        totals = self._fen_by("funder")
        return {funder: from_fen(totals.get(funder, 0)) for funder in self.funder_ids}

    def by_unit(self) -> dict[str | None, dict[str, Decimal]]:
        """Unit (None for plan-wide lines) → funder → amount, funders in plan order."""
        totals: dict[str | None, dict[str, int]] = {}
        for share in self.shares:
            _add(totals.setdefault(share.unit, {}), share.funder, share.fen)
        return {unit: self._ordered(per) for unit, per in totals.items()}

    def by_fund(self) -> dict[str | None, Decimal]:
        """Fund (资金来源, None when neither line nor funder names one) → total."""
        totals: dict[str | None, int] = {}
        for share in self.shares:
            totals[share.fund] = totals.get(share.fund, 0) + share.fen
        return {fund: from_fen(fen) for fund, fen in totals.items()}

    def by_line(self) -> dict[str, dict[str, Decimal]]:
        """Line → funder → amount (summed over units), funders in plan order."""
        totals: dict[str, dict[str, int]] = {}
        for share in self.shares:
            _add(totals.setdefault(share.line, {}), share.funder, share.fen)
        return {line: self._ordered(per) for line, per in totals.items()}

    @property
    def total(self) -> Decimal:
        """Everything the funders pay together."""
        return from_fen(sum(share.fen for share in self.shares))

    @property
    def unfunded_total(self) -> Decimal:
        return from_fen(sum(fen_of(amount.amount) for amount in self.unfunded))

    def pledge_gaps(self, plan: Plan) -> list[tuple[str, Decimal, Decimal]]:
        """(funder, pledge, assigned) for each funder whose pledge differs from its shares."""
        assigned = self._fen_by("funder")
        return [
            (funder.id, funder.pledge, from_fen(assigned.get(funder.id, 0)))
            for funder in plan.funders
            if funder.pledge is not None and fen_of(funder.pledge) != assigned.get(funder.id, 0)
        ]

    def _ordered(self, per_funder: dict[str, int]) -> dict[str, Decimal]:
        rank = {funder: i for i, funder in enumerate(self.funder_ids)}
        ordered = sorted(per_funder, key=lambda funder: rank.get(funder, len(rank)))
        return {funder: from_fen(per_funder[funder]) for funder in ordered}


# ---------------------------------------------------------------------------
# working out the shares
# ---------------------------------------------------------------------------

_Key = tuple[str, int]  # (line id, index in the line's amounts)


@dataclass
class _Work:
    """Mutable scratch space while computing; frozen into FundingFigures at the end."""

    known: frozenset[str]
    units: dict[str, Unit]
    parts: dict[_Key, list[tuple[str, int]]]
    skipped: set[_Key]
    problems: list[FundingProblem]

    def problem(self, kind: ProblemKind, line: str | None, detail: str) -> None:
        found = FundingProblem(kind, line, detail)
        if found not in self.problems:
            self.problems.append(found)

    def funders_known(self, sharing: Sharing, line: str | None, keys: Iterable[_Key]) -> bool:
        named = [*sharing.funders, *(sharing.fixed or {}), *filter(None, [sharing.remainder])]
        unknown = [funder for funder in dict.fromkeys(named) if funder not in self.known]
        if not unknown:
            return True
        self.problem("unknown_funder", line, f"funders not defined: {', '.join(unknown)}")
        self.skipped.update(keys)
        return False


def _ratio_for(
    work: _Work, sharing: Sharing, own: bool, amount: LineAmount
) -> tuple[Ratio, str] | None:
    """The ratio and where it comes from; None (with a problem) when it cannot be used."""
    assert sharing.ratio is not None
    ratio, source = sharing.ratio, "line sharing" if own else "budget sharing"
    holder = None if own else ratio_holder(work.units, amount.unit)
    if holder is not None and holder.sharing is not None:
        ratio, source = holder.sharing, f"sharing of unit {holder.id}"
        if len(ratio) != len(sharing.funders):
            work.problem(
                "bad_ratio",
                amount.line,
                f"{source} {ratio} has {len(ratio)} parts for {len(sharing.funders)} funders",
            )
            return None
    if any(part < 0 for part in ratio.parts):
        work.problem("bad_ratio", amount.line, f"{source} {ratio} has a negative part")
        return None
    if ratio.total() == 0:
        work.problem("bad_ratio", amount.line, f"{source} {ratio} has parts that sum to 0")
        return None
    return ratio, source


def _share_by_ratio(
    work: _Work, sharing: Sharing, own: bool, group: list[tuple[_Key, LineAmount]]
) -> None:
    usable: dict[str | None, tuple[Ratio, str]] = {}  # by unit: the ratio depends on it only
    for key, amount in group:
        found = usable.get(amount.unit) or _ratio_for(work, sharing, own, amount)
        if found is None:
            work.skipped.add(key)  # checked again for the next line: its problem names it
            continue
        usable[amount.unit] = found
        fen = _split_fen(fen_of(amount.amount), found[0].parts)
        work.parts[key] = list(zip(sharing.funders, fen, strict=True))


def _share_fixed(
    work: _Work, sharing: Sharing, line: str | None, group: list[tuple[_Key, LineAmount]]
) -> None:
    assert sharing.remainder is not None
    keys = [key for key, _ in group]
    amounts = [fen_of(amount.amount) for _, amount in group]
    fixed = {funder: fen_of(sum_) for funder, sum_ in (sharing.fixed or {}).items()}
    fixed_total, group_total = sum(fixed.values()), sum(amounts)
    if any(amount < 0 for amount in amounts):
        work.problem("negative_amount", line, "a line amount under fixed sharing is negative")
        work.skipped.update(keys)
        return
    if fixed_total > group_total:
        work.problem(
            "fixed_exceeds",
            line,
            f"fixed sums {from_fen(fixed_total)} exceed the total {from_fen(group_total)}",
        )
        work.skipped.update(keys)
        return
    columns = dict(fixed)
    columns[sharing.remainder] = columns.get(sharing.remainder, 0) + group_total - fixed_total
    funders = list(columns)
    if group_total == 0:
        table = [[0] * len(funders) for _ in amounts]
    else:
        table = _round_table(amounts, [columns[funder] for funder in funders])
    for key, row in zip(keys, table, strict=True):
        work.parts[key] = list(zip(funders, row, strict=True))


def _group(figures: BudgetFigures, lines: Iterable[BudgetLine]) -> list[tuple[_Key, LineAmount]]:
    return [
        ((line.id, i), amount)
        for line in lines
        for i, amount in enumerate(figures.amounts.get(line.id, ()))
    ]


def _apply(
    work: _Work, sharing: Sharing, own: bool, line: str | None, group: list[tuple[_Key, LineAmount]]
) -> None:
    if not group or not work.funders_known(sharing, line, (key for key, _ in group)):
        return
    if sharing.ratio is not None:
        _share_by_ratio(work, sharing, own, group)
    else:
        _share_fixed(work, sharing, line, group)


def fund_of(line: BudgetLine, funds: Mapping[str, str | None], funder: str) -> str | None:
    """The fund (资金来源) of ``funder``'s money on ``line``: the line's, else the funder's
    (``funds``: funder → its fund)."""
    return line.fund or funds.get(funder)


def compute_shares(plan: Plan, budget: BudgetFigures | None = None) -> FundingFigures:
    """Split every computed line amount between its funders (see the module docstring)."""
    funder_ids = tuple(funder.id for funder in plan.funders)
    if plan.budget is None:
        return FundingFigures((), (), (), (), funder_ids)
    figures = budget if budget is not None else compute_budget(plan)
    work = _Work(
        known=frozenset(funder_ids),
        units={unit.id: unit for unit in plan.units},
        parts={},
        skipped=set(),
        problems=[],
    )
    lines = plan.budget.lines
    default = plan.budget.sharing
    if default is not None:
        plain = [line for line in lines if line.sharing is None]
        _apply(work, default, False, None, _group(figures, plain))
    for line in lines:
        if line.sharing is not None:
            _apply(work, line.sharing, True, line.id, _group(figures, [line]))

    funds = {funder.id: funder.fund for funder in plan.funders}
    shares: list[Share] = []
    unfunded: list[LineAmount] = []
    skipped: list[LineAmount] = []
    by_id = {line.id: line for line in lines}
    for key, amount in _group(figures, by_id.values()):
        line = by_id[key[0]]
        if key in work.parts:
            shares.extend(
                Share(amount.line, amount.unit, funder, from_fen(fen), fund_of(line, funds, funder))
                for funder, fen in work.parts[key]
            )
        elif key in work.skipped:
            skipped.append(amount)
        else:
            unfunded.append(amount)
    return FundingFigures(
        tuple(shares), tuple(unfunded), tuple(work.problems), tuple(skipped), funder_ids
    )
