"""Reading numbers, dates and sentences inside running text.

Officers write values inside sentences; the model's value parsers (:mod:`cplan.model.values`)
read one value each. This module finds where a value is in a sentence and hands the
piece to those parsers: :func:`find_spans` and :func:`find_point` for dates with 旬 and
years written "20xx", :func:`read_number` for numbers (Chinese numerals included).
All positions are in the analysis text (:func:`cplan.importer.outline.analysis_text`),
whose punctuation is ASCII.
"""

from __future__ import annotations

import datetime as _dt
import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from pydantic_core import PydanticCustomError

from cplan.model.values import DateSpan, format_span, parse_date, parse_span
from cplan.model.values.common import CN_NUMERAL_CHARS, parse_cn_number

# -- sentences -----------------------------------------------------------------------------

_SENTENCE_RE = re.compile(r"(?:[^。!?;]|(?<=\d)。(?=\d))+[。!?;]?")
_CLAUSE_RE = re.compile(r"(?:[^。!?;,:]|(?<=\d)[。,:](?=\d))+[。!?;,:]?")


def sentences(text: str) -> Iterator[tuple[int, str]]:
    """(start, sentence) for each sentence of an analysis text."""
    for match in _SENTENCE_RE.finditer(text):
        if match.group().strip():
            yield match.start(), match.group()


def clauses(text: str) -> Iterator[tuple[int, str]]:
    """(start, clause) for each clause (between commas, colons, full stops)."""
    for match in _CLAUSE_RE.finditer(text):
        if match.group().strip(" ,;:。"):
            yield match.start(), match.group().rstrip(",;:。!? ")


def shorten(text: str, limit: int = 40) -> str:
    """A quote for a comment: one line, at most ``limit`` characters."""
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


# -- numbers -------------------------------------------------------------------------------

_CN_CLASS = "".join(sorted(CN_NUMERAL_CHARS - {"点"}))
NUMBER = rf"(?:\d+(?:\.\d+)?|[{_CN_CLASS}]{{1,8}}(?:点[{_CN_CLASS}]{{1,4}})?)"


def read_number(text: str) -> Decimal | None:
    """A number written with digits or Chinese numerals ("12.5", "十二", "两"), or None."""
    text = text.strip()
    if not text:
        return None
    if text[0].isdigit():
        try:
            return Decimal(text)
        except InvalidOperation:
            return None
    return parse_cn_number(text)


def plain(value: Decimal) -> str:
    """A number as officers write it: 85, 0.5, 101.7."""
    text = format(value.normalize(), "f")
    return "0" if text in ("-0", "") else text


# -- years ---------------------------------------------------------------------------------

MASKED_YEAR = re.compile(
    r"(?<![0-9A-Za-z])20[xX×*_?]{2}(?![0-9A-Za-z])|(?<![0-9A-Za-z])[xX]{4}(?=\s*年)"
)


@dataclass(frozen=True)
class Years:
    """Which year a date without one (or with a masked one, "20xx") is read in.

    ``default`` fills a date written without a year ("4月中旬"); ``masked`` replaces a
    year hidden as "20xx". ``stated`` says whether ``default`` comes from the document.
    """

    default: int
    stated: bool
    masked: int


@dataclass(frozen=True)
class DateFound:
    """A date or span found in a text: where it is, what it means, and what was guessed."""

    start: int
    end: int
    span: DateSpan
    text: str  # how it will be written in the draft (a year filled in, "至" between)
    guesses: tuple[str, ...]
    open_start: bool = False  # "11月上旬前": only the end is stated


_Y = r"(?:\d{4}|20[xX×*_?]{2}|[xX]{4})\s*年"
_REL = r"(?:今年|本年|当年|次年|明年|翌年)"
_M = r"\d{1,2}\s*月份?"
_DAYX = r"(?:\d{1,2}\s*[日号]|[上中下]旬|[初底末])"
_ISO = r"\d{4}[./-]\d{1,2}(?:[./-]\d{1,2})?(?!\d)"
_POINT = (
    rf"(?:{_ISO}|(?:{_Y}|{_REL})?\s*{_M}\s*{_DAYX}?|(?:{_Y}|{_REL})\s*(?:[上下]半年|第?[一二三四1-4]季度|[初底末])?"
    rf"|年[初底末])"
)
_PARTIAL = rf"(?:{_POINT}|\d{{1,2}}\s*[日号]|[上中下]旬)"
_SEP = r"\s*(?:至|到|~|〜|—+|–|-+|―+)\s*"
_SPAN_RE = re.compile(rf"(?P<start>{_POINT}){_SEP}(?P<end>{_PARTIAL})")
_POINT_RE = re.compile(rf"(?P<start>{_POINT})")
_BEFORE_RE = re.compile(rf"(?P<start>{_POINT})\s*(?:以前|之前|前)")
BLANK_DATE = re.compile(r"(?<![\d])年\s*(?:[(（]\s*[)）]|\s)\s*月\s*(?:[初底末]|份)?")


