"""The bulk load of the coder's output: mentions and their actors go through COPY into
temporary tables, then one merge statement, and the touched events are recomputed from their
mentions. Idempotent, so a retried task changes nothing twice."""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sqlalchemy import Connection, bindparam, text

from pipeline.store.db import copy_rows
from pipeline.store.keys import event_key, mention_key

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


_MENTION_COLS = ("article_id", "coder_version", "mention_key", "event_key", "event_type", "event_date", "status",
                 "location", "destination", "quote", "evidence_text", "evidence_start", "evidence_end",
                 "confidence", "cameo_code", "plover_code", "payload")
_ACTOR_COLS = ("article_id", "mention_key", "name", "kind", "country_code", "role")
_ROLES = {"participant", "visitor", "host", "speaker", "signatory"}


def _mention_rows(batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str):
    mentions, actors = {}, set()
    for ref, events in batch:
        for ev in events:
            mkey = mention_key(ev)
            codes = ev.get("codes") or {}
            evidence = ev.get("evidence") or {}
            mentions[(ref.id, mkey)] = (
                ref.id, coder_version, mkey, event_key(ev, ref.published), ev["type"], ev.get("date"),
                ev.get("status") or "occurred", ev.get("location"), ev.get("destination"), ev.get("quote"),
                evidence.get("text") or "", evidence.get("start") or 0, evidence.get("end") or 0,
                float(ev.get("confidence") or 0.0), codes.get("cameo"), codes.get("plover"),
                json.dumps(ev, ensure_ascii=False),
            )
            people = list(ev.get("actors") or [])
            if ev.get("speaker") and ev["speaker"].get("name"):
                people.append({**ev["speaker"], "kind": ev["speaker"].get("kind") or "person", "role": "speaker"})
            for a in people:
                if not a or not a.get("name"):
                    continue
                role = a.get("role") if a.get("role") in _ROLES else "participant"
                kind = a.get("kind") if a.get("kind") in ("person", "state", "organisation") else "person"
                actors.add((ref.id, mkey, a["name"], kind, a.get("country"), role))
    return list(mentions.values()), sorted(actors, key=lambda r: tuple(str(x) for x in r))


def load_mentions(conn: Connection, batch: Sequence[tuple[ArticleRef, list[dict]]], coder_version: str) -> LoadResult:
    """Replace this coder version's mentions of these articles with ``batch``, then re-cluster.

    Unchanged mentions keep their rows (same key ⇒ same content), so re-running a coder
    version over the same articles writes nothing.
    """
    article_ids = [ref.id for ref, _ in batch]
    mention_rows, actor_rows = _mention_rows(batch, coder_version)

    conn.execute(text("DROP TABLE IF EXISTS pg_temp.stage_mentions, pg_temp.stage_actors"))
    conn.execute(text(
        """CREATE TEMP TABLE stage_mentions ON COMMIT DROP AS
           SELECT {cols} FROM event_mentions WITH NO DATA""".format(cols=", ".join(_MENTION_COLS))))
    conn.execute(text(
        """CREATE TEMP TABLE stage_actors (article_id bigint, mention_key text, name text, kind text,
                                           country_code text, role text) ON COMMIT DROP"""))
    copy_rows(conn, "stage_mentions", _MENTION_COLS, mention_rows)
    copy_rows(conn, "stage_actors", _ACTOR_COLS, actor_rows)

    conn.execute(text("INSERT INTO coder_versions (coder_version) VALUES (:v) ON CONFLICT DO NOTHING"),
                 {"v": coder_version})
    old_keys = {r[0] for r in conn.execute(
        text("SELECT DISTINCT event_key FROM event_mentions WHERE article_id = ANY(:ids) AND coder_version = :v"),
        {"ids": article_ids, "v": coder_version})}
    removed = conn.execute(
        text("""DELETE FROM event_mentions m
                WHERE m.article_id = ANY(:ids) AND m.coder_version = :v
                  AND NOT EXISTS (SELECT 1 FROM stage_mentions s
                                  WHERE s.article_id = m.article_id AND s.mention_key = m.mention_key)"""),
        {"ids": article_ids, "v": coder_version}).rowcount
    cols = ", ".join(_MENTION_COLS)
    added = conn.execute(text(
        f"""INSERT INTO event_mentions ({cols}) SELECT {cols} FROM stage_mentions
            ON CONFLICT (article_id, coder_version, mention_key) DO NOTHING""")).rowcount
    conn.execute(text(
        """INSERT INTO actors (name, kind, country_code)
           SELECT DISTINCT name, kind, country_code FROM stage_actors
           ON CONFLICT (kind, name, country_code) DO NOTHING"""))
    conn.execute(text(
        """INSERT INTO mention_actors (mention_id, actor_id, role)
           SELECT m.id, a.id, s.role
           FROM stage_actors s
           JOIN event_mentions m ON m.article_id = s.article_id AND m.mention_key = s.mention_key
                                AND m.coder_version = :v
           JOIN actors a ON a.kind = s.kind AND a.name = s.name
                        AND a.country_code IS NOT DISTINCT FROM s.country_code
           ON CONFLICT DO NOTHING"""), {"v": coder_version})

    per_article: dict[int, int] = {ref.id: 0 for ref, _ in batch}
    for row in mention_rows:
        per_article[row[0]] += 1
    conn.execute(
        text("""INSERT INTO article_codings (article_id, coder_version, mentions)
                SELECT unnest(cast(:ids AS bigint[])), :v, unnest(cast(:counts AS integer[]))
                ON CONFLICT (article_id, coder_version) DO UPDATE SET mentions = excluded.mentions
                WHERE article_codings.mentions IS DISTINCT FROM excluded.mentions"""),
        {"ids": list(per_article), "counts": list(per_article.values()), "v": coder_version})

    keys = sorted(old_keys | {row[3] for row in mention_rows})
    touched = recompute_events(conn, coder_version, keys) if (added or removed) else 0
    stored = conn.execute(
        text("SELECT count(*) FROM event_mentions WHERE article_id = ANY(:ids) AND coder_version = :v"),
        {"ids": article_ids, "v": coder_version}).scalar_one()
    return LoadResult(mentions=stored, mentions_added=added, mentions_removed=removed, events_touched=touched)


