"""A plan with four reporting units, a per-unit budget line and tasks to mark, and helpers
to fill a workbook in the way a worker does."""

from __future__ import annotations

from pathlib import Path

import pytest
from openpyxl import load_workbook

from tests.conftest import ROOT

HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"

VOLUNTEERS = """  - id: t-volunteers
    name: 注册志愿者人数
    kind: count
    unit: 人
    baseline: {value: 120, date: 2024年12月}
    target: {value: 300, deadline: 2026年底}
    owner: jiedao
"""
CANTEEN = (
    "    - {id: b-canteen, name: 助餐点运营补贴, category: 服务经费, amount: 5万元,"
    " units: [hetang, shitang]}\n"
)


def plan_text() -> str:
    """hetang.yaml with a target of the street office and a line counted per unit."""
    text = HETANG.read_text(encoding="utf-8")
    text = text.replace("\nphases:\n", "\n" + VOLUNTEERS + "\nphases:\n", 1)
    text = text.replace("  total: 179.5万元\n", "  total: 189.5万元\n", 1)
    marker = "    - {id: b-meetings"
    return text.replace(marker, CANTEEN + marker, 1)


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    target = in_tmp / "hetang.yaml"
    target.write_text(plan_text(), encoding="utf-8")
    return target


def fill(book: Path, sheet: str, cells: dict[str, object], save_as: Path | None = None) -> Path:
    """Type ``cells`` (``"I2": 17``) into ``sheet`` and save."""
    wb = load_workbook(book)
    ws = wb[sheet]
    for where, value in cells.items():
        ws[where] = value
    target = save_as or book
    wb.save(target)
    return target


def row_of(book: Path, sheet: str, key: str) -> int:
    """The row the hidden row map gives ``key`` on ``sheet`` (a budget line's first slot
    for a line's id): the printed sheet shows no identifiers."""
    ws = load_workbook(book)["_cplan"]
    for name, row, item, _ in ws.iter_rows(min_col=1, max_col=4, values_only=True):
        if name == sheet and key in (item, str(item).split("@", 1)[0]):
            assert isinstance(row, int)
            return row
    raise AssertionError(f"{key} not on {sheet}")
