"""Budget execution in the documents: the 台账's 经费执行 and 收支明细 sheets and the
progress report's part on money received and spent, made by ``cplan report`` from a plan
written here, and read back as an officer reads them. Every expected figure is worked out
below from the records in the YAML, with plain Decimal arithmetic."""

from __future__ import annotations

import io
import re
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

import docx
import pytest
from openpyxl import load_workbook
from typer.testing import CliRunner

from cplan.cli import app
from cplan.render.wording import percent
from cplan.render.xlsx_spec import sum_of
from tests.unit.test_report_xlsx import printed_size

runner = CliRunner()

PLAN = """\
id: nanyuan-2025
title: 南苑街道2025年社区服务工作方案
issuer: 南苑街道办事处
period: 2025年
units:
  - {id: dongyuan, name: 东苑社区, kind: 社区}
  - {id: xiyuan, name: 西苑社区, kind: 社区}
funders:
  - {id: qu, name: 区财政, fund: 财政预算}
  - {id: jd, name: 街道财政, fund: 财政预算}
budget:
  sharing: {funders: [qu, jd], ratio: "6:4"}
  lines:
    - id: b-service
      name: 社区服务经费
      amount: 10万元
      units: [dongyuan, xiyuan]
      received:
        - {funder: qu, amount: 9万元, date: 2025-03-20, document: 区财〔2025〕8号}
        - {funder: jd, unit: dongyuan, amount: 20000.01, date: 2025-04-02,
           document: 街财〔2025〕3号}
      spent:
        - {unit: dongyuan, amount: 35000.50, date: 2025-05-10,
           document: 记账凭证 2025-05-007, note: 助餐服务}
        - {unit: xiyuan, amount: 12345.67, date: 2025-06-30, document: 记账凭证 2025-06-012}
        - {amount: 1000, date: 2025-10-01, note: 晚于截至日期}
    - id: b-training
      name: 社工培训经费
      amount: 3万元
      sharing: {remainder: jd}
      received:
        - {funder: jd, amount: 30000, date: 2025-02-01, document: 街财〔2025〕1号}
      spent:
        - {amount: 31000.00, date: 2025-06-15, document: 培训结算单, note: 全年培训}
"""
AS_OF = "2025-06-30"
IDS = ("nanyuan-2025", "dongyuan", "xiyuan", "b-service", "b-training", "qu", "jd")

# -- what the records say, by hand (as of 2025-06-30; the 10-01 expense is later) ------
SERVICE_PLANNED = Decimal(200000)  # 10万元 for each of the two communities
SERVICE_RECEIVED = Decimal(90000) + Decimal("20000.01")
SERVICE_SPENT = Decimal("35000.50") + Decimal("12345.67")
TRAINING = (Decimal(30000), Decimal(30000), Decimal("31000.00"))
PLANNED = SERVICE_PLANNED + TRAINING[0]
RECEIVED = SERVICE_RECEIVED + TRAINING[1]
SPENT = SERVICE_SPENT + TRAINING[2]
#: 区财政 pays 6 of 10 of the service line; 街道财政 the rest and all the training.
DUE = {"区财政": SERVICE_PLANNED * 6 / 10, "街道财政": SERVICE_PLANNED * 4 / 10 + TRAINING[0]}
GOT = {"区财政": Decimal(90000), "街道财政": Decimal("20000.01") + TRAINING[1]}
#: The 9万元 from 区财政 names no unit: split by what each community is due from it (1:1).
DONGYUAN = (Decimal(100000), Decimal(45000) + Decimal("20000.01"), Decimal("35000.50"))
ELAPSED = Fraction(181, 365)  # 2025-01-01 to 2025-06-30 of the year


@pytest.fixture
def plan(in_tmp: Path) -> Path:
    path = in_tmp / "nanyuan.yaml"
    path.write_text(PLAN, encoding="utf-8")
    return path


def report(plan: Path, out: str, *extra: str) -> Path:
    done = runner.invoke(app, ["report", str(plan), "--as-of", AS_OF, "-o", out, *extra])
    assert done.exit_code == 0, done.output
    return plan.parent / out


def fen(value: object) -> Decimal:
    return Decimal(str(value)).quantize(Decimal("0.01"))


def rows_of(ws: object) -> list[list[object]]:
    return [[cell.value for cell in row] for row in ws.iter_rows()]  # type: ignore[attr-defined]


