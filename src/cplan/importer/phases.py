"""Phases (实施步骤) with their dates and tasks.

A phase is a numbered item that names a stage (…阶段, 第一步, 第二阶段：…) or any item of a
section about steps; its dates are the first range written in its heading or at the start
of its text, in every form officers use: （2026年3月上旬至3月下旬）, （4月中旬—10月底）,
20xx年8月中旬至年底, 3月11日-4月15日, and "2026年11月上旬前完成" (only the end; the start is
the day after the phase before, to be looked at). "第一步…第二步…" inside one paragraph
gives one phase per step. The sentences under a phase are its tasks.
"""

from __future__ import annotations

import re

from cplan.importer.draft import PhaseItem
from cplan.importer.outline import Node
from cplan.importer.scan import Para, Scan
from cplan.importer.text import (
    BLANK_DATE,
    DateFound,
    Years,
    find_before,
    find_point,
    find_spans,
    sentences,
)

_STEP_SPLIT = re.compile(r"第([一二三四五六七八九十]+)步[是:,为]?")


def extract_phases(scan: Scan) -> list[PhaseItem]:
    """Every phase, in the order written. Undated phases have ``when`` empty."""
    phases: list[PhaseItem] = []
    by_node: dict[int, Para] = {id(p.node): p for p in scan.paras if p.heading}
    for para in scan.paras:
        node = para.node
        if not para.heading or node is None:
            continue
        if not _is_phase(node, para):
            continue
        phases.append(_phase(node, para, scan))
    if not phases:
        for para in scan.paras:
            if para.section == "phases" and len(_STEP_SPLIT.findall(para.body)) >= 2:
                phases.extend(_steps(para, scan))
    for i, phase in enumerate(phases):
        phase.id = f"p{i + 1}"
    del by_node
    return phases


_STAGE_TITLE = re.compile(r"阶段\s*$|阶段\s*[(:（]|^第[一二三四五六七八九十\d]+(?:阶段|步)")


def _is_phase(node: Node, para: Para) -> bool:
    title = node.title or re.split(r"[,。;:]", node.text, maxsplit=1)[0][:30]
    if _STAGE_TITLE.search(title) or (node.marker is not None and node.marker.kind == "step"):
        return True
    if (
        node.title
        and len(node.title) <= 40
        and any(True for _ in find_spans(node.title, _NO_YEARS))
    ):
        return True  # "部署启动（2025年7月—8月）：…"
    parent_phases = para.section == "phases" and para.local == "phases"
    if not parent_phases or (node.kind == "phases" and node.level == 1):
        return False
    head = node.text[:60]
    if any(True for _ in find_spans(head, _NO_YEARS)):
        return True
    return bool(node.title) and len(node.title) <= 25 and _top_child(node, para)


def _top_child(node: Node, para: Para) -> bool:
    """A direct item of the section about steps (not an item nested deeper)."""
    return node.level >= 2 and para.local == "phases"


#: Years for asking only whether a text holds a range of dates at all.
_NO_YEARS = Years(2000, True, 2000)


def _phase(node: Node, para: Para, scan: Scan) -> PhaseItem:
    first_body = node.paras[0] if node.paras else None
    places = [para.body[:80]]
    if first_body is not None:
        places.append(first_body.text[:40])
    found, where = _phase_date(node, para, places, scan)
    name = _phase_name(node, para, found if where == 0 else None)
    strip_lead = found if where in (1, 2) else None
    item = PhaseItem(id="", name=name, when="", source=para.source(0, min(len(para.body), 40)))
    if found is not None:
        item.when = found.text
        item.start, item.end = found.span.start, found.span.end
        item.check("when", "; ".join(found.guesses))
        if found.open_start:
            item.start = None
            item.check("when", "原文只写了完成期限，开始时间按上一阶段结束推定")
    elif BLANK_DATE.search(para.body[:40]) or (
        first_body and BLANK_DATE.search(first_body.text[:20])
    ):
        item.dated = False
        item.check("when", "原文日期空白（年 月），请填写")
    else:
        item.dated = False
        item.check("when", "原文未写起止时间，暂按前后阶段或方案期限填写")
    item.tasks = _tasks(node, para, found if where == 0 else None, strip_lead)
    scan.use(para)
    for block in node.paras:
        scan.whole.add(block.number)
    for child in node.walk():
        if child.block is not None:
            scan.whole.add(child.block.number)
            scan.whole.update(b.number for b in child.paras)
    return item


