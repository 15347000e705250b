"""CP3xx: every identifier is defined once, and every reference resolves."""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator

from cplan.messages import render_message
from cplan.messages.keys import describe
from cplan.model import Plan, Sharing
from cplan.rules import DataPath, Finding, Subject, rule


def _definitions(plan: Plan) -> Iterator[tuple[str, DataPath, str]]:
    """Every identifier a plan defines: (id, path of its id, kind)."""
    for i, unit in enumerate(plan.units):
        yield unit.id, ("units", i, "id"), "unit"
    for i, committee in enumerate(plan.committees):
        yield committee.id, ("committees", i, "id"), "committee"
        for j, member in enumerate(committee.members):
            if member.id is not None:
                yield member.id, ("committees", i, "members", j, "id"), "person"
    for i, funder in enumerate(plan.funders):
        yield funder.id, ("funders", i, "id"), "funder"
    for i, target in enumerate(plan.targets):
        yield target.id, ("targets", i, "id"), "target"
    for i, phase in enumerate(plan.phases):
        yield phase.id, ("phases", i, "id"), "phase"
    if plan.budget is not None:
        for i, line in enumerate(plan.budget.lines):
            yield line.id, ("budget", "lines", i, "id"), "line"


def ids_of(plan: Plan, *kinds: str) -> set[str]:
    return {ident for ident, _, kind in _definitions(plan) if kind in kinds}


OWNER_KINDS = ("unit", "committee", "person")


def _references(plan: Plan) -> Iterator[tuple[str, DataPath, tuple[str, ...]]]:
    """Every reference: (id, where it is written, kinds it may name)."""
    owner = OWNER_KINDS
    for i, unit in enumerate(plan.units):
        if unit.parent is not None:
            yield unit.parent, ("units", i, "parent"), ("unit",)
    for i, committee in enumerate(plan.committees):
        if committee.parent is not None:
            yield committee.parent, ("committees", i, "parent"), ("committee",)
        for j, member in enumerate(committee.members):
            if member.unit is not None:
                yield member.unit, ("committees", i, "members", j, "unit"), ("unit",)
    for i, target in enumerate(plan.targets):
        if target.owner is not None:
            yield target.owner, ("targets", i, "owner"), owner
    for i, phase in enumerate(plan.phases):
        if phase.owner is not None:
            yield phase.owner, ("phases", i, "owner"), owner
        for j, task in enumerate(phase.tasks):
            if task.owner is not None:
                yield task.owner, ("phases", i, "tasks", j, "owner"), owner
    for i, duty in enumerate(plan.duties):
        yield duty.owner, ("duties", i, "owner"), owner
        for j, helper in enumerate(duty.support):
            yield helper, ("duties", i, "support", j), owner
        if duty.target is not None:
            yield duty.target, ("duties", i, "target"), ("target",)
        if duty.phase is not None:
            yield duty.phase, ("duties", i, "phase"), ("phase",)
    if plan.budget is None:
        return
    sharings: list[tuple[DataPath, Sharing | None]] = [(("budget", "sharing"), plan.budget.sharing)]
    for i, line in enumerate(plan.budget.lines):
        sharings.append((("budget", "lines", i, "sharing"), line.sharing))
        for j, unit_id in enumerate(line.units):
            yield unit_id, ("budget", "lines", i, "units", j), ("unit",)
        for j, line_id in enumerate(line.of):
            yield line_id, ("budget", "lines", i, "of", j), ("line",)
        for j, receipt in enumerate(line.received):
            yield receipt.funder, ("budget", "lines", i, "received", j, "funder"), ("funder",)
            if receipt.unit is not None:
                yield receipt.unit, ("budget", "lines", i, "received", j, "unit"), ("unit",)
        for j, expense in enumerate(line.spent):
            if expense.unit is not None:
                yield expense.unit, ("budget", "lines", i, "spent", j, "unit"), ("unit",)
    for path, sharing in sharings:
        if sharing is None:
            continue
        for j, funder in enumerate(sharing.funders):
            yield funder, (*path, "funders", j), ("funder",)
        for funder in sharing.fixed or {}:
            yield funder, (*path, "fixed", funder), ("funder",)
        if sharing.remainder is not None:
            yield sharing.remainder, (*path, "remainder"), ("funder",)


def _names(kinds: Iterable[str], lang: str) -> str:
    """What the kinds are called in ``lang``: ``单位/机构/成员``."""
    return "/".join(render_message(f"CP301.kind.{kind}", {}, lang) for kind in kinds)


@rule("CP301")
def unknown_reference(subject: Subject) -> Iterator[Finding]:
    """Every reference names something the plan defines.

    Owners, supporting units, parents, funders, a line's units and the lines a percentage
    is taken of must be defined in ``units``, ``committees`` (and their ``members``),
    ``funders``, ``targets``, ``phases`` or ``budget.lines``, by the kinds each reference
    may name. The finding carries the closest defined identifier, if any.
    """
    defined: dict[str, set[str]] = {}
    for ident, _, kind in _definitions(subject.plan):
        defined.setdefault(kind, set()).add(ident)
    for ident, path, kinds in _references(subject.plan):
        candidates = set().union(*(defined.get(kind, set()) for kind in kinds))
        if ident in candidates:
            continue
        close = difflib.get_close_matches(ident, sorted(candidates), n=1, cutoff=0.6)
        yield Finding(
            path,
            {
                "ref": ident,
                "kinds": _names(kinds, "zh"),
                "kinds_en": _names(kinds, "en"),
                "suggestion": close[0] if close else "",
            },
            variant="suggest" if close else "",
        )


@rule("CP302")
def duplicate_id(subject: Subject) -> Iterator[Finding]:
    """An identifier is defined once in the whole plan.

    Units, committees, members, funders, targets, phases and budget lines share one
    namespace, so that every reference is unambiguous.
    """
    seen: dict[str, DataPath] = {}
    for ident, path, _ in _definitions(subject.plan):
        if ident in seen:
            first, first_en = describe(seen[ident][:-1], subject.plan)
            # ``first_at``: the line of the first definition, filled in where lines are known
            yield Finding(
                path, {"id": ident, "first": first, "first_en": first_en, "first_at": seen[ident]}
            )
        else:
            seen[ident] = path


@rule("CP303")
def parent_cycle(subject: Subject) -> Iterator[Finding]:
    """Following ``parent`` upwards (units, committees) never comes back to the start."""
    trees: list[tuple[str, list[tuple[str, str | None]]]] = [
        ("units", [(unit.id, unit.parent) for unit in subject.plan.units]),
        ("committees", [(c.id, c.parent) for c in subject.plan.committees]),
    ]
    for collection, items in trees:
        parents = dict(items)
        for i, (ident, parent) in enumerate(items):
            seen = {ident}
            current = parent
            while current is not None and current in parents:
                if current == ident:
                    yield Finding((collection, i, "parent"), {"id": ident})
                    break
                if current in seen:
                    break
                seen.add(current)
                current = parents[current]
