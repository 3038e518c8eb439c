"""The ``dead_letters`` table: every input that could not be processed, and its replays.

One row per cause: the same (stage, reason, input) seen again bumps ``occurrences`` and
``last_seen_at`` of its row instead of adding one (the input is the URL, else the article, else
the feed: the table's generated ``input_key``).
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence

from sqlalchemy import Connection, RowMapping, text

from pipeline.model import DeadLetter
from pipeline.store.clean import clean_json, clean_text, recorded_url

# A recurrence reopens a letter a replay had resolved, but one an operator marked handled stays
# quiet: they have seen it (feed health still shows a feed that keeps failing).
_RECORD = text(
    """INSERT INTO dead_letters (ingest_run_id, stage, url, reason, detail, retryable, payload)
       VALUES (:run, :stage, :url, :reason, :detail, :retryable, CAST(:payload AS jsonb))
       ON CONFLICT (stage, reason, md5(input_key)) DO UPDATE SET
           occurrences = dead_letters.occurrences + 1,
           last_seen_at = now(),
           ingest_run_id = coalesce(excluded.ingest_run_id, dead_letters.ingest_run_id),
           detail = excluded.detail, retryable = excluded.retryable, payload = excluded.payload,
           resolved_at = NULL""")


def record_dead_letters(conn: Connection, letters: Iterable[DeadLetter], run_id: int | None) -> int:
    """Record each letter (a repeat of a known cause counts on its row); return how many."""
    # A letter is often about a value Postgres refuses (a NUL in a link): cleaned so the
    # letter itself can always be stored.
    rows = [{"run": run_id, "stage": clean_text(d.stage), "url": recorded_url(d.url), "reason": clean_text(d.reason),
             "detail": clean_text(d.detail) or "-", "retryable": d.retryable,
             "payload": json.dumps(clean_json(json.loads(json.dumps(d.payload, default=str))))} for d in letters]
    # One statement per letter: a batch may hold the same cause twice, which a single
    # multi-row upsert refuses.
    for row in rows:
        conn.execute(_RECORD, row)
    return len(rows)


def open_retryable_letters(conn: Connection, limit: int) -> list[RowMapping]:
    """Unresolved, unhandled, retryable letters (id, stage, url, payload), oldest first."""
    return list(conn.execute(text(
        """SELECT id, stage, url, payload FROM dead_letters
           WHERE retryable AND resolved_at IS NULL AND handled_at IS NULL ORDER BY id LIMIT :n"""),
        {"n": limit}).mappings().all())


def record_retry(conn: Connection, letter_id: int, outcome: DeadLetter | None) -> None:
    """A replay happened: resolved when ``outcome`` is None, else the new failure's reason
    (unless that cause already has its own row, which the replay's poll has counted)."""
    conn.execute(text(
        """UPDATE dead_letters d SET retried_at = now(),
                  resolved_at = CASE WHEN :ok THEN now() END,
                  reason = CASE WHEN EXISTS (SELECT 1 FROM dead_letters o WHERE o.stage = d.stage
                                             AND o.reason = :reason AND o.input_key = d.input_key AND o.id <> d.id)
                                THEN d.reason ELSE coalesce(:reason, d.reason) END,
                  detail = coalesce(:detail, detail),
                  retryable = coalesce(:retryable, retryable)
           WHERE id = :id"""),
        {"ok": outcome is None, "reason": outcome.reason if outcome else None,
         "detail": outcome.detail if outcome else None, "retryable": outcome.retryable if outcome else None,
         "id": letter_id})


def latest_dead_letters(conn: Connection, limit: int, include_handled: bool = False) -> list[RowMapping]:
    """The most recently seen letters first (open ones only unless ``include_handled``:
    resolved by a replay or acknowledged by an operator)."""
    return list(conn.execute(text(
        """SELECT id, created_at, last_seen_at, occurrences, stage, reason, retryable, url, detail,
                  resolved_at, handled_at
           FROM dead_letters
           WHERE :all OR (resolved_at IS NULL AND handled_at IS NULL)
           ORDER BY last_seen_at DESC, id DESC LIMIT :n"""), {"all": include_handled, "n": limit}).mappings().all())


def acknowledge(conn: Connection, ids: Sequence[int] = (), reason: str | None = None) -> list[int]:
    """Mark open letters handled, by id or by reason; return the ids marked."""
    return list(conn.execute(text(
        """UPDATE dead_letters SET handled_at = now()
           WHERE handled_at IS NULL AND resolved_at IS NULL
             AND (id = ANY(CAST(:ids AS bigint[])) OR reason = :reason)
           RETURNING id"""), {"ids": list(ids), "reason": reason}).scalars().all())
