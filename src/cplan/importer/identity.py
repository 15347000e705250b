"""The plan's identity: title, 文号, 主送, issuer and date (落款), level, status, period."""

from __future__ import annotations

import datetime as _dt
import re

from cplan.importer.blocks import Block
from cplan.importer.draft import Identity, PhaseItem, Source, TargetItem
from cplan.importer.outline import Frame, analysis_text, parse_marker
from cplan.importer.scan import Scan, make_id
from cplan.importer.text import Years, find_point, find_year_range, plain, read_number, shorten
from cplan.model.values import DateSpan, parse_date

_DOC_NUMBER = re.compile(
    r"[\u4e00-\u9fa5]{1,12}\s*[〔\[［(（]\s*(?:\d{4}|20[xX]{2})\s*[〕\]］)）]\s*\d{1,4}\s*号"
)
_ISSUER_END = re.compile(
    r"(?:人民政府|政府|办事处|委员会|管理委员会|民政局|局|办公室|办公厅|街道|居委会|居民委员会|残疾人联合会|残联|"
    r"领导小组|委|部|社区|镇|总工会|团委|妇联)$"
)
_CN_DATE = re.compile(
    r"^[〇○零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$"
)
_DATE = re.compile(r"^(?:\d{4}|20[xX]{2})\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日$")
_LEVELS = (
    ("社区", "社区"),
    ("居委会", "社区"),
    ("居民委员会", "社区"),
    ("街道办事处", "街道"),
    ("街道", "街道"),
    ("镇人民政府", "镇"),
    ("镇", "镇"),
    ("区", "区"),
    ("县", "县"),
    ("市", "市"),
)


def _cn_date(text: str) -> str:
    """二〇二六年三月五日 → 2026年3月5日."""
    year, rest = text.split("年", 1)
    month, day = rest.rstrip("日").split("月")
    digits = "〇一二三四五六七八九"
    year_text = "".join(
        str(digits.index(ch)) if ch in digits else "0"
        for ch in year.replace("○", "〇").replace("零", "〇")
    )
    m, d = read_number(month), read_number(day)
    return f"{year_text}年{plain(m) if m else month}月{plain(d) if d else day}日"


def level_of(name: str) -> str | None:
    """The administrative level a unit's name says (街道, 区, 社区, …)."""
    for word, level in _LEVELS:
        if name.endswith(word) or (word in ("街道", "社区") and word in name):
            return level
    for word, level in _LEVELS:
        if name.startswith(word):
            return level
    return None


def extract_identity(frame: Frame, scan: Scan) -> Identity:
    title_block = frame.title
    title = frame.title_text or ""
    source = Source(title_block.number, shorten(title_block.text)) if title_block else Source(0, "")
    ident = Identity(
        id=make_id(title) or "plan", title=title or "未命名方案", period="", source=source
    )
    ident.sources["title"] = source
    if frame.title_from_label:
        ident.check("title", "标题取自合集中的篇名，请改为方案的正式标题")
    elif not title:
        ident.check("title", "原文没有可识别的标题，请填写")
    ident.check("id", "标识符取自标题，可改为简短的英文")
    head = [*frame.front[-6:], *(b for b in scan_blocks(scan)[:6])]
    for block in head:
        text = analysis_text(block.text)
        number = _DOC_NUMBER.search(text)
        if number is not None and len(text) <= 40 and ident.doc_number is None:
            ident.doc_number = block.text[number.start() : number.end()].strip()
            ident.sources["doc_number"] = Source(block.number, shorten(block.text))
            _consume(scan, block)
        elif (
            ident.recipients is None
            and len(text) <= 100
            and text.endswith(":")
            and re.search(r"各|局|委|办|街道|政府|单位|部门|社区", text)
            and parse_marker(text) is None
        ):
            ident.recipients = block.text.rstrip(":：")
            ident.sources["recipients"] = Source(block.number, shorten(block.text))
            _consume(scan, block)
        elif ident.issuer is None and text.endswith("文件") and 4 <= len(text) <= 30:
            ident.issuer = block.text[:-2].strip()
            ident.sources["issuer"] = Source(block.number, shorten(block.text))
            _consume(scan, block)
    _signature(ident, scan)
    if ident.issuer is None and title:
        prefix = re.match(r"^(?P<who>.{2,20}?)关于", title)
        if prefix is not None and _ISSUER_END.search(prefix["who"]):
            ident.issuer = prefix["who"]
            ident.sources["issuer"] = source
    if ident.issuer is None:
        for para in scan.paras[:3]:
            found = re.search(
                r"(?P<who>[\u4e00-\u9fa5]{2,15}?(?:街道|镇|区|县|市|社区|办事处))(?:决定|特制定|制定本)",
                para.body,
            )
            if found is not None:
                ident.issuer = found["who"]
                ident.sources["issuer"] = para.source(found.start(), found.end())
                ident.check("issuer", "从正文推断，原文没有落款")
                break
    if ident.issuer:
        ident.level = level_of(ident.issuer)
        if ident.level:
            ident.check("level", "按制定单位名称推断")
    if ident.doc_number:
        ident.status = "印发"
        ident.check("status", f"原文有文号 {ident.doc_number}，按已印发处理")
    else:
        ident.check("status", "原文未说明是否已印发")
    return ident


def scan_blocks(scan: Scan) -> list[Block]:
    return [p.block for p in scan.paras]


