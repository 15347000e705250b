"""The field-data round trip: a data-entry workbook out (``collect``), records back in (``update``).

:func:`~cplan.fieldwork.collect.build_workbook` turns a valid plan into an ``.xlsx`` that
a unit fills in — its targets' new values (指标), its tasks' completion (阶段) and its
budget lines' money received and spent (经费执行) — with only the input cells unlocked and
validated, printable on A4 with a sign-off block, and a very hidden ``_cplan`` sheet that
ties each row to what it showed (plan id, and per row a key and a fingerprint of the
target, task or budget line: :mod:`~cplan.fieldwork.rows`), so that sheets returned on
different days keep working while other parts of the plan change.

:func:`~cplan.fieldwork.update.prepare_update` reads the returned workbooks, checks every
entered cell, and splices the new records into the YAML text (one flow mapping per line
at the end of ``actuals``, ``received`` or ``spent``; a task's ``done``/``started`` date),
so the file's diff is exactly those lines. Nothing here prints or writes; the CLI does.

Modules: :mod:`~cplan.fieldwork.rows` (what a unit is asked for),
:mod:`~cplan.fieldwork.collect` (the workbook), :mod:`~cplan.fieldwork.reading`
(workbooks back into records and problems), :mod:`~cplan.fieldwork.splicing` (records into
the YAML text) and :mod:`~cplan.fieldwork.update` (the whole update, checked).
"""

from __future__ import annotations

from cplan.fieldwork.collect import (
    DATA_SHEET,
    GUIDE_SHEET,
    META_SHEET,
    TARGET_COLUMNS,
    build_workbook,
    default_output_name,
    unit_targets,
)
from cplan.fieldwork.update import Entry, Problem, UpdatePlan, decode_plan, prepare_update

__all__ = [
    "DATA_SHEET",
    "GUIDE_SHEET",
    "META_SHEET",
    "TARGET_COLUMNS",
    "Entry",
    "Problem",
    "UpdatePlan",
    "build_workbook",
    "decode_plan",
    "default_output_name",
    "prepare_update",
    "unit_targets",
]
