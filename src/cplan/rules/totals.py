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
    """委员会按界别的构成之和应等于方案写明的总人数。

    A committee's composition by sector (政府代表 6, 居委会代表 8, ...) must add up to
    its declared ``size`` (30). A subject.plan that says "30 members" and lists 29 is wrong in
    one place or the other.
    """
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
    """按角色的人数之和应等于总人数; 列出成员名单时, 各角色人数应与名单一致。

    ``roles`` (组长 1, 副组长 1, 成员 5) must add up to ``size``; and when members are
    listed, the number of members in each role must match ``roles``.
    """
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
    """成员名单的人数与总人数不一致 (名单可能尚未列全)。

    When a committee lists its members and declares a size, the two should agree. This
    is a warning because a list is often completed later.
    """
    for i, committee in enumerate(subject.plan.committees):
        if committee.members and committee.size not in (None, len(committee.members)):
            yield Finding(
                ("committees", i, "members"),
                {"name": committee.name, "listed": len(committee.members), "size": committee.size},
            )


@rule("CP204")
def target_breakdown_total(subject: Subject) -> Iterator[Finding]:
    """指标分解之和应等于目标值, 如 13 个中心 = 第一年 3 个 + 第二年 10 个。"""
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
    """经费各行之和应等于方案写明的经费总额。

    The declared ``budget.total`` must equal the sum of all lines as cplan computes them
    (per-unit lines counted for every unit, percentages applied). Real plans get this
    wrong: the 姜堰 subject.plan declares 101.7万元 for staff costs of 83.5万 + 19.9万 = 103.4万.
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
    """经费行写明的金额 (declared) 应等于按公式计算的金额。

    For example 100 人 × 400 元/人/月 × 12 个月 = 480,000 元: a line that declares
    another figure has an arithmetic mistake in the text or in the formula.
    """
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
