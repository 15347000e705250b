"""Every message cplan shows, in Chinese and English, keyed by a stable message key."""

from __future__ import annotations

from cplan.messages.command_catalog import COMMAND_MESSAGES
from cplan.messages.execution_catalog import EXECUTION_MESSAGES
from cplan.messages.fieldwork_catalog import FIELDWORK_MESSAGES
from cplan.messages.values_catalog import VALUE_MESSAGES

_READ: dict[str, dict[str, str]] = {
    "read.unreadable": {
        "zh": "无法读取文件：{reason_zh}",
        "en": "cannot read the file: {reason}",
    },
    "read.not_regular": {
        "zh": "不是普通文件（可能是管道、设备或指向它们的链接），不予读取",
        "en": "not a regular file (a pipe, a device, or a link to one); not read",
    },
    "read.too_large": {
        "zh": "文件过大（{size} 字节），超过 {limit} 字节的上限；请拆分为多个方案文件",
        "en": "file too large ({size} bytes, limit {limit}); split it into several plan files",
    },
    "read.binary": {
        "zh": "文件含有空字节（NUL），不是文本文件；请确认选对了文件",
        "en": "the file contains a NUL byte and is not a text file; check you chose the right file",
    },
    "read.gbk": {
        "zh": (
            "文件不是 UTF-8 编码，看起来是 GBK/GB18030 编码；请在编辑器中另存为 UTF-8，"
            "或执行 iconv -f GB18030 -t UTF-8 原文件 > 新文件"
        ),
        "en": (
            "the file is not UTF-8; it looks like GBK/GB18030. Save it as UTF-8 in your editor, "
            "or run: iconv -f GB18030 -t UTF-8 old.yaml > new.yaml"
        ),
    },
    "read.not_utf8": {
        "zh": "文件不是 UTF-8 编码（此处字节无法识别）；请在编辑器中另存为 UTF-8",
        "en": "the file is not UTF-8 (undecodable byte here); save it as UTF-8",
    },
    "read.bad_bom": {
        "zh": "文件开头标明 {encoding} 编码，但内容无法按此解码：{reason}",
        "en": "the file starts with a {encoding} byte-order mark but does not decode: {reason}",
    },
}

