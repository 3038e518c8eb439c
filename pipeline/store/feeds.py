"""The ``feeds`` table: one row per feed URL, with its conditional-GET state and its last poll."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, text

from pipeline.model import FeedResult
from pipeline.store.clean import clean_text, key_url


@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    etag: str | None
    last_modified: str | None


def ensure_feed(conn: Connection, url: str, title: str | None = None) -> FeedState:
    """The feed's row (created when new). Raises ``UnstorableValue`` for a URL that cannot be a key."""
    row = conn.execute(
        text("""INSERT INTO feeds (url, title) VALUES (:url, :title)
                ON CONFLICT (url) DO UPDATE SET title = coalesce(feeds.title, excluded.title)
                RETURNING id, url, etag, last_modified"""),
        {"url": key_url(url), "title": clean_text(title)},
    ).one()
    return FeedState(row.id, row.url, row.etag, row.last_modified)


def record_feed_poll(conn: Connection, feed_id: int, result: FeedResult, polled_at: datetime) -> None:
    fatal = result.problems[0] if result.status == "error" and result.problems else None
    conn.execute(
        text("""UPDATE feeds SET
                    title = coalesce(:title, title),
                    etag = CASE WHEN :status = 'ok' THEN :etag ELSE etag END,
                    last_modified = CASE WHEN :status = 'ok' THEN :lm ELSE last_modified END,
                    last_polled_at = :at, last_status = :status, last_error = :err
                WHERE id = :id"""),
        {"title": clean_text(result.title), "status": result.status, "etag": clean_text(result.etag),
         "lm": clean_text(result.last_modified), "at": polled_at, "err": clean_text(fatal.detail) if fatal else None,
         "id": feed_id},
    )
