"""Budgets and cost sharing (经费保障): lines, funders and who pays which share."""

from __future__ import annotations

from typing import Self

from pydantic import Field, NonNegativeInt, model_validator
from pydantic_core import PydanticCustomError

from cplan.model.common import Amount, Id, PlanModel, Quantity, Text
from cplan.model.values import DateField, PercentField, RatioField


class Funder(PlanModel):
    """出资方: 一级财政或一项资金。"""

    id: Id
    name: Text = Field(description="名称, 如 市财政、区财政、姜堰镇")
    level: Text | None = Field(None, description="层级, 如 市、区、镇")
    fund: Text | None = Field(
        None, description="资金来源, 如 财政预算、福利彩票公益金、残疾人就业保障金、社区建设基金"
    )
    pledge: Amount | None = Field(None, description="承诺出资总额 (可选, 用于核对)")


class Sharing(PlanModel):
    """经费分担: 按比例 (如 市:区 = 5:5), 或定额补助加余额兜底 (如 市补 12.5万元, 其余由镇承担)。"""

    funders: list[Id] = Field(
        default_factory=list, description="按比例分担的出资方, 顺序与 ratio 各部分一致"
    )
    ratio: RatioField | None = Field(None, description="分担比例, 如 5:5、4:6、[5, 5]、50%:50%")
    fixed: dict[Id, Amount] | None = Field(
        None, description="定额出资: 出资方标识符 → 金额, 如 {city: 12.5万元}"
    )
    remainder: Id | None = Field(None, description="承担其余部分的出资方标识符")

    @model_validator(mode="after")
    def _one_way(self) -> Self:
        if self.ratio is not None:
            if self.fixed is not None or self.remainder is not None:
                raise PydanticCustomError("sharing_mixed", "use either ratio or fixed + remainder")
            if len(self.funders) != len(self.ratio):
                raise PydanticCustomError(
                    "sharing_arity",
                    "{parts} ratio parts for {funders} funders",
                    {"parts": len(self.ratio), "funders": len(self.funders)},
                )
        elif self.remainder is None:
            raise PydanticCustomError("sharing_incomplete", "ratio or remainder required")
        return self


class Receipt(PlanModel):
    """一笔到位资金 (拨付): 哪个出资方、哪天、拨了多少, 凭哪份文件。"""

    funder: Id = Field(description="出资方的标识符, 如 city")
    amount: Amount = Field(description="到位金额, 如 12.5万元")
    date: DateField = Field(description="到位日期, 如 2025年3月20日")
    unit: Id | None = Field(
        None,
        description="按单位计列的经费: 拨给哪个单位; 不写时按各单位应得份额分摊",
    )
    document: Text | None = Field(None, description="凭证或文号, 如 穗财社〔2025〕12号")
    note: str | None = Field(None, description="备注")


class Expense(PlanModel):
    """一笔支出: 哪天、花了多少, 凭哪份凭证。"""

    amount: Amount = Field(description="支出金额, 如 3.2万元")
    date: DateField = Field(description="支出日期, 如 2025年6月30日")
    unit: Id | None = Field(
        None, description="按单位计列的经费: 哪个单位的支出; 不写时计入本行, 不分单位"
    )
    document: Text | None = Field(None, description="凭证号, 如 记账凭证 2025-06-017")
    note: str | None = Field(None, description="备注, 如 用途")


class BudgetLine(PlanModel):
    """一笔经费。写法三选一: 固定金额 amount; 单价 rate × 数量 quantity × 期数 period;
    或其他经费的百分比 percent + of。写了 units 时按每个单位分别计列。"""

    id: Id
    name: Text = Field(description="名称, 如 基本运营服务经费")
    category: Text | None = Field(None, description="类别, 如 运营经费、设施经费、人员经费")
    year: int | None = Field(None, ge=1949, le=2200, description="所属年度, 如 2025")
    fund: Text | None = Field(None, description="资金来源, 如 残疾人就业保障金")
    amount: Amount | None = Field(None, description="固定金额, 如 25万元")
    rate: Amount | None = Field(None, description="单价, 如 400 (元/人/月)")
    per: str | None = Field(None, description="单价的计量单位, 如 元/人/月、元/平方米")
    quantity: Quantity | Text | None = Field(
        None,
        description="数量: 一个数, 或各单位 quantities 中的名称 (如 服务人数); 不写按 1 计",
    )
    quantity_min: Quantity | None = Field(
        None, description="数量下限: 不足按此计, 如 基本经费按 100 人保底"
    )
    quantity_max: Quantity | None = Field(
        None, description="数量上限: 超出不计, 如 服务人数封顶 200 人"
    )
    quantity_above: Quantity | None = Field(
        None, description="只计超出此数的部分, 如 绩效经费按超出 100 人的人数计"
    )
    period: Quantity | None = Field(None, description="期数, 如 12 (个月)")
    percent: PercentField | None = Field(None, description="百分比, 如 2%")
    of: list[Id] = Field(default_factory=list, description="百分比所依据的经费行标识符")
    units: list[Id] = Field(
        default_factory=list, description="按单位计列: 对每个单位分别计算 (如 每个中心 25万元)"
    )
    unit_kind: Text | None = Field(None, description="按单位类别计列, 如 中心 (该类所有单位)")
    sharing: Sharing | None = Field(None, description="本行的分担方式, 不写则用经费总体的分担方式")
    declared: Amount | None = Field(
        None, description="方案文字中写明的本行金额, cplan 会与计算结果核对"
    )
    received: list[Receipt] = Field(
        default_factory=list, description="经费执行: 各出资方的到位 (拨付) 记录"
    )
    spent: list[Expense] = Field(default_factory=list, description="经费执行: 支出记录")
    note: str | None = Field(None, description="备注")

    @model_validator(mode="after")
    def _one_formula(self) -> Self:
        given = [name for name in ("amount", "rate", "percent") if getattr(self, name) is not None]
        if len(given) != 1:
            raise PydanticCustomError(
                "budget_formula",
                "exactly one of amount, rate, percent (got: {given})",
                {"given": ", ".join(given) or "-"},
            )
        if self.percent is not None and not self.of:
            raise PydanticCustomError("budget_percent_of", "percent needs of: [line ids]")
        return self


class Budget(PlanModel):
    """经费: 各行经费、默认分担方式和执行规定。"""

    total: Amount | None = Field(None, description="方案写明的经费总额, cplan 会与各行之和核对")
    sharing: Sharing | None = Field(None, description="默认的分担方式")
    lines: list[BudgetLine] = Field(default_factory=list, description="经费明细")
    rules: list[Text] = Field(
        default_factory=list, description="执行规定, 如 超支不补、结余留用; 上年经费1月30日前结算"
    )


class StaffingNorm(PlanModel):
    """人员配备标准: 每个单位某类人员应有的人数, 如 每个社区正式人员 4 名。"""

    category: Text = Field(description="人员类别, 与单位 staff 中的名称一致, 如 正式、聘用")
    per_unit: NonNegativeInt = Field(description="每个单位应配备的人数")
    unit_kind: Text | None = Field(None, description="适用的单位类别, 如 社区; 不写则适用全部单位")
