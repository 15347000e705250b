"""What changed between two versions of a plan, matched by id.

:func:`diff_plans` compares targets, phases, committees, units and budget lines (each
matched by its ``id``), the identity fields, the computed budget total and each funder's
total share. Nothing here knows a language: values are kept as plain text in the plan's
own notation (numbers without trailing zeros, dates as :func:`format_span` writes them,
booleans as ``"true"``/``"false"``), and money as :class:`~decimal.Decimal`; the
renderers in :mod:`cplan.render.diff` turn this into words. What a field refers to (an
owner, a parent, a line's units and the lines it is a percentage of, the funders of a
sharing) is shown by its name in that version of the plan, as people read it: ``市财政:
区财政 5:5``, not ``city:district 5:5``.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from decimal import Decimal
from enum import Enum
from fractions import Fraction
from functools import partial
from typing import Protocol, TypeVar

from pydantic import BaseModel

from cplan.compute.budget import BudgetFigures
from cplan.compute.figures import PlanFigures
from cplan.model import Actual, BudgetLine, Committee, Member, Phase, Plan, Sharing, Target, Unit
from cplan.model.values import DateSpan, Ratio, format_number, format_percent, format_span

__all__ = [
    "COLLECTION_FIELDS",
    "Change",
    "Changed",
    "Entry",
    "FunderShare",
    "PlanDiff",
    "Section",
    "diff_plans",
]

#: Fields whose changes are items added to (``old`` None) or removed from (``new`` None)
#: a list rather than a value going from ``old`` to ``new``.
COLLECTION_FIELDS = frozenset({"task", "member", "actual"})


@dataclass(frozen=True)
class Change:
    """One field of one item: ``old`` → ``new`` (None: not set, or not there).

    ``key`` names the part of a mapping or list the change is about: the sector of a
    committee's composition, the member whose role changed, the task that was done, the
    quantity of a unit.
    """

    field: str
    old: str | None
    new: str | None
    key: str | None = None


@dataclass(frozen=True)
class Entry:
    """An item present in one version only."""

    id: str
    name: str
    detail: str | None = None
    amount: Decimal | None = None


@dataclass(frozen=True)
class Changed:
    """An item present in both versions, with what changed (named as in the new one)."""

    id: str
    name: str
    changes: tuple[Change, ...] = ()
    old_amount: Decimal | None = None
    new_amount: Decimal | None = None

    @property
    def amount_changed(self) -> bool:
        return self.old_amount != self.new_amount

    @property
    def difference(self) -> Decimal:
        return (self.new_amount or Decimal(0)) - (self.old_amount or Decimal(0))


@dataclass(frozen=True)
class Section:
    """Items added, removed and changed, each in plan order (removed: old plan order)."""

    added: tuple[Entry, ...] = ()
    removed: tuple[Entry, ...] = ()
    changed: tuple[Changed, ...] = ()

    @property
    def empty(self) -> bool:
        return not (self.added or self.removed or self.changed)


@dataclass(frozen=True)
class FunderShare:
    """A funder's total share in each version (None: the funder is not in that version)."""

    id: str
    name: str
    old: Decimal | None
    new: Decimal | None

    @property
    def difference(self) -> Decimal:
        return (self.new or Decimal(0)) - (self.old or Decimal(0))


@dataclass(frozen=True)
class PlanDiff:
    """Everything that differs between two versions of a plan."""

    id: str
    title: str
    plan: tuple[Change, ...]
    targets: Section
    phases: Section
    committees: Section
    units: Section
    budget: Section
    old_total: Decimal
    new_total: Decimal
    funders: tuple[FunderShare, ...]

    @property
    def total_changed(self) -> bool:
        return self.old_total != self.new_total

    @property
    def total_difference(self) -> Decimal:
        return self.new_total - self.old_total

    @property
    def empty(self) -> bool:
        sections = (self.targets, self.phases, self.committees, self.units, self.budget)
        return (
            not self.plan
            and all(section.empty for section in sections)
            and not self.total_changed
            and not self.funders
        )


# ---------------------------------------------------------------------------
# values as text
# ---------------------------------------------------------------------------


def number(value: Decimal) -> str:
    """``Decimal("85.0")`` → ``"85"``; never exponent notation, ``-0`` as ``0``."""
    return format_number(value)


#: What follows the funder who pays the rest of a fixed + remainder sharing.
REMAINDER = "(rest)"


