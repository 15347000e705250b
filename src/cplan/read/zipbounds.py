"""Bounds on a zip package (.docx, .xlsx) before anything in it is expanded.

Every reader of an office file that may come from outside (a report template, a filled-in
workbook, a Word plan to import) asks :func:`oversize` first, under its own
:class:`ZipLimits`, and words the refusal its own way.
"""

from __future__ import annotations

import zipfile
import zlib
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

MIB = 1024 * 1024

#: What :mod:`zipfile` raises on a package that is not a zip, is damaged, truncated,
#: encrypted or uses a compression it cannot read: every reader catches the same ones.
ZIP_ERRORS: tuple[type[Exception], ...] = (
    zipfile.BadZipFile,
    OSError,
    ValueError,
    EOFError,
    RuntimeError,
    NotImplementedError,
    zlib.error,
)


@dataclass(frozen=True)
class ZipLimits:
    """How much a package may hold: parts, bytes once expanded, and compression ratio."""

    parts: int
    uncompressed: int
    ratio: int = 100
    part: int | None = None  # largest part once expanded (None: only the total counts)
    ratio_from: int = MIB  # parts smaller than this are never too compressed


@dataclass(frozen=True)
class ZipProblem:
    """Which bound a package breaks; ``name``, ``size`` and ``ratio`` for one part."""

    kind: Literal["parts", "part", "total"]
    count: int = 0
    name: str = ""
    size: int = 0
    ratio: float = 0.0


def oversize(members: Sequence[zipfile.ZipInfo], limits: ZipLimits) -> ZipProblem | None:
    """The first bound ``members`` break, in the order parts, each part, total; else None."""
    if len(members) > limits.parts:
        return ZipProblem("parts", count=len(members))
    total = 0
    for member in members:
        total += member.file_size
        ratio = member.file_size / max(member.compress_size, 1)
        too_big = limits.part is not None and member.file_size > limits.part
        if too_big or (member.file_size > limits.ratio_from and ratio > limits.ratio):
            return ZipProblem("part", name=member.filename, size=member.file_size, ratio=ratio)
    if total > limits.uncompressed:
        return ZipProblem("total", size=total)
    return None
