"""Bytes of a file as committed at a git revision (for ``cplan diff --rev``)."""

from __future__ import annotations

import subprocess
from pathlib import Path

from cplan.errors import GitFailed


def committed_bytes(path: Path, rev: str) -> bytes:
    """The bytes of ``path`` as committed at ``rev`` (``HEAD~1``, a tag, a commit).

    Raises :class:`~cplan.errors.GitFailed` when git is missing, the folder is not in a
    repository, or the revision or the file does not exist there.
    """
    folder = path.absolute().parent
    what = f"{rev}:{path.name}"
    try:
        ran = subprocess.run(
            ["git", "-C", str(folder), "show", f"{rev}:./{path.name}"],
            capture_output=True,
            check=False,
        )
    except OSError:
        raise GitFailed("error.git_missing") from None
    if ran.returncode != 0:
        reason = ran.stderr.decode("utf-8", errors="replace").strip().splitlines()
        detail = reason[0].removeprefix("fatal: ") if reason else f"git exit {ran.returncode}"
        raise GitFailed("error.git_show", what=what, detail=detail)
    return ran.stdout
