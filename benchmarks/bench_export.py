"""Benchmark: `cplan export` of a repository of generated plans, Parquet and CSV.

Run: ``.venv/bin/python benchmarks/bench_export.py [--files N]`` (default 1,000). It
generates N realistic plans (benchmarks/generate.py, about 20 KB each) and prints the
wall time of ``cplan export`` with a cold cache, again with the cache warm (the findings
come from it; the rows are always built anew), and with ``--format csv``, the rows
written, and the peak memory (RSS) of cplan's processes.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.bench_validate import CPLAN, generate, timed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=1000)
    files = parser.parse_args().files
    with tempfile.TemporaryDirectory() as temp:
        folder = Path(temp) / "plans"
        folder.mkdir()
        generate(folder, files)
        env = {**os.environ, "CPLAN_CACHE_DIR": str(Path(temp) / "cache"), "CI": "1"}
        out = str(Path(temp) / "out")
        cold = timed([CPLAN, "export", str(folder), "-o", out], env)
        warm = timed([CPLAN, "export", str(folder), "-o", out], env)
        csv = timed([CPLAN, "export", str(folder), "-o", out + "-csv", "--format", "csv"], env)
        peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
        import pyarrow.parquet as pq

        rows = {p.stem: pq.ParquetFile(p).metadata.num_rows for p in Path(out).glob("*.parquet")}
    print(f"{files} plans, {sum(rows.values()):,} rows ({rows['shares']:,} shares)")
    print(f"export parquet, cold cache: {cold:.1f} s ({cold / files * 1000:.1f} ms a plan)")
    print(f"export parquet, warm cache: {warm:.1f} s")
    print(f"export csv, warm cache:     {csv:.1f} s")
    print(f"peak memory of one process: {peak_mb:.0f} MB")


if __name__ == "__main__":
    main()
