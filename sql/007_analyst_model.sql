-- The analyst's database: every event dated, one actor per person, counts kept current in
-- the transaction that changes events, views with what analysts join on, and indexes for them.
--
-- Mentions, events, actors and codings are derived from the stored articles, and this
-- migration changes how they are derived (actor identity, dates, codes), so it empties them:
-- the next run re-codes every stored article with the installed coder (article_codings is
-- emptied too; `ingest` codes up to 500 uncoded articles per run). Articles, feeds, runs and
-- dead letters are kept.
TRUNCATE mention_actors, event_mentions, events, actors, article_codings, coder_versions;

DROP VIEW v_daily_event_counts;
DROP MATERIALIZED VIEW mv_daily_event_counts;
DROP VIEW v_events, v_statements, v_event_mentions;

-- Identity folding for names: case, diacritics and punctuation do not make another person
-- ("Phạm Minh Chính" = "Pham Minh Chinh", "Kim Jong-un" = "Kim Jong Un"). Analysts can use it
-- too: WHERE fold_name(actor) = fold_name('erdogan').
CREATE FUNCTION fold_name(name text) RETURNS text
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS $$
    SELECT coalesce(nullif(btrim(regexp_replace(lower(
               replace(replace(replace(replace(replace(replace(replace(
                   translate(regexp_replace(normalize(name, NFKD), '[\u0300-\u036f]', '', 'g'),
                             'ĐđØøŁłıĦħŦŧ‘’‐‑–—', 'DdOoLliHhTt''''----'),
                   'ß', 'ss'), 'Æ', 'Ae'), 'æ', 'ae'), 'Œ', 'Oe'), 'œ', 'oe'), 'Þ', 'Th'), 'þ', 'th')),
               '[[:space:][:punct:]]+', ' ', 'g')), ''), lower(name))
$$;

-- Country and organisation codes with the name shown beside them (filled by the loader from
-- the coder's gazetteer as codes appear).
CREATE TABLE parties (
    code  text PRIMARY KEY,
    name  text NOT NULL,
    kind  text NOT NULL CHECK (kind IN ('state', 'organisation'))
);

-- Actors: one row per person, state or organisation. States are identified by their code;
-- people and organisations by their folded name within a kind and party (see docs/analysts.md
-- for the rules). `name` is the fullest spelling seen; every spelling is in actor_aliases.
ALTER TABLE actors DROP CONSTRAINT actors_kind_name_country_code_key;
ALTER TABLE actors DROP COLUMN aliases;
ALTER TABLE actors ADD COLUMN name_key text NOT NULL;
ALTER TABLE actors ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now();
CREATE UNIQUE INDEX actors_identity_key ON actors (kind, name_key, country_code) NULLS NOT DISTINCT;
CREATE INDEX actors_name_idx ON actors (name);
CREATE INDEX actors_folded_name_idx ON actors (fold_name(name) text_pattern_ops);  -- prefix LIKE
CREATE INDEX actors_people_by_party_idx ON actors (country_code, name_key) WHERE kind = 'person';

CREATE TABLE actor_aliases (
    actor_id      bigint NOT NULL REFERENCES actors (id) ON DELETE CASCADE,
    alias         text NOT NULL,        -- as the coder wrote it
    alias_key     text NOT NULL,        -- fold_name(alias)
    kind          text NOT NULL,
    country_code  text,
    first_seen    timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (kind, country_code, alias)
);
CREATE INDEX actor_aliases_lookup_idx ON actor_aliases (kind, alias_key, country_code);
CREATE INDEX actor_aliases_actor_idx ON actor_aliases (actor_id);

-- Mentions keep their actors (aligned id and role arrays, a person once per mention), party
-- codes and destination code as columns (the loader resolves names to codes), so clustering
-- never re-parses the payload. The arrays replace the mention_actors link table: one row per
-- mention instead of three, and the same answers.
DROP TABLE mention_actors;
ALTER TABLE event_mentions ADD COLUMN actor_ids bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE event_mentions ADD COLUMN actor_roles text[] NOT NULL DEFAULT '{}';
ALTER TABLE event_mentions ADD COLUMN party_codes text[] NOT NULL DEFAULT '{}';
ALTER TABLE event_mentions ADD COLUMN destination_code text;
ALTER TABLE event_mentions ADD COLUMN date_precision text NOT NULL DEFAULT 'unknown'
    CHECK (date_precision IN ('day', 'month', 'year', 'unknown'));
-- Every mention carries its event_id from the moment it is inserted (the loader sets it in the
-- transaction that creates the event, under the load lock); clustering finds an event's mentions
-- through it, so the key index is no longer needed, and the per-row foreign-key check (a fifth
-- of the insert's cost) is dropped.
DROP INDEX event_mentions_event_key_idx;
ALTER TABLE event_mentions DROP CONSTRAINT event_mentions_event_id_fkey;
-- The coder's full output, kept for tracing and replay, never filtered on: json (validated and
-- stored as text) loads twice as fast as jsonb.
ALTER TABLE event_mentions ALTER COLUMN payload TYPE json;

-- Events: dated by one rule (day = coalesce(event_date, reported_date)), with what the views
-- show precomputed at load time.
ALTER TABLE events DROP COLUMN actor_names;
DROP INDEX events_date_idx;
DROP INDEX events_type_idx;
ALTER TABLE events
    ADD COLUMN reported_date     date NOT NULL,
    ADD COLUMN date_precision    text NOT NULL DEFAULT 'unknown'
        CHECK (date_precision IN ('day', 'month', 'year', 'unknown')),
    ADD COLUMN day               date GENERATED ALWAYS AS (coalesce(event_date, reported_date)) STORED,
    ADD COLUMN destination_code  text,
    ADD COLUMN actor_ids         bigint[] NOT NULL DEFAULT '{}',
    ADD COLUMN actor_roles       text[] NOT NULL DEFAULT '{}',
    ADD COLUMN speaker_id        bigint REFERENCES actors (id) ON DELETE SET NULL,
    ADD COLUMN quote             text,
    ADD COLUMN evidence          text,
    ADD COLUMN confidence        real,
    ADD COLUMN outlets           text[] NOT NULL DEFAULT '{}',
    ADD COLUMN first_article_id  bigint REFERENCES articles (id) ON DELETE SET NULL,
    -- to_tsvector('english', quote || ' ' || evidence), kept by the loader: it is computed only
    -- when the quote or evidence changes (a GENERATED column would recompute it, at ~50 µs, on
    -- every update of an event's counts).
    ADD COLUMN search            tsvector NOT NULL DEFAULT ''::tsvector;
CREATE INDEX events_type_day_idx ON events (coder_version, event_type, day);
CREATE INDEX events_day_idx ON events (coder_version, day);
CREATE INDEX events_type_reported_idx ON events (coder_version, event_type, reported_date);
CREATE INDEX events_parties_idx ON events USING gin (party_codes);
CREATE INDEX events_actors_idx ON events USING gin (actor_ids);
CREATE INDEX events_search_idx ON events USING gin (search);
CREATE INDEX events_speaker_idx ON events (speaker_id) WHERE speaker_id IS NOT NULL;

-- Daily counts, recomputed for the (version, day, type) groups a load touches, in the same
-- transaction: current after every ingest, re-coding or prune. refreshed_at is when a row's
-- group was last recomputed.
CREATE TABLE daily_event_counts (
    coder_version  text NOT NULL,
    day            date NOT NULL,
    event_type     text NOT NULL,
    events         integer NOT NULL,
    mentions       integer NOT NULL,
    articles       integer NOT NULL,
    refreshed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (coder_version, day, event_type)
);
CREATE TABLE daily_party_counts (
    coder_version  text NOT NULL,
    day            date NOT NULL,
    event_type     text NOT NULL,
    party_code     text NOT NULL,
    events         integer NOT NULL,
    refreshed_at   timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (coder_version, day, event_type, party_code)
);

-- The analyst role reads the views through this function: it runs with its owner's rights
-- and a fixed search_path, so pipeline_analyst needs no grant on pipeline_settings.
CREATE OR REPLACE FUNCTION active_coder_version() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT coalesce(
        (SELECT active_coder_version FROM pipeline_settings),
        (SELECT coder_version FROM coder_versions ORDER BY first_loaded DESC, coder_version DESC LIMIT 1)
    )
$$;
DO $$
BEGIN
    EXECUTE 'ALTER FUNCTION active_coder_version() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END
$$;

-- --- views ------------------------------------------------------------------------------

CREATE VIEW v_events AS
SELECT e.id                AS event_id,
       e.event_type,
       e.day,
       e.event_date,
       e.reported_date,
       e.date_precision,
       e.status,
       (SELECT jsonb_agg(jsonb_build_object('name', a.name, 'role', x.role, 'party', a.country_code,
                                            'kind', a.kind, 'actor_id', a.id) ORDER BY x.ord)
        FROM unnest(e.actor_ids, e.actor_roles) WITH ORDINALITY AS x (id, role, ord)
        JOIN actors a ON a.id = x.id) AS actors,
       (SELECT array_agg(a.name ORDER BY x.ord)
        FROM unnest(e.actor_ids) WITH ORDINALITY AS x (id, ord)
        JOIN actors a ON a.id = x.id) AS actor_names,
       e.actor_ids,
       e.party_codes       AS parties,
       (SELECT array_agg(coalesce(p.name, u.code) ORDER BY u.ord)
        FROM unnest(e.party_codes) WITH ORDINALITY AS u (code, ord)
        LEFT JOIN parties p ON p.code = u.code) AS party_names,
       e.destination_code,
       e.destination,
       e.location,
       sp.name             AS speaker,
       sp.country_code     AS speaker_party,
       e.quote,
       e.cameo_code,
       e.plover_code,
       e.num_mentions,
       e.num_articles,
       e.num_sources,
       e.outlets,
       e.first_seen,
       e.last_seen,
       e.evidence,
       fa.url              AS source_url,
       e.best_mention_id,
       e.search,
       e.coder_version
FROM events e
LEFT JOIN actors sp ON sp.id = e.speaker_id
LEFT JOIN articles fa ON fa.id = e.first_article_id
WHERE e.coder_version = active_coder_version();

CREATE VIEW v_event_mentions AS
SELECT m.id                AS mention_id,
       m.event_id,
       m.event_type,
       coalesce(m.event_date, (coalesce(a.published_at, a.fetched_at) AT TIME ZONE 'UTC')::date) AS day,
       m.event_date,
       m.date_precision,
       m.status,
       (SELECT jsonb_agg(jsonb_build_object('name', ac.name, 'role', x.role, 'party', ac.country_code,
                                            'kind', ac.kind, 'actor_id', ac.id) ORDER BY x.ord)
        FROM unnest(m.actor_ids, m.actor_roles) WITH ORDINALITY AS x (id, role, ord)
        JOIN actors ac ON ac.id = x.id) AS actors,
       m.actor_ids,
       m.party_codes       AS parties,
       m.location,
       m.destination_code,
       m.destination,
       m.quote,
       m.evidence_text,
       m.evidence_start,
       m.evidence_end,
       m.confidence,
       m.cameo_code,
       m.plover_code,
       m.coder_version,
       a.id                AS article_id,
       a.url               AS article_url,
       a.title             AS article_title,
       a.source,
       a.published_at
FROM event_mentions m
JOIN articles a ON a.id = m.article_id
WHERE m.coder_version = active_coder_version();

CREATE VIEW v_statements AS
SELECT e.id                AS event_id,
       e.best_mention_id   AS mention_id,
       sp.id               AS speaker_id,
       sp.name             AS speaker,
       sp.country_code     AS speaker_country,
       e.quote,
       e.day               AS statement_date,
       e.event_date IS NOT NULL AS date_resolved,
       e.evidence,
       e.confidence,
       e.num_mentions,
       e.num_sources,
       e.outlets,
       e.cameo_code,
       fa.url              AS article_url,
       fa.source,
       fa.published_at,
       e.search,
       e.coder_version
FROM events e
LEFT JOIN actors sp ON sp.id = e.speaker_id
LEFT JOIN articles fa ON fa.id = e.first_article_id
WHERE e.event_type = 'statement'
  AND e.coder_version = active_coder_version();

CREATE VIEW v_actor_activity AS
SELECT a.id                AS actor_id,
       a.name              AS actor,
       a.kind,
       a.country_code      AS party,
       x.role,
       e.day,
       e.event_type,
       e.status,
       e.id                AS event_id,
       (SELECT array_agg(o.name ORDER BY y.ord)
        FROM unnest(e.actor_ids) WITH ORDINALITY AS y (id, ord)
        JOIN actors o ON o.id = y.id
        WHERE y.id <> a.id) AS counterparts,
       e.party_codes       AS parties,
       e.num_sources,
       e.coder_version
FROM actors a
JOIN events e ON e.actor_ids @> ARRAY[a.id]
CROSS JOIN LATERAL unnest(e.actor_ids, e.actor_roles) AS x (id, role)
WHERE x.id = a.id
  AND e.coder_version = active_coder_version();

CREATE VIEW v_actors AS
SELECT a.id                AS actor_id,
       a.name,
       a.kind,
       a.country_code      AS party,
       (SELECT array_agg(DISTINCT al.alias ORDER BY al.alias) FROM actor_aliases al WHERE al.actor_id = a.id) AS aliases
FROM actors a;

CREATE VIEW v_daily_event_counts AS
SELECT day, event_type, events, mentions, articles, refreshed_at
FROM daily_event_counts
WHERE coder_version = active_coder_version();

CREATE VIEW v_daily_party_counts AS
SELECT c.day, c.event_type, c.party_code, p.name AS party_name, c.events, c.refreshed_at
FROM daily_party_counts c
LEFT JOIN parties p ON p.code = c.party_code
WHERE c.coder_version = active_coder_version();

GRANT SELECT ON v_events, v_event_mentions, v_statements, v_actor_activity, v_actors,
                v_daily_event_counts, v_daily_party_counts TO pipeline_analyst;

-- --- what each column means ---------------------------------------------------------------

COMMENT ON VIEW v_events IS 'One row per real-world event (mentions clustered across articles), active coder version only.';
COMMENT ON COLUMN v_events.event_id IS 'Stable id of the event within its coder version.';
COMMENT ON COLUMN v_events.event_type IS 'signing, visit, meeting or statement.';
COMMENT ON COLUMN v_events.day IS 'The date rule every view and count uses: coalesce(event_date, reported_date).';
COMMENT ON COLUMN v_events.event_date IS 'The day the text gives for the event; NULL when it gives none.';
COMMENT ON COLUMN v_events.reported_date IS 'Earliest publication day (UTC) of the articles reporting the event, else the day first fetched.';
COMMENT ON COLUMN v_events.date_precision IS 'How precise event_date is: day, month, year, or unknown (no event_date).';
COMMENT ON COLUMN v_events.status IS 'occurred or planned.';
COMMENT ON COLUMN v_events.actors IS 'JSON array of {name, role, party, kind, actor_id}, one element per actor (a person once per event).';
COMMENT ON COLUMN v_events.actor_names IS 'The actors'' names, aligned with actors and actor_ids.';
COMMENT ON COLUMN v_events.actor_ids IS 'actors.id of each actor, aligned with actors (GIN-indexed: actor_ids @> ARRAY[id]).';
COMMENT ON COLUMN v_events.parties IS 'Party codes: ISO 3166 alpha-3 for states, stable codes for organisations (NATO, EU, UN). GIN-indexed.';
COMMENT ON COLUMN v_events.party_names IS 'Names of the parties, aligned with parties.';
COMMENT ON COLUMN v_events.destination_code IS 'Visits: code of the country visited.';
COMMENT ON COLUMN v_events.destination IS 'Visits: name of the country visited.';
COMMENT ON COLUMN v_events.location IS 'Where it happened (a city or country as written), when the text says.';
COMMENT ON COLUMN v_events.speaker IS 'Statements: who said it.';
COMMENT ON COLUMN v_events.speaker_party IS 'Statements: the party code the speaker spoke for.';
COMMENT ON COLUMN v_events.quote IS 'Statements: the quoted words.';
COMMENT ON COLUMN v_events.cameo_code IS 'CAMEO event code.';
COMMENT ON COLUMN v_events.plover_code IS 'PLOVER event type.';
COMMENT ON COLUMN v_events.num_mentions IS 'Mentions clustered into this event (several per article possible).';
COMMENT ON COLUMN v_events.num_articles IS 'Distinct articles reporting it.';
COMMENT ON COLUMN v_events.num_sources IS 'Distinct outlets (publishing hosts) reporting it.';
COMMENT ON COLUMN v_events.outlets IS 'The publishing hosts reporting it, sorted.';
COMMENT ON COLUMN v_events.first_seen IS 'Earliest publication (else fetch) time of its articles.';
COMMENT ON COLUMN v_events.last_seen IS 'Latest publication (else fetch) time of its articles.';
COMMENT ON COLUMN v_events.evidence IS 'The sentence of the clearest mention (highest confidence).';
COMMENT ON COLUMN v_events.source_url IS 'URL of the first article that reported it.';
COMMENT ON COLUMN v_events.best_mention_id IS 'v_event_mentions.mention_id of the clearest mention.';
COMMENT ON COLUMN v_events.search IS 'Full-text index over quote and evidence: search @@ websearch_to_tsquery(''english'', ''...'').';
COMMENT ON COLUMN v_events.coder_version IS 'The coder version that produced it (the active one).';

COMMENT ON VIEW v_event_mentions IS 'One row per event found in one article (active coder version), with its evidence.';
COMMENT ON COLUMN v_event_mentions.mention_id IS 'Id of the mention.';
COMMENT ON COLUMN v_event_mentions.event_id IS 'v_events.event_id of the event it was clustered into.';
COMMENT ON COLUMN v_event_mentions.event_type IS 'signing, visit, meeting or statement.';
COMMENT ON COLUMN v_event_mentions.day IS 'coalesce(event_date, the article''s publication day).';
COMMENT ON COLUMN v_event_mentions.event_date IS 'The day this article gives for the event; NULL when none.';
COMMENT ON COLUMN v_event_mentions.date_precision IS 'day, month, year, or unknown.';
COMMENT ON COLUMN v_event_mentions.status IS 'occurred or planned.';
COMMENT ON COLUMN v_event_mentions.actors IS 'JSON array of {name, role, party, kind, actor_id} named in this mention.';
COMMENT ON COLUMN v_event_mentions.actor_ids IS 'actors.id of each actor, aligned with actors.';
COMMENT ON COLUMN v_event_mentions.parties IS 'Party codes named in this mention.';
COMMENT ON COLUMN v_event_mentions.location IS 'Where it happened, as written.';
COMMENT ON COLUMN v_event_mentions.destination_code IS 'Visits: code of the country visited.';
COMMENT ON COLUMN v_event_mentions.destination IS 'Visits: name of the country visited.';
COMMENT ON COLUMN v_event_mentions.quote IS 'Statements: the quoted words.';
COMMENT ON COLUMN v_event_mentions.evidence_text IS 'The sentence the event was read from.';
COMMENT ON COLUMN v_event_mentions.evidence_start IS 'Character offset of the evidence in the stored article text.';
COMMENT ON COLUMN v_event_mentions.evidence_end IS 'End offset (exclusive) of the evidence in the stored article text.';
COMMENT ON COLUMN v_event_mentions.confidence IS 'The coder''s confidence, 0 to 1.';
COMMENT ON COLUMN v_event_mentions.cameo_code IS 'CAMEO event code.';
COMMENT ON COLUMN v_event_mentions.plover_code IS 'PLOVER event type.';
COMMENT ON COLUMN v_event_mentions.coder_version IS 'The coder version that produced it.';
COMMENT ON COLUMN v_event_mentions.article_id IS 'Id of the article.';
COMMENT ON COLUMN v_event_mentions.article_url IS 'URL of the article.';
COMMENT ON COLUMN v_event_mentions.article_title IS 'Title of the article.';
COMMENT ON COLUMN v_event_mentions.source IS 'The outlet (publishing host).';
COMMENT ON COLUMN v_event_mentions.published_at IS 'When the article was published, if it says.';

COMMENT ON VIEW v_statements IS 'One row per quoted statement (the same quote in several articles is one row), active coder version.';
COMMENT ON COLUMN v_statements.event_id IS 'v_events.event_id of the statement.';
COMMENT ON COLUMN v_statements.mention_id IS 'The clearest mention of it (v_event_mentions).';
COMMENT ON COLUMN v_statements.speaker_id IS 'v_actors.actor_id of the speaker.';
COMMENT ON COLUMN v_statements.speaker IS 'Who said it (the fullest spelling of the name seen).';
COMMENT ON COLUMN v_statements.speaker_country IS 'Party code the speaker spoke for.';
COMMENT ON COLUMN v_statements.quote IS 'The quoted words.';
COMMENT ON COLUMN v_statements.statement_date IS 'The day it was said when the text gives it, else the first report''s publication day (the date rule).';
COMMENT ON COLUMN v_statements.date_resolved IS 'true when the text gave the day; false when statement_date is the publication day.';
COMMENT ON COLUMN v_statements.evidence IS 'The sentence quoting it.';
COMMENT ON COLUMN v_statements.confidence IS 'The coder''s confidence in the clearest mention.';
COMMENT ON COLUMN v_statements.num_mentions IS 'Mentions of the quote.';
COMMENT ON COLUMN v_statements.num_sources IS 'Distinct outlets quoting it.';
COMMENT ON COLUMN v_statements.outlets IS 'The outlets quoting it.';
COMMENT ON COLUMN v_statements.cameo_code IS 'CAMEO event code.';
COMMENT ON COLUMN v_statements.article_url IS 'URL of the first article quoting it.';
COMMENT ON COLUMN v_statements.source IS 'Outlet of the first article quoting it.';
COMMENT ON COLUMN v_statements.published_at IS 'Publication time of the first article quoting it.';
COMMENT ON COLUMN v_statements.search IS 'Full-text index over quote and evidence.';
COMMENT ON COLUMN v_statements.coder_version IS 'The coder version that produced it.';

COMMENT ON VIEW v_actor_activity IS 'One row per actor per event (active coder version): who did what, when, with whom.';
COMMENT ON COLUMN v_actor_activity.actor_id IS 'v_actors.actor_id.';
COMMENT ON COLUMN v_actor_activity.actor IS 'The actor''s name (fullest spelling seen).';
COMMENT ON COLUMN v_actor_activity.kind IS 'person, state or organisation.';
COMMENT ON COLUMN v_actor_activity.party IS 'The party code the actor acts for.';
COMMENT ON COLUMN v_actor_activity.role IS 'participant, visitor, host, speaker or signatory.';
COMMENT ON COLUMN v_actor_activity.day IS 'The event''s day (the date rule).';
COMMENT ON COLUMN v_actor_activity.event_type IS 'signing, visit, meeting or statement.';
COMMENT ON COLUMN v_actor_activity.status IS 'occurred or planned.';
COMMENT ON COLUMN v_actor_activity.event_id IS 'v_events.event_id.';
COMMENT ON COLUMN v_actor_activity.counterparts IS 'The other actors of the event.';
COMMENT ON COLUMN v_actor_activity.parties IS 'The event''s party codes.';
COMMENT ON COLUMN v_actor_activity.num_sources IS 'Outlets reporting the event.';
COMMENT ON COLUMN v_actor_activity.coder_version IS 'The coder version that produced it.';

COMMENT ON VIEW v_actors IS 'People, states and organisations, one row each, with every spelling seen.';
COMMENT ON COLUMN v_actors.actor_id IS 'Id of the actor.';
COMMENT ON COLUMN v_actors.name IS 'The fullest spelling seen (most words, then longest, then with diacritics).';
COMMENT ON COLUMN v_actors.kind IS 'person, state or organisation.';
COMMENT ON COLUMN v_actors.party IS 'Party code the actor acts for (ISO alpha-3 or organisation code); NULL when unknown.';
COMMENT ON COLUMN v_actors.aliases IS 'Every spelling the coder has given for this actor.';

COMMENT ON VIEW v_daily_event_counts IS 'Events per day and type (active coder version); sums to the rows of v_events. Current after every load.';
COMMENT ON COLUMN v_daily_event_counts.day IS 'The date rule: coalesce(event_date, reported_date).';
COMMENT ON COLUMN v_daily_event_counts.event_type IS 'signing, visit, meeting or statement.';
COMMENT ON COLUMN v_daily_event_counts.events IS 'Number of events.';
COMMENT ON COLUMN v_daily_event_counts.mentions IS 'Sum of their mentions.';
COMMENT ON COLUMN v_daily_event_counts.articles IS 'Sum of their articles.';
COMMENT ON COLUMN v_daily_event_counts.refreshed_at IS 'When this row was last recomputed (in the transaction that changed its events).';

COMMENT ON VIEW v_daily_party_counts IS 'Events per day, type and party (an event with two parties counts once for each).';
COMMENT ON COLUMN v_daily_party_counts.day IS 'The date rule: coalesce(event_date, reported_date).';
COMMENT ON COLUMN v_daily_party_counts.event_type IS 'signing, visit, meeting or statement.';
COMMENT ON COLUMN v_daily_party_counts.party_code IS 'ISO 3166 alpha-3 or organisation code.';
COMMENT ON COLUMN v_daily_party_counts.party_name IS 'Name of the party.';
COMMENT ON COLUMN v_daily_party_counts.events IS 'Number of events involving the party.';
COMMENT ON COLUMN v_daily_party_counts.refreshed_at IS 'When this row was last recomputed.';
