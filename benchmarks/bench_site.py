"""Benchmark: `cplan site` on a repository of plans, against `cplan validate` in the same run.

Run: ``.venv/bin/python benchmarks/bench_site.py [--files N] [--repeat R]`` (default 1,000
plans, 3 rounds). It generates the plans of ``benchmarks/bench_validate.py`` (about
20 KB each: 50 targets, 30 budget lines over 12 units, Chinese text, every section) and
times, round after round on the same files, alternating so that a busy machine weighs on
both alike:

* ``cplan validate``, cold cache (every plan checked; the cache folder is new each round);
* ``cplan site -o OUT``, building the whole site (a page per plan and the portfolio).

Both use every core. It prints the median of each and their ratio. Target (issue #17):
the site ≤ 1.5× validate. It also prints the number and total size of the pages.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_validate import generate

BIN = Path(sys.executable).parent
CPLAN = str(BIN / "cplan")
AS_OF = "2026-06-30"


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of ``command``."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


def folder_size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        plans = base / "plans"
        plans.mkdir()
        generate(plans, args.files)
        env = {**os.environ, "CI": "1"}
        validate: list[float] = []
        site: list[float] = []
        out = base / "public"
        for round_ in range(args.repeat):
            cache = base / f"cache-{round_}"
            env["CPLAN_CACHE_DIR"] = str(cache)
            validate.append(timed([CPLAN, "validate", str(plans)], env))
            shutil.rmtree(cache, ignore_errors=True)
            shutil.rmtree(out, ignore_errors=True)
            site.append(timed([CPLAN, "site", str(plans), "-o", str(out), "--as-of", AS_OF], env))
        pages = len(list((out / "plans").glob("*.html")))
        size = folder_size(out) / 1024 / 1024
    wall_v, wall_s = statistics.median(validate), statistics.median(site)
    ratios = [s / v for s, v in zip(site, validate, strict=True)]
    print(f"{args.files} plans, {os.cpu_count()} cores, median of {args.repeat} rounds")
    print(f"{'cplan validate (cold cache)':<34} {wall_v:>8.2f} s")
    print(f"{'cplan site':<34} {wall_s:>8.2f} s   {wall_s / wall_v:.2f}x  (target ≤ 1.5x)")
    print(f"{'ratio in each round':<34} " + ", ".join(f"{r:.2f}x" for r in ratios))
    print(f"{'site':<34} {pages} plan pages + index.html, {size:.0f} MB")


if __name__ == "__main__":
    main()
