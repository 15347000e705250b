"""The message catalogues: every text in both languages, saying the same thing.

* every key has a Chinese and an English text, with the same ``{placeholders}`` (a
  ``name_zh`` in the Chinese stands for ``name`` in the English, and ``name_en`` in the
  English for ``name`` in the Chinese: the same value, said in each language);
* Chinese text uses full-width punctuation (，；：？（）), ASCII only in what the reader
  types (``sharing: {remainder: town}``, ``--format``, ``cplan validate``);
* every key the code asks for exists;
* every rule has its messages (one per finding variant) and every code its
  documentation in both languages, and a documentation's example shows its code.
"""

from __future__ import annotations

import ast
import errno
import re
import string
import textwrap
from pathlib import Path

import pytest

from cplan.check import check_text
from cplan.codes import INPUT_CODES
from cplan.messages import render_message
from cplan.messages.catalog import MESSAGES
from cplan.messages.rule_docs import _ENTRIES, RULE_DOCS
from cplan.messages.system import OS_ERRORS, git_reason, os_reason
from cplan.rules import all_rules

SRC = Path(__file__).resolve().parents[2] / "src" / "cplan"
CJK = re.compile(r"[\u3400-\u9fff]")


def _fields(template: str) -> set[str]:
    names = set()
    for _, name, _, _ in string.Formatter().parse(template):
        if name is not None:
            names.add(re.sub(r"_(zh|en)$", "", re.split(r"[.\[]", name)[0]))
    return names


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_every_message_is_in_both_languages_with_the_same_placeholders(key: str) -> None:
    entry = MESSAGES[key]
    assert set(entry) == {"zh", "en"}, key
    assert entry["zh"].strip(), key
    assert entry["en"].strip(), key
    assert _fields(entry["zh"]) == _fields(entry["en"]), key


def _prose(text: str, template: bool = True) -> str:
    """Chinese text without what is not Chinese prose: placeholders (read as a Chinese
    word), quoted text, and YAML the reader types ([…], {…}, key: value)."""
    if template:
        text = re.sub(r"\{\{.*?\}\}+", "", text)  # a literal mapping: sharing: {{remainder: x}}
        text = re.sub(r"\{[^{}]*\}", "字", text)
    else:
        while re.search(r"\{[^{}]*\}", text):
            text = re.sub(r"\{[^{}]*\}", "", text)
    text = re.sub(r"“[^”]*”", "", text)
    text = re.sub(r"\[[^\]]*\]", "", text)
    return re.sub(r"[A-Za-z_][\w.]*: \S+", "", text)


_HALF_WIDTH = re.compile(
    r"[\u3400-\u9fff，。；：、）] ?[,;?:]"  # a half-width mark after Chinese
    r"|[,;] ?[\u3400-\u9fff]"  # or before it
    r"|[\u3400-\u9fff] ?\(|\) ?[\u3400-\u9fff]"  # half-width brackets around Chinese
)


@pytest.mark.parametrize("key", sorted(MESSAGES))
def test_chinese_messages_use_full_width_punctuation(key: str) -> None:
    found = _HALF_WIDTH.search(_prose(MESSAGES[key]["zh"]))
    assert found is None, f"{key}: {MESSAGES[key]['zh']!r} at {found.group(0)!r}"


def _keys_asked_for() -> set[str]:
    """Message keys written literally where the code makes a message or an error."""
    calls = r"\b(?:say|text|bad_parameter|render_message|\w*Error|\w*Failed|\w*Refused|_fail)"
    asked = set()
    for path in SRC.rglob("*.py"):
        source = path.read_text(encoding="utf-8")
        for key in re.findall(calls + r'\(\s*"([a-z_]+\.[a-z_.]+)"', source):
            asked.add(key)
        asked.update(re.findall(r'_fail\([^)]*?"CP\d{3}",\s*"([a-z_]+\.[a-z_.]+)"', source))
    return asked


def test_every_key_the_code_asks_for_exists() -> None:
    missing = sorted(key for key in _keys_asked_for() if key not in MESSAGES)
    assert not missing


def _variants() -> dict[str, set[str]]:
    """Each rule's finding variants, read from its source: ``{code: {"", "members"}}``."""
    found: dict[str, set[str]] = {}
    for path in (SRC / "rules").glob("*.py"):
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if not isinstance(node, ast.FunctionDef):
                continue
            codes = [
                d.args[0].value
                for d in node.decorator_list
                if isinstance(d, ast.Call)
                and getattr(d.func, "id", "") == "rule"
                and isinstance(d.args[0], ast.Constant)
            ]
            if not codes:
                continue
            variants = found.setdefault(str(codes[0]), set())
            for call in ast.walk(node):
                if isinstance(call, ast.Call) and getattr(call.func, "id", "") == "Finding":
                    named = {k.arg: k.value for k in call.keywords}
                    value = named.get("variant", call.args[2] if len(call.args) > 2 else None)
                    parts = [value.body, value.orelse] if isinstance(value, ast.IfExp) else [value]
                    for part in parts:
                        if part is None:
                            variants.add("")
                        elif isinstance(part, ast.Constant):
                            variants.add(str(part.value))
                        else:  # worked out at run time: some variant of the code
                            variants.add("*")
    return found


def test_every_rule_has_a_message_for_each_of_its_findings() -> None:
    variants = _variants()
    assert set(variants) == set(all_rules())
    for code, kinds in variants.items():
        for variant in kinds:
            if variant == "*":
                assert any(key.startswith(f"{code}.") for key in MESSAGES), code
            else:
                key = f"{code}.{variant}" if variant else code
                assert key in MESSAGES, key


