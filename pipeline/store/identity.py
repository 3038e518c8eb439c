"""Actor identity: which row of ``actors`` a name the coder gave refers to.

The rules (docs/analysts.md, "Who is who"), applied in SQL to the names a load stages:

1. States are identified by their code: "Vietnam" and "Viet Nam" (VNM) are one actor, shown
   with the gazetteer's name.
2. People and organisations are identified by their folded name (``fold_name``: case,
   diacritics and punctuation ignored) within a kind and party code: "Phạm Minh Chính" and
   "Pham Minh Chinh" of VNM are one person; every spelling is kept in ``actor_aliases`` and
   the fullest one is shown.
3. A shorter name of a person whose words are the first or last words of exactly one longer
   name of a person of the same party is that person ("Erdogan", "Tayyip Erdogan" →
   "Recep Tayyip Erdoğan" of TUR; "Xi" → "Xi Jinping"). When two people of that party could
   be meant ("Kim" in PRK), the short name stays an actor of its own. Whichever arrives first,
   the result is the same: a longer name arriving later absorbs the shorter actor (its
   mentions, aliases and events move over).
4. A person with no party code whose folded name is that of exactly one person with a party
   code is that person; a person with a party code absorbs an earlier party-less actor of the
   same name the same way.

Loads hold one advisory lock (``LOAD_LOCK``), so these statements never race each other.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

# How full a spelling is: more words, then longer, then more non-ASCII letters (diacritics).
_FULLNESS = ("array_length(regexp_split_to_array(btrim({c}), '\\s+'), 1) DESC, length({c}) DESC, "
             "octet_length({c}) - length({c}) DESC, {c}")

STAGE_NAMES_DDL = """
CREATE TEMP TABLE IF NOT EXISTS stage_names_v1 (
    name text NOT NULL, kind text NOT NULL, country_code text, key text NOT NULL, actor_id bigint
) ON COMMIT DELETE ROWS"""

_STAGE = text("""
INSERT INTO stage_names_v1 (name, kind, country_code, key)
SELECT name, kind, country_code,
       CASE WHEN kind = 'state' AND country_code IS NOT NULL THEN country_code ELSE fold_name(name) END
FROM (SELECT DISTINCT name, kind, country_code FROM stage_actors_v1) s""")

_KNOWN_STATES = text("""
UPDATE stage_names_v1 n SET actor_id = a.id
FROM actors a
WHERE n.kind = 'state' AND n.country_code IS NOT NULL
  AND a.kind = 'state' AND a.name_key = n.key AND a.country_code = n.country_code""")

_KNOWN_ALIASES = text("""
UPDATE stage_names_v1 n SET actor_id = (
    SELECT min(al.actor_id) FROM actor_aliases al
    WHERE al.kind = n.kind AND al.alias_key = n.key AND al.country_code IS NOT DISTINCT FROM n.country_code)
WHERE n.actor_id IS NULL""")

# Rule 3: a short name → the one longer name (existing actor or staged name) it is the start
# or end of, within the same party. Several candidates are fine when they nest ("tayyip
# erdogan" inside "recep tayyip erdogan"): the longest wins.
_PARTIAL_NAMES = text("""
WITH cand AS (
    SELECT n.key AS short_key, n.country_code, c.key AS long_key, c.actor_id
    FROM stage_names_v1 n
    JOIN (SELECT a.name_key AS key, a.country_code, a.id AS actor_id FROM actors a WHERE a.kind = 'person'
          UNION
          SELECT s.key, s.country_code, NULL FROM stage_names_v1 s
          WHERE s.kind = 'person' AND s.actor_id IS NULL) c
      ON c.country_code = n.country_code
     AND (c.key LIKE n.key || ' %' OR c.key LIKE '% ' || n.key)
    WHERE n.kind = 'person' AND n.actor_id IS NULL AND n.country_code IS NOT NULL
), best AS (
    SELECT DISTINCT ON (short_key, country_code) short_key, country_code, long_key, actor_id
    FROM cand ORDER BY short_key, country_code, length(long_key) DESC, actor_id NULLS LAST
), unique_match AS (
    SELECT b.* FROM best b
    WHERE NOT EXISTS (SELECT 1 FROM cand c
                      WHERE c.short_key = b.short_key AND c.country_code = b.country_code
                        AND position(' ' || c.long_key || ' ' IN ' ' || b.long_key || ' ') = 0)
)
UPDATE stage_names_v1 n SET key = u.long_key, actor_id = u.actor_id
FROM unique_match u
WHERE n.kind = 'person' AND n.actor_id IS NULL AND n.key = u.short_key AND n.country_code = u.country_code""")

# Rule 4: no party code, and exactly one person with a code has this name.
_PARTYLESS = text("""
UPDATE stage_names_v1 n SET actor_id = m.actor_id
FROM (SELECT al.alias_key, min(al.actor_id) AS actor_id
      FROM actor_aliases al
      WHERE al.kind = 'person' AND al.country_code IS NOT NULL
        AND al.alias_key IN (SELECT key FROM stage_names_v1 WHERE actor_id IS NULL AND country_code IS NULL)
      GROUP BY al.alias_key HAVING count(DISTINCT al.actor_id) = 1) m
