"""Questions about clustered events (the clustering itself is in ``load.py``)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sqlalchemy import Connection, text


def event_ids_of_articles(conn: Connection, article_ids: Sequence[int], coder_version: str) -> set[int]:
    """The events these articles' mentions (under this coder version) belong to."""
    return set(conn.execute(
        text("""SELECT DISTINCT event_id FROM event_mentions
                WHERE article_id = ANY(:ids) AND coder_version = :v AND event_id IS NOT NULL"""),
        {"ids": list(article_ids), "v": coder_version}).scalars())


def event_keys_published_between(conn: Connection, coder_version: str, since: date, until: date) -> list[str]:
    """Event keys with a mention in an article published from ``since`` to ``until`` inclusive
    (UTC; fetch time when the date is unknown)."""
    return list(conn.execute(
        text("""SELECT DISTINCT m.event_key FROM event_mentions m JOIN articles a ON a.id = m.article_id
                WHERE m.coder_version = :v
                  AND coalesce(a.published_at, a.fetched_at) >= :start
                  AND coalesce(a.published_at, a.fetched_at) < :end"""),
        {"v": coder_version, "start": since, "end": until + timedelta(days=1)}).scalars())
