"""Writing the tables with pyarrow: Parquet or CSV, one file a table, streamed.

Rows are kept per table only until :data:`BATCH_ROWS` of them are waiting; then they go
to the file as one record batch (a Parquet row group), so memory stays bounded whatever
the number of plans. This is the only module that imports the engine (the ``export``
extra); :func:`cplan.export.engine_missing` says whether it is installed.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import TracebackType
from typing import Any, Self

import pyarrow as pa
import pyarrow.csv as pa_csv
import pyarrow.parquet as pq

from cplan.export.tables import (
    MEASURE_DIGITS,
    MEASURE_SCALE,
    MONEY_DIGITS,
    MONEY_SCALE,
    TABLES,
    Column,
)

#: Rows of one table written together (one Parquet row group).
BATCH_ROWS = 50_000

_TYPES: dict[str, Callable[[], Any]] = {
    "text": pa.string,
    "int": pa.int64,
    "bool": pa.bool_,
    "date": pa.date32,
    "money": lambda: pa.decimal128(MONEY_DIGITS, MONEY_SCALE),
    "measure": lambda: pa.decimal128(MEASURE_DIGITS, MEASURE_SCALE),
}


def arrow_schema(columns: tuple[Column, ...]) -> Any:
    return pa.schema([pa.field(c.name, _TYPES[c.kind]()) for c in columns])


#: Each format's writer of one table file: a name of :data:`cplan.export.FORMATS` → how
#: to open it (plain UTF-8 CSV with a header row; Parquet with its default compression).
OPENERS: dict[str, Callable[[Path, Any], Any]] = {
    "parquet": pq.ParquetWriter,
    "csv": pa_csv.CSVWriter,
}


class _Table:
    """One output file, its rows waiting to be written."""

    def __init__(self, folder: Path, name: str, fmt: str) -> None:
        self.schema = arrow_schema(TABLES[name])
        self.writer = OPENERS[fmt](folder / f"{name}.{fmt}", self.schema)
        self.waiting: list[tuple[object, ...]] = []

    def add(self, rows: list[tuple[object, ...]]) -> None:
        self.waiting.extend(rows)
        if len(self.waiting) >= BATCH_ROWS:
            self.flush()

    def flush(self) -> None:
        if not self.waiting:
            return
        columns = list(zip(*self.waiting, strict=True))
        arrays = [
            pa.array(values, type=field.type)
            for values, field in zip(columns, self.schema, strict=True)
        ]
        self.writer.write_batch(pa.record_batch(arrays, schema=self.schema))
        self.waiting = []

    def close(self) -> None:
        self.flush()
        self.writer.close()


class TableWriter:
    """Every table of an export in ``folder``, as ``<table>.<fmt>`` (parquet or csv)."""

    def __init__(self, folder: Path, fmt: str) -> None:
        self.tables = {name: _Table(folder, name, fmt) for name in TABLES}

    def add(self, table: str, rows: list[tuple[object, ...]]) -> None:
        self.tables[table].add(rows)

    def close(self) -> None:
        for table in self.tables.values():
            table.close()

    def __enter__(self) -> Self:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if kind is None:
            self.close()
        else:  # the folder is thrown away: close the files without finishing them
            for table in self.tables.values():
                table.writer.close()
