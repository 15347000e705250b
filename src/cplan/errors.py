"""Why a command could not do what it was asked: one hierarchy, one way to show it.

The core raises a :class:`CplanError` subclass with a message key and its arguments; it
never prints and never exits. The command line (``cplan.cli.common.run_command``) is the
one place that turns any of them into a message in the reader's language and an exit
code (2: the command could not run as asked; 1: the plan itself has problems).

Problems *in a plan* are not errors of this kind: they are
:class:`~cplan.diagnostics.Diagnostic` values, and a command decides what they mean.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, ClassVar

from cplan.diagnostics import Diagnostic
from cplan.messages import render_message


class CplanError(Exception):
    """A command cannot go on. ``key`` names the message in the catalogue."""

    exit_code: ClassVar[int] = 2

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def message(self, lang: str = "zh") -> str:
        return render_message(self.key, self.params, lang)

    def __str__(self) -> str:
        return self.message()


class ConfigError(CplanError):
    """``cplan.toml`` (or ``[tool.cplan]``) cannot be used."""


class PathMissing(CplanError):
    """A path given on the command line does not exist."""

    def __init__(self, path: object) -> None:
        super().__init__("error.no_such_path", path=str(path))
        self.path = path


class OutputFailed(CplanError):
    """An output file could not be written; nothing was left half-written."""


class GitFailed(CplanError):
    """A committed version of a file could not be read from git."""


class TemplateFailed(CplanError):
    """A report template is missing or cannot be rendered (exit 1: the template is wrong)."""

    exit_code: ClassVar[int] = 1


class Refused(CplanError):
    """What was given has problems (a plan, a filled-in workbook); nothing was changed."""

    exit_code: ClassVar[int] = 1


class PlanRefused(Refused):
    """The plan cannot give the figures asked for (or ``--strict`` and it has findings).

    ``diagnostics`` are shown before the message.
    """

    def __init__(self, key: str, diagnostics: Sequence[Diagnostic] = (), **params: Any) -> None:
        super().__init__(key, **params)
        self.diagnostics = tuple(diagnostics)
