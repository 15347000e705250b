"""Messages of budget execution (经费执行): the alerts beside the figures and the words of
the execution tables in ``cplan funding`` and ``cplan status``.

An alert names a line (and a unit, a funder) by the names the officer wrote; amounts are
in 元 with thousands separators, rates as percentages with one decimal.
"""

from __future__ import annotations

EXECUTION_MESSAGES: dict[str, dict[str, str]] = {
    "alert.behind": {
        "zh": (
            "“{line}”{unit}：{funder}截至 {as_of} 应到位 {due} 元（按时间进度 {elapsed} 计），"
            "实际到位 {received} 元，还差 {short} 元；请催促拨付，或补记到位记录（received）"
        ),
        "en": (
            "'{line}'{unit}: {funder} should have paid in {due} by {as_of} ({elapsed} of the "
            "time gone), and has paid {received}, {short} short; ask for the transfer, or "
            "record the receipt (received)"
        ),
    },
    "alert.behind.units": {
        "zh": (
            "“{line}”：{funder}截至 {as_of} 应到位 {due} 元（按时间进度 {elapsed} 计），"
            "实际到位 {received} 元；{unit_names}共差 {short} 元；请催促拨付，"
            "或补记到位记录（received，写明 unit）"
        ),
        "en": (
            "'{line}': {funder} should have paid in {due} by {as_of} ({elapsed} of the time "
            "gone), and has paid {received}; {unit_names} are {short} short in all; ask for "
            "the transfer, or record the receipt (received, with its unit)"
        ),
    },
    "alert.overspent": {
        "zh": (
            "“{line}”{unit}已支出 {spent} 元，超过计划 {planned} 元，超支 {over} 元；"
            "超支不补，请核对支出记录（spent）或调整经费"
        ),
        "en": (
            "'{line}'{unit}: {spent} spent, {over} over the planned {planned}; overspending "
            "is not topped up: check the expenses (spent) or adjust the budget"
        ),
    },
    "alert.spent_over_received": {
        "zh": (
            "“{line}”已支出 {spent} 元，比已到位的 {received} 元多 {over} 元；"
            "请核对到位记录（received）和支出记录（spent），或催促资金到位"
        ),
        "en": (
            "'{line}': {spent} spent, {over} more than the {received} received; check the "
            "receipts (received) and expenses (spent), or ask for the money"
        ),
    },
    "alert.unspent": {
        "zh": (
            "“{line}”已到位 {received} 元，已支出 {spent} 元，结余 {unspent} 元，"
            "经费期限 {end} 前不到两个月；请加快执行，或按规定办理结转"
        ),
        "en": (
            "'{line}': {received} received, {spent} spent, {unspent} unspent, and the "
            "period ends on {end}, less than two months away; speed up spending or carry "
            "the balance over as the rules say"
        ),
    },
    "alert.unspent.after": {
        "zh": (
            "“{line}”已到位 {received} 元，已支出 {spent} 元，经费期限 {end} 已过，"
            "结余 {unspent} 元；请按规定办理结算或结转"
        ),
        "en": (
            "'{line}': {received} received, {spent} spent; the period ended on {end} with "
            "{unspent} unspent: settle or carry the balance over as the rules say"
        ),
    },
    "alert.unit": {"zh": "（{unit}）", "en": " ({unit})"},
    # -- rules ---------------------------------------------------------------------------
    "CP406.received": {
        "zh": "“{name}”的到位记录日期 {date} 不在方案期限 {period} 之内；请核对日期",
        "en": "'{name}': money received on {date}, outside the plan period {period}; check the date",
    },
    "CP406.spent": {
        "zh": "“{name}”的支出记录日期 {date} 不在方案期限 {period} 之内；请核对日期",
        "en": "'{name}': an expense dated {date}, outside the plan period {period}; check the date",
    },
    "CP509.unit.received": {
        "zh": (
            "“{name}”不按“{unit}”计列，这笔到位资金无法计入，未统计；"
            "请改写为本行 units 中的单位，或记到按该单位计列的经费行下"
        ),
        "en": (
            "'{name}' is not counted for '{unit}', so this receipt is not counted anywhere; "
            "name a unit of the line's units, or record it under a line counted for that unit"
        ),
    },
    "CP509.unit.spent": {
        "zh": (
            "“{name}”不按“{unit}”计列，这笔支出无法计入，未统计；"
            "请改写为本行 units 中的单位，或删去 unit 记为本行支出"
        ),
        "en": (
            "'{name}' is not counted for '{unit}', so this expense is not counted anywhere; "
            "name a unit of the line's units, or drop unit to count it for the line"
        ),
    },
    "CP509.nothing_due": {
        "zh": (
            "“{name}”按单位计列，但出资方 {funder} 在各单位都不承担份额，未写单位的这笔到位资金"
            "无法分摊，未统计；请写明 unit，或核对出资方"
        ),
        "en": (
            "'{name}' is counted per unit, but funder {funder} pays no share for any of its "
            "units, so this receipt without a unit cannot be split and is not counted; add "
            "its unit, or check the funder"
        ),
    },
    "CP510": {
        "zh": "“{name}”的分担中没有出资方 {funder}，却记有它的到位资金；请核对出资方或本行的分担",
        "en": (
            "'{name}': money received from {funder}, which pays no share of this line; check "
            "the funder or the line's sharing"
        ),
    },
    "CP511": {
        "zh": "“{name}”已支出 {spent} 元，超过计划 {planned} 元，超支 {over} 元；请核对支出记录",
        "en": "'{name}': {spent} spent, {over} over the planned {planned}; check the expenses",
    },
    "CP511.unit": {
        "zh": (
            "“{name}”中“{unit}”已支出 {spent} 元，超过该单位计划 {planned} 元，"
            "超支 {over} 元；请核对支出记录"
        ),
        "en": (
            "'{name}', '{unit}': {spent} spent, {over} over its planned {planned}; check the "
            "expenses"
        ),
    },
    "CP512": {
        "zh": (
            "“{name}”已支出 {spent} 元，比已到位的 {received} 元多 {over} 元；"
            "请补记到位记录，或核对支出记录"
        ),
        "en": (
            "'{name}': {spent} spent, {over} more than the {received} received; record the "
            "receipts, or check the expenses"
        ),
    },
    # -- the execution tables ----------------------------------------------------------
    "execution.heading": {
        "zh": "经费执行（截至 {as_of}，方案时间进度 {elapsed}）",
        "en": "Budget execution (as of {as_of}, {elapsed} of the plan period gone)",
    },
    "execution.by_line": {"zh": "各项经费执行", "en": "Execution by budget line"},
    "execution.by_funder": {"zh": "各出资方到位与执行", "en": "Execution by funder"},
    "execution.by_unit": {"zh": "各单位到位与执行", "en": "Execution by unit"},
    "execution.alerts": {"zh": "提醒", "en": "Alerts"},
    "execution.line": {"zh": "经费项目", "en": "Budget line"},
    "execution.unit": {"zh": "单位", "en": "Unit"},
    "execution.funder": {"zh": "出资方", "en": "Funder"},
    "execution.planned": {"zh": "计划（元）", "en": "Planned"},
    "execution.received": {"zh": "到位（元）", "en": "Received"},
    "execution.received_rate": {"zh": "到位率", "en": "Received %"},
    "execution.spent": {"zh": "支出（元）", "en": "Spent"},
    "execution.spent_rate": {"zh": "执行率", "en": "Spent %"},
    "execution.unspent": {"zh": "结余（元）", "en": "Unspent"},
    "execution.time": {"zh": "时间进度", "en": "Time elapsed"},
    "execution.total": {"zh": "合计", "en": "Total"},
    "execution.later": {
        "zh": "另有 {count} 笔记录的日期在 {as_of} 之后，未计入",
        "en": "{count} more records are dated after {as_of} and not counted",
    },
    "execution.unattributed": {
        "zh": "有 {count} 笔到位或支出记录无法归属，未计入；请运行 cplan validate 查看原因",
        "en": "{count} records could not be attributed and are not counted; run cplan "
        "validate to see why",
    },
    "execution.rollup_heading": {
        "zh": "经费执行（截至 {as_of}）",
        "en": "Budget execution (as of {as_of})",
    },
    "execution.by_fund": {"zh": "各资金来源到位与执行", "en": "Execution by fund"},
    "execution.by_year": {"zh": "各年度到位与执行", "en": "Execution by year"},
    "execution.fund": {"zh": "资金来源", "en": "Fund"},
    "execution.year": {"zh": "年度", "en": "Year"},
    "execution.without_funder": {
        "zh": (
            "另有支出 {amount} 元花在没有出资方承担的经费上，未分到各出资方；"
            "请为这些经费写明出资方（sharing）"
        ),
        "en": (
            "{amount} more was spent on money no funder pays, and is in no funder's figures; "
            "name the funders of that money (sharing)"
        ),
    },
    "execution.none": {
        "zh": "尚无到位或支出记录（在经费行下写 received 和 spent）",
        "en": "no money received or spent is recorded yet (write received and spent under a "
        "budget line)",
    },
}
