"""Adversarial tests: hostile plan files and templates, fuzzing, the sandbox, atomic writes.

The helpers here run cplan the way a user does, through its console entry point
(``python -m cplan``) in a subprocess, with a wall-clock limit and an address-space limit,
so a hang, a memory blow-up or a traceback shows up as a failure instead of taking the
test run down with it.
"""

from __future__ import annotations

import functools
import math
import os
import resource
import signal
import subprocess
import sys
import time
from collections.abc import Mapping, Sequence
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


def limit_resources(memory: int = MEMORY_LIMIT) -> None:  # pragma: no cover - in the child
    resource.setrlimit(resource.RLIMIT_AS, (memory, memory))
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


def ci_env(cwd: Path, cache_home: Path) -> dict[str, str]:
    """The environment of a CI job on GitHub Actions: ``GITHUB_ACTIONS=true``, ``CI=true``,
    the cache where cplan keeps it by default (the user's cache folder, here
    ``cache_home``), no colour."""
    env = cplan_env(cwd)
    del env["CPLAN_CACHE_DIR"]
    env.update(GITHUB_ACTIONS="true", CI="true", XDG_CACHE_HOME=str(cache_home))
    return env


def run_cplan(
    args: Sequence[str],
    cwd: Path,
    *,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
    memory: int = MEMORY_LIMIT,
) -> Run:
    """Run ``python -m cplan ARGS`` in ``cwd`` under the time and memory limits."""
    return run_many([(args, cwd)], timeout=timeout, env=env, memory=memory)[0]


def run_many(
    jobs: Sequence[tuple[Sequence[str], Path]],
    *,
    parallel: int = 2,
    timeout: float | None = None,
    env: Mapping[str, str] | None = None,
    memory: int = MEMORY_LIMIT,
) -> list[Run]:
    """Run several cplan commands, ``parallel`` at a time (no threads: Popen and wait4).

    Each job is (args, cwd); its output goes to files in ``cwd``. ``wait4`` gives each
    child's own CPU time. With no more children than cores, each run's wall time is what
    it would be alone. ``env`` replaces :func:`cplan_env`; ``memory`` is the
    address-space limit.
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
                    env=dict(env) if env is not None else cplan_env(cwd),
                    stdin=subprocess.DEVNULL,
                    stdout=out_file,
                    stderr=err_file,
                    preexec_fn=functools.partial(limit_resources, memory),  # noqa: PLW1509
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


def git(folder: Path, *args: str) -> str:
    """Run git in ``folder`` (no user configuration needed), returning its output."""
    done = subprocess.run(
        ["git", "-c", "user.name=t", "-c", "user.email=t@example.org", *args],
        cwd=folder,
        capture_output=True,
        text=True,
        check=True,
        env={**os.environ, "GIT_CONFIG_GLOBAL": os.devnull, "GIT_CONFIG_NOSYSTEM": "1"},
    )
    return done.stdout


def pull_request(folder: Path, files: Mapping[str, str | bytes | Path]) -> Path:
    """The checkout CI sees of a pull request holding ``files``: committed (``git add
    -f``, ignored files too) in a repository, then cloned afresh into ``folder/clone``.

    A value that is a :class:`~pathlib.Path` is committed as a symbolic link to it.
    """
    origin = folder / "origin"
    origin.mkdir(parents=True)
    git(origin, "init", "-q", "-b", "main")
    for name, content in files.items():
        path = origin / name
        _make_folders(path.parent)
        if isinstance(content, Path):
            path.symlink_to(content)
        elif isinstance(content, bytes):
            path.write_bytes(content)
        else:
            path.write_text(content, encoding="utf-8")
    git(origin, "add", "-f", "--", *files)
    git(origin, "commit", "-q", "-m", "pull request")
    clone = folder / "clone"
    git(folder, "clone", "-q", str(origin), str(clone))
    return clone


def _make_folders(folder: Path) -> None:
    """``mkdir -p`` without recursion (``Path.mkdir(parents=True)`` recurses once per level)."""
    missing = []
    while not folder.exists():
        missing.append(folder)
        folder = folder.parent
    for path in reversed(missing):
        path.mkdir()


def remove_tree(top: Path) -> None:
    """``rm -rf`` without recursion and in linear time: ``shutil.rmtree`` (and so pytest's
    clean-up of old temporary folders) fails on a thousand nested folders, and removing
    them by their full paths costs time in the square of the depth. Each folder's
    content is moved up into ``top`` (short paths only) until nothing is left."""
    if top.is_symlink() or not top.is_dir():
        top.unlink(missing_ok=True)
        return
    moved = 0
    while True:
        with os.scandir(top) as listing:
            entries = list(listing)
        if not entries:
            break
        for entry in entries:
            if not entry.is_dir(follow_symlinks=False):
                Path(entry.path).unlink()
                continue
            with os.scandir(entry.path) as inside:
                for child in list(inside):
                    moved += 1
                    Path(child.path).rename(top / f".moved-{moved}")
            Path(entry.path).rmdir()
    top.rmdir()


def deep_folders(top: Path, depth: int, name: str = "d") -> Path:
    """``depth`` nested folders under ``top``, made relative to each other (linear time);
    returns the deepest."""
    handle = os.open(top, os.O_RDONLY)
    try:
        for _ in range(depth):
            os.mkdir(name, dir_fd=handle)
            inner = os.open(name, os.O_RDONLY, dir_fd=handle)
            os.close(handle)
            handle = inner
    finally:
        os.close(handle)
    return top.joinpath(*[name] * depth)
