"""The stages in sequence: poll a feed → fetch its new articles → store them → extract → load.

Each function takes and returns ids and counts only, so an Airflow task can call it and hand
the result on through XCom; the data itself moves through Postgres.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import asdict, dataclass, field, replace
from datetime import UTC, datetime, timedelta
from typing import Any

import psycopg
from sqlalchemy import Connection, Engine
from sqlalchemy.exc import DBAPIError

from pipeline.config import Settings, get_settings
from pipeline.model import Article, DeadLetter, FeedEntry, FeedResult
from pipeline.scheduler import BatchCoder, round_robin_by_host, run_concurrently
from pipeline.sources import FeedSource, load_sources
from pipeline.store import articles, dead_letters, feeds, load, runs, versions
from pipeline.store.clean import UnstorableValue, recorded_url, url_problem
from pipeline.store.db import get_engine, unpooled_connection
from pipeline.store.events import event_ids_of_articles
from pipeline.store.faults import database_unavailable, one_line
from pipeline.store.migrations import upgrade

log = logging.getLogger(__name__)

# Articles extracted and loaded per transaction: a crash loses at most one batch of work
# and never leaves half an article's mentions behind.
EXTRACT_BATCH = 25


# Scheduled runs start a little early or late: a back-off ending within this margin of a run's
# poll has ended.
BACKOFF_MARGIN = timedelta(minutes=1)


@dataclass
class FeedPoll:
    feed_url: str
    status: str  # ok, not_modified, error, or backoff (a failing feed left alone this time)
    entries: int = 0
    article_ids: list[int] = field(default_factory=list)
    skipped_known: int = 0  # entries already stored: by URL before fetching, or as the same story after
    dead_letters: int = 0
    duplicates: int = 0  # entries linking a URL an earlier entry of the feed already links
    deferred: int = 0  # new entries left for the next poll (entry cap or time budget)
    error: str | None = None  # why the feed could not be polled or parsed
    consecutive_failures: int = 0
    failing: bool = False
    turned_failing: bool = False  # this poll made the feed failing (notify once)
    next_poll_at: str | None = None  # ISO time; a failing feed is not polled before
    archive: str | None = None  # the dated archive page(s) a backfill read instead of the live feed

    def as_dict(self) -> dict:
        return asdict(self)

    def describe(self) -> str:
        """One line for a task log."""
        if self.archive:
            return (f"{self.feed_url}: backfill from its archive {self.archive}: {self.status}, "
                    f"{_many(self.entries, 'entry')} in the archive, {_many(len(self.article_ids), 'new article')} "
                    f"inside the run's interval, {self.skipped_known} already stored, "
                    f"{_many(self.dead_letters, 'dead letter')}" + (f" ({self.error})" if self.error else ""))
        if self.status == "backoff":
            return f"{self.feed_url}: failing, left alone until {self.next_poll_at} (last error: {self.error})"
        if self.status == "error":
            state = "failing" if self.failing else f"failing after {self.consecutive_failures} more"
            return (f"{self.feed_url}: could not be read: {self.error} "
                    f"({self.consecutive_failures} consecutive failures; {state})")
        if self.status == "not_modified":
            return f"{self.feed_url}: unchanged since the last poll (HTTP 304 Not Modified), nothing to fetch"
        return (f"{self.feed_url}: {self.status}, {_many(self.entries, 'entry')}, "
                f"{_many(len(self.article_ids), 'new article')}, {self.skipped_known} already stored, "
                f"{_many(self.dead_letters, 'dead letter')}")


@dataclass
class ExtractSummary:
    articles: int = 0
    mentions: int = 0
    mentions_added: int = 0
    mentions_removed: int = 0
    events: int = 0
    dead_letters: int = 0
    # The events the coded articles' mentions belong to, so that summaries of several batches
    # count an event once (not in as_dict: XCom carries counts, not ids).
    event_ids: set[int] = field(default_factory=set, repr=False)

    def as_dict(self) -> dict:
        return {k: v for k, v in asdict(self).items() if k != "event_ids"}

    def add(self, other: ExtractSummary) -> None:
        self.articles += other.articles
        self.mentions += other.mentions
        self.mentions_added += other.mentions_added
        self.mentions_removed += other.mentions_removed
        self.dead_letters += other.dead_letters
        self.event_ids |= other.event_ids
        self.events = len(self.event_ids)

    def describe(self) -> str:
        """One line for a task log."""
        return (f"{self.articles} articles coded, {self.mentions_added} mentions added, "
                f"{self.mentions_removed} removed, {self.events} events touched, {self.dead_letters} dead letters")


def coder_version() -> str:
    from pipeline.extract import CODER_VERSION

    return CODER_VERSION


def coder_not_shown(conn: Connection, coder: str) -> str | None:
    """Why the events ``coder`` stored are not in the views, or None when they are: the views
    show the version an operator chose, else the one that has coded the most articles, so a
    newly installed coder waits until the backlog is re-coded under it."""
    shown = versions.active_coder_version(conn)
    if shown is None or shown == coder:
        return None
    if versions.chosen_version(conn) == shown:
        return (f"the views show {shown}, chosen with coder-versions --activate; {coder}'s events are stored "
                f"beside it (coder-versions --automatic to follow the version that has coded the most articles)")
    counts = versions.articles_coded(conn)
    return (f"the views still show {shown} ({_many(counts.get(shown, 0), 'article')} coded) until {coder} "
            f"(so far {_many(counts.get(coder, 0), 'article')}) has coded as many: re-code the backlog under it "
            f"(news_reprocess, or python -m pipeline reprocess), or choose it now with coder-versions --activate")


def prepare_database(engine: Engine | None = None) -> Engine:
    engine = engine or get_engine()
    upgrade(engine)
    return engine


def start_run(engine: Engine, *, dag_id: str | None = None, run_id: str | None = None,
              interval_start: datetime | None = None, interval_end: datetime | None = None,
              coder: str | None = None, keeper: Connection | None = None) -> int:
    """Open a run's ``ingest_runs`` row, first closing as 'abandoned' the runs whose process
    died. With ``keeper`` (a connection kept open for the whole run, by a run that lives in
    one process), the run holds its session lock there: if the process dies, the next run
    sees the lock free and closes the run at once instead of after the staleness limit."""
    with engine.begin() as conn:
        abandoned = runs.abandon_dead_runs(conn, get_settings().run_stale_minutes)
    if abandoned:
        log.warning("closed runs %s as abandoned: their process is gone", ", ".join(map(str, abandoned)))

    def insert(conn: Connection) -> int:
        return runs.start_run(conn, dag_id=dag_id or "cli", run_id=run_id or f"cli-{uuid.uuid4()}",
                              coder_version=coder or coder_version(), interval_start=interval_start,
                              interval_end=interval_end, held_by_session=keeper is not None)

    if keeper is None:
        with engine.begin() as conn:
            return insert(conn)
    with keeper.begin():  # the lock is held before the row is visible to anyone
        run_pk = insert(keeper)
        runs.hold_run(keeper, run_pk)
    return run_pk


def finish_run(engine: Engine, run_pk: int, *, status: str, feed_urls: Sequence[str], extract: dict) -> dict:
    """Close the run's row; return its counts, the feeds that could not be read and one line
    saying it all. Feed outcomes come from the database, so a poll whose task failed counts."""
    # A URL that cannot be stored has no row: its poll always fails.
    unusable = [{"url": recorded_url(url), "error": f"unusable feed URL: {problem.detail}", "consecutive_failures": 0,
                 "failing": False, "skipped": False, "next_poll_at": None}
                for url in feed_urls if (problem := url_problem(url)) is not None]
    with engine.begin() as conn:
        outcomes = feeds.poll_outcomes(conn, run_pk, feed_urls)
        broken = [{"url": o["url"], "error": o["last_error"], "consecutive_failures": o["consecutive_failures"],
                   "failing": o["failing"], "skipped": not o["polled"],
                   "next_poll_at": o["next_poll_at"].isoformat() if o["next_poll_at"] else None}
                  for o in outcomes if (o["polled"] and o["last_status"] == "error") or (not o["polled"] and o["failing"])]
        broken += unusable
        counts = {
            "feeds_polled": sum(1 for o in outcomes if o["polled"]) + len(unusable),
            "feeds_failed": len(broken),
            "articles_new": runs.articles_of_run(conn, run_pk),
            "mentions": extract.get("mentions", 0),
            "events": extract.get("events", 0),
        }
        runs.finish_run(conn, run_pk, status=status, counts=counts)
        counts["dead_letters"] = runs.dead_letters_of_run(conn, run_pk)
        not_shown = coder_not_shown(conn, coder_version()) if counts["mentions"] else None
    changed = bool(counts["articles_new"] or extract.get("mentions_added") or extract.get("mentions_removed"))
    summary = describe_run(counts, broken) + (f"; {not_shown}" if not_shown else "")
    return {**counts, "mentions_added": extract.get("mentions_added", 0),
            "mentions_removed": extract.get("mentions_removed", 0), "changed": changed,
            "broken_feeds": broken, "coder_not_shown": not_shown, "summary": summary}


def describe_run(counts: Mapping[str, Any], broken: Sequence[Mapping[str, Any]]) -> str:
    """'3 feeds polled, 1 failing (http://…: HTTP 404), 12 new articles, 41 events'."""
    why = "; ".join(f"{b['url']}: {b['error'] or 'unknown error'}" + (" (backing off)" if b["skipped"] else "")
                    for b in broken)
    feeds_part = f"{_many(counts['feeds_polled'], 'feed')} polled, {len(broken)} failing" + (f" ({why})" if why else "")
    return (f"{feeds_part}, {_many(counts['articles_new'], 'new article')}, {_many(counts['events'], 'event')}, "
            f"{_many(counts.get('dead_letters', 0), 'dead letter')}")


def _many(n: int, noun: str) -> str:
    """'1 event', '2 events': the summary line is read by people (in the Airflow log)."""
    if n == 1:
        return f"{n} {noun}"
    if noun.endswith("y"):
        return f"{n} {noun[:-1]}ies"
    return f"{n} {noun}es" if noun.endswith(("ch", "s")) else f"{n} {noun}s"


def mark_run_failed(engine: Engine, dag_id: str, run_id: str) -> None:
    """Close a run's ``ingest_runs`` row as failed (Airflow's failure callback calls this)."""
    with engine.begin() as conn:
        runs.mark_run_failed(conn, dag_id, run_id)


def poll_feed(engine: Engine, source: FeedSource | str, run_pk: int | None, *, fetcher=None,  # noqa: PLR0913 - what to fetch, for which window, who hears of each article, whether back-off applies
              url_override: str | None = None,
              window: tuple[datetime, datetime] | None = None,
              on_stored: Callable[[list[int]], None] | None = None, now: bool = False) -> FeedPoll:
    """Fetch one feed and its new articles; store them. Bad input becomes dead letters.

    A failing feed in back-off is left alone (status "backoff") unless ``now`` (an operator's
    replay).

    ``url_override`` fetches another document (a dated archive) on behalf of this feed.
    ``on_stored`` is told each new article's id once the article is committed.
    """
    from pipeline.fetch import Fetcher

    if isinstance(source, str):
        source = FeedSource(url=source)
    fetch_url = url_override or source.url
    own_fetcher = fetcher is None
    fetcher = fetcher or Fetcher()
    try:
        with engine.begin() as conn:
            state = feeds.ensure_feed(conn, source.url, source.name)
        conditional = url_override is None
        if (conditional and not now and state.next_poll_at is not None
                and datetime.now(UTC) < state.next_poll_at - BACKOFF_MARGIN):
            return _backed_off(engine, source.url)
        result = fetcher.fetch_feed(fetch_url, etag=state.etag if conditional else None,
                                    last_modified=state.last_modified if conditional else None)
        poll = FeedPoll(feed_url=source.url, status=result.status, entries=len(result.entries), archive=url_override)
        fresh = _entries_to_fetch(engine, result, poll, run_pk=run_pk, window=window, fetch_url=fetch_url)
        _fetch_and_store(engine, fetcher, fresh, poll, feed_id=state.id, run_pk=run_pk, on_stored=on_stored)
        if result.status == "error":
            poll.error = result.problems[0].detail if result.problems else "unknown error"
        if conditional:
            # Only now: had the run died above, the next poll must not be answered 304 while
            # entries of this version are still unfetched; nor may it when entries were left
            # for the next poll (the validators of the last complete poll are kept).
            if poll.deferred:
                result = replace(result, etag=state.etag, last_modified=state.last_modified)
            with engine.begin() as conn:
                health = feeds.record_feed_poll(conn, state.id, result, datetime.now(UTC), run_id=run_pk,
                                                new_articles=len(poll.article_ids), policy=health_policy())
            poll.consecutive_failures, poll.failing = health.consecutive_failures, health.failing
            poll.turned_failing = health.turned_failing
            poll.next_poll_at = health.next_poll_at.isoformat() if health.next_poll_at else None
        elif run_pk is not None:  # a dated archive: the run's own record, not the feed's health
            with engine.begin() as conn:
                feeds.record_run_poll(conn, run_pk, state.id, datetime.now(UTC), status=result.status,
                                      error=poll.error, new_articles=len(poll.article_ids))
        log.log(logging.WARNING if poll.status == "error" else logging.INFO, "%s", poll.describe())
        return poll
    finally:
        if own_fetcher:
            fetcher.close()


def _entries_to_fetch(engine: Engine, result: FeedResult, poll: FeedPoll, *, run_pk: int | None,
                      window: tuple[datetime, datetime] | None, fetch_url: str) -> list[FeedEntry]:
    """The entries worth fetching this poll: each link once, not stored yet, inside the window,
    at most ``max_entries_per_feed`` (the rest counted on ``poll.deferred``, for the next poll).
    The feed's bad entries become dead letters, at most ``max_letters_per_feed`` one by one."""
    settings = get_settings()
    entries = unique_links(result.entries)
    poll.duplicates = len(result.entries) - len(entries)
    with engine.begin() as conn:
        if run_pk is not None:
            runs.heartbeat(conn, run_pk)
        letters = capped_letters(result.problems, settings.max_letters_per_feed, fetch_url)
        poll.dead_letters += dead_letters.record_dead_letters(conn, letters, run_pk)
        known = articles.known_urls(conn, (e.url for e in entries))
    fresh = [e for e in entries if e.url not in known and _in_window(e, window)]
    poll.skipped_known = len(entries) - len(fresh)
    if len(fresh) > settings.max_entries_per_feed:
        poll.deferred = len(fresh) - settings.max_entries_per_feed
        fresh = fresh[:settings.max_entries_per_feed]  # feeds list the newest first
    return fresh


