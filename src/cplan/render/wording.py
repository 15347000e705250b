"""How figures and plan text are written in documents an office files.

Everything here is pure text formatting for the Word documents (and the 台账's titles):

* :func:`cn` — plan text as Chinese print wants it: full-width punctuation （，；：？！“”）,
  no spaces between Chinese characters and digits or Latin letters. Applied to the
  document, never to the YAML;
* :func:`money` — an amount in 元 or 万元 (``1132.84万元``, ``400元``), exact: never rounded,
  never a float; :func:`money_unit` picks 万元 for plans whose budget is written in 万元;
* :func:`percent` — ``60%``, ``72.5%`` (one decimal, rounded half up, no trailing ``.0``);
* :func:`cn_date` and :func:`by_deadline` — ``2025年3月20日``, ``到2025年底``;
* :func:`hanzi` — 1 → 一, 12 → 十二 (for 一、 and （一） headings);
* :func:`split_title` — a title broken into lines at word boundaries, long over short.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Iterable, Sequence
from datetime import date
from decimal import ROUND_HALF_UP, Decimal
from fractions import Fraction

from cplan.model.values import format_number

# -- Chinese text ----------------------------------------------------------------------

_WIDE = "WF"
_FULL_PUNCT = "，。；：？！、“”‘’（）《》〈〉【】—…·「」『』"


def is_wide(ch: str) -> bool:
    """A Chinese character or full-width sign: it takes a whole em on the page."""
    return unicodedata.east_asian_width(ch) in _WIDE


def width(text: str) -> float:
    """Width in ems: Chinese characters and full-width signs 1, others ½."""
    return sum(1.0 if is_wide(ch) else 0.5 for ch in text)


def _has_cjk(text: str) -> bool:
    return any(is_wide(ch) and ch not in _FULL_PUNCT for ch in text)


_FULL_WIDTH = str.maketrans(",;:?!", "，；：？！")
#: A full stop: after a Chinese character or sign (not in 1.5 or a list's "1."), or
#: ending the text after a figure (共3个.  比例5:5.).
_FULL_STOP = re.compile(r"(?<=[^\x00-\x7f])\.(?![0-9])|(?<=[0-9])\.$")
_SPACE_AROUND_WIDE = re.compile(r"\s+(?=[^\x00-\x7f])|(?<=[^\x00-\x7f])\s+")
_DIGIT_GROUP = re.compile(r"(?<=\d),(?=\d{3}(?!\d))")
_RATIO_COLON = re.compile(r"(?<=\d)\s*[:：]\s*(?=\d)")
_QUOTED = re.compile(r'"([^"]*)"')
_SINGLE_QUOTED = re.compile(r"(?<![A-Za-z])'([^']*)'(?![A-Za-z])")


def cn(text: object) -> str:
    """Plan text as Chinese print wants it (see the module docstring). ``None`` → ``""``.

    Half-width ``, ; : ? ! ( )`` become full-width in text that holds Chinese; a ``.``
    after a Chinese character, or closing the text, becomes ``。``; straight quotes become
    “ ” and ‘ ’. Digit groups (``1,000``), ratios (``5:5``) and decimals stay as they are.
    Spaces next to a Chinese character or a full-width sign are removed; spaces between
    two Latin words stay.
    """
    if text is None:
        return ""
    value = " ".join(str(text).split())
    if not _has_cjk(value):
        return value
    value = _QUOTED.sub(r"“\1”", value)
    value = _SINGLE_QUOTED.sub(r"‘\1’", value)
    value = _DIGIT_GROUP.sub(lambda m: "\x01", value)
    value = _RATIO_COLON.sub(lambda m: "\x02", value)
    value = value.translate(_FULL_WIDTH)
    value = value.replace("(", "（").replace(")", "）")
    value = _SPACE_AROUND_WIDE.sub("", value)
    stopped = _SPACE_AROUND_WIDE.sub("", _FULL_STOP.sub("。", value))
    while stopped != value:  # 区.. : each stop makes the next one follow a Chinese sign,
        value = stopped  # and a new 。 takes the spaces beside it away
        stopped = _SPACE_AROUND_WIDE.sub("", _FULL_STOP.sub("。", value))
    return value.replace("\x01", ",").replace("\x02", ":")


def sentence(text: object) -> str:
    """:func:`cn` text ending in a full stop (unless it ends in other closing punctuation)."""
    value = cn(text)
    if not value:
        return ""
    value = value.rstrip("，；、：")
    if value[-1] in "。！？”…":
        return value
    return value + "。"


def clause(text: object) -> str:
    """:func:`cn` text with no closing punctuation, to be joined into a longer sentence."""
    return cn(text).rstrip("。；，、：")


def join_cn(items: Sequence[str], last: str = "和") -> str:
    """``[a, b, c]`` → ``a、b和c``."""
    items = [item for item in items if item]
    if len(items) <= 1:
        return "".join(items)
    if any(last in item for item in items):  # 驻区企业和社会组织、小区居民: no second 和
        return "、".join(items)
    return "、".join(items[:-1]) + last + items[-1]


# -- numbers, money, percentages, dates -----------------------------------------------

_TEN_THOUSAND = Decimal(10_000)
_HUNDRED = Decimal(100)


def money_unit(total: Decimal) -> str:
    """万元 for a budget written in 万元 (at least 1万元, a whole number of 百元), else 元.

    Plans that write their amounts in 万元 (12.5万元, 1132.84万元) give totals in whole
    百元; a total with 元 or fen below that (4,850元, 1,017.5元) was written in 元.
    """
    if total >= _TEN_THOUSAND and total % _HUNDRED == 0:
        return "万元"
    return "元"


def number(value: Decimal | int | Fraction | None) -> str:
    """A plain number: ``Decimal("85.0")`` → ``85``; exact fractions to 2 places."""
    if value is None:
        return ""
    if isinstance(value, Fraction):
        value = Decimal(value.numerator) / Decimal(value.denominator)
        value = value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)
    return format_number(Decimal(value))


def in_unit(amount: Decimal, unit: str) -> Decimal:
    """An amount in 元 expressed in ``unit`` (元 or 万元), exactly."""
    return amount / _TEN_THOUSAND if unit == "万元" else amount


def money_figure(
    amount: Decimal, unit: str, *, grouped: bool = False, fen: bool = False, places: int = 0
) -> str:
    """The figure alone: ``1132.84`` (万元), ``480000`` (元); ``grouped`` adds ``,``.

    ``fen`` writes 元 with two decimals (for a table whose amounts need fen); ``places``
    is the least number of decimals (``624.00`` in a table of 万元). Never rounded.
    """
    value = in_unit(amount, unit)
    if unit == "元" and fen:
        text = format(value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP), ",.2f")
        return text if grouped else text.replace(",", "")
    text = format_number(value)
    if len(text.partition(".")[2]) < places:
        text = format(value.quantize(Decimal(1).scaleb(-places)), "f")
    if grouped:
        whole, _, fraction = text.partition(".")
        sign = "-" if whole.startswith("-") else ""
        text = sign + f"{int(whole.lstrip('-')):,}" + ("." + fraction if fraction else "")
    return text


def money(amount: Decimal, unit: str) -> str:
    """An amount as a sentence writes it: ``1132.84万元``, ``480000元``, ``12.5万元``."""
    return money_figure(amount, unit) + unit


def exact_unit(amounts: Iterable[Decimal], unit: str) -> str:
    """The unit in which ``amounts`` are written exactly with at most two decimals: 万元
    when ``unit`` is 万元 and each is a whole number of 百元, else 元 (2692602.75元, not
    269.260275万元)."""
    if unit == "万元" and all(amount % _HUNDRED == 0 for amount in amounts):
        return "万元"
    return "元"


def rate(amount: Decimal) -> str:
    """A unit rate is written in 元 when below 1万 (400元), else in 万元 (25万元)."""
    if amount >= _TEN_THOUSAND and amount % _HUNDRED == 0:
        return money(amount, "万元")
    return money(amount, "元")


def percent(share: Fraction | Decimal | None, places: int = 1) -> str:
    """A share (0.725) as ``72.5%``: rounded half up, no trailing zeros; None → ``""``."""
    if share is None:
        return ""
    if isinstance(share, Decimal):
        share = Fraction(share)
    scaled = Decimal(share.numerator * 100) / Decimal(share.denominator)
    rounded = scaled.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    return format_number(rounded) + "%"


def cn_date(day: date) -> str:
    """``2025年3月20日``: Arabic digits, the year in full, no leading zeros."""
    return f"{day.year}年{day.month}月{day.day}日"


def by_deadline(day: date) -> str:
    """``到2025年底``, ``到2025年6月底``, ``到2025年6月15日``."""
    if (day.month, day.day) == (12, 31):
        return f"到{day.year}年底"
    if day.day == calendar.monthrange(day.year, day.month)[1]:
        return f"到{day.year}年{day.month}月底"
    return f"到{cn_date(day)}"


_DIGITS = "零一二三四五六七八九"


def hanzi(value: object) -> str:
    """A small count in Chinese numerals, for "（三）" headings: 1 → 一, 12 → 十二."""
    count = int(str(value))
    if not 0 <= count < 100:
        return str(count)
    tens, ones = divmod(count, 10)
    if tens == 0:
        return _DIGITS[ones]
    prefix = "" if tens == 1 else _DIGITS[tens]
    return prefix + "十" + (_DIGITS[ones] if ones else "")


# -- titles ----------------------------------------------------------------------------

#: Words of plan titles: a title breaks only between them (longest match first), never
#: inside one, nor inside a run of characters none of them covers.
TITLE_WORDS = (
    "关于",
    "工作进展情况的报告",
    "进展情况的报告",
    "情况的报告",
    "的报告",
    "工作方案",
    "实施方案",
    "行动方案",
    "建设方案",
    "工作计划",
    "工作纲要",
    "方案",
    "计划",
    "报告",
    "共建",
    "共同缔造",
    "活动",
    "社区治理",
    "社区建设",
    "社区发展",
    "社区服务",
    "社区",
    "小区",
    "居民小区",
    "城市居民小区",
    "城区",
    "城市",
    "街道",
    "综合服务中心",
    "服务中心",
    "精神康复",
    "康复",
    "建设",
    "治理",
    "发展",
    "服务",
    "工作",
    "新社区",
    "三年行动",
    "五年行动",
    "三年",
    "五年",
    "年度",
    "实施",
    "行动",
    "管理",
    "提升",
    "改造",
    "养老",
    "助餐",
    "文明",
    "创建",
    "绿色",
)
_ATOMIC = re.compile(
    r"[（(][^（）()]*[）)]"  # a bracketed group: （2023—2025年）
    r"|“[^”]*”|\"[^\"]*\""  # a quotation: “共同缔造”
    r"|\d+(?:[—\-至~～]\d+)?年?度?"  # 2025—2026年, 2025年, 13
)
#: Preferred places to break: after these words, and before these.
_BREAK_AFTER = ("关于", "的")
_BREAK_BEFORE = (
    "工作方案",
    "实施方案",
    "行动方案",
    "工作计划",
    "工作进展情况的报告",
    "进展情况的报告",
    "（",
    "(",
)


def _tokens(title: str, names: Iterable[str]) -> list[str]:
    words = sorted({*TITLE_WORDS, *(n for n in names if n)}, key=len, reverse=True)
    tokens: list[str] = []
    unknown = ""
    i = 0
    while i < len(title):
        atom = _ATOMIC.match(title, i)
        word = atom.group() if atom else next((w for w in words if title.startswith(w, i)), None)
        if word:
            if unknown:
                tokens.append(unknown)
                unknown = ""
            tokens.append(word)
            i += len(word)
        else:
            unknown += title[i]
            i += 1
    if unknown:
        tokens.append(unknown)
    return tokens


def _break_bonus(left: str, right: str) -> float:
    bonus = 0.0
    if left.endswith(_BREAK_AFTER):
        bonus += 2
    if right.startswith(_BREAK_BEFORE):
        bonus += 2
    return bonus


#: A title line: 156 mm (442 pt) of 2号 (22 pt) characters.
TITLE_EMS = 20.0
#: Digits and Latin letters of a title's bold 小标宋 (or its stand-ins) are wider than
#: half an em: measured at 0.6 so that a title that just fits on paper is never wrapped
#: by the word processor at a place of its choosing ("…（2023—2025" / "年）").
TITLE_LATIN_EM = 0.6
#: Each line beyond two costs this much: three balanced lines (short-long-short) beat
#: two lopsided ones, not two good ones.
_EXTRA_LINE = 10.0


def title_width(text: str) -> float:
    """Width of title text in ems of the title font (see :data:`TITLE_LATIN_EM`)."""
    return sum(1.0 if is_wide(ch) else TITLE_LATIN_EM for ch in text)


def split_title(title: str, names: Iterable[str] = (), per_line: float = TITLE_EMS) -> list[str]:
    """``title`` in lines of at most ``per_line`` ems (:func:`title_width`), broken at
    word boundaries.

    One line when it fits. Otherwise lines broken only between words (see
    :data:`TITLE_WORDS`, plus ``names``: the plan's unit and issuer names), never inside a
    bracketed group, a quotation or a number; lines long over short (two lines) or
    short-long-short (three), as even as those allow, preferring breaks after 关于 and
    before 工作方案, 实施方案, 进展情况的报告 or a bracket, and as few lines as a good
    shape allows. Never a line of one character.
    """
    title = title.strip()
    if title_width(title) <= per_line:
        return [title]
    tokens = _tokens(title, names)
    best: tuple[float, list[str]] | None = None
    for lines in (2, 3, 4):
        for cuts in _cut_sets(len(tokens), lines):
            parts = [
                "".join(tokens[a:b]) for a, b in zip((0, *cuts), (*cuts, len(tokens)), strict=True)
            ]
            widths = [title_width(p) for p in parts]
            if max(widths) > per_line or min(len(p) for p in parts) < 2:
                continue
            cost = max(widths) - min(widths) + _EXTRA_LINE * (lines - 2)
            if lines == 2 and widths[0] < widths[1]:
                cost += 20  # short over long: only when nothing else fits
            if lines == 3 and not (widths[1] >= widths[0] and widths[1] >= widths[2]):
                cost += 20
            if lines == 4 and not (widths[0] <= widths[1] and widths[3] <= widths[2]):
                cost += 20
            for cut in cuts:
                cost -= _break_bonus(tokens[cut - 1], tokens[cut])
            if best is None or cost < best[0]:
                best = (cost, parts)
    if best is not None:
        return best[1]
    return [title]  # no word boundary fits: leave the wrapping to the word processor


def _cut_sets(count: int, lines: int) -> Iterable[tuple[int, ...]]:
    from itertools import combinations

    return combinations(range(1, count), lines - 1)


__all__ = [
    "TITLE_EMS",
    "TITLE_WORDS",
    "by_deadline",
    "clause",
    "cn",
    "cn_date",
    "exact_unit",
    "hanzi",
    "in_unit",
    "is_wide",
    "join_cn",
    "money",
    "money_figure",
    "money_unit",
    "number",
    "percent",
    "rate",
    "sentence",
    "split_title",
    "title_width",
    "width",
]
