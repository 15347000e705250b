"""Budget execution in the 台账, recalculated by LibreOffice: the 经费执行 totals are the
figures ``cplan funding --format json`` gives, to the fen (the plan and the hand-worked
figures are those of :mod:`tests.cli.test_report_execution`)."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest
from openpyxl import load_workbook

from cplan.cli import app
from tests.cli.test_report_execution import (
    AS_OF,
    DUE,
    GOT,
    PLAN,
    PLANNED,
    RECEIVED,
    SPENT,
    fen,
    report,
    runner,
)
from tests.office.conftest import Convert


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    path = in_tmp / "nanyuan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def test_the_ledger_totals_are_cplans_figures_once_libreoffice_recalculates(
    plan: Path, convert: Convert
) -> None:
    book = report(plan, "台账.xlsx")
    recalculated = convert(book, "xlsx:Calc MS Excel 2007 XML")
    ws = load_workbook(recalculated, data_only=True)["经费执行"]
    args = ["funding", str(plan), "--as-of", AS_OF, "--format", "json", "-o", "funding.json"]
    done = runner.invoke(app, args)
    assert done.exit_code == 0, done.output
    figures = json.loads((plan.parent / "funding.json").read_text(encoding="utf-8"))["execution"]
    total = ws.max_row
    assert fen(ws.cell(total, 3).value) == Decimal(figures["total"]["planned"]) == PLANNED
    assert fen(ws.cell(total, 8).value) == Decimal(figures["total"]["received"]) == RECEIVED
    assert fen(ws.cell(total, 10).value) == Decimal(figures["total"]["spent"]) == SPENT
    assert fen(ws.cell(total, 12).value) == Decimal(figures["total"]["unspent"])
    by_funder = {f["name"]: f for f in figures["funders"]}
    for column, name in ((4, "区财政"), (6, "街道财政")):
        assert fen(ws.cell(total, column).value) == Decimal(by_funder[name]["planned"])
        assert fen(ws.cell(total, column + 1).value) == Decimal(by_funder[name]["received"])
        assert Decimal(by_funder[name]["planned"]) == DUE[name]
        assert Decimal(by_funder[name]["received"]) == GOT[name]
    rate = Decimal(str(ws.cell(total, 9).value))
    assert abs(rate - Decimal(RECEIVED) / PLANNED) < Decimal("1e-12")
