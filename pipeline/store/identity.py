"""Actor identity: which row of ``actors`` a name the coder gave refers to.

The rules (docs/analysts.md, "Who is who"), applied in SQL to the names a load stages:

1. States are identified by their code: "Vietnam" and "Viet Nam" (VNM) are one actor, shown
   with the gazetteer's name.
2. People and organisations are identified by their folded name (``fold_name``: case,
   diacritics and punctuation ignored) within a kind and party code: "Phạm Minh Chính" and
   "Pham Minh Chinh" of VNM are one person; every spelling is kept in ``actor_aliases`` and
   the fullest one is shown.
3. A shorter name of a person is the one person of the same party whose name it shortens: its
   first or last words ("Erdogan", "Tayyip Erdogan" → "Recep Tayyip Erdoğan" of TUR; "Xi" →
   "Xi Jinping"), or its first and last words without the middle ones ("Bola Tinubu" → "Bola
   Ahmed Tinubu"). When two people of that party could be meant ("Kim" in PRK), the short name
   stays an actor of its own. Whichever arrives first, the result is the same: a longer name
   arriving later absorbs the shorter actor (its mentions, aliases and events move over).
4. A person (or organisation) with no party code is the one person (organisation) with a party
   code who has that name, or for a person whose name it shortens as in rule 3 ("Erdogan" of no
   party → "Recep Tayyip Erdoğan" of TUR, unless another coded person is an Erdogan too); in
   whichever order they arrive.

Which names are actors at all, and in what form (titles, forms of address, places, offices),
is decided before these rules, at the store boundary (``actor_names``).

Loads hold one advisory lock (``LOAD_LOCK``), so these statements never race each other.
"""

from __future__ import annotations

from sqlalchemy import Connection, text

from pipeline.store.db import execute_in_one_round_trip

# How full a spelling is: more words, then longer, then more non-ASCII letters (diacritics),
# then written in mixed case rather than capitals ("Gen Nakatani" before "GEN NAKATANI").
_FULLNESS = ("array_length(regexp_split_to_array(btrim({c}), '\\s+'), 1) DESC, length({c}) DESC, "
             "octet_length({c}) - length({c}) DESC, ({c} = upper({c})), {c}")



def _shorter_form(short: str, long: str) -> str:
    """SQL: folded name ``short`` is a shorter form of folded name ``long``: its first or last
    words ("erdogan", "tayyip erdogan", "xi"), or its first and last words with middle names
    left out ("bola tinubu" of "bola ahmed tinubu", "recep erdogan" of "recep tayyip erdogan").
    The LIKEs in front of the regular expression keep it (compiled per name) to the few pairs
    that share a first and a last word."""
    words = f"regexp_replace({short}, '([^[:alnum:] ])', '\\\\\\1', 'g')"
    first, last = f"split_part({short}, ' ', 1)", f"reverse(split_part(reverse({short}), ' ', 1))"
    return (f"({long} LIKE {short} || ' %' OR {long} LIKE '% ' || {short}"
            f" OR ({short} LIKE '% %' AND {long} LIKE {first} || ' %' AND {long} LIKE '% ' || {last}"
            f" AND {long} ~ ('^' || replace({words}, ' ', ' (\\S+ )*') || '$')))")


STAGE_NAMES_DDL = """
CREATE TEMP TABLE IF NOT EXISTS stage_names_v1 (
    name text NOT NULL, kind text NOT NULL, country_code text, key text NOT NULL, actor_id bigint
) ON COMMIT DELETE ROWS"""

_STAGE = text("""
INSERT INTO stage_names_v1 (name, kind, country_code, key)
SELECT name, kind, country_code,
       CASE WHEN kind = 'state' AND country_code IS NOT NULL THEN country_code ELSE fold_name(name) END
FROM (SELECT DISTINCT name, kind, country_code FROM stage_actor_names_v1) s""")

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
_PARTIAL_NAMES = text(f"""
WITH cand AS (
    SELECT n.key AS short_key, n.country_code, c.key AS long_key, c.actor_id
    FROM stage_names_v1 n
    JOIN (SELECT a.name_key AS key, a.country_code, a.id AS actor_id FROM actors a WHERE a.kind = 'person'
          UNION
          SELECT s.key, s.country_code, NULL FROM stage_names_v1 s
          WHERE s.kind = 'person' AND s.actor_id IS NULL) c
      ON c.country_code = n.country_code
     AND {_shorter_form('n.key', 'c.key')}
    WHERE n.kind = 'person' AND n.actor_id IS NULL AND n.country_code IS NOT NULL
), best AS (
    SELECT DISTINCT ON (short_key, country_code) short_key, country_code, long_key, actor_id
    FROM cand ORDER BY short_key, country_code, length(long_key) DESC, actor_id NULLS LAST
), unique_match AS (
    SELECT b.* FROM best b
    WHERE NOT EXISTS (SELECT 1 FROM cand c
                      WHERE c.short_key = b.short_key AND c.country_code = b.country_code
                        AND NOT {_shorter_form('c.long_key', 'b.long_key')} AND c.long_key <> b.long_key)
)
UPDATE stage_names_v1 n SET key = u.long_key, actor_id = u.actor_id
FROM unique_match u
WHERE n.kind = 'person' AND n.actor_id IS NULL AND n.key = u.short_key AND n.country_code = u.country_code""")

