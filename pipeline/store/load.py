"""The bulk load of the coder's output. New mentions and their actors go through binary COPY
into staging tables; then set-based statements resolve actor identity (``identity``), rebuild
the events of exactly the keys the batch touched and the daily counts of their days
(``clustering``), and insert the mentions. Idempotent: unchanged mentions are never staged,
so a retried task changes nothing twice."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, text

from pipeline.store import clustering, identity, staging
from pipeline.store.db import Statement, execute_in_one_round_trip

# --- mentions and events ---------------------------------------------------------------

@dataclass(frozen=True)
class ArticleRef:
    id: int
    published: date | None


@dataclass(frozen=True)
class LoadResult:
    mentions: int  # mentions now stored for these articles under this coder version
    mentions_added: int
    mentions_removed: int
    events_touched: int


_STAGE_DDL = (
    """CREATE TEMP TABLE IF NOT EXISTS stage_mentions_v1 (
           id bigint NOT NULL, article_id bigint NOT NULL, coder_version text NOT NULL, mention_key text NOT NULL,
           event_key text NOT NULL, event_type text NOT NULL, event_date date, date_precision text NOT NULL,
           status text NOT NULL, location text, destination text, destination_code text, quote text,
           evidence_text text NOT NULL, evidence_start integer NOT NULL, evidence_end integer NOT NULL,
           confidence real NOT NULL, cameo_code text, plover_code text, party_codes text[] NOT NULL,
           payload text NOT NULL
       ) ON COMMIT DELETE ROWS""",
    """CREATE TEMP TABLE IF NOT EXISTS stage_actors_v1 (
           mention_id bigint NOT NULL, ord integer NOT NULL, name text NOT NULL, kind text NOT NULL,
           country_code text, role text NOT NULL, actor_id bigint
       ) ON COMMIT DELETE ROWS""",
    """CREATE TEMP TABLE IF NOT EXISTS stage_mention_actors_v1 (
           id bigint PRIMARY KEY, ids bigint[] NOT NULL, roles text[] NOT NULL
       ) ON COMMIT DELETE ROWS""",
    identity.STAGE_NAMES_DDL,
    *clustering.TEMP_DDL,
)
_MENTION_COLS = ("id", "article_id", "coder_version", "mention_key", "event_key", "event_type", "event_date",
                 "date_precision", "status", "location", "destination", "destination_code", "quote", "evidence_text",
                 "evidence_start", "evidence_end", "confidence", "cameo_code", "plover_code", "party_codes", "payload")
_MENTION_TYPES = ("int8", "int8", "text", "text", "text", "text", "date", "text", "text", "text", "text", "text",
                  "text", "text", "int4", "int4", "float4", "text", "text", "text[]", "text")
_ACTOR_COLS = ("mention_id", "ord", "name", "kind", "country_code", "role")
_ACTOR_TYPES = ("int8", "int4", "text", "text", "text", "text")
_ROLE_RANK = "array_position(ARRAY['speaker', 'visitor', 'host', 'signatory', 'participant'], role)"



_STORED_MENTIONS = text(
    "SELECT article_id, mention_key FROM event_mentions WHERE article_id = ANY(:ids) AND coder_version = :v")
_DELETE_STALE = text("""
WITH gone AS (
    DELETE FROM event_mentions m
    USING unnest(cast(:a AS bigint[]), cast(:k AS text[])) AS s (article_id, mention_key)
    WHERE m.article_id = s.article_id AND m.mention_key = s.mention_key AND m.coder_version = :v
    RETURNING m.event_key)
INSERT INTO touched_keys_v1 (coder_version, event_key)
SELECT DISTINCT :v, event_key FROM gone ON CONFLICT DO NOTHING""")
_DRAW_IDS = text("SELECT nextval(pg_get_serial_sequence('event_mentions', 'id')) FROM generate_series(1, :n)")
_PARTIES = text("""
INSERT INTO parties (code, name, kind)
SELECT * FROM unnest(cast(:codes AS text[]), cast(:names AS text[]), cast(:kinds AS text[]))
ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind
WHERE (parties.name, parties.kind) IS DISTINCT FROM (excluded.name, excluded.kind)""")
_CODER_VERSION = text("INSERT INTO coder_versions (coder_version) VALUES (:v) ON CONFLICT DO NOTHING")
# Each actor once per mention (two spellings of one person included), strongest role kept.
_MENTION_ACTORS = text(f"""
INSERT INTO stage_mention_actors_v1 (id, ids, roles)
SELECT mention_id, array_agg(actor_id ORDER BY ord), array_agg(role ORDER BY ord)
FROM (SELECT DISTINCT ON (mention_id, actor_id) mention_id, actor_id, role, ord
      FROM stage_actors_v1
      ORDER BY mention_id, actor_id, {_ROLE_RANK}, ord) d
GROUP BY mention_id""")
_TOUCHED_BY_NEW = text("""
INSERT INTO touched_keys_v1 (coder_version, event_key)
SELECT DISTINCT coder_version, event_key FROM stage_mentions_v1 ON CONFLICT DO NOTHING""")
_INSERT_MENTIONS = text(f"""
INSERT INTO event_mentions ({", ".join(_MENTION_COLS)}, event_id, actor_ids, actor_roles)
SELECT {", ".join("s." + c + ("::json" if c == "payload" else "") for c in _MENTION_COLS)}, e.id,
       coalesce(sa.ids, '{{}}'), coalesce(sa.roles, '{{}}')
FROM stage_mentions_v1 s
CROSS JOIN LATERAL (SELECT id FROM events
                    WHERE coder_version = s.coder_version AND event_key = s.event_key LIMIT 1) e
