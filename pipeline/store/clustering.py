"""Events from mentions, and the daily counts over events, recomputed in SQL for exactly the
events a load touched (``touched_events_v1``: each key with its event's id, drawn by the load
for a new event), in the load's transaction.

An event's row is a function of its mentions (the batch's new ones are already stored, each
with its event's id): counts, first/last seen,
the clearest mention's fields, the union of parties, and the actors, each person once with
their strongest role. The daily counts of every (version, day, type) group those events
left or entered are then recounted from ``events``.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import Connection, text

from pipeline.store.db import Statement

# Advisory lock held by every load, re-clustering and prune until commit: clustering, actor
# identity and the counts are computed from committed rows, so two loads must not interleave.
# Loading is two orders of magnitude faster than coding, so workers never wait long.
LOAD_LOCK = 7_441_002

TEMP_DDL = (
    """CREATE TEMP TABLE IF NOT EXISTS touched_events_v1 (
           coder_version text NOT NULL, event_key text NOT NULL, event_id bigint,
           PRIMARY KEY (coder_version, event_key)
       ) ON COMMIT DELETE ROWS""",
    """CREATE TEMP TABLE IF NOT EXISTS touched_groups_v1 (
           coder_version text NOT NULL, day date NOT NULL, event_type text NOT NULL
       ) ON COMMIT DELETE ROWS""",
)

# Role kept when one actor appears in several roles across an event's mentions.
_ROLE_RANK = "array_position(ARRAY['speaker', 'visitor', 'host', 'signatory', 'participant'], {r})"

# Every statement below is driven by the touched events' ids through index look-ups
# (``= ANY(ARRAY(…))``, ``LATERAL … LIMIT 1``), never by a scan of ``events`` or
# ``event_mentions``: a batch costs what it touches, however large the tables and however stale
# their statistics.
_TOUCHED_IDS = "ARRAY(SELECT event_id FROM touched_events_v1{where})"
_GROUPS_OF_TOUCHED = text(f"""
INSERT INTO touched_groups_v1 (coder_version, day, event_type)
SELECT coder_version, day, event_type FROM events WHERE id = ANY({_TOUCHED_IDS.format(where='')})""")

_OF_VERSION = _TOUCHED_IDS.format(where=" WHERE coder_version = :v")
_UPSERT_EVENTS = text(f"""
WITH old AS MATERIALIZED (
    SELECT e.id, e.quote, e.evidence, e.search FROM events e WHERE e.id = ANY({_OF_VERSION})
), m AS MATERIALIZED (
    -- Only what the aggregates read: the clearest mention's text is fetched for it alone (best).
    SELECT em.id, em.event_id, em.article_id, em.event_key, em.event_type, em.confidence, em.party_codes,
           em.actor_ids, em.actor_roles
    FROM event_mentions em WHERE em.event_id = ANY({_OF_VERSION})
), agg AS MATERIALIZED (
    SELECT m.event_id, m.event_key,
           min(m.event_type)                                                  AS event_type,
           count(*)                                                           AS num_mentions,
           count(DISTINCT m.article_id)                                       AS num_articles,
           count(DISTINCT coalesce(a.source, a.url))                          AS num_sources,
           min(coalesce(a.published_at, a.fetched_at))                        AS first_seen,
           max(coalesce(a.published_at, a.fetched_at))                        AS last_seen,
           (array_agg(m.id ORDER BY m.confidence DESC, m.article_id, m.id))[1] AS best_mention_id,
           (array_agg(a.id ORDER BY coalesce(a.published_at, a.fetched_at), a.id))[1] AS first_article_id,
           coalesce(array_agg(DISTINCT a.source ORDER BY a.source) FILTER (WHERE a.source IS NOT NULL), '{{}}')
                                                                              AS outlets
    FROM m CROSS JOIN LATERAL (SELECT id, source, url, published_at, fetched_at FROM articles
                               WHERE id = m.article_id LIMIT 1) a
    GROUP BY m.event_id, m.event_key
), best AS (
    SELECT em.id, em.event_date, em.date_precision, em.status, em.location, em.destination, em.destination_code,
           em.quote, em.evidence_text, em.confidence, em.cameo_code, em.plover_code
    FROM event_mentions em WHERE em.id = ANY(ARRAY(SELECT best_mention_id FROM agg))
), roles AS (
    SELECT m.event_key, x.id, min({_ROLE_RANK.format(r='x.role')}) AS rank
    FROM m CROSS JOIN LATERAL unnest(m.actor_ids, m.actor_roles) AS x (id, role)
    GROUP BY m.event_key, x.id
), parties AS (
    -- The parties the coder gave, and the party of every actor (a speaker the article names
    -- without a country still acts for the one identity or the dictionary knows).
    SELECT event_key, array_agg(DISTINCT p ORDER BY p) AS codes
    FROM (SELECT m.event_key, p FROM m CROSS JOIN LATERAL unnest(m.party_codes) AS p
          UNION ALL
          SELECT r.event_key, ac.country_code FROM roles r
          CROSS JOIN LATERAL (SELECT country_code FROM actors WHERE id = r.id LIMIT 1) ac
          WHERE ac.country_code IS NOT NULL) x
    GROUP BY event_key
), cast_list AS (
    -- People when the coder named any; otherwise the states and organisations.
    SELECT r.event_key, r.id, r.rank, ac.kind, ac.name,
           bool_or(ac.kind = 'person') OVER (PARTITION BY r.event_key) AS has_people
    FROM roles r CROSS JOIN LATERAL (SELECT kind, name FROM actors WHERE id = r.id LIMIT 1) ac
), actors_of AS (
    SELECT event_key,
           array_agg(id ORDER BY rank, name, id) AS ids,
           array_agg((ARRAY['speaker', 'visitor', 'host', 'signatory', 'participant'])[rank] ORDER BY rank, name, id)
                                                                              AS roles,
           (array_agg(id ORDER BY kind <> 'person', id) FILTER (WHERE rank = 1))[1] AS speaker_id
    FROM cast_list WHERE kind = 'person' OR NOT has_people
    GROUP BY event_key
), upserted AS (
INSERT INTO events (id, coder_version, event_key, event_type, event_date, date_precision, reported_date, status,
                    location, destination, destination_code, party_codes, actor_ids, actor_roles, speaker_id,
                    quote, evidence, confidence, cameo_code, plover_code, num_mentions, num_articles,
                    num_sources, outlets, first_seen, last_seen, first_article_id, best_mention_id, search)
SELECT agg.event_id, :v, agg.event_key, agg.event_type, b.event_date, b.date_precision,
       (agg.first_seen AT TIME ZONE 'UTC')::date, b.status, b.location, b.destination, b.destination_code,
       coalesce(parties.codes, '{{}}'), coalesce(actors_of.ids, '{{}}'), coalesce(actors_of.roles, '{{}}'),
       CASE WHEN agg.event_type = 'statement' THEN actors_of.speaker_id END,
       b.quote, b.evidence_text, b.confidence, b.cameo_code, b.plover_code, agg.num_mentions, agg.num_articles,
       agg.num_sources, agg.outlets, agg.first_seen, agg.last_seen, agg.first_article_id, agg.best_mention_id,
       CASE WHEN old.id IS NOT NULL AND (old.quote, old.evidence) IS NOT DISTINCT FROM (b.quote, b.evidence_text)
            THEN old.search
            ELSE to_tsvector('english', coalesce(b.quote, '') || ' ' || coalesce(b.evidence_text, '')) END
FROM agg
JOIN best b ON b.id = agg.best_mention_id
LEFT JOIN old ON old.id = agg.event_id
LEFT JOIN parties ON parties.event_key = agg.event_key
LEFT JOIN actors_of ON actors_of.event_key = agg.event_key
ON CONFLICT (coder_version, event_key) DO UPDATE SET
    event_type = excluded.event_type, event_date = excluded.event_date,
    date_precision = excluded.date_precision, reported_date = excluded.reported_date,
    status = excluded.status, location = excluded.location, destination = excluded.destination,
    destination_code = excluded.destination_code, party_codes = excluded.party_codes,
    actor_ids = excluded.actor_ids, actor_roles = excluded.actor_roles, speaker_id = excluded.speaker_id,
    quote = excluded.quote, evidence = excluded.evidence, confidence = excluded.confidence,
    cameo_code = excluded.cameo_code, plover_code = excluded.plover_code,
    num_mentions = excluded.num_mentions, num_articles = excluded.num_articles,
    num_sources = excluded.num_sources, outlets = excluded.outlets, first_seen = excluded.first_seen,
    last_seen = excluded.last_seen, first_article_id = excluded.first_article_id,
    best_mention_id = excluded.best_mention_id, search = excluded.search, updated_at = now()
WHERE (events.event_type, events.event_date, events.date_precision, events.reported_date, events.status,
       events.location, events.destination, events.destination_code, events.party_codes, events.actor_ids,
       events.actor_roles, events.speaker_id, events.quote, events.evidence, events.confidence,
       events.cameo_code, events.plover_code, events.num_mentions, events.num_articles, events.num_sources,
       events.outlets, events.first_seen, events.last_seen, events.first_article_id, events.best_mention_id)
      IS DISTINCT FROM
      (excluded.event_type, excluded.event_date, excluded.date_precision, excluded.reported_date,
       excluded.status, excluded.location, excluded.destination, excluded.destination_code,
       excluded.party_codes, excluded.actor_ids, excluded.actor_roles, excluded.speaker_id, excluded.quote,
       excluded.evidence, excluded.confidence, excluded.cameo_code, excluded.plover_code,
       excluded.num_mentions, excluded.num_articles, excluded.num_sources, excluded.outlets,
       excluded.first_seen, excluded.last_seen, excluded.first_article_id, excluded.best_mention_id)
RETURNING coder_version, day, event_type
)
-- The groups the events entered (the ones they left were noted before): an event left as it
-- was changes no count.
INSERT INTO touched_groups_v1 (coder_version, day, event_type) SELECT * FROM upserted""")

_DELETE_EMPTY = text(f"""
DELETE FROM events e
WHERE e.id = ANY({_TOUCHED_IDS.format(where='')})
  AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)""")

_TOUCHED_GROUPS = "(SELECT DISTINCT coder_version, day, event_type FROM touched_groups_v1)"
# ``event_type || ''`` keeps the planner on events_day_idx: when a coder version's rows are new
# (a re-coding) their statistics are not in yet, and it would otherwise take
# events_type_reported_idx and filter every event of that type by day.
_RECOUNT = (
    text(f"""
    DELETE FROM daily_event_counts c
    USING {_TOUCHED_GROUPS} g
    WHERE c.coder_version = g.coder_version AND c.day = g.day AND c.event_type = g.event_type"""),
    text(f"""
    INSERT INTO daily_event_counts (coder_version, day, event_type, events, mentions, articles, refreshed_at)
    SELECT g.coder_version, g.day, g.event_type, c.events, c.mentions, c.articles, now()
    FROM {_TOUCHED_GROUPS} g
    CROSS JOIN LATERAL (SELECT count(*) AS events, sum(e.num_mentions) AS mentions,
                               sum(e.num_articles) AS articles
                        FROM events e
                        WHERE e.coder_version = g.coder_version AND e.day = g.day AND e.event_type || '' = g.event_type
                        ) c
    WHERE c.events > 0"""),
    text(f"""
    DELETE FROM daily_party_counts c
    USING {_TOUCHED_GROUPS} g
    WHERE c.coder_version = g.coder_version AND c.day = g.day AND c.event_type = g.event_type"""),
    text(f"""
    INSERT INTO daily_party_counts (coder_version, day, event_type, party_code, events, refreshed_at)
    SELECT g.coder_version, g.day, g.event_type, c.party_code, c.events, now()
    FROM {_TOUCHED_GROUPS} g
    CROSS JOIN LATERAL (SELECT p AS party_code, count(*) AS events
                        FROM events e CROSS JOIN LATERAL unnest(e.party_codes) AS p
                        WHERE e.coder_version = g.coder_version AND e.day = g.day AND e.event_type || '' = g.event_type
                        GROUP BY p) c"""),
)


def create_temp_tables(conn: Connection) -> None:
    for ddl in TEMP_DDL:
        conn.exec_driver_sql(ddl)


LOCK = text("SELECT pg_advisory_xact_lock(:k)")


def lock(conn: Connection) -> None:
    conn.execute(LOCK, {"k": LOAD_LOCK})


def recluster_statements(versions: Sequence[str]) -> list[Statement]:
    """The statements that rebuild the events in ``touched_events_v1`` (new mentions of the
    batch included, already stored) for these coder versions, drop events left without
    mentions, and recount their daily groups: for the caller to send in one round trip."""
    return [
        (_GROUPS_OF_TOUCHED, None),
        *((_UPSERT_EVENTS, {"v": version}) for version in versions),
        (_DELETE_EMPTY, None),
        *((statement, None) for statement in _RECOUNT),
    ]


def rebuild_daily_counts(conn: Connection) -> None:
    """Recount every group from ``events`` (a repair; loads keep the counts current)."""
    conn.execute(text("DELETE FROM daily_event_counts"))
    conn.execute(text("DELETE FROM daily_party_counts"))
    conn.execute(text("""
        INSERT INTO daily_event_counts (coder_version, day, event_type, events, mentions, articles)
        SELECT coder_version, day, event_type, count(*), sum(num_mentions), sum(num_articles)
        FROM events GROUP BY 1, 2, 3"""))
    conn.execute(text("""
        INSERT INTO daily_party_counts (coder_version, day, event_type, party_code, events)
        SELECT coder_version, day, event_type, p, count(*)
        FROM events CROSS JOIN LATERAL unnest(party_codes) AS p GROUP BY 1, 2, 3, 4"""))
