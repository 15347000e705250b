"""The field-data round trip as a library: the workbook, reading it back, splicing YAML."""

from __future__ import annotations

import codecs
import io
import shutil
import zipfile
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from openpyxl import Workbook, load_workbook

from cplan.check import check_text
from cplan.fieldwork import build_workbook, decode_plan, prepare_update, unit_targets
from cplan.fieldwork.collect import CollectError
from cplan.fieldwork.update import Entry, UpdatePlan, entry_text, splice
from cplan.model import Plan
from tests.conftest import ROOT

HETANG = ROOT / "plans" / "wutongli" / "hetang.yaml"


def load(text: str) -> Plan:
    result = check_text(text, "plan.yaml")
    assert result.plan is not None, [d.format("zh") for d in result.diagnostics]
    assert not result.errors
    return result.plan


def workbook(text: str, unit: str | None = None) -> Any:
    data = build_workbook(load(text), text.encode("utf-8"), unit, "plan.yaml")
    return load_workbook(io.BytesIO(data))


def run(tmp_path: Path, text: str, *books: Any, partial: bool = False) -> UpdatePlan:
    paths = []
    for n, book in enumerate(books):
        path = tmp_path / f"sheet{n}.xlsx"
        book.save(path)
        paths.append((path, path.name))
    plan = load(text)
    return prepare_update(plan, text.encode("utf-8"), text, "plan.yaml", paths, partial=partial)


def fill(
    book: Any, row: int, value: object, day: object, source: object = "台账", note: object = None
) -> None:
    ws = book["指标"]
    ws.cell(row=row, column=9, value=value)
    ws.cell(row=row, column=10, value=day)
    ws.cell(row=row, column=11, value=source)
    ws.cell(row=row, column=12, value=note)


@pytest.fixture(scope="module")
def hetang() -> str:
    return HETANG.read_text(encoding="utf-8")


# -- collect -------------------------------------------------------------------------------


def test_the_workbook_layout(hetang: str) -> None:
    book = workbook(hetang)
    assert book.sheetnames == ["填报说明", "指标", "阶段", "经费执行", "_cplan"]
    assert book["_cplan"].sheet_state == "veryHidden"
    assert all(ws.protection.sheet for ws in book.worksheets)
    assert book.security.lockStructure
    ws = book["指标"]
    assert ws["A1"].value == "荷塘社区2025—2026年社区治理工作方案　指标完成情况填报表"
    assert ws["A2"].value == "填报单位：荷塘社区居民委员会"  # every unit's: the issuer fills it
    assert [c.value for c in ws[3]][:3] == ["序号", "指标", "计量单位"]
    assert [ws.cell(row=r, column=1).value for r in range(4, 8)] == [1, 2, 3, 4]
    assert [ws.cell(row=r, column=2).value for r in range(4, 8)] == [
        "既有住宅加装电梯",
        "助餐服务覆盖的 80 岁以上老人比例",
        "居民满意度",
        "电梯施工安全责任事故",
    ]
    assert ws.freeze_panes == "C4"
    assert ws.column_dimensions["B"].width >= 30  # 16 CJK characters fit
    for row in range(4, 8):
        assert all(ws.cell(row=row, column=c).protection.locked for c in range(1, 9))
        assert not any(ws.cell(row=row, column=c).protection.locked for c in range(9, 13))
    assert ws["G5"].value == 71
    assert ws["H5"].value.date() == date(2026, 9, 30)


def test_the_validations(hetang: str) -> None:
    found = {(dv.type, str(dv.sqref)): dv for dv in book_validations(workbook(hetang))}
    percent = found[("decimal", "I5:I6")]  # t-meals, t-satisfaction are in %
    assert (percent.formula1, percent.formula2) == ("0", "100")
    assert ("decimal", "I4 I7") in found
    dates = found[("date", "J4:J7")]
    assert (dates.formula1, dates.formula2) == ("45658", "46387")  # 2025-01-01, 2026-12-31
    assert ("textLength", "K4:K7") in found
    assert ("textLength", "L4:L7") in found


