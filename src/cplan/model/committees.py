"""Committees and duties (组织机构 / 责任分工): who leads, who sits where, who owns what."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field, NonNegativeInt, PositiveInt

from cplan.model.common import Id, PlanModel, Text
from cplan.model.values import DateField


class CommitteeKind(StrEnum):
    LEADING_GROUP = "领导小组"
    COMMITTEE = "委员会"
    OFFICE = "办公室"
    WORKING_GROUP = "工作小组"
    OTHER = "其他"


class Member(PlanModel):
    """成员: 姓名可暂时留空 (会给出提醒), 职务必填。"""

    id: Id | None = Field(None, description="标识符 (作为责任人被引用时填写)")
    name: str | None = Field(None, description="姓名; 暂未确定可留空")
    role: Text = Field(description="在本机构中的角色, 如 组长、副组长、成员、项目经理")
    sector: Text | None = Field(None, description="所属界别, 如 政府代表、居民代表")
    unit: Id | None = Field(None, description="所在单位的标识符")
    title: str | None = Field(None, description="本职职务, 如 街道办事处主任")


class Committee(PlanModel):
    """领导小组、委员会、办公室或工作小组。"""

    id: Id
    name: Text = Field(description="名称, 如 共建委员会")
    kind: CommitteeKind = Field(
        CommitteeKind.COMMITTEE, description="类别: 领导小组、委员会、办公室、工作小组、其他"
    )
    parent: Id | None = Field(None, description="上级机构的标识符 (下设办公室、小组时填写)")
    size: PositiveInt | None = Field(None, description="方案写明的总人数, 如 30")
    composition: dict[str, NonNegativeInt] | None = Field(
        None, description="按界别的构成, 各项之和应等于总人数, 如 {政府代表: 6, 居委会代表: 8}"
    )
    roles: dict[str, NonNegativeInt] | None = Field(
        None, description="按角色的人数, 如 {组长: 1, 副组长: 1, 成员: 5}"
    )
    members: list[Member] = Field(default_factory=list, description="成员名单")
    responsibilities: list[Text] = Field(default_factory=list, description="职责")


class Duty(PlanModel):
    """责任分工表中的一行: 哪个单位负责哪项工作。"""

    task: Text = Field(description="工作内容")
    owner: Id = Field(description="牵头单位或责任人的标识符")
    support: list[Id] = Field(default_factory=list, description="配合单位的标识符")
    target: Id | None = Field(None, description="对应指标的标识符")
    phase: Id | None = Field(None, description="对应阶段的标识符")
    due: DateField | None = Field(None, description="完成期限")
