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
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from markupsafe import Markup

from cplan.model.values import format_number

Attrs = Mapping[str, str]

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


def attributes(attrs: Attrs | None) -> str:
    """``attrs`` as HTML attributes, each preceded by a space."""
    if not attrs:
        return ""
    return "".join(f' {k}="{esc(v)}"' for k, v in attrs.items())


def _n(value: float) -> str:
    """A coordinate to one decimal, without a trailing ``.0``."""
    text = f"{value:.1f}"
    return text.removesuffix(".0")


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
    attrs: Attrs | None = None,
) -> str:
    """A label; ``style`` names classes of the style sheet (``t-s`` small, ``t-m`` muted,
    ``t-b`` bold, ``t-a`` alert, ``t-g`` goal)."""
    cls = f' class="{style}"' if style else ""
    end = f' text-anchor="{anchor}"' if anchor else ""
    return f'<text x="{_n(x)}" y="{_n(y)}"{cls}{end}{attributes(attrs)}>{esc(content)}</text>'


def _share(text: str | None) -> float | None:
    """A percentage as JSON gives it (``"64.29"``) as a share held to 0–1."""
    if text is None:
        return None
    return min(max(float(text) / 100, 0.0), 1.0)


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
    progress_attrs: Attrs | None = None,
    elapsed_attrs: Attrs | None = None,
) -> Markup:
    """Two bars: progress toward the target (dark, solid) over the time elapsed toward
    its deadline (light, outlined). ``progress`` and ``elapsed`` are percentages as text
    (``"21.43"``); a missing one shows 无数据 instead of a bar."""
    bar = 150.0
    said_progress = f"{progress}%" if progress is not None else "无数据"
    said_elapsed = f"{elapsed}%" if elapsed is not None else "无数据"
    parts = [
        _open(
            ident,
            f"{name}：进度与时间",
            f"进度{said_progress}，时间已过{said_elapsed}。",
            250,
            38,
            "progress",
        )
    ]
    rows = (
        ("进度", _share(progress), said_progress, DARK, progress_attrs),
        ("时间", _share(elapsed), said_elapsed, LIGHT, elapsed_attrs),
    )
    for row, (caption, share, said, fill, attrs) in enumerate(rows):
        y = 3 + row * 18
        parts.append(_text(0, y + 11, caption, "t-s t-m"))
        parts.append(f'<rect x="28" y="{y}" width="{_n(bar)}" height="13" class="c-bg"/>')
        if share is not None:
            parts.append(
                f'<rect x="28" y="{y}" width="{_n(bar * share)}" height="13" fill="{fill}"'
                f' stroke="{DARK}" stroke-width="0.6"/>'
            )
        parts.append(_text(28 + bar + 5, y + 11, said, "t-s", attrs=attrs))
    parts.append("</svg>")
    return Markup("".join(parts))


# -- line chart ----------------------------------------------------------------------


@dataclass(frozen=True)
class Point:
    """A dated value: an actual value, a baseline or a target (at its deadline)."""

    day: date
    value: Decimal
    attrs: Attrs = field(default_factory=dict)


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
    width, height = 400.0, 170.0
    left, right, top, bottom = 16.0, 16.0, 24.0, 26.0
    series = sorted(points, key=lambda p: p.day)
    desc = _line_desc(name, unit, series, baseline, goal)
    parts = [_open(ident, f"{name}：实际值", desc, width, height, "line")]
    marks = ([baseline] if baseline else []) + series + ([goal] if goal else [])
    if not marks:
        parts.append(_text(width / 2, height / 2, "尚无数据", "t-m", "middle"))
        parts.append("</svg>")
        return Markup("".join(parts))
    days = [p.day for p in marks] + ([as_of] if as_of else [])
    first, last = min(days), max(days)
    span = max((last - first).days, 1)
    values = [float(p.value) for p in marks]
    low, high = min(values), max(values)
    pad = (high - low) / 10 if high > low else max(abs(high) / 10, 1.0)
    low, high = low - pad, high + pad
    plot_w, plot_h = width - left - right, height - top - bottom

    def x(day: date) -> float:
        return left + plot_w * (day - first).days / span

    def y(value: float) -> float:
        return top + plot_h * (1 - (value - low) / (high - low))

    axis = _n(top + plot_h + 4)
    parts.append(
        f'<line x1="{_n(left)}" x2="{_n(width - right)}" y1="{axis}" y2="{axis}" class="c-month"/>'
    )
    if unit:
        parts.append(_text(width - right, 10, f"单位：{unit}", "t-s t-m", "end"))
    parts.append(_text(x(first), height - 8, cn_day(first), "t-s t-m"))
    parts.append(_text(x(last), height - 8, cn_day(last), "t-s t-m", "end"))
    if as_of and first <= as_of <= last:
        ax = _n(x(as_of))
        parts.append(
            f'<line x1="{ax}" x2="{ax}" y1="{_n(top)}" y2="{_n(top + plot_h)}" class="c-asof"/>'
        )
    if goal:
        gx, gy = x(goal.day), y(float(goal.value))
        start = x(baseline.day if baseline else first)
        parts.append(
            f'<line x1="{_n(start)}" x2="{_n(gx)}" y1="{_n(gy)}" y2="{_n(gy)}" class="c-goal"/>'
            f'<rect x="{_n(gx - 4)}" y="{_n(gy - 4)}" width="8" height="8" class="c-goalmark"/>'
        )
        above = gy - 7 if gy - 7 > 12 else gy + 15
        parts.append(
            _text(gx - 6, above, f"目标 {format_value(goal.value)}", "t-s t-g", "end", goal.attrs)
        )
    line = ([baseline] if baseline else []) + series
    if len(line) > 1:
        coords = " ".join(f"{_n(x(p.day))},{_n(y(float(p.value)))}" for p in line)
        parts.append(f'<polyline points="{coords}" class="c-line"/>')
    if baseline:
        bx, by = x(baseline.day), y(float(baseline.value))
        parts.append(f'<circle cx="{_n(bx)}" cy="{_n(by)}" r="3.5" class="c-base"/>')
        below = by + 15 if by + 15 < top + plot_h else by - 7
        parts.append(
            _text(
                bx + 5, below, f"基线 {format_value(baseline.value)}", "t-s t-m", "", baseline.attrs
            )
        )
    for point in series:
        px, py = x(point.day), y(float(point.value))
        parts.append(f'<circle cx="{_n(px)}" cy="{_n(py)}" r="3.5" fill="{DARK}"/>')
        parts.append(_text(px, py - 7, format_value(point.value), "t-s", "middle", point.attrs))
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
    attrs: Attrs = field(default_factory=dict)


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