def book_validations(book: Any) -> list[Any]:
    return list(book["指标"].data_validations.dataValidation)


def test_the_hidden_sheet_ties_the_workbook_to_the_file(hetang: str) -> None:
    rows = list(workbook(hetang, "shitang")["_cplan"].iter_rows(values_only=True))
    meta = {key: value for key, value, *_ in rows[:6]}
    assert meta["plan_id"] == "wutongli-hetang-2025"
    assert "plan_hash" not in meta  # rows are tied by their fingerprints, not the file's hash
    assert meta["unit"] == "shitang"
    assert ("指标", 4, "t-meals") in [row[:3] for row in rows]


def test_targets_of_a_unit(hetang: str) -> None:
    plan = load(hetang)
    assert [t.id for t in unit_targets(plan, "shitang")] == ["t-meals"]
    assert [t.id for t in unit_targets(plan, "hetang")] == [
        "t-elevators",
        "t-satisfaction",
        "t-accidents",
    ]
    assert [t.id for t in unit_targets(plan, "c-leading")] == ["t-accidents"]  # by a duty
    with pytest.raises(CollectError, match="没有单位 nobody"):
        unit_targets(plan, "nobody")
    assert unit_targets(plan, "jiedao") == []
    with pytest.raises(CollectError, match="没有负责的指标"):
        build_workbook(plan, b"", "jiedao")


# -- reading ----------------------------------------------------------------------------------


def test_values_dates_and_text_are_read(tmp_path: Path, hetang: str) -> None:
    book = workbook(hetang)
    fill(book, 4, 17.0, date(2026, 10, 31), "台账", "含 3 号楼")
    fill(book, 5, "７５", "2026年12月31日", "登记")  # full-width digits, Chinese date
    outcome = run(tmp_path, hetang, book)
    assert not outcome.problems
    assert [(e.target, e.value, e.day, e.note) for e in outcome.added] == [
        ("t-elevators", Decimal(17), date(2026, 10, 31), "含 3 号楼"),
        ("t-meals", Decimal(75), date(2026, 12, 31), None),
    ]


def test_a_percent_typed_with_a_percent_sign(tmp_path: Path, hetang: str) -> None:
    book = workbook(hetang)
    fill(book, 5, 0.755, date(2026, 12, 31))
    book["指标"]["I5"].number_format = "0.0%"  # Excel stores 75.5% as 0.755
    assert run(tmp_path, hetang, book).added[0].value == Decimal("75.5")


@pytest.mark.parametrize(
    ("row", "value", "day", "source", "cell", "message"),
    [
        (4, "约17台", date(2026, 10, 31), "台账", "指标!I4", "应填写数字，实为文字“约17台”"),
        (5, 120, date(2026, 12, 31), "台账", "指标!I5", "数值应在 0 到 100 之间"),
        (4, 17, date(2027, 1, 31), "台账", "指标!J4", "不在方案期限"),
        (4, 17, date(2026, 3, 31), "台账", "指标!J4", "不晚于该指标最近一次填报"),
        (4, 17, "2026年10月", "台账", "指标!J4", "请填写具体的某一天"),
        (4, 17, "下个月", "台账", "指标!J4", "无法识别的日期"),
        (4, 17, date(2026, 10, 31), None, "指标!K4", "缺少数据来源"),
        (4, 17, date(2026, 10, 31), "x" * 101, "指标!K4", "不能超过 100 字"),
        (4, 17, date(2026, 10, 31), "台账\n二", "指标!K4", "不能换行"),
        (4, None, date(2026, 10, 31), "台账", "指标!I4", "缺少本期数值"),
        (4, 17, None, "台账", "指标!J4", "缺少统计日期"),
    ],
)
def test_bad_cells_are_named(
    tmp_path: Path,
    hetang: str,
    row: int,
    value: object,
    day: object,
    source: object,
    cell: str,
    message: str,
) -> None:
    book = workbook(hetang)
    fill(book, row, value, day, source)
    fill(book, 7, 0, date(2026, 12, 31))  # a good row: not applied either
    outcome = run(tmp_path, hetang, book)
    assert outcome.refused
    assert outcome.new_text == hetang
    assert not outcome.added
    [problem] = outcome.problems
    assert problem.where == cell
    assert message in problem.text()


