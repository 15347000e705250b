"""GitLab Code Quality report: a JSON array of issues, for ``artifacts:reports:codequality``.

    [{"description": "CP201 …", "check_name": "CP201", "fingerprint": "<sha256>",
      "severity": "major", "location": {"path": "plans/a.yaml", "lines": {"begin": 5}}}]

Paths are relative to the root of the git repository that holds the configuration,
with forward slashes, as GitLab matches them against the files of the merge request.

GitLab compares the fingerprints of two pipelines to tell new problems from resolved
ones, so a fingerprint is made of what stays when lines move: the file, the code and
the message's arguments (never the line, nor the message's language). A repeat of the
same problem in a file gets its own fingerprint (its occurrence number is added).
"""

from __future__ import annotations

import hashlib
import json

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

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def fingerprint(path: str, d: Diagnostic, repeat: int = 0) -> str:
    """A stable identity for one problem: the same problem always gives the same value."""
    identity = problem_identity(path, d)
    if not repeat:
        return identity
    return hashlib.sha256(f"{identity}\0{repeat}".encode()).hexdigest()


class GitlabFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.root = repository_root(options.root)
        self.occurrences = Occurrences()
        self.first = True

    def header(self) -> str:
        return "["

    def file(self, result: FileResult) -> str:
        pieces = []
        for d in result.diagnostics:
            path = relative_path(d.path, self.root)
            repeat = self.occurrences.count(problem_identity(path, d))
            issue = {
                "description": f"{d.code} {d.message(self.lang)}",
                "check_name": d.code,
                "fingerprint": fingerprint(path, d, repeat),
                "severity": _SEVERITY[d.severity],
                "location": {"path": path, "lines": {"begin": d.span.line}},
            }
            pieces.append(("" if self.first else ", ") + json.dumps(issue, ensure_ascii=False))
            self.first = False
        return "".join(pieces)

    def footer(self, totals: Totals) -> str:
        return "]\n"
