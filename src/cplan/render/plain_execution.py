"""Budget execution as a report states it: what has come in and gone out, in sentences.

``cplan funding`` and ``cplan status`` show an alert with the advice a file's author
needs (补记到位记录 received); a 进展情况报告 handed to a 领导 and a 台账 handed to an
inspection say what the figures show, in the document's money unit, with the names the
plan gives lines, units and funders, dates as ``2026年9月30日`` and no identifiers or
field names. :func:`alert_sentences` writes each alert of
:mod:`cplan.compute.execution` so; :func:`execution_summary` is the paragraph that opens
the report's part on execution (截至…，已到位…，到位率…；已支出…，执行率…，时间进度…);
:func:`alert_tally` says in one sentence what kinds of alert there are, for 存在的问题.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from cplan.compute.execution import Alert, ExecutionFigures
from cplan.diagnostics import Diagnostic
from cplan.messages import quoted
from cplan.model import Plan
from cplan.render.wording import cn, cn_date, exact_unit, join_cn, money, percent

Names = Mapping[str, str]


def _names(plan: Plan) -> tuple[Names, Names, Names]:
    """Display names of lines, units and funders, in Chinese print."""
    lines = {line.id: cn(line.name) for line in plan.budget.lines} if plan.budget else {}
    units = {unit.id: cn(unit.name) for unit in plan.units}
    funders = {funder.id: cn(funder.name) for funder in plan.funders}
    return lines, units, funders


def _decimal(value: object) -> Decimal:
    return value if isinstance(value, Decimal) else Decimal(str(value))


def _amount(params: Mapping[str, object], key: str, unit: str) -> str:
    return money(_decimal(params.get(key)), unit)


def _day(params: Mapping[str, object], key: str) -> str:
    value = params.get(key)
    return cn_date(value) if isinstance(value, date) else cn(value)


Sayer = Callable[[str, str, Mapping[str, object], str], str]


#: A sentence names at most this many units, then 等N个单位.
NAMED_UNITS = 3


def _behind(subject: str, funder: str, a: Mapping[str, object], u: str) -> str:
    text = f"{subject}：{funder}按时间进度应到位{_amount(a, 'due', u)}"
    if not _decimal(a.get("received")):
        return f"{text}，尚未到位。"
    text += f"，实际到位{_amount(a, 'received', u)}"
    names = [name for name in str(a.get("unit_names") or "").split("、") if name]
    if not names:
        return f"{text}，尚差{_amount(a, 'short', u)}。"
    who = "、".join(cn(name) for name in names[:NAMED_UNITS])
    if len(names) > NAMED_UNITS:
        who += f"等{len(names)}个单位"
    total = "合计尚差" if len(names) > 1 else "尚差"
    return f"{text}；{who}{total}{_amount(a, 'short', u)}。"


def _overspent(subject: str, funder: str, a: Mapping[str, object], u: str) -> str:
    return (
        f"{subject}已支出{_amount(a, 'spent', u)}，超过计划金额{_amount(a, 'planned', u)}，"
        f"超支{_amount(a, 'over', u)}。"
    )


def _spent_over_received(subject: str, funder: str, a: Mapping[str, object], u: str) -> str:
    return (
        f"{subject}已支出{_amount(a, 'spent', u)}，比已到位资金{_amount(a, 'received', u)}"
        f"多{_amount(a, 'over', u)}。"
    )


def _unspent(subject: str, funder: str, a: Mapping[str, object], u: str) -> str:
    end, as_of = a.get("end"), a.get("as_of")
    if isinstance(end, date) and isinstance(as_of, date) and as_of > end:
        return (
            f"{subject}经费期限已于{_day(a, 'end')}届满，已到位{_amount(a, 'received', u)}，"
            f"已支出{_amount(a, 'spent', u)}，结余{_amount(a, 'unspent', u)}。"
        )
    return (
        f"{subject}已到位{_amount(a, 'received', u)}，已支出{_amount(a, 'spent', u)}，"
        f"结余{_amount(a, 'unspent', u)}，距经费期限（{_day(a, 'end')}）已不足两个月。"
    )


#: Alert kind → its sentence, from the subject (“line”（unit）), funder, params and unit.
SENTENCES: dict[str, Sayer] = {
    "behind": _behind,
    "overspent": _overspent,
    "spent_over_received": _spent_over_received,
    "unspent": _unspent,
}

#: Findings that say what an alert of the same kind says, for all records whatever their
#: date (超支, 支出超过到位): a dated report says them as alerts, as of its date, instead.
SAID_BY_ALERTS = frozenset({"CP511", "CP512"})


def without_alert_findings(diagnostics: Sequence[Diagnostic]) -> list[Diagnostic]:
    """``diagnostics`` less those an alert says (:data:`SAID_BY_ALERTS`)."""
    return [d for d in diagnostics if d.code not in SAID_BY_ALERTS]


#: Alert kind → how 存在的问题 counts it (N处…).
TALLY = {
    "behind": "资金到位慢于时间进度",
    "overspent": "支出超过计划金额",
    "spent_over_received": "支出超过已到位资金",
    "unspent": "临近或超过经费期限仍有结余",
}


def alert_sentences(alerts: Sequence[Alert], plan: Plan, unit: str) -> list[str]:
    """Each alert as a plain sentence, amounts in ``unit`` (元 or 万元), exact."""
    lines, units, funders = _names(plan)
    out = []
    for alert in alerts:
        say = SENTENCES.get(alert.kind)
        if say is None:
            continue
        subject = quoted(lines.get(alert.line or "", cn(alert.line)))
        if alert.unit is not None:
            subject += f"（{units.get(alert.unit, cn(alert.unit))}）"
        funder = funders.get(alert.funder or "", cn(alert.funder))
        amounts = [_decimal(v) for v in alert.params.values() if isinstance(v, Decimal)]
        out.append(say(subject, funder, alert.params, exact_unit(amounts, unit)))
    return out


def alert_tally(alerts: Sequence[Alert]) -> str | None:
    """经费执行方面，2处资金到位慢于时间进度、1处支出超过计划金额。 None without alerts."""
    counts: dict[str, int] = {}
    for alert in alerts:
        if alert.kind in TALLY:
            counts[alert.kind] = counts.get(alert.kind, 0) + 1
    if not counts:
        return None
    parts = [f"{counts[kind]}处{words}" for kind, words in TALLY.items() if kind in counts]
    return f"经费执行方面，{'、'.join(parts)}（详见经费部分）。"


def _rate(share: Any) -> str:
    return percent(share) if share is not None else "—"


def execution_summary(execution: ExecutionFigures, plan: Plan, unit: str) -> str:
    """The opening of the part on execution, in the voice of a 进展情况报告:

    截至2026年9月30日，方案安排经费179.5万元，市本级财政和区财政已拨付到位120万元，
    到位率66.9%；已支出98.3万元，执行率54.8%，时间进度87.1%；结余21.7万元。

    What has not happened is said so (资金尚未到位, 尚未支出).
    """
    total = execution.total
    unit = exact_unit([total.planned, total.received, total.spent], unit)
    _, _, funders = _names(plan)
    paying = [f for f, item in execution.by_funder.items() if item.planned or item.received]
    whose = join_cn([funders.get(f, cn(f)) for f in paying]) if len(paying) < 3 else "各出资方"
    elapsed = f"，时间进度{percent(execution.elapsed)}" if execution.elapsed is not None else ""
    text = f"截至{cn_date(execution.as_of)}，方案安排经费{money(total.planned, unit)}，"
    if total.received:
        text += (
            f"{whose}已拨付到位{money(total.received, unit)}，到位率{_rate(total.received_rate)}"
        )
    else:
        text += f"{whose}尚未拨付资金"
    if total.spent:
        text += f"；已支出{money(total.spent, unit)}，执行率{_rate(total.spent_rate)}{elapsed}"
        if total.received:
            text += f"；结余{money(total.unspent, unit)}"
    else:
        text += f"；尚未支出{elapsed}"
    return text + "。"


__all__ = [
    "SAID_BY_ALERTS",
    "SENTENCES",
    "TALLY",
    "alert_sentences",
    "alert_tally",
    "execution_summary",
    "without_alert_findings",
]
