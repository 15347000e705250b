"""CP5xx: cost-sharing ratios and funders make sense."""

from __future__ import annotations

from collections.abc import Iterator

from cplan.compute.budget import exact_sum, line_units
from cplan.compute.shares import unit_chain, unit_ratio_uses
from cplan.diagnostics import Severity
from cplan.messages import yuan
from cplan.model import Plan, Sharing
from cplan.model.values import Ratio
from cplan.rules import DataPath, Finding, Subject, rule


def _ratios(plan: Plan) -> Iterator[tuple[DataPath, Ratio]]:
    for i, unit in enumerate(plan.units):
        if unit.sharing is not None:
            yield ("units", i, "sharing"), unit.sharing
    if plan.budget is None:
        return
    if plan.budget.sharing is not None and plan.budget.sharing.ratio is not None:
        yield ("budget", "sharing", "ratio"), plan.budget.sharing.ratio
    for i, line in enumerate(plan.budget.lines):
        if line.sharing is not None and line.sharing.ratio is not None:
            yield ("budget", "lines", i, "sharing", "ratio"), line.sharing.ratio


@rule("CP501")
def ratio_parts(subject: Subject) -> Iterator[Finding]:
    """No sharing ratio has a negative part or only zeros (0:10 is fine; -1:11, 0:0 are not)."""
    for path, ratio in _ratios(subject.plan):
        if any(part < 0 for part in ratio.parts):
            yield Finding(path, {"ratio": str(ratio)}, variant="negative")
        elif not any(ratio.parts):
            yield Finding(path, {"ratio": str(ratio)}, variant="zero")


def _default_sharing(plan: Plan) -> Sharing | None:
    return plan.budget.sharing if plan.budget is not None else None


def _arity_wrong(ratio: Ratio, default: Sharing | None) -> bool:
    return default is not None and default.ratio is not None and len(ratio) != len(default.funders)


def _parts_wrong(ratio: Ratio) -> bool:
    return any(part < 0 for part in ratio.parts) or not any(ratio.parts)


@rule("CP502")
def unit_ratio_arity(subject: Subject) -> Iterator[Finding]:
    """A unit's ratio has one part per funder of the budget's default sharing.

    A unit's ``sharing: 4:6`` is read against ``budget.sharing.funders`` in order. A unit
    ratio with no ratio default to be read against is not used at all: CP508 reports that.
    """
    default = _default_sharing(subject.plan)
    for i, unit in enumerate(subject.plan.units):
        if unit.sharing is not None and default is not None and _arity_wrong(unit.sharing, default):
            yield Finding(
                ("units", i, "sharing"),
                {"name": unit.name, "parts": len(unit.sharing), "funders": len(default.funders)},
            )


@rule("CP503", Severity.WARNING)
def line_without_funder(subject: Subject) -> Iterator[Finding]:
    """Without a default sharing, every budget line has a sharing of its own (a warning)."""
    if subject.plan.budget is None or subject.plan.budget.sharing is not None:
        return
    for i, line in enumerate(subject.plan.budget.lines):
        if line.sharing is None:
            yield Finding(("budget", "lines", i), {"name": line.name})


@rule("CP504")
def fixed_share_exceeds_lines(subject: Subject) -> Iterator[Finding]:
    """Fixed contributions do not exceed the amounts they cover.

    A fixed sum in the budget's default sharing covers every line without a sharing of its
    own, once; a fixed sum in a line's own sharing covers that line.
    """
    budget = subject.plan.budget
    if budget is None:
        return
    groups: list[tuple[DataPath, Sharing | None, list[str]]] = [
        (
            ("budget", "sharing", "fixed"),
            budget.sharing,
            [line.id for line in budget.lines if line.sharing is None],
        ),
    ]
    groups += [
        (("budget", "lines", i, "sharing", "fixed"), line.sharing, [line.id])
        for i, line in enumerate(budget.lines)
        if line.sharing is not None
    ]
    for where, sharing, line_ids in groups:
        if sharing is None or sharing.fixed is None or not line_ids:
            continue
        totals = [subject.budget.line_total(line_id) for line_id in line_ids]
        if any(total is None for total in totals):
            continue
        total = exact_sum(t for t in totals if t is not None)
        fixed = exact_sum(sharing.fixed.values())
        if fixed > total:
            yield Finding(where, {"fixed": yuan(fixed), "total": yuan(total)})


