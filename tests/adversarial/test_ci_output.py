"""Terminals and CI logs: plan text is shown, never obeyed (issue #12, item 4).

A pull request writes double-quoted YAML escapes (``\\e``, ``\\a``, ``\\x9b``, ``\\r\\n``),
bidi and zero-width characters, rich markup and Markdown into titles, names, keys and
file names. Every command that prints them (``validate`` in text and GitHub formats,
``status``, ``funding``, ``diff`` as text and Markdown) must show them escaped: no
escape sequence reaches the terminal (colours, OSC 8 links, OSC 52 clipboard writes,
window titles), no character hides or reorders text, and under GitHub Actions no line
becomes a workflow command (``::error``, ``::set-env``, ``::stop-commands``, ``##[...]``).
"""

from __future__ import annotations

import re
import unicodedata

import pytest

from tests.adversarial import Run, ci_env, cplan_env, pull_request, run_many
from tests.conftest import ROOT

STARTER = (ROOT / "src" / "cplan" / "data" / "starter.yaml").read_text(encoding="utf-8")

#: Plan text → what a pull request puts there instead (YAML double-quoted escapes).
HOSTILE = {
    "title: 某社区2025年社区治理工作方案": (
        r'title: "<!-- 隐藏 \e]8;;http://evil.example\e\\点击\e]8;;\e\\ \e]52;c;cHduZWQ=\a'
        r" \x9b31m红 \u202e反转 \u200b零宽 [链接](http://evil.example) *强调*"
        r'\n::error file=x::pwned ##[error]v1"'
    ),
    "name: 居民满意度": r'name: "满意度\r\n::set-env name=X::1\e[2J"',
    "name: 调研阶段": r'name: "调研\u2028::warning::sep\u2066阶段\u2069"',
    "{id: district, name: 区财政, level: 区, fund: 财政预算}": (
        r'{id: district, name: "[bold red]区财政[/] [link=http://evil.example]x[/link] \e[31m",'
        " level: 区, fund: 财政预算}"
    ),
    "{id: activities, name: 居民活动经费, category: 活动经费, amount: 6万元}": (
        r'{id: activities, name: "活动\n##[group]经费 \x85NEL", category: 活动经费,'
        " amount: 6万元}"
    ),
    "{id: shequ, name: 某社区居委会, kind: 社区, parent: jiedao}": (
        r'{id: shequ, name: "\e]0;title\a居委会", kind: 社区, parent: jiedao}'
    ),
}

#: A broken plan whose messages echo hostile keys and values, under a hostile file name.
ECHOED = (
    'id: "bad\\u202eid"\n'
    "title: 回显\n"
    "period: 2024年至2025年\n"
    '"k\\n::error file=k::key\\e[5m": 1\n'
    'issued: "\\e]52;c;eA==\\a2024年13月"\n'
)
ECHOED_NAME = "plans/a\n::error file=n::named ##[x].yaml"


def hostile_plan() -> str:
    text = STARTER
    for plain, hostile in HOSTILE.items():
        assert plain in text, plain
        text = text.replace(plain, hostile)
    return text


def hidden(text: str) -> list[str]:
    """Characters a terminal would obey or that hide text: controls but the newline,
    format characters (bidi, zero-width), line and paragraph separators."""
    return sorted(
        {
            repr(char)
            for char in text
            if char != "\n" and unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Cs")
        }
    )


def workflow_lines(text: str) -> list[str]:
    """Lines the Actions runner would read as a command, other than cplan's annotations."""
    found = []
    for line in re.split(r"\r\n|\r|\n", text):
        stripped = line.lstrip()
        ours = re.match(r"::(error|warning|notice) file=[^\n]*::|::notice::", stripped)
        if "##[" in line or "##vso[" in line or (stripped.startswith("::") and not ours):
            found.append(line)
    return found


COMMANDS = {
    "validate-text": ["validate", "--format", "text", "plans"],
    "validate-github": ["validate", "plans"],
    "status": ["status", "plans/hostile.yaml", "--as-of", "2025-06-30"],
    "status-json": ["status", "plans/hostile.yaml", "--as-of", "2025-06-30", "-f", "json"],
    "funding": ["funding", "plans/hostile.yaml"],
    "diff-text": ["diff", "start.yaml", "plans/hostile.yaml"],
    "diff-markdown": ["diff", "start.yaml", "plans/hostile.yaml", "-f", "markdown"],
    "diff-json": ["diff", "start.yaml", "plans/hostile.yaml", "-f", "json"],
    "status-refused": ["status", "plans/echoed.yaml"],
    "named": ["validate", "--format", "text", ECHOED_NAME],
}


