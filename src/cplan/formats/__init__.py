"""Output formats for diagnostics, each behind the same small interface.

A format turns a stream of :class:`~cplan.check.FileResult` into text: ``header`` once,
``file`` for each result as it comes (so thousands of files stream), ``footer`` with
the totals. ``FORMATS`` maps the ``--format`` names to them.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from cplan.check import FileResult
from cplan.diagnostics import Diagnostic


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
    #: Where the configuration was found (or the current directory). SARIF, GitLab and
    #: JUnit paths are relative to the repository that holds it: see :func:`repository_root`.
    root: str = "."


def repository_root(start: str | Path) -> Path:
    """The top of the git work tree holding ``start`` (the folder with ``.git``).

    Code scanning and GitLab match paths against the repository's files, so reports name
    files relative to it, wherever cplan was started. Outside a repository: ``start``.
    """
    here = Path(start).absolute()
    for folder in (here, *here.parents):
        if (folder / ".git").exists():
            return folder
    return here


def relative_path(path: str, root: str | Path) -> str:
    """``path`` relative to ``root``, with forward slashes (unchanged if it cannot be)."""
    try:
        relative = os.path.relpath(Path(path).absolute(), Path(root).absolute())
    except ValueError:  # another drive on Windows
        return path.replace(os.sep, "/")
    return relative.replace(os.sep, "/")


def problem_identity(path: str, d: Diagnostic) -> str:
    """What stays the same about a problem while lines are added or removed around it.

    The file (as the repository names it), the code, the message and its arguments, but
    never a line or column: an argument whose name mentions a line is left out too. The
    message arguments are language-free, so ``--lang`` does not change the identity.
    """
    args = sorted((k, str(v)) for k, v in d.args.items() if "line" not in k.lower())
    parts = [path, d.code, d.key, *(f"{k}={v}" for k, v in args)]
    return hashlib.sha256("\0".join(parts).encode("utf-8", "surrogatepass")).hexdigest()


class Occurrences:
    """Tells apart repeats of the same problem in a file: the first is 0, then 1, 2…"""

    def __init__(self) -> None:
        self.seen: dict[str, int] = {}

    def count(self, identity: str) -> int:
        n = self.seen.get(identity, 0)
        self.seen[identity] = n + 1
        return n


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
