"""The field-data round trip: a data-entry workbook out (``collect``), values back in (``update``).

:func:`~cplan.fieldwork.collect.build_workbook` turns a valid plan into an ``.xlsx`` that
the units fill in: one protected row per target, only the input cells unlocked and
validated, and a very hidden ``_cplan`` sheet that ties the workbook to the exact plan
file it came from (plan id, sha256 of the file's bytes, and the row of every target).

:func:`~cplan.fieldwork.update.prepare_update` reads the returned workbooks, checks every
entered cell, and splices the new actual values into the YAML text as one flow mapping
per line at the end of each target's ``actuals`` list, so the file's diff is exactly the
added lines. Nothing here prints or writes; the CLI does that.

Modules: :mod:`~cplan.fieldwork.collect` (the workbook), :mod:`~cplan.fieldwork.reading`
(workbooks back into entries and problems), :mod:`~cplan.fieldwork.splicing` (entries into
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
    plan_hash,
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
    "plan_hash",
    "prepare_update",
    "unit_targets",
]
