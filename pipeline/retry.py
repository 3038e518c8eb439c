"""Replaying dead letters: retryable failures (timeouts, 5xx, connection errors) get another
go through the same stages; a success marks the letter resolved."""

from __future__ import annotations

import logging
from datetime import datetime

from sqlalchemy import Engine, text

from pipeline.ingest import extract_articles, poll_feed
from pipeline.model import Article, DeadLetter, FeedEntry
from pipeline.sources import FeedSource
from pipeline.store import load

log = logging.getLogger(__name__)


def _entry(payload: dict) -> FeedEntry | None:
    data = payload.get("entry") or {}
    if not data.get("url"):
        return None
    published = data.get("published")
    return FeedEntry(url=data["url"], guid=data.get("guid"), title=data.get("title"),
                     published=datetime.fromisoformat(published) if published else None,
                     summary=data.get("summary"), author=data.get("author"))


def _resolve(engine: Engine, letter_id: int, outcome: DeadLetter | None) -> None:
    with engine.begin() as conn:
        conn.execute(text(
            """UPDATE dead_letters SET retried_at = now(),
                      resolved_at = CASE WHEN :ok THEN now() END,
                      reason = coalesce(:reason, reason), detail = coalesce(:detail, detail),
                      retryable = coalesce(:retryable, retryable)
               WHERE id = :id"""),
            {"ok": outcome is None, "reason": outcome.reason if outcome else None,
             "detail": outcome.detail if outcome else None, "retryable": outcome.retryable if outcome else None,
             "id": letter_id})


def retry_dead_letters(engine: Engine, limit: int = 100, fetcher=None) -> dict:
    """Replay up to ``limit`` open, retryable dead letters, oldest first."""
    from pipeline.fetch import Fetcher

    with engine.connect() as conn:
        letters = conn.execute(text(
            """SELECT id, stage, url, payload FROM dead_letters
               WHERE retryable AND resolved_at IS NULL ORDER BY id LIMIT :n"""), {"n": limit}).mappings().all()
    summary = {"retried": 0, "recovered": 0, "failed": 0}
    new_articles: list[int] = []
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for letter in letters:
            summary["retried"] += 1
            payload = letter["payload"] or {}
            outcome: DeadLetter | None = None
            if letter["stage"] == "article" and _entry(payload):
                result = fetcher.fetch_article(_entry(payload))
                if isinstance(result, Article):
                    with engine.begin() as conn:
                        feed_id = None
                        if payload.get("feed"):
                            feed_id = load.ensure_feed(conn, payload["feed"]).id
                        article_id = load.insert_article(conn, result, feed_id, None)
                    if article_id is not None:
                        new_articles.append(article_id)
                else:
                    outcome = result
            elif letter["stage"] == "feed" and (payload.get("feed") or letter["url"]):
                poll = poll_feed(engine, FeedSource(url=payload.get("feed") or letter["url"]), None, fetcher=fetcher)
                new_articles.extend(poll.article_ids)
                if poll.status == "error":
                    outcome = DeadLetter("feed", letter["url"], "feed_error", "the feed failed again", True)
            else:
                outcome = DeadLetter(letter["stage"], letter["url"], "not_replayable",
                                     "nothing in the payload to replay", False)
            _resolve(engine, letter["id"], outcome)
            summary["recovered" if outcome is None else "failed"] += 1
    finally:
        if own:
            fetcher.close()
    if new_articles:
        summary["extracted"] = extract_articles(engine, new_articles).as_dict()
    return summary

