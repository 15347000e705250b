"""Budget execution records (received / spent) that cannot be right whatever the date.

CP406 a record dated outside the plan period; CP509 a record that cannot be attributed
to the line's units or funders (it is counted nowhere); CP510 money received from a
funder that pays nothing of the line; CP511 a line or unit spent over its planned
amount (超支); CP512 a line spent over what it has received.  Whether a funder is
behind or money lies unspent depends on the date: ``cplan funding`` and ``cplan
status`` show those as alerts beside the figures (:mod:`cplan.compute.execution`).
"""

from __future__ import annotations

from collections.abc import Iterator

from cplan.compute.budget import fen_of, from_fen
from cplan.diagnostics import Severity
from cplan.messages import yuan
from cplan.rules import Finding, Subject, rule


def _lines(subject: Subject) -> dict[str, int]:
    budget = subject.plan.budget
    return {line.id: i for i, line in enumerate(budget.lines)} if budget else {}


@rule("CP406", Severity.WARNING)
def record_outside_period(subject: Subject) -> Iterator[Finding]:
    """A receipt or expense is dated within the plan period (a warning)."""
    plan = subject.plan
    for i, line in enumerate(plan.budget.lines if plan.budget else []):
        dated = [("received", j, r.date) for j, r in enumerate(line.received)]
        dated += [("spent", j, e.date) for j, e in enumerate(line.spent)]
        for kind, j, when in dated:
            if when.end < plan.period.start or when.start > plan.period.end:
                yield Finding(
                    ("budget", "lines", i, kind, j, "date"),
                    {"name": line.name, "date": str(when), "period": str(plan.period)},
                    variant=kind,
                )


@rule("CP509")
def unattributed_record(subject: Subject) -> Iterator[Finding]:
    """Every receipt and expense can be attributed to its line's units and funders.

    A unit the line is not counted for, or a receipt naming no unit on a per-unit line
    from a funder that is due nothing there, is counted nowhere. Names that are not
    defined at all are CP301's; records of a line with no amount follow that line's error.
    """
    lines = _lines(subject)
    units = {unit.id: unit.name for unit in subject.plan.units}
    for item in subject.records.unattributed:
        i = lines[item.line]
        line = subject.plan.budget.lines[i] if subject.plan.budget else None
        assert line is not None
        if item.reason == "unit_not_on_line" and item.unit in units:
            yield Finding(
                ("budget", "lines", i, item.kind, item.index, "unit"),
                {"name": line.name, "unit": units[item.unit]},
                variant=f"unit.{item.kind}",
            )
        elif item.reason == "nothing_due":
            yield Finding(
                ("budget", "lines", i, "received", item.index, "funder"),
                {"name": line.name, "funder": item.funder},
                variant="nothing_due",
            )


@rule("CP510", Severity.WARNING)
def receipt_from_non_payer(subject: Subject) -> Iterator[Finding]:
    """Money received for a line comes from a funder that pays a share of it (a warning)."""
    if not subject.has_records:
        return
    by_line = subject.shares.by_line()
    lines = _lines(subject)
    for record in subject.records.records:
        paying = by_line.get(record.line)
        if record.funder is None or paying is None or paying.get(record.funder):
            continue
        line = subject.plan.budget.lines[lines[record.line]] if subject.plan.budget else None
        assert line is not None
        yield Finding(
            ("budget", "lines", lines[record.line], "received", record.index, "funder"),
            {"name": line.name, "funder": record.funder},
        )


def _spent_and_received(subject: Subject) -> dict[tuple[str, str | None], list[int]]:
    """(line, unit) → [received fen, spent fen] over every record, whatever its date;
    ``unit`` None is the whole line."""
    sums: dict[tuple[str, str | None], list[int]] = {}
    for record in subject.records.records:
        slot = 0 if record.funder is not None else 1
        for unit, part in record.parts:
            keys = {(record.line, None), (record.line, unit)}
            for key in keys:
                sums.setdefault(key, [0, 0])[slot] += fen_of(part)
    return sums


@rule("CP511", Severity.WARNING)
def overspent(subject: Subject) -> Iterator[Finding]:
    """A line, or a unit of a per-unit line, has not spent more than planned (超支, a warning)."""
    if not subject.has_records:
        return
    lines = _lines(subject)
    units = {unit.id: unit.name for unit in subject.plan.units}
    planned: dict[tuple[str, str | None], int] = {}
    for line_id, amounts in subject.budget.amounts.items():
        for amount in amounts:
            planned[line_id, None] = planned.get((line_id, None), 0) + fen_of(amount.amount)
            if amount.unit is not None:
                planned[line_id, amount.unit] = fen_of(amount.amount)
    for (line_id, unit), (_, spent) in _spent_and_received(subject).items():
        if (line_id, unit) not in planned or spent <= planned[line_id, unit]:
            continue
        i = lines[line_id]
        line = subject.plan.budget.lines[i] if subject.plan.budget else None
        assert line is not None
        args = {
            "name": line.name,
            "unit": units.get(unit, unit) if unit else "",
            "planned": yuan(from_fen(planned[line_id, unit])),
            "spent": yuan(from_fen(spent)),
            "over": yuan(from_fen(spent - planned[line_id, unit])),
        }
        yield Finding(("budget", "lines", i, "spent"), args, variant="unit" if unit else "")


@rule("CP512", Severity.WARNING)
def spent_over_received(subject: Subject) -> Iterator[Finding]:
    """A line has not spent more than it has received (a warning)."""
    if not subject.has_records:
        return
    lines = _lines(subject)
    for (line_id, unit), (received, spent) in _spent_and_received(subject).items():
        if unit is not None or spent <= received:
            continue
        i = lines[line_id]
        line = subject.plan.budget.lines[i] if subject.plan.budget else None
        assert line is not None
        yield Finding(
            ("budget", "lines", i, "spent"),
            {
                "name": line.name,
                "received": yuan(from_fen(received)),
                "spent": yuan(from_fen(spent)),
                "over": yuan(from_fen(spent - received)),
            },
        )
