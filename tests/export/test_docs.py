"""docs/export.md describes every table and every column the export writes, in order,
with its type."""

from __future__ import annotations

import re

from cplan.export.tables import TABLES
from tests.conftest import ROOT

KIND_WORDS = {
    "text": "文字",
    "int": "整数",
    "bool": "是否",
    "date": "日期",
    "money": "金额",
    "measure": "数值",
}


def documented() -> dict[str, list[tuple[str, str]]]:
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    part = text.split("## 表和列", 1)[1].split("## 查询示例", 1)[0]
    tables: dict[str, list[tuple[str, str]]] = {}
    for block in re.split(r"^### ", part, flags=re.MULTILINE)[1:]:
        name = block.splitlines()[0].strip()
        tables[name] = re.findall(r"^\| `(\w+)` \| (\S+) \|", block, flags=re.MULTILINE)
    return tables


def test_every_table_and_column_is_documented_with_its_type() -> None:
    assert documented() == {
        name: [(c.name, KIND_WORDS[c.kind]) for c in columns] for name, columns in TABLES.items()
    }
