"""Targets (工作目标 / 指标): what the plan means to reach, and the values reported so far."""

from __future__ import annotations

from decimal import Decimal
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BeforeValidator, Field, WithJsonSchema

from cplan.model.common import Id, Measure, PlanModel, Quantity, Text
from cplan.model.values import DateField, PercentField


class TargetKind(StrEnum):
    """How a target is measured. Chinese names are accepted when writing a plan."""

    INCREASE = "increase"
    DECREASE = "decrease"
    RELATIVE = "relative"
    ZERO = "zero"
    COUNT = "count"


_KIND_ALIASES = {
    "提升": "increase",
    "提高": "increase",
    "增加": "increase",
    "增长": "increase",
    "不低于": "increase",
    "降低": "decrease",
    "下降": "decrease",
    "减少": "decrease",
    "不高于": "decrease",
    "相对变化": "relative",
    "比例变化": "relative",
    "零容忍": "zero",
    "零目标": "zero",
    "数量": "count",
    "建设数量": "count",
    "计数": "count",
}


#: Each kind's Chinese name, as an officer writes it (the first alias of each).
KIND_NAMES_ZH: dict[TargetKind, str] = {
    TargetKind.INCREASE: "提升",
    TargetKind.DECREASE: "降低",
    TargetKind.RELATIVE: "相对变化",
    TargetKind.ZERO: "零容忍",
    TargetKind.COUNT: "数量",
}


def _kind(value: Any) -> Any:
    return _KIND_ALIASES.get(value, value) if isinstance(value, str) else value


#: What an editor accepts for ``kind``: what cplan accepts, the names and every alias.
KIND_JSON_SCHEMA: dict[str, Any] = {
    "type": "string",
    "enum": [kind.value for kind in TargetKind] + list(_KIND_ALIASES),
    "enumDescriptions": [
        "提升到某水平",
        "降低到某水平",
        "相对基线变化",
        "零容忍",
        "建设数量",
    ]
    + [f"同 {name}" for name in _KIND_ALIASES.values()],
}

Kind = Annotated[
    TargetKind,
    BeforeValidator(_kind),
    WithJsonSchema(KIND_JSON_SCHEMA),
    Field(
        description=(
            "指标类型: increase 提升到某水平 (如满意度 60%→85%); decrease 降低到某水平"
            " (如纠纷率 20%→5%); relative 相对基线变化 (如发案率降低 30%); zero 零容忍"
            " (如安全责任事故 0 起); count 建设数量 (如新建服务中心 13 个)。"
            "也可写中文: 提升、降低、相对变化、零容忍、数量"
        )
    ),
]


class Baseline(PlanModel):
    """基线: 指标在起点时的数值。"""

    value: Measure = Field(description="基线数值, 如 60 (表示 60%)")
    date: DateField = Field(description="基线日期, 如 2018年、2024-01")


class Goal(PlanModel):
    """目标: 期限前要达到的数值。relative 类型写 change 而不写 value。"""

    value: Measure | None = Field(None, description="目标数值, 如 85")
    change: PercentField | None = Field(
        None, description="相对基线的变化 (仅 relative 类型), 如 -30% 表示降低 30%"
    )
    deadline: DateField = Field(description="完成期限, 如 2025年底、2025-12-31")


class Actual(PlanModel):
    """实际值: 某日报告的数值及其来源。"""

    value: Measure = Field(description="实际数值")
    date: DateField = Field(description="统计日期")
    source: Text | None = Field(None, description="数据来源, 如 街道季度统计、问卷调查")
    note: str | None = Field(None, description="备注")


class Target(PlanModel):
    """一项量化指标。"""

    id: Id
    name: Text = Field(description="指标名称, 如 居民满意度")
    kind: Kind
    family: Text | None = Field(None, description="指标类别, 如 治理、服务、安全、队伍建设")
    unit: str = Field("", description="计量单位, 如 %、个、起、人、岁")
    baseline: Baseline | None = Field(None, description="基线 (数值与日期)")
    target: Goal = Field(description="目标 (数值与期限)")
    breakdown: dict[str, Measure] | None = Field(
        None,
        description="目标值的分解, 各部分之和应等于目标值, 如 {第一年: 3, 第二年: 10}",
    )
    owner: Id | None = Field(None, description="牵头单位或责任人的标识符")
    weight: Quantity = Field(Decimal(1), description="在总体进度中的权重, 默认 1")
    actuals: list[Actual] = Field(default_factory=list, description="历次报告的实际值")
    note: str | None = Field(None, description="备注")
