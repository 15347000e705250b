"""Help screens and usage errors read in Chinese, with no programmer's types in sight."""

from __future__ import annotations

import os
import re
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from cplan.cli.chinese import width, write_rows

runner = CliRunner()

COMMANDS = [
    "validate",
    "schema",
    "init",
    "rules",
    "status",
    "funding",
    "rollup",
    "report",
    "diff",
    "collect",
    "update",
    "import",
]

#: What the framework writes in English, and types only a programmer reads.
FOREIGN = re.compile(
    r"Usage:|Options|Arguments|Commands|Show this message|\[default|\[required|x>=|"
    r"<(?:list|str|int|float|path|bool|text)[^>]*>",
    re.IGNORECASE,
)


def cplan(*args: str, lang: str = "") -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "CPLAN_LANG": lang, "NO_COLOR": "1", "COLUMNS": "100"}
    return subprocess.run(
        [sys.executable, "-m", "cplan", *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=60,
    )


@pytest.mark.parametrize("command", ["", *COMMANDS])
def test_help_is_chinese_without_types(command: str) -> None:
    out = runner.invoke(app, [*command.split(), "--help"], env={"CPLAN_LANG": ""})
    assert out.exit_code == 0
    assert out.output.startswith("用法: cplan")
    assert "显示本帮助并退出" in out.output
    assert FOREIGN.search(out.output) is None, FOREIGN.search(out.output)


def test_help_columns_line_up_on_a_terminal() -> None:
    out = runner.invoke(app, ["status", "--help"], env={"CPLAN_LANG": ""})
    section = out.output.split("选项:\n")[1]
    starts = set()
    for line in section.splitlines():
        if line.startswith("  -"):
            name = re.match(r"  (.+?)\s{2,}", line)
            assert name is not None
            starts.add(width(line[: name.end()]))
    assert len(starts) == 1, section  # every description starts in the same column


@pytest.mark.parametrize(
    ("args", "expected"),
    [
        (["status"], "缺少参数 方案文件"),
        (["status", "--as-o", "x", "plan.yaml"], "没有选项 --as-o, 是否应为 --as-of?"),
        (["validate", "-j", "abc", "x"], "--jobs (-j) 的值无效: 应为整数"),
        (["validate", "-j", "0", "x"], "--jobs (-j) 的值无效: 应大于或等于 1"),
        (["nosuch"], "没有命令 nosuch"),
        (["status", "--as-of"], "选项 --as-of 后面要写一个值"),
        (["rules", "CP201", "CP202"], "多余的参数: CP202"),
    ],
)
def test_usage_errors_speak_chinese_and_exit_2(args: list[str], expected: str) -> None:
    ran = cplan(*args)
    assert ran.returncode == 2
    assert expected in ran.stderr
    assert ran.stderr.startswith(("用法: ", "错误: "))
    assert re.search(r"Error|Try |Missing|Invalid|No such|Usage", ran.stderr) is None


def test_english_on_request() -> None:
    ran = cplan("status", lang="en")
    assert ran.returncode == 2
    assert "Missing argument" in ran.stderr
    assert "缺少" not in ran.stderr


def test_rows_wrap_by_terminal_columns_and_never_start_with_punctuation() -> None:
    class Formatter:
        current_indent = 2
        width = 40

        def __init__(self) -> None:
            self.text = ""

        def write(self, text: str) -> None:
            self.text += text

    formatter = Formatter()
    write_rows(formatter, [("--as-of 日期", "按哪一天计算，默认今天。" * 3)])
    lines = formatter.text.splitlines()
    assert len(lines) > 1
    assert all(width(line) <= 42 for line in lines)  # punctuation may overflow by one
    assert not any(line.strip()[0] in "。，" for line in lines[1:])
