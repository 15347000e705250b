"""Message catalogues: every user-facing text in Chinese (default) and English.

A message is looked up by key and formatted with ``str.format``-style arguments. The
language comes from ``--lang`` or ``CPLAN_LANG``; Chinese is the default because the
people who read these messages write their plans in Chinese.
"""

from __future__ import annotations

import os
import re
from collections.abc import Mapping
from decimal import ROUND_HALF_UP, Context, Decimal
from typing import TYPE_CHECKING, Any

from cplan.messages.catalog import MESSAGES
from cplan.safetext import visible

if TYPE_CHECKING:
    from cplan.compute.execution import Alert

LANGS = ("zh", "en")
_FEN = Decimal("0.01")
DEFAULT_LANG = "zh"


def resolve_lang(explicit: str | None = None) -> str:
    """The language to speak: an explicit choice, else ``CPLAN_LANG``, else Chinese."""
    for candidate in (explicit, os.environ.get("CPLAN_LANG")):
        if candidate:
            short = candidate.lower().replace("-", "_").split("_")[0]
            if short in LANGS:
                return short
    return DEFAULT_LANG


#: Longest piece of user input quoted in a message; longer values are shortened.
MAX_QUOTED = 60


class _Missing(dict[str, Any]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"


#: Arguments that name a file or a place: shown whole, or the reader cannot find it.
_NEVER_SHORTENED = frozenset({"path", "where", "what", "detail", "choices", "unit_names"})


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return f"{value[: MAX_QUOTED - 12]}…({len(value)} 字符)"
    return value


#: What every output shows for an amount that is not there.
NO_AMOUNT = "—"


def yuan(amount: Decimal | str | int | None, *, sign: bool = False) -> str:
    """An amount in 元 as an officer reads it: ``1,234,567.80``. cplan's one money format.

    Thousands separated, rounded to the fen half up (四舍五入, as the figures are); ``None``
    is ``—``; a negative zero is ``0.00``. With ``sign`` a difference: ``+240,000.00``,
    ``-48,000.00``, ``+0.00``. Text is read as a decimal number (``"1234567.8"``).
    """
    if amount is None:
        return NO_AMOUNT
    value = amount if isinstance(amount, Decimal) else Decimal(amount)
    if value.is_finite():
        wide = Context(prec=max(28, value.adjusted() + 4))  # never InvalidOperation for size
        value = value.quantize(_FEN, rounding=ROUND_HALF_UP, context=wide)
        if value.is_zero():
            value = abs(value)
    return format(value, "+,.2f" if sign else ",.2f")


_INNER_QUOTES = str.maketrans({"“": "‘", "”": "’"})
#: A placeholder a template puts in Chinese quotes: “{name}”.
_QUOTED_FIELD = re.compile(r"“\{(\w+)\}”")


def inner_quotes(text: str) -> str:
    """Text to be put inside “…”: its own double quotes become single ones, as Chinese
    print nests them (“综合治理‘一张网’平台”)."""
    return text.translate(_INNER_QUOTES)


def quoted(text: str) -> str:
    """``text`` in Chinese quotes, its own quotes nested: “综合治理‘一张网’平台”."""
    return f"“{inner_quotes(text)}”"


def render_message(key: str, args: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """Format the catalogue entry ``key`` in ``lang``; unknown keys show the key itself.

    A value the template puts in Chinese quotes (“{name}”) has its own quotes nested."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry[DEFAULT_LANG]
    shown = {k: _shown(v if k in _NEVER_SHORTENED else _shorten(v)) for k, v in args.items()}
    for name in _QUOTED_FIELD.findall(template):
        if isinstance(shown.get(name), str):
            shown[name] = inner_quotes(shown[name])
    return template.format_map(_Missing(shown))


def _shown(value: Any) -> Any:
    """An argument as a message shows it: text from a file with its control, bidi and
    invisible characters escaped (:func:`cplan.safetext.visible`); numbers as they are."""
    if isinstance(value, str):
        return visible(value)
    if value is None or isinstance(value, int | float | Decimal):
        return value
    return visible(str(value))


def alert_text(alert: Alert, lang: str = DEFAULT_LANG) -> str:
    """The officer's sentence for a budget execution alert (``cplan.compute.execution``).

    Lines, units and funders by their names; amounts in 元 as :func:`yuan` writes them;
    the time elapsed as a percentage with one decimal; dates as ``2025-06-30``.
    """
    from datetime import date
    from fractions import Fraction

    from cplan.render.wording import percent

    args: dict[str, Any] = {}
    for name, value in alert.params.items():
        if isinstance(value, Decimal):
            args[name] = yuan(value)
        elif isinstance(value, Fraction):
            args[name] = percent(value)
        elif isinstance(value, date):
            args[name] = value.isoformat()
        else:
            args[name] = value
    unit = alert.params.get("unit_name")
    args["unit"] = render_message("alert.unit", {"unit": unit}, lang) if unit else ""
    args["line"] = alert.params.get("line_name", alert.line)
    args["funder"] = alert.params.get("funder_name", alert.funder)
    key = f"alert.{alert.kind}"
    end, as_of = alert.params.get("end"), alert.params.get("as_of")
    if isinstance(end, date) and isinstance(as_of, date) and as_of > end:
        key += ".after"
    elif alert.params.get("units"):
        key += ".units"
    return render_message(key, args, lang)
