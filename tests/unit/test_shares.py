"""Tests for cplan.compute.shares: who pays what, to the fen.

Every expected figure below is worked out by hand in a comment next to it.
"""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cplan.check import check_file, check_text
from cplan.compute.budget import compute_budget, fen_of, from_fen, round_to_fen
from cplan.compute.shares import (
    FundingFigures,
    FundingProblem,
    Share,
    allocate,
    compute_shares,
    split_by_ratio,
)
from cplan.model import Plan
from cplan.model.values import Ratio, parse_ratio
from tests.conftest import ROOT, plan_text

EXAMPLES = ROOT / "examples"
FAST = settings(max_examples=200, deadline=None)


def D(text: str | int) -> Decimal:
    return Decimal(text)


def load(name: str) -> Plan:
    plan = check_file(Path(EXAMPLES / name)).plan
    assert plan is not None
    return plan


def load_text(body: str) -> Plan:
    plan = check_text(plan_text(body), "t.yaml").plan
    assert plan is not None
    return plan


def shares_of(figures: FundingFigures, line: str, unit: str | None = None) -> dict[str, Decimal]:
    return {s.funder: s.amount for s in figures.shares if s.line == line and s.unit == unit}


def line_sums_match(plan: Plan, figures: FundingFigures) -> None:
    """Each line amount with shares: its shares add up exactly to it."""
    budget = compute_budget(plan)
    for line, amounts in budget.amounts.items():
        for amount in amounts:
            parts = [s.amount for s in figures.shares if s.line == line and s.unit == amount.unit]
            if parts:
                assert sum(parts) == amount.amount, (line, amount.unit)


# ---------------------------------------------------------------------------
# the 13 rehabilitation centres (examples/rehab-centres.yaml)
# ---------------------------------------------------------------------------

# The example file's centre ratios (checked against the file, they match the brief):
#   5:5  c-yuexiu, c-haizhu, c-liwan, c-baiyun-1, c-baiyun-2      (5 centres)
#   4:6  c-tianhe, c-huangpu, c-panyu, c-huadu                    (4 centres)
#   8:2  c-conghua; 6:4 c-zengcheng; 0:10 c-nansha, c-luogang     (1 + 1 + 2)
# Base funds per centre: 400 元 × 100 人 × 12 月 = 480,000 元, split
#   5:5 → 240,000 / 240,000     4:6 → 192,000 / 288,000     8:2 → 384,000 / 96,000
#   6:4 → 288,000 / 192,000     0:10 → 0 / 480,000
BASE_SPLITS = {
    "c-yuexiu": ("240000", "240000"),
    "c-haizhu": ("240000", "240000"),
    "c-liwan": ("240000", "240000"),
    "c-baiyun-1": ("240000", "240000"),
    "c-baiyun-2": ("240000", "240000"),
    "c-tianhe": ("192000", "288000"),
    "c-huangpu": ("192000", "288000"),
    "c-panyu": ("192000", "288000"),
    "c-huadu": ("192000", "288000"),
    "c-conghua": ("384000", "96000"),
    "c-zengcheng": ("288000", "192000"),
    "c-nansha": ("0", "480000"),
    "c-luogang": ("0", "480000"),
}


@pytest.fixture(scope="module")
def rehab() -> tuple[Plan, FundingFigures]:
    plan = load("rehab-centres.yaml")
    return plan, compute_shares(plan)


@pytest.mark.parametrize(("centre", "expected"), sorted(BASE_SPLITS.items()))
def test_rehab_base_split_per_centre(
    rehab: tuple[Plan, FundingFigures], centre: str, expected: tuple[str, str]
) -> None:
    _, figures = rehab
    city, district = expected
    assert shares_of(figures, "b-base", centre) == {"city": D(city), "district": D(district)}


def test_rehab_base_totals_across_13_centres(rehab: tuple[Plan, FundingFigures]) -> None:
    _, figures = rehab
    # city:     5 × 240,000 + 4 × 192,000 + 384,000 + 288,000 + 2 × 0 = 2,640,000
    # district: 5 × 240,000 + 4 × 288,000 + 96,000 + 192,000 + 2 × 480,000 = 3,600,000
    # together 6,240,000 = 13 × 480,000.
    assert figures.by_line()["b-base"] == {"city": D(2_640_000), "district": D(3_600_000)}


