"""Configuration files and inline suppression change which problems are reported."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from cplan.config import ConfigError, load_settings
from tests.conftest import plan_text

runner = CliRunner()

PLAN = plan_text("""
    committees:
      - {id: c, name: 共建委员会, size: 30, composition: {政府代表: 6, 居民代表: 6}}
      - id: d
        name: 领导小组
        members: [{role: 组长}]
    """)
# line 5: CP201 (12 ≠ 30); line 8: CP701 (blank name, a warning)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def codes(folder: Path, *args: str) -> tuple[int, list[str]]:
    out = runner.invoke(app, ["validate", "--format", "json", *args])
    import json

    doc = json.loads(out.output)
    found = [
        f"{d['code']}@{d['line']}:{d['severity']}" for f in doc["files"] for d in f["diagnostics"]
    ]
    return out.exit_code, found


def test_without_configuration(in_tmp: Path) -> None:
    write(in_tmp, "plans/a.yaml", PLAN)
    assert codes(in_tmp, "plans") == (1, ["CP201@5:error", "CP701@8:warning"])


def test_cplan_toml_ignore_select_and_severity(in_tmp: Path) -> None:
    write(in_tmp, "plans/a.yaml", PLAN)
    write(in_tmp, "cplan.toml", 'ignore = ["CP2"]\n[severity]\nCP701 = "error"\n')
    assert codes(in_tmp, "plans") == (1, ["CP701@8:error"])
    write(in_tmp, "cplan.toml", 'select = ["CP7"]\n')
    assert codes(in_tmp, "plans") == (0, ["CP701@8:warning"])


def test_pyproject_table_and_per_file_ignores(in_tmp: Path) -> None:
    write(in_tmp, "plans/legacy/old.yaml", PLAN.replace("id: t\n", "id: old\n", 1))
    write(in_tmp, "plans/new.yaml", PLAN)
    write(
        in_tmp,
        "pyproject.toml",
        '[project]\nname = "x"\n[tool.cplan.per-file-ignores]\n"plans/legacy/*.yaml" = ["CP201"]\n',
    )
    _, found = codes(in_tmp, "plans")
    # plans/new.yaml, then plans/legacy/old.yaml (a folder's files before its subfolders)
    assert found == ["CP201@5:error", "CP701@8:warning", "CP701@8:warning"]


def test_include_and_exclude_when_walking_directories(in_tmp: Path) -> None:
    write(in_tmp, "plans/a.yaml", PLAN)
    write(in_tmp, "plans/archive/old.yaml", "not: [valid")
    write(in_tmp, "cplan.toml", 'exclude = ["plans/archive/**"]\n')
    out = runner.invoke(app, ["validate", "plans"])
    assert "archive" not in out.output
    assert out.output.splitlines()[-1] == "共检查 1 个文件：1 个错误，1 个警告"


def test_configuration_found_by_walking_up(in_tmp: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(in_tmp, "cplan.toml", 'lang = "en"\n')
    write(in_tmp, "plans/sub/a.yaml", PLAN)
    monkeypatch.chdir(in_tmp / "plans" / "sub")
    out = runner.invoke(app, ["validate", "a.yaml"])
    assert "the sectors add up to 12" in out.output
    assert load_settings().source == in_tmp / "cplan.toml"


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("ignore = CP201\n", "TOML 语法错误"),
        ('ignore = ["CP201"]\nignor = ["CP1"]\n', "ignor"),
        ('ignore = ["E501"]\n', "E501"),
        ('[severity]\nCP201 = "fatal"\n', "severity.CP201"),
    ],
)
def test_bad_configuration_is_exit_2_not_a_finding(in_tmp: Path, config: str, message: str) -> None:
    write(in_tmp, "plans/a.yaml", PLAN)
    write(in_tmp, "cplan.toml", config)
    out = runner.invoke(app, ["validate", "plans"])
    assert out.exit_code == 2
    assert "cplan.toml" in out.output
    assert message in out.output
    with pytest.raises(ConfigError):
        load_settings()


def test_inline_disable_on_a_line_at_the_top_and_above_a_line(in_tmp: Path) -> None:
    on_line = PLAN.replace("居民代表: 6}}", "居民代表: 6}}  # cplan: disable=CP201")
    write(in_tmp, "a.yaml", on_line)
    assert codes(in_tmp, "a.yaml")[1] == ["CP701@8:warning"]
    write(in_tmp, "a.yaml", "# cplan: disable=CP7, CP201\n" + PLAN)
    assert codes(in_tmp, "a.yaml") == (0, [])
    above = PLAN.replace("    members:", "    # cplan: disable=CP701\n    members:")
    write(in_tmp, "a.yaml", above)
    assert codes(in_tmp, "a.yaml")[1] == ["CP201@5:error"]


def test_github_format_is_chosen_inside_github_actions(in_tmp: Path) -> None:
    write(in_tmp, "a.yaml", PLAN)
    out = runner.invoke(app, ["validate", "a.yaml"], env={"GITHUB_ACTIONS": "true"})
    assert out.output.startswith("::error file=a.yaml,line=5,col=")
