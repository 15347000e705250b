"""GitHub Actions workflow commands: an annotation for each problem, on the right line.

    ::error file=plans/a.yaml,line=5,col=49,endLine=5,endColumn=60,title=CP201 committee-composition-total::…

GitHub shows at most 10 error and 10 warning annotations (and 10 notices) per step, and
drops the rest without a word. So past 10 of a kind the problem is printed as the plain
``path:line:col: severity CODE message`` line (the log still holds everything), and the
footer adds one notice saying how many more are in the log, then the usual summary line.

The runner reads a workflow command from any log line that starts with ``::`` (after
spaces) and, in the older syntax, from ``##[`` anywhere in a line. So under
``--format github``, and in every command when ``GITHUB_ACTIONS=true``, each line cplan
prints to standard output or standard error passes :func:`neutralise` (through
:class:`WorkflowGuard`): a ``::`` at the start of a line becomes ``\\u003a:`` and ``##[``
becomes ``#\\u0023[`` — visible, and in JSON the same string. Only the annotations and
the notice this format writes itself (:func:`write_commands`) keep their leading ``::``;
the text inside them is escaped as the runner expects, and ``##[`` in it too.
"""

from __future__ import annotations

import io
import os
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TextIO

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic, Severity
from cplan.formats import FormatOptions, Totals, relative_path, repository_root
from cplan.formats.text import TextFormat
from cplan.safetext import visible

#: Annotations of one kind GitHub shows in a step.
MAX_ANNOTATIONS = 10

_COMMAND = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}

_HELD_ZH = {Severity.ERROR: "个错误", Severity.WARNING: "个警告", Severity.INFO: "条提示"}
_HELD_EN = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


#: The older command syntax, recognised anywhere in a line (and Azure's ``##vso[``).
_V1_COMMAND = re.compile(r"##(?=\[|vso\[)")
#: A workflow command: ``::`` at the start of a line, after any white space.
_V2_COMMAND = re.compile(r"\A(\s*):(?=:)")


def _v1(text: str) -> str:
    return _V1_COMMAND.sub(lambda _: "#\\u0023", text) if "##" in text else text


def neutralise(line: str) -> str:
    """One printed line that the Actions runner cannot read as a workflow command.

    The runner also ends a line at a carriage return: each part is guarded.
    """
    parts = _v1(line).split("\r")
    return "\r".join(_V2_COMMAND.sub(lambda m: m.group(1) + "\\u003a", part) for part in parts)


def escape_data(text: str) -> str:
    """Escape a command's message as the Actions runner expects (``%``, CR, LF), with
    its hidden characters visible and ``##[`` neutralised."""
    text = text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")
    return _v1(visible(text))


def escape_property(text: str) -> str:
    """Escape a command property's value: as data, and ``:`` and ``,`` too."""
    return escape_data(text).replace(":", "%3A").replace(",", "%2C")


def _one_line(text: str) -> str:
    """A plain log line that cannot start a second line (nor smuggle in a ``::command``)."""
    return neutralise(visible(text))


def _rule_names() -> dict[str, str]:
    from cplan.codes import INPUT_CODES
    from cplan.rules import all_rules

    names = {code: item.name for code, item in INPUT_CODES.items()}
    names.update({code: rule.name for code, rule in all_rules().items()})
    return names


class GithubFormat:
    def __init__(self, options: FormatOptions) -> None:
        self.lang = options.lang
        # GitHub places annotations by the path from the repository's top, whatever
        # folder cplan ran in
        self.root = repository_root(options.root)
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
            f"file={escape_property(relative_path(d.path, self.root))},"
            f"line={span.line},col={span.col},"
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


# -- every line printed under GitHub Actions -----------------------------------------------


def guarding(format: str | None = None) -> bool:
    """Whether printed lines are guarded: under ``--format github`` or GitHub Actions."""
    return format == "github" or os.environ.get("GITHUB_ACTIONS") == "true"


class WorkflowGuard(io.TextIOBase):
    """A text stream that passes every complete line through :func:`neutralise`.

    A line is held until its newline arrives (or the guard is closed), so a command
    cannot be assembled from several writes. :meth:`write_commands` is for the
    workflow commands cplan writes itself.
    """

    def __init__(self, stream: TextIO) -> None:
        super().__init__()
        self.stream = stream
        self.pending = ""

    @property
    def encoding(self) -> str:  # type: ignore[override]
        return getattr(self.stream, "encoding", None) or "utf-8"

    @property
    def errors(self) -> str | None:  # type: ignore[override]
        return getattr(self.stream, "errors", None)

    def isatty(self) -> bool:
        return self.stream.isatty()

    def writable(self) -> bool:
        return True

    def fileno(self) -> int:
        return self.stream.fileno()

    def write(self, text: str) -> int:
        if not isinstance(text, str):
            raise TypeError(f"write() argument must be str, not {type(text).__name__}")
        self.pending += text
        if "\n" in self.pending:
            done, _, self.pending = self.pending.rpartition("\n")
            self.stream.write("".join(neutralise(line) + "\n" for line in done.split("\n")))
        return len(text)

    def write_commands(self, text: str) -> None:
        """Write cplan's own workflow commands: ``##[`` is neutralised, ``::`` kept."""
        self.release()
        self.stream.write(_v1(text))

    def release(self) -> None:
        """Write out a line still waiting for its newline."""
        if self.pending:
            self.stream.write(neutralise(self.pending))
            self.pending = ""

    def flush(self) -> None:
        self.stream.flush()


def write_commands(stream: TextIO, text: str) -> None:
    """Write cplan's own workflow commands to ``stream`` (guarded or not)."""
    if isinstance(stream, WorkflowGuard):
        stream.write_commands(text)
    else:
        stream.write(text)


@contextmanager
def guarded_output(enabled: bool) -> Iterator[None]:
    """Standard output and standard error guarded by :class:`WorkflowGuard` while inside."""
    if not enabled or isinstance(sys.stdout, WorkflowGuard):
        yield
        return
    saved = sys.stdout, sys.stderr
    out, err = WorkflowGuard(sys.stdout), WorkflowGuard(sys.stderr)
    sys.stdout, sys.stderr = out, err
    try:
        yield
    finally:
        sys.stdout, sys.stderr = saved
        for guard in (out, err):
            guard.release()
            guard.flush()
