"""The two Word documents as an office writes them: the plan (方案) and a progress report.

:func:`plan_document` and :func:`progress_document` turn a plan and its figures into an
*outline*: plain, JSON-ready data that a Word template lays out without deciding
anything. An outline is::

    {"kind": "plan" | "progress",
     "title": "…", "title_lines": ["…", "…"],       # broken at word boundaries
     "number": "…" | None, "addressee": "…" | None, # 文号, 主送 (options)
     "opening": ["…"],                               # paragraphs before 一、
     "sections": [{"heading": "一、指导思想", "blocks": [block, …]}, …],
     "closing": "特此报告。" | None,
     "attachment_note": ["附件：1. 经费测算表", "2. 领导小组成员名单"],
     "issuer": "…" | None, "date": "2026年9月30日", "date_iso": "2026-09-30",
     "attachments": [{"label": "附件1", "title": "经费测算表", "blocks": [block, …]}]}

and a block is one of ``{"kind": "h2", "text": "（一）加强组织领导"}`` (a second-level
heading), ``{"kind": "p", "text": "…"}`` (a paragraph, ``1.`` items included),
``{"kind": "table", "table": {...}}`` (see :func:`table`) or ``{"kind": "chart",
"chart": {...}}`` (see :mod:`cplan.render.charts`).

The rules of the documents (see ``documents.md``): sections a plan lacks are left out and
the numbering stays continuous; a section with one part gets no （一）; every plan text is
written in Chinese print (:func:`cplan.render.wording.cn`); money in the plan's unit
(万元 where the plan writes 万元), percentages as ``72.5%``, dates as ``2025年3月20日``.
Nothing of the tool appears: no file names, rule codes, positions or identifiers;
findings are plain sentences (:mod:`cplan.render.plain_findings`) in 五、存在的问题.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

from cplan.compute.budget import exact_sum
from cplan.compute.execution import ExecutionFigures
from cplan.compute.figures import PlanFigures
from cplan.compute.phases import PhaseProgress, finished_on
from cplan.compute.shares import ratio_holder
from cplan.compute.status import Standing, elapsed_between
from cplan.compute.targets import PlanProgress, TargetProgress, Thresholds
from cplan.diagnostics import Diagnostic
from cplan.model import BudgetLine, Committee, Plan, Sharing, Target, TargetKind
from cplan.model.values import Ratio, format_span
from cplan.render.plain_execution import (
    alert_sentences,
    alert_tally,
    execution_summary,
    without_alert_findings,
)
from cplan.render.plain_findings import finding_sentences
from cplan.render.wording import (
    by_deadline,
    clause,
    cn,
    cn_date,
    exact_unit,
    hanzi,
    join_cn,
    money,
    money_figure,
    money_unit,
    number,
    percent,
    rate,
    sentence,
    split_title,
    title_width,
)

Block = dict[str, Any]
Outline = dict[str, Any]

#: A roster longer than this goes to an attachment instead of the body.
ROSTER_INLINE = 7
#: Over this many targets the progress chart shows one bar pair per family.
CHART_TARGETS = 20


@dataclass(frozen=True)
class DocumentOptions:
    """What the user chooses about the documents (``cplan report`` options).

    ``unit``: 元 or 万元 (None: the plan's, see :func:`~cplan.render.wording.money_unit`);
    ``findings``: whether findings go into 五、存在的问题; ``addressee``: the 主送 line;
    ``number``: the 文号.
    """

    unit: str | None = None
    findings: bool = True
    addressee: str | None = None
    number: str | None = None


# -- small builders --------------------------------------------------------------------


def p(text: str) -> Block:
    return {"kind": "p", "text": text}


#: Room for a （一） heading: 28 characters less its two-character indent.
_HEADING_EMS = 26.0


def h2(text: str) -> Block:
    """A （一） heading; one too long for its line breaks before its closing bracketed
    group (the dates of a phase) rather than the word processor breaking inside them
    ("…（2012年6月上旬至7月下" / "旬）")."""
    match = re.search(r"（[^（）]*）$", text)
    if match and match.start() > 0 and title_width(text) > _HEADING_EMS:
        text = f"{text[: match.start()]}\n{match.group()}"
    return {"kind": "h2", "text": text}


def table(
    columns: Sequence[tuple[str, str]],
    rows: Sequence[Sequence[str]],
    total: Sequence[str] | None = None,
    unit: str | None = None,
    lead: str | None = None,
) -> Block:
    """A table block: ``columns`` are (title, alignment: left, center or right); rows of text.

    ``total`` is a closing 合计 row; ``unit`` the money unit of its amounts, said once
    above the table (单位：万元); ``lead`` a paragraph introducing the table, kept on its
    page. The Word renderer sizes the columns from their content,
    repeats the header row on every page and never splits a row.
    """
    return {
        "kind": "table",
        "table": {
            "columns": [{"title": title, "align": align} for title, align in columns],
            "rows": [list(row) for row in rows],
            "total": list(total) if total is not None else None,
            "unit": f"单位：{unit}" if unit else None,
            "lead": lead,
        },
    }


def numbered(items: Sequence[str]) -> list[Block]:
    """Items as paragraphs ``1.…``, ``2.…`` (a half-width full stop, no space); a single
    item has no number."""
    if len(items) == 1:
        return [p(items[0])]
    return [p(f"{n}.{item}") for n, item in enumerate(items, start=1)]


class Sections:
    """Top-level sections numbered 一、二、… in the order added, empty ones left out."""

    def __init__(self) -> None:
        self.items: list[dict[str, Any]] = []

    def add(
        self,
        title: str,
        intro: Sequence[Block] = (),
        parts: Sequence[tuple[str, Sequence[Block]]] = (),
        single: Sequence[Block] | None = None,
    ) -> None:
        """A section of ``intro`` blocks then ``parts`` (each a （一） heading and blocks).

        With one part, its heading is dropped (``single`` replaces the part's blocks
        when given, e.g. to keep a phase's dates). Nothing at all: no section.
        """
        parts = [(name, blocks) for name, blocks in parts if blocks]
        blocks = list(intro)
        if len(parts) == 1:
            blocks += list(single if single is not None else parts[0][1])
        else:
            for n, (name, part) in enumerate(parts, start=1):
                blocks.append(h2(f"（{hanzi(n)}）{name}"))
                blocks.extend(part)
        if blocks:
            number = len(self.items) + 1
            self.items.append({"heading": f"{hanzi(number)}、{title}", "blocks": blocks})


# -- names -----------------------------------------------------------------------------


class Names:
    """Display names of everything a plan refers to by identifier, in Chinese print."""

    def __init__(self, plan: Plan) -> None:
        names: dict[str, str] = {}
        for unit in plan.units:
            names[unit.id] = cn(unit.name)
        for committee in plan.committees:
            names[committee.id] = cn(committee.name)
            for member in committee.members:
                if member.id:
                    names[member.id] = cn(member.name or member.role)
        for funder in plan.funders:
            names.setdefault(funder.id, cn(funder.name))
        self.funders = {funder.id: cn(funder.name) for funder in plan.funders}
        self.lines = {line.id: cn(line.name) for line in plan.budget.lines} if plan.budget else {}
        self.targets = {t.id: cn(t.name) for t in plan.targets}
        self.phases = {ph.id: cn(ph.name) for ph in plan.phases}
        self.all = names

    def __call__(self, ident: str | None) -> str:
        if ident is None:
            return ""
        return self.all.get(ident) or self.funders.get(ident) or cn(ident)

    def title_words(self, plan: Plan) -> list[str]:
        words = [cn(plan.issuer or ""), cn(plan.area or "")]
        return [*words, *self.all.values()]


def _value(value: Decimal | None, unit: str) -> str:
    if value is None:
        return "—"
    return f"{number(value)}{cn(unit)}"


def _short_date(day: date) -> str:
    return by_deadline(day).removeprefix("到")


def period_text(plan: Plan) -> str:
    return cn(format_span(plan.period))


def topic(title: str) -> tuple[str, str]:
    """A plan title as the topic of a report: (topic, bracketed years or "")."""
    text = cn(title)
    years = ""
    match = re.search(r"（[^（）]*）$", text)
    if match:
        years, text = match.group(), text[: match.start()]
    for suffix, keep in (
        ("工作方案", ""),
        ("实施方案", ""),
        ("建设方案", "建设"),
        ("行动方案", "行动"),
        ("工作计划", ""),
        ("工作纲要", ""),
        ("方案", ""),
        ("计划", ""),
    ):
        if text.endswith(suffix):
            text = text[: -len(suffix)] + keep
            break
    return text.removeprefix("关于"), years


# -- targets ---------------------------------------------------------------------------


def target_sentence(target: Target, goal: Decimal | None, names: Names) -> str:
    """A target as a plan states it: 到2026年底，既有住宅加装电梯由6台增加到20台."""
    name = cn(target.name)
    unit = target.unit
    deadline = by_deadline(target.target.deadline.end)
    base = target.baseline.value if target.baseline else None
    if target.kind is TargetKind.ZERO:
        text = f"{deadline}，{name}保持为0{cn(unit)}"
    elif target.kind is TargetKind.RELATIVE and target.target.change is not None:
        change = target.target.change
        verb = "降低" if change < 0 else "提高"
        since = f"比{target.baseline.date.start.year}年" if target.baseline else ""
        text = f"{deadline}，{name}{since}{verb}{percent(abs(change))}"
        if goal is not None:
            limit = "不超过" if change < 0 else "不低于"
            text += f"（{limit}{_value(goal, unit)}）"
    else:
        kind = target.kind
        up = {TargetKind.DECREASE: "降低到", TargetKind.COUNT: "增加到"}.get(kind, "提高到")
        if base is not None and base != 0:
            text = f"{deadline}，{name}由{_value(base, unit)}{up}{_value(goal, unit)}"
        else:
            verb = "不高于" if kind is TargetKind.DECREASE else "达到"
            text = f"{deadline}，{name}{verb}{_value(goal, unit)}"
    if target.breakdown:
        parts = "，".join(f"{cn(k)}{_value(v, unit)}" for k, v in target.breakdown.items())
        text += f"（{parts}）"
    text += "。"
    if target.note:
        text += sentence(target.note)
    if target.owner:
        text += f"（牵头单位：{names(target.owner)}）"
    return text


# -- money -----------------------------------------------------------------------------


def _per_parts(per: str | None) -> list[str]:
    """``元/人/月`` → ``["人", "月"]``: what a rate is per."""
    if not per:
        return []
    parts = [part.strip() for part in cn(per).replace("／", "/").split("/")]
    return [part for part in parts[1:] if part]


def _count_word(word: str) -> str:
    """The measure word for a count of ``word``: 月 → 个月, 人 → 人."""
    return {"月": "个月", "年": "年", "小时": "小时"}.get(word, word)


def _unit_kind_word(line: BudgetLine, plan: Plan) -> str:
    if line.unit_kind:
        return cn(line.unit_kind)
    kinds = {u.kind for u in plan.units if u.id in line.units and u.kind}
    return cn(kinds.pop()) if len(kinds) == 1 else "单位"


def line_basis(line: BudgetLine, plan: Plan, names: Names) -> str:
    """How a line's amount is worked out, in words: 400元/人/月×100人×12个月."""
    if line.amount is not None:
        each = "每个" + _unit_kind_word(line, plan) if (line.units or line.unit_kind) else ""
        return f"{each}{rate(line.amount)}" if each else "定额安排"
    if line.percent is not None:
        bases = join_cn([names.lines.get(x, cn(x)) for x in line.of])
        word = "之和" if len(line.of) > 1 else ""
        return f"按{bases}{word}的{percent(line.percent, places=2)}计算"
    assert line.rate is not None
    per = _per_parts(line.per)
    text = f"{rate(line.rate)}/{'/'.join(per)}" if per else rate(line.rate)
    factors = [text]
    quantity_word = per[0] if per else ""
    if isinstance(line.quantity, str):
        factors.append(f"各{_unit_kind_word(line, plan)}{cn(line.quantity)}")
    elif line.quantity is not None:
        factors.append(f"{number(line.quantity)}{_count_word(quantity_word)}")
    if line.period is not None:
        period_word = per[-1] if len(per) > 1 else "期"
        factors.append(f"{number(line.period)}{_count_word(period_word)}")
    basis = "×".join(factors)
    limits = []
    if line.quantity_above is not None:
        limits.append(f"只计超过{number(line.quantity_above)}{quantity_word}的部分")
    if line.quantity_min is not None:
        limits.append(
            f"不足{number(line.quantity_min)}{quantity_word}的按{number(line.quantity_min)}{quantity_word}计"
        )
    if line.quantity_max is not None:
        limits.append(f"最多计{number(line.quantity_max)}{quantity_word}")
    if limits:
        basis += "（" + "，".join(limits) + "）"
    return basis


def _ratio_text(ratio: Ratio) -> str:
    return ":".join(
        number(Decimal(part.numerator) / Decimal(part.denominator)) for part in ratio.parts
    )


def sharing_phrase(sharing: Sharing, names: Names, unit: str) -> str:
    """Who pays, in words: 由市本级财政和区财政按5:5比例分担."""
    if sharing.ratio is not None:
        payers = [names.funders.get(f, cn(f)) for f in sharing.funders]
        nonzero = [name for name, part in zip(payers, sharing.ratio.parts, strict=True) if part]
        if len(nonzero) == 1:
            return f"由{nonzero[0]}全额承担"
        return f"由{join_cn(payers)}按{_ratio_text(sharing.ratio)}比例分担"
    fixed = [
        f"{names.funders.get(f, cn(f))}定额补助{money(amount, unit)}"
        for f, amount in (sharing.fixed or {}).items()
    ]
    rest = names.funders.get(sharing.remainder or "", cn(sharing.remainder or ""))
    if fixed:
        return "，".join(fixed) + f"，其余由{rest}承担"
    return f"由{rest}全额承担"


def _holder_label(plan: Plan, unit_id: str) -> str:
    units = {u.id: u for u in plan.units}
    unit = units[unit_id]
    parent = units.get(unit.parent) if unit.parent else None
    name = cn(unit.name)
    if parent is not None and name.startswith(cn(parent.name)):
        return cn(parent.name)
    return name


def unit_ratio_sentences(plan: Plan, names: Names) -> list[str]:
    """The ratios written on units, grouped: 天河区、黄埔区按4:6分担."""
    if plan.budget is None or plan.budget.sharing is None or plan.budget.sharing.ratio is None:
        return []
    default = plan.budget.sharing
    units = {u.id: u for u in plan.units}
    groups: dict[str, list[str]] = {}
    for unit in plan.units:
        if unit.sharing is None or len(unit.sharing) != len(default.funders):
            continue
        holder = ratio_holder(units, unit.id)
        if holder is None or holder.id != unit.id:
            continue
        label = _holder_label(plan, unit.id)
        key = _ratio_text(unit.sharing)
        if label not in groups.setdefault(key, []):
            groups[key].append(label)
    out = []
    for key, labels in groups.items():
        parts = [Decimal(x) for x in key.split(":")]
        payers = [names.funders.get(f, cn(f)) for f in default.funders]
        nonzero = [name for name, part in zip(payers, parts, strict=True) if part]
        if len(nonzero) == 1:
            out.append(f"{'、'.join(labels)}由{nonzero[0]}全额承担（{key}）")
        else:
            out.append(f"{'、'.join(labels)}按{key}比例分担")
    return out


# -- committees ------------------------------------------------------------------------


def _member_post(member_title: str | None, unit: str | None) -> str:
    return cn(member_title) or (cn(unit) if unit else "")


def roster_sentence(committee: Committee, names: Names) -> str:
    """组长：刘红梅（街道党工委书记）；副组长：…；成员：…。"""
    by_role: dict[str, list[str]] = {}
    for member in committee.members:
        post = _member_post(member.title, names(member.unit) if member.unit else None)
        person = cn(member.name) if member.name else "（人选待定）"
        by_role.setdefault(cn(member.role), []).append(
            f"{person}（{post}）" if post and member.name else person
        )
    return "；".join(f"{role}：{'、'.join(people)}" for role, people in by_role.items()) + "。"


def committee_paragraphs(
    committee: Committee, plan: Plan, names: Names, roster_attachment: str | None
) -> list[Block]:
    name = cn(committee.name)
    parent = names(committee.parent) if committee.parent else ""
    text = f"{parent}下设{name}" if parent else f"成立{name}"
    if committee.size:
        text += f"，由{committee.size}人组成"
    if committee.composition:
        text += "，其中" + "、".join(f"{cn(k)}{v}人" for k, v in committee.composition.items())
    if committee.roles and not committee.members:
        text += "，设" + "、".join(f"{cn(k)}{v}人" for k, v in committee.roles.items())
    text += "。"
    if committee.members:
        if roster_attachment:
            text += f"成员名单见{roster_attachment}。"
        else:
            text += roster_sentence(committee, names)
    if committee.responsibilities:
        duties = "；".join(clause(r) for r in committee.responsibilities)
        text += f"主要职责是：{duties}。"
    return [p(text)]


# -- the plan ----------------------------------------------------------------------------


def _attachment_ref(index: int, count: int) -> str:
    """附件1, 附件2; a single attachment is just 附件 (GB/T 9704)."""
    return "附件" if count == 1 else f"附件{index}"


def plan_document(  # noqa: PLR0915 (one document, its sections in order)
    figures: PlanFigures,
    as_of: date,
    options: DocumentOptions | None = None,
) -> Outline:
    """The plan itself as a 工作方案, ready to issue (see the module docstring)."""
    options = options or DocumentOptions()
    plan = figures.plan
    names = Names(plan)
    unit = options.unit or money_unit(figures.budget.total)
    sections = Sections()
    attachments: list[dict[str, Any]] = []
    title = cn(plan.title)
    area = cn(plan.area) if plan.area else ""

    opening: list[str] = []
    background = plan.sections.background
    if background:
        text = sentence(background)
        if "制定本方案" not in text and "特制定" not in text:
            text += "结合实际，制定本方案。"
        opening.append(text)
    else:
        subject, _ = topic(plan.title)
        opening.append(f"为做好{subject}工作，结合{area or '本地'}实际，制定本方案。")

    # 一、指导思想 (with 基本原则)
    guidance = [p(sentence(plan.sections.guidance))] if plan.sections.guidance else []
    principles = numbered([sentence(x) for x in plan.sections.principles])
    if guidance and principles:
        sections.add("总体要求", parts=[("指导思想", guidance), ("基本原则", principles)])
    elif guidance:
        sections.add("指导思想", guidance)
    elif principles:
        sections.add("基本原则", principles)

    # 二、工作目标
    progress = figures.progress(as_of)
    goals = {item.target.id: item.goal for item in progress.targets}
    target_parts = _target_parts(plan, goals, names)
    if target_parts:
        intro = [
            p(f"{period_text(plan)}，{('在' + area + '，') if area else ''}努力实现以下目标：")
        ]
        sections.add("工作目标", intro, target_parts)

    # 三、主要任务
    measures = numbered([sentence(x) for x in plan.sections.measures])
    duties = numbered([_duty_sentence(d, names) for d in plan.duties])
    sections.add("主要任务", parts=[("工作措施", measures), ("责任分工", duties)])

    # 四、实施步骤
    phase_parts = [
        (f"{cn(ph.name)}（{cn(format_span(ph.when))}）", _phase_blocks(ph, names))
        for ph in plan.phases
    ]
    single = None
    if len(phase_parts) == 1:
        ph = plan.phases[0]
        single = [p(f"{cn(ph.name)}（{cn(format_span(ph.when))}）。"), *phase_parts[0][1]]
        phase_parts = [(phase_parts[0][0], single)]
    sections.add("实施步骤", parts=phase_parts, single=single)

    for other in plan.sections.other:
        sections.add(clause(other.title), [p(sentence(other.text))])

    # 五、保障措施
    roster_committees = [c for c in plan.committees if len(c.members) > ROSTER_INLINE]
    budget_attachment = bool(plan.budget and plan.budget.lines)
    count = len(roster_committees) + (1 if budget_attachment else 0)
    next_attachment = 1 + (1 if budget_attachment else 0)
    roster_refs: dict[str, str] = {}
    for committee in roster_committees:
        roster_refs[committee.id] = _attachment_ref(next_attachment, count)
        next_attachment += 1
    leadership = [
        block
        for committee in plan.committees
        for block in committee_paragraphs(committee, plan, names, roster_refs.get(committee.id))
    ]
    money_blocks = _budget_blocks(figures, names, unit, _attachment_ref(1, count))
    staffing = [
        sentence(
            f"每个{cn(norm.unit_kind) if norm.unit_kind else '单位'}配备{cn(norm.category)}人员"
            f"{norm.per_unit}名"
        )
        for norm in plan.staffing_norms
    ]
    limits = [_limit_sentence(limit) for limit in plan.limits]
    requirements = [sentence(x) for x in plan.sections.requirements] + staffing + limits
    sections.add(
        "保障措施",
        parts=[
            ("加强组织领导", leadership),
            ("强化经费保障", money_blocks),
            ("严格工作要求", numbered(requirements) if requirements else []),
        ],
    )

    if budget_attachment:
        attachments.append(
            {"title": "经费测算表", "blocks": _budget_table_blocks(figures, names, unit)}
        )
    for committee in roster_committees:
        attachments.append(
            {"title": f"{cn(committee.name)}成员名单", "blocks": [_roster_table(committee, names)]}
        )
    signed = plan.issued.end if plan.issued else as_of
    return _outline(
        "plan",
        title,
        plan,
        names,
        options,
        opening,
        sections,
        None,
        attachments,
        signed,
        as_of,
    )


def _outline(
    kind: str,
    title: str,
    plan: Plan,
    names: Names,
    options: DocumentOptions,
    opening: list[str],
    sections: Sections,
    closing: str | None,
    attachments: list[dict[str, Any]],
    signed: date,
    as_of: date,
) -> Outline:
    for n, attachment in enumerate(attachments, start=1):
        attachment["label"] = _attachment_ref(n, len(attachments))
    note = []
    if attachments:
        titles = [a["title"] for a in attachments]
        if len(titles) == 1:
            note = [f"附件：{titles[0]}"]
        else:
            note = [f"附件：1.{titles[0]}"] + [
                f"{n}.{t}" for n, t in enumerate(titles[1:], start=2)
            ]
    return {
        "kind": kind,
        "title": title,
        "title_lines": split_title(title, names.title_words(plan)),
        "number": cn(options.number) if options.number else None,
        "addressee": _addressee(options.addressee),
        "opening": opening,
        "sections": sections.items,
        "closing": closing,
        "attachment_note": note,
        "issuer": cn(plan.issuer) if plan.issuer else None,
        "date": cn_date(signed),
        "date_iso": signed.isoformat(),
        "as_of": as_of.isoformat(),
        "attachments": attachments,
    }


def _addressee(text: str | None) -> str | None:
    if not text:
        return None
    value = cn(text).rstrip("：:")
    return value + "："


def _target_parts(
    plan: Plan, goals: Mapping[str, Decimal | None], names: Names
) -> list[tuple[str, list[Block]]]:
    families: dict[str, list[Target]] = {}
    for target in plan.targets:
        families.setdefault(cn(target.family) if target.family else "", []).append(target)
    sentences = {t.id: target_sentence(t, goals.get(t.id), names) for t in plan.targets}
    if len(families) > 1 and len(plan.targets) >= 6 and "" not in families:
        return [
            (f"{family}方面", numbered([sentences[t.id] for t in targets]))
            for family, targets in families.items()
        ]
    items = [sentences[t.id] for t in plan.targets]
    return [("", numbered(items))] if items else []


def _duty_sentence(duty: Any, names: Names) -> str:
    text = sentence(duty.task)
    tags = [f"牵头单位：{names(duty.owner)}"]
    if duty.support:
        tags.append(f"配合单位：{'、'.join(names(s) for s in duty.support)}")
    if duty.due:
        tags.append(f"完成时限：{cn(format_span(duty.due))}")
    return text + "（" + "；".join(tags) + "）"


def _task_text(task: Any, names: Names) -> str:
    text = clause(task.name)
    tags = []
    if task.owner:
        tags.append(f"{names(task.owner)}负责")
    if task.due:
        tags.append(f"{cn(format_span(task.due))}前完成")
    return text + ("（" + "，".join(tags) + "）" if tags else "")


def _phase_blocks(phase: Any, names: Names) -> list[Block]:
    lead = f"由{names(phase.owner)}牵头组织实施。" if phase.owner else ""
    tasks = [_task_text(t, names) for t in phase.tasks]
    blocks: list[Block] = []
    if tasks:
        blocks.append(p(lead + "主要任务：" + "；".join(tasks) + "。"))
    elif lead:
        blocks.append(p(lead))
    if phase.deliverables:
        blocks.append(p("阶段成果：" + "、".join(clause(d) for d in phase.deliverables) + "。"))
    return blocks


def _limit_sentence(limit: Any) -> str:
    subject = f"每个{cn(limit.unit_kind)}" if limit.unit_kind else "各单位"
    word = "人" if re.search(r"人数|人员|员$", limit.quantity) else ""
    parts = []
    if limit.min is not None:
        parts.append(f"不少于{number(limit.min)}{word}")
    if limit.max is not None:
        parts.append(f"不超过{number(limit.max)}{word}")
    return f"{subject}{cn(limit.quantity)}{'、'.join(parts)}。"


def _line_amount_phrase(figures: PlanFigures, line: BudgetLine, unit: str, plan: Plan) -> str:
    amounts = figures.budget.amounts.get(line.id, ())
    total = figures.budget.line_total(line.id)
    if total is None:
        return "金额待核定"
    if len(amounts) > 1 or (amounts and amounts[0].unit is not None):
        kind = _unit_kind_word(line, plan)
        values = {a.amount for a in amounts}
        if len(values) == 1:
            return f"每个{kind}{money(values.pop(), unit)}，{len(amounts)}个{kind}共{money(total, unit)}"
        return f"各{kind}合计{money(total, unit)}"
    return f"共{money(total, unit)}"


def _budget_blocks(figures: PlanFigures, names: Names, unit: str, table_ref: str) -> list[Block]:
    plan = figures.plan
    budget = plan.budget
    if budget is None or not budget.lines:
        return []
    total = figures.budget.total
    payers = [names.funders[f] for f in figures.shares.by_funder() if f in names.funders]
    funds = [cn(f) for f in figures.shares.by_fund() if f]
    text = f"本方案所需经费共计{money(total, unit)}"
    if payers:
        text += f"，由{join_cn(payers)}承担" if len(payers) > 1 else f"，由{payers[0]}承担"
    if funds:
        text += f"，资金从{join_cn(funds)}中列支"
    text += f"。经费测算见{table_ref}。"
    blocks = [p(text)]
    items = []
    for line in budget.lines:
        basis = line_basis(line, plan, names)
        amount = _line_amount_phrase(figures, line, unit, plan)
        year = f"（{line.year}年）" if line.year else ""
        item = (
            f"{cn(line.name)}{year}：按{basis}计算，{amount}"
            if not basis.startswith(("按", "定额", "每个"))
            else f"{cn(line.name)}{year}：{basis}，{amount}"
        )
        if basis == "定额安排":
            item = f"{cn(line.name)}{year}：{amount.removeprefix('共')}"
        if line.sharing is not None:
            item += "，" + sharing_phrase(line.sharing, names, unit)
        item += "。"
        if line.note:
            item += sentence(line.note)
        items.append(item)
    blocks += numbered(items)
    shares = []
    if budget.sharing is not None:
        own = [line for line in budget.lines if line.sharing is None]
        if own:
            scope = "除另有规定的项目外，" if len(own) < len(budget.lines) else ""
            default = f"{scope}经费{sharing_phrase(budget.sharing, names, unit)}"
            ratios = unit_ratio_sentences(plan, names)
            if ratios:
                default += "；其中" + "，".join(ratios)
            shares.append(default + "。")
    if shares:
        blocks.append(p("".join(shares)))
    if budget.rules:
        rules = "；".join(clause(r) for r in budget.rules)
        blocks.append(p(f"经费管理执行以下规定：{rules}。"))
    return blocks


def _budget_table_blocks(figures: PlanFigures, names: Names, unit: str) -> list[Block]:
    plan = figures.plan
    assert plan.budget is not None
    fen = unit == "元" and any(
        a.amount % 1 for parts in figures.budget.amounts.values() for a in parts
    )
    rows = []
    for count, line in enumerate(plan.budget.lines, start=1):
        amount = figures.budget.line_total(line.id)
        rows.append(
            [
                str(count),
                cn(line.name) + (f"（{line.year}年）" if line.year else ""),
                line_basis(line, plan, names),
                _fig(amount, unit, fen) if amount is not None else "—",
                cn(line.fund) if line.fund else "—",
            ]
        )
        amounts = figures.budget.amounts.get(line.id, ())
        if len(amounts) > 1 and len({a.amount for a in amounts}) > 1:
            units = {u.id: u for u in plan.units}
            for part in amounts:
                rows.append(
                    [
                        "",
                        f"其中：{names(part.unit)}",
                        _quantity_basis(line, units.get(part.unit or ""), part.quantity),
                        _fig(part.amount, unit, fen),
                        "",
                    ]
                )
    total = _fig(figures.budget.total, unit, fen)
    blocks = [
        table(
            [
                ("序号", "center"),
                ("项目", "left"),
                ("测算依据", "left"),
                ("金额", "right"),
                ("资金来源", "center"),
            ],
            rows,
            ["", "合计", "", total, ""],
            unit,
        )
    ]
    by_unit = figures.shares.by_unit()
    funder_ids = list(figures.shares.by_funder())
    if any(key is not None for key in by_unit) and funder_ids:
        blocks.append(_unit_share_table(figures, names, unit, fen, "各单位经费分担如下："))
    return blocks


def _quantity_basis(line: BudgetLine, unit: Any, counted: Decimal | None) -> str:
    """One unit's quantity on a per-unit line: 服务人数150人，计50人."""
    if not isinstance(line.quantity, str) or unit is None:
        return "" if counted is None else f"数量{number(counted)}"
    word = (_per_parts(line.per) or [""])[0]
    raw = unit.quantities.get(line.quantity)
    text = f"{cn(line.quantity)}{number(raw)}{word}" if raw is not None else ""
    if counted is not None and raw is not None and counted != raw:
        text += f"，计{number(counted)}{word}"
    return text


def _unit_share_table(
    figures: PlanFigures, names: Names, unit: str, fen: bool, lead: str | None = None
) -> Block:
    """Unit × funder, with a row for what no unit carries and one for what no funder pays:
    the 合计 row equals the plan's total."""
    plan = figures.plan
    by_unit = figures.shares.by_unit()
    funder_ids = list(figures.shares.by_funder())
    units = {u.id: u for u in plan.units}
    rows = []
    n = 0
    column_totals = {f: Decimal(0) for f in funder_ids}

    def fig(amount: Decimal) -> str:
        return _fig(amount, unit, fen)

    ordered = [u.id for u in plan.units if u.id in by_unit] + ([None] if None in by_unit else [])
    for unit_id in ordered:
        per = by_unit[unit_id]
        n += 1
        label = names(unit_id) if unit_id is not None else "不分单位的经费"
        ratio = ""
        if unit_id is not None:
            holder = ratio_holder(units, unit_id)
            if holder is not None and holder.sharing is not None:
                ratio = _ratio_text(holder.sharing)
        for f in funder_ids:
            column_totals[f] += per.get(f, Decimal(0))
        rows.append(
            [str(n), label, ratio or "—"]
            + [fig(per[f]) if f in per else "—" for f in funder_ids]
            + [fig(exact_sum(per.values()))]
        )
    missing = figures.shares.unfunded_total + exact_sum(a.amount for a in figures.shares.skipped)
    if missing:
        n += 1
        rows.append(
            [str(n), "未落实出资方的经费", "—"] + ["—" for _ in funder_ids] + [fig(missing)]
        )
    total = [
        "",
        "合计",
        "",
        *[fig(column_totals[f]) for f in funder_ids],
        fig(figures.shares.total + missing),
    ]
    return table(
        [("序号", "center"), ("单位", "left"), ("分担比例", "center")]
        + [(names.funders.get(f, cn(f)), "right") for f in funder_ids]
        + [("合计", "right")],
        rows,
        total,
        unit,
        lead,
    )


def _fig(amount: Decimal, unit: str, fen: bool) -> str:
    """An amount in a table: grouped, and in 万元 with at least two decimals."""
    return money_figure(amount, unit, grouped=True, fen=fen, places=2 if unit == "万元" else 0)


def _roster_table(committee: Committee, names: Names) -> Block:
    rows = []
    for n, member in enumerate(committee.members, start=1):
        rows.append(
            [
                str(n),
                cn(member.role),
                cn(member.name) if member.name else "（待定）",
                _member_post(member.title, names(member.unit) if member.unit else None) or "—",
            ]
        )
    return table(
        [("序号", "center"), ("职务", "center"), ("姓名", "center"), ("单位及职务", "left")], rows
    )


# -- the progress report -------------------------------------------------------------------

_STANDING_WORDS = {
    Standing.DONE: "已完成",
    Standing.ON_TRACK: "进度正常",
    Standing.AT_RISK: "预警",
    Standing.BEHIND: "滞后",
    Standing.OVERDUE: "逾期未完成",
    Standing.FAILED: "未达成",
    Standing.NO_DATA: "尚无数据",
    Standing.NOT_STARTED: "尚未开始",
}


def _counts(items: Iterable[Standing]) -> str:
    tally: dict[Standing, int] = {}
    for standing in items:
        tally[standing] = tally.get(standing, 0) + 1
    return "，".join(f"{_STANDING_WORDS[s]}{tally[s]}项" for s in _STANDING_WORDS if tally.get(s))


def _actual_text(item: TargetProgress) -> str:
    if item.actual is None:
        return "—"
    return _value(item.actual.value, item.target.unit)


def progress_document(
    figures: PlanFigures,
    as_of: date,
    diagnostics: Sequence[Diagnostic] = (),
    options: DocumentOptions | None = None,
    thresholds: Thresholds | None = None,
) -> Outline:
    """A 进展情况报告 as of ``as_of`` (see the module docstring)."""
    options = options or DocumentOptions()
    plan = figures.plan
    names = Names(plan)
    unit = options.unit or money_unit(figures.budget.total)
    progress = figures.progress(as_of, thresholds)
    phases = figures.phases(as_of, thresholds)
    subject, years = topic(plan.title)
    work = "" if subject.endswith(("工作", "行动", "活动")) else "工作"
    title = f"关于{subject}{years}{work}进展情况的报告"
    plan_title = f"《{cn(plan.title)}》"
    issued = (
        f"于{cn_date(plan.issued.end)}印发以来"
        if plan.issued and plan.issued.end <= as_of
        else "实施以来"
    )
    who = cn(plan.issuer) if plan.issuer else "我们"
    opening = [
        (
            f"{plan_title}{issued}，{who}按照方案确定的目标任务和时间安排，组织推进各项工作。"
            f"现将截至{cn_date(as_of)}的工作进展情况报告如下："
        )
    ]
    sections = Sections()
    sections.add("总体进展", _overall(figures, progress, phases, as_of, unit))
    if progress.targets:
        sections.add("指标完成情况", _target_blocks(progress))
    if phases:
        sections.add(
            "实施步骤进展", numbered([_phase_progress_text(item, names) for item in phases])
        )
    execution = figures.execution(as_of)
    if plan.budget and plan.budget.lines:
        sharing = _funding_blocks(figures, names, unit)
        if execution.has_records:
            used = _execution_blocks(execution, plan, names, unit)
            sections.add("经费落实和使用", parts=[("经费分担", sharing), ("资金到位和使用", used)])
        else:
            sections.add("经费落实和分担", sharing)
    problems = _problems(progress, phases, figures, unit)
    tally = alert_tally(execution.alerts)
    if tally:
        problems.append(tally)
    if options.findings:
        problems += finding_sentences(without_alert_findings(diagnostics), plan, unit)
    if not problems:
        problems = ["各项工作总体按计划推进，暂未发现突出问题。"]
    sections.add("存在的问题", numbered(problems))
    sections.add("下一步工作", numbered(_next_steps(progress, phases, names, as_of)))
    return _outline(
        "progress",
        title,
        plan,
        names,
        options,
        opening,
        sections,
        "特此报告。",
        [],
        as_of,
        as_of,
    )


def _overall(
    figures: PlanFigures,
    progress: PlanProgress,
    phases: Sequence[PhaseProgress],
    as_of: date,
    unit: str,
) -> list[Block]:
    plan = figures.plan
    start, end = plan.period.start, plan.period.end
    if as_of < start:
        time = f"方案实施期限为{period_text(plan)}，截至{cn_date(as_of)}尚未进入实施期。"
    elif as_of > end:
        time = f"方案实施期限为{period_text(plan)}，已于{cn_date(end)}期满。"
    else:
        elapsed = elapsed_between(start - timedelta(days=1), end, as_of)
        time = (
            f"方案实施期限为{period_text(plan)}，截至{cn_date(as_of)}，时间已过{percent(elapsed)}。"
        )
    blocks = [p(time)]
    if progress.targets:
        counts = _counts(item.standing for item in progress.targets)
        text = f"方案确定的{len(progress.targets)}项指标中，{counts}"
        overall = progress.overall
        if overall is None:
            text += "；各项指标尚未报送实际值，暂无法计算总体进度。"
        else:
            text += f"；按权重计算，总体进度为{percent(overall)}。"
        blocks.append(p(text))
    if phases:
        running = [
            ph
            for ph in phases
            if ph.standing not in (Standing.DONE, Standing.NOT_STARTED, Standing.OVERDUE)
        ]
        done = [ph for ph in phases if ph.standing is Standing.DONE]
        waiting = [ph for ph in phases if ph.standing is Standing.NOT_STARTED]
        overdue = [ph for ph in phases if ph.standing is Standing.OVERDUE]
        parts = [
            f"{word}{len(group)}个"
            for word, group in (
                ("已完成", done),
                ("正在实施", running),
                ("逾期未完成", overdue),
                ("尚未开始", waiting),
            )
            if group
        ]
        blocks.append(p(f"{len(phases)}个实施步骤中，{'，'.join(parts)}。"))
    if plan.budget and plan.budget.lines:
        missing = figures.shares.unfunded_total + exact_sum(
            a.amount for a in figures.shares.skipped
        )
        text = f"方案安排经费{money(figures.budget.total, unit)}"
        text += (
            f"，其中{money(missing, unit)}尚未落实出资方。" if missing else "，已全部落实出资方。"
        )
        blocks.append(p(text))
    return blocks


def _target_blocks(progress: PlanProgress) -> list[Block]:
    rows = []
    for n, item in enumerate(progress.targets, start=1):
        target = item.target
        rows.append(
            [
                str(n),
                cn(target.name),
                _value(target.baseline.value, target.unit) if target.baseline else "—",
                _value(item.goal, target.unit),
                _short_date(target.target.deadline.end),
                _actual_text(item),
                percent(item.progress) or "—",
                percent(item.elapsed),
                item.standing.value,
            ]
        )
    blocks = [
        table(
            [
                ("序号", "center"),
                ("指标", "left"),
                ("基线", "right"),
                ("目标", "right"),
                ("期限", "center"),
                ("实际值", "right"),
                ("进度", "right"),
                ("时间进度", "right"),
                ("状态", "center"),
            ],
            rows,
        )
    ]
    chart = progress_chart(progress)
    if chart is not None:
        blocks.append({"kind": "chart", "chart": chart})
    return blocks


def progress_chart(progress: PlanProgress) -> dict[str, Any] | None:
    """Each target's progress against time elapsed (per family when there are many)."""
    labels: list[str] = []
    done: list[str] = []
    elapsed: list[str] = []
    items = list(progress.targets)
    if not items:
        return None
    if len(items) > CHART_TARGETS:
        families: dict[str, list[TargetProgress]] = {}
        for item in items:
            families.setdefault(cn(item.target.family) or "其他", []).append(item)
        for family, group in families.items():
            labels.append(f"{family}（{len(group)}项）")
            done.append(_mean([t.progress or Fraction(0) for t in group]))
            elapsed.append(_mean([t.elapsed for t in group]))
        title = "各类指标平均进度与时间进度"
    else:
        for item in items:
            labels.append(cn(item.target.name))
            done.append(_decimal_text(item.progress or Fraction(0)))
            elapsed.append(_decimal_text(item.elapsed))
        title = "各项指标进度与时间进度"
    return {
        "type": "progress",
        "title": title,
        "labels": labels,
        "series": [{"name": "进度", "values": done}, {"name": "时间进度", "values": elapsed}],
        "no_data": [item.progress is None for item in items] if len(items) <= CHART_TARGETS else [],
    }


def _decimal_text(share: Fraction) -> str:
    # Six places: the chart rounds its labels half up to 0.1 % from this text, and must
    # get the figure the table prints from the exact share.
    return str(
        (Decimal(share.numerator) / Decimal(share.denominator)).quantize(Decimal("0.000001"))
    )


def _mean(values: Sequence[Fraction]) -> str:
    return _decimal_text(sum(values, Fraction(0)) / len(values))


def _phase_progress_text(item: PhaseProgress, names: Names) -> str:
    phase = item.phase
    head = f"{cn(phase.name)}（{cn(format_span(phase.when))}）"
    tasks = len(phase.tasks)
    undone = [clause(t.name) for t, n in zip(phase.tasks, range(tasks), strict=True)]
    standing = item.standing
    if standing is Standing.DONE:
        when = f"已于{cn_date(item.done_on)}完成" if item.done_on else "已完成"
        extra = f"，{tasks}项任务全部完成" if tasks else ""
        return f"{head}{when}{extra}。"
    if standing is Standing.NOT_STARTED:
        return f"{head}尚未开始。"
    task_text = (
        (
            f"{tasks}项任务均未完成"
            if item.tasks_done == 0
            else f"{tasks}项任务已完成{item.tasks_done}项"
        )
        if tasks
        else ""
    )
    if standing is Standing.OVERDUE:
        text = f"{head}已过计划完成时间"
        if tasks:
            text += f"，{task_text}"
        return text + "。"
    text = f"{head}正在实施，时间已过{percent(item.elapsed)}"
    if tasks:
        text += f"，{task_text}（进度{percent(item.progress)}）"
        if standing is Standing.BEHIND:
            text += "，进度滞后"
        elif standing is Standing.AT_RISK:
            text += "，进度略慢于时间安排"
    del undone
    return text + "。"


def _funding_blocks(figures: PlanFigures, names: Names, unit: str) -> list[Block]:
    by_funder = figures.shares.by_funder()
    total = figures.budget.total
    missing = figures.shares.unfunded_total + exact_sum(a.amount for a in figures.shares.skipped)
    fen = unit == "元" and any(a % 1 for a in [*by_funder.values(), missing])
    payers = [f"{names.funders.get(f, cn(f))}{money(a, unit)}" for f, a in by_funder.items() if a]
    text = f"方案安排经费{money(total, unit)}，按分担方式测算，" + "，".join(payers)
    text += f"，尚未落实出资方{money(missing, unit)}。" if missing else "。"
    funds = {cn(f.fund) for f in figures.plan.funders if f.fund}
    rows = []
    funders = {f.id: f for f in figures.plan.funders}
    for n, (fid, amount) in enumerate(by_funder.items(), start=1):
        funder = funders.get(fid)
        rows.append(
            [
                str(n),
                names.funders.get(fid, cn(fid)),
                cn(funder.fund) if funder and funder.fund else "—",
                _fig(amount, unit, fen),
                percent(Fraction(amount) / Fraction(total)) if total else "—",
            ]
        )
    if missing:
        rows.append(
            [
                str(len(rows) + 1),
                "尚未落实出资方",
                "—",
                _fig(missing, unit, fen),
                percent(Fraction(missing) / Fraction(total)) if total else "—",
            ]
        )
    columns = [("序号", "center"), ("出资方", "left")]
    if funds:
        columns.append(("资金来源", "left"))
    columns += [("金额", "right"), ("占比", "right")]
    if not funds:
        rows = [[r[0], r[1], r[3], r[4]] for r in rows]
    total_row = (
        ["", "合计"]
        + ([""] if funds else [])
        + [
            _fig(total, unit, fen),
            "100%" if total else "—",
        ]
    )
    blocks = [p(text), table(columns, rows, total_row, unit)]
    if any(a for a in by_funder.values()):
        blocks.append(
            {
                "kind": "chart",
                "chart": {
                    "type": "funding",
                    "title": f"经费按出资方分担（{unit}）",
                    "labels": [r[1] for r in rows],
                    "series": [
                        {
                            "name": f"金额（{unit}）",
                            "values": [
                                str(money_figure(a, unit))
                                for a in [*by_funder.values(), *([missing] if missing else [])]
                            ],
                        }
                    ],
                    "unit": unit,
                },
            }
        )
    by_unit = figures.shares.by_unit()
    if any(key is not None for key in by_unit):
        blocks.append(_unit_share_table(figures, names, unit, fen, "按单位分担如下："))
    return blocks


def _execution_blocks(
    execution: ExecutionFigures, plan: Plan, names: Names, unit: str
) -> list[Block]:
    """What was received and spent: a paragraph, a table by funder (two or more) and one
    by line, then the alerts as plain sentences."""
    lines = execution.line_rows()
    amounts = [
        amount
        for item in [*(row.total for row in lines), *execution.by_funder.values()]
        for amount in (item.planned, item.received, item.spent)
    ]
    unit = exact_unit(amounts, unit)
    fen = unit == "元" and any(amount % 1 for amount in amounts)

    def fig(amount: Decimal) -> str:
        return _fig(amount, unit, fen)

    def rate(share: Fraction | None) -> str:
        return percent(share) if share is not None else "—"

    blocks = [p(execution_summary(execution, plan, unit))]
    paying = {f: e for f, e in execution.by_funder.items() if e.planned or e.received}
    if len(paying) > 1:
        rows = [
            [
                str(n),
                names.funders.get(f, cn(f)),
                fig(e.planned),
                fig(e.received),
                rate(e.received_rate),
                fig(e.planned - e.received) if e.received < e.planned else fig(Decimal(0)),
            ]
            for n, (f, e) in enumerate(paying.items(), start=1)
        ]
        due = exact_sum(e.planned for e in paying.values())
        got = exact_sum(e.received for e in paying.values())
        short = exact_sum(e.planned - e.received for e in paying.values() if e.received < e.planned)
        blocks.append(
            table(
                [
                    ("序号", "center"),
                    ("出资方", "left"),
                    ("应拨金额", "right"),
                    ("已到位", "right"),
                    ("到位率", "right"),
                    ("未到位", "right"),
                ],
                rows,
                [
                    "",
                    "合计",
                    fig(due),
                    fig(got),
                    rate(Fraction(got) / Fraction(due) if due else None),
                    fig(short),
                ],
                unit,
                "各出资方资金到位情况如下：",
            )
        )
    rows = [
        [
            str(n),
            names.lines.get(row.line, cn(row.name)),
            fig(row.total.planned),
            fig(row.total.received),
            rate(row.total.received_rate),
            fig(row.total.spent),
            rate(row.total.spent_rate),
            fig(row.total.unspent),
        ]
        for n, row in enumerate(lines, start=1)
    ]
    total = execution.total
    blocks.append(
        table(
            [
                ("序号", "center"),
                ("经费项目", "left"),
                ("计划金额", "right"),
                ("已到位", "right"),
                ("到位率", "right"),
                ("已支出", "right"),
                ("执行率", "right"),
                ("结余", "right"),
            ],
            rows,
            [
                "",
                "合计",
                fig(total.planned),
                fig(total.received),
                rate(total.received_rate),
                fig(total.spent),
                rate(total.spent_rate),
                fig(total.unspent),
            ],
            unit,
            "各项经费到位和支出情况如下：",
        )
    )
    alerts = alert_sentences(execution.alerts, plan, unit)
    if alerts:
        blocks += [p("需要关注的是："), *numbered(alerts)]
    return blocks


def _problems(
    progress: PlanProgress,
    phases: Sequence[PhaseProgress],
    figures: PlanFigures,
    unit: str,
) -> list[str]:
    out = []
    no_data = []
    for item in progress.targets:
        target = item.target
        name = cn(target.name)
        goal = _value(item.goal, target.unit)
        deadline = _short_date(target.target.deadline.end)
        standing = item.standing
        if standing in (Standing.BEHIND, Standing.AT_RISK) and target.kind is TargetKind.ZERO:
            until = f"只报送至{cn_date(item.actual.date.end)}" if item.actual else "尚未报送"
            out.append(
                f"{name}目前为0{cn(target.unit)}，但有关数据{until}，已确认的时间占"
                f"{percent(item.progress)}，低于时间进度{percent(item.elapsed)}。"
            )
        elif standing in (Standing.BEHIND, Standing.AT_RISK):
            degree = "滞后" if standing is Standing.BEHIND else "偏慢"
            when = f"（{cn_date(item.actual.date.end)}）" if item.actual else ""
            out.append(
                f"{name}进度{degree}：目标为{deadline}达到{goal}，目前为{_actual_text(item)}{when}，"
                f"完成进度{percent(item.progress)}，低于时间进度{percent(item.elapsed)}。"
            )
        elif standing is Standing.OVERDUE:
            now = f"目前为{_actual_text(item)}" if item.actual else "尚无实际值"
            out.append(f"{name}已过完成期限（{deadline}），{now}，未达到目标{goal}。")
        elif standing is Standing.FAILED:
            out.append(
                f"{name}目标为0{cn(target.unit)}，已发生{_actual_text(item)}，未实现零目标。"
            )
        elif standing is Standing.NO_DATA:
            no_data.append(name)
    if no_data:
        out.append(f"{'、'.join(no_data)}尚未报送实际值，无法判断进度。")
    for ph in phases:
        phase = ph.phase
        head = f"{cn(phase.name)}（{cn(format_span(phase.when))}）"
        if ph.standing is Standing.OVERDUE:
            left = len(phase.tasks) - ph.tasks_done
            rest = f"，尚有{left}项任务未完成" if phase.tasks and left else ""
            out.append(f"{head}已过计划完成时间{rest}。")
        elif ph.standing is Standing.BEHIND:
            out.append(
                f"{head}进度滞后：时间已过{percent(ph.elapsed)}，任务完成{percent(ph.progress)}。"
            )
    missing = figures.shares.unfunded_total + exact_sum(a.amount for a in figures.shares.skipped)
    if missing:
        out.append(f"尚有{money(missing, unit)}经费未落实出资方。")
    return out


def _task_done(task: Any, phase: Any, as_of: date) -> bool:
    day = finished_on(task.done, phase)
    closed = finished_on(phase.done, phase)
    return (day is not None and day <= as_of) or (closed is not None and closed <= as_of)


def _next_steps(
    progress: PlanProgress,
    phases: Sequence[PhaseProgress],
    names: Names,
    as_of: date,
) -> list[str]:
    steps = []
    upcoming = [ph for ph in phases if ph.standing is not Standing.DONE]
    for shown, ph in enumerate(upcoming):
        if ph.standing is Standing.NOT_STARTED and shown >= 2:
            break
        phase = ph.phase
        head = f"{cn(phase.name)}（{cn(format_span(phase.when))}）"
        tasks = [clause(t.name) for t in phase.tasks if not _task_done(t, phase, as_of)]
        verb = (
            "抓紧完成"
            if ph.standing is Standing.OVERDUE
            else ("做好" if ph.standing is Standing.NOT_STARTED else "扎实推进")
        )
        owner = f"，由{names(phase.owner)}牵头" if phase.owner else ""
        text = f"{verb}{head}各项工作{owner}"
        if tasks:
            text += "：" + "；".join(tasks)
        steps.append(text + "。")
    lagging = [
        item
        for item in progress.targets
        if item.standing in (Standing.BEHIND, Standing.AT_RISK, Standing.OVERDUE)
    ]
    if lagging:
        targets = "、".join(cn(item.target.name) for item in lagging)
        owners = sorted({names(i.target.owner) for i in lagging if i.target.owner})
        who = f"{'、'.join(owners)}要" if owners else "有关单位要"
        steps.append(f"针对{targets}进度偏慢的问题，{who}分析原因、细化措施，确保按期完成目标。")
    no_data = [item for item in progress.targets if item.standing is Standing.NO_DATA]
    if no_data:
        steps.append(
            f"督促有关单位按时报送{'、'.join(cn(i.target.name) for i in no_data)}的统计数据。"
        )
    if not steps:
        steps.append("继续做好方案实施情况的跟踪、评估和总结工作。")
    return steps


__all__ = [
    "DocumentOptions",
    "Names",
    "line_basis",
    "plan_document",
    "progress_chart",
    "progress_document",
    "target_sentence",
    "topic",
]
