"""Dates as officers write them: days, 旬, months, quarters, halves, years and ranges.

:func:`parse_date` reads one point in time, :func:`parse_span` a point or a range, and
:func:`format_span` writes a :class:`DateSpan` back the way an officer would.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import functools
import re
from collections.abc import Mapping
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Annotated, Any, Literal, NoReturn

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    ValidationInfo,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import PydanticCustomError, core_schema

from cplan.model.values.common import _fail, _fail_empty, _show, normalize_text

Granularity = Literal["day", "xun", "month", "year"]
Xun = Literal["上旬", "中旬", "下旬"]

# ---------------------------------------------------------------------------
# dates
# ---------------------------------------------------------------------------

_XUN_NAMES: tuple[Xun, Xun, Xun] = ("上旬", "中旬", "下旬")
_XUN_INDEX = {"上": 0, "中": 1, "下": 2}
_CN_DIGIT = {"一": 1, "二": 2, "三": 3, "四": 4, "1": 1, "2": 2, "3": 3, "4": 4}
_REL_YEAR = {
    "今年": 0,
    "本年": 0,
    "当年": 0,
    "次年": 1,
    "翌年": 1,
    "第二年": 1,
    "明年": 1,
    "去年": -1,
    "上年": -1,
}
_GRANULARITY_ORDER: dict[str, int] = {"day": 0, "xun": 1, "month": 2, "year": 3}


def xun_of(d: _dt.date) -> Xun:
    """Which third of the month a day falls in: 上旬 1–10, 中旬 11–20, 下旬 21–end."""
    if d.day <= 10:
        return "上旬"
    if d.day <= 20:
        return "中旬"
    return "下旬"


def _month_end(year: int, month: int) -> _dt.date:
    return _dt.date(year, month, calendar.monthrange(year, month)[1])


def _xun_bounds(year: int, month: int, xun: int) -> tuple[_dt.date, _dt.date]:
    if xun == 0:
        return _dt.date(year, month, 1), _dt.date(year, month, 10)
    if xun == 1:
        return _dt.date(year, month, 11), _dt.date(year, month, 20)
    return _dt.date(year, month, 21), _month_end(year, month)


@dataclass(frozen=True, slots=True)
class DateSpan:
    """An inclusive range of days as an officer wrote it.

    ``granularity`` is that of the start expression: "2024年4月中旬" is a
    ``"xun"`` span from 2024-04-11 to 2024-04-20.  ``text`` keeps the original
    spelling and is not part of equality.
    """

    start: _dt.date
    end: _dt.date
    text: str = field(compare=False)
    granularity: Granularity = "day"

    def __post_init__(self) -> None:
        if self.end < self.start:
            raise ValueError(f"span ends ({self.end}) before it starts ({self.start})")

    def __str__(self) -> str:
        return self.text

    def __contains__(self, day: object) -> bool:
        return isinstance(day, _dt.date) and self.start <= day <= self.end

    @property
    def days(self) -> int:
        """Number of days covered, counting both ends."""
        return (self.end - self.start).days + 1

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.with_info_plain_validator_function(
            _validate_span,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(SPAN_JSON_SCHEMA)


@dataclass(frozen=True, slots=True)
class _Part:
    """One date expression before its year (and maybe month) is known."""

    kind: Literal[
        "year",
        "half",
        "quarter",
        "month",
        "xun",
        "day",
        "year_start",
        "year_mid",
        "year_end",
        "month_start",
        "month_end",
        "day_only",
        "xun_only",
    ]
    year: int | None = None
    rel_year: int | None = None
    month: int | None = None
    day: int | None = None
    index: int | None = None  # xun 0..2, half 0..1, quarter 0..3


_YEAR_PREFIX = r"(?:(?P<year>[0-9]{4})年|(?P<rel>今年|本年|当年|次年|翌年|第二年|明年|去年|上年))?"
_ISO_DAY_RE = re.compile(
    r"^(?P<year>[0-9]{4})(?P<sep>[-/.])(?P<month>[0-9]{1,2})(?P=sep)(?P<day>[0-9]{1,2})$"
)
_ISO_MONTH_RE = re.compile(r"^(?P<year>[0-9]{4})[-/.](?P<month>[0-9]{1,2})$")
_COMPACT_DAY_RE = re.compile(r"^(?P<year>[0-9]{4})(?P<month>[0-9]{2})(?P<day>[0-9]{2})$")
_YEAR_ONLY_RE = re.compile(r"^(?P<year>[0-9]{4})$")
_ISO_QUARTER_RE = re.compile(r"^(?:(?P<year>[0-9]{4})[-年]?)?[Qq](?P<q>[1-4])$")
_CN_RE = re.compile(
    "^"
    + _YEAR_PREFIX
    + r"""(?:
        (?P<yearpos>年?[初中底末])
      | (?P<half>[上下])半年
      | 第?(?P<quarter>[一二三四1-4])季(?:度)?
      | (?P<month>[0-9]{1,2})月份?
        (?:(?P<day>[0-9]{1,2})[日号]|(?P<xun>[上中下])旬|(?P<monthpos>[初底末]))?
      | (?P<dayonly>[0-9]{1,2})[日号]
      | (?P<xunonly>[上中下])旬
    )?$""",
    re.VERBOSE,
)
_MASKED_YEAR_RE = re.compile(r"(?<![0-9A-Za-z])(?=[0-9]{0,3}[xX*?×_])[0-9xX*?×_]{4}(?![0-9A-Za-z])")


def _date_format_error(text: object) -> NoReturn:
    _fail("date_format", input=_show(text))


def _date_invalid(text: object, reason: str, reason_zh: str) -> NoReturn:
    _fail("date_invalid", input=_show(text), reason=reason, reason_zh=reason_zh)


def _year_missing(text: object) -> NoReturn:
    _fail("date_year_missing", input=_show(text))


def _squash(text: str) -> str:
    return re.sub(r"\s+", "", normalize_text(text))


def _check_masked(original: object, squashed: str) -> None:
    if _MASKED_YEAR_RE.search(squashed):
        _fail("date_masked_year", input=_show(original))


def _lex_part(text: str) -> _Part | None:
    """Recognise one date expression (already squashed); None if unknown."""
    if m := _ISO_DAY_RE.match(text) or _COMPACT_DAY_RE.match(text):
        return _Part("day", year=int(m["year"]), month=int(m["month"]), day=int(m["day"]))
    if m := _ISO_MONTH_RE.match(text):
        return _Part("month", year=int(m["year"]), month=int(m["month"]))
    if m := _YEAR_ONLY_RE.match(text):
        return _Part("year", year=int(m["year"]))
    if m := _ISO_QUARTER_RE.match(text):
        year = int(m["year"]) if m["year"] else None
        return _Part("quarter", year=year, index=int(m["q"]) - 1)
    m = _CN_RE.match(text)
    if m is None or not text:
        return None
    year = int(m["year"]) if m["year"] else None
    rel = _REL_YEAR[m["rel"]] if m["rel"] else None
    has_year = year is not None or rel is not None
    common: dict[str, Any] = {"year": year, "rel_year": rel}
    if m["yearpos"]:
        if not has_year and not m["yearpos"].startswith("年"):
            return None
        kind: Literal["year_start", "year_mid", "year_end"] = "year_end"
        if m["yearpos"].endswith("初"):
            kind = "year_start"
        elif m["yearpos"].endswith("中"):
            kind = "year_mid"
        return _Part(kind, **common)
    if m["half"]:
        return _Part("half", index=0 if m["half"] == "上" else 1, **common)
    if m["quarter"]:
        return _Part("quarter", index=_CN_DIGIT[m["quarter"]] - 1, **common)
    if m["month"]:
        month = int(m["month"])
        if m["day"]:
            return _Part("day", month=month, day=int(m["day"]), **common)
        if m["xun"]:
            return _Part("xun", month=month, index=_XUN_INDEX[m["xun"]], **common)
        if m["monthpos"]:
            pos_kind: Literal["month_start", "month_end"] = (
                "month_start" if m["monthpos"] == "初" else "month_end"
            )
            return _Part(pos_kind, month=month, **common)
        return _Part("month", month=month, **common)
    if has_year and (m["dayonly"] or m["xunonly"]):
        return None  # "2024年15日" makes no sense
    if m["dayonly"]:
        return _Part("day_only", day=int(m["dayonly"]))
    if m["xunonly"]:
        return _Part("xun_only", index=_XUN_INDEX[m["xunonly"]])
    if has_year:
        return _Part("year", **common)
    return None


def _check_month_day(part: _Part, original: object) -> None:
    """Reject impossible months/days before the year is known ("2月30日")."""
    if part.month is not None and not 1 <= part.month <= 12:
        _date_invalid(original, f"there is no month {part.month}", f"没有{part.month}月")
    if part.day is not None:
        longest = calendar.monthrange(2000, part.month)[1] if part.month else 31
        if not 1 <= part.day <= longest:
            if part.month:
                _date_invalid(
                    original,
                    f"month {part.month} never has a day {part.day}",
                    f"{part.month}月没有{part.day}日",
                )
            _date_invalid(original, f"there is no day {part.day}", f"没有{part.day}日")


_PART_GRANULARITY: dict[str, Granularity] = {
    "year": "year",
    "half": "month",
    "quarter": "month",
    "month": "month",
    "xun": "xun",
    "xun_only": "xun",
    "day": "day",
    "day_only": "day",
    "year_start": "day",
    "year_mid": "day",
    "year_end": "day",
    "month_start": "day",
    "month_end": "day",
}


def _resolve(
    part: _Part,
    original: object,
    base_year: int | None,
    base_month: int | None = None,
) -> tuple[_dt.date, _dt.date, Granularity]:
    """Turn a lexed part into (start, end, granularity) given inherited context."""
    _check_month_day(part, original)
    if part.year is not None:
        year = part.year
    elif base_year is None:
        _year_missing(original)
    else:
        year = base_year + (part.rel_year or 0)
    if not 1 <= year <= 9999:
        _date_invalid(original, f"year {year} is out of range", f"年份{year}超出范围")
    month = part.month
    if part.kind in ("day_only", "xun_only"):
        if base_month is None:
            _date_format_error(original)
        month = base_month
    granularity = _PART_GRANULARITY[part.kind]
    kind = part.kind
    if kind == "year":
        return _dt.date(year, 1, 1), _dt.date(year, 12, 31), granularity
    if kind == "year_start":
        return _dt.date(year, 1, 1), _dt.date(year, 1, 1), granularity
    if kind == "year_end":
        return _dt.date(year, 12, 31), _dt.date(year, 12, 31), granularity
    if kind == "year_mid":  # 年中: the end of the first half
        return _dt.date(year, 6, 30), _dt.date(year, 6, 30), granularity
    if kind == "half":
        if part.index == 0:
            return _dt.date(year, 1, 1), _dt.date(year, 6, 30), granularity
        return _dt.date(year, 7, 1), _dt.date(year, 12, 31), granularity
    if kind == "quarter":
        first = 3 * (part.index or 0) + 1
        return _dt.date(year, first, 1), _month_end(year, first + 2), granularity
    assert month is not None
    if kind == "month":
        return _dt.date(year, month, 1), _month_end(year, month), granularity
    if kind == "month_start":
        return _dt.date(year, month, 1), _dt.date(year, month, 1), granularity
    if kind == "month_end":
        end = _month_end(year, month)
        return end, end, granularity
    if kind in ("xun", "xun_only"):
        start, end = _xun_bounds(year, month, part.index or 0)
        return start, end, granularity
    assert part.day is not None
    last = calendar.monthrange(year, month)[1]
    if part.day > last:
        _date_invalid(
            original,
            f"{calendar.month_name[month]} {year} has only {last} days",
            f"{year}年{month}月只有{last}天",
        )
    day = _dt.date(year, month, part.day)
    return day, day, granularity


def _check_default_year(default_year: int | None) -> int | None:
    if default_year is None:
        return None
    if isinstance(default_year, bool) or not isinstance(default_year, int):
        raise TypeError(f"default_year must be an int, got {type(default_year).__name__}")
    return default_year


def _span_from_date(value: _dt.date) -> DateSpan:
    day = value.date() if isinstance(value, _dt.datetime) else value
    return DateSpan(day, day, day.isoformat(), "day")


def _point(
    value: object,
    base_year: int | None,
    base_month: int | None = None,
    *,
    allow_partial: bool = False,
    original: object = None,
) -> DateSpan:
    """Parse one point-in-time expression of any accepted Python type.

    ``original`` is what error messages show (the whole range for range parts).
    """
    shown = value if original is None else original
    if isinstance(value, DateSpan):
        return value
    if isinstance(value, _dt.date):
        return _span_from_date(value)
    if isinstance(value, Mapping) and (dumped := _span_from_dump(value)) is not None:
        return dumped
    if isinstance(value, bool) or value is None:
        _date_type_error(value)
    if isinstance(value, int):
        if 1 <= value <= 9999:
            return DateSpan(_dt.date(value, 1, 1), _dt.date(value, 12, 31), str(value), "year")
        value = str(value)
    elif isinstance(value, Decimal):
        # A YAML loader that keeps numbers exact turns an unquoted 2024.4 or
        # 2024.10 into a Decimal; its str() is the text as written.
        value = str(value)
    if not isinstance(value, str):
        _date_type_error(value)
    squashed = _squash(value)
    if not squashed:
        _fail_empty(shown)
    _check_masked(shown, squashed)
    part = _lex_part(squashed)
    if part is None or (not allow_partial and part.kind in ("day_only", "xun_only")):
        _date_format_error(shown)
    start, end, granularity = _resolve(part, shown, base_year, base_month)
    return DateSpan(start, end, value.strip(), granularity)


def _date_type_error(value: object) -> NoReturn:
    _fail("date_type", input=_show(value), type=type(value).__name__)


#: How many distinct date texts each parser remembers: plans repeat the same few
#: (``2025年底``, ``2026-06-30``), and a repository of many plans repeats them again.
_REMEMBERED = 4096


def parse_date(value: object, default_year: int | None = None) -> DateSpan:
    """Parse one point-in-time expression (day, 旬, month, quarter, half or year).

    Year-less text ("4月中旬") takes ``default_year``; without it the error is
    ``date_year_missing``.
    """
    if isinstance(value, str) and (default_year is None or type(default_year) is int):
        return _parse_date_text(value, default_year)
    return _parse_date(value, default_year)


@functools.lru_cache(maxsize=_REMEMBERED)
def _parse_date_text(value: str, default_year: int | None) -> DateSpan:
    return _parse_date(value, default_year)


def _parse_date(value: object, default_year: int | None) -> DateSpan:
    default_year = _check_default_year(default_year)
    try:
        return _point(value, default_year)
    except PydanticCustomError as error:
        if error.type != "date_format" or not isinstance(value, str):
            raise
        try:
            parse_span(value, default_year)
        except PydanticCustomError:
            raise error from None
        _fail("date_range_not_allowed", input=_show(value))


_SEPARATOR_RE = re.compile(r"至|到|[~〜]+|[—―–]+|-+")
_SPAN_KEYS = {"start": "start", "end": "end", "开始": "start", "结束": "end"}


def _second(value: object, first: DateSpan, original: object) -> DateSpan:
    """Parse the end of a range, inheriting year (and month) from the start."""
    base_month = first.start.month if first.granularity in ("day", "xun") else None
    return _point(value, first.start.year, base_month, allow_partial=True, original=original)


def _make_range(first: DateSpan, second: DateSpan, text: str, original: object) -> DateSpan:
    if second.end < first.start:
        _fail(
            "date_range_reversed",
            input=_show(original),
            start=first.start.isoformat(),
            end=second.end.isoformat(),
        )
    return DateSpan(first.start, second.end, text, first.granularity)


_DUMP_KEYS = frozenset({"start", "end", "text", "granularity"})


def _span_from_dump(value: Mapping[Any, Any]) -> DateSpan | None:
    """Rebuild a DateSpan from pydantic's python-mode dump of one (a dict)."""
    if set(value) != _DUMP_KEYS:
        return None
    start, end, text, granularity = (value[k] for k in ("start", "end", "text", "granularity"))
    if (
        isinstance(start, _dt.date)
        and isinstance(end, _dt.date)
        and isinstance(text, str)
        and granularity in _GRANULARITY_ORDER
        and start <= end
    ):
        return DateSpan(start, end, text, granularity)
    return None


