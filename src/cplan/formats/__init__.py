"""Output formats for diagnostics, each behind the same small interface.

A format turns a stream of :class:`~cplan.check.FileResult` into text: ``header`` once,
``file`` for each result as it comes (so thousands of files stream), ``footer`` with
the totals. ``FORMATS`` maps the ``--format`` names to them.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Protocol

from cplan.check import FileResult


@dataclass
class Totals:
    files: int = 0
    errors: int = 0
    warnings: int = 0
    infos: int = 0

    def add(self, result: FileResult, *, new_file: bool = True) -> None:
        self.files += new_file
        self.errors += result.errors
        self.warnings += result.warnings
        self.infos += len(result.diagnostics) - result.errors - result.warnings


class Format(Protocol):
    def header(self) -> str: ...

    def file(self, result: FileResult) -> str: ...

    def footer(self, totals: Totals) -> str: ...


@dataclass(frozen=True)
class FormatOptions:
    """What a format may need to know besides the results."""

    lang: str = "zh"
    color: bool = False
    #: The project root that ``gitlab`` paths are relative to (the current directory).
    root: str = "."


#: ``--format`` name → "module:class" of the format, imported only when chosen.
FORMATS: dict[str, str] = {
    "text": "cplan.formats.text:TextFormat",
    "json": "cplan.formats.json:JsonFormat",
    "github": "cplan.formats.github:GithubFormat",
    "sarif": "cplan.formats.sarif:SarifFormat",
    "junit": "cplan.formats.junit:JunitFormat",
    "gitlab": "cplan.formats.gitlab:GitlabFormat",
}

FORMAT_NAMES = tuple(FORMATS)


def make_format(name: str, options: FormatOptions) -> Format:
    """An instance of the format registered as ``name``."""
    from importlib import import_module

    module, _, cls = FORMATS[name].partition(":")
    made: Format = getattr(import_module(module), cls)(options)
    return made
