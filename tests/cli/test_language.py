"""What a command says is in the reader's language: under ``--lang en`` nothing Chinese
leaks from cplan itself (the plan's own text aside), and Chinese is the default."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import ROOT

runner = CliRunner()
CJK = re.compile(r"[\u3400-\u9fff]")
PLAN = str(ROOT / "examples" / "jiangyan-communities.yaml")


def run(*args: str) -> tuple[int, str]:
    out = runner.invoke(app, list(args), env={"CPLAN_LANG": "", "NO_COLOR": "1"})
    return out.exit_code, out.output


def error_line(output: str) -> str:
    return next(line for line in output.splitlines() if line.startswith(("Error", "错误")))


def said(output: str) -> str:
    """cplan's own words in the usage error, after the framework's (whose language
    cplan.cli.chinese takes from the real command line)."""
    prefix = r"^(?:Error|错误): (?:.*?的值无效|值无效|Invalid value(?: for [^:]+)?): "
    return re.sub(prefix, "", error_line(output))


USAGE = [
    (["status", "-f", "yaml", PLAN], "可选：text, json", "choose one of: text, json"),
    (["funding", "-f", "csv", PLAN], "可选：text, json", "choose one of: text, json"),
    (["status", "--as-of", "下周", PLAN], "无法识别的日期：下周", "not a date: 下周"),
    (
        ["status", "--behind", "10", "--at-risk", "20", PLAN],
        "--behind 不能小于 --at-risk",
        "--behind cannot be less than --at-risk",
    ),
    (["report", "-f", "pdf", PLAN], "可选：docx, xlsx", "choose one of: docx, xlsx"),
    (
        ["report", "-o", "r.pdf", PLAN],
        "无法从文件名 r.pdf 判断格式",
        "cannot tell the format from the file name r.pdf",
    ),
    (["diff", PLAN], "请给出旧方案和新方案两个文件", "give OLD and NEW, or one PLAN with --rev"),
    (["diff", "-f", "html", PLAN, PLAN], "可选：text, json, markdown", "choose one of: text"),
    (["validate", "-f", "xml", PLAN], "可选：text, json", "choose one of: text, json"),
]


@pytest.mark.parametrize(("args", "zh", "en"), USAGE, ids=[" ".join(a[:3]) for a, _, _ in USAGE])
def test_usage_errors_speak_the_chosen_language(
    args: list[str], zh: str, en: str, in_tmp: Path
) -> None:
    code, output = run(*args)
    assert code == 2
    assert zh in error_line(output)
    code, output = run(*args, "--lang", "en")
    assert code == 2
    line = said(output)
    assert en in line
    assert not CJK.search(
        line.replace("下周", "").replace("2025年6月底", "").replace("2025年6月", "")
    )


def test_a_bad_lang_is_explained() -> None:
    code, output = run("status", "--lang", "fr", PLAN)
    assert code == 2
    assert "只能是 zh（中文）或 en（英文）" in error_line(output)


def test_write_errors_say_why_in_the_language(in_tmp: Path) -> None:
    target = str(in_tmp / "no-such-folder" / "f.json")
    code, output = run("funding", PLAN, "-f", "json", "-o", target)
    assert code == 2
    assert f"cplan: 无法写入 {target}：文件或文件夹不存在" in output
    code, output = run("funding", PLAN, "-f", "json", "-o", target, "--lang", "en")
    assert f"cplan: cannot write {target}: no such file or folder" in output


def test_the_plan_wide_funding_row_has_a_name() -> None:
    for lang, name in (("zh", "全方案"), ("en", "plan-wide")):
        out = runner.invoke(app, ["funding", PLAN, "-f", "json", "--lang", lang])
        assert out.exit_code == 0, out.output
        units = json.loads(out.stdout)["units"]
        plan_wide = [unit for unit in units if unit["id"] is None]
        assert [unit["name"] for unit in plan_wide] == [name]
