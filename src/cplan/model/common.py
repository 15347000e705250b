"""Pieces every part of the plan model shares: the base model and identifiers."""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints
from pydantic_core import PydanticCustomError

from cplan.model.values import Money

#: What an identifier may hold: letters (Latin, accented Latin, Chinese), digits and ``_``,
#: then also ``-``, ``.`` and the middle dots ``·``/``・`` of names. Nothing that a terminal
#: or a CI log would act on (controls, bidi, zero-width), no spaces, colons or commas.
_ID_FIRST = "0-9A-Za-z_\\u00c0-\\u024f\\u3005\\u3007\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff"
ID_PATTERN = f"^[{_ID_FIRST}][{_ID_FIRST}\\-.\\u00b7\\u30fb]*$"
_ID = re.compile(ID_PATTERN)


def _strict_id(value: str) -> str:
    if _ID.match(value) is None:
        raise PydanticCustomError("id_chars", "not an identifier")
    return value


#: An identifier used to refer to a unit, committee, person, target, phase, funder or line.
Id = Annotated[
    str,
    StringConstraints(strip_whitespace=True, min_length=1, max_length=64),
    AfterValidator(_strict_id),
    Field(
        description="标识符: 在方案内唯一, 供其他部分引用, 如 minzheng、t-satisfaction、白云区",
        json_schema_extra={"pattern": ID_PATTERN},
    ),
]

#: An amount of money that cannot be negative (every amount a plan budgets).
Amount = Annotated[Money, Field(ge=0)]

#: A quantity, period, count or weight: finite, not negative, at most 10^15.
Quantity = Annotated[Decimal, Field(ge=0, le=Decimal("1e15"), allow_inf_nan=False)]

#: A measured value (baseline, target, actual): finite, within ±10^15.
Measure = Annotated[Decimal, Field(ge=Decimal("-1e15"), le=Decimal("1e15"), allow_inf_nan=False)]

#: Free text that must not be blank.
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]


class PlanModel(BaseModel):
    """Base of every part of a plan: unknown keys are errors, values are immutable."""

    model_config = ConfigDict(
        extra="forbid",
        frozen=True,
        str_strip_whitespace=True,
        populate_by_name=False,
        use_attribute_docstrings=False,
    )