def _consume(scan: Scan, block: Block) -> None:
    scan.whole.add(block.number)


def _signature(ident: Identity, scan: Scan) -> None:
    """The 落款 at the end: the issuing body's name and the date under it."""
    tail = scan.paras[-6:]
    for k in range(len(tail) - 1, -1, -1):
        para = tail[k]
        text = re.sub(r"\s+", "", para.body)
        date_text = None
        if _DATE.match(text):
            date_text = text
        elif _CN_DATE.match(text):
            date_text = _cn_date(text)
        if date_text is None:
            continue
        found = find_point(date_text, scan.years)
        if found is None:
            continue
        ident.issued = found.text
        ident.sources["issued"] = Source(para.number, shorten(para.block.text))
        if found.guesses:
            ident.check("issued", "; ".join(found.guesses))
        scan.whole.add(para.number)
        if k > 0:
            previous = tail[k - 1]
            name = re.sub(r"\s+", "", previous.body)
            if len(name) <= 30 and _ISSUER_END.search(name) and not re.search(r"[,。;:]", name):
                ident.issuer = previous.block.text.strip()
                ident.sources["issuer"] = Source(previous.number, shorten(previous.block.text))
                scan.whole.add(previous.number)
        return


_VALID_FOR = re.compile(r"有效期\s*(?:为)?\s*(?P<n>\d+|[一二三四五六七八九十两])\s*年")
_PERIOD_CUE = re.compile(
    r"期限|实施时间|为期|时间为|起止|实施期|年度|周期|方案|计划|规划|分步骤|分两年|分三年|开展|工作"
)


def plan_period(
    ident: Identity,
    scan: Scan,
    phases: list[PhaseItem],
    targets: list[TargetItem],
) -> None:
    """Set ``ident.period``: as stated, else from the dates the plan gives, marked."""
    years = scan.years
    for text, number in [(ident.title, ident.source.number)] + [
        (p.body, p.number) for p in scan.paras
    ]:
        found = find_year_range(text, years)
        if found is not None and (number == ident.source.number or _PERIOD_CUE.search(text)):
            first, last, guesses = found
            ident.period = f"{first}年至{last}年" if last != first else f"{first}年"
            ident.sources["period"] = Source(number, shorten(text))
            if guesses:
                ident.check("period", "; ".join(guesses))
            return
    single = re.search(
        r"(?<!\d)((?:19|20)\d\d)\s*年(?:度)?(?![\d底末初]|\s*\d{1,2}\s*月)", ident.title
    )
    if single is not None:
        ident.period = f"{single[1]}年"
        ident.sources["period"] = ident.source
        return
    for para in scan.paras:
        valid = _VALID_FOR.search(para.body)
        if valid is None:
            continue
        count = read_number(valid["n"])
        if count is None:
            continue
        start = _issued_day(ident) or _dt.date(years.default, 1, 1)
        try:
            end = start.replace(year=start.year + int(count)) - _dt.timedelta(days=1)
        except ValueError:
            end = _dt.date(start.year + int(count), 2, 28)
        ident.period = f"{start.isoformat()}至{end.isoformat()}"
        ident.sources["period"] = para.source(valid.start(), valid.end())
        if _issued_day(ident) is None:
            ident.check(
                "period",
                f"原文写有效期{valid['n']}年，自印发之日起；印发日期未写，暂从 {start.year} 年1月1日起算",
            )
        return
    starts = [p.start for p in phases if isinstance(p.start, _dt.date)]
    ends = [p.end for p in phases if isinstance(p.end, _dt.date)]
    for target in targets:
        deadline = _day(target.deadline, years.default)
        if deadline is not None:
            ends.append(deadline.end)
    issued = _issued_day(ident)
    if issued is not None:
        starts.append(issued)
    if starts or ends:
        begin = min(starts) if starts else _dt.date(min(e.year for e in ends), 1, 1)
        finish = max(ends) if ends else _dt.date(begin.year, 12, 31)
        begin = min(begin, finish)
        ident.period = (
            f"{begin.year}年至{finish.year}年" if finish.year != begin.year else f"{begin.year}年"
        )
        ident.check("period", "原文未写明方案期限，按文中的日期推定")
        return
    ident.period = f"{years.default}年"
    ident.check("period", f"原文未写明方案期限，暂填 {years.default} 年")


def _day(text: str, default_year: int | None = None) -> DateSpan | None:
    try:
        return parse_date(text, default_year)
    except ValueError:  # pydantic's PydanticCustomError is a ValueError
        return None


def _issued_day(ident: Identity) -> _dt.date | None:
    found = _day(ident.issued) if ident.issued else None
    return found.start if found is not None else None


def default_years(blocks: list[Block], year: int | None) -> Years:
    """The years dates are read in: the first year the plan states, else ``year``, else now."""
    stated: int | None = None
    pattern = re.compile(
        r"(?<!\d)(19[5-9]\d|20\d\d)\s*(?:年\s*\d{1,2}\s*月|年\s*[至到—\-~]|\s*[—\-~至到]\s*(?:19|20)\d\d)"
    )
    for block in blocks:
        for match in pattern.finditer(analysis_text(block.text)):
            stated = max(stated or 0, int(match[1]))
    fallback = year if year is not None else _dt.date.today().year
    if stated is not None:
        return Years(stated, True, fallback)
    return Years(fallback, False, fallback)