def test_rehab_whole_budget(rehab: tuple[Plan, FundingFigures]) -> None:
    plan, figures = rehab
    # Performance funds: people above 100 (capped at 200) × 400 × 12 = 4,800 元 per person.
    #   5:5 centres: 50 + 20 + 80 = 150 people → 720,000 → 360,000 / 360,000
    #   4:6 centres: 100 + 60 + 10 = 170 people → 816,000 → 326,400 / 489,600
    #   0:10 (萝岗): 30 people → 144,000 → 0 / 144,000
    #   city 686,400, district 993,600.
    # Monitoring: 2% × (6,240,000 + 1,680,000) = 158,400, line sharing 10:0 → all city.
    # Facilities: 25万 × 3 + 25万 × 10 = 3,250,000, 10:0 → all 福彩公益金 (city-fucai).
    # city 2,640,000 + 686,400 + 158,400 = 3,484,800
    # district 3,600,000 + 993,600 = 4,593,600;  total 11,328,400 = the declared 1132.84万.
    assert figures.by_line()["b-performance"] == {"city": D(686_400), "district": D(993_600)}
    assert figures.by_funder() == {
        "city": D(3_484_800),
        "district": D(4_593_600),
        "city-fucai": D(3_250_000),
    }
    assert figures.total == compute_budget(plan).total == D(11_328_400)
    assert figures.unfunded == figures.skipped == ()
    assert figures.problems == ()
    # by fund: lines name their fund; 8,078,400 = 3,484,800 + 4,593,600.
    assert figures.by_fund() == {"残疾人就业保障金": D(8_078_400), "福利彩票公益金": D(3_250_000)}
    line_sums_match(plan, figures)


def test_rehab_by_unit_rolls_up_a_centre(rehab: tuple[Plan, FundingFigures]) -> None:
    _, figures = rehab
    # 天河 (4:6): base 192,000 / 288,000; performance 100 people × 4,800 = 480,000 →
    # 192,000 / 288,000; together 384,000 / 576,000.
    assert figures.by_unit()["c-tianhe"] == {"city": D(384_000), "district": D(576_000)}
    # Plan-wide lines (monitoring, facilities) have unit None: 158,400 city, 0 district
    # (facility lines' 10:0 district part), 3,250,000 福彩.
    assert figures.by_unit()[None] == {
        "city": D(158_400),
        "district": D(0),
        "city-fucai": D(3_250_000),
    }


# ---------------------------------------------------------------------------
# 姜堰: a fixed subsidy and a remainder
# ---------------------------------------------------------------------------

JIANGYAN = """
funders:
  - {id: city, name: 姜堰市财政, fund: 财政预算}
  - {id: town, name: 姜堰镇财政, fund: 财政预算}
budget:
  sharing: {fixed: {city: 12.5万元}, remainder: town}
  lines:
    - {id: b-formal, name: 正式人员经费, amount: 83.5万元}
    - {id: b-temporary, name: 临时人员经费, amount: 19.9万元}
"""


def test_jiangyan_fixed_subsidy_once_over_both_lines() -> None:
    plan = load_text(JIANGYAN)
    figures = compute_shares(plan)
    # The 12.5万 subsidy is spread over 835,000 and 199,000 (total 1,034,000), in fen:
    #   b-formal:    12,500,000 × 835,000 / 1,034,000 = 10,094,294 + 4/1034 fen
    #   b-temporary: 12,500,000 × 199,000 / 1,034,000 =  2,405,705 + 1030/1034 fen
    # floors add to 12,499,999; the one fen left goes to b-temporary (larger remainder).
    # city:  100,942.94 + 24,057.06 = 125,000.00
    # town:  835,000 − 100,942.94 = 734,057.06;  199,000 − 24,057.06 = 174,942.94
    #        together 909,000.00 = 1,034,000 − 125,000.
    assert shares_of(figures, "b-formal") == {"city": D("100942.94"), "town": D("734057.06")}
    assert shares_of(figures, "b-temporary") == {"city": D("24057.06"), "town": D("174942.94")}
    assert figures.by_funder() == {"city": D("125000.00"), "town": D("909000.00")}
    assert figures.by_fund() == {"财政预算": D(1_034_000)}
    line_sums_match(plan, figures)
    # The city's part is exactly allocate() of its subsidy over the two line amounts.
    assert allocate(D(125_000), [D(835_000), D(199_000)]) == (D("100942.94"), D("24057.06"))


