"""Writing files safely: every file cplan writes appears whole or not at all."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


class OutputExists(FileExistsError):
    """The target exists and the caller asked not to overwrite it."""


def write_atomic(path: Path, data: bytes, *, overwrite: bool = True) -> None:
    """Write ``data`` to ``path`` through a temporary file in the same folder.

    The temporary file is flushed to disk and then renamed over (or, with
    ``overwrite=False``, hard-linked to) the target, so a reader — or a crash — sees
    either the old file or the complete new one, never a part. With ``overwrite=False``
    an existing target raises :class:`OutputExists` and is left untouched.
    """
    folder = path.parent if str(path.parent) else Path()
    handle, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    temp = Path(temp_name)
    try:
        with os.fdopen(handle, "wb") as out:
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
