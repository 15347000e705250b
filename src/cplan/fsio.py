"""Writing files safely: every file cplan writes appears whole or not at all.

Permissions. A file cplan writes gets the permissions the user expects of a plain
``open(path, "w")``: a new file ``0o666`` less the process's umask (``-rw-r--r--``
under the usual umask 022), and a file that is replaced keeps its own permission bits
(a ``-rw-r-----`` plan stays ``-rw-r-----`` after ``cplan update``). Only the nine
permission bits are kept; set-user-ID, set-group-ID and sticky bits are not carried
over to the new file. Owner and group are those of the writing process, as for any new
file: the old file's are not copied.

Links. A target that is a symbolic link is replaced by the new file (the link itself,
never the file it points to, which may be outside the folder); its mode is then that of
a new file, since the link is not followed even to read the mode.
"""

from __future__ import annotations

import contextlib
import os
import stat
import tempfile
from pathlib import Path

#: Where Linux (4.7 and later) shows a process's umask without changing it.
_STATUS = Path("/proc/self/status")


class OutputExists(FileExistsError):
    """The target exists and the caller asked not to overwrite it."""


def current_umask() -> int:
    """The process's file-creation mask.

    Read from ``/proc/self/status`` (``Umask:`` line) where the system has it, which
    changes nothing. Elsewhere the only way is ``os.umask(0)`` and setting it back at
    once: a file another thread of this process created in between would get mode
    ``0o666``. cplan is a single-threaded command-line tool, so that window is empty in
    practice; a program embedding cplan with threads on such a system should know it.
    """
    with contextlib.suppress(OSError, ValueError):
        for line in _STATUS.read_text(encoding="ascii", errors="replace").splitlines():
            if line.startswith("Umask:"):
                return int(line.split(":", 1)[1].strip(), 8) & 0o777
    mask = os.umask(0)
    os.umask(mask)
    return mask


def new_file_mode() -> int:
    """The mode ``open(path, "w")`` would give a new file: ``0o666`` less the umask."""
    return 0o666 & ~current_umask()


def _kept_mode(path: Path) -> int | None:
    """The permission bits of ``path`` when it is a regular file (not followed if a link)."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return None
    return stat.S_IMODE(info.st_mode) & 0o777 if stat.S_ISREG(info.st_mode) else None


def _chmod(handle: int, path: Path, mode: int) -> None:
    if hasattr(os, "fchmod"):
        os.fchmod(handle, mode)
    else:  # pragma: no cover - Windows before Python 3.13: only the read-only flag counts
        path.chmod(mode)


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk and then renamed over (or, with
    ``overwrite=False``, hard-linked to) the target, so a reader — or a crash — sees
    either the old file or the complete new one, never a part. With ``overwrite=False``
    an existing target raises :class:`OutputExists` and is left untouched.

    The new file has the permissions of the file it replaces, or those of a new file
    under the current umask (see the module's notes).
    """
    folder = path.parent if str(path.parent) else Path()
    mode = _kept_mode(path) if overwrite else None
    if mode is None:
        mode = new_file_mode()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
            _chmod(out.fileno(), temp, mode)  # mkstemp made it 0o600
            out.write(data)
            out.flush()
            os.fsync(out.fileno())
        if overwrite:
            temp.replace(path)
        else:
            try:
                os.link(temp, path)
            except FileExistsError:
                raise OutputExists(str(path)) from None
            temp.unlink()
    finally:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
