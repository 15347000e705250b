"""The documentation of every diagnostic code, in Chinese and English.

``cplan rules CODE`` prints it in the reader's language, ``docs/rules/`` is generated
from the Chinese (``cplan.rules.Rule.doc``), and SARIF carries it. Each entry says what
is checked, why it matters and how to fix it, with an example from a real plan; the
Chinese is written for the officer who writes the plan, not for a programmer.

Plain text only: no reST or Markdown markup, so that it reads the same on a terminal
and in the generated pages. The first line is the one-line summary ``cplan rules``
lists; a YAML example is indented four spaces (a code block in Markdown).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import NamedTuple


class Doc(NamedTuple):
    """One language's documentation of a code, part by part."""

    summary: str  # one sentence: what is wrong when this code is reported
    checks: str  # what cplan checks
    why: str  # why it matters
    fix: str  # how to fix it
    note: str  # what the example shows (after the example)


@dataclass(frozen=True)
class _Entry:
    zh: Doc
    en: Doc
    example: str  # YAML (or a command) showing the mistake
    fixed: str = ""  # the same, corrected


_LABELS = {
    "zh": ("检查内容：", "为什么要紧：", "怎样修改：", "示例：", "改正后："),
    "en": ("What is checked: ", "Why it matters: ", "How to fix it: ", "Example:", "Corrected:"),
}


def _paragraph(text: str, lang: str) -> str:
    if lang == "en":  # Chinese is never wrapped: a line break inside it reads as a space
        return textwrap.fill(text, width=88, break_long_words=False, break_on_hyphens=False)
    return text


def _block(yaml: str) -> str:
    return textwrap.indent(textwrap.dedent(yaml).strip("\n"), "    ")


def _render(entry: _Entry, lang: str) -> str:
    doc: Doc = getattr(entry, lang)
    checks, why, fix, example, fixed = _LABELS[lang]
    parts = [
        doc.summary,
        _paragraph(checks + doc.checks, lang),
        _paragraph(why + doc.why, lang),
        _paragraph(fix + doc.fix, lang),
        example,
        _block(entry.example),
        _paragraph(doc.note, lang),
    ]
    if entry.fixed:
        parts += [fixed, _block(entry.fixed)]
    return "\n\n".join(parts)


_ENTRIES: dict[str, _Entry] = {}


def _doc(code: str, zh: Doc, en: Doc, example: str, fixed: str = "") -> None:
    _ENTRIES[code] = _Entry(zh, en, example, fixed)


# -- CP0xx: reading the file and YAML ---------------------------------------------------

_doc(
    "CP001",
    Doc(
        "文件无法读取（不存在、没有权限、是文件夹，或不是普通文件）。",
        "cplan 能否打开并读出这个文件。",
        "文件读不出来，后面的检查都无从谈起。",
        "核对命令中写的文件名和文件夹（注意扩展名是 .yaml 还是 .yml）；确认文件没有被其他程序独占打开，"
        "你的账号有读取权限；如果写的是文件夹，请写其中的方案文件，或用 cplan validate 检查整个文件夹。",
        "文件名少了一个字母，消息会说明原因：文件或文件夹不存在。",
    ),
    Doc(
        "The file cannot be read (missing, no permission, a folder, or not a regular file).",
        "whether cplan can open and read the file.",
        "nothing else can be checked in a file that cannot be read.",
        "check the file name and folder in the command (.yaml or .yml?); make sure no other "
        "program holds the file locked and that your account may read it; for a folder, name a "
        "plan file in it, or run cplan validate on the whole folder.",
        "A letter is missing from the file name; the message says why: no such file or folder.",
    ),
    "cplan validate plans/jinhua-2024.yml",
    "cplan validate plans/jinhua-2024.yaml",
)

_doc(
    "CP002",
    Doc(
        "文件不是 UTF-8 文本：GBK/GB18030 编码、无法识别的字节，或含空字节的二进制文件。",
        "文件是否为 UTF-8 编码的文本（可带 BOM；带 BOM 的 UTF-16/UTF-32 也能读取）。",
        "用 Windows 记事本或 WPS 另存的文件常是 GBK 编码，cplan 按 UTF-8 读会把中文读成乱码；"
        "Word 文档或表格等二进制文件根本不是文本。",
        "在编辑器中把文件另存为 UTF-8（记事本：另存为，编码选 UTF-8；VS Code：右下角的编码，"
        "选“通过编码保存”，再选 UTF-8）；在 Linux 或 macOS 上也可以执行 "
        "iconv -f GB18030 -t UTF-8 原文件 > 新文件。如果是 .docx 或 .xlsx，请选对方案的 .yaml 文件。",
        "一份用记事本保存的方案，消息指出第一个无法按 UTF-8 读出的字节所在的行和列。",
    ),
    Doc(
        "The file is not UTF-8 text: GBK/GB18030, undecodable bytes, or a binary file with NUL bytes.",
        "that the file is UTF-8 text (a BOM is allowed; UTF-16/UTF-32 with a BOM can be read too).",
        "files saved by Windows Notepad or WPS are often GBK; read as UTF-8 their Chinese turns "
        "into garbage. A Word document or a workbook is not text at all.",
        "save the file as UTF-8 in your editor (Notepad: Save as, encoding UTF-8; VS Code: the "
        "encoding in the status bar, Save with Encoding, UTF-8), or on Linux or macOS run "
        "iconv -f GB18030 -t UTF-8 old.yaml > new.yaml. For a .docx or .xlsx, choose the plan's "
        ".yaml file instead.",
        "A plan saved by Notepad: the message points at the line and column of the first byte "
        "that is not UTF-8.",
    ),
    "cplan validate 锦华社区共建计划.yaml",
    "iconv -f GB18030 -t UTF-8 锦华社区共建计划.yaml > 锦华社区共建计划-utf8.yaml",
)

_doc(
    "CP003",
    Doc(
        "文件超过 5 MiB 的上限。",
        "文件大小是否超过 5 MiB（约 500 万字节）。",
        "一个社区、街道或一个市级组合方案的文字和数字远远用不到这么大；过大的文件多半选错了（如日志或导出的数据），"
        "读入它会让检查变得很慢。",
        "确认选对了文件；方案确实很大时，把各单位拆成各自的方案文件，在市级方案的 units 中用 plan 指向它们。",
        "一个包含 13 个中心的市级方案不到 30 KB；拆分后，市级方案只列出各中心和它们自己的方案标识符。",
    ),
    Doc(
        "The file is larger than the 5 MiB limit.",
        "whether the file is larger than 5 MiB (about 5 million bytes).",
        "the text and figures of a community, sub-district or city plan never need that much; "
        "a file that large is almost always the wrong one (a log, exported data), and reading it "
        "makes the check slow.",
        "check that you chose the right file; if the plan really is that large, give each unit "
        "its own plan file and point at it with plan in the city plan's units.",
        "A city plan for 13 centres is under 30 KB; split up, the city plan only lists the "
        "centres and the ids of their own plans.",
    ),
    """\
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, plan: tianhe-centre-2012}
    """,
)

