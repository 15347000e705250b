"""`cplan init --repo DIR` makes a plan repository that passes its own linters and
`cplan validate` as it is, and `cplan init PLAN` a modeline that resolves.

The repository is made from a wheel built from this checkout (as the README says), and
its CI files are run for real: cplan is installed from the committed wheel into a new
venv exactly as the workflow's install step says, then the workflow's and GitLab's
script lines run in order, the pull-request diff step included."""

from __future__ import annotations

import json
import os
import shlex
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from cplan.cli import app
from cplan.cli.init import parse_git, resolve_source
from cplan.errors import CplanError
from tests.ci.conftest import commit_all, git, new_git_repository, run
from tests.ci.test_actionlint import actionlint
from tests.ci.tools import pre_commit

runner = CliRunner()

FILES = {
    "plans/my-community-2025.yaml",
    "cplan.toml",
    "schema/plan.schema.json",
    ".vscode/settings.json",
    ".vscode/extensions.json",
    ".pre-commit-config.yaml",
    ".github/workflows/plans.yml",
    ".gitlab-ci.yml",
    ".gitignore",
    "README.md",
}


def scaffold(where: Path, *extra: str) -> Path:
    out = runner.invoke(app, ["init", "--repo", str(where), *extra])
    assert out.exit_code == 0, out.output
    return where


def files_of(root: Path) -> set[str]:
    return {p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file()}


@pytest.fixture
def repo_with_wheel(tmp_path: Path, cplan_wheel: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.chdir(tmp_path)
    root = scaffold(Path("my-plans"), "--source", str(cplan_wheel))
    return tmp_path / root


def test_the_repository_and_its_files(repo_with_wheel: Path, cplan_wheel: Path) -> None:
    root = repo_with_wheel
    assert files_of(root) == FILES | {f"ci/{cplan_wheel.name}"}
    assert (root / "ci" / cplan_wheel.name).read_bytes() == cplan_wheel.read_bytes()
    plan = (root / "plans" / "my-community-2025.yaml").read_text(encoding="utf-8")
    assert plan.startswith("# yaml-language-server: $schema=../schema/plan.schema.json\n")
    assert "# 工作目标" in plan  # commented
    settings = json.loads((root / ".vscode" / "settings.json").read_text(encoding="utf-8"))
    assert settings["yaml.schemas"] == {
        "./schema/plan.schema.json": ["plans/**/*.yaml", "plans/**/*.yml"]
    }
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert "方案库" in readme
    assert "cplan validate" in readme
    workflow = yaml.safe_load((root / ".github/workflows/plans.yml").read_text("utf-8"))
    assert f"./ci/{cplan_wheel.name}" in json.dumps(workflow)
    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text("utf-8"))
    assert f"./ci/{cplan_wheel.name}" in gitlab["validate-plans"]["script"][0]
    assert gitlab["validate-plans"]["artifacts"]["reports"] == {
        "codequality": "gl-code-quality-report.json",
        "junit": "cplan-junit.xml",
    }


def test_it_passes_its_own_linters(repo_with_wheel: Path, monkeypatch: Any) -> None:
    root = repo_with_wheel
    workflow = root / ".github" / "workflows" / "plans.yml"
    assert actionlint([workflow]) == {str(workflow): []}
    monkeypatch.chdir(root)
    out = runner.invoke(app, ["validate"])
    assert out.exit_code == 0, out.output
    assert "共检查 1 个文件：0 个错误，0 个警告" in out.output
    new_git_repository(root)
    commit_all(root)
    hooks = pre_commit()
    bin_dir = str(Path(sys.executable).parent)
    env = {
        "PATH": bin_dir + os.pathsep + os.environ["PATH"],
        "PRE_COMMIT_HOME": str(root.parent / "pre-commit-home"),
        "PRE_COMMIT_COLOR": "never",
    }
    run([*hooks, "validate-config", ".pre-commit-config.yaml"], root, env=env)
    done = run([*hooks, "run", "--all-files"], root, env=env)
    assert done.stdout.count("Passed") == 2, done.stdout


