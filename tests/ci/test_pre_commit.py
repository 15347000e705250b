"""The hooks of .pre-commit-hooks.yaml, run for real with `pre-commit try-repo` against a
scratch plan repository: pre-commit clones cplan, installs it into its own environment
(from PyPI: the dependencies, and hatchling to build cplan), and runs the hooks."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from tests.ci.conftest import commit_all, git, new_git_repository, run
from tests.ci.tools import pre_commit
from tests.conftest import FIXTURES, ROOT

GOOD = (FIXTURES / "valid" / "spellings.yaml").read_text(encoding="utf-8")
#: YAML files of a plan repository that are not plans: each would fail as a plan.
NOT_PLANS = {
    ".pre-commit-config.yaml": "repos: []\n",
    ".gitlab-ci.yml": "job:\n  script: [echo hi]\n",
    ".github/workflows/plans.yml": "on: push\njobs: {}\n",
    ".vscode/settings.json": "{}\n",
    "templates/report.xlsx.yaml": "sheets: []\n",
    "plans/archive/old.yaml": "not: [a, plan]\n",
}


def test_the_manifest_is_valid() -> None:
    run([*pre_commit(), "validate-manifest", str(ROOT / ".pre-commit-hooks.yaml")], ROOT)
    hooks = {h["id"]: h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text())}
    assert set(hooks) == {"cplan-validate", "cplan-validate-repo"}
    for hook in hooks.values():
        assert hook["language"] == "python"
        assert "files" in hook
        assert "exclude" in hook


@pytest.fixture
def plan_repo(tmp_path: Path) -> Path:
    root = new_git_repository(tmp_path / "plans-repo")
    (root / "cplan.toml").write_text(
        'include = ["plans/**/*.yaml"]\nexclude = ["plans/archive/**"]\n', encoding="utf-8"
    )
    (root / "plans").mkdir()
    (root / "plans" / "good.yaml").write_text(GOOD, encoding="utf-8")
    for name, text in NOT_PLANS.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")
    commit_all(root)
    return root


def try_repo(source: Path, root: Path, hook: str, home: Path, *, expect: int) -> tuple[str, str]:
    done = run(
        [*pre_commit(), "try-repo", str(source), hook, "--all-files", "--verbose"],
        root,
        env={"PRE_COMMIT_HOME": str(home), "PRE_COMMIT_COLOR": "never"},
        timeout=900,
        check=False,
    )
    assert done.returncode == expect, f"{done.stdout}\n{done.stderr}"
    return done.stdout, done.stderr


def test_hooks_check_plans_and_only_plans(
    plan_repo: Path, project_copy: Path, tmp_path: Path
) -> None:
    home = tmp_path / "pre-commit-home"
    # a clean repository: both hooks pass; the CI files, templates and archive are skipped
    out, _ = try_repo(project_copy, plan_repo, "cplan-validate", home, expect=0)
    assert "cplan validate (changed plans)" in out
    assert "Passed" in out
    out, _ = try_repo(project_copy, plan_repo, "cplan-validate-repo", home, expect=0)
    assert "Passed" in out

    # a broken plan fails the per-file hook, naming the file, line and code
    broken = (FIXTURES / "invalid" / "jiangyan-total.yaml").read_text(encoding="utf-8")
    (plan_repo / "plans" / "broken.yaml").write_text(broken, encoding="utf-8")
    git(plan_repo, "add", "-A")
    out, _ = try_repo(project_copy, plan_repo, "cplan-validate", home, expect=1)
    assert "plans/broken.yaml:13:10: error CP205" in out
    assert ".gitlab-ci.yml" not in out
    assert "templates/" not in out
    assert "archive" not in out

    # a plan id used twice is only seen across files: the repository hook finds it
    (plan_repo / "plans" / "broken.yaml").write_text(GOOD, encoding="utf-8")
    git(plan_repo, "add", "-A")
    out, _ = try_repo(project_copy, plan_repo, "cplan-validate-repo", home, expect=1)
    assert "CP801" in out
