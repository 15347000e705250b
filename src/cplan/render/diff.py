"""A plan diff as JSON-ready data, plain text lines, or Markdown tables.

Markdown is meant for a pull-request comment or ``$GITHUB_STEP_SUMMARY``: a heading with
the plan's title, then one table per section (columns 项目, 变更前, 变更后, 差额), empty
sections left out. Chinese by default, English with ``lang="en"``.

Plan text is shown, never obeyed: in the text lines its control, bidi and invisible
characters are escaped (:func:`cplan.safetext.visible`); in Markdown, besides, ``<``,
``>`` and ``&`` become entities (a title holding ``<!--`` would otherwise hide the
tables that follow) and the characters that make links, images, emphasis, code, maths
or table cells (``[ ] * _ ~ ` $ | \\``) are escaped with a backslash.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

from cplan import messages
from cplan.compute.diff import (
    COLLECTION_FIELDS,
    REMAINDER,
    Change,
    Changed,
    Entry,
    PlanDiff,
    Section,
)
from cplan.render.context import VERSION, money
from cplan.safetext import visible

_SECTIONS = ("targets", "phases", "committees", "units", "budget")

_WORDS: dict[str, dict[str, str]] = {
    "zh": {
        "targets": "指标",
        "phases": "阶段",
        "committees": "组织",
        "units": "单位",
        "budget": "经费",
        "funders": "分担",
        "plan": "方案",
        "total": "经费总额",
        "amount": "金额",
        "heading": "方案变更",
        "none": "没有变化",
        "item": "项目",
        "before": "变更前",
        "after": "变更后",
        "difference": "差额",
        "target_detail": "目标",
        "done": "已完成",
        "undone": "未完成",
        "true": "是",
        "false": "否",
    },
    "en": {
        "targets": "Targets",
        "phases": "Phases",
        "committees": "Committees",
        "units": "Units",
        "budget": "Budget",
        "funders": "Shares",
        "plan": "Plan",
        "total": "Budget total",
        "amount": "amount",
        "heading": "Plan changes",
        "none": "No changes",
        "item": "Item",
        "before": "Before",
        "after": "After",
        "difference": "Difference",
        "target_detail": "target",
        "done": "done",
        "undone": "not done",
        "true": "yes",
        "false": "no",
    },
}

#: Field labels; a field missing here is shown by its own name.
_FIELDS: dict[str, dict[str, str]] = {
    "zh": {
        "title": "标题",
        "period": "期限",
        "status": "状态",
        "version": "版本",
        "issued": "印发日期",
        "budget_total": "写明的经费总额",
        "budget_sharing": "默认分担方式",
        "name": "名称",
        "kind": "类型",
        "unit": "计量单位",
        "baseline": "基线",
        "baseline_date": "基线日期",
        "target": "目标",
        "change": "变化",
        "deadline": "期限",
        "weight": "权重",
        "owner": "负责",
        "breakdown": "分解",
        "actual": "实际值",
        "when": "时间",
        "done": "完成",
        "task": "任务",
        "task_done": "任务",
        "parent": "上级",
        "size": "人数",
        "composition": "构成",
        "roles": "角色人数",
        "member": "成员",
        "role": "角色",
        "sharing": "分担方式",
        "quantity": "数量",
        "staff": "人员",
        "category": "类别",
        "year": "年度",
        "fund": "资金来源",
        "amount": "定额",
        "rate": "单价",
        "per": "单价单位",
        "quantity_min": "数量下限",
        "quantity_max": "数量上限",
        "quantity_above": "超出起算数",
        "percent": "百分比",
        "of": "计算依据",
        "units": "计列单位",
        "unit_kind": "单位类别",
        "declared": "写明金额",
    },
    "en": {
        "budget_total": "stated total",
        "budget_sharing": "default sharing",
        "baseline_date": "baseline date",
        "owner": "owner",
        "when": "dates",
        "task_done": "task",
        "roles": "roles",
        "amount": "fixed amount",
        "quantity_min": "quantity min",
        "quantity_max": "quantity max",
        "quantity_above": "counted above",
        "unit_kind": "unit kind",
        "declared": "stated amount",
    },
}

_BOOL_FIELDS = frozenset({"done", "task_done"})
_MONEY_FIELDS = frozenset({"budget_total", "amount", "rate", "declared"})
_SHARING_FIELDS = frozenset({"budget_sharing", "sharing"})

#: What one item of each section is called in a text line (``~ 指标 居民满意度: ...``).
_NOUNS = {
    "zh": {"plan": "方案", "targets": "指标", "phases": "阶段", "committees": "组织"}
    | {"units": "单位", "budget": "经费"},
    "en": {"plan": "plan", "targets": "target", "phases": "phase", "committees": "committee"}
    | {"units": "unit", "budget": "line"},
}


def _words(lang: str) -> dict[str, str]:
    return _WORDS["en" if lang == "en" else "zh"]


def _label(field: str, lang: str) -> str:
    if lang == "en":
        return _FIELDS["en"].get(field, field.replace("_", " "))
    return _FIELDS["zh"].get(field, field)


def yuan(amount: Decimal | None) -> str:
    """``2640000`` → ``2,640,000.00``; ``—`` for no amount."""
    return messages.yuan(amount)


def signed(amount: Decimal) -> str:
    """``240000`` → ``+240,000.00``; ``-48000`` → ``-48,000.00``."""
    return messages.yuan(amount, sign=True)


# ---------------------------------------------------------------------------
# JSON
# ---------------------------------------------------------------------------


def _money(amount: Decimal | None) -> str | None:
    return None if amount is None else money(amount)


def _change_data(change: Change) -> dict[str, Any]:
    return {"field": change.field, "key": change.key, "old": change.old, "new": change.new}


def _entry_data(entry: Entry) -> dict[str, Any]:
    data: dict[str, Any] = {"id": entry.id, "name": entry.name, "detail": entry.detail}
    if entry.amount is not None:
        data["amount"] = money(entry.amount)
    return data


def _changed_data(item: Changed, amounts: bool) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": item.id,
        "name": item.name,
        "changes": [_change_data(change) for change in item.changes],
    }
    if amounts:
        data["old_amount"] = _money(item.old_amount)
        data["new_amount"] = _money(item.new_amount)
        data["difference"] = money(item.difference)
    return data


def _section_data(section: Section, amounts: bool = False) -> dict[str, Any]:
    return {
        "added": [_entry_data(entry) for entry in section.added],
        "removed": [_entry_data(entry) for entry in section.removed],
        "changed": [_changed_data(item, amounts) for item in section.changed],
    }


def diff_data(diff: PlanDiff, paths: tuple[str, str] | None = None) -> dict[str, Any]:
    """The diff as plain data (``"version": 1``): money as strings with two decimals."""
    data: dict[str, Any] = {"version": VERSION, "id": diff.id, "title": diff.title}
    if paths is not None:
        data["old"], data["new"] = paths
    data["empty"] = diff.empty
    data["plan"] = [_change_data(change) for change in diff.plan]
    for name in _SECTIONS:
        data[name] = _section_data(getattr(diff, name), amounts=name == "budget")
    data["total"] = {
        "old": money(diff.old_total),
        "new": money(diff.new_total),
        "difference": money(diff.total_difference),
    }
    data["funders"] = [
        {
            "id": funder.id,
            "name": funder.name,
            "old": _money(funder.old),
            "new": _money(funder.new),
            "difference": money(funder.difference),
        }
        for funder in diff.funders
    ]
    return data


# ---------------------------------------------------------------------------
# words for one change
# ---------------------------------------------------------------------------


def _value(field: str, value: str | None, lang: str) -> str:
    if value is None:
        return "—"
    if field in _BOOL_FIELDS and value in ("true", "false"):
        return _words(lang)[value]
    if field in _MONEY_FIELDS:
        return yuan(Decimal(value))
    if field in _SHARING_FIELDS and lang != "en":
        return value.replace(f" {REMAINDER}", "（其余）")
    return value


def _money_difference(change: Change) -> str:
    """The difference of a money field that is set in both versions, else nothing."""
    if change.field not in _MONEY_FIELDS or change.old is None or change.new is None:
        return ""
    return signed(Decimal(change.new) - Decimal(change.old))


def _describe(change: Change, lang: str) -> tuple[str, str, str]:
    """(what, before, after) for one change, e.g. ("目标", "85", "90")."""
    label = _label(change.field, lang)
    if change.field == "task_done":
        words = _words(lang)
        state = {"true": words["done"], "false": words["undone"]}
        return (
            f"{label} {change.key}",
            state.get(change.old or "", "—"),
            state.get(change.new or "", "—"),
        )
    what = label if change.key is None else f"{label} {change.key}"
    return what, _value(change.field, change.old, lang), _value(change.field, change.new, lang)


def _change_text(change: Change, lang: str) -> str:
    if change.field in COLLECTION_FIELDS:
        label = _label(change.field, lang)
        return f"+ {label} {change.new}" if change.old is None else f"- {label} {change.old}"
    what, before, after = _describe(change, lang)
    difference = _money_difference(change)
    return f"{what} {before} → {after}" + (f" ({difference})" if difference else "")


def _entry_detail(section: str, entry: Entry, lang: str) -> str:
    if entry.amount is not None:
        return f" {yuan(entry.amount)}"
    if entry.detail is None:
        return ""
    if section == "targets":
        return f" ({_words(lang)['target_detail']} {entry.detail})"
    return f" ({entry.detail})"


# ---------------------------------------------------------------------------
# text
# ---------------------------------------------------------------------------


def diff_text(diff: PlanDiff, lang: str = "zh") -> str:
    """Plain lines: ``+`` added, ``-`` removed, ``~`` changed; then totals and shares."""
    words, nouns = _words(lang), _NOUNS["en" if lang == "en" else "zh"]
    if diff.empty:
        return words["none"] + "\n"
    lines = [f"~ {nouns['plan']}: {_change_text(change, lang)}" for change in diff.plan]
    for name in _SECTIONS:
        section: Section = getattr(diff, name)
        kind = nouns[name]
        lines += [
            f"+ {kind} {entry.name}{_entry_detail(name, entry, lang)}" for entry in section.added
        ]
        lines += [
            f"- {kind} {entry.name}{_entry_detail(name, entry, lang)}" for entry in section.removed
        ]
        for item in section.changed:
            if name == "budget" and item.amount_changed:
                lines.append(
                    f"~ {kind} {item.name}: {words['amount']} {yuan(item.old_amount)} → "
                    f"{yuan(item.new_amount)} ({signed(item.difference)})"
                )
            lines += [f"~ {kind} {item.name}: {_change_text(c, lang)}" for c in item.changes]
    if diff.total_changed:
        lines.append(
            f"{words['total']}: {yuan(diff.old_total)} → {yuan(diff.new_total)}"
            f" ({signed(diff.total_difference)})"
        )
    if diff.funders:
        lines.append(f"{words['funders']}:")
        lines += [
            f"  {funder.name}: {yuan(funder.old)} → {yuan(funder.new)}"
            f" ({signed(funder.difference)})"
            for funder in diff.funders
        ]
    return "\n".join(visible(line) for line in lines) + "\n"


# ---------------------------------------------------------------------------
# Markdown
# ---------------------------------------------------------------------------

_ENTITIES = {"<": "&lt;", ">": "&gt;", "&": "&amp;"}
_MARKDOWN = re.compile(r"[\\`*_~\[\]|$<>&]")


class _Markup(str):
    """A cell that is cplan's own Markdown (``**经费总额**``): not escaped."""


