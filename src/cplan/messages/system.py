"""What the operating system and git say, in the reader's language.

An ``OSError``'s ``strerror`` and git's ``fatal:`` lines are English; where cplan shows
them, it passes a reason in both languages: ``reason`` (English) and ``reason_zh``
(Chinese). The catalogue's Chinese text says ``{reason_zh}`` where the English says
``{reason}`` (the convention every ``name``/``name_zh`` pair follows, checked by
``tests/unit/test_messages.py``), so a message stays a key with arguments and is
rendered in either language when shown. The texts are in
:mod:`cplan.messages.command_catalog` under ``os.*`` and ``git.*``.
"""

from __future__ import annotations

import errno
import re

from cplan.messages.catalog import MESSAGES

#: errno values an officer meets, by name; others keep the system's own words.
OS_ERRORS = (
    "ENOENT",
    "EACCES",
    "EPERM",
    "EISDIR",
    "ENOTDIR",
    "ENOSPC",
    "EDQUOT",
    "EROFS",
    "EEXIST",
    "EBUSY",
    "ENAMETOOLONG",
    "ELOOP",
    "EMFILE",
    "EIO",
    "EFBIG",
    "EINVAL",
)

_BY_NUMBER = {getattr(errno, name): name for name in OS_ERRORS if hasattr(errno, name)}
_WINDOWS_IN_USE = (32, 33)  # ERROR_SHARING_VIOLATION, ERROR_LOCK_VIOLATION


def _both(key: str, name: str, **params: str) -> dict[str, str]:
    entry = MESSAGES[key]
    return {
        name: entry["en"].format(**params),
        f"{name}_zh": entry["zh"].format(**params),
    }


def os_reason(error: OSError, name: str = "reason") -> dict[str, str]:
    """``{name: English, name_zh: Chinese}`` saying why ``error`` happened."""
    if getattr(error, "winerror", None) in _WINDOWS_IN_USE:
        return _both("os.in_use", name)
    known = _BY_NUMBER.get(error.errno or 0)
    if known is not None:
        return _both(f"os.{known}", name)
    said = error.strerror or str(error) or type(error).__name__
    return _both("os.other", name, detail=said)


_GIT = (
    (re.compile(r"not a git repository"), "git.not_a_repository"),
    (re.compile(r"invalid object name '(?P<rev>[^']*)'"), "git.invalid_revision"),
    (re.compile(r"bad revision '(?P<rev>[^']*)'"), "git.invalid_revision"),
    (
        re.compile(r"path '(?P<path>[^']*)' exists on disk, but not in '(?P<rev>[^']*)'"),
        "git.not_committed",
    ),
    (
        re.compile(r"path '(?P<path>[^']*)' does not exist in '(?P<rev>[^']*)'"),
        "git.not_in_revision",
    ),
    (re.compile(r"dubious ownership"), "git.dubious_ownership"),
)


def git_reason(said: str, name: str = "detail") -> dict[str, str]:
    """``{name: English, name_zh: Chinese}`` for the first line of git's error output."""
    line = said.strip().removeprefix("fatal: ").removeprefix("error: ")
    for pattern, key in _GIT:
        found = pattern.search(line)
        if found is not None:
            return _both(key, name, **found.groupdict())
    return _both("git.other", name, detail=line)