_doc(
    "CP010",
    Doc(
        "YAML 写法错误：缩进、冒号、引号、括号或看不见的字符有误，文件从这里起无法读取。",
        "文件是否符合 YAML 的写法：缩进只用空格且同级对齐，键后是半角冒号加空格，引号和括号成对，没有制表符、"
        "全角空格或控制字符。",
        "一处写法错误会让后面的内容全部读不出来，其余检查都无法进行，所以 cplan 先报告这一处。",
        "按消息指出的行和列修改，消息会说明怎样改：全角冒号“：”改为半角“:”并在后面加一个空格；缩进与同级的键对齐；"
        "以 % @ ` * & ! 等开头的值加引号；补上没有闭合的引号或括号。改好后再运行 cplan validate，"
        "可能还有下一处。",
        "第 3 行用了全角冒号，第 4 行的 % 开头的值没有加引号。",
    ),
    Doc(
        "YAML syntax error: indentation, a colon, a quote, a bracket or an invisible character is "
        "wrong, and the file cannot be read from here on.",
        "that the file is valid YAML: indentation with spaces only and siblings aligned, an ASCII "
        "colon and a space after each key, quotes and brackets in pairs, no tabs, full-width "
        "spaces or control characters.",
        "one syntax error makes the rest of the file unreadable, so no other check can run; "
        "cplan reports this one first.",
        "change the line and column the message points at; the message says how: a full-width "
        "colon '：' becomes ':' followed by a space; align the indentation with the sibling keys; "
        "quote values starting with % @ ` * & !; close an open quote or bracket. Run cplan "
        "validate again afterwards: there may be another one.",
        "Line 3 has a full-width colon, and the value on line 4 starts with % without quotes.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name：居民满意度
        unit: %
    """,
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        unit: "%"
    """,
)

_doc(
    "CP011",
    Doc(
        "同一层级中有重复的键，后写的值会悄悄覆盖前面的值。",
        "同一个映射（同一项）中的键是否重复。",
        "YAML 只保留最后写的值，前面写的内容会被悄悄丢掉，比如写了两次 target，第一次的目标就不见了；"
        "最常见的原因是新的一项忘了在前面加“- ”。",
        "删去重复的键，或者把它合并到前一个；如果这是新的一项，在本行前加“- ”，与上一项的“-”对齐。",
        "第二个指标忘了写“- ”，于是 id 和 name 在同一项中出现了两次。",
    ),
    Doc(
        "A key appears twice in the same mapping; the later value silently replaces the earlier one.",
        "whether a key appears more than once in one mapping (one item).",
        "YAML keeps only the last value and silently drops the earlier one: write target twice "
        "and the first target is gone. The commonest cause is a new item without its '- '.",
        "delete the duplicate or merge it into the first; if the line starts a new item, put '- ' "
        "in front of it, aligned with the item above.",
        "The second target lacks its '- ', so id and name appear twice in one item.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        id: t-disputes
        name: 社区纠纷发生率
    """,
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
      - id: t-disputes
        name: 社区纠纷发生率
    """,
)

_doc(
    "CP012",
    Doc(
        "使用了 YAML 标签（以 ! 开头，如 !!python/object、!include），cplan 不支持。",
        "文件中是否有 YAML 标签。",
        "标签可以让程序按文件内容构造任意对象，是常见的安全隐患；方案文件不需要它。以 ! 开头的普通文字也会被当成标签。",
        "删除标签，把要引用的内容直接写进方案；如果 ! 是值本身的文字（如“!重要”），给整个值加引号。",
        "想用 !include 引入另一个文件中的背景，cplan 不支持；请把背景文字直接写在 background 中。",
    ),
    Doc(
        "A YAML tag (starting with !, such as !!python/object or !include) is used; cplan does not "
        "support tags.",
        "whether the file uses YAML tags.",
        "tags let a program construct arbitrary objects from a file, a well-known security risk, "
        "and a plan never needs one. Plain text starting with ! is read as a tag too.",
        "delete the tag and write what it was meant to bring in into the plan itself; if the ! "
        "belongs to the text of the value (such as '!重要'), quote the whole value.",
        "The background was to be included from another file with !include, which cplan does "
        "not support; write the background text into background itself.",
    ),
    """\
    sections:
      background: !include 背景.txt
    """,
    """\
    sections:
      background: >-
        锦华社区于2022年交付入住，住户来自不同片区，彼此还不熟悉。
    """,
)

_doc(
    "CP013",
    Doc(
        "以 * 开头的引用有问题：引用的 &锚点 不存在、引用了自身，或展开后超过 100,000 个值。",
        "YAML 的锚点（&名称）和引用（*名称）：引用的锚点是否存在，是否循环引用，展开后是否过大。",
        "以 * 开头的值会被当作引用别处内容，而不是文字；引用反复展开可以让一个很小的文件变得极大（别名炸弹），"
        "cplan 会停止读取。",
        '多数情况下这个 * 是多写的，或是普通文字的一部分：删去多写的 *，或给整个值加引号，如 "*重点项目"。'
        "确实要引用时，先在被引用的内容前写 &名称。",
        "牵头单位前多写了一个 *，被当成了引用。",
    ),
    Doc(
        "An alias starting with * is wrong: its &anchor does not exist, it refers to itself, or it "
        "expands to more than 100,000 values.",
        "YAML anchors (&name) and aliases (*name): that the anchor exists, that there is no "
        "cycle, and that the expanded document is not too large.",
        "a value starting with * is read as a reference to content elsewhere, not as text; and "
        "aliases expanded again and again can make a tiny file enormous (an alias bomb), so "
        "cplan stops reading.",
        "usually the * is a slip or part of the text: delete a stray *, or quote the whole "
        'value, as in "*重点项目". If you really mean a reference, write &name before the '
        "content referred to.",
        "A stray * before the owner makes it read as an alias.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        owner: *juweihui
    """,
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        owner: juweihui
    """,
)

_doc(
    "CP014",
    Doc(
        "嵌套超过 64 层。",
        "内容的嵌套层级（缩进一层算一层）是否超过 64 层。",
        "方案最深不过五六层；层级这么深，多半是缩进一路越来越多，或文件不是方案。",
        "确认选对了文件；如果文件是由别的程序生成的，请检查生成它的方法。手写的方案不会有这么深的层级。",
        "由程序导出的文件中，方括号一层套一层（这里只写出开头几层）。",
    ),
    Doc(
        "Nesting deeper than 64 levels.",
        "whether the content nests deeper than 64 levels (one level per indentation step).",
        "a plan is at most five or six levels deep; this depth means the indentation keeps "
        "growing line after line, or the file is not a plan.",
        "check that you chose the right file; if a program wrote it, check how. A plan written "
        "by hand never nests that deep.",
        "A file written by a program nests brackets inside brackets (only the first levels are "
        "shown here).",
    ),
    """\
    note: [[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[ …
    """,
)

_doc(
    "CP015",
    Doc(
        "文件为空，或顶层不是“键: 值”的映射。",
        "文件是否有内容，顶层是否是以 id、title、period 等键开头的映射。",
        "方案的每一部分都挂在顶层的键下；顶层是一段文字或一个列表，就没有方案可以检查。",
        "空文件可以用 cplan init 生成一个方案模板；顶层是列表时，去掉最前面的“- ”，让 id: 等键顶格书写。",
        "整个方案写成了一个列表项。",
    ),
    Doc(
        "The file is empty, or its top level is not a 'key: value' mapping.",
        "that the file has content and that its top level is a mapping with keys such as id, "
        "title and period.",
        "every part of a plan hangs under a top-level key; a top level that is text or a list "
        "holds no plan to check.",
        "for an empty file, cplan init writes a starter plan; for a list, remove the leading "
        "'- ' so that id: and the other keys start at the left margin.",
        "The whole plan is written as one list item.",
    ),
    """\
    - id: jinhua-cobuilding-2024
      title: 锦华社区2024—2025年新社区共建工作计划
      period: 2024年至2025年
    """,
    """\
    id: jinhua-cobuilding-2024
    title: 锦华社区2024—2025年新社区共建工作计划
    period: 2024年至2025年
    """,
)

_doc(
    "CP016",
    Doc(
        "一个文件中有多个 YAML 文档（用 --- 分隔）。",
        "文件中是否出现了第二个以 --- 开头的文档。",
        "cplan 一个文件只读一个方案；第二个文档中的内容不会被检查，也不会进入报告。",
        "每个方案一个文件：把 --- 之后的内容移到新的 .yaml 文件中；如果 --- 只是想画一条分隔线，改成以 # 开头的注释。",
        "把两个社区的方案放在了同一个文件里。",
    ),
    Doc(
        "The file holds more than one YAML document (separated by ---).",
        "whether a second document, starting with ---, follows the first.",
        "cplan reads one plan per file; a second document would be neither checked nor reported.",
        "one plan per file: move what follows --- into a new .yaml file; if --- was meant as a "
        "separator line, make it a comment starting with #.",
        "Two communities' plans are kept in one file.",
    ),
    """\
    id: henan-2024
    title: 河南社区2024年工作方案
    period: 2024年
    ---
    id: hedong-2024
    title: 河东社区2024年工作方案
    period: 2024年
    """,
)

# -- CP1xx: the structure of a plan -----------------------------------------------------

_doc(
    "CP100",
    Doc(
        "值不符合方案结构的要求（类型、取值范围或可选的值）。",
        "每个值的类型和范围：该写数字的写了数字，该写列表的写了列表（每项以“- ”开头），"
        "该写键值映射的写了映射，只能从几个值中选的（如指标类型 kind）写了其中之一，人数不为负数。",
        "结构不对的值无法参与计算，依赖它的合计、进度和经费都会出错或算不出来。",
        "按消息改成要求的写法；消息会说明应为什么以及实际写了什么。不清楚一个键能写什么时，"
        "可以查看 cplan schema 的输出，或在装有 YAML 插件的编辑器中把鼠标停在键上。",
        "size 写成了“三十人”，应写数字；composition 写成了列表，应写成“界别: 人数”的映射。",
    ),
    Doc(
        "A value does not fit the plan's structure (type, range or allowed values).",
        "each value's type and range: a number where a number is expected, a list (items "
        "starting with '- ') where a list is, a mapping where a mapping is, one of the allowed "
        "values where there is a choice (such as a target's kind), no negative head counts.",
        "a value of the wrong shape cannot be computed with: the totals, progress and money "
        "that depend on it come out wrong or not at all.",
        "write it as the message asks; the message says what was expected and what was found. "
        "To see what a key accepts, look at cplan schema, or hover over the key in an editor "
        "with a YAML extension.",
        "size is written as words instead of a number, and composition as a list instead of "
        "a mapping of sector to head count.",
    ),
    """\
    committees:
      - id: c-committee
        name: 锦华社区共建委员会
        size: 三十人
        composition:
          - 政府代表
          - 居委会代表
    """,
    """\
    committees:
      - id: c-committee
        name: 锦华社区共建委员会
        size: 30
        composition: {政府代表: 6, 居委会代表: 8, 物业公司代表: 5, 社会组织代表: 5, 居民代表: 6}
    """,
)

_doc(
    "CP101",
    Doc(
        "缺少必填项。",
        "必填的键是否都写了：方案的 id、title、period；每个指标的 id、name、kind、target；"
        "每个阶段的 id、name、when；每个经费行的 id、name 等。",
        "没有这些项，方案无法被引用、无法计算进度，报告中也会缺少相应的内容。",
        "按消息补上缺少的键；消息会写出键名和它的中文含义。",
        "指标缺少目标 target，无法计算进度。",
    ),
    Doc(
        "A required field is missing.",
        "that every required key is present: the plan's id, title and period; each target's id, "
        "name, kind and target; each phase's id, name and when; each budget line's id and name; "
        "and so on.",
        "without them the plan cannot be referred to, progress cannot be computed and the "
        "report lacks the matching parts.",
        "add the key the message names (it gives the key and what it means).",
        "The target has no target, so its progress cannot be computed.",
    ),
    """\
    targets:
      - id: t-disputes
        name: 社区纠纷发生率
        kind: decrease
        baseline: {value: 20, date: 2023年12月}
    """,
    """\
    targets:
      - id: t-disputes
        name: 社区纠纷发生率
        kind: decrease
        baseline: {value: 20, date: 2023年12月}
        target: {value: 5, deadline: 2025年底}
    """,
)

_doc(
    "CP102",
    Doc(
        "不认识的键，多为拼写错误或用了中文键名；消息会提示最接近的键。",
        "每个键是否是方案中允许的键。",
        "写错的键会被 cplan 忽略，其中的内容不会参与检查和计算，比如 dedline 写的期限不会起作用。",
        "按消息的提示改成正确的键名；中文键名（如 名称、负责单位）要改成对应的英文键（name、owner）。"
        "允许的键可以在 cplan schema 中查到，装有 YAML 插件的编辑器会在输入时提示。",
        "deadline 拼错了，“负责单位”应写作 owner。",
    ),
    Doc(
        "An unknown key, usually a typo or a Chinese key name; the message suggests the closest key.",
        "that every key is one the plan allows.",
        "cplan ignores a misspelt key: what it holds is neither checked nor computed, so a "
        "deadline written under dedline has no effect.",
        "rename it as the message suggests; a Chinese key (名称, 负责单位) becomes its English "
        "key (name, owner). cplan schema lists the keys, and an editor with a YAML extension "
        "suggests them as you type.",
        "deadline is misspelt, and 负责单位 should be owner.",
    ),
    """\
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, dedline: 2025年底}
        负责单位: wuye
    """,
    """\
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, deadline: 2025年底}
        owner: wuye
    """,
)

_doc(
    "CP103",
    Doc(
        "金额、比例、百分比或日期的写法无法识别，或日期不存在（如 2024-13-01、2月30日）。",
        "金额（480000、48万元、480,000元）、比例（5:5、4:6、50%:50%）、百分比（2%）和日期"
        "（2024年4月中旬、2024-04-13、2025年底、2024年4月中旬至5月上旬）能否读懂，日期是否真实存在。",
        "读不懂的金额和日期无法计算：经费合计、分担金额和进度都会缺一块。",
        "按消息改成 cplan 能读懂的写法：金额用数字，可带“万元”“元”；比例用冒号分隔各部分；"
        "日期写到年、月、旬或日；检查月份和日子是否存在。",
        "“48万圆”中的“圆”无法识别，2月没有30日。",
    ),
    Doc(
        "An amount, ratio, percentage or date cannot be read, or the date does not exist "
        "(2024-13-01, 2月30日).",
        "that amounts (480000, 48万元, 480,000元), ratios (5:5, 4:6, 50%:50%), percentages (2%) "
        "and dates (2024年4月中旬, 2024-04-13, 2025年底, 2024年4月中旬至5月上旬) can be read, and "
        "that the dates exist.",
        "an amount or date that cannot be read cannot be computed with: budget totals, shares "
        "and progress each lose a piece.",
        "write it in a form cplan reads: amounts as numbers, optionally with 万元 or 元; ratios "
        "with colons between the parts; dates to the year, month, 旬 or day; check that the "
        "month and day exist.",
        "The 圆 in 48万圆 cannot be read, and February has no 30th.",
    ),
    """\
    budget:
      lines:
        - {id: b-festival, name: 邻里节活动经费, amount: 48万圆}
    phases:
      - {id: p-check, name: 迎检阶段, when: 2024年2月1日至2月30日}
    """,
    """\
    budget:
      lines:
        - {id: b-festival, name: 邻里节活动经费, amount: 48万元}
    phases:
      - {id: p-check, name: 迎检阶段, when: 2024年2月1日至2月29日}
    """,
)

# -- CP2xx: totals ----------------------------------------------------------------------

_doc(
    "CP201",
    Doc(
        "委员会各界别人数之和应等于写明的总人数。",
        "写了总人数 size 和按界别的构成 composition 的机构，各界别人数相加是否等于总人数。",
        "方案正文说“由 30 人组成”，构成却只列了 29 人，印发出去就是自相矛盾；至少有一处写错了。",
        "核对原文，改正写错的界别人数或总人数，使两者一致。",
        "共建委员会 30 人，各界别之和为 6 + 8 + 5 + 5 + 5 = 29，居民代表应为 6 人。",
    ),
    Doc(
        "A committee's members by sector must add up to its declared size.",
        "for a committee with a size and a composition by sector, that the sectors add up to "
        "the size.",
        "a plan that says 'a committee of 30' and lists 29 contradicts itself once issued; one "
        "of the two figures is wrong.",
        "check the original text and correct the sector or the size so that they agree.",
        "A committee of 30 whose sectors add up to 6 + 8 + 5 + 5 + 5 = 29: the residents' "
        "representatives should be 6.",
    ),
    """\
    committees:
      - id: c-committee
        name: 锦华社区共建委员会
        size: 30
        composition: {政府代表: 6, 居委会代表: 8, 物业公司代表: 5, 社会组织代表: 5, 居民代表: 5}
    """,
    """\
    committees:
      - id: c-committee
        name: 锦华社区共建委员会
        size: 30
        composition: {政府代表: 6, 居委会代表: 8, 物业公司代表: 5, 社会组织代表: 5, 居民代表: 6}
    """,
)

_doc(
    "CP202",
    Doc(
        "机构各角色人数之和应等于总人数；列出成员名单时，各角色人数应与名单一致。",
        "写了按角色的人数 roles（组长 1、副组长 1、成员 5）的机构：各角色相加是否等于总人数 size；"
        "列出成员名单 members 时，名单中每个角色的人数是否与 roles 写的一致。",
        "角色人数、总人数和名单是同一件事的三种写法，对不上就说明有人漏列或多列了。",
        "核对原文，改正角色人数、总人数或名单，使三者一致；名单中每人的 role 要与 roles 中的角色名一字不差。",
        "项目实施小组 5 人，角色之和为 1 + 1 + 2 + 1 = 5，但名单中执行人员只列了 1 人。",
    ),
    Doc(
        "A committee's roles must add up to its size, and match its member list when one is given.",
        "for a committee with head counts by role (组长 1, 副组长 1, 成员 5): that the roles add up "
        "to its size; and when members are listed, that each role has as many members as roles "
        "says.",
        "the roles, the size and the list say the same thing three ways; when they disagree, "
        "someone was left out or counted twice.",
        "check the original text and correct the roles, the size or the list so that they "
        "agree; each member's role must be spelt exactly as in roles.",
        "A project team of 5 whose roles add up to 1 + 1 + 2 + 1 = 5, but only one 执行人员 is "
        "listed.",
    ),
    """\
    committees:
      - id: c-projects
        name: 项目实施小组
        size: 5
        roles: {项目经理: 1, 技术顾问: 1, 执行人员: 2, 财务人员: 1}
        members:
          - {name: 王敏, role: 项目经理}
          - {name: 陈立, role: 技术顾问}
          - {name: 刘洋, role: 执行人员}
          - {name: 赵静, role: 财务人员}
    """,
)

_doc(
    "CP203",
    Doc(
        "成员名单的人数与写明的总人数不一致（名单可能尚未列全）。",
        "同时写了总人数 size 和成员名单 members 的机构，名单人数是否等于总人数。",
        "正式印发的名单应当与总人数一致；草稿阶段名单常常还没列全，所以这只是警告。",
        "把名单补全，或改正总人数；人选未定的，可以先列出角色、姓名留空（cplan 会以 CP701 提醒填写）。",
        "领导小组写明 7 人，名单只列了 6 人。",
    ),
    Doc(
        "The member list is not as long as the declared size (the list may not be complete yet).",
        "for a committee with both a size and a member list, that the list is as long as the size.",
        "an issued list must match the size; in a draft the list is often incomplete, so this "
        "is only a warning.",
        "complete the list or correct the size; list a member whose name is not known yet with "
        "the role and a blank name (CP701 then reminds you to fill it in).",
        "A leading group of 7 with 6 names listed.",
    ),
    """\
    committees:
      - id: c-leading
        name: 创建工作领导小组
        size: 7
        members:
          - {name: 张华, role: 组长}
          - {name: 李强, role: 副组长}
          - {name: 周平, role: 成员}
          - {name: 吴芳, role: 成员}
          - {name: 郑凯, role: 成员}
          - {name: 孙丽, role: 成员}
    """,
)

_doc(
    "CP204",
    Doc(
        "指标分解之和应等于目标值。",
        "写了分解 breakdown 的指标（按年度、按单位等），各部分之和是否等于目标值 value。",
        "分解是落实目标的计划；分解之和少于目标，说明有一部分没有安排，多于目标，说明某一部分写错了。",
        "核对原文，改正分解中的数字或目标值。",
        "新建 13 个中心，第一年 3 个、第二年 9 个，合计 12 个；第二年应为 10 个。",
    ),
    Doc(
        "A target's breakdown must add up to its target value.",
        "for a target with a breakdown (by year, by unit, ...), that the parts add up to the "
        "target value.",
        "the breakdown is how the target gets done; parts adding up to less leave some of it "
        "unplanned, more means one part is wrong.",
        "check the original text and correct a part or the target value.",
        "13 new centres, 3 in the first year and 9 in the second: 12 in all; the second year "
        "should be 10.",
    ),
    """\
    targets:
      - id: t-centres
        name: 建成并投入服务的社区精神康复综合服务中心
        kind: count
        unit: 个
        target: {value: 13, deadline: 2013年底}
        breakdown: {第一年: 3, 第二年: 9}
    """,
    """\
    targets:
      - id: t-centres
        name: 建成并投入服务的社区精神康复综合服务中心
        kind: count
        unit: 个
        target: {value: 13, deadline: 2013年底}
        breakdown: {第一年: 3, 第二年: 10}
    """,
)

_doc(
    "CP205",
    Doc(
        "经费各行之和应等于写明的经费总额。",
        "写了经费总额 budget.total 时，是否等于 cplan 算出的各经费行之和（按单位计列的行对每个单位都计算一次，"
        "按百分比计算的行按其基数计算）。有经费行算不出来时不做此项检查。",
        "总额是审批和拨付的依据，与明细对不上，汇报时就说不清钱到底是多少；实际方案中常有这样的错误。",
        "核对各行的金额和公式；确认总额应为多少后改正 total，或改正写错的那一行。",
        "某镇的社区建设方案写明人员经费 101.7 万元，而正式人员 83.5 万元加临时人员 19.9 万元是 103.4 万元，"
        "相差 1.7 万元。",
    ),
    Doc(
        "The budget lines must add up to the declared budget total.",
        "when budget.total is given, that it equals the sum of the lines as cplan computes them "
        "(a line counted per unit once for every unit, a percentage line on its base). Skipped "
        "when some line cannot be computed.",
        "the total is what gets approved and paid; when it disagrees with the lines, nobody can "
        "say how much the plan costs. Real plans get this wrong.",
        "check the amounts and formulas of the lines; correct total once you know what it should "
        "be, or correct the wrong line.",
        "A town's community plan declares staff costs of 101.7万元, but 83.5万元 for formal "
        "staff and 19.9万元 for temporary staff make 103.4万元: 1.7万元 apart.",
    ),
    """\
    budget:
      total: 101.7万元
      lines:
        - {id: b-formal, name: 社区正式人员经费, amount: 83.5万元}
        - {id: b-temporary, name: 社区临时人员经费, amount: 19.9万元}
    """,
    """\
    budget:
      total: 103.4万元
      lines:
        - {id: b-formal, name: 社区正式人员经费, amount: 83.5万元}
        - {id: b-temporary, name: 社区临时人员经费, amount: 19.9万元}
    """,
)

_doc(
    "CP206",
    Doc(
        "经费行写明的金额应等于按公式计算的金额。",
        "同时写了公式（单价 rate × 数量 quantity × 期数 period，或百分比 percent）和写明金额 declared 的经费行，"
        "两者是否相等。",
        "写明的金额多半抄自原文，公式是它的依据；两者不等，说明原文的算术或公式中有一处错误。",
        "重新计算一遍：确认单价、数量和期数，改正公式或写明的金额。",
        "每个中心 100 人 × 400 元/人/月 × 12 个月 = 480,000 元，写明的却是 45 万元。",
    ),
    Doc(
        "A budget line's declared amount must equal what its formula gives.",
        "for a line with both a formula (rate × quantity × period, or a percent) and a declared "
        "amount, that the two are equal.",
        "the declared amount is usually copied from the original text and the formula is its "
        "basis; when they differ, the arithmetic or the formula has a mistake.",
        "work it out again: check the rate, quantity and period, and correct the formula or the "
        "declared amount.",
        "100 people × 400 元 a person a month × 12 months = 480,000 元 per centre, but the line "
        "declares 45万元.",
    ),
    """\
    budget:
      lines:
        - id: b-base
          name: 基本运营服务经费
          rate: 400
          per: 元/人/月
          quantity: 100
          period: 12
          declared: 45万元
    """,
    """\
    budget:
      lines:
        - id: b-base
          name: 基本运营服务经费
          rate: 400
          per: 元/人/月
          quantity: 100
          period: 12
          declared: 48万元
    """,
)

# -- CP3xx: identifiers and references --------------------------------------------------

_doc(
    "CP301",
    Doc(
        "引用的标识符在方案中没有定义；消息会提示最接近的标识符。",
        "写在 owner（牵头单位）、support（配合单位）、parent（上级）、出资方（sharing 中的 funders、fixed、"
        "remainder）、经费行的 units 和 of 等处的标识符，是否在方案的 units、committees 及其成员、funders、"
        "targets、phases 或 budget.lines 中定义过。",
        "引用不到的单位在报告中没有名称，引用不到的出资方没有人出钱：责任和经费都会落空。",
        "改正拼写（消息会提示最接近的标识符），或在相应部分补上它的定义，如在 units 中加一行 "
        "{id: wuye, name: 锦华物业服务有限公司}。",
        "指标的牵头单位写成了 wuyee，方案中定义的是 wuye。",
    ),
    Doc(
        "An identifier referred to is not defined in the plan; the message suggests the closest one.",
        "that the identifiers written as owner, support, parent, funders (funders, fixed and "
        "remainder in a sharing), and in a budget line's units and of, are defined in the plan's "
        "units, committees and their members, funders, targets, phases or budget lines.",
        "a unit that cannot be found has no name in the report, and a funder that cannot be "
        "found pays nothing: the duty and the money are lost.",
        "correct the spelling (the message suggests the closest identifier), or define it in the "
        "right part, such as a line {id: wuye, name: 锦华物业服务有限公司} in units.",
        "The target's owner is written wuyee; the plan defines wuye.",
    ),
    """\
    units:
      - {id: wuye, name: 锦华物业服务有限公司, kind: 企业}
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, deadline: 2025年底}
        owner: wuyee
    """,
    """\
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, deadline: 2025年底}
        owner: wuye
    """,
)

_doc(
    "CP302",
    Doc(
        "同一个标识符定义了两次。",
        "单位、机构、成员、出资方、指标、阶段和经费行的标识符 id 在整个方案中是否唯一（它们共用一套标识符）。",
        "引用只写标识符；同一个标识符指向两样东西，cplan 和读者都无法知道指的是哪一个。",
        "给其中一个换一个标识符，并改正引用它的地方。",
        "单位“街道办事处”和“街道财政”都用了 jiedao；出资方改为 jiedao-cz，经费分担中的 jiedao 也一并改为 jiedao-cz。",
    ),
    Doc(
        "The same identifier is defined twice.",
        "that every id of a unit, committee, member, funder, target, phase or budget line is "
        "unique in the plan (they share one set of identifiers).",
        "a reference is just an identifier; when one identifier names two things, neither cplan "
        "nor a reader can tell which is meant.",
        "give one of them another identifier and correct the references to it.",
        "The sub-district office and the sub-district's budget both use jiedao; rename the "
        "funder jiedao-cz, and the sharing that names it too.",
    ),
    """\
    units:
      - {id: jiedao, name: 锦江路街道办事处, kind: 街道}
    funders:
      - {id: jiedao, name: 街道财政}
    """,
    """\
    units:
      - {id: jiedao, name: 锦江路街道办事处, kind: 街道}
    funders:
      - {id: jiedao-cz, name: 街道财政}
    """,
)

_doc(
    "CP303",
    Doc(
        "上级关系形成了循环（如 A 的上级是 B，B 的上级又是 A）。",
        "单位和机构的 parent（上级）一级级往上找，是否又回到了自己。",
        "上级关系决定汇总和分担比例的归属；出现循环，就找不到最上一级，汇总和分担无从计算。",
        "改正其中一个 parent：通常是把下级单位的 parent 写成了上级，或上级的 parent 误写成了下级。",
        "居委会的上级是街道，街道的上级又写成了居委会。",
    ),
    Doc(
        "The parents form a cycle (A's parent is B and B's parent is A).",
        "that following the parent of units and committees upwards never comes back to where it "
        "started.",
        "the parents decide where amounts roll up and which ratio applies; with a cycle there is "
        "no top, and neither can be worked out.",
        "correct one parent: usually a higher unit was given the lower one as its parent.",
        "The residents' committee's parent is the sub-district, and the sub-district's parent "
        "is the residents' committee.",
    ),
    """\
    units:
      - {id: jiedao, name: 锦江路街道办事处, kind: 街道, parent: juweihui}
      - {id: juweihui, name: 锦华社区居委会, kind: 社区, parent: jiedao}
    """,
    """\
    units:
      - {id: jiedao, name: 锦江路街道办事处, kind: 街道}
      - {id: juweihui, name: 锦华社区居委会, kind: 社区, parent: jiedao}
    """,
)

# -- CP4xx: dates and phases ------------------------------------------------------------

_doc(
    "CP401",
    Doc(
        "实施阶段应按时间先后排列：一个阶段不能早于前一阶段开始。",
        "phases 中每个阶段的开始时间是否不早于前一个阶段的开始时间。",
        "阶段的顺序就是工作的顺序，报告按此顺序列出；倒序多半是日期写错了，常见的是跨年的方案把年份写错。",
        "核对日期并改正；顺序本身不对时，调整阶段的先后。跨年的方案中没有写年份的日期，cplan 取使阶段保持先后顺序的那一年。",
        "一个 2023—2024 年的方案，第三阶段从上一年的方案复制过来，年份仍是 2023 年，早于前一阶段的 2023 年 12 月。",
    ),
    Doc(
        "Phases must be in time order: no phase may start before the previous one.",
        "that each phase in phases starts no earlier than the one before it.",
        "the order of the phases is the order of the work, and the report lists them that way; "
        "a phase out of order usually has a wrong date, often the wrong year in a plan spanning "
        "two years.",
        "check and correct the dates; if the order itself is wrong, reorder the phases. In a "
        "plan spanning two years, a date written without a year takes the year that keeps the "
        "phases in order.",
        "In a 2023–2024 plan, the third phase was copied from the year before and still says "
        "2023: it starts before the phase of December 2023 above it.",
    ),
    """\
    period: 2023年至2024年
    phases:
      - {id: p-start, name: 动员部署, when: 2023年10月上旬至11月下旬}
      - {id: p-work, name: 组织实施, when: 2023年12月上旬至2024年1月下旬}
      - {id: p-check, name: 检查验收, when: 2023年2月上旬至3月下旬}
    """,
    """\
    phases:
      - {id: p-check, name: 检查验收, when: 2024年2月上旬至3月下旬}
    """,
)

_doc(
    "CP402",
    Doc(
        "实施阶段应在方案期限之内。",
        "每个阶段的起止时间是否都在方案期限 period 之内。",
        "方案期限是方案有效的时间；超出期限的阶段不在本方案的安排之内，多半是期限或阶段的日期写错了。",
        "改正阶段的日期或方案期限；期限要延长时，同时改正 period 和正文中的说法。",
        "方案期限为 2024 年至 2025 年，最后一个阶段却写到 2026 年 3 月。",
    ),
    Doc(
        "Phases must lie within the plan period.",
        "that every phase starts and ends within the plan's period.",
        "the period is when the plan applies; a phase outside it is not part of this plan, and "
        "usually the period or the phase has a wrong date.",
        "correct the phase's dates or the period; if the plan is extended, change period and "
        "the text that states it.",
        "The period is 2024 to 2025, but the last phase runs into March 2026.",
    ),
    """\
    period: 2024年至2025年
    phases:
      - {id: p-review, name: 总结评估, when: 2025年12月上旬至2026年3月下旬}
    """,
    """\
    period: 2024年至2025年
    phases:
      - {id: p-review, name: 总结评估, when: 2025年11月上旬至12月下旬}
    """,
)

_doc(
    "CP403",
    Doc(
        "相邻阶段的时间重叠。",
        "每个阶段是否在前一阶段结束之前就开始了。",
        "前后衔接的阶段常会有意重叠几天，所以这只是警告；但重叠较长时，说明分工或日期可能没有排好。",
        "确属有意时可以不改；否则把后一阶段的开始推到前一阶段结束之后，或把前一阶段的结束提前。"
        "要在一处关闭这个提醒，可在该行末尾写 # cplan: disable=CP403。",
        "全面提升阶段到 8 月中旬结束，迎接检查阶段从 8 月中旬开始，两者共有 8 月 11 日至 20 日这一旬。",
    ),
    Doc(
        "Neighbouring phases overlap.",
        "whether a phase starts before the previous one ends.",
        "consecutive phases often overlap a few days on purpose, so this is only a warning; a "
        "long overlap suggests the dates or the split of the work need another look.",
        "leave it if it is intended; otherwise start the later phase after the earlier one ends, "
        "or end the earlier one sooner. To silence it in one place, end the line with "
        "# cplan: disable=CP403.",
        "The improvement phase ends in mid-August and the inspection phase starts in mid-August: "
        "they share the ten days from 11 to 20 August.",
    ),
    """\
    phases:
      - {id: p-improve, name: 全面提升阶段, when: 2024年7月中旬至8月中旬}
      - {id: p-inspect, name: 迎接检查阶段, when: 2024年8月中旬至年底}
    """,
    """\
    phases:
      - {id: p-improve, name: 全面提升阶段, when: 2024年7月中旬至8月中旬}
      - {id: p-inspect, name: 迎接检查阶段, when: 2024年8月下旬至年底}
    """,
)

_doc(
    "CP404",
    Doc(
        "相邻阶段之间有空档。",
        "前一阶段结束后，下一阶段是否紧接着开始，中间是否隔了几天。",
        "阶段之间的空档可能是有意安排的间歇，也可能是日期写错了，所以这只是警告，消息会写出隔了多少天。",
        "确属有意时可以不改；否则把下一阶段的开始提前到前一阶段结束的次日，或把前一阶段的结束延后。",
        "准备阶段到 4 月 15 日结束，迎检阶段却从 4 月 21 日开始，中间隔了 5 天。",
    ),
    Doc(
        "There is a gap between neighbouring phases.",
        "whether the next phase starts right after the previous one ends, or some days later.",
        "a gap may be a planned pause or a wrong date, so this is only a warning; the message "
        "says how many days lie between.",
        "leave it if it is intended; otherwise start the next phase the day after the previous "
        "one ends, or end the previous one later.",
        "The preparation phase ends on 15 April and the inspection phase starts on 21 April: 5 "
        "days in between.",
    ),
    """\
    phases:
      - {id: p-prepare, name: 准备阶段, when: 2024年3月11日至4月15日}
      - {id: p-inspect, name: 迎检阶段, when: 2024年4月21日至4月30日}
    """,
    """\
    phases:
      - {id: p-prepare, name: 准备阶段, when: 2024年3月11日至4月15日}
      - {id: p-inspect, name: 迎检阶段, when: 2024年4月16日至4月30日}
    """,
)

_doc(
    "CP405",
    Doc(
        "阶段内任务的完成期限不在该阶段的起止时间之内。",
        "阶段中写了完成期限 due 的任务，期限是否落在该阶段的时间之内。",
        "任务属于哪个阶段，就应在那个阶段完成；期限落在阶段之外，要么任务放错了阶段，要么期限写错了。",
        "改正任务的期限，或把任务移到它实际所在的阶段。",
        "调研阶段到 4 月下旬结束，其中“形成需求调研报告”的期限却写成 5 月中旬。",
    ),
    Doc(
        "A task's due date lies outside its phase.",
        "for each task with a due date, that the date falls within its phase.",
        "a task belongs to a phase and should be done within it; a due date outside means the "
        "task is in the wrong phase or the date is wrong.",
        "correct the due date, or move the task to the phase it belongs to.",
        "The survey phase ends in late April, but its task 形成需求调研报告 is due in mid-May.",
    ),
    """\
    phases:
      - id: p-survey
        name: 第一步 社区需求调研
        when: 2024年3月上旬至4月下旬
        tasks:
          - {name: 形成需求调研报告, due: 2024年5月中旬}
    """,
    """\
    phases:
      - id: p-survey
        name: 第一步 社区需求调研
        when: 2024年3月上旬至4月下旬
        tasks:
          - {name: 形成需求调研报告, due: 2024年4月下旬}
    """,
)

_doc(
    "CP406",
    Doc(
        "到位或支出记录的日期不在方案期限之内。",
        "经费行下每笔到位记录（received）和支出记录（spent）的日期 date 是否落在方案期限 period 之内。",
        "方案期限以外的到位和支出不属于本方案，多半是年份写错了；计入了，到位率和执行率就不准。",
        "核对凭证上的日期并改正；确属上一期或下一期的资金，记到相应的方案中。",
        "方案期限是 2025年至2026年，一笔拨付却写成了 2052年3月20日。",
    ),
    Doc(
        "A money received or spent record is dated outside the plan period.",
        "that the date of every receipt (received) and expense (spent) under a budget line "
        "falls within the plan period.",
        "money received or spent outside the period does not belong to this plan; usually "
        "the year is mistyped, and counting it makes the rates wrong.",
        "check the date on the voucher and correct it; money of another period belongs in "
        "that period's plan.",
        "The plan runs 2025 to 2026, but a transfer is dated 2052-03-20.",
    ),
    """\
    period: 2025年至2026年
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-meals
          name: 老年助餐补贴
          amount: 20万元
          received:
            - {funder: district, amount: 5万元, date: 2052年3月20日}
    """,
    """\
    period: 2025年至2026年
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-meals
          name: 老年助餐补贴
          amount: 20万元
          received:
            - {funder: district, amount: 5万元, date: 2025年3月20日}
    """,
)

# -- CP5xx: money and cost sharing ------------------------------------------------------

_doc(
    "CP501",
    Doc(
        "分担比例的各部分不能为负数，也不能全部为零。",
        "经费默认分担、经费行和单位所写的分担比例 ratio：是否有负数，各部分是否全为零。",
        "负数的比例会让一方“倒贴”，全为零则没有人出钱，按这样的比例算出的分担金额没有意义。",
        "改正比例：一方全额承担写作 0:10 或 10:0，是允许的；全为零多半是漏填了数字。",
        "“-1:11”中有负数，“0:0”没有人出钱；区全额承担应写作 0:10。",
    ),
    Doc(
        "A sharing ratio may not have a negative part, nor be all zeros.",
        "every sharing ratio (the budget's default sharing, a line's, a unit's): no negative "
        "part, and not every part zero.",
        "a negative part makes a funder pay back, and all zeros means nobody pays: the shares "
        "worked out from such a ratio mean nothing.",
        "correct the ratio; one funder paying everything is written 0:10 or 10:0, which is fine; "
        "all zeros usually means a figure was left out.",
        "-1:11 has a negative part and 0:0 makes nobody pay; the district paying all is 0:10.",
    ),
    """\
    units:
      - {id: c-nansha, name: 南沙区社区精神康复综合服务中心, kind: 中心, sharing: "-1:11"}
      - {id: c-luogang, name: 萝岗区社区精神康复综合服务中心, kind: 中心, sharing: "0:0"}
    """,
    """\
    units:
      - {id: c-nansha, name: 南沙区社区精神康复综合服务中心, kind: 中心, sharing: "0:10"}
      - {id: c-luogang, name: 萝岗区社区精神康复综合服务中心, kind: 中心, sharing: "0:10"}
    """,
)

_doc(
    "CP502",
    Doc(
        "单位的分担比例应与经费默认分担的出资方一一对应。",
        "单位写的分担比例（如 4:6）按经费默认分担 budget.sharing 中 funders 的顺序对应出资方（如 市、区），"
        "比例的部分数是否等于出资方的个数。",
        "部分数与出资方个数不同，就无法知道每个数字是哪一方的份额，该单位的经费无法分担。",
        "按 budget.sharing 的出资方顺序写比例，每个出资方一个数字；默认分担是 [city, district] 时，写 4:6，"
        "不写 4:4:2。",
        "默认分担的出资方是市、区两方，天河区中心的比例却写了三个部分。",
    ),
    Doc(
        "A unit's sharing ratio must have one part for each funder of the budget's default sharing.",
        "a unit's ratio (4:6) is read against the funders of budget.sharing in their order (city, "
        "district): that it has as many parts as there are funders.",
        "with more or fewer parts than funders, nobody can tell which figure is whose share, and "
        "the unit's amounts cannot be shared.",
        "write one figure for each funder, in the order of budget.sharing's funders: with "
        "[city, district], write 4:6, not 4:4:2.",
        "The default sharing names two funders, city and district, but the 天河区 centre's ratio "
        "has three parts.",
    ),
    """\
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, sharing: "4:4:2"}
    """,
    """\
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, sharing: "4:6"}
    """,
)

_doc(
    "CP503",
    Doc(
        "经费行没有出资方：既没有本行的分担方式，也没有经费默认分担。",
        "没有写经费默认分担 budget.sharing 时，每个经费行是否写了自己的 sharing。",
        "没有出资方的经费不会分到任何一方，汇总时成为“未落实出资方”的金额，报告中看不出由谁出钱。",
        '在 budget 下写默认分担，如 sharing: {funders: [city, district], ratio: "5:5"}，或 '
        "sharing: {fixed: {city: 12.5万元}, remainder: town}；或者给这一行写它自己的 sharing。",
        "方案没有默认分担，邻里节活动经费也没有写由谁出资。",
    ),
    Doc(
        "A budget line has no funder: no sharing of its own and no default sharing.",
        "when the budget has no default sharing, that every line has a sharing of its own.",
        "an amount without a funder is shared by nobody: it shows up as unfunded, and the report "
        "does not say who pays it.",
        "give the budget a default sharing, such as sharing: {funders: [city, district], "
        'ratio: "5:5"} or sharing: {fixed: {city: 12.5万元}, remainder: town}; or give the line '
        "a sharing of its own.",
        "The plan has no default sharing, and the neighbourhood festival line names no funder.",
    ),
    """\
    budget:
      lines:
        - {id: b-festival, name: 邻里节活动经费, amount: 3万元}
    """,
    """\
    budget:
      lines:
        - id: b-festival
          name: 邻里节活动经费
          amount: 3万元
          sharing: {funders: [jiedao-cz, juweihui], ratio: "6:4"}
    """,
)

_doc(
    "CP504",
    Doc(
        "定额出资之和不能超过它所覆盖的经费，否则承担余额的一方成了负数。",
        "定额补助加余额兜底的分担方式（fixed + remainder）：定额之和是否超过它覆盖的经费。经费默认分担中的定额"
        "覆盖所有没有自己分担方式的经费行（只计一次），经费行自己的定额只覆盖本行。",
        "定额超过经费时，承担余额的一方要“出”负数，分担金额不再可信；多半是定额写成了全年总额，或单位写错了"
        "（如 12.5 万元写成了 125 万元）。",
        "核对定额和它覆盖的经费；把定额写在它实际补助的那一行，或改正金额。",
        "市财政定额补助 125 万元，而人员经费一共只有 103.4 万元；原文是 12.5 万元。",
    ),
    Doc(
        "Fixed contributions may not exceed the amounts they cover, or the remainder funder pays "
        "a negative amount.",
        "with fixed + remainder sharing: that the fixed sums do not exceed what they cover. A "
        "fixed sum in the budget's default sharing covers every line without a sharing of its "
        "own, once; a fixed sum in a line's own sharing covers that line.",
        "when the fixed sums exceed the amount, the remainder funder 'pays' a negative amount "
        "and the shares cannot be trusted; usually the fixed sum is a whole year's total or has "
        "the wrong unit (125万元 for 12.5万元).",
        "check the fixed sum against what it covers; write it on the line it actually "
        "subsidises, or correct the amount.",
        "The city's fixed subsidy is 125万元 but all staff costs come to 103.4万元; the original "
        "says 12.5万元.",
    ),
    """\
    budget:
      sharing: {fixed: {city: 125万元}, remainder: town}
      lines:
        - {id: b-formal, name: 社区正式人员经费, amount: 83.5万元}
        - {id: b-temporary, name: 社区临时人员经费, amount: 19.9万元}
    """,
    """\
    budget:
      sharing: {fixed: {city: 12.5万元}, remainder: town}
    """,
)

_doc(
    "CP505",
    Doc(
        "按百分比计算的经费行不能直接或间接以自身为基数。",
        "写了 percent 和 of 的经费行：顺着 of 一路找下去，是否又找回了这一行。",
        "以自身为基数的金额永远算不出来（算出它需要先知道它），这一行和经费总额都会缺失。",
        "改正 of，只列出作为基数的其他经费行，如第三方监测经费按基本和绩效运营经费之和的 2% 计算。",
        "监测经费的基数中包括了它自己。",
    ),
    Doc(
        "A percentage budget line may not be based on itself, directly or through others.",
        "for a line with percent and of: that following of from line to line never comes back "
        "to it.",
        "an amount based on itself can never be worked out (computing it needs it first), so "
        "the line and the budget total are both missing.",
        "correct of so that it names only the other lines the percentage is of, such as "
        "monitoring at 2% of the base and performance funds.",
        "The monitoring line's base includes the monitoring line itself.",
    ),
    """\
    budget:
      lines:
        - {id: b-monitoring, name: 第三方服务质量监测经费, percent: 2%, of: [b-base, b-performance, b-monitoring]}
    """,
    """\
    budget:
      lines:
        - {id: b-monitoring, name: 第三方服务质量监测经费, percent: 2%, of: [b-base, b-performance]}
    """,
)

_doc(
    "CP506",
    Doc(
        "按单位计列的经费行所用的数量，每个单位都要填写。",
        "数量 quantity 写成名称（如 服务人数）的经费行：按 units 或 unit_kind 计列的每个单位，是否在其 "
        "quantities 中填写了这个数量；没有写按哪些单位计列的，不能用名称作数量。",
        "缺少数量的单位算不出这一行的金额，经费总额和各方分担都会少算。",
        "在每个单位的 quantities 中补上该数量，名称与经费行中一字不差，如 quantities: {服务人数: 150}；"
        "或用 units、unit_kind 写明这一行按哪些单位计列。",
        "基本运营经费按各中心的服务人数计算，海珠区中心没有填写服务人数。",
    ),
    Doc(
        "Every unit a budget line is counted for must give the quantity the line uses.",
        "for a line whose quantity is a name (服务人数): that every unit it is counted for (units "
        "or unit_kind) gives that quantity in its quantities; a line counted for no unit cannot "
        "use a named quantity.",
        "a unit without the quantity has no amount for the line, so the budget total and the "
        "shares come out short.",
        "add the quantity to every unit's quantities, spelt exactly as in the line, such as "
        "quantities: {服务人数: 150}; or name the units the line is counted for with units or "
        "unit_kind.",
        "The base operating funds are per centre by 服务人数, and the 海珠区 centre does not give "
        "one.",
    ),
    """\
    units:
      - {id: c-haizhu, name: 海珠区社区精神康复综合服务中心, kind: 中心, quantities: {工作人员: 9}}
    budget:
      lines:
        - {id: b-base, name: 基本运营服务经费, rate: 400, per: 元/人/月, quantity: 服务人数, period: 12, unit_kind: 中心}
    """,
    """\
    units:
      - {id: c-haizhu, name: 海珠区社区精神康复综合服务中心, kind: 中心, quantities: {服务人数: 120, 工作人员: 9}}
    """,
)

_doc(
    "CP507",
    Doc(
        "出资方承诺的金额与按分担方式算出的金额不一致。",
        "写了承诺金额 pledge 的出资方，承诺是否等于 cplan 按各经费行的分担方式算出的该方应出金额。",
        "承诺是出资方答应拿出的钱；与算出的份额不同，说明分担比例、经费或承诺中有一处与实际安排不符，"
        "到拨付时就会出现缺口或多余。",
        "核对该出资方涉及的经费行和比例；确认后改正分担方式、经费或承诺金额。消息会写出两个金额。",
        "社会资本承诺出资 300 万元，按便民服务设施 750 万元的 2:3:5 分担，应出 375 万元。",
    ),
    Doc(
        "A funder's pledge differs from the share its sharing assigns it.",
        "for each funder with a pledge, that the pledge equals what cplan assigns it from the "
        "sharing of every budget line.",
        "a pledge is what the funder agreed to pay; when it differs from the computed share, a "
        "ratio, an amount or the pledge does not match the real arrangement, and there will be "
        "a shortfall or a surplus when the money is paid.",
        "check the lines and ratios that involve the funder, then correct the sharing, the "
        "amounts or the pledge. The message gives both amounts.",
        "Private capital pledges 300万元, but 2:3:5 of the 750万元 service facilities assigns it "
        "375万元.",
    ),
    """\
    funders:
      - {id: social, name: 社会资本, fund: 社会资本, pledge: 300万元}
    budget:
      lines:
        - id: b-services
          name: 社会组织运营的便民服务设施
          amount: 750万元
          sharing: {funders: [city, district, social], ratio: "2:3:5"}
    """,
    """\
    funders:
      - {id: social, name: 社会资本, fund: 社会资本, pledge: 375万元}
    """,
)

_doc(
    "CP508",
    Doc(
        "单位写了分担比例，但没有一笔经费按它分担，这个比例不起作用。",
        "单位的分担比例（如 天河区 4:6）只在以下情况下起作用：经费行按这个单位或它的下级单位计列；该行没有自己的 "
        "sharing（本行的分担优先）；经费默认分担是按比例的（funders + ratio），单位比例按它的出资方顺序对应；"
        "离金额更近的单位没有自己的比例（中心自己的 8:2 优先于所在区的 4:6）。都不满足时，这个比例不影响任何金额。"
        "已由 CP501 或 CP502 报告的比例不再重复报告。",
        "比例写了却没有用上，cplan 算出的分担就不是方案看上去的样子，按此拨付会出错。",
        "按消息说明的原因修改：把默认分担写成 funders + ratio；删去经费行自己的 sharing；在经费行的 units 或 "
        "unit_kind 中包含这个单位；或者删去不需要的比例。",
        "天河区写了 4:6，但默认分担是定额补助加余额兜底（fixed + remainder），单位比例不起作用。",
    ),
    Doc(
        "A unit has a sharing ratio that no amount is shared by, so it is ignored.",
        "a unit's ratio (天河区 4:6) splits a budget line's amount when: the line is counted for "
        "the unit or a unit under it; the line has no sharing of its own (a line's sharing "
        "wins); the budget's default sharing is a ratio between funders (funders + ratio), read "
        "in the order of its funders; and no unit nearer to the amount has a ratio (a centre's "
        "8:2 beats its district's 4:6). Otherwise the ratio changes no amount. Ratios CP501 or "
        "CP502 already report are not reported again.",
        "a ratio written but not used means the shares cplan works out are not what the plan "
        "seems to say, and paying by them goes wrong.",
        "fix what the message says is missing: make the default sharing funders + ratio; remove "
        "the line's own sharing; count the line for the unit (units or unit_kind); or delete a "
        "ratio that is not needed.",
        "天河区 has 4:6, but the default sharing is a fixed sum plus a remainder, so unit "
        "ratios do not apply.",
    ),
    """\
    units:
      - {id: tianhe, name: 天河区, kind: 区, sharing: "4:6"}
    budget:
      sharing: {fixed: {city: 12.5万元}, remainder: district}
    """,
    """\
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
    """,
)

_doc(
    "CP509",
    Doc(
        "一笔到位或支出记录无法归属到本行的单位或出资方，没有统计。",
        "到位和支出记录所写的单位 unit 是否是本行计列的单位（units 或 unit_kind）；按单位计列的经费行下，"
        "不写单位的到位资金要按各单位应由该出资方承担的份额分摊，该出资方是否在某个单位承担了份额。"
        "单位或出资方根本没有定义的，由 CP301 报告。",
        "无法归属的资金不计入任何一行、任何单位，到位率和执行率就少算了这笔钱；cplan 不会悄悄把它算到别处。",
        "把 unit 改为本行计列的单位；支出不分单位时删去 unit；到位资金写明拨给哪个单位，或核对出资方。",
        "社区服务中心建设经费按 3 个中心计列，一笔支出却记在不在其中的“荷塘社区”名下。",
    ),
    Doc(
        "A money received or spent record cannot be attributed to the line's units or funders "
        "and is not counted.",
        "that the unit a receipt or expense names is one the line is counted for (units or "
        "unit_kind); and, on a per-unit line, that a receipt naming no unit comes from a "
        "funder that pays a share for some unit, so it can be split by those shares. Names "
        "not defined at all are CP301's.",
        "money that cannot be attributed is counted for no line and no unit, so the rates "
        "leave it out; cplan never quietly counts it somewhere else.",
        "name a unit the line is counted for; drop unit from an expense of the line as a "
        "whole; say which unit a receipt is for, or check its funder.",
        "A line counted for three centres records an expense for 荷塘社区, which is not one "
        "of them.",
    ),
    """\
    units:
      - {id: c-east, name: 东区中心}
      - {id: c-west, name: 西区中心}
      - {id: c-north, name: 北区中心}
      - {id: hetang, name: 荷塘社区}
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-centres
          name: 社区服务中心建设
          amount: 10万元
          units: [c-east, c-west, c-north]
          spent:
            - {unit: hetang, amount: 3万元, date: 2024年6月30日}
    """,
    """\
    units:
      - {id: c-east, name: 东区中心}
      - {id: c-west, name: 西区中心}
      - {id: c-north, name: 北区中心}
      - {id: hetang, name: 荷塘社区}
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-centres
          name: 社区服务中心建设
          amount: 10万元
          units: [c-east, c-west, c-north]
          spent:
            - {unit: c-east, amount: 3万元, date: 2024年6月30日}
    """,
)

_doc(
    "CP510",
    Doc(
        "记有某出资方的到位资金，但该出资方不承担这一行经费。",
        "到位记录（received）的出资方 funder 是否在本行的分担中承担了份额（金额大于零）。",
        "不承担份额的出资方拨来了钱，要么出资方写错了，要么分担方式没有写全；到位率会显示超过 100%。",
        "核对凭证上的拨款单位，改正 funder；或把该出资方补进本行的分担 sharing。",
        "绿化经费由市、区按 3:7 分担，一笔到位却记为“社会资本”。",
    ),
    Doc(
        "Money is recorded as received from a funder that pays no share of the line.",
        "that the funder of every receipt (received) pays a share (more than zero) of the "
        "line under the sharing.",
        "a funder with no share paying in means either the funder is wrong or the sharing is "
        "incomplete; the received rate shows more than 100%.",
        "check who made the transfer and correct funder, or add the funder to the line's sharing.",
        "Greening is shared 3:7 by city and district, but a receipt names social capital.",
    ),
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      lines:
        - id: b-green
          name: 社区增绿补绿
          amount: 1200万元
          sharing: {funders: [city, district], ratio: "3:7"}
          received:
            - {funder: social, amount: 50万元, date: 2024年4月1日}
    """,
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      lines:
        - id: b-green
          name: 社区增绿补绿
          amount: 1200万元
          sharing: {funders: [city, district], ratio: "3:7"}
          received:
            - {funder: city, amount: 50万元, date: 2024年4月1日}
    """,
)

_doc(
    "CP511",
    Doc(
        "一行经费（或其中一个单位）的支出超过了计划金额（超支）。",
        "每行经费所有支出记录（spent）之和是否超过本行计算出的金额；按单位计列的行，逐个单位比较。",
        "多数方案规定超支不补；超支要么是支出记错了，要么需要及时调整经费，不能等到结算时才发现。",
        "核对支出凭证，改正记错的金额；确需追加的，按程序调整本行经费。",
        "越秀中心基本运营服务经费计划 48万元，支出已记 49.2万元。",
    ),
    Doc(
        "A budget line (or one unit of it) has spent more than planned (overspent).",
        "that the expenses (spent) of each line add up to no more than its computed amount; "
        "on a per-unit line, unit by unit.",
        "most plans say overspending is not topped up; an overspend is either an expense "
        "recorded wrongly or a budget to adjust in time, not at settlement.",
        "check the vouchers and correct a wrong amount; if more money is really needed, adjust "
        "the line's budget by the proper procedure.",
        "A centre's base funds are 48万元, and 49.2万元 has been spent.",
    ),
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-base
          name: 基本运营服务经费
          amount: 48万元
          spent:
            - {amount: 49.2万元, date: 2024年12月20日}
    """,
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-base
          name: 基本运营服务经费
          amount: 48万元
          spent:
            - {amount: 48万元, date: 2024年12月20日}
    """,
)

_doc(
    "CP512",
    Doc(
        "一行经费的支出超过了已到位的资金。",
        "每行经费所有支出记录（spent）之和是否超过所有到位记录（received）之和。",
        "钱还没到就花了，要么有到位记录漏记，要么是垫支，需要催促资金到位；台账上的结余会是负数。",
        "补记漏掉的到位记录；确属垫支的，催促出资方拨付。",
        "社区增绿补绿到位 300万元，支出已记 320万元。",
    ),
    Doc(
        "A budget line has spent more than it has received.",
        "that the expenses (spent) of each line add up to no more than its receipts (received).",
        "money spent before it arrived means a receipt is missing from the records or the "
        "spending was advanced and the funders must be asked to pay; the balance shows negative.",
        "record the missing receipts; if the money was advanced, ask the funders to pay.",
        "Greening has received 300万元 and spent 320万元.",
    ),
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-green
          name: 社区增绿补绿
          amount: 1200万元
          received:
            - {funder: city, amount: 300万元, date: 2024年4月1日}
          spent:
            - {amount: 320万元, date: 2024年9月30日}
    """,
    """\
    funders:
      - {id: city, name: 市财政}
      - {id: district, name: 区财政}
      - {id: social, name: 社会资本}
    budget:
      sharing: {funders: [city, district], ratio: "5:5"}
      lines:
        - id: b-green
          name: 社区增绿补绿
          amount: 1200万元
          received:
            - {funder: city, amount: 300万元, date: 2024年4月1日}
            - {funder: district, amount: 20万元, date: 2024年9月1日}
          spent:
            - {amount: 320万元, date: 2024年9月30日}
    """,
)

# -- CP6xx: targets ---------------------------------------------------------------------

_doc(
    "CP601",
    Doc(
        "目标值应与指标方向一致：提升类高于基线，降低类低于基线。",
        "指标类型为 increase（提升）时目标值是否高于基线，为 decrease（降低）时是否低于基线。",
        "方向与数字相反时，进度会算成负数或一开始就“完成”；这几乎总是把数字填反了，或选错了指标类型。",
        "核对基线和目标值，或改正指标类型：发生率、发案率等越低越好的指标用 decrease，满意度、覆盖率用 increase。",
        "社区纠纷发生率从 20% 降到 5%，类型却写成了 increase。",
    ),
    Doc(
        "A target must move the way its kind says: up for increase, down for decrease.",
        "that an increase target is above its baseline, and a decrease target below it.",
        "with the figures the wrong way round, progress comes out negative, or 'done' from the "
        "start; the figures are almost always swapped, or the kind is wrong.",
        "check the baseline and target value, or correct the kind: rates that should fall "
        "(disputes, crime) are decrease, satisfaction and coverage are increase.",
        "The dispute rate goes from 20% down to 5%, but the kind is increase.",
    ),
    """\
    targets:
      - id: t-disputes
        name: 社区纠纷发生率
        kind: increase
        unit: "%"
        baseline: {value: 20, date: 2023年12月}
        target: {value: 5, deadline: 2025年底}
    """,
    """\
    targets:
      - id: t-disputes
        name: 社区纠纷发生率
        kind: decrease
        unit: "%"
        baseline: {value: 20, date: 2023年12月}
        target: {value: 5, deadline: 2025年底}
    """,
)

_doc(
    "CP602",
    Doc(
        "指标类型与所填的目标不匹配。",
        "相对变化类（relative）指标要有基线，并写变化幅度 change（如 -30%），不写 value；其他类型写目标值 value，"
        "不写 change；零容忍类（zero）的目标值为 0。",
        "同一个目标写法不同，进度的算法也不同；写法与类型不符，进度就算不出来或算错。",
        "按类型改写目标：“刑事案件发案率降低 30%”写 kind: relative、change: -30% 并写基线；"
        "“发案率降到 0.5%”写 kind: decrease、value: 0.5；“安全责任事故 0 起”写 kind: zero、value: 0。",
        "“比上年降低 30%”写成了 value: 30。",
    ),
    Doc(
        "A target's kind and what its target gives do not match.",
        "a relative target has a baseline and a change (such as -30%) and no value; other kinds "
        "have a value and no change; a zero target's value is 0.",
        "each way of writing a target is computed differently; written against its kind, its "
        "progress cannot be computed or comes out wrong.",
        "write the target the way its kind needs: 'crime down 30%' is kind: relative, change: "
        "-30% with a baseline; 'crime rate down to 0.5%' is kind: decrease, value: 0.5; 'no "
        "safety accidents' is kind: zero, value: 0.",
        "'30% lower than last year' written as value: 30.",
    ),
    """\
    targets:
      - id: t-crime
        name: 刑事案件发案率
        kind: relative
        baseline: {value: 1.2, date: 2023年}
        target: {value: 30, deadline: 2024年底}
    """,
    """\
    targets:
      - id: t-crime
        name: 刑事案件发案率
        kind: relative
        baseline: {value: 1.2, date: 2023年}
        target: {change: -30%, deadline: 2024年底}
    """,
)

_doc(
    "CP603",
    Doc(
        "基线日期应早于完成期限；实际值的日期不应早于基线日期。",
        "指标的基线日期是否早于完成期限；每个实际值 actuals 的日期是否不早于基线日期。",
        "进度按从基线到期限的时间计算；基线晚于期限，时间进度无从谈起；早于基线的实际值不能说明进展。",
        "改正基线日期、期限或实际值的日期；常见的是年份写错。",
        "基线日期写成了 2026 年，而期限是 2025 年底。",
    ),
    Doc(
        "A baseline must be dated before the deadline, and no actual value before the baseline.",
        "that a target's baseline date is before its deadline, and that no actual value is "
        "dated before the baseline.",
        "schedule status measures the time from baseline to deadline; a baseline after the "
        "deadline makes that meaningless, and an actual value before the baseline says nothing "
        "about progress.",
        "correct the baseline date, the deadline or the actual value's date; usually a year is "
        "wrong.",
        "The baseline is dated 2026 and the deadline is the end of 2025.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        kind: increase
        baseline: {value: 60, date: 2026年12月}
        target: {value: 85, deadline: 2025年底}
    """,
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        kind: increase
        baseline: {value: 60, date: 2023年12月}
        target: {value: 85, deadline: 2025年底}
    """,
)

_doc(
    "CP604",
    Doc(
        "指标的完成期限不在方案期限之内。",
        "每个指标的完成期限 deadline 是否在方案期限 period 之内。",
        "期限在方案期限之外的指标不在本方案的考核范围内；可能是有意写的长远目标，也可能是日期写错了，所以这只是警告。",
        "改正期限；确属长远目标时可以不改，或在该行末尾写 # cplan: disable=CP604。",
        "方案期限到 2025 年，绿化覆盖率的期限却写成 2023 年。",
    ),
    Doc(
        "A target's deadline lies outside the plan period.",
        "that every target's deadline falls within the plan's period.",
        "a target due outside the period is not measured by this plan; it may be a deliberate "
        "long-term goal or a wrong date, so this is only a warning.",
        "correct the deadline; for a deliberate long-term goal leave it, or end the line with "
        "# cplan: disable=CP604.",
        "The plan runs to 2025, but the green coverage target is due in 2023.",
    ),
    """\
    period: 2024年至2025年
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, deadline: 2023年底}
    """,
    """\
    targets:
      - id: t-green
        name: 绿化覆盖率
        kind: increase
        target: {value: 45, deadline: 2025年底}
    """,
)

_doc(
    "CP605",
    Doc(
        "以 % 为单位的指标，数值应在 0 到 100 之间。",
        "计量单位为 % 的指标，其基线、目标值和每个实际值是否在 0 到 100 之间。",
        "百分比超过 100 或为负数，多半是把 0.85 写成了 85 的另一种形式，或把人数写进了百分比指标，进度会算错。",
        "把数值改为 0 到 100 之间的百分数：85% 写 85；如果数值本不是百分比，改正计量单位 unit。",
        "居民满意度的实际值写成了 850。",
    ),
    Doc(
        "A target in % must have values between 0 and 100.",
        "for a target whose unit is %, that its baseline, target value and every actual value "
        "lie between 0 and 100.",
        "a percentage above 100 or below 0 is usually a slip of the decimal point or a head "
        "count in a percentage target, and the progress comes out wrong.",
        "write percentages between 0 and 100: 85% is 85; if the value is not a percentage, "
        "correct the unit.",
        "An actual value of residents' satisfaction is written as 850.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        kind: increase
        unit: "%"
        target: {value: 85, deadline: 2025年底}
        actuals:
          - {value: 850, date: 2024年12月, source: 问卷调查}
    """,
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        kind: increase
        unit: "%"
        target: {value: 85, deadline: 2025年底}
        actuals:
          - {value: 85, date: 2024年12月, source: 问卷调查}
    """,
)

_doc(
    "CP606",
    Doc(
        "实际值应按日期先后记录，同一日期不应重复记录。",
        "指标的实际值 actuals 是否按日期从早到晚排列，每个日期是否只记录一次。",
        "cplan 以最后一条实际值作为当前的数值；顺序乱了或重复记录，显示的进度可能不是最新的。",
        "把实际值按日期排好；同一日期的两条只保留正确的一条。cplan update 导入填报表时会按顺序追加。",
        "9 月的数值记在了 6 月的数值后面，但日期写成了 3 月。",
    ),
    Doc(
        "Actual values must be recorded in date order, each date once.",
        "that a target's actuals are in order from earliest to latest, each date once.",
        "cplan takes the last actual value as the current one; out of order or repeated, the "
        "progress shown may not be the latest.",
        "sort the actual values by date and keep only the right one of two on the same date. "
        "cplan update appends new values in order.",
        "A value recorded after the June one is dated March.",
    ),
    """\
    targets:
      - id: t-satisfaction
        name: 居民满意度
        kind: increase
        unit: "%"
        baseline: {value: 60, date: 2023年12月}
        target: {value: 85, deadline: 2025年底}
        actuals:
          - {value: 66, date: 2024年6月, source: 街道季度统计}
          - {value: 71, date: 2024年3月, source: 街道季度统计}
    """,
    """\
        actuals:
          - {value: 66, date: 2024年6月, source: 街道季度统计}
          - {value: 71, date: 2024年9月, source: 街道季度统计}
    """,
)

# -- CP7xx: people and capacity ---------------------------------------------------------

_doc(
    "CP701",
    Doc(
        "成员姓名尚未填写，方案印发前应填写。",
        "机构成员名单中是否有姓名留空的成员。",
        "起草时常先列出组长、副组长、成员等角色，人选以后再定；cplan 提醒你在印发前填上，而不报错。",
        "填写姓名；人选确实未定时，印发的报告中会显示“人选待定”。",
        "领导小组的副组长还没有确定人选。",
    ),
    Doc(
        "A member's name is blank; fill it in before the plan is issued.",
        "whether a committee's member list has members with a blank name.",
        "drafts often list the roles (组长, 副组长, 成员) and fill in the people later; cplan "
        "reminds you before issue rather than failing.",
        "fill in the name; while it is really undecided, the report shows 人选待定.",
        "The deputy head of the leading group is not decided yet.",
    ),
    """\
    committees:
      - id: c-leading
        name: 创建工作领导小组
        members:
          - {name: 张华, role: 组长}
          - {name: "", role: 副组长}
    """,
    """\
        members:
          - {name: 张华, role: 组长}
          - {name: 李强, role: 副组长}
    """,
)

_doc(
    "CP702",
    Doc(
        "单位的数量超出方案规定的上下限。",
        "单位 quantities 中的数量是否超出 limits 规定的上限 max 或低于下限 min（可用 unit_kind 限定适用的单位类别）。"
        "超过上限时，消息还会说明按这个数量计算的经费行怎样处理：写了 quantity_max 的行最多按上限计算（如 210 人按 "
        "200 人计，超出的 10 人不计经费）；没有封顶的行按全部数量计算，消息会说明怎样封顶。",
        "上下限是方案定的服务能力或配置要求；超出上限可能多付经费，低于下限说明单位达不到要求。是否付费由方案自己的经费公式决定，"
        "所以这只是警告。",
        "核对单位的数量；超出上限的部分不应付费时，在经费行写 quantity_max；达不到下限时，按方案要求补足或在报告中说明。",
        "服务人数上限 200 人，天河区中心填了 210 人，基本运营经费没有封顶。",
    ),
    Doc(
        "A unit's quantity is above or below a limit the plan sets.",
        "that each quantity in a unit's quantities is within the max and min the plan's limits "
        "set (limited to a kind of unit with unit_kind). Above a ceiling the message also says "
        "what the budget lines paying on that quantity do: a line with quantity_max pays at "
        "most the capped quantity (210 people paid as 200, the 10 above not paid); a line "
        "without a cap pays on the whole quantity, and the message says how to cap it.",
        "the limits are the capacity or staffing the plan requires; above a ceiling the budget "
        "may pay too much, below a floor the unit falls short. The plan's own budget formula "
        "decides what it costs, so this is only a warning.",
        "check the unit's quantity; if the excess should not be paid, add quantity_max to the "
        "line; below a floor, make it up as the plan requires or explain it in the report.",
        "The ceiling is 200 people, the 天河区 centre reports 210, and the base funds are not "
        "capped.",
    ),
    """\
    limits:
      - {quantity: 服务人数, max: 200, unit_kind: 中心}
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, quantities: {服务人数: 210}}
    budget:
      lines:
        - {id: b-base, name: 基本运营服务经费, rate: 400, per: 元/人/月, quantity: 服务人数, period: 12, unit_kind: 中心}
    """,
    """\
    budget:
      lines:
        - {id: b-base, name: 基本运营服务经费, rate: 400, per: 元/人/月, quantity: 服务人数, quantity_max: 200, period: 12, unit_kind: 中心}
    """,
)

_doc(
    "CP703",
    Doc(
        "单位现有人员少于配备标准。",
        "写了现有人员 staff 的单位，每类人员的人数是否达到 staffing_norms 规定的配备标准 per_unit"
        "（可用 unit_kind 限定适用的单位类别）。",
        "配备标准是方案对队伍建设的要求；人员不足的单位完成不了分给它的任务，检查验收时也会被指出。",
        "按标准补足人员后更新 staff；标准本身写错时改正 staffing_norms。",
        "每个社区应有正式人员 4 名、聘用人员 3 名，河东社区只有正式人员 3 名。",
    ),
    Doc(
        "A unit has fewer staff than the staffing norm.",
        "for a unit that gives its staff, that each category meets the per_unit norm in "
        "staffing_norms (limited to a kind of unit with unit_kind).",
        "the norm is what the plan requires of the workforce; a unit short of staff cannot do "
        "its share, and an inspection will point it out.",
        "update staff once the unit is staffed to the norm; correct staffing_norms if the norm "
        "itself is wrong.",
        "Every community should have 4 formal and 3 contract staff; 河东社区 has 3 formal staff.",
    ),
    """\
    staffing_norms:
      - {category: 正式, per_unit: 4, unit_kind: 社区}
      - {category: 聘用, per_unit: 3, unit_kind: 社区}
    units:
      - {id: hedong, name: 河东社区, kind: 社区, staff: {正式: 3, 聘用: 3}}
    """,
)

# -- CP8xx: across the files of a repository --------------------------------------------

_doc(
    "CP801",
    Doc(
        "方案标识符在方案库中重复（跨文件检查）。",
        "用 cplan validate 检查一个文件夹时，各文件的方案标识符 id 是否互不相同。",
        "市级组合方案用标识符指向各单位自己的方案；两个文件用同一个标识符，就不知道指的是哪一个。"
        "复制上一年的方案改成新一年时，最容易忘记改 id。",
        "给其中一个方案换一个标识符，通常加上年份，如 jinhua-cobuilding-2025。",
        "2025 年的方案由 2024 年的复制而来，id 没有改。",
    ),
    Doc(
        "A plan id is used by two files of the repository (a cross-file check).",
        "when cplan validate checks a folder, that no two files have the same plan id.",
        "a city portfolio points at its units' own plans by id; two files with one id leave it "
        "unclear which is meant. Copying last year's plan for the new year, the id is easily "
        "forgotten.",
        "give one of the plans another id, usually with its year, such as jinhua-cobuilding-2025.",
        "The 2025 plan was copied from the 2024 one and kept its id.",
    ),
    """\
    id: jinhua-cobuilding-2024
    title: 锦华社区2025年新社区共建工作计划
    period: 2025年
    """,
    """\
    id: jinhua-cobuilding-2025
    title: 锦华社区2025年新社区共建工作计划
    period: 2025年
    """,
)

_doc(
    "CP802",
    Doc(
        "组合方案中单位所指的方案在方案库中找不到（跨文件检查）。",
        "市级组合方案中单位的 plan（该单位自己的方案的标识符），是否是所检查文件夹中某个方案的 id。",
        "找不到单位自己的方案，就无法核对两个方案是否一致，汇总时也缺了这个单位。",
        "改正 plan 的拼写，使它与该单位方案文件中的 id 一致；该单位的方案还没有写时，先删去 plan。",
        "天河区中心指向 tianhe-centre-2012，该中心方案文件中的 id 却是 tianhe-centre。",
    ),
    Doc(
        "The plan a portfolio unit names is not in the repository (a cross-file check).",
        "that the plan of a unit in a city portfolio (the id of the unit's own plan) is the id "
        "of a plan in the folder checked.",
        "without the unit's own plan, the two cannot be compared, and a roll-up misses the unit.",
        "correct plan to the id written in the unit's plan file; remove plan until the unit's "
        "plan is written.",
        "The 天河区 centre names tianhe-centre-2012, but its plan file's id is tianhe-centre.",
    ),
    """\
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, plan: tianhe-centre-2012}
    """,
)

_doc(
    "CP803",
    Doc(
        "组合方案与单位自己的方案不一致：后者没有列出该单位，或分担比例不同（跨文件检查）。",
        "市级组合方案中用 plan 指向自己方案的单位：该单位的方案中是否也列出了这个单位（同一个标识符），"
        "两处写的分担比例是否相同。",
        "同一件事写在两个文件里，就要两处一致；比例不同时，市里和区里算出的分担金额会对不上。",
        "核对后改正其中一处：单位标识符要一字不差；比例以双方确认的为准，两个文件同时改。",
        "市级方案中天河区中心按 4:6 分担，中心自己的方案写的是 5:5。",
    ),
    Doc(
        "A portfolio and a unit's own plan disagree: the latter does not list the unit, or gives "
        "another sharing ratio (a cross-file check).",
        "for a unit in a city portfolio that names its own plan: that the unit's plan lists the "
        "unit too (with the same id), and that both give the same sharing ratio.",
        "what two files both say must agree; with different ratios, the city's and the "
        "district's shares do not match.",
        "check and correct one of the two: the unit ids must be identical; use the ratio both "
        "sides agreed, in both files.",
        "The city plan shares the 天河区 centre's costs 4:6; the centre's own plan says 5:5.",
    ),
    """\
    units:
      - {id: c-tianhe, name: 天河区社区精神康复综合服务中心, kind: 中心, sharing: "4:6", plan: tianhe-centre-2012}
    """,
)


#: Every code's documentation: ``{code: {"zh": ..., "en": ...}}``, in code order.
RULE_DOCS: dict[str, dict[str, str]] = {
    code: {lang: _render(entry, lang) for lang in ("zh", "en")}
    for code, entry in sorted(_ENTRIES.items())
}


def rule_doc(code: str, lang: str = "zh") -> str:
    """The documentation of ``code`` in ``lang`` (Chinese if ``lang`` is not known)."""
    entry = RULE_DOCS[code]
    return entry.get(lang) or entry["zh"]


def rule_summary(code: str, lang: str = "zh") -> str:
    """The one-line summary of ``code`` in ``lang``."""
    return rule_doc(code, lang).split("\n", 1)[0]
