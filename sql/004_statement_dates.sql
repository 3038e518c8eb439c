-- A statement's date is the day the coder resolved, else the day the article was
-- published: quotes are reported the day they are said far more often than not, and an
-- analyst filtering by date should not lose every undated quote. `date_resolved` says which.
CREATE OR REPLACE VIEW v_statements AS
SELECT m.id               AS mention_id,
       m.event_id,
       sp.name            AS speaker,
       sp.country_code    AS speaker_country,
       m.quote,
       coalesce(m.event_date, a.published_at::date) AS statement_date,
       m.evidence_text    AS evidence,
       m.confidence,
       m.cameo_code,
       a.url              AS article_url,
       a.source,
       a.published_at,
       m.coder_version,
       m.event_date IS NOT NULL AS date_resolved
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
