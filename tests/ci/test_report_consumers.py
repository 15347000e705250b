"""The CI report formats as their consumers read them: SARIF against the official 2.1.0
schema (vendored, see vendor/SOURCES.md) and as code scanning matches results, GitLab
Code Quality against GitLab's own schema, JUnit through junitparser and the Jenkins XSD.
Each runs `cplan validate` for real in a scratch git repository."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import JUnitXml
from lxml import etree
from typer.testing import CliRunner

from cplan.cli import app
from cplan.home import REPOSITORY, rule_page
from tests.ci.conftest import new_git_repository
from tests.conftest import FIXTURES, ROOT

VENDOR = Path(__file__).parent / "vendor"
runner = CliRunner()

#: Plans with many findings of many kinds (the issue's "16 findings" repository).
NOISY = ["jiangyan-total.yaml", "money-and-ratios.yaml", "phases-order.yaml", "bad-dates.yaml"]


@pytest.fixture
def repo(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A scratch plan repository: git, cplan.toml, plans/ with noisy plans."""
    root = new_git_repository(tmp_path / "repo")
    (root / "cplan.toml").write_text('include = ["plans/**/*.yaml"]\n', encoding="utf-8")
    (root / "plans").mkdir()
    for name in NOISY:
        (root / "plans" / name).write_bytes((FIXTURES / "invalid" / name).read_bytes())
    monkeypatch.chdir(root)
    return root


def validate(fmt: str, *paths: str) -> str:
    out = runner.invoke(app, ["validate", "--no-cache", "-j", "1", "--format", fmt, *paths])
    assert out.exit_code in (0, 1), out.output
    return out.stdout


def insert_a_comment_line(root: Path) -> None:
    for plan in sorted((root / "plans").glob("*.yaml")):
        plan.write_bytes("# 审核意见: 已阅\n".encode() + plan.read_bytes())


# -- SARIF ----------------------------------------------------------------------------------


def sarif_schema() -> dict[str, Any]:
    schema: dict[str, Any] = json.loads((VENDOR / "sarif-schema-2.1.0.json").read_text("utf-8"))
    return schema


def test_sarif_is_valid_against_the_official_schema(repo: Path) -> None:
    document = json.loads(validate("sarif", "plans"))
    jsonschema.Draft4Validator(sarif_schema()).validate(document)
    (run,) = document["runs"]
    assert len(run["results"]) >= 10


def test_sarif_driver_and_rules_link_to_their_documentation(repo: Path) -> None:
    (run,) = json.loads(validate("sarif", "plans"))["runs"]
    driver = run["tool"]["driver"]
    assert driver["informationUri"] == REPOSITORY
    for rule in driver["rules"]:
        assert rule["helpUri"] == rule_page(rule["id"])
        page = ROOT / "docs" / "rules" / f"{rule['id']}.md"
        assert page.is_file(), f"{rule['id']} has no page in docs/rules/"
        assert rule["helpUri"].endswith("/docs/rules/" + page.name)


