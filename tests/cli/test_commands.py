"""`cplan init`, `cplan schema` and `cplan rules` through the real entry point
(`cplan rules` in detail: tests/cli/test_rules.py)."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from cplan.check import check_file
from cplan.cli import app
from cplan.codes import INPUT_CODES
from cplan.rules import all_rules
from tests.conftest import ROOT

runner = CliRunner()


def test_init_writes_a_commented_starter_plan_that_validates(in_tmp: Path) -> None:
    out = runner.invoke(app, ["init", "nanyuan.yaml"])
    assert out.exit_code == 0
    text = (in_tmp / "nanyuan.yaml").read_text(encoding="utf-8")
    assert text.startswith("# yaml-language-server: $schema=")
    assert "# 工作目标: 基线 → 目标" in text
    result = check_file(in_tmp / "nanyuan.yaml")
    assert result.diagnostics == []
    assert result.plan is not None
    assert result.plan.targets


def test_init_defaults_to_plan_yaml(in_tmp: Path) -> None:
    assert runner.invoke(app, ["init"]).exit_code == 0
    assert (in_tmp / "plan.yaml").is_file()


def test_init_refuses_to_overwrite(in_tmp: Path) -> None:
    (in_tmp / "plan.yaml").write_text("我的方案\n", encoding="utf-8")
    out = runner.invoke(app, ["init", "plan.yaml"])
    assert out.exit_code == 2
    assert "已存在" in out.output
    assert (in_tmp / "plan.yaml").read_text(encoding="utf-8") == "我的方案\n"
    assert sorted(p.name for p in in_tmp.iterdir()) == ["plan.yaml"]


def test_init_into_a_missing_folder_fails_cleanly(in_tmp: Path) -> None:
    out = runner.invoke(app, ["init", "no/such/folder/plan.yaml"])
    assert out.exit_code == 2
    assert "Traceback" not in out.output


def test_schema_prints_the_committed_schema(in_tmp: Path) -> None:
    out = runner.invoke(app, ["schema"])
    assert out.exit_code == 0
    assert out.output == (ROOT / "schema" / "plan.schema.json").read_text(encoding="utf-8")
    assert json.loads(out.output)["$schema"] == "http://json-schema.org/draft-07/schema#"


def test_schema_to_a_file(in_tmp: Path) -> None:
    assert runner.invoke(app, ["schema", "-o", "s.json"]).exit_code == 0
    assert json.loads((in_tmp / "s.json").read_text(encoding="utf-8"))["title"] == "社区工作方案"


def test_every_code_a_diagnostic_can_carry_is_documented(in_tmp: Path) -> None:
    import re

    documented = set(INPUT_CODES) | set(all_rules())
    sources = (ROOT / "src" / "cplan").rglob("*.py")
    used = {code for path in sources for code in re.findall(r'"(CP\d{3})"', path.read_text())}
    assert used <= documented


def test_version_and_help() -> None:
    assert runner.invoke(app, ["--version"]).output.startswith("cplan ")
    helped = runner.invoke(app, ["--help"])
    assert helped.exit_code == 0
    for command in ("validate", "schema", "init", "rules"):
        assert command in helped.output


def test_office_libraries_load_only_when_a_report_runs() -> None:
    import subprocess
    import sys

    probe = (
        "import sys; from typer.testing import CliRunner; from cplan.cli import app; "
        "CliRunner().invoke(app, ['validate', 'examples']); "
        "print(sorted(m for m in ('openpyxl', 'docx', 'docxtpl', 'jinja2') if m in sys.modules))"
    )
    done = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert done.stdout.strip() == "[]"