#: Also run as in a terminal (outside GitHub Actions, no workflow-command guard).
LOCAL = ("validate-text", "status", "funding", "diff-text", "diff-markdown", "named")


@pytest.fixture(scope="module")
def runs(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], Run]:
    """Every command as on GitHub Actions; those in :data:`LOCAL` as in a terminal too."""
    folder = tmp_path_factory.mktemp("hostile-output")
    clone = pull_request(
        folder,
        {
            "start.yaml": STARTER,
            "plans/hostile.yaml": hostile_plan(),
            "plans/echoed.yaml": ECHOED,
            ECHOED_NAME: ECHOED,
        },
    )
    local = run_many([(COMMANDS[name], clone) for name in LOCAL], env=cplan_env(clone), timeout=60)
    actions = run_many(
        [(args, clone) for args in COMMANDS.values()],
        env=ci_env(clone, folder / "cache"),
        timeout=60,
    )
    done = {(name, False): run for name, run in zip(LOCAL, local, strict=True)}
    done.update({(name, True): run for name, run in zip(COMMANDS, actions, strict=True)})
    return done


@pytest.mark.parametrize(
    ("name", "github"),
    [(name, True) for name in COMMANDS] + [(name, False) for name in LOCAL],
)
def test_plan_text_is_shown_escaped(
    runs: dict[tuple[str, bool], Run], name: str, github: bool
) -> None:
    run = runs[(name, github)]
    output = run.stdout + run.stderr
    assert not run.timed_out, run.describe()
    assert "Traceback" not in output, run.describe()
    assert run.returncode in (0, 1), run.describe()
    assert hidden(output) == [], run.describe()
    if github:
        assert workflow_lines(output) == [], run.describe()
    if name.endswith("json"):
        return
    assert "\\x1b" in output or "\\u202e" in output or "\\n" in output, run.describe()


def test_markdown_shows_markup_and_html_as_text(runs: dict[tuple[str, bool], Run]) -> None:
    run = runs[("diff-markdown", False)]
    assert "<!--" not in run.stdout, run.describe()
    assert "&lt;!--" in run.stdout
    assert "[链接](http://evil.example)" not in run.stdout  # no link
    assert "\\[链接\\](http://evil.example)" in run.stdout


def test_json_keeps_the_text_exactly(runs: dict[tuple[str, bool], Run]) -> None:
    import json

    data = json.loads(runs[("status-json", True)].stdout)
    assert "\u202e反转" in data["plan"]["title"]
    assert "\x1b]8;;http://evil.example" in data["plan"]["title"]


def test_rich_markup_in_plan_text_is_printed_not_obeyed(
    runs: dict[tuple[str, bool], Run],
) -> None:
    out = runs[("funding", False)].stdout
    assert "[bold red]区财政[/] [link=http://evil.example]x[/link]" in out


def test_ids_are_strict(runs: dict[tuple[str, bool], Run]) -> None:
    run = runs[("validate-text", False)]
    assert re.search(r"^plans/echoed\.yaml:1:5: error CP100 ", run.stdout, re.MULTILINE), (
        run.describe()
    )


def test_every_control_and_format_character_is_escaped() -> None:
    """The table in :mod:`cplan.safetext` covers every code point of categories Cc, Cf,
    Cs, Zl and Zp in this Python's Unicode database, and escapes them reversibly."""
    from cplan.safetext import json_safe, visible

    missed = [
        hex(point)
        for point in range(0x110000)
        if unicodedata.category(chr(point)) in ("Cc", "Cf", "Cs", "Zl", "Zp")
        and visible(chr(point)) == chr(point)
    ]
    assert missed == []
    assert visible("社区 abc 123 （一）") == "社区 abc 123 （一）"
    assert visible("a\x1b[31m\u202eb\n") == "a\\x1b[31m\\u202eb\\n"
    assert visible(visible("\u200b")) == "\\u200b"
    import json

    text = "x\u202e\x9b\U000e0041y"
    assert json.loads(json_safe(json.dumps({"k": text}, ensure_ascii=False)))["k"] == text
