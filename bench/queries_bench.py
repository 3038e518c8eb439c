"""The analyst guide's queries against a synthetic database of 1,000,000 events and 5,000,000
mentions: each query's median time as ``query_<name>_ms`` and the indexes its plan uses as
``query_<name>_index``.

The database is built with generate_series in a temporary database (the real schema, its
secondary indexes dropped during the bulk insert and rebuilt from their own definitions), with
ten years of events (2017-2026, ~270 a day), 20,000 people (the actor dictionary's real names
first, so the guide's names are the most active), the real party codes, quotes from a
vocabulary that includes the guide's search word, and five mentions per event. Queries run as
an analyst login, as in the guide. The plans are written to .pipeline/bench/query_plans.md.
"""

from __future__ import annotations

import json
import statistics
import time
import uuid
from pathlib import Path

import yaml
from sqlalchemy import create_engine, make_url, text

from bench.guide_queries import guide_queries
from pipeline.config import PROJECT_ROOT, get_settings
from pipeline.store.clustering import rebuild_daily_counts
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade
from pipeline.store.roles import create_analyst_login, drop_analyst_login

EVENTS = 1_000_000
MENTIONS_PER_EVENT = 5
ARTICLES = 500_000
PEOPLE = 20_000
OUTLETS = 200
RUNS = 7  # timed runs per query (after one warm-up); the median is reported
VERSION = "synthetic"
_TABLES = ("events", "event_mentions", "articles", "actors", "actor_aliases")

_WORDS = ["security", "trade", "energy", "border", "peace", "talks", "agreement", "cooperation", "sanctions",
          "investment", "defence", "climate", "migration", "elections", "sovereignty", "partnership", "ceasefire",
          "grain", "shipping", "corridor", "tariffs", "alliance", "stability", "dialogue", "reforms", "growth"]


def _seed_lists() -> tuple[list[tuple[str, str]], list[tuple[str, str, str]]]:
    from pipeline.extract import gazetteer as gz

    people = yaml.safe_load((PROJECT_ROOT / "pipeline" / "extract" / "lexicon" / "actors.yaml").read_text())["people"]
    named = [(p["name"], p["country"]) for p in people if p.get("country")]
    named += [("Pham Minh Chinh", "VNM"), ("Lee Jae-myung", "KOR"), ("Volodymyr Zelensky", "UKR")]
    named = list(dict.fromkeys(named))
    codes = sorted({c for _, c in named} | {"KOR", "VNM", "JPN", "PHL", "KEN", "ETH", "IND", "FRA"})
    import pycountry

    codes += sorted({c.alpha_3 for c in pycountry.countries} - set(codes))
    parties = [(c, gz.party(c)["name"], "organisation" if c in gz.ORG_CODES else "state") for c in codes]
    return named, parties


def _secondary_indexes(conn) -> list[tuple[str, str]]:
    """(name, definition) of the indexes not backing a constraint, on the bulk-loaded tables."""
    return [tuple(r) for r in conn.execute(text(
        """SELECT i.indexname, i.indexdef FROM pg_indexes i
           WHERE i.schemaname = current_schema() AND i.tablename = ANY(:t)
             AND NOT EXISTS (SELECT 1 FROM pg_constraint c WHERE c.conname = i.indexname)"""),
        {"t": list(_TABLES)})]


