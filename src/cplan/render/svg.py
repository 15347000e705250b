"""Charts of the static site as inline SVG, built from figures already worked out.

Every builder takes figures as the JSON output gives them (money and percentages as
decimal text, values as :class:`~decimal.Decimal`, dates as :class:`~datetime.date`) and
returns the markup of one ``<svg>``: nothing here computes progress or money. Each chart

* has a Chinese ``<title>`` and ``<desc>`` (its text alternative, read out through
  ``role="img"`` and ``aria-labelledby``), and writes the figures it shows beside its
  marks;
* scales to its box (``viewBox``, no fixed size) and prints: marks are told apart by a
  label or a pattern as well as by colour, so a grey print still reads;
* may carry ``data-*`` attributes (``attrs``) on the elements that show a figure, which
  is how the site's tests read the figures back from a page.

Colours and type sizes come from classes the site's style sheet defines (``c-`` fills,
``t-`` text); the marks' fills are also given inline, so a chart copied out of the page
keeps them. Builders: :func:`progress_pair` (progress against time elapsed),
:func:`line_chart` (a target's values over time), :func:`gantt` (phases by 旬 with the
as-of line), :func:`bar_chart` (amounts by funder, unit, fund or year) and
:func:`stacked_bar` (how many targets stand where).
"""

from __future__ import annotations

import calendar
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from functools import lru_cache

from markupsafe import Markup

from cplan.model.values import format_number

#: ``data-*`` attributes of the element that shows a figure, already written out as HTML
#: (each with a leading space, values escaped: see :func:`attributes`).
Attrs = str

#: Fill of each status word (targets and phases share the words).
STATUS_FILL: dict[str, str] = {
    "正常": "#2e7d32",
    "预警": "#f9a825",
    "滞后": "#c62828",
    "逾期未完成": "#7f0000",
    "已完成": "#1565c0",
    "未达成": "#424242",
    "未开始": "#bdbdbd",
    "无数据": "#ffffff",
}
DARK = "#1f4e79"
LIGHT = "#9ecae1"
GRID = "#d0d0d0"
INK = "#222222"
MUTED = "#555555"
ALERT = "#c62828"


def esc(text: str) -> str:
    """Text escaped for HTML and SVG, quotes included (plain ``str``: cheaper than
    :func:`markupsafe.escape` for the many short labels of a chart)."""
    if _SPECIAL.isdisjoint(text):
        return text
    return (
        text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace('"', "&#34;")
        .replace("'", "&#39;")
    )


_SPECIAL = frozenset("&<>\"'")


def attributes(attrs: Mapping[str, str]) -> Attrs:
    """``attrs`` written out as HTML attributes, each preceded by a space."""
    return "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())


def _n(value: float) -> str:
    """A coordinate, to the nearest unit of the chart's box (a fraction of a pixel)."""
    return f"{value:.0f}"


def _open(ident: str, title: str, desc: str, width: float, height: float, kind: str) -> str:
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" class="chart chart-{kind}" role="img"'
        f' viewBox="0 0 {_n(width)} {_n(height)}" aria-labelledby="{ident}-t {ident}-d">'
        f'<title id="{ident}-t">{esc(title)}</title><desc id="{ident}-d">{esc(desc)}</desc>'
    )


def _text(
    x: float,
    y: float,
    content: str,
    style: str = "",
    anchor: str = "",
    attrs: Attrs = "",
) -> str:
    """A label; ``style`` names classes of the style sheet (``t-s`` small, ``t-m`` muted,
    ``t-b`` bold, ``t-a`` alert, ``t-g`` goal)."""
    cls = f' class="{style}"' if style else ""
    end = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{x:.0f}" y="{y:.0f}"{cls}{end}{attrs}>{esc(content)}</text>'


def _share(text: str | None) -> float | None:
    """A percentage as JSON gives it (``"64.29"``) as a share held to 0–1."""
    if text is None:
        return None
    return min(max(float(text) / 100, 0.0), 1.0)


