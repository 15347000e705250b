"""Room 2 of the importer: blocks → the document's outline.

Headings are recognised by their numbering (一、 （一） 1. 1、 1.1 （1） ① 第一部分) or by a
Word heading style. Levels are not fixed per kind of numbering: the first kind met is the
top level, the next kind met below it, and so on, as officers nest them; a Word heading
style fixes the level of its kind. A numbered paragraph is a node of the outline whether it
is a heading alone ("二、工作目标") or a list item with its text run in ("1、全面动员阶段
（4月中旬至5月上旬）。通过召开…").

Around the plan itself the outline finds: a collection of several plans in one file
("…篇1", "…篇2"), the title, and what is not the plan (a web page's header and footer).
Each top-level section is classified by its heading into one of the plan's parts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from cplan.importer.blocks import Block
from cplan.model.values import normalize_text

# -- numbering markers -------------------------------------------------------------------

_CN_NUM = "一二三四五六七八九十"
_CN_VALUE = {ch: i + 1 for i, ch in enumerate(_CN_NUM)}
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"


@dataclass(frozen=True)
class Marker:
    """The numbering in front of a paragraph: its kind, its value and the text after it."""

    kind: str
    number: int
    label: str
    rest: str


_MARKERS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("part", re.compile(rf"^第([{_CN_NUM}\d]{{1,3}})(?:部分|章)\s*[、:：.．]?\s*")),
    ("cn", re.compile(rf"^([{_CN_NUM}]{{1,3}})\s*[、.．，,]\s*")),
    ("cn_paren", re.compile(rf"^[（(]\s*([{_CN_NUM}]{{1,3}})\s*[）)]\s*[、.．]?\s*")),
    (
        "arabic_multi",
        re.compile(
            r"^(\d{1,2})[.．](\d{1,2})(?:[.．]\d{1,2})?(?:[.．、]\s*|\s*(?![\d%％万亿元个人名户岁米倍]))"
        ),
    ),
    ("arabic", re.compile(r"^(\d{1,2})\s*(?:、|[.．](?!\d)|[.．](?=\d{4}年)|[）)](?!\d))\s*")),
    ("arabic_paren", re.compile(r"^[（(]\s*(\d{1,2})\s*[）)]\s*[、.．]?\s*")),
    ("circled", re.compile(rf"^([{_CIRCLED}])\s*")),
    ("step", re.compile(rf"^第([{_CN_NUM}\d]{{1,2}})(?:阶段|步骤|步)\s*[、:：，,.．]?\s*")),
)


def _value(text: str) -> int:
    if text in _CIRCLED:
        return _CIRCLED.index(text) + 1
    if text.isascii() and text.isdigit():
        return int(text)
    if len(text) == 1:
        return _CN_VALUE.get(text, 0)
    if text.startswith("十"):
        return 10 + _CN_VALUE.get(text[1:], 0)
    if len(text) >= 2 and text[1] == "十":
        return _CN_VALUE.get(text[0], 0) * 10 + (_CN_VALUE.get(text[2:], 0) if len(text) > 2 else 0)
    return 0


def parse_marker(text: str) -> Marker | None:
    """The numbering at the start of ``text``, or None. "2.2026年9月底前" is item 2."""
    for kind, pattern in _MARKERS:
        match = pattern.match(text)
        if match is None:
            continue
        rest = text[match.end() :].strip()
        if not rest:
            return None
        if kind == "step":
            # 第一阶段 is a heading that keeps its words: "第一阶段：组织实施"
            return Marker(kind, _value(match[1]), "", text)
        return Marker(kind, _value(match[1]), match.group().strip(), rest)
    return None


# -- collections, titles, web pages ----------------------------------------------------

_PART_RE = re.compile(
    rf"^(?P<name>\S.{{1,38}}?)\s*(?:篇\s*(?P<n>\d{{1,2}}|[{_CN_NUM}]{{1,3}})|第\s*(?P<m>\d{{1,2}}|[{_CN_NUM}]{{1,3}})\s*篇)$"
)
GENRE = re.compile(
    r"(方案|计划|规划|纲要|意见|办法|通知|要点|细则|安排|决定|规定|措施|预案|章程|公约|工作要点)"
)
_JUNK = re.compile(
    r"(VIP|vip|下载|上传|文档评论|相关文档|相关文章|推荐度|精选图文|原创力|浏览记录|会员|版权|"
    r"免责|举报|点击|收藏|分享|阅读全部|本站|网站|文库|更新时间|页数[:：]|大小[:：]|\.docx?\b|^PAGE$|^\d+-$)"
)
_TAIL = re.compile(
    r"^(相关文章|相关文档|相关推荐|精选图文|文档评论|推荐度|点击下载|猜你喜欢|热门文章|上一篇|下一篇|"
    r"本文链接|版权声明|免责声明|更多相关|延伸阅读|[^\s]{0,20}相关文章[:：]?$)"
)
_SENTENCE_END = "。！？!?"


def is_junk(text: str) -> bool:
    """A line of a web page around a copied plan (download notices, page furniture)."""
    return len(text) <= 80 and _JUNK.search(text) is not None


@dataclass(frozen=True)
class Part:
    """One plan of a collection: its label ("社区建设方案 篇4") and its blocks."""

    number: int
    label: str
    blocks: tuple[Block, ...]


def split_parts(blocks: tuple[Block, ...]) -> list[Part]:
    """The plans of a collection ("…篇1", "…篇2", …), or one part holding everything."""
    found: list[tuple[int, str, int, str]] = []
    for i, block in enumerate(blocks):
        match = _PART_RE.match(block.text) if len(block.text) <= 40 else None
        if match and not block.is_row:
            number = _value(match["n"] or match["m"])
            found.append((i, re.sub(r"\s+", "", match["name"]), number, block.text))
    names: dict[str, int] = {}
    for _, name, _, _ in found:
        names[name] = names.get(name, 0) + 1
    best = max(names, key=lambda n: names[n], default=None)
    if best is None or names[best] < 2:
        return [Part(1, "", blocks)]
    heads = [(i, number, label) for i, name, number, label in found if name == best]
    parts = []
    for k, (i, number, label) in enumerate(heads):
        end = heads[k + 1][0] if k + 1 < len(heads) else len(blocks)
        parts.append(Part(number, label, blocks[i:end]))
    return parts


@dataclass
class Frame:
    """Where the plan is among the blocks: its title, its body and what was left out."""

    title: Block | None
    title_text: str | None
    title_from_label: bool
    body: list[Block]
    front: list[Block]
    dropped: int


def _title_text(text: str) -> str:
    text = re.sub(r"\.(docx?|wps|pdf|txt)\S*$", "", text, flags=re.IGNORECASE)
    return text.strip(" 　:：")


def analysis_text(text: str) -> str:
    """The text as the extractors read it: full-width letters, digits and punctuation as
    ASCII (，→, （→( ：→:), the same length as ``text`` so that positions carry over."""
    normal = normalize_text(text)
    if len(normal) != len(text):
        normal = text
    return _DECIMAL_STOP.sub(".", normal)


#: "83。5万元": a web copy's full stop for a decimal point (read so; the money notes it).
_DECIMAL_STOP = re.compile(r"(?<=\d)。(?=\d+\s*(?:万|亿)?元)")


def _is_title(block: Block) -> bool:
    text = _title_text(block.text)
    return (
        not block.is_row
        and 4 <= len(text) <= 60
        and GENRE.search(text) is not None
        and text[-1] not in "。；;，,：:"
        and not is_junk(text)
        and (parse_marker(text) is None)
    )


_STRONG_JUNK = re.compile(r"VIP|下载|上传|原创力|文库|本站|网站|会员|版权|举报|文档评论|浏览记录")


def _starts_body(block: Block) -> bool:
    if block.is_row or _STRONG_JUNK.search(block.text) or is_junk(block.text):
        return False
    text = analysis_text(block.text)
    marker = parse_marker(text)
    if marker is not None and marker.kind in ("cn", "cn_paren", "part", "arabic", "arabic_multi"):
        return True
    return len(text) >= 40 and text[-1] in "。;:" and "," in text


def frame(blocks: tuple[Block, ...], label: str = "") -> Frame:
    """Find the title, cut a web page's furniture off both ends, join page fragments."""
    start = 1 if label else 0  # a collection's part starts with its label line
    styled = next((b for b in blocks if b.title), None)
    body_at = next((i for i in range(start, len(blocks)) if _starts_body(blocks[i])), len(blocks))
    title: Block | None = styled
    notice = _notice_title(blocks, start)
    if title is None and notice is not None:
        title = notice
        body_at = max(body_at, blocks.index(notice) + 1)
    if title is None:
        title = next(
            (blocks[i] for i in range(body_at - 1, start - 1, -1) if _is_title(blocks[i])), None
        )
    title_text = _title_text(title.text) if title is not None else None
    if title is None:
        for block in blocks[start:body_at]:
            quoted = re.search(r"《([^》]{4,40})》", block.text)
            short = len(block.text) <= 30 or _STRONG_JUNK.search(block.text) is not None
            if quoted and short and GENRE.search(quoted[1]):
                title, title_text = block, quoted[1].strip()
                break
    from_label = False
    if title is None and label:
        title, title_text, from_label = blocks[0], label, True
    begin = body_at
    if title is not None and not from_label:
        position = blocks.index(title)
        if position < body_at:
            begin = position + 1
    front = [b for b in blocks[:begin] if b is not title]
    end = len(blocks)
    for i in range(begin, len(blocks)):
        if _TAIL.match(blocks[i].text):
            end = i
            break
    body = [b for b in blocks[begin:end] if not (is_junk(b.text) and len(b.text) <= 40)]
    dropped = (end - begin) - len(body) + (len(blocks) - end)
    return Frame(title, title_text, from_label, _join_fragments(body), front, dropped)


_NOTICE = re.compile(r"《(?P<title>[^》]{4,60})》[^。]{0,30}?(?:印发|发给|转发)")
_NOTICE_TITLE = re.compile(r"关于印发《?(?P<title>.{4,60}?)》?的通知$")


def _notice_title(blocks: tuple[Block, ...], start: int) -> Block | None:
    """The plan's own title line under a 印发通知 ("现将《X》印发给你们…" then "X")."""
    for i in range(start, min(len(blocks), 40)):
        match = _NOTICE.search(blocks[i].text) or _NOTICE_TITLE.search(blocks[i].text)
        if match is None or not GENRE.search(match["title"]):
            continue
        wanted = re.sub(r"\s+", "", match["title"])
        for j in range(i + 1, min(len(blocks), i + 6)):
            if re.sub(r"\s+", "", blocks[j].text) == wanted:
                return blocks[j]
    return None


def _join_fragments(body: list[Block]) -> list[Block]:
    """Undo a web copy's paging: "1、…推进社区建设工" / "2、作，取得了…" is one text.

    A run of long blocks numbered 1、2、3… in which most blocks end mid-sentence is pages,
    not a list: the numbers go and the pages are joined.
    """
    out: list[Block] = []
    i = 0
    while i < len(body):
        run = [body[i]]
        marker = parse_marker(body[i].text)
        if marker is not None and marker.kind == "arabic" and marker.number == 1:
            j = i + 1
            while j < len(body):
                following = parse_marker(body[j].text)
                if (
                    following is None
                    or following.kind != "arabic"
                    or following.number != len(run) + 1
                ):
                    break
                run.append(body[j])
                j += 1
        broken = sum(1 for b in run[:-1] if b.text[-1] not in _SENTENCE_END and len(b.text) > 150)
        if len(run) >= 3 and broken * 3 >= (len(run) - 1) * 2:
            text = "".join((parse_marker(b.text) or Marker("", 0, "", b.text)).rest for b in run)
            out.append(Block(run[0].number, text, None))
            i += len(run)
            continue
        out.append(body[i])
        i += 1
    return out


# -- the outline -------------------------------------------------------------------------

#: Section kinds and the words of a heading that name them, tried in this order.
SECTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = (
    ("budget", re.compile(r"经费|资金|预算")),
    (
        "phases",
        re.compile(
            r"步骤|阶段|进度安排|时间安排|推进安排|实施安排|时间节点|日程|推进计划|实施计划|时间表"
        ),
    ),
    (
        "committees",
        re.compile(
            r"组织领导|组织机构|组织保障|领导机构|机构设置|工作机构|领导小组|组织结构|组织架构"
        ),
    ),
    ("duties", re.compile(r"分工|职责")),
    ("guidance", re.compile(r"指导思想|总体思路|工作思路|总体要求")),
    ("principles", re.compile(r"原则")),
    ("background", re.compile(r"背景|现状|基本情况|概述|概况|形势|必要性|重要意义")),
    ("targets", re.compile(r"目标|指标")),
    ("requirements", re.compile(r"保障措施|工作要求|有关要求|保障|要求|纪律|注意事项")),
    (
        "measures",
        re.compile(
            r"任务|措施|内容|举措|重点|路径|做法|工作安排|具体工作|创建|工作机制|实施|工作方法"
        ),
    ),
)


def section_kind(title: str) -> str | None:
    """The part of a plan a heading names (``budget``, ``phases``, …), or None."""
    for kind, pattern in SECTION_KINDS:
        if pattern.search(title):
            return kind
    return None


@dataclass
class Node:
    """A numbered paragraph or a heading, with what stands under it."""

    block: Block | None
    marker: Marker | None
    level: int
    text: str  # the paragraph without its numbering
    children: list[Node] = field(default_factory=list)
    paras: list[Block] = field(default_factory=list)
    kind: str | None = None
    parent: Node | None = field(default=None, repr=False)

    @property
    def title(self) -> str:
        """The heading's words: the text up to the first full stop or colon, if short."""
        text = self.text
        for stop in ("。", "：", ":", "；"):
            head, found, _ = text.partition(stop)
            if found and len(head) <= 30:
                return head.strip()
        return text if len(text) <= 40 else ""

    @property
    def lead(self) -> str:
        """Text run in after the title in the same paragraph."""
        title = self.title
        return self.text[len(title) :].lstrip("。：:；").strip() if title else self.text

    def walk(self) -> Iterator[Node]:
        yield self
        for child in self.children:
            yield from child.walk()

    def blocks(self) -> Iterator[Block]:
        """Every block under this node, in order (its own first)."""
        items: list[tuple[int, Block]] = []
        if self.block is not None:
            items.append((self.block.number, self.block))
        items.extend((b.number, b) for b in self.paras)
        for child in self.children:
            items.extend((b.number, b) for b in child.blocks())
        for _, block in sorted(items, key=lambda pair: pair[0]):
            yield block


def build_outline(body: list[Block]) -> Node:
    """The outline of a plan's body: a root whose children are its top-level sections."""
    root = Node(None, None, 0, "")
    levels: dict[str, int] = {}
    for block in body:
        if block.heading is not None and not block.is_row:
            marker = parse_marker(block.text)
            if marker is not None:
                levels.setdefault(marker.kind, block.heading)
    stack = [root]
    for block in body:
        marker = None if block.is_row else parse_marker(block.text)
        level: int | None = None
        if block.heading is not None and not block.is_row:
            level = block.heading
        elif marker is not None:
            if marker.kind not in levels:
                levels[marker.kind] = max(levels.values(), default=0) + 1
            level = levels[marker.kind]
        if level is None:
            stack[-1].paras.append(block)
            continue
        text = marker.rest if marker is not None else block.text
        node = Node(block, marker, level, text)
        while len(stack) > 1 and stack[-1].level >= level:
            stack.pop()
        node.parent = stack[-1]
        stack[-1].children.append(node)
        stack.append(node)
    for node in root.walk():
        if node.block is not None:
            node.kind = section_kind(node.title) if node.title else None
    return root
