"""Configuration: ``cplan.toml``, or ``[tool.cplan]`` in ``pyproject.toml``.

Found by walking up from the current directory; the first folder holding either file
wins (``cplan.toml`` before ``pyproject.toml``; a ``pyproject.toml`` without a
``[tool.cplan]`` table is passed over). Example::

    # cplan.toml
    include = ["plans/**/*.yaml"]        # which files `cplan validate DIR` checks
    exclude = ["plans/archive/**"]
    select = ["CP2", "CP3", "CP401"]     # codes or code prefixes to report (default: all)
    ignore = ["CP404"]                   # codes or prefixes never reported
    lang = "zh"                          # message language when --lang is not given

    [severity]                           # change a code's severity: error, warning, info
    CP403 = "error"

    [per-file-ignores]                   # glob (relative to this file's folder) → codes
    "plans/legacy/*.yaml" = ["CP205", "CP6"]

A bad configuration is a :class:`ConfigError` (exit code 2), never a finding.
Inside a plan, ``# cplan: disable=CP201,CP403`` at the end of a line silences those
codes on that line; on a line of its own before the plan's first key it silences them
in the whole file, and elsewhere on the line below it.
"""

from __future__ import annotations

import functools
import hashlib
import json
import re
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field, replace
from pathlib import Path, PurePosixPath
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from cplan.diagnostics import Diagnostic, Severity
from cplan.errors import ConfigError

CODE = r"CP\d{1,3}"


class _Config(BaseModel):
    model_config = ConfigDict(extra="forbid", populate_by_name=True)

    include: list[str] = Field(default_factory=list)
    exclude: list[str] = Field(default_factory=list)
    select: list[str] = Field(default_factory=list)
    ignore: list[str] = Field(default_factory=list)
    lang: Literal["zh", "en"] | None = None
    severity: dict[str, Literal["error", "warning", "info"]] = Field(default_factory=dict)
    per_file_ignores: dict[str, list[str]] = Field(default_factory=dict, alias="per-file-ignores")


@functools.lru_cache(maxsize=8)
def _resolved(root: Path) -> Path:
    """The configuration folder resolved once, not once per file of a large repository."""
    return root.resolve()


@dataclass(frozen=True)
class Settings:
    """The configuration in force for a run."""

    root: Path = field(default_factory=Path.cwd)
    source: Path | None = None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    lang: str | None = None
    severity: tuple[tuple[str, str], ...] = ()
    per_file_ignores: tuple[tuple[str, tuple[str, ...]], ...] = ()

    def fingerprint(self) -> str:
        """A short hash of everything that changes which diagnostics a file gets."""
        data = [self.select, self.ignore, self.severity, self.per_file_ignores]
        return hashlib.sha256(json.dumps(data).encode()).hexdigest()[:16]

    def _relative(self, path: Path) -> str:
        try:
            root = _resolved(self.root) if self.root.is_absolute() else self.root.resolve()
            return PurePosixPath(path.resolve().relative_to(root)).as_posix()
        except ValueError:
            return path.as_posix()

    def wants_file(self, path: Path) -> bool:
        """Whether a file found in a directory is to be checked (include/exclude)."""
        name = self._relative(path)
        if self.include and not any(_glob(name, pattern) for pattern in self.include):
            return False
        return not any(_glob(name, pattern) for pattern in self.exclude)

    def apply(self, path: Path, text: str | None, found: Iterable[Diagnostic]) -> list[Diagnostic]:
        """Diagnostics after selection, ignores, severity overrides and inline disables."""
        name = self._relative(path)
        file_ignores = [
            code
            for pattern, codes in self.per_file_ignores
            if _glob(name, pattern)
            for code in codes
        ]
        disabled_file, disabled_lines = inline_disables(text or "")
        overrides = dict(self.severity)
        kept = []
        for diagnostic in found:
            code = diagnostic.code
            if self.select and not _matches(code, self.select):
                continue
            if _matches(code, self.ignore) or _matches(code, file_ignores):
                continue
            if _matches(code, disabled_file) or _matches(
                code, disabled_lines.get(diagnostic.line, ())
            ):
                continue
            severity = Severity(overrides[code]) if code in overrides else diagnostic.severity
            kept.append(replace(diagnostic, severity=severity))
        return kept


