"""Benchmark: ``cplan import`` — extraction recall on the seed plans, and speed.

Run: ``.venv/bin/python benchmarks/bench_import.py``. It prints

* recall by kind (targets with their target value, phases with both dates, roster names,
  budget items with the exact amount) on the seed plans in ``../shared/seeds`` (each plan
  of the collection in seed 001 on its own), measured against the hand-made lists in
  ``tests/importer/expected/seed-*.yaml``; then the same on the samples written for the
  tests (``sample-*.yaml``), which the seeds did not shape; and what was missed;
* the time to import a long plan (over twice ten 公文 pages), as text and as .docx: the
  median in-process, and a cold ``cplan import`` process (wall clock and CPU).

Target (issue #16): recall ≥ 90 % for each kind on the seeds; a ten-page plan under a
second. Exits 1 if a recall target is missed.
"""

from __future__ import annotations

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

from tests.importer.docs import docx_from_text
from tests.importer.long_plan import long_plan
from tests.importer.recall import KINDS, SEEDS, cases, measure

from cplan.importer import import_file

LABELS = {
    "targets": "指标（目标值）targets with target value",
    "phases": "阶段（起止日期）phases with both dates",
    "roster": "名单姓名 roster names",
    "budget": "经费（金额）budget items with exact amount",
}


def recall(prefix: str, title: str) -> bool:
    selected = [c for c in cases(prefix) if c.available]
    if not selected:
        print(f"{title}: no cases here (is {SEEDS} present?)")
        return True
    score = measure(selected)
    print(f"{title} ({len(selected)} plans)")
    ok = True
    for kind in KINDS:
        share = score.recall(kind)
        ok = ok and share >= 0.9
        print(f"  {LABELS[kind]:<44} {score.found[kind]:>3}/{score.expected[kind]:<3} {share:6.1%}")
    for miss in score.missed:
        print(f"  missed: {miss}")
    return ok


def timing() -> None:
    text = long_plan()
    with tempfile.TemporaryDirectory() as folder:
        base = Path(folder)
        (base / "long.txt").write_text(text, encoding="utf-8")
        (base / "long.docx").write_bytes(docx_from_text(text))
        import_file(base / "long.txt")  # the checking modules are imported once
        print(f"long plan: {len(text):,} characters (ten 公文 pages hold about 6,200)")
        for name in ("long.txt", "long.docx"):
            times = []
            for _ in range(7):
                started = time.perf_counter()
                import_file(base / name, year=2026)
                times.append(time.perf_counter() - started)
            print(
                f"  in-process import of {name:<10} median {statistics.median(times) * 1000:6.0f} ms"
            )
        script = Path(sys.executable).with_name("cplan")
        for name in ("long.txt", "long.docx"):
            walls, cpus = [], []
            for k in range(3):
                before = resource.getrusage(resource.RUSAGE_CHILDREN)
                started = time.perf_counter()
                subprocess.run(
                    [str(script), "import", name, "-o", f"out{k}{name}.yaml"],
                    cwd=base,
                    capture_output=True,
                    check=True,
                    env={**os.environ, "CPLAN_LANG": "zh"},
                )
                walls.append(time.perf_counter() - started)
                after = resource.getrusage(resource.RUSAGE_CHILDREN)
                cpus.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
            print(
                f"  cold `cplan import {name}` {'':<4} median {statistics.median(walls):5.2f} s wall,"
                f" {statistics.median(cpus):5.2f} s CPU (load average {os.getloadavg()[0]:.1f})"
            )


def main() -> int:
    ok = recall("seed", "seed plans")
    recall("sample", "samples written for the tests")
    timing()
    return 0 if ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
