"""Checks across the files of a repository: plan ids, and a portfolio against its units."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cplan.cli import app

runner = CliRunner()

CITY = """\
id: city-2025
title: 市级康复中心方案
period: 2025年
units:
  - {{id: c-baiyun, name: 白云区中心, kind: 中心, sharing: "5:5", plan: {baiyun}}}
  - {{id: c-tianhe, name: 天河区中心, kind: 中心, sharing: "4:6", plan: tianhe-2025}}
funders: [{{id: city, name: 市财政}}, {{id: district, name: 区财政}}]
budget:
  sharing: {{funders: [city, district], ratio: "5:5"}}
  lines: [{{id: base, name: 基本运营经费, amount: 48万元, unit_kind: 中心}}]
"""
CENTRE = """\
id: {pid}
title: {name}方案
period: 2025年
units:
  - {{id: {uid}, name: {name}, kind: 中心, sharing: "{ratio}"}}
funders: [{{id: city, name: 市财政}}, {{id: district, name: 区财政}}]
budget:
  sharing: {{funders: [city, district], ratio: "5:5"}}
  lines: [{{id: base, name: 基本运营经费, amount: 48万元, units: [{uid}]}}]
"""


def repo(
    folder: Path,
    *,
    baiyun: str = "baiyun-2025",
    tianhe_ratio: str = "4:6",
    tianhe_id: str = "tianhe-2025",
) -> None:
    (folder / "plans").mkdir()
    (folder / "plans" / "city.yaml").write_text(CITY.format(baiyun=baiyun), encoding="utf-8")
    (folder / "plans" / "baiyun.yaml").write_text(
        CENTRE.format(pid="baiyun-2025", uid="c-baiyun", name="白云区中心", ratio="5:5"),
        encoding="utf-8",
    )
    (folder / "plans" / "tianhe.yaml").write_text(
        CENTRE.format(pid=tianhe_id, uid="c-tianhe", name="天河区中心", ratio=tianhe_ratio),
        encoding="utf-8",
    )


def found(*args: str) -> tuple[int, list[str]]:
    out = runner.invoke(app, ["validate", "--format", "json", *args])
    doc = json.loads(out.output)
    return out.exit_code, [
        f"{d['path']}:{d['line']}:{d['column']} {d['code']}"
        for f in doc["files"]
        for d in f["diagnostics"]
    ]


def test_a_consistent_portfolio_passes(in_tmp: Path) -> None:
    repo(in_tmp)
    assert found("plans") == (0, [])


def test_unit_plan_missing_and_ratio_disagreeing(in_tmp: Path) -> None:
    repo(in_tmp, baiyun="baiyun-2026", tianhe_ratio="5:5")
    code, problems = found("plans")
    assert code == 1
    assert problems == [
        "plans/city.yaml:5:65 CP802",  # baiyun-2026 is nowhere (at the plan: value)
        "plans/city.yaml:6:52 CP803",  # 4:6 here, 5:5 in tianhe.yaml (at the sharing: value)
    ]
    # the cache keeps what the cross-file checks need: the same answer again
    assert found("plans") == (code, problems)


def test_plan_ids_unique_across_the_repository(in_tmp: Path) -> None:
    repo(in_tmp, tianhe_id="baiyun-2025")
    code, problems = found("plans")
    assert code == 1
    assert "plans/tianhe.yaml:1:5 CP801" in problems
    message = runner.invoke(app, ["validate", "plans"]).output
    assert "方案标识符 baiyun-2025 已被 plans/baiyun.yaml 使用" in message


def test_unit_missing_from_its_own_plan(in_tmp: Path) -> None:
    repo(in_tmp)
    tianhe = in_tmp / "plans" / "tianhe.yaml"
    tianhe.write_text(
        tianhe.read_text(encoding="utf-8").replace("c-tianhe", "c-other"), encoding="utf-8"
    )
    assert found("plans")[1] == ["plans/city.yaml:6:65 CP803"]  # at the plan: value
