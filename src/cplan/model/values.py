"""Value types used in work plans: money, ratios, percentages and dates.

Chinese community work plans are written by officers, not programmers, so the
parsers here accept the spellings that appear in real plans ("48万元",
"480,000元", "５：５", "2024年4月中旬至5月上旬", ...) and turn them into exact
values.  Every parser is a pure function; every failure raises
:class:`pydantic_core.PydanticCustomError` whose ``type`` is a key of
:data:`cplan.messages.values_catalog.VALUE_MESSAGES` and whose context values
are all strings, so the message can be rendered in Chinese or English with
``template.format(**context)``.

The ``Annotated`` aliases at the bottom (:data:`Money`, :data:`RatioField`,
:data:`PercentField`, :data:`DateField`, :data:`SpanField`) plug the parsers
into pydantic v2 models and give Draft-7 compatible JSON schemas.
"""

from __future__ import annotations

import calendar
import datetime as _dt
import math
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from decimal import Context, Decimal, InvalidOperation
from fractions import Fraction
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

from cplan.messages.values_catalog import VALUE_MESSAGES

__all__ = [
    "DATE_JSON_SCHEMA",
    "MONEY_JSON_SCHEMA",
    "PERCENT_JSON_SCHEMA",
    "RATIO_JSON_SCHEMA",
    "SPAN_JSON_SCHEMA",
    "DateField",
    "DateSpan",
    "Granularity",
    "Money",
    "PercentField",
    "Ratio",
    "RatioField",
    "SpanField",
    "Xun",
    "format_money",
    "format_percent",
    "format_span",
    "normalize_text",
    "parse_date",
    "parse_money",
    "parse_percent",
    "parse_ratio",
    "parse_span",
    "xun_of",
]

Granularity = Literal["day", "xun", "month", "year"]
Xun = Literal["上旬", "中旬", "下旬"]

# ---------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------

# Full-width ASCII variants (U+FF01..U+FF5E) -> ASCII, ideographic space -> space,
# plus a few look-alike punctuation marks officers type with a Chinese IME.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update(
    {
        0x3000: ord(" "),  # ideographic space
        0x00A0: ord(" "),  # no-break space
        0x2236: ord(":"),  # ∶ RATIO
        0xFFE5: ord("¥"),  # ￥ full-width yen sign
    }
)

# Plenty of headroom: inputs are limited to 30 digits and 亿 adds 8.
_DEC = Context(prec=120, traps=[InvalidOperation])
_MAX_DIGITS = 30


def normalize_text(text: str) -> str:
    """Map full-width digits/punctuation to ASCII and strip surrounding space."""
    return text.translate(_FULLWIDTH).strip()


def _show(value: object) -> str:
    """Render an offending input for an error message (shortened when huge)."""
    if isinstance(value, int) and not isinstance(value, bool) and value.bit_length() > 1000:
        return f"<{type(value).__name__} of about {int(value.bit_length() * 0.30103)} digits>"
    # numbers as the officer wrote them (0.001, not Decimal('0.001')); messages shorten
    # long text themselves and say how long it really was
    return str(value) if isinstance(value, (str, int, Decimal)) else repr(value)


def _fail(error_type: str, **context: str) -> NoReturn:
    """Raise ``error_type`` with the English template from the message catalogue."""
    raise PydanticCustomError(error_type, VALUE_MESSAGES[error_type]["en"], context)


def _fail_empty(value: object) -> NoReturn:
    _fail("value_empty", input=_show(value))


# ---------------------------------------------------------------------------
# money
# ---------------------------------------------------------------------------

_MONEY_RE = re.compile(
    r"""
    ^(?P<sign1>[-+]?)\s*
    (?P<currency>(?:¥|人民币)?)\s*
    (?P<sign2>[-+]?)\s*
    (?P<number>[0-9][0-9,]*(?:\.[0-9]+)?)\s*
    (?P<unit>[万亿]*)\s*
    (?P<yuan>元?)$
    """,
    re.VERBOSE,
)
_GROUPED_RE = re.compile(r"^[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?$")
_MULTIPLIERS = {"": Decimal(1), "万": Decimal(10_000), "亿": Decimal(100_000_000)}
_CENT = Decimal("0.01")


