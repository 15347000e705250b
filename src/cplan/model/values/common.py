"""What the value parsers share: full-width text, error raising, plain number text.

Every parser failure raises :class:`pydantic_core.PydanticCustomError` whose ``type`` is
a key of :data:`cplan.messages.values_catalog.VALUE_MESSAGES` and whose context values
are all strings (:func:`_fail`).
"""

from __future__ import annotations

from decimal import Context, Decimal, InvalidOperation
from typing import NoReturn

from pydantic_core import PydanticCustomError

from cplan.messages.values_catalog import VALUE_MESSAGES

# Full-width ASCII variants (U+FF01..U+FF5E) -> ASCII, ideographic space -> space,
# plus a few look-alike punctuation marks officers type with a Chinese IME.
_FULLWIDTH = {code: code - 0xFEE0 for code in range(0xFF01, 0xFF5F)}
_FULLWIDTH.update(
    {
        0x3000: ord(" "),  # ideographic space
        0x00A0: ord(" "),  # no-break space
        0x2236: ord(":"),  # ∶ RATIO
        0x2212: ord("-"),  # − MINUS SIGN (Word and web pages write it for -30%)
        0xFE63: ord("-"),  # ﹣ SMALL HYPHEN-MINUS
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


def format_number(value: Decimal) -> str:
    """A number as plain text: ``Decimal("85.0")`` → ``"85"``, ``1E+2`` → ``"100"``.

    Never exponent notation, no trailing zeros, and ``-0`` (``-0.00``) shown as ``0``.
    """
    text = format(value.normalize(), "f")
    return "0" if text == "-0" else text


# ---------------------------------------------------------------------------
# Chinese numerals: 十二, 一百二十五, 壹拾贰, 十二点五
# ---------------------------------------------------------------------------

_CN_DIGITS = {
    "零": 0, "〇": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
    "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
    "壹": 1, "贰": 2, "貳": 2, "叁": 3, "參": 3, "肆": 4, "伍": 5,
    "陆": 6, "陸": 6, "柒": 7, "捌": 8, "玖": 9,
}  # fmt: skip
_CN_SMALL = {"十": 10, "拾": 10, "百": 100, "佰": 100, "千": 1000, "仟": 1000}
_CN_LARGE = {"万": 10_000, "萬": 10_000, "亿": 100_000_000, "億": 100_000_000}
CN_NUMERAL_CHARS = frozenset(_CN_DIGITS) | frozenset(_CN_SMALL) | frozenset(_CN_LARGE) | {"点"}


def parse_cn_number(text: str) -> Decimal | None:
    """The value of a number written in Chinese numerals, or None if ``text`` is not one.

    ``十二`` → 12, ``一百二十五`` → 125, ``十二万五千`` → 125000, ``一亿二千万`` →
    120000000, ``壹拾贰`` → 12, ``十二点五`` → 12.5, ``二〇二四`` → 2024 (digit by digit).
    """
    if not text or any(ch not in CN_NUMERAL_CHARS for ch in text):
        return None
    if "点" in text and text[-1] in _CN_LARGE:  # 十二点五万 = 12.5 × 10,000
        inner = parse_cn_number(text[:-1])
        return None if inner is None else inner * _CN_LARGE[text[-1]]
    whole, _, fraction = text.partition("点")
    if "点" in fraction or (fraction and any(ch not in _CN_DIGITS for ch in fraction)):
        return None
    value = _cn_integer(whole) if whole else 0
    if value is None:
        return None
    number = Decimal(value)
    if fraction:
        number += Decimal("0." + "".join(str(_CN_DIGITS[ch]) for ch in fraction))
    return number


def _cn_integer(text: str) -> int | None:
    if all(ch in _CN_DIGITS for ch in text):  # 二〇二四: digit by digit
        return int("".join(str(_CN_DIGITS[ch]) for ch in text))
    total = 0  # whole 亿
    high = 0  # whole 万 under the current 亿
    section = 0  # below 万
    digit: int | None = None
    previous_unit = 10**12
    for ch in text:
        if ch in _CN_DIGITS:
            if digit is not None and digit != 0 and _CN_DIGITS[ch] != 0:
                return None  # 二三: two digits in a row
            digit = _CN_DIGITS[ch]
        elif ch in _CN_SMALL:
            unit = _CN_SMALL[ch]
            if unit >= previous_unit:
                return None  # 十百: units out of order
            if digit is None and (section or high or total):
                return None
            section += (1 if digit is None else digit) * unit
            digit, previous_unit = None, unit
        else:
            unit = _CN_LARGE[ch]
            part = section + (digit or 0)
            if unit == 10_000:
                if part == 0 or high:
                    return None
                high = part * unit
            else:
                if part + high == 0 or total:
                    return None
                total = (high + part) * unit
                high = 0
            section, digit, previous_unit = 0, None, 10**12
    last = digit or 0
    if digit and len(text) >= 2:  # 一万五 = 15000, 三千五 = 3500: the unit below is meant
        before = _CN_SMALL.get(text[-2]) or _CN_LARGE.get(text[-2])
        if before is not None and before >= 100:
            last = digit * before // 10
    return total + high + section + last