def _fetch_and_store(engine: Engine, fetcher: Any, fresh: Sequence[FeedEntry], poll: FeedPoll, *,
                     feed_id: int, run_pk: int | None, on_stored: Callable[[list[int]], None] | None) -> None:
    """Fetch and store ``fresh``, each article in its own transaction (one bad page never costs
    the good ones), until the feed's time budget runs out: what is left is counted on
    ``poll.deferred``, and one dead letter says so."""
    settings = get_settings()
    deadline = time.monotonic() + settings.feed_time_budget_s
    for fetched, item in enumerate(fetcher.fetch_articles(fresh), 1):
        article_id = _store_fetched(engine, item, feed_id, poll, run_pk)
        if article_id is not None:
            poll.article_ids.append(article_id)
            if on_stored is not None:
                on_stored([article_id])
        if time.monotonic() > deadline and fetched < len(fresh):
            poll.deferred += len(fresh) - fetched  # closing the generator cancels the fetches in flight
            break
    if poll.deferred:
        with engine.begin() as conn:
            poll.dead_letters += dead_letters.record_dead_letters(
                conn, [deferred_letter(poll.feed_url, poll.deferred, settings)], run_pk)


def _store_fetched(engine: Engine, item: Article | DeadLetter, feed_id: int, poll: FeedPoll,
                   run_pk: int | None) -> int | None:
    """One fetched page in its own transaction: the new article's id, or None (already stored,
    or a dead letter, counted on ``poll``)."""
    with engine.begin() as conn:
        if isinstance(item, DeadLetter):
            poll.dead_letters += dead_letters.record_dead_letters(conn, [with_feed(item, poll.feed_url)], run_pk)
            return None
        stored = store_article(conn, item, feed_id, poll.feed_url, run_pk)
        if isinstance(stored, DeadLetter):
            poll.dead_letters += dead_letters.record_dead_letters(conn, [stored], run_pk)
            return None
        if stored is None:  # the same story under another URL (or stored by a concurrent task)
            poll.skipped_known += 1
        return stored