@lru_cache(maxsize=4096)
def cn_day(day: date) -> str:
    """``2025年6月30日``."""
    return f"{day.year}年{day.month}月{day.day}日"


def format_value(value: Decimal) -> str:
    """A value as the plan writes it: ``Decimal("85.0")`` → ``85``, never an exponent."""
    return format_number(value)


# -- progress against time -----------------------------------------------------------


def progress_pair(
    ident: str,
    name: str,
    progress: str | None,
    elapsed: str | None,
    *,
    progress_attrs: Attrs = "",
    elapsed_attrs: Attrs = "",
) -> Markup:
    """Two bars: progress toward the target (dark) over the time elapsed toward its
    deadline (light). ``progress`` and ``elapsed`` are percentages as text (``"21.43"``);
    a missing one shows 无数据 instead of a bar."""
    said_progress = f"{progress}%" if progress is not None else "无数据"
    said_elapsed = f"{elapsed}%" if elapsed is not None else "无数据"
    done, gone = _share(progress), _share(elapsed)
    done_bar = (
        f'<rect x="28" y="3" width="{150 * done:.0f}" height="13" fill="{DARK}" class="c-mark"/>'
        if done is not None
        else ""
    )
    gone_bar = (
        f'<rect x="28" y="21" width="{150 * gone:.0f}" height="13" fill="{LIGHT}" class="c-mark"/>'
        if gone is not None
        else ""
    )
    return Markup(
        _open(
            ident,
            f"{name}：进度与时间",
            f"进度{said_progress}，时间已过{said_elapsed}。",
            250,
            38,
            "progress",
        )
        + '<text x="0" y="14" class="t-s t-m">进度</text>'
        + '<rect x="28" y="3" width="150" height="13" class="c-bg"/>'
        + done_bar
        + f'<text x="183" y="14" class="t-s"{progress_attrs}>{said_progress}</text>'
        + '<text x="0" y="32" class="t-s t-m">时间</text>'
        + '<rect x="28" y="21" width="150" height="13" class="c-bg"/>'
        + gone_bar
        + f'<text x="183" y="32" class="t-s"{elapsed_attrs}>{said_elapsed}</text></svg>'
    )


# -- line chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A dated value: an actual value, a baseline or a target (at its deadline)."""

    day: date
    value: Decimal
    attrs: Attrs = ""


def _line_desc(
    name: str, unit: str, series: Sequence[Point], baseline: Point | None, goal: Point | None
) -> str:
    said = [f"{name}的实际值变化。"]
    if baseline:
        said.append(f"基线：{cn_day(baseline.day)}为{format_value(baseline.value)}{unit}。")
    if series:
        values = "；".join(f"{cn_day(p.day)}为{format_value(p.value)}{unit}" for p in series)
        said.append(f"实际值：{values}。")
    else:
        said.append("尚无实际值。")
    if goal:
        said.append(f"目标：{cn_day(goal.day)}前达到{format_value(goal.value)}{unit}。")
    return "".join(said)


