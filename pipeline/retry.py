"""Replaying dead letters: retryable failures (timeouts, 5xx, connection errors) get another
go through the same stages; a success marks the letter resolved."""

from __future__ import annotations

import logging
from datetime import datetime
from typing import Any

from sqlalchemy import Engine

from pipeline.ingest import extract_articles, poll_feed, store_article
from pipeline.model import Article, DeadLetter, FeedEntry
from pipeline.sources import FeedSource
from pipeline.store import dead_letters, feeds

log = logging.getLogger(__name__)


def _entry(payload: dict) -> FeedEntry | None:
    data = payload.get("entry") or {}
    if not data.get("url"):
        return None
    published = data.get("published")
    return FeedEntry(url=data["url"], guid=data.get("guid"), title=data.get("title"),
                     published=datetime.fromisoformat(published) if published else None,
                     summary=data.get("summary"), author=data.get("author"))


def _replay_article(engine: Engine, fetcher: Any, payload: dict) -> tuple[int | None, DeadLetter | None]:
    """Fetch and store an article letter's entry again: (its new id or None, the failure or None)."""
    entry = _entry(payload)
    assert entry is not None
    result = fetcher.fetch_article(entry)
    if not isinstance(result, Article):
        return None, result
    with engine.begin() as conn:
        feed_id = feeds.ensure_feed(conn, payload["feed"]).id if payload.get("feed") else None
        stored = store_article(conn, result, feed_id, payload.get("feed"), None)
    if isinstance(stored, DeadLetter):  # Postgres refused it: the replay failed
        return None, stored
    return stored, None


def retry_dead_letters(engine: Engine, limit: int = 100, fetcher=None) -> dict:
    """Replay up to ``limit`` open, retryable dead letters, oldest first."""
    from pipeline.fetch import Fetcher

    with engine.connect() as conn:
        letters = dead_letters.open_retryable_letters(conn, limit)
    summary: dict[str, Any] = {"retried": 0, "recovered": 0, "failed": 0}
    new_articles: list[int] = []
    own = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        for letter in letters:
            summary["retried"] += 1
            payload = letter["payload"] or {}
            outcome: DeadLetter | None = None
            if letter["stage"] == "article" and _entry(payload):
                article_id, outcome = _replay_article(engine, fetcher, payload)
                if article_id is not None:
                    new_articles.append(article_id)
            elif letter["stage"] == "feed" and (payload.get("feed") or letter["url"]):
                poll = poll_feed(engine, FeedSource(url=payload.get("feed") or letter["url"]), None, fetcher=fetcher,
                                 now=True)
                new_articles.extend(poll.article_ids)
                if poll.status == "error":
                    outcome = DeadLetter("feed", letter["url"], "feed_error", "the feed failed again", True)
            else:
                outcome = DeadLetter(letter["stage"], letter["url"], "not_replayable",
                                     "nothing in the payload to replay", False)
            with engine.begin() as conn:
                dead_letters.record_retry(conn, letter["id"], outcome)
            summary["recovered" if outcome is None else "failed"] += 1
    finally:
        if own:
            fetcher.close()
    if new_articles:
        summary["extracted"] = extract_articles(engine, new_articles).as_dict()
    return summary

