"""Schema problems read as advice: the field, its Chinese label, and what to write."""

from __future__ import annotations

from tests.conftest import plan_text, result


def messages(text: str, lang: str = "zh") -> list[tuple[str, int, int, str]]:
    return [(d.code, d.line, d.col, d.message(lang)) for d in result(text).diagnostics]


def test_missing_field_names_it_and_its_label() -> None:
    text = "id: t\nperiod: 2024年\n"
    assert messages(text) == [("CP101", 1, 1, "缺少必填项 title (方案标题)")]


def test_unknown_key_suggests_the_closest_one() -> None:
    text = plan_text("statuss: 草案\n")
    assert messages(text) == [("CP102", 4, 1, "不认识的键 statuss, 是否应为 status?")]
    assert messages(text, "en")[0][3] == "unknown key 'statuss'; did you mean 'status'?"


def test_enumerations_list_their_choices() -> None:
    (found,) = messages(plan_text("status: 已发布\n"))
    assert found[:3] == ("CP100", 4, 9)
    assert "'草案', '征求意见稿', '印发' or '废止'" in found[3]


def test_text_that_yaml_read_as_a_mapping_gets_a_colon_hint() -> None:
    text = plan_text("""
        sections:
          principles:
            - 以人为本: 把居民需求放在首位
        """)
    (found,) = messages(text)
    assert found[:3] == ("CP100", 6, 7)
    assert found[3].startswith("principles[0] 应为文字, 这里却被读成了键值映射")
    assert "全角冒号" in found[3]


def test_every_schema_problem_in_a_file_is_reported_at_once() -> None:
    text = plan_text("""
        targets:
          - {id: a, name: 满意度, kind: 提升, target: {value: 高, deadline: 2025年底}}
          - {id: b, kind: unknown, target: {value: 1, deadline: 2025年13月}}
        """)
    codes = [(code, line) for code, line, _, _ in messages(text)]
    assert codes == [("CP100", 5), ("CP101", 6), ("CP100", 6), ("CP103", 6)]  # by column
