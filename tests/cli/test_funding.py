"""`cplan funding` and `cplan rollup` through the real entry point."""

from __future__ import annotations

import json
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from cplan.check import check_text
from cplan.cli import app
from cplan.compute.rollup import Rollup
from cplan.render.context import rollup_data
from tests.conftest import ROOT

runner = CliRunner()


def test_funding_of_the_13_rehabilitation_centres() -> None:
    out = runner.invoke(
        app, ["funding", str(ROOT / "examples" / "rehab-centres.yaml"), "-f", "json"]
    )
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    # base funds: 13 centres × 100 × 400 × 12 = 6,240,000; city 2,640,000 and district 3,600,000
    base = next(line for line in data["lines"] if line["amount"] == "6240000.00")
    assert sorted(base["shares"].values()) == ["2640000.00", "3600000.00"]
    # every line's shares add up to the line, and all shares to the budget
    for line in data["lines"]:
        assert sum(Decimal(v) for v in line["shares"].values()) == Decimal(line["amount"])
    assert sum(Decimal(f["amount"]) for f in data["funders"]) == Decimal(data["total"])
    assert data["unfunded"] == "0.00"
    assert data["problems"] == []


def test_funding_text_of_the_jiangyan_staff_costs() -> None:
    out = runner.invoke(app, ["funding", str(ROOT / "examples" / "jiangyan-communities.yaml")])
    assert out.exit_code == 0
    # the city's 12.5万 subsidy and the town paying the rest of 103.4万
    assert "125,000.00" in out.output
    assert "909,000.00" in out.output


