"""The tables as engines read them: DuckDB's sums equal `cplan rollup` to the fen (planned
shares, and money received and spent as of a date, with the queries of docs/export.md),
the column types are what docs/export.md promises, the ids join, and the CSV holds the
same rows as the Parquet."""

from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from cplan.export.tables import TABLES
from tests.conftest import ROOT
from tests.export.conftest import GOOD, NO_MONEY, export, sql, write_repo

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


def rollup_json(*paths: Path, as_of: str = AS_OF, code: int = 0) -> dict[str, Any]:
    """``cplan rollup PATHS --format json --as-of AS_OF`` (by default the shipped plans)."""
    given = paths or (ROOT / "examples", ROOT / "plans")
    out = CliRunner().invoke(
        app, ["rollup", *map(str, given), "--format", "json", "--as-of", as_of]
    )
    assert out.exit_code == code, out.stderr
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
    assert by_funder == {f["name"]: Decimal(f["amount"]) for f in data["funders"]}
    by_unit = sql(
        f"SELECT coalesce(u.name, '(' || p.title || ')') AS unit, f.name, sum(s.amount)"
        f" FROM {shares} s JOIN {funders} f USING (file, plan_id, funder_id)"
        f" JOIN {plans} p USING (file, plan_id)"
        f" LEFT JOIN {units} u USING (file, plan_id, unit_id) GROUP BY ALL"
    )
    expected = {
        (u["name"], funder): Decimal(amount)
        for u in data["units"]
        for funder, amount in u["shares"].items()
    }
    assert {(unit, funder): amount for unit, funder, amount in by_unit} == expected
    by_fund = grouped(
        f"SELECT coalesce(fund, '{UNASSIGNED}'), sum(amount) FROM {shares} GROUP BY ALL"
    )
    assert by_fund == {f["fund"]: Decimal(f["amount"]) for f in data["funds"]}
    by_year = grouped(
        f"SELECT coalesce(CAST(l.year AS VARCHAR), '{UNASSIGNED}'), sum(s.amount)"
        f" FROM {shares} s JOIN {lines} l USING (file, plan_id, line_id) GROUP BY ALL"
    )
    assert by_year == {y["year"]: Decimal(y["amount"]) for y in data["years"]}
    [(total,)] = sql(f"SELECT sum(budget_total) FROM {plans}")
    assert total == Decimal(data["total"])
    [(unfunded,)] = sql(f"SELECT sum(unfunded) FROM {plans}")
    assert unfunded == Decimal(data["unfunded"])
    assert sum(by_funder.values()) > 0


def documented_query(title: str, folder: Path, as_of: str) -> str:
    """The DuckDB query of docs/export.md headed ``-- TITLE``, over the export in
    ``folder``, as of ``as_of`` (the documented date replaced)."""
    text = (ROOT / "docs" / "export.md").read_text(encoding="utf-8")
    start = text.index(f"-- {title}")
    query = text[start : text.index(";", start)]
    assert "'out/" in query
    assert "DATE '2025-06-30'" in query
    return query.replace("'out/", f"'{folder}/").replace("2025-06-30", as_of)


def executed_in_duckdb(folder: Path, as_of: str) -> dict[str, Any]:
    """Received per funder, fund and year, received and spent in all, summed by DuckDB."""
    received = documented_query("到位：按出资方、资金来源和年度", folder, as_of)
    spent = documented_query("支出：按年度", folder, as_of)

    def by(key: str) -> dict[str, Decimal]:
        return grouped(f"SELECT {key}, sum(到位) FROM ({received}) GROUP BY ALL")

    [(total_received,)] = sql(f"SELECT coalesce(sum(到位), 0) FROM ({received})")
    [(total_spent,)] = sql(f"SELECT coalesce(sum(支出), 0) FROM ({spent})")
    return {
        "funders": by("出资方"),
        "funds": by("资金来源"),
        "years": by("年度"),
        "received": total_received,
        "spent": total_spent,
    }


def executed_in_rollup(data: dict[str, Any]) -> dict[str, Any]:
    """The same figures from ``cplan rollup --format json`` (keys that received nothing
    left out, as DuckDB has no row for them)."""

    def by(rows: list[dict[str, str]], key: str) -> dict[str, Decimal]:
        return {row[key]: Decimal(row["received"]) for row in rows if Decimal(row["received"])}

    return {
        "funders": by(data["funders"], "name"),
        "funds": by(data["funds"], "fund"),
        "years": by(data["years"], "year"),
        "received": Decimal(data["received"]),
        "spent": Decimal(data["spent"]),
    }


def test_received_and_spent_in_duckdb_equal_cplan_rollup_to_the_fen(shipped: Path) -> None:
    data = rollup_json()
    assert data["unattributed"] == 0  # every record counts somewhere: the tables hold them all
    assert data["later"] > 0  # records after the date: leaving the date out would differ
    found = executed_in_duckdb(shipped, AS_OF)
    assert found == executed_in_rollup(data)
    assert found["received"] > found["spent"] > 0
    assert len(found["funders"]) > 3
    assert len(found["years"]) > 1


#: A receipt dated by month and an expense by 旬: they count from their first day.
BY_MONTH = GOOD.replace(
    "      spent:\n",
    "        - {funder: street, amount: 20, date: 2025年4月}\n      spent:\n",
)
#: A plan whose money cannot be computed (rollup leaves it out) with a receipt.
REFUSED = NO_MONEY.replace(
    "amount: 50}", "amount: 50, received: [{funder: city, amount: 7, date: 2025年1月}]}"
)


@pytest.mark.parametrize(
    ("as_of", "received", "spent"),
    [
        ("2025-03-19", "0", "0"),
        ("2025-03-31", "33.34", "0"),
        ("2025-04-01", "53.34", "12.50"),  # 2025年4月 and 2025年4月上旬 count from 4月1日
        ("2025-12-31", "53.34", "12.50"),
    ],
)
def test_records_dated_by_month_count_from_their_first_day_in_both(
    tmp_path: Path, as_of: str, received: str, spent: str
) -> None:
    repo = write_repo(tmp_path / "repo", by_month=BY_MONTH, refused=REFUSED)
    code, _, stderr = export(tmp_path / "out", "repo", cwd=tmp_path)
    assert code == 1, stderr  # the refused plan is exported without its money
    [(stored,)] = sql(f"SELECT count(*) FROM read_parquet('{tmp_path}/out/receipts.parquet')")
    assert stored == 3
    data = rollup_json(repo, as_of=as_of, code=1)
    assert (Decimal(data["received"]), Decimal(data["spent"])) == (
        Decimal(received),
        Decimal(spent),
    )
    assert executed_in_duckdb(tmp_path / "out", as_of) == executed_in_rollup(data)


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
