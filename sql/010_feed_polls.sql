-- What each run's poll of each feed came to. `feeds` keeps only the latest poll, and runs that
-- overlap (a backfill runs several intervals at once) poll the same feed: each run's summary
-- (`feeds_polled`, the broken feeds it names) reads its own rows here.
CREATE TABLE feed_polls (
    run_id        bigint NOT NULL REFERENCES ingest_runs (id) ON DELETE CASCADE,
    feed_id       bigint NOT NULL REFERENCES feeds (id) ON DELETE CASCADE,
    polled_at     timestamptz NOT NULL,
    status        text NOT NULL,
    error         text,
    new_articles  integer NOT NULL DEFAULT 0,
    PRIMARY KEY (run_id, feed_id)
);
CREATE INDEX feed_polls_feed ON feed_polls (feed_id);
