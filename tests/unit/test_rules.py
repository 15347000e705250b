"""One test per rule firing and one not firing, asserting the code and the line."""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

import pytest

from cplan.compute.budget import compute_budget
from cplan.rules import all_rules
from tests.conftest import found, plan_text, result

COMMITTEE = """
committees:
  - id: gongjian
    name: 共建委员会
    size: {size}
    composition: {{政府代表: 6, 居委会代表: 8, 物业公司代表: 5, 社会组织代表: 5, 居民代表: 6}}
"""


def test_every_rule_has_documentation_and_a_unique_code() -> None:
    rules = all_rules()
    assert len(rules) >= 20
    for code, rule in rules.items():
        assert code.startswith("CP")
        assert len(code) == 5
        assert rule.doc, f"{code} has no docstring"


@pytest.mark.parametrize(("size", "expect"), [(30, []), (29, [("CP201", 8)])])
def test_cp201_committee_composition(size: int, expect: list[tuple[str, int]]) -> None:
    assert found(plan_text(COMMITTEE.format(size=size))) == expect


def test_cp202_roles_against_size_and_members() -> None:
    text = plan_text("""
        committees:
          - id: lingdao
            name: 领导小组
            size: 7
            roles: {组长: 1, 副组长: 1, 成员: 4}
            members:
              - {name: 周某, role: 组长}
              - {name: 杨某, role: 副组长}
              - {name: 甲, role: 成员}
              - {name: 乙, role: 成员}
              - {name: 丙, role: 成员}
              - {name: 丁, role: 成员}
              - {name: 戊, role: 成员}
        """)
    # roles add up to 6, not 7; and 5 成员 are listed where 4 are declared
    assert found(text) == [("CP202", 8), ("CP202", 8)]
    fixed = text.replace("成员: 4}", "成员: 5}")
    assert found(fixed) == []


def test_cp203_member_list_shorter_than_size_is_a_warning() -> None:
    text = plan_text("""
        committees:
          - id: xiaozu
            name: 项目实施小组
            size: 5
            members:
              - {name: 王某, role: 项目经理}
              - {name: 李某, role: 技术顾问}
        """)
    diagnostics = found(text)
    assert diagnostics == [("CP203", 9)]
    assert found(text.replace("size: 5", "size: 2")) == []


def test_cp204_breakdown_13_is_3_plus_10() -> None:
    text = plan_text("""
        targets:
          - id: centres
            name: 建成社区精神康复综合服务中心
            kind: count
            unit: 个
            target: {{value: {value}, deadline: 2025年底}}
            breakdown: {{第一年: 3, 第二年: 10}}
        """)
    assert found(text.format(value=13)) == []
    assert found(text.format(value=12)) == [("CP204", 10)]


JIANGYAN = """
funders:
  - {{id: city, name: 市财政}}
  - {{id: town, name: 姜堰镇}}
budget:
  total: {total}
  sharing: {{fixed: {{city: 12.5万元}}, remainder: town}}
  lines:
    - {{id: formal, name: 正式人员经费, amount: 83.5万元}}
    - {{id: temporary, name: 临时人员经费, amount: 19.9万元}}
"""


def test_cp205_jiangyan_staff_costs_do_not_add_up() -> None:
    # The 姜堰 plan declares 101.7万元 for 83.5万 + 19.9万 (= 103.4万).
    assert found(plan_text(JIANGYAN.format(total="101.7万元"))) == [("CP205", 8)]
    assert found(plan_text(JIANGYAN.format(total="103.4万元"))) == []


def test_cp205_message_gives_both_figures() -> None:
    from tests.conftest import result

    (diagnostic,) = result(plan_text(JIANGYAN.format(total="101.7万元"))).diagnostics
    assert "1,017,000.00" in diagnostic.message()
    assert "1,034,000.00" in diagnostic.message()
    assert "(difference 17,000.00)" in diagnostic.message("en")


def test_cp206_declared_line_against_its_formula() -> None:
    # 100 人 × 400 元/人/月 × 12 个月 = 480,000 元
    text = plan_text("""
        funders: [{{id: city, name: 市财政}}]
        budget:
          sharing: {{remainder: city}}
          lines:
            - {{id: base, name: 基本运营经费, rate: 400, quantity: 100, period: 12, declared: {d}}}
        """)
    assert found(text.format(d="48万元")) == []
    assert found(text.format(d="46万元")) == [("CP206", 8)]


