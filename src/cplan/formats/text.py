"""``path:line:col: severity CODE message``, one line a problem, and a summary line.

Each problem is one line whatever the file holds: paths and messages show control, bidi
and invisible characters as escapes (:mod:`cplan.safetext`), so a plan cannot colour,
move or rewrite the terminal, nor start a line of its own.
"""

from __future__ import annotations

from cplan.check import FileResult
from cplan.diagnostics import Severity
from cplan.formats import FormatOptions, Totals
from cplan.safetext import visible

_STYLE = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _DIM, _RESET = "\x1b[1m", "\x1b[2m", "\x1b[0m"

_SEVERITY_ZH = {Severity.ERROR: "错误", Severity.WARNING: "警告", Severity.INFO: "提示"}


class TextFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.color = options.color

    def header(self) -> str:
        return ""

    def file(self, result: FileResult) -> str:
        lines = []
        for d in result.diagnostics:
            if not self.color:
                lines.append(d.format(self.lang) + "\n")
                continue
            where = f"{_BOLD}{visible(d.path)}:{d.line}:{d.col}:{_RESET}"
            what = f"{_STYLE[d.severity]}{d.severity.value}{_RESET} {_DIM}{d.code}{_RESET}"
            lines.append(f"{where} {what} {d.message(self.lang)}\n")
        return "".join(lines)

    def footer(self, totals: Totals) -> str:
        if self.lang == "en":
            text = (
                f"{totals.files} file{'s' * (totals.files != 1)} checked: "
                f"{totals.errors} error{'s' * (totals.errors != 1)}, "
                f"{totals.warnings} warning{'s' * (totals.warnings != 1)}"
            )
        else:
            text = (
                f"共检查 {totals.files} 个文件："
                f"{totals.errors} 个{_SEVERITY_ZH[Severity.ERROR]}，"
                f"{totals.warnings} 个{_SEVERITY_ZH[Severity.WARNING]}"
            )
        if self.color:
            style = _STYLE[Severity.ERROR] if totals.errors else "\x1b[32m"
            text = f"{style}{text}{_RESET}"
        return text + "\n"
