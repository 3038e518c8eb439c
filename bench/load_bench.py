"""Loader throughput: mentions per second through the real load path (``load_mentions``: binary
COPY of actor names and mentions, actor identity, set-based merges, clustering and daily counts), against the
same mentions inserted one row at a time through the SQLAlchemy ORM, in the same database.

The mentions are the coder's real output on the project's own articles (the sample site and
the gold documents), reprinted by three outlets (so mentions cluster into events as syndicated
news does) over many days (dates shifted, so each day's meetings, visits and signings are new
ones; a statement's event has no day, so each edition's quotes join the events of the earlier
editions, as a quote repeated for a month would).

``load_copy_only_rows_per_s`` is the floor under any loader of the same mentions in the same
run: staging and binary COPY into ``event_mentions`` alone (no identity, events or counts);
``load_share_of_copy_only`` is the real path's speed as a share of it.

Batch sizes are the real path's: ``load_rows_per_s`` loads ``RECODE_BATCH`` articles per call,
what a re-coding (``pipeline reprocess``, ``news_reprocess``) loads per transaction;
``load_rows_per_s_ingest_batch`` loads ``EXTRACT_BATCH``, what an ingest run loads per
transaction as articles are coded.
"""

from __future__ import annotations

import gc
import hashlib
import json
import re
import time
from datetime import UTC, date, datetime, timedelta

from sqlalchemy import BigInteger, Float, Integer, String, create_engine, text
from sqlalchemy.dialects.postgresql import ARRAY, JSON
from sqlalchemy.orm import DeclarativeBase, Mapped, Session, mapped_column

from bench.corpus import own_texts
from pipeline.ingest import EXTRACT_BATCH
from pipeline.reprocess import RECODE_BATCH
from pipeline.store import load, staging
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade

OUTLETS = 3  # each article reprinted by this many outlets: ~3 mentions per event
EDITIONS = 30  # copies of the corpus, each a day later: ~30,000 mentions in all
BATCH_ARTICLES = RECODE_BATCH  # articles per load_mentions call when re-coding
INGEST_BATCH_ARTICLES = EXTRACT_BATCH  # articles per load_mentions call when ingesting
UNDATED_DOCS_DAY = "2026-11-24"
_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")


class _Base(DeclarativeBase):
    pass


class NaiveMention(_Base):
    """event_mentions as a plain ORM mapping: the way a first loader would be written."""

    __tablename__ = "event_mentions"
    id: Mapped[int] = mapped_column(BigInteger, primary_key=True)
    article_id: Mapped[int] = mapped_column(BigInteger)
    coder_version: Mapped[str] = mapped_column(String)
    mention_key: Mapped[str] = mapped_column(String)
    event_key: Mapped[str] = mapped_column(String)
    event_type: Mapped[str] = mapped_column(String)
    event_date: Mapped[date | None]
    date_precision: Mapped[str] = mapped_column(String)
    status: Mapped[str] = mapped_column(String)
    location: Mapped[str | None] = mapped_column(String)
    destination: Mapped[str | None] = mapped_column(String)
    destination_code: Mapped[str | None] = mapped_column(String)
    quote: Mapped[str | None] = mapped_column(String)
    evidence_text: Mapped[str] = mapped_column(String)
    evidence_start: Mapped[int] = mapped_column(Integer)
    evidence_end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    cameo_code: Mapped[str | None] = mapped_column(String)
    plover_code: Mapped[str | None] = mapped_column(String)
    party_codes: Mapped[list[str]] = mapped_column(ARRAY(String))
    payload: Mapped[dict] = mapped_column(JSON)


def _shift(events: list[dict], days: int) -> list[dict]:
    out = []
    for ev in events:
        d = ev.get("date")
        if d and _DATE.match(d):
            ev = {**ev, "date": (date.fromisoformat(d) + timedelta(days=days)).isoformat()}
        out.append(ev)
    return out


def _coded_corpus() -> list[tuple[dict, list[dict]]]:
    from pipeline.extract import extract_many

    docs = own_texts()
    return [(doc, events) for doc, events in extract_many(docs) if events]


def _articles(engine, corpus) -> list[tuple[load.ArticleRef, list[dict]]]:
    rows, batch = [], []
    for edition in range(EDITIONS):
        for outlet in range(OUTLETS):
            for doc, events in corpus:
                # A few gold documents carry no date: they count as published on the sample's first day.
                first = datetime.fromisoformat(doc["published"] or UNDATED_DOCS_DAY).replace(tzinfo=UTC)
                published = first + timedelta(days=edition)
                url = f"http://outlet{outlet}.test/{edition}/{doc['doc_id']}"
                rows.append((url, f"outlet{outlet}.test", published, hashlib.sha256(url.encode()).hexdigest()))
                batch.append((published.date(), _shift(events, edition)))
    with engine.begin() as conn:
        ids = conn.execute(text(
            """INSERT INTO articles (url, canonical_url, source, published_at, text, content_hash)
               SELECT u, u, s, p, 'text', h
               FROM unnest(cast(:u AS text[]), cast(:s AS text[]), cast(:p AS timestamptz[]), cast(:h AS text[]))
                    AS x (u, s, p, h)
               RETURNING id"""),
            {"u": [r[0] for r in rows], "s": [r[1] for r in rows], "p": [r[2] for r in rows],
             "h": [r[3] for r in rows]}).scalars().all()
    return [(load.ArticleRef(i, pub), evs) for i, (pub, evs) in zip(ids, batch, strict=True)]