# Rule 4: no party code, and exactly one person (or organisation) with a code has this name.
_PARTYLESS = text("""
UPDATE stage_names_v1 n SET actor_id = m.actor_id
FROM (SELECT al.kind, al.alias_key, min(al.actor_id) AS actor_id
      FROM actor_aliases al
      WHERE al.kind IN ('person', 'organisation') AND al.country_code IS NOT NULL
        AND al.alias_key IN (SELECT key FROM stage_names_v1 WHERE actor_id IS NULL AND country_code IS NULL)
      GROUP BY al.kind, al.alias_key HAVING count(DISTINCT al.actor_id) = 1) m
WHERE n.kind = m.kind AND n.actor_id IS NULL AND n.country_code IS NULL AND n.key = m.alias_key""")

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

# Rules 3 and 4 the other way round: actors created just now absorb older, shorter actors of
# the same person.
_MERGES = text(f"""
WITH new_people AS (
    SELECT id, name_key, country_code FROM actors WHERE id = ANY(:created) AND kind = 'person'
)
SELECT l.id AS loser, n.id AS winner
FROM new_people n
JOIN actors l ON l.kind = 'person' AND l.id <> n.id AND l.id <> ALL(:created)
 AND l.country_code = n.country_code
 AND {_shorter_form('l.name_key', 'n.name_key')}
WHERE NOT EXISTS (SELECT 1 FROM actors o
                  WHERE o.kind = 'person' AND o.country_code = n.country_code AND o.id NOT IN (n.id, l.id)
                    AND {_shorter_form('l.name_key', 'o.name_key')}
                    AND NOT {_shorter_form('o.name_key', 'n.name_key')})""")

# A party-less name could be one of these people or organisations: the same name, or (people)
# one it shortens. Both share their first or their last word with it, so candidates are looked
# up by those words (indexed: sql/012) before the name rules are tried.
_NAMES_ONE = "(w.name_key = {l}.name_key OR {l}.kind = 'person' AND " + _shorter_form("{l}.name_key", "w.name_key") + ")"
_FIRST = "split_part({t}.name_key, ' ', 1)"
_LAST = "reverse(split_part(reverse({t}.name_key), ' ', 1))"

# Rule 4 in either arrival order: an actor without a party code joins the one person (or
# organisation) with a code that it names ("Erdogan" with no party → "Recep Tayyip Erdoğan" of
# TUR when no other coded person is an Erdogan). Driven from the names this load touched.
_PARTYLESS_MERGES = text(f"""
WITH touched AS MATERIALIZED (
    SELECT id, kind, name_key, country_code FROM actors
    WHERE id = ANY(ARRAY(SELECT actor_id FROM stage_names_v1)) AND kind IN ('person', 'organisation')
), candidates AS MATERIALIZED (
    SELECT id, kind, name_key FROM touched WHERE country_code IS NULL
    UNION
    SELECT l.id, l.kind, l.name_key FROM touched w
    JOIN actors l ON l.kind = w.kind AND {_FIRST.format(t='l')} = {_FIRST.format(t='w')}
    WHERE w.country_code IS NOT NULL AND l.country_code IS NULL AND {_NAMES_ONE.format(l='l')}
    UNION
    SELECT l.id, l.kind, l.name_key FROM touched w
    JOIN actors l ON l.kind = w.kind AND {_LAST.format(t='l')} = {_LAST.format(t='w')}
    WHERE w.country_code IS NOT NULL AND l.country_code IS NULL AND {_NAMES_ONE.format(l='l')}
), matches AS (
    SELECT c.id AS loser, w.id AS winner FROM candidates c
    JOIN actors w ON w.kind = c.kind AND {_FIRST.format(t='w')} = {_FIRST.format(t='c')}
    WHERE w.country_code IS NOT NULL AND {_NAMES_ONE.format(l='c')}
    UNION
    SELECT c.id, w.id FROM candidates c
    JOIN actors w ON w.kind = c.kind AND {_LAST.format(t='w')} = {_LAST.format(t='c')}
    WHERE w.country_code IS NOT NULL AND {_NAMES_ONE.format(l='c')}
)
SELECT loser, min(winner) AS winner FROM matches
GROUP BY loser
HAVING count(DISTINCT winner) = 1""")

