"""Benchmark: `cplan validate` on a repository of plans, against baselines in the same run.

Run: ``.venv/bin/python benchmarks/bench_validate.py [--plans N] [--repeat R]`` (default
1,000 plans, 3 rounds). It generates N realistic plans of about 20 KB (Chinese text, every
section; :mod:`benchmarks.generate`) and, in each round, runs every measurement once,
interleaved, so that a busy machine slows them all alike; it prints the median of the
rounds and the spread (max/min) of each, then the ratios against their targets (issue #18):

* cold ``cplan validate`` (cache written, all rules, positions) ≤ 1.0× the naive
  validator: libyaml's ``CSafeLoader`` + ``Plan.model_validate`` in two processes (no
  positions, no rules);
* ``-j 1`` cost per file ≤ 1.5× a ``CSafeLoader`` load of the same file (both measured
  without the start of the interpreter: cplan's is its wall time less that of a run on one
  file, libyaml's is timed inside its process);
* ``-j 2`` at least 1.8× as fast as ``-j 1`` (no cache);
* the warm re-run against the cold run; ``cplan --help`` against ``import typer``;
* peak memory: the largest sum of the resident memory of cplan's processes (the command
  and its workers, sampled every 20 ms), and the time to the first result printed
  (``--format json``, one entry per file).

``--large`` measures a big repository once (try ``--plans 100000 --large --keep
/tmp/plans-100k``: generating takes a few minutes, the cold run tens of minutes): cold and
warm wall time, peak memory (target < 500 MB) and time to the first result (target < 1 s).
``--keep DIR`` keeps the generated plans in DIR and reuses them on the next run.
``--scaling N`` also times ``-j 1`` against ``-j 2`` (no cache) once on the first N plans:
on a few plans the fixed cost of starting the workers (about half a second) weighs on the
speed-up, which is what it is at scale (try ``--plans 10000 --large --scaling 10000``).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import plan_yaml

BIN = Path(sys.executable).parent
CPLAN = str(BIN / "cplan")
PYTHON = sys.executable
ENV_DIR = Path(tempfile.gettempdir())

#: Two processes, each given every other file: the naive validator and libyaml alone.
NAIVE = """
import sys, time, yaml
from cplan.model import Plan
files = sys.argv[2:]
model = sys.argv[1] == "model"
started = time.perf_counter()
for name in files:
    with open(name, "rb") as handle:
        data = yaml.load(handle.read(), Loader=yaml.CSafeLoader)
    if model:
        Plan.model_validate(data, context={"default_year": 2025})
