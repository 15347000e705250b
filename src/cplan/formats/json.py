"""A stable JSON document for other programs (``"version": 1``).

    {"version": 1, "lang": "zh",
     "files": [{"path": "plans/a.yaml", "valid": false, "errors": 1, "warnings": 0,
                "diagnostics": [{"path", "line", "column", "end_line", "end_column",
                                 "code", "severity", "message"}]}],
     "summary": {"files": 1, "errors": 1, "warnings": 0}}

Lines and columns are 1-based; ``end_column`` is exclusive.
"""

from __future__ import annotations

import json

from cplan.check import FileResult
from cplan.formats import FormatOptions, Totals
from cplan.safetext import json_safe


class JsonFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.first = True

    def header(self) -> str:
        return f'{{"version": 1, "lang": {json.dumps(self.lang)}, "files": ['

    def file(self, result: FileResult) -> str:
        entry = {
            "path": result.path,
            "valid": result.errors == 0,
            "errors": result.errors,
            "warnings": result.warnings,
            "diagnostics": [
                {
                    "path": d.path,
                    "line": d.span.line,
                    "column": d.span.col,
                    "end_line": d.span.end_line,
                    "end_column": d.span.end_col,
                    "code": d.code,
                    "severity": d.severity.value,
                    "message": d.message(self.lang),
                }
                for d in result.diagnostics
            ],
        }
        # Hidden characters as \uXXXX: the same strings to a reader, nothing raw on a terminal.
        text = ("" if self.first else ", ") + json_safe(json.dumps(entry, ensure_ascii=False))
        self.first = False
        return text

    def footer(self, totals: Totals) -> str:
        summary = {"files": totals.files, "errors": totals.errors, "warnings": totals.warnings}
        return f'], "summary": {json.dumps(summary)}}}\n'