def _md(text: str) -> str:
    """Plan text as inert Markdown: shown as written, never markup, HTML or a link."""
    return _MARKDOWN.sub(lambda m: _ENTITIES.get(m.group(), "\\" + m.group()), visible(text))


def _cell(text: str) -> str:
    return text if isinstance(text, _Markup) else _md(text)


def _row(*cells: str) -> str:
    return "| " + " | ".join(_cell(cell) for cell in cells) + " |"


def _section_rows(name: str, section: Section, lang: str) -> list[list[str]]:
    rows: list[list[str]] = []
    for entry in section.added:
        detail = yuan(entry.amount) if entry.amount is not None else entry.detail or ""
        difference = signed(entry.amount) if entry.amount is not None else ""
        rows.append([f"+ {entry.name}", "—", detail, difference])
    for entry in section.removed:
        detail = yuan(entry.amount) if entry.amount is not None else entry.detail or ""
        difference = signed(-entry.amount) if entry.amount is not None else ""
        rows.append([f"− {entry.name}", detail, "—", difference])
    for item in section.changed:
        if name == "budget" and item.amount_changed:
            rows.append(
                [item.name, yuan(item.old_amount), yuan(item.new_amount), signed(item.difference)]
            )
        for change in item.changes:
            if change.field in COLLECTION_FIELDS:
                label = _label(change.field, lang)
                sign = "+" if change.old is None else "−"
                rows.append(
                    [f"{item.name} · {sign} {label}", change.old or "—", change.new or "—", ""]
                )
            else:
                what, before, after = _describe(change, lang)
                rows.append([f"{item.name} · {what}", before, after, _money_difference(change)])
    return rows


