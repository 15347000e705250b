"""The JSON Schema of a plan, in Draft 7 form, for editors and other tools.

pydantic writes JSON Schema 2020-12 (``$defs``); yaml-language-server and many editors
speak Draft 7 best, so definitions move to ``definitions``. The field descriptions are
Chinese: they are what an editor shows when hovering over a key.
"""

from __future__ import annotations

import json
from typing import Any

from cplan.model import Plan

SCHEMA_ID = "https://cplan.invalid/schema/plan.schema.json"


def plan_schema() -> dict[str, Any]:
    """The plan's JSON Schema as a dict."""
    body = Plan.model_json_schema(ref_template="#/definitions/{model}")
    definitions = body.pop("$defs", {})
    return {
        "$schema": "http://json-schema.org/draft-07/schema#",
        "$id": SCHEMA_ID,
        **body,
        "definitions": definitions,
    }


def schema_text() -> str:
    """The schema as stable, pretty-printed JSON text (the committed copy is this text)."""
    return json.dumps(plan_schema(), ensure_ascii=False, indent=2, sort_keys=True) + "\n"
