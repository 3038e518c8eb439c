"""Loader throughput: mentions merged per second through COPY + one merge, against plain
row-by-row INSERTs of the same rows in the same database."""

from __future__ import annotations

import hashlib
import json
import time
from datetime import UTC, date, datetime

from sqlalchemy import create_engine, text

from pipeline.model import Article
from pipeline.store import articles, load
from pipeline.store.db import temporary_database
from pipeline.store.migrations import upgrade

ARTICLES = 200
EVENTS_PER_ARTICLE = 10


def _event(a: int, n: int) -> dict:
    return {"type": "statement", "date": "2026-11-02", "status": "occurred", "location": None, "destination": None,
            "actors": [], "parties": [{"name": "Kenya", "code": "KEN"}],
            "speaker": {"name": f"Speaker {n}", "country": "KEN"}, "quote": f"quote {a} {n} about trade and power",
            "evidence": {"start": n, "end": n + 10, "text": "x"}, "confidence": 0.9,
            "codes": {"cameo": "010", "plover": "CONSULT"}, "coder_version": "bench"}


def run() -> dict[str, float]:
    with temporary_database("pipeline_bench") as url:
        engine = create_engine(url)
        try:
            return _measure(engine)
        finally:
            engine.dispose()


def _measure(engine) -> dict[str, float]:
    upgrade(engine)
    refs = []
    with engine.begin() as conn:
        for a in range(ARTICLES):
            body = f"article {a}"
            art = Article(url=f"http://127.0.0.1/{a}", canonical_url=f"http://127.0.0.1/{a}", title=None,
                          text=body, source="127.0.0.1", published_at=datetime(2026, 11, 2, tzinfo=UTC),
                          content_hash=hashlib.sha256(body.encode()).hexdigest())
            refs.append(load.ArticleRef(articles.insert_article(conn, art, None, None), date(2026, 11, 2)))
    batch = [(ref, [_event(ref.id, n) for n in range(EVENTS_PER_ARTICLE)]) for ref in refs]
    n = ARTICLES * EVENTS_PER_ARTICLE

    started = time.perf_counter()
    with engine.begin() as conn:
        load.load_mentions(conn, batch, "bench")
    merged = time.perf_counter() - started

    started = time.perf_counter()
    with engine.begin() as conn:  # the naive way: one INSERT per mention, same table
        for ref, events in batch:
            for i, ev in enumerate(events):
                conn.execute(text(
                    """INSERT INTO event_mentions (article_id, coder_version, mention_key, event_key, event_type,
                           status, evidence_text, evidence_start, evidence_end, confidence, payload)
                       VALUES (:a, 'naive', :k, :k, 'statement', 'occurred', 'x', 0, 1, 0.9, :p)"""),
                    {"a": ref.id, "k": f"{ref.id}-{i}", "p": json.dumps(ev)})
    naive = time.perf_counter() - started
    return {
        "load_mentions": n,
        "load_mentions_per_s": n / merged,
        "load_naive_insert_mentions_per_s": n / naive,
        "load_ratio_vs_naive_insert": naive / merged,
    }
