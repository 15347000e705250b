"""`cplan export` checks each plan once: its findings are `cplan validate`'s, finding for
finding (across files too), with one process or two, and `cplan validate` afterwards is
answered from the cache the export filled."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pyarrow.parquet as pq
import pytest
from typer.testing import CliRunner

from cplan.check import FileResult, check_file
from cplan.cli import app
from cplan.config import Settings
from cplan.export.tables import TABLES
from tests.conftest import ROOT
from tests.export.conftest import BROKEN, GOOD, NO_MONEY, export, write_repo

sys.path.insert(0, str(ROOT))
from benchmarks.generate import plan_yaml

NANYUAN = "{id: nanyuan, name: 南苑社区}"


def make_repo(folder: Path) -> Path:
    """20 plans (enough for worker processes): generated ones, one of them twice (CP801),
    a unit naming a plan that does not list it (CP803) or no plan there is (CP802), a plan
    whose money cannot be computed and one that cannot be read."""
    plans = {f"plan-{i:02d}": plan_yaml(12, 6, units=4, seed=i) for i in range(15)}
    plans["plan-again"] = plan_yaml(12, 6, units=4, seed=3)
    linked = GOOD.replace(NANYUAN, "{id: nanyuan, name: 南苑社区, plan: no-money}")
    elsewhere = GOOD.replace("id: good\n", "id: elsewhere\n", 1).replace(
        NANYUAN, "{id: nanyuan, name: 南苑社区, plan: nowhere}"
    )
    return write_repo(
        folder, **plans, good=linked, elsewhere=elsewhere, no_money=NO_MONEY, broken=BROKEN
    )


def validate_json(cwd: Path, *args: str) -> tuple[int, str]:
    """``cplan validate repo --format json ARGS`` in ``cwd``: (exit code, stdout)."""
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(cwd)
        out = CliRunner().invoke(
            app, ["validate", "repo", "--format", "json", *args], env={"CPLAN_LANG": ""}
        )
    return out.exit_code, out.stdout


def table(folder: Path, name: str) -> list[dict[str, Any]]:
    """The rows of one exported table, in the order written."""
    return pq.read_table(folder / f"{name}.parquet").to_pylist()  # type: ignore[no-any-return]


def test_findings_are_validates_with_one_process_or_two(tmp_path: Path) -> None:
    make_repo(tmp_path / "repo")
    one, two = tmp_path / "one", tmp_path / "two"
    assert export(one, "repo", "-j", "1", cwd=tmp_path)[0] == 1
    assert export(two, "repo", "-j", "2", cwd=tmp_path)[0] == 1
    for name in TABLES:
        assert table(one, name) == table(two, name), name

    code, stdout = validate_json(tmp_path, "--no-cache")
    assert code == 1
    report = json.loads(stdout)
    expected = [
        (d["path"], d["line"], d["column"], d["end_line"], d["end_column"], d["code"],
         d["severity"], d["message"])
        for entry in report["files"] for d in entry["diagnostics"]
    ]  # fmt: skip
    findings = table(two, "findings")
    assert [
        (f["file"], f["line"], f["column"], f["end_line"], f["end_column"], f["code"],
         f["severity"], f["message"])
        for f in findings
    ] == expected  # fmt: skip
    across = {(f["file"], f["code"], f["plan_id"]) for f in findings if f["cross_file"]}
    assert across == {
        ("repo/plan-again.yaml", "CP801", "bench-12-6-3"),
        ("repo/good.yaml", "CP803", "good"),
        ("repo/elsewhere.yaml", "CP802", "elsewhere"),
    }

    counted: dict[str, list[int]] = {}
    for entry in report["files"]:
        tally = counted.setdefault(entry["path"], [0, 0])
        tally[0] += entry["errors"]
        tally[1] += entry["warnings"]
    plans = table(two, "plans")
    assert {p["file"]: [p["errors"], p["warnings"]] for p in plans} == counted
    assert [p["file"] for p in plans] == list(counted)  # in the order validate lists them
    assert len(plans) == 20


def test_each_plan_is_checked_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path / "repo", good=GOOD, no_money=NO_MONEY, broken=BROKEN)
    checked: list[str] = []

    def counted(path: Path, shown: str, settings: Settings) -> FileResult:
        checked.append(shown)
        return check_file(path, shown, settings)

    monkeypatch.setattr("cplan.export.rows.check_file", counted)
    monkeypatch.setattr("cplan.batch.check_file", None)  # not through validate's checks
    assert export(tmp_path / "out", "repo", "-j", "1", cwd=tmp_path)[0] == 1
    assert checked == ["repo/broken.yaml", "repo/good.yaml", "repo/no_money.yaml"]


def test_validate_after_an_export_checks_no_plan_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    make_repo(tmp_path / "repo")
    monkeypatch.setenv("CPLAN_CACHE_DIR", str(tmp_path / "cache"))
    fresh = validate_json(tmp_path, "--no-cache")
    assert export(tmp_path / "out", "repo", "-j", "2", cwd=tmp_path)[0] == 1

    def checked_again(path: Path, *args: object) -> None:
        raise AssertionError(f"{path} was checked again")

    monkeypatch.setattr("cplan.batch.check_file", checked_again)
    assert validate_json(tmp_path, "-j", "1") == fresh


def test_no_cache_leaves_the_cache_alone(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write_repo(tmp_path / "repo", good=GOOD)
    monkeypatch.setenv("CPLAN_CACHE_DIR", str(tmp_path / "cache"))
    assert export(tmp_path / "out", "repo", "--no-cache", cwd=tmp_path)[0] == 0
    assert not (tmp_path / "cache").exists()
    assert export(tmp_path / "out", "repo", cwd=tmp_path)[0] == 0
    assert len(list((tmp_path / "cache").glob("*/*.json"))) == 1