def test_jiangyan_example_file() -> None:
    plan = load("jiangyan-communities.yaml")
    figures = compute_shares(plan)
    # In the example the 12.5万 is written on b-formal only: city 125,000, town
    # 835,000 − 125,000 = 710,000; b-temporary falls to the default {remainder: town}:
    # 199,000; the building fund 10 × 450,000 = 4,500,000 to jijin.
    assert shares_of(figures, "b-formal") == {"city": D(125_000), "town": D(710_000)}
    assert shares_of(figures, "b-temporary") == {"town": D(199_000)}
    assert figures.by_funder() == {"city": D(125_000), "town": D(909_000), "jijin": D(4_500_000)}
    assert figures.total == compute_budget(plan).total == D(5_534_000)


# ---------------------------------------------------------------------------
# one fen
# ---------------------------------------------------------------------------


def test_100_yuan_three_ways() -> None:
    # 10,000 fen / 3 = 3,333 + 1/3 each; the leftover fen goes to the first (ties: earlier).
    assert split_by_ratio(D(100), Ratio.of(1, 1, 1)) == (D("33.34"), D("33.33"), D("33.33"))


def test_one_fen_two_ways() -> None:
    # 1 fen / 2 = 0.5 each: floors 0, 0; the one fen goes to the earlier part.
    assert split_by_ratio(D("0.01"), Ratio.of(1, 1)) == (D("0.01"), D("0.00"))


def test_zero_part_gets_exactly_zero() -> None:
    # 0:10 (区全额承担) and 0:1:2 of 1 fen: the zero part never receives a leftover fen.
    assert split_by_ratio(D(480_000), parse_ratio("0:10")) == (D(0), D(480_000))
    assert split_by_ratio(D("0.01"), Ratio.of(0, 1, 2)) == (D(0), D(0), D("0.01"))


def test_negative_amount_is_symmetric() -> None:
    # −100 split 1:1:1 mirrors +100: −33.34, −33.33, −33.33.
    assert split_by_ratio(D(-100), Ratio.of(1, 1, 1)) == (D("-33.34"), D("-33.33"), D("-33.33"))


@pytest.mark.parametrize("ratio", ["0:0", "-1:11"])
def test_bad_ratio_raises(ratio: str) -> None:
    with pytest.raises(ValueError, match="ratio"):
        split_by_ratio(D(100), parse_ratio(ratio))


def test_amount_must_be_whole_fen() -> None:
    with pytest.raises(ValueError, match="fen"):
        split_by_ratio(D("0.005"), Ratio.of(1, 1))


@pytest.mark.parametrize("weights", [[], [D(0), D(0)], [D(1), D(-1)]])
def test_allocate_rejects_bad_weights(weights: list[Decimal]) -> None:
    with pytest.raises(ValueError, match="weight"):
        allocate(D(100), weights)


# ---------------------------------------------------------------------------
# properties
# ---------------------------------------------------------------------------

fen_amounts = st.integers(-(10**14), 10**14).map(lambda fen: Decimal(fen).scaleb(-2))
nonneg_amounts = st.integers(0, 10**14).map(lambda fen: Decimal(fen).scaleb(-2))
parts_lists = st.lists(st.integers(0, 1000), min_size=2, max_size=6).filter(any)


def exact_parts(amount: Decimal, parts: list[int] | list[Fraction]) -> list[Fraction]:
    total = sum(Fraction(p) for p in parts)
    return [Fraction(amount) * Fraction(p) / total for p in parts]


@FAST
@given(fen_amounts, parts_lists)
def test_parts_add_up_and_stay_within_a_fen(amount: Decimal, parts: list[int]) -> None:
    split = split_by_ratio(amount, Ratio.of(*parts))
    assert sum(split) == amount
    assert len(split) == len(parts)
    for got, exact in zip(split, exact_parts(amount, parts), strict=True):
        assert abs(Fraction(got) - exact) < Fraction(1, 100)
        assert got == got.quantize(D("0.01"))


