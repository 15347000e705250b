""".docx versions of the seeds, made here with python-docx, import to the same draft as
their text: with Word heading styles and Word's own numbering, with a budget table, and
with a task-assignment table."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cplan.importer import import_file
from tests.importer.docs import docx_from_text
from tests.importer.recall import SEEDS

COLLECTION = SEEDS / "001_46e41dbc0a1aa240.txt"


def part_text(number: int) -> str:
    """The text of one plan of the collection in seed 001 ("社区建设方案 篇N" to the next)."""
    if not COLLECTION.is_file():
        pytest.skip("the shared seed plans are not on this machine")
    text = COLLECTION.read_text(encoding="utf-8")
    heads = list(re.finditer(r"^社区建设方案 篇(\d+)\s*$", text, re.MULTILINE))
    start = next(m for m in heads if m[1] == str(number))
    end = next((m.start() for m in heads if m.start() > start.start()), len(text))
    return text[start.start() : end]


def _body(draft: str) -> str:
    """The draft without its first line (which names the file it came from)."""
    return draft.split("\n", 1)[1]


def _pair(tmp_path: Path, text: str, **layout: bool) -> tuple[str, str]:
    (tmp_path / "plan.txt").write_text(text, encoding="utf-8")
    (tmp_path / "plan.docx").write_bytes(docx_from_text(text, **layout))
    from_text = import_file(tmp_path / "plan.txt", year=2026).text
    from_docx = import_file(tmp_path / "plan.docx", year=2026).text
    return from_text, from_docx


def test_word_heading_styles_and_numbering_give_the_same_draft(tmp_path: Path) -> None:
    from docx import Document

    text = part_text(5)
    from_text, from_docx = _pair(tmp_path, text, headings=True, numbering=True)
    document = Document(str(tmp_path / "plan.docx"))
    styled = [p for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert styled
    assert not any(re.match(r"[一二三四五六七八九十]、", p.text) for p in styled)
    assert _body(from_docx) == _body(from_text)
    assert "全面动员阶段" in from_docx
    assert "周庆友" in from_docx


def test_a_budget_table_gives_the_same_budget(tmp_path: Path) -> None:
    text = part_text(4)
    sentence = re.search(r"目前68名正式人员[^,，]*,58名临时人员[^,，]*,两项支出共101。7万元,", text)
    assert sentence is not None
    table = (
        "\n项目\t人数\t年需经费（万元）\n"
        "正式人员经费\t68名\t83.5\n"
        "临时人员经费\t58名\t19.9\n"
        "合计\t126名\t101.7\n"
    )
    tabled = text[: sentence.start()] + table + text[sentence.end() :]
    (tmp_path / "seed.txt").write_text(text, encoding="utf-8")
    (tmp_path / "tabled.docx").write_bytes(docx_from_text(tabled))
    from_text = import_file(tmp_path / "seed.txt", year=2026)
    from_docx = import_file(tmp_path / "tabled.docx", year=2026)

    def money(draft: str) -> tuple[object, ...]:
        budget = yaml.safe_load(draft)["budget"]
        lines = sorted((line["name"], line["amount"]) for line in budget["lines"])
        return budget["total"], budget["sharing"], lines

    assert money(from_docx.text) == money(from_text.text)
    assert from_docx.source_findings[0].code == from_text.source_findings[0].code == "CP205"


TASK_TABLE = """
附件一 创建和谐社区建设示范单位责任分工表
序号\t工作任务\t牵头单位\t配合单位\t完成时限
1\t完善社区服务设施\t区民政局\t各街道(镇)\t4月15日前
2\t规范社区议事制度\t区委组织部\t区民政局、各社区\t4月10日前
3\t整理创建档案资料\t各街道(镇)\t各社区\t4月15日前
"""


def test_a_task_table_gives_duties_and_the_same_draft_as_its_text(tmp_path: Path) -> None:
    text = part_text(8) + TASK_TABLE
    from_text, from_docx = _pair(tmp_path, text)
    assert _body(from_docx) == _body(from_text)
    data = yaml.safe_load(from_docx)
    duties = {d["task"]: d for d in data["duties"]}
    assert duties["完善社区服务设施"]["owner"] == "区民政局"
    assert duties["规范社区议事制度"]["support"] == ["区民政局", "各社区"]
    assert duties["整理创建档案资料"]["due"] == "2026年4月15日"
    units = {u["name"]: u["id"] for u in data["units"]}
    assert {"区民政局", "区委组织部", "各街道(镇)", "各社区"} <= set(units)
    assert duties["整理创建档案资料"]["owner"] == units["各街道(镇)"] == "各街道-镇"
