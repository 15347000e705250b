"""Checking many files: in parallel processes, with a content-hash cache, in stable order.

:func:`check_files` yields one :class:`~cplan.check.FileResult` per file, in the order
the files were given, as soon as each is ready, so a repository of any size streams
through in bounded memory. The results carry diagnostics only (``plan`` is ``None``):
plans stay in the worker processes.

The cache remembers each file's diagnostics and cross-file facts, one small JSON file per
entry, keyed on (cplan's version, the settings' fingerprint, the file's shown path, the
file's bytes). An unchanged file is not parsed again; any change to the file, the
configuration or cplan itself misses. A cache must never say less than a fresh check
would, so it is kept where a plan repository cannot reach it:

* in the user's cache folder, outside the checkout (``$XDG_CACHE_HOME/cplan`` or
  ``~/.cache/cplan``; ``~/Library/Caches/cplan`` on macOS; ``%LOCALAPPDATA%\\cplan\\Cache``
  on Windows); ``CPLAN_CACHE_DIR`` overrides;
* every entry carries an HMAC-SHA256 made with a secret that never leaves the machine:
  32 random bytes in the file ``key`` of the cache folder, created with mode 0600. A key
  that is not a regular file of this user readable by no one else (as a file committed
  to a repository always is, git stores no such mode) is replaced by a new one, which
  makes every older entry a miss. An entry whose HMAC does not verify is a miss: one
  committed to a repository, copied from another machine or cut short;
* entries are read only when they are regular files (not links, FIFOs or devices) of at
  most :data:`MAX_ENTRY_BYTES`, and every field is checked for its type before use;
* the folder and its subfolders must be real folders of this user, not links; entries
  are written to a new temporary file and renamed into place, so no link is followed.

A cache that cannot be used that way is simply not used: it only ever saves time.
"""

from __future__ import annotations

import contextlib
import hashlib
import hmac
import json
import os
import re
import stat
import sys
import threading
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cplan.build_id import code_fingerprint
from cplan.check import FileResult, PlanFacts, UnitFacts, check_file, display_path
from cplan.config import Settings
from cplan.diagnostics import Diagnostic, Severity, Span
from cplan.fsio import note_input, read_regular, secret_in, write_private
from cplan.parallel import process_pool
from cplan.read import MAX_FILE_BYTES, link_leaves_repository, readable_size

#: Below this many files the work stays in this process: starting workers costs more.
PARALLEL_FROM = 16
#: Largest cache entry written or read (50,000 diagnostics of a 5 MiB file fit).
MAX_ENTRY_BYTES = 16 * 1024 * 1024
_ENTRY_NAME = re.compile(r"\A[0-9a-f]{64}\Z")
_CODE = re.compile(r"\ACP[0-9]{3}\Z")


def default_cache_folder() -> Path | None:
    """The user's cache folder for cplan (``CPLAN_CACHE_DIR`` overrides), or None."""
    chosen = os.environ.get("CPLAN_CACHE_DIR")
    if chosen:
        return Path(chosen)
    try:
        home = Path.home()
    except (RuntimeError, KeyError):
        home = None
    if sys.platform == "win32":  # pragma: no cover - Windows
        local = os.environ.get("LOCALAPPDATA")
        return Path(local) / "cplan" / "Cache" if local else None
    if sys.platform == "darwin":  # pragma: no cover - macOS
        return home / "Library" / "Caches" / "cplan" if home else None
    xdg = os.environ.get("XDG_CACHE_HOME")
    if xdg and Path(xdg).is_absolute():
        return Path(xdg) / "cplan"
    return home / ".cache" / "cplan" if home else None


def _owned_folder(path: Path) -> bool:
    """A real folder (not a link) of this user."""
    try:
        info = path.lstat()
    except OSError:
        return False
    if not stat.S_ISDIR(info.st_mode):
        return False
    return not hasattr(os, "geteuid") or info.st_uid == os.geteuid()