def unique_links(entries: Sequence[FeedEntry]) -> list[FeedEntry]:
    """The entries with the first of each link only: a feed listing one link 50 times is
    fetched once."""
    unique: dict[str, FeedEntry] = {}
    for entry in entries:
        unique.setdefault(entry.url, entry)
    return list(unique.values())


def capped_letters(problems: Sequence[DeadLetter], cap: int, feed_url: str) -> list[DeadLetter]:
    """At most ``cap`` of a feed's dead letters, and one saying how many more there were."""
    if len(problems) <= cap:
        return list(problems)
    reasons: dict[str, int] = {}
    for p in problems[cap:]:
        reasons[p.reason] = reasons.get(p.reason, 0) + 1
    summary = ", ".join(f"{n} {reason}" for reason, n in sorted(reasons.items(), key=lambda kv: -kv[1]))
    return [*problems[:cap], DeadLetter(
        "feed", feed_url, "too_many_problems",
        f"{len(problems) - cap} more bad entries in this poll, not recorded one by one "
        f"(PIPELINE_MAX_LETTERS_PER_FEED={cap}): {summary}", False, {"feed": feed_url})]


def deferred_letter(feed_url: str, deferred: int, settings: Settings) -> DeadLetter:
    return DeadLetter(
        "feed", feed_url, "over_budget",
        f"{deferred} new entries left for the next poll: at most {settings.max_entries_per_feed} entries "
        f"(PIPELINE_MAX_ENTRIES_PER_FEED) and {settings.feed_time_budget_s:g} s (PIPELINE_FEED_TIME_BUDGET) "
        "per feed per poll; the feed's ETag is not saved, so the next poll reads it in full",
        False, {"feed": feed_url})


