"""The 填报表 round trip (``cplan collect`` / ``cplan update``): what the workbook says to
the person filling it in, and what ``update`` says about each workbook and cell.

``sheet.*`` entries are the workbook's own text (headers, the guide, input prompts, the
sign-off block); ``fieldwork.*`` entries are problems, shown as ``file: 指标!J7: …``;
``note.update_*`` entries are what ``cplan update`` reports.
"""

from __future__ import annotations

_RECOLLECT_ZH = "请重新运行 cplan collect 生成新的填报表"
_RECOLLECT_EN = "run cplan collect again for a new workbook"

_SHEET: dict[str, dict[str, str]] = {
    # the title rows of every data sheet
    "sheet.title.targets": {"zh": "指标完成情况填报表", "en": "targets reached"},
    "sheet.title.tasks": {"zh": "任务完成情况填报表", "en": "tasks done"},
    "sheet.title.money": {"zh": "经费到位和支出填报表", "en": "money received and spent"},
    "sheet.title.guide": {"zh": "数据填报表", "en": "data workbook"},
    # the plan's title and the form's name on one line (on two, they stand alone)
    "sheet.title.line": {"zh": "{title}　{form}", "en": "{title}: {form}"},
    "sheet.reporting_unit": {"zh": "填报单位：{name}", "en": "Reporting unit: {name}"},
    # headers of 指标 (the first column of every data sheet is 序号)
    "sheet.col.number": {"zh": "序号", "en": "No."},
    "sheet.col.target": {"zh": "指标", "en": "Target"},
    "sheet.col.measure": {"zh": "计量单位", "en": "Unit"},
    "sheet.col.baseline": {"zh": "基线", "en": "Baseline"},
    "sheet.col.goal": {"zh": "目标", "en": "Goal"},
    "sheet.col.deadline": {"zh": "期限", "en": "Deadline"},
    "sheet.col.last_value": {"zh": "最近填报值", "en": "Latest value"},
    "sheet.col.last_date": {"zh": "最近填报日期", "en": "Latest date"},
    "sheet.col.value": {"zh": "本期数值", "en": "Value"},
    "sheet.col.day": {"zh": "统计日期", "en": "As of"},
    "sheet.col.source": {"zh": "数据来源", "en": "Source"},
    "sheet.col.note": {"zh": "备注", "en": "Note"},
    # headers of 阶段
    "sheet.col.phase": {"zh": "阶段", "en": "Phase"},
    "sheet.col.task": {"zh": "任务", "en": "Task"},
    "sheet.col.owner": {"zh": "负责单位", "en": "Owner"},
    "sheet.col.due": {"zh": "完成期限", "en": "Due"},
    "sheet.col.recorded": {"zh": "方案中的记录", "en": "In the plan"},
    "sheet.col.state": {"zh": "完成情况", "en": "Progress"},
    "sheet.col.state_day": {"zh": "完成或开始日期", "en": "Done or started on"},
    # headers of 经费执行
    "sheet.col.line": {"zh": "经费名称", "en": "Budget line"},
    "sheet.col.unit": {"zh": "单位", "en": "Unit"},
    "sheet.col.planned": {"zh": "测算金额（元）", "en": "Planned (yuan)"},
    "sheet.col.funder": {"zh": "出资方", "en": "Funder"},
    "sheet.col.received": {"zh": "到位金额（元）", "en": "Received (yuan)"},
    "sheet.col.received_day": {"zh": "到位日期", "en": "Received on"},
    "sheet.col.received_doc": {"zh": "凭证/文号", "en": "Document"},
    "sheet.col.spent": {"zh": "支出金额（元）", "en": "Spent (yuan)"},
    "sheet.col.spent_day": {"zh": "支出日期", "en": "Spent on"},
    "sheet.col.spent_doc": {"zh": "凭证号", "en": "Voucher"},
    "sheet.col.purpose": {"zh": "用途/备注", "en": "Purpose / note"},
    # the completion states a task row offers
    "sheet.state.done": {"zh": "已完成", "en": "done"},
    "sheet.state.started": {"zh": "进行中", "en": "under way"},
    "sheet.state.not_started": {"zh": "未开始", "en": "not started"},
    "sheet.recorded.done": {"zh": "已完成 {day}", "en": "done {day}"},
    "sheet.recorded.done_undated": {"zh": "已完成", "en": "done"},
    "sheet.recorded.started": {"zh": "进行中（{day} 起）", "en": "under way since {day}"},
    "sheet.not_computed": {"zh": "无法计算", "en": "cannot be computed"},
    "sheet.goal.change": {"zh": "相对基线 {change}", "en": "{change} on the baseline"},
    # the sign-off block under every sheet
    "sheet.sign.unit": {"zh": "填报单位（盖章）", "en": "Reporting unit (seal)"},
    "sheet.sign.person": {"zh": "填报人", "en": "Filled in by"},
    "sheet.sign.phone": {"zh": "联系电话", "en": "Telephone"},
    "sheet.sign.reviewer": {"zh": "审核人", "en": "Checked by"},
    "sheet.sign.date": {"zh": "填报日期", "en": "Date"},
    "sheet.sign.colon": {"zh": "：", "en": ": "},
    "sheet.sign.date_blank": {"zh": "年　　月　　日", "en": "yyyy-mm-dd"},
    "sheet.footer": {"zh": "第 &P 页，共 &N 页", "en": "Page &P of &N"},
    "sheet.doc_title": {"zh": "{title} 数据填报表", "en": "{title}: data workbook"},
    # input prompts (Excel shows them beside the cell)
    "sheet.prompt.error_title": {"zh": "填写有误", "en": "Not accepted"},
    "sheet.prompt.percent": {
        "zh": "请填写 0 到 100 之间的数（71 表示 71%）。",
        "en": "A number from 0 to 100 (71 means 71%).",
    },
    "sheet.prompt.number": {
        "zh": "请填写数字，不要写单位或文字。",
        "en": "A number, without units or words.",
    },
    "sheet.prompt.day": {
        "zh": "请填写 {start} 至 {end} 之间的日期，如 {example}。",
        "en": "A date from {start} to {end}, such as {example}.",
    },
    "sheet.prompt.source": {
        "zh": "必填，不超过 {limit} 字，如 社区台账。",
        "en": "Required, at most {limit} characters, such as the community ledger.",
    },
    "sheet.prompt.text": {
        "zh": "选填，不超过 {limit} 字。",
        "en": "Optional, at most {limit} characters.",
    },
    "sheet.prompt.state": {
        "zh": "从下拉列表中选择：已完成、进行中或未开始。",
        "en": "Choose from the list: done, under way or not started.",
    },
    "sheet.prompt.state_day": {
        "zh": "已完成填完成日期，进行中填开始日期；须在 {start} 至 {end} 之间，如 {example}。",
        "en": "The day it was done (or started, when under way), from {start} to {end},"
        " such as {example}.",
    },
    "sheet.prompt.funder": {
        "zh": "从下拉列表中选择本行经费的出资方。",
        "en": "Choose one of this line's funders from the list.",
    },
    "sheet.prompt.money": {
        "zh": "金额（元），不小于 0，最多两位小数，如 125000.00。",
        "en": "An amount in yuan, 0 or more, at most two decimals, such as 125000.00.",
    },
    # the guide sheet
    "sheet.guide.period": {
        "zh": "方案期限：{period}（{start} 至 {end}）",
        "en": "Plan period: {period} ({start} to {end})",
    },
    "sheet.guide.unit": {
        "zh": "填报单位：{name}",
        "en": "Reporting unit: {name}",
    },
    "sheet.guide.all_units": {"zh": "填报单位：全部单位", "en": "Reporting unit: all units"},
    "sheet.guide.counts": {
        "zh": "需填报：指标 {targets} 项，任务 {tasks} 项，经费 {lines} 行",
        "en": "To report: {targets} targets, {tasks} tasks, {lines} budget lines",
    },
    "sheet.guide.how": {"zh": "填报方法：", "en": "How to fill it in:"},
    "sheet.guide.yellow": {
        "zh": "1. 只需填写黄色的格子；其余各列由方案生成，不能修改。本期没有新情况的行留空即可。",
        "en": "1. Fill in the yellow cells only; the other columns come from the plan and"
        " cannot be changed. Leave a row empty when there is nothing new.",
    },
    "sheet.guide.targets": {
        "zh": "2. “指标”表：本期数值填数字（可带小数），不要写单位；以 % 为单位的指标填 0 到 100"
        " 之间的数，如 71 表示 71%。统计日期填数据的统计截止日，如 {example}，须晚于该指标的"
        "最近填报日期。数据来源必填，如 社区台账、季度统计（不超过 {source} 字）；备注选填。",
        "en": "2. Targets: the value is a number (decimals allowed), without its unit; for a %"
        " target a number from 0 to 100 (71 means 71%). The date is the day the figure"
        " stands at, such as {example}, after the target's latest date. The source is"
        " required (at most {source} characters); the note is optional.",
    },
    "sheet.guide.tasks": {
        "zh": "3. “阶段”表：完成情况从下拉列表中选（已完成、进行中、未开始）；已完成的填完成日期，"
        "进行中的填开始日期，如 {example}。",
        "en": "3. Phases: choose the progress from the list (done, under way, not started);"
        " give the day it was done, or the day it started, such as {example}.",
    },
    "sheet.guide.money": {
        "zh": "4. “经费执行”表：每行可记一笔到位资金（出资方、到位金额、到位日期、凭证/文号）和/或"
        "一笔支出（支出金额、支出日期、凭证号、用途）。金额以元为单位，最多两位小数，如"
        " 125000.00；出资方从下拉列表中选。同一笔款项不要重复填写；已导入的款项再次交回时会被跳过。",
        "en": "4. Budget execution: each row holds one receipt (funder, amount, date,"
        " document) and/or one payment (amount, date, voucher, purpose). Amounts in yuan,"
        " at most two decimals, such as 125000.00; choose the funder from the list. A"
        " record already imported is skipped when it comes back again.",
    },
    "sheet.guide.dates": {
        "zh": "5. 日期一律填写具体某一天，格式如 {example}，须在方案期限（{start} 至 {end}）之内；"
        "不要只填数字。",
        "en": "5. Every date is one day, written like {example}, inside the plan period"
        " ({start} to {end}); a bare number is not a date.",
    },
    "sheet.guide.layout": {
        "zh": "6. 不要插入、删除、移动行或列，不要修改工作表名称；否则表格无法导入。"
        "表格下方请填写填报单位、填报人、联系电话、审核人和填报日期，打印盖章后连同电子表格一并交回。",
        "en": "6. Do not insert, delete or move rows or columns, or rename sheets: the workbook"
        " could not be read back. Fill in the block under each sheet (unit, person,"
        " telephone, checker, date), print and seal it, and return it with the file.",
    },
    "sheet.guide.return": {
        "zh": "7. 填好后保存为 .xlsx 文件（不要改存为其他格式）交回，由汇总人员统一导入。方案其他部分在此期间"
        "有改动不影响导入；只有本表所列的指标、任务或经费本身被修改时，相应的行才需要按新表重填。",
        "en": "7. Save as .xlsx (in no other format) and return it; the office imports it."
        " Changes elsewhere in the plan do not matter; only a row whose own target, task"
        " or budget line was changed must be filled in again on a new workbook.",
    },
    "sheet.guide.protected": {
        "zh": "各工作表均已设置保护（无密码），以防误改；请勿撤销保护。",
        "en": "Every sheet is protected (without a password) against accidental edits;"
        " please leave the protection on.",
    },
}

