"""`cplan rollup` adds money received (到位) and spent (支出) beside planned, through the
real entry point; the expected figures are summed here from the plans' YAML by hand."""

from __future__ import annotations

import json
from datetime import date
from decimal import Decimal
from fractions import Fraction
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cplan.check import check_file
from cplan.cli import app
from cplan.compute.rollup import Rollup
from cplan.render.context import rollup_data
from tests.cli.test_funding import _yuan
from tests.conftest import ROOT

runner = CliRunner()

PLANS = [
    ROOT / "examples" / "rehab-centres.yaml",
    ROOT / "examples" / "community-development-2025.yaml",
    ROOT / "plans" / "wutongli" / "street-plan.yaml",
]
#: A day before any record, days that cut each plan's records in two, a day after all.
DAYS = ["2012-01-01", "2014-06-30", "2024-06-30", "2025-06-30", "2030-12-31"]
UNASSIGNED = "(未分类)"


def rollup(*args: str) -> Any:
    out = runner.invoke(app, ["rollup", *map(str, PLANS), *args])
    assert out.exit_code == 0, out.output
    return out


def rollup_json(day: str, *more: str) -> dict[str, Any]:
    data = json.loads(rollup("--as-of", day, "-f", "json", *more).stdout)
    assert isinstance(data, dict)
    return data


def _records(kind: str, as_of: date) -> list[tuple[dict[str, Any], dict[str, Any], dict[str, Any]]]:
    """(plan, line, record) for every receipt or expense dated on or before ``as_of``."""
    found = []
    for path in PLANS:
        plan = yaml.safe_load(path.read_text(encoding="utf-8"))
        for line in plan["budget"]["lines"]:
            for record in line.get(kind, []):
                assert isinstance(record["date"], date), record  # the samples date by day
                if record["date"] <= as_of:
                    found.append((plan, line, record))
    return found


def _sum(amounts: list[Decimal]) -> Decimal:
    return sum(amounts, Decimal(0))


def _by(rows: list[dict[str, Any]], key: str, field: str) -> dict[str, Decimal]:
    return {row[key]: Decimal(row[field]) for row in rows if Decimal(row[field])}


def _year(line: dict[str, Any]) -> str:
    return str(line["year"]) if line.get("year") else UNASSIGNED


@pytest.mark.parametrize("day", DAYS)
def test_received_and_spent_per_funder_and_year_are_the_records_summed(day: str) -> None:
    data = rollup_json(day)
    as_of = date.fromisoformat(day)
    received, spent = _records("received", as_of), _records("spent", as_of)

    funder_names = {}
    for plan, _, _ in received + spent:
        funder_names.update({(plan["id"], f["id"]): f["name"] for f in plan["funders"]})
    by_funder: dict[str, Decimal] = {}
    by_year: dict[str, Decimal] = {}
    for plan, line, record in received:
        name = funder_names[plan["id"], record["funder"]]
        by_funder[name] = by_funder.get(name, Decimal(0)) + _yuan(record["amount"])
        by_year[_year(line)] = by_year.get(_year(line), Decimal(0)) + _yuan(record["amount"])
    assert _by(data["funders"], "name", "received") == by_funder
    assert _by(data["years"], "year", "received") == by_year

    spent_by_year: dict[str, Decimal] = {}
    for _, line, record in spent:
        amount = _yuan(record["amount"])
        spent_by_year[_year(line)] = spent_by_year.get(_year(line), Decimal(0)) + amount
    assert _by(data["years"], "year", "spent") == spent_by_year

    total_received = _sum([_yuan(r["amount"]) for _, _, r in received])
    total_spent = _sum([_yuan(r["amount"]) for _, _, r in spent])
    assert Decimal(data["received"]) == total_received
    assert Decimal(data["spent"]) == total_spent
    assert Decimal(data["unspent"]) == total_received - total_spent
    planned = Fraction(Decimal(data["total"]))
    assert Fraction(data["received_rate_raw"]) == Fraction(total_received) / planned
    assert Fraction(data["spent_rate_raw"]) == Fraction(total_spent) / planned
    # every line spent on has funders: the funders bear all of it, and so do the units
    assert data["spent_without_funder"] == "0.00"
    for rows in (data["funders"], data["funds"], data["years"], data["units"]):
        assert _sum([Decimal(row["received"]) for row in rows]) == total_received
        assert _sum([Decimal(row["spent"]) for row in rows]) == total_spent
    later = sum(
        1
        for path in PLANS
        for line in yaml.safe_load(path.read_text(encoding="utf-8"))["budget"]["lines"]
        for record in [*line.get("received", []), *line.get("spent", [])]
        if record["date"] > as_of
    )
    assert data["later"] == later
    assert data["has_records"] == bool(received or spent or later)


