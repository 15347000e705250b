"""Render a plan's report to Word or Excel bytes: choose the template, build the context."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cplan.check import CheckedPlan
from cplan.compute.targets import Thresholds
from cplan.render.context import report_data
from cplan.render.templates import find_template

#: ``--format`` name → (built-in template name, output suffix).
REPORT_FORMATS = {"docx": ("report.docx", ".docx"), "xlsx": ("report.xlsx.yaml", ".xlsx")}


def _renderer(fmt: str) -> Callable[[Path, Mapping[str, Any]], bytes]:
    """The renderer for ``fmt``, imported only now: office libraries load slowly."""
    if fmt == "docx":
        from cplan.render.docx import render_docx

        return render_docx
    from cplan.render.xlsx import render_xlsx

    return render_xlsx


def render_report(
    checked: CheckedPlan,
    plan_path: Path,
    fmt: str,
    as_of: date,
    *,
    template: Path | None = None,
    lang: str = "zh",
    thresholds: Thresholds | None = None,
) -> bytes:
    """The report of a checked plan as the bytes of a .docx or .xlsx file.

    Raises :class:`~cplan.render.templates.ReportError` for a missing or broken template.
    """
    name, _ = REPORT_FORMATS[fmt]
    chosen = find_template(name, plan_path, template)
    context = report_data(
        checked.figures, checked.path, as_of, checked.diagnostics, lang, thresholds
    )
    return _renderer(fmt)(chosen, context)