def steps_of(workflow: dict[str, Any]) -> list[dict[str, Any]]:
    steps: list[dict[str, Any]] = workflow["jobs"]["validate"]["steps"]
    return steps


def run_script(lines: list[str], root: Path, bin_dir: Path, env: dict[str, str]) -> None:
    script = "set -eo pipefail\n" + "\n".join(lines) + "\n"
    done = run(
        ["bash", "--noprofile", "--norc", "-c", script],
        root,
        env={"PATH": f"{bin_dir}{os.pathsep}{os.environ['PATH']}", **env},
        timeout=900,
        check=False,
    )
    assert done.returncode == 0, f"{script}\n{done.stdout}\n{done.stderr}"


def test_its_ci_files_run(repo_with_wheel: Path, installed_venv: Path, tmp_path: Path) -> None:
    """The install step and every `run:` of the workflow, and GitLab's script, for real."""
    root = repo_with_wheel
    new_git_repository(root)
    commit_all(root, "base")
    plan = root / "plans" / "my-community-2025.yaml"
    plan.write_text(
        plan.read_text(encoding="utf-8")
        .replace("total: 9万元", "total: 10万元")
        .replace("amount: 6万元", "amount: 7万元"),
        encoding="utf-8",
    )
    commit_all(root, "more money for activities")

    workflow = yaml.safe_load((root / ".github/workflows/plans.yml").read_text("utf-8"))
    summary = tmp_path / "step-summary.md"
    runs = [step["run"] for step in steps_of(workflow) if "run" in step]
    # the install step as written, with the venv's python (a fresh venv has cplan already,
    # installed from this same wheel by the fixture: this shows the line installs it)
    assert runs[0].startswith("python -m pip install ./ci/cplan_shequ-")
    github = {"GITHUB_ACTIONS": "true", "GITHUB_STEP_SUMMARY": str(summary)}
    run_script(runs, root, installed_venv, github)
    text = summary.read_text(encoding="utf-8")
    assert "| 居民活动经费 | 60,000.00 | 70,000.00 | +10,000.00 |" in text
    sarif = json.loads((root / "cplan.sarif").read_text(encoding="utf-8"))
    assert sarif["version"] == "2.1.0"

    gitlab = yaml.safe_load((root / ".gitlab-ci.yml").read_text("utf-8"))
    run_script(gitlab["validate-plans"]["script"], root, installed_venv, {})
    assert json.loads((root / "gl-code-quality-report.json").read_text("utf-8")) == []
    assert "<testcase" in (root / "cplan-junit.xml").read_text(encoding="utf-8")


