"""Plain, JSON-ready data from a plan and its computed figures. Stable: ``"version": 1``.

Money is a string with two decimals (``"480000.00"``) so no reader ever meets a binary
float; percentages are strings with two decimals (``"64.29"``) next to the exact fraction
(``"9/14"``); dates are ISO (``"2024-04-11"``) next to the officer's spelling.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction
from typing import Any, TypeVar

from cplan.compute.budget import BudgetFigures, exact_sum, to_fen
from cplan.compute.execution import Execution
from cplan.compute.figures import PlanFigures
from cplan.compute.phases import PhaseProgress
from cplan.compute.rollup import Flow, Rollup
from cplan.compute.shares import FundingFigures
from cplan.compute.targets import PlanProgress, TargetProgress, Thresholds
from cplan.diagnostics import Diagnostic
from cplan.messages import render_message
from cplan.model import Funder, Plan
from cplan.model.values import DateSpan, format_number, format_span
from cplan.render.documents import (
    DocumentOptions,
    Names,
    line_basis,
    plan_document,
    progress_document,
)
from cplan.render.plain_execution import alert_sentences, without_alert_findings
from cplan.render.plain_findings import finding_sentences
from cplan.render.wording import money_unit
from cplan.render.wording import percent as percent_text

VERSION = 1

_K = TypeVar("_K")


def money(amount: Decimal) -> str:
    return str(to_fen(amount))


def percent(share: Fraction | None) -> str | None:
    """A share (0.64…) as a percentage string with two decimals ("64.29")."""
    if share is None:
        return None
    scaled = Decimal(share.numerator * 100) / Decimal(share.denominator)
    return str(scaled.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP))


def exact(share: Fraction | None) -> str | None:
    return None if share is None else str(share)


def number(value: Decimal | None) -> str | None:
    return None if value is None else format_number(value)


def span(value: DateSpan) -> dict[str, str]:
    return {
        "text": format_span(value),
        "start": value.start.isoformat(),
        "end": value.end.isoformat(),
    }


def plan_identity(plan: Plan) -> dict[str, Any]:
    return {
        "id": plan.id,
        "title": plan.title,
        "issuer": plan.issuer,
        "level": plan.level,
        "area": plan.area,
        "period": span(plan.period),
        "status": plan.status.value,
    }


def target_data(item: TargetProgress) -> dict[str, Any]:
    target = item.target
    return {
        "id": target.id,
        "name": target.name,
        "kind": target.kind.value,
        "family": target.family,
        "unit": target.unit,
        "owner": target.owner,
        "weight": number(target.weight),
        "baseline": number(target.baseline.value) if target.baseline else None,
        "target": number(item.goal),
        "deadline": span(target.target.deadline),
        "actual": number(item.actual.value) if item.actual else None,
        "actual_date": span(item.actual.date) if item.actual else None,
        "actual_source": item.actual.source if item.actual else None,
        "progress": percent(item.progress),
        "progress_raw": exact(item.raw),
        "time_elapsed": percent(item.elapsed),
        "status": item.standing.value,
        "status_en": item.standing.english,
        "met": item.met,
    }


def phase_data(item: PhaseProgress) -> dict[str, Any]:
    """One phase: task progress (None without tasks) and time elapsed, never mixed."""
    phase = item.phase
    return {
        "id": phase.id,
        "name": phase.name,
        "when": span(phase.when),
        "owner": phase.owner,
        "tasks": len(phase.tasks),
        "tasks_done": item.tasks_done,
        "progress": percent(item.progress),
        "progress_raw": exact(item.progress),
        "time_elapsed": percent(item.elapsed),
        "done": item.done,
        "done_on": item.done_on.isoformat() if item.done_on else None,
        "status": item.standing.value,
        "status_en": item.standing.english,
    }


def status_data(
    plan: Plan, path: str, progress: PlanProgress, phases: tuple[PhaseProgress, ...]
) -> dict[str, Any]:
    """Everything ``cplan status`` shows, as plain data.

    ``overall_progress`` is None, and ``overall_no_data`` true, when no target has an
    actual value by the date (or the plan has no target to weigh).
    """
    return {
        "version": VERSION,
        "path": path,
        "as_of": progress.as_of.isoformat(),
        "plan": plan_identity(plan),
        "overall_progress": percent(progress.overall),
        "overall_progress_raw": exact(progress.overall),
        "overall_no_data": progress.overall is None,
        "targets": [target_data(item) for item in progress.targets],
        "phases": [phase_data(item) for item in phases],
    }


def funding_data(
    plan: Plan, path: str, budget: BudgetFigures, shares: FundingFigures, lang: str = "zh"
) -> dict[str, Any]:
    """Everything ``cplan funding`` shows, as plain data: amounts to the fen, as strings.

    The unit row of the lines not counted per unit has no ``id`` and is named
    ``全方案`` (``plan-wide`` in English).
    """
    funders = {funder.id: funder for funder in plan.funders}
    units = {unit.id: unit.name for unit in plan.units}
    lines = plan.budget.lines if plan.budget else []
    by_line = shares.by_line()
    by_unit = shares.by_unit()
    return {
        "version": VERSION,
        "path": path,
        "plan": plan_identity(plan),
        "total": money(budget.total),
        "funded": money(shares.total),
        "unfunded": money(shares.unfunded_total),
        "funders": [
            {
                "id": funder_id,
                "name": funders[funder_id].name if funder_id in funders else funder_id,
                "fund": funders[funder_id].fund if funder_id in funders else None,
                "amount": money(amount),
                "pledge": _pledge(funders.get(funder_id)),
            }
            for funder_id, amount in shares.by_funder().items()
        ],
        "lines": [
            {
                "id": line.id,
                "name": line.name,
                "category": line.category,
                "year": line.year,
                "amount": money(budget.line_total(line.id) or Decimal(0)),
                "computed": line.id not in budget.uncomputed,
                "shares": {f: money(a) for f, a in by_line.get(line.id, {}).items()},
            }
            for line in lines
        ],
        "units": [
            {
                "id": unit_id,
                "name": units.get(unit_id, unit_id)
                if unit_id
                else render_message("funding.plan_wide", {}, lang),
                "shares": {f: money(a) for f, a in per_funder.items()},
                "total": money(exact_sum(per_funder.values())),
            }
            for unit_id, per_funder in by_unit.items()
        ],
        "funds": [
            {"fund": fund, "amount": money(amount)} for fund, amount in shares.by_fund().items()
        ],
        "categories": [
            {"category": key, "amount": money(amount)}
            for key, amount in budget.by_line_field(plan, "category").items()
        ],
        "years": [
            {"year": key, "amount": money(amount)}
            for key, amount in budget.by_line_field(plan, "year").items()
        ],
        "problems": [
            {"kind": problem.kind, "line": problem.line, "detail": problem.detail}
            for problem in shares.problems
        ],
    }


def _pledge(funder: Funder | None) -> str | None:
    return money(funder.pledge) if funder is not None and funder.pledge is not None else None


def _flow_figures(planned: Decimal, flow: Flow | None) -> dict[str, Any]:
    """FIGURES (:func:`cplan.render.execution_view.figures_data`) of one rollup key."""
    from cplan.render.execution_view import figures_data

    flow = flow or Flow()
    return figures_data(Execution(planned, flow.received, flow.spent))


def _keyed_rows(
    planned: Mapping[_K, Decimal], flows: Mapping[_K, Flow]
) -> Iterator[tuple[_K, dict[str, Any]]]:
    """Every key planned, then every key only received or spent on, with its FIGURES."""
    for key in [*planned, *(key for key in flows if key not in planned)]:
        yield key, _flow_figures(planned.get(key, Decimal(0)), flows.get(key))


def rollup_data(rollup: Rollup, lang: str = "zh") -> dict[str, Any]:
    """Everything ``cplan rollup`` shows, as plain data.

    Keys are the names officers read (市财政, 白云区), summed over the plans; what a line's
    units do not take is under the plan's title in brackets, ``(某某方案)``; a fund, year
    or family the plans leave out is named in ``lang``: ``(未分类)`` / ``(unassigned)``::

        {"version", "as_of", "plans": [path],
         "total", "unfunded",                    # planned: the budget, and what nobody pays
         **FIGURES,                              # all plans: planned = total
         "spent_without_funder",                 # spent on money nobody pays: in no row
         "has_records", "later", "unattributed", # counts of records (later: after as_of)
         "funders": [{"name", "amount", **FIGURES}],
         "funds": [{"fund", "amount", **FIGURES}],
         "years": [{"year", "amount", **FIGURES}],      # the budget line's year, as text
         "units": [{"name", "shares": {funder: planned}, "total",
                    "received_by_funder": {funder: amount}, "spent_by_funder": {...},
                    **FIGURES}],                  # FIGURES of the unit: planned = total
         "families": [{"family", "targets", "progress", "status": {status: count}}]}

    FIGURES are those of ``cplan funding`` (:func:`cplan.render.execution_view.figures_data`):
    ``planned`` (the same as ``amount``), ``received``, ``spent``, ``unspent`` and the rates
    ``received_rate`` (到位率), ``spent_rate`` (执行率) with their exact ``*_raw``.  Money
    received or spent counts when dated on or before ``as_of`` and attributed to a line
    (:mod:`cplan.compute.rollup`); a funder's ``spent`` is its part of the spending, pro
    rata to its shares.  Every row's ``received`` adds up to the top ``received``; every
    row's ``spent`` plus ``spent_without_funder`` to the top ``spent``.
    """
    executed = rollup.executed

    def name(key: str | None) -> str:
        return render_message("rollup.unassigned", {}, lang) if key is None else key

    def unit_row(unit: str, flows: Mapping[str, Flow]) -> dict[str, Any]:
        shares = rollup.by_unit.get(unit, {})
        funders = [*shares, *(funder for funder in flows if funder not in shares)]
        total = exact_sum(shares.values())
        received = {f: flows[f].received if f in flows else Decimal(0) for f in funders}
        spent = {f: flows[f].spent if f in flows else Decimal(0) for f in funders}
        return {
            "name": unit,
            "shares": {funder: money(amount) for funder, amount in shares.items()},
            "total": money(total),
            "received_by_funder": {funder: money(amount) for funder, amount in received.items()},
            "spent_by_funder": {funder: money(amount) for funder, amount in spent.items()},
            **_flow_figures(total, Flow(exact_sum(received.values()), exact_sum(spent.values()))),
        }

    return {
        "version": VERSION,
        "as_of": rollup.as_of.isoformat(),
        "plans": list(rollup.plans),
        "total": money(rollup.budget_total),
        "unfunded": money(rollup.unfunded),
        **_flow_figures(rollup.budget_total, executed.total),
        "spent_without_funder": money(executed.spent_without_funder),
        "has_records": executed.recorded > 0,
        "later": executed.later,
        "unattributed": executed.unattributed,
        "funders": [
            {"name": key, "amount": item["planned"], **item}
            for key, item in _keyed_rows(rollup.by_funder, executed.by_funder)
        ],
        "units": [
            unit_row(unit, executed.by_unit.get(unit, {}))
            for unit in [*rollup.by_unit, *(u for u in executed.by_unit if u not in rollup.by_unit)]
        ],
        "funds": [
            {"fund": name(key), "amount": item["planned"], **item}
            for key, item in _keyed_rows(rollup.by_fund, executed.by_fund)
        ],
        "years": [
            {"year": name(key), "amount": item["planned"], **item}
            for key, item in _keyed_rows(rollup.by_year, executed.by_year)
        ],
        "families": [
            {
                "family": name(key),
                "targets": summary.targets,
                "progress": percent(summary.progress),
                "status": {s.value: n for s, n in summary.standings.items() if n},
            }
            for key, summary in rollup.families.items()
        ],
    }


def execution_data(
    figures: PlanFigures, as_of: date, unit: str, lang: str = "zh"
) -> dict[str, Any]:
    """Budget execution (经费执行) as of ``as_of``, as plain data for the 台账: what ``cplan
    funding --format json`` gives under ``execution``
    (:func:`cplan.render.execution_view.execution_json`), and

    ``elapsed_text``: the time elapsed as a document writes it (87.1%); ``records``: the
    receipts and expenses the figures count (dated by ``as_of``, attributed to a line),
    by date then budget order, with their unit, funder, 凭证 and 备注; ``sentences``: the
    alerts as a report states them, amounts in ``unit``
    (:func:`cplan.render.plain_execution.alert_sentences`).
    """
    # here, not at the top: execution_view builds on this module's money and percent
    from cplan.render.execution_view import execution_json

    execution = figures.execution(as_of)
    per_unit = {row.line for row in execution.lines if row.unit is not None}
    return execution_json(figures.plan, execution, lang) | {
        "elapsed_text": percent_text(execution.elapsed) or None,
        "records": _records(figures, as_of, per_unit),
        "sentences": alert_sentences(execution.alerts, figures.plan, unit),
    }


def _records(figures: PlanFigures, as_of: date, per_unit: set[str]) -> list[dict[str, Any]]:
    """The receipts and expenses counted by ``as_of``: by date, then budget order.

    ``unit`` is the unit's name; on a per-unit line a receipt naming none is ``split``
    (over the units by what each is due) and an expense naming none is the line's own.
    """
    plan = figures.plan
    lines = {line.id: (n, line) for n, line in enumerate(plan.budget.lines if plan.budget else [])}
    units = {unit.id: unit.name for unit in plan.units}
    funders = {funder.id: funder.name for funder in plan.funders}
    counted = [r for r in figures.records.records if r.day <= as_of and r.line in lines]
    counted.sort(key=lambda r: (r.day, lines[r.line][0], r.kind != "received", r.index))
    out = []
    for record in counted:
        line = lines[record.line][1]
        item = (line.received if record.kind == "received" else line.spent)[record.index]
        when = item.date
        out.append(
            {
                "kind": record.kind,
                "date": when.start.isoformat() if when.start == when.end else None,
                "date_text": format_span(when),
                "line": line.name,
                "unit": units.get(item.unit, item.unit) if item.unit else None,
                "split": item.unit is None and record.line in per_unit,
                "funder": funders.get(record.funder, record.funder) if record.funder else None,
                "amount": money(record.amount),
                "document": item.document,
                "note": item.note,
            }
        )
    return out


def finding_data(diagnostic: Diagnostic, lang: str) -> dict[str, Any]:
    return {
        "path": diagnostic.path,
        "line": diagnostic.line,
        "column": diagnostic.col,
        "severity": diagnostic.severity.value,
        "code": diagnostic.code,
        "message": diagnostic.message(lang),
    }


def committee_data(plan: Plan) -> list[dict[str, Any]]:
    names = {c.id: c.name for c in plan.committees}
    units = {u.id: u.name for u in plan.units}
    return [
        {
            "id": c.id,
            "name": c.name,
            "kind": c.kind.value,
            "parent": names.get(c.parent) if c.parent else None,
            "size": c.size,
            "composition": [{"sector": k, "count": v} for k, v in (c.composition or {}).items()],
            "roles": [{"role": k, "count": v} for k, v in (c.roles or {}).items()],
            "members": [
                {
                    "name": m.name or "",
                    "role": m.role,
                    "sector": m.sector,
                    "title": m.title,
                    "unit": units.get(m.unit) if m.unit else None,
                }
                for m in c.members
            ],
            "responsibilities": list(c.responsibilities),
        }
        for c in plan.committees
    ]


def duty_data(plan: Plan) -> list[dict[str, Any]]:
    owners = {u.id: u.name for u in plan.units} | {c.id: c.name for c in plan.committees}
    owners |= {m.id: m.name or m.role for c in plan.committees for m in c.members if m.id}
    targets = {t.id: t.name for t in plan.targets}
    phases = {p.id: p.name for p in plan.phases}
    return [
        {
            "task": d.task,
            "owner": owners.get(d.owner, d.owner),
            "support": [owners.get(s, s) for s in d.support],
            "target": targets.get(d.target) if d.target else None,
            "phase": phases.get(d.phase) if d.phase else None,
            "due": format_span(d.due) if d.due else None,
        }
        for d in plan.duties
    ]


class Outlines(Mapping[str, dict[str, Any]]):
    """The documents' outlines, each worked out when a template first asks for it: the
    台账 never pays for the Word documents' sentences, nor a Word template for the other."""

    def __init__(self, makers: Mapping[str, Callable[[], dict[str, Any]]]) -> None:
        self._makers = dict(makers)
        self._made: dict[str, dict[str, Any]] = {}

    def __getitem__(self, key: str) -> dict[str, Any]:
        if key not in self._made:
            self._made[key] = self._makers[key]()
        return self._made[key]

    def __iter__(self) -> Iterator[str]:
        return iter(self._makers)

    def __len__(self) -> int:
        return len(self._makers)


