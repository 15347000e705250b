"""The documents opened in a real office suite: LibreOffice converts them, poppler reads them.

Every document of every example and sample plan is converted in one LibreOffice run; the
tests then check what a person holding the pages would check: the face of each level of
text, page numbers on the outer side (right on odd pages, left on even), 22 lines of 28
characters, the 台账's page footers, and that the numbers each 台账 stores for its
formulas are the ones LibreOffice works out.
"""

from __future__ import annotations

import io
import itertools
import re
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest

from cplan.check import check_file, with_figures
from cplan.render.report import render_report
from cplan.render.wording import cn
from tests.conftest import ROOT
from tests.office.conftest import pdf_fonts, pdf_text, pdf_xml, soffice

PLANS = sorted((ROOT / "examples").glob("*.yaml")) + sorted((ROOT / "plans").rglob("*.yaml"))
AS_OF = date(2026, 9, 30)
REHAB_AS_OF = date(2013, 6, 30)
KINDS = {"plan": "docx", "progress": "docx", "ledger": "xlsx"}


@dataclass
class Converted:
    plan: Path
    kind: str
    document: Path
    pdf: Path


@pytest.fixture(scope="module")
def converted(office_tools: None, tmp_path_factory: pytest.TempPathFactory) -> list[Converted]:
    """Every document of every plan, and its PDF from one LibreOffice run."""
    folder = tmp_path_factory.mktemp("documents")
    made = []
    for plan in PLANS:
        checked = with_figures(check_file(plan))
        as_of = REHAB_AS_OF if plan.stem == "rehab-centres" else AS_OF
        for kind, fmt in KINDS.items():
            out = folder / f"{plan.stem}-{kind}.{fmt}"
            out.write_bytes(render_report(checked, plan, fmt, as_of, document=kind))
            made.append((plan, kind, out))
    pdfs = soffice([m[2] for m in made], "pdf", folder / "pdf", folder)
    return [Converted(p, k, d, pdf) for (p, k, d), pdf in zip(made, pdfs, strict=True)]


def pick(converted: list[Converted], stem: str, kind: str) -> Converted:
    return next(c for c in converted if c.plan.stem == stem and c.kind == kind)


@dataclass
class Run:
    """One run of text on a page, as poppler reads it."""

    page: int
    page_width: float
    page_height: float
    top: float
    left: float
    width: float
    height: float
    family: str
    size: float
    bold: bool
    text: str


def runs(pdf: Path) -> list[Run]:
    root = ET.fromstring(pdf_xml(pdf))
    fonts: dict[str, tuple[str, float]] = {}
    out = []
    for page in root.iter("page"):
        for spec in page.iter("fontspec"):
            fonts[spec.get("id", "")] = (spec.get("family", ""), float(spec.get("size", "0")))
        for text in page.iter("text"):
            family, size = fonts[text.get("font", "")]
            out.append(
                Run(
                    int(page.get("number", "0")),
                    float(page.get("width", "0")),
                    float(page.get("height", "0")),
                    float(text.get("top", "0")),
                    float(text.get("left", "0")),
                    float(text.get("width", "0")),
                    float(text.get("height", "0")),
                    family,
                    size,
                    text.find("b") is not None,
                    "".join(text.itertext()),
                )
            )
    return out


# -- every document ---------------------------------------------------------------------


def test_every_document_converts_and_reads_as_a_document(converted: list[Converted]) -> None:
    for item in converted:
        text = "".join(pdf_text(item.pdf).split())
        title = cn(check_file(item.plan).plan.title)  # type: ignore[union-attr]
        if item.kind != "progress":
            assert title in text, item.document.name
        assert not re.search(r"\.ya?ml|CP\d{3}", text), item.document.name
        if item.kind == "progress":
            assert "特此报告。" in text
            dates = [m.start() for m in re.finditer(r"\d{4}年\d{1,2}月\d{1,2}日", text)]
            assert text.index("特此报告。") < dates[-1]  # then the 落款's date


def test_a_serif_face_is_embedded_for_the_body(converted: list[Converted]) -> None:
    for item in converted:
        fonts = [line for line in pdf_fonts(item.pdf).splitlines()[2:] if line.strip()]
        assert any("NotoSerifCJK" in line and " yes " in line for line in fonts), fonts


def face(found: list[Run], text: str) -> Run:
    return next(run for run in found if "".join(run.text.split()).startswith(text))