def test_rollup_of_the_sample_repository() -> None:
    out = runner.invoke(app, ["rollup", str(ROOT / "plans"), "--as-of", "2026-09-30", "-f", "json"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.output)
    assert len(data["plans"]) == len(list((ROOT / "plans").rglob("*.yaml")))
    funders = sum(Decimal(f["amount"]) for f in data["funders"])
    assert funders + Decimal(data["unfunded"]) == Decimal(data["total"])
    assert sum(f["targets"] for f in data["families"]) > 0


def test_rollup_skips_invalid_plans_and_exits_1(in_tmp: Path) -> None:
    (in_tmp / "good.yaml").write_text("id: g\ntitle: 好\nperiod: 2024年\n", encoding="utf-8")
    (in_tmp / "bad.yaml").write_text("id: b\nperiod: 2024年\n", encoding="utf-8")
    out = runner.invoke(app, ["rollup", ".", "-f", "json"])
    assert out.exit_code == 1
    assert "bad.yaml:1:1: error CP101" in out.output
    assert "1 个方案无法计算" in out.output


CENTRE = """\
  - {{id: {cid}, name: {name}, kind: 中心, sharing: "{ratio}", quantities: {{服务人数: {people}}}}}
"""

HEAD = """\
id: {pid}
title: 康复中心方案
period: 2024年
funders:
  - {{id: city, name: 市财政}}
  - {{id: district, name: 区财政}}
budget:
  sharing: {{funders: [city, district], ratio: "5:5"}}
  lines:
    - {{id: base, name: 基本运营经费, rate: 400, quantity: 100, period: 12, unit_kind: 中心}}
    - {{id: perf, name: 绩效经费, rate: 400, quantity: 服务人数, quantity_above: 100, quantity_max: 200, period: 12, unit_kind: 中心}}
    - {{id: facility, name: 设施经费, amount: 25万元, unit_kind: 中心}}
units:
"""

centres = st.lists(
    st.tuples(
        st.sampled_from(["5:5", "4:6", "8:2", "6:4", "0:10", "1:2"]),
        st.integers(min_value=0, max_value=260),
    ),
    min_size=1,
    max_size=6,
)


def plan_for(pid: str, rows: list[tuple[int, str, int]]) -> str:
    body = "".join(
        CENTRE.format(cid=f"c{i}", name=f"中心{i}", ratio=ratio, people=people)
        for i, ratio, people in rows
    )
    return HEAD.format(pid=pid) + body


@settings(max_examples=40, suppress_health_check=[HealthCheck.too_slow])
@given(rows=centres)
def test_rollup_is_the_same_for_one_plan_or_one_plan_per_centre(
    rows: list[tuple[str, int]],
) -> None:
    numbered = [(i, ratio, people) for i, (ratio, people) in enumerate(rows)]
    merged, split = (
        Rollup(as_of=__import__("datetime").date(2024, 12, 31)),
        Rollup(as_of=__import__("datetime").date(2024, 12, 31)),
    )
    whole = check_text(plan_for("all", numbered), "all.yaml").figures
    assert whole is not None
    merged.add(whole, "all.yaml")
    for row in numbered:
        part = check_text(plan_for(f"p{row[0]}", [row]), "p.yaml").figures
        assert part is not None
        split.add(part, "p.yaml")
    one, many = rollup_data(merged), rollup_data(split)
    assert one["units"] == many["units"]
    assert one["funders"] == many["funders"]
    assert one["total"] == many["total"]


# -- budget execution (到位、支出) ------------------------------------------------------


def _yuan(text: object) -> Decimal:
    """An amount as the examples write it (132万元, 28.8万元, 480000) in 元, by hand."""
    value = str(text)
    if value.endswith("万元"):
        return Decimal(value[:-2]) * 10000
    return Decimal(value.removesuffix("元"))


def _largest_remainder(total: Decimal, weights: list[Decimal]) -> list[Decimal]:
    """Split ``total`` in fen pro rata to ``weights``; leftover fen to the largest
    remainders, earlier first: written again here so the test does not trust cplan's."""
    fen = int(total * 100)
    whole = sum(weights)
    exact = [Fraction(fen) * Fraction(w) / Fraction(whole) for w in weights]
    parts = [int(x) for x in exact]
    order = sorted(range(len(exact)), key=lambda i: (-(exact[i] - parts[i]), i))
    for i in order[: fen - sum(parts)]:
        parts[i] += 1
    return [Decimal(p) / 100 for p in parts]


def test_execution_of_the_rehabilitation_centres_is_exact_to_the_fen() -> None:
    path = ROOT / "examples" / "rehab-centres.yaml"
    plan = yaml.safe_load(path.read_text(encoding="utf-8"))
    out = runner.invoke(app, ["funding", str(path), "--as-of", "2014-12-31", "-f", "json"])
    assert out.exit_code == 0, out.output
    execution = json.loads(out.output)["execution"]
    assert execution["as_of"] == "2014-12-31"
    assert execution["later"] == 0
    rows = {(row["id"], row["unit"]): row for row in execution["lines"]}

    lines = {line["id"]: line for line in plan["budget"]["lines"]}
    received_total = spent_total = Decimal(0)
    for line_id, line in lines.items():
        received = sum((_yuan(r["amount"]) for r in line.get("received", [])), Decimal(0))
        spent = sum((_yuan(s["amount"]) for s in line.get("spent", [])), Decimal(0))
        row = rows[line_id, None]
        assert Decimal(row["received"]) == received
        assert Decimal(row["spent"]) == spent
        assert Decimal(row["unspent"]) == received - spent
        if received:
            assert Fraction(row["received_rate_raw"]) == Fraction(received) / Fraction(
                Decimal(row["planned"])
            )
        received_total += received
        spent_total += spent
    assert Decimal(execution["total"]["received"]) == received_total
    assert Decimal(execution["total"]["spent"]) == spent_total

    # 基本运营服务经费: 48万 per centre, the city's part by each centre's ratio (5:5, 4:6 ...)
    centres = [u for u in plan["units"] if u.get("kind") == "中心"]
    city_due = []
    for centre in centres:
        city, district = (Decimal(p) for p in centre["sharing"].split(":"))
        city_due.append(Decimal(480000) * city / (city + district))
    base = lines["b-base"]
    by_unit = {c["id"]: Decimal(0) for c in centres}
    for receipt in base["received"]:
        if receipt.get("unit"):
            by_unit[receipt["unit"]] += _yuan(receipt["amount"])
        else:  # the city's transfers name no centre: split by what each is due from it
            parts = _largest_remainder(_yuan(receipt["amount"]), city_due)
            for centre, part in zip(centres, parts, strict=True):
                by_unit[centre["id"]] += part
    for centre_id, amount in by_unit.items():
        assert Decimal(rows["b-base", centre_id]["received"]) == amount, centre_id
    assert sum(by_unit.values()) == Decimal(rows["b-base", None]["received"])
    city = rows["b-base", None]["funders"]["city"]
    assert Decimal(city["received"]) == sum(
        (_yuan(r["amount"]) for r in base["received"] if r["funder"] == "city"), Decimal(0)
    )
    assert Decimal(city["planned"]) == sum(city_due)
    # the centre with 0:10 gets none of the city's money; the 8:2 centre the most
    assert rows["b-base", "c-nansha"]["funders"]["city"]["received"] == "0.00"


def test_funding_text_shows_execution_and_english() -> None:
    path = str(ROOT / "examples" / "rehab-centres.yaml")
    out = runner.invoke(app, ["funding", path, "--as-of", "2014-12-31"])
    assert out.exit_code == 0, out.output
    assert "经费执行（截至 2014-12-31" in out.output
    assert "到位率" in out.output
    assert "执行率" in out.output
    # the first three centres' facility money: 75万 received, 68.35万 spent, 91.1% spent
    assert "683,500.00" in out.output
    assert "91.1%" in out.output
    assert "结余 66,500.00 元" in out.output
    out = runner.invoke(app, ["funding", path, "--as-of", "2014-12-31", "--lang", "en"])
    assert out.exit_code == 0, out.output
    assert "Budget execution (as of 2014-12-31" in out.output
    assert "Spent %" in out.output
    assert "unspent" in out.output
