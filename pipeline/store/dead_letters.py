"""The ``dead_letters`` table: every input that could not be processed, and its replays."""

from __future__ import annotations

import json
from collections.abc import Iterable

from sqlalchemy import Connection, RowMapping, text

from pipeline.model import DeadLetter
from pipeline.store.clean import clean_json, clean_text, recorded_url
from pipeline.store.db import copy_rows


def record_dead_letters(conn: Connection, letters: Iterable[DeadLetter], run_id: int | None) -> int:
    # A letter is often about a value Postgres refuses (a NUL in a link): cleaned so the
    # letter itself can always be stored.
    rows = [
        (run_id, clean_text(d.stage), recorded_url(d.url), clean_text(d.reason), clean_text(d.detail) or "-",
         d.retryable, json.dumps(clean_json(json.loads(json.dumps(d.payload, default=str)))))
        for d in letters
    ]
    if rows:
        copy_rows(conn, "dead_letters", ("ingest_run_id", "stage", "url", "reason", "detail", "retryable", "payload"),
                  rows)
    return len(rows)


def open_retryable_letters(conn: Connection, limit: int) -> list[RowMapping]:
    """Unresolved, retryable letters (id, stage, url, payload), oldest first."""
    return list(conn.execute(text(
        """SELECT id, stage, url, payload FROM dead_letters
           WHERE retryable AND resolved_at IS NULL ORDER BY id LIMIT :n"""), {"n": limit}).mappings().all())


def record_retry(conn: Connection, letter_id: int, outcome: DeadLetter | None) -> None:
    """A replay happened: resolved when ``outcome`` is None, else the new failure's reason."""
    conn.execute(text(
        """UPDATE dead_letters SET retried_at = now(),
                  resolved_at = CASE WHEN :ok THEN now() END,
                  reason = coalesce(:reason, reason), detail = coalesce(:detail, detail),
                  retryable = coalesce(:retryable, retryable)
           WHERE id = :id"""),
        {"ok": outcome is None, "reason": outcome.reason if outcome else None,
         "detail": outcome.detail if outcome else None, "retryable": outcome.retryable if outcome else None,
         "id": letter_id})


def latest_dead_letters(conn: Connection, limit: int, include_resolved: bool = False) -> list[RowMapping]:
    """The newest letters first (open ones only unless ``include_resolved``)."""
    return list(conn.execute(text(
        """SELECT id, created_at, stage, reason, retryable, url, detail FROM dead_letters
           WHERE :all OR resolved_at IS NULL
           ORDER BY id DESC LIMIT :n"""), {"all": include_resolved, "n": limit}).mappings().all())