def line_chart(
    ident: str,
    name: str,
    unit: str,
    points: Sequence[Point],
    *,
    baseline: Point | None = None,
    goal: Point | None = None,
    as_of: date | None = None,
) -> Markup:
    """A target's values over time: the baseline (hollow), each actual value (solid,
    joined by a line, labelled), the target as a dashed line ending in a square at its
    deadline, and a dotted line at ``as_of``. Points are drawn in date order."""
    width, height = 400, 170
    left, right, top, bottom = 16, 16, 24, 26
    series = sorted(points, key=lambda p: p.day)
    parts = [
        _open(
            ident,
            f"{name}：实际值",
            _line_desc(name, unit, series, baseline, goal),
            width,
            height,
            "line",
        )
    ]
    marks = ([baseline] if baseline else []) + series + ([goal] if goal else [])
    if not marks:
        parts.append(_text(width / 2, height / 2, "尚无数据", "t-m", "middle"))
        parts.append("</svg>")
        return Markup("".join(parts))
    days = [p.day for p in marks] + ([as_of] if as_of else [])
    first, last = min(days), max(days)
    values = [float(p.value) for p in marks]
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high > low else max(abs(high) / 10, 1.0)
    low -= pad
    plot_w, plot_h, bottom_y = width - left - right, height - top - bottom, height - bottom
    x_scale = plot_w / max((last - first).days, 1)
    y_scale = plot_h / (high + pad - low)

    def x(day: date) -> float:
        return left + x_scale * (day - first).days

    def y(value: Decimal) -> float:
        return bottom_y - y_scale * (float(value) - low)

    parts.append(
        f'<line x1="{left}" x2="{width - right}" y1="{bottom_y + 4}" y2="{bottom_y + 4}"'
        ' class="c-month"/>'
    )
    if unit:
        parts.append(
            f'<text x="{width - right}" y="10" class="t-s t-m" text-anchor="end">'
            f"单位：{esc(unit)}</text>"
        )
    parts.append(
        f'<text x="{x(first):.0f}" y="{height - 8}" class="t-s t-m">{cn_day(first)}</text>'
        f'<text x="{x(last):.0f}" y="{height - 8}" class="t-s t-m" text-anchor="end">'
        f"{cn_day(last)}</text>"
    )
    if as_of and first <= as_of <= last:
        ax = x(as_of)
        parts.append(
            f'<line x1="{ax:.0f}" x2="{ax:.0f}" y1="{top}" y2="{bottom_y}" class="c-asof"/>'
        )
    if goal:
        gx, gy = x(goal.day), y(goal.value)
        start = x(baseline.day if baseline else first)
        label_y = gy - 7 if gy - 7 > 12 else gy + 15
        parts.append(
            f'<line x1="{start:.0f}" x2="{gx:.0f}" y1="{gy:.0f}" y2="{gy:.0f}" class="c-goal"/>'
            f'<rect x="{gx - 4:.0f}" y="{gy - 4:.0f}" width="8" height="8" class="c-goalmark"/>'
            f'<text x="{gx - 6:.0f}" y="{label_y:.0f}" class="t-s t-g" text-anchor="end"'
            f"{goal.attrs}>目标 {format_value(goal.value)}</text>"
        )
    line = ([baseline] if baseline else []) + series
    if len(line) > 1:
        coords = " ".join(f"{x(p.day):.0f},{y(p.value):.0f}" for p in line)
        parts.append(f'<polyline points="{coords}" class="c-line"/>')
    if baseline:
        bx, by = x(baseline.day), y(baseline.value)
        label_y = by + 15 if by + 15 < bottom_y else by - 7
        parts.append(
            f'<circle cx="{bx:.0f}" cy="{by:.0f}" r="3.5" class="c-base"/>'
            f'<text x="{bx + 5:.0f}" y="{label_y:.0f}" class="t-s t-m"{baseline.attrs}>'
            f"基线 {format_value(baseline.value)}</text>"
        )
    for point in series:
        px, py = x(point.day), y(point.value)
        parts.append(
            f'<circle cx="{px:.0f}" cy="{py:.0f}" r="3.5" fill="{DARK}"/>'
            f'<text x="{px:.0f}" y="{py - 7:.0f}" class="t-s" text-anchor="middle"{point.attrs}>'
            f"{format_value(point.value)}</text>"
        )
    parts.append("</svg>")
    return Markup("".join(parts))


# -- Gantt by 旬 ----------------------------------------------------------------------


