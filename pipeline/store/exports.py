"""Rows of an analyst view for export, streamed through a server-side cursor (memory stays flat
however many rows), with the Postgres type of each column so a writer can type its output."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

# The views that can be exported, and the date column --since/--until filter on (the date rule).
EXPORTABLE = {
    "v_events": "day",
    "v_event_mentions": "day",
    "v_statements": "statement_date",
    "v_actor_activity": "day",
    "v_daily_event_counts": "day",
    "v_daily_party_counts": "day",
    "v_actors": None,
}
# Internal columns that mean nothing outside Postgres (the full-text vector).
_SKIPPED_TYPES = {"tsvector"}
_ORDER = {"v_events": "event_id", "v_event_mentions": "mention_id", "v_statements": "event_id",
          "v_actor_activity": "event_id, actor_id", "v_daily_event_counts": "day, event_type",
          "v_daily_party_counts": "day, event_type, party_code", "v_actors": "actor_id"}


@dataclass(frozen=True)
class Column:
    name: str
    pg_type: str  # format_type(): 'bigint', 'text[]', 'jsonb', 'timestamp with time zone', ...


def view_columns(conn: Connection, view: str) -> list[Column]:
    rows = conn.execute(text(
        """SELECT a.attname, format_type(a.atttypid, a.atttypmod)
           FROM pg_attribute a
           WHERE a.attrelid = to_regclass(:v) AND a.attnum > 0 AND NOT a.attisdropped
           ORDER BY a.attnum"""), {"v": view}).all()
    return [Column(n, t) for n, t in rows if t not in _SKIPPED_TYPES]


def _select_expr(column: Column, arrays_as_json: bool) -> str:
    """JSON comes as its text (the writers store it as text; decoding and re-encoding it in Python
    was the larger part of an export's time); arrays too when the output has no list type."""
    name = f'"{column.name}"'
    if column.pg_type in ("json", "jsonb"):
        return f"{name}::text AS {name}"
    if arrays_as_json and column.pg_type.endswith("[]"):
        return f"to_json({name})::text AS {name}"
    return name


def stream_view(conn: Connection, view: str, since: date | None, until: date | None,
                batch_rows: int = 10_000, *, arrays_as_json: bool = False
                ) -> tuple[list[Column], Iterator[list[tuple]]]:
    """The view's columns and an iterator of row batches, oldest first. JSON columns arrive as
    JSON text, and arrays too with ``arrays_as_json``."""
    if view not in EXPORTABLE:
        raise ValueError(f"{view}: exportable views are {', '.join(EXPORTABLE)}")
    columns = view_columns(conn, view)
    day = EXPORTABLE[view]
    where = ""
    if day and (since or until):
        where = (f" WHERE (cast(:since AS date) IS NULL OR {day} >= :since)"
                 f" AND (cast(:until AS date) IS NULL OR {day} <= :until)")
    elif since or until:
        raise ValueError(f"{view} has no date to filter on; drop --since/--until")
    select = ", ".join(_select_expr(c, arrays_as_json) for c in columns)
    # A cursor's plan is tuned for the first 10% of rows by default; an export reads them all.
    conn.execute(text("SET LOCAL cursor_tuple_fraction = 1.0"))
    # max_row_buffer, not yield_per: with yield_per, Core's partitions() read the whole result into
    # memory before the first batch (2 GB for 500,000 mentions); this buffer is bounded.
    result = conn.execution_options(stream_results=True, max_row_buffer=batch_rows).execute(
        text(f"SELECT {select} FROM {view}{where} ORDER BY {_ORDER[view]}"), {"since": since, "until": until})

    def batches() -> Iterator[list[tuple]]:
        for part in result.partitions(batch_rows):
            yield [tuple(r) for r in part]

    return columns, batches()
