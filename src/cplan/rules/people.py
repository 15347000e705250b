"""CP7xx: people, staffing and declared capacities."""

from __future__ import annotations

from collections.abc import Iterator

from cplan.diagnostics import Severity
from cplan.rules import Finding, Subject, rule


@rule("CP701", Severity.WARNING)
def blank_member_name(subject: Subject) -> Iterator[Finding]:
    """成员姓名留空: 方案印发前应填写。

    Plans are often drafted with 组长/副组长/成员 left blank to fill in later; cplan
    reminds you rather than failing.
    """
    for i, committee in enumerate(subject.plan.committees):
        for j, member in enumerate(committee.members):
            if not (member.name or "").strip():
                yield Finding(
                    ("committees", i, "members", j), {"name": committee.name, "role": member.role}
                )


@rule("CP702")
def limit_exceeded(subject: Subject) -> Iterator[Finding]:
    """单位的数量超出方案规定的上下限, 如 服务人数超过 200 人的上限。"""
    for limit in subject.plan.limits:
        for i, unit in enumerate(subject.plan.units):
            if limit.unit_kind is not None and unit.kind != limit.unit_kind:
                continue
            value = unit.quantities.get(limit.quantity)
            if value is None:
                continue
            for bound, variant, broken in (
                (limit.max, "max", value > (limit.max or 0)),
                (limit.min, "min", value < (limit.min or 0)),
            ):
                if bound is not None and broken:
                    yield Finding(
                        ("units", i, "quantities", limit.quantity),
                        {
                            "unit": unit.name,
                            "quantity": limit.quantity,
                            "value": value,
                            "limit": bound,
                        },
                        variant=variant,
                    )


@rule("CP703", Severity.WARNING)
def staffing_below_norm(subject: Subject) -> Iterator[Finding]:
    """单位现有人员少于配备标准, 如 每个社区应有正式人员 4 名而实有 3 名。"""
    for norm in subject.plan.staffing_norms:
        for i, unit in enumerate(subject.plan.units):
            if norm.unit_kind is not None and unit.kind != norm.unit_kind:
                continue
            if not unit.staff:
                continue
            have = unit.staff.get(norm.category, 0)
            if have < norm.per_unit:
                yield Finding(
                    ("units", i, "staff"),
                    {
                        "unit": unit.name,
                        "category": norm.category,
                        "have": have,
                        "norm": norm.per_unit,
                    },
                )