def _fill(text: str, years: Years) -> tuple[str, list[str]]:
    guesses: list[str] = []
    if MASKED_YEAR.search(text):
        text = MASKED_YEAR.sub(str(years.masked), text)
        guesses.append(f"原文年份被遮盖（20xx），暂按 {years.masked} 年")
    return re.sub(r"\s+", "", text), guesses


def _parse(
    start_text: str, end_text: str | None, years: Years
) -> tuple[DateSpan, str, list[str]] | None:
    first, guesses = _fill(start_text, years)
    has_year = bool(re.search(r"\d{4}|今年|本年|当年|次年|明年|翌年", first))
    try:
        if end_text is None:
            span = parse_date(first, years.default)
            text = first
        else:
            second, more = _fill(end_text, years)
            guesses.extend(g for g in more if g not in guesses)
            span = parse_span(f"{first}至{second}", years.default)
            text = f"{first}至{second}"
    except (PydanticCustomError, ValueError):
        return None
    if not has_year:
        text = _with_year(text, span)
        if not years.stated:
            guesses.append(f"原文未写年份，暂按 {years.default} 年")
    return span, text, guesses


def _with_year(text: str, span: DateSpan) -> str:
    """Write the year a year-less date was read in: "4月中旬至5月上旬" → "2026年4月中旬至5月上旬"."""
    if text.startswith("年"):  # 年底, 年初
        return f"{span.start.year}{text}"
    if re.match(r"\d{1,2}\s*月", text):
        return f"{span.start.year}年{text}"
    return format_span(span)


def find_spans(text: str, years: Years) -> Iterator[DateFound]:
    """Every date range in ``text`` ("2026年3月上旬至3月下旬", "4月16日-4月30日")."""
    for match in _SPAN_RE.finditer(text):
        parsed = _parse(match["start"], match["end"], years)
        if parsed is not None:
            span, shown, guesses = parsed
            yield DateFound(match.start(), match.end(), span, shown, tuple(guesses))


def find_point(text: str, years: Years) -> DateFound | None:
    """The first single date in ``text`` that is not part of a range."""
    for match in _POINT_RE.finditer(text):
        raw = match["start"]
        if not re.search(r"\d|年[初底末]|今年|本年|当年|次年|明年", raw):
            continue
        parsed = _parse(raw, None, years)
        if parsed is not None:
            span, shown, guesses = parsed
            return DateFound(match.start(), match.end(), span, shown, tuple(guesses))
    return None


def find_before(text: str, years: Years) -> DateFound | None:
    """A deadline written as "2026年11月上旬前", "9月底前": the date before which."""
    for match in _BEFORE_RE.finditer(text):
        parsed = _parse(match["start"], None, years)
        if parsed is not None:
            span, shown, guesses = parsed
            return DateFound(match.start(), match.end(), span, shown, tuple(guesses), True)
    return None


def year_of_text(text: str) -> int | None:
    """The first plausible four-digit year written in ``text`` ("2026年", "2026-")."""
    for match in re.finditer(r"(?<!\d)(19[5-9]\d|20\d\d|21\d\d)(?=\s*年|[-./]\d)", text):
        return int(match[1])
    return None


def day_after(day: _dt.date) -> _dt.date:
    return day + _dt.timedelta(days=1)


_YEAR_RANGE = re.compile(
    r"(?P<y1>\d{4}|20[xX×*_]{2})\s*年?\s*(?:至|到|~|—+|–|-+)\s*(?P<y2>\d{4}|20[xX×*_]{2})\s*年"
)


def find_year_range(text: str, years: Years) -> tuple[int, int, tuple[str, ...]] | None:
    """A range of whole years ("2024—2025年", "20xx-20xx年"): first, last, guesses."""
    match = _YEAR_RANGE.search(text)
    if match is None:
        return None
    guesses: list[str] = []
    values = []
    for raw in (match["y1"], match["y2"]):
        if raw.isdigit():
            values.append(int(raw))
        else:
            values.append(years.masked)
            note = f"原文年份被遮盖（20xx），暂按 {years.masked} 年"
            if note not in guesses:
                guesses.append(note)
    if values[1] < values[0]:
        return None
    return values[0], values[1], tuple(guesses)
