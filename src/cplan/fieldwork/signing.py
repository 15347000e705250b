"""Binding a data-entry workbook to what was issued: an HMAC with the repository's key.

The hidden ``_cplan`` sheet names the plan (its id), the unit, the language and, for
every row, its sheet, row number, key and fingerprint (:mod:`cplan.fieldwork.rows`).
All of that is public: anyone with the plan file can compute it and make a workbook
from scratch, for any unit. So when ``cplan collect`` runs in a git repository it also
writes a ``signature``: HMAC-SHA256 over the format tag, plan id, unit, language and
row map (fingerprints included), made with a key kept in the repository's own, untracked
configuration (``.git/cplan/fieldwork.key``, 32 random bytes, mode 0600, made by the
first ``collect``; never committed, never pushed). ``cplan update`` in a repository
with that key refuses a workbook whose signature is missing or wrong: a workbook made
or altered by anyone without the key, another unit's sheet re-labelled included.

What it does not prove: who typed the values (anyone holding a genuine workbook can fill
it in); and without the key — collect run outside a git repository, or update run in
another clone the key was not copied to — nothing beyond the plan id, the row fingerprints and the layout
is checked (``update`` says so). Copy ``.git/cplan/fieldwork.key`` to another clone to
update there.
"""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Sequence
from pathlib import Path

from cplan.fsio import load_secret, secret_in
from cplan.read import repository_root

KEY_FOLDER = "cplan"
KEY_NAME = "fieldwork.key"


def git_folder(start: Path) -> Path | None:
    """The git folder of the repository holding ``start`` (its common folder for a
    worktree), or None outside a repository."""
    root = repository_root(start)
    if root is None:
        return None
    dot_git = root / ".git"
    if dot_git.is_dir() and not dot_git.is_symlink():
        return dot_git
    try:  # a worktree or submodule: "gitdir: PATH"
        text = dot_git.read_text(encoding="utf-8", errors="replace")[:4096]
    except OSError:
        return None
    if not text.startswith("gitdir:"):
        return None
    folder = Path(text[len("gitdir:") :].strip().splitlines()[0])
    folder = folder if folder.is_absolute() else root / folder
    try:
        common = (folder / "commondir").read_text(encoding="utf-8").strip()
    except OSError:
        common = ""
    if common:
        folder = Path(common) if Path(common).is_absolute() else folder / common
    return folder if folder.is_dir() else None


def repository_key(plan_path: Path, *, create: bool) -> bytes | None:
    """The fieldwork key of the repository holding ``plan_path``; made when ``create``
    and missing. None outside a repository (or when it cannot be read or made)."""
    git = git_folder(plan_path.absolute().parent)
    if git is None:
        return None
    folder = git / KEY_FOLDER
    if not create:
        return load_secret(folder / KEY_NAME)
    try:
        folder.mkdir(mode=0o700, exist_ok=True)
    except OSError:
        return None
    if folder.is_symlink() or not folder.is_dir():
        return None
    return secret_in(folder, KEY_NAME)


def signature(
    key: bytes,
    fields: Sequence[str],
    rows: Sequence[tuple[str, int, str, str]],
) -> str:
    """HMAC-SHA256 (hex) over the workbook's fields and its row map, unambiguously."""
    mac = hmac.new(key, b"cplan-fieldwork-signature\0", hashlib.sha256)
    for text in fields:
        part = text.encode("utf-8", "surrogatepass")
        mac.update(len(part).to_bytes(8, "big") + part)
    for sheet, row, item, print_ in rows:
        for text in (sheet, str(row), item, print_):
            data = text.encode("utf-8", "surrogatepass")
            mac.update(len(data).to_bytes(8, "big") + data)
    return "hmac-sha256:" + mac.hexdigest()


def verify(
    key: bytes, fields: Sequence[str], rows: Sequence[tuple[str, int, str, str]], got: str
) -> bool:
    return hmac.compare_digest(signature(key, fields, rows).encode(), got.encode("utf-8"))