_RECOMPUTE = text("""
WITH agg AS (
    SELECT m.event_key,
           min(m.event_type)                                         AS event_type,
           count(*)                                                  AS num_mentions,
           count(DISTINCT m.article_id)                              AS num_articles,
           count(DISTINCT coalesce(a.source, a.url))                 AS num_sources,
           min(coalesce(a.published_at, a.fetched_at))               AS first_seen,
           max(coalesce(a.published_at, a.fetched_at))               AS last_seen,
           (array_agg(m.id ORDER BY m.confidence DESC, m.id))[1]     AS best_mention_id
    FROM event_mentions m
    JOIN articles a ON a.id = m.article_id
    WHERE m.coder_version = :v AND m.event_key = ANY(:keys)
    GROUP BY m.event_key
), shaped AS (
    SELECT agg.*, b.event_date, b.status, b.location, b.destination, b.cameo_code, b.plover_code,
           ARRAY(SELECT DISTINCT coalesce(p->>'code', p->>'name')
                 FROM event_mentions mm, jsonb_array_elements(mm.payload->'parties') p
                 WHERE mm.coder_version = :v AND mm.event_key = agg.event_key
                   AND coalesce(p->>'code', p->>'name') IS NOT NULL
                 ORDER BY 1) AS party_codes,
           -- People when the coder named any; otherwise the states and organisations.
           ARRAY(SELECT ac.name
                 FROM event_mentions mm
                 JOIN mention_actors ma ON ma.mention_id = mm.id
                 JOIN actors ac ON ac.id = ma.actor_id
                 WHERE mm.coder_version = :v AND mm.event_key = agg.event_key
                 GROUP BY ac.name
                 HAVING bool_or(ac.kind = 'person') OR NOT EXISTS (
                     SELECT 1 FROM event_mentions m2
                     JOIN mention_actors ma2 ON ma2.mention_id = m2.id
                     JOIN actors a2 ON a2.id = ma2.actor_id AND a2.kind = 'person'
                     WHERE m2.coder_version = :v AND m2.event_key = agg.event_key)
                 ORDER BY 1) AS actor_names
    FROM agg JOIN event_mentions b ON b.id = agg.best_mention_id
)
INSERT INTO events (coder_version, event_key, event_type, event_date, status, location, destination,
                    party_codes, actor_names, cameo_code, plover_code, num_mentions, num_articles,
                    num_sources, first_seen, last_seen, best_mention_id)
SELECT :v, event_key, event_type, event_date, status, location, destination, party_codes, actor_names,
       cameo_code, plover_code, num_mentions, num_articles, num_sources, first_seen, last_seen,
       best_mention_id
FROM shaped
ON CONFLICT (coder_version, event_key) DO UPDATE SET
    event_type = excluded.event_type, event_date = excluded.event_date, status = excluded.status,
    location = excluded.location, destination = excluded.destination,
    party_codes = excluded.party_codes, actor_names = excluded.actor_names,
    cameo_code = excluded.cameo_code, plover_code = excluded.plover_code,
    num_mentions = excluded.num_mentions, num_articles = excluded.num_articles,
    num_sources = excluded.num_sources, first_seen = excluded.first_seen,
    last_seen = excluded.last_seen, best_mention_id = excluded.best_mention_id, updated_at = now()
WHERE (events.event_type, events.event_date, events.status, events.location, events.destination,
       events.party_codes, events.actor_names, events.cameo_code, events.plover_code, events.num_mentions,
       events.num_articles, events.num_sources, events.first_seen, events.last_seen, events.best_mention_id)
      IS DISTINCT FROM
      (excluded.event_type, excluded.event_date, excluded.status, excluded.location, excluded.destination,
       excluded.party_codes, excluded.actor_names, excluded.cameo_code, excluded.plover_code, excluded.num_mentions,
       excluded.num_articles, excluded.num_sources, excluded.first_seen, excluded.last_seen, excluded.best_mention_id)
""").bindparams(bindparam("keys"))


def recompute_events(conn: Connection, coder_version: str, keys: Sequence[str]) -> int:
    """Rebuild the ``events`` rows for these keys from their mentions; return how many exist."""
    if not keys:
        return 0
    params = {"v": coder_version, "keys": list(keys)}
    conn.execute(_RECOMPUTE, params)
    conn.execute(text(
        """DELETE FROM events e WHERE e.coder_version = :v AND e.event_key = ANY(:keys)
           AND NOT EXISTS (SELECT 1 FROM event_mentions m
                           WHERE m.coder_version = e.coder_version AND m.event_key = e.event_key)"""), params)
    conn.execute(text(
        """UPDATE event_mentions m SET event_id = e.id
           FROM events e
           WHERE m.coder_version = :v AND m.event_key = ANY(:keys)
             AND e.coder_version = m.coder_version AND e.event_key = m.event_key
             AND m.event_id IS DISTINCT FROM e.id"""), params)
    return conn.execute(
        text("SELECT count(*) FROM events WHERE coder_version = :v AND event_key = ANY(:keys)"), params).scalar_one()