@FAST
@given(fen_amounts)
def test_same_shares_same_split(amount: Decimal) -> None:
    halves = [parse_ratio(text) for text in ("5:5", "1:1", "50%:50%", [0.5, 0.5])]
    splits = {split_by_ratio(amount, ratio) for ratio in halves}
    assert len(splits) == 1


@FAST
@given(
    fen_amounts,
    parts_lists,
    st.fractions(min_value=Fraction(1, 1000), max_value=1000),
)
def test_scaling_the_ratio_changes_nothing(amount: Decimal, parts: list[int], k: Fraction) -> None:
    scaled = Ratio(tuple(Fraction(p) * k for p in parts))
    assert split_by_ratio(amount, scaled) == split_by_ratio(amount, Ratio.of(*parts))


@FAST
@given(
    fen_amounts,
    st.lists(st.integers(0, 10**9).map(lambda n: Decimal(n).scaleb(-2)), min_size=1, max_size=8),
)
def test_allocate_adds_up(total: Decimal, weights: list[Decimal]) -> None:
    if not any(weights):
        weights = [*weights, D(1)]
    spread = allocate(total, weights)
    assert sum(spread) == total
    for got, exact in zip(spread, exact_parts(total, [Fraction(w) for w in weights]), strict=True):
        assert abs(Fraction(got) - exact) < Fraction(1, 100)


@FAST
@given(nonneg_amounts, parts_lists, st.data())
def test_more_weight_never_means_a_smaller_part(
    amount: Decimal, parts: list[int], data: st.DataObject
) -> None:
    i = data.draw(st.integers(0, len(parts) - 1))
    more = list(parts)
    more[i] += data.draw(st.integers(1, 1000))
    before = split_by_ratio(amount, Ratio.of(*parts))[i]
    after = split_by_ratio(amount, Ratio.of(*more))[i]
    assert after >= before


# ---------------------------------------------------------------------------
# which sharing applies
# ---------------------------------------------------------------------------

PRECEDENCE = """
units:
  - {id: u1, name: 甲区, sharing: "1:3"}
  - {id: u2, name: 乙区}
funders:
  - {id: a, name: 市财政, fund: 财政预算}
  - {id: b, name: 区财政}
  - {id: c, name: 福彩, fund: 福利彩票公益金}
budget:
  sharing: {funders: [a, b], ratio: "1:1"}
  lines:
    - {id: own, name: 本行分担, amount: 1000, units: [u1, u2], fund: 专项,
       sharing: {funders: [a, b], ratio: "3:1"}}
    - {id: default, name: 默认分担, amount: 1000, units: [u1, u2]}
    - {id: plain, name: 全市一笔, amount: 100}
"""


def test_precedence_line_then_unit_then_default() -> None:
    plan = load_text(PRECEDENCE)
    figures = compute_shares(plan)
    # own line sharing 3:1 beats u1's 1:3: 750 / 250 for both units.
    assert shares_of(figures, "own", "u1") == {"a": D(750), "b": D(250)}
    assert shares_of(figures, "own", "u2") == {"a": D(750), "b": D(250)}
    # default line: u1's own ratio 1:3 beats the default 1:1 → 250 / 750; u2 → 500 / 500.
    assert shares_of(figures, "default", "u1") == {"a": D(250), "b": D(750)}
    assert shares_of(figures, "default", "u2") == {"a": D(500), "b": D(500)}
    # plan-wide line: default 1:1 → 50 / 50.
    assert shares_of(figures, "plain") == {"a": D(50), "b": D(50)}
    # Shares come in line order, then unit order, then funder order.
    assert [(s.line, s.unit, s.funder) for s in figures.shares[:4]] == [
        ("own", "u1", "a"),
        ("own", "u1", "b"),
        ("own", "u2", "a"),
        ("own", "u2", "b"),
    ]
    # fund: the line's fund (专项) beats the funder's; b has none → None elsewhere.
    assert {s.fund for s in figures.shares if s.line == "own"} == {"专项"}
    assert figures.shares[-1] == Share("plain", None, "b", D(50), None)
    # a: 750 + 750 + 250 + 500 + 50 = 2,300; b: 250 + 250 + 750 + 500 + 50 = 1,800; c: 0.
    assert figures.by_funder() == {"a": D(2300), "b": D(1800), "c": D(0)}
    # by fund: 专项 2,000 (line own); 财政预算 a's other 800; None b's other 1,300.
    assert figures.by_fund() == {"专项": D(2000), "财政预算": D(800), None: D(1300)}


