"""Tests for cplan.model.values: money, ratios, percentages and officer-style dates."""

from __future__ import annotations

import calendar
import copy
import json
import pickle
import string
from collections.abc import Callable
from datetime import date, datetime, timedelta
from decimal import Decimal
from fractions import Fraction
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import BaseModel, ValidationError
from pydantic_core import PydanticCustomError

from cplan.messages.values_catalog import VALUE_MESSAGES
from cplan.model.values import (
    DateField,
    DateSpan,
    Granularity,
    Money,
    PercentField,
    Ratio,
    RatioField,
    SpanField,
    format_money,
    format_percent,
    format_span,
    normalize_text,
    parse_date,
    parse_money,
    parse_percent,
    parse_ratio,
    parse_span,
    xun_of,
)

FAST = settings(
    max_examples=60,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)

D = date


def to_fullwidth(text: str) -> str:
    """ASCII digits/punctuation -> their full-width forms (as a Chinese IME types them)."""
    return "".join(chr(ord(ch) + 0xFEE0) if "!" <= ch <= "~" else ch for ch in text)


def raises_type(func: Callable[..., object], *args: Any, **kwargs: Any) -> PydanticCustomError:
    with pytest.raises(PydanticCustomError) as info:
        func(*args, **kwargs)
    return info.value


# ---------------------------------------------------------------------------
# money
# ---------------------------------------------------------------------------

MONEY_OK = [
    ("480000", "480000"),
    ("480000.50", "480000.5"),
    ("480000.5", "480000.5"),
    ("480,000", "480000"),
    ("480,000.25", "480000.25"),
    ("480,000元", "480000"),
    ("48万", "480000"),
    ("48万元", "480000"),
    ("12.5万元", "125000"),
    ("12.5万", "125000"),
    ("0.001万", "10"),
    ("0.000001万", "0.01"),
    ("1.2亿", "120000000"),
    ("1.2亿元", "120000000"),
    ("1,000万元", "10000000"),
    ("￥480,000", "480000"),
    ("¥480000", "480000"),
    ("¥ 480,000 元", "480000"),
    ("人民币48万元", "480000"),
    ("480000 元", "480000"),
    ("48 万元", "480000"),
    ("４８万元", "480000"),
    ("４８０，０００元", "480000"),
    ("４８０，０００．５０元", "480000.5"),
    ("  480000  ", "480000"),
    ("\u3000480000\u3000", "480000"),
    ("-480000", "-480000"),
    ("-48万元", "-480000"),
    ("-￥5", "-5"),
    ("￥-5", "-5"),
    ("+5", "5"),
    ("0", "0"),
    ("0.00元", "0"),
    ("-0", "0"),
    ("123456789012345678901234567890", "123456789012345678901234567890"),
]


@pytest.mark.parametrize(("text", "expected"), MONEY_OK)
def test_parse_money_accepts_officer_spellings(text: str, expected: str) -> None:
    result = parse_money(text)
    assert result == Decimal(expected)
    # canonical: no exponent, no trailing fractional zeros
    assert str(result) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (480000, Decimal(480000)),
        (-5, Decimal(-5)),
        (0, Decimal(0)),
        (Decimal("480000.50"), Decimal("480000.5")),
        (Decimal("4.8E+5"), Decimal(480000)),
        (Decimal("125000.0"), Decimal(125000)),
        (0.1, Decimal("0.1")),  # via str(), never the binary expansion
        (1.1, Decimal("1.1")),
        (480000.0, Decimal(480000)),
        (1e20, Decimal(10) ** 20),
    ],
)
def test_parse_money_accepts_numbers(value: object, expected: Decimal) -> None:
    result = parse_money(value)
    assert result == expected
    assert isinstance(result, Decimal)
    assert "E" not in str(result)


def test_parse_money_representation_is_canonical() -> None:
    assert str(parse_money("12.5万")) == "125000"
    assert str(parse_money(Decimal("125000.0"))) == "125000"
    assert str(parse_money("1.2亿")) == "120000000"
    assert parse_money("12.5万") == Decimal("125000.0")  # numeric equality anyway


def test_parse_money_keeps_exact_precision_beyond_28_digits() -> None:
    # The default decimal context would round this product to 28 digits.
    assert parse_money("1234567890123456789012.34万") == Decimal(12345678901234567890123400)
    assert parse_money("99999999999999999999.99亿") == Decimal(9999999999999999999999000000)


MONEY_BAD = [
    (True, "money_type"),
    (False, "money_type"),
    (None, "money_type"),
    ([480000], "money_type"),
    (Fraction(1, 2), "money_type"),
    ("", "value_empty"),
    ("   ", "value_empty"),
    ("abc", "money_format"),
    ("48万万", "money_format"),
    ("48亿万", "money_format"),
    ("万", "money_format"),
    ("元", "money_format"),
    ("48元万", "money_format"),
    ("4 8", "money_format"),
    ("1.2.3", "money_format"),
    (".5", "money_format"),
    ("5.", "money_format"),
    ("--5", "money_format"),
    ("-￥-5", "money_format"),
    ("NaN", "money_format"),
    ("Infinity", "money_format"),
    ("1e5", "money_format"),
    ("48万美元", "money_format"),
    ("1,00,0", "money_separator"),
    ("48,0000", "money_separator"),
    ("1234,567", "money_separator"),
    (",480", "money_format"),
    ("0.001元", "money_precision"),
    ("0.001", "money_precision"),
    ("0.0000001万", "money_precision"),
    (Decimal("0.001"), "money_precision"),
    (0.30000000000000004, "money_precision"),
    ("1" * 31, "money_too_long"),
    ("1" * 25 + "亿", "money_too_long"),
    (10**31, "money_too_long"),
    (10**200, "money_too_long"),
    (Decimal("1E+40"), "money_too_long"),
    (Decimal("NaN"), "money_not_finite"),
    (Decimal("Infinity"), "money_not_finite"),
    (float("nan"), "money_not_finite"),
    (float("-inf"), "money_not_finite"),
]


@pytest.mark.parametrize(("value", "error_type"), MONEY_BAD)
def test_parse_money_rejects(value: object, error_type: str) -> None:
    error = raises_type(parse_money, value)
    assert error.type == error_type
    assert error.context is not None
    assert all(isinstance(v, str) for v in error.context.values())


