"""Room 1 of the pipeline: file bytes → text.

Everything about bytes lives here: the size limit, binary files, byte-order marks and
the encoding policy. A plan must be UTF-8 (a UTF-8, UTF-16 or UTF-32 byte-order mark is
honoured). A file in GBK/GB18030, the usual encoding of files saved by Chinese editions
of Windows tools, is recognised and the message says how to convert it.
"""

from __future__ import annotations

import codecs
import os
import stat
from dataclasses import dataclass
from pathlib import Path

from cplan.diagnostics import FILE_START, Diagnostic, Severity, Span
from cplan.fsio import note_input

#: Largest plan file read, in bytes. A real plan is 5–50 KB; 5 MiB leaves ample room.
MAX_FILE_BYTES = 5 * 1024 * 1024

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


@dataclass(frozen=True)
class Source:
    """A plan file's text, with the name it is shown under and the bytes it was read from."""

    display: str
    text: str
    data: bytes = b""


class ReadFailure(Exception):
    """The file could not be read as text; carries the diagnostic to show."""

    def __init__(self, diagnostic: Diagnostic) -> None:
        super().__init__(diagnostic.key)
        self.diagnostic = diagnostic


def _position_of_byte(data: bytes, offset: int) -> Span:
    """1-based line and column (in characters) of the byte at ``offset``."""
    before = data[:offset]
    line = before.count(b"\n") + 1
    line_start = before.rfind(b"\n") + 1
    col = len(before[line_start:].decode("utf-8", errors="replace")) + 1
    return Span.point(line, col)


def _fail(
    display: str, code: str, key: str, span: Span = FILE_START, **args: object
) -> ReadFailure:
    return ReadFailure(Diagnostic(display, span, code, Severity.ERROR, key, args))


def decode(data: bytes, display: str) -> str:
    """Decode a plan file's bytes, or raise :class:`ReadFailure` saying what is wrong."""
    if len(data) > MAX_FILE_BYTES:
        raise _fail(display, "CP003", "read.too_large", size=len(data), limit=MAX_FILE_BYTES)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(encoding)
            except UnicodeDecodeError as exc:
                raise _fail(
                    display, "CP002", "read.bad_bom", encoding=encoding, reason=exc.reason
                ) from None
    nul = data.find(b"\x00")
    if nul >= 0:
        raise _fail(display, "CP002", "read.binary", _position_of_byte(data, nul))
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        span = _position_of_byte(data, exc.start)
        try:
            data.decode("gb18030")
        except UnicodeDecodeError:
            raise _fail(display, "CP002", "read.not_utf8", span) from None
        raise _fail(display, "CP002", "read.gbk", span) from None


def readable_size(path: Path) -> int | None:
    """The size of a regular file within the limit, else None (nothing is read)."""
    try:
        status = path.stat()
    except OSError:
        return None
    if not stat.S_ISREG(status.st_mode) or status.st_size > MAX_FILE_BYTES:
        return None
    return status.st_size


def repository_root(folder: Path) -> Path | None:
    """The nearest folder at or above ``folder`` holding ``.git`` (as written, not resolved)."""
    here = Path(os.path.abspath(folder))  # noqa: PTH100 - as written: links not resolved
    for candidate in (here, *here.parents):
        if os.path.lexists(candidate / ".git"):
            return candidate
    return None


def link_leaves_repository(path: Path) -> Path | None:
    """Where ``path`` leads when it is a symbolic link out of its repository, else None.

    The repository is the one holding the link (the nearest ``.git`` above it) or,
    outside any repository, the current directory. A pull request can commit a link to
    ``/etc/passwd`` or ``/dev/zero``: such a plan is refused, not read.
    """
    if not path.is_symlink():
        return None
    root = repository_root(path.parent) or Path.cwd()
    try:
        target = path.resolve()
        inside = target.is_relative_to(root.resolve())
    except (OSError, RuntimeError):  # a loop of links
        return path
    return None if inside else target


def read_source(path: Path, display: str) -> Source:
    """Read ``path`` as a plan's text, raising :class:`ReadFailure` for any problem.

    A link that leads out of the repository is refused (CP001) without being read.
    """
    outside = link_leaves_repository(path)
    if outside is not None:
        raise _fail(display, "CP001", "read.link_outside", target=str(outside))
    note_input(path)
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):  # a FIFO or a device would hang or never end
            raise _fail(display, "CP001", "read.not_regular")
        if status.st_size > MAX_FILE_BYTES:
            raise _fail(
                display, "CP003", "read.too_large", size=status.st_size, limit=MAX_FILE_BYTES
            )
        with path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError as exc:
        from cplan.messages.system import os_reason

        raise _fail(display, "CP001", "read.unreadable", FILE_START, **os_reason(exc)) from None
    return Source(display, decode(data, display), data)