def test_unfunded_lines() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 市财政}
        budget:
          lines:
            - {id: paid, name: 有出资方, amount: 300, sharing: {remainder: a}}
            - {id: orphan, name: 无出资方, amount: 200}
        """
    )
    figures = compute_shares(plan)
    assert [(u.line, u.amount) for u in figures.unfunded] == [("orphan", D(200))]
    assert figures.by_funder() == {"a": D(300)}
    # shares 300 + unfunded 200 = the budget's 500.
    assert figures.total + figures.unfunded_total == compute_budget(plan).total == D(500)


def test_no_budget_means_nothing_to_share() -> None:
    plan = load_text("funders:\n  - {id: a, name: 市财政}\n")
    figures = compute_shares(plan)
    assert figures.shares == ()
    assert figures.unfunded == ()
    assert figures.by_funder() == {"a": D(0)}
    assert figures.total == 0


def test_fixed_exceeding_the_group_gives_no_shares() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 市财政}
          - {id: b, name: 镇财政}
        budget:
          sharing: {fixed: {a: 2000}, remainder: b}
          lines:
            - {id: l1, name: 一, amount: 1000}
            - {id: l2, name: 二, amount: 500}
            - {id: l3, name: 三, amount: 400, sharing: {funders: [a, b], ratio: "1:1"}}
        """
    )
    figures = compute_shares(plan)
    # 2,000 fixed > 1,000 + 500 = 1,500 governed by the default: no shares for l1, l2.
    assert figures.problems == (
        FundingProblem("fixed_exceeds", None, "fixed sums 2000.00 exceed the total 1500.00"),
    )
    assert {s.line for s in figures.shares} == {"l3"}
    assert [a.line for a in figures.skipped] == ["l1", "l2"]
    assert figures.unfunded == ()
    # l3 is still split 1:1 → 200 / 200.
    assert figures.by_funder() == {"a": D(200), "b": D(200)}


def test_fixed_applies_once_per_group_not_per_line() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 市财政}
          - {id: b, name: 镇财政}
        budget:
          sharing: {fixed: {a: 300}, remainder: b}
          lines:
            - {id: l1, name: 一, amount: 1000}
            - {id: l2, name: 二, amount: 200}
        """
    )
    figures = compute_shares(plan)
    # 300 > l2's 200 alone, but the group total is 1,200: a pays 300 × 1000/1200 = 250
    # on l1 and 300 × 200/1200 = 50 on l2; b pays 750 and 150.
    assert figures.problems == ()
    assert shares_of(figures, "l1") == {"a": D(250), "b": D(750)}
    assert shares_of(figures, "l2") == {"a": D(50), "b": D(150)}


def test_several_fixed_funders_in_whole_fen() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 甲}
          - {id: b, name: 乙}
          - {id: c, name: 丙}
        budget:
          sharing: {fixed: {a: 0.05, b: 0.03}, remainder: c}
          lines:
            - {id: l1, name: 一, amount: 0.05}
            - {id: l2, name: 二, amount: 0.05}
            - {id: l3, name: 三, amount: 0.03}
            - {id: l4, name: 四, amount: 0.02}
        """
    )
    figures = compute_shares(plan)
    # 15 fen in all; a 5 fen, b 3 fen, c the other 7. Exact fen per line (a, b, c):
    #   l1, l2 (5 fen): 5/3, 1, 7/3     l3 (3 fen): 1, 3/5, 7/5     l4 (2 fen): 2/3, 2/5, 14/15
    # Rounding each funder on its own could give a line more than it has; whatever
    # the rounding, every line, every funder and every cell must come out whole and exact.
    assert figures.by_funder() == {"a": D("0.05"), "b": D("0.03"), "c": D("0.07")}
    line_sums_match(plan, figures)
    assert all(s.amount >= 0 for s in figures.shares)


