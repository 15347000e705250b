"""``cplan rules``: every code in code order, and one code's documentation, in the
reader's language (Chinese by default, English with ``--lang en`` or ``CPLAN_LANG=en``)."""

from __future__ import annotations

import re

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from cplan.codes import INPUT_CODES
from cplan.rules import all_rules

runner = CliRunner()
CJK = re.compile(r"[\u3400-\u9fff]")


def rules(*args: str, lang: str = "") -> tuple[int, str]:
    out = runner.invoke(app, ["rules", *args], env={"CPLAN_LANG": lang})
    return out.exit_code, out.output


def test_the_list_is_chinese_in_code_order() -> None:
    code, output = rules()
    assert code == 0
    lines = output.splitlines()
    assert len(lines) == len(all_rules()) + len(INPUT_CODES)
    codes = [line.split()[0] for line in lines]
    assert codes == sorted(codes)  # CP801–CP803 after CP703, not between CP102 and CP103
    assert codes.index("CP103") == codes.index("CP102") + 1
    assert codes[-3:] == ["CP801", "CP802", "CP803"]
    assert lines[0] == (
        "CP001  错误  unreadable                    "
        "文件无法读取（不存在、没有权限、是文件夹，或不是普通文件）。"
    )
    cp201 = next(line for line in lines if line.startswith("CP201"))
    assert cp201 == (
        "CP201  错误  committee-composition-total   委员会各界别人数之和应等于写明的总人数。"
    )
    assert next(line for line in lines if line.startswith("CP403")).startswith("CP403  警告  ")


@pytest.mark.parametrize("how", [("--lang", "en"), ("CPLAN_LANG",)])
def test_the_list_in_english(how: tuple[str, ...]) -> None:
    code, output = rules(*how) if how[0] == "--lang" else rules(lang="en")
    assert code == 0
    lines = output.splitlines()
    assert lines[0].startswith("CP001  error    unreadable                    The file cannot")
    cp403 = next(line for line in lines if line.startswith("CP403"))
    assert cp403 == "CP403  warning  phase-overlap                 Neighbouring phases overlap."
    assert not [line for line in lines if CJK.search(line) and not line.startswith("CP103")]


def test_one_code_in_chinese_for_an_officer() -> None:
    code, output = rules("cp205")
    assert code == 0
    heading, _, body = output.partition("\n\n")
    assert heading == "CP205 budget-total（错误）"
    assert body.startswith("经费各行之和应等于写明的经费总额。\n\n检查内容：")
    for part in ("为什么要紧：", "怎样修改：", "示例：", "改正后："):
        assert f"\n\n{part}" in body
    assert "    budget:\n      total: 101.7万元\n" in body
    assert "83.5 万元加临时人员 19.9 万元是 103.4 万元" in body
    assert "``" not in output
    assert "subject.plan" not in output


def test_one_code_in_english() -> None:
    code, output = rules("CP205", "--lang", "en")
    assert code == 0
    assert output.startswith("CP205 budget-total (error)\n\nThe budget lines must add up")
    assert "\n\nWhat is checked: " in output
    assert "\n\nCorrected:\n\n" in output
    assert "``" not in output


@pytest.mark.parametrize("code", ["CP201", "CP205", "CP301"])
def test_no_search_and_replace_leftovers(code: str) -> None:
    for lang in ("zh", "en"):
        _, output = rules(code, lang=lang)
        assert "subject.plan" not in output


def test_input_and_cross_file_codes_are_explained_too() -> None:
    _, gbk = rules("CP002")
    assert "iconv -f GB18030 -t UTF-8" in gbk
    assert "另存为 UTF-8" in gbk
    _, cross = rules("CP803", lang="en")
    assert cross.startswith("CP803 unit-plan-consistent (error)")


def test_an_unknown_code_is_a_usage_error_in_the_language() -> None:
    code, output = rules("CP999")
    assert code == 2
    assert output == "cplan: 没有代码 CP999；运行 cplan rules 查看全部\n"
    code, output = rules("CP999", "--lang", "en")
    assert code == 2
    assert output == "cplan: there is no code CP999; run cplan rules to list them all\n"
