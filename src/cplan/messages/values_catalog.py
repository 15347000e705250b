"""Messages for the value parsers in :mod:`cplan.model.values`.

``VALUE_MESSAGES[error_type][lang]`` is a ``str.format`` template.  The
placeholders are keys of the context of the
:class:`pydantic_core.PydanticCustomError` raised with that ``error_type``;
every context value is a string.  The ``"en"`` template is also the one the
parser raises with, so ``error.message()`` is the English text.

Context keys used:

``input``
    the offending value as the officer wrote it
``type``
    Python type name of a value of the wrong kind (``*_type`` errors)
``part``
    the offending part of a ratio
``limit``
    the digit limit for amounts
``reason`` / ``reason_zh``
    why a date does not exist, in English / Chinese
``start`` / ``end``
    ISO dates of a reversed period
"""

from __future__ import annotations

__all__ = ["VALUE_MESSAGES"]

VALUE_MESSAGES: dict[str, dict[str, str]] = {
    # -- shared -------------------------------------------------------------
    "value_empty": {
        "zh": "此处不能为空",
        "en": "A value is required here but it is empty",
    },
    # -- money --------------------------------------------------------------
    "money_type": {
        "zh": "金额应填写数字或文字（如 48万元、十二万元），这里填的是 {input}",
        "en": "An amount of money must be a number or text like 48万元, got {input}",
    },
    "money_format": {
        "zh": "金额格式无法识别：{input}；可写作 480000、48万元、480,000元 或 十二万元",
        "en": (
            "Cannot read {input} as an amount of money; write it like 480000, 48万元 or 480,000元"
        ),
    },
    "money_separator": {
        "zh": "金额 {input} 中的千分位逗号位置不对；应每三位数字一个逗号，如 480,000",
        "en": (
            "The thousands separators in {input} are misplaced; "
            "commas go every three digits, as in 480,000"
        ),
    },
    "money_precision": {
        "zh": "金额 {input} 精确到了分以下；金额最多保留两位小数（到分）",
        "en": "The amount {input} is more precise than one fen (0.01 yuan)",
    },
    "money_too_long": {
        "zh": "金额 {input} 超过 {limit} 位数字，请检查是否多写了数字或单位",
        "en": "The amount {input} has more than {limit} digits",
    },
    "money_not_finite": {
        "zh": "金额 {input} 不是有效的数字",
        "en": "The amount {input} is not a finite number",
    },
    # -- percent ------------------------------------------------------------
    "percent_type": {
        "zh": "百分比应填写数字或文字（如 2%），这里填的是 {input}",
        "en": "A percentage must be a number or text like 2%, got {input}",
    },
    "percent_format": {
        "zh": "百分比格式无法识别：{input}；可写作 2%、2.5%、-30% 或 降低30%",
        "en": "Cannot read {input} as a percentage; write it like 2% or 2.5%",
    },
    # -- ratio --------------------------------------------------------------
    "ratio_type": {
        "zh": (
            "比例应写成 5:5 这样的文字或 [5, 5] 这样的列表，这里填的是 {input}；"
            "全部由一方承担时不写比例，在 sharing 中写 remainder: 出资方"
        ),
        "en": (
            "A ratio must be text like 5:5 or a list like [5, 5], got {input}; when one funder"
            " pays it all, write no ratio but remainder: FUNDER under sharing"
        ),
    },
    "ratio_too_few_parts": {
        "zh": (
            "比例 {input} 至少要有两项，如 5:5；全部由一方承担时不写比例，"
            "在 sharing 中写 remainder: 出资方标识符"
        ),
        "en": (
            "The ratio {input} needs at least two parts, like 5:5; when one funder pays it"
            " all, write no ratio but remainder: FUNDER under sharing"
        ),
    },
    "ratio_part": {
        "zh": "比例 {input} 中的“{part}”不是数字",
        "en": "The part {part} of the ratio {input} is not a number",
    },
    "ratio_mixed_units": {
        "zh": "比例 {input} 中有的写了百分号有的没写；请统一写成 5:5 或 50%:50%",
        "en": (
            "The ratio {input} mixes percentages with plain numbers; write it like 5:5 or 50%:50%"
        ),
    },
    # -- dates --------------------------------------------------------------
    "date_type": {
        "zh": "日期应填写文字（如 2024年4月13日）或日期，这里填的是 {input}",
        "en": "A date must be text like 2024年4月13日 or a date, got {input}",
    },
    "date_format": {
        "zh": (
            "日期格式无法识别：{input}；可写作 2024年4月13日、2024年4月中旬、"
            "2024-04-13 或 2024年4月中旬至5月上旬"
        ),
        "en": (
            "Cannot read {input} as a date; write it like 2024年4月13日, 2024年4月中旬, "
            "2024-04-13 or 2024年4月中旬至5月上旬"
        ),
    },
    "date_invalid": {
        "zh": "日期 {input} 不存在：{reason_zh}",
        "en": "{input} is not a real calendar date: {reason}",
    },
    "date_year_missing": {
        "zh": "日期 {input} 没有写年份，请补上年份，如 2024年4月中旬",
        "en": "The date {input} has no year; write the year, e.g. 2024年4月中旬",
    },
    "date_masked_year": {
        "zh": "日期 {input} 的年份是占位符（如 20xx），请填写实际年份",
        "en": "The date {input} has a placeholder year (like 20xx); write the real year",
    },
    "date_range_not_allowed": {
        "zh": "此处只能填写一个日期（如 2024年4月中旬），不能填写时间段：{input}",
        "en": "Only a single date (like 2024年4月中旬) is allowed here, not a period: {input}",
    },
    "date_range_reversed": {
        "zh": (
            "时间段 {input} 的结束日期 {end} 早于开始日期 {start}；"
            "跨年请写“次年”，如 2024年12月至次年3月"
        ),
        "en": (
            "The period {input} ends ({end}) before it starts ({start}); "
            "for a period crossing the new year write 次年, e.g. 2024年12月至次年3月"
        ),
    },
    "date_range_incomplete": {
        "zh": "时间段写成键值形式时，必须且只能包含 start（开始）和 end（结束）两项：{input}",
        "en": "A period written as a mapping needs exactly the keys start and end, got {input}",
    },
}