def test_cp301_unknown_owner_with_suggestion() -> None:
    text = plan_text("""
        units:
          - {id: minzheng, name: 区民政局}
        phases:
          - {id: p1, name: 调研, when: 2024年3月, owner: minzhen}
        """)
    from tests.conftest import result

    (diagnostic,) = result(text).diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.col) == ("CP301", 7, 46)
    assert "minzheng" in diagnostic.message()
    assert found(text.replace("owner: minzhen}", "owner: minzheng}")) == []


def test_cp301_every_kind_of_reference() -> None:
    text = plan_text("""
        units:
          - {id: a, name: 甲, parent: nowhere}
        committees:
          - id: c
            name: 小组
            parent: nothing
            members: [{name: 张, role: 组长, unit: nobody}]
        duties:
          - {task: 宣传, owner: ghost, support: [phantom], target: t9, phase: p9}
        budget:
          sharing: {funders: [x1, x2], ratio: [1, 1]}
          lines:
            - {id: l1, name: 监测, amount: 1000, units: [u0]}
            - {id: l2, name: 督导, percent: 2%, of: [l0]}
        """)
    assert found(text) == [
        ("CP301", 5),  # unit parent
        ("CP301", 9),  # committee parent
        ("CP301", 10),  # member's unit
        ("CP301", 12),  # duty owner
        ("CP301", 12),  # duty support
        ("CP301", 12),  # duty target
        ("CP301", 12),  # duty phase
        ("CP301", 14),  # funders in the default sharing
        ("CP301", 14),
        ("CP301", 16),  # unit of a line
        ("CP301", 17),  # line a percentage is taken of
    ]


def test_cp302_duplicate_ids_share_one_namespace() -> None:
    text = plan_text("""
        units:
          - {id: shequ, name: 南苑社区}
        targets:
          - {id: shequ, name: 满意度, kind: increase, target: {value: 85, deadline: 2025年底}}
        """)
    assert found(text) == [("CP302", 7)]


def test_cp303_parent_cycle() -> None:
    text = plan_text("""
        committees:
          - {id: a, name: 甲, parent: b}
          - {id: b, name: 乙, parent: a}
          - {id: c, name: 丙, parent: a}
        """)
    assert found(text) == [("CP303", 5), ("CP303", 6)]


PHASES = """
phases:
  - {{id: p1, name: 全面动员阶段, when: {first}}}
  - {{id: p2, name: 扎实落实阶段, when: {second}}}
"""


@pytest.mark.parametrize(
    ("first", "second", "expect"),
    [
        ("4月中旬至5月上旬", "5月中旬至7月上旬", []),
        ("5月中旬至7月上旬", "4月中旬至5月上旬", [("CP401", 6)]),
        ("2024年4月中旬至5月上旬", "2026年1月", [("CP402", 6), ("CP404", 6)]),
        ("7月中旬至8月中旬", "8月中旬至年底", [("CP403", 6)]),
        ("4月中旬至5月上旬", "6月上旬至7月上旬", [("CP404", 6)]),
    ],
)
def test_cp40x_phase_order_period_overlap_gap(
    first: str, second: str, expect: list[tuple[str, int]]
) -> None:
    assert found(plan_text(PHASES.format(first=first, second=second))) == expect


def test_cp405_task_due_outside_its_phase() -> None:
    text = plan_text("""
        phases:
          - id: p1
            name: 准备阶段
            when: 2024年3月11日至4月15日
            tasks:
              - {{name: 成立领导小组, due: {due}}}
        """)
    assert found(text.format(due="2024年3月中旬")) == []
    assert found(text.format(due="2024年5月")) == [("CP405", 9)]


def test_cp501_negative_and_zero_ratios() -> None:
    text = plan_text("""
        funders: [{{id: city, name: 市财政}}, {{id: district, name: 区财政}}]
        budget:
          sharing: {{funders: [city, district], ratio: "{ratio}"}}
        """)
    assert found(text.format(ratio="0:10")) == []
    assert found(text.format(ratio="-1:11")) == [("CP501", 6)]
    assert found(text.format(ratio="0:0")) == [("CP501", 6)]


def test_cp502_unit_ratio_needs_matching_default_funders() -> None:
    text = plan_text("""
        units:
          - {{id: baiyun, name: 白云区, sharing: "{ratio}"}}
        funders: [{{id: city, name: 市财政}}, {{id: district, name: 区财政}}]
        budget:
          sharing: {{funders: [city, district], ratio: "5:5"}}
          lines:
            - {{id: base, name: 基本运营经费, amount: 48万元, units: [baiyun]}}
        """)
    assert found(text.format(ratio="4:6")) == []
    assert found(text.format(ratio="4:3:3")) == [("CP502", 5)]


