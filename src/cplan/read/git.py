"""Bytes of a file as committed at a git revision (for ``cplan diff --rev``).

The revision comes from the command line, and in CI often from an event's payload, so it
is never given the chance to be read as an option: one that starts with ``-`` is refused
before git runs, and git is told where its options end (``--end-of-options``). The blob
is read up to the plan size limit only: a committed file of any size costs no more
memory than a plan may take.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from cplan.errors import GitFailed
from cplan.read import MAX_FILE_BYTES


def committed_bytes(path: Path, rev: str) -> bytes:
    """The bytes of ``path`` as committed at ``rev`` (``HEAD~1``, a tag, a commit).

    Raises :class:`~cplan.errors.GitFailed` when git is missing, the folder is not in a
    repository, the revision is not one (it starts with ``-``, or holds a line break or
    NUL), or the revision or the file does not exist there. Past
    :data:`~cplan.read.MAX_FILE_BYTES` the bytes are cut off (one byte more than the
    limit), so the check reports the file as too large.
    """
    folder = path.absolute().parent
    what = f"{rev}:{path.name}"
    if not rev or rev.startswith("-") or any(char in rev for char in "\0\r\n"):
        raise GitFailed("error.git_bad_revision", what=what, rev=rev)
    try:
        ran = subprocess.Popen(
            [
                "git",
                "-C",
                str(folder),
                "show",
                "--no-textconv",
                "--end-of-options",
                f"{rev}:./{path.name}",
            ],
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
        )
    except OSError:
        raise GitFailed("error.git_missing") from None
    with ran:
        assert ran.stdout is not None
        assert ran.stderr is not None
        data = ran.stdout.read(MAX_FILE_BYTES + 1)
        if len(data) > MAX_FILE_BYTES:
            ran.kill()
        errors = ran.stderr.read(64 * 1024)
        code = ran.wait()
    if len(data) > MAX_FILE_BYTES:
        return data
    if code != 0:
        from cplan.messages.system import git_reason

        reason = errors.decode("utf-8", errors="replace").strip().splitlines()
        said = reason[0] if reason else f"git exit {code}"
        raise GitFailed("error.git_show", what=what, **git_reason(said))
    return data
