"""CP2xx: declared totals must equal the sum of their parts."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator

from cplan.compute.budget import exact_sum
from cplan.diagnostics import Severity
from cplan.messages import yuan
from cplan.rules import Finding, Subject, rule


@rule("CP201")
def committee_composition_total(subject: Subject) -> Iterator[Finding]:
    """A committee's ``composition`` by sector adds up to its declared ``size``."""
    for i, committee in enumerate(subject.plan.committees):
        if committee.size is None or committee.composition is None:
            continue
        parts = sum(committee.composition.values())
        if parts != committee.size:
            yield Finding(
                ("committees", i, "composition"),
                {"name": committee.name, "parts": parts, "size": committee.size},
            )


@rule("CP202")
def committee_roles_total(subject: Subject) -> Iterator[Finding]:
    """A committee's ``roles`` add up to its ``size``; listed members match ``roles``."""
    for i, committee in enumerate(subject.plan.committees):
        if committee.roles is None:
            continue
        total = sum(committee.roles.values())
        if committee.size is not None and total != committee.size:
            yield Finding(
                ("committees", i, "roles"),
                {"name": committee.name, "parts": total, "size": committee.size},
            )
        if committee.members:
            listed = Counter(member.role for member in committee.members)
            for role, count in committee.roles.items():
                if listed.get(role, 0) != count:
                    yield Finding(
                        ("committees", i, "roles", role),
                        {
                            "name": committee.name,
                            "role": role,
                            "declared": count,
                            "listed": listed.get(role, 0),
                        },
                        variant="members",
                    )


@rule("CP203", Severity.WARNING)
def committee_member_count(subject: Subject) -> Iterator[Finding]:
    """A committee's member list is as long as its ``size`` (a warning: lists grow)."""
    for i, committee in enumerate(subject.plan.committees):
        if committee.members and committee.size not in (None, len(committee.members)):
            yield Finding(
                ("committees", i, "members"),
                {"name": committee.name, "listed": len(committee.members), "size": committee.size},
            )


@rule("CP204")
def target_breakdown_total(subject: Subject) -> Iterator[Finding]:
    """A target's ``breakdown`` adds up to its target value."""
    for i, target in enumerate(subject.plan.targets):
        if target.breakdown is None or target.target.value is None:
            continue
        parts = exact_sum(target.breakdown.values())
        if parts != target.target.value:
            yield Finding(
                ("targets", i, "breakdown"),
                {"name": target.name, "parts": parts, "value": target.target.value},
            )


@rule("CP205")
def budget_total(subject: Subject) -> Iterator[Finding]:
    """The declared ``budget.total`` equals the sum of the lines as computed.

    Lines counted per unit count once for every unit, percentages are applied; skipped
    when a line cannot be computed (another rule says why).
    """
    if subject.plan.budget is None or subject.plan.budget.total is None:
        return
    figures = subject.budget
    if figures.uncomputed:
        return
    if figures.total != subject.plan.budget.total:
        yield Finding(
            ("budget", "total"),
            {
                "declared": yuan(subject.plan.budget.total),
                "computed": yuan(figures.total),
                "difference": yuan(abs(subject.plan.budget.total - figures.total)),
            },
        )


@rule("CP206")
def budget_line_declared(subject: Subject) -> Iterator[Finding]:
    """A budget line's ``declared`` amount equals what its formula gives."""
    if subject.plan.budget is None:
        return
    figures = subject.budget
    for i, line in enumerate(subject.plan.budget.lines):
        computed = figures.line_total(line.id)
        if line.declared is not None and computed is not None and computed != line.declared:
            yield Finding(
                ("budget", "lines", i, "declared"),
                {"name": line.name, "declared": yuan(line.declared), "computed": yuan(computed)},
            )