WHERE n.kind = 'person' AND n.actor_id IS NULL AND n.country_code IS NULL AND n.key = m.alias_key""")

_CREATE = text(f"""
INSERT INTO actors (name, name_key, kind, country_code)
SELECT DISTINCT ON (n.kind, n.key, n.country_code)
       CASE WHEN n.kind = 'state' THEN coalesce(p.name, n.name) ELSE n.name END, n.key, n.kind, n.country_code
FROM stage_names_v1 n LEFT JOIN parties p ON p.code = n.country_code
WHERE n.actor_id IS NULL
ORDER BY n.kind, n.key, n.country_code, {_FULLNESS.format(c='n.name')}
ON CONFLICT (kind, name_key, country_code) DO NOTHING
RETURNING id""")

_RESOLVE_CREATED = text("""
UPDATE stage_names_v1 n SET actor_id = a.id
FROM actors a
WHERE n.actor_id IS NULL AND a.kind = n.kind AND a.name_key = n.key
  AND a.country_code IS NOT DISTINCT FROM n.country_code""")

# Rules 3 and 4 the other way round: actors created just now absorb older, shorter (or
# party-less) actors of the same person.
_MERGES = text("""
WITH new_people AS (
    SELECT id, name_key, country_code FROM actors WHERE id = ANY(:created) AND kind = 'person'
)
SELECT l.id AS loser, n.id AS winner
FROM new_people n
JOIN actors l ON l.kind = 'person' AND l.id <> n.id AND l.id <> ALL(:created)
 AND l.country_code = n.country_code
 AND (n.name_key LIKE l.name_key || ' %' OR n.name_key LIKE '% ' || l.name_key)
WHERE NOT EXISTS (SELECT 1 FROM actors o
                  WHERE o.kind = 'person' AND o.country_code = n.country_code AND o.id NOT IN (n.id, l.id)
                    AND (o.name_key LIKE l.name_key || ' %' OR o.name_key LIKE '% ' || l.name_key)
                    AND position(' ' || o.name_key || ' ' IN ' ' || n.name_key || ' ') = 0)
UNION
SELECT l.id, n.id
FROM new_people n
JOIN actors l ON l.kind = 'person' AND l.country_code IS NULL AND l.name_key = n.name_key AND l.id <> n.id
WHERE n.country_code IS NOT NULL
  AND NOT EXISTS (SELECT 1 FROM actors o
                  WHERE o.kind = 'person' AND o.name_key = n.name_key AND o.country_code IS NOT NULL
                    AND o.id <> n.id)""")

_ALIASES = text("""
INSERT INTO actor_aliases (actor_id, alias, alias_key, kind, country_code)
SELECT actor_id, name, fold_name(name), kind, country_code FROM stage_names_v1
ON CONFLICT (kind, country_code, alias) DO NOTHING""")

_DISPLAY_NAMES = text(f"""
UPDATE actors a SET name = best.alias, updated_at = now()
FROM (SELECT DISTINCT ON (al.actor_id) al.actor_id, al.alias
      FROM actor_aliases al
      WHERE al.actor_id = ANY(:ids)
      ORDER BY al.actor_id, {_FULLNESS.format(c='al.alias')}) best
