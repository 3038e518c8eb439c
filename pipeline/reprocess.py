"""Re-coding stored articles without refetching them, and retiring old coder versions."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta

from sqlalchemy import Engine, text

from pipeline.ingest import extract_articles
from pipeline.store import load

log = logging.getLogger(__name__)


def days_between(since: date, until: date) -> list[str]:
    """Every day from ``since`` to ``until`` inclusive, as YYYY-MM-DD (the mapped chunks)."""
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    return [(since + timedelta(days=n)).isoformat() for n in range((until - since).days + 1)]


def articles_on_day(engine: Engine, day: date, feeds: Sequence[str] | None = None) -> list[int]:
    """Stored articles published on ``day`` (UTC; fetch time when the date is unknown)."""
    with engine.connect() as conn:
        return list(conn.execute(
            text("""SELECT a.id FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
                    WHERE coalesce(a.published_at, a.fetched_at) >= :start
                      AND coalesce(a.published_at, a.fetched_at) < :end
                      AND (cast(:feeds AS text[]) IS NULL OR f.url = ANY(cast(:feeds AS text[])))
                    ORDER BY a.id"""),
            {"start": day, "end": day + timedelta(days=1), "feeds": list(feeds) if feeds else None}).scalars())


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
        keys = list(conn.execute(
            text("""SELECT DISTINCT m.event_key FROM event_mentions m JOIN articles a ON a.id = m.article_id
                    WHERE m.coder_version = :v
                      AND coalesce(a.published_at, a.fetched_at) >= :start
                      AND coalesce(a.published_at, a.fetched_at) < :end"""),
            {"v": coder_version, "start": since, "end": until + timedelta(days=1)}).scalars())
        return load.recompute_events(conn, coder_version, keys)


def set_active_version(engine: Engine, coder_version: str | None) -> None:
    """Which coder version the views show; None shows the newest."""
    with engine.begin() as conn:
        conn.execute(text("UPDATE pipeline_settings SET active_coder_version = :v"), {"v": coder_version})


def coder_versions(engine: Engine) -> list[dict]:
    with engine.connect() as conn:
        active = conn.execute(text("SELECT active_coder_version()")).scalar()
        rows = conn.execute(text(
            """SELECT coder_version, count(*) AS mentions, count(DISTINCT article_id) AS articles
               FROM event_mentions GROUP BY 1 ORDER BY 1""")).mappings().all()
    return [{**dict(r), "active": r["coder_version"] == active} for r in rows]


def prune(engine: Engine, coder_version: str) -> dict:
    """Retire a coder version: delete its mentions and events. The active one is refused."""
    with engine.begin() as conn:
        active = conn.execute(text("SELECT active_coder_version()")).scalar()
        if coder_version == active:
            raise ValueError(f"{coder_version} is the version the views show; activate another one first")
        mentions = conn.execute(text("DELETE FROM event_mentions WHERE coder_version = :v"),
                                {"v": coder_version}).rowcount
        events = conn.execute(text("DELETE FROM events WHERE coder_version = :v"), {"v": coder_version}).rowcount
        conn.execute(text("DELETE FROM article_codings WHERE coder_version = :v"), {"v": coder_version})
        conn.execute(text("DELETE FROM coder_versions WHERE coder_version = :v"), {"v": coder_version})
        conn.execute(text("DELETE FROM actors a WHERE NOT EXISTS (SELECT 1 FROM mention_actors ma WHERE ma.actor_id = a.id)"))
    return {"coder_version": coder_version, "mentions_deleted": mentions, "events_deleted": events}


def refresh_analytics(engine: Engine) -> None:
    """Refresh the materialized views without blocking readers."""
    with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
        conn.execute(text("REFRESH MATERIALIZED VIEW CONCURRENTLY mv_daily_event_counts"))
