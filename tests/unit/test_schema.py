"""The JSON Schema for editors: Draft 7, committed, and in agreement with the model."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from cplan.locate import locate
from cplan.schema import plan_schema, schema_text
from tests.conftest import ROOT, SHIPPED_PLANS

COMMITTED = ROOT / "schema" / "plan.schema.json"


def test_committed_schema_is_up_to_date() -> None:
    assert COMMITTED.read_text(encoding="utf-8") == schema_text(), (
        "schema/plan.schema.json is stale: run `cplan schema -o schema/plan.schema.json`"
    )


def test_schema_is_valid_draft7_without_tuple_forms() -> None:
    schema = plan_schema()
    jsonschema.Draft7Validator.check_schema(schema)
    text = json.dumps(schema)
    assert "prefixItems" not in text
    assert "$defs" not in text


def test_descriptions_are_chinese() -> None:
    target = plan_schema()["definitions"]["Target"]["properties"]
    assert target["name"]["description"].startswith("指标名称")


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral_value() else float(value)
    if isinstance(value, dict):
        return {k: _jsonable(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_jsonable(v) for v in value]
    return value


SHIPPED = SHIPPED_PLANS


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: str(p.relative_to(ROOT)))
def test_editors_accept_every_shipped_plan(path: Path) -> None:
    data = locate(path.read_text(encoding="utf-8"), path.name).data
    jsonschema.Draft7Validator(plan_schema()).validate(_jsonable(data))


def test_editors_flag_an_unknown_key() -> None:
    data = {"id": "x", "title": "t", "period": "2024年", "titel": "typo"}
    errors = list(jsonschema.Draft7Validator(plan_schema()).iter_errors(data))
    assert any("titel" in error.message for error in errors)
