"""Target progress and schedule status, worked out by hand from the seed plans' figures."""

from __future__ import annotations

from datetime import date, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from cplan.compute.phases import plan_phases
from cplan.compute.targets import Standing, Thresholds, plan_progress, target_progress
from cplan.model import Plan
from cplan.model.phases import Task
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
    assert (raw, standing) == (Fraction(26, 25), Standing.DONE)
    # deadline passed at 80% → 逾期未完成
    assert satisfaction("{value: 80, date: 2025-12-01}", date(2026, 1, 5))[1] is Standing.OVERDUE


def test_without_data_a_target_has_not_started_or_has_no_data_or_is_overdue() -> None:
    # baseline 2023-12-31, deadline 2025-12-31, nothing reported
    assert satisfaction("", date(2023, 12, 31)) == (None, Standing.NOT_STARTED)
    assert satisfaction("", date(2024, 1, 1)) == (None, Standing.NO_DATA)
    assert satisfaction("", date(2025, 12, 31)) == (None, Standing.NO_DATA)
    assert satisfaction("", date(2026, 1, 1)) == (None, Standing.OVERDUE)


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


ZERO = """
    targets:
      - id: z
        name: 安全责任事故
        kind: zero
        unit: 起
        target: {{value: 0, deadline: 2024年12月31日}}
        actuals: [{actuals}]
    """


def zero(actuals: str, as_of: date) -> tuple[Fraction | None, Standing]:
    (item,) = plan_progress(load(ZERO.format(actuals=actuals)), as_of).targets
    return item.raw, item.standing


def test_zero_tolerance_is_met_only_once_clean_reports_reach_the_deadline() -> None:
    # the plan starts 2024-01-01; a clean report for the first half covers 182 of 366 days
    to_june = "{value: 0, date: 2024年6月}"
    assert zero(to_june, date(2024, 7, 1)) == (Fraction(182, 366), Standing.ON_TRACK)
    # by the end of August the same report lags two months: 244/366 gone, 182/366 confirmed
    assert zero(to_june, date(2024, 8, 31))[1] is Standing.AT_RISK
    # the deadline has passed and nobody has reported on July to December
    assert zero(to_june, date(2025, 1, 15)) == (Fraction(182, 366), Standing.OVERDUE)
    whole_year = to_june + ", {value: 0, date: 2024年12月31日}"
    # on 30 December the year-end report is not in: only the first half is confirmed
    assert zero(whole_year, date(2024, 12, 30))[1] is Standing.BEHIND
    assert zero(whole_year, date(2024, 12, 31)) == (Fraction(1), Standing.DONE)
    assert zero("", date(2024, 7, 1)) == (None, Standing.NO_DATA)


def test_zero_tolerance_has_no_partial_credit_after_an_incident() -> None:
    incident = "{value: 1, date: 2024年3月}, {value: 0, date: 2024年12月31日}"
    assert zero(incident, date(2024, 2, 1))[1] is Standing.NO_DATA  # March not over
    assert zero(incident, date(2024, 7, 1)) == (Fraction(0), Standing.FAILED)
    assert zero(incident, date(2025, 1, 1)) == (Fraction(0), Standing.FAILED)


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
    # before the June reports are in, there is nothing to weigh: no figure, not 0 %
    before = plan_progress(plan, date(2024, 6, 29))
    assert (before.overall, before.has_data) == (None, False)


def test_a_weightless_target_with_data_does_not_make_an_overall_figure() -> None:
    plan = load("""
        targets:
          - {id: a, name: 甲, kind: count, target: {value: 10, deadline: 2025年底}}
          - {id: c, name: 丙, kind: count, weight: 0, target: {value: 4, deadline: 2025年底},
             actuals: [{value: 2, date: 2024年6月}]}
        """)
    assert plan_progress(plan, date(2024, 7, 1)).overall is None


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


