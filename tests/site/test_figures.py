"""Every figure on the pages equals what ``cplan status``, ``cplan funding`` and
``cplan rollup`` print as JSON: read back from the HTML, one by one."""

from __future__ import annotations

import json
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from cplan.check import check_plan, with_figures
from cplan.cli import app
from cplan.config import load_settings
from cplan.model.values import format_number
from tests.conftest import ROOT
from tests.site.conftest import AS_OF, Shown, Site, in_folder, read_figures, runner


def _json(*args: str) -> Any:
    with in_folder(ROOT):
        out = runner.invoke(app, [*args, "--format", "json"])
    assert out.exit_code in (0, 1), out.output
    return json.loads(out.stdout)


@pytest.fixture(scope="module")
def printed() -> dict[str, Any]:
    """The JSON the commands print: rollup of everything, status and funding per plan."""
    data: dict[str, Any] = {"rollup": _json("rollup", "plans", "examples", "--as-of", AS_OF)}
    for name in data["rollup"]["plans"]:
        data[f"status {name}"] = _json("status", name, "--as-of", AS_OF)
        data[f"funding {name}"] = _json("funding", name)
    return data


def _at(document: Any, key: str) -> Any:
    if key.startswith("count/"):
        return sum(t["status"] == key.removeprefix("count/") for t in document["targets"])
    for step in key.split("/"):
        document = document[int(step)] if isinstance(document, list) else document[step]
    return document


def _expected(shown: Shown, printed: dict[str, Any]) -> Any:
    if shown.source == "rollup":
        return _at(printed["rollup"], shown.key)
    assert shown.plan, f"{shown.fig} names no plan"
    return _at(printed[f"{shown.source} {shown.plan}"], shown.key)


_NUMBER = re.compile(r"-?[\d,]+(?:\.\d+)?")


def _reads_as(shown: Shown) -> None:
    """The text a reader sees says the same as the figure's value."""
    text, value = shown.text.strip(), shown.val
    if value == "":
        assert not re.search(r"\d", text), f"{shown.fig}: {text!r} for a missing value"
        return
    if shown.fmt == "money":
        number = _NUMBER.search(text)
        assert number, text
        amount = Decimal(number.group().replace(",", ""))
        if text.endswith("万元"):
            amount *= 10000
        else:
            assert text.endswith("元"), text
        assert amount == Decimal(value), f"{shown.fig}: {text} is not {value}"
    elif shown.fmt == "pct":
        assert f"{value}%" in text, f"{shown.fig}: {text} is not {value}%"
    elif shown.fmt == "date":
        year, month, day = (int(part) for part in value.split("-"))
        assert text == f"{year}年{month}月{day}日", f"{shown.fig}: {text} is not {value}"
    elif shown.fmt in ("num", "count"):
        numbers = _NUMBER.findall(text)
        assert value in numbers, f"{shown.fig}: {text} does not show {value}"
    else:
        assert text == value, f"{shown.fig}: {text!r} is not {value!r}"


def _all(site: Site) -> list[tuple[str, str | None, list[Shown]]]:
    pages = []
    for page in site.pages():
        plan, found, _ = read_figures(site.folder / page)
        pages.append((page, plan, found))
    return pages


def test_the_site_of_the_shipped_plans_is_built(shipped_site: Site) -> None:
    assert shipped_site.exit_code == 0, shipped_site.output
    assert "已生成网站" in shipped_site.output
    assert len(shipped_site.pages()) == 1 + 11


def test_every_figure_equals_the_json_output(shipped_site: Site, printed: dict[str, Any]) -> None:
    checked = 0
    for page, _, found in _all(shipped_site):
        assert found, f"{page} shows no figure"
        for shown in found:
            expected = _expected(shown, printed)
            assert shown.val == ("" if expected is None else str(expected)), (page, shown.fig)
            _reads_as(shown)
            checked += 1
    assert checked > 500


