"""Every command stands on the same checked plan: the configuration, the findings and the
refusals are the same whichever command reads the plan."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from cplan.cli import app

runner = CliRunner()

#: The 姜堰 staff-cost mistake (83.5万 + 19.9万 is 103.4万, not 101.7万): CP205 on line 13,
#: a rule finding that leaves every figure defined.
PLAN = """\
id: jiangyan
title: 姜堰市城区社区建设方案
period: 2004年至2006年
funders:
  - {id: city, name: 市财政}
  - {id: town, name: 姜堰镇}
units:
  - {id: town-office, name: 姜堰镇}
targets:
  - {id: staff, name: 社区专职人员, unit: 名, kind: count, owner: town-office,
     target: {value: 126, deadline: 2006年12月}}
budget:
  total: 101.7万元
  sharing: {fixed: {city: 12.5万元}, remainder: town}
  lines:
    - {id: formal-staff, name: 68名正式人员经费, amount: 83.5万元}
    - {id: temp-staff, name: 58名临时人员经费, amount: 19.9万元}
"""
LINE = 13  # the `total:` line, where CP205 points

#: How an office silences or softens CP205, each the way the configuration allows.
MECHANISMS = {
    "ignore": ("cplan.toml", 'ignore = ["CP205"]\n'),
    "severity": ("cplan.toml", '[severity]\nCP205 = "warning"\n'),
    "per-file": ("cplan.toml", '[per-file-ignores]\n"plans/*.yaml" = ["CP205"]\n'),
    "inline": ("inline", "  # cplan: disable=CP205"),
}

#: Each command that reads one plan, with what it needs beyond the plan's path.
COMMANDS = {
    "status": ["status", "--as-of", "2005-06-30"],
    "funding": ["funding"],
    "report": ["report", "-o", "out.xlsx"],
    "collect": ["collect", "-o", "in.xlsx"],
    "rollup": ["rollup"],
}


def repository(folder: Path, mechanism: str | None) -> Path:
    plan = PLAN
    if mechanism is not None:
        where, text = MECHANISMS[mechanism]
        if where == "inline":
            lines = plan.splitlines(keepends=True)
            lines[LINE - 1] = lines[LINE - 1].rstrip("\n") + text + "\n"
            plan = "".join(lines)
        else:
            (folder / where).write_text(text, encoding="utf-8")
    path = folder / "plans" / "jiangyan.yaml"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(plan, encoding="utf-8")
    return path


def run(*args: str) -> tuple[int, str]:
    out = runner.invoke(app, list(args), env={"CPLAN_LANG": "", "NO_COLOR": "1"})
    return out.exit_code, out.output


@pytest.mark.parametrize("mechanism", [None, *MECHANISMS])
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_reads_the_configuration_as_validate_does(
    in_tmp: Path, command: str, mechanism: str | None
) -> None:
    repository(in_tmp, mechanism)
    plan = "plans/jiangyan.yaml"
    validate_code, validate_out = run("validate", "--strict", plan)
    code, out = run(*COMMANDS[command], "--strict", plan)
    # with --strict, a command refuses exactly when validate --strict fails
    assert code == validate_code, (validate_out, out)
    # and it names CP205 as an error exactly when validate does
    assert ("error CP205" in out) == ("error CP205" in validate_out), (validate_out, out)


@pytest.mark.parametrize("command", COMMANDS)
def test_rule_findings_do_not_hide_the_figures(in_tmp: Path, command: str) -> None:
    repository(in_tmp, None)
    code, out = run(*COMMANDS[command], "plans/jiangyan.yaml")
    assert code == 0, out
    assert "plans/jiangyan.yaml:13:10: error CP205" in out  # the finding is shown ...
    assert "仍按方案所写计算" in out  # ... and the figures come all the same
    code, out = run(*COMMANDS[command], "--strict", "plans/jiangyan.yaml")
    assert code == 1, out
    assert "--strict" in out


def test_funding_gives_the_shares_of_a_plan_with_a_wrong_total(in_tmp: Path) -> None:
    repository(in_tmp, None)
    code, out = run("funding", "--format", "json", "plans/jiangyan.yaml")
    assert code == 0
    data = json.loads(out[out.index("{") :])
    # the shares add up to the lines (103.4万), whatever the declared total says
    assert data["total"] == "1034000.00"
    amounts = {f["id"]: f["amount"] for f in data["funders"]}
    assert amounts == {"city": "125000.00", "town": "909000.00"}
    assert [(f["code"], f["line"]) for f in data["findings"]] == [("CP205", LINE)]


def test_a_plan_whose_money_cannot_be_computed_is_refused(in_tmp: Path) -> None:
    path = repository(in_tmp, None)
    # a line counted per unit names a unit the plan does not have: its amount is undefined
    path.write_text(
        PLAN.replace("amount: 19.9万元}", "amount: 19.9万元, units: [nowhere]}").replace(
            "total: 101.7万元", "total: 103.4万元"
        ),
        encoding="utf-8",
    )
    code, out = run("funding", "plans/jiangyan.yaml")
    assert code == 1
    assert "CP301" in out
    assert "经费无法全部算出" in out
    # status needs no money: it still shows the targets
    code, out = run("status", "--as-of", "2005-06-30", "plans/jiangyan.yaml")
    assert code == 0, out
    assert "社区专职人员" in out


def test_lang_in_the_configuration_reaches_every_command(in_tmp: Path) -> None:
    repository(in_tmp, None)
    (in_tmp / "cplan.toml").write_text('lang = "en"\n', encoding="utf-8")
    _, out = run("funding", "plans/jiangyan.yaml")
    assert "the figures below follow the plan as written" in out
    assert "经费总额" not in out
    _, out = run("status", "--as-of", "2005-06-30", "plans/jiangyan.yaml")
    assert "declared budget total" in out or "budget total" in out
    # an explicit --lang still wins
    _, out = run("funding", "--lang", "zh", "plans/jiangyan.yaml")
    assert "经费总额" in out


NOT_PLANS = {
    ".pre-commit-config.yaml": "repos:\n  - repo: local\n    hooks: []\n",
    ".gitlab-ci.yml": "plans:\n  script: [cplan validate]\n",
    ".github/workflows/plans.yml": "on: push\njobs: {}\n",
}


def plan_repository(folder: Path) -> None:
    for name, text in NOT_PLANS.items():
        (folder / name).parent.mkdir(parents=True, exist_ok=True)
        (folder / name).write_text(text, encoding="utf-8")
    repository(folder, "ignore")


@pytest.mark.parametrize(
    "args",
    [[], ["."], list(NOT_PLANS), ["plans/jiangyan.yaml", *NOT_PLANS]],
    ids=["no-paths", "dot", "ci-files-named", "all-named"],
)
def test_only_plans_are_checked_in_a_plan_repository(in_tmp: Path, args: list[str]) -> None:
    plan_repository(in_tmp)
    code, out = run("validate", "--format", "json", *args)
    assert code == 0, out
    data = json.loads(out[out.index("{") :]) if "{" in out else {"files": []}
    checked = [f["path"] for f in data["files"]]
    assert checked == ([] if args == list(NOT_PLANS) else ["plans/jiangyan.yaml"])


def test_include_says_which_files_are_plans(in_tmp: Path) -> None:
    plan_repository(in_tmp)
    (in_tmp / "notes.yaml").write_text("- 不是方案\n", encoding="utf-8")
    (in_tmp / "cplan.toml").write_text(
        'include = ["plans/**/*.yaml"]\nignore = ["CP205"]\n', encoding="utf-8"
    )
    for args in ([], ["."], ["notes.yaml", "plans/jiangyan.yaml"]):
        code, out = run("validate", *args)
        assert code == 0, (args, out)
        assert "共检查 1 个文件" in out
    code, out = run("validate", "notes.yaml")
    assert code == 0
    assert "没有需要检查的方案文件" in out


def test_a_folder_without_plans_is_still_an_error(in_tmp: Path) -> None:
    (in_tmp / "empty").mkdir()
    code, out = run("validate", "empty")
    assert code == 2
    assert "没有找到" in out


def test_github_annotations_name_files_from_the_repository_top(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (in_tmp / ".git").mkdir()  # the top of a work tree
    repository(in_tmp, None)
    monkeypatch.chdir(in_tmp / "plans")
    code, out = run("validate", "--format", "github", "jiangyan.yaml")
    assert code == 1
    assert "::error file=plans/jiangyan.yaml,line=13," in out


def test_a_missing_chart_font_is_a_message_not_a_traceback(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from cplan.render import charts

    charts.cjk_font.cache_clear()
    monkeypatch.setattr(charts, "CJK_FONTS", ("No Such Font 无此字体",))
    repository(in_tmp, "ignore")
    try:
        code, out = run("report", "--template", "progress", "-o", "r.docx", "plans/jiangyan.yaml")
    finally:
        charts.cjk_font.cache_clear()
    assert "没有找到可用于图表中文标注的字体" in out, out
    assert code == 2, out
    assert "Traceback" not in out
    assert not (in_tmp / "r.docx").exists()
