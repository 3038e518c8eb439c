"""The bulk load of the coder's output. The new mentions' actor names go through binary COPY
into a staging table and set-based statements resolve their identity (``identity``); the
mentions then go through binary COPY straight into ``event_mentions``, with their actors and
their events' ids; set-based statements rebuild the events of exactly the keys the batch
touched and the daily counts of their days (``clustering``). Idempotent: unchanged mentions are
never written again, so a retried task changes nothing twice."""

from __future__ import annotations

import gc
import struct
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from functools import lru_cache

from psycopg.types.string import BytesBinaryDumper
from sqlalchemy import Connection, text

from pipeline.store import clustering, identity, staging
from pipeline.store.db import Statement, execute_in_one_round_trip, integer_array

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
    """CREATE TEMP TABLE IF NOT EXISTS stage_actor_names_v1 (
           name text NOT NULL, kind text NOT NULL, country_code text
       ) ON COMMIT DELETE ROWS""",
    identity.STAGE_NAMES_DDL,
    *clustering.TEMP_DDL,
)
# A new mention goes straight into event_mentions by binary COPY, its event's id and its actors
# already resolved: no staging copy of the mentions, no INSERT … SELECT to move them.
# The arrays go as bytes already in Postgres's binary array format (``_int8_array``,
# ``_text_array``): psycopg's array dumpers, written in Python, were a third of the COPY's
# client time.
_MENTION_COLS = ("id", *staging.MENTION_COLUMNS, "event_id", "actor_ids", "actor_roles")
_MENTION_TYPES = ("int8", "int8", "text", "text", "text", "text", "date", "text", "text", "text", "text", "text", "text",
                  "text", "int4", "int4", "float4", "text", "text", "bytea",  # party_codes: text[]
                  "text",  # payload: json's binary input is its text, validated by the server
                  "int8", "bytea", "bytea")  # actor_ids: int8[], actor_roles: text[]
_PARTY_CODES = staging.MENTION_COLUMNS.index("party_codes")  # sent pre-encoded, as the casts are
_EVENT_KEY = staging.MENTION_COLUMNS.index("event_key")
_ARRAY_HEADER = struct.Struct("!iiIii")  # dimensions, has nulls, element type, length, lower bound
_EMPTY_ARRAY = struct.Struct("!iiI")  # no dimensions, no nulls, element type
_INT8_ELEMENT = struct.Struct("!iq")  # length, value
_INT8_OID, _TEXT_OID = 20, 25


def _int8_array(values: Sequence[int]) -> bytes:
    """A bigint[] in COPY's binary format."""
    if not values:
        return _EMPTY_ARRAY.pack(0, 0, _INT8_OID)
    return _ARRAY_HEADER.pack(1, 0, _INT8_OID, len(values), 1) + b"".join([_INT8_ELEMENT.pack(8, v) for v in values])


@lru_cache(maxsize=4096)  # roles and party codes come from short lists: few distinct arrays
def _text_array(values: tuple[str, ...]) -> bytes:
    """A text[] in COPY's binary format."""
    if not values:
        return _EMPTY_ARRAY.pack(0, 0, _TEXT_OID)
    out = [_ARRAY_HEADER.pack(1, 0, _TEXT_OID, len(values), 1)]
    for value in values:
        encoded = value.encode()
        out += [len(encoded).to_bytes(4, "big"), encoded]
    return b"".join(out)
# Each actor once per mention (two spellings of one person included): its strongest role, in
# the position it first held that role.
_ROLE_RANK = {role: rank for rank, role in enumerate(("speaker", "visitor", "host", "signatory", "participant"))}

# The batch's articles are stored, and stay so until commit (sql/014: what a foreign key checked
# per mention, once per article).
_REQUIRE_ARTICLES = text("SELECT require_articles(cast(:ids AS bigint[]))")
_STORED_MENTIONS = text(
    "SELECT article_id, mention_key FROM event_mentions WHERE article_id = ANY(cast(:ids AS bigint[])) AND coder_version = :v")
