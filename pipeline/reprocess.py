"""Re-coding stored articles without refetching them, and retiring old coder versions."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import Engine

from pipeline.ingest import extract_articles
from pipeline.store import articles, load, versions
from pipeline.store.events import event_keys_published_between
from pipeline.store.views import refresh_materialized_views

log = logging.getLogger(__name__)


def days_between(since: date, until: date) -> list[str]:
    """Every day from ``since`` to ``until`` inclusive, as YYYY-MM-DD (the mapped chunks)."""
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    return [(since + timedelta(days=n)).isoformat() for n in range((until - since).days + 1)]


def articles_on_day(engine: Engine, day: date, feeds: Sequence[str] | None = None) -> list[int]:
    """Stored articles published on ``day`` (UTC; fetch time when the date is unknown)."""
    with engine.connect() as conn:
        return articles.articles_published_on(conn, day, feeds)


@dataclass
class ReprocessChunk:
    day: str
    articles: int
    mentions: int = 0
    mentions_added: int = 0
    mentions_removed: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


def reprocess_day(engine: Engine, day: str, coder_version: str, feeds: Sequence[str] | None = None,
                  dry_run: bool = False) -> dict:
    ids = articles_on_day(engine, date.fromisoformat(day), feeds)
    if dry_run or not ids:
        return ReprocessChunk(day, len(ids), dry_run=dry_run).as_dict()
    summary = extract_articles(engine, ids, coder=coder_version)
    return ReprocessChunk(day, len(ids), summary.mentions, summary.mentions_added,
                          summary.mentions_removed).as_dict()


def recluster(engine: Engine, coder_version: str, since: date, until: date) -> int:
    """Recompute every event touched by articles in the range, once all chunks are in.

    Chunks run in parallel and an event can span days, so each chunk's own recount may have
    seen another chunk half done; this pass makes the counts final.
    """
    with engine.begin() as conn:
        keys = event_keys_published_between(conn, coder_version, since, until)
        return load.recompute_events(conn, coder_version, keys)


def set_active_version(engine: Engine, coder_version: str | None) -> None:
    """Which coder version the views show; None shows the newest."""
    with engine.begin() as conn:
        versions.set_active_version(conn, coder_version)


def coder_versions(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        active = versions.active_coder_version(conn)
        rows = versions.mentions_per_version(conn)
    return [{**dict(r), "active": r["coder_version"] == active} for r in rows]


def prune(engine: Engine, coder_version: str) -> dict:
    """Retire a coder version: delete its mentions and events. The active one is refused."""
    with engine.begin() as conn:
        if coder_version == versions.active_coder_version(conn):
            raise ValueError(f"{coder_version} is the version the views show; activate another one first")
        mentions, events = versions.delete_version(conn, coder_version)
    return {"coder_version": coder_version, "mentions_deleted": mentions, "events_deleted": events}


def refresh_analytics(engine: Engine) -> None:
    """Refresh the materialized views without blocking readers."""
    refresh_materialized_views(engine)