def wording_data(
    figures: PlanFigures, diagnostics: list[Diagnostic], options: DocumentOptions
) -> dict[str, Any]:
    """What the 台账 says in words: each budget line's basis (400元/人/月×100人×12个月) and
    the findings as plain sentences (none with ``findings`` off)."""
    plan = figures.plan
    names = Names(plan)
    unit = options.unit or money_unit(figures.budget.total)
    lines = plan.budget.lines if plan.budget else []
    return {
        "basis": {line.id: line_basis(line, plan, names) for line in lines},
        "findings": (
            finding_sentences(without_alert_findings(diagnostics), plan, unit)
            if options.findings
            else []
        ),
    }


def report_data(
    figures: PlanFigures,
    path: str,
    as_of: date,
    diagnostics: list[Diagnostic],
    lang: str = "zh",
    thresholds: Thresholds | None = None,
    options: DocumentOptions | None = None,
) -> dict[str, Any]:
    """The one context every report template receives. Templates never compute money.

    Keys: ``plan`` (identity, with ``sections``), ``status`` (as ``cplan status --format
    json``), ``funding`` (as ``cplan funding --format json``), ``execution`` (budget
    execution as of the date, :func:`execution_data`), ``committees``, ``duties``,
    ``findings`` (validation diagnostics), ``as_of``, ``unit`` (元 or 万元, the money
    unit of the documents), ``wording`` (:func:`wording_data`) and ``documents``: the plan (``documents.plan``) and the
    progress report (``documents.progress``) as outlines an office files
    (:mod:`cplan.render.documents`), with nothing of the tool in them. The money is the
    plan's checked figures (``figures``), not worked out again.
    """
    plan = figures.plan
    options = options or DocumentOptions()
    if options.unit is None:
        options = replace(options, unit=money_unit(figures.budget.total))
    progress = figures.progress(as_of, thresholds)
    identity = plan_identity(plan) | {
        "version": plan.version,
        "issued": format_span(plan.issued) if plan.issued else None,
        "sections": plan.sections.model_dump(mode="json"),
    }
    return {
        "version": VERSION,
        "as_of": as_of.isoformat(),
        "path": path,
        "unit": options.unit,
        "plan": identity,
        "status": status_data(plan, path, progress, figures.phases(as_of, thresholds)),
        "funding": funding_data(plan, path, figures.budget, figures.shares),
        "execution": execution_data(figures, as_of, options.unit or "元", lang),
        "committees": committee_data(plan),
        "duties": duty_data(plan),
        "findings": [finding_data(d, lang) for d in diagnostics],
        "wording": wording_data(figures, diagnostics, options),
        "documents": Outlines(
            {
                "plan": lambda: plan_document(figures, as_of, options),
                "progress": lambda: progress_document(
                    figures, as_of, diagnostics, options, thresholds
                ),
            }
        ),
    }