def show_sharing(sharing: Sharing, names: Mapping[str, str] | None = None) -> str:
    """``市财政:区财政 5:5``, or ``市财政 125000 + 镇财政 (rest)``: funders by their names
    in ``names`` (their ids without it, or when the plan does not define them)."""

    def name(funder: str | None) -> str:
        return (names or {}).get(funder, funder) if funder is not None else ""

    if sharing.ratio is not None:
        return f"{':'.join(name(funder) for funder in sharing.funders)} {sharing.ratio}"
    parts = [f"{name(funder)} {number(amount)}" for funder, amount in (sharing.fixed or {}).items()]
    parts.append(f"{name(sharing.remainder)} {REMAINDER}")
    return " + ".join(parts)


def show(value: object, names: Mapping[str, str] | None = None) -> str | None:
    """A field value as plain, language-free text (None stays None); with ``names``, the
    value is a reference and identifiers are shown by the names they have there."""
    if value is None:
        return None
    if names is not None and isinstance(value, str):
        return names.get(value, value)
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Enum):
        return str(value.value)
    if isinstance(value, DateSpan):
        return format_span(value)
    if isinstance(value, Decimal):
        return number(value)
    if isinstance(value, Fraction):
        return format_percent(value)
    if isinstance(value, Ratio):
        return value.text
    if isinstance(value, Sharing):
        return show_sharing(value, names)
    if isinstance(value, list | tuple):
        return ", ".join(str(show(item, names)) for item in value) or None
    return str(value)


def same(old: object, new: object) -> bool:
    """Equal as a plan means them: dates by their first and last day, ratios by shares."""
    if isinstance(old, DateSpan) and isinstance(new, DateSpan):
        return (old.start, old.end) == (new.start, new.end)
    return old == new


# ---------------------------------------------------------------------------
# generic matching
# ---------------------------------------------------------------------------


class _HasId(Protocol):
    @property
    def id(self) -> str: ...

    @property
    def name(self) -> str: ...


Item = TypeVar("Item", bound=_HasId)


@dataclass(frozen=True)
class _Names:
    """What the identifiers of each version are called."""

    old: Mapping[str, str]
    new: Mapping[str, str]


def _plan_names(plan: Plan) -> dict[str, str]:
    """Every identifier the plan defines, with its name (a member: its name, if given)."""
    named: list[tuple[str, str | None]] = [(unit.id, unit.name) for unit in plan.units]
    for committee in plan.committees:
        named.append((committee.id, committee.name))
        named += [(m.id, m.name) for m in committee.members if m.id is not None]
    named += [(funder.id, funder.name) for funder in plan.funders]
    named += [(target.id, target.name) for target in plan.targets]
    named += [(phase.id, phase.name) for phase in plan.phases]
    named += [(line.id, line.name) for line in (plan.budget.lines if plan.budget else [])]
    return {ident: name for ident, name in named if name}


#: Fields whose values are identifiers of other parts of the plan (or hold some).
_REFERENCES = frozenset({"owner", "parent", "units", "of", "sharing"})


def _fields(
    old: BaseModel, new: BaseModel, fields: Iterable[str], names: _Names | None = None
) -> list[Change]:
    """A change for each of ``fields`` that differs; references shown by ``names``."""
    changes: list[Change] = []
    for field in fields:
        before, after = getattr(old, field), getattr(new, field)
        if not same(before, after):
            if names is not None and field in _REFERENCES:
                changes.append(Change(field, show(before, names.old), show(after, names.new)))
            else:
                changes.append(Change(field, show(before), show(after)))
    return changes


def _mapping(
    field: str, old: Mapping[str, object] | None, new: Mapping[str, object] | None
) -> list[Change]:
    """One change per key whose value differs (keys in old order, then new ones)."""
    before, after = old or {}, new or {}
    keys = list(before) + [key for key in after if key not in before]
    return [
        Change(field, show(before.get(key)), show(after.get(key)), key=key)
        for key in keys
        if not same(before.get(key), after.get(key))
    ]


def _listed(field: str, old: Sequence[str], new: Sequence[str]) -> list[Change]:
    """Items removed from and added to a list (as multisets), removed first."""
    before, after = Counter(old), Counter(new)
    gone = [item for item in old if _take(before, after, item)]
    before, after = Counter(old), Counter(new)
    came = [item for item in new if _take(after, before, item)]
    return [Change(field, item, None) for item in gone] + [
        Change(field, None, item) for item in came
    ]


