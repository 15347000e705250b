"""Schema problems read as advice: the field, its Chinese label, and what to write."""

from __future__ import annotations

import textwrap

import pytest
from pydantic import BaseModel

from tests.conftest import plan_text, result


def messages(text: str, lang: str = "zh") -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.col, d.message(lang)) for d in result(text).diagnostics]


def test_missing_field_names_it_and_its_label() -> None:
    text = "id: t\nperiod: 2024年\n"
    assert messages(text) == [("CP101", 1, 1, "缺少必填项 title（方案标题）")]


def test_unknown_key_suggests_the_closest_one() -> None:
    text = plan_text("statuss: 草案\n")
    assert messages(text) == [("CP102", 4, 1, "不认识的键 statuss，是否应为 status？")]
    assert messages(text, "en")[0][3] == "unknown key 'statuss'; did you mean 'status'?"


def test_enumerations_list_their_choices() -> None:
    (found,) = messages(plan_text("status: 已发布\n"))
    assert found[:3] == ("CP100", 4, 9)
    assert found[3] == "status 只能是 草案、征求意见稿、印发、废止 之一，实际为 已发布"


def test_a_target_kind_is_offered_in_the_words_officers_write() -> None:
    text = plan_text("""
        targets:
          - {id: a, name: 满意度, kind: 变大, target: {value: 90, deadline: 2025年底}}
        """)
    (found,) = messages(text)
    assert found[:3] == ("CP100", 5, 30)
    assert "提升、降低、相对变化、零容忍、数量" in found[3]
    assert found[3].endswith("实际为 变大")
    assert messages(text, "en")[0][3].endswith("(or their Chinese names), got 变大")


@pytest.mark.parametrize(("written", "meant"), [("增加", "increase"), ("减少", "decrease")])
def test_everyday_words_for_a_kind_are_accepted(written: str, meant: str) -> None:
    text = plan_text(f"""
        targets:
          - {{id: a, name: 满意度, kind: {written}, target: {{value: 90, deadline: 2025年底}}}}
        """)
    checked = result(text)
    assert checked.diagnostics == []
    assert checked.figures is not None
    assert checked.figures.plan.targets[0].kind.value == meant


def test_text_that_yaml_read_as_a_mapping_gets_a_colon_hint() -> None:
    text = plan_text("""
        sections:
          principles:
            - 以人为本: 把居民需求放在首位
        """)
    (found,) = messages(text)
    assert found[:3] == ("CP100", 6, 7)
    assert found[3].startswith("principles 第 1 项 应为文字，这里却被读成了键值映射")
    assert "全角冒号" in found[3]


def test_every_schema_problem_in_a_file_is_reported_at_once() -> None:
    text = plan_text("""
        targets:
          - {id: a, name: 满意度, kind: 提升, target: {value: 高, deadline: 2025年底}}
          - {id: b, kind: unknown, target: {value: 1, deadline: 2025年13月}}
        """)
    codes = [(code, line) for code, line, _, _ in messages(text)]
    assert codes == [("CP100", 5), ("CP101", 6), ("CP100", 6), ("CP103", 6)]  # by column


# -- hints that lead to the right key (issue 14, item 2) ---------------------------------

BUDGET = textwrap.dedent("""
    funders:
      - {id: city, name: 市财政}
      - {id: street, name: 街道财政}
    budget:
      lines:
        - id: l1
          name: 活动经费
          amount: 12万元
    """).lstrip("\n")


def test_funder_in_a_budget_line_points_at_sharing_not_fund() -> None:
    text = plan_text(BUDGET + "      funder: street\n")
    (found,) = [m for m in messages(text) if m[0] == "CP102"]
    assert found[1:3] == (12, 7)
    assert "sharing: {remainder: street}" in found[3]
    assert "sharing: {funders: [street, 另一出资方], ratio: 5:5}" in found[3]
    assert "fund " not in found[3]
    assert "fund?" not in found[3]
    (english,) = [m for m in messages(text, "en") if m[0] == "CP102"]
    assert "sharing: {remainder: street}" in english[3]


def test_a_sharing_key_written_in_the_line_goes_under_sharing() -> None:
    text = plan_text(BUDGET + "      remainder: street\n")
    (found,) = [m for m in messages(text) if m[0] == "CP102"]
    assert (
        found[3]
        == "“remainder”是分担方式的一部分，要写在 sharing 之下：sharing: {remainder: street}"
    )


