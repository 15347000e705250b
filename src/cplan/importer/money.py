"""Budgets (经费保障): lines, formulas, the stated total, funders and their shares.

In a section about money, or in any sentence naming 经费/资金/补助/补贴/费用 with an amount:

* an amount: "设施经费25万元", "68名正式人员年需经费83.5万元", "投入资金500万元用于…";
* a formula: "按每人每月300元标准，150人，10个月" → rate 300 元/人/月 × 150 × 10 (a stated
  result, "共45万元", is kept as the line's ``declared`` figure);
* the stated total: "两项支出共101.7万元", "合计…", "经费总额为…";
* sharing: "市、区、街道按4:4:2比例分担", "区财政承担60%，街道承担40%", and a fixed
  subsidy with a remainder: "市级补助12万元，其余由区级统筹".

Amounts go through :func:`cplan.model.values.parse_money`; ratios through
:func:`cplan.model.values.parse_ratio`. A "。" used as a decimal point ("83。5万元") is read
as one and marked to be looked at.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal

from pydantic_core import PydanticCustomError

from cplan.importer.draft import Extraction, FunderItem, LineItem, SharingItem, Source
from cplan.importer.scan import Para, Scan, clean_name, make_id
from cplan.importer.text import NUMBER, clauses, plain, read_number, sentences
from cplan.model.values import parse_money, parse_ratio

_AMOUNT = re.compile(rf"(?P<num>\d+(?:,\d{{3}})*(?:\.\d+)?|{NUMBER})\s*(?P<mult>万|亿)?\s*元")
_CUE = re.compile(r"经费|资金|补助|补贴|预算|拨付|费用|工资|报酬|奖励金|奖补")
_TOTAL = re.compile(r"(?:共计|合计|总计|总额|总共|共需|总投资|总预算|共)\s*(?:为|约|达|需)?\s*$")
_RULE = re.compile(r"超支不补|结余留用|专款专用|结算|清算|不得挪用|审计")
_PER = re.compile(
    r"每(?P<a>人|户|月|年|次|天|平方米|个(?:中心|社区|街道|村|小区|项目|单位|站点|站|机构|学校|家庭)|"
    r"名[\u4e00-\u9fa5]{0,4})(?:每(?P<b>人|月|年|次|天))?"
)
_SLASH = re.compile(r"^\s*/\s*(?P<a>人|户|月|年|次|天|平方米)(?:\s*/\s*(?P<b>人|户|月|年|次|天))?")
_QUANTITY = re.compile(
    r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:人|名|户|个|家|处|所)(?![\u4e00-\u9fa5]{0,2}(?:月|年))"
)
_PERIOD = re.compile(r"(?<![\d.])(?P<n>\d+(?:\.\d+)?)\s*(?:个月|个年度|年)(?!底|末|初|\d)")
_FIXED = re.compile(
    r"(?P<who>[^,;。:]{1,12}?)(?:仅|只|共)?(?:补贴|补助|承担|安排|出资|负担|奖补)\s*"
    rf"(?P<amount>(?:\d+(?:\.\d+)?|{NUMBER})\s*(?:万|亿)?元)"
    r"[^。;]*?(?:其余|不足部分|剩余部分|差额|余额)(?:部分|资金|经费)?(?:全部)?由(?P<rest>[^,;。:]{1,12}?)"
    r"(?:统筹|承担|负担|解决|筹措|自筹|兜底)"
)
_RATIO = re.compile(
    r"(?P<who>[^,;。:]{1,30}?)(?:按照|按)\s*(?P<ratio>\d+(?:\.\d+)?(?:\s*:\s*\d+(?:\.\d+)?)+)\s*(?:的)?比例"
    r"(?:分担|负担|承担|配套|分摊|出资)"
)
_PERCENT_SHARE = re.compile(
    r"(?P<who>[^,;。:、]{1,16}?)(?:承担|负担|出资|配套|分担)\s*(?P<p>\d+(?:\.\d+)?)\s*%"
)
_LEVELS = ("省", "市", "区", "县", "街道", "镇", "乡", "社区", "村")


def extract_budget(scan: Scan, out: Extraction) -> None:
    """Fill the budget part of ``out``: lines, total, sharing, funders, rules."""
    _tables(scan, out)
    for para in scan.paras:
        in_budget = para.section == "budget" or para.local == "budget"
        if para.block.is_row:
            continue
        for s_start, sentence in sentences(para.body):
            has_money = _AMOUNT.search(sentence) is not None
            if not (in_budget or (has_money and _CUE.search(sentence))):
                continue
            used = _sharing(sentence, para, s_start, scan, out)
            used = _lines(sentence, para, s_start, scan, out, in_budget) or used
            if in_budget and _RULE.search(sentence):
                out.budget_rules.append(_original(para, s_start, sentence))
                used = True
            if in_budget and re.search(r"\d+(?:\.\d+)?\s*%", sentence) and not used:
                note = "原文按百分比计列经费，请在 lines 中用 percent 和 of 写明"
                out.budget_notes.append((para.source(s_start, s_start + len(sentence)), note))
            if used:
                scan.use(para, s_start)


def _original(para: Para, start: int, sentence: str) -> str:
    offset = len(para.block.text) - len(para.body)
    return para.block.text[offset + start : offset + start + len(sentence)].strip(" 。;；")


def _money(text: str) -> Decimal | None:
    try:
        return parse_money(re.sub(r"\s+", "", text))
    except (PydanticCustomError, ValueError):
        return None


@dataclass
class _Amount:
    """One amount found in a clause, with what stands around it."""

    text: str  # "83.5万元"
    value: Decimal
    match: re.Match[str]
    before: str  # the clause up to the amount
    rest: str  # the sentence after the amount
    sentence_after: str  # the sentence after the amount's clause start
    original: str  # as the source spells it ("83。5万元")


def _lines(
    sentence: str, para: Para, s_start: int, scan: Scan, out: Extraction, in_budget: bool
) -> bool:
    """Budget lines, a stated total and a line's stated result, from one sentence."""
    found = False
    for c_start, clause in clauses(sentence):
        at = s_start + c_start
        for match in _AMOUNT.finditer(clause):
            before = clause[: match.start()]
            fixed_share = re.search(r"补贴|补助|承担|安排|出资|负担|奖补", before[-6:])
            if _FIXED.search(sentence) and fixed_share:
                continue  # a fixed share, read by _sharing
            text = f"{match['num']}{match['mult'] or ''}元"
            value = _money(text)
            if value is None:
                continue
            rest = clause[match.end() :] + sentence[c_start + len(clause) :]
            original = _original(para, at + match.start(), clause[match.start() : match.end()])
            amount = _Amount(text, value, match, before, rest, sentence[c_start:], original)
            source = para.source(at, at + len(clause))
            if _declared_or_total(amount, source, para, out):
                found = True
                continue
            line = _line(amount, clause, sentence, source)
            if line is None:
                continue
            if scan.example(para, at):
                line.check("", "原文是举例，请确认是否为本方案的经费")
            line.id = f"b{len(out.lines) + 1}"
            out.lines.append(line)
            found = True
    return found


