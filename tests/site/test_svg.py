"""The chart builders (cplan.render.svg): well-formed SVG with Chinese text alternatives,
marks where the figures put them, and the 旬 scale of the Gantt chart."""

from __future__ import annotations

import xml.etree.ElementTree as ET
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from cplan.render import svg

NS = {"s": "http://www.w3.org/2000/svg"}


def parsed(markup: str) -> ET.Element:
    root = ET.fromstring(markup)
    assert root.get("role") == "img"
    title_id, desc_id = root.get("aria-labelledby", "").split()
    assert root.find(f"s:title[@id='{title_id}']", NS) is not None
    assert root.find(f"s:desc[@id='{desc_id}']", NS) is not None
    return root


def texts(root: ET.Element) -> list[str]:
    return [t.text or "" for t in root.iter("{http://www.w3.org/2000/svg}text")]


def test_progress_pair_draws_progress_over_time() -> None:
    root = parsed(svg.progress_pair("p", "居民满意度", "50.00", "25.00"))
    bars = [r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill")]
    assert [r.get("width") for r in bars] == ["75", "38"]
    assert "50.00%" in texts(root)
    assert "25.00%" in texts(root)
    desc = root.find("s:desc", NS)
    assert desc is not None
    assert desc.text == "进度50.00%，时间已过25.00%。"


def test_progress_pair_without_data_says_so() -> None:
    root = parsed(svg.progress_pair("p", "办证率", None, "100.00"))
    assert "无数据" in texts(root)
    assert len([r for r in root.iter("{http://www.w3.org/2000/svg}rect") if r.get("fill")]) == 1


def test_progress_over_100_percent_stays_in_its_box() -> None:
    root = parsed(svg.progress_pair("p", "x", "100.00", "130.00"))
    widths = {r.get("width") for r in root.iter("{http://www.w3.org/2000/svg}rect")}
    assert widths == {"150"}


def test_line_chart_joins_the_values_in_date_order() -> None:
    points = [
        svg.Point(date(2025, 12, 31), Decimal(12)),
        svg.Point(date(2025, 6, 30), Decimal(9)),
    ]
    root = parsed(
        svg.line_chart(
            "l",
            "加装电梯",
            "台",
            points,
            baseline=svg.Point(date(2024, 12, 31), Decimal(6)),
            goal=svg.Point(date(2026, 12, 31), Decimal(20)),
            as_of=date(2026, 3, 31),
        )
    )
    line = root.find("s:polyline", NS)
    assert line is not None
    xs = [float(pair.split(",")[0]) for pair in (line.get("points") or "").split()]
    ys = [float(pair.split(",")[1]) for pair in (line.get("points") or "").split()]
    assert xs == sorted(xs)
    assert ys == sorted(ys, reverse=True)  # rising values climb the chart
    said = texts(root)
    assert {"9", "12", "基线 6", "目标 20", "单位：台"} <= set(said)
    desc = root.find("s:desc", NS)
    assert desc is not None
    assert "2025年6月30日为9台；2025年12月31日为12台" in (desc.text or "")


def test_line_chart_of_a_target_without_values() -> None:
    root = parsed(svg.line_chart("l", "事故", "起", []))
    assert texts(root) == ["尚无数据"]


def test_a_flat_line_of_zeros_is_drawn() -> None:
    root = parsed(
        svg.line_chart(
            "l",
            "事故",
            "起",
            [svg.Point(date(2025, 6, 30), Decimal(0))],
            goal=svg.Point(date(2025, 12, 31), Decimal(0)),
        )
    )
    assert "0" in texts(root)


def test_labels_are_escaped() -> None:
    markup = svg.bar_chart("b", "<标题>", [svg.Bar('A&B "<x>"', value=Decimal(1), text="1元")])
    root = parsed(markup)
    assert 'A&B "<x>"' in texts(root)
    assert "<x>" not in markup


def test_bar_chart_scales_to_the_largest() -> None:
    bars = [
        svg.Bar("市财政", value=Decimal(300), text="300元"),
        svg.Bar("区财政", value=Decimal(150), text="150元"),
        svg.Bar("街道", value=Decimal(0), text="0元"),
    ]
    root = parsed(svg.bar_chart("b", "出资", bars))
    widths = [r.get("width") for r in root.iter("{http://www.w3.org/2000/svg}rect")]
    assert widths == ["280", "140", "0"]


def test_stacked_bar_splits_by_status_and_says_each_count() -> None:
    counts = [
        svg.Bar("正常", value=Decimal(3)),
        svg.Bar("滞后", value=Decimal(1)),
        svg.Bar("预警", value=Decimal(0)),
    ]
    root = parsed(svg.stacked_bar("s", "状态", counts))
    assert "3项" in texts(root)
    assert "1项" in texts(root)
    assert "预警" not in texts(root)
    desc = root.find("s:desc", NS)
    assert desc is not None
    assert desc.text == "共4项指标：正常3项，滞后1项。"


def test_xun_scale() -> None:
    assert svg.xun_bounds(svg.xun_of(date(2024, 2, 25))) == (date(2024, 2, 21), date(2024, 2, 29))
    assert svg.xun_bounds(svg.xun_of(date(2025, 4, 11))) == (date(2025, 4, 11), date(2025, 4, 20))
    assert svg.xun_of(date(2025, 1, 1)) - svg.xun_of(date(2024, 12, 31)) == 1
    assert svg.xun_name(date(2025, 7, 31)) == "2025年7月下旬"


@given(st.dates(min_value=date(1990, 1, 1), max_value=date(2100, 12, 30)))
def test_every_day_lies_in_its_xun_and_the_scale_only_grows(day: date) -> None:
    first, last = svg.xun_bounds(svg.xun_of(day))
    assert first <= day <= last
    assert svg.xun_of(day) <= svg.xun_position(day) < svg.xun_of(day) + 1
    assert svg.xun_position(day) < svg.xun_position(day + timedelta(days=1))


def test_gantt_bars_span_their_xun() -> None:
    rows = [
        svg.Bar(
            "全面动员阶段", "已完成", date(2024, 4, 11), date(2024, 5, 10), text="4月中旬至5月上旬"
        ),
        svg.Bar(
            "扎实落实阶段", "正常", date(2024, 5, 11), date(2024, 7, 10), text="5月中旬至7月上旬"
        ),
    ]
    markup = svg.gantt(
        "g", "步骤", rows, start=date(2024, 4, 1), end=date(2024, 12, 31), as_of=date(2024, 6, 30)
    )
    root = parsed(markup)
    bars = list(root.iter("{http://www.w3.org/2000/svg}rect"))
    widths = [float(r.get("width") or 0) for r in bars]
    assert widths[1] / widths[0] == 2  # 6 旬 against 3
    assert abs(float(bars[1].get("x") or 0) - float(bars[0].get("x") or 0) - widths[0]) <= 1
    said = texts(root)
    assert "截至2024年6月30日" in said
    assert {"已完成", "正常", "2024年4月"} <= set(said)
