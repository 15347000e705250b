"""Budget execution in ``cplan funding`` and ``cplan status``: plain data for ``--format
json`` and the terminal tables drawn from it; and the execution tables of ``cplan rollup``
(:func:`print_rollup_execution`, from :func:`cplan.render.context.rollup_data`).

JSON (the ``execution`` key of both commands; amounts in 元 as strings exact to the fen,
rates as status presents progress: a percentage string with two decimals, and the exact
fraction as ``*_raw``, e.g. ``"2/3"``; None when nothing is planned)::

    {"as_of", "time_elapsed", "time_elapsed_raw", "has_records", "later",
     "unattributed", "total": FIGURES,
     "lines": [{"id", "name", "unit", "unit_name", "time_elapsed", "time_elapsed_raw",
                **FIGURES, "funders": {funder id: FIGURES}}],   # line, then its units
     "funders": [{"id", "name", **FIGURES}], "units": [{"id", "name", **FIGURES}],
     "alerts": [{"kind", "line", "unit", "funder", "units", "text"}]}

    FIGURES = {"planned", "received", "spent", "unspent", "received_rate",
               "received_rate_raw", "spent_rate", "spent_rate_raw"}
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from rich.console import Console
from rich.table import Table

from cplan.compute.execution import Execution, ExecutionFigures
from cplan.messages import alert_text, render_message
from cplan.model import Plan
from cplan.render.context import exact, money, percent
from cplan.render.terminal import plain, yuan
from cplan.render.wording import percent as percent_text


def figures_data(item: Execution) -> dict[str, Any]:
    """Planned, received, spent, 结余 and the two rates of one row, as plain data."""
    return {
        "planned": money(item.planned),
        "received": money(item.received),
        "spent": money(item.spent),
        "unspent": money(item.unspent),
        "received_rate": percent(item.received_rate),
        "received_rate_raw": exact(item.received_rate),
        "spent_rate": percent(item.spent_rate),
        "spent_rate_raw": exact(item.spent_rate),
    }


def execution_json(plan: Plan, figures: ExecutionFigures, lang: str) -> dict[str, Any]:
    """Everything the commands show of budget execution, as plain data (module doc)."""
    units = {unit.id: unit.name for unit in plan.units}
    funders = {funder.id: funder.name for funder in plan.funders}
    return {
        "as_of": figures.as_of.isoformat(),
        "time_elapsed": percent(figures.elapsed),
        "time_elapsed_raw": exact(figures.elapsed),
        "has_records": figures.has_records,
        "later": figures.later,
        "unattributed": len(figures.unattributed),
        "total": figures_data(figures.total),
        "lines": [
            {
                "id": row.line,
                "name": row.name,
                "unit": row.unit,
                "unit_name": units.get(row.unit, row.unit) if row.unit else None,
                "time_elapsed": percent(row.elapsed),
                "time_elapsed_raw": exact(row.elapsed),
                **figures_data(row.total),
                "funders": {f: figures_data(item) for f, item in row.by_funder.items()},
            }
            for row in figures.lines
        ],
        "funders": [
            {"id": f, "name": funders.get(f, f), **figures_data(item)}
            for f, item in figures.by_funder.items()
        ],
        "units": [
            {"id": u, "name": units.get(u, u), **figures_data(item)}
            for u, item in figures.by_unit.items()
        ],
        "alerts": [
            {
                "kind": alert.kind,
                "line": alert.line,
                "unit": alert.unit,
                "funder": alert.funder,
                "units": list(_units(alert.params)),
                "text": alert_text(alert, lang),
            }
            for alert in figures.alerts
        ],
    }


def _units(params: Mapping[str, object]) -> tuple[str, ...]:
    units = params.get("units")
    return tuple(str(unit) for unit in units) if isinstance(units, tuple) else ()


def _word(key: str, lang: str, **args: object) -> str:
    return render_message(f"execution.{key}", args, lang)


def _rate(value: str | None) -> str:
    """A rate from the JSON ("64.29") as the text shows it: one decimal ("64.3%")."""
    if value is None:
        return "—"
    from fractions import Fraction

    return percent_text(Fraction(value) / 100)


_COLUMNS = ("planned", "received", "received_rate", "spent", "spent_rate", "unspent")


def _table(
    title: str, head: list[str], rows: list[tuple[list[str], dict[str, Any]]], lang: str
) -> Table:
    table = Table(title=plain(title), title_justify="left")
    for column in head:
        table.add_column(plain(column))
    for column in _COLUMNS:
        table.add_column(plain(_word(column, lang)), justify="right", no_wrap=True)
    for names, item in rows:
        cells = [
            _rate(item[column]) if column.endswith("rate") else yuan(item[column])
            for column in _COLUMNS
        ]
        table.add_row(*(plain(cell) for cell in [*names, *cells]))
    return table


def print_execution(console: Console, data: dict[str, Any], lang: str) -> None:
    """The execution tables: by line (with its units and time elapsed), by funder, by unit;
    then the alerts, one sentence each."""
    elapsed = _rate(data["time_elapsed"])
    console.print(plain(_word("heading", lang, as_of=data["as_of"], elapsed=elapsed)))
    if not data["has_records"]:
        console.print(plain(_word("none", lang)))
        return
    rows: list[tuple[list[str], dict[str, Any]]] = [
        (
            [
                line["name"] if line["unit"] is None else f"  {line['unit_name']}",
                _rate(line["time_elapsed"]),
            ],
            line,
        )
        for line in data["lines"]
    ]
    rows.append(([_word("total", lang), elapsed], data["total"]))
    console.print(
        _table(_word("by_line", lang), [_word("line", lang), _word("time", lang)], rows, lang)
    )
    console.print(
        _table(
            _word("by_funder", lang),
            [_word("funder", lang)],
            [([funder["name"]], funder) for funder in data["funders"]],
            lang,
        )
    )
    if data["units"]:
        console.print(
            _table(
                _word("by_unit", lang),
                [_word("unit", lang)],
                [([unit["name"]], unit) for unit in data["units"]],
                lang,
            )
        )
    if data["later"]:
        console.print(plain(_word("later", lang, count=data["later"], as_of=data["as_of"])))
    if data["unattributed"]:
        console.print(plain(_word("unattributed", lang, count=data["unattributed"])))
    if data["alerts"]:
        console.print(plain(_word("alerts", lang)))
        for alert in data["alerts"]:
            console.print(plain(f"- {alert['text']}"))


def print_rollup_execution(console: Console, data: dict[str, Any], lang: str) -> None:
    """The execution tables of ``cplan rollup``: by funder (with the total), by fund, by
    year and by unit; then what the figures leave out."""
    console.print(plain(_word("rollup_heading", lang, as_of=data["as_of"])))
    if not data["has_records"]:
        console.print(plain(_word("none", lang)))
        return
    total = ([_word("total", lang)], data)
    for title, head, key, name in (
        ("by_funder", "funder", "funders", "name"),
        ("by_fund", "fund", "funds", "fund"),
        ("by_year", "year", "years", "year"),
        ("by_unit", "unit", "units", "name"),
    ):
        rows = [([row[name]], row) for row in data[key]]
        if key == "funders":
            rows.append(total)
        console.print(_table(_word(title, lang), [_word(head, lang)], rows, lang))
    if data["spent_without_funder"] != "0.00":
        amount = yuan(data["spent_without_funder"])
        console.print(plain(_word("without_funder", lang, amount=amount)))
    if data["later"]:
        console.print(plain(_word("later", lang, count=data["later"], as_of=data["as_of"])))
    if data["unattributed"]:
        console.print(plain(_word("unattributed", lang, count=data["unattributed"])))
