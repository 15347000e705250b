"""``cplan export``: tidy tables of many plans for analytics engines (Parquet or CSV).

One file a table (:data:`cplan.export.tables.TABLES`), every row keyed by the plan's file
and id so the tables join; money as exact decimals, dates as dates. The tables are
described for their readers in docs/export.md.

The writer is pyarrow, an optional dependency (``pip install 'cplan-shequ[export]'``)
imported only by :mod:`cplan.export.writers`; :func:`engine_missing` tells whether it is
there, so the command can say how to install it instead of failing on an import.
"""

from __future__ import annotations

import importlib.util

#: The formats ``--format`` accepts (each a writer in :data:`cplan.export.writers.OPENERS`).
FORMATS = ("parquet", "csv")
#: The file that marks a folder as an export cplan wrote (and so may be replaced).
MARKER = ".cplan-export"


def engine_missing() -> bool:
    """Whether pyarrow, the engine that writes the tables, is not installed."""
    return importlib.util.find_spec("pyarrow") is None
