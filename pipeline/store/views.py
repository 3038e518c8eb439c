"""Maintenance of the analyst views' precomputed parts: the daily counts."""

from __future__ import annotations

from sqlalchemy import Engine

from pipeline.store import clustering


def recount_daily_counts(engine: Engine) -> None:
    """Recount every day's counts from ``events`` in one transaction (readers keep seeing the
    previous rows until it commits)."""
    with engine.begin() as conn:
        clustering.lock(conn)
        clustering.rebuild_daily_counts(conn)
