-- Which coder version the views show when no operator has chosen one: the version that has
-- coded the most articles (the most recently introduced among equals), no longer simply the
-- most recently introduced one.
--
-- Why: after a new coder is deployed, the next scheduled ingest codes that day's few new
-- articles with it. Showing the newest version then made months of events disappear from every
-- view until a re-coding of the backlog finished. Now the views keep the old version's full
-- history while the new one catches up, and switch as soon as the new one has coded as many
-- articles (a re-coding of everything ends in a tie, which the newer version wins). Re-running
-- an old coder over articles it already coded adds nothing to its count, so it never flips the
-- views back.
--
-- articles_coded is kept by two statement-level triggers on article_codings (one row per
-- article a version coded, found events or not), so reading it costs one index look-up per
-- query, however many articles there are.

ALTER TABLE coder_versions ADD COLUMN articles_coded bigint NOT NULL DEFAULT 0;
COMMENT ON COLUMN coder_versions.articles_coded IS
    'Articles this coder version has coded (rows of article_codings), kept by triggers.';

-- A version can code articles before it stores any mention (every article of a batch found
-- nothing): it is introduced here then.
INSERT INTO coder_versions (coder_version, first_loaded)
SELECT coder_version, min(coded_at) FROM article_codings GROUP BY coder_version
ON CONFLICT DO NOTHING;
UPDATE coder_versions v SET articles_coded = c.n
FROM (SELECT coder_version, count(*) AS n FROM article_codings GROUP BY coder_version) c
WHERE c.coder_version = v.coder_version;

CREATE FUNCTION count_added_codings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    INSERT INTO coder_versions (coder_version, articles_coded)
    SELECT coder_version, count(*) FROM added GROUP BY coder_version
    ON CONFLICT (coder_version) DO UPDATE
        SET articles_coded = coder_versions.articles_coded + excluded.articles_coded;
    RETURN NULL;
END
$$;

CREATE FUNCTION count_removed_codings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coder_versions v SET articles_coded = greatest(v.articles_coded - r.n, 0)
    FROM (SELECT coder_version, count(*) AS n FROM removed GROUP BY coder_version) r
    WHERE r.coder_version = v.coder_version;
    RETURN NULL;
END
$$;

-- On INSERT … ON CONFLICT DO UPDATE the insert trigger sees only the rows inserted: an article
-- coded again by the same version is counted once.
CREATE TRIGGER article_codings_added AFTER INSERT ON article_codings
    REFERENCING NEW TABLE AS added FOR EACH STATEMENT EXECUTE FUNCTION count_added_codings();
CREATE TRIGGER article_codings_removed AFTER DELETE ON article_codings
    REFERENCING OLD TABLE AS removed FOR EACH STATEMENT EXECUTE FUNCTION count_removed_codings();

CREATE FUNCTION count_no_codings() RETURNS trigger
LANGUAGE plpgsql AS $$
BEGIN
    UPDATE coder_versions SET articles_coded = 0 WHERE articles_coded <> 0;
    RETURN NULL;
END
$$;
-- TRUNCATE articles … CASCADE empties article_codings without firing its delete trigger.
CREATE TRIGGER article_codings_truncated AFTER TRUNCATE ON article_codings
    FOR EACH STATEMENT EXECUTE FUNCTION count_no_codings();

CREATE OR REPLACE FUNCTION active_coder_version() RETURNS text
LANGUAGE sql STABLE SECURITY DEFINER AS $$
    SELECT coalesce(
        (SELECT active_coder_version FROM pipeline_settings),
        (SELECT coder_version FROM coder_versions
         ORDER BY articles_coded DESC, first_loaded DESC, coder_version DESC LIMIT 1)
    )
$$;
DO $$
BEGIN
    EXECUTE 'ALTER FUNCTION active_coder_version() SET search_path = '
            || quote_ident(current_schema()) || ', pg_temp';
END
$$;