def _span_from_mapping(value: Mapping[Any, Any], default_year: int | None) -> DateSpan:
    dumped = _span_from_dump(value)
    if dumped is not None:
        return dumped
    keys = {_SPAN_KEYS.get(key) if isinstance(key, str) else None for key in value}
    if keys != {"start", "end"} or len(value) != 2:
        _fail("date_range_incomplete", input=_show(dict(value)))
    start_value = next(v for k, v in value.items() if _SPAN_KEYS[k] == "start")
    end_value = next(v for k, v in value.items() if _SPAN_KEYS[k] == "end")
    first = _point(start_value, default_year, original=dict(value))
    second = _second(end_value, first, dict(value))
    return _make_range(first, second, f"{first.text}至{second.text}", dict(value))


_MEANINGFUL = frozenset(
    {"date_invalid", "date_year_missing", "date_range_reversed", "date_masked_year"}
)


def parse_span(value: object, default_year: int | None = None) -> DateSpan:
    """Parse a point or a range ("2024年4月中旬至5月上旬", "2024-04-01 ~ 2024-05-10").

    The second part of a range inherits the year from the first when it has
    none, and year and month when it is only a day or a 旬 ("2024年3月11日至15日").
    "年底"/"年末" as the second part is 31 December of the inherited year and
    "次年"/"翌年"/"第二年" add one year.  A mapping ``{"start": ..., "end": ...}``
    is accepted as well.
    """
    if isinstance(value, str) and (default_year is None or type(default_year) is int):
        return _parse_span_text(value, default_year)
    default_year = _check_default_year(default_year)
    if isinstance(value, Mapping):
        return _span_from_mapping(value, default_year)
    if not isinstance(value, str):
        return _point(value, default_year)
    return _parse_span_text(value, default_year)


