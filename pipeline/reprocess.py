"""Re-coding stored articles without refetching them, and retiring old coder versions.

The re-coding flow is one plan, one chunk per range of days, one final pass:
:func:`plan_reprocess` → :func:`reprocess_chunk` for each planned chunk →
:func:`finish_reprocess`. ``python -m pipeline reprocess`` runs them in sequence
(:func:`reprocess`); the ``news_reprocess`` DAG runs the same three functions as tasks, the
chunks as mapped tasks.

Chunks: the plan asks the database which days of the range have articles and skips the
others. Up to :data:`MAX_CHUNKS` such days each get a chunk of their own; beyond that,
consecutive days are grouped into at most :data:`MAX_CHUNKS` chunks of about the same number
of articles, so any range (thirty years included) maps to a bounded number of tasks, far below
Airflow's limit on mapped task instances (``[core] max_map_length``, 1,024 by default).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence
from dataclasses import asdict, dataclass
from datetime import date
from typing import Any

from sqlalchemy import Engine

from pipeline.ingest import coder_not_shown, extract_articles, prepare_database
from pipeline.ingest import coder_version as installed_coder_version
from pipeline.store import articles, clustering, load, versions
from pipeline.store.db import get_engine
from pipeline.store.events import event_keys_published_between
from pipeline.store.feeds import feed_health
from pipeline.store.views import recount_daily_counts

log = logging.getLogger(__name__)

# The most chunks (mapped tasks) one re-coding run is cut into. Each chunk is one task
# process that loads the coder once, so fewer, larger chunks waste less start-up time on
# long ranges, while a range with up to this many days of articles is still re-coded (and
# retried from the UI) day by day.
MAX_CHUNKS = 100


def plan_chunks(day_counts: Sequence[tuple[date, int]], max_chunks: int = MAX_CHUNKS) -> list[dict]:
    """Cut days that have articles (``(day, articles)``, in order) into at most ``max_chunks``
    chunks of consecutive days: one per day when they fit, else groups of about equal
    article counts. Each chunk is ``{"since", "until", "label", "articles"}``; its label is the
    day, or ``first..last`` for a group."""
    if max_chunks < 1:
        raise ValueError("max_chunks must be at least 1")
    if len(day_counts) <= max_chunks:
        groups = [[dc] for dc in day_counts]
    else:
        # Cut the articles, in day order, into max_chunks equal runs; a day goes to the run
        # its middle article falls in (so a day busier than a run gets a chunk of its own).
        # The index never decreases along the days and stays below max_chunks: the groups
        # are consecutive days, at most max_chunks of them.
        total = sum(n for _, n in day_counts)
        groups, before, last = [], 0, -1
        for day, n in day_counts:
            index = (2 * before + n) * max_chunks // (2 * total)
            if index != last:
                groups.append([])
                last = index
            groups[-1].append((day, n))
            before += n
    chunks = []
    for group in groups:
        first, last_day = group[0][0].isoformat(), group[-1][0].isoformat()
        chunks.append({"since": first, "until": last_day,
                       "label": first if first == last_day else f"{first}..{last_day}",
                       "articles": sum(n for _, n in group)})
    return chunks


def plan_reprocess(params: Mapping[str, Any], default_day: date | None = None,
                   engine: Engine | None = None) -> dict:
    """Prepare the database and resolve a re-coding request into a plan (plain data, for XCom).

    ``params`` are the news_reprocess form's fields (and the CLI's options): ``since`` and
    ``until`` (YYYY-MM-DD, inclusive; ``since`` defaults to ``default_day``, ``until`` to
    ``since``), ``feeds`` (feed URLs; empty: all), ``coder_version`` (empty: the installed
    coder), ``dry_run``. The plan's ``chunks`` cover the days of the range that have articles
    (:func:`plan_chunks`); a range without any gets one chunk, the whole range, which finds
    nothing, so the run still reports its zero counts.
    """
    engine = prepare_database(engine)
    since = date.fromisoformat(params["since"]) if params.get("since") else default_day
    if since is None:
        raise ValueError("a re-coding run needs a first day (since)")
    until = date.fromisoformat(params["until"]) if params.get("until") else since
    if until < since:
        raise ValueError(f"until ({until}) is before since ({since})")
    feeds = [f.strip() for f in params["feeds"] if f.strip()] if params.get("feeds") else None
    with engine.connect() as conn:
        if feeds:
            known = {row["url"] for row in feed_health(conn, feeds)}
            if unknown := [f for f in feeds if f not in known]:
                raise ValueError(f"no such feed: {', '.join(unknown)} (the feeds the database knows: "
                                 "python -m pipeline feeds list)")
        day_counts = articles.articles_per_day(conn, since, until, feeds or None)
    chunks = plan_chunks(day_counts) or [
        {"since": since.isoformat(), "until": until.isoformat(),
         "label": since.isoformat() if since == until else f"{since}..{until}", "articles": 0}]
    return {"since": since.isoformat(), "until": until.isoformat(), "chunks": chunks,
            "coder_version": params.get("coder_version") or installed_coder_version(),
            "feeds": feeds or None, "dry_run": bool(params.get("dry_run"))}


@dataclass
class ReprocessChunk:
    since: str
    until: str
    articles: int
    mentions: int = 0
    mentions_added: int = 0
    mentions_removed: int = 0
    dry_run: bool = False

    def as_dict(self) -> dict:
        return asdict(self)


# Articles coded and loaded per transaction when re-coding: a re-coding is about throughput, not
# freshness, and a load's fixed cost (a few dozen set-based statements) is spread over ~8,000
# mentions instead of ~100 (an ingest batch, ``EXTRACT_BATCH``): bench load, CPU per mention
# (python + server) a fifth lower than at 500 articles. Memory stays bounded by the batch: the
# articles' texts and the coder's records of 2,000 articles, tens of MB (the coder streams the
# texts in chunks of 8). A crash loses at most this many articles' coding, about a minute of
# the coder's work; the re-run codes them again (``article_codings``).
RECODE_BATCH = 2000


def reprocess_chunk(engine: Engine, chunk: Mapping[str, Any], coder_version: str,
                    feeds: Sequence[str] | None = None, dry_run: bool = False) -> dict:
    """Re-code the stored articles published from ``chunk["since"]`` to ``chunk["until"]``."""
    since, until = chunk["since"], chunk["until"]
    with engine.connect() as conn:
        ids = articles.articles_published_between(conn, date.fromisoformat(since), date.fromisoformat(until), feeds)
    if dry_run or not ids:
        return ReprocessChunk(since, until, len(ids), dry_run=dry_run).as_dict()
    summary = extract_articles(engine, ids, coder=coder_version, batch_size=RECODE_BATCH)
    return ReprocessChunk(since, until, len(ids), summary.mentions, summary.mentions_added,
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
    """Once every chunk is in: the final re-clustering (skipped on a dry run) and the
    run's summary."""
    dry_run = bool(plan["dry_run"])
    events = 0 if dry_run else recluster(engine, plan["coder_version"], date.fromisoformat(plan["since"]),
                                         date.fromisoformat(plan["until"]))
    not_shown = None
    if not dry_run:
        with engine.connect() as conn:
            not_shown = coder_not_shown(conn, plan["coder_version"])
    return {"coder_version": plan["coder_version"], "since": plan["since"], "until": plan["until"],
            "chunks": len(chunks), "articles": sum(c["articles"] for c in chunks),
            "mentions": sum(c["mentions"] for c in chunks),
            "mentions_added": sum(c["mentions_added"] for c in chunks), "events": events, "dry_run": dry_run,
            "coder_not_shown": not_shown}


