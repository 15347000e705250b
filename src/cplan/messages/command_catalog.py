"""Messages of the commands themselves: errors that stop a command, notes around output,
usage errors in the command's options, and what the system and git say.

Chinese text uses full-width punctuation (，；：（）) throughout; ASCII stays only in what
the reader types or reads in a file (``--format``, ``.yaml``, ``cplan validate``).
"""

from __future__ import annotations

COMMAND_MESSAGES: dict[str, dict[str, str]] = {
    "error.chart_font": {
        "zh": "没有找到可用于图表中文标注的字体（如 Noto Sans CJK SC）；请先安装一种中文字体（Debian/Ubuntu：apt install fonts-noto-cjk）",
        "en": "no font for the charts' Chinese labels was found (such as Noto Sans CJK SC); install a Chinese font first (Debian/Ubuntu: apt install fonts-noto-cjk)",
    },
    "error.no_such_path": {"zh": "路径不存在：{path}", "en": "no such path: {path}"},
    "error.cannot_write": {
        "zh": "无法写入 {path}：{reason_zh}",
        "en": "cannot write {path}: {reason}",
    },
    "error.output_exists": {
        "zh": "{path} 已存在，未覆盖；请换一个文件名或先删除它",
        "en": "{path} exists and was not overwritten; choose another name or delete it first",
    },
    "error.output_is_input": {
        "zh": "{path} 是本次读取的输入文件（方案、填报表或模板），不能作为输出覆盖；请换一个文件名",
        "en": "{path} is an input of this command (a plan, a workbook or a template) and is not"
        " overwritten; choose another output name",
    },
    "error.output_not_file": {
        "zh": "{path} 是文件夹、块设备或套接字，无法作为输出",
        "en": "{path} is a folder, a block device or a socket and cannot be an output",
    },
    "read.link_outside": {
        "zh": "方案文件是指向仓库之外的符号链接（指向 {target}），不予读取",
        "en": "the plan file is a symbolic link out of the repository (to {target}); not read",
    },
    "error.update_locked": {
        "zh": "{path} 正由另一个 cplan update 修改（锁文件 {lock}），等待超时；请稍后再试",
        "en": "{path} is being changed by another cplan update (lock file {lock}); gave up"
        " waiting, try again later",
    },
    "error.update_changed": {
        "zh": "{path} 在导入期间被其他程序改动，未写入；请重新运行 cplan update",
        "en": "{path} was changed by another program during the update; nothing written,"
        " run cplan update again",
    },
    "note.update_unverified": {
        "zh": "注意：{files} 带有签名，但本仓库没有填报表密钥（.git/cplan/fieldwork.key），"
        "无法核对签名，只核对了方案标识、各行内容和表格结构",
        "en": "note: {files} carry a signature, but this repository has no fieldwork key"
        " (.git/cplan/fieldwork.key) to check it; only the plan id, each row's content and"
        " the layout were checked",
    },
    "error.git_bad_revision": {
        "zh": "无法从 git 读取 {what}：“{rev}”不是有效的 git 版本（不能以 - 开头）",
        "en": "cannot read {what} from git: “{rev}” is not a revision (it must not start with -)",
    },
    "schema.id_chars": {
        "zh": "{field} 的写法不对：“{input}”只能由汉字、字母、数字和 _ - . · 组成，"
        "以汉字、字母、数字或 _ 开头",
        "en": "'{field}' is malformed: '{input}' may hold only letters, digits and _ - . ·,"
        " starting with a letter, a digit or _",
    },
    "error.no_plan_files": {
        "zh": "没有找到 .yaml/.yml 方案文件",
        "en": "no .yaml/.yml plan files found",
    },
    "error.config_syntax": {
        "zh": "{path}：TOML 语法错误：{detail}",
        "en": "{path}: TOML syntax error: {detail}",
    },
    "error.config_unreadable": {
        "zh": "{path}：无法读取：{detail_zh}",
        "en": "{path}: cannot read: {detail}",
    },
    "error.config_invalid": {
        "zh": "{path}：配置有误：{detail}",
        "en": "{path}: invalid configuration: {detail}",
    },
    "error.config_codes": {
        "zh": "{path}：不是有效的检查代码（应如 CP201 或前缀 CP2）：{codes}",
        "en": "{path}: not valid check codes (like CP201, or a prefix such as CP2): {codes}",
    },
    "error.update_refused": {
        "zh": "有错误，方案文件未改动",
        "en": "problems found; the plan was not changed",
    },
    "error.no_such_code": {
        "zh": "没有代码 {code}；运行 cplan rules 查看全部",
        "en": "there is no code {code}; run cplan rules to list them all",
    },
    "error.git_missing": {"zh": "找不到 git 命令", "en": "git is not available"},
    "error.git_show": {
        "zh": "无法从 git 读取 {what}：{detail_zh}",
        "en": "cannot read {what} from git: {detail}",
    },
    "error.template": {"zh": "{where}：{detail}", "en": "{where}: {detail}"},
    "error.collect_no_unit": {
        "zh": "方案中没有单位 {unit}；可选：{choices}",
        "en": "the plan has no unit {unit}; choose one of: {choices}",
    },
    "error.collect_no_targets": {
        "zh": "单位 {unit} 没有负责的指标、任务或计列的经费（指标、任务的 owner，责任分工和经费的 units 中均无此单位），无需填报",
        "en": "unit {unit} has nothing to report: no target, task or budget line names it",
    },
    "refused.invalid": {
        "zh": "{path} 有错误，无法计算；请先修正（cplan validate {path}）",
        "en": "{path} has errors and cannot be computed; fix them first (cplan validate {path})",
    },
    "refused.money": {
        "zh": "{path} 的经费无法全部算出（见上方的问题）；请先修正",
        "en": "{path}: some budget amounts cannot be computed (see the problems above); fix them first",
    },
    "refused.strict": {
        "zh": "{path} 有 {count} 个问题；因使用了 --strict，未输出结果",
        "en": "{path} has {count} problems; nothing was output because of --strict",
    },
    "note.findings_errors": {
        "zh": "{path} 有 {errors} 个错误（见上方）；以下结果仍按方案所写计算，请核对",
        "en": "{path} has {errors} errors (above); the figures below follow the plan as written: check them",
    },
    "note.findings_others": {
        "zh": "{path} 另有 {count} 个警告或提示；运行 cplan validate {path} 查看",
        "en": "{path} also has {count} warnings or notes; run cplan validate {path} to see them",
    },
    "note.skipped_by_config": {
        "zh": "已按配置跳过 {count} 个不是方案的文件（include/exclude，或以 . 开头的文件）",
        "en": "skipped {count} files that the configuration says are not plans (include/exclude, or hidden files)",
    },
    "note.rollup_skipped": {
        "zh": "{count} 个方案无法计算，未计入汇总（见上方）",
        "en": "{count} plans could not be computed and are left out of the roll-up (see above)",
    },
    "rollup.unassigned": {"zh": "(未分类)", "en": "(unassigned)"},
    "note.wrote": {"zh": "已生成 {path}", "en": "wrote {path}"},
    "note.created": {
        "zh": "已创建 {path}；编辑后运行 cplan validate {path}",
        "en": "created {path}; edit it, then run cplan validate {path}",
    },
    "error.update_not_utf8": {
        "zh": "只能更新 UTF-8 编码的方案文件",
        "en": "only UTF-8 plan files can be updated",
    },
    "note.update_recorded": {
        "zh": "{file}：{where}：指标 {target} 在 {day} 的数值已记录，跳过",
        "en": "{file}: {where}: {target} on {day} is already recorded",
    },
    "note.update_nothing": {
        "zh": "没有新的数据，方案文件未改动",
        "en": "no new values; the plan was not changed",
    },
    "note.update_added": {
        "zh": "已向 {path} 添加 {count} 个实际值：",
        "en": "added {count} actual values to {path}:",
    },
    "note.update_partial": {
        "zh": "部分行有错误未导入，见上方提示",
        "en": "some rows had problems and were left out",
    },
    "note.nothing_to_check": {
        "zh": "没有需要检查的方案文件",
        "en": "no plan files to check",
    },
    # -- usage errors in options (shown after the framework's "invalid value for ...") --
    "usage.bad_lang": {
        "zh": "只能是 zh（中文）或 en（英文）",
        "en": "must be zh (Chinese) or en (English)",
    },
    "usage.bad_date": {
        "zh": "无法识别的日期：{value}（可写 2025-06-30、2025年6月底、2025年6月）",
        "en": "not a date: {value} (write 2025-06-30, 2025年6月底 or 2025年6月)",
    },
    "usage.choices": {
        "zh": "可选：{choices}",
        "en": "choose one of: {choices}",
    },
    "usage.report_format_from_name": {
        "zh": "无法从文件名 {name} 判断格式；请用 --format docx 或 --format xlsx",
        "en": "cannot tell the format from the file name {name}; use --format docx or --format xlsx",
    },
    "usage.behind_below_at_risk": {
        "zh": "--behind 不能小于 --at-risk",
        "en": "--behind cannot be less than --at-risk",
    },
    "usage.diff_files": {
        "zh": "请给出旧方案和新方案两个文件，或一个方案文件加 --rev",
        "en": "give OLD and NEW, or one PLAN with --rev",
    },
    "funding.plan_wide": {"zh": "全方案", "en": "plan-wide"},
    # -- cplan rules -------------------------------------------------------------------
    "rules.heading": {
        "zh": "{code} {name}（{severity}）",
        "en": "{code} {name} ({severity})",
    },
    "severity.error": {"zh": "错误", "en": "error"},
    "severity.warning": {"zh": "警告", "en": "warning"},
    "severity.info": {"zh": "提示", "en": "info"},
    # -- what the system says (cplan.messages.system.os_reason) -------------------------
    "os.ENOENT": {"zh": "文件或文件夹不存在", "en": "no such file or folder"},
    "os.EACCES": {
        "zh": "没有权限（或文件正被其他程序打开）",
        "en": "permission denied (or the file is open in another program)",
    },
    "os.EPERM": {"zh": "不允许这样操作（没有权限）", "en": "operation not permitted"},
    "os.EISDIR": {
        "zh": "这是一个文件夹，不是文件",
        "en": "this is a folder, not a file",
    },
    "os.ENOTDIR": {
        "zh": "路径中有一部分不是文件夹",
        "en": "part of the path is not a folder",
    },
    "os.ENOSPC": {"zh": "磁盘空间已满", "en": "no space left on the disk"},
    "os.EDQUOT": {"zh": "超出了磁盘配额", "en": "disk quota exceeded"},
    "os.EROFS": {
        "zh": "磁盘或文件夹是只读的",
        "en": "the disk or folder is read-only",
    },
    "os.EEXIST": {"zh": "文件已存在", "en": "the file exists"},
    "os.EBUSY": {"zh": "文件或设备正忙", "en": "the file or device is busy"},
    "os.ENAMETOOLONG": {"zh": "文件名或路径太长", "en": "the file name or path is too long"},
    "os.ELOOP": {
        "zh": "符号链接太多（可能是循环链接）",
        "en": "too many symbolic links (perhaps a loop)",
    },
    "os.EMFILE": {"zh": "同时打开的文件太多", "en": "too many open files"},
    "os.EIO": {"zh": "读写磁盘时出错", "en": "input/output error"},
    "os.EFBIG": {"zh": "文件太大", "en": "the file is too large"},
    "os.EINVAL": {
        "zh": "文件名或路径无效",
        "en": "invalid file name or path",
    },
    "os.in_use": {
        "zh": "文件正被其他程序（如 Word、Excel、WPS）打开；请先关闭它",
        "en": "the file is open in another program (such as Word or Excel); close it first",
    },
    "os.other": {"zh": "系统错误：{detail}", "en": "{detail}"},
    # -- what git says (cplan.messages.system.git_reason) --------------------------------
    "git.not_a_repository": {
        "zh": "这个文件夹不在 git 仓库中",
        "en": "the folder is not in a git repository",
    },
    "git.invalid_revision": {
        "zh": "git 中没有版本 {rev}（请检查拼写，或用 git log 查看有哪些版本）",
        "en": "git has no revision {rev} (check the spelling, or see git log)",
    },
    "git.not_committed": {
        "zh": "文件 {path} 在磁盘上，但在版本 {rev} 中还没有提交",
        "en": "{path} exists on disk but was not committed in {rev}",
    },
    "git.not_in_revision": {
        "zh": "版本 {rev} 中没有文件 {path}",
        "en": "{path} does not exist in revision {rev}",
    },
    "git.dubious_ownership": {
        "zh": "git 拒绝读取：这个仓库属于另一个用户（可用 git config --global --add safe.directory 设为可信）",
        "en": "git refuses: the repository belongs to another user (see git config safe.directory)",
    },
    "git.other": {"zh": "git 报错：{detail}", "en": "{detail}"},
    # -- cplan init --repo (issue 13: keep these when editing this file) -----------------
    "note.init_schema": {
        "zh": "已创建 {path}（编辑器据此补全、提示和校验方案）",
        "en": "created {path} (editors complete, explain and check plans with it)",
    },
    "note.init_repo": {
        "zh": "已在 {path} 创建方案库（{count} 个文件）：",
        "en": "created a plan repository in {path} ({count} files):",
    },
    "note.init_next": {
        "zh": "下一步：cd {path} && git init && pre-commit install；编辑 plans/ 下的方案后运行 cplan validate",
        "en": "next: cd {path} && git init && pre-commit install; edit the plans under plans/, then run cplan validate",
    },
    "note.init_wheel_missing": {
        "zh": (
            "注意：CI 配置安装 ci/{wheel}，但这个文件还不在方案库中。在 cplan 的源码目录运行"
            " python3 -m pip wheel --no-deps -w dist . 后把它复制到 {path}/ci/；"
            "或重新运行并用 --source 指定 wheel 文件或 git+地址@提交号"
        ),
        "en": (
            "note: the CI files install ci/{wheel}, which is not in the repository yet. In"
            " cplan's source folder run python3 -m pip wheel --no-deps -w dist . and copy it to"
            " {path}/ci/; or run again with --source naming a wheel file or git+URL@commit"
        ),
    },
    "error.init_source": {
        "zh": "--source 须是一个 wheel 文件或 git+地址@提交号（固定的版本），而不是 {source}",
        "en": "--source must be a wheel file or git+URL@commit (a fixed version), not {source}",
    },
    "error.init_exists": {
        "zh": "{path} 中已有 {files}，未创建方案库（不覆盖已有文件）；请换一个目录",
        "en": "{path} already has {files}; nothing was created (no file is overwritten); choose another folder",
    },
    # cplan import (issue 16)
    "import.unreadable": {
        "zh": "无法读取 {path}（{reason}）",
        "en": "cannot read {path} ({reason})",
    },
    "import.not_a_file": {
        "zh": "{path} 不是普通文件（是文件夹或设备），无法导入",
        "en": "{path} is not a regular file (a folder or a device) and cannot be imported",
    },
    "import.old_format": {
        "zh": "{path} 是 {format} 格式，cplan 不能直接读取；请在 Word 或 WPS 中打开，“另存为” .docx 后再导入",
        "en": "{path} is in {format} format, which cplan cannot read; open it in Word or WPS,"
        " save it as .docx and import that",
    },
    "import.too_large": {
        "zh": "{path} 有 {size} MB，超过 {limit} MB 的上限；请确认选对了文件（图片很多时可先在 Word 中压缩图片）",
        "en": "{path} is {size} MB, over the {limit} MB limit; check that this is the right file"
        " (compress its pictures in Word if there are many)",
    },
    "import.too_much_text": {
        "zh": "{path} 的文字超过 {limit} 个字符，不像一份工作方案；请确认选对了文件",
        "en": "{path} holds more than {limit} characters of text, more than any work plan;"
        " check that this is the right file",
    },
    "import.encrypted": {
        "zh": "{path} 设有打开密码（已加密），无法读取；请在 Word 中取消密码后另存一份再导入",
        "en": "{path} is protected by a password (encrypted) and cannot be read; remove the"
        " password in Word, save a copy and import that",
    },
    "import.corrupt": {
        "zh": "{path} 不是完好的 Word 文档（{reason}）；请在 Word 或 WPS 中打开并重新保存为 .docx 后再导入",
        "en": "{path} is not a sound Word document ({reason}); open it in Word or WPS, save it"
        " again as .docx and import that",
    },
    "import.zip_bomb": {
        "zh": "{path} 解压后异常巨大（疑似压缩炸弹），已拒绝读取",
        "en": "{path} would expand to an abnormal size (a zip bomb?) and was not read",
    },
    "import.not_word": {
        "zh": "{path} 是压缩包，但不是 Word 文档；请确认选对了文件，或在 Word 中另存为 .docx",
        "en": "{path} is a zip archive but not a Word document; check the file, or save it as"
        " .docx in Word",
    },
    "import.binary": {
        "zh": "{path} 不是文本文件（含二进制内容或无法识别的编码）；Word 文档请保存为 .docx，纯文本请保存为 UTF-8 或 GBK 编码",
        "en": "{path} is not a text file (binary content or an unknown encoding); save a Word"
        " document as .docx, and plain text as UTF-8 or GBK",
    },
    "import.empty": {
        "zh": "{path} 中没有文字，无可导入",
        "en": "{path} holds no text; nothing to import",
    },
    "import.parts": {
        "zh": "{path} 是 {count} 篇方案的合集（{labels}）；请用 --part N 选一篇导入",
        "en": "{path} holds {count} plans ({labels}); choose one with --part N",
    },
    "import.no_such_part": {
        "zh": "{path} 只有 {count} 篇方案，没有第 {part} 篇",
        "en": "{path} holds {count} plans; there is no plan {part}",
    },
    "import.source_findings": {
        "zh": "原文本身有 {count} 处不一致（草稿照原文填写，请与起草单位核对）：",
        "en": "the source document contradicts itself in {count} places (the draft follows"
        " the text as written; check with its authors):",
    },
    "import.from_paragraph": {
        "zh": "    ↳ 原文第 {number} 段：“{quote}”；草稿中为 {value}",
        "en": "    ↳ source paragraph {number}: “{quote}”; in the draft: {value}",
    },
    "import.draft_findings": {
        "zh": "草稿另有 {count} 个问题（多因待核实的内容；核实后运行 cplan validate）：",
        "en": "the draft has {count} more findings (mostly from what is marked 待核实, to be"
        " checked; then run cplan validate):",
    },
    "import.extracted": {
        "zh": "已提取：指标 {targets} 项，阶段 {phases} 个（其中 {dated} 个有起止日期），"
        "机构 {committees} 个（成员 {members} 人，其中 {named} 人有姓名），经费 {lines} 行，"
        "责任分工 {duties} 项，单位 {units} 个，出资方 {funders} 个",
        "en": "extracted: {targets} targets, {phases} phases ({dated} with both dates),"
        " {committees} committees ({members} members, {named} named), {lines} budget lines,"
        " {duties} duties, {units} units, {funders} funders",
    },
    "import.prose": {
        "zh": "保留为文字：{sections} 个章节，共 {paragraphs} 段",
        "en": "kept as text: {sections} sections, {paragraphs} paragraphs",
    },
    "import.wrote": {
        "zh": "已生成 {path}，其中 {checks} 处标有“待核实”；逐项核实后运行 cplan validate {path}",
        "en": "wrote {path}, with {checks} items marked 待核实 (to be checked); check them,"
        " then run cplan validate {path}",
    },
    "site.built": {
        "zh": "已生成网站 {path}（{plans} 个方案），打开其中的 index.html 即可查看",
        "en": "wrote the site {path} ({plans} plans); open its index.html",
    },
    "site.documents": {
        "zh": "另生成 {count} 份文档（工作方案、进展情况报告和台账）",
        "en": "and {count} documents (plans, progress reports and ledgers)",
    },
    "site.findings": {
        "zh": "{count} 个方案有需要核对的问题，已在网站上列出（cplan validate 给出位置）",
        "en": "{count} plans have findings, listed on the site (cplan validate shows where)",
    },
    "site.refused": {
        "zh": "{count} 个方案有错误、无法计算，在网站上列为有问题的方案，未计入汇总",
        "en": "{count} plans have errors and cannot be computed; the site lists them as plans"
        " with problems, left out of the totals",
    },
    "export.no_engine": {
        "zh": "cplan export 需要 pyarrow 写出表格，当前没有安装；请运行 pip install"
        " 'cplan-shequ[export]'（或 pip install pyarrow）后重试",
        "en": "cplan export writes its tables with pyarrow, which is not installed; run"
        " pip install 'cplan-shequ[export]' (or pip install pyarrow) and try again",
    },
    "export.output_not_export": {
        "zh": "{path} 已存在，且不是 cplan 导出的目录，未覆盖；请换一个目录或先清空它",
        "en": "{path} exists and is not an export cplan wrote; not replaced: choose another"
        " folder or empty it first",
    },
    "export.written": {
        "zh": "已导出 {plans} 个方案到 {path}（{format} 格式，每张表一个文件，说明见 docs/export.md）",
        "en": "exported {plans} plans to {path} ({format}, one file a table; see docs/export.md)",
    },
    "export.findings": {
        "zh": "{count} 个方案有错误或警告，已写入 findings 表（cplan validate 给出位置）",
        "en": "{count} plans have findings, written to the findings table (cplan validate"
        " shows where)",
    },
    "export.without_money": {
        "zh": "{count} 个方案的经费无法计算或超出范围，未导出计算出的金额和分担（plans 表"
        " money_withheld 列说明原因）；按 findings 表修正后重新导出",
        "en": "{count} plans have money that cannot be computed or is out of range; their"
        " computed amounts and shares were left out (the money_withheld column of plans"
        " says why); fix them by the findings table and export again",
    },
    "export.findings_only": {
        "zh": "{count} 个方案无法读取，只导出了 plans 表中的一行和 findings 表中的问题；"
        "修正后重新导出",
        "en": "{count} plans could not be read; only their row of plans and their findings"
        " were exported; fix them and export again",
    },
    "export.unfit": {
        "zh": "{count} 个方案有数值超出导出列的范围（金额整数部分超过 18 位，或其他数值整数部分"
        "超过 28 位），这些单元格留空，个数见 plans 表 unfit 列",
        "en": "{count} plans have values that do not fit their columns (money past"
        " DECIMAL(20,2), a value past DECIMAL(38,10)); those cells are empty, counted in"
        " the unfit column of plans",
    },
    "site.output_not_site": {
        "zh": "{path} 已存在，且不是 cplan 生成的网站，未覆盖；请换一个目录或先清空它",
        "en": "{path} exists and is not a site cplan built; not replaced: choose another"
        " folder or empty it first",
    },
}
