"""Adversarial tests: hostile plan files and templates, fuzzing, the sandbox, atomic writes.

The helpers here run cplan the way a user does, through its console entry point
(``python -m cplan``) in a subprocess, with a wall-clock limit and an address-space limit,
so a hang, a memory blow-up or a traceback shows up as a failure instead of taking the
test run down with it.
"""

from __future__ import annotations

import math
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

#: Limit for one cplan run on one hostile file, in seconds of CPU time (enforced with
#: RLIMIT_CPU) and of wall time (start-up is about 0.2-0.6 s on an idle machine).
TIME_LIMIT = 2.0
#: Address-space limit for one cplan run.
MEMORY_LIMIT = 500 * 1024 * 1024


def wall_limit(seconds: float = TIME_LIMIT) -> float:
    """``seconds`` of wall time, stretched while the machine is busy with other work.

    On an idle machine this is ``seconds`` exactly. When the load average exceeds the
    number of cores (CI neighbours, a benchmark running alongside), a run gets its share of
    a core only, so the allowance grows in proportion, at most five-fold; the CPU-time
    limit stays at ``seconds`` whatever the load.
    """
    cores = os.cpu_count() or 1
    load = os.getloadavg()[0]
    return seconds * min(5.0, max(1.0, load / cores))


def limit_resources() -> None:  # pragma: no cover - runs in the child, before exec
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT, MEMORY_LIMIT))
    cpu = math.ceil(TIME_LIMIT)
    resource.setrlimit(resource.RLIMIT_CPU, (cpu, cpu + 1))


def cplan_env(cwd: Path) -> dict[str, str]:
    """The environment for a cplan child: no colour, Chinese, no CI autodetection."""
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in ("GITHUB_ACTIONS", "CPLAN_LANG", "FORCE_COLOR", "CPLAN_CACHE_DIR")
    }
    env["NO_COLOR"] = "1"
    env["CPLAN_CACHE_DIR"] = str(cwd / ".cplan-test-cache")
    return env


@dataclass(frozen=True)
class Run:
    """One cplan run. ``returncode`` is None when it was stopped at the wall-clock limit;
    negative when a signal ended it (-24, SIGXCPU: the CPU-time limit)."""

    args: tuple[str, ...]
    returncode: int | None
    stdout: str
    stderr: str
    seconds: float
    cpu_seconds: float

    @property
    def timed_out(self) -> bool:
        return self.returncode is None or self.returncode == -signal.SIGXCPU

    def describe(self) -> str:
        return (
            f"cplan {' '.join(self.args)} -> {self.returncode} in {self.seconds:.2f} s "
            f"(CPU {self.cpu_seconds:.2f} s)\n"
            f"--- stdout ---\n{self.stdout[-3000:]}\n--- stderr ---\n{self.stderr[-3000:]}"
        )


def run_cplan(args: Sequence[str], cwd: Path, *, timeout: float | None = None) -> Run:
    """Run ``python -m cplan ARGS`` in ``cwd`` under the time and memory limits."""
    return run_many([(args, cwd)], timeout=timeout)[0]


def run_many(
    jobs: Sequence[tuple[Sequence[str], Path]],
    *,
    parallel: int = 2,
    timeout: float | None = None,
) -> list[Run]:
    """Run several cplan commands, ``parallel`` at a time (no threads: Popen and wait4).

    Each job is (args, cwd); its output goes to files in ``cwd``. ``wait4`` gives each
    child's own CPU time. With no more children than cores, each run's wall time is what
    it would be alone.
    """
    results: list[Run | None] = [None] * len(jobs)
    waiting = list(enumerate(jobs))
    running: dict[int, tuple[subprocess.Popen[bytes], float, float, Path, Path]] = {}
    while waiting or running:
        while waiting and len(running) < max(1, parallel):
            index, (args, cwd) = waiting.pop(0)
            out, err = cwd / f".cplan-stdout-{index}", cwd / f".cplan-stderr-{index}"
            with out.open("wb") as out_file, err.open("wb") as err_file:
                child = subprocess.Popen(
                    [sys.executable, "-m", "cplan", *args],
                    cwd=cwd,
                    env=cplan_env(cwd),
                    stdin=subprocess.DEVNULL,
                    stdout=out_file,
                    stderr=err_file,
                    preexec_fn=limit_resources,  # noqa: PLW1509 (no threads here)
                )
            limit = timeout if timeout is not None else wall_limit()
            running[index] = (child, time.monotonic(), limit, out, err)
        time.sleep(0.005)
        for index, (child, started, limit, out, err) in list(running.items()):
            elapsed = time.monotonic() - started
            pid, status, usage = os.wait4(child.pid, os.WNOHANG)
            code: int | None
            if pid == 0 and elapsed <= limit:
                continue
            if pid == 0:
                child.kill()
                pid, status, usage = os.wait4(child.pid, 0)
                code = None
            else:
                code = os.waitstatus_to_exitcode(status)
            child.returncode = os.waitstatus_to_exitcode(status)  # reaped here, not by Popen
            results[index] = Run(
                tuple(jobs[index][0]),
                code,
                _read(out),
                _read(err),
                elapsed,
                usage.ru_utime + usage.ru_stime,
            )
            out.unlink()
            err.unlink()
            del running[index]
    return [run for run in results if run is not None]


def _read(path: Path) -> str:
    return path.read_bytes().decode("utf-8", errors="replace")
