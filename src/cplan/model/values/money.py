"""Money in yuan: ``"48万元"``, ``"480,000元"``, ``"￥480,000"`` → an exact Decimal."""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Annotated, Any, NoReturn

from pydantic import (
    BeforeValidator,
    PlainSerializer,
    WithJsonSchema,
)

from cplan.model.values.common import (
    _DEC,
    _MAX_DIGITS,
    CN_NUMERAL_CHARS,
    _fail,
    _fail_empty,
    _show,
    normalize_text,
    parse_cn_number,
)

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
_CN_CHARS = "".join(sorted(CN_NUMERAL_CHARS))
_CN_MONEY_RE = re.compile(
    rf"^(?P<sign>[-+]?)\s*(?:¥|人民币)?\s*(?P<number>[{_CN_CHARS}]+)\s*(?:元整?)?$"
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
        if (chinese := _CN_MONEY_RE.match(text)) is not None:
            return _chinese_money(chinese, value)
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


def _chinese_money(match: re.Match[str], original: str) -> Decimal:
    """``十二万元``, ``一百二十五万元``, ``壹拾贰万元整``: an amount in Chinese numerals."""
    number = parse_cn_number(match["number"])
    if number is None:
        _money_format_error(original)
    if match["sign"] == "-":
        number = -number
    return _finish_money(number, original)


def _money_type_error(value: object) -> NoReturn:
    _fail("money_type", input=_show(value), type=type(value).__name__)


def format_money(amount: Decimal) -> str:
    """Plain decimal text of an amount (never exponent notation)."""
    return format(amount, "f")


_NUM_CHARS = "0-9０-９"
_SIGN = "-+－＋−﹣"
MONEY_JSON_SCHEMA: dict[str, Any] = {
    "anyOf": [
        {"type": "number"},
        {
            "type": "string",
            "pattern": (
                rf"^\s*[{_SIGN}]?\s*(¥|￥|人民币)?\s*[{_SIGN}]?[{_NUM_CHARS}][{_NUM_CHARS},，]*"
                rf"([.．][{_NUM_CHARS}]+)?\s*[万亿]?\s*元?\s*$"
            ),
        },
        {
            "type": "string",
            "pattern": rf"^\s*[{_SIGN}]?\s*(¥|￥|人民币)?\s*[{_CN_CHARS}]+\s*(元整?)?\s*$",
        },
    ],
    "description": '金额，如 480000、"48万元"、"480,000元"、"十二万元"',
}

Money = Annotated[
    Decimal,
    BeforeValidator(parse_money),
    PlainSerializer(format_money, return_type=str, when_used="json"),
    WithJsonSchema(MONEY_JSON_SCHEMA),
]
"""Amount in yuan; accepts 480000, "48万元", "480,000元"; dumps to JSON as "480000"."""
