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

Targets that are not files. A character device or a FIFO named as the target
(``-o /dev/null``, a named pipe) is written to directly, never replaced by a regular
file, and so are the names of the process's own open files (``/dev/stdout``,
``/dev/stderr``, ``/dev/fd/N``, ``/proc/self/fd/N``), which are links. A block device,
a socket or a folder is refused. A link to a device under any other name is a link like
any other: replaced, not followed.

Inputs. Within :func:`tracking_inputs` (every cplan command runs inside it), the files
read as inputs — plans, workbooks, templates — are noted (:func:`note_input`), and
writing over one of them raises :class:`OutputIsInput`, unless the caller says it means
to (``cplan update`` rewriting its plan).
"""

from __future__ import annotations

import contextlib
import os
import re
import shutil
import stat
import sys
import tempfile
import time
from collections.abc import Iterator
from contextvars import ContextVar
from pathlib import Path

#: Where Linux (4.7 and later) shows a process's umask without changing it.
_STATUS = Path("/proc/self/status")


class OutputExists(FileExistsError):
    """The target exists and the caller asked not to overwrite it."""


class OutputIsInput(ValueError):
    """The target is a file this run reads as an input (a plan, a workbook, a template)."""


class OutputNotFile(ValueError):
    """The target is a block device, a socket or a folder: nothing is written to it."""


# -- the inputs of a run ---------------------------------------------------------------

_inputs: ContextVar[set[tuple[int, int]] | None] = ContextVar("cplan_inputs", default=None)


@contextlib.contextmanager
def tracking_inputs() -> Iterator[None]:
    """Note the inputs read inside (see :func:`note_input`) and refuse writing over them."""
    token = _inputs.set(set())
    try:
        yield
    finally:
        _inputs.reset(token)


def _identity(path: Path) -> tuple[int, int] | None:
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino)


def note_input(path: Path) -> None:
    """Remember ``path`` (the file it names, links followed) as an input of this run."""
    noted = _inputs.get()
    if noted is not None:
        identity = _identity(path)
        if identity is not None:
            noted.add(identity)


def is_input(path: Path) -> bool:
    """Whether ``path`` names a file noted as an input of this run."""
    noted = _inputs.get()
    if not noted:
        return False
    identity = _identity(path)
    return identity is not None and identity in noted


# -- targets that are not regular files --------------------------------------------------

#: The names of the process's own open files: links that must be written through.
_OWN_FILES = re.compile(r"^/dev/(?:stdout|stderr|fd/\d+)$|^/proc/(?:self|\d+)/fd/\d+$")


def _direct_target(path: Path) -> bool:
    """Whether ``path`` is written to directly: a character device or a FIFO named as
    such, or one of the process's own open files. Raises :class:`OutputNotFile` for a
    folder, a block device or a socket."""
    try:
        info = path.lstat()
    except (FileNotFoundError, NotADirectoryError):
        return False
    mode = info.st_mode
    if stat.S_ISLNK(mode):
        # the name as given, made absolute but not resolved: /dev/stdout is itself a link
        named = os.path.abspath(path)  # noqa: PTH100
        return os.name == "posix" and _OWN_FILES.match(named) is not None
    if stat.S_ISCHR(mode) or stat.S_ISFIFO(mode):
        return True
    if stat.S_ISREG(mode):
        return False
    raise OutputNotFile(str(path))


def _write_direct(path: Path, data: bytes) -> None:
    """Write to a device, a pipe or an open file of this process, as ``>`` would."""
    flags = os.O_WRONLY | getattr(os, "O_NOCTTY", 0)
    handle = os.open(path, flags)
    try:
        if stat.S_ISREG(os.fstat(handle).st_mode):
            os.ftruncate(handle, 0)  # /dev/stdout redirected to a file: `>` truncates
        view = memoryview(data)
        while view:
            written = os.write(handle, view)
            view = view[written:]
    finally:
        os.close(handle)


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


def write_atomic(
    path: Path, data: bytes, *, overwrite: bool = True, replacing_input: bool = False
) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk and then renamed over (or, with
    ``overwrite=False``, hard-linked to) the target, so a reader — or a crash — sees
    either the old file or the complete new one, never a part. With ``overwrite=False``
    an existing target raises :class:`OutputExists` and is left untouched.

    The new file has the permissions of the file it replaces, or those of a new file
    under the current umask (see the module's notes). A device, a pipe or one of the
    process's own open files is written directly (:class:`OutputNotFile` for a folder, a
    block device or a socket), and an input of the run is refused with
    :class:`OutputIsInput` unless ``replacing_input``.
    """
    if not replacing_input and is_input(path):
        raise OutputIsInput(str(path))
    if _direct_target(path):
        if not overwrite:
            raise OutputExists(str(path))
        _write_direct(path, data)
        return
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


