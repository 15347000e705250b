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