@rule("CP507", Severity.WARNING)
def pledge_matches_assignment(subject: Subject) -> Iterator[Finding]:
    """A funder's ``pledge`` equals the share the sharing assigns it (a warning)."""
    funders = {funder.id: i for i, funder in enumerate(subject.plan.funders)}
    if all(funder.pledge is None for funder in subject.plan.funders):
        return  # nothing pledged: no need to work out the shares
    for funder_id, pledge, assigned in subject.shares.pledge_gaps(subject.plan):
        yield Finding(
            ("funders", funders[funder_id], "pledge"),
            {
                "funder": subject.plan.funders[funders[funder_id]].name,
                "pledge": yuan(pledge),
                "assigned": yuan(assigned),
            },
        )


@rule("CP505")
def percent_cycle(subject: Subject) -> Iterator[Finding]:
    """A percentage line is not based on itself, directly or through other lines."""
    if subject.plan.budget is None:
        return
    lines = {line.id: line for line in subject.plan.budget.lines}
    for i, line in enumerate(subject.plan.budget.lines):
        stack, seen = list(line.of), set()
        while stack:
            current = stack.pop()
            if current == line.id:
                yield Finding(("budget", "lines", i, "of"), {"name": line.name})
                break
            if current in seen or current not in lines:
                continue
            seen.add(current)
            stack.extend(lines[current].of)


@rule("CP506")
def quantity_defined(subject: Subject) -> Iterator[Finding]:
    """A line whose quantity is a name gets it from every unit it is counted for.

    A line with no units (neither ``units`` nor ``unit_kind``) cannot use a named quantity.
    """
    if subject.plan.budget is None:
        return
    units = {unit.id: unit for unit in subject.plan.units}
    for i, line in enumerate(subject.plan.budget.lines):
        if not isinstance(line.quantity, str):
            continue
        scope = line_units(line, units)
        if scope is None:
            yield Finding(
                ("budget", "lines", i, "quantity"),
                {"name": line.name, "quantity": line.quantity},
                variant="no_units",
            )
            continue
        for unit in scope:
            if line.quantity not in unit.quantities:
                yield Finding(
                    ("budget", "lines", i, "quantity"),
                    {"name": line.name, "quantity": line.quantity, "unit": unit.name},
                )


@rule("CP508", Severity.WARNING)
def unit_ratio_unused(subject: Subject) -> Iterator[Finding]:
    """A unit's sharing ratio that no amount is shared by (a warning).

    A unit's ``sharing`` ratio (天河区 4:6) splits the amounts of budget lines counted
    for that unit and for the units under it (its ``parent`` chain leads to it), when

    * the line has no ``sharing`` of its own (a line's own sharing wins), and
    * the budget's default ``sharing`` is a ratio between funders
      (``{funders: [city, district], ratio: "5:5"}``): the unit ratio is read against
      those funders.  Under a fixed + remainder default (市财政补助 12.5万元, 其余由镇承担)
      unit ratios are not used, and
    * no unit nearer to the amount has a ratio of its own (the nearest ratio wins: a
      centre's 8:2 beats its district's 4:6).

    A ratio that no line amount picks up changes no figure, so the shares cplan
    computes are not what the plan seems to say.  The message says why the ratio is not
    used: fix the line or default sharing, count a line for the unit (``units`` or
    ``unit_kind``), or delete the ratio.  Ratios that CP501 or CP502 already reject are
    not reported again.
    """
    plan = subject.plan
    default = _default_sharing(plan)
    uses = unit_ratio_uses(plan)
    units = {unit.id: unit for unit in plan.units}
    lines = plan.budget.lines if plan.budget is not None else []
    for i, unit in enumerate(plan.units):
        ratio = unit.sharing
        if ratio is None or unit.id in uses or _parts_wrong(ratio) or _arity_wrong(ratio, default):
            continue
        if default is None:
            variant = "no_default"
        elif default.ratio is None:
            variant = "fixed"
        else:
            counted = [
                line
                for line in lines
                for counted_for in line_units(line, units) or []
                if any(above.id == unit.id for above in unit_chain(units, counted_for.id))
            ]
            if not counted:
                variant = "no_lines"
            elif all(line.sharing is not None for line in counted):
                variant = "own"
            else:
                variant = "nearer"
        yield Finding(("units", i, "sharing"), {"name": unit.name, "ratio": str(ratio)}, variant)