def build(conn, events: int = EVENTS, articles: int = ARTICLES) -> dict[str, float]:
    """Fill an upgraded, empty database with the synthetic data; return build figures."""
    named, parties = _seed_lists()
    started = time.perf_counter()
    conn.execute(text("SET synchronous_commit = off"))
    conn.execute(text("SET maintenance_work_mem = '512MB'"))
    conn.execute(text("SELECT setseed(0.42)"))
    indexes = _secondary_indexes(conn)
    for name, _ in indexes:
        conn.execute(text(f'DROP INDEX "{name}"'))
    conn.execute(text("INSERT INTO coder_versions (coder_version) VALUES (:v)"), {"v": VERSION})
    conn.execute(text("INSERT INTO parties SELECT * FROM unnest(cast(:c AS text[]), cast(:n AS text[]), cast(:k AS text[]))"),
                 {"c": [p[0] for p in parties], "n": [p[1] for p in parties], "k": [p[2] for p in parties]})
    # People: the dictionary's real names first (the low ids, which the skewed draw below favours).
    conn.execute(text(
        """INSERT INTO actors (id, name, name_key, kind, country_code)
           SELECT g, coalesce(n.name, 'Person ' || g), fold_name(coalesce(n.name, 'Person ' || g)), 'person',
                  coalesce(n.country, (cast(:codes AS text[]))[1 + (g * 7) % cardinality(cast(:codes AS text[]))])
           FROM generate_series(1, :people) g
           LEFT JOIN unnest(cast(:names AS text[]), cast(:countries AS text[])) WITH ORDINALITY AS n (name, country, i)
             ON n.i = g"""),
        {"people": PEOPLE, "codes": [p[0] for p in parties], "names": [n for n, _ in named],
         "countries": [c for _, c in named]})
    conn.execute(text("SELECT setval(pg_get_serial_sequence('actors', 'id'), :n)"), {"n": PEOPLE})
    conn.execute(text(
        """INSERT INTO actor_aliases (actor_id, alias, alias_key, kind, country_code)
           SELECT id, name, name_key, kind, country_code FROM actors"""))
    conn.execute(text(
        """INSERT INTO articles (id, url, canonical_url, source, published_at, fetched_at, text, content_hash)
           SELECT g, 'http://outlet' || (g % :outlets) || '.test/a/' || g, 'http://outlet' || (g % :outlets) || '.test/a/' || g,
                  'outlet' || (g % :outlets) || '.test',
                  timestamptz '2017-01-01 06:00+00' + (g::float / :articles) * interval '3650 days',
                  timestamptz '2017-01-01 06:00+00' + (g::float / :articles) * interval '3650 days',
                  'synthetic', md5(g::text)
           FROM generate_series(1, :articles) g"""),
        {"outlets": OUTLETS, "articles": articles})
    conn.execute(text("SELECT setval(pg_get_serial_sequence('articles', 'id'), :n)"), {"n": articles})
    # A thousand sentence shapes, their text-search vectors computed once each.
    conn.execute(text(
        """CREATE TEMP TABLE shapes AS
           SELECT s AS id, q AS quote, q || ', the minister told reporters in the capital.' AS evidence,
                  to_tsvector('english', q || ' ' || q || ', the minister told reporters in the capital.') AS search
           FROM (SELECT s, 'We will work together on ' || w1 || ' and ' || w2 || ' for ' || (2020 + s % 10) AS q
                 FROM generate_series(0, 999) s,
                      LATERAL (SELECT (cast(:words AS text[]))[1 + s % cardinality(cast(:words AS text[]))] AS w1,
                                      (cast(:words AS text[]))[1 + (s / 7) % cardinality(cast(:words AS text[]))] AS w2) w) x"""),
        {"words": _WORDS})
    n_codes = len(parties)
    conn.execute(text(
        """INSERT INTO events (id, coder_version, event_key, event_type, event_date, date_precision, reported_date,
                               status, location, destination, destination_code, party_codes, actor_ids, actor_roles,
                               speaker_id, quote, evidence, confidence, cameo_code, plover_code, num_mentions,
                               num_articles, num_sources, outlets, first_seen, last_seen, first_article_id,
                               best_mention_id, search)
           SELECT g, :v, 'k' || g, t.type,
                  CASE WHEN t.type <> 'statement' AND r.r1 < 0.6 THEN rep - (r.r2 * 3)::int END,
                  CASE WHEN t.type <> 'statement' AND r.r1 < 0.6 THEN 'day' ELSE 'unknown' END,
                  rep, CASE WHEN r.r3 < 0.15 THEN 'planned' ELSE 'occurred' END, 'Capital',
                  CASE WHEN t.type = 'visit' THEN p.name2 END, CASE WHEN t.type = 'visit' THEN p.c2 END,
                  CASE WHEN t.type = 'statement' THEN ARRAY[p.c1] ELSE ARRAY[least(p.c1, p.c2), greatest(p.c1, p.c2)] END,
                  CASE WHEN t.type = 'statement' THEN ARRAY[a.a1] ELSE ARRAY[a.a1, a.a2] END,
                  CASE t.type WHEN 'statement' THEN ARRAY['speaker'] WHEN 'visit' THEN ARRAY['visitor', 'host']
                              WHEN 'signing' THEN ARRAY['signatory', 'signatory'] ELSE ARRAY['participant', 'participant'] END,
                  CASE WHEN t.type = 'statement' THEN a.a1 END,
                  CASE WHEN t.type = 'statement' THEN sh.quote END, sh.evidence, 0.8, '040', 'CONSULT',
                  :per, :per, 1 + g % 5,
                  ARRAY['outlet' || (g % :outlets) || '.test', 'outlet' || ((g + 1) % :outlets) || '.test'],
                  rep + time '06:00', rep + time '18:00', 1 + ((g - 1) * :per) / 10 % :articles,
                  (g - 1) * :per + 1, sh.search
           -- random() in the select list of a subquery over the series: drawn per row (a LATERAL
           -- subquery that does not mention g would be computed once).
           FROM (SELECT g, random() AS r1, random() AS r2, random() AS r3, random() AS r4, random() AS r5,
                        random() AS r6, random() AS r7
                 FROM generate_series(1, :events) g) r
           CROSS JOIN LATERAL (SELECT date '2017-01-01' + (r.g::float / :events * 3650)::int AS rep,
                                      CASE WHEN r.r4 < 0.45 THEN 'statement' WHEN r.r4 < 0.70 THEN 'meeting'
                                           WHEN r.r4 < 0.90 THEN 'visit' ELSE 'signing' END AS type) t
           CROSS JOIN LATERAL (SELECT (cast(:codes AS text[]))[1 + floor(:ncodes * r.r5 ^ 2)::int] AS c1,
                                      (cast(:codes AS text[]))[1 + floor(:ncodes * r.r6 ^ 2)::int] AS c2,
                                      (cast(:names AS text[]))[1 + floor(:ncodes * r.r6 ^ 2)::int] AS name2) p
           CROSS JOIN LATERAL (SELECT 1 + floor(:people * r.r7 ^ 3)::int AS a1,
                                      1 + floor(:people * r.r5 ^ 3)::int AS a2) a
           JOIN shapes sh ON sh.id = r.g % 1000"""),
        {"v": VERSION, "events": events, "per": MENTIONS_PER_EVENT, "outlets": OUTLETS, "articles": articles,
         "codes": [p[0] for p in parties], "names": [p[1] for p in parties], "ncodes": n_codes, "people": PEOPLE})
    conn.execute(text("SELECT setval(pg_get_serial_sequence('events', 'id'), :n)"), {"n": events})
    conn.execute(text(
        """INSERT INTO event_mentions (id, article_id, coder_version, mention_key, event_key, event_id, event_type,
                                       event_date, date_precision, status, location, destination, destination_code,
                                       quote, evidence_text, evidence_start, evidence_end, confidence, cameo_code,
                                       plover_code, party_codes, actor_ids, actor_roles, payload)
           SELECT (e.id - 1) * :per + i, 1 + ((e.id - 1) * :per + i - 1) / 10 % :articles, e.coder_version,
                  'm' || e.id || '.' || i, e.event_key, e.id, e.event_type, e.event_date, e.date_precision, e.status, e.location,
                  e.destination, e.destination_code, e.quote, e.evidence, 0, length(e.evidence), 0.8, e.cameo_code,
                  e.plover_code, e.party_codes, e.actor_ids, e.actor_roles, '{}'
           FROM events e CROSS JOIN generate_series(1, :per) i"""),
        {"per": MENTIONS_PER_EVENT, "articles": articles})
    conn.execute(text("SELECT setval(pg_get_serial_sequence('event_mentions', 'id'), :n)"),
                 {"n": events * MENTIONS_PER_EVENT})
    loaded = time.perf_counter() - started
    for _, definition in indexes:
        conn.execute(text(definition))
    rebuild_daily_counts(conn)
    return {"build_rows_s": loaded, "build_total_s": time.perf_counter() - started}


