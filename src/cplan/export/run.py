"""An export of many plans: findings first, then each plan's rows, into a new folder.

1. The findings, exactly as ``cplan validate`` reports them (across files too, CP8xx),
   come from :func:`cplan.batch.check_repository`: its cache answers for unchanged
   files and ``jobs`` processes check the others.
2. Each plan is checked again in worker processes (:func:`cplan.parallel.in_order`) and
   turned into rows there (:mod:`cplan.export.rows`); only the rows come back, plan by
   plan, and go straight to the table files, a batch at a time.

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
from cplan.batch import Cache, check_repository
from cplan.check import FileResult, display_path
from cplan.config import Settings
from cplan.errors import OutputFailed
from cplan.export import MARKER
from cplan.export.rows import FINDINGS_ONLY, WITHOUT_MONEY, Job, Row, rows_of_file
from cplan.export.writers import TableWriter
from cplan.fsio import publish_folder, replaceable_folder
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
class _Counts:
    errors: int = 0
    warnings: int = 0


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
            counts = _findings(files, settings, options, tables)
            report = _plans(files, settings, options, tables, counts, progress)
        (temp / MARKER).write_text(f"cplan {__version__} {options.fmt}\n", encoding="utf-8")
        publish_folder(temp, output)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        raise
    return report


def _findings(
    files: Sequence[Path], settings: Settings, options: ExportOptions, tables: TableWriter
) -> dict[str, _Counts]:
    """Write every finding; return the errors and warnings of each file."""
    counts: dict[str, _Counts] = {}
    ids: dict[str, str] = {}
    for result in check_repository(files, settings, jobs=options.jobs, cache=options.cache):
        if result.facts is not None:
            ids[result.path] = result.facts.id
        tally = counts.setdefault(result.path, _Counts())
        tally.errors += result.errors
        tally.warnings += result.warnings
        tables.add("findings", _finding_rows(result, ids.get(result.path), options.lang))
    return counts


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


def _plans(
    files: Sequence[Path],
    settings: Settings,
    options: ExportOptions,
    tables: TableWriter,
    counts: dict[str, _Counts],
    progress: Callable[[], None] | None,
) -> ExportReport:
    """Write each plan's rows, plan by plan, as the workers give them."""
    report = ExportReport()
    work = [Job(path, display_path(path), settings) for path in files]
    for rows in in_order(rows_of_file, work, options.jobs, preload="cplan.export.rows"):
        tally = counts.get(rows.file, _Counts())
        tables.add("plans", [(*rows.plan, tally.errors, tally.warnings)])
        for name, found in rows.tables.items():
            tables.add(name, found)
        report.plans += 1
        report.with_findings += bool(tally.errors or tally.warnings)
        report.findings_only += rows.exported == FINDINGS_ONLY
        report.without_money += rows.exported == WITHOUT_MONEY
        report.unfit += bool(rows.unfit)
        if progress is not None:
            progress()
    return report