def _matches(code: str, patterns: Iterable[str]) -> bool:
    return any(code.startswith(pattern) for pattern in patterns)


#: Kinds of glob matcher states: one character, any character but ``/``, any character,
#: and a state that only leads on (to one or more others) without reading anything.
_CHAR, _NOT_SLASH, _ANY, _FORK = range(4)


class _Glob:
    """A glob compiled to a small automaton that reads a name once, left to right.

    ``**/`` is any number of whole folders (none too), ``/**`` at the end anything below,
    ``**`` elsewhere anything at all, ``*`` anything within one name and ``?`` one
    character but ``/``. The states reachable after each character are tracked as a
    set, as in a Thompson automaton, so matching costs at most (name length × pattern
    length) steps whatever the pattern: a backtracking regular expression, given
    ``**/`` twelve times, tries exponentially many ways and does not finish in hours.
    """

    def __init__(self, pattern: str) -> None:
        self.kinds: list[int] = []
        self.chars: list[str] = []
        self.outs: list[tuple[int, ...]] = []
        for part in re.split(r"(\*\*/|/\*\*$|\*\*|\*|\?)", pattern):
            if part == "**/":  # (?:.*/)?
                fork = self._add(_FORK)
                loop = self._add(_FORK)
                anything = self._add(_ANY)
                slash = self._add(_CHAR, "/")
                self.outs[anything] = (loop,)
                self.outs[fork] = (loop, len(self.kinds))
                self.outs[loop] = (anything, slash)
            elif part == "/**":  # (?:/.*)? at the end
                fork = self._add(_FORK)
                self._add(_CHAR, "/")
                loop = self._add(_FORK)
                anything = self._add(_ANY)
                self.outs[anything] = (loop,)
                self.outs[fork] = (fork + 1, len(self.kinds))
                self.outs[loop] = (anything, len(self.kinds))
            elif part in ("**", "*"):  # .*  or  [^/]*
                loop = self._add(_FORK)
                step = self._add(_ANY if part == "**" else _NOT_SLASH)
                self.outs[step] = (loop,)
                self.outs[loop] = (step, len(self.kinds))
            elif part == "?":
                self._add(_NOT_SLASH)
            else:
                for char in part:
                    self._add(_CHAR, char)
        self.accept = len(self.kinds)
        self.closures = [self._closure(state) for state in range(self.accept + 1)]
        self.remembered: dict[tuple[frozenset[int], str], frozenset[int]] = {}

    def _add(self, kind: int, char: str = "") -> int:
        self.kinds.append(kind)
        self.chars.append(char)
        self.outs.append((len(self.kinds),))  # by default on to the state added next
        return len(self.kinds) - 1

    def _closure(self, state: int) -> frozenset[int]:
        """``state`` and every state it leads to without reading a character."""
        seen = {state}
        stack = [state]
        while stack:
            current = stack.pop()
            if current < self.accept and self.kinds[current] == _FORK:
                for out in self.outs[current]:
                    if out not in seen:
                        seen.add(out)
                        stack.append(out)
        return frozenset(seen)

    #: Steps remembered (set of states, character → next set): most names of a
    #: repository then cost one lookup a character. Bounded, whatever the names.
    MAX_REMEMBERED = 50_000

    def _step(self, states: frozenset[int], char: str) -> frozenset[int]:
        after: set[int] = set()
        for state in states:
            if state == self.accept:
                continue
            kind = self.kinds[state]
            if (
                kind == _ANY
                or (kind == _NOT_SLASH and char != "/")
                or (kind == _CHAR and self.chars[state] == char)
            ):
                after |= self.closures[self.outs[state][0]]
        return frozenset(after)

    def match(self, name: str) -> bool:
        states = self.closures[0]
        remembered = self.remembered
        for char in name:
            key = (states, char)
            after = remembered.get(key)
            if after is None:
                after = self._step(states, char)
                if len(remembered) < self.MAX_REMEMBERED:
                    remembered[key] = after
            if not after:
                return False
            states = after
        return self.accept in states