def _money_format_error(value: object) -> NoReturn:
    _fail("money_format", input=_show(value))


def _money_too_long(value: object) -> NoReturn:
    _fail("money_too_long", input=_show(value), limit=str(_MAX_DIGITS))


def _finish_money(amount: Decimal, original: object) -> Decimal:
    """Check size and fen precision, then return a canonical Decimal."""
    if not amount.is_finite():
        _fail("money_not_finite", input=_show(original))
    if amount.is_zero():
        return Decimal(0)
    if amount.adjusted() + 1 > _MAX_DIGITS or len(amount.as_tuple().digits) > _MAX_DIGITS + 8:
        _money_too_long(original)
    if amount.quantize(_CENT, context=_DEC) != amount:
        _fail("money_precision", input=_show(original))
    if amount == amount.to_integral_value(context=_DEC):
        return amount.quantize(Decimal(1), context=_DEC)
    return amount.normalize(_DEC)


def parse_money(value: object) -> Decimal:
    """Parse an amount of money in yuan into an exact :class:`~decimal.Decimal`.

    Accepts ``int``, ``Decimal``, ``float`` (via its shortest ``str``) and text
    such as ``"480,000元"``, ``"48万元"``, ``"1.2亿"``, ``"￥480,000"`` or
    full-width ``"４８万元"``.  万 multiplies by 10 000 and 亿 by 100 000 000.
    The result is exact to the fen and canonical (``Decimal("125000")``, not
    ``Decimal("1.25E+5")``).
    """
    if isinstance(value, bool) or value is None:
        _money_type_error(value)
    if isinstance(value, int):
        if value.bit_length() > 100:  # > 10**30, cheap check before str()
            _money_too_long(value)
        return _finish_money(Decimal(value), value)
    if isinstance(value, Decimal):
        if value.is_finite() and value.adjusted() + 1 > _MAX_DIGITS:
            _money_too_long(value)
        return _finish_money(value, value)
    if isinstance(value, float):
        if not math.isfinite(value):
            _fail("money_not_finite", input=repr(value))
        return _finish_money(Decimal(str(value)), value)
    if not isinstance(value, str):
        _money_type_error(value)

    text = normalize_text(value)
    if not text:
        _fail_empty(value)
    match = _MONEY_RE.match(text)
    if match is None:
        _money_format_error(value)
    if match["sign1"] and match["sign2"]:
        _money_format_error(value)
    if len(match["unit"]) > 1:
        _money_format_error(value)
    number = match["number"]
    if "," in number and not _GROUPED_RE.match(number):
        _fail("money_separator", input=value)
    digits = number.replace(",", "")
    if sum(ch.isdigit() for ch in digits) > _MAX_DIGITS:
        _money_too_long(value)
    amount = _DEC.multiply(Decimal(digits), _MULTIPLIERS[match["unit"]])
    if "-" in (match["sign1"], match["sign2"]):
        amount = -amount
    return _finish_money(amount, value)


def _money_type_error(value: object) -> NoReturn:
    _fail("money_type", input=_show(value), type=type(value).__name__)


def format_money(amount: Decimal) -> str:
    """Plain decimal text of an amount (never exponent notation)."""
    return format(amount, "f")


# ---------------------------------------------------------------------------
# percent
# ---------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^(?P<sign>[-+]?)\s*(?P<number>[0-9]+(?:\.[0-9]+)?)$")
_FRACTION_RE = re.compile(r"^(?P<num>[-+]?[0-9]{1,30})\s*/\s*(?P<den>[0-9]{1,30})$")
_PERCENT_RE = re.compile(r"^(?P<sign>[-+]?)\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*%$")


def _percent_format_error(value: object) -> NoReturn:
    _fail("percent_format", input=_show(value))