# ---------------------------------------------------------------------------
# CP508: a unit ratio that no line amount uses
# ---------------------------------------------------------------------------

UNUSED = """
units:
  - {{id: tianhe, name: 天河区, kind: 区, sharing: "4:6"}}
  - {{id: c-tianhe, name: 天河区中心, kind: 中心, parent: tianhe{centre}}}
funders: [{{id: city, name: 市财政}}, {{id: district, name: 区财政}}]
budget:
  sharing: {default}
  lines:
    - {{id: base, name: 基本运营经费, amount: 48万元, {counted}{own}}}
"""
RATIO_DEFAULT = '{funders: [city, district], ratio: "5:5"}'
FIXED_DEFAULT = "{fixed: {city: 12.5万元}, remainder: district}"


def unused(
    default: str = RATIO_DEFAULT, centre: str = "", counted: str = "unit_kind: 中心", own: str = ""
) -> str:
    own = f", sharing: {{funders: [city, district], ratio: {own!r}}}" if own else ""
    return plan_text(UNUSED.format(default=default, centre=centre, counted=counted, own=own))


def cp508(text: str) -> list[tuple[int, int, str, str]]:
    """(line, col, severity, Chinese message) of each CP508 diagnostic."""
    return [
        (d.line, d.col, d.severity.value, d.message())
        for d in result(text).diagnostics
        if d.code == "CP508"
    ]


def test_cp508_a_district_ratio_used_by_its_centre_is_fine() -> None:
    assert found(unused()) == []


def test_cp508_a_ratio_under_lines_with_their_own_sharing_warns_at_the_ratio() -> None:
    text = unused(own="10:0")
    # line 5 is the 天河区 unit; its sharing value "4:6" starts at column 47
    assert text.splitlines()[4].index('"4:6"') + 1 == 47
    [(line, col, severity, message)] = cp508(text)
    assert (line, col, severity) == (5, 47, "warning")
    assert "天河区" in message
    assert "4:6" in message
    assert "sharing" in message  # says the lines' own sharing wins, and what to change
    assert found(text) == [("CP508", 5)]


def test_cp508_a_ratio_under_a_fixed_and_remainder_default_warns() -> None:
    [(line, col, severity, message)] = cp508(unused(default=FIXED_DEFAULT))
    assert (line, col, severity) == (5, 47, "warning")
    assert "定额" in message
    assert "4:6" in message
    english = [d.message("en") for d in result(unused(default=FIXED_DEFAULT)).diagnostics]
    assert any("remainder" in text and "4:6" in text for text in english)


def test_cp508_a_ratio_with_no_line_for_the_unit_or_below_warns() -> None:
    [(line, _, severity, message)] = cp508(unused(counted="units: []"))
    assert (line, severity) == (5, "warning")
    assert "units" in message


def test_cp508_a_ratio_every_child_overrides_warns() -> None:
    text = unused(centre=', sharing: "8:2"')
    # the centre's own 8:2 is used; the district's 4:6 reaches no amount
    assert [(line, severity) for line, _, severity, _ in cp508(text)] == [(5, "warning")]


def test_cp508_a_ratio_without_a_default_ratio_warns() -> None:
    text = plan_text("""
        units:
          - {id: baiyun, name: 白云区, sharing: "4:6"}
        """)
    assert found(text) == [("CP508", 5)]


def test_cp508_is_not_added_to_a_ratio_already_rejected() -> None:
    # a 3-part ratio for 2 funders is CP502, a zero ratio CP501: no second finding
    text = plan_text("""
        units:
          - {id: a, name: 甲区, sharing: "4:3:3"}
          - {id: b, name: 乙区, sharing: "0:0"}
        funders: [{id: city, name: 市财政}, {id: district, name: 区财政}]
        budget:
          sharing: {funders: [city, district], ratio: "5:5"}
        """)
    assert found(text) == [("CP502", 5), ("CP501", 6)]


def test_cp508_is_documented() -> None:
    rule = all_rules()["CP508"]
    assert rule.severity.value == "warning"
    assert "fixed + remainder" in rule.doc


def test_cp503_line_without_funder_is_a_warning() -> None:
    text = plan_text("""
        budget:
          lines:
            - {id: a, name: 活动经费, amount: 6万元}
        """)
    assert found(text) == [("CP503", 6)]


