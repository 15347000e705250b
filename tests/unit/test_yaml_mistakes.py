"""The mistakes officers make in YAML, each told in Chinese at its own line and column.

Every file in ``tests/fixtures/yaml-mistakes/`` is a small plan with one common mistake.
Its first lines state what cplan must say::

    # expect: CP010@20:9
    # message: 全角冒号“：”应改为半角“:”并在其后加一个空格：name: 居民满意度

``expect`` lists every diagnostic (``CODE@LINE:COL``, as in ``tests/fixtures/invalid``);
one ``message`` line gives each one's Chinese message, in the same order. Both parsers (libyaml and PyYAML's
own) must agree: ``test_locate.py`` runs every fixture under ``tests/fixtures`` through both.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
import yaml

from cplan.check import check_file
from cplan.locate import LocateFailure, locate
from cplan.messages import render_message
from cplan.messages.catalog import MESSAGES
from cplan.messages.keys import KEY_NAMES
from tests.conftest import FIXTURES

MISTAKES = sorted((FIXTURES / "yaml-mistakes").glob("*.yaml"))
HEADER = re.compile(r"^# (expect|message): (.*)$", re.MULTILINE)

#: Latin words a Chinese message may hold besides the officer's own text: plan keys.
ALLOWED_LATIN = set(KEY_NAMES) | {"cplan", "init", "true", "false", "schema"}
_LATIN = re.compile(r"[A-Za-z][A-Za-z_]*")
_CJK = re.compile(r"[\u3400-\u9fff\u3000-\u303f\uff00-\uffef“”]")


def stated(path: Path) -> tuple[list[tuple[str, int, int]], list[str]]:
    head = path.read_text(encoding="utf-8")[:3000]
    found = HEADER.findall(head)
    expect = []
    for item in next(text for kind, text in found if kind == "expect").split():
        code, _, where = item.partition("@")
        line, _, col = where.partition(":")
        expect.append((code, int(line), int(col)))
    return expect, [text for kind, text in found if kind == "message"]


def test_there_are_at_least_twenty_mistakes() -> None:
    assert len(MISTAKES) >= 20


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_each_mistake_is_told_where_it_is_with_its_fix(path: Path) -> None:
    expect, messages = stated(path)
    result = check_file(path, path.name)
    assert [(d.code, d.line, d.col) for d in result.diagnostics] == expect
    assert [d.message("zh") for d in result.diagnostics] == messages


def _blank_args(args: dict[str, object]) -> dict[str, object]:
    """The officer's own text (their keys, values, the corrected line) left out."""
    return {key: "甲" if isinstance(value, str) else value for key, value in args.items()}


def _foreign_words(message: str) -> set[str]:
    return {word for word in _LATIN.findall(message) if word not in ALLOWED_LATIN}


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_chinese_messages_have_no_english_and_english_ones_no_chinese(path: Path) -> None:
    for diagnostic in check_file(path, path.name).diagnostics:
        args = _blank_args(dict(diagnostic.args))
        zh = render_message(diagnostic.key, args, "zh")
        assert _foreign_words(zh) == set(), zh
        en = render_message(diagnostic.key, dict.fromkeys(args, "x"), "en")
        # what to replace is quoted: '，' must be an ASCII ','
        assert not _CJK.search(re.sub(r"'[^']*'", "", en)), en


@pytest.mark.parametrize("key", [k for k in MESSAGES if k.startswith("locate.")])
def test_every_yaml_message_reads_in_chinese(key: str) -> None:
    zh = MESSAGES[key]["zh"]
    words = _foreign_words(re.sub(r"\{[a-z_]+\}", "", zh))
    assert words == set(), f"{key}: {words}"


@pytest.mark.parametrize("path", MISTAKES, ids=lambda p: p.stem)
def test_both_parsers_tell_the_same_mistake(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    seen = []
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        try:
            locate(text, path.name, loader=loader)
            seen.append([])
        except LocateFailure as failure:
            seen.append([(d.span, d.key, dict(d.args)) for d in failure.diagnostics])
    python, libyaml = seen[1], seen[0]
    # the parser's own English words are kept for --lang en's fallback only
    strip = {"problem", "context"}
    assert [(s, k, {a: v for a, v in args.items() if a not in strip}) for s, k, args in python] == [
        (s, k, {a: v for a, v in args.items() if a not in strip}) for s, k, args in libyaml
    ]


@pytest.mark.parametrize(
    ("text", "where", "key"),
    [
        # the cause is a line or more before the parser notices
        ("a:\n  b：甲\n  c: 1\n", (2, 4), "locate.fullwidth_colon"),
        ('a: "甲\nb: 1\nc: "乙"\n', (1, 4), "locate.unclosed_quote"),
        ("a: [1, 2\nb: 1\n", (1, 4), "locate.unclosed_flow"),
        ("a: 1\n b: 2\n", (2, 2), "locate.indent"),
        ("a:\n  - b: 1\n     c: 2\n", (3, 6), "locate.indent"),
        ("a:\n  - b: 1\n   c: 2\n", (3, 4), "locate.indent"),
        ("a:\n  - 甲\n  乙\n", (3, 3), "locate.list_dash"),
        ("a:\n  - b: 1\n  b: 2\n", (3, 3), "locate.new_item_dash"),
        ("a: 甲\u2028乙\nb: 1\n", (1, 5), "locate.line_separator"),
        ("a: 'x' y\n", (1, 4), "locate.quote_partial"),
        ("a: {b: 1}}\n", (1, 10), "locate.stray_bracket"),
        ("a: {b: 1，c: 2}\n", (1, 9), "locate.fullwidth_comma"),
        ("a: %\n", (1, 4), "locate.special_start"),
        ("a: b: c\n", (1, 5), "locate.colon_in_value"),
        ("a:\n甲\nb: 1\n", (2, 1), "locate.value_next_line"),
        ("a: 1\n甲\nb: 1\n", (2, 1), "locate.no_colon"),
        ("a: !x 甲\n", (1, 4), "locate.tag_text"),
        ("a: *x\n", (1, 4), "locate.undefined_alias"),
    ],
)
def test_diagnoses(text: str, where: tuple[int, int], key: str) -> None:
    for loader in (yaml.CSafeLoader, yaml.SafeLoader):
        with pytest.raises(LocateFailure) as caught:
            locate(text, "p.yaml", loader=loader)
        (found,) = caught.value.diagnostics
        assert ((found.line, found.col), found.key) == (where, key)