_LOCATE: dict[str, dict[str, str]] = {
    # -- YAML mistakes, each at the character where it is, with the fix ------------------
    "locate.syntax": {
        "zh": (
            "文件格式有误，从这里起无法读取；请检查本行和上一行：缩进只用空格且同级对齐，"
            "键后用半角冒号加空格“: ”，引号和括号要成对"
        ),
        "en": (
            "YAML syntax error: the file cannot be read from here on; check this line and the"
            " one above: indent with spaces only and align siblings, put ': ' after each key,"
            " and close every quote and bracket"
        ),
    },
    "locate.tab": {
        "zh": "这里是制表符：缩进和对齐只能用空格，请把制表符换成空格（每级两个）",
        "en": "a tab here: YAML indents with spaces only; replace it with spaces (two per level)",
    },
    "locate.fullwidth_space": {
        "zh": "这里是全角空格“\u3000”：缩进只能用半角空格，请换成半角空格（每级两个）",
        "en": "a full-width space here: indent with ordinary spaces (two per level)",
    },
    "locate.fullwidth_colon": {
        "zh": "全角冒号“：”应改为半角“:”并在其后加一个空格：{fixed}",
        "en": "the full-width colon '：' must be an ASCII ':' followed by a space: {fixed}",
    },
    "locate.colon_space": {
        "zh": "冒号“:”后面要加一个空格：{fixed}",
        "en": "a colon after a key needs a space after it: {fixed}",
    },
    "locate.colon_fullwidth_space": {
        "zh": "冒号“:”后面是全角空格，应改为半角空格：{fixed}",
        "en": "the space after the colon is a full-width space; use an ordinary one: {fixed}",
    },
    "locate.special_start": {
        "zh": "以 {char} 开头的值要加引号：{fixed}",
        "en": "a value that starts with {char} must be quoted: {fixed}",
    },
    "locate.quote_partial": {
        "zh": "值以引号 {quote} 开头时，引号要包住整个值：{fixed}",
        "en": "a value that starts with the quote {quote} must be quoted as a whole: {fixed}",
    },
    "locate.fullwidth_quote": {
        "zh": ("中文引号“”不起引号的作用，值中的“: ”被当成了键和值的分隔；请改用半角引号：{fixed}"),
        "en": (
            "Chinese quotation marks do not quote: the ': ' inside reads as a key separator;"
            " use ASCII quotes: {fixed}"
        ),
    },
    "locate.colon_in_value": {
        "zh": (
            "值中的“: ”（冒号加空格）会被当成键和值的分隔；请给整个值加引号：{fixed}，"
            "或把冒号改为全角“：”"
        ),
        "en": (
            "': ' inside a value reads as a key separator; quote the whole value: {fixed},"
            " or use a full-width colon '：'"
        ),
    },
    "locate.unclosed_quote": {
        "zh": "从这里开始的引号 {quote} 没有闭合；请在值的末尾补上 {quote}",
        "en": "the quote {quote} opened here is never closed; add {quote} at the end of the value",
    },
    "locate.unclosed_flow": {
        "zh": "从这里开始的“{open}”没有闭合；请在这一项的末尾补上“{close}”",
        "en": "the '{open}' opened here is never closed; add '{close}' at the end of the item",
    },
    "locate.stray_bracket": {
        "zh": "多了一个“{char}”：括号要成对出现，请删去多余的括号",
        "en": "an extra '{char}': brackets come in pairs; delete the extra one",
    },
    "locate.fullwidth_comma": {
        "zh": "全角逗号“，”应改为半角“,”：方括号、花括号中的各项用半角逗号加空格分隔",
        "en": "the full-width comma '，' must be an ASCII ',' between the items of [...] or {{...}}",
    },
    "locate.fullwidth_bracket": {
        "zh": "全角括号“{char}”应改为半角“{ascii}”",
        "en": "the full-width bracket '{char}' must be an ASCII '{ascii}'",
    },
    "locate.flow": {
        "zh": "方括号或花括号中的写法有误：各项之间用“, ”分隔，键和值之间用“: ”分隔",
        "en": "malformed [...] or {{...}}: separate items with ', ' and keys from values with ': '",
    },
    "locate.indent": {
        "zh": (
            "本行缩进与同级的键不一致：本行缩进 {have} 个空格，"
            "第 {sibling_line} 行的“{sibling}”缩进 {want} 个空格；请对齐"
        ),
        "en": (
            "this line's indentation ({have} spaces) matches no sibling: '{sibling}' on line"
            " {sibling_line} is indented {want}; align them"
        ),
    },
    "locate.list_dash": {
        "zh": "列表中的每一项都要以“- ”（短横线加空格）开头：{fixed}",
        "en": "each list item starts with '- ' (a dash and a space): {fixed}",
    },
    "locate.new_item_dash": {
        "zh": "上一项已经有“{key}”；如果这是新的一项，请在本行前加“- ”，与上一项的“-”对齐",
        "en": (
            "the item above already has '{key}'; if this line starts a new item, put '- ' in"
            " front, aligned with the item above"
        ),
    },
    "locate.value_next_line": {
        "zh": "这一行像是上一行“{key}:”的值；请写在同一行：{fixed}",
        "en": "this line looks like the value of '{key}:' above; write it on the same line: {fixed}",
    },
    "locate.line_separator": {
        "zh": (
            "这里有一个看不见的换行符 {char}（常见于从网页或文档复制的文字），"
            "把一行断成了两行；请删除它"
        ),
        "en": (
            "an invisible line separator {char} (often pasted from a web page or a document)"
            " breaks the line here; delete it"
        ),
    },
    "locate.no_colon": {
        "zh": (
            "本行既不是“键: 值”，也不是以“- ”开头的列表项；键和值之间要用半角冒号加空格“: ”分隔"
        ),
        "en": (
            "this line is neither 'key: value' nor a list item starting with '- ';"
            " separate a key from its value with ': '"
        ),
    },
    # -- other input problems ----------------------------------------------------------
    "locate.control_char": {
        "zh": "文件含有看不见的控制字符 {char}，请删除",
        "en": "the file contains the control character {char}; remove it",
    },
    "locate.duplicate_key": {
        "zh": "键“{key}”重复（第 {first_line} 行已有）；同一层级的键只能出现一次",
        "en": "duplicate key '{key}' (first at line {first_line}); a key may appear once per mapping",
    },
    "locate.duplicate_key.item": {
        "zh": (
            "键“{key}”在这一项中重复（第 {first_line} 行已有）；"
            "如果这是新的一项，请在本行前加“- ”，与上一项的“-”对齐"
        ),
        "en": (
            "duplicate key '{key}' in this item (first at line {first_line}); if this line starts"
            " a new item, put '- ' in front, aligned with the item above"
        ),
    },
    "locate.complex_key": {
        "zh": "键必须是简单的文字，不能是列表或映射",
        "en": "a key must be plain text, not a list or mapping",
    },
    "locate.bad_merge": {
        "zh": "合并键 << 只能引用映射",
        "en": "the merge key << can only merge mappings",
    },
    "locate.tag_refused": {
        "zh": "不支持标签 {tag}；为安全起见，cplan 不会按标签构造对象，请删除该标签",
        "en": "YAML tag {tag} is not supported; cplan never constructs objects from tags: remove it",
    },
    "locate.tag_text": {
        "zh": "以 ! 开头的值要加引号：{fixed}；cplan 不支持标签 {tag}",
        "en": "a value that starts with ! must be quoted: {fixed}; cplan does not support the tag {tag}",
    },
    "locate.too_many_nodes": {
        "zh": "文件展开后超过 {limit} 个值（可能是以 * 开头的引用反复展开）；已停止读取",
        "en": "the document expands to more than {limit} values (aliases used too often); stopped",
    },
    "locate.undefined_alias": {
        "zh": (
            '以 * 开头的值要加引号，如 "*{anchor}"（* 开头表示引用别处以 &{anchor} 标记的内容，'
            "但文件中没有 &{anchor}）"
        ),
        "en": (
            'a value that starts with * must be quoted, as in "*{anchor}" (*{anchor} refers to'
            " an anchor &{anchor}, which the file does not have)"
        ),
    },
    "locate.recursive_alias": {
        "zh": "引用 *{anchor} 指向了包含它自身的内容（循环引用）",
        "en": "alias *{anchor} refers to the anchor that contains it (a cycle)",
    },
    "locate.too_deep": {
        "zh": "嵌套层级超过 {limit} 层；方案文件不需要这么深的结构",
        "en": "nesting deeper than {limit} levels; a plan never needs that",
    },
    "locate.many_documents": {
        "zh": "一个文件只能包含一个方案；此处开始了第二个文档（---），请拆分为多个文件",
        "en": "a file holds one plan; a second YAML document (---) starts here: split the file",
    },
    "locate.empty": {
        "zh": "文件为空；可用 cplan init 生成一个方案模板",
        "en": "the file is empty; cplan init writes a starter plan",
    },
    "locate.not_mapping": {
        "zh": "方案文件的顶层应是“键: 值”的映射（如 title: ...），这里却是{kind}",
        "en": "the top level of a plan must be a mapping (title: ...), not {kind_en}",
    },
}

