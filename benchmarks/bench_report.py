"""Benchmark: rendering the Word and Excel reports.

Run: ``.venv/bin/python benchmarks/bench_report.py``. For the largest example plan and a
generated plan with 500 targets and 300 budget lines it prints the median time to render
each format, and the ratio to a baseline measured in the same run on the same data: a
bare python-docx document or openpyxl workbook holding the same table cells, written
directly with no template, no context and no formatting.
"""

from __future__ import annotations

import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date
from functools import partial
from io import BytesIO
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from benchmarks.generate import plan_yaml
from cplan.check import FileResult, check_file
from cplan.render.context import report_data
from cplan.render.report import render_report

AS_OF = date(2026, 6, 30)
REPEAT = 5


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rows_of(result: FileResult) -> list[list[str]]:
    assert result.plan is not None
    data = report_data(result.figures, result.path, AS_OF, result.diagnostics)
    status, funding = data["status"], data["funding"]
    rows = [
        [t["name"], str(t["baseline"]), str(t["target"]), str(t["progress"]), t["status"]]
        for t in status["targets"]
    ]
    rows += [[line["name"], line["amount"], *line["shares"].values()] for line in funding["lines"]]
    return rows


def bare_docx(rows: list[list[str]]) -> bytes:
    from docx import Document

    document = Document()
    table = document.add_table(rows=0, cols=max(len(r) for r in rows))
    for row in rows:
        cells = table.add_row().cells
        for cell, value in zip(cells, row, strict=False):
            cell.text = value
    buffer = BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def bare_xlsx(rows: list[list[str]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    for row in rows:
        book.active.append(row)
    buffer = BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def largest_example() -> Path:
    return max((ROOT / "examples").glob("*.yaml"), key=lambda p: p.stat().st_size)


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / "generated-500-300.yaml"
        generated.write_text(plan_yaml(500, 300), encoding="utf-8")
        plans = [largest_example(), generated]
        print(f"{'plan':<32} {'format':<6} {'cplan (s)':>10} {'bare (s)':>10} {'ratio':>7}")
        for plan in plans:
            result = check_file(plan)
            assert result.plan is not None, [d.format() for d in result.diagnostics]
            rows = rows_of(result)
            for fmt, bare in (("docx", bare_docx), ("xlsx", bare_xlsx)):
                ours = median_seconds(partial(render_report, result, plan, fmt, AS_OF))
                baseline = median_seconds(partial(bare, rows))
                print(
                    f"{plan.name:<32} {fmt:<6} {ours:>10.3f} {baseline:>10.3f} {ours / baseline:>6.1f}x"
                )


if __name__ == "__main__":
    main()