def test_pledge_gaps() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 市财政, pledge: 600}
          - {id: b, name: 区财政, pledge: 500}
          - {id: c, name: 社会资本}
          - {id: d, name: 居民自筹, pledge: 100}
        budget:
          sharing: {funders: [a, b], ratio: "1:1"}
          lines:
            - {id: l1, name: 一, amount: 1000}
        """
    )
    figures = compute_shares(plan)
    # 1,000 at 1:1 → a 500 (pledged 600), b 500 (pledged 500, no gap),
    # c no pledge (ignored), d pledged 100 but assigned 0.
    assert figures.pledge_gaps(plan) == [("a", D(600), D(500)), ("d", D(100), D(0))]


def test_unknown_funder_skips_the_group() -> None:
    plan = load_text(
        """
        funders:
          - {id: a, name: 市财政}
        budget:
          sharing: {remainder: a}
          lines:
            - {id: l1, name: 一, amount: 100, sharing: {funders: [a, ghost], ratio: "1:1"}}
            - {id: l2, name: 二, amount: 50}
        """
    )
    figures = compute_shares(plan)
    assert figures.problems == (
        FundingProblem("unknown_funder", "l1", "funders not defined: ghost"),
    )
    assert [a.line for a in figures.skipped] == ["l1"]
    assert figures.by_funder() == {"a": D(50)}
    # skipped 100 + shares 50 = the budget's 150.
    assert figures.total + sum(a.amount for a in figures.skipped) == compute_budget(plan).total


def test_bad_ratios_are_problems() -> None:
    plan = load_text(
        """
        units:
          - {id: u1, name: 甲区, sharing: "1:1:1"}
          - {id: u2, name: 乙区}
        funders:
          - {id: a, name: 市财政}
          - {id: b, name: 区财政}
        budget:
          sharing: {funders: [a, b], ratio: "1:1"}
          lines:
            - {id: l1, name: 一, amount: 100, units: [u1, u2]}
            - {id: l2, name: 二, amount: 100, sharing: {funders: [a, b], ratio: "0:0"}}
        """
    )
    figures = compute_shares(plan)
    assert [(p.kind, p.line) for p in figures.problems] == [
        ("bad_ratio", "l1"),
        ("bad_ratio", "l2"),
    ]
    assert [(a.line, a.unit) for a in figures.skipped] == [("l1", "u1"), ("l2", None)]
    # u2 still gets the default 1:1: 50 / 50.
    assert shares_of(figures, "l1", "u2") == {"a": D(50), "b": D(50)}


# ---------------------------------------------------------------------------
# fixed + remainder groups, generated
# ---------------------------------------------------------------------------


def _plan(data: dict[str, Any]) -> Plan:
    return Plan.model_validate({"id": "t", "title": "测试", "period": "2024年", **data})


@st.composite
def fixed_groups(draw: st.DrawFn) -> tuple[list[int], list[int]]:
    amounts = draw(st.lists(st.integers(0, 10**8), min_size=1, max_size=6))
    total = sum(amounts)
    fixed = draw(st.lists(st.integers(0, total), min_size=1, max_size=3))
    if sum(fixed) > total:
        fixed = [f * total // sum(fixed) for f in fixed]
    return amounts, fixed


@FAST
@given(fixed_groups())
def test_fixed_groups_are_exact(group: tuple[list[int], list[int]]) -> None:
    amounts, fixed = group
    fixed_ids = [f"f{i}" for i in range(len(fixed))]
    plan = _plan(
        {
            "funders": [{"id": f, "name": f} for f in [*fixed_ids, "rest"]],
            "budget": {
                "sharing": {
                    "fixed": {
                        f: str(Decimal(v).scaleb(-2)) for f, v in zip(fixed_ids, fixed, strict=True)
                    },
                    "remainder": "rest",
                },
                "lines": [
                    {"id": f"l{j}", "name": "x", "amount": str(Decimal(v).scaleb(-2))}
                    for j, v in enumerate(amounts)
                ],
            },
        }
    )
    figures = compute_shares(plan)
    assert figures.problems == ()
    totals = figures.by_funder()
    for f, v in zip(fixed_ids, fixed, strict=True):
        assert totals[f] == Decimal(v).scaleb(-2)
    assert totals["rest"] == Decimal(sum(amounts) - sum(fixed)).scaleb(-2)
    assert figures.total == compute_budget(plan).total
    line_sums_match(plan, figures)
    # Every share within a fen of its exact pro rata value.
    columns = dict(zip(fixed_ids, fixed, strict=True))
    columns["rest"] = sum(amounts) - sum(fixed)
    for share in figures.shares:
        row = amounts[int(share.line[1:])]
        exact = Fraction(columns[share.funder] * row, sum(amounts) or 1) / 100
        assert abs(Fraction(share.amount) - exact) < Fraction(1, 100)
    # With one fixed funder its part of each line is exactly allocate()'s.
    if len(fixed) == 1 and sum(amounts) > 0:
        expected = allocate(Decimal(fixed[0]).scaleb(-2), [Decimal(v).scaleb(-2) for v in amounts])
        assert tuple(s.amount for s in figures.shares if s.funder == "f0") == expected


# ---------------------------------------------------------------------------
# unit ratios inherited along the parent chain
# ---------------------------------------------------------------------------

DISTRICT_RATIOS = ROOT / "tests" / "fixtures" / "valid" / "rehab-centres-district-ratios.yaml"
CENTRES = sorted(BASE_SPLITS)


@pytest.fixture(scope="module")
def district_ratios() -> tuple[Plan, FundingFigures]:
    plan = check_file(DISTRICT_RATIOS).plan
    assert plan is not None
    return plan, compute_shares(plan, compute_budget(plan))


def test_the_variant_really_moves_the_ratios_to_the_districts(
    district_ratios: tuple[Plan, FundingFigures],
) -> None:
    plan, _ = district_ratios
    units = {unit.id: unit for unit in plan.units}
    for centre in CENTRES:
        assert units[centre].sharing is None
        district = units[centre].parent
        assert district is not None
        assert units[district].sharing is not None


@pytest.mark.parametrize("centre", CENTRES)
def test_a_centre_pays_its_district_ratio_as_if_written_on_it(
    rehab: tuple[Plan, FundingFigures],
    district_ratios: tuple[Plan, FundingFigures],
    centre: str,
) -> None:
    _, on_centres = rehab
    _, on_districts = district_ratios
    assert on_districts.by_unit()[centre] == on_centres.by_unit()[centre]
    for line in ("b-base", "b-performance"):
        assert shares_of(on_districts, line, centre) == shares_of(on_centres, line, centre)


def test_district_ratios_give_the_same_budget(
    rehab: tuple[Plan, FundingFigures], district_ratios: tuple[Plan, FundingFigures]
) -> None:
    _, on_centres = rehab
    _, on_districts = district_ratios
    # 天河区 4:6 reaches its centre: base 480,000 + performance 480,000 → 384,000 / 576,000.
    assert on_districts.by_unit()["c-tianhe"] == {"city": D(384_000), "district": D(576_000)}
    assert on_districts.by_funder() == on_centres.by_funder()
    assert on_districts.by_line() == on_centres.by_line()
    assert on_districts.problems == on_districts.unfunded == on_districts.skipped == ()


def test_funding_command_gives_each_centre_the_same_shares() -> None:
    from typer.testing import CliRunner

    from cplan.cli import app

    def units(path: Path) -> dict[str, Any]:
        out = CliRunner().invoke(app, ["funding", str(path), "--format", "json"])
        assert out.exit_code == 0, out.output
        data = json.loads(out.output)
        assert data["problems"] == []
        return {unit["id"]: unit for unit in data["units"]}

    on_centres = units(EXAMPLES / "rehab-centres.yaml")
    on_districts = units(DISTRICT_RATIOS)
    for centre in CENTRES:
        assert on_districts[centre]["shares"] == on_centres[centre]["shares"], centre
        assert on_districts[centre]["total"] == on_centres[centre]["total"], centre
    assert on_districts["c-conghua"]["shares"] == {"city": "384000.00", "district": "96000.00"}


TREE = """
units:
  - {{id: city, name: 市}}
  - {{id: district, name: 区, parent: city, sharing: "1:3"}}
  - {{id: street, name: 街道, parent: district{street}}}
  - {{id: centre, name: 中心, parent: street}}
  - {{id: other, name: 另一中心, parent: district}}
  - {{id: lonely, name: 无比例的单位, parent: city}}
