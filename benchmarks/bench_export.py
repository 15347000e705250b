"""Benchmark: `cplan export` of a repository of generated plans, Parquet and CSV.

Run: ``.venv/bin/python benchmarks/bench_export.py [--files N] [--before SRC]`` (default
1,000 plans). It generates N realistic plans (benchmarks/generate.py, about 20 KB each)
and prints the wall time of:

* ``cplan validate`` with a new cache, for scale (what one check of every plan costs);
* ``cplan export`` with a new cache (cold) and again (warm: every plan is checked again,
  since the rows need it, but the cache is not read);
* ``cplan validate`` right after the export (warm when the export filled the cache);
* ``cplan export --format csv``;

then the rows written and the peak memory (RSS) of cplan's processes.

``--before SRC`` times another copy of cplan's sources too (``SRC`` holds its ``cplan``
package, e.g. ``git archive`` of an earlier commit), run as ``python -m cplan`` with
``PYTHONPATH=SRC``, each measurement right after the same one of this tree's, so that a
busy machine weighs on both alike. ``--after SRC`` runs a copy in place of this tree's (a
snapshot: the validate cache is keyed on the code, so sources edited during the run would
make the cache look cold).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_validate import generate

BIN = Path(sys.executable).parent
CPLAN = [str(BIN / "cplan")]


def timed(command: list[str], env: dict[str, str]) -> float:
    """Wall seconds of ``command``, which must succeed."""
    started = time.perf_counter()
    subprocess.run(command, check=True, stdout=subprocess.DEVNULL, env=env)
    return time.perf_counter() - started


STEPS = ("validate, new cache", "export, cold cache", "export, warm cache",
         "validate after export", "export csv")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    parser.add_argument("--before", type=Path, help="sources of another cplan to compare")
    parser.add_argument("--after", type=Path, help="sources to run instead of this tree's")
    args = parser.parse_args()
    files: int = args.files

    def copy_at(src: Path) -> tuple[list[str], dict[str, str]]:
        return [sys.executable, "-m", "cplan"], {"PYTHONPATH": str(src.absolute())}

    sides = {"this tree": (CPLAN, {}) if args.after is None else copy_at(args.after)}
    if args.before is not None:
        sides["before"] = copy_at(args.before)
    with tempfile.TemporaryDirectory() as temp:
        base = Path(temp)
        folder = base / "plans"
        generate(folder, files)
        times: dict[str, dict[str, float]] = {side: {} for side in sides}
        for step in STEPS:
            for side, (command, extra) in sides.items():
                label = side.replace(" ", "-")
                env = {**os.environ, **extra, "CI": "1", "CPLAN_CACHE_DIR": str(base / label)}
                out = str(base / f"out-{label}")
                if step == "validate, new cache":
                    env["CPLAN_CACHE_DIR"] = str(base / f"{label}-validate")
                    argv = ["validate", str(folder)]
                elif step == "validate after export":
                    argv = ["validate", str(folder)]
                elif step == "export csv":
                    argv = ["export", str(folder), "-o", out + "-csv", "--format", "csv"]
                else:
                    argv = ["export", str(folder), "-o", out]
                times[side][step] = timed([*command, *argv], env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import pyarrow.parquet as pq

        written = (base / "out-this-tree").glob("*.parquet")
        rows = {p.stem: pq.ParquetFile(p).metadata.num_rows for p in written}
    print(f"{files} plans, {sum(rows.values()):,} rows ({rows['shares']:,} shares)")
    print(f"{'':24}" + "".join(f"{side:>14}" for side in sides))
    for step in STEPS:
        print(f"{step:24}" + "".join(f"{times[side][step]:13.1f}s" for side in sides))
    cold = times["this tree"]["export, cold cache"]
    print(f"export, cold: {cold / files * 1000:.1f} ms a plan")
    print(f"peak memory of one process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
