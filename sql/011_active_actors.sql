-- v_actors lists the actors the active coder version's events name, with how often and when.
--
-- Actors are shared by every coder version. After re-coding, the names an older coder gave and
-- the newer one no longer gives (a title taken for a name, a person cut short) stayed in
-- v_actors with no event an analyst could see. Now an actor is listed while at least one event
-- of the active version names it; its events, first and last day come with it, so "who is
-- most active" needs no join.

CREATE OR REPLACE VIEW v_actors AS
SELECT a.id                AS actor_id,
       a.name,
       a.kind,
       a.country_code      AS party,
       (SELECT array_agg(DISTINCT al.alias ORDER BY al.alias) FROM actor_aliases al WHERE al.actor_id = a.id) AS aliases,
       act.events,
       act.first_day,
       act.last_day
FROM actors a
CROSS JOIN LATERAL (
    SELECT count(*)::integer AS events, min(e.day) AS first_day, max(e.day) AS last_day
    FROM events e
    WHERE e.actor_ids @> ARRAY[a.id] AND e.coder_version = active_coder_version()
) act
WHERE act.events > 0;

COMMENT ON VIEW v_actors IS 'One row per person, state or organisation named by at least one event of the active coder version, with every spelling seen.';
COMMENT ON COLUMN v_actors.events IS 'Events of the active coder version that name this actor (any role).';
COMMENT ON COLUMN v_actors.first_day IS 'Earliest day (coalesce(event_date, reported_date)) of those events.';
COMMENT ON COLUMN v_actors.last_day IS 'Latest day of those events.';
