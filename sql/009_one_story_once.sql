-- One story stored once, also under concurrency; runs a dead process left behind.
--
-- articles.content_hash was checked with select-then-insert, so two feed tasks storing the
-- same story at the same moment could both insert it. A unique index makes the database
-- refuse the second copy. Copies stored before this migration are kept (their mentions and
-- events stay as they were) but marked: near_duplicate_of points at the first copy and their
-- content_hash gets a ':copy:<own id>' suffix, so the index can be built (the first copy's
-- hash still refuses any new copy).
UPDATE articles a
SET near_duplicate_of = coalesce(a.near_duplicate_of, firsts.first_id),
    content_hash = a.content_hash || ':copy:' || a.id
FROM (SELECT content_hash, min(id) AS first_id FROM articles GROUP BY content_hash HAVING count(*) > 1) firsts
WHERE a.content_hash = firsts.content_hash AND a.id <> firsts.first_id;

DROP INDEX IF EXISTS articles_content_hash_idx;
CREATE UNIQUE INDEX articles_content_hash_key ON articles (content_hash);

-- A run whose process died (kill -9, a lost database) stays 'running' forever unless someone
-- closes it: the next run does, as 'abandoned', when its heartbeat is older than the
-- staleness limit (PIPELINE_RUN_STALE_MINUTES), or at once when the run was held by one
-- session (held_by_session: a CLI ingest holds an advisory lock on the run while it lives, so
-- a free lock means its process is gone).
ALTER TABLE ingest_runs ADD COLUMN heartbeat_at timestamptz;
ALTER TABLE ingest_runs ADD COLUMN held_by_session boolean NOT NULL DEFAULT false;
UPDATE ingest_runs SET heartbeat_at = coalesce(finished_at, started_at);
ALTER TABLE ingest_runs ALTER COLUMN heartbeat_at SET DEFAULT now();
ALTER TABLE ingest_runs DROP CONSTRAINT ingest_runs_status_check;
ALTER TABLE ingest_runs ADD CONSTRAINT ingest_runs_status_check
    CHECK (status IN ('running', 'success', 'failed', 'abandoned'));
COMMENT ON COLUMN ingest_runs.heartbeat_at IS 'last sign of life of the process running it (a feed polled, a batch loaded)';
COMMENT ON COLUMN ingest_runs.held_by_session IS 'one process runs it, holding an advisory lock on the run id while it lives';
