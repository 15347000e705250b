"""Findings as a report states them: one plain sentence each, nothing of the tool.

``cplan validate`` names a file, a position and a rule code; a report handed to a 领导
names none of them. :func:`finding_sentences` writes each finding as the sentence an
officer would: 经费总额写明101.7万元，各项合计103.4万元，相差1.7万元。 Amounts are given
in the document's unit; identifiers become the names the plan gives them. Findings of
the same kind about many units are said once (河东社区、南苑社区现有正式人员少于配备
标准4名). A finding that cannot be said without an identifier or a field name of the
file format is counted in a closing sentence instead of being shown.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping, Sequence
from decimal import Decimal, InvalidOperation
from typing import Any

from cplan.diagnostics import Diagnostic
from cplan.messages import quoted
from cplan.model import Plan
from cplan.render.wording import cn, money, sentence

Args = Mapping[str, Any]


def _amount(value: object, unit: str) -> str:
    try:
        return money(Decimal(str(value).replace(",", "")), unit)
    except InvalidOperation:
        return cn(value)


def _q(value: object) -> str:
    """A name quoted as Chinese print quotes it."""
    return quoted(cn(value))


def _day(value: object) -> str:
    text = str(value)
    match = re.fullmatch(r"(\d{4})-(\d{2})-(\d{2})", text)
    if match:
        return f"{int(match[1])}年{int(match[2])}月{int(match[3])}日"
    return cn(text)


Sayer = Callable[[Args, str], str]

#: Message key → the sentence, from the finding's arguments and the money unit.
SENTENCES: dict[str, Sayer] = {
    "CP201": lambda a, u: (
        f"{cn(a['name'])}各界别人数之和为{a['parts']}人，与总人数{a['size']}人不一致。"
    ),
    "CP202": lambda a, u: (
        f"{cn(a['name'])}各职务人数之和为{a['parts']}人，与总人数{a['size']}人不一致。"
    ),
    "CP202.members": lambda a, u: (
        f"{cn(a['name'])}写明{cn(a['role'])}{a['declared']}人，名单中为{a['listed']}人。"
    ),
    "CP203": lambda a, u: f"{cn(a['name'])}名单列出{a['listed']}人，与总人数{a['size']}人不一致。",
    "CP204": lambda a, u: (
        f"指标{_q(a['name'])}的分解之和为{a['parts']}，与目标值{a['value']}不一致。"
    ),
    "CP205": lambda a, u: (
        f"经费总额写明{_amount(a['declared'], u)}，各项合计{_amount(a['computed'], u)}，"
        f"相差{_amount(a['difference'], u)}。"
    ),
    "CP206": lambda a, u: (
        f"{_q(a['name'])}写明{_amount(a['declared'], u)}，按测算标准计算为{_amount(a['computed'], u)}。"
    ),
    "CP401": lambda a, u: (
        f"{cn(a['name'])}（{cn(a['when'])}）早于前一阶段{cn(a['previous'])}"
        f"（{cn(a['previous_when'])}）开始。"
    ),
    "CP402": lambda a, u: f"{cn(a['name'])}（{cn(a['when'])}）超出方案期限（{cn(a['period'])}）。",
    "CP403": lambda a, u: (
        f"{cn(a['name'])}与{cn(a['previous'])}时间重叠（{_day(a['start'])}至{_day(a['end'])}）。"
    ),
    "CP404": lambda a, u: f"{cn(a['previous'])}结束后间隔{a['days']}天，{cn(a['name'])}才开始。",
    "CP405": lambda a, u: (
        f"任务{_q(a['task'])}的完成时限不在{cn(a['name'])}（{cn(a['when'])}）之内。"
    ),
    "CP503": lambda a, u: f"{_q(a['name'])}尚未明确出资方。",
    "CP504": lambda a, u: (
        f"定额出资合计{_amount(a['fixed'], u)}，超过所覆盖的经费{_amount(a['total'], u)}。"
    ),
    "CP507": lambda a, u: (
        f"{cn(a['funder'])}承诺出资{_amount(a['pledge'], u)}，"
        f"按分担方式测算应出资{_amount(a['assigned'], u)}。"
    ),
    "CP601.increase": lambda a, u: (
        f"指标{_q(a['name'])}的目标值{a['value']}不高于基线{a['baseline']}。"
    ),
    "CP601.decrease": lambda a, u: (
        f"指标{_q(a['name'])}的目标值{a['value']}不低于基线{a['baseline']}。"
    ),
    "CP603": lambda a, u: (
        f"指标{_q(a['name'])}的基线日期（{cn(a['baseline'])}）不早于完成期限（{cn(a['deadline'])}）。"
    ),
    "CP604": lambda a, u: (
        f"指标{_q(a['name'])}的完成期限（{cn(a['deadline'])}）超出方案期限（{cn(a['period'])}）。"
    ),
    "CP605": lambda a, u: f"指标{_q(a['name'])}以百分比计，数值{a['value']}不在0到100之间。",
    "CP701": lambda a, u: f"{cn(a['name'])}的{cn(a['role'])}人选尚未确定。",
}


def _staffing(found: Sequence[Args]) -> list[str]:
    """CP703 for many units at once, per category and norm."""
    groups: dict[tuple[str, str], list[Args]] = {}
    for args in found:
        groups.setdefault((str(args["category"]), str(args["norm"])), []).append(args)
    out = []
    for (category, norm), items in groups.items():
        units = "、".join(cn(a["unit"]) for a in items)
        have = "、".join(f"{a['have']}名" for a in items)
        each = f"（分别为{have}）" if len(items) > 1 else f"（现有{have}）"
        out.append(f"{units}现有{cn(category)}人员少于每个单位{norm}名的配备标准{each}。")
    return out


_ASCII_WORD = re.compile(r"[A-Za-z_][A-Za-z0-9_.-]*")


def _fallback(diagnostic: Diagnostic, plan: Plan) -> str | None:
    """The message without its advice to the file's author, ids replaced by names; None
    when what is left still names something of the file format."""
    text = diagnostic.message("zh")
    text = re.split(r"[;；]", text, maxsplit=1)[0]
    names = {u.id: u.name for u in plan.units} | {f.id: f.name for f in plan.funders}
    names |= {c.id: c.name for c in plan.committees} | {t.id: t.name for t in plan.targets}
    names |= {ph.id: ph.name for ph in plan.phases}
    if plan.budget:
        names |= {line.id: line.name for line in plan.budget.lines}
    text = _ASCII_WORD.sub(lambda m: names.get(m.group(), m.group()), text)
    if _ASCII_WORD.search(text):
        return None
    return sentence(text)


def finding_sentences(diagnostics: Sequence[Diagnostic], plan: Plan, unit: str) -> list[str]:
    """Every finding as a plain sentence, in the order found (see the module docstring)."""
    out: list[str] = []
    staffing: list[Args] = []
    unsaid = 0
    seen: set[str] = set()
    for diagnostic in diagnostics:
        if diagnostic.key == "CP703":
            staffing.append(diagnostic.args)
            continue
        say = SENTENCES.get(diagnostic.key)
        text: str | None
        try:
            text = say(diagnostic.args, unit) if say else _fallback(diagnostic, plan)
        except (KeyError, ValueError):
            text = _fallback(diagnostic, plan)
        if text is None:
            unsaid += 1
        elif text not in seen:
            seen.add(text)
            out.append(text)
    out += _staffing(staffing)
    if unsaid:
        out.append(f"方案中另有{unsaid}处数据需要核实。")
    return out


__all__ = ["SENTENCES", "finding_sentences"]