def test_each_level_gets_its_face(converted: list[Converted]) -> None:
    found = runs(pick(converted, "hetang", "progress").pdf)
    title = face(found, "关于荷塘社区")
    assert "NotoSerifCJK" in title.family  # 小标宋 → a bold serif
    assert title.bold
    assert "NotoSansCJK" in face(found, "一、总体进展").family  # 黑体 → sans
    body = face(found, "《荷塘社区")
    assert "NotoSerifCJK" in body.family  # 仿宋_GB2312 → serif
    assert not body.bold
    plan = runs(pick(converted, "rehab-centres", "plan").pdf)
    assert "Kai" in face(plan, "（一）").family  # 楷体_GB2312 → AR PL KaitiM GB
    number = face(found, "—1—")
    assert "NotoSerifCJK" in number.family  # 宋体 page numbers
    assert title.size > body.size  # 2号 over 3号


def test_page_numbers_on_the_outer_side(converted: list[Converted]) -> None:
    for kind in ("plan", "progress"):
        found = runs(pick(converted, "rehab-centres", kind).pdf)
        pages = max(run.page for run in found)
        assert pages >= 2
        for page in range(1, pages + 1):
            foot = [r for r in found if r.page == page and r.top > 0.88 * r.page_height]
            assert "".join("".join(r.text for r in foot).split()) == f"—{page}—", (kind, page)
            left = min(r.left for r in foot)
            right = max(r.left + r.width for r in foot)
            middle = foot[0].page_width / 2
            if page % 2:
                assert left > middle, (kind, page)
            else:
                assert right < middle, (kind, page)


def test_twenty_two_lines_of_twenty_eight_characters(converted: list[Converted]) -> None:
    found = runs(pick(converted, "community-development-2025", "plan").pdf)
    scale = found[0].page_width / 595  # poppler's pixels per point (A4 is 595 pt wide)
    body = [r for r in found if "NotoSerifCJK" in r.family and not r.bold and r.size / scale > 13]
    longest = max(len(re.sub(r"[\x00-\x7f]", "", r.text)) for r in body if r.text.isprintable())
    assert 27 <= longest <= 28  # a full line of Chinese; digits take half a character
    assert max(len(r.text) for r in body if not re.search(r"[\x00-\x7f]", r.text)) == 28
    pitches = set()
    for page in {r.page for r in body}:
        tops = sorted({round(r.top) for r in body if r.page == page})
        pitches |= {round((b - a) / scale, 1) for a, b in itertools.pairwise(tops)}
        assert len(tops) <= 22
    assert min(p for p in pitches if p > 20) == pytest.approx(28.95, abs=0.8)


def test_ledger_pages_carry_their_footer(converted: list[Converted]) -> None:
    for item in converted:
        if item.kind != "ledger":
            continue
        pages = [page for page in pdf_text(item.pdf).split("\f") if page.strip()]
        total = len(pages)
        for number, page in enumerate(pages, start=1):
            assert f"第{number}页共{total}页" in "".join(page.split()), (item.document.name, number)


def test_ledger_stores_the_values_libreoffice_works_out(
    converted: list[Converted], tmp_path: Path
) -> None:
    from openpyxl import load_workbook

    books = [pick(converted, stem, "ledger").document for stem in ("rehab-centres", "hetang")]
    recalculated = soffice(books, "xlsx:Calc MS Excel 2007 XML", tmp_path / "calc", tmp_path)
    checked = 0
    for ours, theirs in zip(books, recalculated, strict=True):
        formulas = load_workbook(ours)
        stored = load_workbook(io.BytesIO(ours.read_bytes()), data_only=True)
        worked_out = load_workbook(theirs, data_only=True)
        for ws in formulas:
            for row in ws.iter_rows():
                for cell in row:
                    if cell.data_type != "f":
                        continue
                    mine = stored[ws.title][cell.coordinate].value
                    libre = worked_out[ws.title][cell.coordinate].value
                    if mine in (None, ""):
                        assert libre in (None, ""), (ws.title, cell.coordinate)
                        continue
                    if isinstance(mine, str):  # IFERROR's text: a rate of nothing planned
                        assert mine == libre, (ws.title, cell.coordinate, mine, libre)
                        continue
                    difference = abs(Decimal(str(mine)) - Decimal(str(libre)))
                    assert difference < Decimal("1e-9"), (ws.title, cell.coordinate, mine, libre)
                    checked += 1
    assert checked > 20
