"""Maintenance of the analyst views' materialized parts."""

from __future__ import annotations

from sqlalchemy import Engine, text


def refresh_materialized_views(engine: Engine) -> None:
    """Refresh the materialized views without blocking readers (CONCURRENTLY needs autocommit)."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily_event_counts"))
