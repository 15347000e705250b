"""What officers write is accepted (issue 14, item 3), and year-less phases keep their order."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from fractions import Fraction

import pytest
from pydantic_core import PydanticCustomError

from cplan.model.values import parse_date, parse_money, parse_percent, parse_span
from cplan.model.values.common import parse_cn_number
from tests.conftest import plan_text, result


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二", 12),
        ("一百二十五", 125),
        ("十二万五千", 125_000),
        ("一万五", 15_000),
        ("三千五", 3_500),
        ("二十万零五百", 200_500),
        ("一千零五", 1_005),
        ("一亿二千万", 120_000_000),
        ("壹拾贰万", 120_000),
        ("两万", 20_000),
        ("十二点五", Decimal("12.5")),
        ("十二点五万", 125_000),
        ("二〇二四", 2024),
    ],
)
def test_chinese_numerals(text: str, value: int | Decimal) -> None:
    assert parse_cn_number(text) == value


@pytest.mark.parametrize("text", ["", "万", "十百", "五万五万", "十二abc", "点五点"])
def test_not_chinese_numerals(text: str) -> None:
    assert parse_cn_number(text) is None


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十二万元", 120_000),
        ("一百二十五万元", 1_250_000),
        ("壹拾贰万元整", 120_000),
        ("人民币十二万元", 120_000),
        ("十二点五万元", 125_000),
        ("−12万元", -120_000),  # U+2212 MINUS SIGN
    ],
)
def test_amounts_in_chinese_numerals_and_with_a_minus_sign(text: str, value: int) -> None:
    assert parse_money(text) == value


def test_an_amount_that_is_not_a_number_is_still_refused() -> None:
    with pytest.raises(PydanticCustomError) as caught:
        parse_money("约二十五万")
    assert caught.value.type == "money_format"


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("−30%", Fraction(-3, 10)),
        ("降低30%", Fraction(-3, 10)),
        ("下降 30%", Fraction(-3, 10)),
        ("减少了30%", Fraction(-3, 10)),
        ("提高30%", Fraction(3, 10)),
        ("增长2.5%", Fraction(1, 40)),
    ],
)
def test_relative_changes_as_officers_write_them(text: str, value: Fraction) -> None:
    assert parse_percent(text) == value


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("2024年12月份", dt.date(2024, 12, 1), dt.date(2024, 12, 31)),
        ("2025年中", dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
        ("2025年年中", dt.date(2025, 6, 30), dt.date(2025, 6, 30)),
    ],
)
def test_month_fen_and_mid_year(text: str, start: dt.date, end: dt.date) -> None:
    span = parse_date(text)
    assert (span.start, span.end) == (start, end)


def test_mid_year_to_year_end() -> None:
    span = parse_span("年中至年底", 2024)
    assert (span.start, span.end) == (dt.date(2024, 6, 30), dt.date(2024, 12, 31))


def test_a_relative_target_written_in_words_is_valid() -> None:
    text = plan_text("""
        targets:
          - id: crime
            name: 刑事案件发案率
            kind: 相对变化
            unit: "%"
            baseline: {value: 1.2, date: 2023年}
            target: {change: 降低30%, deadline: 2025年中}
        budget:
          total: 十二万元
          lines:
            - {id: l1, name: 活动经费, amount: 一十二万元, sharing: {remainder: city}}
        funders:
          - {id: city, name: 市财政}
        """)
    checked = result(text)
    assert [d.code for d in checked.diagnostics] == []
    assert checked.plan is not None
    assert checked.plan.targets[0].target.change == Fraction(-3, 10)
    assert checked.plan.budget is not None
    assert checked.plan.budget.total == 120_000


def test_a_year_less_phase_after_one_in_the_later_year_takes_that_year() -> None:
    text = """id: t
title: 两年方案
period: 2023年至2024年
phases:
  - {id: p1, name: 动员, when: 2023年12月}
  - {id: p2, name: 落实, when: 2月上旬至3月}
  - {id: p3, name: 检查, when: 4月}
"""
    checked = result(text)
    assert [d.code for d in checked.diagnostics if d.severity.value == "error"] == []
    assert checked.plan is not None
    starts = [phase.when.start for phase in checked.plan.phases]
    assert starts == [dt.date(2023, 12, 1), dt.date(2024, 2, 1), dt.date(2024, 4, 1)]


def test_a_year_less_phase_in_a_one_year_plan_stays_in_that_year() -> None:
    text = """id: t
title: 一年方案
period: 2024年
phases:
  - {id: p1, name: 动员, when: 5月}
  - {id: p2, name: 落实, when: 4月}
"""
    checked = result(text)
    assert [d.code for d in checked.diagnostics] == ["CP401"]
