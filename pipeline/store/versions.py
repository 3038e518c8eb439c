"""Coder versions side by side: which one the views show, what each holds, retiring one."""

from __future__ import annotations

from sqlalchemy import Connection, RowMapping, text


def active_coder_version(conn: Connection) -> str | None:
    """The version the views show: the one an operator chose, else the one that has coded the
    most articles (the most recently introduced among equals; sql/013)."""
    return conn.execute(text("SELECT active_coder_version()")).scalar()


def chosen_version(conn: Connection) -> str | None:
    """The version an operator chose (``coder-versions --activate``), if any."""
    return conn.execute(text("SELECT active_coder_version FROM pipeline_settings")).scalar()


def articles_coded(conn: Connection) -> dict[str, int]:
    """Per coder version: the articles it has coded, events found or not (kept by triggers)."""
    return dict(conn.execute(text("SELECT coder_version, articles_coded FROM coder_versions")).tuples().all())


def set_active_version(conn: Connection, coder_version: str | None) -> None:
    conn.execute(text("UPDATE pipeline_settings SET active_coder_version = :v"), {"v": coder_version})


def mentions_per_version(conn: Connection) -> list[RowMapping]:
    """Per coder version in ``event_mentions``: its mentions and the articles they come from."""
    return list(conn.execute(text(
        """SELECT coder_version, count(*) AS mentions, count(DISTINCT article_id) AS articles
           FROM event_mentions GROUP BY 1 ORDER BY 1""")).mappings().all())


def delete_version(conn: Connection, coder_version: str) -> tuple[int, int]:
    """Delete a version's mentions, events, codings and daily counts, and the actors no mention
    names any more (with their aliases); return (mentions, events) deleted. Call under the load
    lock (``clustering.lock``)."""
    params = {"v": coder_version}
    mentions = conn.execute(text("DELETE FROM event_mentions WHERE coder_version = :v"), params).rowcount
    events = conn.execute(text("DELETE FROM events WHERE coder_version = :v"), params).rowcount
    conn.execute(text("DELETE FROM article_codings WHERE coder_version = :v"), params)
    conn.execute(text("DELETE FROM coder_versions WHERE coder_version = :v"), params)
    conn.execute(text("DELETE FROM daily_event_counts WHERE coder_version = :v"), params)
    conn.execute(text("DELETE FROM daily_party_counts WHERE coder_version = :v"), params)
    # One pass over the mentions (an event's actors are its mentions' actors).
    conn.execute(text("""DELETE FROM actors a WHERE NOT EXISTS (
                             SELECT 1 FROM (SELECT DISTINCT unnest(actor_ids) AS id FROM event_mentions) named
                             WHERE named.id = a.id)"""))
    return mentions, events