def _indexes_in(plan: dict) -> set[str]:
    found = {plan["Index Name"]} if "Index Name" in plan else set()
    for child in plan.get("Plans", []):
        found |= _indexes_in(child)
    return found


def measure(owner_url: str, plans_path: Path) -> dict[str, float | str]:
    owner = create_engine(owner_url)
    name = f"bench_{uuid.uuid4().hex[:8]}"
    analyst = create_engine(make_url(create_analyst_login(owner, name)).set(drivername="postgresql+psycopg"))
    out: dict[str, float | str] = {}
    plans = ["# Plans of the guide's queries on the synthetic database (bench/queries_bench.py)\n"]
    try:
        with analyst.connect() as conn:
            for q in guide_queries():
                rows = conn.execute(text(q.sql)).all()  # warm-up, and the answer must not be empty
                times = []
                for _ in range(RUNS):
                    started = time.perf_counter()
                    conn.execute(text(q.sql)).all()
                    times.append((time.perf_counter() - started) * 1000)
                plan = conn.execute(text("EXPLAIN (ANALYZE, FORMAT JSON) " + q.sql)).scalar_one()
                plan = plan if isinstance(plan, list) else json.loads(plan)
                shown = conn.execute(text("EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF, SUMMARY OFF) " + q.sql)).scalars()
                out[f"query_{q.name}_ms"] = statistics.median(times)
                out[f"query_{q.name}_rows"] = len(rows)
                out[f"query_{q.name}_index"] = ",".join(sorted(_indexes_in(plan[0]["Plan"]))) or "none"
                plans.append(f"## {q.name}: {statistics.median(times):.1f} ms, {len(rows)} rows\n\n```\n"
                             + "\n".join(shown) + "\n```\n")
            # Daily counts: the table kept by the loads against the same figures computed from events.
            for label, sql in (
                ("daily_counts_table_all", "SELECT day, event_type, events FROM v_daily_event_counts"),
                ("daily_counts_from_events_all",
                 "SELECT day, event_type, count(*) FROM v_events GROUP BY day, event_type"),
                ("daily_party_counts_from_events_month",
                 "SELECT day, event_type, p, count(*) FROM v_events, unnest(parties) p "
                 "WHERE day BETWEEN date '2026-11-01' AND date '2026-11-30' GROUP BY 1, 2, 3"),
                ("daily_party_counts_from_events_all",
                 "SELECT day, event_type, p, count(*) FROM v_events, unnest(parties) p GROUP BY 1, 2, 3"),
            ):
                times = []
                for _ in range(3):
                    started = time.perf_counter()
                    conn.execute(text(sql)).all()
                    times.append((time.perf_counter() - started) * 1000)
                out[f"{label}_ms"] = statistics.median(times)
        with owner.connect() as conn:
            sizes = conn.execute(text(
                """SELECT pg_total_relation_size('event_mentions'), pg_relation_size('event_mentions'),
                          pg_total_relation_size('events')""")).one()
        out["event_mentions_total_mb"] = sizes[0] / 2**20
        out["event_mentions_heap_mb"] = sizes[1] / 2**20
        out["events_total_mb"] = sizes[2] / 2**20
    finally:
        analyst.dispose()
        drop_analyst_login(owner, name)
        owner.dispose()
    plans_path.parent.mkdir(parents=True, exist_ok=True)
    plans_path.write_text("\n".join(plans))
    return out


def run() -> dict[str, float | str]:
    with temporary_database("pipeline_bench_q") as url:
        engine = create_engine(url)
        try:
            upgrade(engine)
            with engine.begin() as conn:
                figures = build(conn)
            with engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                conn.execute(text("VACUUM ANALYZE"))
        finally:
            engine.dispose()
        figures |= {"synthetic_events": EVENTS, "synthetic_mentions": EVENTS * MENTIONS_PER_EVENT}
        figures |= measure(url, get_settings().home / "bench" / "query_plans.md")
    return figures