def test_the_sum_of_some_rows_joins_runs_and_stays_within_excels_arguments() -> None:
    assert sum_of([4, 5, 6, 9], "D") == "SUM(D4:D6,D9)"
    assert sum_of([7], "AB") == "SUM(AB7)"
    many = sum_of(list(range(1, 1001, 2)), "C")  # 500 single rows
    assert many.count("SUM(") == 2
    assert all(part.count(",") < 255 for part in many.split("+"))
    with pytest.raises(ValueError, match="非空"):
        sum_of([], "D")


def test_the_ledger_sheet_of_execution(plan: Path) -> None:
    book = report(plan, "台账.xlsx")
    formulas = load_workbook(book)
    values = load_workbook(io.BytesIO(book.read_bytes()), data_only=True)
    assert formulas.sheetnames[-3:] == ["经费执行", "收支明细", "问题"]
    ws, vs = formulas["经费执行"], values["经费执行"]
    assert "截至日期：2025年6月30日" in ws["A2"].value
    assert f"时间进度：{percent(ELAPSED)}" in ws["A2"].value
    assert "金额单位：元" in ws["A2"].value
    assert [ws.cell(3, c).value for c in (4, 6)] == ["区财政", "街道财政"]  # a band over 2
    assert [ws.cell(4, c).value for c in range(4, 8)] == ["应拨", "已到位", "应拨", "已到位"]
    table = rows_of(ws)
    names = [row[1] for row in table[4:]]
    assert names == ["社区服务经费", "　　东苑社区", "　　西苑社区", "社工培训经费", "合计"]
    service, dongyuan, training, total = (5, 6, 8, 9)
    assert vs.cell(service, 3).value == SERVICE_PLANNED
    assert fen(vs.cell(service, 8).value) == SERVICE_RECEIVED  # 到位合计
    assert fen(vs.cell(service, 10).value) == SERVICE_SPENT
    assert [fen(vs.cell(dongyuan, c).value) for c in (3, 8, 10)] == list(DONGYUAN)
    assert fen(vs.cell(training, 12).value) == TRAINING[1] - TRAINING[2]  # 结余 -1,000.00
    # the totals: live sums of the lines only (the communities' rows are not added twice)
    assert ws.cell(total, 3).value == f"=SUM(C{service},C{training})"
    assert ws.cell(total, 9).value == f'=IFERROR(H{total}/C{total},"—")'
    assert ws.cell(service, 11).value == f'=IFERROR(J{service}/C{service},"—")'
    assert ws.cell(total, 9).number_format == "0.0%"
    assert ws.cell(total, 3).number_format == "#,##0.00"
    stored = [fen(vs.cell(total, c).value) for c in (3, 4, 5, 6, 7, 8, 10, 12)]
    assert stored == [
        PLANNED,
        DUE["区财政"],
        GOT["区财政"],
        DUE["街道财政"],
        GOT["街道财政"],
        RECEIVED,
        SPENT,
        RECEIVED - SPENT,
    ]
    assert abs(Decimal(str(vs.cell(total, 9).value)) - RECEIVED / PLANNED) < Decimal("1e-12")
    # on paper: A4 landscape, fitted to the width, 9 pt or more, headers on every page
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4
    assert ws.page_setup.orientation == "landscape"
    assert ws.print_title_rows == "$1:$4"
    assert printed_size(ws) >= 9
    text = " ".join(str(v) for row in table for v in row if v is not None)
    for sheet in ("收支明细", "问题"):
        text += " ".join(str(v) for row in rows_of(formulas[sheet]) for v in row if v is not None)
    for ident in IDS:
        assert not re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", text), ident