_DELETE_STALE = text("""
WITH gone AS (
    DELETE FROM event_mentions m
    USING unnest(cast(:a AS bigint[]), cast(:k AS text[])) AS s (article_id, mention_key)
    WHERE m.article_id = s.article_id AND m.mention_key = s.mention_key AND m.coder_version = :v
    RETURNING m.event_key, m.event_id)
INSERT INTO touched_events_v1 (coder_version, event_key, event_id)
SELECT DISTINCT :v, event_key, event_id FROM gone ON CONFLICT DO NOTHING""")
# The events of the new mentions' keys: the stored event's id, or one drawn now for a new event
# (the events are rebuilt after the mentions are in, under the load lock). The sequence's name
# is looked up once (a scalar subquery): per row, the look-up cost six times the nextval.
_TOUCH_NEW_KEYS = text("""
INSERT INTO touched_events_v1 (coder_version, event_key, event_id, additive)
SELECT :v, k.event_key, coalesce(e.id, nextval((SELECT pg_get_serial_sequence('events', 'id')))), true
FROM unnest(cast(:keys AS text[])) AS k (event_key)
LEFT JOIN events e ON e.coder_version = :v AND e.event_key = k.event_key
ON CONFLICT DO NOTHING""")
# The touched events' ids by key, and ids for the new mentions (drawn now, so clustering knows
# which mentions the batch added).
_IDS = text("""
SELECT array_agg(event_key), array_agg(event_id),
       ARRAY(SELECT nextval((SELECT pg_get_serial_sequence('event_mentions', 'id'))) FROM generate_series(1, :n))
FROM touched_events_v1 WHERE coder_version = :v""")
_PARTIES = text("""
INSERT INTO parties (code, name, kind)
SELECT * FROM unnest(cast(:codes AS text[]), cast(:names AS text[]), cast(:kinds AS text[]))
ON CONFLICT (code) DO UPDATE SET name = excluded.name, kind = excluded.kind
WHERE (parties.name, parties.kind) IS DISTINCT FROM (excluded.name, excluded.kind)""")
_CODER_VERSION = text("INSERT INTO coder_versions (coder_version) VALUES (:v) ON CONFLICT DO NOTHING")
_CODINGS = text("""
INSERT INTO article_codings (article_id, coder_version, mentions)
SELECT unnest(cast(:ids AS bigint[])), :v, unnest(cast(:counts AS integer[]))
ON CONFLICT (article_id, coder_version) DO UPDATE SET mentions = excluded.mentions
WHERE article_codings.mentions IS DISTINCT FROM excluded.mentions""")
_EVENTS_TOUCHED = text("SELECT count(*) FROM touched_events_v1 WHERE coder_version = :v")

_STAGING_TABLES = ("stage_actor_names_v1", "stage_names_v1", "touched_events_v1", "touched_groups_v1")


def _staging_statements() -> list[Statement]:
    """Take the load lock; create the session's staging tables, or empty them (they empty
    themselves at commit, but one transaction may load several batches)."""
    return [(clustering.LOCK, {"k": clustering.LOAD_LOCK}), *((text(ddl), None) for ddl in _STAGE_DDL),
            *((text(f"DELETE FROM {t}"), None) for t in _STAGING_TABLES)]


def _copy_binary(conn: Connection, table: str, columns: Sequence[str], types: Sequence[str],
                 rows: Iterable[Sequence]) -> None:
    raw = conn.connection.driver_connection
    assert raw is not None, "a live psycopg connection"
    with raw.cursor() as cur:
        # bytea by psycopg's compiled dumper: the one its DB-API layer registers for the type
        # (to accept its ``Binary`` wrapper) is Python, called three times per mention.
        cur.adapters.register_dumper(None, BytesBinaryDumper)
        with cur.copy(f"COPY {table} ({', '.join(columns)}) FROM STDIN (FORMAT BINARY)") as copy:
            copy.set_types(list(types))
            for row in rows:
                copy.write_row(row)


def load_mentions(conn: Connection, batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str) -> LoadResult:
    """Replace this coder version's mentions of these articles with ``batch``, then re-cluster.

    Unchanged mentions keep their rows (same key ⇒ same content), so re-running a coder
    version over the same articles writes nothing. New mentions' actors are resolved first
    (binary COPY of their names, set-based identity rules), then the mentions go in by binary
    COPY with their actors and event ids, then set-based statements rebuild the events of the
    touched keys and the daily counts of the touched days.
    """
    # Python's cycle collector is off for the load's span. A load allocates a few hundred
    # thousand tuples, lists and strings (rows, keys, arrays), and every so many allocations the
    # collector walks the process's whole heap: a process that has coded articles, or holds a
    # batch's events, has a large one, and those walks were half the client's time of a load
    # (bench load: 0.6-0.8 s of 1.5 s per 46,000 mentions). The load makes no reference cycles;
    # what it drops is freed by reference counting. Turned off before anything is allocated.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _load_mentions(conn, batch, coder_version)
    finally:
        if collecting:
            gc.enable()