def test_huge_inputs_are_shortened_in_messages() -> None:
    error = raises_type(parse_money, 10**5000)  # repr() of this int would raise
    assert error.type == "money_too_long"
    assert error.context is not None
    assert error.context["input"] == "<int of about 5000 digits>"
    # long text stays whole in the context; the message shortens it and states its length
    error = raises_type(parse_money, "x" * 500)
    assert error.context is not None
    assert error.context["input"] == "x" * 500
    from cplan.messages import render_message

    shown = render_message("schema.money_format", error.context, "zh")
    assert "(500 字符)" in shown
    assert len(shown) < 200


def test_money_error_context_shows_the_input() -> None:
    error = raises_type(parse_money, "48万万")
    assert error.context == {"input": "48万万"}
    assert "48万万" in error.message()
    zh = VALUE_MESSAGES["money_format"]["zh"].format(**error.context)
    assert zh == "金额格式无法识别：48万万；可写作 480000、48万元、480,000元 或 十二万元"


money_amounts = st.decimals(
    min_value=Decimal("-999999999999.99"),
    max_value=Decimal("999999999999.99"),
    places=2,
    allow_nan=False,
    allow_infinity=False,
)


@FAST
@given(money_amounts)
def test_money_round_trips_through_str(amount: Decimal) -> None:
    assert parse_money(str(amount)) == amount
    assert parse_money(amount) == amount
    assert parse_money(format_money(parse_money(amount))) == amount


@FAST
@given(money_amounts)
def test_money_wan_multiplies_by_ten_thousand(amount: Decimal) -> None:
    assert parse_money(f"{amount}万") == amount * 10000
    assert parse_money(f"{amount}万元") == amount * 10000
    assert parse_money(f"{amount}亿") == amount * 100_000_000


@FAST
@given(money_amounts)
def test_money_thousands_separators_and_fullwidth(amount: Decimal) -> None:
    grouped = f"{amount:,}"
    assert parse_money(grouped) == amount
    assert parse_money(grouped + "元") == amount
    assert parse_money(to_fullwidth(grouped) + "元") == amount


@FAST
@given(st.decimals(min_value=0, max_value=10**6, places=3, allow_nan=False))
def test_money_fen_precision(amount: Decimal) -> None:
    if amount != amount.quantize(Decimal("0.01")):
        assert raises_type(parse_money, str(amount)).type == "money_precision"
    else:
        assert parse_money(str(amount)) == amount


# ---------------------------------------------------------------------------
# percent
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("2%", Fraction(2, 100)),
        ("2.5%", Fraction(25, 1000)),
        ("２％", Fraction(2, 100)),
        ("２．５％", Fraction(25, 1000)),
        (" 2 % ", Fraction(2, 100)),
        ("-1.5%", Fraction(-15, 1000)),
        ("0%", Fraction(0)),
        ("100%", Fraction(1)),
        ("150%", Fraction(3, 2)),
        (2, Fraction(2, 100)),
        (Decimal("2.5"), Fraction(25, 1000)),
        (2.5, Fraction(25, 1000)),
        (0.1, Fraction(1, 1000)),
        (Fraction(1, 3), Fraction(1, 3)),  # already parsed: unchanged
        ("1/40", Fraction(1, 40)),  # python-mode dump of a Fraction
    ],
)
def test_parse_percent(value: object, expected: Fraction) -> None:
    assert parse_percent(value) == expected


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ("abc", "percent_format"),
        ("2", "percent_format"),
        ("2%%", "percent_format"),
        ("%", "percent_format"),
        ("百分之二", "percent_format"),
        ("1/0", "percent_format"),
        (float("nan"), "percent_format"),
        (Decimal("NaN"), "percent_format"),
        (True, "percent_type"),
        (None, "percent_type"),
        ([2], "percent_type"),
        ("", "value_empty"),
    ],
)
def test_parse_percent_rejects(value: object, error_type: str) -> None:
    assert raises_type(parse_percent, value).type == error_type


def test_format_percent() -> None:
    assert format_percent(Fraction(1, 40)) == "2.5%"
    assert format_percent(Fraction(1, 50)) == "2%"
    assert format_percent(Fraction(-3, 200)) == "-1.5%"
    assert format_percent(Fraction(0)) == "0%"
    assert format_percent(Fraction(1, 3)) == "33.3333333333%"


@FAST
@given(st.decimals(min_value=-1000, max_value=1000, places=3, allow_nan=False))
def test_percent_round_trips(points: Decimal) -> None:
    value = parse_percent(f"{points}%")
    assert value == Fraction(points) / 100
    assert parse_percent(points) == value
    assert parse_percent(format_percent(value)) == value


# ---------------------------------------------------------------------------
# ratio
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "parts", "text"),
    [
        ("5:5", (5, 5), "5:5"),
        ("4:6", (4, 6), "4:6"),
        ("0:10", (0, 10), "0:10"),
        ("1:1:2", (1, 1, 2), "1:1:2"),
        ("５：５", (5, 5), "5:5"),
        ("5∶5", (5, 5), "5:5"),
        (" 5 : 5 ", (5, 5), "5:5"),
        ("5比5", (5, 5), "5:5"),
        ("50%:50%", (Fraction(1, 2), Fraction(1, 2)), "50%:50%"),
        ("５０％：５０％", (Fraction(1, 2), Fraction(1, 2)), "50%:50%"),
        ("2.5:7.5", (Fraction(5, 2), Fraction(15, 2)), "2.5:7.5"),
        ("-1:2", (-1, 2), "-1:2"),
        ("0:0", (0, 0), "0:0"),
        ([5, 5], (5, 5), "5:5"),
        ((4, 6), (4, 6), "4:6"),
        ([Decimal("2.5"), Decimal("7.5")], (Fraction(5, 2), Fraction(15, 2)), "2.5:7.5"),
        ([2.5, 7.5], (Fraction(5, 2), Fraction(15, 2)), "2.5:7.5"),
        (["50%", "50%"], (Fraction(1, 2), Fraction(1, 2)), "50%:50%"),
        (["3", "7"], (3, 7), "3:7"),
    ],
)
def test_parse_ratio(value: object, parts: tuple[Fraction | int, ...], text: str) -> None:
    ratio = parse_ratio(value)
    assert ratio.parts == tuple(Fraction(p) for p in parts)
    assert all(isinstance(p, Fraction) for p in ratio.parts)
    assert ratio.text == text
    assert str(ratio) == text
    assert len(ratio) == len(parts)


