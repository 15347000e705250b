"""SARIF 2.1.0, the format of GitHub code scanning and most static-analysis viewers.

One run: ``tool.driver`` describes cplan and every code it may report (the input codes
and the rules, with their documentation), ``results`` holds one result per problem.
The document streams: the header opens it, each file appends its results, the footer
closes it. Columns count Unicode code points (``columnKind``), as cplan's do; the end
column is exclusive, as in SARIF.
"""

from __future__ import annotations

import json
from pathlib import Path, PurePosixPath
from typing import Any
from urllib.parse import quote

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals
from cplan.formats.gitlab import relative_path

SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"

_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def rule_descriptors() -> list[dict[str, Any]]:
    """A reportingDescriptor for every code cplan reports, input codes first, in code order."""
    from cplan.codes import INPUT_CODES
    from cplan.rules import all_rules

    described = [
        (item.code, item.name, item.summary, item.doc, item.severity)
        for item in INPUT_CODES.values()
    ]
    described += [
        (rule.code, rule.name, rule.summary, rule.doc, rule.severity)
        for rule in all_rules().values()
    ]
    return [
        {
            "id": code,
            "name": name,
            "shortDescription": {"text": summary},
            "fullDescription": {"text": doc or summary},
            "help": {"text": doc or summary},
            "defaultConfiguration": {"level": _LEVEL[severity]},
        }
        for code, name, summary, doc, severity in described
    ]


def artifact_uri(path: str, root: str) -> str:
    """A relative URI reference for a file (percent-encoded), or a file: URI if it has none."""
    relative = relative_path(path, root)
    if PurePosixPath(relative).is_absolute() or ":" in relative.split("/")[0]:
        return Path(path).absolute().as_uri()
    return quote(relative, safe="/")


class SarifFormat:
    def __init__(self, options: FormatOptions) -> None:
        from cplan import __version__

        self.lang = options.lang
        self.root = options.root
        self.version = __version__
        self.rules = rule_descriptors()
        self.index = {rule["id"]: i for i, rule in enumerate(self.rules)}
        self.first = True

    def header(self) -> str:
        driver = {
            "name": "cplan",
            "version": self.version,
            "rules": self.rules,
        }
        run = {
            "tool": {"driver": driver},
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
                    "artifactLocation": {"uri": artifact_uri(d.path, self.root)},
                    "region": {
                        "startLine": span.line,
                        "startColumn": span.col,
                        "endLine": span.end_line,
                        "endColumn": span.end_col,
                    },
                }
            }
        ]
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