# -- one writer at a time ------------------------------------------------------------------


class LockTimeout(TimeoutError):
    """Another process held the lock for longer than the caller would wait."""

    def __init__(self, lock: Path) -> None:
        super().__init__(str(lock))
        self.lock = lock


def lock_path(path: Path) -> Path:
    """The lock file of ``path``: hidden, next to it (``.plan.yaml.cplan-lock``)."""
    return path.with_name(f".{path.name}.cplan-lock")


def _try_lock(handle: int) -> bool:
    if sys.platform == "win32":  # pragma: no cover - Windows: a byte-range lock on the file
        import msvcrt

        try:
            msvcrt.locking(handle, msvcrt.LK_NBLCK, 1)
        except OSError:
            return False
        return True
    import fcntl

    try:
        fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        return False
    return True


def _unlock(handle: int) -> None:
    if sys.platform == "win32":  # pragma: no cover - Windows
        import msvcrt

        with contextlib.suppress(OSError):
            os.lseek(handle, 0, os.SEEK_SET)
            msvcrt.locking(handle, msvcrt.LK_UNLCK, 1)
        return
    import fcntl

    fcntl.flock(handle, fcntl.LOCK_UN)


@contextlib.contextmanager
def exclusive_lock(path: Path, *, wait: float, poll: float = 0.05) -> Iterator[Path]:
    """Hold the advisory lock of ``path`` (see :func:`lock_path`) while inside.

    Every ``cplan update`` of a plan takes it before reading the plan and keeps it until
    the new text is in place, so two runs cannot both read the old text and the second
    write lose the first's values: the second waits, at most ``wait`` seconds, then
    raises :class:`LockTimeout`. The lock is ``flock`` on POSIX and a byte-range lock
    (``msvcrt.locking``) on Windows, released by the system when a process dies; the
    lock file is removed on the way out (a killed run leaves it behind, harmless: the
    next run takes it). A lock file that is a link is not followed (an error).
    """
    lock = lock_path(path)
    deadline = time.monotonic() + wait
    flags = os.O_RDWR | os.O_CREAT | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_BINARY", 0)
    while True:
        handle = os.open(lock, flags, 0o600)
        try:
            if _try_lock(handle):
                # Still the file at that name? A run finishing just now removes it, and
                # one waiting on the removed file must start again with the new one.
                try:
                    held = os.fstat(handle)
                    named = os.lstat(lock)
                    current = (held.st_dev, held.st_ino) == (named.st_dev, named.st_ino)
                except FileNotFoundError:
                    current = False
                if current:
                    break
                _unlock(handle)
        except BaseException:
            os.close(handle)
            raise
        os.close(handle)
        if time.monotonic() >= deadline:
            raise LockTimeout(lock)
        time.sleep(poll)
    try:
        yield lock
    finally:
        with contextlib.suppress(OSError):
            lock.unlink()
        _unlock(handle)
        os.close(handle)


# -- secrets that never leave the machine --------------------------------------------------

#: Bytes of a secret key.
SECRET_BYTES = 32
#: Open without following a link, and without waiting on a FIFO.
NO_FOLLOW = getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0)