def test_partial_applies_the_good_rows(tmp_path: Path, hetang: str) -> None:
    book = workbook(hetang)
    fill(book, 4, "很多", date(2026, 10, 31))
    fill(book, 7, 0, date(2026, 12, 31))
    outcome = run(tmp_path, hetang, book, partial=True)
    assert not outcome.refused
    assert [p.where for p in outcome.problems] == ["指标!I4"]
    assert [e.target for e in outcome.added] == ["t-accidents"]


def test_the_same_value_again_is_skipped(tmp_path: Path, hetang: str) -> None:
    book = workbook(hetang)
    fill(book, 5, 71, date(2026, 9, 30), "老年食堂就餐登记")
    outcome = run(tmp_path, hetang, book)
    assert not outcome.problems
    assert not outcome.changed
    assert [e.target for e in outcome.recorded] == ["t-meals"]


def test_structural_problems_refuse_the_whole_workbook(tmp_path: Path, hetang: str) -> None:
    deleted = workbook(hetang)
    fill(deleted, 7, 0, date(2026, 12, 31))
    deleted["指标"].delete_rows(5)
    outcome = run(tmp_path, hetang, deleted)
    assert outcome.refused
    assert outcome.problems[0].where == "指标!A5"
    assert "此行的序号应为 2，实为 “3”（行被删除、插入或移动过）" in outcome.problems[0].zh

    renamed = workbook(hetang)
    renamed["指标"].title = "Sheet1"
    [problem] = run(tmp_path, hetang, renamed).problems
    assert "找不到工作表 “指标”" in problem.zh
    assert "Sheet1" in problem.zh

    foreign = Workbook()
    foreign.active["A1"] = "指标标识"
    [problem] = run(tmp_path, hetang, foreign).problems
    assert "不是由 cplan collect 生成的填报表" in problem.zh

    moved = workbook(hetang)
    moved["指标"].insert_cols(2)
    [problem, *_] = run(tmp_path, hetang, moved).problems
    assert problem.where == "指标!B3"
    assert "表头应为 “指标”" in problem.zh


def test_another_plan_or_version_is_refused(tmp_path: Path, hetang: str) -> None:
    other = hetang.replace("id: wutongli-hetang-2025", "id: other-plan")
    [problem] = run(tmp_path, hetang, workbook(other)).problems
    assert "此表属于方案 other-plan" in problem.zh
    earlier = workbook(hetang)  # the layout before the title rows and 序号
    earlier["_cplan"]["B1"] = "cplan-fieldwork/2"
    [problem] = run(tmp_path, hetang, earlier).problems
    assert "此表由旧版 cplan 生成，表格格式已经改变，不能导入" in problem.zh
    older = workbook(hetang)
    fill(older, 6, 88, date(2026, 12, 31))
    changed = hetang.replace("居民满意度\n", "居民满意度 (抽样)\n")
    [problem] = run(tmp_path, changed, older).problems
    assert "生成此表后，方案中的这一项已被修改" in problem.zh
    assert "cplan collect" in problem.zh


def test_not_an_xlsx(tmp_path: Path, hetang: str) -> None:
    path = tmp_path / "x.xlsx"
    path.write_bytes(b"not a zip")
    outcome = prepare_update(load(hetang), hetang.encode(), hetang, "plan.yaml", [(path, "x.xlsx")])
    assert "无法读取" in outcome.problems[0].zh