def _load_mentions(conn: Connection, batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str) -> LoadResult:
    staged = staging.stage_rows(batch, coder_version)
    params = {"ids": integer_array(staged.per_article), "v": coder_version}
    stored = set(execute_in_one_round_trip(conn, [*_staging_statements(), (_REQUIRE_ARTICLES, params),
                                                  (_STORED_MENTIONS, params)]))
    wanted = {(row[0], row[2]) for row in staged.mentions}
    stale = stored - wanted
    new = [i for i, row in enumerate(staged.mentions) if (row[0], row[2]) not in stored]

    statements: list[Statement] = []
    if stale:  # mentions the coder no longer finds: gone, and their events re-clustered
        statements.append((_DELETE_STALE, {"a": [a for a, _ in stale], "k": [k for _, k in stale],
                                           "v": coder_version}))
    versions = [coder_version]
    added = None
    if new:
        merges, mention_ids = _insert_new(conn, staged, new, coder_version, statements)
        added = clustering.Added(coder_version, mention_ids, sorted({a for a, _ in stored - stale}))
        statements = []
        if merges:  # the merged actors' events, in whatever coder version, are re-clustered too
            versions = sorted({coder_version, *(r[0] for r in execute_in_one_round_trip(
                conn, [(text("SELECT DISTINCT coder_version FROM touched_events_v1"), None)]))})
    if stale or new:
        statements += clustering.recluster_statements(versions, added)
    statements += [(_CODINGS, {**params, "counts": integer_array(staged.per_article.values())}),
                   (_EVENTS_TOUCHED, params)]
    touched = execute_in_one_round_trip(conn, statements)[0][0]
    return LoadResult(mentions=len(staged.mentions), mentions_added=len(new), mentions_removed=len(stale),
                      events_touched=touched)


def _insert_new(conn: Connection, staged: staging.StagedRows, new: list[int], coder_version: str,
                first: list[Statement]) -> tuple[list[tuple[int, int]], list[int]]:
    """Run ``first``; resolve the new mentions' actors and their events' ids, then COPY the
    mentions into ``event_mentions``. Returns the actor merges done and the mentions' ids."""
    keys = list({staged.mentions[i][3] for i in new})
    names = {(name, kind, code) for i in new for name, kind, code, _role in staged.actors[i]}
    [(touched_keys, touched_ids, mention_ids)] = execute_in_one_round_trip(conn, [
        *first,
        *([(_PARTIES, {"codes": list(staged.parties), "names": [n for n, _ in staged.parties.values()],
                       "kinds": [k for _, k in staged.parties.values()]})] if staged.parties else []),
        (_CODER_VERSION, {"v": coder_version}),
        (_TOUCH_NEW_KEYS, {"v": coder_version, "keys": keys}),
        (_IDS, {"v": coder_version, "n": len(new)})])
    event_ids = dict(zip(touched_keys, touched_ids, strict=True))
    merges: list[tuple[int, int]] = []
    actor_of: dict[tuple[str, str, str | None], int] = {}
    if names:
        _copy_binary(conn, "stage_actor_names_v1", ("name", "kind", "country_code"), ("text", "text", "text"), names)
        merges, actor_of = identity.resolve_actors(conn)

    encoded: dict[tuple, tuple[bytes, bytes]] = {}  # a mention's actors, as COPY sends them: mentions share casts

    def rows():
        for mention_id, i in zip(mention_ids, new, strict=True):
            row = staged.mentions[i]
            cast_of = encoded.get(staged.actors[i])
            if cast_of is None:
                ids, roles = _mention_actors(staged.actors[i], actor_of)
                cast_of = encoded[staged.actors[i]] = (_int8_array(ids), _text_array(tuple(roles)))
            yield (mention_id, *row[:_PARTY_CODES], _text_array(tuple(row[_PARTY_CODES])), *row[_PARTY_CODES + 1:],
                   event_ids[row[_EVENT_KEY]], *cast_of)

    _copy_binary(conn, "event_mentions", _MENTION_COLS, _MENTION_TYPES, rows())
    return merges, mention_ids


def _mention_actors(actors: Sequence[tuple[str, str, str | None, str]],
                    actor_of: dict[tuple[str, str, str | None], int]) -> tuple[list[int], list[str]]:
    """A mention's actor ids and roles: each actor once, with its strongest role, in the order
    the coder named them (by the position of the role kept)."""
    if not actors:
        return [], []
    best: dict[int, tuple[int, int, str]] = {}
    for position, (name, kind, code, role) in enumerate(actors):
        actor_id = actor_of[(name, kind, code)]
        rank = _ROLE_RANK[role]
        held = best.get(actor_id)
        if held is None or rank < held[0]:
            best[actor_id] = (rank, position, role)
    kept = sorted(best.items(), key=lambda item: item[1][1])
    return [actor_id for actor_id, _ in kept], [role for _, (_, _, role) in kept]


def recompute_events(conn: Connection, coder_version: str, keys: Sequence[str]) -> int:
    """Rebuild the ``events`` rows for these keys from their stored mentions (and their daily
    counts); return how many exist."""
    if not keys:
        return 0
    params = {"v": coder_version, "keys": list(keys)}
    return execute_in_one_round_trip(conn, [
        *_staging_statements(),
        (text("""INSERT INTO touched_events_v1 (coder_version, event_key, event_id)
                 SELECT :v, k.event_key, e.id FROM unnest(cast(:keys AS text[])) AS k (event_key)
                 LEFT JOIN events e ON e.coder_version = :v AND e.event_key = k.event_key
                 ON CONFLICT DO NOTHING"""), params),
        *clustering.recluster_statements([coder_version]),
        (text("SELECT count(*) FROM events WHERE coder_version = :v AND event_key = ANY(:keys)"), params)])[0][0]
