"""What is taken from the forms officers write, each checked in the draft a user gets.

The texts here are written for these tests (not copied from any plan)."""

from __future__ import annotations

import textwrap
from pathlib import Path
from typing import Any

import pytest
import yaml

from cplan.importer import ImportResult, import_file
from cplan.importer.outline import parse_marker
from cplan.importer.text import Years, find_before, find_spans


def imported(tmp_path: Path, text: str, year: int = 2026) -> ImportResult:
    path = tmp_path / "plan.txt"
    path.write_text(textwrap.dedent(text).strip() + "\n", encoding="utf-8")
    return import_file(path, year=year)


def data(tmp_path: Path, text: str) -> dict[str, Any]:
    loaded = yaml.safe_load(imported(tmp_path, text).text)
    assert isinstance(loaded, dict)
    return loaded


def target(plan: dict[str, Any], name: str) -> dict[str, Any]:
    return next(t for t in plan["targets"] if name in t["name"])


def test_list_numbers_are_not_read_into_years() -> None:
    marker = parse_marker("2.2026年9月底前，完成验收。")
    assert marker is not None
    assert marker.number == 2
    assert marker.rest.startswith("2026年")
    assert parse_marker("2.5万元用于购置设备。") is None
    assert parse_marker("1.1.工作背景") is not None


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("（一）宣传发动阶段（2026年3月上旬至3月下旬）", "2026-03-01", "2026-03-31"),
        ("第二阶段：组织实施（4月中旬—10月底）", "2026-04-11", "2026-10-31"),
        ("3月11日-4月15日，全面整改", "2026-03-11", "2026-04-15"),
        ("20xx年8月中旬至年底", "2026-08-11", "2026-12-31"),
        ("2025年9月至2026年6月", "2025-09-01", "2026-06-30"),
    ],
)
def test_dates_in_every_common_form(text: str, start: str, end: str) -> None:
    found = next(iter(find_spans(text, Years(2026, False, 2026))))
    assert (str(found.span.start), str(found.span.end)) == (start, end)


def test_a_deadline_written_before() -> None:
    found = find_before("2026年11月上旬前完成", Years(2026, True, 2026))
    assert found is not None
    assert str(found.span.end) == "2026-11-10"
    assert found.open_start


def test_targets_in_sentences_and_lists(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某社区2026年为民服务工作计划
        一、工作目标
        到2026年底，实现以下目标：
        1.居民议事参与率由2025年的30%提高到60%。
        2.2026年9月底前，社区食堂覆盖率达100%。
        3.志愿者注册人数达到500人以上。
        4.矛盾纠纷调解成功率不低于95%。
        5.重复信访件数下降20%。
        6.噪音投诉控制在12件以内。
        7.消防安全责任事故实现“0”目标。
        8.新建口袋公园3个。
        """,
    )
    rising = target(plan, "议事参与率")
    assert rising["kind"] == "increase"
    assert rising["baseline"] == {"value": 30, "date": "2025年"}
    assert rising["target"] == {"value": 60, "deadline": "2026年底"}
    assert target(plan, "食堂覆盖率")["target"] == {"value": 100, "deadline": "2026年9月底"}
    assert target(plan, "志愿者")["target"]["value"] == 500
    assert target(plan, "调解成功率")["kind"] == "increase"
    assert target(plan, "重复信访")["target"]["change"] == "-20%"
    assert target(plan, "噪音投诉")["kind"] == "decrease"
    assert target(plan, "消防安全责任事故")["kind"] == "zero"
    park = target(plan, "口袋公园")
    assert (park["kind"], park["target"]["value"], park["unit"]) == ("count", 3, "个")


def test_statements_of_what_already_is_are_not_targets(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某街道工作方案
        一、基本情况
        截至2025年底，全街道已建成养老服务站12个，目前老年人口达到3.2万人。
        二、工作目标
        养老服务站覆盖率达到100%。
        """,
    )
    assert [t["name"] for t in plan["targets"]] == ["养老服务站覆盖率"]


