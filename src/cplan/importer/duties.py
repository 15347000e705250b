"""Units and duty assignments (责任分工): who leads (牵头) and who helps (配合).

From a task table (a header naming 任务/工作内容 and 牵头单位/责任单位, perhaps
配合单位 and 完成时限), from "（牵头单位：…；配合单位：…）" after a task, from "由X牵头，Y
配合", and, in a section about duties or organisation, from an item that opens with the
units responsible ("（二）市残联统筹协调…").
"""

from __future__ import annotations

import re

from cplan.importer.draft import DutyItem
from cplan.importer.scan import Para, Scan, clean_name
from cplan.importer.text import find_before, find_point, sentences

_OWNER_HEAD = re.compile(
    r"牵头单位|责任单位|负责单位|牵头部门|责任部门|主责单位|责任主体|牵头|负责部门"
)
_SUPPORT_HEAD = re.compile(r"配合单位|协办单位|配合部门|协助单位|参与单位|配合")
_TASK_HEAD = re.compile(r"任务|工作内容|内容|事项|措施|项目|工作")
_DUE_HEAD = re.compile(r"时限|时间|期限|完成时间|进度")
_LABELLED = re.compile(
    r"(?P<label>牵头单位|责任单位|负责单位|牵头部门|责任部门|主责单位|配合单位|协办单位|配合部门)\s*[:：]\s*"
    r"(?P<units>[^;；)）。]+)"
)
_LEAD_BY = re.compile(
    r"由(?P<owner>[^,;。由]{2,30}?)牵头(?:[,，]\s*(?P<support>[^,;。]{2,40}?)(?:配合|协助|参与))?"
)
_UNIT_SUFFIX = r"(?:局|委|办|部|联|院|所|中心|街道|镇|乡|社区|政府|办事处|居委会|残联|公司|分局|队|站|厅|处|会)"
_OPENING = re.compile(
    rf"^(?P<units>(?:[\u4e00-\u9fa5()（）]{{1,15}}?{_UNIT_SUFFIX}[、和及]?){{1,6}})"
    r"(?=在|要|负责|统筹|做好|协调|牵头|配合|根据|按照|加强|落实|制定|组织|按)"
)
_SPLIT = re.compile(r"[、,，;；/]|和|及|与")


def _units(text: str) -> list[str]:
    names = [clean_name(n.strip(" :：。")) for n in _SPLIT.split(text)]
    return [n for n in names if 2 <= len(n) <= 30]


def extract_duties(scan: Scan) -> list[DutyItem]:
    duties: list[DutyItem] = []
    duties.extend(_from_tables(scan))
    for para in scan.paras:
        if para.block.is_row:
            continue
        labelled = list(_LABELLED.finditer(para.body))
        if labelled:
            duties.extend(_from_labels(para, labelled, scan))
            continue
        for s_start, sentence in sentences(para.body):
            lead = _LEAD_BY.search(sentence)
            if lead is not None:
                owners = _units(lead["owner"])
                if not owners:
                    continue
                source = para.source(s_start, s_start + len(sentence))
                task = _task_of(para, sentence[: lead.start()] + sentence[lead.end() :])
                duty = DutyItem(task=task, owner=scan.unit(owners[0], source), source=source)
                duty.support = [
                    scan.unit(n, source) for n in owners[1:] + _units(lead["support"] or "")
                ]
                duties.append(duty)
        if para.heading and (
            para.section in ("duties", "committees") or para.local in ("duties", "committees")
        ):
            opening = _OPENING.match(para.body)
            if opening is not None:
                names = _units(opening["units"])
                if names:
                    source = para.source(0, min(len(para.body), 60))
                    task = para.body[opening.end() :].strip(" ,。")
                    duty = DutyItem(task=task, owner=scan.unit(names[0], source), source=source)
                    duty.support = [scan.unit(n, source) for n in names[1:]]
                    duties.append(duty)
                    scan.use(para)
    return duties


def _task_of(para: Para, sentence: str) -> str:
    if para.node is not None and para.node.title:
        return para.node.title
    return sentence.strip(" ,。()（）")[:60] or para.body[:40]


def _from_labels(para: Para, labelled: list[re.Match[str]], scan: Scan) -> list[DutyItem]:
    source = para.source()
    owners: list[str] = []
    supports: list[str] = []
    for match in labelled:
        names = _units(match["units"])
        (supports if match["label"].startswith(("配合", "协办")) else owners).extend(names)
    if not owners:
        return []
    task = para.body[: labelled[0].start()].strip(" ,。;:()（）")
    if para.node is not None and para.node.title and para.heading:
        task = para.node.title
    if not task and para.node is not None:
        task = para.node.text[:40]
    duty = DutyItem(task=task or para.body[:40], owner=scan.unit(owners[0], source), source=source)
    duty.support = [scan.unit(n, source) for n in owners[1:] + supports]
    return [duty]


def _from_tables(scan: Scan) -> list[DutyItem]:
    duties: list[DutyItem] = []
    for row, columns, is_header in scan.table_rows(_header):
        if is_header:
            continue
        cells = row.block.cells
        task = _cell(cells, columns.get("task"))
        owner_text = _cell(cells, columns.get("owner"))
        owners = _units(owner_text)
        if not task or not owners:
            continue
        source = row.source()
        duty = DutyItem(task=task, owner=scan.unit(owners[0], source), source=source)
        support = _units(_cell(cells, columns.get("support")))
        duty.support = [scan.unit(n, source) for n in owners[1:] + support]
        due_text = _cell(cells, columns.get("due"))
        if due_text:
            found = find_before(due_text, scan.years) or find_point(due_text, scan.years)
            if found is not None:
                duty.due = found.text
                duty.check("due", "; ".join(found.guesses))
        duties.append(duty)
        scan.use(row)
    return duties


def _cell(cells: tuple[str, ...], index: int | None) -> str:
    if index is None or index >= len(cells):
        return ""
    return cells[index].strip()


def _header(cells: tuple[str, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = cell.strip()
        if len(text) > 12:
            continue
        if "owner" not in columns and _OWNER_HEAD.search(text) and not _SUPPORT_HEAD.search(text):
            columns["owner"] = i
        elif "support" not in columns and _SUPPORT_HEAD.search(text):
            columns["support"] = i
        elif "due" not in columns and _DUE_HEAD.search(text):
            columns["due"] = i
        elif "task" not in columns and _TASK_HEAD.search(text):
            columns["task"] = i
    if "owner" in columns and "task" in columns:
        return columns
    return None
