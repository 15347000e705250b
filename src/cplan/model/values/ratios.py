"""Percentages (``"2.5%"`` → ``Fraction(1, 40)``) and ratios (``"5:5"``, ``"1:1:2"``)."""

from __future__ import annotations

import math
import re
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction
from typing import Annotated, Any, NoReturn

from pydantic import (
    BeforeValidator,
    GetCoreSchemaHandler,
    GetJsonSchemaHandler,
    PlainSerializer,
    WithJsonSchema,
)
from pydantic.json_schema import JsonSchemaValue
from pydantic_core import core_schema

from cplan.model.values.common import _DEC, _MAX_DIGITS, _fail, _fail_empty, _show, normalize_text

# ---------------------------------------------------------------------------
# percent
# ---------------------------------------------------------------------------

_NUMBER_RE = re.compile(r"^(?P<sign>[-+]?)\s*(?P<number>[0-9]+(?:\.[0-9]+)?)$")
_FRACTION_RE = re.compile(r"^(?P<num>[-+]?[0-9]{1,30})\s*/\s*(?P<den>[0-9]{1,30})$")
_PERCENT_RE = re.compile(r"^(?P<sign>[-+]?)\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*%$")
#: Words for a relative change: 降低30% is -30%, 提高30% is +30%.
_CHANGE_WORDS = {
    "降低": "-", "下降": "-", "减少": "-", "减小": "-", "压降": "-",
    "提高": "+", "提升": "+", "增加": "+", "增长": "+", "上升": "+",
}  # fmt: skip
_CHANGE_RE = re.compile(
    "^(?P<word>" + "|".join(_CHANGE_WORDS) + r")了?\s*(?P<number>[0-9]+(?:\.[0-9]+)?)\s*%$"
)


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
    sign = match["sign"] if match is not None else ""
    if match is None and (match := _CHANGE_RE.match(text)) is not None:
        sign = _CHANGE_WORDS[match["word"]]
    if match is None or len(match["number"]) > _MAX_DIGITS + 1:
        _percent_format_error(value)
    points = Fraction(Decimal(match["number"]))
    if sign == "-":
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
        {
            "type": "string",
            "pattern": (
                r"^\s*(降低|下降|减少|减小|压降|提高|提升|增加|增长|上升)?了?"
                r"\s*[-+－＋−﹣]?\s*[0-9０-９.．]+\s*[%％]\s*$"
            ),
        },
    ],
    "description": '百分比，如 "2%"、"2.5%"、"-30%"、"降低30%"；直接写数字 2 表示 2%',
}

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