def _declared_or_total(amount: _Amount, source: Source, para: Para, out: Extraction) -> bool:
    """ "…，共45万元" after a formula is its result; "合计…", "…，其中…" the plan's total."""
    last = out.lines[-1] if out.lines else None
    declares = last is not None and last.rate and last.source.number == para.number
    stated = re.search(r"(?:共计|合计|共|计|安排|需要|需)\s*$", amount.before)
    if declares and last is not None and last.declared is None and stated:
        last.declared = amount.text
        return True
    if _TOTAL.search(amount.before) or re.match(r"\s*[,:;]?\s*其中", amount.rest):
        if out.total is None:
            out.total, out.total_value, out.total_source = amount.text, amount.value, source
            if "。" in amount.original:
                out.total_checks.append(f"原文写作“{amount.original}”，按小数点读取")
        return True
    return False


def _line(amount: _Amount, clause: str, sentence: str, source: Source) -> LineItem | None:
    """A budget line: a fixed amount, a rate with its formula, or an amount per unit."""
    match, before = amount.match, amount.before
    per = _PER.search(before[-12:])
    slash = _SLASH.match(clause[match.end() :])
    units = None
    if per is not None and per["a"].startswith("个"):
        noun = per["a"][1:]
        units = re.search(rf"(?:共|计|合计)?\s*(?P<n>\d+)\s*个{noun}", amount.sentence_after)
    line = LineItem(id="", name="", source=source)
    if "。" in amount.original:
        line.check("amount", f"原文写作“{amount.original}”，按小数点读取")
    if units is not None and per is not None:
        line.rate = amount.text
        line.per = "元/" + "/".join(p for p in (per["a"][1:], per["b"]) if p)
        line.quantity = read_number(units["n"])
    elif (per is not None and not per["a"].startswith(("个", "名"))) or slash is not None:
        unit_of = slash or per
        assert unit_of is not None
        line.rate = amount.text
        line.per = "元/" + "/".join(p for p in (unit_of["a"], unit_of["b"]) if p)
        line.quantity, line.period, several = _formula(before + amount.rest, match)
        if several:
            line.check("quantity", "原文同一句中有几个数量，取了第一个：请核对")
        if line.quantity is None:
            line.check("quantity", "原文未写明数量，现按 1 计算；请填写 quantity（及 period）")
    else:
        line.amount, line.amount_value = amount.text, amount.value
        if per is not None:
            line.note = f"{per.group()}{amount.text}"
            line.check("amount", f"原文按{per.group()}计列：请列出各单位并写 units 或 unit_kind")
    line.name = _line_name(before, amount.rest, sentence)
    if not line.name:
        return None
    count = re.search(r"(\d+)\s*(?:名|人)([\u4e00-\u9fa5]{2,8}?)(?:年需|需|所需|的)", before)
    if count is not None and line.note is None:
        line.note = f"{count[1]}名{count[2]}"
    return line


