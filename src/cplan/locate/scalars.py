"""What a YAML scalar means to cplan, and the limits on what a plan file may expand to.

Shared by both builders of :mod:`cplan.locate` (the quick one and the careful one), so
that they cannot read a value two ways.
"""

from __future__ import annotations

import re
from decimal import Decimal
from typing import Any

#: Deepest nesting of mappings and sequences accepted. A plan nests about six levels.
MAX_DEPTH = 64
#: Most values a document may expand to, counting every use of an alias in full.
MAX_NODES = 100_000
#: Numbers with more digits than this are kept as text (the model then reports them).
MAX_NUMBER_CHARS = 40

#: Where a value stands in the data: ``("targets", 0, "name")``.
Path = tuple[str | int, ...]

CORE = "tag:yaml.org,2002:"

#: First characters of every plain scalar that is not text (null, bool, numbers).
MAYBE_TYPED = frozenset("~nNtTfF0123456789+-.")
_NUMBER_START = frozenset("0123456789+-.")
_NULL = re.compile(r"^(?:~|null|Null|NULL|)$")
_TRUE = re.compile(r"^(?:true|True|TRUE)$")
_FALSE = re.compile(r"^(?:false|False|FALSE)$")
_INT = re.compile(r"^[-+]?[0-9]+$")
_INT_OTHER = re.compile(r"^(?:0o[0-7]+|0x[0-9a-fA-F]+)$")
_DECIMAL = re.compile(r"^[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?$")


def resolve_scalar(text: str, tag: str | None, plain: bool) -> Any:
    """The value of a scalar: YAML 1.2 core types, with exact decimals instead of floats."""
    if tag is not None and tag != "!":
        name = tag.removeprefix(CORE)
        if name == "str":
            return text
        plain = True
    elif not plain:
        return text
    first = text[:1]
    if first and first not in MAYBE_TYPED:  # most plan text: 社区, 居民满意度, ...
        return text
    if first not in _NUMBER_START:  # ~, null, true, false (a number starts otherwise)
        if _NULL.match(text):
            return None
        if _TRUE.match(text):
            return True
        if _FALSE.match(text):
            return False
        return text
    if len(text) > MAX_NUMBER_CHARS:
        return text
    if _INT.match(text):
        return int(text)
    if _INT_OTHER.match(text):
        return int(text, 0)
    if _DECIMAL.match(text):
        return Decimal(text)
    return text
