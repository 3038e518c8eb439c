"""One way to reach Postgres: ``PIPELINE_DATABASE_URL`` if set, else an embedded pgserver.

The embedded server keeps its data under ``<home>/pgdata`` and is started on first use and
left running, so later commands (and Airflow task processes) reuse it in milliseconds.
"""

from __future__ import annotations

import logging
import os
import uuid
from collections.abc import Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import quote

from sqlalchemy import URL, Connection, Engine, TextClause, create_engine, make_url, text
from sqlalchemy.engine import Compiled, Dialect
from sqlalchemy.pool import NullPool

from pipeline.config import Settings, get_settings

log = logging.getLogger(__name__)


def embedded_url(home: Path) -> str:
    """The URL of the embedded Postgres whose data lives under ``home/pgdata`` (started on
    first use, left running), its ``postgres`` database."""
    import warnings

    # platformdirs warns when XDG_RUNTIME_DIR is unset (CI, root shells); harmless here.
    warnings.filterwarnings("ignore", message="XDG_RUNTIME_DIR is not set")
    import pgserver  # imported lazily: only the embedded default needs it

    # pgserver logs 3-4 INFO lines each time a process finds the running server (and again
    # at exit): noise in every Airflow task log. Its warnings still show.
    logging.getLogger("pgserver").setLevel(logging.WARNING)

    data_dir = home / "pgdata"
    data_dir.parent.mkdir(parents=True, exist_ok=True)
    # cleanup_mode=None: leave the server up for the next process instead of stopping it
    # when this one exits.
    server = pgserver.get_server(data_dir, cleanup_mode=None)
    uri = make_url(server.get_uri())
    host = uri.query.get("host")
    log.debug("embedded postgres at %s", host)
    return f"postgresql+psycopg://{uri.username or 'postgres'}@/{uri.database or 'postgres'}?host={quote(str(host))}"


def with_psycopg(raw: str) -> str:
    """A Postgres URL in any usual spelling (``postgres://``, ``postgresql://`` as psql and
    ``analyst-login`` print it) with the driver this project installs, psycopg 3; SQLAlchemy
    would otherwise pick psycopg2, which is not installed. Other URLs are returned as given."""
    url = make_url(raw.replace("postgres://", "postgresql://", 1) if raw.startswith("postgres://") else raw)
    if url.drivername in ("postgresql", "postgres"):
        return url.set(drivername="postgresql+psycopg").render_as_string(hide_password=False)
    return raw


def database_url(settings: Settings | None = None) -> str:
    settings = settings or get_settings()
    if settings.database_url:
        return with_psycopg(settings.database_url)
    return embedded_url(settings.home)


def airflow_connection_url() -> str | None:
    """The ``events_db`` Airflow connection, when Airflow provides one (AIRFLOW_CONN_EVENTS_DB)."""
    raw = (os.environ.get("AIRFLOW_CONN_EVENTS_DB") or "").strip()
    if not raw:
        return None
    if raw.startswith("{"):  # Airflow's JSON form of a connection
        import json

        c = json.loads(raw)
        url = URL.create("postgresql+psycopg", username=c.get("login"), password=c.get("password"),
                         host=c.get("host"), port=c.get("port"), database=c.get("schema"),
                         query={k: str(v) for k, v in (c.get("extra") or {}).items() if k == "sslmode"})
        return url.render_as_string(hide_password=False)
    return with_psycopg(raw)


@lru_cache(maxsize=4)
def _engine_for(url: str) -> Engine:
    return create_engine(url, pool_pre_ping=True, pool_size=5, max_overflow=5)


def get_engine(settings: Settings | None = None) -> Engine:
    settings = settings or get_settings()
    url = with_psycopg(settings.database_url) if settings.database_url else None
    return _engine_for(url or airflow_connection_url() or database_url(settings))


@contextmanager
def temporary_database(prefix: str = "pipeline_tmp", settings: Settings | None = None) -> Iterator[str]:
    """A fresh, empty database on the configured server, dropped on exit; yields its URL.

    For tests and benchmarks: each gets its own database beside the real one.
    """
    server_url = make_url(database_url(settings))
    name = f"{prefix}_{uuid.uuid4().hex[:10]}"
    # A fresh connection for each statement: a pooled one may have been cut in between (a
    # test session lasts half an hour, and some tests cut connections on purpose).
    admin = create_engine(server_url, isolation_level="AUTOCOMMIT", poolclass=NullPool)
    try:
        with admin.connect() as conn:
            conn.execute(text(f'CREATE DATABASE "{name}"'))
        yield server_url.set(database=name).render_as_string(hide_password=False)
    finally:
        with admin.connect() as conn:
            conn.execute(text(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)'))
        admin.dispose()


@contextmanager
def unpooled_connection(engine: Engine) -> Iterator[Connection]:
    """A connection of its own to ``engine``'s database, opened now and closed on exit: never
    handed to anyone else by the pool, nor inherited by a process forked before it opened."""
    own = create_engine(engine.url, poolclass=NullPool)
    try:
        with own.connect() as conn:
            yield conn
    finally:
        own.dispose()


def copy_rows(conn: Connection, table: str, columns: Sequence[str], rows: Iterable[Sequence]) -> None:
    """COPY ``rows`` into ``table`` on the connection's own transaction (psycopg's text COPY)."""
    raw = conn.connection.driver_connection
    if raw is None:
        raise RuntimeError("COPY needs an open connection")
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN") as copy:
        for row in rows:
            copy.write_row(row)


def integer_array(values: Iterable[int]) -> str:
    """Integers as a Postgres array literal, for a parameter the statement casts (``cast(:ids AS
    bigint[])``): psycopg adapts a list element by element in Python, a join runs in C (a
    batch's thousands of ids, sent several times per load)."""
    return "{" + ",".join(map(str, values)) + "}"


Statement = tuple[TextClause, Mapping[str, Any] | None]


@lru_cache(maxsize=256)
def _compiled(statement: TextClause, dialect: Dialect) -> Compiled:
    """A statement compiled once: the loads send the same few dozen statements batch after
    batch, and compiling them again cost a tenth of an ingest batch's client time."""
    return statement.compile(dialect=dialect)


def execute_in_one_round_trip(conn: Connection, statements: Sequence[Statement]) -> list[tuple[Any, ...]]:
    """Run ``statements`` in order on the connection's transaction, sent together (psycopg's
    pipeline mode) so the server runs them back to back instead of waiting for the client
    between each; return the rows of the last one (empty when it returns none).

    A load is a few dozen set-based statements: on a busy machine each round trip waits for
    both processes to be scheduled, and those waits, not the statements, were most of a
    load's time. An error in any statement aborts the rest and is raised here.
    """
    raw = conn.connection.driver_connection
    if raw is None:
        raise RuntimeError("a pipeline needs an open connection")
    rows: list[tuple[Any, ...]] = []
    with raw.pipeline():
        cursors = []
        for statement, params in statements:
            compiled = _compiled(statement, conn.dialect)
            cur = raw.cursor()
            cur.execute(compiled.string, compiled.construct_params(dict(params or {})))
            cursors.append(cur)
    last = cursors[-1] if cursors else None
    if last is not None and last.description is not None:
        rows = list(last.fetchall())
    for cur in cursors:
        cur.close()
    return rows
