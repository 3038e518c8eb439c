"""Bulk exports of the analyst views: CSV (arrays and JSON as JSON text) or Parquet (arrays as
list columns, typed from the view's columns), streamed batch by batch from a server-side
cursor, so memory stays flat for millions of rows."""

from __future__ import annotations

import csv
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from sqlalchemy import Engine

from pipeline.store.exports import EXPORTABLE, Column, stream_view

FORMATS = ("csv", "parquet")


@dataclass(frozen=True)
class ExportSummary:
    path: Path
    view: str
    rows: int
    bytes: int


def _csv_cell(value):
    # JSON and arrays arrive as JSON text (stream_view(arrays_as_json=True)); dates and
    # timestamps print as ISO 8601.
    if value is None:
        return ""
    if isinstance(value, date):
        return value.isoformat()
    return value


def _arrow_type(column: Column):
    import pyarrow as pa

    base = column.pg_type.removesuffix("[]")
    scalar = {
        "bigint": pa.int64(), "integer": pa.int32(), "smallint": pa.int16(), "real": pa.float32(),
        "double precision": pa.float64(), "numeric": pa.float64(), "boolean": pa.bool_(), "date": pa.date32(),
        "timestamp with time zone": pa.timestamp("us", tz="UTC"), "timestamp without time zone": pa.timestamp("us"),
    }.get(base, pa.string())
    return pa.list_(scalar) if column.pg_type.endswith("[]") else scalar


def _arrow_values(column: Column, values: list):
    if column.pg_type == "numeric":
        return [None if v is None else float(v) for v in values]
    return values


def _write_csv(out: Path, columns: list[Column], batches: Iterable[list[tuple]]) -> int:
    rows = 0
    with out.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow([c.name for c in columns])
        for batch in batches:
            writer.writerows([_csv_cell(v) for v in row] for row in batch)
            rows += len(batch)
    return rows


def _write_parquet(out: Path, columns: list[Column], batches: Iterable[list[tuple]]) -> int:
    import pyarrow as pa
    import pyarrow.parquet as pq

    schema = pa.schema([pa.field(c.name, _arrow_type(c)) for c in columns])
    rows = 0
    with pq.ParquetWriter(out, schema, compression="zstd") as writer:
        for batch in batches:
            arrays = [pa.array(_arrow_values(c, [row[i] for row in batch]), type=schema.field(i).type)
                      for i, c in enumerate(columns)]
            writer.write_table(pa.Table.from_arrays(arrays, schema=schema))
            rows += len(batch)
    return rows


def export_view(engine: Engine, view: str, out: Path, *, fmt: str = "csv", since: date | None = None,
                until: date | None = None) -> ExportSummary:
    if fmt not in FORMATS:
        raise ValueError(f"{fmt}: formats are {', '.join(FORMATS)}")
    if view not in EXPORTABLE:
        raise ValueError(f"{view}: exportable views are {', '.join(EXPORTABLE)}")
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    partial = out.with_name(out.name + ".partial")  # a failed export never leaves a truncated file behind
    with engine.connect() as conn:
        columns, batches = stream_view(conn, view, since, until, arrays_as_json=fmt == "csv")
        try:
            rows = (_write_csv if fmt == "csv" else _write_parquet)(partial, columns, batches)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    partial.replace(out)
    return ExportSummary(out.resolve(), view, rows, out.stat().st_size)
