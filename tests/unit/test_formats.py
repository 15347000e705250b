"""The CI output formats: GitHub annotations, SARIF, JUnit XML and GitLab Code Quality."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import jsonschema  # type: ignore[import-untyped]
import pytest
from typer.testing import CliRunner

from cplan.check import FileResult, check_text
from cplan.cli import app
from cplan.codes import INPUT_CODES
from cplan.diagnostics import Diagnostic, Severity, Span
from cplan.formats import FORMATS, FormatOptions, Totals, make_format
from cplan.formats.github import escape_data, escape_property
from tests.conftest import plan_text

MISSING_TITLE = "id: t\nperiod: 2024年\n"
BAD = plan_text("""
    committees:
      - {id: c, name: 共建委员会, size: 30, composition: {政府代表: 6, 居民代表: 6}}
      - id: lingdao
        name: 领导小组
        members: [{role: 组长}]
    """)
WARN = plan_text("""
    committees:
      - id: lingdao
        name: 领导小组
        members: [{role: 组长}]
    """)
GOOD = plan_text("""
    units: [{id: shequ, name: 南苑社区, kind: 社区}]
    """)


def many_errors(count: int) -> str:
    """A plan whose ``count`` committees each fail CP201 (lines 5, 6, ...)."""
    rows = "".join(
        f"  - {{id: c{i}, name: 委员会{i}, size: 30, composition: {{居民代表: 6}}}}\n"
        for i in range(count)
    )
    return plan_text("committees:\n" + rows)


def run(name: str, results: Iterable[FileResult], **options: Any) -> str:
    """What format ``name`` writes for ``results``, as the CLI drives it."""
    fmt = make_format(name, FormatOptions(**options))
    totals = Totals()
    out = [fmt.header()]
    for result in results:
        totals.add(result)
        out.append(fmt.file(result))
    out.append(fmt.footer(totals))
    return "".join(out)


def every_code() -> set[str]:
    from cplan.rules import all_rules

    return set(INPUT_CODES) | set(all_rules())


def tricky_diagnostic(path: str = "plans/a,b:c.yaml") -> Diagnostic:
    """A CP201 whose committee name holds every character GitHub needs escaped."""
    return Diagnostic(
        path,
        Span(5, 3, 5, 9),
        "CP201",
        Severity.ERROR,
        "CP201",
        {"name": "a,b:c%d\ne", "parts": 12, "size": 30},
    )


def test_all_four_formats_are_registered() -> None:
    assert {"github", "sarif", "junit", "gitlab"} <= set(FORMATS)


# -- github ------------------------------------------------------------------------------


def test_github_annotations_one_per_problem_then_the_summary() -> None:
    results = [check_text(MISSING_TITLE, "plans/a.yaml"), check_text(BAD, "plans/b.yaml")]
    assert run("github", results).splitlines() == [
        (
            "::error file=plans/a.yaml,line=1,col=1,endLine=3,endColumn=1,title=CP101 missing"
            "::缺少必填项 title（方案标题）"
        ),
        (
            "::error file=plans/b.yaml,line=5,col=49,endLine=5,endColumn=67,"
            "title=CP201 committee-composition-total"
            "::“共建委员会”各界别人数之和为 12，与写明的总人数 30 不符"
        ),
        (
            "::warning file=plans/b.yaml,line=8,col=15,endLine=8,endColumn=25,"
            "title=CP701 blank-member-name::“领导小组”的组长姓名尚未填写"
        ),
        "共检查 2 个文件：2 个错误，1 个警告",
    ]


def test_github_speaks_english() -> None:
    out = run("github", [check_text(MISSING_TITLE, "plans/a.yaml")], lang="en")
    assert out.splitlines() == [
        (
            "::error file=plans/a.yaml,line=1,col=1,endLine=3,endColumn=1,title=CP101 missing"
            "::missing required field 'title'"
        ),
        "1 file checked: 1 error, 0 warnings",
    ]


def test_github_info_is_a_notice() -> None:
    info = Diagnostic("a.yaml", Span(2, 1, 2, 4), "CP999", Severity.INFO, "no.such.key")
    out = run("github", [FileResult("a.yaml", None, [info])])
    assert out.splitlines()[0] == (
        "::notice file=a.yaml,line=2,col=1,endLine=2,endColumn=4,title=CP999::no.such.key"
    )


def test_github_escapes_data_and_properties() -> None:
    assert escape_data("50%\r\n: ,") == "50%25%0D%0A: ,"
    assert escape_property("50%\r\n: ,") == "50%25%0D%0A%3A %2C"
    d = tricky_diagnostic()
    out = run("github", [FileResult(d.path, None, [d])])
    assert out.splitlines()[0] == (
        "::error file=plans/a%2Cb%3Ac.yaml,line=5,col=3,endLine=5,endColumn=9,"
        "title=CP201 committee-composition-total"
        "::“a,b:c%25d\\ne”各界别人数之和为 12，与写明的总人数 30 不符"
    )


def test_github_shows_ten_annotations_of_a_kind_and_counts_the_rest() -> None:
    # 12 errors over two files (the limit is per step, not per file) and one warning.
    results = [
        check_text(many_errors(7), "plans/a.yaml"),
        check_text(many_errors(5), "plans/b.yaml"),
        check_text(WARN, "plans/w.yaml"),
    ]
    lines = run("github", results).splitlines()
    assert sum(line.startswith("::error ") for line in lines) == 10
    assert sum(line.startswith("::warning ") for line in lines) == 1
    message = "“委员会{}”各界别人数之和为 6，与写明的总人数 30 不符"
    assert lines[10:] == [
        f"plans/b.yaml:8:49: error CP201 {message.format(3)}",
        f"plans/b.yaml:9:49: error CP201 {message.format(4)}",
        (
            "::warning file=plans/w.yaml,line=7,col=15,endLine=7,endColumn=25,"
            "title=CP701 blank-member-name::“领导小组”的组长姓名尚未填写"
        ),
        "::notice::另有 2 个错误超出 GitHub 注释上限 (每类最多 10 条), 请在本步骤日志中查看",
        "共检查 3 个文件：12 个错误，1 个警告",
    ]


def test_github_held_back_notice_in_english_counts_each_kind() -> None:
    warning = Diagnostic("w.yaml", Span(1, 1, 1, 2), "CP701", Severity.WARNING, "CP701")
    results = [
        check_text(many_errors(11), "a.yaml"),
        FileResult("w.yaml", None, [warning] * 13),
    ]
    lines = run("github", results, lang="en").splitlines()
    assert sum(line.startswith("::") for line in lines) == 21
    assert lines[-2:] == [
        (
            "::notice::1 error and 3 warnings more than GitHub shows as annotations "
            "(at most 10 of each kind): see the log of this step"
        ),
        "2 files checked: 11 errors, 13 warnings",
    ]


def test_github_plain_lines_cannot_start_a_command() -> None:
    d = Diagnostic("a.yaml", Span(1, 1, 1, 2), "CP201", Severity.ERROR, "CP201", {"name": "x"})
    evil = tricky_diagnostic("a.yaml")
    lines = run("github", [FileResult("a.yaml", None, [d] * 10 + [evil])]).splitlines()
    assert lines[10] == (
        "a.yaml:5:3: error CP201 “a,b:c%d\\ne”各界别人数之和为 12，与写明的总人数 30 不符"
    )


def test_github_no_notice_when_nothing_is_held_back() -> None:
    out = run("github", [check_text(many_errors(10), "a.yaml")])
    assert "::notice::" not in out


# -- sarif -------------------------------------------------------------------------------

#: The part of the SARIF 2.1.0 schema that cplan's documents use, as written in the spec.
SARIF_SUBSET: dict[str, Any] = {
    "$defs": {
        "message": {
            "type": "object",
            "required": ["text"],
            "properties": {"text": {"type": "string", "minLength": 1}},
        },
        "descriptor": {
            "type": "object",
            "required": ["id"],
            "properties": {
                "id": {"type": "string"},
                "name": {"type": "string"},
                "shortDescription": {"$ref": "#/$defs/message"},
                "fullDescription": {"$ref": "#/$defs/message"},
                "help": {"$ref": "#/$defs/message"},
                "defaultConfiguration": {
                    "type": "object",
                    "properties": {"level": {"enum": ["none", "note", "warning", "error"]}},
                },
            },
        },
        "region": {
            "type": "object",
            "properties": {
                "startLine": {"type": "integer", "minimum": 1},
                "startColumn": {"type": "integer", "minimum": 1},
                "endLine": {"type": "integer", "minimum": 1},
                "endColumn": {"type": "integer", "minimum": 1},
            },
        },
        "result": {
            "type": "object",
            "required": ["message"],
            "properties": {
                "ruleId": {"type": "string"},
                "ruleIndex": {"type": "integer", "minimum": -1},
                "level": {"enum": ["none", "note", "warning", "error"]},
                "message": {"$ref": "#/$defs/message"},
                "locations": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "physicalLocation": {
                                "type": "object",
                                "properties": {
                                    "artifactLocation": {
                                        "type": "object",
                                        "properties": {
                                            "uri": {"type": "string", "format": "uri-reference"}
                                        },
                                    },
                                    "region": {"$ref": "#/$defs/region"},
                                },
                            }
                        },
                    },
                },
            },
        },
    },
    "type": "object",
    "required": ["version", "runs"],
    "properties": {
        "$schema": {"type": "string", "format": "uri"},
        "version": {"const": "2.1.0"},
        "runs": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["tool"],
                "properties": {
                    "tool": {
                        "type": "object",
                        "required": ["driver"],
                        "properties": {
                            "driver": {
                                "type": "object",
                                "required": ["name"],
                                "properties": {
                                    "name": {"type": "string"},
                                    "version": {"type": "string"},
                                    "informationUri": {"type": "string", "format": "uri"},
                                    "rules": {
                                        "type": "array",
                                        "items": {"$ref": "#/$defs/descriptor"},
                                        "uniqueItems": True,
                                    },
                                },
                            }
                        },
                    },
                    "columnKind": {"enum": ["utf16CodeUnits", "unicodeCodePoints"]},
                    "results": {"type": "array", "items": {"$ref": "#/$defs/result"}},
                },
            },
        },
    },
}


def sarif(results: Iterable[FileResult], **options: Any) -> dict[str, Any]:
    document: dict[str, Any] = json.loads(run("sarif", results, **options))
    jsonschema.validate(document, SARIF_SUBSET)
    return document


def test_sarif_describes_cplan_and_every_code() -> None:
    from cplan import __version__

    document = sarif([])
    assert document["$schema"] == "https://json.schemastore.org/sarif-2.1.0.json"
    assert document["version"] == "2.1.0"
    (the_run,) = document["runs"]
    driver = the_run["tool"]["driver"]
    assert (driver["name"], driver["version"]) == ("cplan", __version__)
    ids = [rule["id"] for rule in driver["rules"]]
    assert len(ids) == len(set(ids))
    assert set(ids) == every_code()
    assert the_run["results"] == []
    by_id = {rule["id"]: rule for rule in driver["rules"]}
    assert by_id["CP101"]["name"] == "missing"
    assert by_id["CP101"]["defaultConfiguration"] == {"level": "error"}
    assert by_id["CP701"]["defaultConfiguration"] == {"level": "warning"}
    assert by_id["CP201"]["shortDescription"]["text"] == "委员会各界别人数之和应等于写明的总人数。"
    assert "\n\n检查内容：" in by_id["CP201"]["fullDescription"]["text"]
    assert by_id["CP201"]["help"] == by_id["CP201"]["fullDescription"]
    (english,) = sarif([], lang="en")["runs"]
    cp201 = next(rule for rule in english["tool"]["driver"]["rules"] if rule["id"] == "CP201")
    assert cp201["shortDescription"]["text"].startswith("A committee's members by sector")
    assert "add up to" in cp201["fullDescription"]["text"]


def test_sarif_results_with_rule_ids_levels_and_regions() -> None:
    results = [
        check_text(MISSING_TITLE, "plans/a.yaml"),
        check_text(GOOD, "plans/good.yaml"),  # no results: commas must still come out right
        check_text(BAD, "plans/b.yaml"),
    ]
    (the_run,) = sarif(results)["runs"]
    rules = the_run["tool"]["driver"]["rules"]
    found = [
        (
            r["ruleId"],
            r["level"],
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"],
            r["locations"][0]["physicalLocation"]["region"],
        )
        for r in the_run["results"]
    ]
    assert found == [
        (
            "CP101",
            "error",
            "plans/a.yaml",
            {"startLine": 1, "startColumn": 1, "endLine": 3, "endColumn": 1},
        ),
        (
            "CP201",
            "error",
            "plans/b.yaml",
            {"startLine": 5, "startColumn": 49, "endLine": 5, "endColumn": 67},
        ),
        (
            "CP701",
            "warning",
            "plans/b.yaml",
            {"startLine": 8, "startColumn": 15, "endLine": 8, "endColumn": 25},
        ),
    ]
    for r in the_run["results"]:
        assert rules[r["ruleIndex"]]["id"] == r["ruleId"]
    assert the_run["results"][0]["message"]["text"] == "缺少必填项 title（方案标题）"


def test_sarif_speaks_english_and_encodes_paths() -> None:
    d = tricky_diagnostic("计划/南苑 社区.yaml")
    (the_run,) = sarif([FileResult(d.path, None, [d])], lang="en")["runs"]
    (result,) = the_run["results"]
    assert result["message"]["text"] == (
        "'a,b:c%d\\ne': the sectors add up to 12, not the declared size 30"
    )
    uri = result["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert uri == "%E8%AE%A1%E5%88%92/%E5%8D%97%E8%8B%91%20%E7%A4%BE%E5%8C%BA.yaml"


# -- junit -------------------------------------------------------------------------------


def test_junit_one_case_per_file_failing_only_on_errors() -> None:
    results = [
        check_text(BAD, "plans/b.yaml"),
        check_text(WARN, "plans/w.yaml"),
        check_text(GOOD, "plans/good.yaml"),
        check_text(MISSING_TITLE, "plans/a.yaml"),
    ]
    out = run("junit", results)
    assert out.startswith('<?xml version="1.0" encoding="UTF-8"?>\n')
    root = ET.fromstring(out)
    assert root.tag == "testsuites"
    (suite,) = root
    counts = {"name": "cplan", "tests": "4", "failures": "2", "errors": "0"}
    assert {k: suite.attrib[k] for k in counts} == counts
    cases = {case.attrib["name"]: case for case in suite}
    assert all(case.attrib["file"] == case.attrib["name"] for case in suite)
    assert list(cases) == ["plans/b.yaml", "plans/w.yaml", "plans/good.yaml", "plans/a.yaml"]
    assert all(case.attrib["classname"] == "cplan" for case in suite)

    failure = cases["plans/b.yaml"].find("failure")
    assert failure is not None
    assert failure.attrib["type"] == "CP201"
    assert (
        failure.attrib["message"] == "CP201 “共建委员会”各界别人数之和为 12，与写明的总人数 30 不符"
    )
    assert (failure.text or "").splitlines() == [
        "5:49: error CP201 “共建委员会”各界别人数之和为 12，与写明的总人数 30 不符",
        "8:15: warning CP701 “领导小组”的组长姓名尚未填写",
    ]

    warned = cases["plans/w.yaml"]
    assert warned.find("failure") is None
    assert warned.findtext("system-out") == "7:15: warning CP701 “领导小组”的组长姓名尚未填写\n"
    assert list(cases["plans/good.yaml"]) == []


def test_junit_message_counts_further_errors() -> None:
    out = run("junit", [check_text(many_errors(3), "a.yaml")], lang="en")
    failure = ET.fromstring(out).find("testsuite/testcase/failure")
    assert failure is not None
    assert failure.attrib["message"].endswith("(and 2 more errors)")
    assert len((failure.text or "").splitlines()) == 3


def test_junit_escapes_what_xml_cannot_hold() -> None:
    d = Diagnostic(
        'a<&">.yaml',
        Span(1, 1, 1, 2),
        "CP201",
        Severity.ERROR,
        "CP201",
        {"name": "<b>&\"'\x07\n]]>", "parts": 1, "size": 2},
    )
    out = run("junit", [FileResult(d.path, None, [d])])
    case = ET.fromstring(out).find("testsuite/testcase")
    assert case is not None
    assert case.attrib["name"] == 'a<&">.yaml'
    failure = case.find("failure")
    assert failure is not None
    assert (
        failure.attrib["message"]
        == "CP201 “<b>&\"'\\x07\\n]]>”各界别人数之和为 1，与写明的总人数 2 不符"
    )
    assert "<b>&\"'\\x07\\n]]>" in (failure.text or "")


# -- gitlab ------------------------------------------------------------------------------


def test_gitlab_code_quality_issues() -> None:
    results = [
        check_text(MISSING_TITLE, "plans/a.yaml"),
        check_text(GOOD, "plans/good.yaml"),
        check_text(BAD, "plans/b.yaml"),
    ]
    issues = json.loads(run("gitlab", results))
    assert [(i["check_name"], i["severity"], i["location"], i["description"]) for i in issues] == [
        (
            "CP101",
            "major",
            {"path": "plans/a.yaml", "lines": {"begin": 1}},
            "CP101 缺少必填项 title（方案标题）",
        ),
        (
            "CP201",
            "major",
            {"path": "plans/b.yaml", "lines": {"begin": 5}},
            "CP201 “共建委员会”各界别人数之和为 12，与写明的总人数 30 不符",
        ),
        (
            "CP701",
            "minor",
            {"path": "plans/b.yaml", "lines": {"begin": 8}},
            "CP701 “领导小组”的组长姓名尚未填写",
        ),
    ]
    assert all(len(i["fingerprint"]) == 64 for i in issues)
    assert len({i["fingerprint"] for i in issues}) == 3


def test_gitlab_empty_report_is_an_empty_array() -> None:
    assert json.loads(run("gitlab", [check_text(GOOD, "good.yaml")])) == []


def test_gitlab_paths_are_relative_to_the_root(in_tmp: Path) -> None:
    (in_tmp / "repo" / "plans").mkdir(parents=True)
    shown = "repo/plans/b.yaml"  # as the CLI shows it, relative to the current directory
    issues = json.loads(run("gitlab", [check_text(BAD, shown)], root="repo"))
    assert {i["location"]["path"] for i in issues} == {"plans/b.yaml"}
    absolute = str(in_tmp / "repo" / "plans" / "b.yaml")
    again = json.loads(run("gitlab", [check_text(BAD, absolute)], root=str(in_tmp / "repo")))
    assert [i["location"] for i in again] == [i["location"] for i in issues]
    # the fingerprint depends on the path as GitLab sees it, not as it was given
    assert [i["fingerprint"] for i in again] == [i["fingerprint"] for i in issues]


def test_gitlab_fingerprints_are_stable_and_unique() -> None:
    def fingerprints(lang: str) -> list[str]:
        issues = json.loads(run("gitlab", [check_text(BAD, "plans/b.yaml")], lang=lang))
        return [i["fingerprint"] for i in issues]

    assert fingerprints("zh") == fingerprints("zh")
    assert fingerprints("en") == fingerprints("zh")  # --lang does not make issues "new"
    d = tricky_diagnostic("a.yaml")
    twice = json.loads(run("gitlab", [FileResult("a.yaml", None, [d, d])]))
    assert twice[0]["fingerprint"] != twice[1]["fingerprint"]
    other = json.loads(run("gitlab", [check_text(BAD, "plans/c.yaml")]))
    assert other[0]["fingerprint"] != fingerprints("zh")[0]


# -- through the CLI ---------------------------------------------------------------------

runner = CliRunner()


def write(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


@pytest.mark.parametrize(
    ("text", "extra", "code"),
    [(BAD, [], 1), (GOOD, [], 0), (WARN, [], 0), (WARN, ["--strict"], 1)],
)
def test_cli_sarif_exit_codes(in_tmp: Path, text: str, extra: list[str], code: int) -> None:
    path = write(in_tmp, "plans/a.yaml", text)
    out = runner.invoke(app, ["validate", "--format", "sarif", *extra, str(path)])
    assert out.exit_code == code, out.output
    jsonschema.validate(json.loads(out.output), SARIF_SUBSET)


@pytest.mark.parametrize("name", ["github", "sarif", "junit", "gitlab"])
def test_cli_every_ci_format_over_a_folder(in_tmp: Path, name: str) -> None:
    write(in_tmp, "plans/a.yaml", MISSING_TITLE)
    write(in_tmp, "plans/b.yaml", BAD.replace("id: t\n", "id: b\n", 1))
    write(in_tmp, "plans/good.yaml", GOOD.replace("id: t\n", "id: good\n", 1))
    out = runner.invoke(app, ["validate", "--format", name, "plans"])
    assert out.exit_code == 1, out.output
    if name == "github":
        assert out.output.count("::error file=plans/") == 2
    elif name == "sarif":
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
            for r in json.loads(out.output)["runs"][0]["results"]
        ]
        assert uris == ["plans/a.yaml", "plans/b.yaml", "plans/b.yaml"]
    elif name == "junit":
        suite = ET.fromstring(out.output).find("testsuite")
        assert suite is not None
        assert (suite.attrib["tests"], suite.attrib["failures"]) == ("3", "2")
    else:
        paths = [i["location"]["path"] for i in json.loads(out.output)]
        assert paths == ["plans/a.yaml", "plans/b.yaml", "plans/b.yaml"]


def test_cli_writes_a_format_to_a_file(in_tmp: Path) -> None:
    write(in_tmp, "plans/b.yaml", BAD)
    out = runner.invoke(app, ["validate", "-f", "junit", "-o", "report.xml", "plans"])
    assert out.exit_code == 1
    assert out.output == ""
    suite = ET.parse(in_tmp / "report.xml").getroot().find("testsuite")
    assert suite is not None
    assert suite.attrib["failures"] == "1"


def test_cli_gitlab_fingerprints_are_the_same_on_the_next_run(in_tmp: Path) -> None:
    write(in_tmp, "plans/b.yaml", BAD)
    runs = [runner.invoke(app, ["validate", "-f", "gitlab", "plans"]) for _ in range(2)]
    assert [r.exit_code for r in runs] == [1, 1]
    first, second = (json.loads(r.output) for r in runs)  # the second may come from the cache
    assert first == second


def test_cli_chooses_github_under_github_actions(
    in_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    write(in_tmp, "plans/b.yaml", BAD)
    out = runner.invoke(app, ["validate", "plans"])
    assert out.exit_code == 1
    assert out.output.startswith("::error file=plans/b.yaml,line=5,col=49,")
