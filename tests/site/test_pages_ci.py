"""The examples that publish the site: a GitHub Pages workflow (actionlint passes) and a
GitLab Pages job, each running a ``cplan site`` command that cplan accepts."""

from __future__ import annotations

import shlex
from typing import Any

import typer
import yaml

from cplan.cli import app
from tests.ci.test_actionlint import actionlint
from tests.conftest import ROOT

GITHUB = ROOT / "examples" / "ci" / "github-pages.yml"
GITLAB = ROOT / "examples" / "ci" / "gitlab-pages.yml"


def site_command(script: str) -> list[str]:
    """The arguments of the ``cplan site`` command in a script line, checked by cplan's
    own parser."""
    command = script.split("||", maxsplit=1)[0]
    words = shlex.split(command)
    assert words[:2] == ["cplan", "site"], script
    group = typer.main.get_command(app)
    assert isinstance(group, typer.core.TyperGroup)
    group.commands["site"].make_context("site", words[2:])
    return words[2:]


def test_the_github_pages_workflow_passes_actionlint() -> None:
    assert actionlint([GITHUB]) == {str(GITHUB): []}


def test_the_github_pages_workflow_builds_and_deploys() -> None:
    workflow: dict[str, Any] = yaml.safe_load(GITHUB.read_text(encoding="utf-8"))
    assert workflow["permissions"] == {"contents": "read", "pages": "write", "id-token": "write"}
    build, deploy = workflow["jobs"]["build"], workflow["jobs"]["deploy"]
    runs = [step.get("run", "") for step in build["steps"]]
    (line,) = [run for run in runs if run.startswith("cplan site")]
    assert site_command(line)[:3] == ["plans/", "-o", "public"]
    (upload,) = [s for s in build["steps"] if "upload-pages-artifact" in s.get("uses", "")]
    assert upload["with"]["path"] == "public"
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"] == "actions/deploy-pages@v4"


def test_the_gitlab_pages_job_publishes_public() -> None:
    jobs: dict[str, Any] = yaml.safe_load(GITLAB.read_text(encoding="utf-8"))
    job = jobs["pages"]
    (line,) = [run for run in job["script"] if run.startswith("cplan site")]
    assert site_command(line)[:3] == ["plans/", "-o", "public"]
    assert job["artifacts"]["paths"] == ["public"]
    assert job["rules"] == [{"if": "$CI_COMMIT_BRANCH == $CI_DEFAULT_BRANCH"}]
