"""Target progress and schedule status, worked out by hand from the seed plans' figures."""

from __future__ import annotations

from datetime import date
from fractions import Fraction

from hypothesis import given
from hypothesis import strategies as st

from cplan.compute.phases import PhaseState, plan_phases
from cplan.compute.targets import Standing, Thresholds, plan_progress, target_progress
from cplan.model import Plan
from tests.conftest import plan_text, result

PLAN_START = date(2024, 1, 1)


def load(body: str) -> Plan:
    outcome = result(plan_text(body))
    assert outcome.diagnostics == [], [d.format() for d in outcome.diagnostics]
    assert outcome.plan is not None
    return outcome.plan


SATISFACTION = """
targets:
  - id: s
    name: 居民满意度
    kind: increase
    unit: "%"
    baseline: {{value: 60, date: 2023年12月31日}}
    target: {{value: 85, deadline: 2025年12月31日}}
    actuals: [{actuals}]
"""


def satisfaction(actuals: str, as_of: date) -> tuple[Fraction | None, Standing]:
    plan = load(SATISFACTION.format(actuals=actuals))
    (item,) = plan_progress(plan, as_of).targets
    return item.raw, item.standing


def test_increase_progress_is_the_share_of_the_distance_covered() -> None:
    # 60% → 85%: a reading of 70% has covered 10 of 25 points = 40%.
    # On 2024-12-31, 366 of 731 days have passed (50.07%): 10.07 points behind → 预警.
    raw, standing = satisfaction("{value: 70, date: 2024-12-31}", date(2024, 12, 31))
    assert raw == Fraction(10, 25)
    assert standing is Standing.AT_RISK


def test_on_track_behind_met_and_missed() -> None:
    # 75% covers 15/25 = 60% with 50% of the time gone → 正常
    assert satisfaction("{value: 75, date: 2024-12-31}", date(2024, 12, 31))[1] is Standing.ON_TRACK
    # 62% covers 2/25 = 8% with 50% gone: 42 points behind → 滞后
    assert satisfaction("{value: 62, date: 2024-12-31}", date(2024, 12, 31))[1] is Standing.BEHIND
    # 86% ≥ 85% → 已完成, raw progress above 100% is kept
    raw, standing = satisfaction("{value: 86, date: 2025-06-30}", date(2025, 7, 1))
    assert (raw, standing) == (Fraction(26, 25), Standing.MET)
    # deadline passed at 80% → 未完成
    assert satisfaction("{value: 80, date: 2025-12-01}", date(2026, 1, 5))[1] is Standing.MISSED


def test_latest_actual_as_of_the_date_is_used() -> None:
    actuals = "{value: 65, date: 2024年6月}, {value: 75, date: 2024年12月}"
    assert satisfaction(actuals, date(2024, 7, 1))[0] == Fraction(5, 25)
    assert satisfaction(actuals, date(2024, 12, 30))[0] == Fraction(5, 25)  # December not over
    assert satisfaction(actuals, date(2024, 12, 31))[0] == Fraction(15, 25)
    assert satisfaction(actuals, date(2024, 5, 31)) == (None, Standing.NO_DATA)


def test_decrease_dispute_rate_20_to_5() -> None:
    plan = load("""
        targets:
          - id: d
            name: 社区纠纷发生率
            kind: decrease
            unit: "%"
            baseline: {value: 20, date: 2023年12月31日}
            target: {value: 5, deadline: 2025年12月31日}
            actuals: [{value: 11, date: 2024-12-31}]
        """)
    (item,) = plan_progress(plan, date(2024, 12, 31)).targets
    assert item.raw == Fraction(9, 15)  # fell 9 of the 15 points
    assert item.standing is Standing.ON_TRACK


def test_relative_change_derives_the_target_from_the_baseline() -> None:
    # 刑事案件发案率降低30%: baseline 1.2 → target 0.84
    plan = load("""
        targets:
          - id: c
            name: 刑事案件发案率
            kind: relative
            unit: "%"
            baseline: {value: 1.2, date: 2023年12月31日}
            target: {change: -30%, deadline: 2025年12月31日}
            actuals: [{value: 1.02, date: 2024-12-31}]
        """)
    (item,) = plan_progress(plan, date(2024, 12, 31)).targets
    assert str(item.goal) == "0.84"
    assert item.raw == Fraction(1, 2)  # 1.2 → 1.02 is half of the way to 0.84