def _days(since: str, until: str) -> str:
    return f"on {since}" if since == until else f"from {since} to {until}"


def _articles(n: int) -> str:
    return "1 article" if n == 1 else f"{n} articles"


def describe_plan(plan: Mapping[str, Any]) -> str:
    """One line for the plan task's log: what the run will re-code, where, under which label."""
    n = sum(c["articles"] for c in plan["chunks"])
    feeds = f"{len(plan['feeds'])} feed(s)" if plan.get("feeds") else "all feeds"
    chunks = len(plan["chunks"])
    line = (f"{'dry run: would re-code' if plan['dry_run'] else 're-coding'} {_articles(n)} published "
            f"{_days(plan['since'], plan['until'])} ({feeds}) under {plan['coder_version']}, "
            f"in {chunks} chunk{'' if chunks == 1 else 's'}")
    return line + (" (no stored article was published in that range)" if n == 0 else "")


def describe_chunk(chunk: Mapping[str, Any]) -> str:
    """One line for a reprocess_chunk task's log."""
    head = f"{_days(chunk['since'], chunk['until'])}: {_articles(chunk['articles'])}"
    if chunk["dry_run"]:
        return f"{head} (dry run: not re-coded)"
    return (f"{head} re-coded, {chunk['mentions']} mentions ({chunk['mentions_added']} new, "
            f"{chunk['mentions_removed']} removed)")


def describe_reprocess(summary: Mapping[str, Any]) -> str:
    """The run's line (recluster's log, the CLI's stderr)."""
    days = _days(summary["since"], summary["until"])
    if summary["dry_run"]:
        return (f"dry run, nothing changed: {_articles(summary['articles'])} published {days} would be "
                f"re-coded under {summary['coder_version']}")
    line = (f"re-coded {_articles(summary['articles'])} published {days} under {summary['coder_version']}: "
            f"{summary['mentions']} mentions ({summary['mentions_added']} new), {summary['events']} events "
            f"reclustered")
    return line + (f"; {summary['coder_not_shown']}" if summary.get("coder_not_shown") else "")


def reprocess(params: Mapping[str, Any], engine: Engine | None = None) -> dict:
    """The whole re-coding flow in this process, chunk after chunk (``python -m pipeline reprocess``)."""
    engine = engine or get_engine()
    plan = plan_reprocess(params, engine=engine)
    chunks = [reprocess_chunk(engine, chunk, plan["coder_version"], plan["feeds"], plan["dry_run"])
              for chunk in plan["chunks"]]
    return finish_reprocess(engine, plan, chunks)


def set_active_version(engine: Engine, coder_version: str | None) -> None:
    """Which coder version the views show; None: the one that has coded the most articles. A version with no mentions
    in the database is refused (ValueError naming the ones there are)."""
    with engine.begin() as conn:
        if coder_version is not None:
            known = [r["coder_version"] for r in versions.mentions_per_version(conn)]
            if coder_version not in known:
                raise ValueError(f"no coder version {coder_version!r} in the database; known: "
                                 f"{', '.join(known) or 'none yet'}")
        versions.set_active_version(conn, coder_version)


def coder_versions(engine: Engine) -> list[dict]:
    """Each coder version with its mentions, the articles they come from, the articles it has
    coded (events found or not), whether the views show it, and whether an operator chose it."""
    with engine.connect() as conn:
        active = versions.active_coder_version(conn)
        chosen = versions.chosen_version(conn)
        coded = versions.articles_coded(conn)
        rows = versions.mentions_per_version(conn)
    return [{**dict(r), "articles_coded": coded.get(r["coder_version"], 0), "active": r["coder_version"] == active,
             "chosen": r["coder_version"] == chosen} for r in rows]


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