print(time.perf_counter() - started)
"""


def generate(folder: Path, count: int) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    paths = [folder / f"plan-{i:06d}.yaml" for i in range(count)]
    for i, path in enumerate(paths):
        if not path.exists():
            path.write_text(plan_yaml(50, 30, seed=i), encoding="utf-8")
    return paths


def _tree_rss(root: int) -> int:
    """Resident memory (bytes) of process ``root`` and all its descendants."""
    parents: dict[int, int] = {}
    rss: dict[int, int] = {}
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            stat = Path(entry.path, "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parents[int(entry.name)] = int(fields[1])
            rss[int(entry.name)] = int(fields[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(child for child, parent in parents.items() if parent == pid)
    return total


class Run:
    """One command, timed: wall time, time to its first result, peak memory of its tree."""

    def __init__(
        self,
        command: list[str],
        env: dict[str, str],
        *,
        marker: bytes = b"",
        cwd: Path | None = None,
    ) -> None:
        self.peak = 0
        self.first: float | None = None
        self.output = b""
        started = time.perf_counter()
        # run where no cplan configuration applies (a pyproject.toml with include/exclude
        # patterns makes cplan resolve every path before the first result)
        process = subprocess.Popen(command, stdout=subprocess.PIPE, env=env, cwd=cwd or ENV_DIR)
        done = threading.Event()
        sampler = threading.Thread(target=self._sample, args=(process.pid, done))
        sampler.start()
        assert process.stdout is not None
        chunks: list[bytes] = []
        while chunk := os.read(process.stdout.fileno(), 65536):
            if self.first is None and marker and marker in b"".join(chunks[-1:]) + chunk:
                self.first = time.perf_counter() - started
            chunks.append(chunk)
        process.wait()
        self.seconds = time.perf_counter() - started
        done.set()
        sampler.join()
        self.output = b"".join(chunks)

    def _sample(self, pid: int, done: threading.Event) -> None:
        if not Path("/proc").is_dir():
            return
        while not done.wait(0.02):
            self.peak = max(self.peak, _tree_rss(pid))


def naive(files: list[Path], *, model: bool, processes: int = 2) -> tuple[float, float]:
    """Wall time of the naive loop, and the time per file inside its processes."""
    started = time.perf_counter()
    running = [
        subprocess.Popen(
            [PYTHON, "-c", NAIVE, "model" if model else "load", *map(str, files[i::processes])],
            stdout=subprocess.PIPE,
        )
        for i in range(processes)
    ]
    inner = [float(p.communicate()[0]) for p in running]
    wall = time.perf_counter() - started
    return wall, sum(inner) / len(files)


def _median(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), max(values) / min(values) if min(values) > 0 else 0.0


def rounds(folder: Path, files: list[Path], repeat: int, temp: Path) -> None:
    base = {**os.environ, "CI": "1"}
    measured: dict[str, list[float]] = {}
    peaks: list[int] = []
    firsts: list[float] = []

    def note(name: str, seconds: float) -> None:
        measured.setdefault(name, []).append(seconds)

    def env_for(r: int, name: str) -> dict[str, str]:
        return {**base, "CPLAN_CACHE_DIR": str(temp / f"cache-{r}-{name}")}

    def step_naive(r: int) -> None:
        note("naive", naive(files, model=True)[0])

    def step_libyaml(r: int) -> None:
        note("libyaml", naive(files, model=False)[0])
        note("libyaml per file", naive(files, model=False, processes=1)[1])  # as -j 1

    def step_cold_warm(r: int) -> None:
        env = env_for(r, "validate")
        command = [CPLAN, "validate", "-j", "2", "-f", "json", str(folder)]
        cold = Run(command, env, marker=b'"path"')
        note("cold", cold.seconds)
        peaks.append(cold.peak)
        if cold.first is not None:
            firsts.append(cold.first)
        note("warm", Run(command, env).seconds)

    def step_serial(r: int) -> None:
        env = env_for(r, "serial")
        note("j1", Run([CPLAN, "validate", "--no-cache", "-j", "1", str(folder)], env).seconds)
        one = [CPLAN, "validate", "--no-cache", "-j", "1", str(files[0])]
        note("j1 one file", Run(one, env).seconds)

    def step_parallel(r: int) -> None:
        env = env_for(r, "parallel")
        note("j2", Run([CPLAN, "validate", "--no-cache", "-j", "2", str(folder)], env).seconds)

    steps: list[Callable[[int], None]] = [
        step_naive,
        step_libyaml,
        step_cold_warm,
        step_serial,
        step_parallel,
    ]
    for r in range(repeat):
        for step in steps[r % len(steps) :] + steps[: r % len(steps)]:  # rotate the order
            step(r)
    help_runs = [Run([CPLAN, "--help"], base).seconds for _ in range(5)]
    typer_runs = [Run([PYTHON, "-c", "import typer"], base).seconds for _ in range(5)]
    measured["help"], measured["typer"] = help_runs, typer_runs
    report(measured, len(files), peaks, firsts)


def report(measured: dict[str, list[float]], n: int, peaks: list[int], firsts: list[float]) -> None:
    m = {name: _median(values) for name, values in measured.items()}
    per_file_j1 = (m["j1"][0] - m["j1 one file"][0]) / (n - 1)
    per_file_load = m["libyaml per file"][0]
    print(f"{'measurement':<52} {'median':>9} {'spread':>7}")
    for label, name in [
        ("libyaml CSafeLoader alone, 2 processes", "libyaml"),
        ("naive: libyaml + Plan.model_validate, 2 processes", "naive"),
        ("cplan validate, cold (cache written), -j 2", "cold"),
        ("cplan validate, warm", "warm"),
        ("cplan validate --no-cache -j 1", "j1"),
        ("cplan validate --no-cache -j 2", "j2"),
        ("cplan validate --no-cache -j 1, one file", "j1 one file"),
        ("cplan --help", "help"),
        ("python -c 'import typer'", "typer"),
    ]:
        seconds, spread = m[name]
        print(f"{label:<52} {seconds:>8.2f}s {spread:>6.2f}x")
    print(f"{'CSafeLoader load per file (one process)':<52} {per_file_load * 1000:>7.2f}ms")
    print(f"{'cplan -j 1 per file (less the one-file run)':<52} {per_file_j1 * 1000:>7.2f}ms")
    print()
    ratios = [
        ("cold validate / naive validator", m["cold"][0] / m["naive"][0], "≤ 1.0"),
        ("-j 1 per file / CSafeLoader load per file", per_file_j1 / per_file_load, "≤ 1.5"),
        ("-j 2 speed-up over -j 1", m["j1"][0] / m["j2"][0], "≥ 1.8"),
        ("warm / cold", m["warm"][0] / m["cold"][0], "≤ 0.1"),
        ("cplan --help / import typer", m["help"][0] / m["typer"][0], "≤ 2"),
    ]
    for label, ratio, target in ratios:
        print(f"{label:<52} {ratio:>8.2f}x  target {target}")
    if firsts:
        print(
            f"{'first result printed after (cold, median)':<52} {statistics.median(firsts):>8.2f}s"
        )
    if peaks:
        print(f"{'peak memory of cplan and its workers (cold)':<52} {max(peaks) / 2**20:>7.0f}MB")


def large(folder: Path, temp: Path) -> None:
    env = {**os.environ, "CI": "1", "CPLAN_CACHE_DIR": str(temp / "cache")}
    command = [CPLAN, "validate", "-j", "2", "-f", "json", str(folder)]
    for label in ("cold (cache written)", "warm"):
        run = Run(command, env, marker=b'"path"')
        first = f"{run.first:.2f}s" if run.first is not None else "-"
        print(
            f"{label:<22} {run.seconds:>9.1f}s  first result after {first}"
            f"  peak memory {run.peak / 2**20:.0f}MB (target < 500 MB)"
        )


def scaling(files: list[Path], temp: Path) -> None:
    """``-j 1`` against ``-j 2`` (no cache) on ``files``, copied into a folder of their own."""
    folder = temp / "scaling"
    folder.mkdir()
    for path in files:
        shutil.copyfile(path, folder / path.name)
    env = {**os.environ, "CI": "1", "CPLAN_CACHE_DIR": str(temp / "scaling-cache")}
    seconds = {
        jobs: Run([CPLAN, "validate", "--no-cache", "-j", jobs, str(folder)], env).seconds
        for jobs in ("1", "2")
    }
    print(
        f"{len(files)} plans: -j 1 {seconds['1']:.1f}s, -j 2 {seconds['2']:.1f}s,"
        f" speed-up {seconds['1'] / seconds['2']:.2f}x  target ≥ 1.8"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--plans", "--files", type=int, default=1000, dest="plans")
    parser.add_argument("--repeat", type=int, default=3, help="rounds of interleaved runs")
    parser.add_argument("--large", action="store_true", help="cold and warm runs only, once")
    parser.add_argument("--keep", type=Path, help="folder to keep (and reuse) the plans in")
    parser.add_argument(
        "--scaling", type=int, default=0, help="also time -j 1 against -j 2 on this many plans"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as name:
        temp = Path(name)
        folder = args.keep or temp / "plans"
        started = time.perf_counter()
        files = generate(folder, args.plans)
        made = time.perf_counter() - started
        size = sum(p.stat().st_size for p in files[:100]) / min(len(files), 100) / 1024
        print(f"{len(files)} plans of {size:.1f} KB on {os.cpu_count()} cores", end="")
        print(f" (ready in {made:.0f} s); load average {os.getloadavg()[0]:.2f}")
        if args.large:
            large(folder, temp)
        else:
            rounds(folder, files, args.repeat, temp)
        if args.scaling:
            scaling(files[: args.scaling], temp)
        print(f"load average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    main()