def _decimal_to_fraction(
    number: Decimal, original: object, on_error: Callable[[object], NoReturn]
) -> Fraction:
    if not number.is_finite():
        on_error(original)
    if not number.is_zero() and abs(number.adjusted()) > _MAX_DIGITS:
        on_error(original)
    return Fraction(number)


def parse_percent(value: object) -> Fraction:
    """Parse a percentage into an exact fraction (``"2%"`` -> ``Fraction(1, 50)``).

    Text must end in ``%`` (or full-width ``％``), or be an exact fraction
    such as ``"1/40"`` (which is how pydantic's python-mode dump writes a
    Fraction, so it is read as the fraction itself).  Bare numbers (``int``,
    ``Decimal``, ``float``) are percentage points, so ``2`` means 2%.  A
    :class:`~fractions.Fraction` is taken to be an already parsed value and is
    returned unchanged, which keeps re-validation idempotent.
    """
    if isinstance(value, bool) or value is None:
        _percent_type_error(value)
    if isinstance(value, Fraction):
        return value
    if isinstance(value, int):
        if value.bit_length() > 100:
            _percent_format_error(value)
        return Fraction(value, 100)
    if isinstance(value, float):
        if not math.isfinite(value):
            _percent_format_error(value)
        return _decimal_to_fraction(Decimal(str(value)), value, _percent_format_error) / 100
    if isinstance(value, Decimal):
        return _decimal_to_fraction(value, value, _percent_format_error) / 100
    if not isinstance(value, str):
        _percent_type_error(value)
    text = normalize_text(value)
    if not text:
        _fail_empty(value)
    if (fraction := _FRACTION_RE.match(text)) is not None:
        if int(fraction["den"]) == 0:
            _percent_format_error(value)
        return Fraction(int(fraction["num"]), int(fraction["den"]))
    match = _PERCENT_RE.match(text)
    if match is None or len(match["number"]) > _MAX_DIGITS + 1:
        _percent_format_error(value)
    points = Fraction(Decimal(match["number"]))
    if match["sign"] == "-":
        points = -points
    return points / 100


def _percent_type_error(value: object) -> NoReturn:
    _fail("percent_type", input=_show(value), type=type(value).__name__)


