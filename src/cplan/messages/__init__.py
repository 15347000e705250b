"""Message catalogues: every user-facing text in Chinese (default) and English.

A message is looked up by key and formatted with ``str.format``-style arguments. The
language comes from ``--lang`` or ``CPLAN_LANG``; Chinese is the default because the
people who read these messages write their plans in Chinese.
"""

from __future__ import annotations

import os
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

from cplan.messages.catalog import MESSAGES

LANGS = ("zh", "en")
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


def _shorten(value: Any) -> Any:
    if isinstance(value, str) and len(value) > MAX_QUOTED:
        return f"{value[: MAX_QUOTED - 12]}…({len(value)} 字符)"
    return value


def yuan(amount: Decimal) -> str:
    """An amount in 元 as an officer reads it: thousands separated, to the fen."""
    return f"{amount:,.2f}"


def render_message(key: str, args: Mapping[str, Any], lang: str = DEFAULT_LANG) -> str:
    """Format the catalogue entry ``key`` in ``lang``; unknown keys show the key itself."""
    entry = MESSAGES.get(key)
    if entry is None:
        return key
    template = entry.get(lang) or entry[DEFAULT_LANG]
    return template.format_map(_Missing({k: _shorten(v) for k, v in args.items()}))
