"""What a load leaves in the database, with surrogate ids replaced by the natural keys they
stand for, so that two databases loaded in different ways (or different orders) compare equal
when they hold the same facts."""

from __future__ import annotations

from sqlalchemy import Connection, text

_ACTOR = "(SELECT ARRAY[a.kind, a.name_key, coalesce(a.country_code, '')] FROM actors a WHERE a.id = {c})"
_ACTORS = ("(SELECT coalesce(array_agg(a.kind || '/' || a.name_key || '/' || coalesce(a.country_code, '') "
           "ORDER BY o), '{{}}') FROM unnest({c}) WITH ORDINALITY AS x (id, o) JOIN actors a ON a.id = x.id)")
_MENTION = "(SELECT ARRAY[ar.url, m2.mention_key] FROM event_mentions m2 JOIN articles ar ON ar.id = m2.article_id " \
           "WHERE m2.id = {c})"

QUERIES = {
    "event_mentions": f"""
        SELECT ar.url, m.coder_version, m.mention_key, m.event_key, e.event_key AS event_of, m.event_type,
               m.event_date, m.date_precision, m.status, m.location, m.destination, m.destination_code, m.quote,
               m.evidence_text, m.evidence_start, m.evidence_end, m.confidence, m.cameo_code, m.plover_code,
               m.party_codes, m.payload::text, {_ACTORS.format(c='m.actor_ids')} AS actors, m.actor_roles
        FROM event_mentions m JOIN articles ar ON ar.id = m.article_id LEFT JOIN events e ON e.id = m.event_id""",
    "events": f"""
        SELECT e.coder_version, e.event_key, e.event_type, e.event_date, e.date_precision, e.reported_date, e.day,
               e.status, e.location, e.destination, e.destination_code, e.party_codes,
               {_ACTORS.format(c='e.actor_ids')} AS actors, e.actor_roles, {_ACTOR.format(c='e.speaker_id')},
               e.quote, e.evidence, e.confidence, e.cameo_code, e.plover_code, e.num_mentions, e.num_articles,
               e.num_sources, e.outlets, e.first_seen, e.last_seen,
               (SELECT url FROM articles WHERE id = e.first_article_id), {_MENTION.format(c='e.best_mention_id')},
               e.search::text
        FROM events e""",
    "actors": "SELECT kind, name_key, country_code, name FROM actors",
    "actor_aliases": f"SELECT {_ACTOR.format(c='al.actor_id')}, alias, alias_key, kind, country_code "
                     "FROM actor_aliases al",
    "parties": "SELECT code, name, kind FROM parties",
    "coder_versions": "SELECT coder_version FROM coder_versions",
    "article_codings": "SELECT ar.url, c.coder_version, c.mentions FROM article_codings c "
                       "JOIN articles ar ON ar.id = c.article_id",
    "daily_event_counts": "SELECT coder_version, day, event_type, events, mentions, articles FROM daily_event_counts",
    "daily_party_counts": "SELECT coder_version, day, event_type, party_code, events FROM daily_party_counts",
}


def database_content(conn: Connection) -> dict[str, list[tuple]]:
    """Every row a load writes, as sorted tuples of natural keys and values."""
    return {table: sorted((tuple(row) for row in conn.execute(text(query))), key=repr)
            for table, query in QUERIES.items()}