def test_the_ledger_lists_the_records_counted(plan: Path) -> None:
    book = report(plan, "台账.xlsx")
    ws = load_workbook(book)["收支明细"]
    vs = load_workbook(io.BytesIO(book.read_bytes()), data_only=True)["收支明细"]
    assert [c.value for c in ws[3]] == [
        "序号",
        "日期",
        "经费项目",
        "单位",
        "出资方",
        "到位金额",
        "支出金额",
        "凭证或文号",
        "备注",
    ]
    records = rows_of(ws)[3:-1]
    assert [row[1].date().isoformat() for row in records] == [  # type: ignore[union-attr]
        "2025-02-01",
        "2025-03-20",
        "2025-04-02",
        "2025-05-10",
        "2025-06-15",
        "2025-06-30",
    ]  # by date; the expense of 2025-10-01 comes after the as-of date and is not counted
    assert records[1][3:5] == ["按应拨份额分到各单位", "区财政"]
    assert records[3][7:9] == ["记账凭证2025-05-007", "助餐服务"]
    last = ws.max_row
    assert ws.cell(last, 6).value == "=SUM(F4:F9)"
    assert fen(vs.cell(last, 6).value) == RECEIVED
    assert fen(vs.cell(last, 7).value) == SPENT
    assert printed_size(ws) >= 9
    problems = [row[1] for row in rows_of(load_workbook(book)["问题"])[3:]]
    assert problems == [  # as of the date: the rules' findings on the same money are not repeated
        (
            "“社区服务经费”：街道财政按时间进度应到位39671.24元，实际到位20000.01元；"
            "西苑社区尚差19835.62元。"
        ),
        "“社工培训经费”已支出3.1万元，超过计划金额3万元，超支0.1万元。",
        "“社工培训经费”已支出3.1万元，比已到位资金3万元多0.1万元。",
    ]


def test_the_progress_report_states_what_was_received_and_spent(plan: Path) -> None:
    paragraphs = [p.text for p in docx.Document(str(report(plan, "进展.docx"))).paragraphs]
    assert "二、经费落实和使用" in paragraphs  # the plan has no targets and no phases
    assert "（二）资金到位和使用" in paragraphs
    said = next(p for p in paragraphs if p.startswith("截至2025年6月30日，方案安排经费"))

    def yuan(amount: Decimal) -> str:  # the report writes 元 as the plan does: exactly
        return f"{amount.normalize():f}元"

    assert said == (
        f"截至2025年6月30日，方案安排经费{yuan(PLANNED)}，区财政和街道财政已拨付到位"
        f"{yuan(RECEIVED)}，到位率{percent(Fraction(RECEIVED) / Fraction(PLANNED))}；"
        f"已支出{yuan(SPENT)}，执行率{percent(Fraction(SPENT) / Fraction(PLANNED))}，"
        f"时间进度{percent(ELAPSED)}；结余{yuan(RECEIVED - SPENT)}。"
    )
    assert said == (
        "截至2025年6月30日，方案安排经费230000元，区财政和街道财政已拨付到位140000.01元，"
        "到位率60.9%；已支出78346.17元，执行率34.1%，时间进度49.6%；结余61653.84元。"
    )
    assert "2.“社工培训经费”已支出31000元，超过计划金额30000元，超支1000元。" in paragraphs
    problems = paragraphs[paragraphs.index("三、存在的问题") :]
    assert any("经费执行方面" in p and "支出超过计划金额" in p for p in problems)
    tables = docx.Document(str(plan.parent / "进展.docx")).tables
    lines = next(t for t in tables if t.rows[0].cells[1].text == "经费项目")
    assert [c.text for c in lines.rows[-1].cells][2:] == [
        "230,000.00",
        "140,000.01",
        percent(Fraction(RECEIVED) / Fraction(PLANNED)),
        "78,346.17",
        percent(Fraction(SPENT) / Fraction(PLANNED)),
        "61,653.84",
    ]
    funders = next(t for t in tables if t.rows[0].cells[1].text == "出资方" and len(t.columns) == 6)
    assert [c.text for c in funders.rows[1].cells][1:5] == [
        "区财政",
        "120,000.00",
        "90,000.00",
        "75%",
    ]
    for ident in IDS:
        assert not any(re.search(rf"(?<![\w-]){re.escape(ident)}(?![\w-])", p) for p in paragraphs)


def test_a_plan_without_records(in_tmp: Path) -> None:
    kept, skipping = [], False
    for line in PLAN.splitlines():
        if line.strip() in ("received:", "spent:"):
            skipping = True
        elif skipping and not line.startswith("        "):
            skipping = False
        if not skipping:
            kept.append(line)
    text = "\n".join(kept) + "\n"
    assert "received" not in text
    plan = in_tmp / "nanyuan.yaml"
    plan.write_text(text, encoding="utf-8")
    book = load_workbook(report(plan, "台账.xlsx"))
    assert [row[1] for row in rows_of(book["经费执行"])[4:]] == ["（暂无经费到位和支出记录）"]
    assert [row[2] for row in rows_of(book["收支明细"])[3:]] == ["（暂无经费到位和支出记录）"]
    paragraphs = [p.text for p in docx.Document(str(report(plan, "进展.docx"))).paragraphs]
    assert "二、经费落实和分担" in paragraphs
    assert not any("到位" in p for p in paragraphs)
