"""Targets (工作目标) from sentences, list items and tables.

A clause is a target when it states a figure to reach: 由X提高到Y, 从2018年的60%提升至2023年
的85%, 达到Y以上, 不低于Y, 控制在Y以内, 降低到Y以下, 下降X% (a change from the baseline),
实现“0”目标 / 无…事故 (zero tolerance), 新建N个… / 建成N个… (a count to build), and, in a
section about targets, a bare "大专以上比例80、平均年龄45岁". Statements of what already
is (截至, 目前, 已, 据统计) are not targets. The deadline is the one the clause, its
sentence or the paragraph (or the line introducing a list) names; else the plan's end,
marked to be looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from decimal import Decimal

from cplan.importer.draft import TargetItem
from cplan.importer.scan import Para, Scan
from cplan.importer.text import (
    MASKED_YEAR,
    NUMBER,
    DateFound,
    clauses,
    find_before,
    find_point,
    find_year_range,
    plain,
    read_number,
    sentences,
)

_UNITS = (
    "个百分点|%|‰|平方公里|平方米|公顷|公里|万人次|人次|万人|万户|万元|亿元|元|个|家|所|处|座|条|支|"
    "名|人|户|次|场|起|件|项|岁|米|天|小时|分钟|张|套|台|辆|本|期|批|类|种|床|篇|倍|万"
)
_COUNT_UNITS = {
    "个",
    "家",
    "所",
    "处",
    "座",
    "条",
    "支",
    "名",
    "人",
    "户",
    "次",
    "场",
    "件",
    "项",
    "张",
    "套",
    "台",
    "辆",
    "本",
    "期",
    "批",
    "床",
    "篇",
    "人次",
    "万人次",
    "万人",
    "万户",
}
_VALUE = rf"(?P<num>{NUMBER})\s*(?P<unit>{_UNITS})?\s*(?P<qual>以上|及以上|以下|以内|左右)?"
_FACT = re.compile(
    r"截至|截止|目前|现有|现已|已经|已有|已达|已超|(?<![比较])去年|(?<![比较])上年|据统计|累计|荣获|获得"
)
_FACT_SENTENCE = re.compile(r"据统计|截至|截止|目前|现有")
_FUTURE = re.compile(r"到\s*(?:\d{4}|20[xX]{2})\s*年|力争|确保|目标|计划|将")

_FROM_TO = re.compile(
    rf"(?:由|从)\s*(?:(?P<y1>\d{{4}}|20[xX×]{{2}})年(?:底|末)?的?)?\s*(?P<base>{NUMBER})\s*(?P<bunit>{_UNITS})?\s*"
    rf"(?P<verb>提高|提升|增加|增长|上升|扩大|降低|下降|减少|压减|压缩|降)(?:到|至)\s*"
    rf"(?:(?P<y2>\d{{4}}|20[xX×]{{2}})年(?:底|末)?的?)?\s*{_VALUE}"
)
_REACH = re.compile(
    rf"(?P<verb>提高到|提高至|提升到|提升至|增加到|增加至|增长到|增长至|上升到|上升至|增至|扩大到|"
    rf"达到|达|保持在|稳定在|(?<!不)超过|(?<!不)高于|不低于|不少于|大于|至少|力争达到|实现)\s*{_VALUE}"
)
_BELOW = re.compile(
    rf"(?P<verb>控制在|不高于|不超过|(?<!不)低于|小于|(?<!不)少于|降低到|降低至|降至|降到|下降到|下降至|减少到|减少至|压减到|压减至|压缩到|压缩至)\s*{_VALUE}"
)
_RELATIVE = re.compile(
    rf"(?P<verb>下降|降低|减少|压减|提高|提升|增长|增加)了?\s*(?P<num>{NUMBER})\s*(?P<unit>%|个百分点)"
)
_COUNT_VERB = r"新建|建成|建立|建设|打造|培育|新增|创建|改造|设立|组建|新办|开设|配备|招募|举办|培训|完成|争创|创成"
_COUNT_BEFORE = re.compile(
    rf"(?P<verb>{_COUNT_VERB})\s*(?P<num>{NUMBER})\s*(?P<unit>{_UNITS})(?P<obj>[^\d,;。()]{{2,30}})"
)
_COUNT_AFTER = re.compile(
    rf"(?P<verb>{_COUNT_VERB})(?P<obj>[^\d,;。()]{{2,30}}?)\s*(?P<num>{NUMBER})\s*(?P<unit>{_UNITS})\s*$"
)
_ACHIEVE = re.compile(
    rf"^\s*(?P<num>{NUMBER})\s*(?P<unit>个|家|所|名|户)(?P<who>[\u4e00-\u9fa5]{{1,6}}?)"
    r"(?P<verb>争创|创建|创成|创|达到|建成|评为|获评)(?P<what>[^,;。]{2,24})$"
)
_ZERO = re.compile(
    r"实现\s*[\"“'‘]?\s*[0零]\s*[\"”'’]?\s*(?:目标|发生)|[0零]\s*发生|为\s*[0零](?![.\d])|零事故|零伤亡|零投诉"
)
_NONE = re.compile(
    r"无(?:一起|一例|一宗|任何)?(?P<obj>[^,;。]{2,30}?"
    r"(?:事故|事件|案件|案例|投诉|中毒事件|中毒|伤害事故|伤害|火灾)(?:事件|事故)?)"
)
_BARE = re.compile(
    r"^(?P<name>[^\d,;。]{2,20}?(?:率|比例|比重|占比|年龄|满意度|覆盖面|参与度|知晓度))\s*(?:为|达|是)?\s*"
    r"(?P<num>\d+(?:\.\d+)?)\s*(?P<unit>%|岁|‰)?$"
)
_LEAD = re.compile(
    r"^(?:(?:一|二|三|四|五|六|七|八|九|十)是|其中|使得|并且|并|且|同时|确保|力争|努力|争取|使|让|全年|年内|今年|"
    r"到\d{4}年(?:底)?|到20[xX]{2}年|具体目标(?:包括|为|是)?|主要目标(?:包括|为|是)?|以下具体目标|实现以下具体目标|"
    r"实现|做到|通过[^,]{0,20}?后|每年|原则上|使得|全面|进一步|基本|总体目标是|目标是|的)+"
)
_TRAIL = re.compile(
    r"(?:要|将|应|须|必须|需|需要|进一步|全面|逐步|力争|确保|基本|稳步|持续|明显|显著|得到|的|均|都|能|达|有效|平均)+$"
)


@dataclass
class _Found:
    start: int
    end: int
    name: str
    kind: str
    value: Decimal | None
    unit: str
    change: str | None = None
    baseline: Decimal | None = None
    baseline_year: str | None = None
    deadline_year: str | None = None
    guess: str = ""


def _name(text: str) -> str:
    text = text.strip(' ,;:。、"“”')
    text = _LEAD.sub("", text)
    text = _TRAIL.sub("", text)
    text = re.sub(r"^(?:社区|我区|我镇|我街道|全区|全市|全县|全镇)?(?:的)?$", "", text)
    return text.strip(' ,;:。、"“”')


def _from_to(clause: str) -> list[_Found] | None:
    """由X提高到Y, 从2018年的60%提升至2023年的85%: a baseline and a target."""
    m = _FROM_TO.search(clause)
    if m is None:
        return None
    value, base = read_number(m["num"]), read_number(m["base"])
    unit = m["unit"] or m["bunit"] or ""
    down = m["verb"] in ("降低", "下降", "减少", "压减", "压缩", "降")
    name = _name(clause[: m.start()])
    if not name or value is None:
        return []
    kind = "decrease" if down else "increase"
    return [_Found(m.start(), m.end(), name, kind, value, unit, None, base, m["y1"], m["y2"])]


def _relative(clause: str) -> list[_Found] | None:
    """下降20%, 比上年下降15%: a change from the baseline (个百分点: a change in points)."""
    m = _RELATIVE.search(clause)
    if m is None or re.match(r"\s*(?:到|至)", clause[m.end("verb") :]):
        return None
    value = read_number(m["num"])
    before = re.sub(r"(?:比上年|较上年|同比|比去年|较去年)$", "", clause[: m.start()].strip())
    name = _name(before)
    if not name or value is None:
        return None
    sign = "-" if m["verb"] in ("下降", "降低", "减少", "压减") else "+"
    if m["unit"] == "个百分点":
        kind = "decrease" if sign == "-" else "increase"
        return [_Found(m.start(), m.end(), name, kind, None, "%", None, guess="points")]
    return [_Found(m.start(), m.end(), name, "relative", None, "%", f"{sign}{plain(value)}%")]


def _level(clause: str) -> list[_Found] | None:
    """达到Y以上, 不低于Y, 控制在Y以内, 降低至Y以下: a level to reach or stay within."""
    for pattern, direction in ((_BELOW, "decrease"), (_REACH, "increase")):
        m = pattern.search(clause)
        if m is None:
            continue
        value = read_number(m["num"])
        unit = m["unit"] or ""
        year_like = not unit and m["num"][0].isdigit() and len(m["num"]) == 4
        after_date = re.match(r"\s*(?:年|月|日|号|周年)", clause[m.end() :])
        money = unit in ("元", "万元", "亿元", "万")  # money is the budget's
        if value is None or year_like or after_date or money or (m["verb"] == "实现" and not unit):
            continue
        qual = m["qual"] or ""
        kind = direction
        if qual in ("以下", "以内"):
            kind = "decrease"
        elif qual in ("以上", "及以上"):
            kind = "increase"
        name = _name(clause[: m.start()])
        if name:
            return [_Found(m.start(), m.end(), name, kind, value, unit)]
    return None


def _count(clause: str) -> list[_Found] | None:
    """新建N个…, 建成N个…, …N个: a count to build; "18个社区创…": a count to achieve."""
    for pattern in (_COUNT_BEFORE, _COUNT_AFTER):
        m = pattern.search(clause)
        if m is None or m["obj"].lstrip().startswith("的"):
            continue
        value = read_number(m["num"])
        unit = m["unit"]
        if value is None or unit not in _COUNT_UNITS:
            continue
        if re.match(r"\s*(?:年|月|日)", clause[m.end("num") :]):
            continue
        obj = m["obj"].strip(" 的")
        if pattern is _COUNT_BEFORE:
            obj = re.split(r"并|和|及|,", obj)[0]
        if len(obj.strip()) >= 2:
            return [_Found(m.start(), m.end(), m["verb"] + obj.strip(" 的"), "count", value, unit)]
    m = _ACHIEVE.match(clause)
    if m is not None and (value := read_number(m["num"])) is not None:
        name = m["who"] + m["verb"] + m["what"].strip()
        return [_Found(m.start(), m.end(), name, "count", value, m["unit"])]
    return None


def _zero(clause: str, in_targets: bool) -> list[_Found] | None:
    """实现“0”目标, 零发生, 无…事故: zero tolerance."""
    m = _ZERO.search(clause)
    if m is not None and (name := _name(clause[: m.start()])):
        return [_Found(m.start(), m.end(), name, "zero", Decimal(0), "")]
    m = _NONE.search(clause)
    if m is not None and (in_targets or re.search(r"确保|实现|做到|杜绝", clause)):
        obj = re.sub(r"的发生$|发生$", "", m["obj"]).strip(" 的")
        if len(obj) >= 2:
            return [_Found(m.start(), m.end(), obj, "zero", Decimal(0), "")]
    return None


def _bare(clause: str) -> list[_Found]:
    """In a section about targets: "大专以上比例80、平均年龄45岁" (the direction guessed)."""
    found = []
    for piece in re.finditer(r"[^、]+", clause):
        bare = _BARE.match(piece.group().strip())
        if bare is None:
            continue
        value = read_number(bare["num"])
        name = _name(bare["name"])
        if value is not None and name:
            kind = "decrease" if "年龄" in name else "increase"
            unit = bare["unit"] or ""
            found.append(_Found(piece.start(), piece.end(), name, kind, value, unit, guess="bare"))
    return found


def _clause_targets(clause: str, in_targets: bool) -> list[_Found]:
    """The targets stated in one clause (positions relative to the clause)."""
    if _FACT.search(clause):
        return []
    for reader in (_from_to, _relative, _level, _count):
        found = reader(clause)
        if found is not None:
            return found
    found = _zero(clause, in_targets)
    if found is not None:
        return found
    return _bare(clause) if in_targets else []


def extract_targets(scan: Scan, plan_end: str) -> list[TargetItem]:
    """Every target of the plan, in the order the text states them."""
    items: list[TargetItem] = _tables(scan, plan_end)
    seen: set[tuple[str, str, str]] = {(t.name, str(t.value), t.change or "") for t in items}
    deadlines: dict[int, DateFound] = {}  # node id → deadline introducing a list
    for para in scan.paras:
        if para.block.is_row:
            continue
        in_targets = para.section == "targets" or para.local == "targets"
        node_key = id(para.node)
        for s_start, sentence in sentences(para.body):
            if _FACT_SENTENCE.search(sentence) and not _FUTURE.search(sentence):
                continue
            sentence_deadline = _deadline(sentence, scan)
            if sentence_deadline is not None and sentence.rstrip().endswith((":", "：")):
                deadlines[node_key] = sentence_deadline
            for c_start, clause in clauses(sentence):
                for found in _clause_targets(clause, in_targets):
                    at = s_start + c_start
                    deadline = _deadline(clause, scan) or sentence_deadline
                    deadline = deadline or _paragraph_deadline(para.body[:at], scan)
                    deadline = deadline or _introduced(para, deadlines)
                    item = _item(found, clause, deadline, plan_end, scan)
                    key = (item.name, str(item.value), item.change or "")
                    if key in seen:
                        continue
                    seen.add(key)
                    item.id = f"t{len(items) + 1}"
                    item.source = para.source(at, at + len(clause))
                    if scan.example(para, at):
                        item.check("", "原文是举例，请确认是否为本方案的目标")
                    if para.section == "background" and not in_targets:
                        item.check("", "出自背景部分，可能是已有成绩而非目标")
                    items.append(item)
                    scan.use(para, s_start)
    return items


_YEAR_AT = r"(?:\d{4}|20[xX×]{2})\s*年(?:\d{1,2}\s*月)?(?:底|末)?"


def _deadline(text: str, scan: Scan) -> DateFound | None:
    """The deadline a piece of text names: "到2025年", "2026年9月底前", "2026年,建成…"."""
    before = find_before(text, scan.years)
    if before is not None:
        return before
    m = re.search(rf"(?:到|至|截至|于|在)\s*({_YEAR_AT})", text)
    m = m or re.match(rf"\s*({_YEAR_AT})\s*(?:,|:|$)", text)
    if m is not None:
        return find_point(m[1], scan.years)
    years = find_year_range(text, scan.years)
    if years is not None:
        point = find_point(f"{years[1]}年", scan.years)
        return None if point is None else replace(point, guesses=years[2])
    return None


def _paragraph_deadline(text: str, scan: Scan) -> DateFound | None:
    """The last deadline named before a clause in its paragraph."""
    found = None
    for _, sentence in sentences(text):
        for _, clause in clauses(sentence):
            found = _deadline(clause, scan) or found
    return found


def _introduced(para: Para, deadlines: dict[int, DateFound]) -> DateFound | None:
    """A deadline named by the line introducing a list ("到2027年底，实现以下目标：")."""
    node = para.node
    while node is not None:
        if id(node) in deadlines:
            return deadlines[id(node)]
        node = node.parent
    return None


def _item(
    found: _Found, clause: str, deadline: DateFound | None, plan_end: str, scan: Scan
) -> TargetItem:
    checks: dict[str, str] = {}
    if found.deadline_year:
        year = found.deadline_year
        if MASKED_YEAR.search(year):
            checks["deadline"] = f"原文年份被遮盖（20xx），暂按 {scan.years.masked} 年"
            year = str(scan.years.masked)
        deadline_text = f"{year}年"
    elif deadline is not None:
        deadline_text = deadline.text
        if deadline.guesses:
            checks["deadline"] = "; ".join(deadline.guesses)
    else:
        deadline_text = plan_end
        checks["deadline"] = "原文未写完成期限，暂填方案期限的终点"
    item = TargetItem(
        id="",
        name=found.name,
        kind=found.kind,
        unit=found.unit,
        value=found.value,
        change=found.change,
        deadline=deadline_text,
        source=None,  # type: ignore[arg-type]  # set by the caller
        checks=checks,
    )
    if found.baseline is not None:
        item.baseline = found.baseline
        if found.baseline_year:
            year = found.baseline_year
            if MASKED_YEAR.search(year):
                item.check("baseline", f"原文年份被遮盖（20xx），暂按 {scan.years.masked} 年")
                year = str(scan.years.masked)
            item.baseline_date = f"{year}年"
        else:
            item.baseline_date = f"{scan.years.default}年"
            item.check("baseline", "原文未写基线日期，暂填方案开始的年份")
    if found.kind == "relative":
        item.check("", "相对变化需要基线 (baseline): 原文未写，请补上基线数值和日期")
    if found.guess == "points":
        item.check("", f"原文写的是变化的百分点 ({clause.strip()})，请填写目标值")
    if found.guess == "bare":
        item.check("kind", "原文只写了数值，方向（提升或降低）是推断的")
        if not found.unit:
            item.check("unit", "原文未写单位")
    return item


# -- target tables --------------------------------------------------------------------------

_T_NAME = re.compile(r"指标|项目|名称|内容")
_T_GOAL = re.compile(r"目标值|目标|预期|计划值|要求")
_T_BASE = re.compile(r"基期|基线|基数|现状|现有|目前|上年")
_T_UNIT = re.compile(r"^单位$|计量单位")
_T_DUE = re.compile(r"时限|时间|期限|年度")
_T_OWNER = re.compile(r"责任单位|牵头单位|负责单位|责任部门")
_CELL_VALUE = re.compile(
    rf"^(?P<op>≥|>=|≤|<=|不低于|不少于|不高于|不超过|达到|控制在|下降|降低|减少|提高|增长)?\s*"
    rf"(?P<num>{NUMBER})\s*(?P<unit>{_UNITS})?\s*(?P<qual>以上|及以上|以下|以内)?$"
)


def _tables(scan: Scan, plan_end: str) -> list[TargetItem]:
    """Targets from a table whose header names an indicator and its target value."""
    items: list[TargetItem] = []
    columns_years: dict[str, str] = {}
    for para, columns, is_header in scan.table_rows(_target_header):
        if is_header:
            columns_years = {
                key: year[1]
                for key in ("base", "goal")
                if key in columns
                and (year := re.search(r"(\d{4}|20[xX]{2})\s*年", para.block.cells[columns[key]]))
            }
            continue
        cells = para.block.cells
        name = _cell(cells, columns["name"])
        goal = _CELL_VALUE.match(re.sub(r"\s+", "", _cell(cells, columns["goal"])))
        if not name or goal is None:
            continue
        value = read_number(goal["num"])
        if value is None:
            continue
        unit = goal["unit"] or _cell(cells, columns.get("unit"))
        op, qual = goal["op"] or "", goal["qual"] or ""
        kind = (
            "decrease"
            if op in ("≤", "<=", "不高于", "不超过", "控制在") or qual in ("以下", "以内")
            else "increase"
        )
        change = None
        if op in ("下降", "降低", "减少", "提高", "增长") and unit == "%":
            kind, change = (
                "relative",
                f"{'-' if op in ('下降', '降低', '减少') else '+'}{plain(value)}%",
            )
        if unit in _COUNT_UNITS and kind == "increase" and not op and not qual:
            kind = "count"
        due_text = _cell(cells, columns.get("due")) or columns_years.get("goal", "")
        due = (
            (find_before(due_text, scan.years) or find_point(due_text, scan.years))
            if due_text
            else None
        )
        found = _Found(0, 0, name, kind, None if change else value, unit, change)
        base = _CELL_VALUE.match(re.sub(r"\s+", "", _cell(cells, columns.get("base"))))
        if base is not None and change is None:
            found.baseline = read_number(base["num"])
            found.baseline_year = columns_years.get("base")
        item = _item(found, name, due, plan_end, scan)
        item.id = f"t{len(items) + 1}"
        item.source = para.source()
        owner = _cell(cells, columns.get("owner"))
        if owner:
            item.owner = scan.unit(re.split(r"[、,，]", owner)[0], item.source)
        items.append(item)
        scan.use(para)
    return items


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _target_header(cells: tuple[str, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = re.sub(r"\s+", "", cell)
        if len(text) > 12:
            return None
        if "owner" not in columns and _T_OWNER.search(text):
            columns["owner"] = i
        elif "base" not in columns and _T_BASE.search(text):
            columns["base"] = i
        elif "goal" not in columns and _T_GOAL.search(text) and "name" in columns:
            columns["goal"] = i
        elif "name" not in columns and _T_NAME.search(text):
            columns["name"] = i
        elif "unit" not in columns and _T_UNIT.search(text):
            columns["unit"] = i
        elif "due" not in columns and _T_DUE.search(text):
            columns["due"] = i
    if "name" in columns and "goal" in columns:
        return columns
    return None
