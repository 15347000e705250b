"""Room 4 of the importer: the extraction → commented YAML, in the style of ``cplan init``.

Every item is preceded by a comment naming the paragraph it came from (¶ is the paragraph's
number in the document, counting every non-empty paragraph and table row) with a short
quote; every value that was guessed, filled in or read in a doubtful way carries a
``# 待核实：…`` comment on its line. The YAML is written by hand (not dumped) so that the
comments sit where a reader needs them; :func:`scalar` quotes only what must be quoted.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from decimal import Decimal

from cplan.importer.draft import Extraction, Item, Source
from cplan.importer.text import plain

CHECK = "待核实"
_PLAIN_FIRST_BAD = set("-?:,[]{}#&*!|>'\"%@` ")
_FLOW_BAD = set(",[]{}")
_RESOLVES = re.compile(
    r"(?i:true|false|yes|no|on|off|y|n|null|~|\.inf|-\.inf|\.nan)|[-+]?[\d_.,]+(?:[eE][-+]?\d+)?|0x[0-9a-fA-F_]+|0o[0-7_]+"
    r"|\d{4}-\d{1,2}-\d{1,2}(?:[Tt ].*)?|[-+]?\d[\d_]*(?::[0-5]?\d)+(?:\.\d*)?"
)


def scalar(value: object, flow: bool = False) -> str:
    """A YAML scalar for ``value``: plain when that reads back the same, else quoted."""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, int):
        return str(value)
    text = str(value)
    if _plain_ok(text, flow):
        return text
    quoted = json.dumps(text, ensure_ascii=False)
    for ch in ("\u2028", "\u2029", "\u0085", "\ufeff"):
        quoted = quoted.replace(ch, f"\\u{ord(ch):04x}")
    return quoted


def _plain_ok(text: str, flow: bool) -> bool:
    if not text or text != text.strip() or text[0] in _PLAIN_FIRST_BAD:
        return False
    if any(ch in text for ch in "\n\r\t\u2028\u2029\u0085\ufeff") or ": " in text or " #" in text:
        return False
    if text.endswith(":") or _RESOLVES.fullmatch(text):
        return False
    if any(not ch.isprintable() for ch in text):
        return False
    return not (flow and (any(ch in _FLOW_BAD for ch in text) or ":" in text or "#" in text))


def comment(text: str) -> str:
    return " ".join(text.split())


@dataclass
class _Out:
    lines: list[str] = field(default_factory=list)
    sources: dict[int, tuple[int, str]] = field(default_factory=dict)  # line → (¶, quote)

    def add(self, text: str, note: str = "", source: Source | None = None) -> None:
        if note:
            text = f"{text}  # {comment(note)}"
        self.lines.append(text)
        if source is not None and source.number:
            self.sources[len(self.lines)] = (source.number, comment(source.quote))

    def origin(self, indent: str, source: Source) -> None:
        if source.number:
            self.add(f"{indent}# ¶{source.number} “{comment(source.quote)}”", source=source)


def _check(item: Item, name: str) -> str:
    note = item.checks.get(name)
    return f"{CHECK}：{note}" if note else ""


def _block_text(out: _Out, indent: str, key: str, text: str, note: str = "") -> None:
    """``key: text``, as a literal block when the text has several lines."""
    if "\n" not in text and len(text) <= 200 and _plain_ok(text, False):
        out.add(f"{indent}{key}: {text}", note)
        return
    if "\n" not in text and len(text) <= 200:
        out.add(f"{indent}{key}: {scalar(text)}", note)
        return
    out.add(f"{indent}{key}: |-", note)
    for line in text.split("\n"):
        out.add(f"{indent}  {line}" if line else "")


def _list_text(out: _Out, indent: str, text: str) -> None:
    if "\n" not in text and len(text) <= 200:
        out.add(f"{indent}- {scalar(text)}")
        return
    out.add(f"{indent}- |-")
    for line in text.split("\n"):
        out.add(f"{indent}  {line}" if line else "")


def _flow(pairs: list[tuple[str, object]]) -> str:
    inner = ", ".join(f"{key}: {_flow_value(value)}" for key, value in pairs if value is not None)
    return "{" + inner + "}"


def _flow_value(value: object) -> str:
    if isinstance(value, dict):
        return _flow(list(value.items()))
    if isinstance(value, list):
        return "[" + ", ".join(scalar(v, flow=True) for v in value) + "]"
    return scalar(value, flow=True)


@dataclass(frozen=True)
class Written:
    """The draft's text and, for each line that carries a value, the ¶ it came from."""

    text: str
    sources: dict[int, tuple[int, str]]