def store_article(conn: Connection, article: Article, feed_id: int | None, feed_url: str | None,
                  run_pk: int | None) -> int | None | DeadLetter:
    """Insert one article under a savepoint: its id, None when already stored, or the dead
    letter saying why Postgres refused it (the transaction stays usable for that letter).
    A lost database is not the article's fault: that still raises."""
    try:
        with conn.begin_nested():
            return articles.insert_article(conn, article, feed_id, run_pk)
    except UnstorableValue as exc:
        reason, detail = exc.reason, exc.detail
    except DBAPIError as exc:
        if database_unavailable(exc):
            raise
        reason, detail = "store_error", one_line(exc)
    log.warning("article %.200r not stored: %s", article.url, detail)
    entry = {"url": article.url, "title": article.title,
             "published": article.published_at.isoformat() if article.published_at else None}
    return DeadLetter("article", article.url, reason, f"not stored: {detail}", False,
                      {"feed": feed_url, "entry": entry} if feed_url else {"entry": entry})


def health_policy() -> feeds.HealthPolicy:
    settings = get_settings()
    return feeds.HealthPolicy(settings.feed_failing_after, settings.feed_backoff_s, settings.feed_backoff_max_s)


def _backed_off(engine: Engine, url: str) -> FeedPoll:
    with engine.connect() as conn:
        (row,) = feeds.feed_health(conn, [url])
    poll = FeedPoll(feed_url=url, status="backoff", error=row["last_error"],
                    consecutive_failures=row["consecutive_failures"], failing=row["status"] == "failing",
                    next_poll_at=row["next_poll_at"].isoformat())
    log.info("%s", poll.describe())
    return poll