def test_ratio_passthrough_and_equality() -> None:
    ratio = parse_ratio("5:5")
    assert parse_ratio(ratio) is ratio
    assert parse_ratio("5:5") == parse_ratio("1:1") == parse_ratio("50%:50%")
    assert hash(parse_ratio("5:5")) == hash(parse_ratio("50%:50%"))
    assert parse_ratio("4:6") != parse_ratio("6:4")
    assert parse_ratio("1:1") != parse_ratio("1:1:1")
    assert parse_ratio("0:0") == parse_ratio([0, 0])
    assert parse_ratio("0:0") != parse_ratio("1:1")
    assert parse_ratio("1:-1") != parse_ratio("2:-2")  # zero sum: compared by parts
    assert parse_ratio("5:5") != "5:5"
    assert len({parse_ratio("5:5"), parse_ratio("1:1"), parse_ratio("2:3")}) == 2


def test_ratio_shares() -> None:
    assert parse_ratio("4:6").shares() == (Fraction(2, 5), Fraction(3, 5))
    assert parse_ratio("1:1:2").shares() == (Fraction(1, 4), Fraction(1, 4), Fraction(1, 2))
    assert parse_ratio("0:10").shares() == (Fraction(0), Fraction(1))
    with pytest.raises(ValueError, match="sum to 0"):
        parse_ratio("0:0").shares()


def test_ratio_is_immutable_and_copyable() -> None:
    ratio = parse_ratio("4:6")
    with pytest.raises(AttributeError):
        ratio.text = "x"
    with pytest.raises(AttributeError):
        del ratio.parts
    assert copy.deepcopy(ratio) == ratio
    restored = pickle.loads(pickle.dumps(ratio))
    assert restored == ratio
    assert restored.text == "4:6"
    assert repr(ratio) == "Ratio(parts=(Fraction(4, 1), Fraction(6, 1)), text='4:6')"
    with pytest.raises(ValueError, match="two parts"):
        Ratio((Fraction(1),), "1")
    assert Ratio.of(4, 6) == ratio


@pytest.mark.parametrize(
    ("value", "error_type"),
    [
        ("a:b", "ratio_part"),
        ("5:x", "ratio_part"),
        ("5:", "ratio_part"),
        ("5:5%x", "ratio_part"),
        ([True, 1], "ratio_part"),
        ([None, 1], "ratio_part"),
        ([float("nan"), 1], "ratio_part"),
        ([{"a": 1}, 1], "ratio_part"),
        ("5", "ratio_too_few_parts"),
        ([5], "ratio_too_few_parts"),
        ([], "ratio_too_few_parts"),
        ("50%:5", "ratio_mixed_units"),
        (5, "ratio_type"),
        (None, "ratio_type"),
        ({"a": 5}, "ratio_type"),
        ("", "value_empty"),
    ],
)
def test_parse_ratio_rejects(value: object, error_type: str) -> None:
    assert raises_type(parse_ratio, value).type == error_type


def test_ratio_part_error_names_the_part() -> None:
    error = raises_type(parse_ratio, "5:五")
    assert error.context == {"input": "5:五", "part": "五"}


positive = st.integers(min_value=0, max_value=1000)


@FAST
@given(
    st.lists(positive, min_size=2, max_size=5).filter(any),
    st.fractions(min_value=Fraction(1, 1000), max_value=1000),
)
def test_ratio_scaling_invariance(parts: list[int], k: Fraction) -> None:
    base = parse_ratio(parts)
    scaled = parse_ratio([k * p for p in parts])
    assert scaled == base
    assert hash(scaled) == hash(base)
    text = ":".join(str(p) for p in parts)
    assert parse_ratio(text) == base
    assert parse_ratio(to_fullwidth(text)) == base


@FAST
@given(
    st.lists(
        st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False),
        min_size=2,
        max_size=6,
    ).filter(any)
)
def test_ratio_shares_sum_to_exactly_one(parts: list[Decimal]) -> None:
    ratio = parse_ratio(":".join(str(p) for p in parts))
    shares = ratio.shares()
    assert sum(shares) == 1
    assert all(share >= 0 for share in shares)


# ---------------------------------------------------------------------------
# dates: points
# ---------------------------------------------------------------------------