class Cache:
    """Diagnostics of unchanged files, authenticated by a secret of this machine."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self._secret: bytes | None = None
        self._ready: bool | None = None

    @classmethod
    def at(cls, root: Path | None = None) -> Cache | None:
        """The user's cache (``root``, the project folder, is not used: the cache is
        never kept inside the checkout unless ``CPLAN_CACHE_DIR`` says so)."""
        folder = default_cache_folder()
        return cls(folder) if folder is not None else None

    # -- the folder and the secret ---------------------------------------------------

    def _prepare(self) -> bool:
        """Whether the cache can be used: a folder of this user with a valid secret."""
        if self._ready is None:
            self._ready = self._open()
        return self._ready

    def _open(self) -> bool:
        folder = self.folder
        if not os.path.lexists(folder):
            try:
                folder.parent.mkdir(parents=True, exist_ok=True)
                folder.mkdir(mode=0o700)
            except OSError:
                return False
            write_private(folder, ".gitignore", b"*\n", 0o644)
        if not _owned_folder(folder):
            return False
        self._secret = secret_in(folder, "key")
        return self._secret is not None

    # -- entries -----------------------------------------------------------------------

    def key(self, settings: Settings, shown: str, data: bytes) -> str:
        """An entry's name: a digest of what the result depends on."""
        digest = hashlib.sha256()
        for part in (code_fingerprint(), settings.fingerprint(), shown):
            digest.update(part.encode("utf-8", "surrogatepass"))
            digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _mac(self, key: str, body: bytes) -> str:
        assert self._secret is not None
        return hmac.new(self._secret, key.encode("ascii") + b"\0" + body, "sha256").hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, shown: str) -> FileResult | None:
        """The remembered result for ``key``, or None (a miss) for anything doubtful."""
        if not _ENTRY_NAME.match(key) or not self._prepare():
            return None
        if not _owned_folder(self.folder / key[:2]):
            return None
        found = read_regular(self._path(key), MAX_ENTRY_BYTES)
        if found is None:
            return None
        try:
            outer = json.loads(found[0])
            if not isinstance(outer, dict) or set(outer) != {"mac", "body"}:
                return None
            mac, body = outer["mac"], outer["body"]
            if not isinstance(mac, str) or not isinstance(body, str):
                return None
            encoded = body.encode("utf-8")
            if not hmac.compare_digest(mac, self._mac(key, encoded)):
                return None
            return _decode_result(json.loads(body), shown)
        except (ValueError, TypeError, KeyError, RecursionError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        """Remember ``result`` under ``key``; a cache that cannot be written costs time only."""
        if not _ENTRY_NAME.match(key) or not self._prepare():
            return
        entry = {
            "diagnostics": [_encode(d) for d in result.diagnostics],
            "facts": _encode_facts(result.facts),
        }
        body = json.dumps(entry, ensure_ascii=False)
        encoded = body.encode("utf-8", "surrogatepass")
        outer = json.dumps({"mac": self._mac(key, encoded), "body": body}, ensure_ascii=False)
        data = outer.encode("utf-8", "surrogatepass")
        if len(data) > MAX_ENTRY_BYTES:
            return
        sub = self.folder / key[:2]
        with contextlib.suppress(OSError):
            sub.mkdir(mode=0o700)
        if _owned_folder(sub):
            write_private(sub, f"{key}.json", data)


def _plain(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _encode(d: Diagnostic) -> dict[str, Any]:
    return {
        "span": [d.span.line, d.span.col, d.span.end_line, d.span.end_col],
        "code": d.code,
        "severity": d.severity.value,
        "key": d.key,
        "args": {k: _plain(v) for k, v in d.args.items()},
    }


def _encode_facts(facts: PlanFacts | None) -> dict[str, Any] | None:
    if facts is None:
        return None
    return {
        "id": facts.id,
        "id_span": list(facts.id_span),
        "units": [
            [u.id, u.plan, u.sharing, list(u.plan_span), list(u.sharing_span)] for u in facts.units
        ],
    }


# -- decoding, every field checked ---------------------------------------------------------


def _need(condition: bool) -> None:
    if not condition:
        raise ValueError("malformed cache entry")


def _span(value: object) -> Span:
    _need(isinstance(value, list) and len(value) == 4)
    assert isinstance(value, list)
    _need(all(type(n) is int and 0 <= n < 1 << 31 for n in value))
    return Span(*value)


def _text(value: object) -> str:
    _need(isinstance(value, str))
    assert isinstance(value, str)
    return value


def _optional_text(value: object) -> str | None:
    return None if value is None else _text(value)


def _arg(value: object) -> object:
    if value is None or type(value) in (str, int, float, bool):
        return value
    _need(isinstance(value, list))
    assert isinstance(value, list)
    _need(all(item is None or type(item) in (str, int, float, bool) for item in value))
    return value


def _decode_diagnostic(shown: str, entry: object) -> Diagnostic:
    _need(isinstance(entry, dict) and set(entry) == {"span", "code", "severity", "key", "args"})
    assert isinstance(entry, dict)
    code, key, args = _text(entry["code"]), _text(entry["key"]), entry["args"]
    _need(_CODE.match(code) is not None and isinstance(args, dict))
    assert isinstance(args, dict)
    return Diagnostic(
        shown,
        _span(entry["span"]),
        code,
        Severity(_text(entry["severity"])),
        key,
        {_text(name): _arg(value) for name, value in args.items()},
    )


def _decode_facts(entry: object) -> PlanFacts | None:
    if entry is None:
        return None
    _need(isinstance(entry, dict) and set(entry) == {"id", "id_span", "units"})
    assert isinstance(entry, dict)
    units = entry["units"]
    _need(isinstance(units, list))
    decoded = []
    for unit in units:
        _need(isinstance(unit, list) and len(unit) == 5)
        uid, plan, sharing, plan_span, sharing_span = unit
        decoded.append(
            UnitFacts(
                _text(uid),
                _optional_text(plan),
                _optional_text(sharing),
                _span(plan_span),
                _span(sharing_span),
            )
        )
    return PlanFacts(_text(entry["id"]), _span(entry["id_span"]), tuple(decoded))


def _decode_result(entry: object, shown: str) -> FileResult:
    _need(isinstance(entry, dict) and set(entry) == {"diagnostics", "facts"})
    assert isinstance(entry, dict)
    items = entry["diagnostics"]
    _need(isinstance(items, list))
    diagnostics = [_decode_diagnostic(shown, item) for item in items]
    return FileResult(shown, None, diagnostics, _decode_facts(entry["facts"]))


@dataclass(frozen=True)
class _Job:
    path: Path
    shown: str
    settings: Settings


def _check_one(job: _Job) -> FileResult:
    """Check one file; the result carries diagnostics only (plans stay where they are)."""
    result = check_file(job.path, job.shown, job.settings)
    return FileResult(job.shown, None, result.diagnostics, result.facts)


def check_repository(
    files: Sequence[Path],
    settings: Settings,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: Callable[[], None] | None = None,
) -> Iterator[FileResult]:
    """What ``cplan validate`` reports: each file's result as soon as it is ready, then
    the findings across files (CP8xx), each as a further result marked ``cross_file``.
    """
    from cplan.crossfile import cross_check

    facts: list[tuple[str, PlanFacts]] = []
    shared: dict[object, object] = {}
    for result in check_files(files, settings, jobs=jobs, cache=cache, progress=progress):
        if result.facts is not None:
            facts.append((result.path, _compact(result.facts, shared)))
        yield result
    for shown, found in cross_check(facts).items():
        kept = settings.apply(Path(shown), None, found)
        if kept:
            yield FileResult(shown, None, kept, cross_file=True)


def _compact(facts: PlanFacts, shared: dict[object, object]) -> PlanFacts:
    """The same facts, their equal texts and spans shared with those of earlier files.

    The facts of every file are kept until the checks across files: on a repository of
    100,000 plans that is most of the memory used, and most unit ids, ratios and spans
    recur from plan to plan.
    """

    def one(value: Any) -> Any:
        return shared.setdefault(value, value)

    units = tuple(
        UnitFacts(one(u.id), one(u.plan), one(u.sharing), one(u.plan_span), one(u.sharing_span))
        for u in facts.units
    )
    return PlanFacts(facts.id, one(facts.id_span), units)


def _lookup(job: _Job, cache: Cache | None) -> tuple[str | None, FileResult | None]:
    """The cache key for a file and, on a hit, its result."""
    if cache is None or readable_size(job.path) is None:
        return None, None  # the check itself reports what is wrong with the file
    if link_leaves_repository(job.path) is not None:
        return None, None  # refused by the check: never answered from the cache
    try:
        with job.path.open("rb") as handle:
            data = handle.read(MAX_FILE_BYTES + 1)
    except OSError:
        return None, None
    key = cache.key(job.settings, job.shown, data)
    return key, cache.get(key, job.shown)


def check_files(
    files: Sequence[Path],
    settings: Settings,
    *,
    jobs: int | None = None,
    cache: Cache | None = None,
    progress: Callable[[], None] | None = None,
) -> Iterator[FileResult]:
    """Check ``files`` with ``jobs`` processes (default: every core), in the given order.

    Cache hits are answered here; only misses go to the worker processes, and at most
    a bounded number of results wait to be yielded, whatever the number of files. The
    workers are started in the background (starting them takes a moment: their server
    imports cplan) while this process checks the first files itself, so that the first
    result comes at once and no time is lost waiting.
    """
    workers = jobs or os.cpu_count() or 1
    parallel = workers > 1 and len(files) >= PARALLEL_FROM
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(_pool(workers)) if parallel else None
        starting = _start(pool) if pool is not None else None
        window: deque[tuple[str | None, FileResult | Future[FileResult]]] = deque()
        limit = workers * 16
        for path in files:
            note_input(path)  # here: the workers' reads are not this process's
            job = _Job(path, display_path(path), settings)
            key, hit = _lookup(job, cache)
            if hit is not None:
                window.append((None, hit))
            elif pool is None or (starting is not None and starting.is_alive()):
                window.append((key, _check_one(job)))
            else:
                window.append((key, pool.submit(_check_one, job)))
            while window and (len(window) > limit or _ready(window[0][1])):
                yield _finish(window.popleft(), cache, progress)
        while window:
            yield _finish(window.popleft(), cache, progress)


def _pool(workers: int) -> ProcessPoolExecutor:
    return process_pool(workers, "cplan.check")


def _start(pool: ProcessPoolExecutor) -> threading.Thread:
    """Start ``pool``'s workers in a thread (the first submission starts them and waits
    for them); the thread ends once they are running."""
    thread = threading.Thread(target=pool.submit, args=(int,), daemon=True)
    thread.start()
    return thread


def _ready(item: FileResult | Future[FileResult]) -> bool:
    return isinstance(item, FileResult) or item.done()


def _finish(
    entry: tuple[str | None, FileResult | Future[FileResult]],
    cache: Cache | None,
    progress: Callable[[], None] | None,
) -> FileResult:
    key, item = entry
    result = item if isinstance(item, FileResult) else item.result()
    if cache is not None and key is not None:
        cache.put(key, result)
    if progress is not None:
        progress()
    return result