def test_sarif_paths_are_relative_to_the_repository_root(repo: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(repo / "plans")  # started in a subfolder, as a CI step may be
    (run,) = json.loads(validate("sarif", "."))["runs"]
    base = run["originalUriBaseIds"]["SRCROOT"]["uri"]
    assert base == repo.resolve().as_uri() + "/"
    locations = [r["locations"][0]["physicalLocation"]["artifactLocation"] for r in run["results"]]
    assert {loc["uriBaseId"] for loc in locations} == {"SRCROOT"}
    assert {loc["uri"] for loc in locations} == {f"plans/{name}" for name in NOISY}


def sarif_results(root: Path) -> list[tuple[str, str, int]]:
    (run,) = json.loads(validate("sarif", "plans"))["runs"]
    return [
        (
            r["partialFingerprints"]["cplanProblem/v1"],
            r["ruleId"],
            r["locations"][0]["physicalLocation"]["region"]["startLine"],
        )
        for r in run["results"]
    ]


def test_sarif_fingerprints_survive_inserted_lines(repo: Path) -> None:
    before = sarif_results(repo)
    insert_a_comment_line(repo)
    after = sarif_results(repo)
    assert [line + 1 for _, _, line in before] == [line for _, _, line in after]
    assert [(f, code) for f, code, _ in before] == [(f, code) for f, code, _ in after]
    assert len({f for f, _, _ in before}) == len(before)  # and every result has its own


# -- GitLab Code Quality ----------------------------------------------------------------------


def test_gitlab_report_is_valid_for_gitlab(repo: Path) -> None:
    schema = json.loads((VENDOR / "gitlab-codeclimate.json").read_text("utf-8"))
    issues = json.loads(validate("gitlab", "plans"))
    assert len(issues) >= 10
    for issue in issues:
        jsonschema.Draft7Validator(schema).validate(issue)
        assert issue["severity"] in {"info", "minor", "major", "critical", "blocker"}
        assert issue["location"]["path"].startswith("plans/")


def test_gitlab_sees_no_new_and_no_resolved_problem_after_an_inserted_line(repo: Path) -> None:
    before = json.loads(validate("gitlab", "plans"))
    insert_a_comment_line(repo)
    after = json.loads(validate("gitlab", "plans"))
    assert {i["fingerprint"] for i in before} == {i["fingerprint"] for i in after}
    assert len({i["fingerprint"] for i in before}) == len(before)
    lines = {i["fingerprint"]: i["location"]["lines"]["begin"] for i in before}
    assert all(i["location"]["lines"]["begin"] == lines[i["fingerprint"]] + 1 for i in after)


def test_gitlab_paths_from_a_subfolder(repo: Path, monkeypatch: Any) -> None:
    monkeypatch.chdir(repo / "plans")
    issues = json.loads(validate("gitlab", "."))
    assert {i["location"]["path"] for i in issues} == {f"plans/{name}" for name in NOISY}


# -- JUnit ----------------------------------------------------------------------------------------


def cross_file_repo(root: Path) -> None:
    """Three plans, two of them with the same id: a finding across files (CP801)."""
    good = (FIXTURES / "valid" / "spellings.yaml").read_text(encoding="utf-8")
    plan_id = re.search(r"^id: *(\S+)", good, re.MULTILINE)
    assert plan_id is not None
    for name in ("a.yaml", "b.yaml"):
        (root / "plans" / name).write_text(good, encoding="utf-8")
    for path in (root / "plans").glob("*.yaml"):
        if path.name not in {"a.yaml", "b.yaml", NOISY[0]}:
            path.unlink()


def test_junit_one_test_case_per_plan_even_with_findings_across_files(repo: Path) -> None:
    cross_file_repo(repo)
    validate("junit", "--output", "cplan-junit.xml", "plans")
    assert "CP801" in (repo / "cplan-junit.xml").read_text(encoding="utf-8")
    xml = JUnitXml.fromfile(str(repo / "cplan-junit.xml"))
    cases = [case for suite in xml for case in suite]
    names = sorted(case.name for case in cases)
    assert names == ["plans/a.yaml", "plans/b.yaml", f"plans/{NOISY[0]}"]
    for case in cases:
        assert case._elem.get("file") == case.name  # relative to the repository root
        assert case.time >= 0
        assert re.fullmatch(r"\d+\.\d{3}", case._elem.get("time"))
    by_name = {case.name: case for case in cases}
    assert by_name["plans/a.yaml"].is_passed  # the first to use the id
    (failure,) = by_name["plans/b.yaml"].result  # the CP801 joined b.yaml's own case
    assert failure.type == "CP801"


def test_junit_is_valid_against_the_jenkins_xsd_but_for_the_file_attribute(repo: Path) -> None:
    """The Jenkins junit-10.xsd knows no ``file`` on a test case (GitLab and pytest write
    it): with that one attribute taken away, the document is valid."""
    cross_file_repo(repo)
    document = etree.fromstring(validate("junit", "plans").encode("utf-8"))
    for case in document.iter("testcase"):
        assert set(case.attrib) == {"classname", "name", "file", "time"}
        del case.attrib["file"]
    schema = etree.XMLSchema(etree.parse(str(VENDOR / "jenkins-junit-10.xsd")))
    assert schema.validate(document), schema.error_log
