"""Room 3 of the importer: blocks of one plan → an :class:`~cplan.importer.draft.Extraction`.

The order matters a little: identity first (it takes the 文号 and 主送 lines), then the
items, then the period (which may have to be inferred from the items' dates), then the
undated phases (placed between their dated neighbours), and last what is left as prose.
"""

from __future__ import annotations

import datetime as _dt

from cplan.importer.blocks import Block
from cplan.importer.draft import Extraction, PhaseItem
from cplan.importer.duties import extract_duties
from cplan.importer.identity import default_years, extract_identity, plan_period
from cplan.importer.money import extract_budget
from cplan.importer.outline import build_outline, frame
from cplan.importer.people import extract_committees, extract_norms
from cplan.importer.phases import extract_phases
from cplan.importer.prose import collect_prose
from cplan.importer.scan import Scan, build_paras
from cplan.importer.targets import extract_targets
from cplan.model.values import DateSpan, format_span, parse_span


def extract(blocks: tuple[Block, ...], label: str, year: int | None) -> Extraction:
    framed = frame(blocks, label)
    root = build_outline(framed.body)
    scan = Scan(build_paras(root), default_years(framed.body, year))
    identity = extract_identity(framed, scan)
    out = Extraction(identity)
    out.committees = extract_committees(scan)
    out.norms = extract_norms(scan)
    out.phases = extract_phases(scan)
    extract_budget(scan, out)
    out.duties = extract_duties(scan)
    provisional_end = f"{scan.years.default}年底"
    out.targets = extract_targets(scan, provisional_end)
    plan_period(identity, scan, out.phases, out.targets)
    period = parse_span(identity.period)
    end_text = _end_text(period)
    for target in out.targets:
        if (
            target.deadline == provisional_end
            and "deadline" in target.checks
            and "未写完成期限" in target.checks["deadline"]
        ):
            target.deadline = end_text
    _place_undated(out.phases, period)
    out.units = list(scan.units.values())
    out.prose = collect_prose(root, scan)
    return out


def _end_text(period: DateSpan) -> str:
    end = period.end
    if end.month == 12 and end.day == 31:
        return f"{end.year}年底"
    return end.isoformat()


def _place_undated(phases: list[PhaseItem], period: DateSpan) -> None:
    """Give an undated phase the time between its dated neighbours (or the plan's period),
    and an open-start phase ("11月上旬前完成") the day after the phase before it."""
    for i, phase in enumerate(phases):
        previous_end = next(
            (p.end for p in reversed(phases[:i]) if isinstance(p.end, _dt.date)), None
        )
        next_start = next((p.start for p in phases[i + 1 :] if isinstance(p.start, _dt.date)), None)
        start = (
            previous_end + _dt.timedelta(days=1)
            if isinstance(previous_end, _dt.date)
            else period.start
        )
        if phase.dated and phase.start is None and isinstance(phase.end, _dt.date):
            start = min(start, phase.end)
            phase.start = start
            phase.when = format_span(DateSpan(start, phase.end, "", "day"))
            continue
        if phase.dated:
            continue
        end = next_start - _dt.timedelta(days=1) if isinstance(next_start, _dt.date) else period.end
        if end < start:
            start, end = period.start, period.end
        phase.when = format_span(DateSpan(start, end, "", "day"))
