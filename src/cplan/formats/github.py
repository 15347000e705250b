"""GitHub Actions workflow commands: an annotation for each problem, on the right line.

    ::error file=plans/a.yaml,line=5,col=49,endLine=5,endColumn=60,title=CP201 committee-composition-total::…

GitHub shows at most 10 error and 10 warning annotations (and 10 notices) per step, and
drops the rest without a word. So past 10 of a kind the problem is printed as the plain
``path:line:col: severity CODE message`` line (the log still holds everything), and the
footer adds one notice saying how many more are in the log, then the usual summary line.
"""

from __future__ import annotations

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals
from cplan.formats.text import TextFormat

#: Annotations of one kind GitHub shows in a step.
MAX_ANNOTATIONS = 10

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

_HELD_ZH = {Severity.ERROR: "个错误", Severity.WARNING: "个警告", Severity.INFO: "条提示"}
_HELD_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (``%``, CR, LF)."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def escape_property(text: str) -> str:
    """Escape a command property's value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """A plain log line that cannot start a second line (nor smuggle in a ``::command``)."""
    return text.replace("\r", "\\r").replace("\n", "\\n")


def _rule_names() -> dict[str, str]:
    from cplan.codes import INPUT_CODES
    from cplan.rules import all_rules

    names = {code: item.name for code, item in INPUT_CODES.items()}
    names.update({code: rule.name for code, rule in all_rules().items()})
    return names


class GithubFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        self.names = _rule_names()
        self.shown = dict.fromkeys(Severity, 0)
        self.held = dict.fromkeys(Severity, 0)
        # The footer's own notice must not be the 11th one GitHub drops: keep it a slot.
        self.limits = {
            Severity.ERROR: MAX_ANNOTATIONS,
            Severity.WARNING: MAX_ANNOTATIONS,
            Severity.INFO: MAX_ANNOTATIONS - 1,
        }

    def header(self) -> str:
        return ""

    def annotation(self, d: Diagnostic) -> str:
        title = f"{d.code} {self.names[d.code]}" if d.code in self.names else d.code
        span = d.span
        props = (
            f"file={escape_property(d.path)},line={span.line},col={span.col},"
            f"endLine={span.end_line},endColumn={span.end_col},title={escape_property(title)}"
        )
        return f"::{_COMMAND[d.severity]} {props}::{escape_data(d.message(self.lang))}"

    def file(self, result: FileResult) -> str:
        lines = []
        for d in result.diagnostics:
            if self.shown[d.severity] < self.limits[d.severity]:
                self.shown[d.severity] += 1
                lines.append(self.annotation(d) + "\n")
            else:
                self.held[d.severity] += 1
                lines.append(_one_line(d.format(self.lang)) + "\n")
        return "".join(lines)

    def held_notice(self) -> str:
        """The notice about problems past the annotation limit, or "" if none were."""
        held = [(severity, n) for severity, n in self.held.items() if n]
        if not held:
            return ""
        if self.lang == "en":
            counts = " and ".join(f"{n} {_HELD_EN[s]}{'s' * (n != 1)}" for s, n in held)
            text = (
                f"{counts} more than GitHub shows as annotations "
                f"(at most {MAX_ANNOTATIONS} of each kind): see the log of this step"
            )
        else:
            counts = "、".join(f"{n} {_HELD_ZH[s]}" for s, n in held)
            text = (
                f"另有 {counts}超出 GitHub 注释上限 (每类最多 {MAX_ANNOTATIONS} 条), "
                "请在本步骤日志中查看"
            )
        return f"::notice::{escape_data(text)}\n"

    def footer(self, totals: Totals) -> str:
        summary = TextFormat(FormatOptions(lang=self.lang, color=False)).footer(totals)
        return self.held_notice() + summary
