"""Value types used in work plans: money, ratios, percentages and dates.

Chinese community work plans are written by officers, not programmers, so the
parsers here accept the spellings that appear in real plans ("48万元",
"480,000元", "５：５", "2024年4月中旬至5月上旬", ...) and turn them into exact
values.  Every parser is a pure function; every failure raises
:class:`pydantic_core.PydanticCustomError` whose ``type`` is a key of
:data:`cplan.messages.values_catalog.VALUE_MESSAGES` and whose context values
are all strings, so the message can be rendered in Chinese or English with
``template.format(**context)``.

The ``Annotated`` aliases (:data:`Money`, :data:`RatioField`,
:data:`PercentField`, :data:`DateField`, :data:`SpanField`) plug the parsers
into pydantic v2 models and give Draft-7 compatible JSON schemas.

The parsers live in one module per kind of value, all re-exported here:
:mod:`~cplan.model.values.money`, :mod:`~cplan.model.values.ratios` (percentages and
ratios), :mod:`~cplan.model.values.dates`, and :mod:`~cplan.model.values.common` (text
normalisation, error raising and :func:`format_number`, plain number text).
"""

from __future__ import annotations

from cplan.model.values.common import format_number, normalize_text
from cplan.model.values.dates import (
    DATE_JSON_SCHEMA,
    SPAN_JSON_SCHEMA,
    DateField,
    DateSpan,
    Granularity,
    SpanField,
    Xun,
    format_span,
    parse_date,
    parse_span,
    xun_of,
)
from cplan.model.values.money import MONEY_JSON_SCHEMA, Money, format_money, parse_money
from cplan.model.values.ratios import (
    PERCENT_JSON_SCHEMA,
    RATIO_JSON_SCHEMA,
    PercentField,
    Ratio,
    RatioField,
    format_percent,
    parse_percent,
    parse_ratio,
)

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
    "format_number",
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