@pytest.mark.parametrize(
    ("written", "meant"),
    [("负责单位", "owner"), ("名称", "name"), ("指标类型", "kind"), ("期限", "deadline")],
)
def test_a_chinese_key_gets_the_key_it_means(written: str, meant: str) -> None:
    key = "    " + written if written != "期限" else "      " + written
    text = plan_text(
        "targets:\n"
        "  - id: t1\n"
        "    name: 居民满意度\n"
        "    kind: increase\n"
        "    target:\n"
        "      value: 85\n"
        "      deadline: 2025年底\n"
    )
    text = text.replace("    name: 居民满意度\n", f"    name: 居民满意度\n{key}: 甲\n", 1)
    if written in ("名称", "指标类型"):  # the key is there already: write the Chinese one alone
        english = {"名称": "    name: 居民满意度\n", "指标类型": "    kind: increase\n"}[written]
        text = text.replace(english, "", 1)
    if written == "期限":
        text = text.replace("    name: 居民满意度\n      期限: 甲\n", "    name: 居民满意度\n")
        text = text.replace("      deadline: 2025年底\n", "      期限: 2025年底\n")
    chinese = [m for m in messages(text) if m[0] == "CP102"]
    assert len(chinese) == 1, messages(text)
    assert chinese[0][3] == f"键名要用英文：“{written}”应写作 {meant}"


def test_the_plan_level_chinese_keys() -> None:
    text = plan_text("指标: []\n出资方: []\n")
    found = [m[3] for m in messages(text)]
    assert found == [
        "键名要用英文：“指标”应写作 targets",
        "键名要用英文：“出资方”应写作 funders",
    ]


def test_the_key_table_is_read_both_ways_and_names_every_key() -> None:
    from cplan.check import _unwrap
    from cplan.messages.keys import KEY_NAMES, key_for, title_of
    from cplan.model import Plan

    seen: set[type] = set()
    todo: list[type] = [Plan]
    while todo:
        model = todo.pop()
        if model in seen:
            continue
        seen.add(model)
        for name, info in model.model_fields.items():
            assert title_of(name, model.__name__), f"{model.__name__}.{name} has no Chinese name"
            inner = _unwrap(info.annotation)
            if isinstance(inner, type) and issubclass(inner, BaseModel):
                todo.append(inner)
            # each key's own title reads back as the key, among the keys of its model
            assert key_for(title_of(name, model.__name__), model.model_fields, model.__name__) == (
                name
            ), (model.__name__, name)
    assert all(names for names in KEY_NAMES.values())


def test_schema_titles_can_come_from_the_table() -> None:
    from cplan.messages.keys import add_titles

    schema = {
        "properties": {"owner": {"type": "string"}},
        "definitions": {"Member": {"properties": {"unit": {"title": "Unit"}}}},
    }
    add_titles(schema)
    assert schema["properties"]["owner"]["title"] == "负责单位"
    assert schema["definitions"]["Member"]["properties"]["unit"]["title"] == "所在单位"


def test_a_one_part_ratio_explains_remainder() -> None:
    text = plan_text(
        BUDGET.replace(
            "amount: 12万元", "amount: 12万元\n      sharing: {funders: [street], ratio: '100%'}"
        )
    )
    found = [m[3] for m in messages(text) if m[0] == "CP103"]
    assert len(found) == 1
    assert "remainder: 出资方标识符" in found[0]


# -- places named by their item, not by a data path (item 4) -----------------------------


def test_a_wrong_type_names_the_item_and_its_key() -> None:
    text = plan_text(BUDGET.replace("amount: 12万元", "amount: 12万元\n      sharing: [street]"))
    (found,) = messages(text)
    assert found[3] == "经费行“活动经费”的 sharing 应为“键: 值”的映射（如 name: ...），实际为 […]"
    (english,) = messages(text, "en")
    assert english[3] == "budget line '活动经费': sharing must be a mapping (name: ...), got […]"


def test_a_duplicate_id_names_the_first_item_and_its_line() -> None:
    text = plan_text("""
        targets:
          - {id: a, name: 居民满意度, kind: increase, target: {value: 1, deadline: 2024年底}}
        phases:
          - {id: a, name: 调研, when: 2024年4月}
        """)
    (found,) = messages(text)
    assert found[:3] == ("CP302", 7, 10)
    assert "第 5 行的指标“居民满意度”" in found[3]
    assert "targets." not in found[3]
    (english,) = messages(text, "en")
    assert english[3] == "identifier 'a' is already used by target '居民满意度' on line 5"


def test_list_written_as_a_mapping_or_with_full_width_brackets() -> None:
    mapping = plan_text("targets:\n  id: t1\n  name: 甲\n")
    assert messages(mapping)[0][3].startswith("targets 应为列表，这里却写成了“键: 值”")
    brackets = plan_text(BUDGET + "  sharing:\n    funders: ［city, street］\n    ratio: 5:5\n")
    (found,) = messages(brackets)
    assert found[3] == "funders 应为列表：全角括号和逗号应改为半角，写成 [city, street]"
