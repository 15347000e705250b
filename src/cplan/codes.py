"""Codes of the problems found before the rules run: reading, YAML and the schema.

Rules document themselves (``cplan.rules``); these codes are documented here, so that
``cplan rules CODE`` can explain every code a user may see.
"""

from __future__ import annotations

from dataclasses import dataclass

from cplan.diagnostics import Severity


@dataclass(frozen=True)
class InputCode:
    code: str
    name: str
    doc: str
    severity: Severity = Severity.ERROR

    @property
    def summary(self) -> str:
        return self.doc.splitlines()[0]


INPUT_CODES: dict[str, InputCode] = {
    item.code: item
    for item in (
        InputCode("CP001", "unreadable", "文件无法读取 (不存在、无权限或是目录)。"),
        InputCode(
            "CP002",
            "encoding",
            "文件不是 UTF-8 文本: GBK/GB18030 编码、无法识别的字节, 或含空字节的二进制文件。\n\n"
            "方案文件须为 UTF-8 (可带 BOM; 带 BOM 的 UTF-16/UTF-32 也可读取)。GBK 文件可用\n"
            "编辑器另存为 UTF-8, 或执行 iconv -f GB18030 -t UTF-8 原文件 > 新文件。",
        ),
        InputCode("CP003", "too-large", "文件超过 5 MiB 的上限; 请拆分为多个方案文件。"),
        InputCode(
            "CP010",
            "yaml-syntax",
            "YAML 语法错误: 制表符缩进、引号未闭合、括号不配对、控制字符等。",
        ),
        InputCode("CP011", "duplicate-key", "同一映射中的键重复; 后写的值会悄悄覆盖前面的值。"),
        InputCode(
            "CP012",
            "tag-refused",
            "不支持 YAML 标签 (如 !!python/object、!include)。cplan 从不按标签构造对象。",
        ),
        InputCode(
            "CP013",
            "alias",
            "别名问题: 引用了不存在的锚点、循环引用, 或展开后超过 100,000 个值 (别名炸弹)。",
        ),
        InputCode("CP014", "too-deep", "嵌套超过 64 层。"),
        InputCode("CP015", "not-a-plan", "文件为空, 或顶层不是键值映射。"),
        InputCode(
            "CP016", "many-documents", "一个文件中有多个 YAML 文档 (---); 每个方案一个文件。"
        ),
        InputCode("CP100", "schema", "值不符合方案结构的要求 (类型、取值范围、写法)。"),
        InputCode("CP101", "missing", "缺少必填项。"),
        InputCode("CP102", "unknown-key", "不认识的键 (多为拼写错误, 消息会提示最接近的键名)。"),
        InputCode(
            "CP801",
            "plan-id-unique",
            "方案标识符在整个方案库中重复 (跨文件检查)。",
        ),
        InputCode(
            "CP802",
            "unit-plan-exists",
            "组合方案中单位所指的方案 (units[].plan) 在方案库中不存在 (跨文件检查)。",
        ),
        InputCode(
            "CP803",
            "unit-plan-consistent",
            "组合方案与单位自己的方案不一致: 后者没有列出该单位, 或分担比例不同 (跨文件检查)。",
        ),
        InputCode(
            "CP103",
            "value-format",
            "金额、比例、百分比或日期的写法无法识别, 或日期不存在 (如 2024-13-01、2月30日)。",
        ),
    )
}