DATE_OK: list[tuple[object, date, date, str]] = [
    (date(2024, 4, 13), D(2024, 4, 13), D(2024, 4, 13), "day"),
    (datetime(2024, 4, 13, 9, 30), D(2024, 4, 13), D(2024, 4, 13), "day"),
    (2024, D(2024, 1, 1), D(2024, 12, 31), "year"),
    (20240413, D(2024, 4, 13), D(2024, 4, 13), "day"),
    (Decimal("2024.4"), D(2024, 4, 1), D(2024, 4, 30), "month"),
    (Decimal("2024.10"), D(2024, 10, 1), D(2024, 10, 31), "month"),
    ("2024-04-13", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024-4-3", D(2024, 4, 3), D(2024, 4, 3), "day"),
    ("2024/04/13", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024.4.13", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("20240413", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024-04", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("2024.4", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("2024", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("2024年", D(2024, 1, 1), D(2024, 12, 31), "year"),
    ("2024年4月", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("2024年4月份", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("2024年4月13日", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024年4月13号", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024 年 4 月 13 日", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024年4月上旬", D(2024, 4, 1), D(2024, 4, 10), "xun"),
    ("2024年4月中旬", D(2024, 4, 11), D(2024, 4, 20), "xun"),
    ("2024年4月下旬", D(2024, 4, 21), D(2024, 4, 30), "xun"),
    ("2024年2月下旬", D(2024, 2, 21), D(2024, 2, 29), "xun"),
    ("2023年2月下旬", D(2023, 2, 21), D(2023, 2, 28), "xun"),
    ("2100年2月下旬", D(2100, 2, 21), D(2100, 2, 28), "xun"),
    ("2000年2月下旬", D(2000, 2, 21), D(2000, 2, 29), "xun"),
    ("2024年1月下旬", D(2024, 1, 21), D(2024, 1, 31), "xun"),
    ("2024年4月初", D(2024, 4, 1), D(2024, 4, 1), "day"),
    ("2024年4月底", D(2024, 4, 30), D(2024, 4, 30), "day"),
    ("2024年2月末", D(2024, 2, 29), D(2024, 2, 29), "day"),
    ("2024年年底", D(2024, 12, 31), D(2024, 12, 31), "day"),
    ("2024年底", D(2024, 12, 31), D(2024, 12, 31), "day"),
    ("2024年末", D(2024, 12, 31), D(2024, 12, 31), "day"),
    ("2024年初", D(2024, 1, 1), D(2024, 1, 1), "day"),
    ("2024年年初", D(2024, 1, 1), D(2024, 1, 1), "day"),
    ("2024年上半年", D(2024, 1, 1), D(2024, 6, 30), "month"),
    ("2024年下半年", D(2024, 7, 1), D(2024, 12, 31), "month"),
    ("2024年第一季度", D(2024, 1, 1), D(2024, 3, 31), "month"),
    ("2024年一季度", D(2024, 1, 1), D(2024, 3, 31), "month"),
    ("2024年第二季度", D(2024, 4, 1), D(2024, 6, 30), "month"),
    ("2024年三季度", D(2024, 7, 1), D(2024, 9, 30), "month"),
    ("2024年第4季度", D(2024, 10, 1), D(2024, 12, 31), "month"),
    ("2024年四季", D(2024, 10, 1), D(2024, 12, 31), "month"),
    ("2024Q1", D(2024, 1, 1), D(2024, 3, 31), "month"),
    ("2024-Q2", D(2024, 4, 1), D(2024, 6, 30), "month"),
    ("2024q4", D(2024, 10, 1), D(2024, 12, 31), "month"),
    ("２０２４年４月", D(2024, 4, 1), D(2024, 4, 30), "month"),
    ("２０２４年４月１３日", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("２０２４－０４－１３", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("２０２４Ｑ１", D(2024, 1, 1), D(2024, 3, 31), "month"),
    ("2024年2月29日", D(2024, 2, 29), D(2024, 2, 29), "day"),
    ("2000-02-29", D(2000, 2, 29), D(2000, 2, 29), "day"),
]


@pytest.mark.parametrize(("value", "start", "end", "granularity"), DATE_OK)
def test_parse_date(value: object, start: date, end: date, granularity: str) -> None:
    span = parse_date(value)
    assert (span.start, span.end, span.granularity) == (start, end, granularity)
    # parse_span agrees on single points
    assert parse_span(value) == span


def test_parse_date_keeps_original_text() -> None:
    assert parse_date("  2024年4月中旬 ").text == "2024年4月中旬"
    assert str(parse_date("２０２４年４月")) == "２０２４年４月"
    assert parse_date(date(2024, 4, 13)).text == "2024-04-13"
    assert parse_date(2024).text == "2024"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("4月中旬", D(2024, 4, 11), D(2024, 4, 20)),
        ("4月", D(2024, 4, 1), D(2024, 4, 30)),
        ("4月13日", D(2024, 4, 13), D(2024, 4, 13)),
        ("2月29日", D(2024, 2, 29), D(2024, 2, 29)),
        ("年底", D(2024, 12, 31), D(2024, 12, 31)),
        ("年末", D(2024, 12, 31), D(2024, 12, 31)),
        ("年初", D(2024, 1, 1), D(2024, 1, 1)),
        ("上半年", D(2024, 1, 1), D(2024, 6, 30)),
        ("下半年", D(2024, 7, 1), D(2024, 12, 31)),
        ("第三季度", D(2024, 7, 1), D(2024, 9, 30)),
        ("Q2", D(2024, 4, 1), D(2024, 6, 30)),
        ("今年", D(2024, 1, 1), D(2024, 12, 31)),
        ("次年3月", D(2025, 3, 1), D(2025, 3, 31)),
        ("明年底", D(2025, 12, 31), D(2025, 12, 31)),
        ("４月中旬", D(2024, 4, 11), D(2024, 4, 20)),
    ],
)
def test_parse_date_year_less_uses_default_year(value: str, start: date, end: date) -> None:
    span = parse_date(value, default_year=2024)
    assert (span.start, span.end) == (start, end)
    assert raises_type(parse_date, value).type == "date_year_missing"


def test_year_less_date_in_a_non_leap_default_year() -> None:
    error = raises_type(parse_date, "2月29日", default_year=2023)
    assert error.type == "date_invalid"
    assert error.context is not None
    assert error.context["reason"] == "February 2023 has only 28 days"
    assert error.context["reason_zh"] == "2023年2月只有28天"


DATE_BAD: list[tuple[object, str]] = [
    ("2024-13-01", "date_invalid"),
    ("2024-00-10", "date_invalid"),
    ("2024-04-31", "date_invalid"),
    ("2024-04-00", "date_invalid"),
    ("2024年13月", "date_invalid"),
    ("2024年0月", "date_invalid"),
    ("2月30日", "date_invalid"),
    ("4月31日", "date_invalid"),
    ("2023年2月29日", "date_invalid"),
    ("1900-02-29", "date_invalid"),
    ("0000年", "date_invalid"),
    ("20xx年4月", "date_masked_year"),
    ("20XX", "date_masked_year"),
    ("XXXX年4月中旬", "date_masked_year"),
    ("２０ｘｘ年", "date_masked_year"),
    ("20**年4月", "date_masked_year"),
    ("4月中旬", "date_year_missing"),
    ("年底", "date_year_missing"),
    ("blah", "date_format"),
    ("2024年4月中中旬", "date_format"),
    ("2024年15日", "date_format"),
    ("15日", "date_format"),
    ("中旬", "date_format"),
    ("底", "date_format"),
    ("24年4月", "date_format"),
    ("2024年第五季度", "date_format"),
    ("2024-04-13至2024-05-01", "date_range_not_allowed"),
    ("2024年4月中旬至5月上旬", "date_range_not_allowed"),
    ("2024年5月至4月", "date_format"),  # not a valid range either
    ("2024/04-13", "date_format"),
    (Decimal("1E+3"), "date_format"),
    (None, "date_type"),
    (True, "date_type"),
    (2024.5, "date_type"),
    ([2024], "date_type"),
    ({"start": "2024年"}, "date_type"),
    ("", "value_empty"),
    ("  ", "value_empty"),
]


@pytest.mark.parametrize(("value", "error_type"), DATE_BAD)
def test_parse_date_rejects(value: object, error_type: str) -> None:
    error = raises_type(parse_date, value)
    assert error.type == error_type
    assert error.context is not None
    # shown as the officer wrote it: text as is, numbers without a Decimal(...) wrapper
    shown = value if isinstance(value, (str, int, Decimal)) else repr(value)
    assert error.context["input"] == str(shown)


def test_date_invalid_context_has_reason() -> None:
    error = raises_type(parse_date, "2024-13-01")
    assert error.context == {
        "input": "2024-13-01",
        "reason": "there is no month 13",
        "reason_zh": "没有13月",
    }
    error = raises_type(parse_date, "2月30日")
    assert error.context is not None
    assert error.context["reason_zh"] == "2月没有30日"


def test_default_year_must_be_an_int() -> None:
    with pytest.raises(TypeError):
        parse_date("4月", default_year="2024")  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        parse_span("4月", default_year=True)


@FAST
@given(st.integers(min_value=1900, max_value=2200), st.integers(min_value=1, max_value=12))
def test_xun_bounds_for_every_month(year: int, month: int) -> None:
    last = calendar.monthrange(year, month)[1]
    spans = [parse_date(f"{year}年{month}月{x}") for x in ("上旬", "中旬", "下旬")]
    assert [(s.start.day, s.end.day) for s in spans] == [(1, 10), (11, 20), (21, last)]
    whole = parse_date(f"{year}年{month}月")
    assert (whole.start.day, whole.end.day) == (1, last)
    assert spans[0].start == whole.start
    assert spans[2].end == whole.end
    for span in spans:
        assert span.granularity == "xun"
        assert xun_of(span.start) == xun_of(span.end)


def test_xun_of() -> None:
    assert [xun_of(D(2024, 4, d)) for d in (1, 10, 11, 20, 21, 30)] == [
        "上旬",
        "上旬",
        "中旬",
        "中旬",
        "下旬",
        "下旬",
    ]
    assert xun_of(D(2024, 2, 29)) == "下旬"


@FAST
@given(st.dates(min_value=D(1000, 1, 1), max_value=D(9999, 12, 31)))
def test_day_spellings_agree(day: date) -> None:
    spellings = [
        day.isoformat(),
        f"{day.year}-{day.month}-{day.day}",
        f"{day.year}/{day.month:02}/{day.day:02}",
        f"{day.year}.{day.month}.{day.day}",
        f"{day.year}年{day.month}月{day.day}日",
        f"{day.year}年{day.month}月{day.day}号",
        to_fullwidth(f"{day.year}年{day.month}月{day.day}日"),
        day,
    ]
    for spelling in spellings:
        span = parse_date(spelling)
        assert (span.start, span.end, span.granularity) == (day, day, "day")


# ---------------------------------------------------------------------------
# dates: spans
# ---------------------------------------------------------------------------

SPAN_OK: list[tuple[object, date, date, str]] = [
    ("2024-04-13", D(2024, 4, 13), D(2024, 4, 13), "day"),
    ("2024-04-01至2024-05-10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024-04-01 ~ 2024-05-10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024-04-01～2024-05-10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024-04-01 - 2024-05-10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024-04-01-2024-05-10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024/4/1—2024/5/10", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("20240401-20240510", D(2024, 4, 1), D(2024, 5, 10), "day"),
    ("2024年4月中旬至5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬到5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬—5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬——5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬–5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬-5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬~5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬～5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬―5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月中旬 至 5月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月上旬至中旬", D(2024, 4, 1), D(2024, 4, 20), "xun"),
    ("2024年3月11日至15日", D(2024, 3, 11), D(2024, 3, 15), "day"),
    ("2024年3月11日至15号", D(2024, 3, 11), D(2024, 3, 15), "day"),
    ("2024年3月11日至4月15日", D(2024, 3, 11), D(2024, 4, 15), "day"),
    ("2024年8月中旬至年底", D(2024, 8, 11), D(2024, 12, 31), "xun"),
    ("2024年8月中旬至年末", D(2024, 8, 11), D(2024, 12, 31), "xun"),
    ("2024年12月至次年3月", D(2024, 12, 1), D(2025, 3, 31), "month"),
    ("2024年12月至翌年3月", D(2024, 12, 1), D(2025, 3, 31), "month"),
    ("2024年12月至第二年3月", D(2024, 12, 1), D(2025, 3, 31), "month"),
    ("2024年12月下旬至次年1月上旬", D(2024, 12, 21), D(2025, 1, 10), "xun"),
    ("2024年至2025年", D(2024, 1, 1), D(2025, 12, 31), "year"),
    ("2024-2026", D(2024, 1, 1), D(2026, 12, 31), "year"),
    ("2024年至2025年3月", D(2024, 1, 1), D(2025, 3, 31), "year"),
    ("2024年4月至6月", D(2024, 4, 1), D(2024, 6, 30), "month"),
    ("2024-04至2024-06", D(2024, 4, 1), D(2024, 6, 30), "month"),
    ("2024年第一季度至第二季度", D(2024, 1, 1), D(2024, 6, 30), "month"),
    ("2024年上半年至2025年上半年", D(2024, 1, 1), D(2025, 6, 30), "month"),
    ("2024年2月下旬至3月上旬", D(2024, 2, 21), D(2024, 3, 10), "xun"),
    ("2024年2月20日至29日", D(2024, 2, 20), D(2024, 2, 29), "day"),
    ("２０２４年４月中旬至５月上旬", D(2024, 4, 11), D(2024, 5, 10), "xun"),
    ("2024年4月13日至2024年4月13日", D(2024, 4, 13), D(2024, 4, 13), "day"),
    (date(2024, 4, 13), D(2024, 4, 13), D(2024, 4, 13), "day"),
    (2024, D(2024, 1, 1), D(2024, 12, 31), "year"),
    ({"start": "2024-04-01", "end": "2024-05-10"}, D(2024, 4, 1), D(2024, 5, 10), "day"),
    ({"start": "2024年4月", "end": "6月"}, D(2024, 4, 1), D(2024, 6, 30), "month"),
    ({"start": "2024年3月11日", "end": "15日"}, D(2024, 3, 11), D(2024, 3, 15), "day"),
    ({"start": date(2024, 4, 1), "end": date(2024, 5, 10)}, D(2024, 4, 1), D(2024, 5, 10), "day"),
    ({"start": 2024, "end": 2025}, D(2024, 1, 1), D(2025, 12, 31), "year"),
    ({"开始": "2024年4月", "结束": "次年3月"}, D(2024, 4, 1), D(2025, 3, 31), "month"),
]


@pytest.mark.parametrize(("value", "start", "end", "granularity"), SPAN_OK)
def test_parse_span(value: object, start: date, end: date, granularity: str) -> None:
    span = parse_span(value)
    assert (span.start, span.end, span.granularity) == (start, end, granularity)
    assert span.start <= span.end


def test_parse_span_text() -> None:
    assert parse_span(" 2024年4月中旬至5月上旬 ").text == "2024年4月中旬至5月上旬"
    assert parse_span({"start": "2024年4月", "end": "6月"}).text == "2024年4月至6月"
    assert str(parse_span("2024-04-01 ~ 2024-05-10")) == "2024-04-01 ~ 2024-05-10"


@pytest.mark.parametrize(
    ("value", "start", "end"),
    [
        ("8月中旬至年底", D(2024, 8, 11), D(2024, 12, 31)),
        ("4月16日—30日", D(2024, 4, 16), D(2024, 4, 30)),
        ("4月中旬至5月上旬", D(2024, 4, 11), D(2024, 5, 10)),
        ("12月至次年2月", D(2024, 12, 1), D(2025, 2, 28)),
        ("下半年至次年上半年", D(2024, 7, 1), D(2025, 6, 30)),
        ({"start": "4月", "end": "6月"}, D(2024, 4, 1), D(2024, 6, 30)),
    ],
)
def test_parse_span_year_less_with_default_year(value: object, start: date, end: date) -> None:
    span = parse_span(value, default_year=2024)
    assert (span.start, span.end) == (start, end)
    assert raises_type(parse_span, value).type == "date_year_missing"


SPAN_BAD: list[tuple[object, str]] = [
    ("2024年5月至4月", "date_range_reversed"),
    ("2024年12月至3月", "date_range_reversed"),
    ("2024-05-10至2024-04-01", "date_range_reversed"),
    ("2024年3月15日至11日", "date_range_reversed"),
    ({"start": "2024年6月", "end": "2024年4月"}, "date_range_reversed"),
    ("2024年4月中旬至5月40日", "date_invalid"),
    ("2024年2月20日至30日", "date_invalid"),
    ("2024-13-01至2024-14-01", "date_invalid"),
    ("2023年2月20日至29日", "date_invalid"),
    ("20xx年4月至5月", "date_masked_year"),
    ("2024年4月至20XX年5月", "date_masked_year"),
    ("4月至5月", "date_year_missing"),
    ("2024年至15日", "date_format"),
    ("2024年4月至15日", "date_format"),  # a bare day needs a day or 旬 before it
    ("至2024年5月", "date_format"),
    ("2024年4月至", "date_format"),
    ("2024年4月至至5月", "date_format"),
    ("abc至def", "date_format"),
    ({"start": "2024年4月"}, "date_range_incomplete"),
    ({"end": "2024年4月"}, "date_range_incomplete"),
    ({"start": "2024年4月", "end": "5月", "note": "x"}, "date_range_incomplete"),
    ({}, "date_range_incomplete"),
    ({"start": None, "end": "5月"}, "date_type"),
    (None, "date_type"),
    ([2024, 2025], "date_type"),
    ("", "value_empty"),
]


@pytest.mark.parametrize(("value", "error_type"), SPAN_BAD)
def test_parse_span_rejects(value: object, error_type: str) -> None:
    assert raises_type(parse_span, value).type == error_type


def test_reversed_range_context() -> None:
    error = raises_type(parse_span, "2024年5月至4月")
    assert error.context == {"input": "2024年5月至4月", "start": "2024-05-01", "end": "2024-04-30"}
    zh = VALUE_MESSAGES["date_range_reversed"]["zh"].format(**error.context)
    assert "2024-04-30" in zh
    assert "次年" in zh


def test_datespan_invariants() -> None:
    with pytest.raises(ValueError, match="before it starts"):
        DateSpan(D(2024, 5, 1), D(2024, 4, 1), "x", "day")
    a = DateSpan(D(2024, 4, 1), D(2024, 4, 30), "2024年4月", "month")
    b = DateSpan(D(2024, 4, 1), D(2024, 4, 30), "2024-04", "month")
    assert a == b  # text is not part of equality
    assert hash(a) == hash(b)
    assert str(a) == "2024年4月"
    assert a.days == 30
    assert D(2024, 4, 15) in a
    assert D(2024, 5, 1) not in a
    assert parse_span(a) is a
    assert parse_date(a) is a


# ---------------------------------------------------------------------------
# format_span
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-11", "2024年3月11日"),
        ("2024年4月中旬", "2024年4月中旬"),
        ("2024-04", "2024年4月"),
        ("2024", "2024年"),
        ("2024年4月中旬至5月上旬", "2024年4月中旬至5月上旬"),
        ("2024年3月11日至15日", "2024年3月11日至15日"),
        ("2024-03-11至2024-03-15", "2024年3月11日至15日"),
        ("2024年3月11日至4月15日", "2024年3月11日至4月15日"),
        ("2024年4月上旬至中旬", "2024年4月上旬至中旬"),
        ("2024年8月中旬至年底", "2024年8月中旬至年底"),
        ("2024年3月11日至年底", "2024年3月11日至年底"),
        ("2024年12月至次年3月", "2024年12月至2025年3月"),
        ("2024年12月下旬至次年1月上旬", "2024年12月下旬至2025年1月上旬"),
        ("2024年4月至6月", "2024年4月至6月"),
        ("2024年第一季度", "2024年1月至3月"),
        ("2024年下半年", "2024年7月至12月"),
        ("2024年底", "2024年12月31日"),
        ("2024年至2025年", "2024年至2025年"),
        ("2024年至2025年3月", "2024年至2025年3月"),
        ("2024年8月中旬至2025年底", "2024年8月中旬至2025年底"),
        ("2024年4月上旬至4月15日", "2024年4月上旬至4月15日"),
    ],
)
def test_format_span(text: str, expected: str) -> None:
    span = parse_span(text)
    assert format_span(span) == expected
    again = parse_span(expected)
    assert (again.start, again.end) == (span.start, span.end)


def test_format_span_falls_back_to_days_for_misaligned_spans() -> None:
    odd = DateSpan(D(2024, 4, 15), D(2024, 4, 30), "x", "month")
    assert format_span(odd) == "2024年4月15日至30日"


GRANULARITIES: list[Granularity] = ["day", "xun", "month", "year"]


def unit_bounds(day: date, granularity: Granularity) -> tuple[date, date]:
    span = parse_date(
        {
            "day": day.isoformat(),
            "xun": f"{day.year}年{day.month}月{xun_of(day)}",
            "month": f"{day.year}年{day.month}月",
            "year": f"{day.year}年",
        }[granularity]
    )
    return span.start, span.end


@st.composite
def spans(draw: st.DrawFn) -> DateSpan:
    first = draw(st.dates(min_value=D(1900, 1, 1), max_value=D(2200, 12, 31)))
    granularity = draw(st.sampled_from(GRANULARITIES))
    start, start_unit_end = unit_bounds(first, granularity)
    if draw(st.booleans()):
        return DateSpan(start, start_unit_end, "generated", granularity)
    offset = draw(st.integers(min_value=0, max_value=800))
    last = start + timedelta(days=offset)
    end_granularity = draw(st.sampled_from(GRANULARITIES))
    end = max(unit_bounds(last, end_granularity)[1], start)
    return DateSpan(start, end, "generated", granularity)


@FAST
@given(spans())
def test_format_span_round_trips(span: DateSpan) -> None:
    text = format_span(span)
    again = parse_span(text)
    assert (again.start, again.end) == (span.start, span.end), text
    assert again.granularity == span.granularity, text
    assert again.start <= again.end
    assert format_span(again) == text


@FAST
@given(spans(), st.sampled_from(["至", "到", "~", "—", " - ", "～"]))
def test_iso_ranges_parse_with_every_separator(span: DateSpan, separator: str) -> None:
    text = f"{span.start.isoformat()}{separator}{span.end.isoformat()}"
    again = parse_span(text)
    assert (again.start, again.end, again.granularity) == (span.start, span.end, "day")


officer_piece = st.one_of(
    st.builds(
        lambda y, m, x: f"{y}年{m}月{x}",
        st.integers(2000, 2030),
        st.integers(1, 12),
        st.sampled_from(["", "上旬", "中旬", "下旬", "初", "底", "1日", "15日", "28号"]),
    ),
    st.builds(lambda m, x: f"{m}月{x}", st.integers(1, 12), st.sampled_from(["", "中旬", "9日"])),
    st.sampled_from(["年底", "年初", "次年3月", "下半年", "第二季度", "15日", "下旬", "2025年"]),
)


@FAST
@given(officer_piece, st.none() | st.sampled_from(["至", "-"]), officer_piece)
def test_every_parsed_span_is_ordered(first: str, separator: str | None, second: str) -> None:
    text = first if separator is None else first + separator + second
    error: PydanticCustomError | None = None
    try:
        span = parse_span(text, default_year=2024)
    except PydanticCustomError as raised:
        error = raised
    if error is not None:
        assert error.type in VALUE_MESSAGES
        return
    assert span.start <= span.end
    assert span.granularity in GRANULARITIES
    assert span.text == text


# ---------------------------------------------------------------------------
# text helpers and the message catalogue
# ---------------------------------------------------------------------------


def test_normalize_text() -> None:
    assert normalize_text("\u3000４８０，０００．５元 ") == "480,000.5元"
    assert normalize_text("５：５") == "5:5"
    assert normalize_text("5∶5") == "5:5"
    assert normalize_text("２％") == "2%"
    assert normalize_text("￥1") == "¥1"


# One example per error type; the test below checks this covers the whole catalogue.
ERROR_EXAMPLES: list[tuple[Callable[[object], object], object, str]] = [
    (parse_money, "", "value_empty"),
    (parse_money, None, "money_type"),
    (parse_money, "abc", "money_format"),
    (parse_money, "1,00,0", "money_separator"),
    (parse_money, "0.001元", "money_precision"),
    (parse_money, "1" * 31, "money_too_long"),
    (parse_money, float("inf"), "money_not_finite"),
    (parse_percent, None, "percent_type"),
    (parse_percent, "abc", "percent_format"),
    (parse_ratio, 5, "ratio_type"),
    (parse_ratio, "5", "ratio_too_few_parts"),
    (parse_ratio, "a:b", "ratio_part"),
    (parse_ratio, "50%:5", "ratio_mixed_units"),
    (parse_date, None, "date_type"),
    (parse_date, "abc", "date_format"),
    (parse_date, "2023年2月29日", "date_invalid"),
    (parse_date, "4月中旬", "date_year_missing"),
    (parse_date, "20xx年4月", "date_masked_year"),
    (parse_date, "2024年4月至6月", "date_range_not_allowed"),
    (parse_span, "2024年5月至4月", "date_range_reversed"),
    (parse_span, {"start": "2024年"}, "date_range_incomplete"),
]


def placeholders(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_error_examples_cover_the_catalogue() -> None:
    assert {error_type for _, _, error_type in ERROR_EXAMPLES} == set(VALUE_MESSAGES)


@pytest.mark.parametrize(("func", "value", "error_type"), ERROR_EXAMPLES)
def test_messages_render_in_both_languages(
    func: Callable[[object], object], value: object, error_type: str
) -> None:
    error = raises_type(func, value)
    assert error.type == error_type
    context = error.context or {}
    assert all(isinstance(v, str) for v in context.values())
    entry = VALUE_MESSAGES[error_type]
    assert set(entry) == {"zh", "en"}
    # the raised template is the catalogue's English one
    assert error.message_template == entry["en"]
    assert error.message() == entry["en"].format(**context)
    for lang in ("zh", "en"):
        assert placeholders(entry[lang]) <= set(context), (error_type, lang)
        rendered = entry[lang].format(**context)
        assert "{" not in rendered.replace("{'", "")  # every placeholder was filled
    assert any("\u4e00" <= ch <= "\u9fff" for ch in entry["zh"])


def test_catalogue_placeholders_are_consistent() -> None:
    for error_type, entry in VALUE_MESSAGES.items():
        zh, en = placeholders(entry["zh"]), placeholders(entry["en"])
        # zh uses reason_zh where en uses reason; otherwise the same names
        assert {n.removesuffix("_zh") for n in zh} == {n.removesuffix("_zh") for n in en}, (
            error_type
        )


# ---------------------------------------------------------------------------
# pydantic integration
# ---------------------------------------------------------------------------


class Sample(BaseModel):
    budget: Money
    split: RatioField
    rate: PercentField
    when: SpanField
    due: DateField | None = None


YAML_LIKE: dict[str, Any] = {
    "budget": "48万元",
    "split": "５：５",
    "rate": "2.5%",
    "when": "4月中旬至5月上旬",
    "due": "4月13日",
}


def test_model_validates_yaml_like_input_with_default_year() -> None:
    sample = Sample.model_validate(YAML_LIKE, context={"default_year": 2024})
    assert sample.budget == Decimal(480000)
    assert sample.split == parse_ratio("1:1")
    assert sample.rate == Fraction(1, 40)
    assert (sample.when.start, sample.when.end) == (D(2024, 4, 11), D(2024, 5, 10))
    assert sample.due is not None
    assert sample.due.start == D(2024, 4, 13)


def test_model_without_default_year_reports_value_errors() -> None:
    with pytest.raises(ValidationError) as info:
        Sample.model_validate({**YAML_LIKE, "budget": "48万万", "split": "a:b", "rate": "x"})
    errors = {e["loc"]: e for e in info.value.errors()}
    assert errors[("budget",)]["type"] == "money_format"
    assert errors[("split",)]["type"] == "ratio_part"
    assert errors[("rate",)]["type"] == "percent_format"
    assert errors[("when",)]["type"] == "date_year_missing"
    assert errors[("due",)]["type"] == "date_year_missing"
    assert errors[("budget",)]["ctx"] == {"input": "48万万"}


def test_model_ignores_unusable_context() -> None:
    data = {**YAML_LIKE, "when": "2024年4月", "due": "2024-04-13"}
    for context in (None, {}, {"default_year": "2024"}, {"default_year": True}, ["x"]):
        sample = Sample.model_validate(data, context=context)
        assert sample.when.start == D(2024, 4, 1)


def test_model_dump_json_mode_gives_strings() -> None:
    sample = Sample.model_validate(YAML_LIKE, context={"default_year": 2024})
    assert sample.model_dump(mode="json") == {
        "budget": "480000",
        "split": "5:5",
        "rate": "2.5%",
        "when": "4月中旬至5月上旬",
        "due": "4月13日",
    }
    fen = Sample.model_validate(
        {**YAML_LIKE, "budget": "480,000.50元"}, context={"default_year": 1}
    )
    assert fen.model_dump(mode="json")["budget"] == "480000.5"
    assert json.loads(sample.model_dump_json())["budget"] == "480000"


def test_model_round_trips() -> None:
    sample = Sample.model_validate(YAML_LIKE, context={"default_year": 2024})
    python = sample.model_dump()
    assert python["budget"] == Decimal(480000)
    assert isinstance(python["split"], Ratio)
    assert Sample.model_validate(python) == sample
    assert Sample.model_validate(
        sample.model_dump(mode="json"), context={"default_year": 2024}
    ) == (sample)
    assert Sample.model_validate_json(sample.model_dump_json(), context={"default_year": 2024}) == (
        sample
    )
    assert sample.model_copy(deep=True) == sample


def test_model_validate_json_input() -> None:
    raw = json.dumps(
        {
            "budget": 480000.5,
            "split": [4, 6],
            "rate": 2,
            "when": {"start": "2024年4月", "end": "6月"},
            "due": 2024,
        }
    )
    sample = Sample.model_validate_json(raw)
    assert sample.budget == Decimal("480000.5")
    assert sample.split.shares() == (Fraction(2, 5), Fraction(3, 5))
    assert sample.rate == Fraction(1, 50)
    assert (sample.when.start, sample.when.end) == (D(2024, 4, 1), D(2024, 6, 30))
    assert sample.due is not None
    assert sample.due.granularity == "year"


def test_bare_ratio_and_datespan_are_usable_field_types() -> None:
    class Bare(BaseModel):
        ratio: Ratio
        span: DateSpan

    bare = Bare.model_validate({"ratio": "4:6", "span": "4月"}, context={"default_year": 2024})
    assert bare.ratio == parse_ratio("2:3")
    assert bare.span.start == D(2024, 4, 1)
    assert bare.model_dump(mode="json") == {"ratio": "4:6", "span": "4月"}
    jsonschema.Draft7Validator.check_schema(Bare.model_json_schema())


def walk(node: object) -> list[object]:
    found = [node]
    if isinstance(node, dict):
        for value in node.values():
            found += walk(value)
    elif isinstance(node, list):
        for value in node:
            found += walk(value)
    return found


def test_json_schema_is_draft7_and_describes_the_spellings() -> None:
    schema = Sample.model_json_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    keys = {k for n in walk(schema) if isinstance(n, dict) for k in n}
    assert "prefixItems" not in keys
    props = schema["properties"]
    assert props["budget"]["description"] == '金额，如 480000、"48万元"、"480,000元"、"十二万元"'
    assert {"type": "number"} in props["budget"]["anyOf"]
    assert "至" in props["when"]["description"]
    when_types = [alt.get("type") for alt in props["when"]["anyOf"]]
    assert when_types == ["string", "integer", "object"]
    assert props["split"]["anyOf"][1]["minItems"] == 2

    validator = jsonschema.Draft7Validator(schema)
    good = [
        {"budget": "48万元", "split": "5:5", "rate": "2%", "when": "2024年4月"},
        {"budget": "４８０，０００元", "split": [5, 5], "rate": 2, "when": 2024},
        {
            "budget": 480000,
            "split": ["50%", "50%"],
            "rate": "２．５％",
            "when": {"start": "2024年4月", "end": "6月"},
        },
        {"budget": "￥480,000", "split": "５：５", "rate": 2.5, "when": "2024年", "due": None},
    ]
    for instance in good:
        assert list(validator.iter_errors(instance)) == [], instance
        Sample.model_validate(instance, context={"default_year": 2024})
    bad = [
        {"budget": "abc", "split": "5:5", "rate": "2%", "when": "2024"},
        {"budget": 1, "split": "5", "rate": "2%", "when": "2024"},
        {"budget": 1, "split": [5], "rate": "2%", "when": "2024"},
        {"budget": 1, "split": "5:5", "rate": "2", "when": "2024"},
        {"budget": 1, "split": "5:5", "rate": "2%", "when": {"start": "2024"}},
        {"budget": 1, "split": "5:5", "rate": "2%", "when": [2024]},
    ]
    for instance in bad:
        assert list(validator.iter_errors(instance)), instance
