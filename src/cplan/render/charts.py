"""Charts for the progress report, drawn with matplotlib at print resolution.

:func:`draw` takes a chart block of an outline (:mod:`cplan.render.documents`) — figures
already worked out, as decimal text — and returns PNG bytes and the width in millimetres
to print them at. Two kinds:

``progress``
    each target's progress against the time elapsed toward its deadline: a pair of
    horizontal bars per target (progress dark, time light), values labelled as 72.5%;
    a target without data shows "无数据" instead of a bar;
``funding``
    how much each funder pays: one horizontal bar per funder, labelled in the unit.

matplotlib is imported only here, and only when a chart is drawn, so nothing else pays
for it. Chinese labels need a CJK font that matplotlib can find: the first of
:data:`CJK_FONTS` installed (Noto Sans CJK SC, Source Han Sans SC, WenQuanYi, SimHei,
Microsoft YaHei, …) is given explicitly, or :class:`ChartFontMissing` is raised rather
than drawing boxes. The output is the same for the same input (no timestamps).
"""

from __future__ import annotations

import io
from collections.abc import Mapping, Sequence
from functools import cache
from typing import Any

from cplan.errors import CplanError

#: CJK fonts tried in order, by family name (the first one installed is used).
CJK_FONTS = (
    "Noto Sans CJK SC",
    "Source Han Sans SC",
    "Source Han Sans CN",
    "WenQuanYi Zen Hei",
    "WenQuanYi Micro Hei",
    "SimHei",
    "Microsoft YaHei",
    "PingFang SC",
    "Heiti SC",
    "Noto Serif CJK SC",
    "AR PL UKai CN",
)
DPI = 220  # 150 mm wide: 1300 pixels, sharp on paper and light to draw
WIDTH_MM = 150
DARK = "#2F5597"
LIGHT = "#BDD7EE"
TEXT = "#000000"


class ChartFontMissing(CplanError):
    """No CJK font is installed that matplotlib can use for Chinese labels."""


@cache
def cjk_font() -> str:
    """The path of the first installed font of :data:`CJK_FONTS`."""
    from matplotlib import font_manager

    for family in CJK_FONTS:
        try:
            path = font_manager.findfont(
                font_manager.FontProperties(family=family), fallback_to_default=False
            )
        except ValueError:
            continue
        return str(path)
    raise ChartFontMissing("error.chart_font")


def _numbers(values: Sequence[str]) -> list[float]:
    return [float(v) for v in values]


def _percent_label(value: float) -> str:
    """72.5%, rounded half up as the tables round it (a float's 71.25 would print 71.2)."""
    from decimal import Decimal

    from cplan.render.wording import percent

    return percent(Decimal(str(value)))


def _figure(rows: int) -> Any:
    from matplotlib.figure import Figure

    height = max(1.8, 0.42 * rows + 0.9)
    return Figure(figsize=(WIDTH_MM / 25.4, height), dpi=DPI)


def _wrap(label: str, per_line: int = 14) -> str:
    if len(label) <= per_line:
        return label
    return "\n".join(label[i : i + per_line] for i in range(0, len(label), per_line))


def _progress(chart: Mapping[str, Any], font: Any) -> Any:
    labels = [_wrap(str(x)) for x in chart["labels"]]
    series = chart["series"]
    done, elapsed = _numbers(series[0]["values"]), _numbers(series[1]["values"])
    no_data = list(chart.get("no_data") or [False] * len(labels))
    figure = _figure(len(labels))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    height = 0.38
    axes.barh(
        [y - height / 2 for y in positions], done, height, color=DARK, label=series[0]["name"]
    )
    axes.barh(
        [y + height / 2 for y in positions], elapsed, height, color=LIGHT, label=series[1]["name"]
    )
    for y, value, missing in zip(positions, done, no_data, strict=True):
        text = "无数据" if missing else _percent_label(value)
        axes.text(value + 0.01, y - height / 2, text, va="center", fontproperties=font, fontsize=7)
    for y, value in zip(positions, elapsed, strict=True):
        axes.text(
            value + 0.01, y + height / 2, _percent_label(value), va="center",
            fontproperties=font, fontsize=7, color="#404040",
        )  # fmt: skip
    axes.set_yticks(positions, labels, fontproperties=font, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, 1.12)
    axes.set_xticks([0, 0.25, 0.5, 0.75, 1.0], ["0", "25%", "50%", "75%", "100%"], fontsize=7)
    axes.legend(loc="lower right", frameon=False, prop=_sized(font, 8))
    return figure, axes


def _sized(font: Any, size: float) -> Any:
    copy = font.copy()
    copy.set_size(size)
    return copy


def _funding(chart: Mapping[str, Any], font: Any) -> Any:
    labels = [_wrap(str(x)) for x in chart["labels"]]
    values = _numbers(chart["series"][0]["values"])
    unit = str(chart.get("unit", ""))
    figure = _figure(len(labels))
    axes = figure.add_subplot()
    positions = list(range(len(labels)))
    axes.barh(positions, values, 0.55, color=DARK)
    top = max(values) if values and max(values) > 0 else 1.0
    for y, value, text in zip(positions, values, chart["series"][0]["values"], strict=True):
        axes.text(
            value + top * 0.01, y, f"{text}{unit}", va="center", fontproperties=font, fontsize=7
        )
    axes.set_yticks(positions, labels, fontproperties=font, fontsize=8)
    axes.invert_yaxis()
    axes.set_xlim(0, top * 1.22)
    axes.tick_params(axis="x", labelsize=7)
    return figure, axes


def draw(chart: Mapping[str, Any]) -> tuple[bytes, int]:
    """The chart as PNG bytes at :data:`DPI`, and its print width in millimetres."""
    import matplotlib

    matplotlib.use("Agg", force=False)
    from matplotlib.font_manager import FontProperties

    font = FontProperties(fname=cjk_font())
    kind = chart.get("type")
    figure, axes = _funding(chart, font) if kind == "funding" else _progress(chart, font)
    axes.set_title(str(chart.get("title", "")), fontproperties=_sized(font, 10), pad=8)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    axes.grid(axis="x", color="#D9D9D9", linewidth=0.5)
    axes.set_axisbelow(True)
    figure.tight_layout()
    buffer = io.BytesIO()
    figure.savefig(buffer, format="png", dpi=DPI, metadata={"Software": None})
    return buffer.getvalue(), WIDTH_MM


__all__ = ["CJK_FONTS", "ChartFontMissing", "cjk_font", "draw"]