def _phase_date(
    node: Node, para: Para, places: list[str], scan: Scan
) -> tuple[DateFound | None, int]:
    """The phase's dates and where they were: 0 its heading, 1 its first paragraph, 2 the
    start of the text run in after its heading."""
    for k, place in enumerate(places):
        found = next(iter(find_spans(place, scan.years)), None) or find_before(place, scan.years)
        if found is not None:
            return found, k
        if k == 0:
            title_part = node.title or place[:30]
            point = find_point(title_part, scan.years)
            if point is not None and _date_only_in_parens(title_part, point):
                return point, 0
            lead = node.lead if node.title else ""
            if lead and not BLANK_DATE.match(lead):
                point = find_point(lead[:12], scan.years)
                if point is not None and point.start == 0:
                    return point, 2
    return None, 0


def _date_only_in_parens(text: str, point: DateFound) -> bool:
    before = text[: point.start].rstrip()
    return before.endswith(("(", ":", "（")) or point.start == 0


def _phase_name(node: Node, para: Para, found: DateFound | None) -> str:
    title = node.title or ""
    if not title:
        title = re.split(r"[,。;:]", para.body, maxsplit=1)[0][:30]
    if found is not None and found.start < len(title):
        title = title[: found.start] + title[found.end :]
    title = re.sub(r"\(\s*\)|（\s*）", "", title)
    title = BLANK_DATE.sub("", title)
    title = re.sub(r"\s*(?:前完成|前|以前|之前)\s*$", "", title)
    return title.strip(" :：,，()（）") or para.body[:20]


def _tasks(node: Node, para: Para, found: DateFound | None, leading: DateFound | None) -> list[str]:
    lead = para.body[len(node.title) :] if node.title else para.body
    if found is not None and not node.title:
        lead = para.body[found.end :]
    texts = [lead]
    texts.extend(b.text for b in node.paras)
    if leading is not None:
        for k, text in enumerate(texts[:2]):
            if k == 1 or not node.paras:
                texts[k] = (
                    re.sub(r"^[^,，]{0,20}?[,，:：]", "", text.lstrip(" :：。"), count=1)
                    if _starts_with_date(text)
                    else text
                )
    texts = [
        BLANK_DATE.sub("", t, count=1) if BLANK_DATE.match(t.lstrip(" :：。")) else t for t in texts
    ]
    for child in node.children:
        texts.extend(b.text for b in child.blocks())
    tasks: list[str] = []
    for text in texts:
        for _, sentence in sentences(text):
            task = sentence.strip(" 。;:,()（）")
            task = re.sub(
                r"^\s*(?:\d{1,2}\s*[、.]|[(（][一二三四五六七八九十\d]+[)）])\s*", "", task
            )
            if len(task) >= 4 and not BLANK_DATE.fullmatch(task) and not _only_date(task):
                tasks.append(task)
    return tasks


def _starts_with_date(text: str) -> bool:
    return bool(re.match(r"^[\s:：。]*(?:\d|年[初底末]|20[xX])", text))


def _only_date(text: str) -> bool:
    stripped = re.sub(r"前完成|以前|之前|前|完成", "", text)
    stripped = re.sub(r"[\d年月日旬上中下底初末至到\-—~xX\s]", "", stripped)
    return not stripped


def _steps(para: Para, scan: Scan) -> list[PhaseItem]:
    """ "第一步…第二步…" in one paragraph: a phase per step, undated."""
    out: list[PhaseItem] = []
    pieces = list(_STEP_SPLIT.finditer(para.body))
    for k, match in enumerate(pieces):
        end = pieces[k + 1].start() if k + 1 < len(pieces) else len(para.body)
        text = para.body[match.end() : end].strip(" ,。;")
        parts = [piece for piece in re.split(r"[,;。]", text) if piece.strip()]
        if not parts:
            continue
        name = re.sub(r"^(?:是|为)", "", parts[0]).strip()[:30]
        item = PhaseItem(
            id="", name=name, when="", source=para.source(match.start(), end), dated=False
        )
        item.tasks = [part.strip() for part in parts[1:] if len(part.strip()) >= 4]
        found = next(iter(find_spans(text, scan.years)), None)
        if found is not None:
            item.when, item.start, item.end, item.dated = (
                found.text,
                found.span.start,
                found.span.end,
                True,
            )
            item.check("when", "; ".join(found.guesses))
        else:
            item.check("when", "原文未写起止时间，暂按前后阶段或方案期限填写")
        out.append(item)
    scan.use(para)
    return out
