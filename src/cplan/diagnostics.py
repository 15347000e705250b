"""Problems are values: a :class:`Diagnostic` names a file, a position, a code and a message.

Messages are stored as a catalogue key plus arguments and rendered in the reader's
language only when shown, so the same run can be printed in Chinese or English.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, NamedTuple

from cplan.messages import render_message
from cplan.safetext import visible


class Severity(StrEnum):
    """How serious a problem is. Errors fail ``cplan validate``; warnings only with ``--strict``."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"

    @property
    def rank(self) -> int:
        return {"error": 0, "warning": 1, "info": 2}[self.value]


class Span(NamedTuple):
    """A 1-based region of a file: where a value starts and where it ends (end exclusive).

    A named tuple: one is made for every value of every plan, so it must be cheap.
    """

    line: int
    col: int
    end_line: int
    end_col: int

    @classmethod
    def point(cls, line: int, col: int) -> Span:
        return cls(line, col, line, col + 1)


FILE_START = Span(1, 1, 1, 1)


@dataclass(frozen=True)
class Diagnostic:
    """One problem in one file."""

    path: str
    span: Span
    code: str
    severity: Severity
    key: str
    args: Mapping[str, Any] = field(default_factory=dict)

    @property
    def line(self) -> int:
        return self.span.line

    @property
    def col(self) -> int:
        return self.span.col

    def message(self, lang: str = "zh") -> str:
        return render_message(self.key, self.args, lang)

    def sort_key(self) -> tuple[str, int, int, int, str]:
        return (self.path, self.span.line, self.span.col, self.severity.rank, self.code)

    def format(self, lang: str = "zh") -> str:
        """``path:line:col: severity CODE message``, the form editors and CI logs understand.

        One line whatever the plan holds: the path and the message's arguments come with
        their control, bidi and invisible characters escaped (:mod:`cplan.safetext`).
        """
        return (
            f"{visible(self.path)}:{self.span.line}:{self.span.col}: "
            f"{self.severity.value} {self.code} {self.message(lang)}"
        )
