"""Committees (组织机构), their size and make-up, rosters and offices.

A committee is named where it is set up (成立…领导小组, 设立…委员会, 组建…专班), with its
size (共计30人, 由5名成员组成), its make-up (其中政府代表6人…; 1名项目经理、2名执行人员),
its office (下设办公室, 办公室设在…, 办公室主任由…担任) and its roster: labels 组长、副组长、
成员 (or 主任、副主任、委员) followed by names, one per line or run together in one
paragraph ("组长:周某副组长:李某"), a label left blank being a member to name later.
"""

from __future__ import annotations

import re

from cplan.importer.draft import CommitteeItem, MemberItem, NormItem, Source
from cplan.importer.scan import Para, Scan
from cplan.importer.text import sentences

_KINDS = (
    ("领导小组", "领导小组"),
    ("领导组", "领导小组"),
    ("委员会", "委员会"),
    ("办公室", "办公室"),
    ("小组", "工作小组"),
    ("专班", "工作小组"),
    ("指挥部", "工作小组"),
)
_BODY = r"(?:领导小组|领导组|工作小组|委员会|指挥部|工作专班|专班|小组|办公室)"
_SETUP = re.compile(
    r"(?:成立|组建|设立|建立|调整)(?:了)?(?:由[^。;]{2,80}?(?:共同)?组成的)?"
    rf"(?P<name>[^,;。:()、]{{2,40}}?{_BODY})(?![\u4e00-\u9fa5]{{0,2}}(?:成员|名单))"
)
_ABOUT_SIZE = re.compile(r"成员|组成|其中|共计|人数")
_OFFICE = re.compile(
    r"(?P<parent>[^,;。:()]{0,30}?" + _BODY + r")?下设(?P<name>[^,;。:()]{0,20}?办公室)"
)
_OFFICE_AT = re.compile(r"办公室设在(?P<unit>[^,;。:()]{2,30})")
_HEAD = re.compile(
    r"(?P<office>办公室)?(?P<role>主任|组长|负责人)由(?P<name>[^,;。:()、]{2,12}?)(?:同志)?(?:兼任|担任|负责)"
)
_TAKES = re.compile(
    r"(?:^|[,;:])\s*(?:由)?(?P<who>[^,;。:()由]{2,20}?)(?:同志)?(?:任|兼任|担任)"
    r"(?P<office>办公室)?(?P<role>常务副组长|副组长|组长|常务副主任|副主任|主任|秘书长)"
)
_AS_MEMBERS = re.compile(r"(?:^|[,;:])\s*(?P<who>[^,;。:]{2,120}?)(?:为|任|担任)(?:领导小组)?成员")
_SIZE = re.compile(r"(?:共计|总计|共有|共|由)\s*(?P<n>\d{1,3})\s*(?:人|名)(?:成员)?(?:组成)?")
_PART = re.compile(r"(?P<who>[^\d,;。、:()其中包括]{2,12}?)\s*(?P<n>\d{1,3})\s*(?:人|名)")
_ROLE_FIRST = re.compile(r"(?P<n>\d{1,3})\s*名(?P<role>[^\d,;。、:()]{2,8})")

_ROLE_WORDS = (
    "常务副组长",
    "副组长",
    "组长",
    "常务副主任",
    "副主任",
    "主任",
    "副秘书长",
    "秘书长",
    "委员",
    "成员",
    "联络员",
)
_ROLE_RE = re.compile(
    "(?P<role>" + "|".join(r"\s*".join(word) for word in _ROLE_WORDS) + r")\s*[:：]"
)
_TITLE_END = (
    r"(?:书记|副书记|主任|副主任|局长|副局长|部长|副部长|镇长|副镇长|区长|副区长|县长|市长|主席|"
    r"处长|科长|所长|院长|校长|站长|队长|经理|理事长|会长|负责人|干事|专干|委员)"
)
_TITLE_NAME = re.compile(
    rf"^(?P<title>.{{2,30}}?{_TITLE_END})\s*(?P<name>[\u4e00-\u9fa5·]{{2,4}})$"
)
_NAME_TITLE = re.compile(r"^(?P<name>[\u4e00-\u9fa5·]{2,4})\s*[(（](?P<title>[^)）]{2,40})[)）]$")
_NAME = re.compile(r"^[\u4e00-\u9fa5·]{2,4}$")
_NOT_NAMES = re.compile(
    r"(局|委|办|部|社区|街道|镇|区|市|县|政府|中心|单位|同志|负责人|人员|代表|书记|主任|领导|名单|如下|若干)"
)


def committee_kind(name: str) -> str:
    for suffix, kind in _KINDS:
        if name.endswith(suffix):
            return kind
    return "其他"


def _clean_name(raw: str) -> str:
    name = re.sub(r"^(?:由|了|专门的|一个|以)", "", raw.strip())
    name = re.sub(r"^.*?组成的", "", name)
    return name.strip(" 的")