_SCHEMA: dict[str, dict[str, str]] = {
    "schema.missing": {
        "zh": "缺少必填项 {field}（{label_zh}）",
        "en": "missing required field '{field}'{label_en}",
    },
    "schema.extra_forbidden": {
        "zh": "不认识的键“{field}”；请检查拼写，或用 cplan schema 查看这里可以写哪些键",
        "en": "unknown key '{field}'; check the spelling or see cplan schema",
    },
    "schema.extra_forbidden.suggest": {
        "zh": "不认识的键 {field}，是否应为 {suggestion}？",
        "en": "unknown key '{field}'; did you mean '{suggestion}'?",
    },
    "schema.extra_forbidden.chinese": {
        "zh": "键名要用英文：“{field}”应写作 {suggestion}",
        "en": "keys are written in English: '{field}' is '{suggestion}'",
    },
    "schema.extra_forbidden.funder": {
        "zh": (
            "这里没有“{field}”这个键：由谁出资写在 sharing 中。全部由 {value} 承担，写 "
            "sharing: {{remainder: {value}}}；按比例分担，写 sharing: {{funders: [{value}, "
            "另一出资方], ratio: 5:5}}"
        ),
        "en": (
            "there is no key '{field}' here: who pays is written under sharing. For "
            "{value_en} to pay it all, write sharing: {{remainder: {value_en}}}; to split "
            "it, write sharing: {{funders: [{value_en}, another-funder], ratio: 5:5}}"
        ),
    },
    "schema.extra_forbidden.sharing_key": {
        "zh": "“{field}”是分担方式的一部分，要写在 sharing 之下：sharing: {{{field}: {value}}}",
        "en": "'{field}' belongs under sharing: sharing: {{{field}: {value_en}}}",
    },
    "schema.extra_forbidden.colon": {
        "zh": "不认识的键“{field}”：键和值之间要用半角冒号加空格分隔，应写作 {fixed}",
        "en": "unknown key '{field}': a key and its value are separated by ': ', as in {fixed}",
    },
    "schema.extra_forbidden.fullwidth_space": {
        "zh": "这里是全角空格“\u3000”：缩进只能用半角空格，请换成半角空格（每级两个）",
        "en": "a full-width space here: indent with ordinary spaces (two per level)",
    },
    "schema.string_type": {
        "zh": "{field} 应为文字，实际为 {input}",
        "en": "'{field}' must be text, got {input}",
    },
    "schema.string_type.mapping": {
        "zh": (
            "{field} 应为文字，这里却被读成了键值映射：文字中的“: ”（冒号加空格）是键和值的"
            "分隔符；请给整句加引号，或改用全角冒号“：”"
        ),
        "en": (
            "'{field}' must be text but reads as a mapping: ': ' separates a key from its value;"
            " quote the whole text or use a full-width colon '：'"
        ),
    },
    "schema.string_too_short": {
        "zh": "{field} 不能为空",
        "en": "'{field}' must not be empty",
    },
    "schema.string_too_long": {
        "zh": "{field} 过长（最多 {max_length} 个字符）",
        "en": "'{field}' is too long (at most {max_length} characters)",
    },
    "schema.string_pattern_mismatch": {
        "zh": "{field} 的写法不对：“{input}”中不能有空格、冒号或逗号",
        "en": "'{field}' is malformed: '{input}' must not contain spaces, colons or commas",
    },
    "schema.int_type": {
        "zh": "{field} 应为整数，实际为 {input}",
        "en": "'{field}' must be a whole number, got {input}",
    },
    "schema.int_parsing": {
        "zh": "{field} 应为整数，实际为 {input}",
        "en": "'{field}' must be a whole number, got {input}",
    },
    "schema.int_from_float": {
        "zh": "{field} 应为整数，实际为 {input}",
        "en": "'{field}' must be a whole number, got {input}",
    },
    "schema.decimal_type": {
        "zh": "{field} 应为数字，实际为 {input}",
        "en": "'{field}' must be a number, got {input}",
    },
    "schema.decimal_parsing": {
        "zh": "{field} 应为数字，实际为 {input}",
        "en": "'{field}' must be a number, got {input}",
    },
    "schema.bool_type": {
        "zh": "{field} 应为 true（是）或 false（否），实际为 {input}",
        "en": "'{field}' must be true or false, got {input}",
    },
    "schema.bool_parsing": {
        "zh": "{field} 应为 true（是）或 false（否），实际为 {input}",
        "en": "'{field}' must be true or false, got {input}",
    },
    "schema.list_type": {
        "zh": "{field} 应为列表：写成 [甲, 乙]，或每项一行、以“- ”开头",
        "en": "'{field}' must be a list: [a, b], or one item a line, each starting with '- '",
    },
    "schema.list_type.mapping": {
        "zh": "{field} 应为列表，这里却写成了“键: 值”：列表的每一项都要以“- ”开头，写在这一项的第一个键前",
        "en": (
            "'{field}' must be a list but is written as a mapping: each item starts with '- ',"
            " in front of its first key"
        ),
    },
    "schema.list_type.fullwidth": {
        "zh": "{field} 应为列表：全角括号和逗号应改为半角，写成 {fixed}",
        "en": "'{field}' must be a list: use ASCII brackets and commas, as in {fixed}",
    },
    "schema.list_type.text": {
        "zh": "{field} 应为列表，这里却是一段文字：请写成 {fixed}，或每项一行、以“- ”开头",
        "en": (
            "'{field}' must be a list, not text: write {fixed}, or one item a line, each"
            " starting with '- '"
        ),
    },
    "schema.dict_type": {
        "zh": "{field} 应为“键: 值”的映射",
        "en": "'{field}' must be a mapping",
    },
    "schema.model_type": {
        "zh": "{where} 应为“键: 值”的映射（如 name: ...），实际为 {input}",
        "en": "{where_en} must be a mapping (name: ...), got {input}",
    },
    "schema.model_attributes_type": {
        "zh": "{where} 应为“键: 值”的映射（如 name: ...），实际为 {input}",
        "en": "{where_en} must be a mapping (name: ...), got {input}",
    },
    "schema.enum": {
        "zh": "{field} 只能是 {choices_zh} 之一，实际为 {input}",
        "en": "'{field}' must be one of {choices_en}, got {input}",
    },
    "schema.enum.target_kind": {
        "zh": "{where}（指标类型）只能是 {kinds_zh}，实际为 {input}",
        "en": "{where_en} must be one of {kinds_en} (or their Chinese names), got {input}",
    },
    "schema.literal_error": {
        "zh": "{field} 只能是 {choices_zh} 之一，实际为 {input}",
        "en": "'{field}' must be one of {choices_en}, got {input}",
    },
    "schema.greater_than_equal": {
        "zh": "{field} 不能小于 {ge}，实际为 {input}",
        "en": "'{field}' must be at least {ge}, got {input}",
    },
    "schema.greater_than": {
        "zh": "{field} 必须大于 {gt}，实际为 {input}",
        "en": "'{field}' must be greater than {gt}, got {input}",
    },
    "schema.less_than_equal": {
        "zh": "{field} 不能大于 {le}，实际为 {input}",
        "en": "'{field}' must be at most {le}, got {input}",
    },
    "schema.too_short": {
        "zh": "{field} 至少需要 {min_length} 项",
        "en": "'{field}' needs at least {min_length} items",
    },
    "schema.decimal_max_digits": {
        "zh": "{field} 的数字过长",
        "en": "'{field}' has too many digits",
    },
    "schema.finite_number": {
        "zh": "{field} 应为有限的数字",
        "en": "'{field}' must be a finite number",
    },
    "schema.sharing_mixed": {
        "zh": ("分担方式只能二选一：按比例（funders + ratio），或定额加兜底（fixed + remainder）"),
        "en": "sharing is either funders + ratio, or fixed + remainder, not both",
    },
    "schema.sharing_arity": {
        "zh": "分担比例有 {parts} 个部分，但列出了 {funders} 个出资方；两者应一一对应",
        "en": "the ratio has {parts} parts but {funders} funders are listed; they must match",
    },
    "schema.sharing_incomplete": {
        "zh": (
            "分担方式需写明 funders + ratio（如 funders: [甲方, 乙方] 与 ratio: 5:5），"
            "或 remainder（承担全部或余额的出资方，如 remainder: 乙方）"
        ),
        "en": (
            "sharing needs funders + ratio (e.g. funders: [a, b] and ratio: 5:5), or a"
            " remainder funder (who pays all or the rest)"
        ),
    },
    "schema.budget_formula": {
        "zh": (
            "每行经费只能用一种写法：amount（固定金额）、rate（单价×数量×期数）或 "
            "percent（百分比）；此处写了：{given}"
        ),
        "en": "a budget line uses exactly one of amount, rate or percent; this one has: {given}",
    },
    "schema.budget_percent_of": {
        "zh": "按百分比计算的经费需用 of 写明基数是哪些经费行，如 of: [base, perf]",
        "en": "a percent line needs of: [line ids] naming its base",
    },
    "schema.other": {
        "zh": "{where} 的值不符合要求：{input}",
        "en": "{where_en}: the value {input} is not accepted here",
    },
}