def describe_feed_list(engine: Engine, sources: Sequence[FeedSource]) -> str:
    """'3 feeds to poll, 1 failing (http://…: HTTP 404), 1 disabled' for a task log."""
    from pipeline.sources import feed_list_health

    listed = feed_list_health(engine, list(sources))
    failing = [f"{f['url']}: {f['last_error']}" for f in listed if f["status"] == "failing"]
    disabled = sum(f["status"] == "disabled" for f in listed)
    return (f"{_many(len(sources), 'feed')} to poll, {len(failing)} failing" + (f" ({'; '.join(failing)})" if failing else "")
            + (f", {disabled} disabled (no longer in the feeds file)" if disabled else ""))


def sync_feed_list(engine: Engine, sources: Sequence[FeedSource]) -> None:
    """Make the database's feeds match the feeds file (feeds left out are disabled)."""
    with engine.begin() as conn:
        feeds.sync_configured_feeds(conn, [s.url for s in sources])


def with_feed(letter: DeadLetter, feed_url: str) -> DeadLetter:
    """Remember which feed an article came from, so a replay files it under that feed."""
    if letter.payload.get("feed") == feed_url:
        return letter
    return replace(letter, payload={**letter.payload, "feed": feed_url})


def _in_window(entry: FeedEntry, window: tuple[datetime, datetime] | None) -> bool:
    if window is None or entry.published is None:
        return True
    return window[0] <= entry.published < window[1]


def archive_days(start: datetime, end: datetime) -> list[str]:
    """The archive days an interval [start, end) touches, as YYYY-MM-DD in UTC."""
    first = start.astimezone(UTC).date()
    last = (end.astimezone(UTC) - timedelta(microseconds=1)).date()
    return [(first + timedelta(days=n)).isoformat() for n in range((last - first).days + 1)]


def poll_source(engine: Engine, source: FeedSource, run_pk: int | None, *,  # noqa: PLR0913 - the run's interval and mode, and who fetches and hears of each article
                interval_start: datetime | None = None, interval_end: datetime | None = None,
                backfill: bool = False, fetcher=None,
                on_stored: Callable[[list[int]], None] | None = None) -> dict:
    """Poll a source for one run. A backfill run of a source with a dated archive reads that
    interval's archive pages instead of the live feed, keeping only entries inside the interval."""
    if not (backfill and source.archive and interval_start and interval_end):
        return poll_feed(engine, source, run_pk, fetcher=fetcher, on_stored=on_stored).as_dict()
    days = archive_days(interval_start, interval_end)
    total = FeedPoll(feed_url=source.url, status="ok", archive=", ".join(source.archive.format(date=d) for d in days))
    for day in days:
        part = poll_feed(engine, source, run_pk, fetcher=fetcher, url_override=source.archive.format(date=day),
                         window=(interval_start, interval_end), on_stored=on_stored)
        total.entries += part.entries
        total.article_ids += part.article_ids
        total.skipped_known += part.skipped_known
        total.dead_letters += part.dead_letters
        if part.status == "error":
            total.status = "error"
            total.error = f"{source.archive.format(date=day)}: {part.error}"
    if len(days) > 1:  # each page's line is logged already; the interval spans days: the sum too
        log.info("%s", total.describe())
    return total.as_dict()


