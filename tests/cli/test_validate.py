"""`cplan validate` through its real entry point: exit codes and the exact lines users see."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app
from tests.conftest import FIXTURES, ROOT, plan_text

runner = CliRunner()

GOOD = plan_text("""
    units: [{id: shequ, name: 南苑社区, kind: 社区}]
    phases:
      - {id: p1, name: 调研, when: 3月上旬至4月下旬, owner: shequ}
    """)
WARN = plan_text("""
    committees:
      - id: lingdao
        name: 领导小组
        members: [{role: 组长}]
    """)
BAD = plan_text("""
    committees:
      - {id: c, name: 共建委员会, size: 30, composition: {政府代表: 6, 居民代表: 6}}
    """)


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def test_valid_plan_exits_0_with_a_summary(in_tmp: Path) -> None:
    write(in_tmp, "good.yaml", GOOD)
    out = runner.invoke(app, ["validate", "good.yaml"])
    assert out.exit_code == 0
    assert out.output == "共检查 1 个文件：0 个错误，0 个警告\n"


def test_error_exits_1_with_path_line_col_code_and_chinese_message(in_tmp: Path) -> None:
    write(in_tmp, "plans/bad.yaml", BAD)
    out = runner.invoke(app, ["validate", "plans/bad.yaml"])
    assert out.exit_code == 1
    assert out.output.splitlines() == [
        "plans/bad.yaml:5:49: error CP201 “共建委员会”各界别人数之和为 12，与写明的总人数 30 不符",
        "共检查 1 个文件：1 个错误，0 个警告",
    ]


def test_english_by_option_and_by_environment(in_tmp: Path) -> None:
    write(in_tmp, "bad.yaml", BAD)
    expected = "bad.yaml:5:49: error CP201 '共建委员会': the sectors add up to 12, not the declared size 30"
    by_option = runner.invoke(app, ["validate", "--lang", "en", "bad.yaml"])
    by_env = runner.invoke(app, ["validate", "bad.yaml"], env={"CPLAN_LANG": "en"})
    assert by_option.output.splitlines()[0] == expected
    assert by_env.output.splitlines()[0] == expected
    assert by_env.output.splitlines()[1] == "1 file checked: 1 error, 0 warnings"


def test_warnings_fail_only_with_strict(in_tmp: Path) -> None:
    write(in_tmp, "warn.yaml", WARN)
    assert runner.invoke(app, ["validate", "warn.yaml"]).exit_code == 0
    strict = runner.invoke(app, ["validate", "--strict", "warn.yaml"])
    assert strict.exit_code == 1
    assert "warning CP701" in strict.output


def test_directories_recurse_and_every_file_is_reported(in_tmp: Path) -> None:
    write(in_tmp, "repo/a/good.yaml", GOOD)
    write(in_tmp, "repo/b/bad.yml", BAD.replace("id: t\n", "id: bad\n", 1))
    write(in_tmp, "repo/b/empty.yaml", "")
    write(in_tmp, "repo/notes.txt", "not a plan")
    write(in_tmp, "repo/.git/config.yaml", "ignored: [")
    out = runner.invoke(app, ["validate", "repo"])
    assert out.exit_code == 1
    lines = out.output.splitlines()
    assert [line.split(":")[0] for line in lines[:-1]] == ["repo/b/bad.yml", "repo/b/empty.yaml"]
    assert lines[-1] == "共检查 3 个文件：2 个错误，0 个警告"


def test_missing_path_exits_2(in_tmp: Path) -> None:
    out = runner.invoke(app, ["validate", "nowhere.yaml"])
    assert out.exit_code == 2
    assert "路径不存在：nowhere.yaml" in out.output


def test_unknown_format_exits_2(in_tmp: Path) -> None:
    write(in_tmp, "good.yaml", GOOD)
    assert runner.invoke(app, ["validate", "--format", "xml", "good.yaml"]).exit_code == 2


def test_json_format_is_a_stable_document(in_tmp: Path) -> None:
    write(in_tmp, "bad.yaml", BAD.replace("id: t\n", "id: bad\n", 1))
    write(in_tmp, "good.yaml", GOOD)
    out = runner.invoke(app, ["validate", "--format", "json", "bad.yaml", "good.yaml"])
    assert out.exit_code == 1
    doc = json.loads(out.output)
    assert doc["version"] == 1
    assert doc["summary"] == {"files": 2, "errors": 1, "warnings": 0}
    bad, good = doc["files"]
    assert good == {
        "path": "good.yaml",
        "valid": True,
        "errors": 0,
        "warnings": 0,
        "diagnostics": [],
    }
    (d,) = bad["diagnostics"]
    assert (d["line"], d["column"], d["code"], d["severity"]) == (5, 49, "CP201", "error")
    assert d["end_line"] == 5
    assert d["end_column"] > d["column"]


def test_output_file_is_written_whole(in_tmp: Path) -> None:
    write(in_tmp, "bad.yaml", BAD)
    out = runner.invoke(app, ["validate", "-f", "json", "-o", "report.json", "bad.yaml"])
    assert out.exit_code == 1
    assert out.output == ""
    assert (
        json.loads((in_tmp / "report.json").read_text(encoding="utf-8"))["summary"]["errors"] == 1
    )
    assert [p.name for p in in_tmp.iterdir() if p.name.endswith(".tmp")] == []


def test_no_colour_when_not_a_terminal(in_tmp: Path) -> None:
    write(in_tmp, "bad.yaml", BAD)
    out = runner.invoke(app, ["validate", "bad.yaml"])
    assert "\x1b[" not in out.output


def test_colour_is_forced_off_by_no_color(in_tmp: Path) -> None:
    write(in_tmp, "bad.yaml", BAD)
    out = runner.invoke(app, ["validate", "bad.yaml"], env={"FORCE_COLOR": "1", "NO_COLOR": "1"})
    assert "\x1b[" not in out.output
    coloured = runner.invoke(
        app, ["validate", "bad.yaml"], env={"FORCE_COLOR": "1", "NO_COLOR": ""}
    )
    assert "\x1b[31merror" in coloured.output


@pytest.mark.parametrize(
    "path", sorted((FIXTURES / "invalid").glob("*.yaml")), ids=lambda p: p.name
)
def test_bad_input_never_shows_a_traceback(path: Path) -> None:
    out = runner.invoke(app, ["validate", str(path)])
    assert out.exit_code == 1
    assert out.exception is None or isinstance(out.exception, SystemExit)
    assert "Traceback" not in out.output


@pytest.mark.skipif(
    shutil.which("cplan") is None and not (Path(sys.executable).parent / "cplan").exists(),
    reason="the console script is not installed",
)
def test_installed_console_script_runs_as_a_subprocess(in_tmp: Path) -> None:
    script = shutil.which("cplan") or str(Path(sys.executable).parent / "cplan")
    write(in_tmp, "bad.yaml", BAD)
    env = {k: v for k, v in os.environ.items() if k not in ("CPLAN_LANG", "NO_COLOR")}
    done = subprocess.run(
        [script, "validate", "bad.yaml"],
        capture_output=True,
        text=True,
        env=env,
        timeout=60,
        check=False,
    )
    assert done.returncode == 1
    assert done.stdout.startswith("bad.yaml:5:49: error CP201 ")
    assert done.stderr == ""
    version = subprocess.run([script, "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.strip().startswith("cplan ")


def test_sample_plan_repository_validates(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    out = runner.invoke(app, ["validate", "plans", "examples"])
    assert out.exit_code == 0, out.output
