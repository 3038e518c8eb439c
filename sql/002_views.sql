-- Analyst views. Each shows the active coder version only (pipeline_settings), so a
-- re-coding run never mixes two coders' rows in one answer.

CREATE FUNCTION active_coder_version() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT active_coder_version FROM pipeline_settings),
        (SELECT coder_version FROM events ORDER BY updated_at DESC, id DESC LIMIT 1)
    )
$$;

CREATE VIEW v_event_mentions AS
SELECT m.id              AS mention_id,
       m.event_id,
       m.event_type,
       m.event_date,
       m.status,
       m.location,
       m.destination,
       m.quote,
       m.evidence_text,
       m.evidence_start,
       m.evidence_end,
       m.confidence,
       m.cameo_code,
       m.plover_code,
       m.coder_version,
       a.id              AS article_id,
       a.url             AS article_url,
       a.title           AS article_title,
       a.source,
       a.published_at
FROM event_mentions m
JOIN articles a ON a.id = m.article_id
WHERE m.coder_version = active_coder_version();

CREATE VIEW v_events AS
SELECT e.id               AS event_id,
       e.event_type,
       e.event_date,
       e.status,
       e.actor_names      AS actors,
       e.party_codes      AS parties,
       e.destination,
       e.location,
       e.cameo_code,
       e.plover_code,
       e.num_mentions,
       e.num_articles,
       e.num_sources,
       e.first_seen,
       e.last_seen,
       m.evidence_text    AS evidence,
       a.url              AS source_url,
       e.coder_version
FROM events e
LEFT JOIN event_mentions m ON m.id = e.best_mention_id
LEFT JOIN articles a ON a.id = m.article_id
WHERE e.coder_version = active_coder_version();

CREATE VIEW v_statements AS
SELECT m.id               AS mention_id,
       m.event_id,
       sp.name            AS speaker,
       sp.country_code    AS speaker_country,
       m.quote,
       m.event_date       AS statement_date,
       m.evidence_text    AS evidence,
       m.confidence,
       m.cameo_code,
       a.url              AS article_url,
       a.source,
       a.published_at,
       m.coder_version
FROM event_mentions m
JOIN articles a ON a.id = m.article_id
LEFT JOIN LATERAL (
    SELECT ac.name, ac.country_code
    FROM mention_actors ma JOIN actors ac ON ac.id = ma.actor_id
    WHERE ma.mention_id = m.id AND ma.role = 'speaker'
    ORDER BY ac.kind = 'person' DESC, ac.id
    LIMIT 1
) sp ON true
WHERE m.event_type = 'statement'
  AND m.coder_version = active_coder_version();

CREATE MATERIALIZED VIEW mv_daily_event_counts AS
SELECT e.coder_version,
       coalesce(e.event_date, e.first_seen::date) AS day,
       e.event_type,
       count(*)              AS events,
       sum(e.num_mentions)   AS mentions,
       sum(e.num_articles)   AS articles
FROM events e
GROUP BY 1, 2, 3;
CREATE UNIQUE INDEX mv_daily_event_counts_key ON mv_daily_event_counts (coder_version, day, event_type);

CREATE VIEW v_daily_event_counts AS
SELECT day, event_type, events, mentions, articles
FROM mv_daily_event_counts
WHERE coder_version = active_coder_version();