# Articles a crashed run stored but never coded, picked up by the next run (bounded, so a
# large backlog drains over several runs instead of making one run slow).
UNCODED_PER_RUN = 500


def with_uncoded(engine: Engine, article_ids: Sequence[int], coder: str | None = None) -> list[int]:
    """``article_ids`` plus stored articles the coder version has not coded yet."""
    with engine.connect() as conn:
        backlog = articles.uncoded_articles(conn, coder or coder_version(), UNCODED_PER_RUN)
    return sorted(set(article_ids) | set(backlog))


def _relabel(events: Sequence[Mapping[str, Any]], version: str) -> list[dict[str, Any]]:
    return [dict(ev) if ev.get("coder_version") == version else {**ev, "coder_version": version} for ev in events]


def extract_articles(engine: Engine, article_ids: Iterable[int], run_pk: int | None = None,
                     coder: str | None = None, n_process: int = 1, *,
                     batch_size: int = EXTRACT_BATCH) -> ExtractSummary:
    """Run the coder over stored articles and load its mentions; cluster them into events.
    Each batch of ``batch_size`` articles commits on its own; ``n_process`` > 1 codes a
    batch's chunks in the coder's worker processes.

    Idempotent: the same coder version over the same articles leaves every row as it was.
    """
    from pipeline.extract import CODER_VERSION, extract_many

    # A label other than the installed coder's stages a re-coding side by side with the
    # current rows; the views show one version at a time (pipeline_settings).
    version = coder or CODER_VERSION
    ids = sorted(set(article_ids))
    summary = ExtractSummary()
    events_touched: set[int] = set()
    for start in range(0, len(ids), batch_size):
        with engine.connect() as conn:
            chunk = articles.texts_to_code(conn, ids[start:start + batch_size])
        docs = [{"doc_id": str(r.id), "text": r.text, "title": r.title,
                 "published": r.published_at.date().isoformat() if r.published_at else None} for r in chunk]
        refs = {str(r.id): load.ArticleRef(r.id, r.published_at.date() if r.published_at else None) for r in chunk}
        batch, failures = [], []
        try:
            for doc, events in extract_many(docs, n_process=n_process):
                batch.append((refs[doc["doc_id"]], _relabel(events, version)))
        except Exception as exc:  # one poisonous article must not stop the run: code them one by one
            log.warning("batch extraction failed (%s); retrying articles one at a time", exc)
            batch = []
            for doc in docs:
                try:
                    batch.extend((refs[d["doc_id"]], _relabel(evs, version)) for d, evs in extract_many([doc]))
                except Exception as one_exc:  # noqa: BLE001 - recorded as a dead letter
                    failures.append(DeadLetter(stage="extract", url=None, reason="coder_error",
                                               detail=f"article {doc['doc_id']}: {one_exc!r}",
                                               retryable=False, payload={"article_id": int(doc["doc_id"])}))
        if run_pk is not None:  # its own transaction: the load's must not hold the run's row
            with engine.begin() as conn:
                runs.heartbeat(conn, run_pk)
        events_touched |= _load_batch(engine, batch, failures, version, run_pk=run_pk, summary=summary)
    summary.event_ids = events_touched
    summary.events = len(events_touched)
    return summary


def _load_batch(engine: Engine, batch: list, failures: list[DeadLetter], version: str, *, run_pk: int | None,
                summary: ExtractSummary) -> set[int]:
    """Load a batch's mentions in one transaction and return the events they belong to. When
    Postgres refuses the batch (anything but a lost database), its articles are loaded one by
    one, and each one refused becomes a 'load' dead letter: one bad record costs one article."""
    try:
        return _load_part(engine, batch, failures, version, run_pk=run_pk, summary=summary)
    except (DBAPIError, psycopg.Error) as exc:  # COPY raises the driver's own errors
        if database_unavailable(exc):
            raise
        log.warning("loading a batch of %d articles failed (%s); loading them one at a time", len(batch), one_line(exc))
    events = _load_part(engine, [], failures, version, run_pk=run_pk, summary=summary)
    for item in batch:
        try:
            events |= _load_part(engine, [item], [], version, run_pk=run_pk, summary=summary)
        except (DBAPIError, psycopg.Error) as exc:
            if database_unavailable(exc):
                raise
            letter = DeadLetter("load", None, "load_error", f"article {item[0].id}: not loaded: {one_line(exc)}",
                                False, {"article_id": item[0].id})
            events |= _load_part(engine, [], [letter], version, run_pk=run_pk, summary=summary)
    return events


