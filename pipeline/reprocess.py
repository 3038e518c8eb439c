"""Re-coding stored articles without refetching them, and retiring old coder versions.

The re-coding flow is one plan, one chunk per day, one final pass:
:func:`plan_reprocess` → :func:`reprocess_day` for each planned day → :func:`finish_reprocess`.
``python -m pipeline reprocess`` runs them in sequence (:func:`reprocess`); the
``news_reprocess`` DAG runs the same three functions as tasks, the days as mapped tasks.
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from typing import Any

from sqlalchemy import Engine

from pipeline.ingest import coder_version as installed_coder_version
from pipeline.ingest import extract_articles, prepare_database
from pipeline.store import articles, clustering, load, versions
from pipeline.store.db import get_engine
from pipeline.store.events import event_keys_published_between
from pipeline.store.views import recount_daily_counts

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


def plan_reprocess(params: Mapping[str, Any], default_day: date | None = None,
                   engine: Engine | None = None) -> dict:
    """Prepare the database and resolve a re-coding request into a plan (plain data, for XCom).

    ``params`` are the news_reprocess form's fields (and the CLI's options): ``since`` and
    ``until`` (YYYY-MM-DD, inclusive; ``since`` defaults to ``default_day``, ``until`` to
    ``since``), ``feeds`` (feed URLs; empty: all), ``coder_version`` (empty: the installed
    coder), ``dry_run``.
    """
    prepare_database(engine)
    since = date.fromisoformat(params["since"]) if params.get("since") else default_day
    if since is None:
        raise ValueError("a re-coding run needs a first day (since)")
    until = date.fromisoformat(params["until"]) if params.get("until") else since
    return {"since": since.isoformat(), "until": until.isoformat(), "days": days_between(since, until),
            "coder_version": params.get("coder_version") or installed_coder_version(),
            "feeds": list(params["feeds"]) if params.get("feeds") else None, "dry_run": bool(params.get("dry_run"))}


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


def finish_reprocess(engine: Engine, plan: Mapping[str, Any], chunks: Sequence[Mapping[str, Any]]) -> dict:
    """Once every day's chunk is in: the final re-clustering (skipped on a dry run) and the
    run's summary."""
    dry_run = bool(plan["dry_run"])
    events = 0 if dry_run else recluster(engine, plan["coder_version"], date.fromisoformat(plan["since"]),
                                         date.fromisoformat(plan["until"]))
    return {"coder_version": plan["coder_version"], "articles": sum(c["articles"] for c in chunks),
            "mentions": sum(c["mentions"] for c in chunks),
            "mentions_added": sum(c["mentions_added"] for c in chunks), "events": events, "dry_run": dry_run}


def reprocess(params: Mapping[str, Any], engine: Engine | None = None) -> dict:
    """The whole re-coding flow in this process, day after day (``python -m pipeline reprocess``)."""
    engine = engine or get_engine()
    plan = plan_reprocess(params, engine=engine)
    chunks = [reprocess_day(engine, day, plan["coder_version"], plan["feeds"], plan["dry_run"])
              for day in plan["days"]]
    return finish_reprocess(engine, plan, chunks)


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
        clustering.lock(conn)  # no load may interleave with the deletes
        if coder_version == versions.active_coder_version(conn):
            raise ValueError(f"{coder_version} is the version the views show; activate another one first")
        mentions, events = versions.delete_version(conn, coder_version)
    return {"coder_version": coder_version, "mentions_deleted": mentions, "events_deleted": events}


def refresh_analytics(engine: Engine) -> None:
    """Recount the daily counts from ``events``. Loads, re-coding and prune keep them current
    already, in their own transactions; this repairs any drift (rows edited by hand)."""
    recount_daily_counts(engine)