def xun_of(day: date) -> int:
    """The 旬 a day falls in, counted from year 0: 36 a year (上旬 1–10, 中旬 11–20,
    下旬 21 to the month's end)."""
    return (day.year * 12 + day.month - 1) * 3 + min((day.day - 1) // 10, 2)


def xun_bounds(index: int) -> tuple[date, date]:
    """The first and last day of 旬 number ``index``."""
    month, third = divmod(index, 3)
    year, month0 = divmod(month, 12)
    first = date(year, month0 + 1, 1 + third * 10)
    last_day = calendar.monthrange(year, month0 + 1)[1]
    return first, date(year, month0 + 1, last_day if third == 2 else first.day + 9)


def xun_position(day: date) -> float:
    """Where the start of ``day`` lies on a scale of 旬 (one unit a 旬, as :func:`xun_of`)."""
    index = xun_of(day)
    first, last = xun_bounds(index)
    return index + (day - first).days / ((last - first).days + 1)


XUN_NAMES = ("上旬", "中旬", "下旬")


def xun_name(day: date) -> str:
    """``2025年7月上旬``."""
    return f"{day.year}年{day.month}月{XUN_NAMES[min((day.day - 1) // 10, 2)]}"


@dataclass(frozen=True)
class Bar:
    """A bar: of a Gantt chart (``start``–``end``, whole days, coloured by ``status``),
    of a bar chart (``value``, labelled ``text``) or of a stacked bar (``label`` a status,
    ``value`` how many)."""

    label: str
    status: str = ""
    start: date | None = None
    end: date | None = None
    value: Decimal = Decimal(0)
    text: str = ""
    attrs: Attrs = ""


def _clip(label: str, limit: int) -> str:
    return label if len(label) <= limit else label[: limit - 1] + "…"


def _scale(lo: int, hi: int, unit: float, label_w: float, top: float, bottom: float) -> list[str]:
    """The 旬 scale: a tick every 旬, a stronger one and a label every month (every
    quarter past a year and a half, every year past four)."""
    parts = []
    months = (hi - lo) / 3
    every = 1 if months <= 18 else 3 if months <= 48 else 12
    for index in range(lo, hi + 1):
        first, _ = xun_bounds(index)
        at = _n(label_w + unit * (index - lo))
        month = first.day == 1
        parts.append(
            f'<line x1="{at}" x2="{at}" y1="{_n(top - (6 if month else 2))}" y2="{_n(bottom)}"'
            f' class="{"c-month" if month else "c-grid"}"/>'
        )
        if month and index < hi and (first.month - 1) % every == 0:
            said = f"{first.month}月" if every < 12 else f"{first.year}年"
            if every < 12 and (first.month == 1 or index == lo):
                said = f"{first.year}年{first.month}月"
            parts.append(_text(label_w + unit * (index - lo) + 2, top - 10, said, "t-s t-m"))
    return parts


def gantt(
    ident: str, title: str, rows: Sequence[Bar], *, start: date, end: date, as_of: date
) -> Markup:
    """Phases as bars on a scale of 旬 from ``start`` to ``end`` (widened to hold every
    bar), coloured by status and with the status written after each bar, and a dashed
    line at the end of ``as_of``."""
    label_w, right, top, row_h = 150.0, 74.0, 34.0, 24.0
    lo = xun_of(min([start, *(r.start for r in rows if r.start)]))
    hi = xun_of(max([end, *(r.end for r in rows if r.end)])) + 1
    unit = max(6.0, min(24.0, 560.0 / max(hi - lo, 1)))
    width = label_w + unit * (hi - lo) + right
    height = top + row_h * max(len(rows), 1) + 16
    said = "；".join(f"{r.label}：{r.text}，{r.status}" for r in rows)
    desc = f"{said}。竖线为{cn_day(as_of)}。"
    parts = [_open(ident, title, desc, width, height, "gantt")]
    parts += _scale(lo, hi, unit, label_w, top, height - 16)

    def x(day: date) -> float:
        return label_w + unit * (xun_position(day) - lo)

    for row, bar in enumerate(rows):
        y = top + row_h * row
        parts.append(_text(label_w - 6, y + 16, _clip(bar.label, 11), "", "end"))
        if bar.start and bar.end:
            x0, x1 = x(bar.start), x(bar.end + timedelta(days=1))
            fill = STATUS_FILL.get(bar.status, LIGHT)
            parts.append(
                f'<rect x="{_n(x0)}" y="{_n(y + 5)}" width="{_n(max(x1 - x0, 1.5))}"'
                f' height="14" fill="{fill}" class="c-mark"/>'
            )
            parts.append(_text(x1 + 4, y + 16, bar.status, "t-s", "", bar.attrs))
    ax = x(as_of + timedelta(days=1))
    if label_w <= ax <= width - right:
        parts.append(
            f'<line x1="{_n(ax)}" x2="{_n(ax)}" y1="{_n(top - 4)}" y2="{_n(height - 12)}"'
            ' class="c-asof-strong"/>'
        )
        parts.append(_text(ax, height - 1, f"截至{cn_day(as_of)}", "t-s t-a", "middle"))
    parts.append("</svg>")
    return Markup("".join(parts))


# -- bars ----------------------------------------------------------------------------


def bar_chart(ident: str, title: str, bars: Sequence[Bar]) -> Markup:
    """Horizontal bars, the largest value the full width, each labelled with its ``text``
    (which carries its ``attrs``)."""
    label_w, bar_w, value_w, row_h = 130.0, 280.0, 120.0, 22.0
    width, height = label_w + bar_w + value_w, row_h * max(len(bars), 1) + 6
    most = max((b.value for b in bars), default=Decimal(0))
    said = "；".join(f"{b.label}：{b.text}" for b in bars)
    parts = [_open(ident, title, f"{said}。" if bars else "没有数据。", width, height, "bars")]
    for row, bar in enumerate(bars):
        y = 3 + row_h * row
        share = float(bar.value / most) if most > 0 and bar.value > 0 else 0.0
        parts.append(_text(label_w - 6, y + 14, _clip(bar.label, 10), "", "end"))
        parts.append(
            f'<rect x="{_n(label_w)}" y="{_n(y + 3)}" width="{_n(max(bar_w * share, 0.5))}"'
            f' height="14" fill="{DARK}"/>'
        )
        parts.append(_text(label_w + bar_w * share + 5, y + 14, bar.text, "", "", bar.attrs))
    parts.append("</svg>")
    return Markup("".join(parts))


def stacked_bar(ident: str, title: str, counts: Sequence[Bar]) -> Markup:
    """One bar split by status (each of ``counts`` a status word as ``label`` and how many
    as ``value``), and a legend giving each count in words, so the colours need not be
    told apart. The legend's counts carry each bar's ``attrs``."""
    width, bar_h = 560.0, 22.0
    shown = [bar for bar in counts if bar.value]
    total = sum((bar.value for bar in shown), Decimal(0))
    said = "，".join(f"{b.label}{format_value(b.value)}项" for b in shown)
    desc = f"共{format_value(total)}项指标：{said}。" if shown else "没有指标。"
    lines = max((len(shown) + 3) // 4, 1)
    parts = [_open(ident, title, desc, width, bar_h + 10 + 20 * lines, "stack")]
    x = 0.0
    for bar in shown:
        w = width * float(bar.value / total)
        parts.append(
            f'<rect x="{_n(x)}" y="0" width="{_n(w)}" height="{_n(bar_h)}"'
            f' fill="{STATUS_FILL.get(bar.label, LIGHT)}" class="c-mark"/>'
        )
        x += w
    if not shown:
        parts.append(f'<rect x="0" y="0" width="{_n(width)}" height="{_n(bar_h)}" class="c-bg"/>')
    for i, bar in enumerate(shown):
        lx, ly = (i % 4) * 140.0, bar_h + 10 + 20 * (i // 4)
        parts.append(
            f'<rect x="{_n(lx)}" y="{_n(ly)}" width="12" height="12"'
            f' fill="{STATUS_FILL.get(bar.label, LIGHT)}" class="c-mark"/>'
        )
        parts.append(_text(lx + 17, ly + 11, bar.label))
        parts.append(
            _text(
                lx + 21 + 13 * len(bar.label),
                ly + 11,
                f"{format_value(bar.value)}项",
                "",
                "",
                bar.attrs,
            )
        )
    parts.append("</svg>")
    return Markup("".join(parts))
