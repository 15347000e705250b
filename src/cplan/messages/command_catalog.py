"""Messages of the commands themselves: errors that stop a command, and notes around output."""

from __future__ import annotations

COMMAND_MESSAGES: dict[str, dict[str, str]] = {
    "error.no_such_path": {"zh": "路径不存在: {path}", "en": "no such path: {path}"},
    "error.cannot_write": {
        "zh": "无法写入 {path}: {reason}",
        "en": "cannot write {path}: {reason}",
    },
    "error.output_exists": {
        "zh": "{path} 已存在, 未覆盖; 请换一个文件名或先删除它",
        "en": "{path} exists and was not overwritten; choose another name or delete it first",
    },
    "error.no_plan_files": {
        "zh": "没有找到 .yaml/.yml 方案文件",
        "en": "no .yaml/.yml plan files found",
    },
    "error.config_syntax": {
        "zh": "{path}: TOML 语法错误: {detail}",
        "en": "{path}: TOML syntax error: {detail}",
    },
    "error.config_unreadable": {
        "zh": "{path}: 无法读取: {detail}",
        "en": "{path}: cannot read: {detail}",
    },
    "error.config_invalid": {
        "zh": "{path}: 配置有误: {detail}",
        "en": "{path}: invalid configuration: {detail}",
    },
    "error.config_codes": {
        "zh": "{path}: 不是有效的检查代码 (应如 CP201 或前缀 CP2): {codes}",
        "en": "{path}: not valid check codes (like CP201, or a prefix such as CP2): {codes}",
    },
    "error.update_refused": {
        "zh": "有错误, 方案文件未改动",
        "en": "problems found; the plan was not changed",
    },
    "error.no_such_code": {
        "zh": "没有代码 {code}; 运行 cplan rules 查看全部",
        "en": "there is no code {code}; run cplan rules to list them all",
    },
    "error.git_missing": {"zh": "找不到 git 命令", "en": "git is not available"},
    "error.git_show": {
        "zh": "无法读取 {what}: {detail}",
        "en": "cannot read {what} from git: {detail}",
    },
    "error.template": {"zh": "{where}: {detail}", "en": "{where}: {detail}"},
    "error.collect_no_unit": {
        "zh": "方案中没有单位 {unit}; 可选: {choices}",
        "en": "the plan has no unit {unit}; choose one of: {choices}",
    },
    "error.collect_no_targets": {
        "zh": "单位 {unit} 没有负责的指标 (指标的 owner 或责任分工中均无此单位)",
        "en": "unit {unit} owns no target (no target's owner, no duty names it)",
    },
    "refused.invalid": {
        "zh": "{path} 有错误, 无法计算; 请先修正 (cplan validate {path})",
        "en": "{path} has errors and cannot be computed; fix them first (cplan validate {path})",
    },
    "refused.money": {
        "zh": "{path} 的经费无法全部算出 (见上方的问题); 请先修正",
        "en": "{path}: some budget amounts cannot be computed (see the problems above); fix them first",
    },
    "refused.strict": {
        "zh": "{path} 有 {count} 个问题; 因使用了 --strict, 未输出结果",
        "en": "{path} has {count} problems; nothing was output because of --strict",
    },
    "note.findings_errors": {
        "zh": "{path} 有 {errors} 个错误 (见上方); 以下结果仍按方案所写计算, 请核对",
        "en": "{path} has {errors} errors (above); the figures below follow the plan as written: check them",
    },
    "note.findings_others": {
        "zh": "{path} 另有 {count} 个警告或提示; 运行 cplan validate {path} 查看",
        "en": "{path} also has {count} warnings or notes; run cplan validate {path} to see them",
    },
    "note.skipped_by_config": {
        "zh": "已按配置跳过 {count} 个不是方案的文件 (include/exclude, 或以 . 开头的文件)",
        "en": "skipped {count} files that the configuration says are not plans (include/exclude, or hidden files)",
    },
    "note.rollup_skipped": {
        "zh": "{count} 个方案无法计算, 未计入汇总 (见上方)",
        "en": "{count} plans could not be computed and are left out of the roll-up (see above)",
    },
    "note.wrote": {"zh": "已生成 {path}", "en": "wrote {path}"},
    "note.created": {
        "zh": "已创建 {path}; 编辑后运行 cplan validate {path}",
        "en": "created {path}; edit it, then run cplan validate {path}",
    },
    "error.update_not_utf8": {
        "zh": "只能更新 UTF-8 编码的方案文件",
        "en": "only UTF-8 plan files can be updated",
    },
    "note.update_recorded": {
        "zh": "{file}: {where}: 指标 {target} 在 {day} 的数值已记录, 跳过",
        "en": "{file}: {where}: {target} on {day} is already recorded",
    },
    "note.update_nothing": {
        "zh": "没有新的数据, 方案文件未改动",
        "en": "no new values; the plan was not changed",
    },
    "note.update_added": {
        "zh": "已向 {path} 添加 {count} 个实际值:",
        "en": "added {count} actual values to {path}:",
    },
    "note.update_partial": {
        "zh": "部分行有错误未导入, 见上方提示",
        "en": "some rows had problems and were left out",
    },
    "note.nothing_to_check": {
        "zh": "没有需要检查的方案文件",
        "en": "no plan files to check",
    },
}