def extract_committees(scan: Scan) -> list[CommitteeItem]:
    """Committees, offices and rosters, in the order the text sets them up."""
    reader = _Committees(scan)
    for index, para in enumerate(scan.paras):
        if not para.block.is_row:
            reader.paragraph(index, para)
    return reader.committees


class _Committees:
    """Reads committees paragraph by paragraph; a roster or a size belongs to the committee
    set up last (within a few paragraphs)."""

    def __init__(self, scan: Scan) -> None:
        self.scan = scan
        self.committees: list[CommitteeItem] = []
        self.last: CommitteeItem | None = None
        self.last_at = -10

    def _new(
        self, name: str, kind: str, source: Source, parent: str | None = None
    ) -> CommitteeItem:
        item = CommitteeItem(
            id=f"c{len(self.committees) + 1}", name=name, kind=kind, parent=parent, source=source
        )
        self.committees.append(item)
        return item

    def _named(self, name: str) -> CommitteeItem | None:
        return next((c for c in self.committees if c.name == name), None)

    def _office(self) -> CommitteeItem | None:
        return next((c for c in reversed(self.committees) if c.kind == "办公室"), None)

    def paragraph(self, index: int, para: Para) -> None:
        for s_start, sentence in sentences(para.body):
            source = para.source(s_start, s_start + len(sentence))
            used = self._setup(index, sentence, source)
            if self.last is not None and index - self.last_at <= 1 and _ABOUT_SIZE.search(sentence):
                used = _size(self.last, sentence) or used
            used = self._offices(index, sentence, source) or used
            used = self._heads(sentence, para.source(s_start)) or used
            if used:
                self.scan.use(para, s_start)
        roles = list(_ROLE_RE.finditer(para.body))
        if roles and (roles[0].start() <= 2 or para.local == "committees"):
            holder = self.last if self.last is not None and index - self.last_at <= 4 else None
            if holder is None:
                holder = self._new(_guess_name(para), "领导小组", para.source())
                holder.check("name", "原文名单前没有写明机构名称")
            _roster(holder, para, roles)
            self.last, self.last_at = holder, index
            self.scan.use(para)

    def _setup(self, index: int, sentence: str, source: Source) -> bool:
        """ "成立…领导小组，负责…": a committee and what it does."""
        used = False
        for match in _SETUP.finditer(sentence):
            name = _clean_name(match["name"])
            if len(name) < 2 or (name == "办公室" and _OFFICE.search(sentence)):
                continue
            item = self._named(name)
            if item is None:
                item = self._new(name, committee_kind(name), source)
                duty = re.search(
                    r"(?:负责(?!人)|协调|统筹|指导)[^。;]{4,60}", sentence[match.end() :]
                )
                if duty:
                    item.responsibilities.append(duty.group().rstrip("。, "))
            self.last, self.last_at = item, index
            used = True
        return used

    def _offices(self, index: int, sentence: str, source: Source) -> bool:
        """ "下设办公室", "办公室设在…": the office under the committee."""
        used = False
        office = _OFFICE.search(sentence)
        if office is not None:
            parent = _parent(self.committees, office["parent"], self.last)
            name = _clean_name(office["name"])
            full = f"{parent.name}{name}" if parent is not None and name == "办公室" else name
            item = self._named(full) or self._new(
                full, "办公室", source, parent.id if parent is not None else None
            )
            duty = re.search(r"(?:负责|协调|统筹|承担)[^。;]{4,60}", sentence[office.end() :])
            if duty:
                item.responsibilities.append(duty.group().rstrip("。, "))
            self.last, self.last_at = item, index
            used = True
        at = _OFFICE_AT.search(sentence)
        if at is None:
            return used
        if office is None and (self.last is None or self.last.kind != "办公室"):
            parent_item = self.last
            name = f"{parent_item.name}办公室" if parent_item is not None else "办公室"
            if self._named(name) is None:
                parent_id = parent_item.id if parent_item is not None else None
                self.last, self.last_at = self._new(name, "办公室", source, parent_id), index
        if self.last is not None and self.last.kind == "办公室":
            self.last.note = f"设在{at['unit'].strip()}"
            self.scan.unit(at["unit"], source)
        return True

    def _heads(self, sentence: str, source: Source) -> bool:
        """ "区长任组长", "办公室主任由…同志担任", "…主要负责人为成员"."""
        used = False
        for take in _TAKES.finditer(sentence):
            holder = self._holder(bool(take["office"]))
            if holder is not None:
                holder.members.append(_member(take["who"].strip(), take["role"], source))
                used = True
        for group in _AS_MEMBERS.finditer(sentence):
            if self.last is not None and not _ROLE_RE.search(group["who"]):
                for entry in re.split(r"[、,]|和|及", group["who"]):
                    if entry.strip():
                        self.last.members.append(_member(entry.strip(), "成员", source))
                used = True
        for head in _HEAD.finditer(sentence):
            holder = self._holder(bool(head["office"]))
            if holder is not None:
                person = re.sub(r"同志$", "", head["name"])
                holder.members.append(MemberItem(name=person, role=head["role"], source=source))
                used = True
        return used

    def _holder(self, office: bool) -> CommitteeItem | None:
        if office and (self.last is None or self.last.kind != "办公室"):
            return self._office() or self.last
        return self.last


