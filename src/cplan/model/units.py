"""Units (单位): the districts, communities, centres and departments a plan names."""

from __future__ import annotations

from pydantic import Field, NonNegativeInt

from cplan.model.common import Id, Measure, PlanModel, Quantity, Text
from cplan.model.values import RatioField


class Unit(PlanModel):
    """单位: 区、街道、社区、服务中心、部门或企业。经费可按单位分别计列和分担。"""

    id: Id
    name: Text = Field(description="名称, 如 白云区、市残联、南苑社区")
    kind: Text | None = Field(None, description="类别, 如 区、县级市、街道、社区、中心、部门")
    parent: Id | None = Field(None, description="上级单位的标识符")
    sharing: RatioField | None = Field(
        None, description="本单位的经费分担比例, 顺序同经费默认分担的出资方, 如 市:区 = 4:6"
    )
    quantities: dict[str, Quantity] = Field(
        default_factory=dict, description="本单位的数量, 如 {服务人数: 150, 新建面积: 12000}"
    )
    staff: dict[str, NonNegativeInt] = Field(
        default_factory=dict, description="现有人员按类别的人数, 如 {正式: 3, 临时: 3}"
    )
    plan: Id | None = Field(
        None,
        description="本单位自己的方案的标识符 (市级组合方案中使用; cplan 会核对该方案与本方案一致)",
    )
    note: str | None = Field(None, description="备注")


class Limit(PlanModel):
    """方案规定的上下限, 如 每个中心服务人数不超过 200 人。"""

    quantity: Text = Field(description="数量名称, 与单位 quantities 中一致, 如 服务人数")
    max: Measure | None = Field(None, description="上限")
    min: Measure | None = Field(None, description="下限")
    unit_kind: Text | None = Field(None, description="适用的单位类别, 不写则适用全部单位")