def test_conflicting_workbooks(tmp_path: Path, hetang: str) -> None:
    first, second, same = workbook(hetang), workbook(hetang, "shitang"), workbook(hetang)
    fill(first, 5, 75, date(2026, 12, 31))
    fill(second, 4, 76, date(2026, 12, 31))
    fill(same, 5, 75, date(2026, 12, 31), "另一来源")
    outcome = run(tmp_path, hetang, first, second)
    [problem] = outcome.problems
    assert "sheet0.xlsx 指标!I5 = 75" in problem.zh
    assert "sheet1.xlsx 指标!I4 = 76" in problem.zh
    assert outcome.refused
    agreed = run(tmp_path, hetang, first, same)
    assert not agreed.problems
    assert [e.source for e in agreed.added] == ["台账"]


# -- splicing -----------------------------------------------------------------------------------


def entry(
    target: str, value: str, day: date, source: str = "台账", note: str | None = None
) -> Entry:
    return Entry(target, Decimal(value), day, source, note, "x.xlsx", 2)


PLAN = """\
id: p
title: 测试
period: 2025年至2026年
targets:
  - id: a
    name: 甲
    kind: count
    target: {value: 5, deadline: 2026年底}
    actuals:
      - value: 1
        date: 2025-06-30
        note: |
          多行

          备注
    # 以下为乙
  - id: b
    name: 乙
    kind: count
    target: {value: 5, deadline: 2026年底}
  - {id: c, name: 丙, kind: count, target: {value: 5, deadline: 2026年底}}
  - id: d
    name: 丁
    kind: count
    target: {value: 5, deadline: 2026年底}
    actuals: []
"""


def test_splice_handles_every_shape() -> None:
    new = splice(
        PLAN,
        [
            entry("a", "2", date(2025, 12, 31)),
            entry("b", "3.5", date(2025, 12, 31), "季度统计: 二季度", "#1"),
            entry("c", "1", date(2025, 12, 31), "true"),
            entry("d", "4", date(2025, 12, 31), "2025"),
            entry("d", "5", date(2026, 6, 30)),
        ],
    )
    plan = load(new)
    actuals = {t.id: [(a.value, a.source) for a in t.actuals] for t in plan.targets}
    assert actuals == {
        "a": [(Decimal(1), None), (Decimal(2), "台账")],
        "b": [(Decimal("3.5"), "季度统计: 二季度")],
        "c": [(Decimal(1), "true")],
        "d": [(Decimal(4), "2025"), (Decimal(5), "台账")],
    }
    assert plan.targets[1].actuals[0].note == "#1"
    assert (
        "          备注\n      - {value: 2, date: 2025-12-31, source: 台账}\n    # 以下为乙" in new
    )
    assert (
        "    target: {value: 5, deadline: 2026年底}\n    actuals:\n"
        '      - {value: 3.5, date: 2025-12-31, source: "季度统计: 二季度", note: "#1"}\n  - {id: c'
    ) in new
    assert 'deadline: 2026年底}, actuals: [{value: 1, date: 2025-12-31, source: "true"}]}' in new
    assert 'actuals: [{value: 4, date: 2025-12-31, source: "2025"}, {value: 5,' in new


FLAT = """\
id: p
title: 测试
period: 2025年至2026年
sections:
  measures:
  - 措施
targets:
- id: a
  name: 甲
  kind: count
  target: {value: 5, deadline: 2026年底}
- id: b
  name: 乙
  kind: count
  target: {value: 5, deadline: 2026年底}
  actuals:
  - {value: 1, date: 2025-06-30}  # 上半年
"""


def test_splice_keeps_crlf_and_the_files_sequence_indent() -> None:
    text = FLAT.replace("\n", "\r\n")
    new = splice(text, [entry("a", "3", date(2025, 12, 31)), entry("b", "2", date(2025, 12, 31))])
    assert load(new)
    assert "  actuals:\r\n  - {value: 3, date: 2025-12-31, source: 台账}\r\n- id: b" in new
    assert new.endswith("# 上半年\r\n  - {value: 2, date: 2025-12-31, source: 台账}\r\n")
    assert "\n" not in new.replace("\r\n", "")


