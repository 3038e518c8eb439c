-- Operators see what is wrong at a glance: each feed's health, and one dead letter per cause
-- instead of one per poll.

-- --- feed health ------------------------------------------------------------------------------
-- Written by every live poll (pipeline.store.feeds.record_feed_poll). "failing" is decided in
-- Python from PIPELINE_FEED_FAILING_AFTER and stored as failing_since, so the view needs no
-- setting of its own.
ALTER TABLE feeds
    ADD COLUMN consecutive_failures integer NOT NULL DEFAULT 0,
    ADD COLUMN last_success_at      timestamptz,
    ADD COLUMN last_failure_at      timestamptz,
    ADD COLUMN failing_since        timestamptz,
    ADD COLUMN next_poll_at         timestamptz,   -- back-off of a failing feed: not polled before
    ADD COLUMN last_new_articles    integer,
    ADD COLUMN new_articles_total   bigint NOT NULL DEFAULT 0,
    ADD COLUMN last_run_id          bigint REFERENCES ingest_runs (id) ON DELETE SET NULL,
    ADD COLUMN disabled_at          timestamptz;   -- no longer in the feeds file

UPDATE feeds SET last_success_at = last_polled_at WHERE last_status IN ('ok', 'not_modified');
UPDATE feeds SET consecutive_failures = 1, last_failure_at = last_polled_at WHERE last_status = 'error';
UPDATE feeds f SET new_articles_total = (SELECT count(*) FROM articles a WHERE a.feed_id = f.id);

CREATE INDEX articles_feed_fetched_idx ON articles (feed_id, fetched_at);
CREATE INDEX articles_ingest_run_idx ON articles (ingest_run_id);  -- a run's new articles

ALTER TABLE ingest_runs ADD COLUMN feeds_failed integer NOT NULL DEFAULT 0;

-- --- dead letters: one row per cause -----------------------------------------------------------
-- A cause is (stage, reason, input): the same feed answering 404 every 15 minutes is one row
-- whose occurrences grow. input_key names the input: its URL, else the article, else the feed.
ALTER TABLE dead_letters
    ADD COLUMN input_key text NOT NULL GENERATED ALWAYS AS (
        coalesce(url, 'article:' || (payload ->> 'article_id'), payload ->> 'feed', '')) STORED,
    ADD COLUMN occurrences  integer NOT NULL DEFAULT 1,
    ADD COLUMN last_seen_at timestamptz,
    ADD COLUMN handled_at   timestamptz;           -- acknowledged by an operator: listed no more

UPDATE dead_letters SET last_seen_at = coalesce(retried_at, created_at);
ALTER TABLE dead_letters ALTER COLUMN last_seen_at SET DEFAULT now(),
                         ALTER COLUMN last_seen_at SET NOT NULL;

-- Fold existing repeats into their newest row (it carries the current state), keeping the
-- first sighting and the count.
WITH causes AS (
    SELECT stage, reason, input_key, max(id) AS keep, count(*) AS n,
           min(created_at) AS first_seen, max(last_seen_at) AS last_seen
    FROM dead_letters GROUP BY stage, reason, input_key HAVING count(*) > 1
), folded AS (
    UPDATE dead_letters d SET occurrences = c.n, created_at = c.first_seen, last_seen_at = c.last_seen
    FROM causes c WHERE d.id = c.keep
    RETURNING d.id
)
DELETE FROM dead_letters d USING causes c
WHERE d.stage = c.stage AND d.reason = c.reason AND d.input_key = c.input_key AND d.id <> c.keep;

-- On a digest: an index entry must stay under ~2.7 kB whatever the URL.
CREATE UNIQUE INDEX dead_letters_cause_idx ON dead_letters (stage, reason, md5(input_key));
DROP INDEX dead_letters_open_idx;
CREATE INDEX dead_letters_open_idx ON dead_letters (last_seen_at) WHERE resolved_at IS NULL AND handled_at IS NULL;

-- --- the operator's view ------------------------------------------------------------------------
CREATE VIEW v_feed_health AS
SELECT f.id                      AS feed_id,
       f.url,
       f.title,
       CASE WHEN f.disabled_at IS NOT NULL THEN 'disabled'
            WHEN f.failing_since IS NOT NULL THEN 'failing'
            ELSE 'ok' END        AS status,
       f.consecutive_failures,
       f.last_polled_at,
       f.last_status             AS last_poll_status,
       f.last_success_at,
       f.last_failure_at,
       f.last_error,
       f.failing_since,
       f.next_poll_at,
       f.last_new_articles,
       f.new_articles_total,
       (SELECT count(*) FROM articles a
        WHERE a.feed_id = f.id AND a.fetched_at >= now() - interval '7 days') AS new_articles_7d,
       (SELECT count(*) FROM dead_letters d
        WHERE d.payload ->> 'feed' = f.url AND d.resolved_at IS NULL AND d.handled_at IS NULL) AS open_dead_letters,
       f.disabled_at
FROM feeds f;

GRANT SELECT ON v_feed_health TO pipeline_analyst;

COMMENT ON VIEW v_feed_health IS 'One row per feed the pipeline has known: is it being read, and if not, since when and why.';
COMMENT ON COLUMN v_feed_health.feed_id IS 'feeds.id; articles.feed_id points here.';
COMMENT ON COLUMN v_feed_health.url IS 'The feed URL as configured.';
COMMENT ON COLUMN v_feed_health.title IS 'The title the feed gives itself.';
COMMENT ON COLUMN v_feed_health.status IS 'ok; failing (PIPELINE_FEED_FAILING_AFTER polls in a row failed; still polled, with back-off); disabled (no longer in the feeds file).';
COMMENT ON COLUMN v_feed_health.consecutive_failures IS 'Polls in a row that failed (0 after a good poll).';
COMMENT ON COLUMN v_feed_health.last_polled_at IS 'When the live feed was last polled.';
COMMENT ON COLUMN v_feed_health.last_poll_status IS 'Outcome of the last poll: ok, not_modified (HTTP 304) or error.';
COMMENT ON COLUMN v_feed_health.last_success_at IS 'Last poll that read the feed (ok or not_modified).';
COMMENT ON COLUMN v_feed_health.last_failure_at IS 'Last poll that failed.';
COMMENT ON COLUMN v_feed_health.last_error IS 'Why the last poll failed (e.g. HTTP 404); NULL when it succeeded.';
COMMENT ON COLUMN v_feed_health.failing_since IS 'When the feed turned failing; NULL when it is not.';
COMMENT ON COLUMN v_feed_health.next_poll_at IS 'A failing feed is not polled before this time (back-off doubling per failure).';
COMMENT ON COLUMN v_feed_health.last_new_articles IS 'New articles stored by the last poll.';
COMMENT ON COLUMN v_feed_health.new_articles_total IS 'New articles stored from this feed, all polls.';
COMMENT ON COLUMN v_feed_health.new_articles_7d IS 'Articles stored from this feed in the last 7 days.';
COMMENT ON COLUMN v_feed_health.open_dead_letters IS 'Dead letters of this feed and its articles neither resolved nor handled.';
COMMENT ON COLUMN v_feed_health.disabled_at IS 'When the feed left the feeds file; NULL while it is configured.';