# Both kinds of merge in one statement (the round trip returns one result), rule 3's first.
_ALL_MERGES = text(f"""
SELECT loser, winner FROM (
    SELECT 1 AS rule, * FROM ({_MERGES.text}) rule3
    UNION ALL
    SELECT 2, * FROM ({_PARTYLESS_MERGES.text}) rule4) m
ORDER BY rule, loser""")

_ALIASES = text("""
INSERT INTO actor_aliases (actor_id, alias, alias_key, kind, country_code)
SELECT actor_id, name, fold_name(name), kind, country_code FROM stage_names_v1
ON CONFLICT (kind, country_code, alias) DO NOTHING""")

_DISPLAY_NAMES = text(f"""
UPDATE actors a SET name = best.alias, updated_at = now()
FROM (SELECT DISTINCT ON (al.actor_id) al.actor_id, al.alias
      FROM actor_aliases al
      WHERE al.actor_id IN (SELECT actor_id FROM stage_names_v1) OR al.actor_id = ANY(cast(:winners AS bigint[]))
      ORDER BY al.actor_id, {_FULLNESS.format(c='al.alias')}) best
WHERE a.id = best.actor_id AND a.kind <> 'state' AND a.name IS DISTINCT FROM best.alias""")

_RESOLVED = text("SELECT name, kind, country_code, actor_id FROM stage_names_v1")

ActorName = tuple[str, str, str | None]  # (name, kind, party code), as ``actor_names`` gives it


def resolve_actors(conn: Connection) -> tuple[list[tuple[int, int]], dict[ActorName, int]]:
    """Find or create the actor of every staged name (``stage_actor_names_v1``), merging actors
    as the rules say. Returns the merges done as (absorbed id, surviving id) pairs, and each
    name's actor id."""
    created = [row[0] for row in execute_in_one_round_trip(conn, [
        (_STAGE, None), (_KNOWN_STATES, None), (_KNOWN_ALIASES, None), (_PARTIAL_NAMES, None), (_PARTYLESS, None),
        (_CREATE, None)])]
    merges = _one_winner_each([(loser, winner) for loser, winner in execute_in_one_round_trip(conn, [
        (_RESOLVE_CREATED, None), (_ALL_MERGES, {"created": created})])])
    if merges:
        merge_actors(conn, merges)
    resolved = execute_in_one_round_trip(conn, [
        (_ALIASES, None), (_DISPLAY_NAMES, {"winners": [w for _, w in merges]}), (_RESOLVED, None)])
    return merges, {(name, kind, code): actor_id for name, kind, code, actor_id in resolved}


def _one_winner_each(pairs: list[tuple[int, int]]) -> list[tuple[int, int]]:
    """Each absorbed actor once (its first survivor), and no survivor that is itself absorbed:
    a chain a → b → c becomes a → c, b → c."""
    winner_of: dict[int, int] = {}
    for loser, winner in pairs:
        winner_of.setdefault(loser, winner)
    out = []
    for loser in winner_of:
        winner, seen = winner_of[loser], {loser}
        while winner in winner_of and winner not in seen:
            seen.add(winner)
            winner = winner_of[winner]
        if winner not in seen:
            out.append((loser, winner))
    return out


def merge_actors(conn: Connection, merges: list[tuple[int, int]]) -> None:
    """Fold each absorbed actor into its survivor: mentions, aliases and staged names move over.

    The events that named an absorbed actor are re-clustered by the caller (``touched_events_v1``).
    """
    losers = [loser for loser, _ in merges]
    winners = [winner for _, winner in merges]
    params = {"losers": losers, "winners": winners}
    conn.execute(text("""
        INSERT INTO touched_events_v1 (coder_version, event_key, event_id)
        SELECT coder_version, event_key, id FROM events WHERE actor_ids && cast(:losers AS bigint[])
        ON CONFLICT (coder_version, event_key) DO UPDATE SET additive = false"""), params)
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