@given(
    actual=st.integers(min_value=40, max_value=100),
    reported=st.integers(min_value=0, max_value=729),
    asked=st.integers(min_value=-30, max_value=800),
)
def test_a_target_is_done_exactly_when_its_progress_is_full(
    actual: int, reported: int, asked: int
) -> None:
    start = date(2024, 1, 1)
    when = (start + timedelta(days=reported)).isoformat()
    plan = load(SATISFACTION.format(actuals=f"{{value: {actual}, date: {when}}}"))
    (item,) = plan_progress(plan, start + timedelta(days=asked)).targets
    assert (item.standing is Standing.DONE) == (item.progress == 1)
    if item.progress is None:
        assert item.standing in (Standing.NOT_STARTED, Standing.NO_DATA, Standing.OVERDUE)


@given(
    incidents=st.lists(st.integers(min_value=0, max_value=1), min_size=1, max_size=4),
    reported=st.lists(st.integers(min_value=0, max_value=400), min_size=4, max_size=4, unique=True),
    asked=st.integers(min_value=-30, max_value=420),
)
def test_a_zero_target_is_done_exactly_when_its_progress_is_full(
    incidents: list[int], reported: list[int], asked: int
) -> None:
    start = date(2024, 1, 1)
    actuals = ", ".join(
        f"{{value: {n}, date: {(start + timedelta(days=d)).isoformat()}}}"
        for n, d in zip(incidents, sorted(reported), strict=False)
    )
    (item,) = plan_progress(
        load(ZERO.format(actuals=actuals)), start + timedelta(days=asked)
    ).targets
    assert (item.standing is Standing.DONE) == (item.progress == 1) == item.met
    if item.standing is Standing.FAILED:
        assert item.progress == 0


PHASES = """
    phases:
      - {id: p1, name: 准备, when: 2024年3月11日至4月15日, done: 2024年4月10日}
      - id: p2
        name: 迎检
        when: 2024年4月16日至4月30日
        tasks: [{name: 自查, done: 2024年4月18日}, 整改, 申报]
      - {id: p3, name: 巩固, when: 2024年5月上旬至5月中旬}
    """


def test_phase_states_follow_the_target_words() -> None:
    plan = load(PHASES)
    on_april_20 = plan_phases(plan, date(2024, 4, 20))
    assert [p.standing for p in on_april_20] == [
        Standing.DONE,
        Standing.ON_TRACK,  # 1 of 3 tasks done, 5 of 15 days gone
        Standing.NOT_STARTED,
    ]
    p2 = on_april_20[1]
    assert (p2.progress, p2.elapsed) == (Fraction(1, 3), Fraction(5, 15))
    # still 1 of 3 on the 23rd (8 of 15 days: 20 points behind) and the 27th (12 of 15)
    assert plan_phases(plan, date(2024, 4, 23))[1].standing is Standing.AT_RISK
    assert plan_phases(plan, date(2024, 4, 27))[1].standing is Standing.BEHIND
    on_may_5 = plan_phases(plan, date(2024, 5, 5))
    assert on_may_5[1].standing is Standing.OVERDUE
    # a phase without tasks has no progress, only time elapsed: 5 of 20 days
    assert (on_may_5[2].progress, on_may_5[2].elapsed) == (None, Fraction(5, 20))
    assert on_may_5[2].standing is Standing.NO_DATA


def test_a_dated_completion_is_read_as_of_the_date_asked() -> None:
    plan = load(PHASES)
    assert plan_phases(plan, date(2024, 4, 9))[0].standing is Standing.NO_DATA  # no tasks
    assert plan_phases(plan, date(2024, 3, 1))[0].standing is Standing.NOT_STARTED
    done = plan_phases(plan, date(2024, 4, 10))[0]
    assert (done.standing, done.done_on, done.progress) == (Standing.DONE, date(2024, 4, 10), None)
    assert plan_phases(plan, date(2024, 4, 17))[1].tasks_done == 0
    assert plan_phases(plan, date(2024, 4, 18))[1].tasks_done == 1