LEFT JOIN stage_mention_actors_v1 sa ON sa.id = s.id""")
_CODINGS = text("""
INSERT INTO article_codings (article_id, coder_version, mentions)
SELECT unnest(cast(:ids AS bigint[])), :v, unnest(cast(:counts AS integer[]))
ON CONFLICT (article_id, coder_version) DO UPDATE SET mentions = excluded.mentions
WHERE article_codings.mentions IS DISTINCT FROM excluded.mentions""")
_EVENTS_TOUCHED = text("SELECT count(*) FROM touched_keys_v1 WHERE coder_version = :v")

_STAGING_TABLES = ("stage_mentions_v1", "stage_actors_v1", "stage_mention_actors_v1", "stage_names_v1",
                   "touched_keys_v1", "touched_groups_v1")


def _staging_statements() -> list[Statement]:
    """Take the load lock; create the session's staging tables, or empty them (they empty
    themselves at commit, but one transaction may load several batches)."""
    return [(clustering.LOCK, {"k": clustering.LOAD_LOCK}), *((text(ddl), None) for ddl in _STAGE_DDL),
            *((text(f"DELETE FROM {t}"), None) for t in _STAGING_TABLES)]


def _copy_binary(conn: Connection, table: str, columns: Sequence[str], types: Sequence[str],
                 rows: Iterable[Sequence]) -> None:
    raw = conn.connection.driver_connection
    assert raw is not None, "a live psycopg connection"
    with raw.cursor() as cur, cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
        copy.set_types(list(types))
        for row in rows:
            copy.write_row(row)


def load_mentions(conn: Connection, batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str) -> LoadResult:
    """Replace this coder version's mentions of these articles with ``batch``, then re-cluster.

    Unchanged mentions keep their rows (same key ⇒ same content), so re-running a coder
    version over the same articles writes nothing. New mentions go through binary COPY into
    staging tables, then set-based statements: actor identity, the events of the touched keys,
    the daily counts of the touched days.
    """
    staged = staging.stage_rows(batch, coder_version)
    params = {"ids": list(staged.per_article), "v": coder_version}
    stored = set(execute_in_one_round_trip(conn, [*_staging_statements(), (_STORED_MENTIONS, params)]))
    wanted = {(row[0], row[2]) for row in staged.mentions}
    stale = stored - wanted
    new_rows = [row for row in staged.mentions if (row[0], row[2]) not in stored]

    statements: list[Statement] = []
    if stale:  # mentions the coder no longer finds: gone, and their events re-clustered
        statements.append((_DELETE_STALE, {"a": [a for a, _ in stale], "k": [k for _, k in stale],
                                           "v": coder_version}))
    versions = [coder_version]
    if new_rows:
        merges = _stage_new(conn, staged, new_rows, coder_version, statements)
        statements = [(_MENTION_ACTORS, None), (_TOUCHED_BY_NEW, None)]
        if merges:  # the merged actors' events, in whatever coder version, are re-clustered too
            versions = sorted({coder_version, *(r[0] for r in execute_in_one_round_trip(
                conn, [(text("SELECT DISTINCT coder_version FROM touched_keys_v1"), None)]))})
    if stale or new_rows:
        statements += clustering.recluster_statements(versions)
    if new_rows:
        statements.append((_INSERT_MENTIONS, None))
    statements += [(_CODINGS, {**params, "counts": list(staged.per_article.values())}),
                   (_EVENTS_TOUCHED, params)]
    touched = execute_in_one_round_trip(conn, statements)[0][0]
    return LoadResult(mentions=len(staged.mentions), mentions_added=len(new_rows), mentions_removed=len(stale),
                      events_touched=touched)


def _stage_new(conn: Connection, staged: staging.StagedRows, new_rows: list[tuple], coder_version: str,
               first: list[Statement]) -> list[tuple[int, int]]:
    """Run ``first``; COPY the new mentions (ids drawn now, so an event can name its clearest
    mention before the mention is inserted) and their actors; resolve the actors (returns the
    actor merges done)."""
    drawn = execute_in_one_round_trip(conn, [*first, (_DRAW_IDS, {"n": len(new_rows)})])
    id_of = {(row[0], row[2]): mention_id for row, (mention_id,) in zip(new_rows, drawn, strict=True)}
    _copy_binary(conn, "stage_mentions_v1", _MENTION_COLS, _MENTION_TYPES,
                 ((id_of[(row[0], row[2])], *row) for row in new_rows))
    _copy_binary(conn, "stage_actors_v1", _ACTOR_COLS, _ACTOR_TYPES,
                 ((id_of[key], *rest) for key, *rest in staged.actors if key in id_of))
    execute_in_one_round_trip(conn, [
        (text("ANALYZE stage_mentions_v1 (id, article_id, event_key), stage_actors_v1 (mention_id, name)"), None),
        *([(_PARTIES, {"codes": list(staged.parties), "names": [n for n, _ in staged.parties.values()],
                       "kinds": [k for _, k in staged.parties.values()]})] if staged.parties else []),
        (_CODER_VERSION, {"v": coder_version})])
    return identity.resolve_actors(conn)


def recompute_events(conn: Connection, coder_version: str, keys: Sequence[str]) -> int:
    """Rebuild the ``events`` rows for these keys from their stored mentions (and their daily
    counts); return how many exist."""
    if not keys:
        return 0
    params = {"v": coder_version, "keys": list(keys)}
    return execute_in_one_round_trip(conn, [
        *_staging_statements(),
        (text("""INSERT INTO touched_keys_v1 (coder_version, event_key)
                 SELECT :v, unnest(cast(:keys AS text[])) ON CONFLICT DO NOTHING"""), params),
        *clustering.recluster_statements([coder_version]),
        (text("SELECT count(*) FROM events WHERE coder_version = :v AND event_key = ANY(:keys)"), params)])[0][0]