def _parent(
    committees: list[CommitteeItem], named: str | None, last: CommitteeItem | None
) -> CommitteeItem | None:
    if named:
        named = _clean_name(named)
        for item in reversed(committees):
            if item.name.endswith(named) or named.endswith(item.name):
                return item
    return last if last is not None and last.kind != "办公室" else None


def _guess_name(para: Para) -> str:
    if para.node is not None and para.node.title:
        return para.node.title
    return "领导小组"


def _size(item: CommitteeItem, sentence: str) -> bool:
    """Size and make-up stated in a sentence about ``item``; True if any was found."""
    found = False
    size = _SIZE.search(sentence)
    if size is not None and item.size is None:
        item.size = int(size["n"])
        found = True
    rest = sentence[size.end() :] if size is not None else sentence
    if "其中" in rest or "包括" in rest or size is not None:
        for role in _ROLE_FIRST.finditer(rest):
            item.roles[role["role"].strip()] = int(role["n"])
            found = True
        if not item.roles:
            for part in _PART.finditer(rest):
                who = part["who"].strip(" 的")
                if who.endswith(("代表", "委员")):
                    item.composition[who] = int(part["n"])
                    found = True
    return found


def _roster(item: CommitteeItem, para: Para, roles: list[re.Match[str]]) -> None:
    for k, match in enumerate(roles):
        role = re.sub(r"\s+", "", match["role"])
        end = roles[k + 1].start() if k + 1 < len(roles) else len(para.body)
        value = para.body[match.end() : end].strip(" ,;。、")
        source = para.source(match.start(), end)
        entries = [e.strip() for e in re.split(r"[、,;，；]|\s{1,}", value) if e.strip()]
        entries = _rejoin(entries)
        if not entries or value in ("略", "(略)", "（略）", "待定"):
            item.members.append(MemberItem(name=None, role=role, source=source))
            continue
        for entry in entries:
            member = _member(entry, role, source)
            previous = item.members[-1] if item.members else None
            if (
                member.name is None
                and previous is not None
                and previous.name
                and previous.title is None
                and previous.role == role
                and re.search(_TITLE_END + "$", entry)
            ):
                previous.title = entry  # "周某  街道党工委书记": the title after the name
                continue
            item.members.append(member)


def _rejoin(entries: list[str]) -> list[str]:
    """Put back a title split from its name by a space: "区民政局局长 张三"."""
    out: list[str] = []
    for entry in entries:
        if (
            out
            and _NAME.match(entry)
            and re.search(_TITLE_END + "$", out[-1])
            and not _NAME.match(out[-1])
        ):
            out[-1] = out[-1] + entry
        else:
            out.append(entry)
    return out


def _member(entry: str, role: str, source: object) -> MemberItem:
    entry = re.sub(r"同志$", "", entry.strip("。 "))
    if (m := _NAME_TITLE.match(entry)) is not None:
        return MemberItem(name=m["name"], role=role, title=m["title"], source=source)  # type: ignore[arg-type]
    if (m := _TITLE_NAME.match(entry)) is not None and not _NOT_NAMES.search(m["name"]):
        return MemberItem(name=m["name"], role=role, title=m["title"], source=source)  # type: ignore[arg-type]
    if _NAME.match(entry) and not _NOT_NAMES.search(entry):
        return MemberItem(name=entry, role=role, source=source)  # type: ignore[arg-type]
    return MemberItem(name=None, role=role, title=entry, source=source)  # type: ignore[arg-type]


_NORM = re.compile(
    r"每个(?P<kind>社区|中心|村|街道|小区|站|服务站|单位)(?P<items>(?:[\u4e00-\u9fa5]{2,10}?\s*\d{1,3}\s*名[、,和及]?){1,6})"
)
_NORM_ITEM = re.compile(r"(?P<cat>[\u4e00-\u9fa5]{2,10}?)\s*(?P<n>\d{1,3})\s*名")


def extract_norms(scan: Scan) -> list[NormItem]:
    """Staffing norms: "每个社区正式人员4名、聘用制人员3名"."""
    norms: list[NormItem] = []
    for para in scan.paras:
        for match in _NORM.finditer(para.body):
            source = para.source(match.start(), match.end())
            for item in _NORM_ITEM.finditer(match["items"]):
                category = re.sub(r"^(?:配齐|配足|配备|配|有|设)", "", item["cat"])
                norms.append(
                    NormItem(
                        category=category,
                        per_unit=int(item["n"]),
                        unit_kind=match["kind"],
                        source=source,
                    )
                )
    return norms
