"""The JSON Schema of a plan, in Draft 7 form, for editors and other tools.

pydantic writes JSON Schema 2020-12 (``$defs``); yaml-language-server and many editors
speak Draft 7 best, so definitions move to ``definitions``. What an editor shows is
Chinese: the ``title`` of every part and field (the heading of a hover, which would
otherwise be pydantic's English ``Total``) and its ``description`` (the hover text).
The schema accepts every value cplan accepts (Chinese target kinds such as ``提升``
among them); cplan's own checks are stricter, never the other way round. There is no
``$id``: the schema is a file in the plan repository (``schema/plan.schema.json``), which
a plan's modeline or ``.vscode/settings.json`` names by a relative path.
"""

from __future__ import annotations

import json
import re
from typing import Any

from cplan.model import Plan

#: The Chinese title of each part of a plan (the heading an editor shows on hover).
TITLES = {
    "Plan": "社区工作方案",
    "Actual": "实际值",
    "Baseline": "基线",
    "Budget": "经费",
    "BudgetLine": "经费行",
    "Committee": "组织机构",
    "CommitteeKind": "机构类别",
    "Duty": "责任分工",
    "Funder": "出资方",
    "Goal": "目标",
    "Limit": "上下限",
    "Member": "成员",
    "Phase": "实施阶段",
    "Section": "章节",
    "Sections": "方案正文",
    "Sharing": "经费分担",
    "StaffingNorm": "人员配备标准",
    "Status": "方案状态",
    "Target": "指标",
    "Task": "任务",
    "Unit": "单位",
}

_CJK = re.compile(r"[\u3400-\u9fff]")

#: Where a field's short label ends in its description: "方案标题, 如 …" → "方案标题".
_LABEL_END = re.compile(r"[:：,，;；。(（]| 如|\s")


def label(description: str) -> str:
    """The short Chinese label at the start of a description ("" if it has none)."""
    head = _LABEL_END.split(description.strip(), maxsplit=1)[0]
    return head if _CJK.search(head) else ""


def _resolve(schema: dict[str, Any], definitions: dict[str, Any]) -> dict[str, Any]:
    """The definition a ``$ref`` (possibly inside ``anyOf`` with null) points at."""
    for candidate in [schema, *schema.get("anyOf", []), schema.get("items", {})]:
        ref = candidate.get("$ref") if isinstance(candidate, dict) else None
        if isinstance(ref, str):
            found: dict[str, Any] = definitions.get(ref.rsplit("/", 1)[-1], {})
            return found
    return {}


def _flatten(prop: dict[str, Any]) -> None:
    """``anyOf: [{anyOf: [A, B], description: d}, null]`` → ``anyOf: [A, B, null]``.

    An optional value of a type that is itself a choice (money: a number or a text) nests
    one ``anyOf`` in another; editors then show the field's title twice ("总额 || 总额").
    The same choices one level up accept the same values; the inner description (how the
    value may be written) joins the field's own.
    """
    branches = prop.get("anyOf")
    if not isinstance(branches, list):
        return
    flat: list[Any] = []
    notes: list[str] = []
    for branch in branches:
        if (
            isinstance(branch, dict)
            and "anyOf" in branch
            and set(branch)
            <= {
                "anyOf",
                "description",
                "title",
            }
        ):
            flat.extend(branch["anyOf"])
            if branch.get("description"):
                notes.append(branch["description"])
        else:
            flat.append(branch)
    prop["anyOf"] = flat
    if notes:
        prop["description"] = "\n".join([prop.get("description", ""), *notes]).strip()


_TYPE_WORDS = {
    "string": "文字",
    "number": "数字",
    "integer": "整数",
    "array": "列表",
    "object": "键值表",
    "boolean": "是或否",
    "null": "不填",
}


def _title_branches(prop: dict[str, Any], title: str) -> None:
    """Title one choice of ``anyOf`` so that yaml-language-server's hover has one heading.

    The server takes choices without a title, description or properties for each other:
    when all the choices look alike that way, it heads the hover with the field's title
    once per choice ("分担比例 || 分担比例 || 分担比例"). One titled choice is enough to
    tell them apart: ``null`` ("分担比例 (不填)") where there is one, else the last.
    The heading is then the field's own title, unless the value is of the titled kind.
    """
    branches = [b for b in prop.get("anyOf", []) if isinstance(b, dict)]
    bare = [b for b in branches if not {"title", "description", "properties", "$ref"} & set(b)]
    if len(bare) < 2:
        return
    nulls = [b for b in bare if b.get("type") == "null"]
    chosen = nulls[0] if nulls else bare[-1]
    kind = chosen.get("type")
    words = _TYPE_WORDS.get(kind, "其他写法") if isinstance(kind, str) else "其他写法"
    chosen["title"] = f"{title} (不填)" if kind == "null" else f"{title} (写成{words})"


def _chinese_titles(node: dict[str, Any], definitions: dict[str, Any]) -> None:
    """Give every property a Chinese title, and one choice of its ``anyOf`` another.

    The title is the key's Chinese name (:func:`cplan.messages.keys.add_titles`, the names
    messages use too) where it has one, else the label its description starts with, else
    the title of the part it refers to.
    """
    for key, prop in node.get("properties", {}).items():
        if not isinstance(prop, dict):
            continue
        _flatten(prop)
        for branch in prop.get("anyOf", []):
            if isinstance(branch, dict):
                branch.pop("title", None)
        title = prop.get("title")
        if not (isinstance(title, str) and _CJK.search(title)):
            title = label(prop.get("description", "")) or _resolve(prop, definitions).get("title")
        prop["title"] = title if isinstance(title, str) and _CJK.search(title) else key
        _title_branches(prop, prop["title"])


def plan_schema() -> dict[str, Any]:
    """The plan's JSON Schema as a dict."""
    from cplan.messages.keys import add_titles

    body = Plan.model_json_schema(ref_template="#/definitions/{model}")
    definitions: dict[str, Any] = body.pop("$defs", {})
    schema = add_titles(
        {"$schema": "http://json-schema.org/draft-07/schema#", **body, "definitions": definitions}
    )
    for name, definition in definitions.items():
        if name in TITLES:
            definition["title"] = TITLES[name]
        _chinese_titles(definition, definitions)
    _chinese_titles(schema, definitions)
    schema["title"] = TITLES["Plan"]
    return schema


def schema_text() -> str:
    """The schema as stable, pretty-printed JSON text (the committed copy is this text)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
