"""How documents write text, money, percentages and dates, and how the 台账 works out
the values it stores for its formulas."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st
from openpyxl.utils.cell import get_column_letter, range_boundaries

from cplan.render.wording import (
    by_deadline,
    cn,
    cn_date,
    money,
    money_figure,
    money_unit,
    percent,
    split_title,
    width,
)
from cplan.render.xlsx_formulas import FormulaError, evaluate


def test_chinese_print() -> None:
    assert cn("区 (县级市) 残联, 共 3 个; 比例 5:5.") == "区（县级市）残联，共3个；比例5:5。"
    assert cn('变 "要我干" 为 "我要干"') == "变“要我干”为“我要干”"
    assert cn("共 1,000 元, 即 12.5 万元") == "共1,000元，即12.5万元"
    assert cn("Hello, world") == "Hello, world"  # no Chinese: left as written
    assert cn(None) == ""


@given(st.text(alphabet='社区居民 ,;:()12.5abc"', max_size=40))
def test_chinese_print_is_stable(text: str) -> None:
    assert cn(cn(text)) == cn(text)


def test_money_as_offices_write_it() -> None:
    assert money(Decimal(11328400), "万元") == "1132.84万元"
    assert money(Decimal(125000), "万元") == "12.5万元"
    assert money(Decimal(480000), "元") == "480000元"
    assert money_figure(Decimal(6240000), "万元", grouped=True, places=2) == "624.00"
    assert money_figure(Decimal("1234567.5"), "元", grouped=True, fen=True) == "1,234,567.50"
    assert money_figure(Decimal("12345.67"), "万元") == "1.234567"  # exact, never rounded
    assert money_unit(Decimal(11328400)) == "万元"
    assert money_unit(Decimal(4850)) == "元"
    assert money_unit(Decimal("1017500.50")) == "元"


@given(st.integers(min_value=0, max_value=10**12))
def test_wan_yuan_figures_are_exact(fen: int) -> None:
    amount = Decimal(fen) / 100
    assert Decimal(money_figure(amount, "万元")) * 10_000 == amount


def test_percentages_and_dates() -> None:
    assert percent(Fraction(3, 5)) == "60%"
    assert percent(Fraction(29, 40)) == "72.5%"
    assert percent(Fraction(9, 14)) == "64.3%"
    assert percent(None) == ""
    assert cn_date(date(2025, 3, 20)) == "2025年3月20日"
    assert by_deadline(date(2025, 12, 31)) == "到2025年底"
    assert by_deadline(date(2025, 6, 30)) == "到2025年6月底"
    assert by_deadline(date(2025, 6, 15)) == "到2025年6月15日"


def test_titles_break_at_words_long_over_short() -> None:
    lines = split_title("屏襄门街道城市居民小区“共同缔造”活动实施方案")
    assert lines == ["屏襄门街道城市居民小区", "“共同缔造”活动实施方案"] or width(
        lines[0]
    ) >= width(lines[1])
    for title in ("关于某市社区发展三年行动（2023—2025年）进展情况的报告",):
        parts = split_title(title)
        assert "".join(parts) == title
        assert all(width(p) <= 20 for p in parts)
        assert not any(p.startswith(("年", "）")) or p.endswith("（") for p in parts)


CELLS = {"A1": Decimal(1), "A2": Decimal(2), "A3": None, "B1": Decimal(0), "C1": "文字"}


def lookup(sheet: str | None, reference: str) -> list[object]:
    min_col, min_row, max_col, max_row = range_boundaries(reference)
    return [
        CELLS.get(f"{get_column_letter(c)}{r}")
        for r in range(min_row, max_row + 1)
        for c in range(min_col, max_col + 1)
    ]


def test_formula_values() -> None:
    assert evaluate("=SUM(A1:A3)", lookup) == 3
    assert evaluate("=IF($B$1=0,0,A1/$B$1)", lookup) == 0
    assert evaluate("=MIN(1,MAX(0,(A2-A1)/(A2-B1)))", lookup) == Decimal("0.5")
    assert evaluate('=IF(ISNUMBER(A3),1,"")', lookup) == ""
    assert evaluate("=SUM(A1:C1)", lookup) == 1  # text is not summed
    error = evaluate("=A1/B1", lookup)
    assert isinstance(error, FormulaError)
    assert error.code == "#DIV/0!"
    assert evaluate("=IFERROR(A1/B1,5)", lookup) == 5