@functools.cache
def _compiled(pattern: str) -> _Glob:
    return _Glob(pattern)


def _glob(name: str, pattern: str) -> bool:
    """``**`` spans folders, ``*`` and ``?`` do not: ``plans/**/*.yaml``, ``plans/old/**``."""
    return _compiled(pattern).match(name)


_DISABLE = re.compile(r"#\s*cplan:\s*disable=\s*(" + CODE + r"(?:\s*,\s*" + CODE + r")*)")


def inline_disables(text: str) -> tuple[tuple[str, ...], dict[int, tuple[str, ...]]]:
    """Codes disabled for the whole file, and per line (1-based), by ``# cplan: disable=``."""
    whole: list[str] = []
    lines: dict[int, tuple[str, ...]] = {}
    in_header = True
    for number, line in enumerate(text.splitlines(), start=1):
        stripped = line.strip()
        match = _DISABLE.search(line)
        own_line = stripped.startswith("#")
        if match:
            codes = tuple(code.strip() for code in match.group(1).split(","))
            if own_line and in_header:
                whole.extend(codes)
            elif own_line:
                lines[number + 1] = lines.get(number + 1, ()) + codes
            else:
                lines[number] = lines.get(number, ()) + codes
        if stripped and not own_line and stripped != "---":
            in_header = False
    return tuple(whole), lines


def _read(path: Path) -> dict[str, object] | None:
    try:
        with path.open("rb") as handle:
            data = tomllib.load(handle)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError("error.config_syntax", path=str(path), detail=str(error)) from None
    except OSError as error:
        from cplan.messages.system import os_reason

        raise ConfigError(
            "error.config_unreadable", path=str(path), **os_reason(error, "detail")
        ) from None
    if path.name == "pyproject.toml":
        tool = data.get("tool")
        section = tool.get("cplan") if isinstance(tool, dict) else None
        return section if isinstance(section, dict) else None
    return data


def load_settings(start: Path | None = None) -> Settings:
    """The settings from the nearest configuration file at or above ``start``."""
    folder = (start or Path.cwd()).resolve()
    for candidate in (folder, *folder.parents):
        for name in ("cplan.toml", "pyproject.toml"):
            path = candidate / name
            if path.is_file():
                data = _read(path)
                if data is not None:
                    return _settings(path, data)
    return Settings(root=folder)


def _settings(path: Path, data: dict[str, object]) -> Settings:
    try:
        config = _Config.model_validate(data)
    except ValidationError as error:
        problems = "; ".join(
            f"{'.'.join(str(p) for p in e['loc']) or '(顶层)'}: {e['msg']}" for e in error.errors()
        )
        raise ConfigError("error.config_invalid", path=str(path), detail=problems) from None
    codes = [*config.select, *config.ignore, *config.severity]
    codes += [code for listed in config.per_file_ignores.values() for code in listed]
    bad = [code for code in codes if not re.fullmatch(CODE, code)]
    if bad:
        raise ConfigError("error.config_codes", path=str(path), codes=", ".join(bad))
    return Settings(
        root=path.parent,
        source=path,
        include=tuple(config.include),
        exclude=tuple(config.exclude),
        select=tuple(config.select),
        ignore=tuple(config.ignore),
        lang=config.lang,
        severity=tuple(sorted(config.severity.items())),
        per_file_ignores=tuple(
            (pattern, tuple(codes)) for pattern, codes in config.per_file_ignores.items()
        ),
    )