def _formula(text: str, rate: re.Match[str]) -> tuple[Decimal | None, Decimal | None, bool]:
    """Quantity and period of a rate's formula, and whether several quantities were seen."""
    cut = text.replace(rate.group(), " ", 1)
    quantities = list(_QUANTITY.finditer(cut))
    period = _PERIOD.search(cut)
    q = read_number(quantities[0]["n"]) if quantities else None
    p = read_number(period["n"]) if period else None
    return q, p, len(quantities) > 1


_NAME_END = re.compile(r"[\u4e00-\u9fa5]{0,12}?(?:经费|资金|补助|补贴|费用|费|工资|报酬|奖励)")


def _line_name(before: str, rest: str, sentence: str) -> str:
    used_for = re.match(
        r"\s*(?:的标准)?\s*(?:,)?\s*(?:用于|作为|专项用于|安排)(?P<what>[^,;。]{2,20})", rest
    )
    if used_for is not None:
        return used_for["what"].strip(" 的")
    text = re.sub(r"(?:按照|按)[^,;]*$", "", before)
    text = re.sub(r"^(?:目前|其中|另|另外|此外|每年|全年|同时|上述|本项)+", "", text.strip())
    text = re.sub(r"^\d+\s*(?:名|人|个)", "", text)
    text = re.sub(r"(?:年需|所需|需要|需|为|约|计|安排|投入|拨付|预算|共|达)+$", "", text)
    text = text.replace("年需经费", "经费").replace("需经费", "经费")
    name = text.strip(" ,的:")
    if re.search(r"(?:经费|资金|补助|补贴|费用|费|工资|报酬)$", name) and 2 <= len(name) <= 30:
        return name
    if 2 <= len(name) <= 20 and not re.search(r"[按每为由用将要需使]", name):
        return name
    after = re.search(
        r"(?:安排|拨付|列支)(?P<what>[^,;。]{2,20}?(?:经费|资金|补助|补贴|费用|费))", rest
    )
    if after is not None:
        return re.sub(r"^(?:安排|拨付|列支)+", "", after["what"])
    m = _NAME_END.search(sentence)
    return (name if 2 <= len(name) <= 30 else "") or (m.group() if m else "")


def _funder(name: str, scan: Scan, out: Extraction, para: Para) -> str:
    name = re.sub(r"^.*?由", "", name) if "由" in name else name
    name = clean_name(re.sub(r"^(?:从|其中|上述|经费|资金|两项经费)+", "", name))
    ident = make_id(name)
    if all(f.id != ident for f in out.funders):
        level = next((lv for lv in _LEVELS if name.startswith(lv)), None)
        level = level or next((lv for lv in _LEVELS if name.endswith(lv)), None)
        out.funders.append(FunderItem(id=ident, name=name, level=level, source=para.source()))
    return ident


def _sharing(sentence: str, para: Para, s_start: int, scan: Scan, out: Extraction) -> bool:
    source = para.source(s_start, s_start + len(sentence))
    fixed = _FIXED.search(sentence)
    if fixed is not None:
        source = para.source(s_start + fixed.start(), s_start + fixed.end())
        amount = re.sub(r"\s+", "", fixed["amount"])
        if _money(amount) is None:
            return False
        if out.sharing is not None:
            out.left_out.append((source, "另一种分担方式，请按需要写在相应经费行的 sharing 中"))
            return True
        payer = _funder(fixed["who"], scan, out, para)
        rest = _funder(fixed["rest"], scan, out, para)
        out.sharing = SharingItem(fixed={payer: amount}, remainder=rest, source=source)
        return True
    ratios = list(_RATIO.finditer(sentence))
    if len(ratios) == 1:
        match = ratios[0]
        names = [
            n for n in re.split(r"、|和|与|及|,", re.sub(r"^.*?由", "", match["who"])) if n.strip()
        ]
        try:
            ratio = parse_ratio(match["ratio"])
        except (PydanticCustomError, ValueError):
            return False
        if len(names) == len(ratio) and out.sharing is None:
            ids = [_funder(n, scan, out, para) for n in names]
            out.sharing = SharingItem(
                funders=ids, ratio=re.sub(r"\s+", "", match["ratio"]), source=source
            )
            return True
    if ratios:
        shown = [m["ratio"] for m in ratios]
        note = "原文按不同单位规定了不同的分担比例 ({})，请在各单位的 sharing 中填写"
        for k, (earlier, text) in enumerate(out.left_out):
            if earlier.number == para.number and text.startswith(note[:12]):
                listed = text[text.index("(") + 1 : text.index(")")].split("、")
                shown = listed + [r for r in shown if r not in listed]
                out.left_out[k] = (earlier, note.format("、".join(shown)))
                return True
        out.left_out.append((source, note.format("、".join(shown))))
        return True
    shares = list(_PERCENT_SHARE.finditer(sentence))
    if len(shares) >= 2:
        total = sum((Decimal(m["p"]) for m in shares), Decimal(0))
        if total == 100 and out.sharing is None:
            ids = [_funder(m["who"], scan, out, para) for m in shares]
            parts = ":".join(f"{plain(Decimal(m['p']))}%" for m in shares)
            out.sharing = SharingItem(funders=ids, ratio=parts, source=source)
            return True
    return False