def _load_part(engine: Engine, batch: list, letters: list[DeadLetter], version: str, *, run_pk: int | None,
               summary: ExtractSummary) -> set[int]:
    with engine.begin() as conn:
        result = load.load_mentions(conn, batch, version) if batch else None
        recorded = dead_letters.record_dead_letters(conn, letters, run_pk)
        events = event_ids_of_articles(conn, [ref.id for ref, _ in batch], version) if batch else set()
    # Counted once committed: a refused batch adds nothing.
    summary.dead_letters += recorded
    summary.articles += len(batch)
    if result:
        summary.mentions += result.mentions
        summary.mentions_added += result.mentions_added
        summary.mentions_removed += result.mentions_removed
    return events


# Extraction tasks of one news_ingest run at most: enough to spread the coding over a Celery
# deployment's workers, few enough that a backlog does not flood the scheduler with tasks.
EXTRACT_TASKS = 8


def extraction_batches(engine: Engine, run_pk: int, max_batches: int = EXTRACT_TASKS) -> list[list[int]]:
    """The extract stage of a news_ingest run, split for mapped tasks: the articles run
    ``run_pk`` stored plus stored articles the installed coder has not coded yet (a run that
    died before coding them), in at most ``max_batches`` batches of at least ``EXTRACT_BATCH``
    articles. The run's articles are read from the database, not from the feed tasks' XComs: a
    feed task that failed has none, and one that failed after storing some still counts."""
    with engine.connect() as conn:
        stored = articles.articles_of_run(conn, run_pk)
    return _split(with_uncoded(engine, stored), max_batches)


def describe_extraction_plan(engine: Engine, run_pk: int, batches: Sequence[Sequence[int]]) -> str:
    """plan_extraction's line: how many articles, and why when some are not this run's (stored
    earlier and not coded yet by the installed coder: a run that died, or a new coder version)."""
    total = sum(len(b) for b in batches)
    line = f"{_many(total, 'article')} to code in {_many(len(batches), 'batch')}"
    with engine.connect() as conn:
        own = len(articles.articles_of_run(conn, run_pk))
    earlier = total - own
    if earlier > 0:
        line += (f": {own} stored by this run, {earlier} stored earlier and not yet coded by {coder_version()} "
                 f"(at most {UNCODED_PER_RUN} such per run)")
    return line