def _load_real(engine, articles, batch_articles: int) -> float:
    started = time.perf_counter()
    for start in range(0, len(articles), batch_articles):
        with engine.begin() as conn:
            load.load_mentions(conn, articles[start:start + batch_articles], "bench")
    return time.perf_counter() - started


def _load_naive(engine, articles) -> float:
    started = time.perf_counter()
    with Session(engine) as session:
        for ref, events in articles:
            for row in staging.stage_rows([(ref, events)], "naive").mentions:
                values = dict(zip(staging.MENTION_COLUMNS, row, strict=True))  # the id comes from the sequence
                values["payload"] = json.loads(values["payload"])
                session.add(NaiveMention(**values))
                session.flush()  # one INSERT per mention
        session.commit()
    return time.perf_counter() - started


def _copy_only(engine, articles, batch_articles: int) -> float:
    """The floor under any loader of these mentions: each batch staged and binary-COPYed into
    ``event_mentions`` (its indexes and constraints as they are) in its own transaction, with no
    actor identity, no events and no counts. The mentions are deleted again afterwards."""
    next_id = 1 + 10**12  # ids far from the sequence's, so no load's ids are reused
    started = time.perf_counter()
    for start in range(0, len(articles), batch_articles):
        gc.disable()  # as load_mentions does
        try:
            with engine.begin() as conn:
                staged = staging.stage_rows(articles[start:start + batch_articles], "copy-only")
                rows = []
                for row, actors in zip(staged.mentions, staged.actors, strict=True):
                    rows.append((next_id, *row[:load._PARTY_CODES], load._text_array(tuple(row[load._PARTY_CODES])),
                                 *row[load._PARTY_CODES + 1:], None, load._int8_array(range(len(actors))),
                                 load._text_array(tuple(a[3] for a in actors))))
                    next_id += 1
                load._copy_binary(conn, "event_mentions", load._MENTION_COLS, load._MENTION_TYPES, rows)
        finally:
            gc.enable()
    elapsed = time.perf_counter() - started
    with engine.begin() as conn:
        conn.execute(text("DELETE FROM event_mentions WHERE coder_version = 'copy-only'"))
    return elapsed


CROWD_ACTORS = 50_000  # people already known when a batch arrives: identity's rules scan them


def _load_among_many_actors(engine, articles) -> float:
    """The ingest-batch load again, into a database that already knows CROWD_ACTORS people (a
    fifth of them without a party code), as after years of news: identity's cost at scale."""
    with engine.begin() as conn:
        for table in ("event_mentions", "events", "daily_event_counts", "daily_party_counts", "article_codings"):
            conn.execute(text(f"DELETE FROM {table}"))
        conn.execute(text(
            """INSERT INTO actors (name, name_key, kind, country_code)
               SELECT 'Given' || g || ' Middle' || (g % 97) || ' Family' || (g % 4999),
                      'given' || g || ' middle' || (g % 97) || ' family' || (g % 4999), 'person',
                      CASE WHEN g % 5 <> 0 THEN (ARRAY['USA', 'RUS', 'CHN', 'IND', 'KEN', 'BRA', 'FRA', 'DEU'])[1 + g % 8] END
               FROM generate_series(1, :n) g"""), {"n": CROWD_ACTORS})
        conn.execute(text("ANALYZE actors"))
    return _load_real(engine, articles, INGEST_BATCH_ARTICLES)


def run() -> dict[str, float]:
    corpus = _coded_corpus()
    with temporary_database("pipeline_bench") as url:
        engine = create_engine(url)
        try:
            upgrade(engine)
            articles = _articles(engine, corpus)
            n = sum(len(staging.stage_rows([a], "x").mentions) for a in articles)
            real = _load_real(engine, articles, BATCH_ARTICLES)
            with engine.connect() as conn:
                events = conn.execute(text("SELECT count(*) FROM events WHERE coder_version = 'bench'")).scalar_one()
                stored = conn.execute(text(
                    "SELECT count(*) FROM event_mentions WHERE coder_version = 'bench'")).scalar_one()
            assert stored == n, (stored, n)
            # Re-running the same coder output over the same articles writes nothing.
            again = _load_real(engine, articles, BATCH_ARTICLES)
            with engine.begin() as conn:
                conn.execute(text("DELETE FROM event_mentions WHERE coder_version = 'bench'"))
                conn.execute(text("DELETE FROM events WHERE coder_version = 'bench'"))
                conn.execute(text("DELETE FROM daily_event_counts"))
                conn.execute(text("DELETE FROM daily_party_counts"))
                conn.execute(text("DELETE FROM article_codings"))
            small = _load_real(engine, articles, INGEST_BATCH_ARTICLES)
            floor = _copy_only(engine, articles, BATCH_ARTICLES)
            naive = _load_naive(engine, articles)
            crowded = _load_among_many_actors(engine, articles)
        finally:
            engine.dispose()
    return {
        "load_mentions": n,
        "load_events": events,
        "load_batch_articles": BATCH_ARTICLES,
        "load_rows_per_s": n / real,
        "load_rows_per_s_ingest_batch": n / small,
        "load_unchanged_rows_per_s": n / again,
        "load_naive_rows_per_s": n / naive,
        "load_ratio_vs_naive": naive / real,
        "load_copy_only_rows_per_s": n / floor,
        "load_share_of_copy_only": floor / real,
        "load_rows_per_s_ingest_batch_among_actors": n / crowded,
        "load_among_actors": CROWD_ACTORS,
        "load_ratio_among_actors": crowded / small,
    }