# -- budget tables --------------------------------------------------------------------------

_NAME_HEAD = re.compile(r"项目|名称|内容|类别|科目|用途|经费项目|支出项目")
_AMOUNT_HEAD = re.compile(r"金额|经费|预算|资金|合计|小计|费用|投入|总额|万元|\(元\)|（元）")
_RATE_HEAD = re.compile(r"单价|标准|单位成本")
_COUNT_HEAD = re.compile(r"数量|人数|户数|个数|规模|面积")
_MONTHS_HEAD = re.compile(r"月数|期数|时长|年数|期限")
_SUM_ROW = re.compile(r"^(?:合计|总计|小计|共计|总额|合 计|总 计)$")


def _tables(scan: Scan, out: Extraction) -> None:
    """Budget lines from a table whose header names an item column and an amount column."""
    unit = "元"
    for para, columns, is_header in scan.table_rows(_budget_header):
        block = para.block
        if is_header:
            header = block.cells[columns["amount"]] if "amount" in columns else ""
            unit = "万元" if "万元" in header else "元"
            continue
        name = block.cells[columns["name"]].strip() if columns["name"] < len(block.cells) else ""
        amount = _cell_amount(block.cells, columns.get("amount"), unit)
        if not name:
            continue
        source = para.source()
        if _SUM_ROW.match(re.sub(r"\s+", "", name)):
            if amount is not None and out.total is None:
                out.total, out.total_value, out.total_source = amount[0], amount[1], source
                scan.use(para)
            continue
        line = LineItem(id=f"b{len(out.lines) + 1}", name=name, source=source)
        rate = _cell_amount(block.cells, columns.get("rate"), "元")
        if rate is not None:
            line.rate = rate[0]
            line.per = "元"
            line.quantity = _cell_number(block.cells, columns.get("count"))
            line.period = _cell_number(block.cells, columns.get("months"))
            if line.quantity is None:
                line.check("quantity", "原文未写明数量，现按 1 计算；请填写 quantity（及 period）")
            if amount is not None:
                line.declared = amount[0]
        elif amount is not None:
            line.amount, line.amount_value = amount
        else:
            continue
        if line.rate is None and "count" in columns and columns["count"] < len(block.cells):
            line.note = block.cells[columns["count"]].strip() or None
        out.lines.append(line)
        scan.use(para)


def _budget_header(cells: tuple[str, ...]) -> dict[str, int] | None:
    columns: dict[str, int] = {}
    for i, cell in enumerate(cells):
        text = cell.strip()
        if len(text) > 16:
            return None
        if "name" not in columns and _NAME_HEAD.search(text) and not _AMOUNT_HEAD.search(text):
            columns["name"] = i
        elif "rate" not in columns and _RATE_HEAD.search(text):
            columns["rate"] = i
        elif "count" not in columns and _COUNT_HEAD.search(text):
            columns["count"] = i
        elif "months" not in columns and _MONTHS_HEAD.search(text):
            columns["months"] = i
        elif "amount" not in columns and _AMOUNT_HEAD.search(text):
            columns["amount"] = i
    if "name" in columns and ("amount" in columns or "rate" in columns):
        return columns
    return None


def _cell_amount(
    cells: tuple[str, ...], index: int | None, unit: str
) -> tuple[str, Decimal] | None:
    if index is None or index >= len(cells):
        return None
    text = re.sub(r"\s+", "", cells[index]).replace(",", "").replace("，", "")
    if not text:
        return None
    if re.fullmatch(r"\d+(?:\.\d+)?", text):
        text += unit
    value = _money(text)
    return None if value is None else (text, value)


def _cell_number(cells: tuple[str, ...], index: int | None) -> Decimal | None:
    if index is None or index >= len(cells):
        return None
    match = re.search(r"\d+(?:\.\d+)?", cells[index])
    return read_number(match.group()) if match else None