def test_entry_text_quotes_only_when_needed() -> None:
    assert entry_text(entry("a", "71", date(2026, 9, 30), "季度统计")) == (
        "{value: 71, date: 2026-09-30, source: 季度统计}"
    )
    assert entry_text(entry("a", "0.5", date(2026, 9, 30), "{x}", '"b" a')) == (
        '{value: 0.5, date: 2026-09-30, source: "{x}", note: "\\"b\\" a"}'
    )


def test_a_copy_of_the_sample_plan_round_trips(tmp_path: Path) -> None:
    plan_file = tmp_path / "hetang.yaml"
    shutil.copy(HETANG, plan_file)
    text = plan_file.read_text(encoding="utf-8")
    book = workbook(text)
    fill(book, 6, 88.5, date(2026, 12, 31), "街道年度满意度抽样")
    outcome = run(tmp_path, text, book)
    assert (
        outcome.new_text.replace(
            "      - {value: 88.5, date: 2026-12-31, source: 街道年度满意度抽样}\n", "", 1
        )
        == text
    )


# -- plan text stays text ------------------------------------------------------------------

#: The four targets' new names. The model strips surrounding white space and YAML cannot
#: spell a lone surrogate, but a plan built in Python can hold any of them.
HOSTILE_NAMES = ['=HYPERLINK("http://x")', "\t=1+1", "满意\ud800度", "长" * 40_000]


def test_collect_writes_hostile_plan_text_as_inert_text(hetang: str) -> None:
    """The data-entry workbook writes cells the way the report does (cplan.render.cells)."""
    plan = load(hetang)
    targets = [
        target.model_copy(update={"name": name})
        for target, name in zip(plan.targets, HOSTILE_NAMES, strict=True)
    ]
    plan = plan.model_copy(update={"targets": targets})
    data = build_workbook(plan, hetang.encode("utf-8"), None, "plan.yaml")
    ws = load_workbook(io.BytesIO(data))["指标"]
    names = {row: ws.cell(row=row, column=2) for row in range(4, 8)}
    assert names[4].value == '=HYPERLINK("http://x")'
    assert names[5].value == "\t=1+1"
    for cell in (names[4], names[5]):
        assert cell.data_type == "s"
        assert cell.quotePrefix
    assert names[6].value == "满意\ufffd度"
    assert not names[6].quotePrefix
    long = names[7].value
    assert len(long) == 32_767
    assert long == "长" * 32_766 + "…"
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        sheets = [n for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any("<f>" in archive.read(name).decode() for name in sheets)


def test_collect_cleans_the_title_and_the_file_name(hetang: str) -> None:
    text = hetang.replace("title: ", "title: \"=cmd|' /C calc'!A0 \\x01\" #", 1)
    plan = load(text)
    data = build_workbook(plan, text.encode("utf-8"), None, "=evil\x07.yaml")
    book = load_workbook(io.BytesIO(data))
    title = book["填报说明"]["A1"]
    assert title.value.startswith("=cmd|' /C calc'!A0 \ufffd")
    assert title.data_type == "s"
    assert title.quotePrefix
    meta = {row[0].value: row[1] for row in book["_cplan"].iter_rows(max_row=6, max_col=2)}
    assert meta["plan_file"].value == "=evil\ufffd.yaml"
    assert meta["plan_file"].quotePrefix
    assert "\ufffd" in book.properties.title


def test_decode_plan_keeps_the_byte_order_mark() -> None:
    assert decode_plan(b"id: a\n") == (b"", "id: a\n")
    assert decode_plan(codecs.BOM_UTF8 + "标题\n".encode()) == (codecs.BOM_UTF8, "标题\n")
    with pytest.raises(UnicodeDecodeError):
        decode_plan("标题".encode("gb18030"))