def test_cp504_fixed_subsidy_larger_than_line() -> None:
    text = plan_text("""
        funders: [{{id: city, name: 市财政}}, {{id: town, name: 姜堰镇}}]
        budget:
          sharing: {{fixed: {{city: {subsidy}}}, remainder: town}}
          lines:
            - {{id: staff, name: 人员经费, amount: 10万元}}
        """)
    assert found(text.format(subsidy="12.5万元")) == [("CP504", 6)]
    assert found(text.format(subsidy="2.5万元")) == []


def test_cp505_percent_of_itself() -> None:
    text = plan_text("""
        funders: [{id: city, name: 市财政}]
        budget:
          sharing: {remainder: city}
          lines:
            - {id: a, name: 监测费, percent: 2%, of: [b]}
            - {id: b, name: 督导费, percent: 1%, of: [a]}
        """)
    assert found(text) == [("CP505", 8), ("CP505", 9)]


def test_cp506_named_quantity_missing_in_a_unit() -> None:
    text = plan_text("""
        units:
          - {{id: c1, name: 越秀区中心, kind: 中心, quantities: {{服务人数: 150}}}}
          - {{id: c2, name: 海珠区中心, kind: 中心{extra}}}
        funders: [{{id: city, name: 市财政}}]
        budget:
          sharing: {{remainder: city}}
          lines:
            - {{id: perf, name: 绩效经费, rate: 400, quantity: 服务人数, period: 12, unit_kind: 中心}}
        """)
    assert found(text.format(extra="")) == [("CP506", 11)]
    assert found(text.format(extra=", quantities: {服务人数: 90}")) == []


def test_cp601_direction() -> None:
    text = plan_text("""
        targets:
          - id: dispute
            name: 社区纠纷发生率
            kind: {kind}
            unit: "%"
            baseline: {{value: 20, date: 2024年1月}}
            target: {{value: 5, deadline: 2025年底}}
        """)
    assert found(text.format(kind="decrease")) == []
    assert found(text.format(kind="降低")) == []
    assert found(text.format(kind="increase")) == [("CP601", 10)]


def test_cp602_relative_and_zero_targets() -> None:
    relative = plan_text("""
        targets:
          - id: crime
            name: 刑事案件发案率
            kind: relative
            unit: "%"
            baseline: {{value: 1.2, date: 2024年1月}}
            target: {{{goal}, deadline: 2025年底}}
        """)
    assert found(relative.format(goal="change: -30%")) == []
    assert found(relative.format(goal="value: 0.84")) == [("CP602", 10)]
    zero = plan_text("""
        targets:
          - {id: accidents, name: 安全责任事故, kind: zero, unit: 起, target: {value: 1, deadline: 2025年底}}
        """)
    assert found(zero) == [("CP602", 5)]


def test_cp603_baseline_after_deadline_and_actual_before_baseline() -> None:
    text = plan_text("""
        targets:
          - id: s
            name: 居民满意度
            kind: increase
            unit: "%"
            baseline: {value: 60, date: 2024年6月}
            target: {value: 85, deadline: 2024年3月}
            actuals:
              - {value: 58, date: 2024年1月, source: 问卷}
        """)
    assert found(text) == [("CP603", 9), ("CP603", 12)]


def test_cp604_deadline_outside_period_and_cp605_percent_range() -> None:
    text = plan_text("""
        targets:
          - id: s
            name: 绿化覆盖率
            kind: increase
            unit: "%"
            baseline: {value: 30, date: 2024年1月}
            target: {value: 145, deadline: 2027年底}
        """)
    assert found(text) == [("CP605", 10), ("CP604", 10)]  # errors first


def test_cp606_actuals_out_of_order() -> None:
    text = plan_text("""
        targets:
          - id: s
            name: 居民参与度
            kind: increase
            unit: "%"
            target: {value: 80, deadline: 2025年底}
            actuals:
              - {value: 60, date: 2024年6月}
              - {value: 55, date: 2024年3月}
        """)
    assert found(text) == [("CP606", 12)]


def test_cp701_blank_names_are_warnings_not_crashes() -> None:
    text = plan_text("""
        committees:
          - id: lingdao
            name: 创建工作领导组
            members:
              - {role: 组长}
              - {name: "", role: 副组长}
              - {name: 张某, role: 成员}
        """)
    assert found(text) == [("CP701", 8), ("CP701", 9)]