def _ratio_split(line: dict[str, Any]) -> dict[str, Fraction] | None:
    """funder → part of a line shared by its own ratio on the line as a whole."""
    sharing = line.get("sharing")
    if sharing is None or line.get("unit_kind") or line.get("units"):
        return None
    parts = [Fraction(part) for part in sharing["ratio"].split(":")]
    return {f: p / sum(parts) for f, p in zip(sharing["funders"], parts, strict=True)}


@pytest.mark.parametrize("day", ["2024-06-30", "2030-12-31"])
def test_spending_is_borne_by_the_funders_in_their_ratio(day: str) -> None:
    """A funder whose spending lines are all shared by their own ratio (3:7, 2:3:5, 10:0)
    bears its part of each expense, here worked out from the ratio."""
    data = rollup_json(day)
    borne: dict[str, Fraction] = {}
    mixed = set()  # funders that also bear spending on per-unit lines: not worked out here
    for plan, line, record in _records("spent", date.fromisoformat(day)):
        names = {f["id"]: f["name"] for f in plan["funders"]}
        split = _ratio_split(line)
        if split is None:
            mixed |= set(names.values())
            continue
        for funder, part in split.items():
            borne[names[funder]] = borne.get(names[funder], Fraction(0)) + part * Fraction(
                _yuan(record["amount"])
            )
    shown = _by(data["funders"], "name", "spent")
    checked = {name: amount for name, amount in borne.items() if name not in mixed and amount}
    assert checked  # 市财政, 区财政, 社会资本, 市福利彩票公益金
    for name, amount in checked.items():
        assert Fraction(shown[name]) == amount, name


def test_received_per_unit_and_funder_follows_the_receipts() -> None:
    """Receipts that name a centre count for it; a plan-wide line's for the plan's own row."""
    data = rollup_json("2030-12-31")
    units = {unit["name"]: unit for unit in data["units"]}
    expected: dict[tuple[str, str], Decimal] = {}
    for plan, line, record in _records("received", date(2030, 12, 31)):
        funder = next(f["name"] for f in plan["funders"] if f["id"] == record["funder"])
        if record.get("unit"):
            unit = next(u["name"] for u in plan["units"] if u["id"] == record["unit"])
        elif _ratio_split(line) is not None:
            unit = f"({plan['title']})"
        else:
            continue  # split over the units by what each is due: tested in test_funding
        expected[unit, funder] = expected.get((unit, funder), Decimal(0)) + _yuan(record["amount"])
    assert ("南沙区社区精神康复综合服务中心", "区 (县级市) 财政") in expected
    for (unit, funder), amount in expected.items():
        assert Decimal(units[unit]["received_by_funder"][funder]) == amount, (unit, funder)
    for unit in data["units"]:
        assert Decimal(unit["received"]) == _sum(
            [Decimal(v) for v in unit["received_by_funder"].values()]
        )
        assert Decimal(unit["planned"]) == Decimal(unit["total"])


def test_the_planned_keys_stay_as_they_were() -> None:
    """Old readers find every key they read before, with the same figures."""
    data = rollup_json("2024-06-30")
    for key in ("version", "as_of", "plans", "total", "unfunded", "funders", "units", "funds"):
        assert key in data
    assert all({"name", "amount"} <= row.keys() for row in data["funders"])
    assert all({"fund", "amount"} <= row.keys() for row in data["funds"])
    assert all({"year", "amount"} <= row.keys() for row in data["years"])
    assert all({"name", "shares", "total"} <= row.keys() for row in data["units"])
    for rows in (data["funders"], data["funds"], data["years"]):
        assert all(row["amount"] == row["planned"] for row in rows)
    assert _sum([Decimal(f["amount"]) for f in data["funders"]]) + Decimal(
        data["unfunded"]
    ) == Decimal(data["total"])