def _split(ids: list[int], max_batches: int) -> list[list[int]]:
    if not ids:
        return []
    count = max(1, min(max_batches, len(ids) // EXTRACT_BATCH))
    size = -(-len(ids) // count)
    return [ids[start:start + size] for start in range(0, len(ids), size)]


def summarise_extraction(engine: Engine, batches: Sequence[Sequence[int]], summaries: Sequence[Mapping[str, Any]],
                         coder: str | None = None) -> ExtractSummary:
    """One summary of extraction batches coded separately (mapped tasks): counts added up,
    events counted once however many batches mention them."""
    total = ExtractSummary()
    for part in summaries:
        total.add(ExtractSummary(**{k: v for k, v in part.items() if k not in ("events", "event_ids")}))
    ids = [article_id for batch in batches for article_id in batch]
    if ids:
        with engine.connect() as conn:
            total.event_ids = event_ids_of_articles(conn, ids, coder or coder_version())
    total.events = len(total.event_ids)
    return total


def poll_and_extract(engine: Engine, sources: Sequence[FeedSource], run_pk: int | None, *,
                     settings=None) -> tuple[list[dict], ExtractSummary]:
    """The CLI's ingest run: every feed polled concurrently through one ``Fetcher`` (its
    client keeps each host's politeness), and the articles coded in batches as they are
    stored, together with the stored articles no run has coded yet.

    Returns the polls (in the order of ``sources``) and the extraction's summary. A feed that
    fails is its own dead letter (``poll_isolated``); a lost database stops new feeds from
    starting, and is raised once the running ones are done and what they stored is coded (or
    left for the next run: ETags are recorded only after a feed's articles are stored).
    """
    from pipeline.extract.runner import start_pool
    from pipeline.fetch import Fetcher

    settings = settings or get_settings()
    n_process = max(1, settings.coder_processes)
    if settings.coder_processes > 0:
        # Forked before this run starts any thread; the workers load the model while it fetches.
        start_pool(n_process)
    summary = ExtractSummary()
    counting = threading.Lock()

    def code(ids: list[int]) -> None:
        part = extract_articles(engine, ids, run_pk, n_process=n_process)
        with counting:
            summary.add(part)

    # One batch more than there are coder workers: a batch is coded while another one loads.
    coder = BatchCoder(code, EXTRACT_BATCH, workers=n_process + 1)
    started = time.monotonic()
    try:
        coder.add(with_uncoded(engine, []))
        unique: dict[str, FeedSource] = {}
        for source in sources:
            unique.setdefault(source.url, source)
        ordered = round_robin_by_host(list(unique.values()), lambda s: s.url)
        with Fetcher(settings) as fetcher:
            polls = run_concurrently(
                ordered, lambda s: poll_isolated(engine, s, run_pk, fetcher, on_stored=coder.add),
                settings.feed_concurrency)
        log.info("%s polled in %.1f s; %s coded so far", _many(len(polls), "feed"), time.monotonic() - started,
                 _many(summary.articles, "article"))
    finally:
        coder.close()
    log.info("%d articles coded, %d mentions, %.1f s after polling started", summary.articles, summary.mentions,
             time.monotonic() - started)
    by_url = {p["feed_url"]: p for p in polls}
    return [by_url[s.url] for s in sources], summary


def poll_isolated(engine: Engine, source: FeedSource, run_pk: int | None, fetcher,
                  on_stored: Callable[[list[int]], None] | None = None) -> dict:
    """``poll_feed``, but a failure of this feed (anything but a lost database) becomes its
    dead letter and an "error" poll, so the other feeds are still polled."""
    try:
        return poll_feed(engine, source, run_pk, fetcher=fetcher, on_stored=on_stored).as_dict()
    except Exception as exc:
        if database_unavailable(exc):
            raise
        log.exception("feed %.200r failed; going on with the next feed", source.url)
        reason = exc.reason if isinstance(exc, UnstorableValue) else "internal_error"
        letter = DeadLetter("feed", source.url, reason, f"feed poll failed: {one_line(exc)}", True,
                            {"feed": source.url})
        with engine.begin() as conn:
            recorded = dead_letters.record_dead_letters(conn, [letter], run_pk)
        return FeedPoll(feed_url=source.url, status="error", dead_letters=recorded, error=letter.detail).as_dict()


def ingest(sources: Sequence[FeedSource] | None = None, *, engine: Engine | None = None,
           dag_id: str | None = None, run_id: str | None = None) -> dict:
    """Poll every feed and extract and load what they bring; return the run's counts."""
    engine = prepare_database(engine)
    configured = sources is None
    sources = list(sources) if sources is not None else load_sources()
    if configured:
        sync_feed_list(engine, sources)
    polls: list[dict] = []
    extract = ExtractSummary()
    feed_urls = [s.url for s in sources]
    settings = get_settings()
    if settings.coder_processes > 0:
        from pipeline.extract.runner import start_pool

        # The coder's workers are forked first: a worker that inherited the run's lock
        # connection would keep the run looking alive after this process is killed.
        start_pool(max(1, settings.coder_processes))
    # Closing it (at exit, or by the process dying) releases the run's session lock.
    with unpooled_connection(engine) as keeper:
        run_pk = start_run(engine, dag_id=dag_id, run_id=run_id, keeper=keeper)
        try:
            polls, extract = poll_and_extract(engine, sources, run_pk)
        except BaseException:
            close_failed_run(engine, run_pk, feed_urls, extract)
            raise
        counts = finish_run(engine, run_pk, status="success", feed_urls=feed_urls, extract=extract.as_dict())
    return {"run_id": run_pk, "status": "success", **counts, "feeds": polls}


def close_failed_run(engine: Engine, run_pk: int, feed_urls: Sequence[str], extract: ExtractSummary) -> None:
    """Record the run as failed, if the database still answers; the error being raised is what
    the operator needs to see, so a second one here is only logged (the next run closes the
    row as abandoned instead)."""
    try:
        finish_run(engine, run_pk, status="failed", feed_urls=feed_urls, extract=extract.as_dict())
    except Exception as exc:  # noqa: BLE001 - the original error is re-raised by the caller
        log.warning("run %s could not be marked failed: %s", run_pk, one_line(exc))
