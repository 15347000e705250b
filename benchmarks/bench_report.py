"""Benchmark: rendering the plan (方案), the progress report (进展) and the 台账.

Run: ``.venv/bin/python benchmarks/bench_report.py``. For the largest example plan and a
generated plan with 500 targets and 300 budget lines it prints the median time to render
each document (context included), and the ratio to a baseline measured in the same run
on the same data: for Word, bare docxtpl — a one-table template, the same rows, no
styles, no sentences, no charts; for Excel, a bare openpyxl workbook holding the same
cells. The target: each Word document of the 500-target plan in at most 2 s.
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
LIMIT = 2.0  # seconds per document of the 500-target plan


def median_seconds(action: Callable[[], object]) -> float:
    action()  # warm: imports, font lookup
    times = []
    for _ in range(REPEAT):
        started = time.perf_counter()
        action()
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def rows_of(result: FileResult) -> list[list[str]]:
    assert result.figures is not None
    data = report_data(result.figures, result.path, AS_OF, result.diagnostics)
    status, funding = data["status"], data["funding"]
    rows = [
        [t["name"], str(t["baseline"]), str(t["target"]), str(t["progress"]), t["status"]]
        for t in status["targets"]
    ]
    rows += [[line["name"], line["amount"], *line["shares"].values()] for line in funding["lines"]]
    return rows


def bare_template(folder: Path) -> Path:
    """A docxtpl template with one table: a header, then one row per data row."""
    from docx import Document

    document = Document()
    table = document.add_table(rows=3, cols=1)
    table.rows[0].cells[0].text = "{%tr for r in rows %}"
    table.rows[1].cells[0].text = "{{ r|join(' | ') }}"
    table.rows[2].cells[0].text = "{%tr endfor %}"
    path = folder / "bare.docx"
    document.save(str(path))
    return path


def bare_docx(template: Path, rows: list[list[str]]) -> bytes:
    from docxtpl import DocxTemplate

    document = DocxTemplate(template)
    document.render({"rows": rows}, autoescape=True)
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


def main() -> int:
    slow = []
    with tempfile.TemporaryDirectory() as folder:
        generated = Path(folder) / "generated-500-300.yaml"
        generated.write_text(plan_yaml(500, 300), encoding="utf-8")
        template = bare_template(Path(folder))
        print(f"{'plan':<28} {'document':<9} {'cplan (s)':>10} {'bare (s)':>10} {'ratio':>7}")
        for plan in (largest_example(), generated):
            result = check_file(plan)
            assert result.plan is not None, [d.format() for d in result.diagnostics]
            rows = rows_of(result)
            for document, fmt in (("plan", "docx"), ("progress", "docx"), ("ledger", "xlsx")):
                ours = median_seconds(
                    partial(render_report, result, plan, fmt, AS_OF, document=document)  # type: ignore[arg-type]
                )
                bare = (
                    partial(bare_docx, template, rows)
                    if fmt == "docx"
                    else partial(bare_xlsx, rows)
                )
                baseline = median_seconds(bare)
                print(
                    f"{plan.name:<28} {document:<9} {ours:>10.3f} {baseline:>10.3f}"
                    f" {ours / baseline:>6.1f}x"
                )
                if plan == generated and fmt == "docx" and ours > LIMIT:
                    slow.append(document)
    if slow:
        print(f"over {LIMIT} s: {', '.join(slow)}")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