WHERE a.id = best.actor_id AND a.kind <> 'state' AND a.name IS DISTINCT FROM best.alias""")

_FILL_STAGE = text("""
UPDATE stage_actors_v1 s SET actor_id = n.actor_id
FROM stage_names_v1 n
WHERE n.name = s.name AND n.kind = s.kind AND coalesce(n.country_code, '') = coalesce(s.country_code, '')""")


def resolve_actors(conn: Connection) -> list[tuple[int, int]]:
    """Give every staged actor row (``stage_actors_v1``) its ``actor_id``, creating and merging
    actors as the rules say. Returns the merges done as (absorbed id, surviving id) pairs."""
    conn.execute(_STAGE)
    conn.execute(_KNOWN_STATES)
    conn.execute(_KNOWN_ALIASES)
    conn.execute(_PARTIAL_NAMES)
    conn.execute(_PARTYLESS)
    created = list(conn.execute(_CREATE).scalars())
    conn.execute(_RESOLVE_CREATED)
    merges = [tuple(r) for r in conn.execute(_MERGES, {"created": created})] if created else []
    if merges:
        merge_actors(conn, merges)
    conn.execute(_ALIASES)
    touched = list(conn.execute(text("SELECT DISTINCT actor_id FROM stage_names_v1")).scalars())
    conn.execute(_DISPLAY_NAMES, {"ids": touched + [w for _, w in merges]})
    conn.execute(_FILL_STAGE)
    return merges


def merge_actors(conn: Connection, merges: list[tuple[int, int]]) -> None:
    """Fold each absorbed actor into its survivor: mentions, aliases and staged names move over.

    The events that named an absorbed actor are re-clustered by the caller (``touched_keys``).
    """
    losers = [loser for loser, _ in merges]
    winners = [winner for _, winner in merges]
    params = {"losers": losers, "winners": winners}
    conn.execute(text("""
        INSERT INTO touched_keys_v1 (coder_version, event_key)
        SELECT coder_version, event_key FROM events WHERE actor_ids && cast(:losers AS bigint[])
        ON CONFLICT DO NOTHING"""), params)
    # A mention naming both spellings keeps the person once, in the first position.
    conn.execute(text("""
        WITH m(loser, winner) AS (SELECT * FROM unnest(cast(:losers AS bigint[]), cast(:winners AS bigint[])))
        UPDATE event_mentions em SET (actor_ids, actor_roles) = (
            SELECT coalesce(array_agg(id ORDER BY first), '{}'), coalesce(array_agg(role ORDER BY first), '{}')
            FROM (SELECT DISTINCT ON (id) id, role, ord AS first
                  FROM (SELECT coalesce(m.winner, x.id) AS id, x.role, x.ord
                        FROM unnest(em.actor_ids, em.actor_roles) WITH ORDINALITY AS x (id, role, ord)
                        LEFT JOIN m ON m.loser = x.id) y
                  ORDER BY id, ord) z)
        FROM events e
        WHERE e.actor_ids && cast(:losers AS bigint[]) AND em.event_id = e.id
          AND em.actor_ids && cast(:losers AS bigint[])"""), params)
    conn.execute(text("""
        UPDATE actor_aliases al SET actor_id = m.winner
        FROM unnest(cast(:losers AS bigint[]), cast(:winners AS bigint[])) AS m (loser, winner)
        WHERE al.actor_id = m.loser"""), params)
    conn.execute(text("""
        UPDATE stage_names_v1 n SET actor_id = m.winner
        FROM unnest(cast(:losers AS bigint[]), cast(:winners AS bigint[])) AS m (loser, winner)
        WHERE n.actor_id = m.loser"""), params)
    conn.execute(text("DELETE FROM actors WHERE id = ANY(:losers)"), params)
