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
from dataclasses import dataclass

from sqlalchemy import Connection, text

from pipeline.store.db import Statement, integer_array

# Advisory lock held by every load, re-clustering and prune until commit: clustering, actor
# identity and the counts are computed from committed rows, so two loads must not interleave.
# Loading is two orders of magnitude faster than coding, so workers never wait long.
LOAD_LOCK = 7_441_002

TEMP_DDL = (
    # additive: the batch only added mentions to this event (see _FROM_NEW_MENTIONS)
    """CREATE TEMP TABLE IF NOT EXISTS touched_events_v1 (
           coder_version text NOT NULL, event_key text NOT NULL, event_id bigint,
           additive boolean NOT NULL DEFAULT false, PRIMARY KEY (coder_version, event_key)
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

_OF_VERSION = _TOUCHED_IDS.format(where=" WHERE coder_version = :v AND NOT additive")
_ADDED_TO = _TOUCHED_IDS.format(where=" WHERE coder_version = :v AND additive")

# An event is rebuilt one of two ways, both ending in _REBUILD below, which needs these CTEs:
#   agg: one row per event with its key, type, counts, first/last seen, outlets and the ids of
#        its clearest mention and first article;
#   roles (event_id, id, rank): each actor of the event with its strongest role's rank;
#   codes (event_id, p): the party codes its mentions gave.
#
# From all its mentions: for events a batch removed mentions from, whose actors merged, or that
# a re-clustering asked for.
_FROM_ALL_MENTIONS = f"""
WITH m AS MATERIALIZED (
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
), roles AS (
    SELECT m.event_id, x.id, min({_ROLE_RANK.format(r='x.role')}) AS rank
    FROM m CROSS JOIN LATERAL unnest(m.actor_ids, m.actor_roles) AS x (id, role)
    GROUP BY m.event_id, x.id
), codes AS (
    SELECT m.event_id, p FROM m CROSS JOIN LATERAL unnest(m.party_codes) AS p
)"""

# From the stored event and the batch's new mentions alone, for events a batch only added
# mentions to: the cost of a batch stays what it adds, however many mentions an event already
# has (a quote repeated for months). Exact, because what the event stores is enough: counts add
# up, first/last seen and the clearest mention compare, parties unite, and its actors (people
# only once it has people) merged with the new ones give what all its mentions would. Sources
# count exactly when every source is an outlet (``mark_additive`` sends the rest the first way).
# (The new mentions are selected by id alone, and the stored events looked up one by one, so the
# planner's estimates, and with them the plan, follow the batch's size.)
_NEW_ARTICLE = "<new article>"
_FROM_NEW_MENTIONS = f"""
WITH n AS MATERIALIZED (
    SELECT em.id, em.event_id, em.event_key, em.event_type, em.article_id, em.confidence, em.party_codes,
           em.actor_ids, em.actor_roles, a.source, coalesce(a.published_at, a.fetched_at) AS seen,
           -- the article is new to the event: all its mentions of it are new (another may be
           -- stored from an earlier load, but only of an article that kept mentions from one)
           {_NEW_ARTICLE}                                                     AS new_article,
           em.event_id IN (SELECT event_id FROM touched_events_v1 WHERE coder_version = :v AND additive) AS additive
    FROM event_mentions em
    CROSS JOIN LATERAL (SELECT source, published_at, fetched_at FROM articles WHERE id = em.article_id LIMIT 1) a
    WHERE em.id = ANY(cast(:new_ids AS bigint[]))
), added AS (
    SELECT n.event_id, n.event_key, min(n.event_type) AS event_type, count(*) AS mentions,
           count(DISTINCT n.article_id) FILTER (WHERE n.new_article) AS articles,
           min(n.seen) AS first_seen, max(n.seen) AS last_seen,
           (array_agg(n.confidence ORDER BY n.confidence DESC, n.article_id, n.id))[1] AS best_confidence,
           (array_agg(n.article_id ORDER BY n.confidence DESC, n.article_id, n.id))[1] AS best_article_id,
           (array_agg(n.id ORDER BY n.confidence DESC, n.article_id, n.id))[1] AS best_mention_id,
           (array_agg(n.article_id ORDER BY n.seen, n.article_id))[1]         AS first_article_id,
           array_agg(DISTINCT n.source)                                       AS sources
    FROM n GROUP BY n.event_id, n.event_key
    HAVING bool_and(n.additive)
), agg AS MATERIALIZED (
    SELECT ad.event_id, ad.event_key,
           least(o.event_type, ad.event_type)                                 AS event_type,
           coalesce(o.num_mentions, 0) + ad.mentions                          AS num_mentions,
           coalesce(o.num_articles, 0) + ad.articles                          AS num_articles,
           cardinality(u.outlets)                                             AS num_sources,
           least(o.first_seen, ad.first_seen)                                 AS first_seen,
           greatest(o.last_seen, ad.last_seen)                                AS last_seen,
           CASE WHEN o.id IS NULL OR (-ad.best_confidence, ad.best_article_id, ad.best_mention_id)
                                     < (-o.confidence, o.best_article_id, o.best_mention_id)
                THEN ad.best_mention_id ELSE o.best_mention_id END            AS best_mention_id,
           CASE WHEN o.id IS NULL OR (ad.first_seen, ad.first_article_id) < (o.first_seen, o.first_article_id)
                THEN ad.first_article_id ELSE o.first_article_id END          AS first_article_id,
           u.outlets, o.actor_ids AS old_actor_ids, o.actor_roles AS old_actor_roles, o.party_codes AS old_party_codes
    FROM added ad
    LEFT JOIN LATERAL (
        SELECT e.id, e.event_type, e.num_mentions, e.num_articles, e.outlets, e.first_seen, e.last_seen,
               e.first_article_id, e.best_mention_id, e.confidence, e.party_codes, e.actor_ids, e.actor_roles,
               (SELECT article_id FROM event_mentions WHERE id = e.best_mention_id) AS best_article_id
        FROM events e WHERE e.id = ad.event_id) o ON true
    CROSS JOIN LATERAL (SELECT array_agg(DISTINCT s ORDER BY s) AS outlets
                        FROM unnest(coalesce(o.outlets, '{{}}') || ad.sources) AS s) u
), roles AS (
    SELECT event_id, id, min(rank) AS rank
    FROM (SELECT agg.event_id, x.id, {_ROLE_RANK.format(r='x.role')} AS rank
          FROM agg CROSS JOIN LATERAL unnest(agg.old_actor_ids, agg.old_actor_roles) AS x (id, role)
          UNION ALL
          SELECT n.event_id, x.id, {_ROLE_RANK.format(r='x.role')}
          FROM n CROSS JOIN LATERAL unnest(n.actor_ids, n.actor_roles) AS x (id, role) WHERE n.additive) r
    GROUP BY event_id, id
), codes AS (
    SELECT agg.event_id, p FROM agg CROSS JOIN LATERAL unnest(agg.old_party_codes) AS p
    UNION ALL
    SELECT n.event_id, p FROM n CROSS JOIN LATERAL unnest(n.party_codes) AS p WHERE n.additive
)"""

_REBUILD = """
, cast_list AS MATERIALIZED (
    -- Each actor of each event, looked up once for the two uses below.
    SELECT r.event_id, r.id, r.rank, ac.kind, ac.name, ac.country_code,
           bool_or(ac.kind = 'person') OVER (PARTITION BY r.event_id) AS has_people
    FROM roles r CROSS JOIN LATERAL (SELECT kind, name, country_code FROM actors WHERE id = r.id LIMIT 1) ac
), parties AS MATERIALIZED (
    -- The parties the coder gave, and the party of every actor (a speaker the article names
    -- without a country still acts for the one identity or the dictionary knows).
    SELECT event_id, array_agg(DISTINCT p ORDER BY p) AS codes
    FROM (SELECT event_id, p FROM codes
          UNION ALL
          SELECT event_id, country_code FROM cast_list WHERE country_code IS NOT NULL) x
    GROUP BY event_id
), actors_of AS MATERIALIZED (
    SELECT event_id,
           array_agg(id ORDER BY rank, name, id) AS ids,
           array_agg((ARRAY['speaker', 'visitor', 'host', 'signatory', 'participant'])[rank] ORDER BY rank, name, id)
                                                                              AS roles,
           (array_agg(id ORDER BY kind <> 'person', id) FILTER (WHERE rank = 1))[1] AS speaker_id
    -- People when the coder named any; otherwise the states and organisations.
    FROM cast_list WHERE kind = 'person' OR NOT has_people
    GROUP BY event_id
), upserted AS (
INSERT INTO events (id, coder_version, event_key, event_type, event_date, date_precision, reported_date, status,
                    location, destination, destination_code, party_codes, actor_ids, actor_roles, speaker_id,
                    quote, evidence, confidence, cameo_code, plover_code, num_mentions, num_articles,
                    num_sources, outlets, first_seen, last_seen, first_article_id, best_mention_id, search)
SELECT agg.event_id, :v, agg.event_key, agg.event_type, b.event_date, b.date_precision,
       (agg.first_seen AT TIME ZONE 'UTC')::date, b.status, b.location, b.destination, b.destination_code,
       coalesce(parties.codes, '{}'), coalesce(actors_of.ids, '{}'), coalesce(actors_of.roles, '{}'),
       CASE WHEN agg.event_type = 'statement' THEN actors_of.speaker_id END,
       b.quote, b.evidence_text, b.confidence, b.cameo_code, b.plover_code, agg.num_mentions, agg.num_articles,
       agg.num_sources, agg.outlets, agg.first_seen, agg.last_seen, agg.first_article_id, agg.best_mention_id,
       CASE WHEN old.id IS NOT NULL AND (old.quote, old.evidence) IS NOT DISTINCT FROM (b.quote, b.evidence_text)
            THEN old.search
            ELSE to_tsvector('english', coalesce(b.quote, '') || ' ' || coalesce(b.evidence_text, '')) END
FROM agg
-- the clearest mention's fields and the stored event's search text, looked up by key
CROSS JOIN LATERAL (SELECT event_date, date_precision, status, location, destination, destination_code, quote,
                           evidence_text, confidence, cameo_code, plover_code
                    FROM event_mentions WHERE id = agg.best_mention_id) b
LEFT JOIN LATERAL (SELECT id, quote, evidence, search FROM events WHERE id = agg.event_id) old ON true
LEFT JOIN parties ON parties.event_id = agg.event_id
LEFT JOIN actors_of ON actors_of.event_id = agg.event_id
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
INSERT INTO touched_groups_v1 (coder_version, day, event_type) SELECT * FROM upserted"""
_UPSERT_EVENTS = text(_FROM_ALL_MENTIONS + _REBUILD)
_UPSERT_ADDED = text((_FROM_NEW_MENTIONS + _REBUILD).replace(_NEW_ARTICLE, """
           CASE WHEN em.article_id <> ALL(cast(:kept_articles AS bigint[])) THEN true
                ELSE count(*) OVER (PARTITION BY em.article_id, em.event_id)
                     = (SELECT count(*) FROM event_mentions o
                        WHERE o.article_id = em.article_id AND o.coder_version = :v AND o.event_id = em.event_id)
           END"""))
# When no article of the batch kept a mention (a new coder version's re-coding, an ingest run),
# every article is new to its events, and the mentions need no sort by article for the above.
_UPSERT_ADDED_TO_NEW_ARTICLES = text((_FROM_NEW_MENTIONS + _REBUILD).replace(_NEW_ARTICLE, "true"))
# The events _FROM_NEW_MENTIONS cannot count sources of from what they store: an article with
# no outlet counts by its URL, and an event's stored outlets do not say which URLs it has.
_NOT_ADDITIVE = text("""
UPDATE touched_events_v1 t SET additive = false
FROM (SELECT e.id FROM events e
      WHERE e.id = ANY(ARRAY(SELECT event_id FROM touched_events_v1 WHERE additive))
        AND e.num_sources <> cardinality(e.outlets)
      UNION
      SELECT em.event_id FROM event_mentions em JOIN articles a ON a.id = em.article_id
      WHERE em.id = ANY(cast(:new_ids AS bigint[])) AND a.source IS NULL) x
WHERE t.additive AND t.event_id = x.id""")

_DELETE_EMPTY = text(f"""
DELETE FROM events e
WHERE e.id = ANY({_TOUCHED_IDS.format(where='')})
  AND NOT EXISTS (SELECT 1 FROM event_mentions m WHERE m.event_id = e.id)""")

_TOUCHED_GROUPS = "(SELECT DISTINCT coder_version, day, event_type FROM touched_groups_v1)"
# ``event_type || ''`` keeps the planner on events_day_idx: when a coder version's rows are new
# (a re-coding) their statistics are not in yet, and it would otherwise take
# events_type_reported_idx and filter every event of that type by day.
# Both tables' counts from one read of each touched group's events (the events rows, wide with
# their evidence and search text, were read twice: the reads were most of the recount).
_RECOUNT = (
    text(f"""
    DELETE FROM daily_event_counts c
    USING {_TOUCHED_GROUPS} g
    WHERE c.coder_version = g.coder_version AND c.day = g.day AND c.event_type = g.event_type"""),
    text(f"""
    DELETE FROM daily_party_counts c
    USING {_TOUCHED_GROUPS} g
    WHERE c.coder_version = g.coder_version AND c.day = g.day AND c.event_type = g.event_type"""),
    text(f"""
    WITH grouped AS MATERIALIZED (
        SELECT g.coder_version, g.day, g.event_type, e.num_mentions, e.num_articles, e.party_codes
        FROM {_TOUCHED_GROUPS} g
        CROSS JOIN LATERAL (SELECT e.num_mentions, e.num_articles, e.party_codes
                            FROM events e
                            WHERE e.coder_version = g.coder_version AND e.day = g.day
                              AND e.event_type || '' = g.event_type) e
    ), event_counts AS (
        INSERT INTO daily_event_counts (coder_version, day, event_type, events, mentions, articles, refreshed_at)
        SELECT coder_version, day, event_type, count(*), sum(num_mentions), sum(num_articles), now()
        FROM grouped GROUP BY coder_version, day, event_type
    )
    INSERT INTO daily_party_counts (coder_version, day, event_type, party_code, events, refreshed_at)
    SELECT grouped.coder_version, grouped.day, grouped.event_type, p, count(*), now()
    FROM grouped CROSS JOIN LATERAL unnest(grouped.party_codes) AS p
    GROUP BY grouped.coder_version, grouped.day, grouped.event_type, p"""),
)


def create_temp_tables(conn: Connection) -> None:
    for ddl in TEMP_DDL:
        conn.exec_driver_sql(ddl)


LOCK = text("SELECT pg_advisory_xact_lock(:k)")


def lock(conn: Connection) -> None:
    conn.execute(LOCK, {"k": LOAD_LOCK})


@dataclass(frozen=True)
class Added:
    """The mentions a batch added (already stored), and the articles of the batch that kept
    mentions stored by an earlier load (the only ones whose new mentions may join an event
    the article was already counted in)."""

    coder_version: str
    mention_ids: Sequence[int]
    kept_articles: Sequence[int] = ()


def recluster_statements(versions: Sequence[str], added: Added | None = None) -> list[Statement]:
    """The statements that rebuild the events in ``touched_events_v1`` for these coder
    versions, drop events left without mentions, and recount their daily groups: for the
    caller to send in one round trip. ``added``: the mentions the batch added, whose events
    marked ``additive`` are rebuilt from them alone."""
    by_addition: list[Statement] = []
    if added is not None:
        params = {"v": added.coder_version, "new_ids": integer_array(added.mention_ids),
                  "kept_articles": integer_array(added.kept_articles)}
        by_addition = [(_NOT_ADDITIVE, params),
                       (_UPSERT_ADDED if added.kept_articles else _UPSERT_ADDED_TO_NEW_ARTICLES, params)]
    return [
        (_GROUPS_OF_TOUCHED, None),
        *by_addition[:1],
        *((_UPSERT_EVENTS, {"v": version}) for version in versions),
        *by_addition[1:],
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