def test_cross_file_codes_have_their_messages() -> None:
    for key in ("CP801", "CP802", "CP803.missing", "CP803.sharing"):
        assert key in MESSAGES


def test_every_code_is_documented_in_both_languages() -> None:
    codes = set(INPUT_CODES) | set(all_rules())
    assert set(RULE_DOCS) == codes
    assert list(RULE_DOCS) == sorted(RULE_DOCS)
    for code in codes:
        zh, en = RULE_DOCS[code]["zh"], RULE_DOCS[code]["en"]
        for part in ("检查内容：", "为什么要紧：", "怎样修改：", "示例："):
            assert f"\n\n{part}" in zh, (code, part)
        for part in ("What is checked: ", "Why it matters: ", "How to fix it: ", "Example:"):
            assert f"\n\n{part}" in en, (code, part)
        assert CJK.search(zh.splitlines()[0]), code
        assert not CJK.search(en.splitlines()[0].replace("2月30日", "")), code


@pytest.mark.parametrize("code", sorted(RULE_DOCS))
def test_documentation_is_plain_text_with_full_width_chinese(code: str) -> None:
    for lang in ("zh", "en"):
        text = RULE_DOCS[code][lang]
        assert "``" not in text
        assert ":mod:" not in text
        assert "subject.plan" not in text
    prose = [p for p in RULE_DOCS[code]["zh"].split("\n\n") if not p.startswith("    ")]
    for paragraph in prose:
        found = _HALF_WIDTH.search(_prose(paragraph, template=False))
        assert found is None, f"{code}: {paragraph!r} at {found.group(0)!r}"


def test_rules_and_codes_give_their_documentation_in_each_language() -> None:
    rule = all_rules()["CP205"]
    assert rule.doc == RULE_DOCS["CP205"]["zh"] == rule.doc_in("zh")
    assert rule.summary == "经费各行之和应等于写明的经费总额。"
    assert rule.summary_in("en") == "The budget lines must add up to the declared budget total."
    assert "姜堰" not in rule.doc_in("en")
    assert "103.4万元" in rule.doc_in("en")
    code = INPUT_CODES["CP002"]
    assert code.summary.startswith("文件不是 UTF-8 文本")
    assert "iconv -f GB18030" in code.doc
    assert "iconv -f GB18030" in code.doc_in("en")


#: Examples that cannot be shown in a file of their own: commands, cut short, or about
#: several files.
_NOT_A_FILE = {"CP001", "CP002", "CP003", "CP014", "CP801", "CP802", "CP803"}
_PLAN_HEAD = {"id": "id: x-2024", "title": "title: 示例", "period": "period: 2024年至2025年"}


@pytest.mark.parametrize("code", sorted(set(RULE_DOCS) - _NOT_A_FILE))
def test_a_documentation_example_shows_its_code(code: str) -> None:
    example = textwrap.dedent(_ENTRIES[code].example)
    head = [
        line
        for key, line in _PLAN_HEAD.items()
        if not example.startswith("- ") and not re.search(rf"^{key}:", example, re.MULTILINE)
    ]
    result = check_text("\n".join([*head, example]), "example.yaml")
    assert code in {d.code for d in result.diagnostics}


def test_os_errors_are_said_in_both_languages() -> None:
    missing = os_reason(FileNotFoundError(errno.ENOENT, "No such file or directory"))
    assert missing == {"reason": "no such file or folder", "reason_zh": "文件或文件夹不存在"}
    full = os_reason(OSError(errno.ENOSPC, "No space left on device"), "detail")
    assert full["detail_zh"] == "磁盘空间已满"
    odd = os_reason(OSError(errno.EXDEV, "Invalid cross-device link"))
    assert odd == {
        "reason": "Invalid cross-device link",
        "reason_zh": "系统错误：Invalid cross-device link",
    }
    for name in OS_ERRORS:
        assert f"os.{name}" in MESSAGES


def test_git_errors_are_said_in_both_languages() -> None:
    said = git_reason("fatal: not a git repository (or any of the parent directories): .git")
    assert said["detail_zh"] == "这个文件夹不在 git 仓库中"
    said = git_reason("fatal: invalid object name 'HEAD~3'.")
    assert said["detail_zh"].startswith("git 中没有版本 HEAD~3")
    assert said["detail"].startswith("git has no revision HEAD~3")
    said = git_reason("fatal: path 'b.yaml' exists on disk, but not in 'HEAD'")
    assert said["detail_zh"] == "文件 b.yaml 在磁盘上，但在版本 HEAD 中还没有提交"
    said = git_reason("fatal: path 'c.yaml' does not exist in 'HEAD~1'")
    assert said["detail_zh"] == "版本 HEAD~1 中没有文件 c.yaml"
    said = git_reason("fatal: something new")
    assert said == {"detail": "something new", "detail_zh": "git 报错：something new"}
    shown = render_message("error.git_show", {"what": "HEAD:a.yaml", **said}, "zh")
    assert shown == "无法从 git 读取 HEAD:a.yaml：git 报错：something new"


def test_a_quoted_name_with_quotes_of_its_own_nests_them() -> None:
    from cplan.messages import quoted, render_message

    name = "综合治理“一张网”平台"
    assert quoted(name) == "“综合治理‘一张网’平台”"
    key = next(k for k, v in MESSAGES.items() if "“{name}”" in v["zh"])
    shown = render_message(key, {"name": name}, "zh")
    assert "“综合治理‘一张网’平台”" in shown
    assert "“一张网”" not in shown
