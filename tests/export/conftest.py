"""An export of the shipped plans (examples/ and plans/), made once through the real
command, and a small repository of plans with problems to export."""

from __future__ import annotations

import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import ROOT

duckdb = pytest.importorskip("duckdb")
pytest.importorskip("pyarrow")

runner = CliRunner()


@pytest.fixture(autouse=True)
def own_cache(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CPLAN_CACHE_DIR", str(tmp_path_factory.getbasetemp() / "cache"))


def export(folder: Path, *args: str, cwd: Path = ROOT) -> tuple[int, str, str]:
    """``cplan export ARGS -o folder`` run in ``cwd``: (exit code, stdout, stderr)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        out = runner.invoke(app, ["export", *args, "-o", str(folder)], env={"CPLAN_LANG": ""})
    return out.exit_code, out.stdout, out.stderr


@pytest.fixture(scope="module")
def shipped(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The Parquet export of examples/ and plans/, file names relative to the project."""
    folder = tmp_path_factory.mktemp("shipped") / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("CPLAN_CACHE_DIR", str(folder.parent / "cache"))
        code, _, stderr = export(folder, "examples", "plans")
    assert code == 0, stderr
    return folder


def sql(query: str) -> list[tuple[object, ...]]:
    return duckdb.connect().execute(query).fetchall()  # type: ignore[no-any-return]


GOOD = """\
id: good
title: 某社区经费执行方案
period: 2025年
units:
  - {id: nanyuan, name: 南苑社区}
funders:
  - {id: city, name: 市财政, fund: 财政预算}
  - {id: street, name: 街道}
budget:
  sharing: {funders: [city, street], ratio: "1:2"}
  lines:
    - id: b-service
      name: 服务经费
      year: 2025
      amount: 100
      units: [nanyuan]
      received:
        - {funder: city, amount: 33.34, date: 2025年3月20日, unit: nanyuan, document: 财〔2025〕1号}
      spent:
        - {amount: 12.5, date: 2025年4月上旬, note: 宣传}
phases:
  - id: p1
    name: 启动
    when: 2025年4月中旬至5月上旬
    tasks:
      - {name: 入户调查, started: 2025年4月下旬, due: 2025年5月}
"""

#: A line for a unit the plan does not define: its money cannot be computed.
NO_MONEY = """\
id: no-money
title: 经费无法计算的方案
period: 2025年
funders:
  - {id: city, name: 市财政}
budget:
  sharing: {remainder: city}
  lines:
    - {id: b1, name: 服务经费, amount: 100, units: [nowhere]}
    - {id: b2, name: 宣传经费, amount: 50}
"""

BROKEN = "id: broken\ntitle: [没有闭合\nperiod: 2025年\n"


def write_repo(folder: Path, **plans: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in plans.items():
        (folder / f"{name}.yaml").write_text(textwrap.dedent(text), encoding="utf-8")
    return folder