@functools.lru_cache(maxsize=_REMEMBERED)
def _parse_span_text(value: str, default_year: int | None) -> DateSpan:
    default_year = _check_default_year(default_year)
    squashed = _squash(value)
    if not squashed:
        _fail_empty(value)
    _check_masked(value, squashed)
    errors: list[PydanticCustomError] = []
    try:
        point = _point(value, default_year)
    except PydanticCustomError as error:
        errors.append(error)
    else:
        return point
    # Try the unambiguous separators first, then '-' which also occurs in ISO dates.
    candidates = sorted(
        _SEPARATOR_RE.finditer(squashed),
        key=lambda m: (m.group()[0] == "-", m.start()),
    )
    for sep in candidates:
        left, right = squashed[: sep.start()], squashed[sep.end() :]
        if not left or not right:
            continue
        try:
            first = _point(left, default_year, original=value)
            second = _second(right, first, value)
            return _make_range(first, second, value.strip(), value)
        except PydanticCustomError as error:
            errors.append(error)
    for failure in errors:
        if failure.type in _MEANINGFUL:
            raise failure
    _date_format_error(value)


# ---------------------------------------------------------------------------
# formatting dates back in officer style
# ---------------------------------------------------------------------------


def _unit_start(d: _dt.date, granularity: Granularity) -> _dt.date:
    if granularity == "year":
        return _dt.date(d.year, 1, 1)
    if granularity == "month":
        return d.replace(day=1)
    if granularity == "xun":
        return d.replace(day=(min(d.day, 21) - 1) // 10 * 10 + 1)
    return d


def _unit_end(d: _dt.date, granularity: Granularity) -> _dt.date:
    if granularity == "year":
        return _dt.date(d.year, 12, 31)
    if granularity == "month":
        return _month_end(d.year, d.month)
    if granularity == "xun":
        return _xun_bounds(d.year, d.month, _XUN_NAMES.index(xun_of(d)))[1]
    return d


def _format_unit(d: _dt.date, granularity: Granularity, *, year: bool, month: bool) -> str:
    out = f"{d.year}年" if year else ""
    if granularity == "year":
        return out
    if month:
        out += f"{d.month}月"
    if granularity == "month":
        return out
    if granularity == "xun":
        return out + xun_of(d)
    return out + f"{d.day}日"


_END_CANDIDATES: dict[Granularity, tuple[Granularity, ...]] = {
    "year": ("year", "month", "xun", "day"),
    "month": ("month", "xun", "day"),
    "xun": ("xun", "day"),
    "day": ("day",),
}


def format_span(span: DateSpan) -> str:
    """Write a span the way an officer would, e.g. "2024年4月中旬至5月上旬".

    ``parse_span(format_span(s))`` has the same start and end as ``s``.
    """
    start, end = span.start, span.end
    granularity: Granularity = span.granularity
    if _unit_start(start, granularity) != start:
        granularity = "day"
    head = _format_unit(start, granularity, year=True, month=True)
    if end == _unit_end(start, granularity):
        return head
    same_year = end.year == start.year
    if granularity in ("day", "xun") and end == _dt.date(end.year, 12, 31):
        return head + "至" + ("年底" if same_year else f"{end.year}年底")
    for end_granularity in _END_CANDIDATES[granularity]:
        if _unit_end(end, end_granularity) == end:
            break
    omit_month = (
        same_year
        and end.month == start.month
        and end_granularity == granularity
        and granularity in ("day", "xun")
    )
    tail = _format_unit(end, end_granularity, year=not same_year, month=not omit_month)
    return head + "至" + tail


DATE_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [{"type": "string"}, {"type": "integer"}],
    "description": (
        '日期，可精确到日、旬、月或年，如 "2024年4月13日"、"2024-04-13"、'
        '"2024年4月中旬"、"2024年4月"、"2024年第一季度"、"2024年底"、2024'
    ),
}
SPAN_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "string"},
        {"type": "integer"},
        {
            "type": "object",
            "properties": {
                "start": {"type": ["string", "integer"], "description": "开始，如 2024年4月中旬"},
                "end": {"type": ["string", "integer"], "description": "结束，如 5月上旬"},
            },
            "required": ["start", "end"],
            "additionalProperties": False,
        },
    ],
    "description": (
        '时间或时间段，如 "2024年4月中旬"、"2024年4月中旬至5月上旬"、'
        '"2024年3月11日至15日"、"2024-04-01至2024-05-10"、"2024年8月中旬至年底"，'
        "也可写成 {start: 2024年4月, end: 2024年6月}"
    ),
}


