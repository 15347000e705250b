"""Work on many plans in worker processes, results in the order given, memory bounded.

:func:`in_order` is how ``cplan site`` and ``cplan export`` spread their work per plan
over the cores (``cplan validate`` has its own window in :mod:`cplan.batch`, with the
cache in front of it).
"""

from __future__ import annotations

import multiprocessing
import os
from collections import deque
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from typing import TypeVar

#: Below this many items the work stays in this process: starting workers costs more.
PARALLEL_FROM = 16

Item = TypeVar("Item")
Result = TypeVar("Result")


def process_pool(workers: int, preload: str) -> ProcessPoolExecutor:
    """Worker processes started clean (forkserver where there is one, else spawn), with
    the module ``preload`` and the rules imported once in the server before the workers
    fork from it."""
    from cplan.rules import RULE_MODULES

    methods = multiprocessing.get_all_start_methods()
    context = multiprocessing.get_context("forkserver" if "forkserver" in methods else "spawn")
    if "forkserver" in methods:
        context.set_forkserver_preload([preload, *RULE_MODULES])
    return ProcessPoolExecutor(max_workers=workers, mp_context=context)


def _each(function: Callable[[Item], Result], chunk: list[Item]) -> list[Result]:
    return [function(item) for item in chunk]


def in_order(
    function: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int | None,
    *,
    preload: str,
) -> Iterator[Result]:
    """``function`` of each item, in order, from ``jobs`` processes (default: every core)
    when there are many items; ``function`` must be importable (a module's function).

    Items go to the workers in small chunks and at most ``4 × workers`` chunks are in
    flight, so results wait in memory only that long, whatever the number of items.
    """
    workers = jobs or os.cpu_count() or 1
    if workers <= 1 or len(items) < PARALLEL_FROM:
        yield from (function(item) for item in items)
        return
    with process_pool(workers, preload) as pool:
        window: deque[Future[list[Result]]] = deque()
        size = max(1, min(4, len(items) // (workers * 16)))
        for start in range(0, len(items), size):
            window.append(pool.submit(_each, function, list(items[start : start + size])))
            while len(window) > workers * 4 or (window and window[0].done()):
                yield from window.popleft().result()
        while window:
            yield from window.popleft().result()
