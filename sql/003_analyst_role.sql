-- A read-only role for analysts: the views, nothing else. Roles are cluster-wide, so
-- create it only once; grants are per database.
DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'pipeline_analyst') THEN
        CREATE ROLE pipeline_analyst NOLOGIN;
    END IF;
END
$$;
GRANT USAGE ON SCHEMA public TO pipeline_analyst;
GRANT SELECT ON v_events, v_statements, v_event_mentions, v_daily_event_counts TO pipeline_analyst;
GRANT EXECUTE ON FUNCTION active_coder_version() TO pipeline_analyst;