_RULES: dict[str, dict[str, str]] = {
    "CP201": {
        "zh": "“{name}”各界别人数之和为 {parts}，与写明的总人数 {size} 不符",
        "en": "'{name}': the sectors add up to {parts}, not the declared size {size}",
    },
    "CP202": {
        "zh": "“{name}”各角色人数之和为 {parts}，与写明的总人数 {size} 不符",
        "en": "'{name}': the roles add up to {parts}, not the declared size {size}",
    },
    "CP202.members": {
        "zh": "“{name}”写明 {role} {declared} 人，名单中列出 {listed} 人",
        "en": "'{name}' declares {declared} × {role} but lists {listed}",
    },
    "CP203": {
        "zh": "“{name}”名单列出 {listed} 人，写明的总人数为 {size}",
        "en": "'{name}' lists {listed} members but declares {size}",
    },
    "CP204": {
        "zh": "指标“{name}”的分解之和为 {parts}，与目标值 {value} 不符",
        "en": "target '{name}': the breakdown adds up to {parts}, not the target {value}",
    },
    "CP205": {
        "zh": "经费总额写明 {declared} 元，各行合计为 {computed} 元，相差 {difference} 元",
        "en": "the budget total is declared as {declared} but the lines add up to {computed} (difference {difference})",
    },
    "CP206": {
        "zh": "经费“{name}”写明 {declared} 元，按公式计算为 {computed} 元",
        "en": "budget line '{name}' declares {declared} but its formula gives {computed}",
    },
    "CP301": {
        "zh": "{ref} 不是本方案定义的{kinds}",
        "en": "'{ref}' is not a {kinds_en} defined in this plan",
    },
    "CP301.suggest": {
        "zh": "{ref} 不是本方案定义的{kinds}，是否应为 {suggestion}？",
        "en": "'{ref}' is not a {kinds_en} defined in this plan; did you mean '{suggestion}'?",
    },
    "CP301.kind.unit": {"zh": "单位", "en": "unit"},
    "CP301.kind.committee": {"zh": "机构", "en": "committee"},
    "CP301.kind.person": {"zh": "成员", "en": "person"},
    "CP301.kind.funder": {"zh": "出资方", "en": "funder"},
    "CP301.kind.target": {"zh": "指标", "en": "target"},
    "CP301.kind.phase": {"zh": "阶段", "en": "phase"},
    "CP301.kind.line": {"zh": "经费行", "en": "budget line"},
    "CP302": {
        "zh": "标识符 {id} 重复：第 {first_line} 行的{first}已经用了它；整个方案中每个标识符只能用一次",
        "en": "identifier '{id}' is already used by {first_en} on line {first_line}",
    },
    "CP303": {
        "zh": "{id} 的上级关系形成了循环",
        "en": "the parents of '{id}' form a cycle",
    },
    "CP401": {
        "zh": "阶段“{name}”（{when}）早于前一阶段“{previous}”（{previous_when}）开始；请按时间顺序排列",
        "en": "phase '{name}' ({when}) starts before the previous phase '{previous}' ({previous_when})",
    },
    "CP402": {
        "zh": "阶段“{name}”（{when}）超出方案期限 {period}",
        "en": "phase '{name}' ({when}) lies outside the plan period {period}",
    },
    "CP403": {
        "zh": "阶段“{name}”与前一阶段“{previous}”时间重叠（{start} 至 {end}）",
        "en": "phase '{name}' overlaps the previous phase '{previous}' ({start} to {end})",
    },
    "CP404": {
        "zh": "阶段“{previous}”结束后隔了 {days} 天“{name}”才开始",
        "en": "{days} days pass between phase '{previous}' and phase '{name}'",
    },
    "CP405": {
        "zh": "任务“{task}”的期限不在阶段“{name}”（{when}）之内",
        "en": "task '{task}' is due outside its phase '{name}' ({when})",
    },
    "CP501.negative": {
        "zh": "分担比例 {ratio} 含有负数",
        "en": "the sharing ratio {ratio} has a negative part",
    },
    "CP501.zero": {
        "zh": "分担比例 {ratio} 各部分全为零，无人出资",
        "en": "the sharing ratio {ratio} is all zeros: nobody pays",
    },
    "CP502": {
        "zh": "“{name}”的分担比例有 {parts} 个部分，经费默认分担有 {funders} 个出资方",
        "en": "'{name}' has a {parts}-part ratio but the default sharing names {funders} funders",
    },
    "CP503": {
        "zh": "经费“{name}”没有出资方：请写本行的 sharing 或经费默认的 sharing",
        "en": "budget line '{name}' has no funder: add sharing to the line or to the budget",
    },
    "CP504": {
        "zh": "定额出资合计 {fixed} 元，超过它所覆盖的经费 {total} 元",
        "en": "fixed shares of {fixed} exceed the {total} they cover",
    },
    "CP507": {
        "zh": "“{funder}”承诺出资 {pledge} 元，按分担方式计算应出 {assigned} 元",
        "en": "'{funder}' pledges {pledge} but is assigned {assigned}",
    },
    "CP505": {
        "zh": "经费“{name}”按百分比计算时直接或间接以自身为基数",
        "en": "budget line '{name}' is a percentage of itself, directly or not",
    },
    "CP506": {
        "zh": "经费“{name}”按 {quantity} 计算，但单位“{unit}”没有填写 {quantity}",
        "en": "budget line '{name}' uses {quantity}, which unit '{unit}' does not give",
    },
    "CP506.no_units": {
        "zh": "经费“{name}”的数量 {quantity} 是名称，需用 units 或 unit_kind 写明按哪些单位计列",
        "en": "budget line '{name}' names a quantity ({quantity}) but no units to take it from",
    },
    "CP508.no_default": {
        "zh": (
            "“{name}”的分担比例 {ratio} 没有用到：经费没有按比例的默认分担（budget.sharing 的 "
            "funders 和 ratio），单位比例无法对应到出资方；请补写 budget.sharing，或删去此比例"
        ),
        "en": (
            "'{name}': the sharing ratio {ratio} is not used: the budget has no default ratio "
            "sharing (funders and ratio in budget.sharing) to read it against; add one, or "
            "delete the ratio"
        ),
    },
    "CP508.fixed": {
        "zh": (
            "“{name}”的分担比例 {ratio} 没有用到：经费默认分担是定额补助加余额兜底"
            "（fixed + remainder），单位比例不起作用；如应按此比例分担，请把 budget.sharing "
            "或有关经费行的 sharing 写成 funders + ratio，否则删去此比例"
        ),
        "en": (
            "'{name}': the sharing ratio {ratio} is not used: the default sharing is a fixed "
            "sum plus a remainder, which ignores unit ratios; write budget.sharing (or the "
            "lines' sharing) as funders + ratio if this ratio should apply, or delete it"
        ),
    },
    "CP508.no_lines": {
        "zh": (
            "“{name}”的分担比例 {ratio} 没有用到：没有经费行按此单位或其下级单位计列；"
            "请在经费行的 units 或 unit_kind 中包含这些单位，或删去此比例"
        ),
        "en": (
            "'{name}': the sharing ratio {ratio} is not used: no budget line is counted for "
            "this unit or a unit under it; count a line for them (units or unit_kind), or "
            "delete the ratio"
        ),
    },
    "CP508.own": {
        "zh": (
            "“{name}”的分担比例 {ratio} 没有用到：按此单位及其下级单位计列的经费行都写了"
            "本行的 sharing，本行的分担优先；如应按此比例分担，请删去这些行的 sharing，"
            "否则删去此比例"
        ),
        "en": (
            "'{name}': the sharing ratio {ratio} is not used: every line counted for this "
            "unit and the units under it has its own sharing, which wins; remove the lines' "
            "sharing if this ratio should apply, or delete the ratio"
        ),
    },
    "CP508.nearer": {
        "zh": (
            "“{name}”的分担比例 {ratio} 没有用到：其下级单位的经费都按更近的单位"
            "（下级单位自己或中间一级）写的比例或经费行自己的 sharing 分担；"
            "请删去此比例，或删去下级单位的比例"
        ),
        "en": (
            "'{name}': the sharing ratio {ratio} is not used: the amounts of the units under "
            "it follow a nearer unit's ratio (their own or an intermediate unit's) or their "
            "line's own sharing; delete this ratio or the nearer ones"
        ),
    },
    "CP601.increase": {
        "zh": "提升类指标“{name}”的目标值 {value} 不高于基线 {baseline}",
        "en": "increase target '{name}': the target {value} is not above the baseline {baseline}",
    },
    "CP601.decrease": {
        "zh": "降低类指标“{name}”的目标值 {value} 不低于基线 {baseline}",
        "en": "decrease target '{name}': the target {value} is not below the baseline {baseline}",
    },
    "CP602.relative": {
        "zh": "相对变化类指标“{name}”应写 change（如 -30%），不写 value",
        "en": "relative target '{name}' needs change (e.g. -30%) and no value",
    },
    "CP602.baseline": {
        "zh": "相对变化类指标“{name}”需要基线 baseline",
        "en": "relative target '{name}' needs a baseline",
    },
    "CP602.value": {
        "zh": "指标“{name}”应写目标值 value，不写 change（change 只用于相对变化类）",
        "en": "target '{name}' needs a value and no change (change is for relative targets)",
    },
    "CP602.zero": {
        "zh": "零容忍指标“{name}”的目标值应为 0，实际为 {value}",
        "en": "zero-tolerance target '{name}' must have the value 0, not {value}",
    },
    "CP603": {
        "zh": "指标“{name}”的基线日期 {baseline} 不早于完成期限 {deadline}",
        "en": "target '{name}': the baseline date {baseline} is not before the deadline {deadline}",
    },
    "CP603.actual": {
        "zh": "指标“{name}”的实际值日期 {date} 早于基线日期 {baseline}",
        "en": "target '{name}': the actual value of {date} predates the baseline {baseline}",
    },
    "CP604": {
        "zh": "指标“{name}”的完成期限 {deadline} 超出方案期限 {period}",
        "en": "target '{name}': the deadline {deadline} lies outside the plan period {period}",
    },
    "CP605": {
        "zh": "指标“{name}”以 % 为单位，数值 {value} 不在 0 到 100 之间",
        "en": "target '{name}' is in %, but {value} is not between 0 and 100",
    },
    "CP606": {
        "zh": "指标“{name}”的实际值 {date} 没有晚于上一条 {previous}；请按日期先后记录",
        "en": "target '{name}': the actual value of {date} does not follow the previous one ({previous})",
    },
    "CP801": {
        "zh": "方案标识符 {id} 已被 {other} 使用；方案库中每个方案的标识符应唯一",
        "en": "plan id '{id}' is also used by {other}; plan ids must be unique in a repository",
    },
    "CP802": {
        "zh": "单位 {unit} 的方案 {plan} 在方案库中找不到",
        "en": "unit '{unit}' names plan '{plan}', which no file in the repository has",
    },
    "CP803.missing": {
        "zh": "单位 {unit} 的方案 {plan}（{other}）中没有这个单位",
        "en": "unit '{unit}': its plan '{plan}' ({other}) does not list it",
    },
    "CP803.sharing": {
        "zh": "单位 {unit} 的分担比例为 {ratio}，但它自己的方案（{other}）写的是 {other_ratio}",
        "en": "unit '{unit}' shares costs {ratio} here but {other_ratio} in its own plan ({other})",
    },
    "CP701": {
        "zh": "“{name}”的{role}姓名尚未填写",
        "en": "'{name}': the {role}'s name is blank",
    },
    "CP702.max": {
        "zh": "“{unit}”的{quantity}为 {value}，超过上限 {limit}（没有经费行按{quantity}计算）",
        "en": "'{unit}': {quantity} of {value} exceeds the ceiling {limit} (no budget line pays on it)",
    },
    "CP702.max_capped": {
        "zh": (
            "“{unit}”的{quantity}为 {value}，超过上限 {limit}；经费“{lines}”封顶按 {paid} 计算，"
            "超出的 {excess} 不计入经费"
        ),
        "en": (
            "'{unit}': {quantity} of {value} exceeds the ceiling {limit}; budget line "
            "'{lines}' is capped and pays on {paid}, the {excess} above are not paid"
        ),
    },
    "CP702.max_paid": {
        "zh": (
            "“{unit}”的{quantity}为 {value}，超过上限 {limit}，但经费“{lines}”没有按上限封顶，"
            "按 {paid} 计算；如超出部分不应付费，请在该经费行写 quantity_max: {limit}"
        ),
        "en": (
            "'{unit}': {quantity} of {value} exceeds the ceiling {limit}, but budget line "
            "'{lines}' is not capped at it and pays on {paid}; add quantity_max: {limit} to "
            "the line if the excess should not be paid"
        ),
    },
    "CP702.min": {
        "zh": "“{unit}”的{quantity}为 {value}，低于下限 {limit}",
        "en": "'{unit}': {quantity} of {value} is below the floor {limit}",
    },
    "CP703": {
        "zh": "“{unit}”现有{category}人员 {have} 名，少于配备标准 {norm} 名",
        "en": "'{unit}' has {have} {category} staff, fewer than the norm of {norm}",
    },
}

MESSAGES: dict[str, dict[str, str]] = {
    **_READ,
    **_LOCATE,
    **_SCHEMA,
    **{f"schema.{key}": value for key, value in VALUE_MESSAGES.items()},
    **_RULES,
    **COMMAND_MESSAGES,
    **FIELDWORK_MESSAGES,
    **EXECUTION_MESSAGES,
}
