-- Core tables: the analyst contract. Names here are stable; change them only with a new
-- migration and a note in the README.

CREATE TABLE feeds (
    id              bigserial PRIMARY KEY,
    url             text NOT NULL UNIQUE,
    title           text,
    etag            text,
    last_modified   text,
    last_polled_at  timestamptz,
    last_status     text,            -- ok | not_modified | error
    last_error      text,
    created_at      timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE ingest_runs (
    id              bigserial PRIMARY KEY,
    dag_id          text,
    run_id          text,            -- Airflow run id, or "cli-<uuid>"
    interval_start  timestamptz,
    interval_end    timestamptz,
    coder_version   text NOT NULL,
    status          text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'success', 'failed')),
    feeds_polled    integer NOT NULL DEFAULT 0,
    articles_new    integer NOT NULL DEFAULT 0,
    mentions        integer NOT NULL DEFAULT 0,
    events          integer NOT NULL DEFAULT 0,
    dead_letters    integer NOT NULL DEFAULT 0,
    started_at      timestamptz NOT NULL DEFAULT now(),
    finished_at     timestamptz,
    UNIQUE (dag_id, run_id)
);

CREATE TABLE articles (
    id                 bigserial PRIMARY KEY,
    url                text NOT NULL UNIQUE,
    canonical_url      text NOT NULL,
    feed_id            bigint REFERENCES feeds (id) ON DELETE SET NULL,
    source             text,          -- publishing host
    title              text,
    author             text,
    published_at       timestamptz,
    fetched_at         timestamptz NOT NULL DEFAULT now(),
    language           text,
    text               text NOT NULL,
    content_hash       text NOT NULL,
    simhash            bigint,
    near_duplicate_of  bigint REFERENCES articles (id) ON DELETE SET NULL,
    ingest_run_id      bigint REFERENCES ingest_runs (id) ON DELETE SET NULL
);
CREATE INDEX articles_canonical_url_idx ON articles (canonical_url);
CREATE INDEX articles_content_hash_idx ON articles (content_hash);
CREATE INDEX articles_published_at_idx ON articles (published_at);

CREATE TABLE actors (
    id            bigserial PRIMARY KEY,
    name          text NOT NULL,
    kind          text NOT NULL CHECK (kind IN ('person', 'state', 'organisation')),
    country_code  text,              -- ISO 3166 alpha-3, or an organisation code (NATO, EU, ...)
    aliases       text[] NOT NULL DEFAULT '{}',
    created_at    timestamptz NOT NULL DEFAULT now(),
    UNIQUE NULLS NOT DISTINCT (kind, name, country_code)
);

CREATE TABLE events (
    id                  bigserial PRIMARY KEY,
    coder_version       text NOT NULL,
    event_key           text NOT NULL,   -- what makes two mentions the same occurrence
    event_type          text NOT NULL CHECK (event_type IN ('signing', 'visit', 'meeting', 'statement')),
    event_date          date,
    status              text NOT NULL,
    location            text,
    destination         text,
    party_codes         text[] NOT NULL DEFAULT '{}',
    actor_names         text[] NOT NULL DEFAULT '{}',
    cameo_code          text,
    plover_code         text,
    num_mentions        integer NOT NULL,
    num_articles        integer NOT NULL,
    num_sources         integer NOT NULL,
    first_seen          timestamptz NOT NULL,
    last_seen           timestamptz NOT NULL,
    best_mention_id     bigint,
    updated_at          timestamptz NOT NULL DEFAULT now(),
    UNIQUE (coder_version, event_key)
);
CREATE INDEX events_date_idx ON events (event_date);
CREATE INDEX events_type_idx ON events (event_type);

CREATE TABLE event_mentions (
    id              bigserial PRIMARY KEY,
    article_id      bigint NOT NULL REFERENCES articles (id) ON DELETE CASCADE,
    coder_version   text NOT NULL,
    mention_key     text NOT NULL,       -- stable within (article, coder_version)
    event_key       text NOT NULL,
    event_id        bigint REFERENCES events (id) ON DELETE SET NULL,
    event_type      text NOT NULL CHECK (event_type IN ('signing', 'visit', 'meeting', 'statement')),
    event_date      date,
    status          text NOT NULL CHECK (status IN ('occurred', 'planned')),
    location        text,
    destination     text,
    quote           text,
    evidence_text   text NOT NULL,
    evidence_start  integer NOT NULL,
    evidence_end    integer NOT NULL,
    confidence      real NOT NULL CHECK (confidence BETWEEN 0 AND 1),
    cameo_code      text,
    plover_code     text,
    payload         jsonb NOT NULL,      -- the coder's full output for this mention
    created_at      timestamptz NOT NULL DEFAULT now(),
    UNIQUE (article_id, coder_version, mention_key)
);
CREATE INDEX event_mentions_event_key_idx ON event_mentions (coder_version, event_key);
CREATE INDEX event_mentions_event_id_idx ON event_mentions (event_id);

CREATE TABLE mention_actors (
    mention_id  bigint NOT NULL REFERENCES event_mentions (id) ON DELETE CASCADE,
    actor_id    bigint NOT NULL REFERENCES actors (id),
    role        text NOT NULL CHECK (role IN ('participant', 'visitor', 'host', 'speaker', 'signatory')),
    PRIMARY KEY (mention_id, actor_id, role)
);
CREATE INDEX mention_actors_actor_idx ON mention_actors (actor_id);

CREATE TABLE dead_letters (
    id             bigserial PRIMARY KEY,
    ingest_run_id  bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    stage          text NOT NULL,        -- feed | article | extract | load
    url            text,
    reason         text NOT NULL,        -- a short class: timeout, too_large, refused_address, ...
    detail         text NOT NULL,
    retryable      boolean NOT NULL DEFAULT false,
    payload        jsonb NOT NULL DEFAULT '{}',
    created_at     timestamptz NOT NULL DEFAULT now(),
    retried_at     timestamptz,
    resolved_at    timestamptz
);
CREATE INDEX dead_letters_open_idx ON dead_letters (created_at) WHERE resolved_at IS NULL;

-- Which coder version the analyst views show. One row; NULL version means "the newest
-- version that has events".
CREATE TABLE pipeline_settings (
    singleton       boolean PRIMARY KEY DEFAULT true CHECK (singleton),
    active_coder_version text
);
INSERT INTO pipeline_settings (singleton) VALUES (true);
