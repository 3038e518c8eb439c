"""The ``articles`` table: storing fetched articles once (by URL, canonical URL, content hash,
near-duplicate text) and the questions the stages ask about them."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import UTC, date, datetime, time, timedelta

from sqlalchemy import Connection, Row, text

from pipeline.model import Article
from pipeline.store.clean import clean_text, key_url, url_problem

# Two texts whose SimHash differs in at most this many of 64 bits are the same story. News
# copy is short: a syndicated copy with a changed attribution line and a credit line lands
# 5-10 bits from the original, unrelated stories about 32 (a chance match at <= 10 bits is
# ~1e-8 per pair).
NEAR_DUPLICATE_BITS = 10
# Syndicated copies appear within days of the original; comparing against older articles
# would only make every insert scan the whole table.
NEAR_DUPLICATE_WINDOW_DAYS = 14


# Seeds the advisory-lock keys taken per canonical URL, apart from other advisory locks.
_CANONICAL_LOCK_SEED = 8_310_008


def known_urls(conn: Connection, urls: Iterable[str]) -> set[str]:
    # A URL that cannot be stored cannot be known either (and must not reach the query).
    urls = [u for u in set(urls) if url_problem(u) is None]
    if not urls:
        return set()
    rows = conn.execute(
        text("SELECT url FROM articles WHERE url = ANY(:u) UNION SELECT canonical_url FROM articles WHERE canonical_url = ANY(:u)"),
        {"u": urls},
    )
    return {r[0] for r in rows}


def insert_article(conn: Connection, article: Article, feed_id: int | None, run_id: int | None) -> int | None:
    """Store one article; None when it (or an exact copy of its text) is already stored.

    Raises :class:`~pipeline.store.clean.UnstorableValue` for a URL that cannot be a key (NUL,
    over the length cap); free text is cleaned of control characters.
    """
    url, canonical = key_url(article.url), key_url(article.canonical_url)
    # Two feed tasks may store the same story at the same moment. The content hash is unique
    # (sql/009), so a second copy of the text is refused by the insert below; the same
    # canonical URL with another text is serialised here, so the check sees the first copy.
    conn.execute(text("SELECT pg_advisory_xact_lock(hashtextextended(:canon, :ns))"),
                 {"canon": canonical, "ns": _CANONICAL_LOCK_SEED})
    exists = conn.execute(
        text("""SELECT id FROM articles
                WHERE url = :url OR canonical_url = :canon OR content_hash = :hash LIMIT 1"""),
        {"url": url, "canon": canonical, "hash": article.content_hash},
    ).first()
    if exists:
        return None
    near = None
    if article.simhash is not None:
        near = conn.execute(
            text("""SELECT id FROM articles
                    WHERE simhash IS NOT NULL
                      AND fetched_at > now() - make_interval(days => :days)
                      AND bit_count((simhash # :h)::bit(64)) <= :bits
                    ORDER BY id LIMIT 1"""),
            {"h": article.simhash, "bits": NEAR_DUPLICATE_BITS, "days": NEAR_DUPLICATE_WINDOW_DAYS},
        ).scalar()
    return conn.execute(
        text("""INSERT INTO articles (url, canonical_url, feed_id, source, title, author, published_at,
                                      language, text, content_hash, simhash, near_duplicate_of, ingest_run_id)
                VALUES (:url, :canon, :feed, :source, :title, :author, :pub, :lang, :text, :hash, :sim, :near, :run)
                ON CONFLICT DO NOTHING
                RETURNING id"""),
        {"url": url, "canon": canonical, "feed": feed_id, "source": clean_text(article.source),
         "title": clean_text(article.title), "author": clean_text(article.author), "pub": article.published_at,
         "lang": clean_text(article.language), "text": clean_text(article.text), "hash": article.content_hash,
         "sim": article.simhash, "near": near, "run": run_id},
    ).scalar()


def texts_to_code(conn: Connection, article_ids: Sequence[int]) -> list[Row]:
    """What the coder reads of these articles (id, title, text, published_at), by id."""
    return list(conn.execute(
        text("SELECT id, title, text, published_at FROM articles WHERE id = ANY(:ids) ORDER BY id"),
        {"ids": list(article_ids)}).all())


def articles_of_run(conn: Connection, run_id: int) -> list[int]:
    """The articles an ingest run stored."""
    return list(conn.execute(text("SELECT id FROM articles WHERE ingest_run_id = :r ORDER BY id"),
                             {"r": run_id}).scalars())


def uncoded_articles(conn: Connection, coder_version: str, limit: int) -> list[int]:
    """Stored articles this coder version has not coded yet, oldest first."""
    return list(conn.execute(
        text("""SELECT a.id FROM articles a
                WHERE NOT EXISTS (SELECT 1 FROM article_codings c
                                  WHERE c.article_id = a.id AND c.coder_version = :v)
                ORDER BY a.id LIMIT :n"""), {"v": coder_version, "n": limit}).scalars())


def _utc_midnight(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def articles_published_between(conn: Connection, since: date, until: date,
                               feeds: Sequence[str] | None = None) -> list[int]:
    """Stored articles published from ``since`` to ``until`` inclusive (UTC days; fetch time
    when the date is unknown), optionally only those of the given feed URLs."""
    return list(conn.execute(
        text("""SELECT a.id FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
                WHERE coalesce(a.published_at, a.fetched_at) >= :start
                  AND coalesce(a.published_at, a.fetched_at) < :end
                  AND (cast(:feeds AS text[]) IS NULL OR f.url = ANY(cast(:feeds AS text[])))
                ORDER BY a.id"""),
        {"start": _utc_midnight(since), "end": _utc_midnight(until + timedelta(days=1)),
         "feeds": list(feeds) if feeds else None}).scalars())


def articles_per_day(conn: Connection, since: date, until: date,
                     feeds: Sequence[str] | None = None) -> list[tuple[date, int]]:
    """(UTC day, stored articles) for each day from ``since`` to ``until`` that has any, in
    order: the same articles :func:`articles_published_between` selects, counted by day."""
    rows = conn.execute(
        text("""SELECT (coalesce(a.published_at, a.fetched_at) AT TIME ZONE 'UTC')::date AS day, count(*)
                FROM articles a LEFT JOIN feeds f ON f.id = a.feed_id
                WHERE coalesce(a.published_at, a.fetched_at) >= :start
                  AND coalesce(a.published_at, a.fetched_at) < :end
                  AND (cast(:feeds AS text[]) IS NULL OR f.url = ANY(cast(:feeds AS text[])))
                GROUP BY 1 ORDER BY 1"""),
        {"start": _utc_midnight(since), "end": _utc_midnight(until + timedelta(days=1)),
         "feeds": list(feeds) if feeds else None})
    return [(day, count) for day, count in rows]
