"""The ``ingest_runs`` table: who ran what, when, with which counts."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import datetime

from sqlalchemy import Connection, text


def start_run(conn: Connection, *, dag_id: str | None, run_id: str, coder_version: str,
              interval_start: datetime | None = None, interval_end: datetime | None = None) -> int:
    # A retried Airflow task reuses its run's row instead of counting the run twice.
    return conn.execute(
        text("""INSERT INTO ingest_runs (dag_id, run_id, interval_start, interval_end, coder_version)
                VALUES (:dag, :run, :start, :end, :coder)
                ON CONFLICT (dag_id, run_id) DO UPDATE SET status = 'running', finished_at = NULL
                RETURNING id"""),
        {"dag": dag_id, "run": run_id, "start": interval_start, "end": interval_end, "coder": coder_version},
    ).scalar_one()


def finish_run(conn: Connection, run_pk: int, *, status: str, counts: Mapping[str, int]) -> None:
    """Close the run with its counts: feeds_polled, feeds_failed, articles_new, mentions, events."""
    conn.execute(
        text("""UPDATE ingest_runs SET status = :status, feeds_polled = :feeds, feeds_failed = :failed,
                       articles_new = :articles,
                       mentions = :mentions, events = :events, finished_at = now(),
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