def test_an_undated_done_counts_from_the_first_day_of_the_phase() -> None:
    plan = load("""
        phases:
          - {id: p1, name: 准备, when: 2025年3月上旬至4月下旬, done: true}
          - id: p2
            name: 实施
            when: 2025年5月上旬至6月下旬
            tasks: [{name: 甲, done: true}, {name: 乙, done: true}]
        """)
    before = plan_phases(plan, date(2024, 12, 31))
    assert [p.standing for p in before] == [Standing.NOT_STARTED, Standing.NOT_STARTED]
    assert before[1].tasks_done == 0
    on_may_1 = plan_phases(plan, date(2025, 5, 1))
    assert [p.standing for p in on_may_1] == [Standing.DONE, Standing.DONE]
    assert [p.done_on for p in on_may_1] == [None, None]  # done, but nobody wrote when


def test_closing_a_phase_closes_its_tasks_and_the_last_task_closes_the_phase() -> None:
    plan = load("""
        phases:
          - id: p1
            name: 摸底
            when: 2025年3月上旬至4月下旬
            done: 2025年4月20日
            tasks: [摸排意愿, {name: 登记老人, done: 2025年3月15日}]
          - id: p2
            name: 实施
            when: 2025年5月上旬至6月下旬
            tasks: [{name: 甲, done: 2025年5月中旬}, {name: 乙, done: 2025年6月3日}]
        """)
    april = plan_phases(plan, date(2025, 4, 1))[0]  # 32 of 61 days gone, 1 of 2 tasks
    assert (april.tasks_done, april.progress, april.standing) == (
        1,
        Fraction(1, 2),
        Standing.ON_TRACK,
    )
    closed = plan_phases(plan, date(2025, 4, 20))[0]
    assert (closed.tasks_done, closed.progress, closed.standing) == (2, Fraction(1), Standing.DONE)
    assert closed.done_on == date(2025, 4, 20)
    # 5月中旬 is done at the end of the 20th; the phase when its last task is, on 6月3日
    assert [plan_phases(plan, date(2025, 5, d))[1].tasks_done for d in (19, 20)] == [0, 1]
    assert plan_phases(plan, date(2025, 6, 2))[1].standing is not Standing.DONE
    later = plan_phases(plan, date(2025, 6, 3))[1]
    assert (later.standing, later.done_on) == (Standing.DONE, date(2025, 6, 3))


@given(
    done_days=st.lists(st.one_of(st.none(), st.integers(0, 60)), min_size=1, max_size=6),
    as_of=st.integers(-10, 70),
)
def test_a_phase_is_done_exactly_when_all_of_its_tasks_are(
    done_days: list[int | None], as_of: int
) -> None:
    start = date(2025, 3, 1)
    tasks = ", ".join(
        f"{{name: 任务{i}, done: {(start + timedelta(days=d)).isoformat()}}}"
        if d is not None
        else f"任务{i}"
        for i, d in enumerate(done_days)
    )
    plan = load(f"""
        phases:
          - {{id: p, name: 阶段, when: 2025年3月1日至4月9日, tasks: [{tasks}]}}
        """)
    (item,) = plan_phases(plan, start + timedelta(days=as_of))
    everything = item.tasks_done == len(done_days)
    assert (item.standing is Standing.DONE) == everything
    assert (item.progress == 1) == everything
    if item.standing in (Standing.ON_TRACK, Standing.AT_RISK, Standing.BEHIND):
        assert item.progress is not None


def test_done_is_true_false_or_the_date_it_happened() -> None:
    assert Task.model_validate({"name": "自查", "done": True}).done is True
    dated = Task.model_validate({"name": "自查", "done": "2025年4月20日"}).done
    assert not isinstance(dated, bool)
    assert (dated.start, dated.end) == (date(2025, 4, 20), date(2025, 4, 20))
    month = Task.model_validate({"name": "自查", "done": "4月"}, context={"default_year": 2025})
    assert not isinstance(month.done, bool)
    assert month.done.end == date(2025, 4, 30)
    with pytest.raises(ValidationError):
        Task.model_validate({"name": "自查", "done": "差不多了"})
