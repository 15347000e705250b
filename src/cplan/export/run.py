"""An export of many plans, each checked once: its findings and its rows, into a new folder.

1. Each plan is checked once, in worker processes (:func:`cplan.parallel.in_order`),
   and turned into rows there (:mod:`cplan.export.rows`). What comes back, plan by plan
   in the order given, is its :class:`~cplan.check.FileResult` as ``cplan validate`` has
   it (findings and the facts for the checks across files) and its rows, which go
   straight to the table files, a batch at a time.
2. This process writes each result into the validate cache (:class:`cplan.batch.Cache`,
   under the key ``cplan validate`` looks up), so ``cplan validate`` afterwards is warm.
   The cache never answers for an export: the rows need the plan checked anyway.
3. After the last plan, the checks across files (CP8xx, :mod:`cplan.crossfile`) run over
   the facts kept, as in :func:`cplan.batch.check_repository`; so the ``findings`` table
   is what ``cplan validate`` reports, finding for finding. Each plan's row of ``plans``
   (one small row a plan, kept until then) is written last, with its errors and
   warnings counted across files too.

Everything is written into a new folder beside the output and renamed into place at the
end (:func:`cplan.fsio.publish_folder`): a failure leaves the old export, or nothing,
never a part of one. An existing output folder is replaced only when it is empty or an
export cplan wrote (it holds :data:`~cplan.export.MARKER`).
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from cplan import __version__
from cplan.batch import Cache
from cplan.check import FileResult, PlanFacts, display_path
from cplan.config import Settings
from cplan.crossfile import cross_check
from cplan.errors import OutputFailed
from cplan.export import MARKER
from cplan.export.rows import FINDINGS_ONLY, WITHOUT_MONEY, Job, PlanRows, Row, rows_of_file
from cplan.export.writers import TableWriter
from cplan.fsio import note_input, publish_folder, replaceable_folder
from cplan.parallel import in_order


@dataclass(frozen=True)
class ExportOptions:
    fmt: str = "parquet"
    lang: str = "zh"
    jobs: int | None = None
    cache: Cache | None = None


@dataclass
class ExportReport:
    """What was exported, for the command's closing lines and exit code."""

    plans: int = 0
    with_findings: int = 0
    without_money: int = 0
    findings_only: int = 0
    unfit: int = 0

    @property
    def complete(self) -> bool:
        """Whether every plan was exported whole."""
        return not (self.without_money or self.findings_only or self.unfit)


@dataclass
class _Kept:
    """What is kept of a plan until the checks across files have run."""

    plan_id: str | None
    plan: Row  # its row of ``plans`` without errors and warnings
    errors: int
    warnings: int


def export_plans(
    files: Sequence[Path],
    output: Path,
    settings: Settings,
    options: ExportOptions,
    *,
    progress: Callable[[], None] | None = None,
) -> ExportReport:
    """Export the plan files ``files`` into the folder ``output``.

    Raises :class:`~cplan.errors.OutputFailed` when ``output`` exists and is not an
    export (a folder with other files in it, a file or a link).
    """
    output = output.absolute()
    if not replaceable_folder(output, MARKER):
        raise OutputFailed("export.output_not_export", path=str(output))
    output.parent.mkdir(parents=True, exist_ok=True)
    temp = Path(tempfile.mkdtemp(prefix=f".{output.name}-new-", dir=output.parent))
    try:
        with TableWriter(temp, options.fmt) as tables:
            report = _export(files, settings, options, tables, progress)
        (temp / MARKER).write_text(f"cplan {__version__} {options.fmt}\n", encoding="utf-8")
        publish_folder(temp, output)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return report


def _export(
    files: Sequence[Path],
    settings: Settings,
    options: ExportOptions,
    tables: TableWriter,
    progress: Callable[[], None] | None,
) -> ExportReport:
    """Check and write every plan, then the findings across files, then ``plans``."""
    report = ExportReport()
    kept: list[_Kept] = []  # one small entry a plan, in order
    by_file: dict[str, _Kept] = {}
    facts: list[tuple[str, PlanFacts]] = []
    work = []
    for path in files:
        note_input(path)  # here: the workers' reads are not this process's
        work.append(Job(path, display_path(path), settings, keep_data=options.cache is not None))
    for result, rows in in_order(rows_of_file, work, options.jobs, preload="cplan.export.rows"):
        _remember(options.cache, settings, result)
        if result.facts is not None:
            facts.append((result.path, result.facts))
        tables.add("findings", _finding_rows(result, rows.plan_id, options.lang))
        for name, table in rows.tables.items():
            tables.add(name, table)
        kept.append(_Kept(rows.plan_id, rows.plan, result.errors, result.warnings))
        by_file.setdefault(rows.file, kept[-1])
        _tally(report, rows)
        if progress is not None:
            progress()
    for shown, found in cross_check(facts).items():
        diagnostics = settings.apply(Path(shown), None, found)
        if diagnostics:
            across = FileResult(shown, None, diagnostics, cross_file=True)
            plan = by_file[shown]
            plan.errors += across.errors
            plan.warnings += across.warnings
            tables.add("findings", _finding_rows(across, plan.plan_id, options.lang))
    for plan in kept:
        tables.add("plans", [(*plan.plan, plan.errors, plan.warnings)])
        report.with_findings += bool(plan.errors or plan.warnings)
    return report


def _remember(cache: Cache | None, settings: Settings, result: FileResult) -> None:
    """Put ``result`` into the validate cache, under the key ``cplan validate`` looks up:
    the file's bytes as they were checked (a file that could not be read has none and
    is checked again by validate)."""
    if cache is not None and result.data is not None:
        cache.put(cache.key(settings, result.path, result.data), result)


def _tally(report: ExportReport, rows: PlanRows) -> None:
    report.plans += 1
    report.findings_only += rows.exported == FINDINGS_ONLY
    report.without_money += rows.exported == WITHOUT_MONEY
    report.unfit += bool(rows.unfit)


def _finding_rows(result: FileResult, plan_id: str | None, lang: str) -> list[Row]:
    return [
        (
            result.path,
            plan_id,
            d.span.line,
            d.span.col,
            d.span.end_line,
            d.span.end_col,
            d.severity.value,
            d.code,
            d.message(lang),
            result.cross_file,
        )
        for d in result.diagnostics
    ]
