"""The Chinese name of every key a plan may have, and the keys Chinese names mean.

One table, read both ways:

* :func:`title_of` gives a key's Chinese name (``owner`` → 负责单位), for messages
  (``缺少必填项 title（方案标题）``) and for the JSON Schema's ``title`` of each property
  (:func:`add_titles`), which is what an editor shows beside a key;
* :func:`key_for` reads a key an officer wrote in Chinese (``负责单位: minzheng``) and gives
  the key meant, among the keys the mapping at that place accepts.

``KEY_NAMES`` holds, per key, its names: the first is its title, the others are words
officers use for it. A key means different things in different places (``unit`` is the
计量单位 of a target but the 所在单位 of a committee member): ``TITLES`` gives the
title of a key in one model where it differs from the general one.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from typing import Any

KEY_NAMES: dict[str, tuple[str, ...]] = {
    # identity
    "id": ("标识符", "编号", "代码", "编码"),
    "title": ("标题", "方案标题", "方案名称", "文件标题"),
    "issuer": ("制定单位", "发文单位", "印发单位", "发布单位", "制定机关"),
    "level": ("层级", "行政层级", "级别"),
    "area": ("适用区域", "区域", "范围", "地区", "适用范围"),
    "period": ("期限", "方案期限", "实施期限", "有效期", "实施时间", "期数", "月数"),
    "version": ("版本号", "版本"),
    "status": ("状态", "文件状态"),
    "issued": ("印发日期", "发布日期", "印发时间", "发文日期"),
    # parts of the plan
    "sections": ("文字部分", "正文部分"),
    "units": ("单位", "涉及单位", "计列单位", "各单位"),
    "funders": ("出资方", "出资单位", "资金承担方"),
    "targets": ("工作目标", "目标", "指标", "主要指标"),
    "phases": ("实施步骤", "阶段", "步骤", "实施阶段", "工作步骤"),
    "committees": ("组织机构", "机构", "组织领导"),
    "duties": ("责任分工", "分工", "职责分工"),
    "budget": ("经费保障", "经费", "预算"),
    "limits": ("数量上下限", "上下限"),
    "staffing_norms": ("人员配备标准", "配备标准", "人员配备"),
    # prose
    "background": ("背景", "工作背景"),
    "guidance": ("指导思想",),
    "principles": ("基本原则", "原则"),
    "measures": ("工作措施", "措施", "主要措施"),
    "requirements": ("工作要求", "要求"),
    "other": ("其他章节", "其他"),
    "text": ("正文", "内容"),
    # common to many parts
    "name": ("名称", "姓名", "名字", "指标名称", "阶段名称", "单位名称"),
    "kind": ("类别", "类型", "种类", "指标类型"),
    "parent": ("上级", "上级单位", "上级机构", "所属"),
    "note": ("备注", "说明"),
    "owner": ("负责单位", "牵头单位", "责任单位", "负责人", "责任人", "负责部门"),
    # units and limits
    "sharing": ("分担方式", "分担比例", "经费分担", "分担"),
    "quantities": ("各项数量", "数量"),
    "staff": ("现有人员", "人员", "在岗人员"),
    "plan": ("本单位方案", "所属方案", "方案"),
    "quantity": ("数量", "数量名称"),
    "max": ("上限", "最大值", "最多", "不超过"),
    "min": ("下限", "最小值", "最少", "不少于"),
    "unit_kind": ("单位类别", "适用单位类别", "适用单位"),
    # money
    "fund": ("资金来源", "经费来源", "资金渠道"),
    "pledge": ("承诺出资", "承诺金额", "出资总额"),
    "ratio": ("比例", "分担比例", "出资比例"),
    "fixed": ("定额出资", "定额", "定额补助", "补助"),
    "remainder": ("承担余额", "兜底", "余额承担", "其余部分", "兜底出资方"),
    "category": ("类别", "人员类别", "经费类别"),
    "year": ("年度", "年份"),
    "amount": ("金额", "固定金额", "数额", "资金"),
    "rate": ("单价", "标准", "补助标准", "经费标准"),
    "per": ("计价单位", "单价单位"),
    "quantity_min": ("数量下限", "保底数量"),
    "quantity_max": ("数量上限", "封顶数量"),
    "quantity_above": ("起算数量", "超出部分起算"),
    "percent": ("百分比", "比率", "提取比例"),
    "of": ("计算基数", "基数"),
    "declared": ("写明金额", "方案金额", "原文金额"),
    "total": ("经费总额", "总额", "合计", "总计"),
    "lines": ("经费明细", "明细", "经费项目"),
    "rules": ("执行规定", "规定", "管理规定"),
    "per_unit": ("每单位人数", "配备人数"),
    # targets
    "value": ("数值", "目标值", "基线值", "实际值", "数"),
    "date": ("日期", "统计日期", "基线日期", "时间"),
    "change": ("变化幅度", "变化", "降幅", "增幅", "降低", "提高"),
    "deadline": ("完成期限", "期限", "截止日期", "截止时间", "完成时间"),
    "source": ("数据来源", "来源"),
    "family": ("指标类别", "领域"),
    "unit": ("计量单位", "单位", "所在单位"),
    "baseline": ("基线", "基准", "起点"),
    "target": ("目标", "对应指标", "目标值"),
    "breakdown": ("目标分解", "分解"),
    "weight": ("权重",),
    "actuals": ("实际值", "完成情况", "进展"),
    # phases
    "due": ("完成期限", "期限", "截止日期", "完成时间"),
    "done": ("是否完成", "完成", "已完成", "完成日期"),
    "when": ("起止时间", "时间", "时间安排"),
    "tasks": ("主要任务", "任务"),
    "deliverables": ("成果", "工作成果"),
    "started": ("开始日期", "开始时间", "着手日期"),
    # budget execution
    "received": ("到位记录", "到位", "拨付", "资金到位", "到位资金"),
    "spent": ("支出记录", "支出", "实际支出", "已支出"),
    "funder": ("出资方", "拨款单位", "资金来源单位"),
    "document": ("凭证", "文号", "凭证号", "拨付文号"),
    # committees and duties
    "role": ("角色", "职位", "职责角色"),
    "sector": ("界别",),
    "size": ("总人数", "人数", "规模"),
    "composition": ("界别构成", "构成"),
    "roles": ("各角色人数", "角色构成"),
    "members": ("成员名单", "成员", "名单"),
    "responsibilities": ("职责", "主要职责"),
    "task": ("工作内容", "任务"),
    "support": ("配合单位", "协助单位", "配合部门"),
    "phase": ("对应阶段", "阶段"),
}

#: A key's title in one model, where it is not the general one: (model, key) → title.
TITLES: dict[tuple[str, str], str] = {
    ("Plan", "title"): "方案标题",
    ("Plan", "level"): "行政层级",
    ("Plan", "units"): "涉及的单位",
    ("Plan", "period"): "方案期限",
    ("Section", "title"): "标题",
    ("Member", "title"): "本职职务",
    ("Member", "name"): "姓名",
    ("Member", "unit"): "所在单位",
    ("Target", "name"): "指标名称",
    ("Target", "kind"): "指标类型",
    ("Target", "target"): "目标",
    ("Phase", "name"): "阶段名称",
    ("Phase", "owner"): "牵头单位",
    ("Duty", "owner"): "牵头单位",
    ("Duty", "target"): "对应指标",
    ("Duty", "phase"): "对应阶段",
    ("Duty", "due"): "完成期限",
    ("Task", "name"): "任务内容",
    ("BudgetLine", "period"): "期数",
    ("Receipt", "amount"): "到位金额",
    ("Receipt", "date"): "到位日期",
    ("Receipt", "unit"): "拨付单位",
    ("Expense", "amount"): "支出金额",
    ("Expense", "date"): "支出日期",
    ("Expense", "unit"): "支出单位",
    ("BudgetLine", "units"): "计列单位",
    ("BudgetLine", "category"): "经费类别",
    ("BudgetLine", "sharing"): "本行的分担方式",
    ("BudgetLine", "quantity"): "数量",
    ("Budget", "sharing"): "默认分担方式",
    ("Unit", "sharing"): "分担比例",
    ("Unit", "quantities"): "各项数量",
    ("Unit", "plan"): "本单位方案",
    ("StaffingNorm", "category"): "人员类别",
    ("Sharing", "funders"): "按比例分担的出资方",
    ("Baseline", "value"): "基线数值",
    ("Baseline", "date"): "基线日期",
    ("Goal", "value"): "目标数值",
    ("Actual", "value"): "实际数值",
    ("Actual", "date"): "统计日期",
    ("Funder", "level"): "层级",
    ("Committee", "size"): "总人数",
    ("Limit", "quantity"): "数量名称",
}


def title_of(key: str, model: str | None = None) -> str:
    """The Chinese name of ``key`` (in ``model``, when its meaning there differs)."""
    if model is not None and (model, key) in TITLES:
        return TITLES[(model, key)]
    names = KEY_NAMES.get(key)
    return names[0] if names else ""


def _clean(written: str) -> str:
    return written.strip().strip(":：").replace("\u3000", "").replace(" ", "")


def key_for(written: str, keys: Iterable[str], model: str | None = None) -> str | None:
    """The key among ``keys`` that the Chinese name ``written`` means, if one does.

    An exact name first (the model's own title before the general names), then the
    closest name (``负责单位名称`` → ``owner``).
    """
    wanted = _clean(written)
    if not wanted:
        return None
    candidates = [key for key in keys if key in KEY_NAMES]
    for key in candidates:
        if model is not None and TITLES.get((model, key)) == wanted:
            return key
    for key in candidates:
        if wanted in KEY_NAMES[key]:
            return key
    by_name = {name: key for key in reversed(candidates) for name in KEY_NAMES[key]}
    close = difflib.get_close_matches(wanted, list(by_name), n=1, cutoff=0.6)
    return by_name[close[0]] if close else None


def add_titles(schema: dict[str, Any]) -> dict[str, Any]:
    """Give every property of a JSON Schema of the plan its Chinese ``title``.

    ``schema`` is what :func:`cplan.schema.plan_schema` builds (Draft 7, ``definitions``
    named after the models); it is changed in place and returned. Titles pydantic made
    from the English key (``Owner``) give way to the Chinese ones.
    """

    def visit(node: Mapping[str, Any], model: str) -> None:
        properties = node.get("properties")
        if isinstance(properties, dict):
            for key, prop in properties.items():
                if isinstance(prop, dict) and title_of(key, model):
                    prop["title"] = title_of(key, model)

    visit(schema, "Plan")
    for model, definition in (schema.get("definitions") or {}).items():
        if isinstance(definition, dict):
            visit(definition, model)
    return schema


# -- naming a place in a plan: the item and the key, not a data path ---------------------

#: What one item of a list is called: list key → (Chinese, English), and its naming key.
ITEM_NOUNS: dict[str, tuple[str, str, tuple[str, ...]]] = {
    "targets": ("指标", "target", ("name", "id")),
    "phases": ("阶段", "phase", ("name", "id")),
    "units": ("单位", "unit", ("name", "id")),
    "funders": ("出资方", "funder", ("name", "id")),
    "committees": ("机构", "committee", ("name", "id")),
    "members": ("成员", "member", ("name", "role", "id")),
    "duties": ("责任分工", "duty", ("task", "owner")),
    "lines": ("经费行", "budget line", ("name", "id")),
    "tasks": ("任务", "task", ("name",)),
    "actuals": ("实际值", "actual value", ("date",)),
    "limits": ("上下限", "limit", ("quantity",)),
    "staffing_norms": ("人员配备标准", "staffing norm", ("category",)),
    "other": ("章节", "section", ("title",)),
}


def _field(item: Any, key: str) -> Any:
    if isinstance(item, Mapping):
        return item.get(key)
    return getattr(item, key, None)


def _item_name(item: Any, keys: tuple[str, ...]) -> str | None:
    for key in keys:
        value = _field(item, key)
        if isinstance(value, str) and value.strip():
            return value.strip()
        if value is not None and not isinstance(value, (Mapping, list, bool)):
            return str(value)
    return None


def describe(path: Iterable[str | int], data: Any) -> tuple[str, str]:
    """A place in a plan as a reader names it, in Chinese and in English.

    ``("budget", "lines", 2, "sharing")`` → ``经费行“活动经费”的 sharing``;
    ``("targets", 1)`` → ``指标“居民满意度”``; an item without a name or id is
    ``第 3 项经费行``. ``data`` is the plan as read (mappings and lists) or as modelled.
    """
    zh: list[str] = []
    en: list[str] = []
    keys: list[str] = []
    current = data
    previous: str | int | None = None
    for step in path:
        if isinstance(step, int):
            item = None
            if isinstance(current, list) and 0 <= step < len(current):
                item = current[step]
            noun_zh, noun_en, naming = ITEM_NOUNS.get(
                str(previous),
                (f"{title_of(str(previous)) or previous} 中的一项", "item", ("name", "id")),
            )
            name = _item_name(item, naming) if item is not None else None
            owner_zh = "".join(zh) + ("的" if zh else "")
            owner_en = " ".join(en) + (" › " if en else "")
            if name is not None:
                zh[:] = [f"{owner_zh}{noun_zh}“{name}”"]
                en[:] = [f"{owner_en}{noun_en} '{name}'"]
            else:
                zh[:] = [f"{owner_zh}第 {step + 1} 项{noun_zh}"]
                en[:] = [f"{owner_en}{noun_en} {step + 1}"]
            keys = []
            current = item
        else:
            keys.append(step)
            current = _field(current, step) if current is not None else None
        previous = step
    # keys that name a list were only the way to its items
    if keys:
        tail = ".".join(keys)
        if zh:
            return f"{zh[0]}的 {tail}", f"{en[0]}: {tail}"
        return tail, tail
    if zh:
        return zh[0], en[0]
    return "顶层", "the top level"
