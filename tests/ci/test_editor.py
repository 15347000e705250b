"""Editors: yaml-language-server (npm, the server of VS Code's YAML extension) driven over
LSP on a plan of a scaffolded repository, and the schema accepting what cplan accepts."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from typer.testing import CliRunner

from cplan.check import check_text
from cplan.cli import app
from cplan.locate import locate
from cplan.model.targets import _KIND_ALIASES, TargetKind
from cplan.schema import plan_schema
from tests.ci.lsp import YAML_SETTINGS, LanguageServer
from tests.ci.tools import npm_package
from tests.conftest import FIXTURES, plan_text

runner = CliRunner()
PLAN = "plans/my-community-2025.yaml"


@pytest.fixture(scope="module")
def repository(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("editor") / "plans-repo"
    out = runner.invoke(app, ["init", "--repo", str(root)])
    assert out.exit_code == 0, out.output
    return root


def server(root: Path, settings: dict[str, Any]) -> Iterator[LanguageServer]:
    package = npm_package("yaml-language-server")
    command = ["node", str(package / "bin" / "yaml-language-server"), "--stdio"]
    client = LanguageServer(command, root, settings)
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def lsp(repository: Path) -> Iterator[LanguageServer]:
    """The server as the modeline alone configures it (no workspace settings)."""
    yield from server(repository, YAML_SETTINGS)


@pytest.fixture
def vscode_lsp(repository: Path) -> Iterator[LanguageServer]:
    """The server with the scaffold's .vscode/settings.json, as VS Code sends it."""
    vscode = json.loads((repository / ".vscode" / "settings.json").read_text("utf-8"))
    settings = json.loads(json.dumps(YAML_SETTINGS))
    settings["yaml"]["schemas"] = {
        str((repository / path).resolve()): globs for path, globs in vscode["yaml.schemas"].items()
    }
    yield from server(repository, settings)


def position(text: str, needle: str, after: int = 0) -> tuple[int, int]:
    """(line, character) of ``needle`` in ``text`` (0-based, as LSP counts)."""
    for number, line in enumerate(text.splitlines()):
        if needle in line:
            return number, line.index(needle) + after
    raise AssertionError(f"{needle!r} not in the plan")


def messages(found: list[dict[str, Any]]) -> list[str]:
    return [d["message"] for d in found]


def test_the_plan_as_scaffolded_has_no_problem(lsp: LanguageServer, repository: Path) -> None:
    plan = repository / PLAN
    uri = lsp.open(plan)
    assert lsp.diagnostics(uri, timeout=8) == []


def test_an_unknown_key_is_flagged(lsp: LanguageServer, repository: Path) -> None:
    plan = repository / PLAN
    text = plan.read_text(encoding="utf-8").replace("issuer: ", "isuer: ")
    uri = lsp.open(plan, text)
    found = lsp.diagnostics(uri)
    assert "Property isuer is not allowed." in messages(found), found
    line, _ = position(text, "isuer:")
    assert [d["range"]["start"]["line"] for d in found] == [line]


def test_the_vscode_settings_map_the_schema_onto_plans(
    vscode_lsp: LanguageServer, repository: Path
) -> None:
    plan = repository / "plans" / "2026" / "no-modeline.yaml"
    plan.parent.mkdir(exist_ok=True)
    text = (repository / PLAN).read_text(encoding="utf-8").split("\n", 1)[1]
    plan.write_text(text.replace("title: ", "titel: "), encoding="utf-8")
    found = vscode_lsp.diagnostics(vscode_lsp.open(plan))
    assert "Property titel is not allowed." in messages(found), found


def test_keys_complete(lsp: LanguageServer, repository: Path) -> None:
    plan = repository / PLAN
    text = plan.read_text(encoding="utf-8")
    line, _ = position(text, "level: 社区")
    lines = text.splitlines()
    lines.insert(line + 1, "")
    text = "\n".join(lines) + "\n"
    uri = lsp.open(plan, text)
    result = lsp.request("textDocument/completion", lsp.at(uri, line + 1, 0))
    items = result["items"] if isinstance(result, dict) else result
    labels = {item["label"] for item in items}
    assert {"area", "version", "issued"} <= labels
    assert "title" not in labels  # already there
    area = next(item for item in items if item["label"] == "area")
    assert "适用区域" in json.dumps(area, ensure_ascii=False)


