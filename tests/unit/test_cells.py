"""The one safe-cell writer both workbooks use (cplan.render.cells)."""

from __future__ import annotations

import io
from pathlib import Path

import pytest
from openpyxl import Workbook, load_workbook

from cplan.render.cells import (
    MAX_TEXT,
    TextTooLong,
    clean,
    excel_length,
    needs_quote,
    put_text,
    shorten,
)
from cplan.render.templates import ReportError
from cplan.render.xlsx import render_xlsx


def round_trip(*texts: str, shorten_to_fit: bool = True) -> list[object]:
    wb = Workbook()
    ws = wb.active
    for row, text in enumerate(texts, start=1):
        put_text(ws.cell(row=row, column=1), text, shorten_to_fit=shorten_to_fit)
    buffer = io.BytesIO()
    wb.save(buffer)
    back = load_workbook(io.BytesIO(buffer.getvalue())).active
    return [back.cell(row=row, column=1) for row in range(1, len(texts) + 1)]


@pytest.mark.parametrize(
    "text",
    ['=HYPERLINK("http://x")', "+1", "-1", "@SUM(A1)", "\t=1+1", "\r=1", "\n=1", "#N/A"],
)
def test_formula_like_text_is_quoted_text(text: str) -> None:
    (cell,) = round_trip(text)
    assert cell.value == text
    assert cell.data_type == "s"
    assert cell.quotePrefix
    assert needs_quote(text)


def test_plain_text_is_not_quoted() -> None:
    (cell,) = round_trip("居民满意度 = 80%")
    assert cell.value == "居民满意度 = 80%"
    assert not cell.quotePrefix


def test_what_xml_cannot_hold_becomes_replacement_characters() -> None:
    assert clean("a\x00b\x1fc\ud800d\tf\ng") == "a\ufffdb\ufffdc\ufffdd\tf\ng"
    (cell,) = round_trip("满意\ud800度\x07")
    assert cell.value == "满意\ufffd度\ufffd"


def test_the_length_is_counted_as_excel_counts_it() -> None:
    assert excel_length("abc") == 3
    assert excel_length("😀") == 2  # a surrogate pair in UTF-16
    assert shorten("x" * MAX_TEXT) == "x" * MAX_TEXT
    cut = shorten("😀" * MAX_TEXT)
    assert excel_length(cut) <= MAX_TEXT
    assert cut.endswith("…")
    assert set(cut[:-1]) == {"😀"}  # never half of a pair


def test_too_long_text_is_cut_or_refused() -> None:
    (cell,) = round_trip("长" * 40_000)
    assert cell.value == "长" * (MAX_TEXT - 1) + "…"
    with pytest.raises(TextTooLong):
        round_trip("长" * 40_000, shorten_to_fit=False)


def test_the_report_refuses_text_over_the_limit(tmp_path: Path) -> None:
    template = tmp_path / "long.xlsx.yaml"
    template.write_text(
        "sheets:\n  - name: a\n    rows:\n      - [{{ ('长' * 40000) | q }}]\n", encoding="utf-8"
    )
    with pytest.raises(ReportError) as caught:
        render_xlsx(template, {"as_of": "2025-06-30"})
    detail = getattr(caught.value, "detail", None) or str(caught.value)
    assert "32767" in detail