funders:
  - {{id: a, name: 市财政}}
  - {{id: b, name: 区财政}}
budget:
  sharing: {{funders: [a, b], ratio: "1:1"}}
  lines:
    - {{id: ops, name: 运营经费, amount: 1000, units: [centre, other, lonely]}}
    - {{id: own, name: 专项经费, amount: 1000, units: [centre],
       sharing: {{funders: [a, b], ratio: "9:1"}}}}
"""


def test_nearest_ratio_on_the_parent_chain_wins() -> None:
    plan = load_text(TREE.format(street=', sharing: "3:1"'))
    figures = compute_shares(plan)
    # centre → street (3:1) → district (1:3): the street is nearer, 750 / 250.
    assert shares_of(figures, "ops", "centre") == {"a": D(750), "b": D(250)}
    # other → district (1:3): 250 / 750.
    assert shares_of(figures, "ops", "other") == {"a": D(250), "b": D(750)}
    # lonely → city, no ratio anywhere: the default 1:1, 500 / 500.
    assert shares_of(figures, "ops", "lonely") == {"a": D(500), "b": D(500)}
    # the line's own 9:1 beats any inherited ratio.
    assert shares_of(figures, "own", "centre") == {"a": D(900), "b": D(100)}


def test_a_grandparent_ratio_reaches_the_grandchild() -> None:
    plan = load_text(TREE.format(street=""))
    figures = compute_shares(plan)
    # centre → street (no ratio) → district 1:3: 250 / 750.
    assert shares_of(figures, "ops", "centre") == {"a": D(250), "b": D(750)}


def test_an_inherited_ratio_with_the_wrong_parts_is_a_problem() -> None:
    plan = load_text(TREE.format(street="").replace('sharing: "1:3"', 'sharing: "1:1:2"'))
    figures = compute_shares(plan)
    assert [(p.kind, p.line) for p in figures.problems] == [("bad_ratio", "ops")]
    assert {(a.line, a.unit) for a in figures.skipped} == {("ops", "centre"), ("ops", "other")}
    assert shares_of(figures, "ops", "lonely") == {"a": D(500), "b": D(500)}


def _finishes(work: Any, seconds: float = 10) -> Any:
    """Run ``work()`` in a thread; fail (instead of hanging the suite) if it loops."""
    import threading

    result: list[Any] = []
    thread = threading.Thread(target=lambda: result.append(work()), daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "did not finish: a parent cycle loops"
    return result[0]


def test_a_parent_cycle_does_not_hang() -> None:
    data: dict[str, Any] = {
        "units": [
            {"id": "x", "name": "甲", "parent": "y"},
            {"id": "y", "name": "乙", "parent": "z"},
            {"id": "z", "name": "丙", "parent": "x"},
            {"id": "w", "name": "丁", "parent": "w", "sharing": "3:1"},
        ],
        "funders": [{"id": "a", "name": "市财政"}, {"id": "b", "name": "区财政"}],
        "budget": {
            "sharing": {"funders": ["a", "b"], "ratio": "1:1"},
            "lines": [{"id": "l", "name": "经费", "amount": 100, "units": ["x", "w"]}],
        },
    }
    plan = _plan(data)
    figures = _finishes(lambda: compute_shares(plan))
    # x's loop has no ratio: the default 1:1; w is its own parent and has 3:1.
    assert shares_of(figures, "l", "x") == {"a": D(50), "b": D(50)}
    assert shares_of(figures, "l", "w") == {"a": D(75), "b": D(25)}
    # the plan check reports the cycles and also finishes
    data["units"][0]["sharing"] = "1:1"
    text = json.dumps({"id": "t", "title": "测试", "period": "2024年", **data}, ensure_ascii=False)
    codes = _finishes(lambda: [d.code for d in check_text(text, "t.yaml").diagnostics])
    assert "CP303" in codes


# ---------------------------------------------------------------------------
# the one fen helper
# ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("amount", "rounded"),
    [("0.005", "0.01"), ("0.004", "0.00"), ("-0.005", "-0.01"), ("12.345", "12.35"), ("7", "7.00")],
)
def test_round_to_fen_is_half_up_for_decimals_and_fractions(amount: str, rounded: str) -> None:
    assert str(round_to_fen(D(amount))) == rounded
    assert str(round_to_fen(Fraction(amount))) == rounded


def test_fen_of_and_from_fen_round_trip() -> None:
    assert fen_of(D("4800.50")) == 480_050
    assert from_fen(480_050) == D("4800.50")
    with pytest.raises(ValueError, match="whole number of fen"):
        fen_of(D("0.001"))