def test_git_sources_and_pre_commit_from_cplans_repository(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    sha = "0123456789abcdef0123456789abcdef01234567"
    root = scaffold(Path("r"), "--source", f"git+https://git.example.org/cplan.git@{sha}")
    config = yaml.safe_load((root / ".pre-commit-config.yaml").read_text("utf-8"))
    assert config["repos"] == [
        {
            "repo": "https://git.example.org/cplan.git",
            "rev": sha,
            "hooks": [{"id": "cplan-validate"}, {"id": "cplan-validate-repo"}],
        }
    ]
    workflow = (root / ".github/workflows/plans.yml").read_text("utf-8")
    line = next(x for x in workflow.splitlines() if "pip install" in x)
    assert shlex.split(line.split("run:", 1)[1]) == [
        "python",
        "-m",
        "pip",
        "install",
        f"cplan-shequ @ git+https://git.example.org/cplan.git@{sha}",
    ]
    assert files_of(root) == FILES


@pytest.mark.parametrize(
    "given",
    [
        "cplan",
        "cplan-shequ",
        "git+https://git.example.org/cplan.git",
        "git+ssh://git@git.example.org/cplan.git",
        "https://git.example.org/cplan.git",
        "missing.whl",
    ],
)
def test_unpinned_sources_are_refused(given: str) -> None:
    with pytest.raises(CplanError):
        resolve_source(given)


def test_parse_git() -> None:
    assert parse_git("git+ssh://git@host/x.git@v1.0") == ("ssh://git@host/x.git", "v1.0")
    assert parse_git("cplan-shequ @ git+https://h/x@abc") == ("https://h/x", "abc")


def test_nothing_is_overwritten(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "r").mkdir()
    (tmp_path / "r" / "cplan.toml").write_text("# mine\n", encoding="utf-8")
    out = runner.invoke(app, ["init", "--repo", "r"])
    assert out.exit_code == 2
    assert "cplan.toml" in out.output
    assert files_of(tmp_path / "r") == {"cplan.toml"}
    assert (tmp_path / "r" / "cplan.toml").read_text(encoding="utf-8") == "# mine\n"


def test_without_a_pinned_source_it_says_where_the_wheel_goes(
    tmp_path: Path, monkeypatch: Any
) -> None:
    monkeypatch.chdir(tmp_path)
    source = resolve_source(None)  # this cplan is an editable install: not reproducible
    assert not source.ready
    assert source.install.startswith("./ci/cplan_shequ-")
    out = runner.invoke(app, ["init", "--repo", "r"])
    assert out.exit_code == 0
    assert "pip wheel --no-deps" in out.output


# -- cplan init PLAN -----------------------------------------------------------------------


def modeline_target(plan: Path) -> Path:
    first = plan.read_text(encoding="utf-8").splitlines()[0]
    prefix = "# yaml-language-server: $schema="
    assert first.startswith(prefix)
    return (plan.parent / first[len(prefix) :]).resolve()


def test_init_plan_writes_the_schema_it_names(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    assert runner.invoke(app, ["init", "a.yaml"]).exit_code == 0
    assert modeline_target(tmp_path / "a.yaml") == (tmp_path / "schema/plan.schema.json")
    assert (tmp_path / "schema/plan.schema.json").is_file()


def test_init_plan_in_a_repository_finds_its_schema(tmp_path: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(tmp_path)
    root = scaffold(Path("r"))
    monkeypatch.chdir(tmp_path / root / "plans")
    (tmp_path / root / "plans" / "2026").mkdir()
    assert runner.invoke(app, ["init", "2026/new.yaml"]).exit_code == 0
    new = tmp_path / root / "plans" / "2026" / "new.yaml"
    assert new.read_text(encoding="utf-8").startswith(
        "# yaml-language-server: $schema=../../schema/plan.schema.json\n"
    )
    assert modeline_target(new) == (tmp_path / root / "schema/plan.schema.json").resolve()


def test_init_plan_in_a_git_repository_without_schema(tmp_path: Path, monkeypatch: Any) -> None:
    root = new_git_repository(tmp_path / "g")
    (root / "plans").mkdir()
    monkeypatch.chdir(root / "plans")
    assert runner.invoke(app, ["init", "p.yaml"]).exit_code == 0
    assert (
        modeline_target(root / "plans" / "p.yaml") == (root / "schema/plan.schema.json").resolve()
    )
    assert (root / "schema/plan.schema.json").is_file()
    git(root, "status")  # still a repository, nothing else touched


def test_a_cplan_installed_from_its_wheel_puts_that_wheel_in_the_repository(
    installed_venv: Path, cplan_wheel: Path, tmp_path: Path
) -> None:
    """Without --source, cplan reads where it was installed from (PEP 610 direct_url.json)."""
    done = run([str(installed_venv / "cplan"), "init", "--repo", "r"], tmp_path)
    assert f"ci/{cplan_wheel.name}" in done.stdout
    assert (tmp_path / "r" / "ci" / cplan_wheel.name).read_bytes() == cplan_wheel.read_bytes()
    assert f"pip install ./ci/{cplan_wheel.name}" in (tmp_path / "r" / ".gitlab-ci.yml").read_text(
        encoding="utf-8"
    )
