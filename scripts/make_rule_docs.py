"""Write ``docs/rules/``: one Markdown page per diagnostic code, and an index.

Run ``.venv/bin/python scripts/make_rule_docs.py`` after adding
or changing a check. The pages come from the registry (``cplan.codes.INPUT_CODES`` and
the rules' docstrings), the same text ``cplan rules CODE`` prints; SARIF's ``helpUri``
points at them (``cplan.home.rule_page``), so code scanning links every alert to its
page. ``--check`` writes nothing and exits 1 if a page is missing, stale or left over; a
test does the same.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DOCS = ROOT / "docs" / "rules"

_SEVERITY = {"error": "错误 (error)", "warning": "警告 (warning)", "info": "提示 (info)"}
_FAMILIES = [
    ("CP0", "读取与 YAML (CP0xx)"),
    ("CP1", "方案结构 (CP1xx)"),
    ("CP2", "合计 (CP2xx)"),
    ("CP3", "引用 (CP3xx)"),
    ("CP4", "日期与阶段 (CP4xx)"),
    ("CP5", "经费与分担 (CP5xx)"),
    ("CP6", "指标 (CP6xx)"),
    ("CP7", "人员与配置 (CP7xx)"),
    ("CP8", "跨文件 (CP8xx)"),
]


def _family(code: str) -> str:
    for prefix, title in _FAMILIES:
        if code.startswith(prefix):
            return title
    return "其他"


def page(code: str, name: str, summary: str, doc: str, severity: str) -> str:
    """The Markdown page of one code."""
    body = doc.strip()
    rest = body[len(summary) :].strip() if body.startswith(summary) else body
    lines = [
        f"# {code} {name}",
        "",
        f"**{summary}**",
        "",
        "| | |",
        "|---|---|",
        f"| 代码 | `{code}` |",
        f"| 名称 | `{name}` |",
        f"| 默认级别 | {_SEVERITY[severity]} |",
        f"| 类别 | {_family(code)} |",
        "",
    ]
    if rest:
        lines += ["## 说明", "", rest, ""]
    lines += [
        "## 处理方法",
        "",
        (
            f"在终端运行 `cplan rules {code}` 可看到同样的说明;"
            " `cplan validate` 给出的每一行都指明文件、行和列。"
        ),
        "",
    ]
    if code.startswith("CP0"):
        lines += ["文件读不出或不是合法的 YAML 时, 其余检查都无法进行: 请先修正这一处。"]
    else:
        lines += [
            (
                f"确属例外时, 可在该行末尾写 `# cplan: disable={code}` 只关闭这一处;"
                " 写在第一个键之前的单独一行则对整个文件生效。"
                f' 也可以在 `cplan.toml` 中写 `ignore = ["{code}"]` 全部关闭, 或在'
                " `[severity]` 中调整级别。"
            )
        ]
    lines += [
        "",
        "[全部检查项](README.md)",
        "",
    ]
    return "\n".join(lines)


def pages() -> dict[str, str]:
    """File name → text of every page under ``docs/rules/``."""
    from cplan.formats.sarif import documented_codes

    codes = documented_codes()
    out = {
        f"{code}.md": page(code, name, summary, doc, severity.value)
        for code, name, summary, doc, severity in codes
    }
    index = [
        "# cplan 检查项",
        "",
        "cplan 报告的每个代码一页, 由 `scripts/make_rule_docs.py` 根据规则注册表生成,",
        "请勿手工修改。`cplan rules` 在终端列出同样的内容。",
        "",
    ]
    current = ""
    for code, name, summary, _doc, severity in sorted(codes):
        family = _family(code)
        if family != current:
            index += ["", f"## {family}", "", "| 代码 | 级别 | 名称 | 说明 |", "|---|---|---|---|"]
            current = family
        cell = summary.replace("|", "\\|")
        index.append(f"| [{code}]({code}.md) | {severity.value} | `{name}` | {cell} |")
    out["README.md"] = "\n".join(index).replace("\n\n\n", "\n\n") + "\n"
    return out


def stale(folder: Path = DOCS) -> list[str]:
    """Pages that are missing, differ from the registry, or no longer belong."""
    wanted = pages()
    found = {path.name for path in folder.glob("*.md")} if folder.is_dir() else set()
    wrong = [
        name
        for name, text in wanted.items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]
    return sorted(wrong + sorted(found - set(wanted)))


def main(argv: list[str]) -> int:
    if "--check" in argv:
        wrong = stale()
        for name in wrong:
            print(f"docs/rules/{name} is stale: run scripts/make_rule_docs.py", file=sys.stderr)
        return 1 if wrong else 0
    DOCS.mkdir(parents=True, exist_ok=True)
    wanted = pages()
    for path in DOCS.glob("*.md"):
        if path.name not in wanted:
            path.unlink()
    for name, text in wanted.items():
        (DOCS / name).write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(wanted)} pages to {DOCS.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