def test_rosters_in_every_layout(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某社区工作方案
        一、组织领导
        成立社区环境整治工作领导小组。
        组长：林一鸣（社区党委书记）副组长：高小红
        成　员：方正、韩雪、区卫健局副局长孟凡
        社区成立议事委员会，由4人组成。主任：宋平；副主任：罗兰；委员：白露、夏至。
        成立督查小组。
        组 长：
        成 员：
        """,
    )
    lead, council, check = plan["committees"]
    people = {(m.get("name"), m["role"], m.get("title")) for m in lead["members"]}
    assert ("林一鸣", "组长", "社区党委书记") in people
    assert ("高小红", "副组长", None) in people
    assert ("孟凡", "成员", "区卫健局副局长") in people
    assert council["size"] == 4
    assert [m["name"] for m in council["members"]] == [
        "宋平",
        "罗兰",
        "白露",
        "夏至",
    ]
    assert all("name" not in m for m in check["members"])  # blank: to be filled in later


def test_the_office_and_who_heads_it(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某镇工作方案
        一、组织领导
        成立镇垃圾分类工作领导小组，负责统筹推进全镇垃圾分类工作。
        领导小组下设办公室，办公室设在镇城管办，办公室主任由钟明同志担任。
        """,
    )
    group, office = plan["committees"]
    assert office["kind"] == "办公室"
    assert office["parent"] == group["id"]
    assert office["members"] == [{"name": "钟明", "role": "主任"}]


def test_budget_formulas_sharing_and_the_stated_total(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        """
        某街道工作方案
        一、经费保障
        （一）陪诊服务补贴按每人每月300元标准，150人，10个月，共45万元。
        （二）设备购置经费5万元。
        （三）上述经费由市、区、街道按4:4:2比例分担。
        （四）经费合计52万元。
        """,
    )
    budget = yaml.safe_load(result.text)["budget"]
    rate, fixed = budget["lines"]
    assert (rate["rate"], rate["per"], rate["quantity"], rate["period"]) == (
        "300元",
        "元/人/月",
        150,
        10,
    )
    assert rate["declared"] == "45万元"
    assert fixed["amount"] == "5万元"
    assert budget["sharing"] == {"funders": ["市", "区", "街道"], "ratio": "4:4:2"}
    assert budget["total"] == "52万元"
    assert [d.code for d in result.source_findings] == ["CP205"]  # 45 + 5 = 50, not 52


@pytest.mark.parametrize(
    ("sentence", "sharing"),
    [
        (
            "所需经费由区财政承担60%，街道承担40%。",
            {"funders": ["区财政", "街道"], "ratio": "60%:40%"},
        ),
        ("市级补助12万元，其余由区级统筹。", {"fixed": {"市级": "12万元"}, "remainder": "区级"}),
    ],
)
def test_other_ways_of_sharing(tmp_path: Path, sentence: str, sharing: dict[str, Any]) -> None:
    plan = data(tmp_path, f"某区工作方案\n一、经费保障\n项目经费30万元。{sentence}\n")
    assert plan["budget"]["sharing"] == sharing
    assert {f["id"] for f in plan["funders"]} >= set(sharing.get("funders", [])) | set(
        sharing.get("fixed", {})
    )


def test_duties_from_labels_and_from_lead_by(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某区工作方案
        一、主要任务
        （一）推进老旧小区改造。完成12个小区改造。（牵头单位：区住建局；配合单位：区财政局、各街道）
        （二）建设社区食堂。由区民政局牵头，区市场监管局配合。
        """,
    )
    first, second = plan["duties"]
    assert (first["task"], first["owner"], first["support"]) == (
        "推进老旧小区改造",
        "区住建局",
        ["区财政局", "各街道"],
    )
    assert (second["owner"], second["support"]) == ("区民政局", ["区市场监管局"])
    assert {u["id"] for u in plan["units"]} >= {
        "区住建局",
        "区财政局",
        "各街道",
        "区民政局",
        "区市场监管局",
    }


def test_document_number_recipients_and_signature(tmp_path: Path) -> None:
    result = imported(
        tmp_path,
        """
        西城街道办事处文件
        西街发〔2026〕3号
        西城街道2026年社区微更新工作方案
        各社区居委会，街道各部门：
        一、工作目标
        完成社区微更新项目10个。
        西城街道办事处
        二〇二六年三月十二日
        """,
    )
    plan = yaml.safe_load(result.text)
    assert plan["title"] == "西城街道2026年社区微更新工作方案"
    assert plan["issuer"] == "西城街道办事处"
    assert plan["level"] == "街道"
    assert plan["issued"] == "2026年3月12日"
    assert plan["status"] == "印发"
    assert plan["period"] == "2026年"
    assert "# 文号：西街发〔2026〕3号" in result.text
    assert "# 主送：各社区居委会，街道各部门" in result.text


def test_nothing_is_invented(tmp_path: Path) -> None:
    plan = data(
        tmp_path,
        """
        某社区工作方案
        一、工作目标
        进一步提升居民满意度，努力减少矛盾纠纷。
        二、经费保障
        所需经费由街道统筹解决。
        """,
    )
    assert "targets" not in plan
    assert "budget" not in plan
