"""GitLab Code Quality report: a JSON array of issues, for ``artifacts:reports:codequality``.

    [{"description": "CP201 …", "check_name": "CP201", "fingerprint": "<sha256>",
      "severity": "major", "location": {"path": "plans/a.yaml", "lines": {"begin": 5}}}]

Paths are relative to the project root (``FormatOptions.root``), with forward slashes,
as GitLab matches them against the files of the merge request. The fingerprint is a
SHA-256 of path, code, line and the Chinese message, so it does not change with
``--lang``; a repeat of the same problem on the same line gets its own fingerprint.
"""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals

_SEVERITY = {Severity.ERROR: "major", Severity.WARNING: "minor", Severity.INFO: "info"}


def relative_path(path: str, root: str) -> str:
    """``path`` relative to ``root``, with forward slashes (unchanged if it cannot be)."""
    try:
        relative = os.path.relpath(Path(path).absolute(), Path(root).absolute())
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def fingerprint(path: str, d: Diagnostic, repeat: int = 0) -> str:
    """A stable identity for one problem: the same input always gives the same value."""
    parts = [path, d.code, str(d.span.line), d.message("zh")]
    if repeat:
        parts.append(str(repeat))
    return hashlib.sha256("\0".join(parts).encode("utf-8")).hexdigest()


class GitlabFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.root = options.root
        self.first = True

    def header(self) -> str:
        return "["

    def file(self, result: FileResult) -> str:
        seen: dict[str, int] = {}
        pieces = []
        for d in result.diagnostics:
            path = relative_path(d.path, self.root)
            mark = fingerprint(path, d)
            repeat = seen.get(mark, 0)
            seen[mark] = repeat + 1
            issue = {
                "description": f"{d.code} {d.message(self.lang)}",
                "check_name": d.code,
                "fingerprint": fingerprint(path, d, repeat) if repeat else mark,
                "severity": _SEVERITY[d.severity],
                "location": {"path": path, "lines": {"begin": d.span.line}},
            }
            pieces.append(("" if self.first else ", ") + json.dumps(issue, ensure_ascii=False))
            self.first = False
        return "".join(pieces)

    def footer(self, totals: Totals) -> str:
        return "]\n"
