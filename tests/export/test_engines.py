"""The tables as engines read them: DuckDB's sums equal `cplan rollup` to the fen, the
column types are what docs/export.md promises, the ids join, and the CSV holds the same
rows as the Parquet."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

from typer.testing import CliRunner

from cplan.cli import app
from cplan.export.tables import TABLES
from tests.conftest import ROOT
from tests.export.conftest import export, sql

AS_OF = "2025-06-30"
UNASSIGNED = "(未分类)"
DUCKDB_TYPES = {
    "text": "VARCHAR",
    "int": "BIGINT",
    "bool": "BOOLEAN",
    "date": "DATE",
    "money": "DECIMAL(20,2)",
    "measure": "DECIMAL(38,10)",
}


def rollup_json() -> dict[str, object]:
    out = CliRunner().invoke(
        app, ["rollup", str(ROOT / "examples"), str(ROOT / "plans"), "--format", "json",
              "--as-of", AS_OF],
    )  # fmt: skip
    assert out.exit_code == 0, out.stderr
    data = json.loads(out.stdout)
    assert isinstance(data, dict)
    return data


def grouped(query: str) -> dict[str, Decimal]:
    return {str(key): amount for key, amount in sql(query)}  # type: ignore[misc]


def test_duckdb_sums_equal_cplan_rollup_to_the_fen(shipped: Path) -> None:
    data = rollup_json()
    shares = f"read_parquet('{shipped}/shares.parquet')"
    funders = f"read_parquet('{shipped}/funders.parquet')"
    units = f"read_parquet('{shipped}/units.parquet')"
    plans = f"read_parquet('{shipped}/plans.parquet')"
    lines = f"read_parquet('{shipped}/budget_lines.parquet')"
    by_funder = grouped(
        f"SELECT f.name, sum(s.amount) FROM {shares} s JOIN {funders} f"
        " USING (file, plan_id, funder_id) GROUP BY f.name"
    )
    assert by_funder == {f["name"]: Decimal(f["amount"]) for f in data["funders"]}  # type: ignore[attr-defined,index]
    by_unit = sql(
        f"SELECT coalesce(u.name, '(' || p.title || ')') AS unit, f.name, sum(s.amount)"
        f" FROM {shares} s JOIN {funders} f USING (file, plan_id, funder_id)"
        f" JOIN {plans} p USING (file, plan_id)"
        f" LEFT JOIN {units} u USING (file, plan_id, unit_id) GROUP BY ALL"
    )
    expected = {
        (u["name"], funder): Decimal(amount)
        for u in data["units"]  # type: ignore[attr-defined]
        for funder, amount in u["shares"].items()
    }
    assert {(unit, funder): amount for unit, funder, amount in by_unit} == expected
    by_fund = grouped(
        f"SELECT coalesce(fund, '{UNASSIGNED}'), sum(amount) FROM {shares} GROUP BY ALL"
    )
    assert by_fund == {f["fund"]: Decimal(f["amount"]) for f in data["funds"]}  # type: ignore[attr-defined,index]
    by_year = grouped(
        f"SELECT coalesce(CAST(l.year AS VARCHAR), '{UNASSIGNED}'), sum(s.amount)"
        f" FROM {shares} s JOIN {lines} l USING (file, plan_id, line_id) GROUP BY ALL"
    )
    assert by_year == {y["year"]: Decimal(y["amount"]) for y in data["years"]}  # type: ignore[attr-defined,index]
    [(total,)] = sql(f"SELECT sum(budget_total) FROM {plans}")
    assert total == Decimal(data["total"])  # type: ignore[arg-type]
    [(unfunded,)] = sql(f"SELECT sum(unfunded) FROM {plans}")
    assert unfunded == Decimal(data["unfunded"])  # type: ignore[arg-type]
    assert sum(by_funder.values()) > 0


def test_duckdb_sees_the_documented_column_types(shipped: Path) -> None:
    for name, columns in TABLES.items():
        described = sql(f"DESCRIBE SELECT * FROM read_parquet('{shipped}/{name}.parquet')")
        assert [(row[0], row[1]) for row in described] == [
            (c.name, DUCKDB_TYPES[c.kind]) for c in columns
        ], name


def test_every_row_joins_its_plan_and_its_parent(shipped: Path) -> None:
    def table(name: str) -> str:
        return f"read_parquet('{shipped}/{name}.parquet')"

    for name in TABLES:
        if name in ("plans", "findings"):
            continue
        [(orphans,)] = sql(
            f"SELECT count(*) FROM {table(name)} c ANTI JOIN {table('plans')} p"
            " USING (file, plan_id)"
        )
        assert orphans == 0, name
    for child, parent, key in [
        ("shares", "budget_lines", "line_id"),
        ("shares", "funders", "funder_id"),
        ("actuals", "targets", "target_id"),
        ("tasks", "phases", "phase_id"),
        ("members", "committees", "committee_id"),
        ("receipts", "budget_lines", "line_id"),
        ("expenses", "budget_lines", "line_id"),
    ]:
        [(orphans,)] = sql(
            f"SELECT count(*) FROM {table(child)} c ANTI JOIN {table(parent)} p"
            f" USING (file, plan_id, {key})"
        )
        assert orphans == 0, (child, parent)
    [(plans, files, ids)] = sql(
        f"SELECT count(*), count(DISTINCT file), count(DISTINCT plan_id) FROM {table('plans')}"
    )
    assert plans == files == ids == 11


def test_the_csv_holds_the_same_rows_and_duckdb_reads_it(shipped: Path, tmp_path: Path) -> None:
    folder = tmp_path / "csv"
    code, _, stderr = export(folder, "examples", "plans", "--format", "csv")
    assert code == 0, stderr
    for name, columns in TABLES.items():
        raw = (folder / f"{name}.csv").read_bytes()
        assert not raw.startswith(b"\xef\xbb\xbf"), "plain UTF-8, no BOM"
        header = raw.decode("utf-8").splitlines()[0]
        assert header == ",".join(f'"{c.name}"' for c in columns)
        types = ", ".join(f"'{c.name}': '{DUCKDB_TYPES[c.kind]}'" for c in columns)
        order = ", ".join(str(i + 1) for i in range(len(columns)))
        from_csv = sql(
            f"SELECT * FROM read_csv('{folder}/{name}.csv', header = true,"
            f" columns = {{{types}}}) ORDER BY {order}"
        )
        from_parquet = sql(
            f"SELECT * FROM read_parquet('{shipped}/{name}.parquet') ORDER BY {order}"
        )
        assert from_csv == from_parquet, name
    text = (folder / "plans.csv").read_text(encoding="utf-8")
    assert "梧桐里" in text or "社区" in text