def write_yaml(ex: Extraction, source_name: str) -> Written:
    out = _Out()
    ident = ex.identity
    out.add(f"# 由 cplan import 从 {comment(source_name)} 生成的方案草稿。")
    out.add("# 注释中的 ¶ 是原文的段落序号（表格每行算一段），引号内是原文摘录。")
    out.add(f"# 标有“{CHECK}”的内容是推断或暂填的：请逐项对照原文核实，改好后删去该注释，")
    out.add("# 然后运行 cplan validate 检查。原文没有写明的数字不会出现在这里。")
    if ident.doc_number:
        out.add(f"# 文号：{comment(ident.doc_number)} (¶{ident.sources['doc_number'].number})")
    if ident.recipients:
        out.add(f"# 主送：{comment(ident.recipients)} (¶{ident.sources['recipients'].number})")
    out.add("")
    _identity(out, ex)
    _sections(out, ex)
    _units(out, ex)
    _funders(out, ex)
    _norms(out, ex)
    _targets(out, ex)
    _phases(out, ex)
    _committees(out, ex)
    _duties(out, ex)
    _budget(out, ex)
    text = "\n".join(out.lines).rstrip("\n") + "\n"
    return Written(text, out.sources)


def _joined(*notes: str) -> str:
    return "；".join(note for note in notes if note)


def _where(source: Source | None) -> str:
    return f"¶{source.number}" if source is not None and source.number else ""


def _identity(out: _Out, ex: Extraction) -> None:
    ident = ex.identity
    out.add(f"id: {scalar(ident.id)}", _check(ident, "id"))
    title_note = _check(ident, "title") or _where(ident.sources.get("title"))
    out.add(f"title: {scalar(ident.title)}", title_note, ident.sources.get("title"))
    if ident.issuer:
        note = _check(ident, "issuer") or _where(ident.sources.get("issuer"))
        out.add(f"issuer: {scalar(ident.issuer)}", note, ident.sources.get("issuer"))
    if ident.level:
        out.add(f"level: {scalar(ident.level)}", _check(ident, "level"))
    period_note = _check(ident, "period") or _where(ident.sources.get("period"))
    out.add(f"period: {scalar(ident.period)}", period_note, ident.sources.get("period"))
    out.add(f"status: {ident.status}", _check(ident, "status"))
    if ident.issued:
        note = _check(ident, "issued") or _where(ident.sources.get("issued"))
        out.add(f"issued: {scalar(ident.issued)}", note, ident.sources.get("issued"))
    out.add("")


def _sections(out: _Out, ex: Extraction) -> None:
    prose = ex.prose
    if not any(
        (
            prose.background,
            prose.guidance,
            prose.principles,
            prose.measures,
            prose.requirements,
            prose.other,
        )
    ):
        return
    out.add("sections:                         # 原文的文字部分，原样保留")
    if prose.background:
        _block_text(out, "  ", "background", "\n".join(prose.background))
    if prose.guidance:
        _block_text(out, "  ", "guidance", "\n".join(prose.guidance))
    for key in ("principles", "measures", "requirements"):
        items: list[str] = getattr(prose, key)
        if items:
            out.add(f"  {key}:")
            for text in items:
                _list_text(out, "    ", text)
    if prose.other:
        out.add("  other:")
        for title, text in prose.other:
            out.add(f"    - title: {scalar(title)}")
            _block_text(out, "      ", "text", text)
    out.add("")


