"""The whole plan (工作方案): identity, prose sections and every part."""

from __future__ import annotations

from enum import StrEnum

from pydantic import Field

from cplan.model.budget import Budget, Funder, StaffingNorm
from cplan.model.committees import Committee, Duty
from cplan.model.common import Id, PlanModel, Text
from cplan.model.phases import Phase
from cplan.model.targets import Target
from cplan.model.units import Limit, Unit
from cplan.model.values import DateField, SpanField


class Status(StrEnum):
    DRAFT = "草案"
    CONSULTATION = "征求意见稿"
    ISSUED = "印发"
    REPEALED = "废止"


class Section(PlanModel):
    title: Text = Field(description="标题")
    text: Text = Field(description="正文")


class Sections(PlanModel):
    """方案正文中的文字部分, 原样保留, 用于生成报告。"""

    background: str | None = Field(None, description="背景")
    guidance: str | None = Field(None, description="指导思想")
    principles: list[Text] = Field(default_factory=list, description="基本原则")
    measures: list[Text] = Field(default_factory=list, description="工作措施")
    requirements: list[Text] = Field(default_factory=list, description="工作要求")
    other: list[Section] = Field(default_factory=list, description="其他章节")


class Plan(PlanModel):
    """社区建设/治理工作方案。"""

    id: Id
    title: Text = Field(description="方案标题, 如 新社区共建工作计划")
    issuer: Text | None = Field(None, description="制定单位, 如 某区民政局")
    level: Text | None = Field(None, description="行政层级: 市、区、县、街道、镇、社区、小区")
    area: Text | None = Field(None, description="适用区域, 如 白云区、姜堰镇城区 20 个社区")
    period: SpanField = Field(description="方案期限, 如 2024年至2025年、2024-01-01至2026-12-31")
    version: str | None = Field(None, description="版本号")
    status: Status = Field(Status.DRAFT, description="状态: 草案、征求意见稿、印发、废止")
    issued: DateField | None = Field(None, description="印发日期")
    sections: Sections = Field(default_factory=Sections, description="文字部分")
    units: list[Unit] = Field(default_factory=list, description="涉及的单位")
    funders: list[Funder] = Field(default_factory=list, description="出资方")
    targets: list[Target] = Field(default_factory=list, description="工作目标 (指标)")
    phases: list[Phase] = Field(default_factory=list, description="实施步骤")
    committees: list[Committee] = Field(default_factory=list, description="组织机构")
    duties: list[Duty] = Field(default_factory=list, description="责任分工")
    budget: Budget | None = Field(None, description="经费保障")
    limits: list[Limit] = Field(default_factory=list, description="数量上下限, 如 服务人数上限")
    staffing_norms: list[StaffingNorm] = Field(
        default_factory=list, description="人员配备标准, 如 每个社区正式人员 4 名"
    )