def test_cp702_ceiling_of_200_people_in_a_centre() -> None:
    text = plan_text("""
        units:
          - {{id: c1, name: 白云区中心, kind: 中心, quantities: {{服务人数: {people}}}}}
        limits:
          - {{quantity: 服务人数, max: 200, unit_kind: 中心}}
        """)
    assert found(text.format(people=200)) == []
    assert found(text.format(people=230)) == [("CP702", 5)]


LIMITED = """
units:
  - {{id: c1, name: 天河区中心, kind: 中心, quantities: {{服务人数: {people}}}}}
limits:
  - {{quantity: 服务人数, max: 200, unit_kind: 中心}}
funders: [{{id: city, name: 市财政}}]
budget:
  sharing: {{remainder: city}}
  lines:
    - {{id: perf, name: 绩效运营经费, rate: 400, quantity: 服务人数, {cap}quantity_above: 100,
       period: 12, unit_kind: 中心}}
"""


def test_cp702_a_ceiling_breach_is_a_warning_and_the_payment_is_capped() -> None:
    checked = result(plan_text(LIMITED.format(people=210, cap="quantity_max: 200, ")))
    [diagnostic] = checked.diagnostics
    assert (diagnostic.code, diagnostic.line, diagnostic.severity.value) == (
        "CP702",
        5,
        "warning",
    )
    assert checked.errors == 0
    # the message says what the cap does: paid on 200, the 10 above are not paid
    assert "210" in diagnostic.message()
    assert "200" in diagnostic.message()
    assert "10" in diagnostic.message().split("200")[-1]
    assert checked.plan is not None
    # (200 − 100) people × 400 元 × 12 月 = 480,000 元, not (210 − 100) × 4,800 = 528,000
    assert compute_budget(checked.plan).line_total("perf") == Decimal(480_000)


def test_cp702_a_breach_the_budget_does_not_cap_says_it_is_paid() -> None:
    checked = result(plan_text(LIMITED.format(people=210, cap="")))
    [diagnostic] = checked.diagnostics
    assert diagnostic.severity.value == "warning"
    assert "quantity_max: 200" in diagnostic.message()
    assert checked.plan is not None
    # nothing caps the line: (210 − 100) × 400 × 12 = 528,000 元 is paid
    assert compute_budget(checked.plan).line_total("perf") == Decimal(528_000)


def test_validate_exits_0_on_a_plan_breaching_a_ceiling(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from cplan.cli import app

    plan = tmp_path / "plan.yaml"
    plan.write_text(plan_text(LIMITED.format(people=210, cap="quantity_max: 200, ")), "utf-8")
    out = CliRunner().invoke(app, ["validate", str(plan)], env={"CPLAN_LANG": "zh"})
    assert out.exit_code == 0, out.output
    assert "warning CP702" in out.output


def test_cp703_staffing_below_norm() -> None:
    text = plan_text("""
        units:
          - {{id: nanyuan, name: 南苑社区, kind: 社区, staff: {{正式: {formal}, 聘用: 3}}}}
        staffing_norms:
          - {{category: 正式, per_unit: 4, unit_kind: 社区}}
          - {{category: 聘用, per_unit: 3, unit_kind: 社区}}
        """)
    assert found(text.format(formal=4)) == []
    assert found(text.format(formal=3)) == [("CP703", 5)]


def test_cp504_a_default_subsidy_covers_all_its_lines_once() -> None:
    text = plan_text("""
        funders: [{{id: city, name: 市财政}}, {{id: town, name: 姜堰镇}}]
        budget:
          sharing: {{fixed: {{city: {subsidy}}}, remainder: town}}
          lines:
            - {{id: formal, name: 正式人员经费, amount: 83.5万元}}
            - {{id: temporary, name: 临时人员经费, amount: 19.9万元}}
        """)
    # 30万 is more than the 19.9万 line but well within the 103.4万 it covers
    assert found(text.format(subsidy="30万元")) == []
    assert found(text.format(subsidy="110万元")) == [("CP504", 6)]


def test_cp507_pledge_differs_from_assigned_share() -> None:
    text = plan_text("""
        funders:
          - {{id: city, name: 市财政, pledge: {pledge}}}
          - {{id: district, name: 区财政}}
        budget:
          sharing: {{funders: [city, district], ratio: "4:6"}}
          lines:
            - {{id: base, name: 基本运营经费, amount: 48万元}}
        """)
    assert found(text.format(pledge="19.2万元")) == []  # 48万 × 4/10
    assert found(text.format(pledge="24万元")) == [("CP507", 5)]