def _take(mine: Counter[str], theirs: Counter[str], item: str) -> bool:
    """True for each copy of ``item`` in ``mine`` beyond the copies in ``theirs``."""
    mine[item] -= 1
    return mine[item] >= theirs[item]


def _section(
    old: Sequence[Item],
    new: Sequence[Item],
    entry: Callable[[Item], Entry],
    compare: Callable[[Item, Item], Changed | None],
    old_entry: Callable[[Item], Entry] | None = None,
) -> Section:
    """Items matched by id: added (new order), removed (old order), changed (new order)."""
    before = {item.id: item for item in old}
    after = {item.id: item for item in new}
    changed = [compare(before[item.id], item) for item in new if item.id in before]
    return Section(
        added=tuple(entry(item) for item in new if item.id not in before),
        removed=tuple((old_entry or entry)(item) for item in old if item.id not in after),
        changed=tuple(change for change in changed if change is not None),
    )


def _changed(new: _HasId, changes: Sequence[Change]) -> Changed | None:
    return Changed(new.id, new.name, tuple(changes)) if changes else None


# ---------------------------------------------------------------------------
# the parts of a plan
# ---------------------------------------------------------------------------

_TARGET_FIELDS = ("name", "kind", "unit")


def _goal(target: Target) -> str | None:
    if target.target.value is not None:
        return number(target.target.value) + target.unit
    return show(target.target.change)


def _target_entry(target: Target) -> Entry:
    return Entry(target.id, target.name, _goal(target))


def _actual(actual: Actual) -> str:
    return f"{number(actual.value)} ({format_span(actual.date)})"


def _compare_target(old: Target, new: Target, names: _Names | None = None) -> Changed | None:
    changes = _fields(old, new, _TARGET_FIELDS)
    old_base, new_base = old.baseline, new.baseline
    if not same(old_base.value if old_base else None, new_base.value if new_base else None):
        changes.append(
            Change(
                "baseline",
                show(old_base.value if old_base else None),
                show(new_base.value if new_base else None),
            )
        )
    if old_base and new_base and not same(old_base.date, new_base.date):
        changes.append(Change("baseline_date", show(old_base.date), show(new_base.date)))
    changes += [
        Change("target" if change.field == "value" else change.field, change.old, change.new)
        for change in _fields(old.target, new.target, ("value", "change", "deadline"))
    ]
    changes += _fields(old, new, ("weight", "owner"), names)
    changes += _mapping("breakdown", old.breakdown, new.breakdown)
    changes += _listed(
        "actual", [_actual(a) for a in old.actuals], [_actual(a) for a in new.actuals]
    )
    return _changed(new, changes)


def _phase_entry(phase: Phase) -> Entry:
    return Entry(phase.id, phase.name, format_span(phase.when))


def _compare_phase(old: Phase, new: Phase, names: _Names | None = None) -> Changed | None:
    changes = _fields(old, new, ("name", "when", "owner", "done"), names)
    changes += _listed("task", [t.name for t in old.tasks], [t.name for t in new.tasks])
    was_done = {task.name: task.done for task in old.tasks}
    changes += [
        Change("task_done", show(was_done[task.name]), show(task.done), key=task.name)
        for task in new.tasks
        if task.name in was_done and was_done[task.name] != task.done
    ]
    return _changed(new, changes)


def _committee_entry(committee: Committee) -> Entry:
    return Entry(committee.id, committee.name, committee.kind.value)


def _member(member: Member) -> str:
    return f"{member.name or '?'} ({member.role})"


def _members(old: Sequence[Member], new: Sequence[Member]) -> list[Change]:
    """Members added and removed (by name and role); a named member whose role changed
    is one ``role`` change instead of a removal and an addition."""
    listed = _listed("member", [_member(m) for m in old], [_member(m) for m in new])
    role_of = {_member(m): m for m in [*old, *new]}
    gone = [c for c in listed if c.new is None]
    came = [c for c in listed if c.old is None]
    changes: list[Change] = []
    for removal in gone:
        member = role_of[str(removal.old)]
        match = next(
            (c for c in came if member.name and role_of[str(c.new)].name == member.name),
            None,
        )
        if match is None:
            changes.append(removal)
            continue
        came.remove(match)
        changes.append(Change("role", member.role, role_of[str(match.new)].role, key=member.name))
    return changes + came