def test_every_figure_of_the_json_output_is_on_the_pages(
    shipped_site: Site, printed: dict[str, Any]
) -> None:
    """Each plan's targets, phases and money are on its page; the roll-up and every
    plan's progress and status counts on the portfolio."""
    pages = _all(shipped_site)
    index = {s.fig for s in pages[0][2] if s.source == "rollup"}
    rollup = printed["rollup"]
    wanted = {"rollup:total", "rollup:unfunded"}
    for part, field in (("funders", "amount"), ("funds", "amount"), ("years", "amount")):
        wanted |= {f"rollup:{part}/{i}/{field}" for i in range(len(rollup[part]))}
    for i, unit in enumerate(rollup["units"]):
        wanted |= {f"rollup:units/{i}/total"}
        wanted |= {f"rollup:units/{i}/shares/{name}" for name in unit["shares"]}
    for i, family in enumerate(rollup["families"]):
        wanted |= {f"rollup:families/{i}/targets", f"rollup:families/{i}/progress"}
        wanted |= {f"rollup:families/{i}/status/{name}" for name in family["status"]}
    assert wanted <= index, sorted(wanted - index)
    per_plan = {(s.plan, s.fig) for s in pages[0][2] if s.source == "status"}
    for name in rollup["plans"]:
        assert (name, "status:overall_progress") in per_plan
        assert (name, "status:count/滞后") in per_plan
    for _, plan, found in pages[1:]:
        shown = {s.fig for s in found}
        status, funding = printed[f"status {plan}"], printed[f"funding {plan}"]
        wanted = {"status:overall_progress", "funding:total", "funding:unfunded"}
        for i in range(len(status["targets"])):
            wanted |= {f"status:targets/{i}/{k}" for k in ("progress", "time_elapsed", "status")}
        for i in range(len(status["phases"])):
            wanted |= {f"status:phases/{i}/{k}" for k in ("status", "time_elapsed")}
        for i in range(len(funding["funders"])):
            wanted.add(f"funding:funders/{i}/amount")
        for i, unit in enumerate(funding["units"]):
            wanted.add(f"funding:units/{i}/total")
            wanted |= {f"funding:units/{i}/shares/{fid}" for fid in unit["shares"]}
        assert wanted <= shown, (plan, sorted(wanted - shown))


def test_the_charts_show_each_actual_value_up_to_the_date(shipped_site: Site) -> None:
    settings = load_settings(ROOT)
    day = __import__("datetime").date.fromisoformat(AS_OF)
    for page in shipped_site.pages()[1:]:
        plan_path, _, series = read_figures(shipped_site.folder / page)
        assert plan_path is not None
        plan = with_figures(check_plan(ROOT / plan_path, settings)).plan
        expected = {
            f"{i}/{n}": format_number(actual.value)
            for i, target in enumerate(plan.targets)
            for n, actual in enumerate(a for a in target.actuals if a.date.end <= day)
        }
        assert {s["data-series"]: s["data-val"] for s in series} == expected, page


def test_the_portfolio_lists_the_targets_behind_or_at_risk(shipped_site: Site) -> None:
    _, found, _ = read_figures(shipped_site.folder / "index.html")
    listed = [s for s in found if s.key.endswith("/status") and s.key.startswith("targets/")]
    assert listed, "no target behind or at risk is listed"
    assert {s.val for s in listed} <= {"滞后", "逾期未完成", "未达成", "预警"}


def test_figures_are_read_back_in_their_own_words() -> None:
    """The reader of the pages itself: money in 万元 or 元, exactly."""
    shown = Shown("rollup:total", "1215850.00", "money", None, "121.585万元", {})
    _reads_as(shown)
    with pytest.raises(AssertionError):
        _reads_as(Shown("rollup:total", "1215850.00", "money", None, "121.59万元", {}))
    _reads_as(Shown("funding:total", "1017.50", "money", None, "1,017.5元", {}))


def test_json_keys_resolve(tmp_path: Path) -> None:
    document = {"targets": [{"status": "滞后"}, {"status": "正常"}], "a": [{"b": "1"}]}
    assert _at(document, "count/滞后") == 1
    assert _at(document, "a/0/b") == "1"