def _units(out: _Out, ex: Extraction) -> None:
    if not ex.units:
        return
    out.add("units:                            # 原文提到的单位")
    for unit in ex.units:
        pairs: list[tuple[str, object]] = [
            ("id", unit.id),
            ("name", unit.name),
            ("kind", unit.kind),
        ]
        note = _joined(_where(unit.source), f"{CHECK}：类别按名称推断" if unit.kind else "")
        out.add(f"  - {_flow(pairs)}", note, unit.source)
    out.add("")


def _funders(out: _Out, ex: Extraction) -> None:
    if not ex.funders:
        return
    out.add("funders:")
    for funder in ex.funders:
        pairs: list[tuple[str, object]] = [
            ("id", funder.id),
            ("name", funder.name),
            ("level", funder.level),
        ]
        out.add(f"  - {_flow(pairs)}", _where(funder.source), funder.source)
    out.add("")


def _norms(out: _Out, ex: Extraction) -> None:
    if not ex.norms:
        return
    out.add("staffing_norms:                   # 人员配备标准")
    for norm in ex.norms:
        out.origin("  ", norm.source)
        pairs: list[tuple[str, object]] = [
            ("category", norm.category),
            ("per_unit", norm.per_unit),
            ("unit_kind", norm.unit_kind),
        ]
        out.add(f"  - {_flow(pairs)}", _check(norm, ""), norm.source)
    out.add("")


def _targets(out: _Out, ex: Extraction) -> None:
    if not ex.targets:
        return
    out.add("targets:                          # 工作目标")
    for t in ex.targets:
        out.origin("  ", t.source)
        out.add(f"  - id: {scalar(t.id)}", _check(t, ""), t.source)
        out.add(f"    name: {scalar(t.name)}")
        out.add(f"    kind: {t.kind}", _check(t, "kind"))
        if t.unit or "unit" in t.checks:
            out.add(f"    unit: {scalar(t.unit)}", _check(t, "unit"))
        if t.baseline is not None:
            pairs: list[tuple[str, object]] = [("value", t.baseline), ("date", t.baseline_date)]
            out.add(f"    baseline: {_flow(pairs)}", _check(t, "baseline"))
        elif t.kind == "relative":
            out.add(f"    # baseline: {{value: , date: }}  # {CHECK}：请填写基线")
        goal: list[tuple[str, object]] = [
            ("value", t.value),
            ("change", t.change),
            ("deadline", t.deadline),
        ]
        out.add(f"    target: {_flow(goal)}", _check(t, "deadline"))
        if t.owner:
            out.add(f"    owner: {scalar(t.owner)}")
        if t.note:
            out.add(f"    note: {scalar(t.note)}")
    out.add("")


def _phases(out: _Out, ex: Extraction) -> None:
    if not ex.phases:
        return
    out.add("phases:                           # 实施步骤")
    for p in ex.phases:
        out.origin("  ", p.source)
        out.add(f"  - id: {scalar(p.id)}", _check(p, ""), p.source)
        out.add(f"    name: {scalar(p.name)}")
        out.add(f"    when: {scalar(p.when)}", _check(p, "when"))
        if p.owner:
            out.add(f"    owner: {scalar(p.owner)}")
        if p.tasks:
            out.add("    tasks:")
            for task in p.tasks:
                out.add(f"      - {scalar(task)}")
    out.add("")