def read_regular(path: Path, limit: int) -> tuple[bytes, os.stat_result] | None:
    """The bytes of ``path`` if it is a regular file of at most ``limit`` bytes, read
    without following a link and without waiting on a FIFO; else None."""
    try:
        handle = os.open(path, os.O_RDONLY | NO_FOLLOW)
    except OSError:
        return None
    try:
        info = os.fstat(handle)
        if not stat.S_ISREG(info.st_mode) or info.st_size > limit:
            return None
        chunks = []
        left = limit + 1
        while left > 0:
            chunk = os.read(handle, min(left, 1 << 20))
            if not chunk:
                break
            chunks.append(chunk)
            left -= len(chunk)
    except OSError:
        return None
    finally:
        os.close(handle)
    data = b"".join(chunks)
    return (data, info) if len(data) <= limit else None


def private(info: os.stat_result) -> bool:
    """Whether a file is this user's and no one else may read it (always, on Windows)."""
    if not hasattr(os, "geteuid"):  # pragma: no cover - Windows: no owner bits to check
        return True
    return info.st_uid == os.geteuid() and not stat.S_IMODE(info.st_mode) & 0o077


def load_secret(path: Path) -> bytes | None:
    """The secret key in ``path``: a regular file (not a link) of :data:`SECRET_BYTES`
    bytes, this user's, readable by no one else. Anything else is None: a key file
    committed to a repository never qualifies, git stores no such mode."""
    found = read_regular(path, SECRET_BYTES)
    if found is None or len(found[0]) != SECRET_BYTES or not private(found[1]):
        return None
    return found[0]


def write_private(folder: Path, name: str, data: bytes, mode: int = 0o600) -> bool:
    """Write ``folder/name`` through a new temporary file renamed into place.

    The temporary file is created exclusively with mode 0600 (never through a link), and
    the rename replaces whatever is at ``name``, a link included, without following it.
    Nothing is flushed to disk: for caches and keys, where a loss only costs time.
    """
    try:
        handle, temp = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=folder)
    except OSError:
        return False
    try:
        with os.fdopen(handle, "wb") as out:
            if mode != 0o600:
                _chmod(out.fileno(), Path(temp), mode)
            out.write(data)
        Path(temp).replace(folder / name)
    except OSError:
        with contextlib.suppress(OSError):
            Path(temp).unlink()
        return False
    return True


def secret_in(folder: Path, name: str) -> bytes | None:
    """The secret ``folder/name``, made (32 random bytes, mode 0600) if missing or unfit.

    A new key replaces an unfit file rather than trusting it; when two processes make
    one at once, the last rename wins and both read that one.
    """
    secret = load_secret(folder / name)
    if secret is None:
        import secrets

        write_private(folder, name, secrets.token_bytes(SECRET_BYTES))
        secret = load_secret(folder / name)
    return secret


# -- whole folders -------------------------------------------------------------------------


def replaceable_folder(path: Path, marker: str) -> bool:
    """Whether a new folder may take the place of ``path``: nothing is there, or an empty
    folder, or a folder cplan made (it holds the file ``marker``). Never a link or a file."""
    if path.is_symlink() or (path.exists() and not path.is_dir()):
        return False
    return not path.is_dir() or not any(path.iterdir()) or (path / marker).is_file()


def publish_folder(temp: Path, output: Path) -> None:
    """Put the finished folder ``temp`` (beside ``output``) in place of ``output``: two
    renames, the old folder removed last, so a reader sees the old folder or the new one,
    never a part; the new folder gets the permissions of a folder made under the umask."""
    temp.chmod(0o777 & ~current_umask())
    old = None
    if output.exists():
        old = Path(tempfile.mkdtemp(prefix=f".{output.name}-old-", dir=output.parent))
        old.rmdir()
        output.rename(old)
    try:
        temp.rename(output)
    except OSError:
        if old is not None:
            old.rename(output)
        raise
    if old is not None:
        shutil.rmtree(old, ignore_errors=True)