_PROBLEMS: dict[str, dict[str, str]] = {
    "fieldwork.too_large": {
        "zh": "文件过大（{size} 字节，最多 {limit} 字节）",
        "en": "the file is too large ({size} bytes, at most {limit})",
    },
    "fieldwork.too_many_parts": {
        "zh": "压缩包内文件过多（{count} 个，最多 {limit} 个）",
        "en": "too many parts in the zip ({count}, at most {limit})",
    },
    "fieldwork.part_too_large": {
        "zh": "压缩包内的 {what} 解压后过大（{size} 字节，压缩比 {ratio}），不是正常的填报表",
        "en": "{what} in the zip is too large once decompressed ({size} bytes, ratio"
        " {ratio}): not a normal workbook",
    },
    "fieldwork.total_too_large": {
        "zh": "解压后总大小过大（{size} 字节，最多 {limit} 字节）",
        "en": "too large once decompressed ({size} bytes, at most {limit})",
    },
    "fieldwork.too_many_elements": {
        "zh": "压缩包内的 {what} 元素过多（{count} 个，最多 {limit} 个），不是正常的填报表",
        "en": "{what} in the zip has too many elements ({count}, at most {limit}): not a"
        " normal workbook",
    },
    "fieldwork.unreadable": {
        "zh": "无法读取，不是有效的 .xlsx 文件（{kind}）",
        "en": "cannot be read as an .xlsx file ({kind})",
    },
    "fieldwork.not_cplan": {
        "zh": "不是由 cplan collect 生成的填报表（缺少隐藏的 _cplan 工作表），无法与方案对应",
        "en": "not a workbook made by cplan collect (no hidden _cplan sheet)",
    },
    "fieldwork.meta_damaged": {
        "zh": f"_cplan 工作表已损坏或格式不同；{_RECOLLECT_ZH}",
        "en": f"the _cplan sheet is damaged or of another format; {_RECOLLECT_EN}",
    },
    "fieldwork.old_format": {
        "zh": f"此表由旧版 cplan 生成，表格格式已经改变，不能导入；{_RECOLLECT_ZH}",
        "en": f"this workbook was made by an older cplan; {_RECOLLECT_EN}",
    },
    "fieldwork.other_plan": {
        "zh": "此表属于方案 {found}，不是 {plan}；请用对应方案的填报表",
        "en": "this workbook belongs to plan {found}, not {plan}",
    },
    "fieldwork.bad_unit": {
        "zh": f"此表的填报单位“{{unit}}”不在方案中；{_RECOLLECT_ZH}",
        "en": f"the workbook's unit “{{unit}}” is not in the plan; {_RECOLLECT_EN}",
    },
    "fieldwork.bad_rows": {
        "zh": f"_cplan 中的行对照不是 cplan collect 所写的（行号或标识被改动）；{_RECOLLECT_ZH}",
        "en": "the _cplan row map is not one cplan collect writes (rows or keys were"
        f" changed); {_RECOLLECT_EN}",
    },
    "fieldwork.unsigned": {
        "zh": "此表没有签名：不是在本仓库中由 cplan collect 生成的填报表，不能导入；"
        "请用本仓库 cplan collect 生成的表",
        "en": "the workbook is not signed: it was not made by cplan collect in this"
        " repository; use a workbook made here",
    },
    "fieldwork.bad_signature": {
        "zh": "此表的签名不符：方案、填报单位或行对照被改动过，或不是在本仓库中生成的；不能导入",
        "en": "the workbook's signature does not match: its plan, unit or row map was"
        " changed, or it was not made in this repository",
    },
    "fieldwork.no_sheet": {
        "zh": f"找不到工作表 “{{sheet}}”（被改名或删除了？现有：{{found}}）；请改回原名或{_RECOLLECT_ZH}",
        "en": "no sheet “{sheet}” (renamed or deleted? found: {found})",
    },
    "fieldwork.header": {
        "zh": f"表头应为 “{{expected}}”，实为 “{{found}}”（列被插入、删除或移动过）；{_RECOLLECT_ZH}",
        "en": "the header should be “{expected}”, found “{found}” (columns were inserted,"
        f" deleted or moved); {_RECOLLECT_EN}",
    },
    "fieldwork.moved_row": {
        "zh": f"此行的序号应为 {{expected}}，实为 “{{found}}”（行被删除、插入或移动过）；{_RECOLLECT_ZH}",
        "en": "this row's number should be {expected}, found “{found}” (rows were deleted,"
        f" inserted or moved); {_RECOLLECT_EN}",
    },
    "fieldwork.moved_slot": {
        "zh": "此格属于上一笔经费，应为空，实为 “{found}”（行被删除、插入或移动过）；"
        f"{_RECOLLECT_ZH}",
        "en": "this cell belongs to the budget line above and should be empty, found"
        f" “{{found}}” (rows were deleted, inserted or moved); {_RECOLLECT_EN}",
    },
    "fieldwork.stray_row": {
        "zh": f"此行不在填报表之内（行被插入或移动过？）；{_RECOLLECT_ZH}",
        "en": f"this row is not part of the workbook (inserted or moved?); {_RECOLLECT_EN}",
    },
    "fieldwork.row_changed": {
        "zh": "生成此表后，方案中的这一项已被修改（名称、单位、基线、目标、期限、负责单位或金额有变），"
        f"此行不能导入；{_RECOLLECT_ZH}，按新表重填此行",
        "en": "this item was changed in the plan after the workbook was made (its name, unit,"
        f" baseline, goal, deadline, owner or amount); {_RECOLLECT_EN} and fill this row in again",
    },
    "fieldwork.row_gone": {
        "zh": "方案中已没有 {item}（或已不由此表的填报单位负责），此行不能导入",
        "en": "the plan no longer has {item} (or the workbook's unit no longer owns it)",
    },
    "fieldwork.formula": {
        "zh": "此格是公式（或外部链接），不能导入；请直接填写数值或文字",
        "en": "this cell holds a formula (or an external link); type the value itself",
    },
    "fieldwork.text_too_long": {
        "zh": "文字过长（{length} 字符，Excel 单元格最多 {limit} 字符）",
        "en": "the text is too long ({length} characters, a cell holds at most {limit})",
    },
    "fieldwork.number_bool": {
        "zh": "应填写数字，不能是逻辑值",
        "en": "must be a number, not a boolean",
    },
    "fieldwork.number_date": {
        "zh": "应填写数字，实为日期 {found}",
        "en": "must be a number, not the date {found}",
    },
    "fieldwork.number_text": {
        "zh": "应填写数字，实为文字“{found}”（不要写单位或说明，说明可写在备注）",
        "en": "must be a number, not the text “{found}”",
    },
    "fieldwork.number_other": {
        "zh": "应填写数字，实为 {found}",
        "en": "must be a number, not {found}",
    },
    "fieldwork.number_bad": {"zh": "应填写数字", "en": "must be a number"},
    "fieldwork.number_huge": {"zh": "数字过大", "en": "number too large"},
    "fieldwork.date_number": {
        "zh": "应填写日期（如 {example}），实为数字 {found}；请按 {example} 的格式填写日期",
        "en": "must be a date (such as {example}), not the number {found}",
    },
    "fieldwork.date_span": {
        "zh": "请填写具体的某一天（如 {example}），而不是“{found}”",
        "en": "give one day (such as {example}), not “{found}”",
    },
    "fieldwork.date_bad": {
        "zh": "无法识别的日期“{found}”（应如 {example}）",
        "en": "not a date: “{found}” (write it like {example})",
    },
    "fieldwork.text_newline": {"zh": "{field}不能换行", "en": "{field} must be one line"},
    "fieldwork.text_hidden": {
        "zh": "{field}含有控制字符或不可见字符（如 {char}）",
        "en": "{field} contains a control or invisible character ({char})",
    },
    "fieldwork.text_long": {
        "zh": "{field}不能超过 {limit} 字",
        "en": "{field} is longer than {limit} characters",
    },
    "fieldwork.missing": {
        "zh": "缺少{field}（本行其他格已填写）",
        "en": "{field} is missing (the row has other cells filled in)",
    },
    "fieldwork.percent_range": {
        "zh": "以 % 为单位的指标，数值应在 0 到 100 之间，实为 {value}",
        "en": "a % target's value must be between 0 and 100, not {value}",
    },
    "fieldwork.value_too_large": {"zh": "数值过大：{value}", "en": "value too large: {value}"},
    "fieldwork.date_outside": {
        "zh": "{field} {day} 不在方案期限 {period}（{start} 至 {end}）之内",
        "en": "{field} {day} is outside the plan period {period} ({start} to {end})",
    },
    "fieldwork.date_before_baseline": {
        "zh": "统计日期 {day} 早于基线日期 {baseline}",
        "en": "the date {day} is before the baseline date {baseline}",
    },
    "fieldwork.date_not_after": {
        "zh": "统计日期 {day} 不晚于该指标最近一次填报（{last}，数值 {value}）；新数据的日期应在其后"
        "（更正已有数据请直接修改方案文件）",
        "en": "the date {day} is not after the target's latest actual value ({last}, {value});"
        " corrections go into the plan file directly",
    },
    "fieldwork.conflict": {
        "zh": "指标 {target} 在 {day} 的数值在不同填报表中不一致：{detail}",
        "en": "target {target} has different values for {day}: {detail}",
    },
    "fieldwork.state_bad": {
        "zh": "完成情况应为 已完成、进行中 或 未开始，实为“{found}”",
        "en": "the progress must be done, under way or not started, not “{found}”",
    },
    "fieldwork.task_conflict": {
        "zh": "任务 {task} 的完成情况在不同填报表中不一致：{detail}",
        "en": "task {task} is reported differently in different workbooks: {detail}",
    },
    "fieldwork.task_already": {
        "zh": "方案中此任务已记为 {recorded} {recorded_day}，与填报的 {found} {found_day} 不同；"
        "如需更正请直接修改方案文件",
        "en": "the plan already records this task as {recorded} {recorded_day}, not {found}"
        " {found_day}; correct the plan file directly if needed",
    },
    "fieldwork.money_decimals": {
        "zh": "金额 {found} 超过两位小数；金额以元为单位，精确到分，如 125000.00",
        "en": "the amount {found} has more than two decimals; amounts are in yuan, to the fen",
    },
    "fieldwork.money_negative": {
        "zh": "金额不能小于 0，实为 {found}",
        "en": "the amount cannot be below 0, not {found}",
    },
    "fieldwork.money_percent": {
        "zh": "金额不能是百分数；请填写元数，如 125000.00",
        "en": "an amount is not a percentage; give yuan, such as 125000.00",
    },
    "fieldwork.funder_bad": {
        "zh": "出资方“{found}”不是本行经费的出资方；可选：{choices}",
        "en": "“{found}” is not a funder of this line; choose one of: {choices}",
    },
    "fieldwork.money_conflict": {
        "zh": "同一笔款项（{what}）在不同填报表中不一致：{detail}",
        "en": "the same record ({what}) differs between workbooks: {detail}",
    },
    "fieldwork.update_invalid": {
        "zh": "更新后的方案无法通过校验，未写入：{detail}",
        "en": "the updated plan would not validate, nothing written: {detail}",
    },
    "fieldwork.update_internal": {
        "zh": "内部错误：写入后读回的数据与填报数据不一致，未写入",
        "en": "internal error: the values read back differ from the input; nothing written",
    },
    "fieldwork.update_nowhere": {
        "zh": "无法在方案文件中定位写入位置（{detail}），未写入",
        "en": "cannot find where to write in the plan file ({detail}); nothing written",
    },
}

_NOTES: dict[str, dict[str, str]] = {
    "note.update_task_recorded": {
        "zh": "{file}：{where}：任务 {task} 的完成情况已记录，跳过",
        "en": "{file}: {where}: task {task} is already recorded",
    },
    "note.update_money_recorded": {
        "zh": "{file}：{where}：{what} 已在方案中，跳过（不重复记录）",
        "en": "{file}: {where}: {what} is already in the plan; skipped, not doubled",
    },
    "note.update_tasks": {
        "zh": "已向 {path} 写入 {count} 项任务完成情况：",
        "en": "recorded the progress of {count} tasks in {path}:",
    },
    "note.update_money": {
        "zh": "已向 {path} 添加 {count} 笔经费执行记录：",
        "en": "added {count} budget execution records to {path}:",
    },
    "note.update_received": {"zh": "到位", "en": "received"},
    "note.update_spent": {"zh": "支出", "en": "spent"},
}

FIELDWORK_MESSAGES: dict[str, dict[str, str]] = {**_SHEET, **_PROBLEMS, **_NOTES}