def test_unassigned_is_named_in_the_readers_language() -> None:
    chinese = rollup_json("2024-06-30")
    english = rollup_json("2024-06-30", "--lang", "en")
    assert UNASSIGNED in [row["year"] for row in chinese["years"]]
    assert "(unassigned)" in [row["year"] for row in english["years"]]
    assert "未分类" not in json.dumps(english, ensure_ascii=False)
    text = rollup("--as-of", "2024-06-30", "--lang", "en").stdout
    assert "(unassigned)" in text
    assert "未分类" not in text


def test_text_shows_execution_in_chinese_and_english() -> None:
    out = rollup("--as-of", "2024-06-30").stdout
    for words in ("经费执行（截至 2024-06-30）", "各出资方到位与执行", "各资金来源到位与执行"):
        assert words in out
    for words in ("各年度到位与执行", "各单位到位与执行", "到位率", "执行率", "结余（元）"):
        assert words in out
    # 市福利彩票公益金: 75万 received for the first three centres, 68.35万 spent
    assert "750,000.00" in out
    assert "683,500.00" in out
    later = rollup_json("2024-06-30")["later"]
    assert later > 0
    assert f"另有 {later} 笔记录的日期在 2024-06-30 之后，未计入" in out
    english = rollup("--as-of", "2024-06-30", "--lang", "en").stdout
    assert "Execution by funder" in english
    assert "Received %" in english
    assert "经费执行" not in english


def test_a_rollup_without_records_says_so(in_tmp: Path) -> None:
    (in_tmp / "a.yaml").write_text("id: a\ntitle: 甲\nperiod: 2024年\n", encoding="utf-8")
    out = runner.invoke(app, ["rollup", ".", "--as-of", "2024-12-31"])
    assert out.exit_code == 0, out.output
    assert "尚无到位或支出记录" in out.stdout
    data = json.loads(runner.invoke(app, ["rollup", ".", "-f", "json"]).stdout)
    assert data["has_records"] is False
    assert (data["received"], data["spent"], data["received_rate"]) == ("0.00", "0.00", None)


SPENT_UNFUNDED = """\
id: u
title: 无出资方的支出
period: 2024年
funders:
  - {id: city, name: 市财政}
budget:
  lines:
    - id: paid
      name: 有人出资
      amount: 1000
      sharing: {remainder: city}
      received:
        - {funder: city, amount: 600, date: 2024-03-01}
      spent:
        - {amount: 300.01, date: 2024-04-01}
    - id: nobody
      name: 无人出资
      amount: 500
      spent:
        - {amount: 200.50, date: 2024-05-01}
"""


def test_spending_nobody_pays_for_is_said_not_lost(in_tmp: Path) -> None:
    (in_tmp / "u.yaml").write_text(SPENT_UNFUNDED, encoding="utf-8")
    out = runner.invoke(app, ["rollup", "u.yaml", "--as-of", "2024-12-31", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data["spent"] == "500.51"
    assert data["spent_without_funder"] == "200.50"
    assert _by(data["funders"], "name", "spent") == {"市财政": Decimal("300.01")}
    text = runner.invoke(app, ["rollup", "u.yaml", "--as-of", "2024-12-31"]).stdout
    assert "另有支出 200.50 元花在没有出资方承担的经费上" in text


def test_merging_rollups_gives_the_same_figures_as_adding_plans() -> None:
    """The site adds plans in workers and merges their rollups."""
    day = date(2025, 6, 30)
    one, merged = Rollup(day), Rollup(day)
    for path in PLANS:
        figures = check_file(path).figures
        assert figures is not None
        one.add(figures, path.name)
        part = Rollup(day)
        part.add(figures, path.name)
        merged.merge(part)
    assert rollup_data(merged) == rollup_data(one)
    assert rollup_data(one, "en") != rollup_data(one)
