"""Benchmark: `cplan validate` on a repository of plans, against baselines in the same run.

Run: ``.venv/bin/python benchmarks/bench_validate.py [--files N]`` (default 1,000; try
10,000 for the memory target). It generates N realistic plans of about 20 KB (Chinese
text, every section) and prints:

* ``cplan validate`` wall time, cold cache, with all cores and with ``-j 1``;
* a bare baseline on the same files, in one process: libyaml parse + pydantic validate,
  with no positions and no rules;
* the warm-cache re-run against the cold run;
* ``cplan --help`` against ``python -c "import typer"``;
* the peak memory (RSS) of cplan's processes.

Targets (issue #5): full validation ≤ 1.5× the bare baseline; warm re-run ≤ 0.1× the
first run; ``--help`` ≤ 2× the typer import; peak memory under 300 MB at 10,000 files.
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import plan_yaml

BIN = Path(sys.executable).parent
CPLAN = str(BIN / "cplan")


def generate(folder: Path, count: int) -> None:
    for i in range(count):
        (folder / f"plan-{i:05d}.yaml").write_text(plan_yaml(50, 30, seed=i), encoding="utf-8")


def timed(command: list[str], env: dict[str, str] | None = None) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=False, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def bare_baseline(folder: Path) -> float:
    """libyaml parse + pydantic validation per file, no positions, no rules."""
    code = (
        "import sys, yaml, pathlib\n"
        "from cplan.model import Plan\n"
        "for p in sorted(pathlib.Path(sys.argv[1]).glob('*.yaml')):\n"
        "    data = yaml.load(p.read_bytes(), Loader=yaml.CSafeLoader)\n"
        "    Plan.model_validate(data, context={'default_year': 2025})\n"
    )
    return timed([sys.executable, "-c", code, str(folder)])


def median(action: list[str], repeat: int = 7) -> float:
    return statistics.median(timed(action) for _ in range(repeat))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    files = parser.parse_args().files
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "plans"
        folder.mkdir()
        generate(folder, files)
        size = sum(p.stat().st_size for p in folder.iterdir()) / files / 1024
        env = {**os.environ, "CPLAN_CACHE_DIR": str(Path(temp) / "cache"), "CI": "1"}
        baseline = bare_baseline(folder)
        serial = timed([CPLAN, "validate", "--no-cache", "-j", "1", str(folder)], env)
        cold = timed([CPLAN, "validate", str(folder)], env)
        warm = timed([CPLAN, "validate", str(folder)], env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    help_time = median([CPLAN, "--help"])
    typer_time = median([sys.executable, "-c", "import typer"])
    cores = os.cpu_count()
    print(f"{files} plans of {size:.1f} KB on {cores} cores")
    rows = [
        ("bare baseline (libyaml + pydantic, 1 process)", baseline, 1.0, ""),
        (f"cplan validate, cold cache, -j {cores}", cold, cold / baseline, "target ≤ 1.5x"),
        ("cplan validate, no cache, -j 1", serial, serial / baseline, ""),
        ("cplan validate, warm cache", warm, warm / cold, "of the cold run; target ≤ 0.1x"),
        ("cplan --help", help_time, help_time / typer_time, "of `import typer`; target ≤ 2x"),
        ("python -c 'import typer'", typer_time, 1.0, ""),
    ]
    for name, seconds, ratio, note in rows:
        print(f"{name:<48} {seconds:>8.2f} s {ratio:>6.2f}x  {note}")
    print(f"{'peak memory of any cplan process':<48} {peak_mb:>8.0f} MB          target < 300 MB")


if __name__ == "__main__":
    main()
