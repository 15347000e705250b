"""Render a plan's documents to Word or Excel bytes: choose the template, build the context.

Three documents, each with a built-in template that ``--template PATH`` or a
``templates/`` folder in the plan repository overrides (see
:mod:`cplan.render.templates`):

=============  ============================================  ========
``plan``       the plan as a 工作方案, ready to issue         .docx
``progress``   a 进展情况报告 as of the date (the default)    .docx
``ledger``     the 台账 workbook                              .xlsx
=============  ============================================  ========

``--format docx`` means the progress report, ``--format xlsx`` the 台账.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from datetime import date
from pathlib import Path
from typing import Any

from cplan.check import CheckedPlan
from cplan.compute.targets import Thresholds
from cplan.render.context import report_data
from cplan.render.documents import DocumentOptions
from cplan.render.templates import find_template

#: Document → (template names looked up in order, output suffix).
DOCUMENTS: dict[str, tuple[tuple[str, ...], str]] = {
    "plan": (("plan.docx",), ".docx"),
    "progress": (("progress.docx", "report.docx"), ".docx"),
    "ledger": (("report.xlsx.yaml",), ".xlsx"),
}
#: Names a user may give a built-in document by (``--template 方案``).
DOCUMENT_NAMES = {
    "plan": "plan",
    "方案": "plan",
    "progress": "progress",
    "进展": "progress",
    "进展报告": "progress",
    "ledger": "ledger",
    "台账": "ledger",
}
#: ``--format`` name → (the document it means by default, output suffix).
REPORT_FORMATS = {"docx": ("progress", ".docx"), "xlsx": ("ledger", ".xlsx")}


def format_of(document: str) -> str:
    """``docx`` or ``xlsx``: the format a document is written in."""
    return DOCUMENTS[document][1].lstrip(".")


def _renderer(fmt: str) -> Callable[[Path, Mapping[str, Any], str], bytes]:
    """The renderer for ``fmt``, imported only now: office libraries load slowly."""
    if fmt == "docx":
        from cplan.render.docx import render_docx

        return render_docx
    from cplan.render.xlsx import render_xlsx

    return lambda template, context, _document: render_xlsx(template, context)


def render_report(
    checked: CheckedPlan,
    plan_path: Path,
    fmt: str,
    as_of: date,
    *,
    template: Path | None = None,
    document: str | None = None,
    lang: str = "zh",
    thresholds: Thresholds | None = None,
    options: DocumentOptions | None = None,
) -> bytes:
    """A document of a checked plan as the bytes of a .docx or .xlsx file.

    ``document`` is ``plan``, ``progress`` or ``ledger`` (default: the one ``fmt``
    means). Raises :class:`~cplan.render.templates.ReportError` for a missing or broken
    template.
    """
    document = document or REPORT_FORMATS[fmt][0]
    names, _ = DOCUMENTS[document]
    chosen = find_template(names, plan_path, template)
    context = report_data(
        checked.figures, checked.path, as_of, checked.diagnostics, lang, thresholds, options
    )
    return _renderer(format_of(document))(chosen, context, document)