@pytest.mark.parametrize(
    ("needle", "title", "description"),
    [
        ("title:", "方案标题", "方案标题, 如 新社区共建工作计划"),
        ("total:", "经费总额", "cplan 会与各行之和核对"),
        ("kind: increase", "指标类型", "也可写中文"),
        ("budget:", "经费", "各行经费"),
    ],
)
def test_hover_shows_the_chinese_title_and_description(
    lsp: LanguageServer, repository: Path, needle: str, title: str, description: str
) -> None:
    plan = repository / PLAN
    text = plan.read_text(encoding="utf-8")
    uri = lsp.open(plan)
    line, character = position(text, needle, after=1)
    hover = lsp.request("textDocument/hover", lsp.at(uri, line, character))
    value = hover["contents"]["value"]
    heading = value.splitlines()[0]
    assert heading == f"#### {title}", value
    assert "||" not in heading
    assert description in value


def test_a_chinese_kind_is_valid_for_the_editor_too(lsp: LanguageServer, repository: Path) -> None:
    plan = repository / PLAN
    text = plan.read_text(encoding="utf-8").replace("kind: increase ", "kind: 提升     ")
    assert check_text(text, "plan.yaml").diagnostics == []  # cplan accepts it
    uri = lsp.open(plan, text)
    assert lsp.diagnostics(uri, timeout=8) == []  # and so does the editor


# -- the schema accepts what cplan accepts --------------------------------------------------


def validator() -> jsonschema.Draft7Validator:
    return jsonschema.Draft7Validator(plan_schema())


def schema_errors(text: str) -> list[str]:
    data = json.loads(json.dumps(locate(text, "p.yaml").data, default=str))
    return [error.message for error in validator().iter_errors(data)]


@pytest.mark.parametrize("kind", [k.value for k in TargetKind] + list(_KIND_ALIASES))
def test_every_kind_cplan_accepts(kind: str) -> None:
    plan = plan_text(f"""
        targets:
          - id: t1
            name: 指标
            kind: {kind}
            unit: 个
            baseline: {{value: 1, date: 2024年}}
            target: {{value: 3, deadline: 2025年底}}
        """)
    cplan_schema_codes = [
        d.code for d in check_text(plan, "p.yaml").diagnostics if d.code.startswith("CP1")
    ]
    assert cplan_schema_codes == []
    assert schema_errors(plan) == []


@pytest.mark.parametrize("path", sorted((FIXTURES / "valid").glob("*.yaml")), ids=lambda p: p.name)
def test_every_valid_fixture(path: Path) -> None:
    assert schema_errors(path.read_text(encoding="utf-8")) == []


VALUE_TYPES = {
    "money": ("MONEY_JSON_SCHEMA", "parse_money"),
    "ratio": ("RATIO_JSON_SCHEMA", "parse_ratio"),
    "percent": ("PERCENT_JSON_SCHEMA", "parse_percent"),
    "date": ("DATE_JSON_SCHEMA", "parse_date"),
    "period": ("SPAN_JSON_SCHEMA", "parse_span"),
}


def spellings() -> list[tuple[str, Any]]:
    """Every spelling the README's "Writing a plan" table and the schema's own examples
    promise, with its value type."""
    import re

    from cplan.model import values
    from tests.conftest import ROOT

    found: list[tuple[str, Any]] = []
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    for kind in VALUE_TYPES:
        row = re.search(rf"^\| {kind} \| (.+?) \|", readme, re.MULTILINE)
        assert row is not None, kind
        written = re.findall(r"`([^`]+)`", row.group(1))
        found += [(kind, locate(f"v: {s}\n", "v.yaml").data["v"]) for s in written]
        schema = getattr(values, VALUE_TYPES[kind][0])
        found += [(kind, s) for s in re.findall(r'"([^"]+)"', schema["description"])]
    return found


@pytest.mark.parametrize(("kind", "spelling"), spellings(), ids=str)
def test_every_spelling_cplan_reads_the_schema_accepts(kind: str, spelling: Any) -> None:
    from cplan.model import values

    schema_name, parser = VALUE_TYPES[kind]
    parse = getattr(values, parser)
    parse(spelling, 2024) if kind in {"date", "period"} else parse(spelling)  # cplan reads it
    assert (
        list(jsonschema.Draft7Validator(getattr(values, schema_name)).iter_errors(spelling)) == []
    )
