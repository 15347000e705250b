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

    def add(self, result: FileResult) -> None:
        self.files += 1
        self.errors += result.errors
        self.warnings += result.warnings
        self.infos += len(result.diagnostics) - result.errors - result.warnings


class Format(Protocol):
    def header(self) -> str: ...

    def file(self, result: FileResult) -> str: ...

    def footer(self, totals: Totals) -> str: ...


def make_format(name: str, lang: str, color: bool) -> Format:
    from cplan.formats.json import JsonFormat
    from cplan.formats.text import TextFormat

    if name == "json":
        return JsonFormat(lang)
    return TextFormat(lang, color)


FORMAT_NAMES = ("text", "json")
