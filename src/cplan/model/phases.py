"""Phases (实施步骤): ordered steps with dates written the way officers write them."""

from __future__ import annotations

from typing import Any

from pydantic import Field, field_validator

from cplan.model.common import Id, PlanModel, Text
from cplan.model.values import DateField, SpanField

#: Whether, and when, something was finished: ``true``, ``false`` or the date it was
#: finished (``2025年4月20日``, ``2025年4月``). A date is read as the end of the day, 旬 or
#: month it names; ``true`` without a date counts from the first day of the phase.
Done = bool | DateField


class Task(PlanModel):
    """阶段内的一项任务。可直接写成一句话。"""

    name: Text = Field(description="任务内容")
    owner: Id | None = Field(None, description="负责单位或个人的标识符")
    due: DateField | None = Field(None, description="完成期限")
    done: Done = Field(
        False,
        description="是否已完成: 写完成日期 (如 2025年4月20日), 或 true / false;"
        " 只写 true 时, 自阶段开始之日起视为已完成",
    )
    started: DateField | None = Field(
        None, description="开始日期: 任务已着手但未完成 (进行中) 时写明, 如 2025年5月上旬"
    )


def _text_or_task(schema: dict[str, Any]) -> None:
    """In the editor schema, a task may also be written as plain text."""
    schema["items"] = {"anyOf": [{"type": "string"}, schema["items"]]}


class Phase(PlanModel):
    """实施阶段。"""

    id: Id
    name: Text = Field(description="阶段名称, 如 全面动员阶段")
    when: SpanField = Field(
        description="起止时间, 如 2024年4月中旬至5月上旬、2024年3月11日至4月15日、8月中旬至年底"
    )
    owner: Id | None = Field(None, description="牵头单位的标识符")
    tasks: list[Task] = Field(
        default_factory=list,
        description="主要任务: 一句话, 或写明负责人和期限的映射",
        json_schema_extra=_text_or_task,
    )
    deliverables: list[Text] = Field(default_factory=list, description="成果, 如 项目清单、预算")
    done: Done = Field(
        False,
        description="阶段是否已完成: 写完成日期 (如 2025年4月20日), 或 true / false;"
        " 只写 true 时, 自阶段开始之日起视为已完成。阶段完成时其任务也视为完成",
    )

    @field_validator("tasks", mode="before")
    @classmethod
    def _tasks_from_text(cls, value: Any) -> Any:
        if isinstance(value, list):
            return [{"name": item} if isinstance(item, str) else item for item in value]
        return value
