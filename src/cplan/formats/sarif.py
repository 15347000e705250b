"""SARIF 2.1.0, the format of GitHub code scanning and most static-analysis viewers.

One run: ``tool.driver`` describes cplan (``informationUri``: its repository) and every
code it may report, each with its documentation and ``helpUri``, the code's page in
``docs/rules/``; ``results`` holds one result per problem. The document streams: the
header opens it, each file appends its results, the footer closes it.

Paths are relative to the root of the git repository that holds the configuration
(``%SRCROOT%``, given in ``originalUriBaseIds``), whatever folder cplan ran in, because
code scanning matches them against the repository's files. Each result has a
``partialFingerprints`` entry made of the file, the code and the message's arguments,
never the line, so inserting lines above a problem does not make it a new alert.
Columns count Unicode code points (``columnKind``), as cplan's do; the end column is
exclusive, as in SARIF.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import (
    FormatOptions,
    Occurrences,
    Totals,
    problem_identity,
    relative_path,
    repository_root,
)
from cplan.home import REPOSITORY, rule_page

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

#: The base that every artifact's relative ``uri`` is read against.
ROOT_ID = "SRCROOT"

#: The key of cplan's own entry in ``partialFingerprints`` (versioned, as SARIF advises).
FINGERPRINT_KEY = "cplanProblem/v1"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def documented_codes(lang: str = "zh") -> list[tuple[str, str, str, str, Severity]]:
    """(code, name, summary, documentation, severity) of every code in ``lang``, input
    codes first."""
    from cplan.codes import INPUT_CODES
    from cplan.rules import all_rules

    described = [
        (item.code, item.name, item.summary_in(lang), item.doc_in(lang), item.severity)
        for item in INPUT_CODES.values()
    ]
    described += [
        (rule.code, rule.name, rule.summary_in(lang), rule.doc_in(lang), rule.severity)
        for rule in all_rules().values()
    ]
    return described


def rule_descriptors(lang: str = "zh") -> list[dict[str, Any]]:
    """A reportingDescriptor for every code cplan reports, input codes first, in code order."""
    return [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc},
            "help": {"text": doc},
            "helpUri": rule_page(code),
            "defaultConfiguration": {"level": _LEVEL[severity]},
        }
        for code, name, summary, doc, severity in documented_codes(lang)
    ]


def artifact_location(path: str, root: Path) -> dict[str, str]:
    """Where a file is: relative to ``%SRCROOT%`` if it is inside, else a ``file:`` URI."""
    relative = relative_path(path, root)
    first = relative.split("/")[0]
    if PurePosixPath(relative).is_absolute() or first == ".." or ":" in first:
        return {"uri": Path(path).absolute().as_uri()}
    return {"uri": quote(relative, safe="/"), "uriBaseId": ROOT_ID}


class SarifFormat:
    def __init__(self, options: FormatOptions) -> None:
        from cplan import __version__

        self.lang = options.lang
        self.root = repository_root(options.root)
        self.version = __version__
        self.rules = rule_descriptors(self.lang)
        self.index = {rule["id"]: i for i, rule in enumerate(self.rules)}
        self.first = True
        self.occurrences = Occurrences()

    def header(self) -> str:
        driver = {
            "name": "cplan",
            "version": self.version,
            "semanticVersion": self.version,
            "informationUri": REPOSITORY,
            "rules": self.rules,
        }
        run = {
            "tool": {"driver": driver},
            "originalUriBaseIds": {ROOT_ID: {"uri": self.root.as_uri().rstrip("/") + "/"}},
            "language": "en-US" if self.lang == "en" else "zh-CN",
            "columnKind": "unicodeCodePoints",
        }
        opening = json.dumps(run, ensure_ascii=False)[:-1]  # leave the run open
        return (
            f'{{"$schema": {json.dumps(SCHEMA)}, "version": "2.1.0", "runs": ['
            f'{opening}, "results": ['
        )

    def result(self, d: Diagnostic) -> dict[str, Any]:
        span = d.span
        found: dict[str, Any] = {"ruleId": d.code}
        if d.code in self.index:
            found["ruleIndex"] = self.index[d.code]
        found["level"] = _LEVEL[d.severity]
        found["message"] = {"text": d.message(self.lang)}
        found["locations"] = [
            {
                "physicalLocation": {
                    "artifactLocation": artifact_location(d.path, self.root),
                    "region": {
                        "startLine": span.line,
                        "startColumn": span.col,
                        "endLine": span.end_line,
                        "endColumn": span.end_col,
                    },
                }
            }
        ]
        path = relative_path(d.path, self.root)
        identity = problem_identity(path, d)
        repeat = self.occurrences.count(identity)
        found["partialFingerprints"] = {FINGERPRINT_KEY: f"{identity}:{repeat}"}
        return found

    def file(self, result: FileResult) -> str:
        pieces = []
        for d in result.diagnostics:
            text = json.dumps(self.result(d), ensure_ascii=False)
            pieces.append(("" if self.first else ", ") + text)
            self.first = False
        return "".join(pieces)

    def footer(self, totals: Totals) -> str:
        return "]}]}\n"