def _compare_committee(
    old: Committee, new: Committee, names: _Names | None = None
) -> Changed | None:
    changes = _fields(old, new, ("name", "kind", "parent", "size"), names)
    changes += _mapping("composition", old.composition, new.composition)
    changes += _mapping("roles", old.roles, new.roles)
    changes += _members(old.members, new.members)
    return _changed(new, changes)


def _unit_entry(unit: Unit) -> Entry:
    return Entry(unit.id, unit.name, unit.kind)


def _compare_unit(old: Unit, new: Unit, names: _Names | None = None) -> Changed | None:
    changes = _fields(old, new, ("name", "kind", "parent", "sharing"), names)
    changes += _mapping("quantity", old.quantities, new.quantities)
    changes += _mapping("staff", old.staff, new.staff)
    return _changed(new, changes)


_LINE_FIELDS = (
    "name",
    "category",
    "year",
    "fund",
    "amount",
    "rate",
    "per",
    "quantity",
    "quantity_min",
    "quantity_max",
    "quantity_above",
    "period",
    "percent",
    "of",
    "units",
    "unit_kind",
    "sharing",
    "declared",
)


def _line_section(
    old: Plan, new: Plan, old_figures: BudgetFigures, new_figures: BudgetFigures, names: _Names
) -> Section:
    def entry(figures: BudgetFigures) -> Callable[[BudgetLine], Entry]:
        return lambda line: Entry(line.id, line.name, None, figures.line_total(line.id))

    def compare(before: BudgetLine, after: BudgetLine) -> Changed | None:
        changes = _fields(before, after, _LINE_FIELDS, names)
        old_amount = old_figures.line_total(before.id)
        new_amount = new_figures.line_total(after.id)
        if not changes and old_amount == new_amount:
            return None
        return Changed(after.id, after.name, tuple(changes), old_amount, new_amount)

    old_lines = old.budget.lines if old.budget else []
    new_lines = new.budget.lines if new.budget else []
    return _section(old_lines, new_lines, entry(new_figures), compare, entry(old_figures))


def _plan_fields(old: Plan, new: Plan, names: _Names) -> list[Change]:
    changes = _fields(old, new, ("title", "period", "status", "version", "issued"))
    for field in ("total", "sharing"):
        before = getattr(old.budget, field) if old.budget else None
        after = getattr(new.budget, field) if new.budget else None
        if not same(before, after):
            named = field == "sharing"
            changes.append(
                Change(
                    f"budget_{field}",
                    show(before, names.old if named else None),
                    show(after, names.new if named else None),
                )
            )
    return changes


def _funders(old_figures: PlanFigures, new_figures: PlanFigures) -> tuple[FunderShare, ...]:
    old, new = old_figures.plan, new_figures.plan
    before = old_figures.shares.by_funder()
    after = new_figures.shares.by_funder()
    names = {funder.id: funder.name for funder in [*old.funders, *new.funders]}  # new wins
    ids = list(after) + [funder for funder in before if funder not in after]
    return tuple(
        FunderShare(funder, names.get(funder, funder), before.get(funder), after.get(funder))
        for funder in ids
        if before.get(funder) != after.get(funder)
    )


def diff_plans(before: PlanFigures, after: PlanFigures) -> PlanDiff:
    """What changed from ``before`` to ``after``: every part matched by id, with the
    figures each plan's check worked out."""
    old, new = before.plan, after.plan
    old_figures, new_figures = before.budget, after.budget
    names = _Names(_plan_names(old), _plan_names(new))
    return PlanDiff(
        id=new.id,
        title=new.title,
        plan=tuple(_plan_fields(old, new, names)),
        targets=_section(
            old.targets, new.targets, _target_entry, partial(_compare_target, names=names)
        ),
        phases=_section(old.phases, new.phases, _phase_entry, partial(_compare_phase, names=names)),
        committees=_section(
            old.committees,
            new.committees,
            _committee_entry,
            partial(_compare_committee, names=names),
        ),
        units=_section(old.units, new.units, _unit_entry, partial(_compare_unit, names=names)),
        budget=_line_section(old, new, old_figures, new_figures, names),
        old_total=old_figures.total,
        new_total=new_figures.total,
        funders=_funders(before, after),
    )
