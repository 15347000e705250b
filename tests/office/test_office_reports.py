"""The reports opened in a real office suite: LibreOffice converts them, poppler reads them.

These check what a person would see: the title and Chinese text are on the page, the
key figures are there, a CJK font is embedded, and every formula that LibreOffice
recalculates gives exactly the figure cplan computed.
"""

from __future__ import annotations

import re
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cplan.check import check_file, with_figures
from cplan.render.context import report_data
from cplan.render.report import render_report
from tests.conftest import ROOT
from tests.office.conftest import Convert, pdf_fonts, pdf_text

AS_OF = date(2013, 6, 30)
REHAB = ROOT / "examples" / "rehab-centres.yaml"


def write_report(tmp_path: Path, plan: Path, fmt: str) -> Path:
    result = check_file(plan)
    out = tmp_path / f"{plan.stem}.{fmt}"
    out.write_bytes(render_report(with_figures(result), plan, fmt, AS_OF))
    return out


def context(plan: Path) -> dict[str, object]:
    result = check_file(plan)
    assert result.figures is not None
    return report_data(result.figures, result.path, AS_OF, result.diagnostics)


def squeeze(text: str) -> str:
    return "".join(text.split())


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_report_pdf_has_title_chinese_text_and_figures(
    fmt: str, convert: Convert, tmp_path: Path
) -> None:
    data = context(REHAB)
    pdf = convert(write_report(tmp_path, REHAB, fmt), "pdf")
    text = squeeze(pdf_text(pdf))
    plan = data["plan"]
    funding = data["funding"]
    assert isinstance(plan, dict)
    assert isinstance(funding, dict)
    assert squeeze(plan["title"]) in text
    assert "白云区" in text
    total = f"{Decimal(funding['total']):,.2f}"
    assert total in text or funding["total"] in text


@pytest.mark.parametrize("fmt", ["docx", "xlsx"])
def test_a_cjk_font_is_embedded(fmt: str, convert: Convert, tmp_path: Path) -> None:
    pdf = convert(write_report(tmp_path, REHAB, fmt), "pdf")
    fonts = [line for line in pdf_fonts(pdf).splitlines()[2:] if line.strip()]
    cjk = [line for line in fonts if "CJK" in line or "Kai" in line or "WenQuanYi" in line]
    assert cjk, fonts
    assert all(" yes " in line for line in cjk)  # embedded


def test_docx_pages_are_numbered_in_official_style(convert: Convert, tmp_path: Path) -> None:
    # GB/T 9704: "— 1 —" at the foot of each page (pdftotext may drop the thin spaces)
    pdf = convert(write_report(tmp_path, REHAB, "docx"), "pdf")
    pages = [page for page in pdf_text(pdf).split("\f") if page.strip()]
    assert len(pages) > 1
    for number, page in enumerate(pages, start=1):
        last_line = page.strip().splitlines()[-1]
        assert re.fullmatch(rf"—\s*{number}\s*—", last_line.strip()), last_line


def test_recalculated_totals_equal_cplans_figures(convert: Convert, tmp_path: Path) -> None:
    from openpyxl import load_workbook

    data = context(REHAB)
    funding = data["funding"]
    assert isinstance(funding, dict)
    original = write_report(tmp_path, REHAB, "xlsx")
    recalculated = convert(original, "xlsx:Calc MS Excel 2007 XML")
    formulas = load_workbook(original)
    values = load_workbook(recalculated, data_only=True)
    expected = {"金额 (元)": Decimal(funding["total"])} | {
        f["name"]: Decimal(f["amount"]) for f in funding["funders"]
    }
    checked = 0
    sheet = formulas["经费"]
    header = {cell.column: cell.value for cell in sheet[1]}
    for row in sheet.iter_rows(min_row=2):
        if row[0].value != "合计":
            continue
        for cell in row[1:]:
            if isinstance(cell.value, str) and cell.value.startswith("="):
                name = header[cell.column]
                got = Decimal(str(values["经费"].cell(cell.row, cell.column).value))
                assert got == expected[name], (name, cell.value)
                checked += 1
    assert checked == len(expected)