def _default_year_from(info: ValidationInfo) -> int | None:
    context = info.context
    if context is None:
        return None
    if type(context) is dict or isinstance(context, Mapping):  # a dict: no ABC check
        year = context.get("default_year")
        if isinstance(year, int) and not isinstance(year, bool):
            return year
    return None


#: Keys of the validation context: the last year of the plan period, and the span read
#: last (the period, then each phase in turn), which a year-less phase must not precede.
LAST_YEAR = "last_year"
#: How soon after the phase above a year-less phase moved to the next year must start:
#: 2月上旬 after 2023年12月 is read as 2024; 4月 after 5月 is a phase out of order.
_NEXT_YEAR_REACH = _dt.timedelta(days=122)
_PREVIOUS_SPAN = "_previous_span"


def _validate_span(value: object, info: ValidationInfo) -> DateSpan:
    """A period or a phase's dates, read in file order.

    In a plan over several years, a phase written without a year (``2月上旬``) that would
    fall before the phase above it takes the next year of the plan that keeps the phases
    in order, when it then starts within four months of the end of that phase: in a
    2023–2024 plan, ``2月上旬`` after ``2023年12月`` is 2024年2月上旬.
    """
    if isinstance(value, DateSpan):  # already read (a DateField's second pass, a dump)
        return value
    year = _default_year_from(info)
    span = parse_span(value, year)
    context = info.context
    if not isinstance(context, dict):
        return span
    previous = context.get(_PREVIOUS_SPAN)
    last_year = context.get(LAST_YEAR)
    if (
        isinstance(previous, DateSpan)
        and isinstance(last_year, int)
        and year is not None
        and span.start < previous.start
    ):
        for later in range(year + 1, last_year + 1):
            moved = parse_span(value, later)
            if moved.start == span.start:
                break  # the text names its year: nothing to move
            if moved.start >= previous.start:
                if moved.start - previous.end <= _NEXT_YEAR_REACH:
                    span = moved  # else a phase out of order: CP401 says so
                break
    context[_PREVIOUS_SPAN] = span
    return span


def _validate_date(value: object, info: ValidationInfo) -> DateSpan:
    return parse_date(value, _default_year_from(info))


DateField = Annotated[
    DateSpan,
    BeforeValidator(_validate_date),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema(DATE_JSON_SCHEMA),
]
"""One date at day/旬/month/year granularity; reads ``default_year`` from the
validation context (``Model.model_validate(data, context={"default_year": 2024})``)."""

SpanField = Annotated[
    DateSpan,
    BeforeValidator(_validate_span),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema(SPAN_JSON_SCHEMA),
]
"""A date or a period; reads ``default_year`` from the validation context."""