def _fraction_to_plain(value: Fraction, max_places: int = 10) -> str:
    """Exact decimal text of a fraction when it terminates, else rounded."""
    den = value.denominator
    twos = fives = 0
    while den % 2 == 0:
        den //= 2
        twos += 1
    while den % 5 == 0:
        den //= 5
        fives += 1
    places = max(twos, fives) if den == 1 else max_places
    scaled = round(value * 10**places)
    text = format(Decimal(scaled).scaleb(-places, _DEC), "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return "0" if text in ("", "-0") else text


def format_percent(value: Fraction) -> str:
    """``Fraction(1, 40)`` -> ``"2.5%"``."""
    return _fraction_to_plain(value * 100) + "%"


# ---------------------------------------------------------------------------
# ratio
# ---------------------------------------------------------------------------

_RATIO_SPLIT_RE = re.compile(r"\s*(?::|比)\s*")


class Ratio:
    """A split such as 5:5 or 1:1:2 (e.g. city : district funding), immutable.

    Two ratios are equal when they describe the same shares, so ``5:5``,
    ``1:1`` and ``50%:50%`` compare (and hash) equal.  When the parts sum to
    zero the shares are undefined and the parts themselves are compared.

    (A plain slotted class rather than a dataclass so that pydantic's
    python-mode ``model_dump()`` keeps the object instead of turning it into a
    dict.)
    """

    __slots__ = ("parts", "text")

    parts: tuple[Fraction, ...]
    text: str

    def __init__(self, parts: tuple[Fraction, ...], text: str | None = None) -> None:
        parts = tuple(Fraction(part) for part in parts)
        if len(parts) < 2:
            raise ValueError("a ratio needs at least two parts")
        if text is None:
            text = ":".join(str(part) for part in parts)
        object.__setattr__(self, "parts", parts)
        object.__setattr__(self, "text", text)

    def __setattr__(self, name: str, value: object) -> None:
        raise AttributeError(f"Ratio is immutable; cannot set {name}")

    def __delattr__(self, name: str) -> None:
        raise AttributeError(f"Ratio is immutable; cannot delete {name}")

    def __reduce__(self) -> tuple[type[Ratio], tuple[tuple[Fraction, ...], str]]:
        return (Ratio, (self.parts, self.text))

    def __repr__(self) -> str:
        return f"Ratio(parts={self.parts!r}, text={self.text!r})"

    @classmethod
    def of(cls, *parts: int | Fraction | Decimal | str) -> Ratio:
        """Build a ratio from numbers: ``Ratio.of(4, 6)``."""
        return parse_ratio(list(parts))

    def total(self) -> Fraction:
        return sum(self.parts, Fraction(0))

    def shares(self) -> tuple[Fraction, ...]:
        """Each part divided by the sum of the parts (they add up to exactly 1)."""
        total = self.total()
        if total == 0:
            raise ValueError(f"ratio {self.text} has parts that sum to 0; shares are undefined")
        return tuple(part / total for part in self.parts)

    def _key(self) -> tuple[str, tuple[Fraction, ...]]:
        if self.total() == 0:
            return ("parts", self.parts)
        return ("shares", self.shares())

    def __eq__(self, other: object) -> bool:
        if not isinstance(other, Ratio):
            return NotImplemented
        return self._key() == other._key()

    def __hash__(self) -> int:
        return hash(self._key())

    def __len__(self) -> int:
        return len(self.parts)

    def __str__(self) -> str:
        return self.text

    @classmethod
    def __get_pydantic_core_schema__(
        cls, source_type: Any, handler: GetCoreSchemaHandler
    ) -> core_schema.CoreSchema:
        return core_schema.no_info_plain_validator_function(
            parse_ratio,
            serialization=core_schema.plain_serializer_function_ser_schema(str, when_used="json"),
        )

    @classmethod
    def __get_pydantic_json_schema__(
        cls, schema: core_schema.CoreSchema, handler: GetJsonSchemaHandler
    ) -> JsonSchemaValue:
        return dict(RATIO_JSON_SCHEMA)


def _ratio_mixed_units(value: object) -> NoReturn:
    _fail("ratio_mixed_units", input=_show(value))


def _ratio_part(item: object, original: object) -> tuple[Fraction, str, bool]:
    """Parse one part of a ratio: (value, normalised text, was a percentage)."""

    def bad_part() -> NoReturn:
        _fail("ratio_part", input=_show(original), part=_show(item))

    if isinstance(item, bool) or item is None:
        bad_part()
    if isinstance(item, Fraction):
        return item, str(item), False
    if isinstance(item, int):
        if item.bit_length() > 100:
            bad_part()
        return Fraction(item), str(item), False
    if isinstance(item, float):
        if not math.isfinite(item):
            bad_part()
        exact = Decimal(str(item))
        return Fraction(exact), format(exact, "f"), False
    if isinstance(item, Decimal):
        if not item.is_finite() or abs(item.adjusted()) > _MAX_DIGITS:
            bad_part()
        return Fraction(item), format(item, "f"), False
    if not isinstance(item, str):
        bad_part()
    text = normalize_text(item)
    match = _PERCENT_RE.match(text)
    percent = match is not None
    if match is None:
        match = _NUMBER_RE.match(text)
    if match is None or len(match["number"]) > _MAX_DIGITS + 1:
        bad_part()
    number = Fraction(Decimal(match["number"]))
    if match["sign"] == "-":
        number = -number
    shown = match["sign"].replace("+", "") + match["number"] + ("%" if percent else "")
    return (number / 100 if percent else number), shown, percent


def parse_ratio(value: object) -> Ratio:
    """Parse ``"5:5"``, ``"５：５"``, ``"5∶5"``, ``"50%:50%"``, ``[4, 6]`` ... into a Ratio.

    Negative and all-zero parts are accepted here (a plan rule reports them);
    non-numeric parts are an error.
    """
    if isinstance(value, Ratio):
        return value
    items: list[object]
    if isinstance(value, str):
        text = normalize_text(value)
        if not text:
            _fail_empty(value)
        items = list(_RATIO_SPLIT_RE.split(text))
    elif isinstance(value, list | tuple):
        items = list(value)
    else:
        _fail("ratio_type", input=_show(value), type=type(value).__name__)
    if len(items) < 2:
        _fail("ratio_too_few_parts", input=_show(value))
    parsed = [_ratio_part(item, value) for item in items]
    kinds = {percent for _, _, percent in parsed}
    if len(kinds) > 1:
        _ratio_mixed_units(value)
    return Ratio(
        parts=tuple(number for number, _, _ in parsed),
        text=":".join(shown for _, shown, _ in parsed),
    )


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
        (?P<yearpos>年?[初底末])
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
        kind: Literal["year_start", "year_end"] = (
            "year_start" if m["yearpos"].endswith("初") else "year_end"
        )
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


def parse_date(value: object, default_year: int | None = None) -> DateSpan:
    """Parse one point-in-time expression (day, 旬, month, quarter, half or year).

    Year-less text ("4月中旬") takes ``default_year``; without it the error is
    ``date_year_missing``.
    """
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
    default_year = _check_default_year(default_year)
    if isinstance(value, Mapping):
        return _span_from_mapping(value, default_year)
    if not isinstance(value, str):
        return _point(value, default_year)
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


# ---------------------------------------------------------------------------
# pydantic integration
# ---------------------------------------------------------------------------

_NUM_CHARS = "0-9０-９"
MONEY_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "string",
            "pattern": (
                rf"^\s*[-+－＋]?\s*(¥|￥|人民币)?\s*[-+－＋]?[{_NUM_CHARS}][{_NUM_CHARS},，]*"
                rf"([.．][{_NUM_CHARS}]+)?\s*[万亿]?\s*元?\s*$"
            ),
        },
    ],
    "description": '金额，如 480000、"48万元"、"480,000元"',
}
RATIO_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {
            "type": "string",
            "pattern": r"^[^:：∶比]+([:：∶比][^:：∶比]+)+$",
        },
        {
            "type": "array",
            "minItems": 2,
            "items": {"anyOf": [{"type": "number"}, {"type": "string"}]},
        },
    ],
    "description": '比例，如 "5:5"、"4:6"、"1:1:2" 或 [5, 5]',
}
PERCENT_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {"type": "string", "pattern": r"^\s*[-+]?\s*[0-9０-９.．]+\s*[%％]\s*$"},
    ],
    "description": '百分比，如 "2%"、"2.5%"；直接写数字 2 表示 2%',
}
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
    if isinstance(context, Mapping):
        year = context.get("default_year")
        if isinstance(year, int) and not isinstance(year, bool):
            return year
    return None


def _validate_span(value: object, info: ValidationInfo) -> DateSpan:
    return parse_span(value, _default_year_from(info))


def _validate_date(value: object, info: ValidationInfo) -> DateSpan:
    return parse_date(value, _default_year_from(info))


Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    PlainSerializer(format_money, return_type=str, when_used="json"),
    WithJsonSchema(MONEY_JSON_SCHEMA),
]
"""Amount in yuan; accepts 480000, "48万元", "480,000元"; dumps to JSON as "480000"."""

RatioField = Annotated[
    Ratio,
    BeforeValidator(parse_ratio),
    PlainSerializer(str, return_type=str, when_used="json"),
    WithJsonSchema(RATIO_JSON_SCHEMA),
]
"""Split such as "5:5" or [4, 6]; dumps to JSON as its text."""

PercentField = Annotated[
    Fraction,
    BeforeValidator(parse_percent),
    PlainSerializer(format_percent, return_type=str, when_used="json"),
    WithJsonSchema(PERCENT_JSON_SCHEMA),
]
"""Percentage as an exact fraction ("2%" -> 1/50); dumps to JSON as "2%"."""

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
