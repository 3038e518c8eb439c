"""The ``ingest_runs`` table: who ran what, when, with which counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, text

# Advisory-lock keys of runs held by one session: RUN_LOCK_BASE + the run's id.
RUN_LOCK_BASE = 0x5255_4E00_0000_0000


def start_run(conn: Connection, *, dag_id: str | None, run_id: str, coder_version: str,
              interval_start: datetime | None = None, interval_end: datetime | None = None,
              held_by_session: bool = False) -> int:
    # A retried Airflow task reuses its run's row instead of counting the run twice.
    return conn.execute(
        text("""INSERT INTO ingest_runs (dag_id, run_id, interval_start, interval_end, coder_version, held_by_session)
                VALUES (:dag, :run, :start, :end, :coder, :held)
                ON CONFLICT (dag_id, run_id) DO UPDATE SET status = 'running', finished_at = NULL, heartbeat_at = now()
                RETURNING id"""),
        {"dag": dag_id, "run": run_id, "start": interval_start, "end": interval_end, "coder": coder_version,
         "held": held_by_session},
    ).scalar_one()


def hold_run(conn: Connection, run_pk: int) -> None:
    """Hold the run's session lock on ``conn`` (kept open for the run's life): while it is
    held, :func:`abandon_dead_runs` knows the run's process is alive."""
    held = conn.execute(text("SELECT pg_try_advisory_lock(:key)"), {"key": RUN_LOCK_BASE + run_pk}).scalar()
    if not held:  # ids are never reused, so only a reset sequence gets here
        raise RuntimeError(f"run {run_pk} is already held by another session")


def release_run(conn: Connection, run_pk: int) -> None:
    """Drop the session lock :func:`hold_run` took."""
    conn.execute(text("SELECT pg_advisory_unlock(:key)"), {"key": RUN_LOCK_BASE + run_pk})


def heartbeat(conn: Connection, run_pk: int) -> None:
    """The run's process is alive (a feed polled, a batch loaded)."""
    conn.execute(text("UPDATE ingest_runs SET heartbeat_at = now() WHERE id = :id AND status = 'running'"),
                 {"id": run_pk})


def abandon_dead_runs(conn: Connection, stale_minutes: float) -> list[int]:
    """Close as 'abandoned' the runs still 'running' whose process is gone: a session-held run
    whose lock is free, or any run without a heartbeat for ``stale_minutes``."""
    return list(conn.execute(
        text("""UPDATE ingest_runs SET status = 'abandoned', finished_at = now(),
                       dead_letters = (SELECT count(*) FROM dead_letters d WHERE d.ingest_run_id = ingest_runs.id)
                WHERE status = 'running'
                  AND (coalesce(heartbeat_at, started_at) < now() - make_interval(secs => :secs)
                       OR (held_by_session AND pg_try_advisory_xact_lock(:base + id)))
                RETURNING id"""),
        {"secs": stale_minutes * 60, "base": RUN_LOCK_BASE}).scalars())


def finish_run(conn: Connection, run_pk: int, *, status: str, counts: Mapping[str, int]) -> None:
    """Close the run with its counts: feeds_polled, feeds_failed, articles_new, mentions, events."""
    conn.execute(
        text("""UPDATE ingest_runs SET status = :status, feeds_polled = :feeds, feeds_failed = :failed,
                       articles_new = :articles,
                       mentions = :mentions, events = :events, finished_at = now(), heartbeat_at = now(),
                       dead_letters = (SELECT count(*) FROM dead_letters WHERE ingest_run_id = :id)
                WHERE id = :id"""),
        {"status": status, "feeds": counts["feeds_polled"], "failed": counts["feeds_failed"],
         "articles": counts["articles_new"], "mentions": counts["mentions"], "events": counts["events"], "id": run_pk},
    )


def articles_of_run(conn: Connection, run_pk: int) -> int:
    """Articles the run stored (whichever of its tasks stored them)."""
    return conn.execute(text("SELECT count(*) FROM articles WHERE ingest_run_id = :id"), {"id": run_pk}).scalar_one()


def dead_letters_of_run(conn: Connection, run_pk: int) -> int:
    """The dead-letter count recorded on the run's row (set by :func:`finish_run`)."""
    return conn.execute(text("SELECT dead_letters FROM ingest_runs WHERE id = :id"), {"id": run_pk}).scalar_one()


def mark_run_failed(conn: Connection, dag_id: str, run_id: str) -> None:
    """Close a still-running run as failed, counting the dead letters it recorded."""
    conn.execute(text("""UPDATE ingest_runs SET status = 'failed', finished_at = now(),
                                dead_letters = (SELECT count(*) FROM dead_letters d
                                                WHERE d.ingest_run_id = ingest_runs.id)
                         WHERE dag_id = :dag AND run_id = :run AND status = 'running'"""),
                 {"dag": dag_id, "run": run_id})
