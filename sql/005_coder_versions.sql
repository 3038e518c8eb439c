-- Coder versions the database holds, in the order they arrived. With no version chosen in
-- pipeline_settings the views show the most recently introduced one, so re-running an old
-- coder (which touches its events) never flips the views back to it.
CREATE TABLE coder_versions (
    coder_version  text PRIMARY KEY,
    first_loaded   timestamptz NOT NULL DEFAULT clock_timestamp()
);
INSERT INTO coder_versions (coder_version, first_loaded)
SELECT coder_version, min(created_at) FROM event_mentions GROUP BY coder_version
ON CONFLICT DO NOTHING;

CREATE OR REPLACE FUNCTION active_coder_version() RETURNS text
LANGUAGE sql STABLE AS $$
    SELECT coalesce(
        (SELECT active_coder_version FROM pipeline_settings),
        (SELECT coder_version FROM coder_versions ORDER BY first_loaded DESC, coder_version DESC LIMIT 1)
    )
$$;