def diff_markdown(diff: PlanDiff, lang: str = "zh") -> str:
    """A heading with the plan's title and one table per section that has changes."""
    words = _words(lang)
    out = [f"## {words['heading']}: {_md(diff.title)}", ""]
    if diff.empty:
        return "\n".join([*out, words["none"], ""])
    sections: list[tuple[str, list[list[str]]]] = []
    plan_rows = []
    for change in diff.plan:
        what, before, after = _describe(change, lang)
        plan_rows.append([what, before, after, _money_difference(change)])
    sections.append((words["plan"], plan_rows))
    for name in _SECTIONS:
        rows = _section_rows(name, getattr(diff, name), lang)
        if name == "budget" and diff.total_changed:
            rows.append(
                [
                    _Markup(f"**{_md(words['total'])}**"),
                    yuan(diff.old_total),
                    yuan(diff.new_total),
                    signed(diff.total_difference),
                ]
            )
        sections.append((words[name], rows))
    sections.append(
        (
            words["funders"],
            [
                [funder.name, yuan(funder.old), yuan(funder.new), signed(funder.difference)]
                for funder in diff.funders
            ],
        )
    )
    header = _row(words["item"], words["before"], words["after"], words["difference"])
    for title, rows in sections:
        if not rows:
            continue
        out += [f"### {title}", "", header, "|---|---|---|---:|"]
        out += [_row(*row) for row in rows]
        out.append("")
    return "\n".join(out)
