"""The ``feeds`` table: one row per feed URL, with its conditional-GET state, its last poll and
its health (consecutive failures, back-off, new-article counts)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import Connection, RowMapping, text

from pipeline.model import FeedResult
from pipeline.store.clean import clean_text, key_url, url_problem


@dataclass(frozen=True)
class FeedState:
    id: int
    url: str
    etag: str | None
    last_modified: str | None
    next_poll_at: datetime | None = None  # a failing feed's back-off: not polled before


@dataclass(frozen=True)
class FeedHealth:
    consecutive_failures: int
    failing: bool
    turned_failing: bool  # this poll made it failing
    next_poll_at: datetime | None


@dataclass(frozen=True)
class HealthPolicy:
    failing_after: int = 3  # consecutive failed polls that make a feed failing
    backoff_s: float = 1800.0  # first wait of a failing feed, doubled per further failure
    backoff_max_s: float = 6 * 3600.0


def ensure_feed(conn: Connection, url: str, title: str | None = None) -> FeedState:
    """The feed's row (created when new). Raises ``UnstorableValue`` for a URL that cannot be a key."""
    row = conn.execute(
        text("""INSERT INTO feeds (url, title) VALUES (:url, :title)
                ON CONFLICT (url) DO UPDATE SET title = coalesce(feeds.title, excluded.title)
                RETURNING id, url, etag, last_modified, next_poll_at"""),
        {"url": key_url(url), "title": clean_text(title)},
    ).one()
    return FeedState(row.id, row.url, row.etag, row.last_modified, row.next_poll_at)


def record_feed_poll(conn: Connection, feed_id: int, result: FeedResult, polled_at: datetime, *,
                     run_id: int | None = None, new_articles: int = 0,
                     policy: HealthPolicy = HealthPolicy()) -> FeedHealth:
    """Store a live poll's outcome and the feed's health after it."""
    failed = result.status == "error"
    fatal = result.problems[0] if failed and result.problems else None
    # In SET, column names are the values before this update.
    row = conn.execute(
        text("""UPDATE feeds SET
                    title = coalesce(:title, title),
                    etag = CASE WHEN :status = 'ok' THEN :etag ELSE etag END,
                    last_modified = CASE WHEN :status = 'ok' THEN :lm ELSE last_modified END,
                    last_polled_at = :at, last_status = :status, last_error = :err,
                    last_run_id = coalesce(:run, last_run_id),
                    consecutive_failures = CASE WHEN :failed THEN consecutive_failures + 1 ELSE 0 END,
                    last_success_at = CASE WHEN :failed THEN last_success_at ELSE :at END,
                    last_failure_at = CASE WHEN :failed THEN :at ELSE last_failure_at END,
                    failing_since = CASE WHEN :failed AND consecutive_failures + 1 >= :after
                                         THEN coalesce(failing_since, :at) END,
                    next_poll_at = CASE WHEN :failed AND consecutive_failures + 1 >= :after
                                        THEN :at + make_interval(secs => least(:max_s,
                                                 :base_s * power(2, consecutive_failures + 1 - :after))) END,
                    last_new_articles = :new,
                    new_articles_total = new_articles_total + :new
                WHERE id = :id
                RETURNING consecutive_failures, failing_since, next_poll_at,
                          failing_since IS NOT NULL AND failing_since = :at AS turned_failing"""),
        {"title": clean_text(result.title), "status": result.status, "etag": clean_text(result.etag),
         "lm": clean_text(result.last_modified), "at": polled_at, "err": clean_text(fatal.detail) if fatal else None,
         "id": feed_id, "run": run_id,
         "failed": failed, "after": policy.failing_after, "base_s": float(policy.backoff_s),
         "max_s": float(policy.backoff_max_s), "new": new_articles},
    ).one()
    if run_id is not None:
        record_run_poll(conn, run_id, feed_id, polled_at, status=result.status,
                        error=fatal.detail if fatal else None, new_articles=new_articles)
    return FeedHealth(row.consecutive_failures, row.failing_since is not None, bool(row.turned_failing),
                      row.next_poll_at)


def record_run_poll(conn: Connection, run_id: int, feed_id: int, polled_at: datetime, *,  # noqa: PLR0913 - one row's columns
                    status: str, error: str | None, new_articles: int) -> None:
    """The run's own record of polling the feed (live or a dated archive). Overlapping runs (a
    backfill) overwrite the feed's latest-poll columns; each run's summary reads these rows.
    Several polls of one feed in a run (archive days) add up; one error marks the whole."""
    conn.execute(text(
        """INSERT INTO feed_polls (run_id, feed_id, polled_at, status, error, new_articles)
           VALUES (:run, :id, :at, :status, :err, :new)
           ON CONFLICT (run_id, feed_id) DO UPDATE SET
               polled_at = excluded.polled_at,
               status = CASE WHEN feed_polls.status = 'error' THEN 'error' ELSE excluded.status END,
               error = coalesce(excluded.error, feed_polls.error),
               new_articles = feed_polls.new_articles + excluded.new_articles"""),
        {"run": run_id, "id": feed_id, "at": polled_at, "status": status, "err": clean_text(error),
         "new": new_articles})


def sync_configured_feeds(conn: Connection, urls: Sequence[str]) -> None:
    """The feeds file is the list: its feeds have a row and are enabled, the others disabled.
    (A URL that cannot be a key is left to its poll, which dead-letters it.)"""
    urls = [u for u in urls if url_problem(u) is None]
    conn.execute(text("INSERT INTO feeds (url) SELECT unnest(CAST(:urls AS text[])) ON CONFLICT (url) DO NOTHING"),
                 {"urls": urls})
    conn.execute(text("""UPDATE feeds SET disabled_at = CASE WHEN url = ANY(:urls) THEN NULL ELSE now() END
                         WHERE (url = ANY(:urls)) = (disabled_at IS NOT NULL)"""), {"urls": urls})


def feed_health(conn: Connection, urls: Sequence[str] | None = None) -> list[RowMapping]:
    """Rows of ``v_feed_health``, all feeds or the given ones, by URL."""
    return list(conn.execute(text(
        """SELECT * FROM v_feed_health WHERE CAST(:urls AS text[]) IS NULL OR url = ANY(:urls) ORDER BY url"""),
        {"urls": [u for u in urls if url_problem(u) is None] if urls is not None else None}).mappings().all())


def poll_outcomes(conn: Connection, run_id: int, urls: Sequence[str]) -> list[RowMapping]:
    """For each of ``urls``: whether run ``run_id`` polled it, and how that went."""
    return list(conn.execute(text(
        """SELECT f.url, p.run_id IS NOT NULL AS polled,
                  CASE WHEN p.run_id IS NULL THEN f.last_status ELSE p.status END AS last_status,
                  CASE WHEN p.run_id IS NULL THEN f.last_error ELSE p.error END AS last_error,
                  f.consecutive_failures, f.failing_since IS NOT NULL AS failing, f.next_poll_at,
                  coalesce(p.new_articles, 0) AS last_new_articles
           FROM feeds f LEFT JOIN feed_polls p ON p.feed_id = f.id AND p.run_id = :run
           WHERE f.url = ANY(:urls) ORDER BY f.url"""),
        {"run": run_id, "urls": [u for u in urls if url_problem(u) is None]}).mappings().all())
