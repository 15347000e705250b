"""Checking many files: in parallel processes, with a content-hash cache, in stable order.

:func:`check_files` yields one :class:`~cplan.check.FileResult` per file, in the order
the files were given, as soon as each is ready, so a repository of any size streams
through in bounded memory. The results carry diagnostics only (``plan`` is ``None``):
plans stay in the worker processes.

The cache maps a hash of (cplan's version, the settings' fingerprint, the file's shown
path, the file's bytes) to that file's diagnostics and cross-file facts, one small JSON file per entry under
``.cplan_cache/`` at the project root (``CPLAN_CACHE_DIR`` overrides). An unchanged file
is not parsed again; any change to the file, the configuration or cplan itself misses.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from cplan import __version__
from cplan.check import FileResult, PlanFacts, UnitFacts, check_file, display_path
from cplan.config import Settings
from cplan.diagnostics import Diagnostic, Severity, Span
from cplan.fsio import write_atomic
from cplan.read import readable_size

#: Below this many files the work stays in this process: starting workers costs more.
PARALLEL_FROM = 16


@dataclass(frozen=True)
class Cache:
    folder: Path

    @classmethod
    def at(cls, root: Path) -> Cache:
        folder = Path(os.environ.get("CPLAN_CACHE_DIR") or root / ".cplan_cache")
        return cls(folder)

    def key(self, settings: Settings, shown: str, data: bytes) -> str:
        digest = hashlib.sha256()
        for part in (__version__, settings.fingerprint(), shown):
            digest.update(part.encode("utf-8"))
            digest.update(b"\0")
        digest.update(data)
        return digest.hexdigest()

    def _path(self, key: str) -> Path:
        return self.folder / key[:2] / f"{key}.json"

    def get(self, key: str, shown: str) -> FileResult | None:
        try:
            entry = json.loads(self._path(key).read_text(encoding="utf-8"))
            diagnostics = [_decode(shown, item) for item in entry["diagnostics"]]
            return FileResult(shown, None, diagnostics, _decode_facts(entry["facts"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def put(self, key: str, result: FileResult) -> None:
        path = self._path(key)
        try:
            if not self.folder.exists():
                self.folder.mkdir(parents=True)
                (self.folder / ".gitignore").write_text("*\n", encoding="utf-8")
            path.parent.mkdir(exist_ok=True)
            entry = {
                "diagnostics": [_encode(d) for d in result.diagnostics],
                "facts": _encode_facts(result.facts),
            }
            data = json.dumps(entry, ensure_ascii=False)
            write_atomic(path, data.encode("utf-8"))
        except OSError:
            pass  # a cache that cannot be written only costs time


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


def _decode_facts(entry: dict[str, Any] | None) -> PlanFacts | None:
    if entry is None:
        return None
    return PlanFacts(
        entry["id"],
        Span(*entry["id_span"]),
        tuple(
            UnitFacts(uid, plan, sharing, Span(*plan_span), Span(*sharing_span))
            for uid, plan, sharing, plan_span, sharing_span in entry["units"]
        ),
    )


def _decode(shown: str, entry: dict[str, Any]) -> Diagnostic:
    return Diagnostic(
        shown,
        Span(*entry["span"]),
        entry["code"],
        Severity(entry["severity"]),
        entry["key"],
        entry["args"],
    )


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
    for result in check_files(files, settings, jobs=jobs, cache=cache, progress=progress):
        if result.facts is not None:
            facts.append((result.path, result.facts))
        yield result
    for shown, found in cross_check(facts).items():
        kept = settings.apply(Path(shown), None, found)
        if kept:
            yield FileResult(shown, None, kept, cross_file=True)


def _lookup(job: _Job, cache: Cache | None) -> tuple[str | None, FileResult | None]:
    """The cache key for a file and, on a hit, its result."""
    if cache is None or readable_size(job.path) is None:
        return None, None  # the check itself reports what is wrong with the file
    try:
        data = job.path.read_bytes()
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
    a bounded number of results wait to be yielded, whatever the number of files.
    """
    workers = jobs or os.cpu_count() or 1
    parallel = workers > 1 and len(files) >= PARALLEL_FROM
    with contextlib.ExitStack() as stack:
        pool = stack.enter_context(_pool(workers)) if parallel else None
        window: deque[tuple[str | None, FileResult | Future[FileResult]]] = deque()
        limit = workers * 16
        for path in files:
            job = _Job(path, display_path(path), settings)
            key, hit = _lookup(job, cache)
            if hit is not None:
                window.append((None, hit))
            elif pool is not None:
                window.append((key, pool.submit(_check_one, job)))
            else:
                window.append((key, _check_one(job)))
            while window and (len(window) > limit or _ready(window[0][1])):
                yield _finish(window.popleft(), cache, progress)
        while window:
            yield _finish(window.popleft(), cache, progress)


def _pool(workers: int) -> ProcessPoolExecutor:
    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload(["cplan.check"])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


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