def _committees(out: _Out, ex: Extraction) -> None:
    if not ex.committees:
        return
    out.add("committees:                       # 组织机构")
    for c in ex.committees:
        out.origin("  ", c.source)
        out.add(f"  - id: {scalar(c.id)}", _check(c, ""), c.source)
        out.add(f"    name: {scalar(c.name)}", _check(c, "name"))
        out.add(f"    kind: {scalar(c.kind)}")
        if c.parent:
            out.add(f"    parent: {scalar(c.parent)}")
        if c.size is not None:
            out.add(f"    size: {c.size}")
        if c.composition:
            out.add(f"    composition: {_flow(list(c.composition.items()))}")
        if c.roles:
            out.add(f"    roles: {_flow(list(c.roles.items()))}")
        if c.members:
            out.add("    members:")
            for m in c.members:
                pairs: list[tuple[str, object]] = [
                    ("name", m.name),
                    ("role", m.role),
                    ("title", m.title),
                ]
                note = _joined(_where(m.source), f"{CHECK}：原文未写姓名" if m.name is None else "")
                out.add(f"      - {_flow(pairs)}", note, m.source)
        if c.responsibilities:
            out.add("    responsibilities:")
            for text in c.responsibilities:
                out.add(f"      - {scalar(text)}")
        if c.note:
            out.add(f"    # {comment(c.note)}")
    out.add("")


def _duties(out: _Out, ex: Extraction) -> None:
    if not ex.duties:
        return
    out.add("duties:                           # 责任分工")
    for d in ex.duties:
        out.origin("  ", d.source)
        out.add(f"  - task: {scalar(d.task)}", _check(d, ""), d.source)
        out.add(f"    owner: {scalar(d.owner)}")
        if d.support:
            out.add(f"    support: {_flow_value(d.support)}")
        if d.due:
            out.add(f"    due: {scalar(d.due)}", _check(d, "due"))
    out.add("")


def _budget(out: _Out, ex: Extraction) -> None:
    if not (
        ex.lines or ex.total or ex.sharing or ex.budget_rules or ex.left_out or ex.budget_notes
    ):
        return
    if not (ex.lines or ex.total or ex.sharing or ex.budget_rules):
        for source, note in ex.left_out + ex.budget_notes:
            out.add(f"# {CHECK}：{comment(note)} (¶{source.number} “{comment(source.quote)}”)")
        return
    out.add("budget:                           # 经费保障")
    if ex.total is not None:
        note = "; ".join(ex.total_checks)
        note = f"{CHECK}：{note}" if note else "原文写明的合计，cplan 会与各行之和核对"
        if ex.total_source is not None:
            out.origin("  ", ex.total_source)
        out.add(f"  total: {scalar(ex.total)}", note, ex.total_source)
    if ex.sharing is not None:
        s = ex.sharing
        out.origin("  ", s.source)
        pairs: list[tuple[str, object]] = []
        if s.ratio:
            pairs += [("funders", s.funders), ("ratio", s.ratio)]
        else:
            pairs += [("fixed", s.fixed), ("remainder", s.remainder)]
        out.add(f"  sharing: {_flow(pairs)}", _check(s, ""), s.source)
    if ex.lines:
        out.add("  lines:")
        for line in ex.lines:
            out.origin("    ", line.source)
            out.add(f"    - id: {scalar(line.id)}", _check(line, ""), line.source)
            out.add(f"      name: {scalar(line.name)}")
            if line.amount is not None:
                out.add(f"      amount: {scalar(line.amount)}", _check(line, "amount"))
            if line.rate is not None:
                out.add(f"      rate: {scalar(line.rate)}", _check(line, "amount"))
                out.add(f"      per: {scalar(line.per)}")
                if line.quantity is not None:
                    out.add(f"      quantity: {scalar(line.quantity)}", _check(line, "quantity"))
                elif "quantity" in line.checks:
                    out.add(f"      # quantity:   # {_check(line, 'quantity')}")
                if line.period is not None:
                    out.add(f"      period: {scalar(line.period)}")
                if line.declared is not None:
                    out.add(
                        f"      declared: {scalar(line.declared)}",
                        "原文写明的本项金额，cplan 会与公式核对",
                    )
            if line.note:
                out.add(f"      note: {scalar(line.note)}")
    if ex.budget_rules:
        out.add("  rules:")
        for rule in ex.budget_rules:
            out.add(f"    - {scalar(rule)}")
    for source, note in ex.left_out + ex.budget_notes:
        out.add(f"  # {CHECK}：{comment(note)} (¶{source.number} “{comment(source.quote)}”)")
    out.add("")