def test_zero_tolerance_has_no_partial_credit() -> None:
    text = """
        targets:
          - id: z
            name: 安全责任事故
            kind: zero
            unit: 起
            target: {{value: 0, deadline: 2024年12月31日}}
            actuals: [{actuals}]
        """
    clean = load(text.format(actuals="{value: 0, date: 2024年6月}"))
    assert plan_progress(clean, date(2024, 7, 1)).targets[0].standing is Standing.ON_TRACK
    assert plan_progress(clean, date(2025, 1, 1)).targets[0].standing is Standing.MET
    incident = load(text.format(actuals="{value: 1, date: 2024年3月}, {value: 0, date: 2024年6月}"))
    item = plan_progress(incident, date(2024, 7, 1)).targets[0]
    assert (item.standing, item.raw) == (Standing.MISSED, Fraction(0))


def test_count_13_centres_without_a_baseline_starts_from_zero() -> None:
    plan = load("""
        targets:
          - id: n
            name: 建成社区精神康复综合服务中心
            kind: count
            unit: 个
            target: {value: 13, deadline: 2025年12月31日}
            breakdown: {第一年: 3, 第二年: 10}
            actuals: [{value: 3, date: 2024年12月31日}]
        """)
    (item,) = plan_progress(plan, date(2024, 12, 31)).targets
    assert item.raw == Fraction(3, 13)
    assert item.standing is Standing.BEHIND  # 23% done, half of the time gone


def test_thresholds_are_configurable() -> None:
    plan = load(SATISFACTION.format(actuals="{value: 70, date: 2024-12-31}"))
    (target,) = plan.targets
    lenient = Thresholds(at_risk=Fraction(15, 100), behind=Fraction(30, 100))
    assert target_progress(target, PLAN_START, date(2024, 12, 31), lenient).standing is (
        Standing.ON_TRACK
    )


def test_overall_progress_is_weighted() -> None:
    plan = load("""
        targets:
          - {id: a, name: 甲, kind: count, weight: 3, target: {value: 10, deadline: 2025年底},
             actuals: [{value: 5, date: 2024年6月}]}
          - {id: b, name: 乙, kind: count, weight: 1, target: {value: 4, deadline: 2025年底},
             actuals: [{value: 4, date: 2024年6月}]}
          - {id: c, name: 丙, kind: count, weight: 0, target: {value: 4, deadline: 2025年底}}
        """)
    # (3 × 50% + 1 × 100% + 0 × 0%) / 4 = 62.5%
    assert plan_progress(plan, date(2024, 7, 1)).overall == Fraction(5, 8)


@given(
    low=st.integers(min_value=0, max_value=100),
    high=st.integers(min_value=0, max_value=100),
)
def test_progress_never_falls_as_the_actual_value_rises(low: int, high: int) -> None:
    low, high = sorted((low, high))
    plan = load(SATISFACTION.format(actuals="{value: 0, date: 2024-06-30}"))
    (target,) = plan.targets

    def raw(value: int) -> Fraction:
        changed = target.model_copy(
            update={"actuals": [target.actuals[0].model_copy(update={"value": value})]}
        )
        item = target_progress(changed, PLAN_START, date(2024, 12, 31))
        assert item.raw is not None
        return item.raw

    assert raw(low) <= raw(high)


def test_phase_states() -> None:
    plan = load("""
        phases:
          - {id: p1, name: 准备, when: 2024年3月11日至4月15日, done: true}
          - id: p2
            name: 迎检
            when: 2024年4月16日至4月30日
            tasks: [{name: 自查, done: true}, 整改, 申报]
          - {id: p3, name: 巩固, when: 2024年5月上旬至5月中旬}
        """)
    on_april_20 = plan_phases(plan, date(2024, 4, 20))
    assert [p.state for p in on_april_20] == [
        PhaseState.DONE,
        PhaseState.IN_PROGRESS,
        PhaseState.NOT_STARTED,
    ]
    assert on_april_20[1].progress == Fraction(1, 3)
    on_may_5 = plan_phases(plan, date(2024, 5, 5))
    assert on_may_5[1].state is PhaseState.OVERDUE
    assert on_may_5[2].progress == Fraction(5, 20)  # 5 of the 20 days of 5月上旬至中旬
