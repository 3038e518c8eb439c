"""Telling a bad item from a dead database.

A statement can fail because of the row (a value Postgres refuses, a constraint): that costs
the one item, which becomes a dead letter. Or because the database is gone (connection lost,
server shutting down, out of resources): then no later item can succeed either, and the run
ends with one clear line (``python -m pipeline`` exits 3), to be recovered by the next run.
"""

from __future__ import annotations

from sqlalchemy.exc import DBAPIError, InterfaceError, OperationalError

# SQLSTATE classes that describe the server, not the statement: 08 connection exception,
# 53 insufficient resources, 57 operator intervention (shutdown, crash), 58 system error.
_SERVER_CLASSES = ("08", "53", "57", "58")


def database_unavailable(exc: BaseException) -> bool:
    """True when ``exc`` says the database cannot be reached or used, not that a row was bad."""
    if isinstance(exc, DBAPIError):
        if exc.connection_invalidated:
            return True
        sqlstate = getattr(exc.orig, "sqlstate", None)
        if sqlstate:
            return sqlstate[:2] in _SERVER_CLASSES
        # No SQLSTATE: the driver failed before the server answered (refused, reset, timeout).
        return isinstance(exc, (OperationalError, InterfaceError))
    import psycopg

    if isinstance(exc, psycopg.Error):
        return exc.sqlstate is None or exc.sqlstate[:2] in _SERVER_CLASSES
    return False


def one_line(exc: BaseException, limit: int = 300) -> str:
    """The error as one short line: the driver's message, not SQLAlchemy's statement dump."""
    orig = getattr(exc, "orig", None) or exc
    message = " ".join(str(orig).split()) or type(orig).__name__
    return f"{type(orig).__name__}: {message}"[:limit]
